"""The grammar of attribution: who is the subject of a report, which words are its cue,
and which phrase is what was reported. Pure functions of a parsed Doc, with the word
lists they apply read from data (`cue_patterns.yaml`, `reporting_verbs.txt`)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span, Token

from presswatch.extract.doc_index import doc_text
from presswatch.extract.quote_marks import quote_characters
from presswatch.lang.data import CUE_PATTERNS, REPORTING_VERBS, CuePatterns

# Most tokens a cue runs over towards its report ("said in an interview on Monday").
CUE_REACH_TOKENS = 8
SUBJECTS = ("nsubj", "nsubjpass")
# A reporting verb's dependents that carry what was reported ("described him as …",
# "called the holiday …", "said he would …", "urged them to …").
COMPLEMENTS = ("dobj", "obj", "dative", "ccomp", "xcomp", "oprd", "attr", "acomp", "pcomp")
# Dependents that never hold the report: another clause joined to the verb, punctuation.
NOT_REPORTED = ("conj", "cc", "punct", "mark", "aux", "auxpass", "neg")


@lru_cache(maxsize=1)
def cues() -> CuePatterns:
    """Cue patterns, stance verbs, cue nouns and the other attribution word lists."""
    return CUE_PATTERNS.load()


def lemma_of(token: Token) -> str:
    """The token's lemma, lowercased, with the pipeline's known wrong lemmas repaired
    ("hopes", "hoped", "hoping" come out as "hop"): the repairs are data, by word form."""
    repairs: dict[str, str] = cues().lemma_repairs
    return repairs.get(token.lower_, token.lemma_.lower())


def reporting_verbs() -> frozenset[str]:
    return REPORTING_VERBS.load()


def reported_words(content: Token) -> tuple[int, int]:
    """Character offsets of a reported clause or phrase: its subtree without a leading
    complementiser "that" and without closing punctuation."""
    doc = content.doc
    start, end = content.left_edge, content.right_edge
    if start.lower_ == "that" and start.i < end.i:
        start = doc[start.i + 1]
    while end.i > start.i and (end.is_punct or end.is_space):
        end = doc[end.i - 1]
    return start.idx, end.idx + len(end)


def reported_phrase(verb: Token, inside: set[int]) -> tuple[int, int] | None:
    """What a partial quote's cue reports: the verb's complements around the quoted words.

    'described Trump as a "spoiled brat"' → 'Trump as a "spoiled brat"'; 'said he would
    "fix the tax code"' → 'he would "fix the tax code"'. None when the quoted words do not
    hang from the verb (the cue was found in another clause) or stand in its subject.
    """
    first, last = min(inside), max(inside)
    doc = verb.doc
    holder = next((c for c in verb.children if c.left_edge.i <= first <= c.right_edge.i), None)
    if holder is None or holder.dep_ in SUBJECTS or holder.dep_ in NOT_REPORTED:
        return None
    if holder.i > verb.i:
        complements = [
            c
            for c in verb.children
            if verb.i < c.i <= holder.i and (c.dep_ in COMPLEMENTS or c.i == holder.i)
        ]
        # A clause reports on its own ("told a crowd that he was 'troubled'"); a phrase
        # goes with the object it describes ("described Trump as a 'spoiled brat'"). Both
        # start past adjuncts like "on Monday" that stand between the verb and them.
        clause = holder.dep_ in ("ccomp", "xcomp", "advcl")
        start_token = holder.left_edge if clause else complements[0].left_edge
    else:
        start_token = holder.left_edge
    end = max(holder.right_edge.i, last)
    # What follows the closing mark after a comma or dash is an aside of the writer.
    if (
        last + 2 < len(doc)
        and doc[last + 1].is_quote
        and doc[last + 2].text in (",", "—", "–", "--", ";", "(", ".")
    ):
        end = last
    if start_token.lower_ == "that" and start_token.i < end:
        start_token = doc[start_token.i + 1]
    relative = relative_object(verb)
    if relative is not None and relative.i < start_token.i:
        start_token = relative
    while end > start_token.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return start_token.idx, doc[end].idx + len(doc[end])


def relative_object(verb: Token) -> Token | None:
    """ "whom he describes as …", "what she called a 'rant'", "which Trump had called a
    disaster": the relative word is what the report is about, so the report starts there."""
    return next(
        (
            c
            for c in verb.children
            if c.i < verb.i and c.dep_ in ("dobj", "obj") and c.tag_ in ("WP", "WDT")
        ),
        None,
    )


