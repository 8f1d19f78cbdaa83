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


def text(value: object) -> str:
    """Escape anything shown on a page (None shows as nothing)."""
    return escape("" if value is None else str(value), quote=True)


def render_page(
    title: str,
    body: str,
    *,
    subtitle: str = "",
    navigation: Sequence[tuple[str, str]] = (),
    wide: bool = False,
) -> str:
    """A whole page around `body`; `navigation` is (label, href) pairs, `wide` drops the
    reading width for pages of side-by-side columns."""
    links = "".join(f'<a href="{text(href)}">{text(label)}</a>' for label, href in navigation)
    main = '<main class="wide">' if wide else "<main>"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        f"<title>{text(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{text(title)}</h1>"
        + (f'<p class="subtitle">{text(subtitle)}</p>' if subtitle else "")
        + (f"<nav>{links}</nav>" if links else "")
        + f"</header>{main}{body}</main></body></html>\n"
    )
