"""Readers of the PETRARCH-2 dictionary formats (dictionaries.rst), without spaCy.

The verb dictionary (CAMEO.2.0.txt: synsets, verbs, patterns), the actor dictionaries
(names with dated codes), the agent nouns and the discard list, each read into plain
lists and dicts as scripts/convert_petrarch.py writes them to presswatch/data, and as
`presswatch eval cameo` reads the validation records' own dictionaries. A line that does
not fit its format is `file:line: reason: text`; every bad line of a file is gathered
(`DictionaryErrors`), or, when a `skipped` list is given, set aside there instead. The
few slips of the shipped upstream files are corrected in ERRATA by exact text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from presswatch.lang.actor_codes import name_words

# Upstream slips, by file and line: (text as it stands, text to read instead). None drops
# the line. The text must match exactly, so an updated source file is checked afresh.
ERRATA: dict[tuple[str, int], tuple[str, str | None]] = {
    ("CAMEO.2.0.txt", 2374): (
        "- * VENTURE (WITH VISIT)                              VISIT)[042:043]  # MAKE",
        "- * VENTURE (WITH VISIT) [042:043]  # MAKE",
    ),
    ("CAMEO.2.0.txt", 3335): (
        "SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93",
        "SCRAP {SCRAPPING SCRAPS SCRAPPED }",
    ),
    ("CAMEO.2.0.txt", 5787): (
        "- * DOWN (FROM)                                       [080!]        # BACK",
        "- * DOWN (FROM) [080]        # BACK",
    ),
    ("CAMEO.2.0.txt", 7606): (
        "- STRONGLY * ATTACK (ON ^)                            ^)[111]       # CONDEMN",
        "- STRONGLY * ATTACK (ON ^) [111]       # CONDEMN",
    ),
    ("CAMEO.2.0.txt", 8464): (
        "RIP {RIPPING RIPS RIPPED};shan   7/11/93",
        "RIP {RIPPING RIPS RIPPED}",
    ),
    ("CAMEO.2.0.txt", 8781): (
        "- FIGHTER_&AIRCRAFT *                                 [195]         # BOMB",
        "- {FIGHTER &AIRCRAFT} *                               [195]         # BOMB",
    ),
    ("Phoenix.Countries.actors.txt", 2039): (
        "\t[ARMUNR 9008223-911221]",
        "\t[ARMUNR 900823-911221]",
    ),
    ("Phoenix.Countries.actors.txt", 18010): ("\t[GBRGOV >201005011]", "\t[GBRGOV >20100511]"),
    ("Phoenix.Countries.actors.txt", 22508): (
        "\t[IRQOCC 1920030320-20060520]",
        "\t[IRQOCC 20030320-20060520]",
    ),
    ("Phoenix.Countries.actors.txt", 22519): (
        "\t[IRQOCC 1920030320-20060520]",
        "\t[IRQOCC 20030320-20060520]",
    ),
    ("Phoenix.Countries.actors.txt", 31715): ("\t[MNEGOV 20121204]", "\t[MNEGOV >20121204]"),
    ("Phoenix.Countries.actors.txt", 43613): (
        "\t[SDNSSDAUT 1920050709-20110709]",
        "\t[SDNSSDAUT 20050709-20110709]",
    ),
    ("Phoenix.Countries.actors.txt", 51384): (
        "\t[USAGOV 19820101] # entered Foreign Service",
        "\t[USAGOV >19820101]",
    ),
    ("Phoenix.International.actors.txt", 22): ("U.N._", "U.N._ [IGOUNO]"),
    ("Phoenix.International.actors.txt", 40): (
        "\t[KORGOVBUS 2004017-20061201]",
        "\t[KORGOVBUS 20040117-20061201]",
    ),
    ("Phoenix.International.actors.txt", 3694): ("Source: MNC.MLH.actors", None),
    ("Phoenix.International.actors.txt", 3696): (
        "A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000",
        "A.H._BELO_CORPORATION_\t[MNCMED]",
    ),
    ("Phoenix.International.actors.txt", 3726): (
        "ACCRETIVE_HEALTH_INC_\t[MNCHLH]\tOther Consumer Services\t$991,000,000",
        "ACCRETIVE_HEALTH_INC_\t[MNCHLH]",
    ),
    ("Phoenix.International.actors.txt", 6605): (
        "ORTHOFIX_INTERNATIONAL_\t[MNCNLD] Antilles\tMedical/Dental Instruments\t$503,000,000",
        "ORTHOFIX_INTERNATIONAL_\t[MNCNLD]",
    ),
    ("Phoenix.MilNonState.actors.txt", 30): (
        "+ARMY_OF_MOHAMMED_AND_THE_JAISH_ADAN_AL_ISLAMI+_ISLAMIC_ADEN_ARMY_",
        "+ARMY_OF_MOHAMMED_AND_THE_JAISH_ADAN_AL_ISLAMI +ISLAMIC_ADEN_ARMY_",
    ),
    ("Phoenix.agents.txt", 544): (
        "DEPARMENT_OF_ENVIRONMENT [~ENV}",
        "DEPARMENT_OF_ENVIRONMENT [~ENV]",
    ),
    ("Phoenix.agents.txt", 1927): ("ISLAMIC_EXTREMIST", None),
}


class DictionaryError(Exception):
    """A line of a dictionary that does not fit its format: `file:line: reason: text`."""

    def __init__(self, path: Path, number: int, reason: str, text: str) -> None:
        super().__init__(f"{path}:{number}: {reason}: {text.strip()!r}")


@dataclass
class Line:
    """One meaningful line of a dictionary: its number, raw text and text without comment."""

    path: Path
    number: int
    raw: str
    text: str

    def fail(self, reason: str) -> DictionaryError:
        return DictionaryError(self.path, self.number, reason, self.raw)


class DictionaryErrors(Exception):
    """Every bad line of one run, one `file:line: reason: text` a line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_lines(path: Path) -> Iterator[Line | DictionaryError]:
    """Lines with `#` comments cut and errata applied; blank lines skipped."""
    raw_text = path.read_bytes().decode("utf-8", errors="replace")
    for number, raw in enumerate(raw_text.splitlines(), start=1):
        erratum = ERRATA.get((path.name, number))
        if erratum is not None:
            expected, replacement = erratum
            if raw.rstrip() != expected:
                yield DictionaryError(path, number, "erratum no longer matches the source", raw)
                continue
            if replacement is None:
                continue
            raw = replacement
        text = raw.split("#", 1)[0].rstrip()
        if text.strip():
            yield Line(path, number, raw, text)


