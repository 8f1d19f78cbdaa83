"""The workbench's pages, rendered on the server from what `queries` read.

They share the report's page shell and stylesheet. Article text is untrusted: every
string from the store goes through `text` (or `highlight`, which escapes), URLs built
here quote their parts, and the one script the pages run is served from the package
(`static/workbench.js`), never inline, under a policy that forbids any other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

from presswatch.model import Finding, Quote, Record, Span
from presswatch.render.charts import Dot, timeline_svg
from presswatch.render.compare import (
    claim_plots,
    compare_card,
    findings_html,
    framing_html,
    quote_groups_html,
    reports_html,
    spellings_html,
)
from presswatch.render.highlight import highlight
from presswatch.render.page import quoted, render_page, text
from presswatch.render.sections import (
    annotations_by_document,
    clean_aliases,
    legend_html,
    plural,
)
from presswatch.severity import FINDING_ORDER
from presswatch.web.queries import (
    HIT_CLOSE,
    HIT_OPEN,
    SEARCH_KINDS,
    ActorView,
    DocumentMeta,
    SearchFilters,
    SearchHit,
)

SCRIPT = "/static/workbench.js"
NAVIGATION = (
    ("Search", "/search"),
    ("Stories", "/stories"),
    ("Findings", "/findings"),
    ("API", "/api/docs"),
)


def page(title: str, body: str, *, subtitle: str = "", wide: bool = False) -> str:
    return render_page(
        title, body, subtitle=subtitle, navigation=NAVIGATION, wide=wide, scripts=[SCRIPT]
    )


def path(*parts: str) -> str:
    """A site path from parts, each quoted (an id cannot add a segment or a query)."""
    return "/" + "/".join(quote(part, safe="") for part in parts)


def document_href(doc: str, fragment: str = "") -> str:
    return path("documents", doc) + (f"#{quote(fragment, safe='')}" if fragment else "")


# -- citations -----------------------------------------------------------------------------


def citation(meta: DocumentMeta | None, doc: str, start: int, end: int, words: str) -> str:
    """Outlet, date, URL, the exact words and where they are: what an analyst pastes."""
    outlet = meta.label if meta else doc
    when = (meta.published if meta else None) or "undated"
    address = meta.address if meta else ""
    exact = " ".join(words.split())
    return f"{outlet}, {when}, {address}: “{exact}” [{doc}:{start}-{end}]"


def cite_button(lines: Sequence[str]) -> str:
    """A button copying `lines` (one citation each); the copy is also shown below it."""
    if not lines:
        return ""
    return (
        f'<button type="button" class="cite" data-cite="{text(chr(10).join(lines))}">cite</button>'
        '<output class="citation"></output>'
    )


def evidence_citations(
    finding: Finding, metas: dict[str, DocumentMeta], record: Record | None
) -> list[str]:
    """One citation per piece of a finding's evidence (or its claims and quotes)."""
    spans = list(finding.evidence)
    if not spans and record is not None:
        claims = {c.id: c for c in record.claims}
        quotes = {q.id: q for q in record.quotes}
        spans = [
            Span(doc=c.doc, start=c.start, end=c.end, text=c.text)
            for i in finding.claims
            if (c := claims.get(i))
        ]
        spans += [
            Span(doc=q.doc, start=q.start, end=q.end, text=q.text)
            for i in finding.quotes
            if (q := quotes.get(i))
        ]
    return [citation(metas.get(s.doc), s.doc, s.start, s.end, s.text or "") for s in spans]


def quote_citation(quote: Quote, meta: DocumentMeta | None) -> str:
    return citation(meta, quote.doc, quote.start, quote.end, quote.text)


def metas_of(record: Record) -> dict[str, DocumentMeta]:
    return {
        d.id: DocumentMeta(d.id, d.outlet, d.source, d.published, d.title, d.url)
        for d in record.documents
    }


# -- home and search ---------------------------------------------------------------------


