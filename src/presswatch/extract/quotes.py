"""Quotations attributed to speakers: direct, split, partial (mixed), nested and indirect.

Attribution is layered, most reliable first; each layer is a function:
1. the dependency parse — a reporting verb outside the quotation whose clause holds it
   ("X said", "saying, …", "said Darwish", "told the delegation: …"), and its subject;
2. cue phrases from data ("according to X", "quoting X");
3. paragraph continuity — a bare quotation paragraph keeps the previous speaker.
Indirect speech is a reporting verb with a that-clause or a complement ("urged voters
to …", "called for …"), a passive with its agent, "according to X, …" or a cue noun
with its owner ("Trump's claim that …"); stances ("wants to …", "a poll shows …") are
indirect quotes with act "stance". The grammar these layers share (subjects, cue words,
reported phrases) is in `attribution.py`. Speakers resolve to actors through the actors
extractor; no actor means speaker null.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presswatch.extract import RecordsComponent, actors_of, document_of
from presswatch.extract.actors import resolve_span
from presswatch.extract.attribution import (
    COMPLEMENTS,
    cue_span,
    cues,
    lemma_of,
    noun_phrase,
    recalled_author,
    relative_object,
    reported_phrase,
    reported_words,
    reporting_verbs,
    source_after_cue,
    subject_of,
)
from presswatch.extract.doc_index import doc_text, sentences
from presswatch.extract.quote_marks import Quotation, find_quotations, quote_characters
from presswatch.model import Quote, QuoteAct, QuoteKind

# Most tokens between the two parts of a split quote ("X," he said, "Y").
SPLIT_GAP_TOKENS = 12
# Most tokens of a cue sentence between two parts ('"X," said A, who … . "Y"').
SPLIT_SENTENCE_TOKENS = 40
# Quotations this short with no cue are scare quotes, not speech.
SCARE_QUOTE_WORDS = 4
# Longest sentence ("Khatib laughed.", "The mayor disagreed.") that, standing before a
# quotation in its paragraph, introduces its speaker.
LEAD_SENTENCE_TOKENS = 6


@dataclass
class Attribution:
    verb: Token | None
    speaker: Span | None
    confidence: float
    layer: str


class DocumentQuotes:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.doc_id = document_of(doc).id
        self.text = doc_text(doc)
        self.quotes: list[Quote] = []
        self.quoted_tokens: set[int] = set()
        self._kinds: dict[str, str] | None = None

    # -- direct quotations -----------------------------------------------------------

    def extract(self) -> list[Quote]:
        quotations = merge_split_quotations(self.doc, find_quotations(self.text))
        # A verb inside another quotation is its speaker's word, never this one's cue.
        self.quoted_tokens = {
            token.i
            for quotation in quotations
            for start, end in quotation.spans
            for token in self.doc.char_span(start, end, alignment_mode="expand") or ()
        }
        previous: Quote | None = None
        for quotation in quotations:
            quote = self.direct_quote(quotation, previous)
            if quote is None:
                continue
            self.quotes.append(quote)
            self.nested_quotes(quotation, quote)
            if quote.speaker_text is not None:
                previous = quote
        self.indirect_quotes()
        for quote in self.quotes:
            # Reported speech is found after the quotations: a pronoun is checked again
            # once every unnamed speaker before it is known.
            if (
                quote.speaker is not None
                and quote.speaker_start is not None
                and (quote.speaker_text or "").lower() in ("he", "she")
                and self.unnamed_speaker_between(quote.speaker, quote.speaker_start)
            ):
                quote.speaker = None
        # One report found by two routes (a verb and its noun, two layers) is kept once.
        unique = {(q.start, q.end, q.cue_start, q.kind, q.source_of): q for q in self.quotes}
        self.quotes = sorted(unique.values(), key=lambda q: (q.start, q.end))
        renumber = {q.id: f"{self.doc_id}.q{i}" for i, q in enumerate(self.quotes, start=1)}
        for quote in self.quotes:
            quote.id = renumber[quote.id]
            if quote.source_of is not None:
                quote.source_of = renumber.get(quote.source_of, quote.source_of)
        return self.quotes

    def direct_quote(self, quotation: Quotation, previous: Quote | None) -> Quote | None:
        inside: set[int] = set()
        for start, end in quotation.spans:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                inside.update(t.i for t in span)
        if not inside:
            return None
        attribution = self.attribute(quotation, inside)
        kind: QuoteKind = "direct"
        words = len(self.text[quotation.start : quotation.end].split())
        embedded = self.is_embedded(quotation)
        if attribution is None:
            if embedded or words <= SCARE_QUOTE_WORDS:
                # A phrase in quotation marks with no one saying it: a scare quote.
                return self.make_quote(quotation, "mixed", None, 0.2, None)
            attribution = self.continuity(quotation, previous)
        elif embedded:
            kind = "mixed"
        if attribution is None:
            return self.make_quote(quotation, kind, None, 0.1, None)
        quote = self.make_quote(
            quotation, kind, attribution.speaker, attribution.confidence, attribution.verb
        )
        if kind == "mixed" and attribution.verb is not None:
            reported = reported_phrase(attribution.verb, inside)
            if reported is not None and reported != (quote.start, quote.end):
                quote.reported_start, quote.reported_end = reported
        return quote

    def attribute(self, quotation: Quotation, inside: set[int]) -> Attribution | None:
        sentences = self.frame_sentences(quotation)
        for layer in (self.by_parse, self.by_cue_phrase):
            found = layer(sentences, quotation, inside)
            if found is not None:
                return found
        return None

    def frame_sentences(self, quotation: Quotation) -> list[Span]:
        """Sentences that overlap the quotation: where its cue can stand."""
        first = self.doc.char_span(quotation.start, quotation.start + 1, alignment_mode="expand")
        last = self.doc.char_span(quotation.end - 1, quotation.end, alignment_mode="expand")
        if first is None or last is None:
            return []
        found: list[Span] = []
        for sentence in sentences(self.doc).from_token(first.start):
            if sentence.start > last.sent.start:
                # The sentence right after a quotation that ends a sentence can hold the
                # cue: '"…." He said.' is rare; '"…," he said.' is in the same sentence.
                # A question or an exclamation ends its own sentence, and its cue follows
                # on the same line with a capital: '"Is there hope?" Fares asked.'
                if self.text[sentence.start_char : sentence.start_char + 1].islower() or (
                    self.ends_with_question(quotation)
                    and "\n" not in self.text[quotation.end : sentence.start_char]
                ):
                    found.append(sentence)
                break
            found.append(sentence)
        return found

    def ends_with_question(self, quotation: Quotation) -> bool:
        inner = self.text[quotation.start : quotation.end].rstrip(quote_characters() + " ")
        return inner.endswith(("?", "!"))

    def by_parse(
        self, sentences: list[Span], quotation: Quotation, inside: set[int]
    ) -> Attribution | None:
        verbs = reporting_verbs()
        # "he continued: '…'" introduces a quotation; "Israel would continue to act 'to
        # bring every hostage home'" does not: a partial quote is never a cue-only verb's.
        embedded_quote = self.is_embedded(quotation)
        cue_only = set(cues().cue_only) if embedded_quote else set()
        candidates: list[tuple[int, Token]] = []
        for sentence in sentences:
            for token in sentence:
                if token.i in self.quoted_tokens or token.pos_ not in ("VERB", "AUX"):
                    continue
                if lemma_of(token) not in verbs or lemma_of(token) in cue_only:
                    continue
                distance = min(abs(token.idx - quotation.start), abs(token.idx - quotation.end))
                candidates.append((distance, token))
        ordered = [verb for _, verb in sorted(candidates, key=lambda c: c[0])]
        if self.is_embedded(quotation):
            # A partial quote is the words of the verb it hangs from ("Darwish said Iran
            # had stood by Hamas 'in the hardest days,' while Al-Hayya insisted …"); a
            # verb it does not hang from comes only after.
            # The quoted words, not a closing full stop the parse hangs on the main verb.
            governing = {
                a for i in inside if not self.doc[i].is_punct for a in governing_verbs(self.doc[i])
            }
            ordered.sort(key=lambda verb: verb.i not in governing)
            words = len(self.text[quotation.start : quotation.end].split())
            if words <= SCARE_QUOTE_WORDS and any(self.doc[i].dep_ == "relcl" for i in governing):
                # A few words quoted inside a relative clause ("his office, which refers
                # to Israel as the 'Zionist regime'") are the clause's: only its own
                # verbs can report them, and without one they are a scare quote.
                ordered = [verb for verb in ordered if verb.i in governing]
        for verb in ordered:
            speaker = recalled_author(verb, inside) or subject_of(verb, inside)
            if speaker is not None:
                confidence = 0.9 if self.resolve(speaker) else 0.6
                return Attribution(verb, speaker, confidence, "parse")
        return None

    def by_cue_phrase(
        self, sentences: list[Span], quotation: Quotation, inside: set[int]
    ) -> Attribution | None:
        for sentence in sentences:
            source = source_after_cue(sentence, inside)
            if source is not None:
                cue, speaker = source
                return Attribution(cue, speaker, 0.8 if self.resolve(speaker) else 0.5, "cue")
        return None

    def continuity(self, quotation: Quotation, previous: Quote | None) -> Attribution | None:
        """A quotation standing alone as its paragraph keeps the previous speaker."""
        paragraph_start = self.text.rfind("\n", 0, quotation.start) + 1
        lead = self.text[paragraph_start : quotation.start].strip()
        lead = lead.rstrip(quote_characters()).strip()
        if len(lead) > 3:  # "A:" of an interview answer is fine, a sentence is not
            return self.lead_subject(quotation, paragraph_start)
        if lead.rstrip(":.").upper() == "A":
            interviewee = self.interviewee()
            if interviewee is not None:
                return Attribution(None, interviewee, 0.6, "interview")
        if previous is None or quotation.start - previous.end > 1500:
            return None
        if previous.speaker_start is None or previous.speaker_end is None:
            return None
        speaker = self.doc.char_span(
            previous.speaker_start, previous.speaker_end, alignment_mode="expand"
        )
        return Attribution(None, speaker, 0.6 * previous.confidence, "continuity")

    def lead_subject(self, quotation: Quotation, paragraph_start: int) -> Attribution | None:
        """ "Khatib laughed. "And I cannot …"": a short sentence of the paragraph, right
        before the quotation and with no quotation of its own, whose subject is a person
        introduces the speaker. Anything longer or without a named person says nothing."""
        before = self.doc.char_span(paragraph_start, quotation.start, alignment_mode="contract")
        if before is None or not len(before):
            return None
        # The paragraph's words before the quotation, not the parser's sentence, which
        # can run back over the paragraph break.
        words = [t for t in before if not (t.is_quote or t.is_space)]
        if not words or len(words) > LEAD_SENTENCE_TOKENS or words[-1].text not in (".", ":"):
            return None
        if any(t.i in self.quoted_tokens for t in words):
            return None
        subject = next(
            (t for t in words if t.dep_ == "nsubj" and t.head.i in {w.i for w in words}), None
        )
        if subject is None or subject.pos_ not in ("PROPN", "NOUN"):
            return None
        speaker = noun_phrase(subject, set(), whole=False)
        actor = self.resolve(speaker)
        if actor is None or self.kinds().get(actor) != "person":
            return None
        return Attribution(None, speaker, 0.5, "lead")

    def interviewee(self) -> Span | None:
        """In a question-and-answer text, the person mentioned most is the one answering."""
        people = [a for a in actors_of(self.doc) if a.kind == "person"]
        if not people:
            return None
        person = max(people, key=lambda a: len(a.mentions))
        named = [m for m in person.mentions if m.kind in ("name", "surname")]
        first = (named or person.mentions)[0]
        return self.doc.char_span(first.start, first.end, alignment_mode="expand")

    def is_embedded(self, quotation: Quotation) -> bool:
        """A quotation woven into the sentence's own grammar: a partial quote."""
        # The character before the opening mark (two marks for ''doubled apostrophes'').
        before = self.text[max(0, quotation.start - 4) : quotation.start]
        before = before.rstrip(quote_characters()).rstrip(" \t")
        if not before:
            return False
        opening_context = before[-1]
        if opening_context in ":,—–\n" or opening_context in quote_characters():
            return False
        sentence = self.doc.char_span(quotation.start, quotation.start + 1, alignment_mode="expand")
        if sentence is None:
            return False
        return sentence.sent.start_char < quotation.start - 2

    # -- nested and indirect ---------------------------------------------------------------

    def nested_quotes(self, quotation: Quotation, outer: Quote) -> None:
        """A quotation inside a quotation, attributed only when the text names its source."""
        for start, end in quotation.nested:
            speaker = self.inner_source(quotation, start)
            if speaker is None:
                continue
            self.quotes.append(
                Quote(
                    id=f"inner-{start}",
                    doc=self.doc_id,
                    start=start,
                    end=end,
                    text=self.text[start:end],
                    spans=[(start, end)],
                    kind="direct",
                    speaker=self.resolve(speaker),
                    speaker_text=speaker.text,
                    speaker_start=speaker.start_char,
                    speaker_end=speaker.end_char,
                    confidence=0.7,
                    source_of=outer.id,
                )
            )

    def inner_source(self, quotation: Quotation, inner_start: int) -> Span | None:
        inner = self.doc.char_span(inner_start, inner_start + 1, alignment_mode="expand")
        # A nested quote that opens on whitespace maps to no token: nothing to climb from.
        if inner is not None and len(inner):
            # "Sinwar often repeated the words '…'" — a verb inside the outer quote.
            token = inner[0]
            inner_end = self.inner_end(quotation, inner_start)
            for ancestor in token.ancestors:
                if not quotation.start <= ancestor.idx < quotation.end:
                    break  # past the outer quotation: its own cue, not the inner source
                if inner_start <= ancestor.idx < inner_end:
                    continue  # a verb of the inner words is theirs ("He will support you")
                subject = subject_of(ancestor, set())
                if subject is not None and self.resolve(subject) is not None:
                    return subject
            # "The Holy Quran says, '…'": the reporting verb just before the inner words,
            # inside the outer quotation; a source that is no actor keeps speaker null.
            verbs = reporting_verbs()
            before = [
                t
                for t in token.sent
                if quotation.start <= t.idx < inner_start
                and t.pos_ in ("VERB", "AUX")
                and lemma_of(t) in verbs
            ]
            if before:
                subject = subject_of(before[-1], set())
                if subject is not None and subject.root.pos_ in ("PROPN", "NOUN"):
                    return subject
        # "Quoting a verse recited by X, he said: …" — the cue stands before the quotation.
        frame = self.doc.char_span(quotation.start, quotation.start + 1, alignment_mode="expand")
        if frame is None:
            return None
        outside = set(range(frame.sent.end, len(self.doc)))
        source = source_after_cue(
            frame.sent, outside | {t.i for t in frame.sent if t.idx >= quotation.start}
        )
        return source[1] if source else None

    @staticmethod
    def inner_end(quotation: Quotation, inner_start: int) -> int:
        return next((end for start, end in quotation.nested if start == inner_start), inner_start)

    def indirect_quotes(self) -> None:
        verbs = reporting_verbs()
        avoid = set(cues().not_speech)
        stances = set(cues().stance_verbs)
        # "talked about …", "pointed to …": speech through a preposition only.
        through_objects = {pattern[0] for pattern in cues().object_reports}
        cue_only = set(cues().cue_only)
        covered = list(self.quotes)
        for token in self.doc:
            if token.pos_ not in ("VERB", "AUX"):
                continue
            lemma = lemma_of(token)
            if lemma in cue_only:
                continue
            if lemma in verbs and lemma not in avoid:
                act: QuoteAct = "speech"
            elif lemma in stances:
                act = "stance"
            elif lemma in through_objects:
                act = "speech"
                self.reported_complement(token, covered, act)
                continue
            else:
                continue
            clause = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")
                ),
                None,
            )
            if clause is None:
                if act == "speech":
                    self.parenthetical(token, covered)
                self.reported_complement(token, covered, act)
                continue
            speaker = subject_of(token, set())
            if speaker is None or not self.plausible_speaker(speaker):
                continue
            start_token = clause.left_edge
            if start_token.lower_ == "that":
                start_token = self.doc[start_token.i + 1]
            end_token = clause.right_edge
            if clause.i > token.i and token.dep_ == "ROOT":
                # What a sentence's main verb reports runs to the sentence's end ("… that
                # she did not want the escort, but the police overruled her").
                end_token = token.sent[-1]
                for later in token.sent:
                    if (
                        later.i > clause.right_edge.i
                        and lemma_of(later) in verbs
                        and later.pos_ == "VERB"
                    ):
                        # Another report later in the sentence ("…, and said …", "while
                        # X insisted …") is content of its own, not part of this one.
                        cut = min(max(later.left_edge.i, clause.right_edge.i + 1), later.i)
                        end_token = self.doc[cut - 1]
                        break
            while end_token.i > start_token.i and (
                end_token.is_punct or end_token.is_space or end_token.dep_ == "cc"
            ):
                end_token = self.doc[end_token.i - 1]
            start, end = start_token.idx, end_token.idx + len(end_token)
            if end - start < 8 or overlaps_quote(covered, start, end):
                continue
            self.add_indirect(start, end, speaker, token, act)
        for sentence in sentences(self.doc).spans:
            self.according_to(sentence, covered)
        self.noun_reports(covered)
        self.stance_adjectives(covered)
        self.quotes = [q for q in self.quotes if not self.nested_stance(q)]

    def stance_adjectives(self, covered: list[Quote]) -> None:
        """ "Clinton is confident that she will win", "he was critical of the deal": an
        adjective of attitude after "be", with its clause or object as the position held.
        The adjectives and their prepositions are data (`stance_adjectives`)."""
        adjectives: dict[str, list[str]] = cues().stance_adjectives
        for token in self.doc:
            prepositions = adjectives.get(token.lower_)
            if prepositions is None or token.dep_ != "acomp" or lemma_of(token.head) != "be":
                continue
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            prep = next(
                (c for c in token.children if c.dep_ == "prep" and c.lower_ in prepositions),
                None,
            )
            content = clause
            if content is None and prep is not None:
                content = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if content is None:
                continue
            speaker = subject_of(token.head, set())
            if speaker is None or not self.plausible_speaker(speaker):
                continue
            last = prep.i if clause is None and prep is not None else token.i
            cue = self.doc[cue_span(token.head).start : last + 1]
            start, end = reported_words(content)
            if not overlaps_quote(covered, start, end):
                self.add_indirect(start, end, speaker, cue, "stance", shortest=2)

    def noun_reports(self, covered: list[Quote]) -> None:
        """ "Trump's claim that the vote was rigged", "Clinton's plan to raise taxes",
        "his criticism of the deal": a noun of saying or intending, with its owner as the
        speaker and its clause or object as what was said. Nouns are data (`cue_nouns`)."""
        nouns: dict[str, QuoteAct] = {
            noun: act for act, listed in cues().cue_nouns.items() for noun in listed
        }
        prepositions = set(cues().cue_noun_prepositions)
        for token in self.doc:
            act = nouns.get(lemma_of(token))
            if act is None or token.pos_ != "NOUN":
                continue
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is None:
                continue
            cue: Token | Span = token
            content = next(
                (c for c in token.children if c.dep_ in ("acl", "ccomp") and c.i > token.i),
                None,
            )
            if content is None:
                prep = next(
                    (
                        c
                        for c in token.children
                        if c.dep_ == "prep" and c.lower_ in prepositions and c.i == token.i + 1
                    ),
                    None,
                )
                content = (
                    next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
                )
                if content is None or prep is None:
                    continue
                cue = self.doc[token.i : prep.i + 1]
            speaker = self.doc[owner.left_edge.i : owner.right_edge.i + 1]
            start, end = reported_words(content)
            if not overlaps_quote(covered, start, end):
                self.add_indirect(start, end, speaker, cue, act, shortest=2)

    def nested_stance(self, quote: Quote) -> bool:
        """A stance inside what someone reported ("said he decided to support Sanders") is
        part of that report, not an attribution of the writer's own."""
        if quote.act != "stance" or quote.cue_start is None or quote.cue_end is None:
            return False
        for other in self.quotes:
            if other is quote or other.act != "speech":
                continue
            start, end = other.reported
            if start <= quote.cue_start and quote.cue_end <= end:
                return True
        return False

    def parenthetical(self, verb: Token, covered: list[Quote]) -> None:
        """ "But to prevent problems, he said, officials should be vigilant": the cue sits
        inside the clause it reports, which is the rest of the sentence."""
        if verb.dep_ not in ("parataxis", "advcl", "ccomp") or verb.head.pos_ not in (
            "VERB",
            "AUX",
        ):
            return
        if any(c.dep_ in COMPLEMENTS for c in verb.children):
            return  # "what he called its support": the verb has its own object
        speaker = subject_of(verb, set())
        if speaker is None or speaker.root.head != verb or not self.plausible_speaker(speaker):
            return
        own = {t.i for t in verb.subtree}
        rest = [t for t in verb.sent if t.i not in own and not t.is_space]
        while rest and rest[0].is_punct:
            rest.pop(0)
        while rest and rest[-1].is_punct:
            rest.pop()
        if len(rest) < 4:
            return
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1])
        if overlaps_quote(covered, start, end):
            return
        self.add_indirect(start, end, speaker, verb)

    def reported_complement(self, verb: Token, covered: list[Quote], act: QuoteAct) -> None:
        """ "X vowed to …", "X urged voters to …", "X called for an inquiry", "X described
        him as …", "X endorsed Y": what the verb's complements say X said, wants or holds.

        Which verbs report through their object, and through which preposition, is data
        (`object_reports`, `stance_verbs`); a verb whose object is the person addressed
        (`addressee_verbs`: "told reporters") reports only through a clause after it.
        """
        data = cues()
        lemma = lemma_of(verb)
        if lemma in data.clause_only:
            return
        prepositions = {p[1] for p in data.object_reports if p[0] == lemma and len(p) > 1}
        takes_object = (
            act == "stance"
            or any(p == [lemma] for p in data.object_reports)
            or lemma in data.partial_quote_verbs
        )
        complements = []
        for child in verb.children:
            if child.i < verb.i:
                continue
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                complements.append(child)
            elif child.dep_ in ("prep", "prt") and child.lower_ in prepositions:
                if any(c.dep_ in ("pobj", "pcomp") for c in child.children):
                    complements.append(child)
            elif child.dep_ in ("dobj", "obj", "dative", "oprd") and (
                takes_object or lemma in data.addressee_verbs
            ):
                complements.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as" and complements:
                complements.append(child)  # "described him as …", "sees golf as …"
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "dative") and c.i > verb.i]
        if complements and objects and objects[0].i < complements[0].i:
            # "accused Trump of …", "urged voters to …": the object goes with the report.
            complements.insert(0, objects[0])
        if not complements and any(c.dep_ == "agent" for c in verb.children):
            # "The ceasefire was confirmed by the ministry": the subject is what was said.
            complements = [c for c in verb.children if c.dep_ == "nsubjpass"][:1]
        if not complements:
            return
        if lemma in data.addressee_verbs and all(
            c.dep_ in ("dobj", "obj", "dative") for c in complements
        ):
            return  # "told reporters": whom X spoke to, not what X said
        speaker = subject_of(verb, set())
        if speaker is None or not self.plausible_speaker(speaker):
            return
        first, last = complements[0], complements[-1]
        start_token = first.left_edge
        if first.dep_ in ("prep", "prt"):
            # "called for an inquiry": the preposition belongs to the cue.
            start_token = verb.doc[first.i + 1] if first.i + 1 <= last.right_edge.i else first
        relative = relative_object(verb)
        if relative is not None:
            start_token = relative
        end_token = last.right_edge
        # Adjuncts right after the report belong to it ("backed him politically",
        # "a candidate of their choice at the convention"); a comma ends it.
        for child in verb.children:
            if (
                child.i == end_token.i + 1
                and child.dep_ in ("prep", "npadvmod", "advmod")
                and not child.is_punct
            ):
                end_token = child.right_edge
        while end_token.i > start_token.i and (end_token.is_punct or end_token.is_space):
            end_token = verb.doc[end_token.i - 1]
        start, end = start_token.idx, end_token.idx + len(end_token)
        if not overlaps_quote(covered, start, end):
            self.add_indirect(start, end, speaker, verb, act, shortest=2)

    def according_to(self, sentence: Span, covered: list[Quote]) -> None:
        """ "According to X, Y" / "Y, according to X": Y is what X reported."""
        source = source_after_cue(sentence, set(), only=("according",))
        if source is None:
            return
        cue, speaker = source
        cue_words = self.doc[cue.i : cue.i + 2]
        phrase_start = cue.i
        phrase_end = speaker.end
        before = sentence[: phrase_start - sentence.start]
        after = sentence[phrase_end - sentence.start :]
        content = max((before, after), key=lambda part: len(part.text.strip(" ,.;")))
        tokens = [t for t in content if not (t.is_punct and t.text in ",.;")]
        if len(tokens) < 3:
            return
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if overlaps_quote(covered, start, end):
            return
        self.add_indirect(start, end, speaker, cue_words)

    def add_indirect(
        self,
        start: int,
        end: int,
        speaker: Span,
        cue: Token | Span,
        act: QuoteAct = "speech",
        shortest: int = 8,
    ) -> None:
        # Reported content never crosses the cue's paragraph; a parse that runs on past
        # a paragraph break (after a closing quote mark) is cut there.
        words = cue_span(cue, start)
        paragraph_start = self.text.rfind("\n", 0, words.start_char) + 1
        paragraph_end = self.text.find("\n", words.start_char)
        paragraph_end = len(self.text) if paragraph_end < 0 else paragraph_end
        start, end = max(start, paragraph_start), min(end, paragraph_end)
        marks = quote_characters()
        while start < end and (self.text[start] in marks or self.text[start].isspace()):
            start += 1
        while end > start and (self.text[end - 1] in marks or self.text[end - 1] in " ,;."):
            end -= 1
        if end - start < shortest or (shortest >= 8 and len(self.text[start:end].split()) < 3):
            return
        resolved = self.resolve(speaker)
        self.quotes.append(
            Quote(
                id=f"indirect-{start}-{words.start_char}",
                doc=self.doc_id,
                start=start,
                end=end,
                text=self.text[start:end],
                spans=[(start, end)],
                kind="indirect",
                speaker=resolved,
                speaker_text=speaker.text,
                speaker_start=speaker.start_char,
                speaker_end=speaker.end_char,
                cue=words.text,
                cue_start=words.start_char,
                cue_end=words.end_char,
                confidence=(0.75 if resolved else 0.45) * (1.0 if act == "speech" else 0.7),
                act=act,
            )
        )

    # -- plumbing -----------------------------------------------------------------------------

    def resolve(self, speaker: Span) -> str | None:
        """The actor who speaks through a phrase: a person or an organisation, never a
        place or a nationality; None rather than a guess."""
        naming = noun_phrase(speaker.root, set(), whole=False) if len(speaker) > 1 else speaker
        relative = naming.root
        if len(naming) == 1 and relative.tag_ == "WP" and relative.head.dep_ == "relcl":
            # "Abbas Araghchi, who said …": the relative pronoun is its antecedent.
            antecedent = relative.head.head
            naming = noun_phrase(antecedent, set(), whole=False)
        found = resolve_span(self.doc, naming.start_char, naming.end_char)
        pronoun = len(speaker) == 1 and speaker[0].lower_ in ("he", "she")
        if found is None and pronoun:
            # A pronoun the actors layer could not place: the current speaker, if any.
            earlier = [q for q in self.quotes if q.speaker and q.end <= speaker.start_char]
            if earlier:
                found = max(earlier, key=lambda q: q.end).speaker
        kind = self.kinds().get(found or "")
        if found is None or kind == "group":
            return None  # a nationality never speaks; its spokesperson or statement does
        if kind == "place" and not self.names_itself(found, naming.root):
            return None  # "the Resistance in Gaza": a place inside the phrase never speaks
        if pronoun and self.unnamed_speaker_between(found, speaker.start_char):
            return None
        return found

    def names_itself(self, actor: str, head: Token) -> bool:
        """The phrase's head word is the actor's own name ("Iran said": a country
        speaking for its government), not a word beside it."""
        return any(
            m.start <= head.idx < m.end
            for a in actors_of(self.doc)
            if a.id == actor
            for m in a.mentions
        )

    def kinds(self) -> dict[str, str]:
        if self._kinds is None:
            self._kinds = {a.id: a.kind for a in actors_of(self.doc)}
        return self._kinds

    def unnamed_speaker_between(self, actor: str, offset: int) -> bool:
        """ "One of them, a 64-year-old man, said …. 'I did not …,' he said": a speaker the
        text names without a name stands between the pronoun and the actor's last name,
        so the pronoun is that unnamed speaker's, not the actor's."""
        named = [
            m.end
            for a in actors_of(self.doc)
            if a.id == actor
            for m in a.mentions
            if m.kind != "pronoun" and m.end <= offset
        ]
        if not named:
            return False
        last_name = max(named)
        return any(
            q.speaker is None
            and q.speaker_text is not None
            and q.speaker_start is not None
            and last_name <= q.speaker_start < offset
            and q.speaker_text.lower() not in ("he", "she", "who")
            and any(c.isalpha() for c in q.speaker_text)
            and self.text.count("\n\n", q.speaker_start, offset) <= 1
            for q in self.quotes
        )

    def plausible_speaker(self, speaker: Span) -> bool:
        """Names, pronouns and nouns report speech; expletives ("it", "there") and
        relative pronouns do not. `speaker_nouns` rescues heads the tagger mislabels."""
        head = speaker.root
        if head.lower_ in set(cues().non_speakers):
            return False
        if head.pos_ in ("PROPN", "PRON", "NOUN") or self.resolve(speaker) is not None:
            return True
        if head.pos_ == "NUM" or head.lower_ in set(cues().speaker_quantifiers):
            # "Nine in 10 voters say", "Most of them said", "Many say": a share of people.
            return True
        return lemma_of(head) in set(cues().speaker_nouns)

    def make_quote(
        self,
        quotation: Quotation,
        kind: QuoteKind,
        speaker: Span | None,
        confidence: float,
        cue: Token | None,
    ) -> Quote:
        start, end = quotation.start, quotation.end
        words = cue_span(cue, start) if cue is not None else None
        return Quote(
            id=f"direct-{start}",
            doc=self.doc_id,
            start=start,
            end=end,
            text=quoted_words(self.text, quotation.spans),
            spans=list(quotation.spans),
            kind=kind,
            speaker=self.resolve(speaker) if speaker is not None else None,
            speaker_text=speaker.text if speaker is not None else None,
            speaker_start=speaker.start_char if speaker is not None else None,
            speaker_end=speaker.end_char if speaker is not None else None,
            cue=words.text if words is not None else None,
            cue_start=words.start_char if words is not None else None,
            cue_end=words.end_char if words is not None else None,
            confidence=confidence,
        )


