"""Claims: every figure, dated event and duration in a report, with what it is about.

A quantity claim's subject is the noun phrase the figure counts, found through the parse
(nummod/quantmod to the noun, "of" to the pobj after "60%" or "hundreds of"); a date
claim's subject is the event or action the date is attached to; a duration's subject is
what lasted ("15 months of war", "the war lasted 15 months"). The speaker is the quote's
speaker when the claim lies inside a quote, else null (the outlet's own voice).

`Claim.group` is the synonym group; `Claim.facets` holds what else the linker compares
(action=kill, place=israel, frame=2023-10-07, anchor=first phase).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presswatch.extract import RecordsComponent, document_of, quotes_of
from presswatch.extract.doc_index import Holders, entities
from presswatch.ingest.datelines import DATELINE
from presswatch.ingest.text import header_keys, headline, read_header_line
from presswatch.lang.claim_subjects import group_of, subject_lexicon
from presswatch.lang.data import REPORTING_VERBS
from presswatch.lang.quantities import (
    lexicon,
    normalise_date,
    normalise_duration,
    normalise_quantity,
    normalise_share,
    words_of,
)
from presswatch.model import Claim, ClaimValue, Document, Quote

# Dependency labels that attach a modifier we keep in a counted noun phrase.
_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
_HOPS = 8  # how far up the parse a claim looks for its verb, action and frame


def _is_figure_token(token: Token) -> bool:
    lex = lexicon()
    word = token.lower_
    if token.like_num and not token.is_punct:
        return word not in ("a", "an")
    return (
        word in lex.vague
        or word in lex.standalone
        or word in lex.multipliers
        or (
            word in lex.fractions
            and token.i + 1 < len(token.doc)
            and token.nbor().lower_ in ("a", "an", "of")
        )
    )


def _figure_runs(doc: Doc) -> Iterator[tuple[int, int]]:
    """Token index ranges of figures: "48 thousand", "half a million", "hundreds of thousands"."""
    i = 0
    n = len(doc)
    while i < n:
        if not _is_figure_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_figure_token(doc[j]):
                j += 1
            elif (
                doc[j].lower_ in ("-", "–", "and", "a", "an", "of", "to")
                and j + 1 < n
                and _is_figure_token(doc[j + 1])
            ):
                j += 2
            elif (
                doc[j].lower_ == "and"
                and j + 2 < n
                and doc[j + 1].lower_ in ("a", "an")
                and doc[j + 2].lower_ in lexicon().fractions
            ):
                j += 3  # "two and a half (million)"
            elif (
                doc[j].lower_ in ("of",)
                and j + 2 < n
                and doc[j + 1].lower_ in ("a", "an")
                and _is_figure_token(doc[j + 2])
            ):
                j += 3
            else:
                break
        # "a dozen", "half a million": a leading article or fraction belongs to the figure.
        start = i
        if (
            start > 0
            and doc[start - 1].lower_ in ("a", "an")
            and (
                doc[start].lower_ in lexicon().standalone
                or doc[start].lower_ in lexicon().fractions
            )
        ):
            start -= 1
        yield start, j
        i = j


def _qualifier_start(doc: Doc, start: int) -> int:
    """Extend a figure leftwards over a qualifier phrase ("at least", "more than")."""
    qualifiers = lexicon().qualifiers
    # The words before the figure, read once for every phrase (as many as the longest).
    longest = max((len(phrase) for phrase, _ in qualifiers), default=0)
    window = [t.lower_ for t in doc[max(0, start - longest) : start]]
    for phrase, _ in qualifiers:
        size = len(phrase)
        if size > len(window):
            continue
        if window[len(window) - size :] == phrase:
            return start - size
    if start > 0 and doc[start - 1].lower_ in lexicon().range_openers:
        return start - 1
    return start


def _noun_phrase(noun: Token) -> str:
    """The noun with its left modifiers (compounds, adjectives, nationalities)."""
    left = [
        t
        for t in noun.lefts
        if t.dep_ in _MODIFIER_DEPS
        and not t.like_num
        and t.lower_ not in lexicon().vague
        and t.ent_type_ not in ("CARDINAL", "PERCENT", "QUANTITY")
    ]
    tokens = sorted(
        {t for m in left for t in m.subtree if t.dep_ not in ("det", "punct") or t.text == "-"}
        | {noun},
        key=lambda t: t.i,
    )
    text = " ".join(t.text for t in tokens)
    return text.replace(" - ", "-")


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(_HOPS):
        if current.pos_ in ("VERB", "AUX") and current.dep_ != "amod":
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _action(token: Token) -> str | None:
    actions = subject_lexicon().actions
    current = token
    for _ in range(_HOPS):
        if current.lemma_.casefold() in actions and current.pos_ in ("VERB", "NOUN", "ADJ"):
            return actions[current.lemma_.casefold()]
        for child in current.children:
            if child.dep_ in ("acl", "relcl", "xcomp") and child.lemma_ in actions:
                return actions[child.lemma_]
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _place(noun: Token, verb: Token | None) -> str | None:
    for owner in (noun, verb):
        if owner is None:
            continue
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in subject_lexicon().place_prepositions:
                for obj in prep.children:
                    # "in Gaza", "from Syria", and also "around the globe": a common
                    # noun after a spatial preposition other than "in" is a place too.
                    if obj.ent_type_ in ("DATE", "TIME"):
                        continue  # "within days of the ceasefire" is a time, not a place
                    if obj.dep_ == "pobj" and (
                        obj.ent_type_ in ("GPE", "LOC")
                        or obj.pos_ == "PROPN"
                        or (obj.pos_ == "NOUN" and prep.lower_ != "in")
                    ):
                        words = [t.text for t in obj.subtree if t.dep_ not in ("det", "punct")]
                        return " ".join(words).casefold()
    return None


def _day_of(child: Token) -> str | None:
    """A day a clause is pinned to ("on Saturday", "Saturday"), as lower-case text."""
    target = child
    if child.dep_ == "prep" and child.lower_ == "on":
        objs = [t for t in child.children if t.dep_ == "pobj"]
        target = objs[0] if objs else child
    elif child.dep_ != "npadvmod":
        return None
    if target.ent_type_ != "DATE":
        return None
    ent = entities(target.doc).at(target.i)
    if ent is None:
        return None
    value = normalise_date(ent.text)
    if value is not None and value.start == value.end:
        return value.start
    # Only a named day pins a count ("on Saturday"); "15 months" is a span, not a day.
    days = set(lexicon().weekdays)
    words = [w for w in words_of(ent.text) if w.isalpha()]
    return " ".join(words) if words and set(words) & days else None


def _frame_and_anchor(token: Token) -> tuple[str | None, str | None]:
    """The single day a count belongs to, and an ordinal anchor ("first phase").

    "the assault on October 7, in which 1,200 people were killed": the clause hangs on a
    date, so the count is of that day, not of the war that followed.
    """
    frame: str | None = None
    anchor: str | None = None
    current = token
    for _ in range(_HOPS):
        if current.dep_ == "relcl" and current.head.ent_type_ == "DATE" and frame is None:
            date_ent = entities(current.doc).at(current.head.i)
            value = normalise_date(date_ent.text) if date_ent is not None else None
            if value is not None and value.start == value.end:
                frame = value.start
        # The clause's own preps and those of an infinitive it governs ("are to be
        # released during the first phase").
        owners = [current, *(c for c in current.children if c.dep_ == "xcomp")]
        for owner in owners:
            for child in owner.children:
                if child.dep_ == "prep" and anchor is None:
                    for obj in child.children:
                        ordinals = [t for t in obj.lefts if t.ent_type_ == "ORDINAL"]
                        if obj.dep_ == "pobj" and ordinals:
                            anchor = f"{ordinals[0].lower_} {obj.lemma_.casefold()}"
                if frame is None and owner.pos_ in ("VERB", "AUX") and _day_of(child) is not None:
                    frame = _day_of(child)
                if frame is None and owner.pos_ in ("VERB", "AUX"):
                    frame = _event_day(child)
        if current.head.i == current.i:
            break
        current = current.head
    return frame, anchor


def _event_day(child: Token) -> str | None:
    """The day of the event a count happened in: "killed in the attack of October 7"."""
    if child.dep_ != "prep" or child.lower_ not in ("in", "during"):
        return None
    events = {n for n, g in subject_lexicon().nouns.items() if g == "attack"}
    for obj in child.children:
        if obj.dep_ != "pobj" or obj.lemma_.casefold() not in events:
            continue
        for token in obj.subtree:
            if token.ent_type_ == "DATE":
                ent = entities(token.doc).at(token.i)
                value = normalise_date(ent.text) if ent is not None else None
                if value is not None and value.start == value.end:
                    return value.start
    return None


def _source_place(verb: Token | None) -> str | None:
    """Where the source of a reported count sits: "the Lebanese health ministry said …",
    "the ministry of health in Gaza said …" — a count without a place of its own is of
    the place its source speaks for."""
    current = verb
    for _ in range(_HOPS):
        if current is None:
            return None
        if current.pos_ == "VERB" and current.lemma_.casefold() in REPORTING_VERBS.load():
            for child in current.children:
                if child.dep_ != "nsubj":
                    continue
                for token in child.subtree:
                    if token.ent_type_ in ("GPE", "NORP") and token.i != child.i:
                        return token.text.casefold()
            return None
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _counted_noun(head: Token) -> Token | None:
    """The noun a figure counts: through nummod, "of" after a unit, or itself as head."""
    lex = lexicon()
    noun = head
    if head.dep_ in ("nummod", "quantmod", "amod", "compound") and head.head.pos_ in (
        "NOUN",
        "PROPN",
        "PRON",
        "SYM",
        "NUM",
        "ADJ",
    ):
        noun = head.head
        while noun.dep_ in ("nummod", "quantmod", "compound") and noun.head.pos_ in (
            "NOUN",
            "PROPN",
            "NUM",
            "SYM",
        ):
            noun = noun.head
    # "60% of homes", "hundreds of thousands of wounded", "dozens of people".
    if (
        noun.lower_ in ("%", "percent", "cent")
        or noun.like_num
        or noun.lower_ in lex.vague
        or noun.lower_ in lex.multipliers
    ):
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [t for t in prep.children if t.dep_ == "pobj"]
                if objs:
                    inner = objs[0]
                    if noun.like_num and any(
                        t.dep_ in ("det", "poss") and t.lower_ != "all" for t in inner.lefts
                    ):
                        return None  # "two of the officers": part of a group counted elsewhere
                    if (
                        inner.like_num
                        or inner.lower_ in lex.multipliers
                        or inner.lower_.removesuffix("s") in lex.multipliers
                    ):
                        return _counted_noun(inner)
                    return inner
        if noun.like_num or noun.lower_ in lex.vague:
            return None
        if noun.lower_ in ("%", "percent", "cent"):
            return None
    return noun


def _figure_group(
    noun: Token | None, head: Token, verb: Token | None
) -> tuple[str | None, str | None]:
    """(subject phrase, group) for a counted noun, or from the verb when the noun is vague."""
    lex = subject_lexicon()
    if noun is not None and noun.i != head.i:
        if noun.lower_ in lex.not_subjects or noun.pos_ == "PRON":
            return None, None
        if (
            any(t.lower_ == "of" and t.head.i == noun.i for t in noun.children)
            and noun.lower_ in lex.not_subjects
        ):
            return None, None
        phrase = _noun_phrase(noun)
        group = group_of(phrase) or group_of(noun.lemma_)
        if group is not None:
            return phrase, group
        if (
            noun.lemma_.casefold() in lex.people
            or noun.lower_ in lex.people
            or noun.ent_type_ == "NORP"
        ):
            # People counted without a verb of a group ("2.5 million people live there")
            # are still a claim, recorded under their own word and compared with none.
            return phrase, _verb_group(noun, verb) or noun.lemma_.casefold()
        return phrase, noun.lemma_.casefold()
    # A bare figure: "251 were taken hostage", "the toll passed 47,400".
    introduced = _introduced_subject(head)
    if introduced is not None:
        return introduced
    if any(
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(g.pos_ == "PRON" for g in child.children)
        for child in head.children
    ):
        return None, None  # "eight of whom": a part of something counted elsewhere
    if (
        verb is None
        or head.head.i != verb.i
        or head.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "pobj")
    ):
        return None, None  # "a father of seven": the figure hangs on something else
    if verb is not None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != head.i and child.pos_ == "NOUN":
                sized = _size_noun(child)
                if sized is not None:
                    return sized
            if child.dep_ in ("oprd", "acomp", "attr") and child.i != head.i:
                group = lex.adjectives.get(child.lower_) or group_of(child.text)
                if group is not None:
                    return child.text, group
        group = _verb_group(head, verb)
        if group is not None:
            return verb.text, group
    return None, None


def _verb_group(noun: Token, verb: Token | None) -> str | None:
    lex = subject_lexicon()
    current: Token | None = noun
    for _ in range(_HOPS):
        if current is None:
            break
        if current.pos_ in ("VERB", "ADJ") and current.lemma_ in lex.verbs:
            return lex.verbs[current.lemma_]
        for child in current.children:
            if child.dep_ in ("acl", "relcl", "amod") and child.lemma_ in lex.verbs:
                return lex.verbs[child.lemma_]
            if child.dep_ in ("acomp", "oprd") and child.lower_ in lex.adjectives:
                return lex.adjectives[child.lower_]
            if child.dep_ in ("oprd", "attr") and group_of(child.lower_) is not None:
                return group_of(child.lower_)  # "were taken hostage"
        if current.head.i == current.i:
            break
        current = current.head
    if verb is not None and verb.lemma_ in lex.verbs:
        return lex.verbs[verb.lemma_]
    return None


def quoted_speakers(quotes: list[Quote]) -> Holders[str | None]:
    """Who speaks each stretch of quoted text: a claim inside it is that speaker's."""
    return Holders(
        (start, end, quote.speaker)
        for quote in quotes
        for start, end in quote.spans or [(quote.start, quote.end)]
    )


