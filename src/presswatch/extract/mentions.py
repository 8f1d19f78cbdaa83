"""Which local actor a stretch of text refers to: the index extractors share."""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field


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

    def add(self, start: int, end: int, actor: str, kind: str = "name") -> None:
        insort(self.items, IndexedMention(start, end, actor, kind))

    def actor_at(self, start: int, end: int) -> str | None:
        """The actor whose mention overlaps [start, end) the most; None when none does."""
        best: tuple[int, int] | None = None
        chosen: str | None = None
        for item in self.items:
            if item.start >= end:
                break
            overlap = min(end, item.end) - max(start, item.start)
            if overlap <= 0:
                continue
            # Prefer more overlap, then the tighter mention.
            rank = (overlap, -(item.end - item.start))
            if best is None or rank > best:
                best, chosen = rank, item.actor
        return chosen

    def mentions_of(self, actor: str) -> list[IndexedMention]:
        return [item for item in self.items if item.actor == actor]
