"""`presswatch eval cameo`: event coding on the PETRARCH validation records.

Each record is a sentence (with a date) and its gold codings: CAMEO event code, source
and target actor codes. We run the pipeline on every record marked evaluate="true"
(published = the record's date) in three set-ups:
- as shipped: PETRARCH-2's CAMEO.2.0 verb dictionary, Phoenix actors, our discards;
- the shipped verb dictionary with the records' own actors: their actor dictionary
  (PETR_Validate_actors) names the (fictional) actors as known entities and codes them,
  with its agents;
- the records' own dictionaries (verbs, actors, agents, discards), as PETRARCH-2 was
  measured for its published 68% true / 23% false positives.
The records' dictionaries are read with presswatch.lang.petrarch; their lines outside the
documented format (validation tests of PETRARCH's reader) are skipped and counted.

Scores (negated events left out):
- root / full-code recall: the share of gold codings whose root (code) we produce;
- root / full-code precision: the share of our events whose root (code) is in the gold;
- source / target accuracy: over our events paired with a gold coding of the same code,
  the share whose participant's actor code is the gold's (no code counts as wrong).
"""

from __future__ import annotations

import html
import json
import re
import tempfile
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.table import Table
from spacy.language import Language

from presswatch.evaluate import DEFAULT_DATA, data_path, eval_app
from presswatch.extract import analyse_documents
from presswatch.lang.petrarch import (
    VerbDictionaryReader,
    read_actors,
    read_agents,
    read_discards,
)
from presswatch.model import Document, DocumentAnalysis, Event, document_id
from presswatch.nlp import build_pipeline
from presswatch.settings import DEFAULT_MODEL

PETRARCH2 = {"recall": 68.0, "wrong": 23.0}  # published: true and false positives, in %


def percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


@dataclass
class GoldRecord:
    id: str
    date: str
    text: str
    codings: list[tuple[str, str, str]]


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: int | None = None  # ours that are right, when that differs from `matched`

    def add(self, gold: list[str], predicted: list[str]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += sum((Counter(gold) & Counter(predicted)).values())

    @property
    def recall(self) -> float:
        return percent(self.matched, self.gold)

    @property
    def precision(self) -> float:
        right = self.matched if self.right is None else self.right
        return percent(right, self.predicted)


@dataclass
class Result:
    setup: str
    records: int = 0
    root: Tally = field(default_factory=Tally)
    code: Tally = field(default_factory=Tally)
    paired: int = 0
    source_right: int = 0
    target_right: int = 0

    @property
    def source_accuracy(self) -> float:
        return percent(self.source_right, self.paired)

    @property
    def target_accuracy(self) -> float:
        return percent(self.target_right, self.paired)

    def scores(self) -> dict[str, float | int | str]:
        return {
            "setup": self.setup,
            "records": self.records,
            "gold": self.root.gold,
            "ours": self.root.predicted,
            "root_recall": round(self.root.recall, 1),
            "root_precision": round(self.root.precision, 1),
            "code_recall": round(self.code.recall, 1),
            "code_precision": round(self.code.precision, 1),
            "paired": self.paired,
            "source_accuracy": round(self.source_accuracy, 1),
            "target_accuracy": round(self.target_accuracy, 1),
        }


_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def read_records(path: Path) -> list[GoldRecord]:
    """Records marked evaluate="true". The file's header comments nest "<!--", which no
    XML parser accepts, so records are read by pattern, one <Sentence> at a time."""
    content = path.read_text(encoding="utf-8", errors="replace")
    body = content[content.find("<Sentences>") :]
    records = []
    for attributes, inner in _SENTENCE.findall(body):
        meta = dict(_ATTRIBUTE.findall(attributes))
        if meta.get("evaluate", "true").lower() != "true":
            continue
        text_match = _TEXT.search(inner)
        text = " ".join(html.unescape(text_match.group(1)).split()) if text_match else ""
        codings = []
        for coding in _CODING.findall(inner):
            values = dict(_ATTRIBUTE.findall(coding))
            if values.get("eventcode"):
                codings.append(
                    (
                        values["eventcode"],
                        values.get("sourcecode", ""),
                        values.get("targetcode", ""),
                    )
                )
        raw = meta.get("date", "")
        date = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 else ""
        if text:
            records.append(GoldRecord(meta.get("id", ""), date, text, codings))
    return records


SPLITS = ("all", "train", "dev")


def in_split(record: GoldRecord, split: str) -> bool:
    """A fixed split of the records by their id: a quarter (CRC-32 of the id divisible by
    4) is `dev`, kept for checking; the rest is `train`, for tuning; `all` is both."""
    if split == "all":
        return True
    dev = zlib.crc32(record.id.encode("utf-8")) % 4 == 0
    return dev if split == "dev" else not dev


def score(result: Result, record: GoldRecord, analysis: DocumentAnalysis) -> None:
    events = [e for e in analysis.events if not e.negated]
    gold = record.codings
    result.root.add([c[:2] for c, _, _ in gold], [e.cameo[:2] for e in events])
    result.code.add([c for c, _, _ in gold], [e.cameo for e in events])
    left = list(gold)
    for event in events:
        pair = next((g for g in left if g[0] == event.cameo), None)
        if pair is None:
            continue
        left.remove(pair)
        codes = {p.role: (p.code or "") for p in event.participants}
        result.paired += 1
        result.source_right += codes.get("source", "") == pair[1].upper()
        result.target_right += codes.get("target", "") == pair[2].upper()
    result.records += 1


@dataclass
class RecordsDictionaries:
    """The records' own dictionaries, converted into a folder the events component reads
    (`dictionaries` config), and their actor names as known entities."""

    folder: Path
    actor_names: list[tuple[str, str]]  # (name, spaCy label)
    skipped: list[str]


def convert_records_dictionaries(cameo: Path, folder: Path) -> RecordsDictionaries:
    skipped: list[str] = []
    verbs = VerbDictionaryReader(cameo / "PETR_Validate_verbs_2_02.txt").read(skipped)
    actors = read_actors(cameo / "PETR_Validate_actors_2_02.txt", skipped)
    agents = read_agents(cameo / "PETR_Validate_agents_2_02.txt", skipped)
    discards = read_discards(cameo / "PETR_Validate_discards_2_02.txt", skipped)
    files: dict[str, dict[str, Any]] = {
        "records_verbs.json": verbs.content(),
        "phoenix_actors.json": {"actors": actors},
        "phoenix_groups.json": {"actors": []},
        "phoenix_agents.json": {"agents": agents},
        "records_discards.json": {"discards": discards},
    }
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content), encoding="utf-8")
    names = []
    for written, default, spells in actors:
        code = default or next((c for c, _, _ in spells if c), None)
        if code:
            label = "GPE" if len(code) == 3 else "ORG"
            names += [(name, label) for name in written]
    return RecordsDictionaries(folder, names, skipped)