def cue_span(cue: Token | Span, content_start: int | None = None) -> Span:
    """The words of a cue: "has also called for", "said in an interview on Monday",
    "according to" — the verb with its auxiliaries and adverbs, and, when what it
    reports follows, the words that stand between it and that report."""
    if isinstance(cue, Span):
        return cue
    doc = cue.doc
    start, end = cue.i, cue.i + 1
    while (
        start > 0
        and doc[start - 1].dep_ in ("aux", "auxpass", "neg", "advmod")
        and doc[start - 1].head == cue
        and not doc[start - 1].is_punct
    ):
        start -= 1
    if (
        end < len(doc)
        and doc[end].head == cue
        and (
            doc[end].dep_ == "prt"
            or (doc[end].dep_ in ("prep", "dative") and doc[end].lower_ in ("for", "on", "to"))
        )
    ):
        end += 1
    if content_start is not None and doc[end - 1].idx < content_start:
        end = cue_reach(cue, end, content_start)
    return doc[start:end]


def cue_reach(cue: Token, end: int, content_start: int) -> int:
    """How far a cue runs towards the report after it: over time and place ("said Friday
    at a briefing"), never over the speaker, the person addressed or a comma."""
    doc = cue.doc
    fenced = {
        t.i
        for child in cue.children
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "obj", "ccomp", "xcomp")
        for t in child.subtree
    }
    reach = end
    for token in doc[end : min(len(doc), end + CUE_REACH_TOKENS)]:
        if token.idx >= content_start:
            return reach
        if token.i in fenced or token.is_punct or token.is_space or token.dep_ == "mark":
            break
        reach = token.i + 1
    # Adjuncts that stop short of the report are left out: the cue is the verb alone.
    text = doc_text(doc)
    stop = doc[reach].idx if reach < len(doc) else len(text)
    gap = text[stop:content_start].strip(" ,:" + quote_characters())
    return reach if not gap or gap.lower() in ("that", "as") else end


