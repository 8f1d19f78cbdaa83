"""Actors across documents: one corpus actor per real person, organisation or place.

People merge when their name keys are compatible (same surname key, given names that do
not conflict) and the match is unambiguous; a bare surname joins only the one person in
the corpus it can be. Curated actors from `--actors FILE` are matched first. An alias
(a kunya, a specific title) bound to two different actors becomes an `alias_conflict`
finding with the evidence of both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from presswatch.errors import PresswatchError
from presswatch.lang.data import PERSON_NOUNS
from presswatch.lang.dates import iso_date
from presswatch.lang.known_actors import is_known_person_name
from presswatch.lang.names import (
    better_key,
    compatible_names,
    is_kunya,
    is_unnamed_key,
    name_key,
    parse_name,
)
from presswatch.link import CorpusContext, linker
from presswatch.link.ids import assign_ids, member_key
from presswatch.model import Actor, ActorKind, Finding, Mention, Record, Span
from presswatch.settings import LinkFile


@dataclass
class KnownActor:
    name: str
    kind: ActorKind = "person"
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    wikidata: str | None = None

    def name_keys(self) -> list[tuple[str, ...]]:
        names = [self.name, *self.aliases]
        return [k for k in (name_key(parse_name(n).name) for n in names) if k]


def load_known_actors(path: str | Path) -> list[KnownActor]:
    """Curated actors from a YAML file (see `parse_known_actors`)."""
    return parse_known_actors(LinkFile.read(str(path), "known actors"))


def parse_known_actors(file: LinkFile) -> list[KnownActor]:
    """Curated actors from YAML: a list of {name, kind, aliases, roles, affiliations, wikidata}."""
    path = file.source
    try:
        entries: Any = yaml.safe_load(file.text)
    except yaml.YAMLError as error:
        raise PresswatchError(f"{path}: cannot read known actors ({error})") from error
    if not isinstance(entries, list):
        raise PresswatchError(f"{path}: known actors must be a YAML list")
    known = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise PresswatchError(f"{path}: entry {number} has no name")
        known.append(
            KnownActor(
                name=entry["name"],
                kind=entry.get("kind", "person"),
                aliases=[str(a) for a in entry.get("aliases", [])],
                roles=[str(r) for r in entry.get("roles", [])],
                affiliations=[str(a) for a in entry.get("affiliations", [])],
                wikidata=entry.get("wikidata"),
            )
        )
    return known


def rewrite_actor_references(record: Record, mapping: dict[str, str]) -> None:
    """Point every quote, claim, event and affiliation at the merged actor ids."""
    for quote in record.quotes:
        if quote.speaker is not None:
            quote.speaker = mapping.get(quote.speaker, quote.speaker)
    for claim in record.claims:
        if claim.speaker is not None:
            claim.speaker = mapping.get(claim.speaker, claim.speaker)
    for event in record.events:
        for participant in event.participants:
            participant.actor = mapping.get(participant.actor, participant.actor)
        if event.claimed_by is not None:
            event.claimed_by = mapping.get(event.claimed_by, event.claimed_by)
    for actor in record.actors:
        merged = [mapping.get(a, a) for a in actor.affiliations]
        actor.affiliations = list(dict.fromkeys(a for a in merged if a != actor.id))
    # Built before a later merge (the unnamed linker runs after stories): the store keeps
    # these as rows that must name a surviving actor.
    for story in record.stories:
        story.participants = list(dict.fromkeys(mapping.get(a, a) for a in story.participants))
    for finding in record.findings:
        finding.actors = list(dict.fromkeys(mapping.get(a, a) for a in finding.actors))
    for group in record.quote_groups:
        if group.speaker is not None:
            group.speaker = mapping.get(group.speaker, group.speaker)


@dataclass
class Cluster:
    """Local actors that are one real actor."""

    kind: ActorKind
    members: list[Actor] = field(default_factory=list)
    key: tuple[str, ...] = ()
    known: KnownActor | None = None

    def add(self, actor: Actor) -> None:
        self.members.append(actor)
        self.key = better_key(self.key, tuple((actor.key or "").split()))


def person_cluster_for(key: tuple[str, ...], clusters: list[Cluster]) -> Cluster | None:
    """The one cluster a person key fits; None when none or several fit."""
    fitting = [c for c in clusters if compatible_names(c.key, key)]
    if len(fitting) == 1:
        return fitting[0]
    exact = [c for c in fitting if c.key == key]
    return exact[0] if len(exact) == 1 else None


class PersonIndex:
    """Person clusters by the name tokens that can make a key fit theirs: `compatible_names`
    needs the same surname, or one key opening the other, so a key is checked only against
    the clusters holding its surname anywhere in a key or ending a key with one of its
    tokens, not every person cluster of the corpus (which grows with its square). Every
    key a cluster has had stays indexed (a superset: the fit is checked on its key now)."""

    def __init__(self) -> None:
        self.by_token: dict[str, list[Cluster]] = defaultdict(list)
        self.by_last: dict[str, list[Cluster]] = defaultdict(list)
        self.indexed: dict[int, set[tuple[str, ...]]] = defaultdict(set)

    def add(self, cluster: Cluster) -> None:
        """Index the cluster under its key now (call again after its key changes)."""
        keys = self.indexed[id(cluster)]
        if not cluster.key or cluster.key in keys:
            return
        old_tokens = {t for k in keys for t in k}
        old_lasts = {k[-1] for k in keys}
        keys.add(cluster.key)
        for token in dict.fromkeys(cluster.key):
            if token not in old_tokens:
                self.by_token[token].append(cluster)
        if cluster.key[-1] not in old_lasts:
            self.by_last[cluster.key[-1]].append(cluster)

    def candidates(self, key: tuple[str, ...]) -> list[Cluster]:
        found = {id(c): c for c in self.by_token.get(key[-1], ())}
        for token in key:
            found.update((id(c), c) for c in self.by_last.get(token, ()))
        return list(found.values())


# Kinds a tagger gives a person's name by mistake; a place keeps its kind when alone
# ("Jordan", "Washington"), and is a person only under a full name a person has.
REPAIRABLE_ALONE: frozenset[ActorKind] = frozenset({"organization", "group"})


def repair_person_kinds(actors: list[Actor], known: list[KnownActor]) -> None:
    """Names the tagger called an organisation, a group or a place, which are a person's
    name elsewhere in the corpus, in the known actors of `--actors` or in the people of
    the Phoenix dictionaries (`lang.known_actors`), are that person: "Wladimir
    Klitschko" tagged a place in one report, "Darwish" tagged a nationality. A one-word
    name is a person only when it is the surname of exactly one person's full name."""
    full_keys = {
        tuple((a.key or "").split())
        for a in actors
        if a.kind == "person" and len((a.key or "").split()) > 1
    }
    full_keys |= {k for entry in known if entry.kind == "person" for k in entry.name_keys()}
    full_keys = {k for k in full_keys if len(k) > 1}
    by_surname: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key in full_keys:
        by_surname[key[-1]].add(key)
    for actor in actors:
        if actor.kind == "person":
            continue
        key = tuple((actor.key or "").split())
        if len(key) > 1:
            if any(
                compatible_names(key, full) for full in by_surname.get(key[-1], ())
            ) or is_known_person_name(actor.name):
                actor.kind = "person"
        elif len(key) == 1 and actor.kind in REPAIRABLE_ALONE:
            fitting = by_surname.get(key[0], set())
            # Several full names with this surname must all be one person's.
            if fitting and all(compatible_names(a, b) for a in fitting for b in fitting):
                actor.kind = "person"


