"""The command line: parse options, call the library, print. No SQL and no extraction here."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from presswatch.errors import PresswatchError
from presswatch.evaluate import eval_app
from presswatch.lang.names import fold_accents
from presswatch.model import ActorKind, FindingKind, QuoteAct, QuoteKind, Record
from presswatch.settings import DEFAULT_MODEL, QUOTE_ALIGNMENTS, Settings
from presswatch.severity import FINDING_ORDER
from presswatch.store import Store

if TYPE_CHECKING:
    from presswatch.pipeline import RunSummary

app = typer.Typer(
    help="presswatch: turn news reports into a verifiable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")
err = Console(stderr=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", help="SQLite store.")]
DEFAULT_DB = Path("presswatch.db")
DEFAULTS = Settings()
# Ids a user copies from a listing: a story (s + 10 hex digits; s3 in stores linked before
# ids were content-derived) or a document (d + 12 hex digits).
STORY_ID = re.compile(r"^s(\d+|[0-9a-f]{10}(-\d+)?)$")
DOCUMENT_ID = re.compile(r"^d[0-9a-f]{12}$")


def fail(message: str) -> None:
    # Messages carry file names and URLs from the input: escape them, never read them as markup.
    err.print(f"[red]error[/red]: {escape(message)}", highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    err.print(f"[yellow]warning[/yellow]: {escape(message)}", highlight=False, soft_wrap=True)


@contextmanager
def exit_on_error() -> Iterator[None]:
    """A PresswatchError raised inside is printed as its one line, and the exit code is 2."""
    try:
        yield
    except PresswatchError as error:
        fail(str(error))
        raise typer.Exit(2) from error


def open_store(db: Path) -> Store:
    """The existing store at `db`, opened read-only, or a one-line error and exit code 2."""
    with exit_on_error():
        return Store.read(db)


def choice(values: Sequence[str], help: str | None = None) -> Any:
    """An option taking one of `values`; any other is refused naming them all."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in values:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(values)}")
        return value

    return typer.Option(help=help or f"One of: {', '.join(values)}.", callback=check)


def seconds(value: float) -> float:
    """An option check for a duration: more than zero seconds."""
    if value <= 0:
        raise typer.BadParameter(f"{value:g} is not a number of seconds above 0")
    return value


def check_output(path: Path | None) -> None:
    """A one-line error (exit 2) before any work for an output file that cannot be written."""
    if path is None:
        return
    if path.is_dir():
        problem = "is a directory, not a file"
    elif not path.parent.is_dir():
        problem = f"folder {path.parent} does not exist"
    elif not os.access(path.parent, os.W_OK | os.X_OK) or (
        path.exists() and not os.access(path, os.W_OK)
    ):
        problem = "cannot be written (permission denied)"
    else:
        return
    fail(f"{path}: {problem}")
    raise typer.Exit(2)


def write_output(path: Path | None, write: Callable[[Path], None], kept: str) -> None:
    """Write one output file; a failure (a full disk) is one line saying what was kept."""
    if path is None:
        return
    try:
        write(path)
    except OSError as error:
        fail(f"{path}: not written ({error.strerror or error}); {kept}")
        raise typer.Exit(2) from error


def run_analysis(inputs: Sequence[str], **options: Any) -> tuple[Record, RunSummary]:
    """`presswatch.pipeline.run_analysis`, imported when a command analyses: the pipeline
    loads spaCy, which reading the store or printing help never needs."""
    from presswatch.pipeline import run_analysis as run

    return run(inputs, **options)


