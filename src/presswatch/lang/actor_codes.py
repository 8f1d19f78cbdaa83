"""CAMEO actor codes for the words that name an actor, from the PETRARCH-2 Phoenix dictionaries.

Three dictionaries (converted by scripts/convert_petrarch.py):
- data/phoenix_actors.json: countries, people and organisations, each person's code dated
  ("Ali Khamenei": IRNGOV from 1989-06-04);
- data/phoenix_groups.json: militant and non-state groups (Hamas: PSEREBHMS);
- data/phoenix_agents.json: agent nouns (minister: ~GOV, militants: ~REB).
A phrase is read left to right, the longest dictionary name first at each word, as
PETRARCH reads a noun phrase. A named actor gives its code on the report's date; agents
add their code to a country's ("Iranian foreign minister": IRN + GOV = IRNGOV). An agent
with no country word names no one in particular and gives no code. Nothing here decides
who is mentioned: it only codes words the text already treats as an actor.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_SEPARATORS = re.compile(r"[\s,;:()\"“”«»]+")


def name_words(text: str) -> tuple[str, ...]:
    """Words to look up: accents folded, lower case, possessives and final dots dropped."""
    if text.isascii():
        folded = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = []
    for word in _SEPARATORS.split(folded):
        word = word.rstrip(".")
        if word.endswith("'s"):
            word = word[:-2]
        if word:
            words.append(word)
    return tuple(words)


@dataclass(frozen=True)
class Entry:
    """One dictionary record: its first name, an undated default code and dated codes
    [code, from, to] (ISO dates, either end open); the first that holds gives the code."""

    name: str
    kind: str  # actor | group | agent
    default: str | None
    spells: tuple[tuple[str | None, str | None, str | None], ...] = ()

    def code_on(self, day: str | None) -> str | None:
        """The code on `day` (ISO). Without a date, the open-ended (current) code."""
        for code, start, end in self.spells:
            if day is None:
                if end is None:
                    return code
            elif (start is None or start <= day) and (end is None or day <= end):
                return code
        return self.default


@dataclass(frozen=True)
class Found:
    """A dictionary name found in a phrase, at words [start, end)."""

    entry: Entry
    start: int
    end: int


@dataclass(frozen=True)
class ActorCode:
    """The code of a phrase, with the dictionary names that gave it."""

    code: str
    names: tuple[str, ...]


@dataclass
class ActorCodebook:
    index: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=dict)

    def add(self, words: tuple[str, ...], entry: Entry) -> None:
        if words:
            self.index.setdefault(words[0], []).append((words, entry))

    def finish(self) -> ActorCodebook:
        for entries in self.index.values():
            # Longest name first; at equal length a named actor before a group or agent.
            order = {"actor": 0, "group": 1, "agent": 2}
            entries.sort(key=lambda item: (-len(item[0]), order[item[1].kind]))
        return self

    @classmethod
    def from_data(cls, actors: list[Any], groups: list[Any], agents: list[Any]) -> ActorCodebook:
        # The converter wrote every name as `name_words` spells it, joined by spaces.
        book = cls()
        for kind, records in (("actor", actors), ("group", groups)):
            for names, default, spells in records:
                entry = Entry(names[0], kind, default, tuple(tuple(s) for s in spells))
                for name in names:
                    book.add(tuple(name.split()), entry)
        for phrase, code in agents:
            book.add(tuple(phrase.split()), Entry(phrase, "agent", code))
        return book.finish()

    def entries(self, keep: Callable[[Entry], bool]) -> list[tuple[Entry, tuple[str, ...]]]:
        """Each entry `keep` takes, once, with all its names (as `name_words` spells them,
        joined by spaces), in the order the index first meets them."""
        names: dict[int, list[str]] = {}
        entries: dict[int, Entry] = {}
        for candidates in self.index.values():
            for words, entry in candidates:
                if keep(entry):
                    entries[id(entry)] = entry
                    names.setdefault(id(entry), []).append(" ".join(words))
        return [(entry, tuple(dict.fromkeys(names[key]))) for key, entry in entries.items()]

    def scan(self, words: tuple[str, ...]) -> list[Found]:
        """Dictionary names in the words, left to right, longest first at each word."""
        found: list[Found] = []
        i = 0
        while i < len(words):
            for name, entry in self.index.get(words[i], ()):
                if words[i : i + len(name)] == name:
                    found.append(Found(entry, i, i + len(name)))
                    i += len(name)
                    break
            else:
                i += 1
        return found

    def code(self, text: str, day: str | None = None) -> ActorCode | None:
        """The CAMEO code of a phrase on a date: its most specific named actor or group
        ("Lebanon's Hezbollah" is Hezbollah, not Lebanon), with the agent codes of the
        phrase added; None when it names no country, actor or group."""
        found = self.scan(name_words(text))
        named = [(f, f.entry.code_on(day)) for f in found if f.entry.kind != "agent"]
        coded = [(f, code) for f, code in named if code]
        countries = {code for _, code in coded if len(code) == 3}
        # A name that belongs to another country than the phrase's own country word is a
        # stray alias ("Palestinian resistance" is not a French group called Resistance).
        consistent = [
            (f, code) for f, code in coded if not countries or code[:3] in countries
        ] or coded
        if not consistent:
            return None
        first, code = max(consistent, key=lambda item: len(item[1]))
        names = [first.entry.name]
        for agent in (f for f in found if f.entry.kind == "agent"):
            code = combine(code, agent.entry.default or "")
            names.append(agent.entry.name)
        return ActorCode(code, tuple(names))


@dataclass(frozen=True)
class KnownName:
    """A named actor or group of the Phoenix dictionaries with the code it had on a day."""

    name: str  # the dictionary's first name, as `name_words` spells it ("ali khamenei")
    aliases: tuple[str, ...]  # every name of the entry, the first one included
    code: str
    kind: str  # actor | group


def known_names(day: str | None = None, folder: str = "") -> list[KnownName]:
    """The named actors and groups of the Phoenix dictionaries (not agent nouns) that have a
    code on `day` (ISO; None: their current code), each with all its names, for resolving
    actors across documents. Names are lower case with accents folded, as `name_words`
    spells them; look a mention up with `" ".join(name_words(text))`. Nothing here decides
    who is mentioned: a name that no text names is no actor."""
    found = []
    for entry, aliases in actor_codebook(folder).entries(lambda e: e.kind != "agent"):
        code = entry.code_on(day)
        if code:
            found.append(KnownName(entry.name, aliases, code, entry.kind))
    return found


def combine(code: str, agent: str) -> str:
    """IRN + ~GOV → IRNGOV; NGO~ + IRN → NGOIRN; a part the code already holds is not
    added twice (IRNGOV + ~GOV → IRNGOV)."""
    part = agent.strip("~")
    if not part or part in code[3:]:
        return code
    return part + code if agent.endswith("~") else code + part


def load_json(name: str, folder: str = "") -> Any:
    """A converted dictionary from `folder` (scripts/convert_petrarch.py's layout), or the
    shipped one from presswatch/data."""
    if folder:
        return json.loads((Path(folder) / name).read_text(encoding="utf-8"))
    return json.loads(resources.files("presswatch.data").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=4)
def actor_codebook(folder: str = "") -> ActorCodebook:
    """The actor, group and agent dictionaries of a folder, or the shipped ones; read once
    per process."""
    return ActorCodebook.from_data(
        load_json("phoenix_actors.json", folder)["actors"],
        load_json("phoenix_groups.json", folder)["actors"],
        load_json("phoenix_agents.json", folder)["agents"],
    )
