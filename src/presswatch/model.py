"""Record types: the contract of DESIGN.md, written once as pydantic models.

`presswatch analyze --json` writes a `Record`; `schema/record.schema.json` is generated
from these classes (`python -m presswatch.model > schema/record.schema.json`).
Fields named in DESIGN.md are never renamed or dropped without bumping `SCHEMA`;
fields added beyond them carry defaults so older readers keep working.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "presswatch.record/1"

ActorKind = Literal["person", "organization", "place", "group"]
QuoteKind = Literal["direct", "indirect", "mixed"]
QuoteAct = Literal["speech", "stance"]
ParticipantRole = Literal["source", "target"]
ValueType = Literal["quantity", "date", "duration"]
Qualifier = Literal[">", ">=", "<", "<=", "~", "="]
FindingKind = Literal[
    "contradiction",
    "corroboration",
    "single_source",
    "alias_conflict",
    "quote_drift",
    "coverage",
    "divergence",
]
FindingBasis = Literal[
    "claims",
    "reference",
    "omitted_actor",
    "actor_titles",
    "unshared_quote",
    "quote_rendering",
    "alias",
]
DatePrecision = Literal["day", "week", "month", "year", "approximate"]
# How a mention names its actor: a full name, a surname alone, a kunya, a title or role
# phrase, a collective phrase standing for an organisation ("the delegation"), a pronoun,
# another alias.
MentionKind = Literal["name", "surname", "kunya", "title", "role", "group", "pronoun", "alias"]
# What an event is, below its CAMEO code (the `type` of data/cameo_patterns.yaml).
EventType = Literal[
    "meet",
    "consult",
    "discuss",
    "host",
    "visit",
    "attend",
    "negotiate",
    "mediate",
    "praise",
    "criticize",
    "accuse",
    "appeal",
    "demand",
    "intend",
    "agree",
    "reject",
    "threaten",
    "protest",
    "release",
    "arrest",
    "expel",
    "assault",
    "fight",
    "kill",
    "assassinate",
    "abduct",
    "mass_violence",
    "ceasefire",
    # The CAMEO roots an event coded by the verb dictionary can fall under (cameo_roots.yaml).
    "statement",
    "cooperate",
    "material_cooperation",
    "aid",
    "yield",
    "investigate",
    "disapprove",
    "force_posture",
    "reduce_relations",
    "coerce",
]
# Why a span is framing: the categories of data/loaded_terms.yaml, and a scare quote.
FramingCategory = Literal[
    "loaded_label",
    "honorific_glorifying",
    "euphemism",
    "dysphemism",
    "attribution_label",
    "contested_legal",
    "scare_quote",
]


class RecordModel(BaseModel):
    """Base for every record type: unknown fields are an error, so the contract stays exact."""

    model_config = ConfigDict(extra="forbid")


class Document(RecordModel):
    id: str
    source: str = Field(description="Path or URL the document was read from.")
    outlet: str | None = None
    title: str | None = None
    published: str | None = Field(default=None, description="ISO date (YYYY-MM-DD).")
    language: str | None = None
    text: str = Field(description="Cleaned text; every offset in the record points into it.")
    author: str | None = None
    url: str | None = None
    place: str | None = Field(
        default=None,
        description='Place named by the dateline opening the text ("TEHRAN –"), which stays in it.',
    )
    warnings: list[str] = Field(default_factory=list)


class Mention(RecordModel):
    doc: str
    start: int
    end: int
    text: str
    kind: MentionKind | None = Field(
        default=None, description="How the mention names its actor: name, surname, kunya, …"
    )
    office: str | None = Field(
        default=None,
        description="For a title the report binds to no name ('the Leader of the Islamic "
        "Revolution'): the office of data/office_holders.yaml it denotes (IRN.supreme_leader); "
        "its actor is the office's holder on the report's date. Null for every other mention.",
    )
    office_checked: bool | None = Field(
        default=None,
        description="For a title resolved by office: false when the report is dated after the "
        "date the office holders were last checked (the holder is assumed still in office).",
    )


class Actor(RecordModel):
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    affiliations: list[str] = Field(default_factory=list, description="Actor ids.")
    mentions: list[Mention] = Field(default_factory=list)
    wikidata: str | None = None
    key: str | None = Field(default=None, description="Normalised name key used to match.")


class Quote(RecordModel):
    id: str
    doc: str
    start: int
    end: int
    text: str
    spans: list[tuple[int, int]] = Field(default_factory=list)
    kind: QuoteKind = "direct"
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.0
    source_of: str | None = Field(
        default=None, description="For a quote nested in another: the outer quote's id."
    )
    act: QuoteAct = Field(
        default="speech",
        description="speech: said, wrote, told; stance: a position, intention or finding "
        "attributed without words spoken (wants to, believes that, a poll shows).",
    )
    reported_start: int | None = Field(
        default=None,
        description="For a partial (mixed) quote: where the whole reported phrase starts "
        "(described him as 'a legend' -> him as 'a legend'); null when it is the quote itself.",
    )
    reported_end: int | None = Field(
        default=None, description="For a partial (mixed) quote: where the reported phrase ends."
    )

    @property
    def reported(self) -> tuple[int, int]:
        """Offsets of all that was reported: a partial quote's phrase, else the quote."""
        if self.reported_start is not None and self.reported_end is not None:
            return self.reported_start, self.reported_end
        return self.start, self.end

    @property
    def label(self) -> str:
        """How a reader is told what this is: its kind, or "stance" when nothing was said."""
        return "stance" if self.act == "stance" else self.kind