def setup_folder(records: RecordsDictionaries, verbs: str, discards: str) -> str:
    """A folder with the records' actors and agents and the chosen verbs and discards."""
    folder = records.folder / f"{verbs}-{discards}"
    folder.mkdir(exist_ok=True)
    shipped = Path(__file__).resolve().parents[1] / "data"
    sources = {
        "cameo_verbs.json": records.folder / "records_verbs.json"
        if verbs == "records"
        else shipped / "cameo_verbs.json",
        "discards.json": records.folder / "records_discards.json"
        if discards == "records"
        else shipped / "discards.json",
    }
    for name in ("phoenix_actors.json", "phoenix_groups.json", "phoenix_agents.json"):
        sources[name] = records.folder / name
    for name, source in sources.items():
        (folder / name).write_bytes(source.read_bytes())
    return str(folder)


def pipeline(model: str, dictionaries: str = "", known: Sequence[tuple[str, str]] = ()) -> Language:
    """The pipeline with the events component reading `dictionaries` (a folder, or the
    shipped ones), and `known` names tagged as entities before spaCy's own NER runs."""
    nlp = build_pipeline(model, ("actors", "quotes"))
    if known:
        ruler: Any = nlp.add_pipe("entity_ruler", before="ner")
        ruler.add_patterns(
            [
                {"label": label, "pattern": [{"LOWER": w} for w in name.split()]}
                for name, label in known
            ]
        )
    nlp.add_pipe("presswatch_events", config={"dictionaries": dictionaries})
    return nlp


def evaluate(records: list[GoldRecord], nlp: Language, setup: str) -> Result:
    result = Result(setup)
    documents = [
        Document(
            id=document_id(record.text),
            source=record.id,
            language="en",
            published=record.date or None,
            text=record.text,
        )
        for record in records
    ]
    for record, analysis in zip(records, analyse_documents(nlp, documents), strict=True):
        score(result, record, analysis)
    return result


# -- hand-written real-shaped reports (tests/data/events) ------------------------------


@dataclass(frozen=True)
class ReportEvent:
    """A gold event of a hand-written report: names either side may be given by (no
    source names: the text names none), and the CAMEO roots either reading gives."""

    sources: tuple[str, ...] | None
    targets: tuple[str, ...]
    roots: tuple[str, ...]


@dataclass
class HandReport:
    file: str
    published: str
    text: str
    gold: list[list[ReportEvent]]  # per line (one sentence a line)

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset)


def read_hand_reports(folder: Path) -> list[HandReport]:
    """gold.yaml and the reports it names (see its header for the format)."""
    raw = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    reports = []
    for entry in raw["reports"]:
        text = (folder / entry["file"]).read_text(encoding="utf-8").strip()
        gold = [
            []
            if line == "none"
            else [
                ReportEvent(
                    tuple(e["source"].split("|")) if e["source"] else None,
                    tuple(e["target"].split("|")),
                    tuple(e["root"].split("|")),
                )
                for e in line
            ]
            for line in entry["sentences"]
        ]
        if len(gold) != len(text.split("\n")):
            raise ValueError(
                f"{entry['file']}: {len(gold)} gold lines for a text of another length"
            )
        reports.append(HandReport(entry["file"], str(entry["published"]), text, gold))
    return reports


