"""The data files of presswatch/data, each read once per process through a typed loader.

Every file has a schema here (pydantic; unknown keys are errors), so a typo in a data file
is one line naming the file and the entry (`cameo_patterns.yaml: entry verbs.meet.cameo:
Field required`), never a KeyError deep in an extractor or a word that silently never
matches. `HONORIFICS.load()` is the validated content of the packaged file;
`HONORIFICS.read(path)` checks another copy of it.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from presswatch.errors import PresswatchError
from presswatch.model import DatePrecision, EventType, FramingCategory, QuoteAct

T = TypeVar("T")
V = TypeVar("V")

Gender = Literal["m", "f"]
# One lowercase word of reporting_verbs.txt: a verb lemma.
_LEMMA = re.compile(r"^[a-z][a-z'-]*$")


class DataFileError(PresswatchError):
    """A data file that does not hold what its schema says: the file and the entry named."""


class DataFile(Generic[T]):
    """One data file and its schema: `load()` the packaged file, `read(path)` any copy."""

    def __init__(self, name: str, schema: Any) -> None:
        self.name = name
        self.adapter: TypeAdapter[T] = TypeAdapter(schema)

    def load(self) -> T:
        """The packaged file, validated once per process."""
        return self._packaged

    @cached_property
    def _packaged(self) -> T:
        text = resources.files("presswatch.data").joinpath(self.name).read_text(encoding="utf-8")
        return self.parse(text, self.name)

    def read(self, path: str | Path) -> T:
        return self.parse(Path(path).read_text(encoding="utf-8"), str(path))

    def parse(self, text: str, source: str) -> T:
        """The content of `text`, validated; DataFileError naming `source` and the entry."""
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise DataFileError(f"{source}: not YAML ({_one_line(str(error))})") from error
        return validated(self.adapter, raw, source)


class WordListFile(DataFile[frozenset[str]]):
    """A file of one lemma per line; blank lines and `#` comments are not entries."""

    def __init__(self, name: str) -> None:
        super().__init__(name, frozenset[str])
        self.lines: TypeAdapter[dict[str, Lemma]] = TypeAdapter(dict[str, Lemma])

    def parse(self, text: str, source: str) -> frozenset[str]:
        entries = {
            f"line {number}": line.strip()
            for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.startswith("#")
        }
        return frozenset(validated(self.lines, entries, source).values())


def validated(adapter: TypeAdapter[V], raw: Any, source: str) -> V:
    """`raw` checked against a schema; the first problem names its entry as a person finds
    it in the file (keys, list items counted from 1)."""
    try:
        return adapter.validate_python(raw)
    except ValidationError as error:
        problems = error.errors()
        first = problems[0]
        entry = ".".join(
            f"#{part + 1}" if isinstance(part, int) else str(part) for part in first["loc"]
        )
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataFileError(
            f"{source}: entry {entry}: {first['msg']} (found {first['input']!r}){more}"
        ) from error


def _one_line(text: str) -> str:
    return " ".join(text.split())


class Schema(BaseModel):
    """A data file's entries: every key declared, nothing extra, nothing coerced into text."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _lemma(word: str) -> str:
    if not _LEMMA.match(word):
        raise ValueError("a reporting verb is one lowercase lemma")
    return word


Lemma = Annotated[str, AfterValidator(_lemma)]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a regular expression ({error})") from error
    return pattern


Pattern = Annotated[str, AfterValidator(_compiles)]


# -- names: honorifics.yaml, transliteration.yaml -----------------------------------------


class HonorificEntry(Schema):
    words: list[str]
    gender: Gender | None = None
    role: bool = False


class Transliteration(Schema):
    prefixes: list[Pattern]
    particles: list[str]
    rules: list[tuple[Pattern, str]]
    collapse_doubles: bool
    drop_vowels: str


# -- dates and figures: relative_dates.yaml, number_words.yaml, qualifiers.yaml, units.yaml