def each_line(path: Path, handle: Callable[[Line], None], skipped: list[str] | None = None) -> None:
    """Hand every line to `handle`; gather the bad ones and raise them all at the end, or
    set them aside in `skipped` when it is given (a dictionary read for measuring only)."""
    problems: list[str] = []
    for line in read_lines(path):
        try:
            if isinstance(line, DictionaryError):
                raise line
            handle(line)
        except DictionaryError as error:
            problems.append(str(error))
    if problems and skipped is None:
        raise DictionaryErrors(problems)
    if skipped is not None:
        skipped.extend(problems)


def words_of(phrase: str) -> str:
    """`AYATOLLAH_KHAMENEI_` → `ayatollah khamenei` (underscores join words)."""
    return " ".join(phrase.replace("_", " ").split()).lower()


def actor_name(phrase: str) -> str:
    """An actor or agent name spelled as presswatch looks names up (accents folded,
    possessives and final dots dropped), so the package reads it without redoing that."""
    return " ".join(name_words(words_of(phrase)))


def plural(word: str) -> str:
    """The regular plural, by the dictionaries' rule: +S, Y → IES, SS → SSES."""
    if word.endswith("y"):
        return word[:-1] + "ies"
    if word.endswith("ss"):
        return word + "es"
    return word + "s"


