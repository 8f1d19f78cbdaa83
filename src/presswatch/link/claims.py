"""Claim checks: which claims speak of the same quantity, and whether they can all hold.

Two claims compare when they fall in one synonym group (deaths: martyrs, killed, death
toll …) with compatible heads, nationalities, sides (who was counted: the Israeli toll
and the Gaza toll never meet), actions, places, days and anchors ("first phase"), and
one time frame: the same story, the same named day or anchor, or counts dated (by "as of
…" or the report's date) within `comparison.window_days` of each other anywhere in the
corpus. Claims are indexed by (type, group, time-frame bucket), so the corpus costs the
sum of squared bucket sizes, never all pairs. Values are checked as intervals under
their qualifiers (`quantities.interval`).

Findings, one per disagreement between two sets of agreeing claims (never one per pair,
never two labels for one disagreement): `contradiction` (cannot both hold, also against
reference facts), `divergence` (compatible, but point values more than
`comparison.divergence_factor` apart), `corroboration` (different outlets agree),
`single_source` (one outlet alone says it).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from presswatch.errors import PresswatchError
from presswatch.lang.claim_subjects import (
    canonical_place,
    group_of,
    side_of,
    subject_facets,
    subject_lexicon,
)
from presswatch.lang.data import CLAIM_SUBJECTS
from presswatch.lang.quantities import (
    agree,
    compatible,
    describe,
    normalise_date,
    normalise_duration,
    normalise_quantity,
    words_of,
)
from presswatch.link import CorpusContext, linker
from presswatch.link.ids import assign_ids, member_key
from presswatch.model import Claim, ClaimValue, Document, Finding, FindingKind, Record, Span
from presswatch.settings import LinkFile

FACT_WINDOW_DAYS = 31  # a cumulative figure is compared with a fact only near its date
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class UnmatchedFactWarning(UserWarning):
    """A reference fact that no claim in the corpus speaks of: it checked nothing."""


@dataclass(frozen=True)
class ClaimKey:
    """What a claim is about: `Claim.subject`, `Claim.group` and `Claim.facets`."""

    group: str
    head: str
    nationalities: frozenset[str]
    facets: dict[str, str]
    known_group: bool
    side: str | None = None
    place: str | None = None


@cache
def _subjects() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = CLAIM_SUBJECTS.load()
    groups = frozenset(data.groups)
    # Nouns and adjectives of the groups stand for the whole group ("martyrs", "killed").
    nouns = frozenset(
        n.casefold() for spec in data.groups.values() for n in [*spec.nouns, *spec.adjectives]
    )
    return groups, nouns, frozenset(data.general_people)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def claim_key(
    subject: str | None, group: str | None, facets: dict[str, str] | None = None
) -> ClaimKey | None:
    if not group:
        return None
    groups, _, _ = _subjects()
    base = group
    facets = dict(facets or {})
    raw = (subject or base).split()
    head = _singular(raw[-1].casefold()) if raw else base
    # Nationalities are the capitalised words ("Palestinian prisoners", "Israelis").
    nationalities = frozenset(
        _singular(w.casefold()) for w in raw if w[:1].isupper() and w.isalpha() and len(raw) > 0
    )
    place = facets.get("place")
    return ClaimKey(
        base,
        head,
        nationalities,
        facets,
        base in groups,
        side=side_of(subject, place),
        place=canonical_place(place),
    )


def _heads_compatible(a: ClaimKey, b: ClaimKey) -> bool:
    if a.head == b.head:
        return True
    _, nouns, people = _subjects()
    general = {_singular(w) for w in nouns | people} | {a.group, b.group}
    return a.head in general and b.head in general


def _places_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    return a == b or bool(set(a.split()) & set(b.split()))


def same_subject(ka: ClaimKey, kb: ClaimKey, kind: str) -> bool:
    """Whether two keys name one count: group, head, who was counted, action, place."""
    if ka.group != kb.group or not ka.known_group:
        # A subject outside the synonym groups ("claims", "points", "support") says too
        # little of what is counted: on real reports comparing them flagged mostly
        # different quantities. A new kind of figure is a group in claim_subjects.yaml.
        return False
    if kind != "date":
        if not _heads_compatible(ka, kb):
            return False
        if ka.nationalities and kb.nationalities and not ka.nationalities & kb.nationalities:
            return False
        if ka.side and kb.side and ka.side != kb.side:
            return False  # the Israeli toll and the Gaza toll
    fa, fb = ka.facets, kb.facets
    for facet in ("action", "since"):
        if fa.get(facet) and fb.get(facet) and fa[facet] != fb[facet]:
            return False
    return _places_compatible(ka.place, kb.place)


@dataclass
class CheckedClaim:
    claim: Claim
    key: ClaimKey
    document: Document
    story: str | None
    speaker_name: str | None = None
    as_of: int | None = None  # the day a cumulative count stands at, as an ordinal
    moment: str | None = field(default=None)  # the named day or anchor a count is of

    @property
    def outlet(self) -> str:
        return self.document.outlet or self.document.source


def _day(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _moment(facets: dict[str, str], document: Document, story: str | None) -> str | None:
    """The day or anchor a count is pinned to, made corpus-wide: "saturday" is the
    Saturday of one report's week, so it names a moment only with that report's date."""
    frame, anchor = facets.get("frame"), facets.get("anchor")
    if not frame and not anchor:
        return None
    if frame and _ISO_DAY.match(frame):
        frame = frame[5:]  # a day named with or without its year ("October 7") meets
    elif frame and frame.startswith("--"):
        frame = frame[2:]
    elif frame:
        frame = f"{frame}@{(document.published or '')[:10] or story or document.id}"
    return f"{frame or ''}|{anchor or ''}"


def comparable(a: CheckedClaim, b: CheckedClaim) -> bool:
    """Whether two claims speak of the same quantity, date or duration, in one time frame."""
    if a.claim.value.type != b.claim.value.type:
        return False
    if a.claim.value.unit != b.claim.value.unit and a.claim.value.type == "quantity":
        return False  # 60% of homes is not 60 homes
    if not same_subject(a.key, b.key, a.claim.value.type):
        return False
    if a.moment != b.moment:
        return False
    if a.moment is not None or a.story == b.story:
        return True
    if (a.key.place is None) != (b.key.place is None):
        # Across stories, a count with a place and one without are most often a part and
        # the whole (Lebanon's toll and the war's): only one story's context ties them.
        return False
    if a.claim.value.type == "date":
        # Across stories a date compares only for one named event ("Operation Al-Aqsa
        # Flood" in both): "the attack on March 3" elsewhere is another attack.
        return bool(a.key.nationalities & b.key.nationalities)
    return _within(a, b)


def _within(a: CheckedClaim, b: CheckedClaim) -> bool:
    """Counts in different stories compare when both are dated within the window."""
    if a.as_of is None or b.as_of is None:
        return False
    return abs(a.as_of - b.as_of) <= subject_lexicon().window_days


def _sentence(document: Document, start: int, end: int) -> Span:
    """The sentence around a claim, by punctuation: evidence a person can read."""
    text = document.text
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.start() if after else len(text)
    return Span(doc=document.id, start=begin, end=stop, text=text[begin:stop])


def _label(members: Sequence[CheckedClaim]) -> str:
    """Every way the members name what they count, once each: one finding, all its labels."""
    seen: list[str] = []
    for checked in members:
        subject = checked.claim.subject or checked.key.group
        if subject.casefold() not in (s.casefold() for s in seen):
            seen.append(subject)
    text = " / ".join(seen)
    return text[:1].upper() + text[1:]


def _voice(checked: CheckedClaim) -> str:
    if checked.speaker_name:
        return f"{checked.outlet}, quoting {checked.speaker_name}"
    return checked.outlet


def _voices(members: Sequence[CheckedClaim]) -> str:
    return "; ".join(dict.fromkeys(_voice(m) for m in members))


class FindingWriter:
    def __init__(self, record: Record) -> None:
        self.record = record
        self.findings: list[Finding] = []
        self.keys: list[str] = []

    def add(
        self,
        kind: FindingKind,
        claims: Sequence[CheckedClaim],
        summary: str,
        reference: dict[str, str] | None = None,
    ) -> None:
        evidence: list[Span] = []
        for checked in claims:
            span = _sentence(checked.document, checked.claim.start, checked.claim.end)
            if span not in evidence:
                evidence.append(span)
        stories = {c.story for c in claims}
        finding = Finding(
            id="",
            kind=kind,
            basis="reference" if reference else "claims",
            claims=[c.claim.id for c in claims],
            summary=summary,
            story=stories.pop() if len(stories) == 1 else None,
            actors=sorted({c.claim.speaker for c in claims if c.claim.speaker}),
            evidence=evidence,
            reference=reference,
        )
        self.findings.append(finding)
        facts = sorted(f"{k}={v}" for k, v in (reference or {}).items())
        self.keys.append(member_key(kind, finding.basis, *facts, members=finding.claims))

    def finish(self) -> list[Finding]:
        """The findings written, with ids from their claims, appended to the record."""
        assign_ids(self.findings, "f", self.keys, taken={f.id for f in self.record.findings})
        self.record.findings.extend(self.findings)
        return self.findings


class _Union:
    """Disjoint sets over item indices (claims that agree, claims that relate)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _components(items: Sequence[CheckedClaim], pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    union = _Union(len(items))
    for i, j in pairs:
        union.join(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(union.find(i), []).append(i)
    return list(groups.values())


def checked_claims(record: Record) -> list[CheckedClaim]:
    """The record's claims with their keys, documents, stories and time frames."""
    documents = {d.id: d for d in record.documents}
    names = {actor.id: actor.name for actor in record.actors}
    story_of: dict[str, str] = {}
    for story in record.stories:
        for doc_id in story.documents:
            story_of.setdefault(doc_id, story.id)
    items: list[CheckedClaim] = []
    for claim in record.claims:
        key = claim_key(claim.subject, claim.group, claim.facets)
        if key is None or claim.doc not in documents:
            continue
        document = documents[claim.doc]
        story_id = story_of.get(claim.doc)
        speaker = names.get(claim.speaker) if claim.speaker else None
        as_of = _day(claim.facets.get("as_of")) or _day(document.published)
        items.append(
            CheckedClaim(
                claim,
                key,
                document,
                story_id,
                speaker,
                as_of=as_of,
                moment=_moment(claim.facets, document, story_id),
            )
        )
    return items


def _bucket(item: CheckedClaim) -> tuple[str, str, str, str | int | None]:
    """Where a claim is indexed: its type, group and time frame (a named moment, a
    window of days, or else its story)."""
    value, group = item.claim.value.type, item.key.group
    if item.moment is not None:
        return value, group, "moment", item.moment
    if item.as_of is not None and value != "date":
        return value, group, "days", item.as_of // max(1, subject_lexicon().window_days)
    return value, group, "story", item.story


def candidate_pairs(items: Sequence[CheckedClaim]) -> Iterator[tuple[int, int]]:
    """Pairs that may compare, each once: within one bucket, across neighbouring day
    windows, and a story's undated claims with its dated ones. Never all pairs."""
    index: dict[tuple[str, str, str, str | int | None], list[int]] = {}
    for n, item in enumerate(items):
        if item.key.known_group:
            index.setdefault(_bucket(item), []).append(n)

    def emit(first: list[int], second: list[int] | None) -> Iterator[tuple[int, int]]:
        if second is None:
            for x in range(len(first)):
                for y in range(x + 1, len(first)):
                    yield first[x], first[y]
        else:
            for i in first:
                for j in second:
                    yield (i, j) if i < j else (j, i)

    # A story's undated claims meet its dated ones: the story is one occasion.
    undated: dict[tuple[str, str, str | None], list[int]] = {}
    dated: dict[tuple[str, str, str | None], list[int]] = {}
    for bucket, members in index.items():
        yield from emit(members, None)
        kind, group, where, at = bucket
        if where == "days" and isinstance(at, int):
            following = index.get((kind, group, "days", at + 1))
            if following:
                yield from emit(members, following)
            for n in members:
                dated.setdefault((kind, group, items[n].story), []).append(n)
        elif where == "story" and not isinstance(at, int):
            undated[(kind, group, at)] = members
    for key, members in undated.items():
        if key in dated:
            yield from emit(members, dated[key])


def _point(value: ClaimValue) -> float | None:
    """The single figure a value stands for, or None for a vague one ("tens of thousands")."""
    amount = value.months if value.type == "duration" else value.amount
    if value.type == "date" or amount is None:
        return None
    q = value.qualifier or "="
    if value.upper is not None:
        if q == "<":
            return value.upper if value.type == "quantity" else amount  # "nearly X"
        if q in ("=", "~") and value.type == "quantity":
            return (amount + value.upper) / 2  # a range
        return None  # a vague plural's bounds
    return amount


def _ratio(a: ClaimValue, b: ClaimValue) -> float | None:
    x, y = _point(a), _point(b)
    if x is None or y is None or x <= 0 or y <= 0:
        return None
    return max(x, y) / min(x, y)


def _side(members: Sequence[CheckedClaim]) -> str:
    # The fullest value speaks for the set: "2023-10-07" rather than a yearless "--10-07".
    first = min(members, key=lambda m: str(m.claim.value.start or "").startswith("--"))
    return f"{describe(first.claim.value)} ({_voices(members)})"


def check_claims(record: Record, facts: Sequence[dict[str, Any]] = ()) -> list[Finding]:
    """Compare the claims about one quantity; append and return the findings."""
    items = checked_claims(record)
    writer = FindingWriter(record)
    related: list[tuple[int, int]] = []
    agreeing = _Union(len(items))
    conflicting: list[tuple[int, int]] = []
    apart: list[tuple[int, int, float]] = []
    factor = subject_lexicon().divergence_factor
    for i, j in sorted(candidate_pairs(items)):
        a, b = items[i], items[j]
        if not comparable(a, b):
            continue
        related.append((i, j))
        if not compatible(_floor(a.claim.value), _floor(b.claim.value)):
            conflicting.append((i, j))
        elif agree(a.claim.value, b.claim.value):
            agreeing.join(i, j)
        elif (a.key.place is None) == (b.key.place is None):
            # A far smaller count with a place beside one without is mostly a part beside
            # the whole (one town's toll beside the war's): no divergence then.
            ratio = _ratio(a.claim.value, b.claim.value)
            if ratio is not None and ratio > factor:
                apart.append((i, j, ratio))
    _write_disagreements(items, agreeing, conflicting, apart, writer)
    clusters: dict[int, list[int]] = {}
    for n in range(len(items)):
        clusters.setdefault(agreeing.find(n), []).append(n)
    for component in clusters.values():
        outlets = {items[i].outlet for i in component}
        if len(outlets) > 1:
            members = [items[i] for i in component]
            writer.add(
                "corroboration",
                members,
                f"{_label(members)}: {describe(members[0].claim.value)} — "
                f"agreed by {len(outlets)} outlets ({', '.join(sorted(outlets))})",
            )
    for component in _components(items, related):
        members = [items[i] for i in component]
        outlets = {m.outlet for m in members}
        # Without stories the corpus is one story; with them, unstoried claims are skipped.
        in_story = not record.stories or any(m.story for m in members)
        if len(outlets) == 1 and members[0].key.known_group and in_story:
            writer.add(
                "single_source",
                members,
                f"{_label(members)}: {describe(members[0].claim.value)} — "
                f"only {members[0].outlet} says so in this story",
            )
    by_group: dict[tuple[str, str], list[CheckedClaim]] = {}
    for item in items:
        by_group.setdefault((item.claim.value.type, item.key.group), []).append(item)
    for number, fact in enumerate(facts, 1):
        _check_fact(number, fact, by_group, agreeing, items, writer)
    return writer.finish()


def _write_disagreements(
    items: Sequence[CheckedClaim],
    agreeing: _Union,
    conflicting: Sequence[tuple[int, int]],
    apart: Sequence[tuple[int, int, float]],
    writer: FindingWriter,
) -> None:
    """One finding per pair of agreeing sets that disagree, with every claim of both."""
    sides: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
    ratios: dict[tuple[int, int], float] = {}
    kinds: dict[tuple[int, int], FindingKind] = {}
    for kind, pairs in (
        ("contradiction", [(i, j, 0.0) for i, j in conflicting]),
        ("divergence", list(apart)),
    ):
        for i, j, ratio in pairs:
            ci, cj = agreeing.find(i), agreeing.find(j)
            if ci > cj:
                ci, cj, i, j = cj, ci, j, i
            key = (ci, cj)
            if key in kinds and kinds[key] != kind:
                continue  # a contradiction already says these sets disagree
            kinds[key] = "contradiction" if kind == "contradiction" else "divergence"
            left, right = sides.setdefault(key, (set(), set()))
            left.add(i)
            right.add(j)
            ratios[key] = max(ratios.get(key, 0.0), ratio)
    for key, (left, right) in sides.items():
        first = [items[n] for n in sorted(left)]
        second = [items[n] for n in sorted(right)]
        members = [*first, *second]
        contradiction = kinds[key] == "contradiction"
        tail = "cannot both hold" if contradiction else f"{ratios[key]:.1f}× apart"
        writer.add(
            kinds[key],
            members,
            f"{_label(members)}: {_side(first)} vs {_side(second)} — {tail}",
        )


def _fact_value(value: object) -> ClaimValue | None:
    if isinstance(value, date):
        return normalise_date(value.isoformat())
    if isinstance(value, int | float):
        return ClaimValue(type="quantity", amount=float(value), qualifier="=")
    text = str(value)
    return normalise_date(text) or normalise_duration(text) or normalise_quantity(text)


def _near(fact_date: str | None, checked: CheckedClaim, value: ClaimValue) -> bool:
    if value.type == "date" or not fact_date or checked.as_of is None:
        return True
    fact_day = _day(fact_date)
    return fact_day is None or abs(checked.as_of - fact_day) <= FACT_WINDOW_DAYS


def _floor(value: ClaimValue) -> ClaimValue:
    """A vague plural as the floor it states: "tens of thousands" says at least 20,000;
    its upper bound (99,999) is our convention, so "hundreds of thousands" elsewhere is no
    contradiction of it."""
    if value.qualifier == ">=" and value.upper is not None and value.type == "quantity":
        return value.model_copy(update={"upper": None})
    return value


_NOT_STRICT: dict[str, str] = {">": ">=", "<": "<="}


def _loose(value: ClaimValue) -> ClaimValue:
    """A bound made inclusive: a reference figure of 47,400 is no contradiction of "the
    toll passed 47,400", since reference counts are themselves rounded."""
    if value.qualifier in _NOT_STRICT and value.upper is None:
        return value.model_copy(update={"qualifier": _NOT_STRICT[value.qualifier]})
    return value


def fact_key(fact: dict[str, Any]) -> ClaimKey | None:
    """A reference fact's subject read by the claims' synonym groups and facets."""
    subject = str(fact.get("subject", ""))
    read = subject_facets(subject)
    group = str(fact.get("group") or read.group or group_of(subject) or "")
    facets = {k: v for k, v in (("action", read.action), ("place", read.place)) if v}
    return claim_key(read.words, group, facets)


def _unmatched(number: int, message: str) -> None:
    """Warn that a fact checked nothing, located as "facts:<n>" (no Python line under it)."""
    warnings.warn_explicit(message, UnmatchedFactWarning, "facts", number)


def _check_fact(
    number: int,
    fact: dict[str, Any],
    by_group: dict[tuple[str, str], list[CheckedClaim]],
    agreeing: _Union,
    items: Sequence[CheckedClaim],
    writer: FindingWriter,
) -> None:
    subject = str(fact.get("subject", ""))
    value = _fact_value(fact.get("value"))
    key = fact_key(fact)
    if value is None or key is None:
        _unmatched(
            number,
            f"reference fact {subject!r}: its subject or value names nothing claims can be "
            "compared with",
        )
        return
    fact_date = str(fact["date"]) if fact.get("date") is not None else None
    reference = {
        "subject": subject,
        "value": str(fact.get("value")),
        "source": str(fact.get("source", "")),
        "date": fact_date or "",
    }
    index = {id(item): n for n, item in enumerate(items)}
    matched = False
    against: dict[int, list[CheckedClaim]] = {}
    for checked in by_group.get((value.type, key.group), []):
        if checked.moment is not None and value.type != "date":
            continue  # a count of one day (the toll of 7 October) is not a running total
        if checked.claim.value.unit != value.unit and value.type == "quantity":
            continue
        if not same_subject(checked.key, key, value.type):
            continue
        if not _near(fact_date, checked, value):
            continue
        matched = True
        if not compatible(_loose(_floor(checked.claim.value)), value):
            against.setdefault(agreeing.find(index[id(checked)]), []).append(checked)
    if not matched:
        _unmatched(number, f"reference fact {subject!r} ({reference['value']}) matched no claim")
    for members in against.values():
        writer.add(
            "contradiction",
            members,
            f"{_label(members)}: {_side(members)} vs "
            f"{describe(value)} ({reference['source'] or 'reference'}) — contradicts the reference",
            reference=reference,
        )


def load_facts(path: str | Path) -> list[dict[str, Any]]:
    """Reference facts from a YAML file (see `parse_facts`)."""
    return parse_facts(LinkFile.read(str(path), "facts"))


def parse_facts(file: LinkFile) -> list[dict[str, Any]]:
    """Reference facts from YAML: a list of {subject, value, date, source, group?}."""
    path = file.source
    try:
        loaded = yaml.safe_load(file.text)
    except yaml.YAMLError as error:
        raise PresswatchError(f"{path}: cannot read facts ({error})") from error
    if loaded is None:
        return []
    if not isinstance(loaded, list) or not all(isinstance(f, dict) for f in loaded):
        raise PresswatchError(f"{path}: facts must be a list of {{subject, value, date, source}}")
    for n, fact in enumerate(loaded, 1):
        if "subject" not in fact or "value" not in fact:
            raise PresswatchError(f"{path}: fact {n} needs a subject and a value")
    return loaded


@linker("claims")
def link_claims(context: CorpusContext) -> None:
    """Add claim findings to the record: contradictions, corroborations, single sources."""
    facts = parse_facts(context.link.facts) if context.link.facts else []
    check_claims(context.record, facts)


__all__ = [
    "UnmatchedFactWarning",
    "candidate_pairs",
    "check_claims",
    "checked_claims",
    "claim_key",
    "comparable",
    "fact_key",
    "load_facts",
    "same_subject",
    "words_of",
]