class Participant(RecordModel):
    actor: str
    role: ParticipantRole
    code: str | None = Field(
        default=None,
        description="CAMEO/Phoenix actor code on the report's date (IRNGOV, PSEREBHMS), "
        "from the PETRARCH-2 dictionaries; null when they do not know the actor.",
    )


class EventDate(RecordModel):
    start: str | None = None
    end: str | None = None
    text: str | None = None
    precision: DatePrecision | None = None


class Span(RecordModel):
    doc: str
    start: int
    end: int
    text: str | None = None


class Event(RecordModel):
    id: str
    type: EventType
    cameo: str
    label: str
    root: str | None = Field(default=None, description="Two-digit CAMEO root code.")
    participants: list[Participant] = Field(default_factory=list)
    date: EventDate | None = None
    place: str | None = None
    mentions: list[Span] = Field(default_factory=list)
    trigger: str | None = None
    negated: bool = Field(
        default=False, description="Reported as not having happened ('did not meet')."
    )
    claimed_by: str | None = Field(
        default=None,
        description="The actor who claims the event, when the report tells it inside a "
        "quote or a reported clause ('X said Y attacked Z'): a claim, not an observed fact.",
    )
    pattern: str | None = Field(
        default=None,
        description="The verb-dictionary pattern that gave the code, with its line in the "
        "source dictionary (CAMEO.2.0.txt): 'line 943: - * (FOR {FINANCIAL AID}) [0231]'.",
    )


class ClaimValue(RecordModel):
    type: ValueType
    amount: float | None = None
    qualifier: Qualifier | None = None
    unit: str | None = None
    start: str | None = None
    end: str | None = None
    months: float | None = None
    upper: float | None = Field(default=None, description="Upper bound of a range.")


class Claim(RecordModel):
    id: str
    doc: str
    start: int
    end: int
    text: str
    subject: str | None = None
    speaker: str | None = None
    value: ClaimValue
    group: str | None = Field(default=None, description="Synonym group the subject falls in.")
    facets: dict[str, str] = Field(
        default_factory=dict,
        description="What else pins the subject down: action, place, frame (a date), anchor.",
    )


class Finding(RecordModel):
    id: str
    kind: FindingKind
    claims: list[str] = Field(default_factory=list)
    quotes: list[str] = Field(default_factory=list)
    summary: str
    story: str | None = None
    actors: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    diff: str | None = None
    reference: dict[str, str] | None = None
    basis: FindingBasis | None = Field(
        default=None,
        description="What the finding rests on, refining its kind: claims (figures compared "
        "across reports), reference (a figure against a reference fact), omitted_actor (an "
        "actor some reports of a story name and others omit), actor_titles (one actor titled "
        "differently across outlets), unshared_quote (a quote only one outlet carries), "
        "quote_rendering (renderings of one statement), alias (one alias for several actors).",
    )


class FramingSpan(RecordModel):
    doc: str
    start: int
    end: int
    text: str
    category: FramingCategory
    neutral: str | None = None


class TimelineEntry(RecordModel):
    """One report of a story as its timeline shows it."""

    doc: str
    published: str | None = None
    outlet: str | None = None
    title: str | None = None


class Story(RecordModel):
    id: str
    documents: list[str]
    events: list[str] = Field(default_factory=list)
    label: str | None = None
    date: EventDate | None = None
    place: str | None = None
    participants: list[str] = Field(default_factory=list)
    title: str | None = Field(
        default=None, description="A headline for the story: its most shared report title."
    )
    first_reported: str | None = Field(
        default=None, description="ISO date of its earliest dated report."
    )
    last_reported: str | None = Field(
        default=None, description="ISO date of its latest dated report."
    )
    timeline: list[TimelineEntry] = Field(
        default_factory=list, description="Its reports in time order (undated last)."
    )


class QuoteGroup(RecordModel):
    id: str
    story: str | None
    speaker: str | None
    quotes: list[str]
    first: str | None = None
    method: str | None = None
    renderings: list[list[str]] = Field(
        default_factory=list,
        description="Quote ids by identical wording, each list earliest first: provenance.",
    )


class Record(RecordModel):
    """The whole corpus-level record, exactly as `analyze --json` writes it."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    documents: list[Document] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    framing: list[FramingSpan] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    quote_groups: list[QuoteGroup] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)


class DocumentAnalysis(RecordModel):
    """What the per-document stage produces: one document and its local records.

    Actor ids here are local to the document (`<doc id>.a<n>`); the link stage merges
    them into corpus actors and rewrites every reference.
    """

    document: Document
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    framing: list[FramingSpan] = Field(default_factory=list)
    pipeline: str = Field(default="", description="Model and extractor versions used.")


_SPACE = re.compile(r"\s+")


def normalise_text_for_hash(text: str) -> str:
    """Texts that differ only in Unicode form, case of whitespace runs or edges hash alike."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def content_hash(text: str) -> str:
    """A hash of the text's content; never raises, whatever the str holds."""
    # Ingest repairs surrogates before hashing; any that reach here (a str built
    # elsewhere) are hashed as they are instead of failing the whole run.
    normalised = normalise_text_for_hash(text)
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def document_id(text: str) -> str:
    """A document's id: stable for the same text wherever and whenever it is read."""
    return "d" + content_hash(text)[:12]


def record_json_schema() -> dict[str, object]:
    return Record.model_json_schema(by_alias=True, mode="serialization")


if __name__ == "__main__":
    print(json.dumps(record_json_schema(), indent=2, sort_keys=True))