def verb_forms(stem: str) -> list[str]:
    """Regular forms of a verb stem, by the dictionaries' rule: -s/-es/-ies, -ed/-d, -ing."""
    if stem.endswith(("s", "x", "z")):
        third = stem + "es"
    elif stem.endswith("y"):
        third = stem[:-1] + "ies"
    else:
        third = stem + "s"
    past = stem + "d" if stem.endswith("e") else stem + "ed"
    ing = stem[:-1] + "ing" if stem.endswith("e") and stem[-2:-1] not in "aeiou" else stem + "ing"
    return [stem, third, past, ing]


# -- the verb dictionary -------------------------------------------------------------------

_CODE = re.compile(r"^(?:\d{2,4}|---)?(?::(?:\d{2,4}|---)?)?$")
_BLOCK = re.compile(r"^---+\s*(\S+)\s+\[([^\]]*)\][\s-]*$")
_VERB = re.compile(r"^(\+?[A-Z][A-Z'_+-]*)\s*(\{[^{}]*\})?\s*(\[[^\]]*\])?\s*$")
_WORD = re.compile(r"^[A-Z0-9][A-Z0-9'./-]*$")
_SYNSET = re.compile(r"^&[A-Z0-9_]+$")


def split_code(line: Line, code: str) -> tuple[str | None, str | None]:
    """`042:043` → ("042", "043"): the code source → target, and the code the other way
    (PETRARCH's passive code, `[:173]` when there is only that). `---` is no event."""
    if not _CODE.match(code):
        raise line.fail(f"bad CAMEO code [{code}]")
    forward, _, backward = code.partition(":")
    return (forward if forward not in ("", "---") else None), (
        backward if backward not in ("", "---") else None
    )


class UndefinedSynset(Exception):
    """A pattern names a synset the file never defines."""


