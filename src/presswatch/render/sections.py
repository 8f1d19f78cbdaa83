"""The sections of the HTML report, each a function of the record returning one `<section>`,
declared in the report's contents in the order they appear.

Everything taken from an article (text, titles, outlets, names, quotes) is escaped with
`text` here or inside `highlight`; nothing else reaches the page.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from presswatch.model import Actor, Document, Finding, Quote, Record
from presswatch.render.contents import report_section
from presswatch.render.highlight import Annotation, highlight
from presswatch.render.page import text
from presswatch.severity import severity


def anchor(doc: str, start: int, end: int) -> str:
    """Id of a piece of evidence a finding cites."""
    return f"{doc}-{start}-{end}"


def mention_anchor(doc: str, start: int, end: int) -> str:
    """Id of an actor mention in the document text."""
    return f"m-{doc}-{start}-{end}"


class ReportIndex:
    """Lookups every section needs: actors, documents, quotes by id."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.actors: dict[str, Actor] = {a.id: a for a in record.actors}
        self.documents: dict[str, Document] = {d.id: d for d in record.documents}
        self.quotes: dict[str, Quote] = {q.id: q for q in record.quotes}

    def actor_name(self, actor_id: str | None) -> str:
        if actor_id is None:
            return "unattributed"
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def outlet(self, doc_id: str) -> str:
        document = self.documents.get(doc_id)
        return (document.outlet or document.source) if document else doc_id


@report_section("Overview", "overview")
def overview(record: Record) -> str:
    counts = {
        "documents": len(record.documents),
        "actors": len(record.actors),
        "quotes": len(record.quotes),
        "events": len(record.events),
        "claims": len(record.claims),
        "findings": len(record.findings),
        "stories": len(record.stories),
    }
    items = "".join(f"<span><b>{n}</b> {text(name)}</span>" for name, n in counts.items())
    return f'<section id="overview"><h2>Overview</h2><p class="counts">{items}</p></section>'


@report_section("Findings", "findings")
def findings_section(record: Record) -> str:
    index = ReportIndex(record)
    if not record.findings:
        return '<section id="findings"><h2>Findings</h2><p class="muted">None.</p></section>'
    by_story: dict[str | None, list[Finding]] = defaultdict(list)
    for finding in record.findings:
        by_story[finding.story].append(finding)
    for findings in by_story.values():
        findings.sort(key=lambda finding: severity(finding.kind))
    # A story with a contradiction comes before one that only has corroborations.
    groups = sorted(by_story.items(), key=lambda item: severity(item[1][0].kind))
    claims = {c.id: c for c in record.claims}
    parts = ['<section id="findings"><h2>Findings</h2>']
    for story, findings in groups:
        heading = f"Story {story}" if story else "Across the corpus"
        parts.append(f"<h3>{text(heading)}</h3>")
        for finding in findings:
            links = [
                f'<a href="#{text(anchor(e.doc, e.start, e.end))}">{text(index.outlet(e.doc))}: '
                f"“{text(e.text or '')}”</a>"
                for e in finding.evidence
            ]
            if not finding.evidence:
                # Older records carry only claim ids; their highlights have anchors too.
                links += [
                    f'<a href="#{text(c)}">{text(index.outlet(claims[c].doc))}: '
                    f"“{text(claims[c].text)}”</a>"
                    for c in finding.claims
                    if c in claims
                ]
            links += [
                f'<a href="#{text(q)}">{text(index.outlet(index.quotes[q].doc))}: '
                f"“{text(index.quotes[q].text)}”</a>"
                for q in finding.quotes
                if q in index.quotes and not finding.evidence
            ]
            diff = f'<div class="muted">{text(finding.diff)}</div>' if finding.diff else ""
            reference = ""
            if finding.reference:
                reference = (
                    '<div class="muted">reference: '
                    + text(", ".join(f"{k}: {v}" for k, v in finding.reference.items()))
                    + "</div>"
                )
            parts.append(
                f'<div class="card finding {text(finding.kind)}" id="{text(finding.id)}">'
                f"<b>{text(finding.kind.replace('_', ' '))}</b> — {text(finding.summary)}"
                f"{diff}{reference}<div>{' · '.join(links)}</div></div>"
            )
    parts.append("</section>")
    return "".join(parts)


