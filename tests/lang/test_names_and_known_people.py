"""Name keys that decide which mentions are one person, and the known people of the
Phoenix dictionaries that repair a tagger's organisation or place into a person."""

from __future__ import annotations

import pytest

from presswatch.lang.known_actors import is_known_person_name, known_people
from presswatch.lang.names import better_key, compatible_names, name_key, parse_name
from presswatch.link.actors import repair_person_kinds
from presswatch.model import Actor, ActorKind


@pytest.mark.parametrize(
    ("first", "second", "one"),
    [
        ("W. Mark Felt", "Mark Felt", True),  # an initial neither adds nor conflicts
        ("Fred LaRue", "Frederick C. LaRue", True),  # a short form of the given name
        ("Esther Williams Dies", "Esther Williams", True),  # a headline's word after it
        ("Arcade Joseph Comeaux Jr.", "Comeaux", True),  # Jr. is no surname
        ("Mohammad Ismail Darwish", "Ismail Darwish", False),  # perhaps his father
        ("Karim Mansour", "Walid Mansour", False),
        ("Ed Jones", "Edward Jones", False),  # two key letters are too few to tell
    ],
)
def test_compatible_names(first: str, second: str, one: bool) -> None:
    assert compatible_names(name_key(first), name_key(second)) is one


def test_a_full_name_wins_over_itself_with_a_headline_word() -> None:
    assert better_key(name_key("Esther Williams Dies"), name_key("Esther Williams")) == (
        name_key("Esther Williams")
    )
    assert better_key(name_key("Williams"), name_key("Esther Williams")) == name_key(
        "Esther Williams"
    )


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Leo XIV", "Leo", True),
        ("Benedict XVI", "Benedict", True),
        ("Henry VIII", "Henry", True),
        ("Malcolm X", "Malcolm", False),  # one letter is an initial
        ("PRESIDENT XI JINPING", "President Jinping", False),  # capitals: a word
    ],
)
def test_an_ordinal_after_a_name_is_not_a_word_of_it(first: str, second: str, same: bool) -> None:
    assert (name_key(first) == name_key(second)) is same


def test_a_person_name_drops_what_cannot_open_it() -> None:
    assert parse_name("html Ellen DeGeneres", person=True).core == ["Ellen", "DeGeneres"]
    parsed = parse_name("Comedian Ellen DeGeneres", person=True)
    assert parsed.core == ["Ellen", "DeGeneres"]
    assert parsed.roles == ["Comedian"]
    # Only a person's name is read so: an organisation's stays whole.
    assert parse_name("ministry of health").core == ["ministry", "of", "health"]
    assert parse_name("Muhammad al-Hindi", person=True).core == ["Muhammad", "al-Hindi"]


def test_known_people_are_people_and_offices_are_not() -> None:
    assert is_known_person_name("President Barack Obama")
    assert is_known_person_name("Viktor Orbán")
    assert not is_known_person_name("Obama administration")
    assert not is_known_person_name("Afghan National Army")
    assert not any(p.name == "islamic state of iraq and the levant" for p in known_people())


def actor(name: str, kind: ActorKind) -> Actor:
    return Actor(id=name, name=name, kind=kind, key=" ".join(name_key(name)))


def test_repair_makes_a_person_of_a_surname_only_when_one_person_has_it() -> None:
    darwish = actor("Darwish", "group")
    jordan = actor("Jordan", "place")
    actors = [
        actor("Mohammad Ismail Darwish", "person"),
        darwish,
        actor("Michael Jordan", "person"),
        jordan,
        actor("Viktor Orban", "place"),
    ]
    repair_person_kinds(actors, [])
    assert darwish.kind == "person"
    assert jordan.kind == "place"  # a place alone keeps its kind
    assert actors[-1].kind == "person"  # a full name a known person has


def test_repair_leaves_a_surname_two_people_share() -> None:
    other = actor("Darwish", "group")
    repair_person_kinds(
        [actor("Mohammad Ismail Darwish", "person"), actor("Nabil Darwish", "person"), other],
        [],
    )
    assert other.kind == "group"