def search_form(query: str, filters: SearchFilters, outlets: Sequence[str]) -> str:
    def option(value: str, label: str, chosen: str | None) -> str:
        selected = " selected" if value == (chosen or "") else ""
        return f'<option value="{text(value)}"{selected}>{text(label)}</option>'

    outlet_options = option("", "any outlet", filters.outlet) + "".join(
        option(o, o, filters.outlet) for o in outlets
    )
    kind_options = option("", "documents and quotes", filters.kind) + "".join(
        option(k, k + "s", filters.kind) for k in SEARCH_KINDS
    )
    return (
        '<form class="search" method="get" action="/search" role="search">'
        f'<label>words<input type="search" name="q" value="{text(query)}" size="32" '
        'placeholder="Darwish, &quot;Zionist regime&quot;, ceasefire OR truce" autofocus></label>'
        f'<label>outlet<select name="outlet">{outlet_options}</select></label>'
        f'<label>from<input type="date" name="since" value="{text(filters.since or "")}"></label>'
        f'<label>to<input type="date" name="until" value="{text(filters.until or "")}"></label>'
        f'<label>kind<select name="kind">{kind_options}</select></label>'
        f'<label>speaker<input type="text" name="speaker" value="{text(filters.speaker or "")}" '
        'size="16"></label><button type="submit">Search</button></form>'
    )


def home_page(counts: dict[str, int], outlets: Sequence[str]) -> str:
    numbers = " ".join(
        f"<span><b>{n:,}</b> {text(name.replace('record_', ''))}</span>"
        for name, n in counts.items()
    )
    body = (
        f'<p class="counts">{numbers}</p>{search_form("", SearchFilters(), outlets)}'
        '<p><a href="/stories">Stories</a> · <a href="/findings">Findings</a> · '
        '<a href="/api/docs">API</a></p>'
    )
    return page("presswatch workbench", body)


def snippet_html(snippet: str) -> str:
    """A search snippet escaped, its matched words in <mark>."""
    return text(snippet).replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>")


def hit_html(hit: SearchHit) -> str:
    meta = hit.meta
    when = f" · {text(meta.published)}" if meta.published else ""
    if hit.kind == "quote":
        href = document_href(meta.id, hit.id)
        who = text(hit.speaker_name or "unattributed")
        cite = cite_button([citation(meta, meta.id, hit.start or 0, hit.end or 0, hit.text or "")])
        return (
            f'<div class="hit quote"><a class="hit-link" href="{text(href)}">{who}</a>'
            f' <span class="muted">quote · {text(meta.label)}{when}</span>'
            f'<div class="snippet">{snippet_html(hit.snippet)}</div>{cite}</div>'
        )
    return (
        f'<div class="hit document"><a class="hit-link" href="{text(document_href(meta.id))}">'
        f"{text(meta.title or meta.source or meta.id)}</a>"
        f' <span class="muted">report · {text(meta.label)}{when}</span>'
        f'<div class="snippet">{snippet_html(hit.snippet)}</div></div>'
    )


def pager(base: str, params: dict[str, str], page_number: int, more: bool) -> str:
    kept = {k: v for k, v in params.items() if v}

    def href(number: int) -> str:
        return text(base + "?" + urlencode({**kept, "page": number}))

    links = []
    if page_number > 1:
        links.append(f'<a href="{href(page_number - 1)}">← previous</a>')
    if more:
        links.append(f'<a rel="next" href="{href(page_number + 1)}">next →</a>')
    return f'<p class="pages">page {page_number} {" ".join(links)}</p>' if links else ""


def search_page(
    query: str,
    filters: SearchFilters,
    outlets: Sequence[str],
    hits: Sequence[SearchHit],
    more: bool,
    page_number: int,
    error: str | None = None,
) -> str:
    parts = [search_form(query, filters, outlets)]
    if error:
        parts.append(f'<p class="error">{text(error)}</p>')
    elif query:
        parts.append(f'<section id="hits"><h2>Hits for {quoted(query)}</h2>')
        parts.extend(hit_html(hit) for hit in hits)
        if not hits:
            parts.append('<p class="muted">No hit.</p>')
        params = {
            "q": query,
            "outlet": filters.outlet or "",
            "since": filters.since or "",
            "until": filters.until or "",
            "kind": filters.kind or "",
            "speaker": filters.speaker or "",
        }
        parts.append(pager("/search", params, page_number, more) + "</section>")
    return page("Search", "".join(parts))


# -- stories -------------------------------------------------------------------------------


def story_title(story: dict[str, Any]) -> str:
    return str(story.get("title") or story.get("label") or story.get("id") or "story")


def story_dates(story: dict[str, Any]) -> str:
    """When the story happened (its date), else when it was reported."""
    date = story.get("date") or {}
    if not isinstance(date, dict):
        return str(date)
    start = date.get("start") or story.get("first_reported")
    end = date.get("end") if date.get("start") else story.get("last_reported")
    return f"{start} – {end}" if start and end and end != start else str(start or "")


