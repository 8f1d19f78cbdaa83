"""The whole-corpus pass over stored analyses, in three reads so it never holds them all.

`link_context` merges every analysis into one record and runs the linkers over it, so
the first linker (`actors`) runs while the record holds each report's own actors, their
mentions, quotes, events, claims and framing together: at 10,000 reports that was the
pass's peak (issue 17). The actors linker reads only the documents and the reports'
own actors (and the stories kept, whose participants it renames); what it does to
quotes, claims and events is to rename their actors (`rewrite_actor_references`) and to
give a quote whose speaker is only a role the one person holding that role
(`resolve_speakers_by_role`). So the pass reads the store three times:

1. the documents and each report's own actors; the actors linker merges them, and the
   reports' own actors are dropped (the merged ones hold their mentions);
2. the events and framing, a chunk at a time, their actors renamed as they come; then
   the linkers after `actors` that read no quote or claim (`READ_NO_QUOTES`: stories);
3. the quotes and claims, renamed as they come; then speakers by role, and the other
   linkers over the record.

Story placement holds an index of every report's words, the pass's largest part after
the record (issue 17: at 10,000 reports the peak); the quotes and claims, a fifth of the
record, are read once it is freed. Reading them after is the same record: such a linker
neither reads nor changes what the renaming and speakers by role read (the actors, the
documents, the actor ids' mapping), and what it builds reads no quote.

Each read builds only the fields it keeps (`AnalysisActors`, `AnalysisEvents`,
`AnalysisCited`): the rest of the stored JSON is parsed and dropped, not made into
models, so the three reads together cost about one whole read and two parses.

The record is the one `link_context` builds, field by field (tests/link/test_compact.py
and tests/link/test_staged.py compare them). Where `actors` is not the first linker the
pass reads everything at once, as `link_context` does.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, Field

from presswatch.compact import compact, frozen_heap, release_free_memory
from presswatch.errors import PresswatchError
from presswatch.lang.actor_codes import actor_codebook
from presswatch.lang.known_actors import known_people
from presswatch.link import (
    LINKERS,
    CorpusContext,
    in_reading_order,
    link_merged,
    merge_analyses,
    names_by_actor,
)
from presswatch.link.actors import resolve_speakers_by_role, rewrite_actor_references
from presswatch.model import (
    Actor,
    Claim,
    Document,
    Event,
    FramingSpan,
    Quote,
    Record,
    Story,
)
from presswatch.settings import LinkSettings, Settings
from presswatch.store import Store


class AnalysisActors(BaseModel):
    """What the first read keeps of a stored analysis: its document and the report's own
    actors (`DocumentAnalysis`'s fields, types and defaults; the others are ignored)."""

    document: Document
    actors: list[Actor] = Field(default_factory=list)


class AnalysisEvents(BaseModel):
    """What the second read keeps of a stored analysis: its events and framing."""

    events: list[Event] = Field(default_factory=list)
    framing: list[FramingSpan] = Field(default_factory=list)


class AnalysisCited(BaseModel):
    """What the third read keeps of a stored analysis: its quotes and claims."""

    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


# Linkers that read no quote or claim and change no actor, document or actor id: when
# they follow `actors`, they run before the quotes and claims are read.
READ_NO_QUOTES = frozenset({"stories"})


def read_renamed(
    store: Store,
    documents: Sequence[str],
    parts: type[BaseModel],
    mapping: dict[str, str],
    record: Record,
) -> None:
    """Add to `record` the records of these stored analyses that `parts` keeps (its fields
    are `Record` fields), a chunk at a time, their actors renamed by `mapping`."""
    fields = list(parts.model_fields)
    for chunk in store.analysis_parts_in_chunks(documents, parts):
        part = Record(**{name: [x for a in chunk for x in getattr(a, name)] for name in fields})
        rewrite_actor_references(part, mapping)
        for name in fields:
            getattr(record, name).extend(getattr(part, name))


def link_stored_corpus(
    store: Store,
    documents: Sequence[str],
    settings: Settings,
    link: LinkSettings,
    stories: Sequence[Story] = (),
) -> tuple[CorpusContext, list[tuple[str, str]]]:
    """Link these stored analyses (in this order) into one corpus record, with `stories`
    kept (see `link_context`); also each report's own actors as (local id, name), for
    `names_by_actor`."""
    LINKERS.check(settings.linkers)
    local: list[tuple[str, str]] = []
    if not settings.linkers or settings.linkers[0] != "actors":
        analyses = store.load_analyses(documents)
        local = [(a.id, a.name) for analysis in analyses for a in analysis.actors]
        record = merge_analyses(analyses)
        del analyses
        return link_merged(record, settings, link, stories), local
    record = Record()
    for head in store.analysis_parts_in_chunks(documents, AnalysisActors):
        for analysis in head:
            record.documents.append(analysis.document)
            record.actors.extend(analysis.actors)
            local.extend((actor.id, actor.name) for actor in analysis.actors)
    context = CorpusContext(record, settings, link_settings=link)
    record.stories = list(stories)
    loaded = actor_codebook.cache_info().currsize
    LINKERS.get("actors")(context)
    in_reading_order(record.actors, {d.id: n for n, d in enumerate(record.documents)})
    if not loaded:
        # The actors linker reads the actor dictionaries (about 30 MB) only for the full
        # names of the people they know, which stay cached; what this pass loaded for it
        # alone is dropped (a process that extracted events keeps its codebook).
        known_people.cache_clear()
        actor_codebook.cache_clear()
    release_free_memory()
    mapping: dict[str, str] = context.scratch.get("actor_ids", {})
    read_renamed(store, documents, AnalysisEvents, mapping, record)
    after = list(settings.linkers[1:])
    while after and after[0] in READ_NO_QUOTES:
        LINKERS.get(after.pop(0))(context)
        release_free_memory()
    read_renamed(store, documents, AnalysisCited, mapping, record)
    resolve_speakers_by_role(record)
    # Not given back after these: what they free is taken again by the small objects they
    # and the save make, and free pages given back were touched again (10,000 reports:
    # 6 MB more at the peak).
    for name in after:
        LINKERS.get(name)(context)
    # What the linkers built (stories, quote groups, findings) held as the analyses are
    # while the record is saved.
    compact([record.findings, record.stories, record.quote_groups])
    return context, local


def relink_store(
    store: Store, settings: Settings, link: LinkSettings, *, keep_stories: bool = False
) -> None:
    """Link every stored analysis into the corpus record, replacing the stored one
    (`presswatch relink`). With `keep_stories`, the stored stories keep their ids and
    reports and only reports in none of them are placed: adding reports never regroups."""
    kept = store.stories() if keep_stories else []
    link_stored(store, store.document_ids(), settings, link, stories=kept)


def relink_in_own_process(
    path: Path, settings: Settings, link: LinkSettings, *, keep_stories: bool
) -> None:
    """`relink_store` on the store at `path`, in a new Python process that imports no
    spaCy: the whole-corpus pass after a large run does not hold its memory beside the
    spaCy pipeline and extractor data the run loaded (about 300 MB; issue 17). A new
    interpreter, not multiprocessing's spawn, which would import the caller's main
    script again. A failure there is a one-line error here."""
    # The link files are read into `link` already; what the caller gave in Python for
    # them may not be importable in the other process.
    job = pickle.dumps((path, replace(settings, known_actors=None, facts=None), link, keep_stories))
    done = subprocess.run(
        [sys.executable, "-c", "from presswatch.link.staged import relink_job; relink_job()"],
        input=job,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else f"exit code {done.returncode}"
        raise PresswatchError(f"{path}: the whole-corpus pass failed ({reason})")


def relink_job() -> None:
    """The other process of `relink_in_own_process`: the job is read from stdin."""
    path, settings, link, keep_stories = pickle.loads(sys.stdin.buffer.read())
    with Store.open(path, create=False) as store:
        relink_store(store, settings, link, keep_stories=keep_stories)


def link_stored(
    store: Store,
    documents: Sequence[str],
    settings: Settings,
    link: LinkSettings,
    stories: Sequence[Story] = (),
) -> Record:
    """Link these stored analyses (the whole corpus) into the corpus record, save and
    return it. The analyses are read compacted (`presswatch.compact`) in three passes
    (`link_stored_corpus`): the reports' own actors are merged before the rest is read,
    so the pass holds the record it builds and little besides."""
    with frozen_heap():
        context, local = link_stored_corpus(store, documents, settings, link, stories)
        names = names_by_actor(local, context.scratch.get("actor_ids", {}))
        store.save_corpus(context.record, names)
    return context.record


def relink(db: str | Path, settings: Settings | None = None) -> dict[str, int]:
    """Relink the whole stored corpus with the link settings stored with it (`presswatch
    relink`); the store's counts after."""
    settings = settings or Settings()
    with Store.open(db, create=False) as store:
        link = store.link_settings() or LinkSettings.read(settings)
        relink_store(store, settings, link)
        store.save_link_settings(link)
        return store.counts()
