"""Sentences and stories that code no events: PETRARCH-2's discard list (data/discards.json).

A phrase found in a sentence (after a space, any case) marks that sentence as not
codable: sport, entertainment, historical chronologies ("Champions League", "box office",
"1914"). A phrase marked for the story ("World Cup") marks every sentence of the report.
A phrase written with a final `_` must end at a word's end; otherwise it is a stem
("goalkeep" finds "goalkeeping").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from presswatch.lang.actor_codes import load_json


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
        return self.in_story(story or sentence) or self.in_sentence(sentence)

    def in_story(self, story: str) -> str | None:
        """The phrase that stops the whole report being coded ("World Cup"), or None."""
        return _search(self.story, story)

    def in_sentence(self, sentence: str) -> str | None:
        """The phrase that stops this sentence alone being coded, or None."""
        return _search(self.sentence, sentence)


def _search(pattern: re.Pattern[str] | None, text: str) -> str | None:
    found = pattern.search(text.casefold()) if pattern is not None else None
    return found.group(0) if found is not None else None


@lru_cache(maxsize=4)
def discard_list(folder: str = "") -> DiscardList:
    """discards.json from a folder of converted dictionaries, or the shipped one; read once
    per process."""
    return DiscardList.from_data(load_json("discards.json", folder)["discards"])