class RelativeDay(Schema):
    """A phrase's offset from publication: `days` (and a `span`), or a `month` or `year`."""

    days: int | None = None
    span: int = 1
    month: int | None = None
    year: int | None = None
    precision: DatePrecision

    @model_validator(mode="after")
    def _one_offset(self) -> RelativeDay:
        given = [name for name in ("days", "month", "year") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of days, month, year")
        return self


class RelativeDates(Schema):
    days: dict[str, RelativeDay]
    weekdays: list[str]
    months: list[str]
    month_abbreviations: dict[str, int]
    ambiguous_months: list[str]
    units: dict[str, int]
    numbers: dict[str, int]


class Bounds(Schema):
    lower: float
    upper: float


class NumberWords(Schema):
    units: dict[str, float]
    tens: dict[str, float]
    multipliers: dict[str, float]
    standalone: dict[str, float]
    fractions: dict[str, float]
    vague_plurals: dict[str, Bounds]

    def words(self) -> list[str]:
        """Every word of every table, in file order."""
        tables = (self.units, self.tens, self.multipliers, self.standalone, self.fractions)
        return [word for table in (*tables, self.vague_plurals) for word in table]


QualifierWord = Literal[">", ">=", "<", "<=", "~", "=", "nearly"]


class Qualifiers(Schema):
    approximate_tolerance: float
    before: dict[QualifierWord, list[str]]
    verbs: dict[Literal[">", ">=", "<", "<=", "~", "="], list[str]]
    range_joiners: list[str]
    range_openers: list[str]
    introducers: list[str] = Field(default_factory=list)


class DurationUnit(Schema):
    months: float
    days: float


class Units(Schema):
    percent: list[str]
    durations: dict[str, DurationUnit]
    months: dict[str, int]
    not_counted: list[str]
    currency: list[str]
    weekdays: list[str]


# -- claims: claim_subjects.yaml -------------------------------------------------------------


class SubjectGroup(Schema):
    nouns: list[str] = Field(default_factory=list)
    verbs: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)


class FrameWords(Schema):
    as_of: list[str] = Field(default_factory=list)
    since: list[str] = Field(default_factory=list)


class ClaimComparison(Schema):
    window_days: int = 14
    divergence_factor: float = 2.0


class ClaimSubjects(Schema):
    groups: dict[str, SubjectGroup]
    general_people: list[str]
    actions: dict[str, list[str]]
    not_subjects: list[str]
    place_prepositions: list[str]
    sides: dict[str, list[str]] = Field(default_factory=dict)
    place_synonyms: dict[str, list[str]] = Field(default_factory=dict)
    frame_words: FrameWords = Field(default_factory=FrameWords)
    comparison: ClaimComparison = Field(default_factory=ClaimComparison)


# -- actors: role_nouns.yaml, pronouns.yaml, place_prepositions.yaml ---------------------------


class RoleNouns(Schema):
    person: list[str]
    group: list[str]
    binding_verbs: dict[str, str]
    same_rank: list[list[str]]
    # People named by what they do ("the actress", "the quarterback"): a description that
    # restates the one person the document binds it to.
    occupations: list[str] = Field(default_factory=list)
    # Words that mark a dictionary name as an organisation's, not a person's.
    organisation_words: list[str] = Field(default_factory=list)


class PersonNouns(Schema):
    """person_nouns.yaml: nouns that describe a person the report may never name, with
    the gender each fixes, and the heads that name the same kind of person."""

    nouns: dict[str, Gender | None]
    plural_only: list[str] = Field(default_factory=list)
    synonyms: list[list[str]] = Field(default_factory=list)
    belonging: frozenset[str] = Field(default_factory=frozenset)

    def heads(self) -> dict[str, str]:
        """Each noun of a synonym set → the set's first noun, the head it is compared by
        ("shooter" → "gunman")."""
        return {noun: group[0] for group in self.synonyms for noun in group}


class PronounEntry(Schema):
    gender: Gender | None = None
    number: Literal["singular", "plural"]
    kind: Literal["person", "group", "organization"]


# -- quotes: quote_marks.yaml, cue_patterns.yaml, reporting_verbs.txt ------------------------


class MarkSet(Schema):
    open: list[str]
    close: list[str]
    either: list[str]


class QuoteMarks(Schema):
    double: MarkSet
    single: MarkSet


