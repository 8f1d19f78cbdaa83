"""`presswatch eval cameo`: event coding on the PETRARCH validation records.

Each record is a sentence (with a date) and its gold codings: CAMEO event code, source
and target actor codes. We run our pipeline on the sentence (published = the record's
date) and score, over all records marked evaluate="true":
- root code: the two-digit roots of our events against the gold roots (multiset match);
- full code: the same for full codes;
- code + source + target: our participants mapped to actor codes by looking their names
  up in the validation actor dictionary (PETR_Validate_actors_2_02.txt); an actor missing
  from it cannot match, which is part of what this score measures.
PETRARCH2 reports 68% true positives and 23% false positives on its validation set; we
print recall (= true-positive share) and the share of our codings that are wrong.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from presswatch.evaluate import DEFAULT_DATA, data_path, eval_app
from presswatch.extract import analyse_documents
from presswatch.lang.names import fold_accents
from presswatch.model import Document, document_id
from presswatch.nlp import load_pipeline
from presswatch.settings import DEFAULT_MODEL

_DICTIONARY_LINE = re.compile(r"^\+?\s*([^\[#<]+?)\s*\[([A-Za-z~]+)[^\]]*\]")


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

    def add(self, gold: list[str], predicted: list[str]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.matched += sum((Counter(gold) & Counter(predicted)).values())

    @property
    def recall(self) -> float:
        return 100 * self.matched / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return 100 * self.matched / self.predicted if self.predicted else 0.0


@dataclass
class Result:
    records: int = 0
    tallies: dict[str, Tally] = field(
        default_factory=lambda: {k: Tally() for k in ("root", "code", "code+actors")}
    )


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


def read_actor_codes(path: Path) -> dict[str, str]:
    """Validation actor dictionary: name (lowercased, spaces) → actor code."""
    codes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _DICTIONARY_LINE.match(line.strip())
        if match:
            name = match.group(1).replace("_", " ").strip().casefold()
            codes.setdefault(name, match.group(2).upper())
    return codes


def actor_code(names: list[str], codes: dict[str, str]) -> str:
    """The code of the longest dictionary name found in any of an actor's names."""
    best = ""
    best_length = 0
    for name in names:
        lowered = fold_accents(name).casefold()
        for entry, code in codes.items():
            if len(entry) > best_length and re.search(rf"\b{re.escape(entry)}\b", lowered):
                best, best_length = code, len(entry)
    return best


def evaluate(records: list[GoldRecord], codes: dict[str, str], model: str) -> Result:
    nlp = load_pipeline(model, ("actors", "quotes", "events"))
    result = Result()
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
        names = {a.id: [a.name, *a.aliases] for a in analysis.actors}
        predicted_codes = [e.cameo for e in analysis.events]
        full = []
        for event in analysis.events:
            source = next((p.actor for p in event.participants if p.role == "source"), None)
            target = next((p.actor for p in event.participants if p.role == "target"), None)
            full.append(
                (
                    event.cameo,
                    actor_code(names.get(source or "", []), codes),
                    actor_code(names.get(target or "", []), codes),
                )
            )
        gold_codes = [c for c, _, _ in record.codings]
        result.tallies["root"].add([c[:2] for c in gold_codes], [c[:2] for c in predicted_codes])
        result.tallies["code"].add(gold_codes, predicted_codes)
        result.tallies["code+actors"].add(
            [f"{c}|{s.upper()}|{t.upper()}" for c, s, t in record.codings],
            [f"{c}|{s}|{t}" for c, s, t in full],
        )
        result.records += 1
    return result


@eval_app.command("cameo")
def cameo(
    data: Annotated[Path, typer.Option(help="Folder holding cameo/.")] = DEFAULT_DATA,
    limit: Annotated[int | None, typer.Option(help="Only the first N records.")] = None,
    model: Annotated[str, typer.Option(help="spaCy pipeline.")] = DEFAULT_MODEL,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write scores here.")] = None,
) -> None:
    """CAMEO coding on the PETRARCH validation records: root, code, code+actors.

    Example: presswatch eval cameo
    """
    records_file = data_path(data, "cameo", "PETR_Validate_records_2_02.xml")
    records = read_records(records_file)[: limit or None]
    codes = read_actor_codes(data_path(data, "cameo", "PETR_Validate_actors_2_02.txt"))
    result = evaluate(records, codes, model)
    table = Table(title=f"PETRARCH validation records: {result.records} sentences")
    for column in ("match on", "gold", "ours", "correct", "recall (TP %)", "wrong of ours (FP %)"):
        table.add_column(column)
    for name, tally in result.tallies.items():
        table.add_row(
            name,
            str(tally.gold),
            str(tally.predicted),
            str(tally.matched),
            f"{tally.recall:.1f}",
            f"{100 - tally.precision:.1f}",
        )
    table.add_row("PETRARCH2 (published)", "", "", "", "68", "23")
    Console().print(table)
    if json_out is not None:
        json_out.write_text(
            json.dumps(
                {
                    name: t.__dict__ | {"recall": t.recall, "precision": t.precision}
                    for name, t in result.tallies.items()
                }
                | {"records": result.records},
                indent=2,
            )
        )