def load_corpus(db: Path) -> Record:
    """The whole stored corpus record, for `show` (listings query the store instead)."""
    with open_store(db) as store:
        return store.load_record()


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, URLs, feeds, JSONL.")],
    db: DbOption = DEFAULT_DB,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the record here.")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write the report here.")] = None,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline.")] = DEFAULT_MODEL,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes for per-document work.")
    ] = DEFAULTS.workers,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents per batch; each batch is stored at once.")
    ] = DEFAULTS.batch_size,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every input.")] = None,
    actors: Annotated[
        Path | None,
        typer.Option(
            "--actors", help="Known-actors YAML file (default: as stored with the corpus)."
        ),
    ] = None,
    facts: Annotated[
        Path | None,
        typer.Option("--facts", help="Reference facts YAML (default: as stored with the corpus)."),
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")
    ] = False,
    quote_alignment: Annotated[
        str | None,
        choice(
            QUOTE_ALIGNMENTS,
            "lexical, or embedding (needs the `embeddings` extra installed). "
            "Default: as stored with the corpus, else lexical.",
        ),
    ] = DEFAULTS.quote_alignment,
    timeout: Annotated[
        float, typer.Option(help="Seconds per URL fetch.", callback=seconds)
    ] = DEFAULTS.fetch_timeout,
    doc_timeout: Annotated[
        float,
        typer.Option(
            help="Seconds one document may spend in extraction; a slower one is stored "
            "without records and a warning.",
            callback=seconds,
        ),
    ] = DEFAULTS.doc_timeout,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Largest input file or download.")
    ] = DEFAULTS.max_file_bytes,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Run the per-document stage on a Dask cluster: a scheduler address "
            "(tcp://host:8786) or local:N for N worker processes on this machine "
            "(needs the `cluster` extra).",
        ),
    ] = None,
) -> None:
    """Analyse news reports and store the record.

    Example: presswatch analyze examples/ --json out.json --html report.html
    """
    from presswatch.pipeline import RunObserver

    # Mistakes in where results go are reported now, not after the analysis.
    check_output(json_out)
    check_output(html_out)
    with exit_on_error():
        Store.check_writable(db)
    settings = Settings(
        model=model,
        workers=workers,
        batch_size=batch_size,
        outlet=outlet,
        allow_private=allow_private,
        quote_alignment=quote_alignment,
        fetch_timeout=timeout,
        doc_timeout=doc_timeout,
        max_file_bytes=max_bytes,
        fetch_max_bytes=max_bytes,
        known_actors=str(actors) if actors else None,
        facts=str(facts) if facts else None,
    )
    progress = Progress(
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = progress.add_task("analysing", total=None)

    def on_total(total: int) -> None:
        progress.update(task, total=total)
        if total > 1 and err.is_terminal:
            progress.start()

    observer = RunObserver(
        on_failure=fail,
        on_warning=warn,
        on_total=on_total,
        on_advance=lambda count: progress.advance(task, count),
    )
    try:
        with ctrl_c_between_batches() as stop_requested:
            observer.stop_requested = stop_requested
            # Without --json or --html nothing needs the run's record: it is not built, so
            # memory stays flat however many reports the run adds.
            keep = json_out is not None or html_out is not None
            record, summary = run_analysis(
                inputs,
                settings=settings,
                db=db,
                observer=observer,
                cluster=cluster,
                keep_record=keep,
            )
    except PresswatchError as error:
        progress.stop()
        fail(str(error))
        raise typer.Exit(2) from error
    except KeyboardInterrupt:
        progress.stop()
        fail("interrupted: finished batches are stored; run again to resume")
        raise typer.Exit(130) from None
    progress.stop()
    write_record_files(record, json_out, html_out)
    print_summary(record_counts(record) if keep else stored_counts(db), summary)
    if summary.failures:
        raise typer.Exit(1)


@app.command()
def relink(db: DbOption = DEFAULT_DB) -> None:
    """Link every stored report anew into the corpus record.

    `analyze` links new reports into a stored corpus by lookup (their actors' names, the
    stories near them); this rebuilds the whole record from the stored analyses, with the
    link settings stored with the corpus.

    Example: presswatch relink --db presswatch.db
    """
    from presswatch.link.staged import relink as relink_corpus

    with exit_on_error():
        Store.check_writable(db, create=False)
        counts = relink_corpus(db)
    err.print(
        f"relinked {counts['record_documents']} documents: {counts['actors']} actors, "
        f"{counts['stories']} stories, {counts['findings']} findings"
    )


@contextmanager
def ctrl_c_between_batches() -> Iterator[Callable[[], bool]]:
    """Ctrl-C stops the run after the batch being stored; a second Ctrl-C stops it at once.

    Python's own KeyboardInterrupt can land inside a callback whose exception is
    discarded (a spaCy generator being closed, a function SQLite calls), and the run then
    goes on to the end; a flag read between batches is never lost.
    """
    requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        requested.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    if threading.current_thread() is not threading.main_thread():
        yield requested.is_set  # signals reach only the main thread
        return
    previous = signal.signal(signal.SIGINT, request_stop)
    try:
        yield requested.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


KEPT = "the store is intact"


def write_record_files(record: Record, json_out: Path | None, html_out: Path | None) -> None:
    from presswatch.render.html import write_report
    from presswatch.render.json import write_record

    write_output(json_out, lambda path: write_record(record, path), KEPT)
    write_output(html_out, lambda path: write_report(record, path), KEPT)


def stored_counts(db: Path) -> dict[str, int]:
    """`record_counts` of the stored corpus record, read as counts (nothing loaded)."""
    with open_store(db) as store:
        counts = store.counts()
    return {**counts, "documents": counts["record_documents"]}


def record_counts(record: object) -> dict[str, int]:
    names = ("documents", "actors", "quotes", "events", "claims", "findings", "stories")
    return {name: len(getattr(record, name)) for name in names}


def print_summary(counts: dict[str, int], summary: RunSummary) -> None:
    table = Table(title="presswatch", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("inputs", str(summary.inputs))
    table.add_row("documents", str(counts["documents"]))
    table.add_row("  analysed now", str(summary.analysed))
    table.add_row("  already stored", str(summary.reused))
    table.add_row("duplicates", str(len(summary.duplicates)))
    for name in ("actors", "quotes", "events", "claims", "findings", "stories"):
        table.add_row(name, str(counts[name]))
    table.add_row("failures", str(len(summary.failures)))
    err.print(table)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="FTS5 query over document text and quotes.")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="Most hits to show.")] = 20,
) -> None:
    """Full-text search of stored documents and quotes.

    Example: presswatch search "Zionist regime" --db presswatch.db
    """
    with open_store(db) as store, exit_on_error():
        hits = store.search(query, limit=limit)
    for hit in hits:
        snippet = " ".join(hit.snippet.split())
        sys.stdout.write(f"{hit.kind}\t{hit.id}\t{hit.outlet or ''}\t{snippet}\n")
    if not hits:
        err.print(f"no match for {query!r}")


