"""The one registry mechanism: declared entries, placement, and unknown names as errors."""

from __future__ import annotations

import pytest

from presswatch.registry import Registry, UnknownName


def test_entries_keep_their_order_and_can_be_placed_after_another() -> None:
    registry: Registry[int] = Registry("number", "presswatch")
    registry.add("one", 1)
    registry.add("three", 3)
    registry.register("two", after="one")(2)
    assert list(registry.load()) == ["one", "two", "three"]
    assert registry.get("two") == 2


def test_an_unknown_name_is_an_error_listing_the_known_ones() -> None:
    registry: Registry[int] = Registry("linker", "presswatch")
    registry.add("actors", 1)
    with pytest.raises(UnknownName, match=r"unknown linker 'actor' \(known: actors\)"):
        registry.check(["actors", "actor"])


def test_an_entry_placed_after_one_declared_later_still_follows_it() -> None:
    registry: Registry[int] = Registry("section", "presswatch")
    registry.add("comparison", 9, after="stories")
    for name in ("overview", "stories", "actors"):
        registry.add(name, 0)
    registry.add("extra", 9, after="stories")
    assert list(registry.load()) == ["overview", "stories", "comparison", "extra", "actors"]


def test_declaring_a_name_again_replaces_its_entry() -> None:
    registry: Registry[int] = Registry("section", "presswatch")
    registry.add("one", 1)
    registry.add("two", 2)
    registry.add("one", 3, after="two")
    assert registry.load() == {"two": 2, "one": 3}