def cluster_actors(actors: list[Actor], known: list[KnownActor]) -> list[Cluster]:
    repair_person_kinds(actors, known)
    clusters: list[Cluster] = [
        Cluster(kind=k.kind, key=max(k.name_keys(), key=len, default=()), known=k) for k in known
    ]
    known_keys = {key: c for c in clusters if c.known for key in c.known.name_keys()}
    by_key: dict[tuple[ActorKind, tuple[str, ...]], Cluster] = {}
    people = PersonIndex()
    for entry in clusters:
        if entry.kind == "person":
            people.add(entry)
    # Full names first: a bare surname then finds the one person it can belong to.
    ordered = sorted(actors, key=lambda a: -len((a.key or "").split()))
    for actor in ordered:
        key = tuple((actor.key or "").split())
        if is_unnamed_key(actor.key):
            # A person described but never named merges by no name: only within a story,
            # by `merge_unnamed_in_stories`.
            clusters.append(Cluster(kind=actor.kind, members=[actor], key=key))
            if actor.kind == "person":
                people.add(clusters[-1])
            continue
        cluster = known_keys.get(key)
        if cluster is None and actor.kind == "person" and key:
            cluster = person_cluster_for(key, people.candidates(key))
        elif cluster is None:
            cluster = by_key.get((actor.kind, key))
        if cluster is None:
            cluster = Cluster(kind=actor.kind)
            clusters.append(cluster)
            by_key[(actor.kind, key)] = cluster
        cluster.add(actor)
        if cluster.kind == "person":
            people.add(cluster)
    return [c for c in clusters if c.members]