@app.command()
def show(
    db: DbOption = DEFAULT_DB,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the record here.")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write the report here.")] = None,
) -> None:
    """Render the whole stored corpus as JSON (stdout by default) or HTML.

    Example: presswatch show --db presswatch.db --html corpus.html
    """
    check_output(json_out)
    check_output(html_out)
    if html_out is not None:  # the page is made from the whole record
        write_record_files(load_corpus(db), json_out, html_out)
        return
    from presswatch.render.json import write_record_text

    # The JSON alone is written as it is read: 10,000 reports' record is never held.
    with open_store(db) as store:
        if json_out is None:
            sys.stdout.writelines(store.record_text(indent=2))
            sys.stdout.write("\n")
        else:
            write_output(
                json_out, lambda path: write_record_text(store.record_text(indent=2), path), KEPT
            )


@app.command()
def regroup(db: DbOption = DEFAULT_DB) -> None:
    """Place every stored report in stories anew: the whole corpus, with today's weights.

    `analyze` links new reports into a stored corpus by lookup: each joins a stored story
    or opens one, and stored stories keep their reports and ids. Regroup after the story
    weights change, or to let later reports regroup earlier ones; story ids may change
    with their founding report.

    Example: presswatch regroup --db presswatch.db
    """
    from presswatch.link.stories import regroup as regroup_record
    from presswatch.settings import LinkSettings

    with exit_on_error():
        Store.check_writable(db, create=False)
        with Store.open(db, create=False) as store:
            record = store.load_record()
            before = [frozenset(s.documents) for s in record.stories]
            settings = Settings()
            regroup_record(record, settings, store.link_settings() or LinkSettings.read(settings))
            store.save_corpus(record)
    after = {frozenset(s.documents) for s in record.stories}
    same = sum(1 for documents in before if documents in after)
    err.print(
        f"regrouped {len(record.documents)} reports into {len(record.stories)} stories "
        f"({same} of {len(before)} stored stories unchanged)"
    )


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on (another than 127.0.0.1 is warned about).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Browse the store in a web browser: search, stories, actors, documents, findings.

    Read-only. The JSON API and its description are at /api/docs. Only requests addressed
    to this host and port are served.

    Example: presswatch serve --db presswatch.db --port 8000
    """
    import uvicorn

    from presswatch.web.app import LOOPBACK_NAMES, create_app, server_url

    open_store(db).close()  # a missing store is a one-line error now, not on the first request
    if host not in LOOPBACK_NAMES and host != "::1":
        warn(
            f"listening on {host}: anyone who can reach this machine can read the store "
            "(use --host 127.0.0.1 to keep it to this machine)"
        )
    # Plain print, flushed: the URL is the one line a person (or a script) waits for.
    url = server_url(host, port)
    print(f"presswatch workbench at {url}  (store {db}; Ctrl+C stops)", flush=True)
    uvicorn.run(create_app(db, host=host, port=port), host=host, port=port, log_level="warning")


def matches_name(names: Sequence[str], wanted: str) -> bool:
    """Case- and accent-insensitive match of a name against an actor's name and aliases."""
    needle = fold_accents(wanted).casefold()
    return any(needle in fold_accents(n).casefold() for n in names)


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[str | None, choice(get_args(ActorKind))] = None,
    name: Annotated[
        str | None, typer.Option(help="Only actors whose name or alias has this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List actors with their aliases, roles and mention counts.

    Example: presswatch actors --kind person --name Darwish
    """
    with open_store(db) as store:
        found = [
            a
            for a in store.actors(kind)
            if name is None or matches_name([a.name, *a.aliases], name)
        ]
    if as_json:
        for actor in found:
            sys.stdout.write(actor.model_dump_json() + "\n")
        return
    table = Table(show_lines=False)
    for column in ("id", "name", "kind", "mentions", "aliases", "roles"):
        table.add_column(column)
    for actor in found:
        table.add_row(
            actor.id,
            escape(actor.name),
            actor.kind,
            str(len(actor.mentions)),
            escape("; ".join(actor.aliases[:8])),
            escape("; ".join(actor.roles[:4])),
        )
    out.print(table)


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="Name or alias of the speaker.")] = None,
    kind: Annotated[str | None, choice(get_args(QuoteKind))] = None,
    act: Annotated[
        str | None, choice(get_args(QuoteAct), "speech (said, told) or stance (wants, believes).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of text.")] = False,
) -> None:
    """List quotes across the corpus with speaker, outlet and date.

    A --speaker that matches no actor's name or alias is an error with exit code 1.

    Example: presswatch quotes --speaker Khamenei
    """
    with open_store(db) as store:
        wanted = None
        if speaker is not None:
            names = store.actor_names()
            wanted = [i for i, known in names.items() if matches_name(known, speaker)]
            if not wanted:
                fail(f"no speaker matches {speaker!r}")
                raise typer.Exit(1)
        listed = store.quotes(wanted, kind, act)
    for entry in listed:
        quote = entry.item
        who = "(unattributed)" if entry.speaker_name is None else entry.speaker_name
        if as_json:
            payload = quote.model_dump()
            payload.update(
                speaker_name=who,
                outlet=entry.outlet,
                source=entry.source,
                published=entry.published,
            )
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        else:
            text = " ".join(quote.text.split())
            sys.stdout.write(
                f"{who}\t{quote.label}\t{entry.outlet or ''}\t{entry.published or ''}\t"
                f"{entry.source or ''}\t{text}\n"
            )


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    subject: Annotated[
        str | None,
        typer.Option(
            help="Only claims whose subject or group has this (any synonym: killed, martyrs)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of text.")] = False,
) -> None:
    """List figures, dates and durations with subject, normalised value, speaker and outlet.

    Example: presswatch claims --subject prisoners
    """
    from presswatch.lang.claim_subjects import group_of_term
    from presswatch.lang.quantities import describe

    # Any word of a synonym group finds the whole group: killed, martyrs, death toll.
    wanted = (group_of_term(subject) or subject) if subject else None
    with open_store(db) as store:
        listed = store.claims(wanted)
    for entry in listed:
        claim, outlet = entry.item, entry.outlet
        speaker = "(outlet)" if entry.speaker_name is None else entry.speaker_name
        if as_json:
            payload = claim.model_dump()
            payload.update(outlet=outlet, speaker_name=speaker)
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(
                f"{claim.id}\t{claim.subject or ''}\t{describe(claim.value)}\t{speaker}\t"
                f"{outlet or ''}\t{' '.join(claim.text.split())}\n"
            )


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        str, choice(("tsv", "csv", "jsonl"), "Table (tsv, csv) or JSON lines.")
    ] = "tsv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Export coded events as event data: one row per source-target pair with date, actor
    codes, CAMEO and root code, quad class, Goldstein value, document, sentence offsets,
    URL, who claims it and whether it is negated.

    Example: presswatch events --db presswatch.db --format csv -o events.csv
    """
    from presswatch.render.event_data import write_events

    check_output(output)
    record = load_corpus(db)
    if output is None:
        write_events(record, sys.stdout, format)
        return
    write_output(
        output,
        lambda path: _write_event_file(path, record, format),
        "nothing else was written",
    )


def _write_event_file(path: Path, record: Record, format: str) -> None:
    from presswatch.render.event_data import write_events

    with path.open("w", encoding="utf-8", newline="") as handle:
        write_events(record, handle, format)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        str, choice(("parquet", "jsonl"), "parquet (needs pyarrow) or jsonl.")
    ] = "parquet",
    folder: Annotated[
        Path, typer.Option("--out", help="Folder for the tables (made if missing).")
    ] = Path("export"),
) -> None:
    """Export the stored record as one table per record kind (documents, actors, mentions,
    quotes, events, participants, event_mentions, claims, findings, framing, stories,
    quote_groups), read from the store a chunk at a time: for DuckDB, Spark or pandas.

    Example: presswatch export --db presswatch.db --format parquet --out export/
    """
    from presswatch.render.tables import export_tables

    if folder.exists() and not folder.is_dir():
        fail(f"{folder}: is a file, not a folder")
        raise typer.Exit(2)
    with open_store(db) as store, exit_on_error():
        try:
            counts = export_tables(store, folder, format)
        except OSError as error:
            fail(f"{folder}: not written ({error.strerror or error})")
            raise typer.Exit(2) from error
    table = Table(title=f"{folder} ({format})")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in counts.items():
        table.add_row(name, str(rows))
    out.print(table)


