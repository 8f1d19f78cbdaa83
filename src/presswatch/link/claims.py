"""Claim checks: which claims speak of the same quantity, and whether they can all hold.

Two claims compare when they fall in one synonym group (deaths: martyrs, killed, death
toll …) with compatible heads, nationalities, actions, places, days and anchors ("first
phase"), within one story (or across stories when an anchor or a day names the same
moment). Values are checked as intervals under their qualifiers (`quantities.interval`).
Findings: `contradiction` (cannot both hold, also against reference facts),
`corroboration` (different outlets agree), `single_source` (one outlet alone says it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from presswatch.errors import PresswatchError
from presswatch.lang.claim_subjects import group_of
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


@dataclass(frozen=True)
class ClaimKey:
    """What a claim is about: `Claim.subject`, `Claim.group` and `Claim.facets`."""

    group: str
    head: str
    nationalities: frozenset[str]
    facets: dict[str, str]
    known_group: bool


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
    return ClaimKey(base, head, nationalities, facets, base in groups)


def _heads_compatible(a: ClaimKey, b: ClaimKey) -> bool:
    if a.head == b.head:
        return True
    _, nouns, people = _subjects()
    general = {_singular(w) for w in nouns | people} | {a.group, b.group}
    return a.head in general and b.head in general


def _places_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    return bool(set(a.split()) & set(b.split()))


@dataclass
class CheckedClaim:
    claim: Claim
    key: ClaimKey
    document: Document
    story: str | None
    speaker_name: str | None = None

    @property
    def outlet(self) -> str:
        return self.document.outlet or self.document.source


def comparable(a: CheckedClaim, b: CheckedClaim) -> bool:
    """Whether two claims speak of the same quantity, date or duration."""
    ka, kb = a.key, b.key
    if a.claim.value.type != b.claim.value.type or ka.group != kb.group:
        return False
    if not ka.known_group:
        # A subject outside the synonym groups ("claims", "points", "support") says too
        # little of what is counted: on real reports comparing them flagged mostly
        # different quantities. A new kind of figure is a group in claim_subjects.yaml.
        return False
    if a.claim.value.unit != b.claim.value.unit and a.claim.value.type == "quantity":
        return False  # 60% of homes is not 60 homes
    if a.claim.value.type != "date":
        if not _heads_compatible(ka, kb):
            return False
        if ka.nationalities and kb.nationalities and not ka.nationalities & kb.nationalities:
            return False
    fa, fb = ka.facets, kb.facets
    for facet in ("action",):
        if fa.get(facet) and fb.get(facet) and fa[facet] != fb[facet]:
            return False
    if not _places_compatible(fa.get("place"), fb.get("place")):
        return False
    if fa.get("frame") != fb.get("frame") or fa.get("anchor") != fb.get("anchor"):
        return False
    if a.story != b.story:
        # Different stories compare only when the claims name the same moment.
        return bool(fa.get("anchor") or fa.get("frame"))
    return True


def _sentence(document: Document, start: int, end: int) -> Span:
    """The sentence around a claim, by punctuation: evidence a person can read."""
    text = document.text
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, end)
    stop = after.start() if after else len(text)
    return Span(doc=document.id, start=begin, end=stop, text=text[begin:stop])


def _label(checked: CheckedClaim) -> str:
    subject = checked.claim.subject or checked.key.group
    return subject[:1].upper() + subject[1:]


def _voice(checked: CheckedClaim) -> str:
    if checked.speaker_name:
        return f"{checked.outlet}, quoting {checked.speaker_name}"
    return checked.outlet


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


def _components(items: Sequence[CheckedClaim], pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def check_claims(record: Record, facts: Sequence[dict[str, Any]] = ()) -> list[Finding]:
    """Compare every pair of claims about one quantity; append and return the findings."""
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
        speaker = names.get(claim.speaker) if claim.speaker else None
        items.append(
            CheckedClaim(claim, key, documents[claim.doc], story_of.get(claim.doc), speaker)
        )
    writer = FindingWriter(record)
    related: list[tuple[int, int]] = []
    agreeing: list[tuple[int, int]] = []
    # Only claims of one type and group can compare: bucket first, so a large corpus
    # costs the sum of squared bucket sizes rather than the square of all claims.
    buckets: dict[tuple[str, str], list[int]] = {}
    for index, item in enumerate(items):
        buckets.setdefault((item.claim.value.type, item.key.group), []).append(index)
    candidates = [
        (members[x], members[y])
        for members in buckets.values()
        for x in range(len(members))
        for y in range(x + 1, len(members))
    ]
    for i, j in sorted(candidates):
        a, b = items[i], items[j]
        if not comparable(a, b):
            continue
        related.append((i, j))
        if not compatible(a.claim.value, b.claim.value):
            writer.add(
                "contradiction",
                [a, b],
                f"{_label(a)}: {describe(a.claim.value)} ({_voice(a)}) vs "
                f"{describe(b.claim.value)} ({_voice(b)}) — cannot both hold",
            )
        elif a.outlet != b.outlet and agree(a.claim.value, b.claim.value):
            agreeing.append((i, j))
    for component in _components(items, agreeing):
        outlets = {items[i].outlet for i in component}
        if len(outlets) > 1:
            members = [items[i] for i in component]
            writer.add(
                "corroboration",
                members,
                f"{_label(members[0])}: {describe(members[0].claim.value)} — "
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
                f"{_label(members[0])}: {describe(members[0].claim.value)} — "
                f"only {members[0].outlet} says so in this story",
            )
    for fact in facts:
        _check_fact(fact, items, writer)
    return writer.finish()


def _fact_value(value: object) -> ClaimValue | None:
    if isinstance(value, date):
        return normalise_date(value.isoformat())
    if isinstance(value, int | float):
        return ClaimValue(type="quantity", amount=float(value), qualifier="=")
    text = str(value)
    return normalise_date(text) or normalise_duration(text) or normalise_quantity(text)


def _near(fact_date: str | None, document: Document, value: ClaimValue) -> bool:
    if value.type == "date" or not fact_date or not document.published:
        return True
    try:
        gap = date.fromisoformat(document.published[:10]) - date.fromisoformat(fact_date[:10])
    except ValueError:
        return True
    return abs(gap.days) <= FACT_WINDOW_DAYS


def _check_fact(fact: dict[str, Any], items: Sequence[CheckedClaim], writer: FindingWriter) -> None:
    subject = str(fact.get("subject", ""))
    value = _fact_value(fact.get("value"))
    group = str(fact.get("group") or group_of(subject) or "")
    key = claim_key(subject, group)
    if value is None or key is None:
        return
    fact_date = str(fact["date"]) if fact.get("date") is not None else None
    reference = {
        "subject": subject,
        "value": str(fact.get("value")),
        "source": str(fact.get("source", "")),
        "date": fact_date or "",
    }
    for checked in items:
        if checked.claim.value.type != value.type or checked.key.group != key.group:
            continue
        if value.type != "date" and not _heads_compatible(checked.key, key):
            continue
        if (
            key.nationalities
            and checked.key.nationalities
            and not key.nationalities & checked.key.nationalities
        ):
            continue
        if not _near(fact_date, checked.document, value) or compatible(checked.claim.value, value):
            continue
        writer.add(
            "contradiction",
            [checked],
            f"{_label(checked)}: {describe(checked.claim.value)} ({_voice(checked)}) vs "
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


__all__ = ["check_claims", "claim_key", "comparable", "load_facts", "words_of"]
