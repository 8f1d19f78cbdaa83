"""`presswatch eval ecb-entities`: person coreference on ECB+ (topics 1–35).

Gold: every HUMAN_PART_PER mention, clustered by its CROSS_DOC_COREF instance (or its
INTRA_DOC_COREF chain; otherwise a singleton). By default only mentions in the sentences
the corpus lists as annotated for coreference (ECBplus_coreference_sentences.csv) are
scored, as the corpus README asks: outside them, mentions were marked but often never
linked, so "LaRue" beside "Fred LaRue" would count as a different person. `--sentences
all` scores every mention (the protocol of earlier measurements). We run our pipeline
on each document's text and give each gold mention the actor of our person mention that
overlaps it (a mention we did not find stays a singleton). Within-document scores use our
per-document actors; cross-document scores use the corpus actors after linking the
documents of one topic, with people the reports describe but never name ("the gunman")
merged within each story, as the product does: `--stories ours` (the default) groups the
topic's reports with our stories linker; `--stories gold` uses ECB+'s own grouping into
the topic's two events (gold document clustering). Both are scored in every run. Two
baselines run on the same mentions: same lowercased string, same head word.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from presswatch.evaluate import DEFAULT_DATA, data_path, eval_app
from presswatch.evaluate.coref_metrics import b_cubed, ceaf_e, conll_f1, muc
from presswatch.extract import analyse_documents
from presswatch.lang.names import is_unnamed_key
from presswatch.link import LINKERS, CorpusContext, merge_analyses
from presswatch.link.actors import merge_actors, merge_unnamed_in_stories
from presswatch.model import Document, DocumentAnalysis
from presswatch.nlp import load_pipeline
from presswatch.settings import DEFAULT_MODEL, Settings

PERSON_TAG = "HUMAN_PART_PER"


@dataclass
class GoldMention:
    doc: str
    start: int
    end: int
    text: str
    cluster: str
    sentence: int = 0


@dataclass
class EcbDocument:
    name: str
    topic: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


def read_document(path: Path, topic: str) -> EcbDocument:
    root = ElementTree.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    position = 0
    sentence = None
    for token in root.iter("token"):
        if sentence is not None and token.get("sentence") != sentence:
            pieces.append("\n")
            position += 1
        elif pieces:
            pieces.append(" ")
            position += 1
        sentence = token.get("sentence")
        word = token.text or ""
        offsets[token.get("t_id", "")] = (position, position + len(word))
        sentence_of[token.get("t_id", "")] = int(sentence or 0)
        pieces.append(word)
        position += len(word)
    text = "".join(pieces)
    name = path.stem
    anchors: dict[str, list[str]] = {}
    for markable in root.find("Markables") or []:
        if markable.tag == PERSON_TAG:
            anchors[markable.get("m_id", "")] = [
                a.get("t_id", "") for a in markable.findall("token_anchor")
            ]
    cluster_of: dict[str, str] = {}
    for relation in root.find("Relations") or []:
        if relation.tag == "CROSS_DOC_COREF":
            label = relation.get("note", "") or f"{name}:{relation.get('r_id')}"
        elif relation.tag == "INTRA_DOC_COREF":
            label = f"{name}:intra:{relation.get('r_id')}"
        else:
            continue
        for source in relation.findall("source"):
            cluster_of[source.get("m_id", "")] = label
    document = EcbDocument(name=name, topic=topic, text=text)
    for m_id, tokens in anchors.items():
        spans = [offsets[t] for t in tokens if t in offsets]
        if not spans:
            continue
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        document.mentions.append(
            GoldMention(
                name,
                start,
                end,
                text[start:end],
                cluster_of.get(m_id, f"{name}:{m_id}"),
                sentence_of.get(tokens[0], 0),
            )
        )
    return document


SELECTED_SENTENCES = "ECBplus_coreference_sentences.csv"


def selected_sentences(folder: Path) -> set[tuple[str, int]]:
    """(document name, sentence number) of every sentence annotated for coreference."""
    selected: set[tuple[str, int]] = set()
    lines = (folder / SELECTED_SENTENCES).read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        topic, file, number = (part.strip() for part in line.split(","))
        selected.add((f"{topic}_{file}", int(number)))
    return selected


def topic_numbers(spec: str) -> set[int]:
    """ "1-25" or "26-35" or "1,3,5-7" → the topic numbers."""
    numbers: set[int] = set()
    for part in spec.split(","):
        low, _, high = part.strip().partition("-")
        numbers.update(range(int(low), int(high or low) + 1))
    return numbers


def read_topics(
    folder: Path,
    limit: int | None,
    topics_wanted: set[int] | None = None,
    selected: set[tuple[str, int]] | None = None,
) -> dict[str, list[EcbDocument]]:
    topics: dict[str, list[EcbDocument]] = {}
    numbers = sorted(
        (int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit()),
    )
    chosen = [n for n in numbers if n <= 35 and (topics_wanted is None or n in topics_wanted)]
    for number in chosen[: limit or None]:
        files = sorted((folder / str(number)).glob("*.xml"))
        topics[str(number)] = [read_document(f, str(number)) for f in files]
        if selected is not None:
            for document in topics[str(number)]:
                document.mentions = [
                    m for m in document.mentions if (document.name, m.sentence) in selected
                ]
    return topics


def subtopics(documents: list[EcbDocument]) -> list[set[str]]:
    """A topic's reports by the event they tell: ECB+ names the second event's reports
    `…ecbplus`, the first's `…ecb`."""
    groups: dict[bool, set[str]] = {}
    for document in documents:
        groups.setdefault(document.name.endswith("ecbplus"), set()).add(document.name)
    return list(groups.values())


