"""Errors that name the input and the reason in one line."""

from __future__ import annotations


class PresswatchError(Exception):
    """Base class: the message is one line a person can act on."""


class InputError(PresswatchError):
    """An input could not be read; the batch goes on without it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelNotFound(PresswatchError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"{name}: spaCy pipeline not installed (pip install it, or pass --model NAME)"
        )
        self.name = name