@dataclass
class VerbDictionaryReader:
    """The verb dictionary's synsets, verbs (with forms) and patterns (by block)."""

    path: Path
    synsets: dict[str, list[str]] = field(default_factory=dict)
    verbs: list[dict[str, Any]] = field(default_factory=list)
    patterns: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    transformations: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    synset: str | None = None
    block: str | None = None
    block_code: str = "---"

    def read(self, skipped: list[str] | None = None) -> VerbDictionaryReader:
        each_line(self.path, self.read_line, skipped)
        return self

    def read_line(self, line: Line) -> None:
        text = line.text.strip()
        if text.startswith("&"):
            if not _SYNSET.match(text):
                raise line.fail("bad synset label")
            self.synset, self.block = text, None
            self.synsets[text] = []
        elif text.startswith("---"):
            found = _BLOCK.match(text)
            if found is None:
                raise line.fail("bad verb block header")
            self.block, self.synset = found.group(1), None
            self.block_code = found.group(2).strip()
            self.patterns.setdefault(self.block, [])
            split_code(line, self.block_code)
        elif text.startswith("~"):
            self.transformations.append({"line": line.number, "rule": text[1:].strip()})
        elif text.startswith("-"):
            if self.block is None:
                raise line.fail("pattern outside a verb block")
            try:
                self.patterns[self.block].append(self.pattern(line, text[1:]))
            except UndefinedSynset as missing:
                # The format's own rule: a pattern with an undefined synset is ignored.
                self.ignored.append(f"line {line.number}: {missing.args[0]} is not defined")
        elif self.synset is not None and text.startswith("+"):
            self.synsets[self.synset].extend(self.synset_member(line, self.synset, text[1:]))
        elif self.block is not None:
            self.verbs.append(self.verb(line, text, self.block, self.block_code))
        else:
            raise line.fail("line outside a synset or verb block")

    def synset_member(self, line: Line, label: str, member: str) -> list[str]:
        member = member.strip()
        if not member or not all(_WORD.match(w) for w in member.replace("_", " ").split()):
            raise line.fail("bad synset member")
        phrase = words_of(member)
        if member.endswith("_") or label.endswith("_"):
            return [phrase]
        *before, last = phrase.split()
        return [phrase, " ".join([*before, plural(last)])]

    def verb(self, line: Line, text: str, block: str, block_code: str) -> dict[str, Any]:
        found = _VERB.match(text)
        if found is None:
            raise line.fail("bad verb line")
        written, irregular, code = found.groups()
        own_code = code[1:-1].strip() if code else block_code
        forward, backward = split_code(line, own_code)
        before, stem, after = self.compound(line, written)
        if irregular is None:
            forms = verb_forms(stem)
        else:
            forms = [stem]
            for form in irregular[1:-1].split():
                forms.append(self.compound(line, form)[1])
        return {
            "verb": stem,
            "before": before,
            "after": after,
            "forms": sorted(set(forms)),
            "code": forward,
            "reverse": backward,
            "block": block,
            "line": line.number,
        }

    @staticmethod
    def compound(line: Line, written: str) -> tuple[list[str], str, list[str]]:
        """`+CORDON_OFF` → ([], "cordon", ["off"]); `WIRE_+TAP` → (["wire"], "tap", [])."""
        words = written.split("_")
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        if len(words) > 1 and len(marked) != 1:
            raise line.fail("a multi-word verb marks its verb with one '+'")
        at = marked[0] if marked else 0
        words = [w.lstrip("+").lower() for w in words]
        if not all(words):
            raise line.fail("empty word in a verb")
        return words[:at], words[at], [w for w in words[at + 1 :] if w]

    def pattern(self, line: Line, body: str) -> dict[str, Any]:
        found = re.match(r"^(.*?)\[([^\]]*)\]\s*$", body)
        if found is None:
            raise line.fail("pattern without a [code]")
        forward, backward = split_code(line, found.group(2).strip())
        tokens = self.tokens(line, found.group(1))
        if tokens.count("*") != 1:
            raise line.fail("a pattern holds exactly one '*' for the verb")
        at = tokens.index("*")
        pre, pre_preps = self.slots(line, tokens[:at])
        post, post_preps = self.slots(line, tokens[at + 1 :])
        return {
            "pre": pre,
            "pre_preps": pre_preps,
            "post": post,
            "post_preps": post_preps,
            "code": forward,
            "reverse": backward,
            "line": line.number,
            "text": " ".join(f"-{body}".split()),
        }

    @staticmethod
    def tokens(line: Line, body: str) -> list[Any]:
        """Words, `{phrase}` groups (a list) and `(prep …)` groups (a tuple)."""
        out: list[Any] = []
        stack: list[list[Any]] = [out]
        closers: list[str] = []
        word = ""

        def flush() -> None:
            nonlocal word
            if word:
                stack[-1].append(word)
                word = ""

        for char in body:
            if char in "({":
                flush()
                group: list[Any] = []
                stack[-1].append(group if char == "{" else ("(", group))
                stack.append(group)
                closers.append(")" if char == "(" else "}")
            elif char in ")}":
                flush()
                if not closers or closers.pop() != char:
                    raise line.fail(f"unbalanced '{char}'")
                stack.pop()
            elif char.isspace():
                flush()
            elif char == "*":  # the verb's place, also when written against a word
                flush()
                stack[-1].append(char)
            else:
                word += char
        flush()
        if closers:
            raise line.fail(f"'{closers[-1]}' missing")
        return out

    def noun(self, line: Line, token: Any) -> Any:
        """A word, a synset, a slot marker (+ target, $ source, ^ any, % both) or a phrase."""
        if isinstance(token, list):
            if not token or any(isinstance(t, list | tuple) for t in token):
                raise line.fail("bad {phrase}")
            return [self.noun(line, t) for t in token]
        if isinstance(token, tuple):
            raise line.fail("prepositional phrase inside a phrase")
        if token in ("+", "$", "^", "%"):
            return token
        if token.startswith("&"):
            if token not in self.synsets:
                raise UndefinedSynset(token)
            return token
        if not _WORD.match(token.replace("_", "")):
            raise line.fail(f"bad word {token!r}")
        return words_of(token)

    def slots(self, line: Line, tokens: list[Any]) -> tuple[list[Any], list[dict[str, Any]]]:
        nouns: list[Any] = []
        preps: list[dict[str, Any]] = []
        for token in tokens:
            if isinstance(token, tuple):
                inner = token[1]
                if not inner or not isinstance(inner[0], str) or not _WORD.match(inner[0]):
                    raise line.fail("a (phrase) starts with its preposition")
                preps.append(
                    {"prep": inner[0].lower(), "nouns": [self.noun(line, t) for t in inner[1:]]}
                )
            else:
                nouns.append(self.noun(line, token))
        return nouns, preps

    FORMAT = (
        "verbs: a verb stem with its forms, words before/after it for multi-word verbs, its "
        "code (null: no event alone) and block; patterns by block: pre/post nouns (a word, "
        "&synset, [modifiers..., head], or a slot: + target, $ source, ^ any noun, % source "
        "and target) and pre/post prepositional phrases {prep, nouns}; code: source → "
        "target; reverse: the code of the event the other way (PETRARCH's passive code)"
    )

    def content(self) -> dict[str, Any]:
        """What cameo_verbs.json holds below its header."""
        return {
            "synsets": self.synsets,
            "verbs": self.verbs,
            "patterns": self.patterns,
            "transformations": self.transformations,
        }


