"""Registries are filled by importing the modules that declare their entries."""

from __future__ import annotations

import importlib
from collections.abc import Iterable


def import_members(package: str, modules: Iterable[str]) -> None:
    """Import `package.module` for each name, so its decorators register what it defines."""
    for module in modules:
        importlib.import_module(f"{package}.{module}")