@app.command()
def findings(
    db: DbOption = DEFAULT_DB,
    kind: Annotated[str | None, choice(get_args(FindingKind))] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of text.")] = False,
) -> None:
    """List findings (contradictions first) with their one-line summary and evidence.

    Example: presswatch findings --kind contradiction
    """
    with open_store(db) as store:
        chosen = store.findings(kind, order=FINDING_ORDER)
    for finding in chosen:
        if as_json:
            sys.stdout.write(finding.model_dump_json() + "\n")
            continue
        sys.stdout.write(f"{finding.id}\t{finding.kind}\t{finding.summary}\n")
        for span in finding.evidence:
            evidence = " ".join((span.text or "").split())
            sys.stdout.write(f"\t{span.doc}:{span.start}-{span.end}\t{evidence}\n")


@app.command()
def compare(
    reports: Annotated[
        list[str], typer.Argument(help="Document ids, stored sources, a story id, or new inputs.")
    ],
    db: Annotated[Path | None, typer.Option("--db", help="SQLite store to read/add.")] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Side-by-side page.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Comparison as JSON.")] = None,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline.")] = DEFAULT_MODEL,
) -> None:
    """Compare reports side by side: aligned quotes, drift, coverage, framing.

    Example: presswatch compare examples/press-tv-khamenei-darwish.txt
    examples/tehran-times-leader-receives-hamas.txt --html compare.html
    """
    from presswatch.compare import compare_reports
    from presswatch.pipeline import RunObserver
    from presswatch.render.compare import write_comparison

    check_output(html_out)
    check_output(json_out)
    db = db if db is not None else default_store_for(reports)
    if db is not None and db.exists():
        refuse_unknown_ids(db, reports)
    with exit_on_error():
        record = compare_reports(
            reports, settings=Settings(model=model), db=db, observer=RunObserver(fail, warn)
        )
    kept = "the store is intact" if db is not None else "nothing was stored"
    write_output(html_out, lambda path: write_comparison(record, path, None), kept)
    write_output(json_out, lambda path: write_comparison(record, None, path), kept)
    if html_out is None and json_out is None:
        for finding in record.findings:
            sys.stdout.write(f"{finding.id}\t{finding.kind}\t{finding.summary}\n")
    err.print(
        f"{len(record.documents)} reports, {len(record.quote_groups)} quote groups, "
        f"{len(record.findings)} findings"
    )


