"""Normalisation of figures, dates and durations as written in news prose.

Pure functions of a string: `normalise_quantity("at least 48 thousand")`,
`normalise_duration("a year and a half")`, `normalise_date("6 October 2023")`. Every word
they know (number words, qualifiers, units, month names) comes from data files.

Conventions (also in README "Claims and findings"):
- "over/more than" → ">", "at least" → ">=", "about/around/some" → "~", "up to/as many
  as" → "<=", "fewer than/under" → "<"; "nearly/almost" → "<" and an implied lower
  bound `amount × (1 − tolerance)`, because "nearly 2,000" is not 12.
- Vague plurals ("hundreds of thousands") → ">=" two of the unit (200,000) with `upper`
  just below the next order (999,999).
- Ranges ("between 40 and 50", "40-50") → amount 40, upper 50, qualifier "=".
- Durations carry `months` (30.4375-day months, 365.25-day years) and, for day and week
  counts, the original `amount` and `unit`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache

from presswatch.lang.data import NUMBER_WORDS, QUALIFIERS, UNITS, QualifierWord
from presswatch.model import ClaimValue, Qualifier

_WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+\.?|%|[-–—]|'")


def words_of(text: str) -> list[str]:
    """Lower-case word tokens of a phrase; hyphens and dashes kept as their own tokens."""
    # A figure's trailing comma ("October 6, 2023") is punctuation, not a digit group.
    return [w.rstrip(",") for w in _WORD.findall(text.casefold().replace("’", "'"))]


@dataclass(frozen=True)
class NumberLexicon:
    units: dict[str, float]
    tens: dict[str, float]
    multipliers: dict[str, float]
    standalone: dict[str, float]
    fractions: dict[str, float]
    vague: dict[str, tuple[float, float]]
    qualifiers: list[tuple[list[str], QualifierWord]]
    verb_qualifiers: dict[str, Qualifier]
    range_joiners: frozenset[str]
    range_openers: frozenset[str]
    introducers: frozenset[str]
    tolerance: float
    percent: list[list[str]]
    durations: dict[str, tuple[float, float]]
    months: dict[str, int]
    weekdays: frozenset[str]

    def is_number_word(self, word: str) -> bool:
        return (
            word in self.units
            or word in self.tens
            or word in self.multipliers
            or word in self.standalone
            or word in self.fractions
            or word in self.vague
        )


@cache
def lexicon() -> NumberLexicon:
    numbers = NUMBER_WORDS.load()
    quals = QUALIFIERS.load()
    units = UNITS.load()
    phrases = [
        (words_of(phrase), qualifier)
        for qualifier, listed in quals.before.items()
        for phrase in listed
    ]
    # Longest phrase first, so "close to about" wins over "close to".
    phrases.sort(key=lambda item: -len(item[0]))
    verbs: dict[str, Qualifier] = {}
    for qualifier, listed in quals.verbs.items():
        for verb in listed:
            verbs[verb] = _as_qualifier(qualifier)
    return NumberLexicon(
        units=dict(numbers.units),
        tens=dict(numbers.tens),
        multipliers=dict(numbers.multipliers),
        standalone=dict(numbers.standalone),
        fractions=dict(numbers.fractions),
        vague={k: (v.lower, v.upper) for k, v in numbers.vague_plurals.items()},
        qualifiers=phrases,
        verb_qualifiers=verbs,
        range_joiners=frozenset(quals.range_joiners),
        range_openers=frozenset(quals.range_openers),
        introducers=frozenset(quals.introducers),
        tolerance=quals.approximate_tolerance,
        percent=[words_of(p) for p in units.percent],
        durations={k: (v.months, v.days) for k, v in units.durations.items()},
        months=dict(units.months),
        weekdays=frozenset(units.weekdays),
    )


def _digits(word: str) -> float | None:
    if word[0].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    return None


def _scale_words(lex: NumberLexicon) -> frozenset[str]:
    # Scale words that may open a number on their own ("hundred thousand dollars"); the
    # abbreviations ("m", "bn") never do: a bare "m" is a metre or a letter.
    return frozenset(w for w in lex.multipliers if len(w) > 2)


def _fraction_after_and(words: list[str], i: int) -> tuple[float, int] | None:
    """ "and a half", "and three quarters", "and two thirds" at `words[i]` ("and"): the
    share and how many words it took, or None."""
    lex = lexicon()
    if words[i] != "and" or i + 2 >= len(words) or words[i + 2] not in lex.fractions:
        return None
    count = words[i + 1]
    if count in ("a", "an", "one"):
        times = 1.0
    elif count in lex.units:
        times = lex.units[count]
    else:
        return None
    return times * lex.fractions[words[i + 2]], 3


def parse_number(words: list[str], at: int = 0) -> tuple[float, int] | None:
    """The number written from `words[at]` on and how many words it took, or None.

    Digits with multipliers ("48 thousand", "2.5 million", "4 thousand 3 hundred and 21"),
    words ("forty-eight", "two hundred and five"), fractions ("half a million", "half
    million", "three-quarters", "five and a half million", "3 million and a half"),
    "a dozen", "half a dozen", "hundred thousand".
    """
    lex = lexicon()
    scales = _scale_words(lex)
    total = 0.0
    current: float | None = None
    last_scale = 1.0  # the unit the last scale word set: "3 million and a half"
    after_scale = False  # digits may follow a scale word: "4 thousand 3 hundred and 21"
    i = at
    seen = False
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        value = _digits(word)
        if value is not None:
            if seen and not (after_scale and (current is None or current % 100 == 0)):
                break
            current = (current or 0) + value
            seen, after_scale = True, False
        elif word in lex.units and word not in ("a", "an"):
            if current is not None and current % 10 != 0:
                break  # "five six" is two numbers, not eleven
            current = (current or 0) + lex.units[word]
            seen, after_scale = True, False
        elif word in ("a", "an") and nxt in lex.fractions and not seen:
            i += 1  # "a quarter of a million": the fraction branch reads on
            continue
        elif word in ("a", "an") and (nxt in lex.multipliers or nxt in lex.standalone):
            if seen:
                break
            current, seen = 1.0, True
        elif word in lex.tens:
            current = (current or 0) + lex.tens[word]
            seen, after_scale = True, False
        elif word in lex.standalone or (seen and word.removesuffix("s") in lex.standalone):
            # "a dozen", "three dozen", "3 dozens" (a plural after a count multiplies it)
            current = (current or 1) * lex.standalone[word.removesuffix("s")]
            seen = True
        elif word == "hundred" and (seen or word in scales):
            current = (current or 1) * 100
            seen, after_scale = True, True
        elif word in lex.multipliers and (seen or word in scales):
            last_scale = lex.multipliers[word]
            total += (current if current is not None else 1) * last_scale
            current, seen, after_scale = None, True, True
        elif word in lex.fractions:
            share = lex.fractions[word]
            # "half a million", "half million", "a quarter of a million", "half a dozen":
            # the fraction of what follows.
            rest = i + 1
            while rest < len(words) and words[rest] in ("a", "an", "of"):
                rest += 1
            scale = (
                lex.multipliers.get(words[rest]) or lex.standalone.get(words[rest])
                if rest < len(words)
                else None
            )
            if scale is not None:
                total += (current or 1) * share * scale
                current, seen = None, True
                i = rest + 1
                continue
            if not seen:
                return None  # a bare "half" or "quarter" counts nothing
            current = (current or 1) * share  # "three-quarters"
            seen = True
        elif seen and (after_and := _fraction_after_and(words, i)) is not None:
            share, used = after_and
            following = i + used
            if current is None and following < len(words) and words[following] in lex.multipliers:
                # "one billion and a half million": a share of the scale that follows
                total += (current or 0) + share * lex.multipliers[words[following]]
                current = None
                i = following + 1
                continue
            if current is not None:
                current += share  # "one and a half", "five and a half (million)"
            else:
                total += share * last_scale  # "3 million and a half"
            i = following
            continue
        elif (
            word in ("-", "and")
            and seen
            and nxt
            and (
                (lex.is_number_word(nxt) and nxt not in lex.vague and nxt not in ("a", "an"))
                or (word == "and" and after_scale and _digits(nxt) is not None)
            )
        ):
            pass  # "forty-eight", "two hundred and five", "three-quarters", "3 hundred and 21"
        else:
            break
        i += 1
    if not seen:
        return None
    return total + (current or 0), i - at


def _match_phrase(words: list[str], at: int, phrase: list[str]) -> bool:
    return words[at : at + len(phrase)] == phrase


def _qualifier_at(words: list[str], at: int) -> tuple[str | None, int]:
    for phrase, qualifier in lexicon().qualifiers:
        if _match_phrase(words, at, phrase):
            return qualifier, len(phrase)
    return None, 0


def _unit_at(words: list[str], at: int) -> tuple[str | None, int]:
    lex = lexicon()
    for phrase in lex.percent:
        if _match_phrase(words, at, phrase):
            return "percent", len(phrase)
    if at < len(words) and words[at] in lex.durations:
        return words[at], 1
    return None, 0


_QUALIFIERS: dict[str, Qualifier] = {q: q for q in (">", ">=", "<", "<=", "~", "=")}


def _as_qualifier(text: str) -> Qualifier:
    """A qualifier from the data file, checked: a typo there is an error, not a silent "="."""
    if text not in _QUALIFIERS:
        raise ValueError(f"qualifiers.yaml: unknown qualifier {text!r}")
    return _QUALIFIERS[text]


def _apply_qualifier(value: ClaimValue, qualifier: str | None, amount: float) -> ClaimValue:
    if qualifier == "nearly":
        # "nearly X" is just under X: "<" with `upper` = X marks the implied lower bound
        # X × (1 − tolerance) that plain "fewer than X" does not have.
        value.qualifier = "<"
        value.upper = amount if value.type == "quantity" else value.months
    elif qualifier is not None:
        value.qualifier = _as_qualifier(qualifier)
    return value


def normalise_quantity(text: str) -> ClaimValue | None:
    """A figure phrase as a quantity value, or None when it holds no figure.

    "over 50,000" → amount 50000 ">"; "hundreds of thousands" → 200000 ">=" upper 999999;
    "between 40 and 50" → 40 upper 50; "60 per cent" → 60 unit "percent".
    """
    words = words_of(text)
    lex = lexicon()
    at = 0
    qualifier, used = _qualifier_at(words, at)
    at += used
    opener = at < len(words) and words[at] in lex.range_openers
    if opener:
        at += 1
    # Vague plurals: "dozens of", "hundreds of thousands", "tens of thousands".
    if at < len(words) and words[at] in lex.vague:
        lower, top = lex.vague[words[at]]
        rest = at + 1
        scale_word = words[rest + 1].removesuffix("s") if rest + 1 < len(words) else ""
        if words[rest : rest + 1] == ["of"] and scale_word in lex.multipliers:
            lower *= lex.multipliers[scale_word]
            top = (top + 1) * lex.multipliers[scale_word] - 1
            rest += 2
        unit, _ = _unit_at(words, rest + (1 if rest < len(words) and words[rest] == "of" else 0))
        return ClaimValue(
            type="quantity",
            amount=lower,
            qualifier=_as_qualifier(qualifier or ">="),
            upper=top,
            unit=unit if unit == "percent" else None,
        )
    parsed = parse_number(words, at)
    if parsed is None:
        return None
    amount, used = parsed
    at += used
    upper: float | None = None
    if at < len(words) and words[at] in lex.range_joiners and (opener or words[at] != "and"):
        second = parse_number(words, at + 1)
        if second is not None and second[0] >= amount:
            upper = second[0]
            at += 1 + second[1]
            # "40-50 thousand": a multiplier after the range applies to both ends.
            first_words = words[at - used - 1 - second[1] : at - 1 - second[1]]
            scale = [lex.multipliers[w] for w in words[at - second[1] : at] if w in lex.multipliers]
            if scale and not any(w in lex.multipliers for w in first_words):
                amount *= scale[-1]
    unit, _ = _unit_at(words, at)
    if unit is not None and unit != "percent":
        return None  # a duration, not a count
    value = ClaimValue(type="quantity", amount=amount, qualifier="=", upper=upper, unit=unit)
    return _apply_qualifier(value, qualifier, amount)


def normalise_share(text: str) -> ClaimValue | None:
    """A fraction of a whole as a percentage: "a third" (of the hospitals) → 33.3%,
    "two-thirds" → 66.7%, "half" → 50%, "nearly a quarter" → "<" 25%.

    Only for a fraction that counts a part of something ("a third of …"): the caller
    knows that an "of" follows; a bare "three-quarters" stays 0.75.
    """
    words = words_of(text)
    lex = lexicon()
    qualifier, at = _qualifier_at(words, 0)
    count = 1.0
    if at < len(words) and words[at] in ("a", "an", "one"):
        at += 1
    elif at < len(words) and words[at] in lex.units:
        count = lex.units[words[at]]
        at += 1
        if at < len(words) and words[at] == "-":
            at += 1
    if at != len(words) - 1 or words[at] not in lex.fractions:
        return None
    amount = round(count * lex.fractions[words[at]] * 100, 2)
    if amount > 100:
        return None
    value = ClaimValue(type="quantity", amount=amount, qualifier="=", unit="percent")
    return _apply_qualifier(value, qualifier, amount)


def _more_parts(words: list[str], at: int) -> float:
    """Months in the further parts of a compound duration ("… 1 month 21 days")."""
    lex = lexicon()
    months = 0.0
    while at < len(words):
        if words[at] in (",", "and"):
            at += 1
            continue
        parsed = parse_number(words, at)
        if parsed is None or at + parsed[1] >= len(words):
            break
        unit = words[at + parsed[1]]
        if unit not in lex.durations:
            break
        months += parsed[0] * lex.durations[unit][0]
        at += parsed[1] + 1
    return months


def normalise_duration(text: str) -> ClaimValue | None:
    """A span of time as months: "15 months" → 15; "a year and a half" → 18; "471 days"."""
    words = words_of(text)
    lex = lexicon()
    at = 0
    qualifier, used = _qualifier_at(words, at)
    at += used
    if (
        at < len(words)
        and words[at] in ("a", "an")
        and at + 1 < len(words)
        and words[at + 1] in lex.durations
    ):
        amount, used = 1.0, 1
    elif at < len(words) and words[at] == "half" and words[at + 1 : at + 2] in (["a"], ["an"]):
        amount, used = 0.5, 2  # "half a year"
    elif at + 1 < len(words) and words[at] == "half" and words[at + 1] in lex.durations:
        amount, used = 0.5, 1  # "half year"
    elif at < len(words) and words[at] in lex.vague:
        amount, used = lex.vague[words[at]][0] / (100 if words[at] == "hundreds" else 1), 1
        if words[at] == "hundreds":
            amount = 200
        qualifier = qualifier or ">="
        if at + used < len(words) and words[at + used] == "of":
            used += 1
    else:
        parsed = parse_number(words, at)
        if parsed is None:
            return None
        amount, used = parsed
    at += used
    if words[at : at + 3] in (["and", "a", "half"], ["and", "an", "half"]):
        amount += 0.5  # "two and a half years"
        at += 3
    if at < len(words) and words[at] == "of":
        at += 1  # "a couple of weeks"
    if at < len(words) and words[at] == "-":
        at += 1  # "15-month war"
    if at >= len(words):
        return None
    unit = words[at]
    if unit.rstrip("s") + "s" in lex.durations and unit not in lex.durations:
        unit = unit.rstrip("s") + "s"
    if unit not in lex.durations:
        return None
    at += 1
    # "a year and a half", "two and a half years" (the half before the unit).
    if words[at : at + 3] in (["and", "a", "half"], ["and", "an", "half"]):
        amount += 0.5
        at += 3
    months_per, days_per = lex.durations[unit]
    months = amount * months_per
    # "1 year 1 month 21 days", "one week three days": parts add up, counted in months.
    extra = _more_parts(words, at)
    if extra:
        months += extra
        amount, unit = round(months, 4), "months"
    value = ClaimValue(
        type="duration",
        amount=amount,
        unit=unit if unit.endswith("s") else unit + "s",
        months=round(months, 4),
        qualifier="=",
    )
    del days_per
    return _apply_qualifier(value, qualifier, amount)


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def normalise_date(text: str) -> ClaimValue | None:
    """A calendar date as ISO: "October 6, 2023" / "6 October 2023" / "2023-10-06".

    A month and year gives start and end of the month; a day and month without a year
    gives the ISO 8601 yearless form "--10-06", comparable only on month and day.
    """
    iso = _ISO.match(text.strip())
    if iso:
        return ClaimValue(type="date", start=iso.group(0), end=iso.group(0), qualifier="=")
    words = [w.rstrip(".") for w in words_of(text) if w not in (",", "the", "of", "on")]
    months = lexicon().months
    day: int | None = None
    month: int | None = None
    year: int | None = None
    for word in words:
        if word in months and month is None:
            month = months[word]
        elif word.isdigit() and len(word) == 4:
            year = int(word)
        elif word.isdigit() and 1 <= int(word) <= 31 and day is None:
            day = int(word)
        elif re.fullmatch(r"\d{1,2}(st|nd|rd|th)", word):
            day = int(word[:-2])
        elif word in ("-", "–", "st", "nd", "rd", "th"):
            continue  # dashes, and ordinal endings split from their digits ("7th")
        else:
            return None
    if month is None:
        return None
    if year is None:
        if day is None:
            return None
        return ClaimValue(
            type="date",
            start=f"--{month:02d}-{day:02d}",
            end=f"--{month:02d}-{day:02d}",
            qualifier="=",
        )
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return ClaimValue(
            type="date",
            start=f"{year}-{month:02d}-01",
            end=f"{year}-{month:02d}-{last:02d}",
            qualifier="=",
        )
    if day > calendar.monthrange(year, month)[1]:
        return None
    return ClaimValue(
        type="date",
        start=f"{year}-{month:02d}-{day:02d}",
        end=f"{year}-{month:02d}-{day:02d}",
        qualifier="=",
    )


def normalise_value(text: str) -> ClaimValue | None:
    """Whichever of date, duration or quantity the phrase is (in that order of trust)."""
    return normalise_date(text) or normalise_duration(text) or normalise_quantity(text)


def interval(value: ClaimValue) -> tuple[float, float] | None:
    """The closed interval of amounts (or months, or day ordinals) a value allows.

    Strict bounds (">", "<") are closed here with a hair of slack removed, so
    "over 50,000" excludes 50,000 itself.
    """
    tol = lexicon().tolerance
    if value.type == "date":
        if not value.start or not value.end or value.start.startswith("--"):
            return None
        return (float(_ordinal(value.start)), float(_ordinal(value.end)))
    amount = value.months if value.type == "duration" else value.amount
    if amount is None:
        return None
    upper = value.upper
    if value.type == "duration" and upper is not None and value.amount and value.qualifier != "<":
        upper = upper * (amount / value.amount)
    hair = 1e-9 * max(1.0, abs(amount))
    q = value.qualifier or "="
    if upper is not None and q in ("=", "~"):
        low, high = amount, upper
    elif q == ">":
        low, high = amount + hair, upper if upper is not None else float("inf")
    elif q == ">=":
        low, high = amount, upper if upper is not None else float("inf")
    elif q == "<" and upper is not None:
        low, high = upper * (1 - tol), upper - hair  # "nearly"
    elif q == "<":
        low, high = 0.0, amount - hair
    elif q == "<=":
        low, high = 0.0, amount
    elif q == "~":
        low, high = amount * (1 - tol), amount * (1 + tol)
    else:
        low, high = amount, amount
    if value.type == "duration" and q == "=" and upper is None:
        # Durations are said loosely ("15 months" for 471 days): half the tolerance each
        # side, so two stated lengths agree when within the tolerance of each other.
        low, high = amount * (1 - tol / 2), amount * (1 + tol / 2)
    return (low, high)


def _ordinal(iso: str) -> int:
    year, month, day = (int(part) for part in iso.split("-"))
    from datetime import date

    return date(year, month, day).toordinal()


def compatible(a: ClaimValue, b: ClaimValue) -> bool:
    """Whether both values can hold at once under their qualifiers."""
    if a.type != b.type:
        return True
    if a.type == "date" and (str(a.start).startswith("--") or str(b.start).startswith("--")):
        return str(a.start)[-5:] == str(b.start)[-5:] or not (a.start and b.start)
    first, second = interval(a), interval(b)
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


def agree(a: ClaimValue, b: ClaimValue) -> bool:
    """Whether two values say the same thing, not merely fail to conflict."""
    if not compatible(a, b):
        return False
    if a.type == "date":
        return str(a.start)[-5:] == str(b.start)[-5:] and str(a.end)[-5:] == str(b.end)[-5:]
    direction = {
        "=": "point",
        "~": "point",
        ">": "lower",
        ">=": "lower",
        "<": "upper",
        "<=": "upper",
    }
    if direction[a.qualifier or "="] != direction[b.qualifier or "="]:
        return False
    x = a.months if a.type == "duration" else a.amount
    y = b.months if b.type == "duration" else b.amount
    if x is None or y is None:
        return False
    return abs(x - y) <= lexicon().tolerance * max(abs(x), abs(y))


def describe(value: ClaimValue) -> str:
    """A value as a person would write it: "over 50,000", "15 months", "2023-10-07"."""
    if value.type == "date":
        return str(value.start) if value.start == value.end else f"{value.start}–{value.end}"
    words = {">": "over ", ">=": "at least ", "<": "under ", "<=": "up to ", "~": "about ", "=": ""}
    prefix = words[value.qualifier or "="]
    if value.qualifier == "<" and value.upper is not None:
        prefix = "nearly "
    amount = value.amount if value.amount is not None else 0.0
    text = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}".rstrip("0")
    if value.upper is not None and value.qualifier in ("=", "~"):
        text += f"–{value.upper:,.0f}"
    if value.type == "duration":
        text += f" {value.unit}"
        if value.unit != "months" and value.months is not None:
            text += f" (~{value.months:.1f} months)"
    elif value.unit == "percent":
        text += "%"
    return prefix + text
