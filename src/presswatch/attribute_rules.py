"""The model's attribute rules (tag → POS and morphology, lemma exceptions) applied by
lookup instead of spaCy's Matcher: same output, a fraction of the time.

spaCy's `attribute_ruler` runs every rule through the Matcher on every token. Nearly all
of en_core_web_sm's 179 rules are one token with fixed values (`{"TAG": "NNS"}`,
`{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}`): those are found here by a dictionary
lookup per token and rule shape. The rest (two-token rules, REGEX, NOT_IN) still go
through a Matcher that holds only them. Matches are applied as the ruler applies them:
all found on the Doc as it came in, then in rule order, a later rule overriding an
earlier one on the same attribute (`AttributeRuler.match` sorts by rule number).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from spacy.attrs import IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

# Not "presswatch_…": that prefix marks the extractors, which run after the parse.
FACTORY = "pw_attribute_rules"
# Attributes written for every token at once (Doc.from_array); others token by token.
ARRAY_ATTRS = (POS, TAG, LEMMA, MORPH)


@dataclass(frozen=True)
class Test:
    """One token attribute's test in a rule: its value is (or is not) one of `values`, or
    matches `regex`."""

    attr: int
    values: frozenset[int] = frozenset()
    negated: bool = False
    regex: re.Pattern[str] | None = None


@dataclass
class Rule:
    """One Matcher pattern of a rule: a test list per token; `number` is the rule's."""

    number: int
    tokens: list[list[Test]]


@dataclass
class Shape:
    """Rules whose first token has fixed values for the same attributes, by those values:
    a token is looked up once per shape, and only the rules found are tested further."""

    attrs: tuple[int, ...]
    rules: dict[tuple[int, ...], list[tuple[Rule, list[Test]]]] = field(
        default_factory=lambda: defaultdict(list)
    )


class Verdicts(dict[tuple[int, ...], list[int]]):
    """Single-token rules with no fixed value to look up (REGEX, NOT_IN only): the rules
    that hold for each combination of the values they test, worked out when first met."""

    def __init__(self, rules: AttributeRules, attrs: tuple[int, ...]) -> None:
        super().__init__()
        self.owner = rules
        self.attrs = attrs
        self.rules: list[Rule] = []

    def __missing__(self, key: tuple[int, ...]) -> list[int]:
        value = dict(zip(self.attrs, key, strict=True))
        holding = [
            rule.number
            for rule in self.rules
            if all(self.owner._passes(t, value[t.attr]) for t in rule.tokens[0])
        ]
        self[key] = holding
        return holding


def _hashes(vocab: Vocab, values: Any) -> frozenset[int] | None:
    """A test's values as to_array gives them; None for anything but strings and bools."""
    found: set[int] = set()
    for value in values:
        if isinstance(value, bool):
            found.add(int(value))
        elif isinstance(value, str):
            found.add(vocab.strings.add(value))
        else:
            return None
    return frozenset(found)


def _test(vocab: Vocab, key: Any, value: Any) -> Test | None:
    """A pattern's test of one attribute, or None when it is one only the Matcher runs
    (operators, extension attributes, comparisons, non-string values)."""
    attr = IDS.get(key.upper()) if isinstance(key, str) else None
    if attr is None or key.upper() in ("OP", "_"):
        return None
    if isinstance(value, str | bool):
        values = _hashes(vocab, [value])
        return Test(attr, values) if values is not None else None
    if isinstance(value, dict) and len(value) == 1:
        ((operator, argument),) = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(argument, list):
            values = _hashes(vocab, argument)
            return Test(attr, values, operator == "NOT_IN") if values is not None else None
        if operator == "REGEX" and isinstance(argument, str):
            return Test(attr, regex=re.compile(argument))
    return None