def merged_actor(cluster: Cluster, actor_id: str) -> Actor:
    members = cluster.members
    names = Counter(m.name for m in members)
    if cluster.known:
        name = cluster.known.name
    elif cluster.kind != "person":
        name = names.most_common(1)[0][0]
    else:
        # The longest name of the cluster's key, not a headline's "Esther Williams Dies".
        keyed = Counter(
            {n: c for n, c in names.items() if name_key(parse_name(n).name) == cluster.key}
        )
        names = keyed or names
        longest = max(len(n.split()) for n in names)
        name = next(n for n, _ in names.most_common() if len(n.split()) == longest)
    aliases: list[str] = []
    roles: list[str] = []
    for member in members:
        for alias in [member.name, *member.aliases]:
            if alias != name and alias not in aliases:
                aliases.append(alias)
        for role in member.roles:
            if role.casefold() not in {r.casefold() for r in roles}:
                roles.append(role)
    if cluster.known:
        aliases += [a for a in cluster.known.aliases if a not in aliases and a != name]
        roles += [
            r for r in cluster.known.roles if r.casefold() not in {x.casefold() for x in roles}
        ]
    mentions: list[Mention] = [m for member in members for m in member.mentions]
    return Actor(
        id=actor_id,
        name=name,
        kind=cluster.kind,
        aliases=aliases,
        roles=roles,
        affiliations=[a for member in members for a in member.affiliations],
        mentions=mentions,
        wikidata=cluster.known.wikidata if cluster.known else None,
        key=" ".join(cluster.key) or None,
    )


def alias_conflicts(record: Record) -> list[Finding]:
    """Kunyas and specific titles bound to more than one actor."""
    bound: dict[str, dict[str, Mention]] = defaultdict(dict)
    for actor in record.actors:
        if is_unnamed_key(actor.key):
            continue  # "the 26-year-old man" of two reports is no alias of anyone
        for mention in actor.mentions:
            text = " ".join(mention.text.split())
            specific_title = mention.kind == "role" and len(text.split()) >= 3
            if mention.kind == "kunya" or specific_title or is_kunya(text):
                alias = parse_name(text).kunya or text
                normalised = (
                    " ".join(name_key(alias))
                    if mention.kind == "kunya"
                    else alias.casefold().removeprefix("the ")
                )
                bound[normalised].setdefault(actor.id, mention)
    findings: list[Finding] = []
    keys: list[str] = []
    names = {a.id: a.name for a in record.actors}
    for alias, owners in bound.items():
        if len(owners) < 2:
            continue
        evidence = [Span(doc=m.doc, start=m.start, end=m.end, text=m.text) for m in owners.values()]
        who = " and ".join(names[a] for a in owners)
        findings.append(
            Finding(
                id="",
                kind="alias_conflict",
                basis="alias",
                summary=f"“{next(iter(owners.values())).text}” is used for {who}",
                actors=list(owners),
                evidence=evidence,
            )
        )
        keys.append(member_key("alias_conflict", alias, members=owners))
    assign_ids(findings, "f", keys, taken={f.id for f in record.findings})
    return findings


def actor_key(cluster: Cluster) -> str:
    """What an actor is, for its id: the known actor it is (its Wikidata id, else its kind
    and name), or its kind and name key."""
    if cluster.known is not None and cluster.known.wikidata:
        return member_key("wikidata", cluster.known.wikidata)
    if cluster.known is not None:
        return member_key("known", cluster.kind, cluster.known.name)
    if cluster.members and is_unnamed_key(cluster.members[0].key):
        # An unnamed person is who one report describes where it does: its id depends
        # on nothing else linked with it (many reports have "officials").
        first = min((m.doc, m.start) for m in cluster.members[0].mentions)
        return member_key(cluster.kind, " ".join(cluster.key), first[0], str(first[1]))
    return member_key(cluster.kind, " ".join(cluster.key))