def governing_verbs(token: Token) -> set[int]:
    """The tokens a word hangs from, up to the clause that holds it: a relative clause
    ("his office, which refers to Israel as the 'Zionist regime'") speaks for its noun,
    not for the verb above that noun."""
    found: set[int] = set()
    current = token
    while current.head.i != current.i and not (
        current.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP", "WP$") for c in current.children)
    ):
        current = current.head
        found.add(current.i)
    return found


def overlaps_quote(covered: list[Quote], start: int, end: int) -> bool:
    """Whether reported content [start, end) would repeat a quotation already found.

    A clause that wholly contains a partial quote (mixed, or scare quotes) is still
    reported speech of its own: "said the campaign has 'always run a lean campaign'"
    reports the whole clause, of which the quoted words are a part.
    """
    for quote in covered:
        if not (quote.start < end and start < quote.end):
            continue
        partial = quote.kind == "mixed" or quote.speaker_text is None
        if not (partial and start <= quote.start and quote.end <= end):
            return True
    return False


def quoted_words(text: str, spans: list[tuple[int, int]]) -> str:
    """The words quoted: the fragments of a split quote joined, the cue between left out."""
    return " ".join(text[start:end].strip() for start, end in spans)


def merge_split_quotations(doc: Doc, quotations: list[Quotation]) -> list[Quotation]:
    """ "X," he said, "Y" → one quotation with two spans (also '"X," he said. "Y"', and
    '"X," she said on "Meet the Press." "Y"', where a quoted title stands in the cue)."""
    merged: list[Quotation] = []
    for quotation in quotations:
        if merged and joined_by_cue(doc, merged[-1], quotation):
            merged[-1].spans.extend(quotation.spans)
            merged[-1].nested.extend(quotation.nested)
            continue
        if (
            len(merged) > 1
            and is_title(doc_text(doc), merged[-1])
            and joined_by_cue(doc, merged[-2], quotation)
        ):
            merged[-2].spans.extend(quotation.spans)
            merged[-2].nested.extend(quotation.nested)
            continue
        merged.append(quotation)
    return sorted(merged, key=lambda q: q.start)