def default_store_for(reports: Sequence[str]) -> Path | None:
    """The default store when it holds every report named (ids, stories, stored sources),
    so `compare s307c3d5fa3` reads it as `--db presswatch.db` would; None otherwise (new
    inputs are analysed and nothing is stored). A stored id with no store is an error."""
    from presswatch.compare import resolve_stored

    if DEFAULT_DB.exists():
        with open_store(DEFAULT_DB) as store:
            _, pending = resolve_stored(store, reports)
        if not pending:
            return DEFAULT_DB
    for target in reports:
        if (STORY_ID.match(target) or DOCUMENT_ID.match(target)) and not Path(target).exists():
            what = "story" if STORY_ID.match(target) else "document"
            where = "does not hold it" if DEFAULT_DB.exists() else "does not exist"
            fail(f"{target}: no such {what} ({DEFAULT_DB} {where}; name a store with --db)")
            raise typer.Exit(2)
    return None


def refuse_unknown_ids(db: Path, reports: Sequence[str]) -> None:
    """A story or document id the store does not hold is a one-line error naming some it does."""
    ids = [r for r in reports if STORY_ID.match(r) or DOCUMENT_ID.match(r)]
    ids = [r for r in ids if not Path(r).exists()]
    if not ids:
        return
    with open_store(db) as store:
        known = {"story": store.story_ids(), "document": store.document_ids()}
    for target in ids:
        what = "story" if STORY_ID.match(target) else "document"
        if target not in known[what]:
            some = ", ".join(known[what][:5]) + (", …" if len(known[what]) > 5 else "")
            fail(f"{target}: no such {what} in {db} (stored: {some or 'none'})")
            raise typer.Exit(2)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
