"""The side-by-side comparison page: reports in columns, the same statement aligned across
them with word differences marked, findings on top, each outlet's spellings and framing.

Like the main report, the page is self-contained and runs no script; every string that
comes from an article is escaped here.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from typing import Any

from presswatch.extract.framing import referent_of
from presswatch.link.quotes import statements, words
from presswatch.model import Document, Quote, Record

FINDING_ORDER = ("contradiction", "quote_drift", "alias_conflict", "single_source", "corroboration")

QUOTED_SUFFIX = " (in a quote)"
FOLDED = frozenset({"single_source", "corroboration"})

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d232a;background:#fafafa}
header{background:#1d3557;color:#fff;padding:12px 24px}header h1{margin:0;font-size:20px}
main{padding:8px 24px 48px}section{margin-top:24px}
h2{border-bottom:2px solid #1d3557;padding-bottom:4px}
.finding{background:#fff;border:1px solid #d8dde3;border-left:5px solid #adb5bd;
border-radius:6px;padding:6px 12px;margin:6px 0}
.finding.quote_drift{border-left-color:#e76f51}.finding.contradiction{border-left-color:#c1121f}
.finding.corroboration{border-left-color:#2a9d8f}.finding.alias_conflict{border-left-color:#8338ec}
.diff{font-size:13px;color:#5c6670}
table{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff}
td,th{border:1px solid #d8dde3;padding:4px 8px;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
th{background:#eef1f5}
del{background:#fde2e1;color:#9b1c1c}ins{background:#d8f3dc;text-decoration:none}
.first{font-size:11px;background:#1d3557;color:#fff;border-radius:3px;padding:0 4px}
summary{cursor:pointer;font-weight:600;margin:8px 0}.absent{color:#adb5bd}
.muted{color:#5c6670;font-size:13px}
.doctext{white-space:pre-wrap;font-size:13px;max-height:480px;overflow:auto}
mark.framing{background:none;text-decoration:underline wavy #8338ec}
"""


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def column_label(document: Document) -> str:
    return document.outlet or Path(document.source).name or document.id


def marked_words(reference: str, rendering: str) -> str:
    """The rendering as HTML with words absent from the reference in <ins> and the
    reference's missing words in <del>; an identical rendering is plain text."""
    a, b = reference.split(), rendering.split()
    fold = [w.lower().strip(".,;:!?\"'“”‘’") for w in a]
    fold_b = [w.lower().strip(".,;:!?\"'“”‘’") for w in b]
    parts: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        a=fold, b=fold_b, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            parts.append(esc(" ".join(b[j1:j2])))
            continue
        # Words outside the stretch the rendering quotes are a trim, not a change.
        trimmed = (i1 == 0 and j1 == j2 == 0) or (i2 == len(a) and j1 == j2 == len(b))
        if i2 > i1 and not trimmed:
            parts.append(f"<del>{esc(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{esc(' '.join(b[j1:j2]))}</ins>")
    return " ".join(parts)


def best_sentence(quote: Quote, reference: str) -> str:
    """The sentence of a (possibly long) quote closest to the reference rendering."""
    sentences = statements(quote.text) or [quote.text]
    target = set(words(reference))
    return max(sentences, key=lambda s: len(target & set(words(s))) / (1 + len(words(s)) ** 0.5))


def findings_html(record: Record) -> str:
    order = {kind: i for i, kind in enumerate(FINDING_ORDER)}
    findings = sorted(record.findings, key=lambda f: (order.get(f.kind, 9), f.id))
    items = []
    for f in findings:
        diff = ""
        if f.diff:
            shown = (
                esc(f.diff)
                .replace("[-", "<del>")
                .replace("-]", "</del>")
                .replace("{+", "<ins>")
                .replace("+}", "</ins>")
            )
            diff = f'<div class="diff">{shown}</div>'
        items.append(
            f'<div class="finding {esc(f.kind)}" id="{esc(f.id)}"><b>{esc(f.kind)}</b> '
            f"{esc(f.summary)}{diff}</div>"
        )
    # Coverage differences are many and read as a list to scan: fold them under one line
    # (a <details> element, so the page still needs no script).
    kinds = [f.kind for f in findings]
    main = [item for item, kind in zip(items, kinds, strict=True) if kind not in FOLDED]
    folded = [item for item, kind in zip(items, kinds, strict=True) if kind in FOLDED]
    more = (
        f"<details><summary>{len(folded)} coverage differences and single-source "
        f"statements</summary>{''.join(folded)}</details>"
        if folded
        else ""
    )
    return (
        f'<section id="findings"><h2>Findings ({len(findings)})</h2>'
        f"{''.join(main) or '<p class=muted>No contradiction or drift.</p>'}{more}</section>"
    )