def is_title(text: str, quotation: Quotation) -> bool:
    """A short quoted name in the middle of a cue: "Meet the Press", "The Apprentice"."""
    words = text[quotation.start : quotation.end].split()
    return len(quotation.spans) == 1 and 0 < len(words) <= SCARE_QUOTE_WORDS


def joined_by_cue(doc: Doc, first: Quotation, second: Quotation) -> bool:
    """Whether the words between two quotations are a cue that splits one quotation."""
    if first.unclosed:
        return False
    text = doc_text(doc)
    gap = text[first.end : second.start]
    inner_gap = gap.strip(quote_characters() + " ")
    gap_span = doc.char_span(first.end, second.start, alignment_mode="contract")
    # '"X," he said. "Y"' goes on with the same quotation however long the cue
    # sentence ("said X, the chief strategist of …"); after a comma only a short
    # cue joins; after a colon a new quotation is introduced ("adding: …").
    longest = SPLIT_GAP_TOKENS if inner_gap[-1:] == "," else SPLIT_SENTENCE_TOKENS
    # The first part breaks off where its sentence goes on: '"X," he said', '"X?"'.
    broken_off = inner_gap[:1] == "," or text[first.end - 1 : first.end] in (",", "?", "!")
    verbs = reporting_verbs()
    return (
        broken_off
        and gap_span is not None
        and 0 < len(gap_span) <= longest
        and "\n" not in inner_gap
        and inner_gap[-1:] in (",", ".")
        and any(lemma_of(t) in verbs and t.pos_ in ("VERB", "AUX") for t in gap_span)
    )


def extract_quotes(doc: Doc) -> list[Quote]:
    """Every quotation and reported statement in the document, with its speaker."""
    return DocumentQuotes(doc).extract()


@Language.factory(
    "presswatch_quotes",
    requires=["doc.sents", "token.pos", "token.dep", "token.lemma", "doc._.pw_actors"],
    assigns=["doc._.pw_quotes"],
)
def make_quotes(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent("pw_quotes", extract_quotes)
