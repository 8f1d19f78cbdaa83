"""presswatch: turn news reports into a verifiable record.

>>> import presswatch
>>> record = presswatch.analyze(["examples/"])            # doctest: +SKIP
>>> [q.text for q in record.quotes if q.speaker]          # doctest: +SKIP
>>> presswatch.analyze_text(text, outlet="Tehran Times")  # doctest: +SKIP
>>> nlp = presswatch.load()  # a spaCy pipeline with the presswatch components  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyze", "analyze_text", "load"]

if TYPE_CHECKING:
    from presswatch.pipeline import analyze, analyze_text, load

# The Python API, loaded from presswatch.pipeline when first used.
_API = ("analyze", "analyze_text", "load")


def __getattr__(name: str) -> Any:
    # Importing presswatch stays cheap; spaCy loads only when analysis is asked for.
    if name in _API:
        from presswatch import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