def quote_groups_html(record: Record) -> str:
    documents = record.documents
    quotes = {q.id: q for q in record.quotes}
    actors = {a.id: a for a in record.actors}
    head = "".join(f"<th>{esc(column_label(d))}</th>" for d in documents)
    rows = []
    for group in record.quote_groups:
        first = quotes[group.first or group.quotes[0]]
        reference = statements(first.text)[0] if len(group.quotes) else first.text
        # The reference is the first report's sentence that others render.
        others = [quotes[q] for q in group.quotes if quotes[q].doc != first.doc]
        if others:
            reference = best_sentence(first, others[0].text)
        cells = []
        for document in documents:
            here = [quotes[q] for q in group.quotes if quotes[q].doc == document.id]
            if not here:
                cells.append('<td class="absent">—</td>')
                continue
            shown = []
            for quote in here:
                sentence = best_sentence(quote, reference)
                if quote.id == first.id:
                    shown.append(f'<span class="first">first</span> {esc(sentence)}')
                else:
                    shown.append(marked_words(reference, sentence))
            cells.append(f"<td>{'<br>'.join(shown)}</td>")
        speaker = actors[group.speaker].name if group.speaker in actors else "(unknown)"
        rows.append(
            f'<tr id="{esc(group.id)}"><th>{esc(group.id)} · {esc(speaker)}'
            f'<div class="muted">{esc(group.method or "")}</div></th>{"".join(cells)}</tr>'
        )
    body = "".join(rows) or f'<tr><td colspan="{len(documents) + 1}">No shared quotes.</td></tr>'
    return (
        '<section id="quotes"><h2>The same statement in each report</h2>'
        '<p class="muted"><ins>added</ins> and <del>missing</del> words are against the '
        "earliest rendering.</p>"
        f"<table><tr><th>group</th>{head}</tr>{body}</table></section>"
    )


def spellings_html(record: Record) -> str:
    documents = record.documents
    head = "".join(f"<th>{esc(column_label(d))}</th>" for d in documents)
    rows = []
    for actor in sorted(record.actors, key=lambda a: -len(a.mentions)):
        if actor.kind not in ("person", "organization", "group"):
            continue
        by_doc: dict[str, Counter[str]] = defaultdict(Counter)
        shown: dict[tuple[str, str], str] = {}
        for mention in actor.mentions:
            if mention.kind != "pronoun":
                spelled = " ".join(mention.text.split())
                # "The Leader" at a sentence start is the same spelling as "the Leader".
                spelled = shown.setdefault((mention.doc, spelled.casefold()), spelled)
                by_doc[mention.doc][spelled] += 1
        if len(by_doc) < 2:
            continue
        cells = "".join(
            "<td>"
            + (
                "<br>".join(esc(t) for t, _ in by_doc[d.id].most_common())
                or '<span class="absent">—</span>'
            )
            + "</td>"
            for d in documents
        )
        rows.append(f"<tr><th>{esc(actor.name)}</th>{cells}</tr>")
    return (
        '<section id="actors"><h2>Who each report names, and how</h2>'
        f"<table><tr><th>actor</th>{head}</tr>{''.join(rows)}</table></section>"
    )


def framing_counts(record: Record) -> dict[str, dict[str, Counter[str]]]:
    """referent → document id → loaded term (lower case) → count."""
    counts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    quoted = defaultdict(list)
    for quote in record.quotes:
        quoted[quote.doc].extend(quote.spans or [(quote.start, quote.end)])
    for span in record.framing:
        referent = referent_of(span) or span.category
        term = " ".join(span.text.lower().split())
        # A term inside a quotation is the speaker's word, not the outlet's own voice.
        if any(s <= span.start and span.end <= e for s, e in quoted[span.doc]):
            term += QUOTED_SUFFIX
        counts[referent][span.doc][term] += 1
    return counts


