"""The report's table of contents: its sections in order, and links to pages beside it.

A section is declared where it is written, with `@report_section(label, anchor)`; the
sections module declares the report's own, and any other module (the side-by-side
comparison) adds one the same way, placed with `after=`, without editing the page.
Both lists are `presswatch.registry.Registry` objects, the mechanism every extension
point uses; this module imports none of the modules that fill them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from presswatch.model import Record
from presswatch.registry import Registry

Section = Callable[[Record], str]


@dataclass(frozen=True)
class ReportSection:
    """One section of the page: its navigation label, the id it renders, the function."""

    label: str
    anchor: str
    render: Section


# Keyed by anchor; loading imports the modules that declare sections, in this order.
SECTIONS: Registry[ReportSection] = Registry(
    "report section", "presswatch.render", ("sections", "stories", "compare")
)
# Navigation entries that point outside the page (a comparison page): label → href.
LINKS: Registry[str] = Registry("report link", "presswatch.render")


def add_section(label: str, anchor: str, render: Section, *, after: str | None = None) -> None:
    """Add a section to every report, after the section whose anchor is `after` (else last).

    `render(record)` must return one `<section id="{anchor}">…</section>` whose article-derived
    text it has escaped itself. Adding the same anchor twice replaces the first.
    """
    SECTIONS.add(anchor, ReportSection(label, anchor, render), after=after)


def report_section(
    label: str, anchor: str, *, after: str | None = None
) -> Callable[[Section], Section]:
    """A decorator declaring a function as a report section (see `add_section`)."""

    def declare(render: Section) -> Section:
        add_section(label, anchor, render, after=after)
        return render

    return declare


def add_link(label: str, href: str) -> None:
    """Add a navigation link to a page written next to the report (relative href)."""
    LINKS.add(label, href)


def report_sections() -> list[ReportSection]:
    return list(SECTIONS.load().values())


def report_links() -> list[tuple[str, str]]:
    return list(LINKS.load().items())