def stories_page(
    stories: Sequence[dict[str, Any]], metas: dict[str, DocumentMeta], page_number: int, more: bool
) -> str:
    rows = []
    for story in stories:
        docs = [d for d in story.get("documents", []) if isinstance(d, str)]
        rows.append(
            (
                story_title(story),
                [
                    Dot(
                        metas[d].published or "",
                        f"{metas[d].label}: {metas[d].title or d}",
                        document_href(d),
                    )
                    for d in docs
                    if d in metas
                ],
            )
        )
    chart = timeline_svg(rows, "reports of each story over time")
    items = "".join(
        f'<li><a href="{text(path("stories", str(s.get("id", ""))))}">{text(story_title(s))}</a>'
        f' <span class="muted">{text(story_dates(s))} · '
        f"{plural(len(s.get('documents', [])), 'report')}"
        f"{' · ' + text(s.get('place')) if s.get('place') else ''}</span></li>"
        for s in stories
    )
    body = (
        f'<section id="timeline"><h2>Timeline</h2>{chart or "<p class=muted>No dated report.</p>"}'
        f'</section><section id="stories"><h2>Stories</h2><ul>{items}</ul>'
        f"{pager('/stories', {}, page_number, more)}</section>"
    )
    return page("Stories", body)


def claims_html(record: Record, metas: dict[str, DocumentMeta]) -> str:
    """Per claim subject, the figures each outlet gave as a dot plot, then the claims."""
    charts = claim_plots(
        record,
        lambda doc: metas[doc].label if doc in metas else doc,
        lambda claim: document_href(claim.doc, claim.id),
    )
    items = "".join(
        f'<li><a href="{text(document_href(c.doc, c.id))}">{quoted(c.text)}</a> '
        f'<span class="muted">{text(c.subject or "")} · '
        f"{text(metas[c.doc].label if c.doc in metas else c.doc)}</span>"
        f"{cite_button([citation(metas.get(c.doc), c.doc, c.start, c.end, c.text)])}</li>"
        for c in record.claims
    )
    return (
        '<section id="claims"><h2>Claims</h2>'
        f"{charts}<details><summary>{plural(len(record.claims), 'claim')}</summary>"
        f"<ul>{items}</ul></details></section>"
    )


def quote_group_details(record: Record, metas: dict[str, DocumentMeta]) -> str:
    """Each quote group folded: open one to see every rendering with its citation."""
    quotes = {q.id: q for q in record.quotes}
    names = {a.id: a.name for a in record.actors}
    parts = []
    for group in record.quote_groups:
        members = [quotes[q] for q in group.quotes if q in quotes]
        items = "".join(
            f'<li><a href="{text(document_href(q.doc, q.id))}">{quoted(q.text)}</a> '
            f'<span class="muted">{text(metas[q.doc].label if q.doc in metas else q.doc)}'
            f" · {text(metas[q.doc].published if q.doc in metas else '')}"
            f"{' · first' if q.id == group.first else ''}</span>"
            f"{cite_button([quote_citation(q, metas.get(q.doc))])}</li>"
            for q in members
        )
        parts.append(
            f'<details class="group" id="group-{text(group.id)}"><summary>'
            f"{text(names.get(group.speaker or '', 'unknown speaker'))} — "
            f"{plural(len(members), 'rendering')}</summary><ul>{items}</ul></details>"
        )
    body = "".join(parts) or '<p class="muted">No statement is quoted by two reports.</p>'
    return f'<section id="groups"><h2>Quote groups</h2>{body}</section>'


def story_header(story: dict[str, Any], record: Record) -> str:
    """What the stories engineer records of a story, each part only when present."""
    names = {a.id: a.name for a in record.actors}
    parts = []
    when = story_dates(story)
    if when:
        parts.append(f"<div><b>When</b> {text(when)}</div>")
    if story.get("place"):
        parts.append(f"<div><b>Where</b> {text(story['place'])}</div>")
    participants = [p for p in story.get("participants", []) if isinstance(p, str)]
    if participants:
        linked = ", ".join(
            f'<a href="{text(path("actors", p))}">{text(names.get(p, p))}</a>' for p in participants
        )
        parts.append(f"<div><b>Participants</b> {linked}</div>")
    first, last = story.get("first_reported"), story.get("last_reported")
    if first or last:
        span = f"{first} – {last}" if first and last and first != last else str(first or last)
        parts.append(f"<div><b>Reported</b> {text(span)}</div>")
    timeline = story.get("timeline")
    if isinstance(timeline, list) and timeline:
        # The stories linker's timeline: its reports in time order (undated last).
        steps = "".join(
            f'<li><a href="{text(document_href(str(step.get("doc", ""))))}">'
            f"{text(step.get('outlet') or step.get('doc'))}</a> "
            f'<span class="muted">{text(step.get("published") or "undated")}</span> '
            f"{text(step.get('title') or '')}</li>"
            for step in timeline
            if isinstance(step, dict)
        )
        parts.append(f"<div><b>Timeline</b><ol>{steps}</ol></div>")
    return f'<div class="card">{"".join(parts)}</div>' if parts else ""


