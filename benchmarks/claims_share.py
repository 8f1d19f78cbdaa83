"""Share of run time spent on claims: extraction per document and the corpus-wide check.

    .venv/bin/python benchmarks/claims_share.py [--split train] [--limit N] [--reports 3000]

Reads PolNeAR texts in place from ../shared/data/polnear/<split>/text (never copied),
dated from metadata.tsv, and profiles (cProfile, one process) the per-document stage
(`analyse_batch`: language check, parse, every extractor) to find the time inside
`extract_claims`. The analyses are then repeated, each copy a distinct report dated a
week later than the last, until --reports is reached, and the link stage over them is
profiled to find the time inside the claims linker. The share printed is

    (claim extraction per report × reports + claims linker) / (whole per-document stage
    per report × reports + whole link stage)

so the per-document cost is measured on real texts and the corpus-wide check on a corpus
of the size asked for.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import pstats
import time
from datetime import date, timedelta
from pathlib import Path

from presswatch import __version__
from presswatch.model import Document, DocumentAnalysis, document_id
from presswatch.pipeline import analyse_batch
from presswatch.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def documents(split: str, limit: int | None) -> list[Document]:
    dates: dict[str, str] = {}
    with (DATA / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    found: list[Document] = []
    for path in sorted((DATA / split / "text").glob("*.txt"))[:limit]:
        text = path.read_text(encoding="utf-8")
        published = dates.get(path.stem) or None
        found.append(
            Document(
                id=document_id(text),
                source=path.name,
                text=text,
                published=published,
                outlet=path.stem.split("_")[0],
                language="en",
            )
        )
    return found


def inside(stats: pstats.Stats, name: str) -> float:
    """Cumulative seconds in functions called `name` (outermost calls only)."""
    total = 0.0
    for (_, _, function), row in stats.stats.items():  # type: ignore[attr-defined]
        if function == name:
            total = max(total, row[3])
    return total


def repeated(analyses: list[DocumentAnalysis], reports: int) -> list[DocumentAnalysis]:
    """Copies of the analyses as distinct reports, each round dated a week later."""
    out: list[DocumentAnalysis] = []
    round_ = 0
    while len(out) < reports:
        for analysis in analyses:
            if len(out) >= reports:
                break
            if round_ == 0:
                out.append(analysis)
                continue
            document = analysis.document
            new_id = document_id(f"{document.text}\n(copy {round_})")
            published = None
            if document.published:
                day = date.fromisoformat(document.published[:10]) + timedelta(weeks=round_)
                published = day.isoformat()
            payload = analysis.model_dump_json().replace(document.id, new_id)
            copy = DocumentAnalysis.model_validate_json(payload)
            copy.document = copy.document.model_copy(update={"published": published})
            out.append(copy)
        round_ += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="train")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument(
        "--linkers",
        default=None,
        help="Comma-separated linkers for the link stage (default: all). With 'claims' alone "
        "the share printed is an upper bound: the other linkers' time is left out of the total.",
    )
    args = parser.parse_args()
    from presswatch.link import link_corpus

    settings = Settings()
    if args.linkers:
        settings = Settings(linkers=tuple(args.linkers.split(",")))
    texts = documents(args.split, args.limit)
    words = sum(len(d.text.split()) for d in texts)
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    analyses: list[DocumentAnalysis] = []
    for at in range(0, len(texts), 32):
        done, _ = analyse_batch(texts[at : at + 32], settings, __version__)
        analyses.extend(done)
    profile.disable()
    per_doc_total = time.perf_counter() - start
    stats = pstats.Stats(profile)
    per_doc_claims = inside(stats, "extract_claims")
    claims_found = sum(len(a.claims) for a in analyses)

    corpus = repeated(analyses, args.reports)
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    record = link_corpus(corpus, settings)
    profile.disable()
    link_total = time.perf_counter() - start
    stats = pstats.Stats(profile)
    link_claims = inside(stats, "link_claims")

    scale = len(corpus) / len(analyses)
    total = per_doc_total * scale + link_total
    share = (per_doc_claims * scale + link_claims) / total
    kinds: dict[str, int] = {}
    for finding in record.findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    print(f"PolNeAR {args.split}: {len(texts)} texts, {words:,} words, {claims_found} claims")
    print(
        f"per-document stage (profiled): {per_doc_total:.1f} s, of which claims "
        f"{per_doc_claims:.2f} s ({100 * per_doc_claims / per_doc_total:.1f}%)"
    )
    print(
        f"link stage over {len(corpus)} reports (profiled): {link_total:.1f} s, of which claims "
        f"{link_claims:.2f} s ({100 * link_claims / link_total:.1f}%)"
    )
    print(
        f"claims + checks at {len(corpus)} reports: {100 * share:.1f}% of the estimated "
        f"{total:.0f} s"
    )
    print("findings:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
