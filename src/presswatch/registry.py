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

    def register(self, name: str, *, after: str | None = None) -> Callable[[T], T]:
        """A decorator declaring `name`; `after` places it behind another entry."""

        def declare(entry: T) -> T:
            self.add(name, entry, after=after)
            return entry

        return declare

    def add(self, name: str, entry: T, *, after: str | None = None) -> None:
        items = [(k, v) for k, v in self.entries.items() if k != name]
        position = len(items)
        if after is not None:
            position = next((i + 1 for i, (k, _) in enumerate(items) if k == after), position)
        items.insert(position, (name, entry))
        self.entries = dict(items)

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
