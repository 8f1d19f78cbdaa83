"""The HTML report: one self-contained page a person can read and cite from.

This module composes: the sections are declared in `contents` (written in `sections`, and
by any other module that adds one, such as the side-by-side comparison), the offsets-to-
markup work is in `highlight`, the page frame and stylesheet in `page`. Everything from an
article is escaped there; the page loads nothing from outside and runs no script.
"""

from __future__ import annotations

from pathlib import Path

from presswatch.model import Record
from presswatch.render.contents import add_link, add_section, report_links, report_sections
from presswatch.render.page import render_page

__all__ = ["add_link", "add_section", "render_report", "write_report"]


def render_report(record: Record, title: str = "presswatch report") -> str:
    sections = report_sections()
    navigation = [(section.label, f"#{section.anchor}") for section in sections]
    body = "".join(section.render(record) for section in sections)
    return render_page(title, body, navigation=navigation + report_links())


def write_report(record: Record, path: str | Path) -> None:
    Path(path).write_text(render_report(record), encoding="utf-8")