def split_facets(described: str) -> tuple[str, dict[str, str]]:
    """ "deaths; action=kill; place=israel" → ("deaths", {"action": "kill", …})."""
    base, *rest = [part.strip() for part in described.split(";")]
    return base, dict(part.split("=", 1) for part in rest if "=" in part)


def _facets(group: str, **facets: str | None) -> str:
    extra = [f"{key}={value}" for key, value in facets.items() if value]
    return "; ".join([group, *extra])


def _skip_figure(doc: Doc, start: int, end: int) -> bool:
    """Years, times, ages, ordinals, money and phone or page numbers are not counts."""
    lex = subject_lexicon()
    first, last = doc[start], doc[end - 1]
    if last.ent_type_ in ("DATE", "TIME", "MONEY", "ORDINAL") and not _is_share(doc, end):
        ent = entities(doc).at(end - 1)
        if last.ent_type_ != "DATE" or ent is None or _names_time(ent):
            return True
    if start > 0 and (
        doc[start - 1].lower_ in lex.currency
        or doc[start - 1].lower_ in ("no.", "number", "page", "p.", "#")
    ):
        return True
    if end < len(doc) and (doc[end].lower_ in lex.not_counted or doc[end].lower_ in lex.currency):
        return True
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in ("year", "years"):
        return True  # "a 35-year-old"
    months = lexicon().months
    # "8 February", "Feb. 8", "8 /Feb/ 2025": a month beside the figure makes it a date.
    neighbours = [doc[i].lower_.strip("./-") for i in (start - 1, end) if 0 <= i < len(doc)]
    if any(word in months and len(word) > 2 for word in neighbours):
        return True  # a date the tagger missed ("8 February" across a line break)
    text = doc[start:end].text
    if text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100:
        return True  # a bare year the tagger did not mark
    digits = sum(c.isdigit() for c in text)
    if digits >= 7 and "," not in text and "." not in text:
        return True  # phone numbers and ids
    del first
    return False