@linker("actors")
def merge_actors(context: CorpusContext) -> None:
    record = context.record
    known = parse_known_actors(context.link.known_actors) if context.link.known_actors else []
    clusters = cluster_actors(record.actors, known)
    first_seen = {d.id: i for i, d in enumerate(record.documents)}

    def first_mention(cluster: Cluster) -> tuple[int, int]:
        return min(
            ((first_seen.get(m.doc, 0), m.start) for a in cluster.members for m in a.mentions),
            default=(0, 0),
        )

    clusters.sort(key=first_mention)
    merged = [merged_actor(cluster, "") for cluster in clusters]
    published = {d.id: d.published or "9999-99-99" for d in record.documents}
    # Two clusters with one key (a name too ambiguous to merge) are told apart by where
    # each is first named: publication date, document id, offset.
    founding = [
        min(
            (f"{published.get(m.doc, '')}\t{m.doc}\t{m.start:012d}" for m in actor.mentions),
            default="",
        )
        for actor in merged
    ]
    assign_ids(merged, "a", [actor_key(c) for c in clusters], order=founding)
    mapping: dict[str, str] = {}
    for cluster, actor in zip(clusters, merged, strict=True):
        for member in cluster.members:
            mapping[member.id] = actor.id
    record.actors = merged
    context.scratch["actor_ids"] = mapping  # local id → corpus id, for evaluations
    rewrite_actor_references(record, mapping)
    names_to_ids = {" ".join(name_key(a.name)): a.id for a in merged}
    for cluster, actor in zip(clusters, merged, strict=True):
        if cluster.known:
            for affiliation in cluster.known.affiliations:
                target = names_to_ids.get(" ".join(name_key(affiliation)))
                if target and target != actor.id and target not in actor.affiliations:
                    actor.affiliations.append(target)
    resolve_speakers_by_role(record)
    record.findings.extend(alias_conflicts(record))


def role_key(text: str) -> str:
    """A role phrase reduced for matching: "the head of Hamas's leadership council" and
    "The head of the Hamas leadership council" agree."""
    words = text.casefold().replace("’", "'").replace("'s", "").split()
    return " ".join(w.strip(",.;:") for w in words if w not in ("the", "a", "an"))


# A role another report binds holds for a quote's report published within this many days
# of it: "the president" of 2025 is not the one a report of 2012 named.
ROLE_HELD_DAYS = 365


def resolve_speakers_by_role(record: Record) -> None:
    """A speaker named only by a role another report binds to one person is that person:
    the one person bound to it in reports within ROLE_HELD_DAYS of the quote's (any
    report, when either is undated). A role written in a name ("President Obama") is
    dated by every report naming its holder."""
    day = {d.id: iso_date(d.published) for d in record.documents}
    holders: dict[str, dict[str, set[date | None]]] = defaultdict(lambda: defaultdict(set))
    for actor in record.actors:
        if actor.kind != "person" or is_unnamed_key(actor.key):
            continue
        named_on = {day.get(m.doc) for m in actor.mentions}
        for role in actor.roles:
            holders[role_key(role)][actor.id] |= named_on
        for mention in actor.mentions:
            if mention.kind == "role":
                holders[role_key(mention.text)][actor.id].add(day.get(mention.doc))
    for quote in record.quotes:
        if quote.speaker is None and quote.speaker_text:
            when = day.get(quote.doc)
            found = [
                actor
                for actor, days in holders.get(role_key(quote.speaker_text), {}).items()
                if held_near(days, when)
            ]
            if len(found) == 1:
                quote.speaker = found[0]
                quote.confidence = round(quote.confidence * 0.9 + 0.2, 2)


def held_near(days: set[date | None], when: date | None) -> bool:
    """Whether a role bound in reports of these days can be held on `when`."""
    if when is None or None in days:
        return True
    return any(abs((d - when).days) <= ROLE_HELD_DAYS for d in days if d is not None)


# Sorts an undated report after every dated one.
UNDATED = "9999-99-99"


def reported_at(mention: Mention, published: dict[str, str]) -> tuple[str, str, int]:
    """When and where a mention is reported: its report's publication date (undated
    last), then document id, then offset."""
    return (published.get(mention.doc, UNDATED), mention.doc, mention.start)