# -- actor dictionaries --------------------------------------------------------------------

_ACTOR_CODE = re.compile(r"^[A-Z0-9~]+$")
_GROUP = re.compile(r"\[([^\[\]]*)\]")
_PRIMARY = re.compile(r"^([^\s\[+][^\[]*?)\s*((?:\[[^\[\]]*\]\s*)*);?\s*$")


def dictionary_date(line: Line, written: str) -> str:
    """YYMMDD (00–30 → 20YY, else 19YY) or YYYYMMDD → ISO date."""
    if not written.isdigit() or len(written) not in (6, 8):
        raise line.fail(f"bad date {written!r}")
    if len(written) == 6:
        yy = int(written[:2])
        written = f"{2000 + yy if yy <= 30 else 1900 + yy}{written[2:]}"
    try:
        return date(int(written[:4]), int(written[4:6]), int(written[6:8])).isoformat()
    except ValueError as error:
        raise line.fail(f"bad date {written!r} ({error})") from None


def spells(line: Line, text: str) -> list[list[str | None]]:
    """Each `[CODE dates]` group of a line: `[IRNGOV 890604-970803]` → ["IRNGOV",
    "1989-06-04", "1997-08-03"]; `>d` from d on, `<d` before d, no date: always; the
    code `---` is no code."""
    if _GROUP.sub("", text).strip(" \t;"):
        raise line.fail("text outside [code] groups")
    found: list[list[str | None]] = []
    for group in _GROUP.findall(text):
        parts = group.split(None, 1)
        if not parts:
            raise line.fail("empty [code]")
        code: str | None = parts[0]
        when = parts[1].strip() if len(parts) > 1 else ""
        if code == "---":
            code = None
        elif not _ACTOR_CODE.match(parts[0]):
            raise line.fail(f"bad actor code {parts[0]!r}")
        if not when:
            found.append([code, None, None])
        elif when[0] in "<>":
            day = dictionary_date(line, when[1:].strip())
            found.append([code, day, None] if when[0] == ">" else [code, None, day])
        else:
            start, dash, end = when.partition("-")
            if not dash:
                raise line.fail(f"bad date range {when!r}")
            found.append(
                [code, dictionary_date(line, start.strip()), dictionary_date(line, end.strip())]
            )
    return found


