"""The sections of the HTML report, each a function of the record returning one `<section>`,
declared in the report's contents in the order they appear.

Everything taken from an article (text, titles, outlets, names, quotes) is escaped with
`text` here or inside `highlight`; nothing else reaches the page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from presswatch.model import Actor, Document, Finding, Quote, Record
from presswatch.render.contents import report_section
from presswatch.render.highlight import Annotation, highlight
from presswatch.render.page import quoted, text
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


def finding_key(finding: Finding) -> tuple[object, ...]:
    """What makes two findings one: the same kind resting on the same claims, quotes and
    evidence (a figure contradicted within a story and again across the corpus is one)."""
    spans = sorted((e.doc, e.start, e.end) for e in finding.evidence)
    return (finding.kind, tuple(sorted(finding.claims)), tuple(sorted(finding.quotes)), *spans)


def distinct_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in severity order, each once (the first of equal ones, preferring one
    placed in a story)."""
    ordered = sorted(findings, key=lambda f: (severity(f.kind), f.story is None))
    seen: dict[tuple[object, ...], Finding] = {}
    for finding in ordered:
        seen.setdefault(finding_key(finding), finding)
    return list(seen.values())


# Kinds shown open: the ones a reader must see; every other kind is folded under its count.
OPEN_KINDS = frozenset({"contradiction", "quote_drift", "alias_conflict"})


def finding_card(finding: Finding, index: ReportIndex, extra: str = "") -> str:
    """One finding: kind, summary, its diff or reference, links to its evidence."""
    claims = {c.id: c for c in index.record.claims}
    links = [
        f'<a href="#{text(anchor(e.doc, e.start, e.end))}">{text(index.outlet(e.doc))}: '
        f"{quoted(e.text)}</a>"
        for e in finding.evidence
    ]
    if not finding.evidence:
        # Older records carry only claim ids; their highlights have anchors too.
        links += [
            f'<a href="#{text(c)}">{text(index.outlet(claims[c].doc))}: '
            f"{quoted(claims[c].text)}</a>"
            for c in finding.claims
            if c in claims
        ]
        links += [
            f'<a href="#{text(q)}">{text(index.outlet(index.quotes[q].doc))}: '
            f"{quoted(index.quotes[q].text)}</a>"
            for q in finding.quotes
            if q in index.quotes
        ]
    diff = f'<div class="muted">{text(finding.diff)}</div>' if finding.diff else ""
    reference = ""
    if finding.reference:
        reference = (
            '<div class="muted">reference: '
            + text(", ".join(f"{k}: {v}" for k, v in finding.reference.items()))
            + "</div>"
        )
    story = f' <span class="pill">{text(finding.story)}</span>' if finding.story else ""
    return (
        f'<div class="card finding {text(finding.kind)}" id="{text(finding.id)}">'
        f"<b>{text(finding.kind.replace('_', ' '))}</b>{story} — {text(finding.summary)}"
        f"{diff}{reference}<div>{' · '.join(links)}</div>{extra}</div>"
    )


def findings_by_kind(findings: list[Finding], card: Callable[[Finding], str]) -> str:
    """Findings folded by kind, most serious kind first, each finding once."""
    by_kind: dict[str, list[Finding]] = defaultdict(list)
    for finding in distinct_findings(findings):
        by_kind[finding.kind].append(finding)
    parts = []
    for kind, members in by_kind.items():
        opened = " open" if kind in OPEN_KINDS else ""
        parts.append(
            f'<details class="kind {text(kind)}" id="kind-{text(kind)}"{opened}>'
            f"<summary>{text(kind.replace('_', ' '))} "
            f'<span class="count">{len(members)}</span></summary>'
            + "".join(card(f) for f in members)
            + "</details>"
        )
    return "".join(parts)


@report_section("Findings", "findings")
def findings_section(record: Record) -> str:
    index = ReportIndex(record)
    if not record.findings:
        return '<section id="findings"><h2>Findings</h2><p class="muted">None.</p></section>'
    body = findings_by_kind(record.findings, lambda f: finding_card(f, index))
    return f'<section id="findings"><h2>Findings</h2>{body}</section>'


