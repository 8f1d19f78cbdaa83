"""Record objects read back from the store, held in less memory.

Measured on 1,000 stored analyses (issue 17): pydantic gives every model instance its own
set of the fields set at validation, and read from stored JSON (every field is written)
that set is all of the model's fields; a five-element set takes 728 bytes, several times
the `Mention` it belongs to. Those sets were 58 % of the analyses' objects by size, and
the whole-corpus pass holds every analysis. `compact` gives every instance one shared
set per model class holding all its fields, and makes equal short strings (document
ids, mention texts, kinds) and equal offsets one object each. Values and types are
unchanged: the record is the same, field by field, and so is its JSON.

Why the complete set for every instance: stored JSON is written with every field
(`model_dump_json`), so what it lacks is a field the schema gained since (additive,
optional), which holds its default like any written default; pydantic only ever adds a
name to the set when a field is assigned, a no-op on the complete set, so the shared set
never changes. Nothing in presswatch reads `model_fields_set` or dumps `exclude_unset`.

Key-sharing dicts (CPython only): pydantic gives every instance a dict of its own keys
and values, several times the size of the values alone. CPython lets the instances of a
plain class share one table of keys, each instance's dict holding only its values (PEP
412); `compact` fills an instance of one such holder class per model class with the
model's fields, in the model's order, and gives the model that dict (a `Mention`: 363 →
235 bytes, issue 17). It is an ordinary dict: assigning a field keeps it shared, a key
the holder's table lacks makes it an ordinary combined dict (correct, only larger), and
the values, the JSON and pydantic's assignment are unchanged. Elsewhere than CPython
the dict is simply the holder's own (tests/link/test_compact.py checks the sharing).
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import cast

from pydantic import BaseModel

# One complete fields set per model class, shared by its instances.
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}
# One plain holder class per model class, whose instances' dicts share one key table.
_HOLDERS: dict[type[BaseModel], type] = {}
# Strings this long or shorter are shared (ids, names, kinds); longer ones (texts) are
# rarely equal and are left alone.
SHARED_STRING = 64
# Offsets and counts below this are shared: a report's offsets repeat across reports.
SHARED_INT = 1 << 16
_INTS: dict[int, int] = {}


def compact(value: object) -> None:
    """Share what the model instances under `value` (a model or a list) hold alike, in
    place: their complete fields sets, their dicts' key tables, short strings and small
    integers."""
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, BaseModel):
            _share_fields_set(item)
            _share_keys(item)
            values = item.__dict__
            for key, field in values.items():
                shared = _shared(field)
                if shared is not field:
                    values[key] = shared
                elif isinstance(field, BaseModel | list):
                    stack.append(field)
        elif isinstance(item, list):
            for index, element in enumerate(item):
                shared = _shared(element)
                if shared is not element:
                    item[index] = shared
                elif isinstance(element, BaseModel | list):
                    stack.append(element)


def _share_fields_set(model: BaseModel) -> None:
    kind = type(model)
    full = _ALL_FIELDS.get(kind)
    if full is None:
        full = _ALL_FIELDS.setdefault(kind, set(kind.model_fields))
    object.__setattr__(model, "__pydantic_fields_set__", full)


def _share_keys(model: BaseModel) -> None:
    """Give `model` a dict of the same keys and values that shares its key table with the
    other instances of its class (see the module's docstring)."""
    kind = type(model)
    holder = _HOLDERS.get(kind)
    if holder is None:
        holder = _HOLDERS.setdefault(kind, type(f"{kind.__name__}Fields", (), {}))
    fields = holder()
    # Set one at a time, in the model's order: a dict filled any other way (update, a
    # copy) gets a table of its own.
    for key, value in model.__dict__.items():
        setattr(fields, key, value)
    object.__setattr__(model, "__dict__", fields.__dict__)


def _shared(value: object) -> object:
    """The one shared object equal to `value`, or `value` itself."""
    if type(value) is str:
        return sys.intern(value) if len(value) <= SHARED_STRING else value
    if type(value) is int and 0 <= value < SHARED_INT:
        return _INTS.setdefault(value, value)
    return value


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system where the C library can (glibc's
    `malloc_trim`; elsewhere it does nothing). Python keeps its small objects in arenas
    of its own; what it frees on the C heap (large dict tables and lists, such as story
    placement's index of every report's words) stays mapped for the C heap's own later
    use, so a pass that frees such a structure and then builds small objects held both
    (issue 17: about 50 MB of the whole-corpus pass's peak at 10,000 reports). Values are
    untouched; it costs a walk of the free lists."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """The objects alive before the block are left out of the collector's passes during
    it (`gc.freeze`), and put back after. A run's process holds the spaCy pipeline and
    the extractors' data (250,000 tracked objects after the warm-up), which live as long
    as the process; every full collection walked them all. The whole-corpus pass made
    two (0.25 s of a 1.75 s pass on 150 reports), and the analysis spent 2.8 % of its
    time collecting, 1 % when they are frozen (issue 17). Worker processes forked in the
    block inherit the freeze: their collections do not touch, and so do not copy, the
    pages they share with this process. Objects made in the block are collected as
    before. Nested or under a caller's own freeze it does nothing (unfreezing would undo
    the caller's)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return cast(Callable[[int], int], ctypes.CDLL(None).malloc_trim)
    except (OSError, AttributeError):  # a C library without it (musl)
        return None