class AttributeRules:
    """`attribute_ruler`'s rules, found by lookup; the few a lookup cannot run go through
    a Matcher of their own."""

    def __init__(self, nlp: Language, name: str = FACTORY) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.shapes: dict[tuple[int, ...], Shape] = {}
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.attrs: list[dict[int, int]] = []
        self.indices: list[int] = []
        self.columns: list[int] = []
        self.lazy: dict[tuple[int, ...], Verdicts] = {}
        self.where: dict[int, int] = {}  # an attribute's column in `columns`
        self.searched: dict[tuple[Test, int], bool] = {}  # REGEX results, by value

    def take(self, ruler: AttributeRuler) -> AttributeRules:
        """Take over a loaded ruler's rules."""
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        columns: set[int] = set()
        for number, entry in enumerate(ruler.patterns):
            patterns: Any = entry["patterns"]  # spaCy types them as any of its pattern kinds
            for pattern in patterns:
                if not self._add_lookup(number, pattern, columns):
                    self.matcher.add(str(number), [pattern])
        self.columns = sorted(columns)
        self.where = {attr: column for column, attr in enumerate(self.columns)}
        return self

    def _add_lookup(self, number: int, pattern: list[dict[str, Any]], columns: set[int]) -> bool:
        tokens: list[list[Test]] = []
        for token in pattern:
            tests = [_test(self.vocab, key, value) for key, value in token.items()]
            if not token or any(test is None for test in tests):
                return False
            tokens.append(sorted((t for t in tests if t is not None), key=lambda t: t.attr))
        rule = Rule(number, tokens)
        fixed = [t for t in tokens[0] if not t.negated and t.regex is None]
        rest = [t for t in tokens[0] if t not in fixed]
        if not fixed:
            if len(tokens) > 1:
                return False  # tried at every token: the Matcher does that as fast
            # One token tested by REGEX or NOT_IN only: its verdict, by the values tested.
            attrs = tuple(t.attr for t in rest)
            lazy = self.lazy.setdefault(attrs, Verdicts(self, attrs))
            lazy.rules.append(rule)
            columns.update(attrs)
            return True
        attrs = tuple(t.attr for t in fixed)
        shape = self.shapes.setdefault(attrs, Shape(attrs))
        for combination in product(*(sorted(t.values) for t in fixed)):
            shape.rules[combination].append((rule, rest))
        columns.update(t.attr for token in tokens for t in token)
        return True

    def _passes(self, test: Test, value: int) -> bool:
        if test.regex is None:
            return (value in test.values) != test.negated
        known = self.searched.get((test, value))
        if known is None:
            known = self.searched[test, value] = bool(test.regex.search(self.vocab.strings[value]))
        return known

    def _holds(self, rule: Rule, rest: list[Test], columns: list[list[int]], i: int) -> bool:
        """Whether the rule's tests beyond its first token's lookup hold at token i."""
        if i + len(rule.tokens) > len(columns[0]):
            return False
        where = self.where
        if not all(self._passes(t, columns[where[t.attr]][i]) for t in rest):
            return False
        return all(
            self._passes(t, columns[where[t.attr]][i + offset])
            for offset, tests in enumerate(rule.tokens[1:], 1)
            for t in tests
        )

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """(rule number, token index) of every rule that matches, in the ruler's order."""
        found: list[tuple[int, int, int, int]] = []
        if self.columns and len(doc):
            wanted: list[int | str] = list(self.columns)
            # uint64 hashes: tolist() makes them Python ints as the rules hold them.
            array: Any = doc.to_array(wanted).reshape(len(doc), len(self.columns))
            columns: list[list[int]] = array.T.tolist()
            for verdicts in self.lazy.values():
                keys = zip(*(columns[self.where[a]] for a in verdicts.attrs), strict=True)
                for i, numbers in enumerate(map(verdicts.__getitem__, keys)):
                    found.extend((number, i, i + 1, i) for number in numbers)
            for shape in self.shapes.values():
                keys = zip(*(columns[self.where[a]] for a in shape.attrs), strict=True)
                for i, hits in enumerate(map(shape.rules.get, keys)):
                    if not hits:
                        continue
                    for rule, rest in hits:
                        if len(rule.tokens) == 1 and not rest:
                            found.append((rule.number, i, i + 1, i))
                        elif self._holds(rule, rest, columns, i):
                            end = i + len(rule.tokens)
                            target = range(i, end)[self.indices[rule.number]]
                            found.append((rule.number, i, end, target))
        if len(self.matcher):
            for key, start, end in self.matcher(doc, allow_missing=True):
                number = int(self.vocab.strings[key])
                target = doc[start:end][self.indices[number]].i
                found.append((number, start, end, target))
        found.sort()
        return [(number, target) for number, _, _, target in found]

    def __call__(self, doc: Doc) -> Doc:
        found = self.matches(doc)
        if not found:
            return doc
        # The last rule to set an attribute of a token wins, as when applied one by one.
        final: dict[int, dict[int, int]] = defaultdict(dict)
        for number, target in found:
            final[target].update(self.attrs[number])
        written: list[int | str] = list(ARRAY_ATTRS)
        values_array: Any = doc.to_array(written)
        others: dict[int, dict[int, int]] = {}
        for target, values in final.items():
            for column, attr in enumerate(ARRAY_ATTRS):
                if attr in values:
                    values_array[target, column] = values[attr]
            rest = {a: v for a, v in values.items() if a not in ARRAY_ATTRS}
            if rest:
                others[target] = rest
        doc.from_array(written, values_array)
        for target, rest in others.items():
            set_token_attrs(doc[target], rest)
        return doc


@Language.factory(FACTORY)
def make_attribute_rules(nlp: Language, name: str) -> AttributeRules:
    """Empty until `take` hands it a loaded `attribute_ruler`'s rules (see nlp.py)."""
    return AttributeRules(nlp, name)


def compile_attribute_ruler(nlp: Language) -> Language:
    """Replace the pipeline's `attribute_ruler` (if it has one) with the same rules
    applied by lookup; the component keeps its name."""
    for name in nlp.component_names:
        if nlp.get_pipe_meta(name).factory != "attribute_ruler":
            continue
        ruler = nlp.get_pipe(name)
        if not isinstance(ruler, AttributeRuler):
            continue
        rules = nlp.replace_pipe(name, FACTORY)
        assert isinstance(rules, AttributeRules)
        rules.take(ruler)
    return nlp