class CuePatterns(Schema):
    source_after: list[list[str]]
    object_reports: list[list[str]]
    stance_verbs: list[str]
    cue_only: list[str]
    clause_only: list[str]
    addressee_verbs: list[str]
    partial_quote_verbs: list[str]
    not_speech: list[str]
    speaker_nouns: list[str]
    cue_nouns: dict[QuoteAct, list[str]]
    cue_noun_prepositions: list[str]
    passive_speakers: list[str]
    speaker_quantifiers: list[str]
    stance_adjectives: dict[str, list[str]]
    lemma_repairs: dict[str, str]
    non_speakers: list[str]
    # Verbs that pass on someone else's words ("he quoted a line the Hamas leader used to
    # repeat"): the words are the author's named in the object's relative clause.
    recalling_verbs: list[str] = Field(default_factory=list)


# -- events: cameo_patterns.yaml ----------------------------------------------------------


class CameoPattern(Schema):
    type: EventType
    cameo: str = Field(pattern=r"^\d{3,4}$")
    label: str
    family: str
    # The trigger names an event only with a person (not a place) as its target.
    needs_person_target: bool = False
    # Written on "kill" but read by no code (the events extractor reads
    # needs_person_target); declared so the file validates, listed here to be decided.
    person_target: bool = False


class CameoPatterns(Schema):
    verbs: dict[str, CameoPattern]
    nouns: dict[str, CameoPattern]
    target_prepositions: frozenset[str]


class CameoRoot(Schema):
    """A CAMEO root category (cameo_roots.yaml): what a dictionary-coded event is."""

    type: EventType
    label: str
    family: str


# -- framing, quote alignment, ingest: loaded_terms.yaml, drift_markers.yaml, … ---------------


class LoadedTermEntry(Schema):
    terms: list[str]
    category: FramingCategory
    neutral: str | None = None
    referent: str | None = None


class AlignmentPair(Schema):
    same: bool
    kind: str
    a: str
    b: str


HeaderField = Literal["title", "published", "updated", "url", "outlet", "author", "language"]


class MetadataKeys(Schema):
    keys: dict[str, HeaderField]
    bare_keys: list[str] = Field(default_factory=list)
    byline_particles: list[str] = Field(default_factory=list)


class GoldsteinTable(Schema):
    """goldstein.yaml: Goldstein values by CAMEO root or three-digit code, quad class by
    root (read by presswatch.render.event_data)."""

    codes: dict[Annotated[str, Field(pattern=r"^\d{2,3}$")], float]
    quad_classes: dict[Annotated[str, Field(pattern=r"^\d{2}$")], Annotated[int, Field(ge=1, le=4)]]

    def goldstein(self, code: str) -> float | None:
        """The value of a code: its own, else its three-digit parent's, else its root's."""
        for key in (code, code[:3], code[:2]):
            if key in self.codes:
                return self.codes[key]
        return None

    def quad_class(self, code: str) -> int | None:
        return self.quad_classes.get(code[:2])


HONORIFICS: DataFile[list[HonorificEntry]] = DataFile("honorifics.yaml", list[HonorificEntry])
TRANSLITERATION: DataFile[Transliteration] = DataFile("transliteration.yaml", Transliteration)
RELATIVE_DATES: DataFile[RelativeDates] = DataFile("relative_dates.yaml", RelativeDates)
NUMBER_WORDS: DataFile[NumberWords] = DataFile("number_words.yaml", NumberWords)
QUALIFIERS: DataFile[Qualifiers] = DataFile("qualifiers.yaml", Qualifiers)
UNITS: DataFile[Units] = DataFile("units.yaml", Units)
CLAIM_SUBJECTS: DataFile[ClaimSubjects] = DataFile("claim_subjects.yaml", ClaimSubjects)
ROLE_NOUNS: DataFile[RoleNouns] = DataFile("role_nouns.yaml", RoleNouns)
PERSON_NOUNS: DataFile[PersonNouns] = DataFile("person_nouns.yaml", PersonNouns)
PRONOUNS: DataFile[dict[str, PronounEntry]] = DataFile("pronouns.yaml", dict[str, PronounEntry])
PLACE_PREPOSITIONS: DataFile[list[str]] = DataFile("place_prepositions.yaml", list[str])
QUOTE_MARKS: DataFile[QuoteMarks] = DataFile("quote_marks.yaml", QuoteMarks)
CUE_PATTERNS: DataFile[CuePatterns] = DataFile("cue_patterns.yaml", CuePatterns)
REPORTING_VERBS = WordListFile("reporting_verbs.txt")
CAMEO_PATTERNS: DataFile[CameoPatterns] = DataFile("cameo_patterns.yaml", CameoPatterns)
CAMEO_ROOTS: DataFile[dict[Annotated[str, Field(pattern=r"^\d{2}$")], CameoRoot]] = DataFile(
    "cameo_roots.yaml", dict[Annotated[str, Field(pattern=r"^\d{2}$")], CameoRoot]
)
LOADED_TERMS: DataFile[list[LoadedTermEntry]] = DataFile("loaded_terms.yaml", list[LoadedTermEntry])
DRIFT_MARKERS: DataFile[dict[str, list[str]]] = DataFile("drift_markers.yaml", dict[str, list[str]])
QUOTE_ALIGNMENT_PAIRS: DataFile[list[AlignmentPair]] = DataFile(
    "quote_alignment_pairs.yaml", list[AlignmentPair]
)
METADATA_KEYS: DataFile[MetadataKeys] = DataFile("metadata_keys.yaml", MetadataKeys)
GOLDSTEIN: DataFile[GoldsteinTable] = DataFile("goldstein.yaml", GoldsteinTable)


