"""Registries: named entries declared by decorators in the modules that define them.

One mechanism serves every extension point (linkers, report sections, evaluations):
`Registry.register(name)` declares an entry, `Registry.load()` imports the modules that
declare them, and `Registry.get(name)` is an error naming the known entries when the name
is unknown, never a silent skip. Per-document extractors are spaCy factories instead
(spaCy's own registry, `presswatch.components`), so a user's pipeline can add them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from presswatch.errors import PresswatchError

T = TypeVar("T")


class UnknownName(PresswatchError):
    """A name no registry entry has: the message lists the ones there are."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        super().__init__(f"unknown {kind} {name!r} (known: {', '.join(known) or 'none'})")
        self.kind = kind
        self.name = name


def import_members(package: str, modules: Iterable[str]) -> None:
    """Import `package.module` for each name, so its decorators register what it defines."""
    for module in modules:
        importlib.import_module(f"{package}.{module}")


class Registry(Generic[T]):
    """Entries of one kind, by name, in the order they were declared (or placed)."""

    def __init__(self, kind: str, package: str, modules: Sequence[str] = ()) -> None:
        self.kind = kind
        self.package = package
        self.modules = tuple(modules)
        self.entries: dict[str, T] = {}
        self.declared: dict[str, T] = {}
        self.placed: dict[str, str] = {}  # name → the entry it follows

    def register(self, name: str, *, after: str | None = None) -> Callable[[T], T]:
        """A decorator declaring `name`; `after` places it behind another entry."""

        def declare(entry: T) -> T:
            self.add(name, entry, after=after)
            return entry

        return declare

    def add(self, name: str, entry: T, *, after: str | None = None) -> None:
        """Declare `name` (again: the new entry replaces the old and moves to the end).

        `after` holds even when that entry is declared later, so the order never depends
        on which module happened to be imported first.
        """
        self.declared.pop(name, None)
        self.declared[name] = entry
        self.placed.pop(name, None)
        if after is not None:
            self.placed[name] = after
        self.entries = {key: self.declared[key] for key in self.order()}

    def order(self) -> list[str]:
        """Declared names in declaration order, each placed entry right behind its anchor
        (entries placed behind one anchor keep their declaration order)."""
        order = [n for n in self.declared if self.placed.get(n) not in self.declared]
        pending = [n for n in self.declared if n not in order]
        while pending:
            ready = [n for n in pending if self.placed[n] in order]
            if not ready:  # entries placed behind each other in a loop: declaration order
                return order + pending
            for name in reversed(ready):
                order.insert(order.index(self.placed[name]) + 1, name)
            pending = [n for n in pending if n not in ready]
        return order

    def load(self) -> dict[str, T]:
        """Every entry, after importing the modules that declare them."""
        import_members(self.package, self.modules)
        return self.entries

    def get(self, name: str) -> T:
        entries = self.load()
        if name not in entries:
            raise UnknownName(self.kind, name, entries)
        return entries[name]

    def check(self, names: Iterable[str]) -> None:
        """Raise UnknownName for the first name that is not declared."""
        for name in names:
            self.get(name)
