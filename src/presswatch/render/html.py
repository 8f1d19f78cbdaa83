"""The HTML report: one self-contained page a person can read and cite from.

This module composes: the sections live in `sections`, the offsets-to-markup work in
`highlight`, the stylesheet in `style`. Everything from an article is escaped there; the
page loads nothing from outside and runs no script. Another module (the side-by-side
comparison) adds its own section with `add_section`, or a link to a separate page with
`add_link`, without editing this file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from presswatch.model import Record
from presswatch.render.sections import (
    actors_section,
    documents_section,
    findings_section,
    overview,
    quotes_section,
    stories_section,
    text,
)
from presswatch.render.style import STYLE

Section = Callable[[Record], str]


@dataclass(frozen=True)
class ReportSection:
    """One section of the page: its navigation label, the id it renders, the function."""

    label: str
    anchor: str
    render: Section


SECTIONS: list[ReportSection] = [
    ReportSection("Overview", "overview", overview),
    ReportSection("Findings", "findings", findings_section),
    ReportSection("Stories", "stories", stories_section),
    ReportSection("Actors", "actors", actors_section),
    ReportSection("Quotes", "quotes", quotes_section),
    ReportSection("Documents", "documents", documents_section),
]

# Extra navigation entries that point outside the page (e.g. a comparison page).
LINKS: list[tuple[str, str]] = []


def add_section(label: str, anchor: str, render: Section, *, after: str | None = None) -> None:
    """Add a section to every report, after the section whose anchor is `after` (else last).

    `render(record)` must return one `<section id="{anchor}">…</section>` whose article-derived
    text it has escaped itself. Adding the same anchor twice replaces the first.
    """
    SECTIONS[:] = [s for s in SECTIONS if s.anchor != anchor]
    position = len(SECTIONS)
    if after is not None:
        position = next((i + 1 for i, s in enumerate(SECTIONS) if s.anchor == after), position)
    SECTIONS.insert(position, ReportSection(label, anchor, render))


def add_link(label: str, href: str) -> None:
    """Add a navigation link to a page written next to the report (relative href)."""
    if (label, href) not in LINKS:
        LINKS.append((label, href))


def render_report(record: Record, title: str = "presswatch report") -> str:
    navigation = "".join(
        f'<a href="#{text(section.anchor)}">{text(section.label)}</a>' for section in SECTIONS
    ) + "".join(f'<a href="{text(href)}">{text(label)}</a>' for label, href in LINKS)
    body = "".join(section.render(record) for section in SECTIONS)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No script, no remote resource: the page is safe to open whatever the articles say.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{text(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{text(title)}</h1><nav>{navigation}</nav></header>"
        f"<main>{body}</main></body></html>\n"
    )


def write_report(record: Record, path: str | Path) -> None:
    Path(path).write_text(render_report(record), encoding="utf-8")


def _register_contributed_sections() -> None:
    # Sections other render modules contribute through add_section; imported here, after
    # add_section exists, so those modules may import this one.
    from presswatch.render.compare import register_story_section

    register_story_section()


_register_contributed_sections()
