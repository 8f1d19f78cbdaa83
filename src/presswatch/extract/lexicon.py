"""Word lists kept as data files in presswatch/data, loaded once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-entry-per-line file; blank lines and `#` comments ignored."""
    text = resources.files("presswatch.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def data_file(name: str) -> Any:
    """A YAML data file from presswatch/data."""
    text = resources.files("presswatch.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