def story_page(story: dict[str, Any], record: Record) -> str:
    metas = metas_of(record)
    by_outlet: dict[str, list[Dot]] = defaultdict(list)
    for document in record.documents:
        meta = metas[document.id]
        by_outlet[meta.label].append(
            Dot(meta.published or "", meta.title or document.id, document_href(document.id))
        )
    chart = timeline_svg(list(by_outlet.items()), "reports by outlet over time")

    def card(finding: Finding) -> str:
        return compare_card(finding, cite_button(evidence_citations(finding, metas, record)))

    reports = "".join(
        f'<li><a href="{text(document_href(d.id))}">{text(metas[d.id].label)}</a> — '
        f'{text(d.title or d.source)} <span class="muted">{text(d.published or "")}</span></li>'
        for d in record.documents
    )
    body = (
        f"{story_header(story, record)}"
        f'<section id="timeline"><h2>Reports</h2>{chart}<ul>{reports}</ul></section>'
        f"{findings_html(record, card)}{quote_groups_html(record)}"
        f"{quote_group_details(record, metas)}{claims_html(record, metas)}"
        f"{spellings_html(record)}{framing_html(record)}{reports_html(record)}"
    )
    return page(story_title(story), body, subtitle=str(story.get("id", "")), wide=True)


# -- actors, documents, findings -----------------------------------------------------------


def actor_page(view: ActorView, page_number: int) -> str:
    actor = view.actor
    aliases = clean_aliases(actor)
    roles = list({" ".join(r.split()).casefold(): r for r in actor.roles}.values())
    facts = [f"<div>{text(actor.kind)} · {plural(view.mention_count, 'mention')}</div>"]
    if aliases:
        facts.append(f"<div><b>Also</b> {text('; '.join(aliases))}</div>")
    if roles:
        facts.append(f"<div><b>Roles</b> {text('; '.join(roles))}</div>")
    if view.affiliations:
        linked = ", ".join(
            f'<a href="{text(path("actors", i))}">{text(n)}</a>'
            for i, n in view.affiliations.items()
        )
        facts.append(f"<div><b>Affiliations</b> {linked}</div>")
    by_outlet: dict[str, list[Dot]] = defaultdict(list)
    for item in view.quotes:
        by_outlet[item.meta.label].append(
            Dot(
                item.meta.published or "",
                item.quote.text[:120],
                document_href(item.quote.doc, item.quote.id),
            )
        )
    chart = timeline_svg(list(by_outlet.items()), "quotes over time by outlet")
    grouped: dict[str, list[str]] = defaultdict(list)
    for item in view.quotes:
        q, meta = item.quote, item.meta
        grouped[meta.label].append(
            f'<li><a href="{text(document_href(q.doc, q.id))}">{quoted(q.text)}</a> '
            f'<span class="muted">{text(q.label)} · {text(meta.published or "undated")}</span>'
            f"{cite_button([quote_citation(q, meta)])}</li>"
        )
    quotes = "".join(
        f"<h3>{text(outlet)} ({len(items)})</h3><ul>{''.join(items)}</ul>"
        for outlet, items in sorted(grouped.items(), key=lambda item: -len(item[1]))
    )
    events = "".join(
        f'<li>{text(label)} <span class="muted">{text(role)} · '
        f"{text(date or 'undated')}</span></li>"
        for _, label, date, role in view.events
    )
    mentions = "".join(
        f'<li><a href="{text(document_href(m.doc, f"m-{m.doc}-{m.start}-{m.end}"))}">'
        f'{text(m.text)}</a> <span class="muted">{text(m.kind or "name")} · {text(m.meta.label)}'
        f" · {text(m.meta.published or '')}</span></li>"
        for m in view.mentions
    )
    body = (
        f'<div class="card">{"".join(facts)}</div>'
        f'<section id="quotes"><h2>Quotes by outlet</h2>{chart}'
        f"{quotes or '<p class=muted>No quote.</p>'}</section>"
        + (f'<section id="events"><h2>Events</h2><ul>{events}</ul></section>' if events else "")
        + f'<section id="mentions"><h2>Every mention</h2><ul>{mentions}</ul>'
        f"{pager(path('actors', actor.id), {}, page_number, view.more_mentions)}</section>"
    )
    return page(actor.name, body, subtitle=actor.id)


