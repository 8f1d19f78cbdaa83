"""`presswatch eval recognizers`: our figure normaliser against Microsoft Recognizers-Text's
English specs (NumberModel, NumberRangeModel, DurationParser), read in place from
../shared/data/recognizers-text.

The specs test a recogniser that finds numbers in running text; ours only normalises a
phrase the parse has already marked as a figure. So each expected result's `Text` (not the
whole `Input`) goes to the normaliser, and its value is compared with the spec's value.

What is within scope, as a rule decided from the form of the expected text alone (never
from whether we pass):

- NumberModel: a result written the way news prose writes a count: digits (with thousands
  commas and decimals), English number words and scale words (hundred … trillion), "a",
  "and", hyphens, "dozen(s)", and fractions named by half/halves, third(s), quarter(s).
  Out: negative numbers, exponents and powers, slash fractions, ordinal fractions
  ("fifths", "hundredths", "a twenty-first"), "over" fractions, spoken decimals ("point"),
  letter suffixes ("10k", "1.2b"), digit groups split by spaces ("1 234 567"); and cases with no
  expected result or several (those test where numbers are, which our parse decides).
- NumberRangeModel: one bound or one range around in-scope numbers: "more than 30",
  "up to 700", "between 20 and 30", "1000-5000", "from A to B", "A through B". Out: two
  bounds joined ("above 10 and below 20"), symbols ("<=", ">30"), "equal to" forms,
  postfix bounds ("200 or greater"), ordinals and negatives. A range compares by its two
  ends (the spec's half-open "[20,30)" against our closed 20–30); a bound by its figure and
  whether it is strict.
- DurationParser: results whose timex has only day, week, month or year parts (how long a
  war, a siege or a detention lasted). Out: hours, minutes, seconds and business days, and
  idioms of one whole unit ("all day", "full-year", "another week"): they state no length
  a report could contradict.
  Compared in months, with our own conversion (30.4375-day months), within 0.1%.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from presswatch.evaluate import DEFAULT_DATA, data_path, eval_app
from presswatch.lang.quantities import lexicon, normalise_duration, normalise_quantity

FOLDER = "recognizers-text"

# Words a count in news prose is written with (the scope rule above; deliberately not our
# own lexicon, so that scope does not follow from what we happen to know).
_NEWS_NUMBER_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "dozens",
        "half",
        "halves",
        "third",
        "thirds",
        "quarter",
        "quarters",
    ]
)
# Words that make a duration an idiom of one whole unit, not a stated length.
_WHOLE_UNIT = frozenset({"all", "full", "whole", "another", "entire"})
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")
_RANGE_FORMS = (
    re.compile(r"^between (?P<a>.+) and (?P<b>.+)$"),
    re.compile(r"^from (?P<a>.+) to (?P<b>.+)$"),
    re.compile(r"^(?P<a>.+?) (?:through|to) (?P<b>.+)$"),
    re.compile(r"^(?P<a>[\d,.]+)\s*[-–]\s*(?P<b>[\d,.]+)$"),
)
_BOUND_WORDS = (
    "more than",
    "over",
    "above",
    "greater than",
    "larger than",
    "higher than",
    "bigger than",
    "in excess of",
    "exceeding",
    "exceed",
    "surpass",
    "at least",
    "no less than",
    "no fewer than",
    "not less than",
    "at most",
    "no more than",
    "up to",
    "as many as",
    "less than",
    "fewer than",
    "under",
    "below",
)


def number_in_scope(text: str) -> bool:
    """Whether an expected number is written in a form news prose uses for counts."""
    if text.strip().startswith(("-", "+", "−")):
        return False  # a negative number: no count in a report is below zero
    words = [w for w in re.split(r"[\s-]+", text.strip().casefold()) if w]
    if not words:
        return False
    if any(_DIGITS.match(a) and _DIGITS.match(b) for a, b in itertools.pairwise(words)):
        return False  # digit groups split by spaces ("1 234 567"): not how reports write
    return all(_DIGITS.match(w) or w in _NEWS_NUMBER_WORDS for w in words) and not (
        len(words) == 1 and words[0] in ("a", "an", "and")
    )


def range_in_scope(text: str) -> bool:
    """One bound or one range around in-scope numbers (see the module's rule)."""
    phrase = " ".join(text.casefold().split())
    for form in _RANGE_FORMS:
        match = form.match(phrase)
        if match and number_in_scope(match["a"]) and number_in_scope(match["b"]):
            return " and " not in match["a"]
    for bound in _BOUND_WORDS:
        if phrase.startswith(bound + " "):
            rest = phrase[len(bound) + 1 :]
            return number_in_scope(rest) and " and " not in rest.replace(" and a ", " ")
    return False


@dataclass
class Tally:
    """Cases in one spec file: within scope, passed, and the first failures to show."""

    name: str
    total: int = 0
    in_scope: int = 0
    passed: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, text: str, ok: bool, got: str, expected: str) -> None:
        self.in_scope += 1
        if ok:
            self.passed += 1
        elif len(self.failures) < 12:
            self.failures.append(f"{text!r}: got {got}, expected {expected}")

    @property
    def rate(self) -> float:
        return self.passed / self.in_scope if self.in_scope else 0.0