def assignment(
    mentions: list[GoldMention], analyses: dict[str, DocumentAnalysis], actor_of: dict[str, str]
) -> dict[Hashable, Hashable]:
    """Each gold mention → the (corpus or local) actor of the person mention overlapping it
    most, the tighter mention first: "Lindsay Lohan" is Lohan's name, not the role phrase
    "Lindsay Lohan's attorney" around it."""
    response: dict[Hashable, Hashable] = {}
    for mention in mentions:
        key = (mention.doc, mention.start, mention.end)
        label: Hashable = ("unmatched", key)
        best: tuple[int, int] | None = None
        for actor in analyses[mention.doc].actors:
            # HUMAN_PART_PER marks groups of people too ("the pirates"): our unnamed
            # groups of people count, nationalities and organisations do not.
            if actor.kind != "person" and not is_unnamed_key(actor.key):
                continue
            for found in actor.mentions:
                overlap = min(found.end, mention.end) - max(found.start, mention.start)
                if overlap <= 0:
                    continue
                rank = (overlap, -(found.end - found.start))
                if best is None or rank > best:
                    best, label = rank, actor_of.get(actor.id, actor.id)
        response[key] = label
    return response


def baseline(
    mentions: list[GoldMention], scope: Callable[[GoldMention], str], feature: Callable[[str], str]
) -> dict[Hashable, Hashable]:
    return {(m.doc, m.start, m.end): (scope(m), feature(m.text)) for m in mentions}


def head_word(text: str) -> str:
    words = re.findall(r"[\w'-]+", text.lower())
    return words[-1] if words else text.lower()


@dataclass
class Scores:
    muc: float
    b_cubed: float
    ceaf_e: float
    conll: float


def scores(key: dict[Hashable, Hashable], response: dict[Hashable, Hashable]) -> Scores:
    return Scores(
        muc=100 * muc(key, response).f1,
        b_cubed=100 * b_cubed(key, response).f1,
        ceaf_e=100 * ceaf_e(key, response).f1,
        conll=100 * conll_f1(key, response),
    )


# Which reports of a topic are one story, for merging unnamed people across reports.
STORY_SOURCES = ("ours", "gold")


