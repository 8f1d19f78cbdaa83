"""Actors in one document: named entities grouped by normalised name, with their mentions."""

from __future__ import annotations

import re

from presswatch.extract import DocumentContext, extractor
from presswatch.model import Actor, ActorKind, Mention

ENTITY_KINDS: dict[str, ActorKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def normalise_name(text: str) -> str:
    text = _LEADING_ARTICLE.sub("", text.strip())
    text = re.sub(r"['’]s$", "", text)
    return re.sub(r"\s+", " ", text).casefold()


@extractor("actors")
def extract_actors(context: DocumentContext) -> list[Actor]:
    """Group entity mentions by normalised name; one actor per group."""
    by_key: dict[tuple[str, str], Actor] = {}
    doc_id = context.document.id
    for ent in context.doc.ents:
        kind = ENTITY_KINDS.get(ent.label_)
        if kind is None:
            continue
        key = normalise_name(ent.text)
        if not key:
            continue
        actor = by_key.get((kind, key))
        if actor is None:
            actor = Actor(id=f"{doc_id}.a{len(by_key) + 1}", name=ent.text, kind=kind, key=key)
            by_key[(kind, key)] = actor
        elif ent.text not in actor.aliases and ent.text != actor.name:
            actor.aliases.append(ent.text)
        actor.mentions.append(
            Mention(doc=doc_id, start=ent.start_char, end=ent.end_char, text=ent.text, kind="name")
        )
        context.mentions.add(ent.start_char, ent.end_char, actor.id)
    return list(by_key.values())
