"""The side-by-side comparison page: reports in columns, the same statement aligned across
them with word differences marked, findings on top, each outlet's spellings and framing.

It shares the main report's page shell and stylesheet (`page`): self-contained, no script;
every string that comes from an article is escaped here.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from presswatch.lang.loaded_terms import referent_of
from presswatch.link.quotes import statements, words
from presswatch.model import Claim, Document, Finding, Quote, Record
from presswatch.render.charts import Dot, dot_plot_svg, timeline_svg
from presswatch.render.contents import report_section
from presswatch.render.highlight import Annotation, highlight
from presswatch.render.page import quoted, render_page, text
from presswatch.render.sections import distinct_findings, findings_by_kind
from presswatch.render.stories import stories_html

QUOTED_SUFFIX = " (in a quote)"
FOLDED = frozenset({"single_source", "coverage", "corroboration"})
# One column per report, all of one width.
COLUMNS = '<table class="columns">'
NAVIGATION = (
    ("Story", "#stories"),
    ("Findings", "#findings"),
    ("Timeline and figures", "#pictures"),
    ("Same statement", "#quotes"),
    ("Names", "#actors"),
    ("Loaded terms", "#framing"),
    ("Reports", "#reports"),
)


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
            parts.append(text(" ".join(b[j1:j2])))
            continue
        # Words outside the stretch the rendering quotes are a trim, not a change.
        trimmed = (i1 == 0 and j1 == j2 == 0) or (i2 == len(a) and j1 == j2 == len(b))
        if i2 > i1 and not trimmed:
            parts.append(f"<del>{text(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{text(' '.join(b[j1:j2]))}</ins>")
    return " ".join(parts)


def best_sentence(quote: Quote, reference: str) -> str:
    """The sentence of a (possibly long) quote closest to the reference rendering."""
    sentences = statements(quote.text) or [quote.text]
    target = set(words(reference))
    return max(sentences, key=lambda s: len(target & set(words(s))) / (1 + len(words(s)) ** 0.5))


def diff_html(diff: str | None) -> str:
    """A finding's word diff (`[-old-] {+new+}`) as <del> and <ins>."""
    if not diff:
        return ""
    shown = (
        text(diff)
        .replace("[-", "<del>")
        .replace("-]", "</del>")
        .replace("{+", "<ins>")
        .replace("+}", "</ins>")
    )
    return f'<div class="diff">{shown}</div>'


def compare_card(finding: Finding, extra: str = "") -> str:
    """One finding on the comparison page: kind, summary, word diff, quoted evidence."""
    evidence = " · ".join(quoted(e.text) for e in finding.evidence if e.text)
    return (
        f'<div class="finding {text(finding.kind)}" id="{text(finding.id)}">'
        f"<b>{text(finding.kind.replace('_', ' '))}</b> {text(finding.summary)}"
        f"{diff_html(finding.diff)}"
        + (f'<div class="muted">{evidence}</div>' if evidence else "")
        + f"{extra}</div>"
    )


def findings_html(record: Record, card: Callable[[Finding], str] = compare_card) -> str:
    """The findings folded by kind, contradictions first, each once (coverage differences
    and single-source figures are many: they stay folded, in <details>, so the page still
    needs no script)."""
    shown = distinct_findings(record.findings)
    body = findings_by_kind(record.findings, card)
    if not any(f.kind not in FOLDED for f in shown):
        body = '<p class="muted">No contradiction or drift.</p>' + body
    return f'<section id="findings"><h2>Findings ({len(shown)})</h2>{body}</section>'


def quote_groups_html(record: Record) -> str:
    documents = record.documents
    quotes = {q.id: q for q in record.quotes}
    actors = {a.id: a for a in record.actors}
    head = "".join(f"<th>{text(column_label(d))}</th>" for d in documents)
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
                    shown.append(f'<span class="first">first</span> {text(sentence)}')
                else:
                    shown.append(marked_words(reference, sentence))
            cells.append(f"<td>{'<br>'.join(shown)}</td>")
        speaker = actors[group.speaker].name if group.speaker in actors else "(unknown)"
        rows.append(
            f'<tr id="{text(group.id)}"><th>{text(group.id)} · {text(speaker)}'
            f'<div class="muted">{text(group.method or "")}</div></th>{"".join(cells)}</tr>'
        )
    body = "".join(rows) or f'<tr><td colspan="{len(documents) + 1}">No shared quotes.</td></tr>'
    return (
        '<section id="quotes"><h2>The same statement in each report</h2>'
        '<p class="muted"><ins>added</ins> and <del>missing</del> words are against the '
        "earliest rendering.</p>"
        f"{COLUMNS}<tr><th>group</th>{head}</tr>{body}</table></section>"
    )