def _is_share(doc: Doc, end: int) -> bool:
    """A fraction that counts a part of something: "a third of the hospitals", "half of"."""
    last = doc[end - 1]
    return last.lower_ in lexicon().fractions and end < len(doc) and doc[end].lower_ == "of"


def _share_of(fraction: Token) -> Token | None:
    """The whole a fraction is a share of: "a third of the hospitals" → hospitals."""
    lex = lexicon()
    for prep in fraction.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ != "pobj" or obj.like_num or obj.ent_type_ in ("DATE", "TIME"):
                    continue
                if obj.lower_ in lex.durations or obj.lower_ in lex.multipliers:
                    return None  # "half of the year", "half of a million": no share
                return obj
    return None


def _size_noun(noun: Token) -> tuple[str, str] | None:
    """(phrase, group) of a noun a figure gives the size of: "the toll", "the number of
    Palestinians killed" (a partitive head hands over to what it counts)."""
    lex = subject_lexicon()
    if noun.lower_ in lex.not_subjects:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [t for t in prep.children if t.dep_ == "pobj"]
                if objs:
                    return _size_noun(objs[0])
        return None
    if noun.pos_ not in ("NOUN", "PROPN"):
        # "the number of displaced": a participle or adjective standing for people
        group = lex.adjectives.get(noun.lower_)
        return (noun.text, group) if group is not None else None
    for prep in noun.children:
        # "the toll of wounded": what the toll counts names the group
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                inner = lex.adjectives.get(obj.lower_) or group_of(obj.text)
                if obj.dep_ == "pobj" and inner is not None and inner != group_of(noun.text):
                    return f"{_noun_phrase(noun)} of {obj.text}", inner
    phrase = _noun_phrase(noun)
    group = group_of(phrase) or group_of(noun.lemma_)
    if group is None and (noun.lower_ in lex.people or noun.ent_type_ == "NORP"):
        group = _verb_group(noun, None)
    return (phrase, group) if group is not None else None


