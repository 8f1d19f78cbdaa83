"""English stop words: spaCy's own list, read from its source file without importing
spaCy, so code that only compares words (quote alignment) stays cheap to import."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English STOP_WORDS (the same set `spacy.lang.en.stop_words` builds)."""
    # find_spec on a top-level name locates the package without running its __init__;
    # stop_words.py itself imports nothing, so it loads on its own.
    package = importlib.util.find_spec("spacy")
    if package is None or not package.submodule_search_locations:
        raise ModuleNotFoundError("spacy is not installed")
    folder = Path(next(iter(package.submodule_search_locations)))
    spec = importlib.util.spec_from_file_location(
        "presswatch.lang._spacy_en_stop_words", folder / "lang" / "en" / "stop_words.py"
    )
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError("spacy.lang.en.stop_words")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(str(word) for word in module.STOP_WORDS)
