"""Direct quotations, each attributed to the subject of the nearest reporting verb."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from presswatch.extract import DocumentContext, extractor
from presswatch.extract.lexicon import word_list
from presswatch.model import Quote

# A quotation: an opening mark, at least one word character, the matching close.
_QUOTATION = re.compile(r"[\"“«„]([^\"“”«»„]*?\w[^\"“”«»„]*?)[\"”»“]")


def _reporting_verb(sentence: Span, quote_start: int, quote_end: int) -> Token | None:
    verbs = word_list("reporting_verbs.txt")
    candidates = [
        token
        for token in sentence
        if token.pos_ == "VERB"
        and token.lemma_.lower() in verbs
        and not (quote_start <= token.idx < quote_end)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - quote_start), abs(t.idx - quote_end)))


def _subject_of(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return verb.doc[child.left_edge.i : child.right_edge.i + 1]
    return None


@extractor("quotes")
def extract_quotes(context: DocumentContext) -> list[Quote]:
    doc = context.doc
    text = doc.text
    quotes: list[Quote] = []
    for match in _QUOTATION.finditer(text):
        start, end = match.span(1)
        sentence = doc.char_span(start, end, alignment_mode="expand")
        if sentence is None:
            continue
        verb = _reporting_verb(sentence.sent, match.start(), match.end())
        subject = _subject_of(verb) if verb is not None else None
        speaker = (
            context.mentions.actor_at(subject.start_char, subject.end_char) if subject else None
        )
        quotes.append(
            Quote(
                id=f"{context.document.id}.q{len(quotes) + 1}",
                doc=context.document.id,
                start=start,
                end=end,
                text=text[start:end],
                spans=[(start, end)],
                kind="direct",
                speaker=speaker,
                speaker_text=subject.text if subject else None,
                speaker_start=subject.start_char if subject else None,
                speaker_end=subject.end_char if subject else None,
                cue=verb.text if verb is not None else None,
                cue_start=verb.idx if verb is not None else None,
                cue_end=verb.idx + len(verb.text) if verb is not None else None,
                confidence=0.8 if speaker else (0.4 if subject else 0.1),
            )
        )
    return quotes