def framing_html(record: Record) -> str:
    documents = record.documents
    neutral = {" ".join(f.text.lower().split()): f.neutral for f in record.framing}
    neutral.update({term + QUOTED_SUFFIX: value for term, value in list(neutral.items())})
    head = "".join(f"<th>{esc(column_label(d))}</th>" for d in documents)
    rows = []
    for referent, by_doc in sorted(framing_counts(record).items()):
        cells = "".join(
            "<td>"
            + (
                "<br>".join(
                    f"{esc(term)} ×{n}"
                    + (
                        f' <span class="muted">({esc(neutral[term])})</span>'
                        if neutral.get(term)
                        else ""
                    )
                    for term, n in by_doc[d.id].most_common()
                )
                or '<span class="absent">—</span>'
            )
            + "</td>"
            for d in documents
        )
        rows.append(f"<tr><th>{esc(referent)}</th>{cells}</tr>")
    return (
        '<section id="framing"><h2>Loaded terms per outlet</h2>'
        '<p class="muted">Counts of loaded terms for the same referent, in the outlet\'s own '
        "voice or inside a quote; the plainer wording is in brackets.</p>"
        f"<table><tr><th>referent</th>{head}</tr>{''.join(rows)}</table></section>"
    )


def framed_text(record: Record, document: Document) -> str:
    spans = sorted((f for f in record.framing if f.doc == document.id), key=lambda f: f.start)
    out, position = [], 0
    for span in spans:
        if span.start < position:
            continue
        out.append(esc(document.text[position : span.start]))
        out.append(
            f'<mark class="framing" title="{esc(span.category)}">'
            f"{esc(document.text[span.start : span.end])}</mark>"
        )
        position = span.end
    out.append(esc(document.text[position:]))
    return "".join(out)


def reports_html(record: Record) -> str:
    cells = "".join(
        f'<td><div class="muted">{esc(d.published or "undated")} · {esc(d.source)}</div>'
        f"<b>{esc(d.title or '')}</b>"
        f'<div class="doctext">{framed_text(record, d)}</div></td>'
        for d in record.documents
    )
    head = "".join(f"<th>{esc(column_label(d))}</th>" for d in record.documents)
    return (
        '<section id="reports"><h2>The reports</h2>'
        f"<table><tr>{head}</tr><tr>{cells}</tr></table></section>"
    )


def story_comparisons(record: Record) -> str:
    """The main report's "Story comparison" section: per story of two or more reports,
    the same statement in each report's words (same table as the comparison page)."""
    parts = []
    for story in record.stories:
        if len(story.documents) < 2:
            continue
        in_story = set(story.documents)
        subset = record.model_copy(
            update={
                "documents": [d for d in record.documents if d.id in in_story],
                "quote_groups": [g for g in record.quote_groups if g.story == story.id],
            }
        )
        if not subset.quote_groups:
            continue
        table = quote_groups_html(subset).replace('<section id="quotes">', "", 1)
        table = table.removesuffix("</section>")
        parts.append(f'<h3 id="compare-{esc(story.id)}">{esc(story.label or story.id)}</h3>{table}')
    body = "".join(parts) or '<p class="muted">No statement is quoted by two reports.</p>'
    return f'<section id="story-comparison"><h2>Story comparison</h2>{body}</section>'


def register_story_section() -> None:
    """Add the story comparison to the main HTML report (its declared extension point)."""
    from presswatch.render.html import add_section

    add_section("Story comparison", "story-comparison", story_comparisons, after="stories")


def render_comparison(record: Record, title: str = "presswatch comparison") -> str:
    """The whole comparison page for a record holding only the compared reports."""
    outlets = ", ".join(column_label(d) for d in record.documents)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{esc(title)}</h1><div>{esc(outlets)}</div></header><main>"
        f"{findings_html(record)}{quote_groups_html(record)}{spellings_html(record)}"
        f"{framing_html(record)}{reports_html(record)}</main></body></html>\n"
    )


def comparison_json(record: Record) -> dict[str, Any]:
    """The comparison as data: the record of the compared reports plus framing counts."""
    payload: dict[str, Any] = json.loads(record.to_json())
    payload["framing_counts"] = {
        referent: {doc: dict(terms) for doc, terms in by_doc.items()}
        for referent, by_doc in framing_counts(record).items()
    }
    return payload


def write_comparison(
    record: Record, html_path: str | Path | None = None, json_path: str | Path | None = None
) -> None:
    if html_path is not None:
        Path(html_path).write_text(render_comparison(record), encoding="utf-8")
    if json_path is not None:
        Path(json_path).write_text(
            json.dumps(comparison_json(record), ensure_ascii=False, indent=2), encoding="utf-8"
        )