def named(names: tuple[str, ...], actor_names: list[str]) -> bool:
    """One of the gold names starts a word of one of the actor's names ("Prabowo" in
    "Prabowo Subianto", "rebel" in "M23 rebels")."""
    return any(
        re.search(rf"\b{re.escape(name)}", written, re.I)
        for name in names
        for written in actor_names
    )


def matches(gold: ReportEvent, event: Event, actor_names: dict[str, list[str]]) -> bool:
    if event.root not in gold.roots:
        return False
    sides = {p.role: actor_names.get(p.actor, []) for p in event.participants}
    if gold.sources is not None and not named(gold.sources, sides.get("source", [])):
        return False
    return named(gold.targets, sides.get("target", []))


def score_hand_reports(nlp: Language, reports: list[HandReport]) -> Tally:
    """Root recall (gold events some event of ours in their sentence matches) and
    precision (our non-negated events that match a gold event of their sentence)."""
    tally = Tally(right=0)
    documents = [
        Document(
            id=document_id(r.text),
            source=r.file,
            language="en",
            published=r.published,
            text=r.text,
        )
        for r in reports
    ]
    for report, analysis in zip(reports, analyse_documents(nlp, documents), strict=True):
        names = {a.id: [a.name, *a.aliases] for a in analysis.actors}
        ours: list[list[Event]] = [[] for _ in report.gold]
        for event in analysis.events:
            if not event.negated and event.mentions:
                ours[report.line_of(event.mentions[0].start)].append(event)
        for gold, found in zip(report.gold, ours, strict=True):
            tally.gold += len(gold)
            tally.predicted += len(found)
            tally.matched += sum(any(matches(g, e, names) for e in found) for g in gold)
            tally.right = (tally.right or 0) + sum(
                any(matches(g, e, names) for g in gold) for e in found
            )
    return tally


@eval_app.command("cameo")
def cameo(
    data: Annotated[Path, typer.Option(help="Folder holding cameo/.")] = DEFAULT_DATA,
    limit: Annotated[int | None, typer.Option(help="Only the first N records.")] = None,
    split: Annotated[
        str,
        typer.Option(help="Records: all, train (three quarters, for tuning) or dev (the rest)."),
    ] = "all",
    model: Annotated[str, typer.Option(help="spaCy pipeline.")] = DEFAULT_MODEL,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write scores here.")] = None,
) -> None:
    """CAMEO coding on the PETRARCH validation records: root and full-code recall and
    precision, source and target actor-code accuracy, beside PETRARCH-2's published figures.

    Example: presswatch eval cameo
    """
    if split not in SPLITS:
        raise typer.BadParameter(
            f"{split!r} is not one of {', '.join(SPLITS)}", param_hint="--split"
        )
    records_file = data_path(data, "cameo", "PETR_Validate_records_2_02.xml")
    records = [r for r in read_records(records_file) if in_split(r, split)][: limit or None]
    with tempfile.TemporaryDirectory(prefix="presswatch-cameo-") as scratch:
        own = convert_records_dictionaries(records_file.parent, Path(scratch))
        setups = [
            ("as shipped (CAMEO.2.0, Phoenix actors)", pipeline(model)),
            (
                "shipped verbs, the records' actors",
                pipeline(model, setup_folder(own, "shipped", "shipped"), own.actor_names),
            ),
            (
                "the records' own dictionaries",
                pipeline(model, setup_folder(own, "records", "records"), own.actor_names),
            ),
        ]
        results = [evaluate(records, nlp, name) for name, nlp in setups]
    table = Table(title=f"PETRARCH validation records ({split}): {len(records)} sentences")
    columns = (
        "set-up",
        "gold",
        "ours",
        "root recall (TP %)",
        "root precision",
        "wrong of ours (FP %)",
        "code recall",
        "code precision",
        "source code right",
        "target code right",
    )
    for column in columns:
        table.add_column(column)
    for result in results:
        table.add_row(
            result.setup,
            str(result.root.gold),
            str(result.root.predicted),
            f"{result.root.recall:.1f}",
            f"{result.root.precision:.1f}",
            f"{100 - result.root.precision:.1f}",
            f"{result.code.recall:.1f}",
            f"{result.code.precision:.1f}",
            f"{result.source_accuracy:.1f}",
            f"{result.target_accuracy:.1f}",
        )
    recall, wrong = PETRARCH2["recall"], PETRARCH2["wrong"]
    table.add_row("PETRARCH-2 (published)", "", "", f"{recall:.0f}", "", f"{wrong:.0f}")
    console = Console()
    console.print(table)
    console.print(
        f"{len(own.skipped)} lines of the records' dictionaries are outside the documented "
        "format and were skipped.",
        highlight=False,
    )
    if json_out is not None:
        json_out.write_text(
            json.dumps(
                {"setups": [r.scores() for r in results], "skipped_lines": len(own.skipped)},
                indent=2,
            )
        )