def document_page(record: Record) -> str:
    document = record.documents[0]
    meta = metas_of(record)[document.id]
    annotations = annotations_by_document(record).get(document.id, [])
    names = {a.id: a.name for a in record.actors}
    quotes = "".join(
        f'<li><a href="#{text(q.id)}">{quoted(q.text)}</a> <span class="muted">'
        f"{text(names.get(q.speaker or '', 'unattributed'))} · {text(q.label)}</span>"
        f"{cite_button([quote_citation(q, meta)])}</li>"
        for q in record.quotes
    )
    actors = ", ".join(
        f'<a href="{text(path("actors", a.id))}">{text(a.name)}</a> ({len(a.mentions)})'
        for a in sorted(record.actors, key=lambda a: -len(a.mentions))
        if a.mentions
    )
    facts = " · ".join(
        text(v)
        for v in (document.outlet, document.published, document.author, document.language)
        if v
    )
    source = text(document.url or document.source)
    body = (
        f'<div class="muted">{facts} · <code>{source}</code></div>'
        f"<p><b>Actors</b> {actors}</p>"
        f'<section id="text"><h2>Text</h2>{legend_html()}'
        f'<div class="doctext">{highlight(document.text, annotations)}</div></section>'
        f'<section id="quotes"><h2>Quotes</h2><ul>{quotes}</ul></section>'
    )
    return page(document.title or document.source, body, subtitle=meta.label)


def findings_page(
    kind: str | None,
    counts: dict[str, int],
    findings: Sequence[Finding],
    metas: dict[str, DocumentMeta],
    page_number: int,
    more: bool,
) -> str:
    kinds = [k for k in FINDING_ORDER if k in counts] + sorted(set(counts) - set(FINDING_ORDER))
    tabs = " ".join(
        (f"<b>{text(k)}</b>" if k == kind else f'<a href="/findings?kind={quote(k)}">{text(k)}</a>')
        + f' <span class="pill">{counts[k]}</span>'
        for k in kinds
    )
    cards = "".join(
        compare_card(
            f,
            (
                f' <a href="{text(path("stories", f.story))}">story {text(f.story)}</a>'
                if f.story
                else ""
            )
            + cite_button(evidence_citations(f, metas, None)),
        )
        for f in findings
    )
    body = (
        f'<p class="kinds">{tabs}</p><section id="findings">'
        f"{cards or '<p class=muted>No finding.</p>'}"
        f"{pager('/findings', {'kind': kind or ''}, page_number, more)}</section>"
    )
    return page("Findings" + (f": {kind}" if kind else ""), body)


# -- the API's own page ----------------------------------------------------------------------


def api_page(schema: dict[str, Any]) -> str:
    """The OpenAPI description as a page (no Swagger UI: nothing to fetch from elsewhere)."""
    parts = [
        "<p>The machine-readable description: "
        '<a href="/api/openapi.json">/api/openapi.json</a>.</p>'
    ]
    for route, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            parameters = "".join(
                f"<tr><td><code>{text(p.get('name'))}</code></td><td>{text(p.get('in'))}</td>"
                f"<td>{'required' if p.get('required') else ''}</td>"
                f"<td>{text(p.get('description') or p.get('schema', {}).get('type', ''))}</td></tr>"
                for p in operation.get("parameters", [])
            )
            table = (
                "<table><tr><th>parameter</th><th>in</th><th></th><th>what</th></tr>"
                f"{parameters}</table>"
                if parameters
                else ""
            )
            parts.append(
                f'<div class="card" id="{text(operation.get("operationId", ""))}">'
                f"<b>{text(method.upper())}</b> <code>{text(route)}</code>"
                f"<div>{text(operation.get('summary', ''))}</div>"
                f'<div class="muted">{text(operation.get("description", ""))}</div>{table}</div>'
            )
    return page("presswatch API", "".join(parts))


def error_page(status: int, message: str) -> str:
    return page(f"{status}", f'<p class="error">{text(message)}</p>')