def plural(count: int, noun: str) -> str:
    """ "1 mention", "2 mentions"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# A leading article does not make another spelling: "the Bab el-Mandeb" is "Bab el-Mandeb".
ARTICLES = frozenset({"the", "a", "an"})
# An organisation or group met this rarely whose name is a piece of a better-known actor's
# name ("Supreme" of "Iran's Supreme Leader") is a fragment the tagger cut, not an actor.
FRAGMENT_MENTIONS = 2


def _words(name: str) -> tuple[str, ...]:
    words = tuple(name.casefold().split())
    return words[1:] if len(words) > 1 and words[0] in ARTICLES else words


def _inside(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    return len(part) < len(whole) and any(
        whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1)
    )


def clean_aliases(actor: Actor) -> list[str]:
    """An actor's aliases as a card lists them: each spelling once whatever its case or
    leading article, and no alias that is only a piece of the name or of a longer alias
    (a title cut short, "Leader of the Islamic Revolution Ayatollah")."""
    names = [actor.name, *actor.aliases]
    kept: dict[tuple[str, ...], str] = {}
    for alias in actor.aliases:
        words = _words(alias)
        if not words or words == _words(actor.name) or words in kept:
            continue
        if any(_inside(words, _words(other)) for other in names):
            continue
        kept[words] = " ".join(alias.split())
    return list(kept.values())


def shown_actor(
    actor: Actor, index: ReportIndex, longer: list[tuple[int, tuple[str, ...]]]
) -> bool:
    """Whether a person or organisation gets a card: named at least once by name (one only
    ever met as "he" or "the official" is a reading error), not the outlet's own name in
    its byline, and not a rare fragment of a better-known actor's name (`longer`: each
    actor's mention count and name words)."""
    if actor.kind not in ("person", "organization"):
        return False
    if not any(m.kind not in ("pronoun", "role", "title") for m in actor.mentions):
        return False
    words = _words(actor.name)
    if any(_words(index.outlet(m.doc)) == words for m in actor.mentions):
        return False
    count = len(actor.mentions)
    return (
        actor.kind == "person"
        or count > FRAGMENT_MENTIONS
        or not any(n > count and _inside(words, other) for n, other in longer)
    )


def groups_line(index: ReportIndex, groups: list[Actor]) -> str:
    """Groups (nationalities, movements named collectively) on one line, most named first."""
    if not groups:
        return ""
    shown = ", ".join(
        f'<span id="actor-{text(g.id)}">{text(g.name)}</span> ({len(g.mentions)})'
        for g in sorted(groups, key=lambda g: -len(g.mentions))
    )
    return f'<p class="muted">Groups named: {shown}</p>'


@report_section("Actors", "actors")
def actors_section(record: Record) -> str:
    index = ReportIndex(record)
    longer = [
        (len(a.mentions), _words(name)) for a in record.actors for name in (a.name, *a.aliases)
    ]
    people = [a for a in record.actors if shown_actor(a, index, longer)]
    people.sort(key=lambda a: -len(a.mentions))
    groups = [a for a in record.actors if a.kind == "group" and a.mentions]
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
        aliases = clean_aliases(actor)
        roles = list({" ".join(r.split()).casefold(): r for r in actor.roles}.values())
        cards.append(
            f'<div class="card actor" id="actor-{text(actor.id)}"><b>{text(actor.name)}</b> '
            f'<span class="muted">{text(actor.kind)} · '
            f"{plural(len(actor.mentions), 'mention')}</span>"
            + (f"<div>Also: {text('; '.join(aliases))}</div>" if aliases else "")
            + (f"<div>Roles: {text('; '.join(roles))}</div>" if roles else "")
            + (f"<div>Affiliations: {affiliations}</div>" if affiliations else "")
            + f'<div class="muted">{outlets}</div></div>'
        )
    return (
        f'<section id="actors"><h2>Actors</h2><div class="cards">{"".join(cards)}</div>'
        f"{groups_line(index, groups)}</section>"
    )


def quote_item(index: ReportIndex, quote: Quote, note: str = "") -> str:
    """One quote as a list item linking to its highlight, with kind, outlet, date and cue."""
    document = index.documents.get(quote.doc)
    when = document.published if document else None
    return (
        f'<li><a href="#{text(quote.id)}">{quoted(quote.text)}</a> '
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


# The stylesheet's speaker colours (q.sp0 … q.sp7).
SPEAKER_COLOURS = 8
# What each highlight means, in the order the legend lists them: (markup sample, meaning).
LEGEND = (
    ('<mark class="actor">name</mark>', "an actor named"),
    ('<mark class="actor pronoun">he</mark>', "an actor by title, role or pronoun"),
    (
        '<q class="quote sp0">words</q> <q class="quote sp1">words</q>',
        "quotes, one colour a speaker",
    ),
    ('<q class="quote indirect sp0">words</q>', "reported speech (dashed)"),
    ('<q class="quote unattributed">words</q>', "a quote without a speaker"),
    ('<mark class="claim">50,000</mark>', "a claim (underlined)"),
    ('<mark class="framing">martyr</mark>', "a loaded term (dotted)"),
)


def legend_html() -> str:
    """The key to the highlights, shown above highlighted text."""
    items = "".join(f"<span>{sample} {text(meaning)}</span>" for sample, meaning in LEGEND)
    return f'<div class="legend" aria-label="legend">{items}</div>'


def speaker_colours(quotes: list[Quote]) -> dict[str, int]:
    """A colour number per speaker, in order of first quote (colours repeat past eight)."""
    colours: dict[str, int] = {}
    for quote in quotes:
        if quote.speaker is not None and quote.speaker not in colours:
            colours[quote.speaker] = len(colours) % SPEAKER_COLOURS
    return colours


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
    colours = speaker_colours(record.quotes)
    for quote in record.quotes:
        speaker = index.actor_name(quote.speaker)
        classes = f"quote {quote.kind}" + (
            f" sp{colours[quote.speaker]}" if quote.speaker else " unattributed"
        )
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
    parts = ['<section id="documents"><h2>Documents</h2>', legend_html()]
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