def _introduced(head: Token) -> tuple[str, str, Token] | None:
    """What a figure after "at", "to" or "of" is the size of, and the noun naming it:
    "put the toll at 52,000", "the toll rose to 47,500", "a death toll of 48,000",
    "Palestinians killed … at 52,000"."""
    if head.dep_ != "pobj" or head.head.lower_ not in lexicon().introducers:
        return None
    prep = head.head
    owner = prep.head
    if prep.lower_ == "of":
        # Only a noun that is itself a count ("a toll of"): "a father of seven" is not.
        if owner.pos_ == "NOUN" and group_of(owner.lemma_) is not None:
            sized = _size_noun(owner)
            return (*sized, owner) if sized is not None else None
        return None
    if owner.pos_ not in ("VERB", "AUX"):
        return None
    for child in owner.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass") and child.i != head.i:
            found = _size_noun(child)
            if found is not None:
                return (*found, child)
    if owner.dep_ in ("acl", "relcl") and owner.head.pos_ in ("NOUN", "PROPN"):
        # "the number of Palestinians killed in Gaza since October 2023 at 52,000": the
        # parse hangs "at" on the participle; what was killed is the counted noun.
        noun = owner.head
        group = subject_lexicon().verbs.get(owner.lemma_) or group_of(_noun_phrase(noun))
        if group is not None:
            return _noun_phrase(noun), group, noun
    return None


