"""presswatch: turn news reports into a verifiable record.

>>> import presswatch
>>> record = presswatch.analyze(["examples/"])            # doctest: +SKIP
>>> [q.text for q in record.quotes if q.speaker]          # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyze"]

if TYPE_CHECKING:
    from presswatch.pipeline import analyze


def __getattr__(name: str) -> Any:
    # Importing presswatch stays cheap; spaCy loads only when analysis is asked for.
    if name == "analyze":
        from presswatch.pipeline import analyze

        return analyze
    raise AttributeError(name)
