"""Sentences and stories that code no events: PETRARCH-2's discard list (data/discards.json).

A phrase found in a sentence (after a space, any case) marks that sentence as not
codable: sport, entertainment, historical chronologies ("Champions League", "box office",
"1914"). A phrase marked for the story ("World Cup") marks every sentence of the report.
A phrase written with a final `_` must end at a word's end; otherwise it is a stem
("goalkeep" finds "goalkeeping").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class DiscardList:
    sentence: re.Pattern[str] | None
    story: re.Pattern[str] | None

    @classmethod
    def from_data(cls, discards: list[Any]) -> DiscardList:
        def pattern(scope: str) -> re.Pattern[str] | None:
            parts = [
                re.escape(phrase) + (r"(?![\w])" if whole_word else "")
                for phrase, where, whole_word in discards
                if where == scope
            ]
            # Longest first, so a phrase is not cut short by a shorter one it begins with.
            parts.sort(key=len, reverse=True)
            return re.compile(r"(?<![\w])(?:" + "|".join(parts) + ")") if parts else None

        return cls(pattern("sentence"), pattern("story"))

    def phrase_in(self, sentence: str, story: str = "") -> str | None:
        """The discard phrase that stops this sentence being coded, or None."""
        for pattern, text in ((self.sentence, sentence), (self.story, story or sentence)):
            found = pattern.search(text.casefold()) if pattern is not None else None
            if found is not None:
                return found.group(0)
        return None


@lru_cache(maxsize=1)
def discard_list() -> DiscardList:
    """The shipped discard list, read once per process."""
    source = resources.files("presswatch.data").joinpath("discards.json")
    return DiscardList.from_data(json.loads(source.read_text(encoding="utf-8"))["discards"])