def _introduced_subject(head: Token) -> tuple[str, str] | None:
    found = _introduced(head)
    return (found[0], found[1]) if found is not None else None


def _introduced_place(head: Token) -> str | None:
    """The place of the noun a figure gives the size of: "the death toll in Gaza stands
    at nearly 40,000" is a Gaza count though "in Gaza" hangs on "toll"."""
    found = _introduced(head) if head.dep_ == "pobj" else None
    return _place(found[2], None) if found is not None else None


def _time_frame(token: Token, published: str | None) -> tuple[str | None, str | None]:
    """The day a running count stands at ("as of February 1") and the month it counts
    from ("since October 2023"), read from dates in the count's sentence."""
    lex = subject_lexicon()
    sent = token.sent
    as_of: str | None = None
    since: str | None = None
    for ent in entities(token.doc).within(sent.start, sent.end):
        if ent.label_ != "DATE":
            continue
        before = [t.lower_ for t in token.doc[max(sent.start, ent.start - 2) : ent.start]]
        value = normalise_date(ent.text.removeprefix("the "))
        if value is None or value.start is None:
            continue
        start = value.start
        if start.startswith("--") and published:
            start = published[:4] + start[1:]  # a day and month in the report's year
        if any(tuple(before[-len(p) :]) == p for p in lex.as_of if p) and value.start == value.end:
            as_of = as_of or (start if not start.startswith("--") else None)
        elif any(tuple(before[-len(p) :]) == p for p in lex.since if p):
            since = since or (start[:7] if not start.startswith("--") else None)
    return as_of, since


def _names_time(ent: Span) -> bool:
    """Whether a DATE entity names a time at all. The tagger also marks counts as dates
    ("Between 40 and 50 people", "Nearly a quarter of the homes"): with no month, weekday,
    unit of time or year in it, the entity is a figure to read as a quantity."""
    lex = lexicon()
    words = [w.strip("./-") for w in words_of(ent.text)]
    if any(w in lex.months or w in lex.durations or w in lex.weekdays for w in words):
        return True
    if any(w.isdigit() and len(w) == 4 for w in words):
        return True  # a year
    return bool(set(words) & _TIME_WORDS) and not _is_share(ent.doc, ent.end)


