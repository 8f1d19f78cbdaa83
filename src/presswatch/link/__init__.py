"""Corpus-level linking: merge actors, group stories, align quotes, check claims.

Linkers run over all per-document analyses (`link_corpus`, `presswatch relink`), or over
new reports plus the neighbourhood the store finds for them (`link.incremental`), in the
order `Settings.linkers` names; a name no linker has is an `UnknownName` error before any
runs. Each linker is one module that registers itself with `@linker("name")` and edits
the `CorpusContext` it is given: the record under construction, the run's settings and
its link settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import InitVar, dataclass, field
from typing import Any

from presswatch.model import Actor, DocumentAnalysis, Record, Story
from presswatch.registry import Registry
from presswatch.settings import LinkSettings, Settings


@dataclass
class CorpusContext:
    """What a linker edits (`record`) and reads: the run's settings and `link`, the link
    settings given (those stored with the corpus) or else read from the files `settings` names."""

    record: Record
    settings: Settings
    scratch: dict[str, Any] = field(default_factory=dict)
    link_settings: InitVar[LinkSettings | None] = None
    link: LinkSettings = field(init=False)

    def __post_init__(self, link_settings: LinkSettings | None) -> None:
        self.link = link_settings if link_settings is not None else LinkSettings.read(self.settings)


Linker = Callable[[CorpusContext], None]
LINKERS: Registry[Linker] = Registry(
    "linker", __name__, ("actors", "stories", "quotes", "claims", "coverage")
)
linker = LINKERS.register


def merge_analyses(analyses: Sequence[DocumentAnalysis]) -> Record:
    """Concatenate per-document records in document order, actor ids still local."""
    record = Record()
    for analysis in analyses:
        record.documents.append(analysis.document)
        record.actors.extend(analysis.actors)
        record.quotes.extend(analysis.quotes)
        record.events.extend(analysis.events)
        record.claims.extend(analysis.claims)
        record.framing.extend(analysis.framing)
    return record


def link_corpus(
    analyses: Sequence[DocumentAnalysis],
    settings: Settings,
    link_settings: LinkSettings | None = None,
) -> Record:
    """Build the corpus record from per-document analyses, with `link_settings` when given
    (else those `settings` names)."""
    return link_context(analyses, settings, link_settings).record


# Findings the actors linker writes: they stay when the linkers after it are run again
# (every other kind is written by those linkers and is rebuilt with them).
ACTOR_FINDINGS = frozenset({"alias_conflict"})


def link_after_actors(context: CorpusContext) -> None:
    """Run the linkers after `actors` on a record whose actors are already linked (a
    regroup, or new reports joined to a stored neighbourhood)."""
    for name in context.settings.linkers:
        if name != "actors":
            LINKERS.get(name)(context)


def link_context(
    analyses: Sequence[DocumentAnalysis],
    settings: Settings,
    link_settings: LinkSettings | None = None,
    stories: Sequence[Story] = (),
) -> CorpusContext:
    """`link_corpus` with what the linkers left in `scratch` (the actors linker's local to
    corpus actor ids, which the store keeps for adding reports later). `stories` (a stored
    corpus's) are kept by the stories linker, ids and reports; only other reports are placed."""
    return link_merged(merge_analyses(analyses), settings, link_settings, stories)


def link_merged(
    record: Record,
    settings: Settings,
    link_settings: LinkSettings | None = None,
    stories: Sequence[Story] = (),
) -> CorpusContext:
    """`link_context` over analyses already merged into `record` (`merge_analyses`): a
    caller that drops the analyses first lets each report's own actors go once the actors
    linker has merged them (the whole-corpus pass holds every report; `local_names` keeps
    what `member_names` needs of them)."""
    LINKERS.check(settings.linkers)
    context = CorpusContext(record, settings, link_settings=link_settings)
    context.record.stories = list(stories)
    position = {d.id: n for n, d in enumerate(context.record.documents)}
    for name in settings.linkers:
        LINKERS.get(name)(context)
        if name == "actors":
            in_reading_order(context.record.actors, position)
    return context


def in_reading_order(actors: Sequence[Actor], position: dict[str, int]) -> None:
    """Sort each actor's mentions by document (in record order), then offset: what cites
    an actor's first mention in a report, or of a title, then cites the same span however
    the reports were batched (all at once, or added to a stored corpus later)."""
    for actor in actors:
        actor.mentions.sort(key=lambda m: (position.get(m.doc, len(position)), m.start, m.end))


def member_names(
    analyses: Sequence[DocumentAnalysis], mapping: dict[str, str]
) -> dict[str, dict[str, int]]:
    """Per corpus actor, the names its members (one per report) went by and how many
    reports used each, in the order first seen."""
    return names_by_actor(local_names(analyses), mapping)


def local_names(analyses: Sequence[DocumentAnalysis]) -> list[tuple[str, str]]:
    """Each report's own actors as (local id, name), in order: all `member_names` reads,
    kept where the analyses are dropped before linking (`link_merged`)."""
    return [(actor.id, actor.name) for analysis in analyses for actor in analysis.actors]


def names_by_actor(
    local: Sequence[tuple[str, str]], mapping: dict[str, str]
) -> dict[str, dict[str, int]]:
    """`member_names` from the reports' `local_names`."""
    names: dict[str, dict[str, int]] = {}
    for actor, name in local:
        corpus = mapping.get(actor)
        if corpus is not None:
            counts = names.setdefault(corpus, {})
            counts[name] = counts.get(name, 0) + 1
    return names
