"""Stories: reports of one real-world event grouped across outlets, and nothing else."""

from __future__ import annotations

from collections.abc import Callable

from presswatch.model import Record

Link = Callable[..., Record]

TIMES = (
    "TEHRAN – Ayatollah Ali Khamenei received a Hamas delegation in Tehran this morning. "
    "The meeting came months after Ismail Haniyeh was assassinated in Tehran last July."
)
PRESS = (
    "Sayyed Ali Khamenei hosted a delegation of Hamas in Tehran on Saturday, the "
    "Leader's office said."
)
OTHER = (
    "Foreign Minister Abbas Araghchi met a Hamas delegation in Tehran on Saturday "
    "evening to discuss aid."
)


def story_outlets(record: Record) -> list[set[str]]:
    outlets = {d.id: d.outlet or "" for d in record.documents}
    return [{outlets[d] for d in s.documents} for s in record.stories]


def test_two_outlets_reporting_one_meeting_make_one_story(link: Link) -> None:
    record = link(
        (TIMES, {"outlet": "Tehran Times", "published": "2025-02-08"}),
        (PRESS, {"outlet": "Press TV", "published": "2025-02-09"}),
    )
    assert {"Tehran Times", "Press TV"} in story_outlets(record)
    [story] = [s for s in record.stories if len(s.documents) == 2]
    assert story.date is not None and story.date.start == "2025-02-08"
    assert story.place == "Tehran"


def test_an_older_event_mentioned_in_a_report_forms_no_story(link: Link) -> None:
    record = link((TIMES, {"outlet": "Tehran Times", "published": "2025-02-08"}))
    names = {a.id: a.name for a in record.actors}
    for story in record.stories:
        assert "Ismail Haniyeh" not in {names[p] for p in story.participants}


def test_two_meetings_of_one_delegation_stay_two_stories(link: Link) -> None:
    record = link(
        (TIMES, {"outlet": "Tehran Times", "published": "2025-02-08"}),
        (OTHER, {"outlet": "IRNA", "published": "2025-02-08"}),
    )
    assert all(not {"Tehran Times", "IRNA"} <= outlets for outlets in story_outlets(record))


def test_a_denied_meeting_joins_no_story_of_the_meeting(link: Link) -> None:
    denied = (
        "Ayatollah Ali Khamenei did not meet a Hamas delegation in Tehran on Saturday, "
        "his office said."
    )
    record = link(
        (TIMES, {"outlet": "Tehran Times", "published": "2025-02-08"}),
        (denied, {"outlet": "Wire", "published": "2025-02-09"}),
    )
    assert not [s for s in story_outlets(record) if "Wire" in s]