@report_section("Stories", "stories")
def stories_section(record: Record) -> str:
    index = ReportIndex(record)
    events = {e.id: e for e in record.events}
    parts = ['<section id="stories"><h2>Stories</h2>']
    if not record.stories:
        parts.append('<p class="muted">No story groups reports yet.</p>')
    for story in record.stories:
        event = events.get(story.events[0]) if story.events else None
        label = story.label or (event.label if event else story.id)
        when = story.date or (event.date if event else None)
        date_text = (when.start or "") if when else ""
        if when and when.end and when.end != when.start:
            date_text += f" – {when.end}"
        participants = story.participants or sorted(
            {p.actor for e in story.events if e in events for p in events[e].participants}
        )
        reports = "".join(
            f'<li><a href="#doc-{text(d)}">{text(index.outlet(d))}</a> — '
            f"{text(index.documents[d].title if d in index.documents else d)}</li>"
            for d in story.documents
        )
        parts.append(
            f'<div class="card" id="{text(story.id)}"><b>{text(label)}</b>'
            f'<div class="muted">{text(date_text)} {text(story.place or "")}</div>'
            f"<div>Participants: {text(', '.join(index.actor_name(a) for a in participants))}</div>"
            f"<ul>{reports}</ul></div>"
        )
    parts.append("</section>")
    return "".join(parts)


@report_section("Actors", "actors")
def actors_section(record: Record) -> str:
    index = ReportIndex(record)
    people = [a for a in record.actors if a.kind in ("person", "organization", "group")]
    people.sort(key=lambda a: -len(a.mentions))
    cards = []
    for actor in people:
        per_outlet = Counter(index.outlet(m.doc) for m in actor.mentions)
        first: dict[str, str] = {}
        for m in actor.mentions:
            first.setdefault(index.outlet(m.doc), mention_anchor(m.doc, m.start, m.end))
        outlets = ", ".join(
            f'<a href="#{text(first[o])}">{text(o)}</a> ({n})' for o, n in per_outlet.most_common()
        )
        affiliations = ", ".join(text(index.actor_name(a)) for a in actor.affiliations)
        cards.append(
            f'<div class="card actor" id="actor-{text(actor.id)}"><b>{text(actor.name)}</b> '
            f'<span class="muted">{text(actor.kind)} · {len(actor.mentions)} mentions</span>'
            + (f"<div>Also: {text('; '.join(actor.aliases))}</div>" if actor.aliases else "")
            + (f"<div>Roles: {text('; '.join(actor.roles))}</div>" if actor.roles else "")
            + (f"<div>Affiliations: {affiliations}</div>" if affiliations else "")
            + f'<div class="muted">{outlets}</div></div>'
        )
    return (
        f'<section id="actors"><h2>Actors</h2><div class="cards">{"".join(cards)}</div></section>'
    )


def quote_item(index: ReportIndex, quote: Quote, note: str = "") -> str:
    """One quote as a list item linking to its highlight, with kind, outlet, date and cue."""
    document = index.documents.get(quote.doc)
    when = document.published if document else None
    return (
        f'<li><a href="#{text(quote.id)}">“{text(quote.text)}”</a> '
        f'<span class="muted">{text(quote.label)} · {text(index.outlet(quote.doc))}'
        f"{' · ' + text(when) if when else ''}"
        f"{' · cue: ' + text(quote.cue) if quote.cue else ''}{text(note)}</span></li>"
    )


@report_section("Quotes", "quotes")
def quotes_section(record: Record) -> str:
    index = ReportIndex(record)
    by_speaker: dict[str | None, list[Quote]] = defaultdict(list)
    for quote in record.quotes:
        by_speaker[quote.speaker].append(quote)
    ordered = sorted(by_speaker.items(), key=lambda item: (item[0] is None, -len(item[1])))
    parts = ['<section id="quotes"><h2>Quotes by speaker</h2>']
    for speaker, quotes in ordered:
        name = text(index.actor_name(speaker))
        heading = f'<a href="#actor-{text(speaker)}">{name}</a>' if speaker else name
        parts.append(f"<h3>{heading} ({len(quotes)})</h3><ul>")
        parts.extend(quote_item(index, quote) for quote in quotes)
        parts.append("</ul>")
    groups = [g for g in record.quote_groups if len(g.quotes) > 1]
    if groups:
        # The same remark as each outlet rendered it: where translations and numbers drift.
        parts.append("<h3>The same remark in several reports</h3>")
    for group in groups:
        parts.append(
            f'<div class="card" id="{text(group.id)}"><b>{text(index.actor_name(group.speaker))}'
            f"</b> — {len(group.quotes)} renderings<ul>"
        )
        parts.extend(
            quote_item(index, index.quotes[q], " · earliest" if q == group.first else "")
            for q in group.quotes
            if q in index.quotes
        )
        parts.append("</ul></div>")
    parts.append("</section>")
    return "".join(parts)