class GoverningKind(Schema):
    """A kind of verb that governs another verb's act (cameo_governing.yaml): its lemmas,
    the combined code by the complement's CAMEO root, and the code for a root not listed
    (None: the complement keeps its own)."""

    lemmas: list[str]
    codes: dict[str, str]
    default: str | None


CAMEO_GOVERNING: DataFile[dict[str, GoverningKind]] = DataFile(
    "cameo_governing.yaml", dict[str, GoverningKind]
)


# -- offices: office_holders.yaml ---------------------------------------------------------


class OfficeHolder(Schema):
    """Who held an office from `from` (the day of taking it) up to the day before `to`;
    no `to`: still in office on the file's `checked` date."""

    name: str
    start: date = Field(alias="from")
    end: date | None = Field(default=None, alias="to")

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class OfficePlace(Schema):
    """A country or an organisation as a report writes it: names and adjectives."""

    names: list[str]
    adjectives: list[str] = Field(default_factory=list)


class Office(Schema):
    id: str
    # The places key of the country or organisation; None for an office no place names
    # (the Pope), which only its `alone` titles denote.
    place: str | None = None
    # Titles that denote the office only with its place ("Iran's president").
    titles: list[str] = Field(default_factory=list)
    # Titles that denote it alone ("the Leader of the Islamic Revolution").
    alone: list[str] = Field(default_factory=list)
    holders: list[OfficeHolder]

    @model_validator(mode="after")
    def holders_in_order(self) -> Office:
        if not self.titles and not self.alone:
            raise ValueError(f"office {self.id} has no title")
        if self.titles and self.place is None:
            raise ValueError(f"office {self.id}: titles need a place (or list them as alone)")
        for holder in self.holders:
            if holder.end is not None and holder.end <= holder.start:
                raise ValueError(f"office {self.id}: {holder.name} leaves before taking office")
        for before, after in zip(self.holders, self.holders[1:], strict=False):
            if before.end is None or before.end > after.start:
                raise ValueError(
                    f"office {self.id}: {before.name} and {after.name} overlap or are out of order"
                )
        return self


class OfficeHolders(Schema):
    """office_holders.yaml: offices, their titles and their holders with dates."""

    checked: date
    grace_days: int = Field(ge=0)
    not_holder_before: list[str]
    not_holder_after: list[str]
    places: dict[str, OfficePlace]
    offices: list[Office]

    @model_validator(mode="after")
    def places_known(self) -> OfficeHolders:
        ids = [office.id for office in self.offices]
        if len(set(ids)) != len(ids):
            raise ValueError("an office id is listed twice")
        for office in self.offices:
            if office.place is not None and office.place not in self.places:
                raise ValueError(f"office {office.id}: place {office.place} is not in places")
            if any(h.start > self.checked for h in office.holders):
                raise ValueError(f"office {office.id}: a holder starts after the checked date")
        return self


OFFICE_HOLDERS: DataFile[OfficeHolders] = DataFile("office_holders.yaml", OfficeHolders)