def subject_of(verb: Token, inside: set[int]) -> Span | None:
    """The subject of a reporting verb, climbing through "saying", "adding", conjuncts."""
    # "Asked who decides, Nassar was blunt": a bare participle clause's subject is the
    # one it happened to (the person asked), never the one who reported.
    if (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and not any(c.dep_ in ("aux", "auxpass", *SUBJECTS) for c in verb.children)
    ):
        return None
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return None
        # "was first reported by The Washington Post": the agent reported it.
        agent = next((c for c in current.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if by is not None and by.i not in inside:
            return noun_phrase(by, inside)
        for child in current.children:
            if child.dep_ in SUBJECTS and child.i not in inside:
                if child.dep_ == "nsubjpass" and lemma_of(current) not in set(
                    cues().passive_speakers
                ):
                    return None  # "the plan was announced": what was said, not who said it
                return noun_phrase(child, inside)
        # "…, saying …" / "and added …": the subject is the governing verb's.
        if (
            current.dep_ in ("advcl", "conj", "xcomp", "ccomp", "pcomp")
            and current.head is not current
        ):
            climbed_from, current = current, current.head
            # "The Leader said the Resistance had changed …, adding that …": a reporting
            # verb hung on the reported clause is the reporter's, not the clause's subject's.
            if (
                climbed_from.dep_ in ("advcl", "conj")
                and lemma_of(climbed_from) in reporting_verbs()
                and lemma_of(current) not in reporting_verbs()
                and current.dep_ == "ccomp"
                and lemma_of(current.head) in reporting_verbs()
            ):
                current = current.head
        else:
            return None
    return None


def recalled_author(verb: Token, inside: set[int]) -> Span | None:
    """ "He quoted a line the Hamas leader used to repeat, saying '…'": the author of words
    passed on, the subject of the relative clause on what a recalling verb (data:
    `recalling_verbs`) takes as object; None when no such author is named."""
    recalling = set(cues().recalling_verbs)
    current = verb
    if current.dep_ == "advcl" and lemma_of(current) not in recalling:
        current = current.head  # "…, saying" hangs on "quoted"
    if lemma_of(current) not in recalling:
        return None
    for obj in current.children:
        if obj.dep_ not in ("dobj", "obj"):
            continue
        for clause in obj.children:
            if clause.dep_ != "relcl":
                continue
            for subject in clause.children:
                if (
                    subject.dep_ in SUBJECTS
                    and subject.tag_ not in ("WDT", "WP")
                    and subject.i not in inside
                ):
                    return noun_phrase(subject, inside)
    return None


def noun_phrase(token: Token, inside: set[int], whole: bool = True) -> Span:
    """The subject's phrase without quoted words: whole, with its appositions and relative
    clauses ("Todd Wilcox, a former CIA officer,"), as news names a source; or, with
    `whole=False`, only the words that name it, which is what resolves to an actor."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    if not whole:
        for child in token.children:
            if child.i > token.i and (child.dep_ in ("relcl", "acl", "appos") or child.is_punct):
                end = min(end, child.left_edge.i)
    else:
        for child in token.children:
            # "Trump, speaking to a veterans group," says what he was doing, not who he is.
            if (
                child.i > token.i
                and child.dep_ == "acl"
                and child.tag_ == "VBG"
                and doc[child.left_edge.i - 1].text == ","
            ):
                end = min(end, child.left_edge.i)
    for i in range(token.i + 1, end):
        if i in inside:
            end = i
            break
    # A name never reaches back over a paragraph break ("9:35 p.m.\n\nTed Cruz says").
    for i in range(token.i - 1, start - 1, -1):
        if "\n" in doc[i].text:
            start = i + 1
            break
    while start < token.i and (start in inside or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > token.i + 1 and (
        (end - 1) in inside or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        if doc[end - 1].text == ")" and "(" in doc[start : end - 1].text:
            break  # "Harry M. Reid (D-Nev.)" keeps its closing bracket
        end -= 1
    return doc[start:end]


def source_after_cue(
    sentence: Span, inside: set[int], only: Iterable[str] | None = None
) -> tuple[Token, Span] | None:
    """ "according to X", "quoting X": the cue's first token and X."""
    patterns: list[list[str]] = cues().source_after
    words = [t.lower_ for t in sentence]
    allowed = set(only) if only is not None else None
    found: list[tuple[Token, Span]] = []
    for pattern in patterns:
        if allowed is not None and pattern[0] not in allowed:
            continue
        for offset in range(len(words) - len(pattern) + 1):
            if words[offset : offset + len(pattern)] != pattern:
                continue
            cue = sentence[offset]
            if cue.i in inside:
                continue
            after = sentence[offset + len(pattern) :]
            last_word = sentence[offset + len(pattern) - 1]
            objects = [
                t
                for t in after
                if t.head == last_word and t.dep_ in ("pobj", "agent", "dobj", "obj")
            ]
            if objects and objects[0].i not in inside:
                found.append((cue, noun_phrase(objects[0], inside)))
                continue
            # The source is the first noun phrase after the cue ("a verse recited by X").
            for token in after:
                if token.i in inside:
                    break
                if token.pos_ in ("PROPN", "NOUN", "PRON") and token.dep_ in (
                    "pobj",
                    "dobj",
                    "obj",
                    "agent",
                    "nsubj",
                    "compound",
                    "appos",
                    "npadvmod",
                    "conj",
                    "attr",
                ):
                    head = token
                    while head.dep_ == "compound" and head.head.i > head.i:
                        head = head.head
                    found.append((cue, noun_phrase(head, inside)))
                    break
    # "Quoting a verse recited by X": the cue nearest the source names it.
    return max(found, key=lambda item: item[0].i) if found else None