# Words that make a DATE entity a time even without a month or unit ("this morning").
_TIME_WORDS = frozenset(
    {
        "ago",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "morning",
        "evening",
        "night",
        "weekend",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "century",
        "decades",
        "quarter",
        "season",
        "dawn",
        "noon",
        "midnight",
    }
)


def _sentence_bounds(span: Span) -> tuple[int, int]:
    sent = span.sent
    return sent.start_char, sent.end_char


def _quantity_claims(
    doc: Doc, taken: set[int], published: str | None
) -> Iterator[tuple[Span, ClaimValue, str, str]]:
    verb_qualifiers = lexicon().verb_qualifiers
    for start, end in _figure_runs(doc):
        if any(i in taken for i in range(start, end)) or _skip_figure(doc, start, end):
            continue
        begin = _qualifier_start(doc, start)
        stop = end
        if stop < len(doc) and doc[stop].lower_ in ("%", "percent"):
            stop += 1
        elif stop + 1 < len(doc) and doc[stop].lower_ == "per" and doc[stop + 1].lower_ == "cent":
            stop += 2
        span = doc[begin:stop]
        share = _is_share(doc, end)
        value = normalise_share(span.text) if share else normalise_quantity(span.text)
        if value is None:
            continue
        head = doc[start:end].root
        noun = _share_of(doc[end - 1]) if share else _counted_noun(head)
        if share and noun is None:
            continue
        verb = _governing_verb(noun if noun is not None else head)
        subject, group = _figure_group(noun, head, verb)
        if subject is None or group is None:
            continue
        if (
            value.qualifier == "="
            and verb is not None
            and head.dep_ == "dobj"
            and verb.lemma_ in verb_qualifiers
        ):
            value.qualifier = verb_qualifiers[verb.lemma_]
        anchor_token = noun if noun is not None else head
        frame, anchor = _frame_and_anchor(anchor_token)
        as_of, since = _time_frame(anchor_token, published)
        facets = _facets(
            group,
            action=_action(anchor_token),
            place=_place(anchor_token, verb) or _introduced_place(head) or _source_place(verb),
            frame=frame,
            anchor=anchor,
            as_of=as_of,
            since=since,
        )
        yield span, value, subject, facets


def _duration_subject(span: Span) -> tuple[str, str] | None:
    """What lasted: "months of war", "the war lasted 15 months", "fought for a year"."""
    lex = subject_lexicon()
    root = span.root
    # "a year and a half of resistance": "of" may hang on "half", not on "year".
    for owner in [root, *(t for t in span if t.i != root.i)]:
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [t for t in prep.children if t.dep_ == "pobj"]
                if objs:
                    phrase = _noun_phrase(objs[0])
                    return phrase, group_of(phrase) or objs[0].lemma_.casefold()
    # "a 15-month war": the duration modifies the noun.
    if root.dep_ in ("amod", "compound", "nmod") and root.head.pos_ == "NOUN":
        phrase = _noun_phrase(root.head)
        return phrase, group_of(phrase) or root.head.lemma_.casefold()
    verb = _governing_verb(root)
    if verb is None:
        return None
    if verb.lemma_ in ("last", "continue", "rage", "drag", "go"):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
                phrase = _noun_phrase(child)
                return phrase, group_of(phrase) or child.lemma_.casefold()
        if verb.dep_ == "relcl":
            phrase = _noun_phrase(verb.head)
            return phrase, group_of(phrase) or verb.head.lemma_.casefold()
    if verb.lemma_ in lex.verbs and root.dep_ in ("pobj", "npadvmod", "dobj"):
        # "fought for a year and a half": what lasted is the group itself (the war).
        return lex.verbs[verb.lemma_], lex.verbs[verb.lemma_]
    return None