def annotations_by_document(record: Record) -> dict[str, list[Annotation]]:
    """Everything to highlight, per document id, each with an id anchor (one pass)."""
    index = ReportIndex(record)
    found: dict[str, list[Annotation]] = defaultdict(list)
    mentioned: set[tuple[str, int, int]] = set()
    for actor in record.actors:
        for mention in actor.mentions:
            key = (mention.doc, mention.start, mention.end)
            # Two actors claiming one span is a linking error; show it once, keep ids unique.
            if key in mentioned:
                continue
            mentioned.add(key)
            found[mention.doc].append(
                Annotation(
                    mention.start,
                    mention.end,
                    "mark",
                    (
                        ("id", mention_anchor(*key)),
                        ("class", f"actor {mention.kind or 'name'}"),
                        ("title", f"{actor.name} ({mention.kind or 'name'})"),
                        ("data-actor", actor.id),
                    ),
                )
            )
    for quote in record.quotes:
        speaker = index.actor_name(quote.speaker)
        classes = f"quote {quote.kind}" + ("" if quote.speaker else " unattributed")
        for number, (start, end) in enumerate(quote.spans or [(quote.start, quote.end)]):
            attributes: tuple[tuple[str, str], ...] = (
                ("class", classes),
                ("title", f"{quote.label} — {speaker}"),
                ("data-speaker", speaker),
                ("data-kind", quote.kind),
            )
            if number == 0:
                attributes = (("id", quote.id), *attributes)
            found[quote.doc].append(Annotation(start, end, "q", attributes))
    for claim in record.claims:
        found[claim.doc].append(
            Annotation(
                claim.start,
                claim.end,
                "mark",
                (("id", claim.id), ("class", "claim"), ("title", f"claim: {claim.subject or ''}")),
            )
        )
    for span in record.framing:
        found[span.doc].append(
            Annotation(
                span.start,
                span.end,
                "mark",
                (
                    ("class", "framing"),
                    ("title", f"{span.category}; neutral: {span.neutral or '—'}"),
                ),
            )
        )
    cited: set[tuple[str, int, int]] = set()
    for finding in record.findings:
        for evidence in finding.evidence:
            key = (evidence.doc, evidence.start, evidence.end)
            if key not in cited:
                cited.add(key)
                found[evidence.doc].append(
                    Annotation(
                        evidence.start,
                        evidence.end,
                        "mark",
                        (("id", anchor(*key)), ("class", "evidence")),
                    )
                )
    return found


def document_annotations(record: Record, doc_id: str) -> list[Annotation]:
    """Everything to highlight in one document's text (for a page that shows one report)."""
    return annotations_by_document(record).get(doc_id, [])


@report_section("Documents", "documents")
def documents_section(record: Record) -> str:
    annotations = annotations_by_document(record)
    parts = ['<section id="documents"><h2>Documents</h2>']
    for document in record.documents:
        meta = " · ".join(
            text(v)
            for v in (document.outlet, document.published, document.author, document.language)
            if v
        )
        warnings = "".join(f'<div class="muted">⚠ {text(w)}</div>' for w in document.warnings)
        body = highlight(document.text, annotations.get(document.id, []))
        parts.append(
            f'<article class="card" id="doc-{text(document.id)}">'
            f"<h3>{text(document.title or document.source)}</h3>"
            f'<div class="muted">{meta} · <code>{text(document.source)}</code></div>{warnings}'
            f'<div class="doctext">{body}</div></article>'
        )
    parts.append("</section>")
    return "".join(parts)
