"""The page shell every HTML page shares: the report, the comparison page and serve's pages.

One frame (doctype, head, header with title and navigation, main) and one stylesheet, so
the pages look alike and the safety rules are written once: the Content-Security-Policy
lets a page load nothing from anywhere and run no script, and every string the shell
shows is escaped here. The body is markup its caller built and escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from presswatch.render.style import STYLE

# Inline style only: no script, no remote resource, no form or base URL to hijack. The
# page is safe to open whatever the articles in it say.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
# The workbench's pages run one script, served by the same server (never inline, so an
# article's text cannot become code), and their search form submits to the same server.
SERVED_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; "
    "base-uri 'none'; form-action 'self'"
)
# Quotation marks an extracted span may start or end with: shown inside our own “…”,
# they would double up (“"Our people …).
QUOTE_MARKS = "\"'“”‘’«»„‟‹›"


def text(value: object) -> str:
    """Escape anything shown on a page (None shows as nothing)."""
    return escape("" if value is None else str(value), quote=True)


def quoted(words: str | None) -> str:
    """Words an article says, escaped, in one pair of curly quotes (their own marks and
    surrounding space dropped), with inner whitespace runs shown as one space."""
    inner = " ".join((words or "").split()).lstrip(QUOTE_MARKS + " ")
    # A closing apostrophe may be a possessive ("the Palestinians'"): kept.
    inner = inner.rstrip(QUOTE_MARKS.replace("'", "").replace("’", "") + " ")
    return f"“{text(inner)}”"


def render_page(
    title: str,
    body: str,
    *,
    subtitle: str = "",
    navigation: Sequence[tuple[str, str]] = (),
    wide: bool = False,
    scripts: Sequence[str] = (),
) -> str:
    """A whole page around `body`; `navigation` is (label, href) pairs, `wide` drops the
    reading width for pages of side-by-side columns. `scripts` are same-server script
    URLs (the workbench's): with none, the page runs no script at all."""
    links = "".join(f'<a href="{text(href)}">{text(label)}</a>' for label, href in navigation)
    main = '<main class="wide">' if wide else "<main>"
    policy = SERVED_POLICY if scripts else CONTENT_SECURITY_POLICY
    tags = "".join(f'<script src="{text(src)}" defer></script>' for src in scripts)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        f"<title>{text(title)}</title><style>{STYLE}</style>{tags}</head><body>"
        f"<header><h1>{text(title)}</h1>"
        + (f'<p class="subtitle">{text(subtitle)}</p>' if subtitle else "")
        + (f"<nav>{links}</nav>" if links else "")
        + f"</header>{main}{body}</main></body></html>\n"
    )