def read_actors(path: Path, skipped: list[str] | None = None) -> list[list[Any]]:
    """Records [names, default code or null, dated codes]: a primary phrase (its undated
    code, if any, is the default), `+` synonyms, and dated codes, indented or on the
    primary line. The first dated code that holds on a date gives the code."""
    actors: list[list[Any]] = []
    coded: list[bool] = []  # an actor's codes have been read (`[---]` counts)
    last: list[int] = [0]

    def read_line(line: Line) -> None:
        text = line.text
        if text[0] in " \t" and text.strip().startswith("["):
            if not actors:
                raise line.fail("dated code before any actor")
            actors[-1][2].extend(spells(line, text))
        elif text.startswith("+"):
            if not actors:
                raise line.fail("synonym before any actor")
            for written in re.split(r"\s+\+", text[1:]):
                name = actor_name(written)
                if not name or "+" in name or "[" in name:
                    raise line.fail("bad synonym")
                actors[-1][0].append(name)
        else:
            found = _PRIMARY.match(text.strip())
            if found is None:
                raise line.fail("bad actor line")
            default: str | None = None
            dated: list[list[str | None]] = []
            for spell in spells(line, found.group(2)):
                if spell[1] is None and spell[2] is None and default is None and not dated:
                    default = spell[0]
                else:
                    dated.append(spell)
            name = actor_name(found.group(1))
            if actors and not coded[-1] and last[-1] == line.number - 1:
                # Primary lines in a row before their codes name one actor
                # ("LEONID_BREZHNEV_", "LEONID_ILYICH_BREZHNEV", then the codes).
                actors[-1][0].append(name)
                actors[-1][1], actors[-1][2] = default, dated
            else:
                actors.append([[name], default, dated])
                coded.append(False)
            coded[-1] = bool(found.group(2).strip())
        if text.strip().startswith("["):
            coded[-1] = True
        last.append(line.number)

    each_line(path, read_line, skipped)
    for names, _, _ in actors:
        names[:] = list(dict.fromkeys(names))
    return actors


# -- agents and discards -------------------------------------------------------------------

_SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_AGENT = re.compile(r"^(.+?)\s*(\{[^{}]*\})?\s*\[\s*([^\]\s]+)\s*\]\s*$")
_AGENT_CODE = re.compile(r"^(~[A-Z0-9]+|[A-Z0-9]+~)$")


def read_agents(path: Path, skipped: list[str] | None = None) -> list[list[str]]:
    """[phrase, code] pairs, plurals and `!SET!` substitutions spelled out. A code `~GOV`
    goes after the actor's code (IRN + GOV), `NGO~` before it."""
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, str] = {}

    def read_line(line: Line) -> None:
        text = line.text.strip()
        found = _SUBSTITUTION.match(text)
        if found is not None:
            substitutions[found.group(1)] = [w.strip() for w in found.group(2).split(",")]
            return
        found = _AGENT.match(text)
        if found is None:
            raise line.fail("agent line without a [code]")
        written, irregular, code = found.groups()
        if not _AGENT_CODE.match(code):
            raise line.fail(f"bad agent code {code!r}")
        phrases = [written] + (irregular[1:-1].split() if irregular is not None else [])
        if irregular is None and "!" not in written and not written.endswith("_"):
            *before, last = words_of(written).split()
            phrases.append(" ".join([*before, plural(last)]))
        for phrase in phrases:
            markers = re.findall(r"![A-Z]+!", phrase)
            if markers and markers[0] not in substitutions:
                raise line.fail(f"undefined substitution {markers[0]}")
            # Each value stands for the marker, with no plural made from it.
            values = substitutions[markers[0]] if markers else [""]
            for value in values:
                name = actor_name(phrase.replace(markers[0], value) if markers else phrase)
                if not name or "!" in name:
                    raise line.fail("bad agent phrase")
                agents.setdefault(name, code)

    each_line(path, read_line, skipped)
    return [[name, code] for name, code in agents.items()]


LEFT_OUT_DISCARDS = (
    "bare years (1914 to 2013): PETRARCH skips sentences naming one as history; presswatch "
    "dates events instead, and 'the 2006 war' or 'a protocol for 1990' stays codable"
)


def read_discards(path: Path, skipped: list[str] | None = None) -> list[list[Any]]:
    """[phrase, scope, whole_word]: scope "story" for `+` lines, else "sentence"; a phrase
    ending in `_` must end at a word boundary, else it is a stem. Bare years are left out
    (LEFT_OUT_DISCARDS)."""
    discards: list[list[Any]] = []

    def read_line(line: Line) -> None:
        text = line.text.strip()
        scope = "story" if text.startswith("+") else "sentence"
        phrase = text.lstrip("+").strip()
        if not phrase:
            raise line.fail("empty discard phrase")
        if re.fullmatch(r"\d{4}", phrase):
            return
        whole_word = phrase.endswith("_")
        discards.append([" ".join(phrase.rstrip("_").split()).lower(), scope, whole_word])

    each_line(path, read_line, skipped)
    return discards
