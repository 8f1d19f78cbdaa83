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
    order = sorted(spans, key=lambda a: (a.start, -a.end))
    rank = {id(a): i for i, a in enumerate(order)}
    opened_once: set[int] = set()
    stack: list[Annotation] = []
    parts: list[str] = []
    for left, right in itertools.pairwise(boundaries):
        active = [a for a in order if a.start <= left and a.end >= right]
        active.sort(key=lambda a: rank[id(a)])
        common = 0
        while common < min(len(stack), len(active)) and stack[common] is active[common]:
            common += 1
        for annotation in reversed(stack[common:]):
            parts.append(annotation.close())
        stack = stack[:common]
        for annotation in active[common:]:
            parts.append(annotation.open(first=id(annotation) not in opened_once))
            opened_once.add(id(annotation))
            stack.append(annotation)
        parts.append(escape(text[left:right], quote=False))
    for annotation in reversed(stack):
        parts.append(annotation.close())
    return "".join(parts).replace("\n", "<br>\n")
