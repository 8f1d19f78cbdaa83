"""Ids of what linking makes (actors, stories, quote groups, findings), derived from content.

An id is a letter for the kind of record and a short hash of the thing's key: what it is
(an actor's name key, a story's founding report and event, a group's or finding's
members), never where it stands in a list. So a citation stays valid when the corpus
grows, and a record linked twice from the same reports carries the same ids.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

# 10 hex digits: 40 bits, so a hash collision is unlikely below a million records of a kind;
# one that happens still gets a distinct id (a suffix), never a shared one.
HASH_CHARS = 10
_FIELD = "\x1f"
_MEMBERS = "\x1e"


class Identified(Protocol):
    id: str


def member_key(*parts: str | None, members: Iterable[str] = ()) -> str:
    """A key from what names a thing (`parts`, in order) and its members (order ignored)."""
    return _FIELD.join(p or "" for p in parts) + _MEMBERS + _FIELD.join(sorted(members))


def content_id(prefix: str, key: str) -> str:
    """`prefix` and the first hex digits of the key's SHA-256."""
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return prefix + digest[:HASH_CHARS]


def assign_ids(
    items: Sequence[Identified],
    prefix: str,
    keys: Sequence[str],
    *,
    order: Sequence[str] | None = None,
    taken: Collection[str] = (),
) -> None:
    """Set each item's id from its key. Items whose ids would repeat (one key, a hash
    collision, or an id in `taken`) are told apart by `-2`, `-3`, … in key order, then
    `order` (or list order): deterministic for the same content."""
    tiebreak = order if order is not None else [f"{i:012d}" for i in range(len(items))]
    by_id: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        by_id[content_id(prefix, key)].append(index)
    used = set(taken)
    for base, indices in by_id.items():
        indices.sort(key=lambda i: (keys[i], tiebreak[i]))
        number = 1
        for index in indices:
            candidate = base
            while candidate in used:
                number += 1
                candidate = f"{base}-{number}"
            items[index].id = candidate
            used.add(candidate)