def first_reported(actor: Actor, published: dict[str, str]) -> tuple[str, str, int]:
    """Where an actor is first reported: its earliest mention by `reported_at`."""
    return min(reported_at(m, published) for m in actor.mentions)


def unnamed_by_story(record: Record, stories: list[set[str]]) -> list[list[Actor]]:
    """Each story's unnamed people (those whose reports are all in it), in record order:
    one pass over the actors, each checked only against the stories of one of its
    reports, not every story against every actor."""
    by_document: dict[str, list[int]] = defaultdict(list)
    for number, documents in enumerate(stories):
        for document in documents:
            by_document[document].append(number)
    found: list[list[Actor]] = [[] for _ in stories]
    for actor in record.actors:
        if not is_unnamed_key(actor.key) or not actor.mentions:
            continue
        reports = {m.doc for m in actor.mentions}
        for number in by_document.get(actor.mentions[0].doc, ()):
            if reports <= stories[number]:
                found[number].append(actor)
    return found


def merge_unnamed_in_stories(
    record: Record, stories: Iterable[Iterable[str]], settled: frozenset[str] = frozenset()
) -> dict[str, str]:
    """People described but never named ("a gunman", "the shooter") who are one person:
    within one story (a set of document ids), the unnamed people whose head nouns agree
    (their roles hold the heads, synonyms folded by person_nouns.yaml) and whose
    descriptions name nothing different ("Israeli officials" never joins "the Hamas
    officials"); at most one person (not group) per report. Reports of one shooting call
    its gunman "the gunman" and "the shooter"; two stories' gunmen are never merged. Then
    each unnamed person joins the named person the story describes by its head, if one
    stands out (`join_described_to_named`). `settled` are people an earlier pass already
    compared (stored ones, when reports are added): two of them never merge with each
    other here, only through a new person. Returns the merged ids (each → the id it
    joined) after rewriting every reference."""
    mapping: dict[str, str] = {}
    published = {d.id: d.published or UNDATED for d in record.documents}
    described = DescribedPeople.of(record)
    insides = [set(documents) for documents in stories]
    for inside, unnamed in zip(insides, unnamed_by_story(record, insides), strict=True):
        # The person as first reported survives a merge, whatever order the reports were
        # linked in: a full relink and reports added one by one keep the same id, and a
        # later report never takes over an earlier one's id (the smallest id would).
        members = sorted(unnamed, key=lambda actor: first_reported(actor, published))
        # actor, its reports, the names in its descriptions, the heads it goes by
        merged: list[tuple[Actor, set[str], set[str], set[str]]] = []
        # Survivors holding only settled people: the pass that stored them kept them apart
        # from the other settled ones, and merging again over their gathered heads would
        # join what it did not (a greedy merge is not idempotent).
        only_settled = {a.id for a in members if a.id in settled}
        for actor in members:
            names = description_names(actor)
            reports = {m.doc for m in actor.mentions}
            heads = set(actor.roles) or {actor.key or ""}
            target = next(
                (
                    entry
                    for entry in merged
                    if heads & entry[3]
                    # Two people one report tells apart stay apart; its groups ("five
                    # pirates", "the pirates") may be one group the report split.
                    and (actor.kind == "group" or not entry[1] & reports)
                    and (not names or not entry[2] or names & entry[2])
                    and not (actor.id in settled and entry[0].id in only_settled)
                ),
                None,
            )
            if target is None:
                merged.append((actor, reports, names, heads))
                continue
            keep = target[0]
            if actor.id not in settled:
                only_settled.discard(keep.id)
            # Its mentions in the order first reported, as the survivor is chosen: the
            # same whichever run linked which report.
            keep.mentions = sorted(
                [*keep.mentions, *actor.mentions], key=lambda m: reported_at(m, published)
            )
            for alias in [actor.name, *actor.aliases]:
                if alias != keep.name and alias not in keep.aliases:
                    keep.aliases.append(alias)
            keep.roles.extend(h for h in actor.roles if h not in keep.roles)
            target[1].update(reports)
            target[2].update(names)
            target[3].update(heads)
            mapping[actor.id] = keep.id
        # A survivor of settled people only was compared with the story's named people by
        # the pass that stored it. Here settled people stay apart (above), so the groups
        # compared are not that pass's, and one was joined where a relink of the same
        # store joins none ("former Oklahoma state senator" to Bernie Sanders at 10,000
        # reports, issue 17). Only survivors holding a new person are joined.
        people = [e[0] for e in merged if e[0].kind == "person" and e[0].id not in only_settled]
        join_described_to_named(inside, people, mapping, described)
    if mapping:
        record.actors = [a for a in record.actors if a.id not in mapping]
        rewrite_actor_references(record, mapping)
    return mapping


DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "its"})


@lru_cache(maxsize=1)
def person_noun_heads() -> dict[str, str]:
    """Each person noun of a synonym set (person_nouns.yaml) → the set's first noun, the
    head an unnamed person's roles hold ("shooter" → "gunman")."""
    return PERSON_NOUNS.load().heads()


def description_head(phrase: str) -> str | None:
    """The head noun of a named person's description or role, synonyms folded; None for
    someone's someone ("Nichols' mother", "a sheriff's deputy") or a plural ("the defense
    lawyers"): those describe other people bound to this one by mistake."""
    words = phrase.casefold().split()
    if not words or any(w in POSSESSIVE or w.endswith(POSSESSIVE) for w in words):
        return None
    word = words[-1]
    if word.endswith("s") and not word.endswith("ss"):
        return None
    return person_noun_heads().get(word, word)


POSSESSIVE = ("'", "'s", "’", "’s")


@dataclass
class DescribedPeople:
    """What the named people of a record are described as, by report, built once for all
    stories: a story's part is the sum over its reports."""

    # document → (place in the record, named person) of the named people it mentions
    by_document: dict[str, list[tuple[int, Actor]]] = field(default_factory=dict)
    # (person id, document) → heads of its descriptions there; person id → its roles' heads
    heads: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    role_heads: dict[str, Counter[str]] = field(default_factory=dict)
    # the same for every word of them (its organisations' names with its roles)
    words: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    role_words: dict[str, set[str]] = field(default_factory=dict)
    # The words of every named organisation's or group's name ("Hamas", "Israeli").
    organisations: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, record: Record) -> DescribedPeople:
        index = cls()
        names = {a.id: a.name for a in record.actors}
        for number, actor in enumerate(record.actors):
            if is_unnamed_key(actor.key):
                continue
            if actor.kind in ("organization", "group"):
                index.organisations |= {
                    w.casefold()
                    for name in [actor.name, *actor.aliases]
                    for w in name.split()
                    if w[:1].isupper()
                }
            if actor.kind != "person":
                continue
            for doc in dict.fromkeys(m.doc for m in actor.mentions):
                index.by_document.setdefault(doc, []).append((number, actor))
            index.describe(actor, actor.mentions)
            index.role_heads[actor.id] = Counter(
                h for h in map(description_head, actor.roles) if h is not None
            )
            own = [*actor.roles, *(names.get(a, "") for a in actor.affiliations)]
            index.role_words[actor.id] = {w.casefold() for p in own for w in p.split()}
        return index

    def describe(self, actor: Actor, mentions: list[Mention]) -> None:
        """Add the descriptions among these mentions of a named person."""
        for mention in mentions:
            if mention.kind == "role":
                place = (actor.id, mention.doc)
                head = description_head(mention.text)
                if head is not None:
                    self.heads.setdefault(place, Counter())[head] += 1
                self.words.setdefault(place, set()).update(
                    w.casefold() for w in mention.text.split()
                )

    def people(self, documents: set[str]) -> list[Actor]:
        """The named people of these reports, in record order."""
        inside = {n: a for doc in documents for n, a in self.by_document.get(doc, [])}
        return [inside[n] for n in sorted(inside)]

    def described(self, actor: Actor, documents: set[str]) -> Counter[str]:
        """The heads a named person is described by in these reports and its roles', each
        with how often ("Eric Smith, the gunman"; "the actress" bound to the report's
        protagonist)."""
        found = Counter(self.role_heads.get(actor.id, {}))
        for doc in documents:
            found.update(self.heads.get((actor.id, doc), {}))
        return found

    def described_words(self, actor: Actor, documents: set[str]) -> set[str]:
        found = set(self.role_words.get(actor.id, set()))
        for doc in documents:
            found |= self.words.get((actor.id, doc), set())
        return found


