"""New reports linked into a stored corpus through indexed lookups, not a full relink.

A full relink (`presswatch relink`) runs every linker over every stored analysis. Adding
k reports instead costs k and the neighbourhood they land in:

1. Actors: each new report's actors are merged with the stored actors their names can
   be, looked up by surname (people) or name key (the rest) in the store's index, by the
   actors linker's own clustering. A stored actor keeps its id, so citations stay valid.
2. Stories: the stored stories whose reports name one of those actors near the new
   reports' dates, or whose claims count what the new claims count (the same subject
   group), are fetched with their reports' quotes, events, claims and framing, and with
   them every story a stored finding ties to one of these (its findings are rebuilt too,
   so none is dropped).
3. The linkers after `actors` run over the new reports plus that neighbourhood: the
   stories linker keeps the stored stories and places each new report in one of them or
   a new one (`presswatch regroup` places every report anew); quotes, claims and coverage
   are rebuilt for those stories, and their quote groups and findings in the store give
   way to the new ones.

Where this cannot stand for a full relink — the store was linked before its lookup
tables existed, the linkers include no stories to scope by, or new reports would merge
two stored actors — `link_increment` says so and the caller relinks in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from presswatch.link import (
    ACTOR_FINDINGS,
    LINKERS,
    CorpusContext,
    in_reading_order,
    link_after_actors,
    merge_analyses,
)
from presswatch.link.actors import (
    Cluster,
    actor_key,
    cluster_actors,
    merged_actor,
    parse_known_actors,
    resolve_speakers_by_role,
    rewrite_actor_references,
)
from presswatch.link.ids import content_id
from presswatch.model import Actor, DocumentAnalysis, Record
from presswatch.settings import LinkSettings, Settings
from presswatch.store import Store, lookup_key

# Stored stories a batch of new reports is linked against, most shared actors first: the
# neighbourhood's size bounds the cost of adding reports whatever the corpus holds.
NEIGHBOUR_STORIES = 40
# Stored reports this many days either side of the new ones' dates are neighbours.
WINDOW_DAYS = 30
# Stored stories whose claims count what the new reports' claims count (the same subject
# group in the window), latest first: the corpus-wide comparison of claims sees them.
CLAIM_STORIES = 20
# Beyond this many stories tied together by findings, a full pass is cheaper than lookup.
TIED_STORIES = 400


@dataclass
class Increment:
    """What adding reports changed, for the run summary and tests."""

    documents: int
    actors_updated: int
    actors_new: int
    stories_replaced: int


def can_link_increment(store: Store, settings: Settings) -> bool:
    """Whether new reports can be linked by lookup (else a full relink is needed)."""
    return (
        "stories" in settings.linkers
        and store.linked_document_count() > 0
        and store.lookups_ready()
    )


def link_increment(
    store: Store,
    analyses: Sequence[DocumentAnalysis],
    settings: Settings,
    link: LinkSettings,
) -> Increment | None:
    """Link these new analyses into the store's corpus record; None (nothing written)
    where only a full relink gives the right record."""
    LINKERS.check(settings.linkers)
    added = merge_analyses(analyses)
    if "actors" not in settings.linkers:
        return None  # local actor ids in the store: nothing to look up by
    actors, names, updated = _merge_actors(store, added, link)
    if actors is None:
        return None
    neighbours = _neighbour_stories(store, added, actors)
    if neighbours is None:
        return None
    linked = store.neighbourhood(neighbours)
    # The neighbourhood's actors, with those the new reports changed in their place.
    changed = {a.id: a for a in actors}
    kept = [a for a in linked.actors if a.id not in changed]
    linked.documents = [*linked.documents, *added.documents]
    linked.actors = [*kept, *actors]
    linked.quotes = [*linked.quotes, *added.quotes]
    linked.events = [*linked.events, *added.events]
    linked.claims = [*linked.claims, *added.claims]
    linked.framing = [*linked.framing, *added.framing]
    # The neighbourhood's stories are kept as stored (the stories linker places only the
    # reports in none of them); their quote groups and findings are rebuilt.
    resolve_speakers_by_role(linked)
    context = CorpusContext(linked, settings, link_settings=link)
    context.scratch["unnamed_settled"] = {a.id for a in kept}
    link_after_actors(context)
    merged: dict[str, str] = context.scratch.get("unnamed_merged", {})
    removed: list[str] = []
    rewritten: Record | None = None
    if merged:
        fresh = {a.id for a in actors[updated:]}
        actors = _unnamed_joined(store, linked, actors, names, merged, fresh)
        updated = sum(a.id not in fresh for a in actors)
        # Stored people merged away: a new report told of one first (the person as first
        # reported survives, as in a full relink), or described one as a named person. All
        # their reports are in the story they were merged in, but the stored rows citing
        # them are pointed at who they merged into, wherever they are.
        removed = sorted(old for old in merged if old not in fresh)
        if removed:
            rewritten = store.rows_citing_actors(removed)
            rewrite_actor_references(rewritten, {old: merged[old] for old in removed})
    store.save_increment(
        added=added,
        actors=actors,
        names=names,
        replaced_stories=neighbours,
        linked=linked,
        kept_kinds=ACTOR_FINDINGS,
        removed=removed,
        rewritten=rewritten,
    )
    return Increment(len(added.documents), updated, len(actors) - updated, len(neighbours))


def _merge_actors(
    store: Store, added: Record, link: LinkSettings
) -> tuple[list[Actor] | None, dict[str, dict[str, int]], int]:
    """The stored actors the new reports' actors join (updated) and the new actors, with
    the names their members go by and every reference in `added` pointed at them; None
    when a new report would merge two stored actors (their ids and every reference to
    them would change)."""
    known = parse_known_actors(link.known_actors) if link.known_actors else []
    stored = store.actors_by_key((a.kind, lookup_key(a.kind, a.key)) for a in added.actors)
    stored_ids = {a.id for a in stored}
    names = store.actor_member_names(sorted(stored_ids))
    joined: list[tuple[Cluster, Actor]] = []
    fresh: list[tuple[Cluster, Actor]] = []
    for cluster in cluster_actors([*stored, *added.actors], known):
        old = [m for m in cluster.members if m.id in stored_ids]
        if len(old) == len(cluster.members):
            continue  # no new report names it
        new = [m for m in cluster.members if m.id not in stored_ids]
        if not old:
            fresh.append((cluster, merged_actor(cluster, "")))
            continue
        # Stored actors stay apart (merging two would change an id every reference to it
        # holds, across the corpus; `presswatch relink` does that): a new member joins the
        # one with its own key, else the one with the longest.
        for target in old:
            mine = [m for m in new if _joins(m, target, old)]
            if mine:
                part = Cluster(kind=cluster.kind, members=[target, *mine], known=cluster.known)
                part.key = tuple((target.key or "").split())
                for member in mine:
                    if len(tuple((member.key or "").split())) > len(part.key):
                        part.key = tuple((member.key or "").split())
                stand = names.get(target.id, {})
                joined.append((part, _joined(part, target, mine, stand)))
    _assign_new_ids(store, fresh)
    mapping: dict[str, str] = {}
    updated: dict[str, dict[str, int]] = {}
    for cluster, actor in [*joined, *fresh]:
        counts = updated.setdefault(actor.id, dict(names.get(actor.id, {})))
        for member in cluster.members:
            if member.id not in stored_ids:
                mapping[member.id] = actor.id
                counts[member.name] = counts.get(member.name, 0) + 1
    rewrite_actor_references(added, mapping)
    result = [actor for _, actor in [*joined, *fresh]]
    documents = {m.doc for actor in result for m in actor.mentions}
    position = store.document_positions(sorted(documents))
    start = store.linked_document_count()
    position.update((d.id, start + n) for n, d in enumerate(added.documents))
    in_reading_order(result, position)
    # Merged actors carry their members' affiliations as local ids until mapped here.
    for actor in result:
        merged = [mapping.get(a, a) for a in actor.affiliations]
        actor.affiliations = list(dict.fromkeys(a for a in merged if a != actor.id))
    added.actors = []
    return result, updated, len(joined)


def _unnamed_joined(
    store: Store,
    linked: Record,
    actors: list[Actor],
    names: dict[str, dict[str, int]],
    merged: dict[str, str],
    fresh: set[str],
) -> list[Actor]:
    """The actors to store once the unnamed linker merged people of the stories new reports
    joined (`merged`: each id → the id it joined; `fresh`: the new actors): the survivor
    takes the merged people's mentions and the names they went by, and a merged-away one
    is not stored (a stored one is removed by the caller)."""
    present = {a.id: a for a in linked.actors}
    result = [a for a in actors if a.id not in merged]
    listed = {a.id for a in result}
    targets = sorted({t for t in merged.values() if t not in listed})
    # Stored people merged away that no new report named: their names as stored.
    unlisted = sorted(old for old in merged if old not in fresh and old not in names)
    stored_names = store.actor_member_names([*targets, *unlisted])
    for old in unlisted:
        names[old] = dict(stored_names.get(old, {}))
    for target in targets:
        # Its mentions are all in the story it was merged in, which the neighbourhood holds.
        result.append(present[target])
        names[target] = dict(stored_names.get(target, {}))
    for old, target in merged.items():
        counts = names.setdefault(target, {})
        for name, count in names.pop(old, {}).items():
            counts[name] = counts.get(name, 0) + count
    return result


def _joins(member: Actor, target: Actor, stored: Sequence[Actor]) -> bool:
    """Whether a new member of a cluster holding several stored actors joins `target`:
    the stored actor with its own key, else the one with the longest key."""
    exact = [a for a in stored if a.key == member.key]
    if exact:
        return exact[0] is target
    return max(stored, key=lambda a: len((a.key or "").split())) is target


def _joined(cluster: Cluster, stored: Actor, new: list[Actor], names: dict[str, int]) -> Actor:
    """A stored actor with the new members' mentions, names and roles, named as a full
    relink would name it: the stored actor stands for its members by the names they went
    by, each as often as they did, so the name most reports use still wins. Its id stays
    (a citation stays valid)."""
    stand_ins = [
        stored.model_copy(update={"name": name, "mentions": [], "aliases": [], "roles": []})
        for name, count in names.items()
        for _ in range(count)
    ]
    members = [stored, *stand_ins[1:], *new] if stand_ins else [stored, *new]
    if stand_ins:
        members[0] = stored.model_copy(update={"name": stand_ins[0].name})
    voting = Cluster(kind=cluster.kind, members=members, key=cluster.key, known=cluster.known)
    actor = merged_actor(voting, stored.id)
    actor.wikidata = stored.wikidata or actor.wikidata
    return actor


def _assign_new_ids(store: Store, fresh: list[tuple[Cluster, Actor]]) -> None:
    """Ids of new actors from their keys, as the actors linker gives them; one a stored
    actor already has (an ambiguous name) gets the next free `-N`."""
    bases = [content_id("a", actor_key(cluster)) for cluster, _ in fresh]
    used = store.taken_ids("actors", bases)
    for (_, actor), base in zip(fresh, bases, strict=True):
        candidate, number = base, 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        used.add(candidate)
        actor.id = candidate


def _neighbour_stories(store: Store, added: Record, actors: Sequence[Actor]) -> list[str] | None:
    """Stored stories whose reports name an actor the new reports name, or count what
    their claims count, within the window around their dates; then every story a stored
    finding ties to those (else rebuilding their findings would drop it). None where that
    grows past TIED_STORIES: only a full pass is then cheaper and right."""
    dates = sorted(d.published[:10] for d in added.documents if d.published)
    since = _shift(dates[0], -WINDOW_DAYS) if dates else None
    until = _shift(dates[-1], WINDOW_DAYS) if dates else None
    stories = store.stories_near([a.id for a in actors], since, until, NEIGHBOUR_STORIES)
    groups = sorted({c.group for c in added.claims if c.group})
    if groups:
        counted = store.stories_with_claim_groups(groups, since, until, CLAIM_STORIES)
        stories += [s for s in counted if s not in stories]
    # An alias conflict is kept as stored (the actors linker writes it): it ties no story.
    while tied := store.stories_tied_by_findings(stories, ACTOR_FINDINGS):
        stories += tied
        if len(stories) > TIED_STORIES:
            return None
    return stories


def _shift(day: str, days: int) -> str | None:
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except ValueError:
        return None
