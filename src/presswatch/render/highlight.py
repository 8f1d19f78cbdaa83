"""Character-offset annotations → nested, escaped HTML.

Annotations may overlap in any way (a mention inside a quote, a framing term crossing a
claim). Markup is built segment by segment: between two boundaries the set of active
annotations is fixed; the open stack is closed down to the common prefix and the rest
reopened, so tags always nest and every text byte is escaped exactly once.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    tag: str  # element name, e.g. "mark" or "q"
    attributes: tuple[tuple[str, str], ...] = ()

    def open(self, first: bool) -> str:
        attributes = (
            self.attributes
            if first
            else tuple((name, value) for name, value in self.attributes if name != "id")
        )
        rendered = "".join(f' {name}="{escape(value, quote=True)}"' for name, value in attributes)
        return f"<{self.tag}{rendered}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def highlight(text: str, annotations: list[Annotation]) -> str:
    """`text` escaped, with each annotation wrapped around its characters."""
    spans = [a for a in annotations if 0 <= a.start < a.end <= len(text)]
    boundaries = sorted({0, len(text), *(a.start for a in spans), *(a.end for a in spans)})
    # Outer annotations first, so a quote wraps the mentions inside it.
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end))
    rank = {i: position for position, i in enumerate(order)}
    starting: dict[int, list[int]] = {}
    for i in order:
        starting.setdefault(spans[i].start, []).append(i)
    active: set[int] = set()
    opened_once: set[int] = set()
    stack: list[int] = []
    parts: list[str] = []
    for left, right in itertools.pairwise(boundaries):
        # Sweep: annotations join at their start and leave once they have ended.
        active.update(starting.get(left, ()))
        active = {i for i in active if spans[i].end > left}
        wanted = sorted(active, key=rank.__getitem__)
        common = 0
        while common < min(len(stack), len(wanted)) and stack[common] == wanted[common]:
            common += 1
        for i in reversed(stack[common:]):
            parts.append(spans[i].close())
        stack = stack[:common]
        for i in wanted[common:]:
            parts.append(spans[i].open(first=i not in opened_once))
            opened_once.add(i)
            stack.append(i)
        parts.append(escape(text[left:right], quote=False))
    for i in reversed(stack):
        parts.append(spans[i].close())
    return "".join(parts).replace("\n", "<br>\n")