def spellings_html(record: Record) -> str:
    documents = record.documents
    head = "".join(f"<th>{text(column_label(d))}</th>" for d in documents)
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
                "<br>".join(text(t) for t, _ in by_doc[d.id].most_common())
                or '<span class="absent">—</span>'
            )
            + "</td>"
            for d in documents
        )
        rows.append(f"<tr><th>{text(actor.name)}</th>{cells}</tr>")
    return (
        '<section id="actors"><h2>Who each report names, and how</h2>'
        f"{COLUMNS}<tr><th>actor</th>{head}</tr>{''.join(rows)}</table></section>"
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
    head = "".join(f"<th>{text(column_label(d))}</th>" for d in documents)
    rows = []
    for referent, by_doc in sorted(framing_counts(record).items()):
        cells = "".join(
            "<td>"
            + (
                "<br>".join(
                    f"{text(term)} ×{n}"
                    + (
                        f' <span class="muted">({text(neutral[term])})</span>'
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
        rows.append(f"<tr><th>{text(referent)}</th>{cells}</tr>")
    return (
        '<section id="framing"><h2>Loaded terms per outlet</h2>'
        '<p class="muted">Counts of loaded terms for the same referent, in the outlet\'s own '
        "voice or inside a quote; the plainer wording is in brackets.</p>"
        f"{COLUMNS}<tr><th>referent</th>{head}</tr>{''.join(rows)}</table></section>"
    )


def framed_text(record: Record, document: Document) -> str:
    """The report's text, escaped, with its loaded terms marked (as in the main report)."""
    return highlight(
        document.text,
        [
            Annotation(
                span.start, span.end, "mark", (("class", "framing"), ("title", span.category))
            )
            for span in record.framing
            if span.doc == document.id
        ],
    )


def reports_html(record: Record) -> str:
    cells = "".join(
        f'<td><div class="muted">{text(d.published or "undated")} · {text(d.source)}</div>'
        f"<b>{text(d.title or '')}</b>"
        f'<div class="doctext">{framed_text(record, d)}</div></td>'
        for d in record.documents
    )
    head = "".join(f"<th>{text(column_label(d))}</th>" for d in record.documents)
    return (
        '<section id="reports"><h2>The reports</h2>'
        f"{COLUMNS}<tr>{head}</tr><tr>{cells}</tr></table></section>"
    )


@report_section("Story comparison", "story-comparison", after="stories")
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
        parts.append(
            f'<h3 id="compare-{text(story.id)}">{text(story.label or story.id)}</h3>{table}'
        )
    body = "".join(parts) or '<p class="muted">No statement is quoted by two reports.</p>'
    return f'<section id="story-comparison"><h2>Story comparison</h2>{body}</section>'


def claim_figure(claim: Claim) -> tuple[str, float] | None:
    """(what the figure counts, the figure) of a claim: a quantity in its unit, a duration
    in months (so "1.5 years" and "471 days" share an axis); None for a date or a claim
    without a number."""
    value = claim.value
    subject = claim.group or claim.subject or "figure"
    if value.type == "duration" and value.months is not None:
        return f"{subject} (months)", value.months
    if value.type == "quantity" and value.amount is not None:
        return (f"{subject} ({value.unit})" if value.unit else subject), value.amount
    return None


def claim_plots(
    record: Record,
    outlet_of: Callable[[str], str],
    href_of: Callable[[Claim], str | None] = lambda claim: None,
) -> str:
    """Per claim subject, the figure each outlet gave as a dot plot (the spread drawn when
    they disagree), subjects with the most figures first."""
    by_subject: dict[str, dict[str, list[Dot]]] = defaultdict(lambda: defaultdict(list))
    for claim in record.claims:
        figure = claim_figure(claim)
        if figure is not None:
            outlet = outlet_of(claim.doc)
            by_subject[figure[0]][outlet].append(
                Dot(figure[1], f"{outlet}: {claim.text}", href_of(claim))
            )
    ranked = sorted(by_subject.items(), key=lambda item: -sum(map(len, item[1].values())))
    return "".join(
        f"<h3>{text(subject)}</h3>{dot_plot_svg(list(rows.items()), subject)}"
        for subject, rows in ranked
    )


def pictures_html(record: Record) -> str:
    """The reports by outlet over time, and each claim subject's figures per outlet."""
    by_outlet: dict[str, list[Dot]] = defaultdict(list)
    for document in record.documents:
        by_outlet[column_label(document)].append(
            Dot(document.published or "", document.title or document.id)
        )
    timeline = timeline_svg(list(by_outlet.items()), "reports by outlet over time")
    labels = {d.id: column_label(d) for d in record.documents}
    plots = claim_plots(record, lambda doc: labels.get(doc, doc))
    if not timeline and not plots:
        return ""
    return f'<section id="pictures"><h2>Timeline and figures</h2>{timeline}{plots}</section>'


def render_comparison(record: Record, title: str = "presswatch comparison") -> str:
    """The whole comparison page for a record holding only the compared reports."""
    # The story the compared reports make (title, dates, place, timeline) comes first.
    body = (
        f"{stories_html(record)}"
        f"{findings_html(record)}{pictures_html(record)}{quote_groups_html(record)}"
        f"{spellings_html(record)}{framing_html(record)}{reports_html(record)}"
    )
    outlets = ", ".join(column_label(d) for d in record.documents)
    return render_page(title, body, subtitle=outlets, navigation=NAVIGATION, wide=True)


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