def _close(a: float, b: float, rel: float = 1e-6) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def _results(path: Path) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    for case in cases:
        yield case, list(case.get("Results") or [])


def score_numbers(path: Path) -> Tally:
    tally = Tally("NumberModel")
    for _, results in _results(path):
        tally.total += 1
        if len(results) != 1:
            continue
        result = results[0]
        text = str(result["Text"])
        if not number_in_scope(text):
            continue
        expected = float(result["Resolution"]["value"])
        value = normalise_quantity(text)
        got = value.amount if value is not None and value.upper is None else None
        tally.add(text, got is not None and _close(got, expected), str(got), str(expected))
    return tally


_INTERVAL = re.compile(r"^([\[(])([^,]*),([^\])]*)([\])])$")
_STRICT = {">": True, ">=": False, "<": True, "<=": False}


def _range_matches(text: str, spec: str) -> tuple[bool, str]:
    match = _INTERVAL.match(spec.replace(" ", ""))
    value = normalise_quantity(text)
    if match is None or value is None or value.amount is None:
        return False, "nothing"
    opening, low, high, closing = match.groups()
    got = f"{value.qualifier} {value.amount:g}" + (f"–{value.upper:g}" if value.upper else "")
    if low and high and low != high:
        ok = (
            value.upper is not None
            and _close(value.amount, float(low))
            and _close(value.upper, float(high))
        )
        return ok, got
    if low and not high:
        qualifier = ">" if opening == "(" else ">="
        return value.qualifier == qualifier and _close(value.amount, float(low)), got
    if high and not low:
        qualifier = "<" if closing == ")" else "<="
        upper = value.upper if value.qualifier == "<" and value.upper else value.amount
        return value.qualifier == qualifier and _close(upper, float(high)), got
    return False, got


def score_ranges(path: Path) -> Tally:
    tally = Tally("NumberRangeModel")
    for _, results in _results(path):
        tally.total += 1
        for result in results:
            text = str(result["Text"])
            if not range_in_scope(text):
                continue
            spec = str(result["Resolution"]["value"])
            ok, got = _range_matches(text, spec)
            tally.add(text, ok, got, spec)
    return tally


_TIMEX = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?$"
)


def timex_months(timex: str) -> float | None:
    """A date-only ISO 8601 duration in months (our conversion), or None (clock parts)."""
    match = _TIMEX.match(timex)
    if match is None or timex == "P":
        return None
    durations = lexicon().durations
    per = [durations[unit][0] for unit in ("years", "months", "weeks", "days")]
    return sum(float(part) * rate for part, rate in zip(match.groups(), per, strict=True) if part)


def score_durations(path: Path) -> Tally:
    tally = Tally("DurationParser")
    for _, results in _results(path):
        tally.total += 1
        if len(results) != 1:
            continue
        result = results[0]
        expected = timex_months(str(result["Value"]["Timex"]))
        if expected is None:
            continue
        text = str(result["Text"])
        if _WHOLE_UNIT & set(re.split(r"[\s-]+", text.casefold())):
            continue
        value = normalise_duration(text)
        got = value.months if value is not None else None
        ok = got is not None and _close(got, expected, 1e-3)
        tally.add(text, ok, f"{got} months", f"{expected:.4f} months")
    return tally


SPECS: dict[str, tuple[str, Callable[[Path], Tally]]] = {
    "number": ("NumberModel.json", score_numbers),
    "number-range": ("NumberRangeModel.json", score_ranges),
    "duration": ("DurationParser.json", score_durations),
}


@eval_app.command("recognizers")
def recognizers(
    data: Annotated[Path, typer.Option(help="Folder holding recognizers-text/.")] = DEFAULT_DATA,
    failures: Annotated[bool, typer.Option(help="List the first failures of each spec.")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write scores here.")] = None,
) -> None:
    """Figure normaliser vs Microsoft Recognizers-Text English specs (pass rate in scope).

    Example: presswatch eval recognizers --data ../shared/data
    """
    tallies = [score(data_path(data, FOLDER, file_name)) for file_name, score in SPECS.values()]
    table = Table(title="Recognizers-Text English specs: cases within scope")
    for column in ("spec file", "cases", "in scope", "passed", "pass rate"):
        table.add_column(column)
    for tally in tallies:
        table.add_row(
            f"{tally.name}.json",
            str(tally.total),
            str(tally.in_scope),
            str(tally.passed),
            f"{100 * tally.rate:.1f}%",
        )
    console = Console()
    console.print(table)
    if failures:
        for tally in tallies:
            for line in tally.failures:
                console.print(f"{tally.name}: {line}", highlight=False, markup=False)
    if json_out is not None:
        scores = {
            t.name: {"cases": t.total, "in_scope": t.in_scope, "passed": t.passed} for t in tallies
        }
        json_out.write_text(json.dumps(scores, indent=2), encoding="utf-8")
