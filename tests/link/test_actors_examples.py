"""Ground truth from examples/README.md: every spelling and title of a person is one actor."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.model import Record
from presswatch.pipeline import analyze
from presswatch.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Surface forms per person as examples/README.md lists them (pronouns checked apart).
SURFACE_FORMS = {
    "Khamenei": [
        "Ayatollah Sayyid Ali Khamenei",
        "Ayatollah Seyyed Ali Khamenei",
        "Ayatollah Sayyed Ali Khamenei",
        "Sayyed Ali Khamenei",
        "Sayyed Khamenei",
        "Ali Khamenei",
        "Khamenei",
        "Ayatollah Khamenei",
        "the Leader of the Islamic Revolution",
        "the Leader",
        "Iran's Supreme Leader",
    ],
    "Darwish": [
        "Mohammad Ismail Darwish",
        "Muhammad Darwish",
        "Muhammad Ismail Darwish",
        "Mohammed Ismail Dervish",
        "Mohamed Ismail Darwish",
        "Darwish",
        "Dervish",
        "the head of the Hamas leadership council",
        "the head of Hamas's leadership council",
        "the chairman of the movement's Shura Council",
    ],
    "al-Hayya": ["Khalil al-Hayya", "Khalil Al-Hayya", "Khalil al-Hayyeh", "Al-Hayya"],
    "Sinwar": ["Yahya Sinwar", "Sinwar", "Abu Ibrahim [Yahya] Sinwar"],
    "Deif": ["Muhammad Deif"],
    "Haniyeh": ["Ismail Haniyeh", "Haniyeh"],
    "Trump": ["Donald Trump"],
}


@pytest.fixture(scope="module")
def record() -> Record:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ not present")
    return analyze([EXAMPLES], settings=Settings())


def actors_of(record: Record, form: str) -> set[str]:
    """Actors holding a mention whose text is `form` (a leading capital ignored)."""
    wanted = form.casefold()
    return {
        actor.id
        for actor in record.actors
        for mention in actor.mentions
        if mention.text.casefold() == wanted
    }


def test_every_listed_spelling_and_title_of_a_person_is_one_actor(record: Record) -> None:
    for person, forms in SURFACE_FORMS.items():
        found = {form: actors_of(record, form) for form in forms}
        assert all(found.values()), (person, [f for f, ids in found.items() if not ids])
        assert len(set().union(*found.values())) == 1, (person, found)


def test_no_two_listed_people_share_an_actor(record: Record) -> None:
    owners = {
        person: set().union(*(actors_of(record, form) for form in forms))
        for person, forms in SURFACE_FORMS.items()
    }
    people = list(owners)
    for i, first in enumerate(people):
        for second in people[i + 1 :]:
            assert not owners[first] & owners[second], (first, second)


def test_kunyas_are_aliases_of_their_own_people(record: Record) -> None:
    aliases = {a.name: a.aliases for a in record.actors if a.kind == "person"}
    assert "Abu Ibrahim" in aliases["Yahya Sinwar"]
    assert "Abu Khaled" in aliases["Muhammad Deif"]


def test_the_leaders_pronouns_resolve_to_him_in_the_transcript(record: Record) -> None:
    (transcript,) = [d for d in record.documents if d.outlet == "khamenei.ir"]
    (khamenei,) = [a for a in record.actors if a.name == "Ali Khamenei"]
    pronouns = [
        m for m in khamenei.mentions if m.doc == transcript.id and m.text.lower() in ("he", "his")
    ]
    assert pronouns


def test_the_head_of_the_leadership_council_is_darwish_in_every_report(record: Record) -> None:
    (darwish,) = [a for a in record.actors if a.name == "Mohammad Ismail Darwish"]
    role_docs = {m.doc for m in darwish.mentions if "leadership council" in m.text.lower()}
    outlets = {d.outlet for d in record.documents if d.id in role_docs}
    assert {"Tehran Times", "Press TV", "khamenei.ir"} <= outlets