def join_described_to_named(
    documents: set[str], people: list[Actor], mapping: dict[str, str], index: DescribedPeople
) -> None:
    """An unnamed person of a story (`people`, after merging) is the named person the
    story describes by one of its heads, when exactly one named person is: report A
    calls him "the gunman", report B "John Smith, the gunman", so A's gunman is John
    Smith. The named person takes the mentions (not the description as a name or alias);
    `mapping` records the unnamed id → the named id. Two named people are never merged."""
    named = index.people(documents)
    if not named:
        return
    heads = {a.id: index.described(a, documents) for a in named}
    for actor in people:
        # "the Hamas leader" is not "Supreme Leader Ali Khamenei": an organisation the
        # description names must be in the named person's descriptions or affiliations.
        names = description_names(actor) & index.organisations
        own = set(actor.roles)
        candidates = [
            a
            for a in named
            if own & heads[a.id].keys()
            and (not names or names & index.described_words(a, documents))
        ]
        target = most_described(candidates, own, heads)
        if target is None:
            continue  # no one, or several people alike, go by that description
        target.mentions.extend(actor.mentions)
        # Its descriptions now describe the named person too ("the Queens grandmother"
        # for the next description naming Queens); the heads weighed stay the story's.
        index.describe(target, actor.mentions)
        for merged_id, survivor in mapping.items():
            if survivor == actor.id:
                mapping[merged_id] = target.id
        mapping[actor.id] = target.id


def most_described(
    candidates: list[Actor], own: set[str], heads: dict[str, Counter[str]]
) -> Actor | None:
    """The one candidate the story describes by these heads, or the one it describes so
    at least DESCRIBED_LEAD times as often as any other ("the coach": the coach the
    reports call so throughout, not the one a report calls so once); None otherwise."""
    counts = sorted(
        ((sum(heads[a.id][h] for h in own), n) for n, a in enumerate(candidates)), reverse=True
    )
    if not counts or (len(counts) > 1 and counts[0][0] < DESCRIBED_LEAD * counts[1][0]):
        return None
    return candidates[counts[0][1]]


# How much more often than anyone else a named person must be described by a head to be
# the unnamed person of that head, when several named people are described by it.
DESCRIBED_LEAD = 2


def description_names(actor: Actor) -> set[str]:
    """Capitalised words before the head of an unnamed person's descriptions ("senior
    Hamas officials", "Israeli officials"): what tells two "officials" apart."""
    words: set[str] = set()
    for mention in actor.mentions:
        if mention.kind == "role":
            # "a spokesman for the International Committee of the Red Cross": the head
            # ends the words before the preposition, the body follows it.
            text = mention.text.split()
            belonging = PERSON_NOUNS.load().belonging
            cut = next((n for n, w in enumerate(text) if w in belonging), len(text))
            named = [*text[: max(cut - 1, 0)], *text[cut + 1 :]]
            words |= {
                w.casefold() for w in named if w[:1].isupper() and w.casefold() not in DETERMINERS
            }
    return words


def adopt_stored_unnamed_ids(record: Record, stored: dict[tuple[str, int, int], str]) -> None:
    """Give each unnamed person of a record linked from some of a store's reports the id
    of the stored actor holding its first mention (`stored`: span → stored actor id): in
    the store it may have merged with the unnamed person of a report outside the record."""
    ids = {a.id for a in record.actors}
    mapping: dict[str, str] = {}
    for actor in record.actors:
        if not is_unnamed_key(actor.key) or not actor.mentions:
            continue
        first = actor.mentions[0]
        target = stored.get((first.doc, first.start, first.end))
        if target and target != actor.id and target not in ids and target not in mapping.values():
            mapping[actor.id] = target
    for actor in record.actors:
        actor.id = mapping.get(actor.id, actor.id)
    rewrite_actor_references(record, mapping)


@linker("unnamed", after="stories")
def merge_unnamed(context: CorpusContext) -> None:
    """After the stories linker: unnamed people merge within each story."""
    # Adding reports: the stored people were compared when they were linked
    # (link/incremental.py names them); only the new reports' people are new evidence.
    settled = frozenset(context.scratch.get("unnamed_settled", ()))
    stories = (s.documents for s in context.record.stories)
    merged = merge_unnamed_in_stories(context.record, stories, settled)
    # Incremental linking reads which actors were merged away (link/incremental.py).
    context.scratch.setdefault("unnamed_merged", {}).update(merged)
    local_ids = context.scratch.get("actor_ids")
    if merged and isinstance(local_ids, dict):
        for local, corpus in local_ids.items():
            local_ids[local] = merged.get(corpus, corpus)