def evaluate(
    topics: dict[str, list[EcbDocument]], model: str, stories: str = "ours"
) -> dict[str, object]:
    """Scores within and across documents; across, unnamed people merged within our
    stories and within ECB+'s gold grouping (`stories` names the one reported as
    "presswatch", the other is its own row)."""
    # Events and quotes too: our stories linker groups reports by what they tell.
    nlp = load_pipeline(model, ("actors", "quotes", "events"))
    within_key: dict[Hashable, Hashable] = {}
    cross_key: dict[Hashable, Hashable] = {}
    ours_within: dict[Hashable, Hashable] = {}
    ours_cross: dict[str, dict[Hashable, Hashable]] = {source: {} for source in STORY_SOURCES}
    mentions_all: list[GoldMention] = []
    found = 0
    for topic, documents in topics.items():
        analyses: dict[str, DocumentAnalysis] = {
            analysis.document.id: analysis
            for analysis in analyse_documents(
                nlp,
                (Document(id=d.name, source=d.name, language="en", text=d.text) for d in documents),
            )
        }
        context = CorpusContext(record=merge_analyses(list(analyses.values())), settings=Settings())
        merge_actors(context)
        LINKERS.get("stories")(context)
        # People described but never named merge only within a story: ours (the stories
        # linker, as in the product) or ECB+'s grouping of the topic into its two events.
        groupings = {
            "ours": [set(story.documents) for story in context.record.stories],
            "gold": subtopics(documents),
        }
        corpus_of: dict[str, dict[str, str]] = {}
        for source, grouping in groupings.items():
            record = context.record.model_copy(deep=True)
            merged = merge_unnamed_in_stories(record, grouping)
            corpus_of[source] = {
                local_id: f"{topic}:{merged.get(corpus_id, corpus_id)}"
                for local_id, corpus_id in context.scratch["actor_ids"].items()
            }
        mentions = [m for d in documents for m in d.mentions]
        mentions_all += mentions
        for mention in mentions:
            key = (mention.doc, mention.start, mention.end)
            within_key[key] = (mention.doc, mention.cluster)
            cross_key[key] = (topic, mention.cluster)
        # Within a document each gold mention keeps its local actor id.
        within = assignment(mentions, analyses, {})
        ours_within.update(within)
        for source in STORY_SOURCES:
            ours_cross[source].update(assignment(mentions, analyses, corpus_of[source]))
        found += sum(not isinstance(v, tuple) for v in within.values())
    topic_of = {d.name: d.topic for ds in topics.values() for d in ds}
    return {
        "topics": len(topics),
        "documents": sum(len(d) for d in topics.values()),
        "gold_mentions": len(mentions_all),
        "mentions_found": found,
        "within": {
            "presswatch": scores(within_key, ours_within),
            "same string": scores(within_key, baseline(mentions_all, lambda m: m.doc, str.lower)),
            "same head word": scores(
                within_key, baseline(mentions_all, lambda m: m.doc, head_word)
            ),
        },
        "cross": {
            "presswatch": scores(cross_key, ours_cross[stories]),
            **{
                f"presswatch, {source} stories": scores(cross_key, ours_cross[source])
                for source in STORY_SOURCES
                if source != stories
            },
            "same string": scores(
                cross_key, baseline(mentions_all, lambda m: topic_of[m.doc], str.lower)
            ),
            "same head word": scores(
                cross_key, baseline(mentions_all, lambda m: topic_of[m.doc], head_word)
            ),
        },
    }


@eval_app.command("ecb-entities")
def ecb_entities(
    data: Annotated[Path, typer.Option(help="Folder holding ecbplus/.")] = DEFAULT_DATA,
    limit: Annotated[int | None, typer.Option(help="Only the first N topics.")] = None,
    topics: Annotated[
        str | None, typer.Option(help='Only these topics: "1-25" (tuning), "26-35" (held out).')
    ] = None,
    sentences: Annotated[
        str,
        typer.Option(help='"selected": the sentences annotated for coreference; "all".'),
    ] = "selected",
    stories: Annotated[
        str,
        typer.Option(
            help='Stories unnamed people merge within: "ours" (the stories linker), "gold" '
            "(ECB+'s two events per topic); the other is scored too."
        ),
    ] = "ours",
    model: Annotated[str, typer.Option(help="spaCy pipeline.")] = DEFAULT_MODEL,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write scores here.")] = None,
) -> None:
    """Person coreference within and across documents on ECB+ topics 1–35.

    Example: presswatch eval ecb-entities --topics 26-35
    """
    folder = data_path(data, "ecbplus")
    if sentences not in ("selected", "all"):
        raise typer.BadParameter('--sentences is "selected" or "all"')
    if stories not in STORY_SOURCES:
        raise typer.BadParameter('--stories is "ours" or "gold"')
    chosen = topic_numbers(topics) if topics else None
    selected = selected_sentences(folder) if sentences == "selected" else None
    result = evaluate(read_topics(folder, limit, chosen, selected), model, stories)
    table = Table(
        title=(
            f"ECB+ persons: {result['topics']} topics, {result['documents']} documents, "
            f"{result['gold_mentions']} gold mentions, {result['mentions_found']} matched; "
            f"unnamed people merged within {stories} stories"
        )
    )
    for column in ("scope", "system", "MUC F1", "B³ F1", "CEAF-e F1", "CoNLL F1"):
        table.add_column(column)
    for scope in ("within", "cross"):
        systems = result[scope]
        assert isinstance(systems, dict)
        for system, score in systems.items():
            table.add_row(
                scope,
                system,
                f"{score.muc:.1f}",
                f"{score.b_cubed:.1f}",
                f"{score.ceaf_e:.1f}",
                f"{score.conll:.1f}",
            )
    Console().print(table)
    if json_out is not None:

        def plain(value: object) -> object:
            if isinstance(value, Scores):
                return value.__dict__
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return value

        json_out.write_text(json.dumps(plain(result), indent=2))
