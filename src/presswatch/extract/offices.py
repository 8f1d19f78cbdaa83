"""Titles a report binds to no name: the holder of the office on the report's date.

Run by the actors layer (`DocumentActors.resolve`) after names and roles are bound and
before unnamed descriptions. "The Leader of the Islamic Revolution said …" in a report
of 2025 that never names him is Ali Khamenei (data/office_holders.yaml,
`lang.offices`): the title becomes a mention of kind "title" of the person with the
holder's name, the same person the report names if it does (so, across reports, the
same actor as "Ayatollah Seyyed Ali Khamenei"), and the mention records the office and
whether the file was checked up to the report's date (`Mention.office`,
`Mention.office_checked`).

The document wins over the file: a title that is part of a person's name or role
("US President Donald Trump", "the US president, John Smith, …"), or one that a person
the report names holds with the same place, is never resolved by the file. A report
without a date resolves nothing. Short forms ("the Leader said") then restate the
resolved holder as any bound role does (`DocumentActors.resolve_role_phrases`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from presswatch.extract import document_of
from presswatch.extract.doc_index import doc_text
from presswatch.extract.references import PREDICATIVE, mentioned_spans
from presswatch.lang.dates import iso_date
from presswatch.lang.names import (
    ParsedName,
    compatible_names,
    name_key,
    parse_name,
    without_ordinals,
)
from presswatch.lang.offices import (
    Holding,
    OfficeTitle,
    holder_on,
    not_holder_words,
    office_titles,
    place_words,
)
from presswatch.model import Actor

if TYPE_CHECKING:
    from presswatch.extract.actors import DocumentActors, LocalActor

# A title's mention, by its offsets, → the office holding it was resolved to.
OfficeMentions = dict[tuple[int, int], Holding]


def resolve_offices(resolver: DocumentActors) -> OfficeMentions:
    """Every title of the report no person's mention covers → its holder on the report's
    date; returns the resolved mentions. Role phrases are bound again afterwards, so
    "the Leader" after "the Leader of the Islamic Revolution" is the same person."""
    day = iso_date(document_of(resolver.doc).published)
    if day is None:
        return {}
    doc = resolver.doc
    taken = mentioned_spans(resolver, "person")
    resolved: OfficeMentions = {}
    for title in office_titles(doc_text(doc)):
        if any(taken.overlapping(title.start, title.end)):
            continue
        span = doc.char_span(title.start, title.end, alignment_mode="expand")
        if span is None or names_follow(span) or says_what_not_who(span):
            continue
        holding = holder_on(title.office, day)
        if holding is None:
            continue
        parsed = parse_name(holding.name, person=True)
        key = name_key(parsed.name)
        if not key or held_by_another(resolver, title, span, key):
            continue
        holder = holder_actor(resolver, key, parsed)
        if holder is None:
            holder = resolver.new_actor("person")
        if len(holder.key) < len(key):
            # A new person, or one the report names by surname alone: the file's full name
            # is theirs too, so other reports' full name finds them.
            holder.add_name(parsed)
        resolver.add_mention(holder, title.start, title.end, span.text, "title", span)
        holder.add_role(span.text, title.head)
        resolved[(title.start, title.end)] = holding
    if resolved:
        resolver.resolve_role_phrases()
    return resolved


def names_follow(span: Span) -> bool:
    """A title opening a run of names ("US President Donald Trump", "Pope Leo"): the name
    says who, whatever the date says."""
    if span.end >= len(span.doc):
        return False
    following = span.doc[span.end]
    return following.ent_type_ == "PERSON" or (
        following.pos_ == "PROPN" and following.is_title and not following.is_sent_start
    )


def says_what_not_who(span: Span) -> bool:
    """A title that says what someone is or would be, not who holds it: predicative ("to
    be president of the United States", "elected as US president", "become the US
    president"), indefinite ("a sitting American president") or with a modifier anywhere
    in its phrase that makes it another holder ("the former two-term US president")."""
    root = span.root
    if root.dep_ in PREDICATIVE or (root.dep_ == "pobj" and root.head.lower_ == "as"):
        return True
    if root.dep_ == "xcomp" or (root.dep_ == "dobj" and root.head.lemma_ in ("become", "elect")):
        return True
    modifiers = not_holder_words()
    return any(
        child.lower_ in modifiers
        for child in root.children
        if child.i < span.start and child.dep_ in ("det", "amod", "advmod", "nummod")
    )


def held_by_another(
    resolver: DocumentActors, title: OfficeTitle, span: Span, key: tuple[str, ...]
) -> bool:
    """Whether a person the report names, other than the holder, holds this title here:
    a role of theirs with the title's head and the office's place ("the US president,
    John Smith"), or one of the office's own titles ("Leader of the Islamic Revolution")."""
    places = {w.casefold() for w in place_words(title.office)}
    alone = {t.casefold() for t in title.office.alone}
    for actor in resolver.actors:
        if actor.kind != "person" or not actor.names or compatible_names(actor.key, key):
            continue
        for role in actor.roles:
            folded = role.casefold()
            words = set(folded.replace("'s", " ").replace("’s", " ").split())
            if words & not_holder_words():
                continue  # "former US President Barack Obama" holds it no more
            in_place = bool(places & words) or any(" " in p and p in folded for p in places)
            if any(t in folded for t in alone) or (title.head in words and in_place):
                return True
    return False


def holder_actor(
    resolver: DocumentActors, key: tuple[str, ...], holder: ParsedName
) -> LocalActor | None:
    """The person of the report the holder is: the one whose full name fits the holder's,
    else the one named by the holder's surname alone, spelled as the file spells it (a
    key's surname does not decide it: Khamenei and Khomeini share one)."""
    people = [a for a in resolver.actors if a.kind == "person" and a.names]
    fitting = [a for a in people if len(a.key) > 1 and compatible_names(a.key, key)]
    if not fitting:
        surname = without_ordinals(holder.core)[-1].casefold()  # "Leo XIV" is named "Leo"
        fitting = [
            a
            for a in people
            if len(a.key) == 1
            and a.key == key[-1:]
            and all(n.core and n.core[-1].casefold() == surname for n in a.names)
        ]
    return fitting[0] if len(fitting) == 1 else None


def mark_offices(actors: list[Actor], resolved: OfficeMentions) -> list[Actor]:
    """Each resolved title's mention records its office and whether it was checked."""
    if not resolved:
        return actors
    for actor in actors:
        for mention in actor.mentions:
            holding = resolved.get((mention.start, mention.end))
            if holding is not None and mention.kind == "title":
                mention.office = holding.office
                mention.office_checked = holding.checked
    return actors
