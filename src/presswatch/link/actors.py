"""Actors across documents: local actors with the same kind and name key become one."""

from __future__ import annotations

from presswatch.link import CorpusContext, linker
from presswatch.model import Actor, Record


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
    for actor in record.actors:
        merged = [mapping.get(a, a) for a in actor.affiliations]
        actor.affiliations = list(dict.fromkeys(a for a in merged if a != actor.id))


@linker("actors")
def merge_actors(context: CorpusContext) -> None:
    record = context.record
    merged: dict[tuple[str, str], Actor] = {}
    mapping: dict[str, str] = {}
    for local in record.actors:
        key = (local.kind, local.key or local.name.casefold())
        actor = merged.get(key)
        if actor is None:
            actor = local.model_copy(deep=True)
            actor.id = f"a{len(merged) + 1}"
            merged[key] = actor
        else:
            for alias in [local.name, *local.aliases]:
                if alias != actor.name and alias not in actor.aliases:
                    actor.aliases.append(alias)
            actor.roles.extend(r for r in local.roles if r not in actor.roles)
            actor.affiliations.extend(local.affiliations)
            actor.mentions.extend(local.mentions)
        mapping[local.id] = actor.id
    record.actors = list(merged.values())
    rewrite_actor_references(record, mapping)
