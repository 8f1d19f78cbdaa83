"""Which local actor a stretch of text refers to: the index extractors share."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice


@dataclass(order=True)
class IndexedMention:
    start: int
    end: int
    actor: str = field(compare=False)
    kind: str = field(default="name", compare=False)


@dataclass
class MentionIndex:
    """Character spans of mentions, each tied to a local actor id."""

    items: list[IndexedMention] = field(default_factory=list)
    # The longest mention bounds how far before `start` an overlapping one can begin, so
    # a lookup reads a few neighbours, not every mention of a long document.
    longest: int = 0

    def add(self, start: int, end: int, actor: str, kind: str = "name") -> None:
        insort(self.items, IndexedMention(start, end, actor, kind))
        self.longest = max(self.longest, end - start)

    def overlapping(self, start: int, end: int) -> Iterator[IndexedMention]:
        """The mentions overlapping [start, end), in order."""
        earliest = start - self.longest
        first = bisect_left(self.items, IndexedMention(earliest, earliest, ""))
        for item in islice(self.items, first, None):
            if item.start >= end:
                return
            if min(end, item.end) > max(start, item.start):
                yield item

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor whose mention overlaps [start, end) the most; None when none does."""
        best: tuple[int, int] | None = None
        chosen: str | None = None
        for item in self.overlapping(start, end):
            overlap = min(end, item.end) - max(start, item.start)
            # Prefer more overlap, then the tighter mention.
            rank = (overlap, -(item.end - item.start))
            if best is None or rank > best:
                best, chosen = rank, item.actor
        return chosen

    def mentions_of(self, actor: str) -> list[IndexedMention]:
        return [item for item in self.items if item.actor == actor]