def _date_subject(span: Span) -> tuple[str, str] | None:
    """The event or action a date belongs to: "the assault on October 7", "Operation X … on"."""
    events = {n for n, g in subject_lexicon().nouns.items() if g == "attack"}
    root = span.root
    prep = root.head if root.dep_ == "pobj" else None
    candidates: list[Token] = []
    if prep is None:
        # "the October 7 attack": the date modifies the event's name.
        if root.dep_ in ("compound", "nmod", "npadvmod", "amod") and root.head.pos_ == "NOUN":
            candidates.append(root.head)
        else:
            return None
    elif prep.lower_ not in ("on", "of"):
        return None
    owner = prep.head if prep is not None else root.head
    if prep is not None and owner.pos_ in ("NOUN", "PROPN"):
        candidates.append(owner)
    if prep is not None and owner.pos_ in ("VERB", "AUX"):
        for child in owner.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass"):
                candidates.append(child)
            if child.dep_ in ("prep", "agent") and child.i != prep.i:
                candidates.extend(t for t in child.children if t.dep_ == "pobj")
        # "Operation X, which Hamas launched on October 6" / "Operation X, launched on
        # October 6": the clause hangs on the event's name.
        if owner.dep_ in ("relcl", "acl") and owner.head.pos_ in ("NOUN", "PROPN"):
            candidates.append(owner.head)
    for noun in candidates:
        phrase_tokens = [
            t
            for t in noun.subtree
            if (t.i <= noun.i and t.dep_ not in ("det", "poss", "punct")) or t.i == noun.i
        ]
        phrase = " ".join(t.text for t in phrase_tokens if t.i >= min(x.i for x in phrase_tokens))
        words = {w for w in words_of(phrase) if w.isalpha()}
        if noun.lemma_.casefold() in events or words & events or noun.ent_type_ == "EVENT":
            return _noun_phrase(noun) if noun.pos_ == "NOUN" else phrase, "attack"
    return None


def _not_prose(document: Document) -> list[tuple[int, int]]:
    """Character ranges that are never claims: header lines (`Date: …`), the title where
    the text repeats it, a headline standing alone, and a dateline ("CAIRO, Feb 1 (LWS) –").

    A title's "- 8 /Feb/ 2025" is when the report was filed, not a count of anything.
    """
    text = document.text
    ranges: list[tuple[int, int]] = []
    keys = header_keys()
    offset = 0
    for line in text.split("\n"):
        if line.strip() and read_header_line(line, keys) is None:
            break
        ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    body = text[offset:]
    for title in (document.title, headline(body)):
        if title:
            at = text.find(title, 0, offset + len(title) + 400)
            if at >= 0:
                ranges.append((at, at + len(title)))
    first = body.lstrip()
    dateline = DATELINE.match(first)
    if dateline is not None:
        begin = offset + (len(body) - len(first))
        ranges.append((begin, begin + dateline.end()))
    return ranges


def extract_claims(doc: Doc) -> list[Claim]:
    """Every quantity, dated event and duration in the document that has a subject."""
    document = document_of(doc)
    found: list[tuple[int, int, ClaimValue, str, str]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ != "DATE" or not _names_time(ent):
            continue
        taken.update(range(ent.start, ent.end))
        begin = _qualifier_start(doc, ent.start)
        span = doc[begin : ent.end]
        duration = normalise_duration(span.text)
        if duration is not None:
            after = doc[ent.end].lower_ if ent.end < len(doc) else ""
            inside = {t.lower_ for t in span}
            if after in ("ago", "later", "earlier", "old") or inside & {
                "next",
                "past",
                "last",
                "coming",
                "old",
                "ago",
            }:
                continue  # a point in time or an age, not how long something lasted
            about = _duration_subject(doc[ent.start : ent.end])
            if about is not None:
                found.append((span.start_char, span.end_char, duration, about[0], about[1]))
            continue
        date = normalise_date(ent.text.removeprefix("the "))
        if date is not None:
            about = _date_subject(ent)
            if about is not None:
                found.append((ent.start_char, ent.end_char, date, about[0], about[1]))
    for span, value, subject, facets in _quantity_claims(doc, taken, document.published):
        found.append((span.start_char, span.end_char, value, subject, facets))
    skipped = _not_prose(document)
    found = [f for f in found if not any(a <= f[0] < b for a, b in skipped)]
    found.sort(key=lambda item: item[0])
    speakers = quoted_speakers(quotes_of(doc))
    claims: list[Claim] = []
    for n, (start, end, value, subject, facets) in enumerate(found, 1):
        claims.append(
            Claim(
                id=f"{document.id}.c{n}",
                doc=document.id,
                start=start,
                end=end,
                text=document.text[start:end],
                subject=subject,
                speaker=speakers.first_holding(start, end),
                value=value,
                group=split_facets(facets)[0],
                facets=split_facets(facets)[1],
            )
        )
    return claims


@Language.factory(
    "presswatch_claims",
    requires=["doc.ents", "token.pos", "token.dep", "token.lemma", "doc._.pw_quotes"],
    assigns=["doc._.pw_claims"],
)
def make_claims(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent("pw_claims", extract_claims)
