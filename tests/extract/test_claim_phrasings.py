"""Claims in the shapes reporters write them: one row per phrasing (our own wording).

Each row is a sentence, the claim text expected in it, the synonym group the claim falls
in and its normalised value. A second table lists phrasings that are no claim at all
(titles, datelines, ages, years, page numbers, ids).
"""

from __future__ import annotations

import pytest

from presswatch.model import Claim
from tests.conftest import Analyse

Q = "quantity"
D = "date"
T = "duration"

# sentence, claim text, group, type, value (amount, ISO day or months), qualifier, unit
PHRASINGS: list[tuple[str, str, str, str, float | str, str, str | None]] = [
    # -- figures introduced by "at", "to", "of"
    (
        "Health officials put the number of Palestinians killed in Gaza at 52,000.",
        "52,000",
        "deaths",
        Q,
        52000,
        "=",
        None,
    ),
    (
        "The death toll rose to 47,500 on Sunday, the ministry said.",
        "47,500",
        "deaths",
        Q,
        47500,
        "=",
        None,
    ),
    ("The toll climbed to more than 300 overnight.", "more than 300", "deaths", Q, 300, ">", None),
    ("The ministry put the toll at around 1,100.", "around 1,100", "deaths", Q, 1100, "~", None),
    ("Local officials put the death toll at 85.", "85", "deaths", Q, 85, "=", None),
    (
        "A death toll of 2,300 was announced by the civil defence.",
        "2,300",
        "deaths",
        Q,
        2300,
        "=",
        None,
    ),
    ("The number of detainees stood at 9,500 in March.", "9,500", "prisoners", Q, 9500, "=", None),
    (
        "The toll of wounded reached 110,000, officials said.",
        "110,000",
        "wounded",
        Q,
        110000,
        ">=",
        None,
    ),
    (
        "The number of displaced rose to 1.9 million.",
        "1.9 million",
        "displaced",
        Q,
        1900000,
        "=",
        None,
    ),
    (
        "Rescuers said the toll had risen to at least 43.",
        "at least 43",
        "deaths",
        Q,
        43,
        ">=",
        None,
    ),
    # -- word quantities, fractions and shares
    (
        "Half a million Palestinians returned to the north within a week.",
        "Half a million",
        "returnees",
        Q,
        500000,
        "=",
        None,
    ),
    (
        "More than half a million people have fled their homes since the spring.",
        "More than half a million",
        "displaced",
        Q,
        500000,
        ">",
        None,
    ),
    (
        "Tens of thousands of people fled the city.",
        "Tens of thousands",
        "displaced",
        Q,
        20000,
        ">=",
        None,
    ),
    (
        "Hundreds of thousands of residents were displaced.",
        "Hundreds of thousands",
        "displaced",
        Q,
        200000,
        ">=",
        None,
    ),
    ("Dozens of people were killed in the strikes.", "Dozens", "deaths", Q, 24, ">=", None),
    ("A third of the hospitals were destroyed.", "A third", "hospital", Q, 33.33, "=", "percent"),
    (
        "Two-thirds of the homes in the camp were damaged.",
        "Two-thirds",
        "homes",
        Q,
        66.67,
        "=",
        "percent",
    ),
    (
        "Half of the buildings were flattened by the bombing.",
        "Half",
        "buildings",
        Q,
        50,
        "=",
        "percent",
    ),
    (
        "Nearly a quarter of the homes were destroyed.",
        "Nearly a quarter",
        "homes",
        Q,
        25,
        "<",
        "percent",
    ),
    (
        "A quarter of a million people remain displaced.",
        "A quarter of a million",
        "displaced",
        Q,
        250000,
        "=",
        None,
    ),
    ("The blast killed a dozen people.", "a dozen", "deaths", Q, 12, "=", None),
    ("Forty-eight people were killed, the army said.", "Forty-eight", "deaths", Q, 48, "=", None),
    (
        "Some two hundred and fifty prisoners were released.",
        "Some two hundred and fifty",
        "prisoners",
        Q,
        250,
        "~",
        None,
    ),
    (
        "Two and a half million people live in the territory.",
        "Two and a half million",
        "people",
        Q,
        2500000,
        "=",
        None,
    ),
    (
        "Officials said 3.5 million people need food aid.",
        "3.5 million",
        "people",
        Q,
        3500000,
        "=",
        None,
    ),
    # -- qualifiers and ranges
    (
        "The strikes killed over 50,000 people, the ministry said.",
        "over 50,000",
        "deaths",
        Q,
        50000,
        ">",
        None,
    ),
    (
        "Nearly 2,000 Palestinian prisoners are to be freed.",
        "Nearly 2,000",
        "prisoners",
        Q,
        2000,
        "<",
        None,
    ),
    (
        "As many as 700 detainees were held at the site.",
        "As many as 700",
        "prisoners",
        Q,
        700,
        "<=",
        None,
    ),
    ("Fewer than 100 hostages remain in Gaza.", "Fewer than 100", "captives", Q, 100, "<", None),
    (
        "No fewer than 30 civilians died in the attack.",
        "No fewer than 30",
        "deaths",
        Q,
        30,
        ">=",
        None,
    ),
    ("Between 40 and 50 people were wounded.", "Between 40 and 50", "wounded", Q, 40, "=", None),
    (
        "An estimated 1.2 million people were displaced.",
        "An estimated 1.2 million",
        "displaced",
        Q,
        1200000,
        "~",
        None,
    ),
    ("Up to 300 homes were damaged in the storm.", "Up to 300", "homes", Q, 300, "<=", None),
    (
        "Roughly 60 percent of buildings were damaged.",
        "Roughly 60 percent",
        "buildings",
        Q,
        60,
        "~",
        "percent",
    ),
    ("Almost 70% of homes have been destroyed.", "Almost 70%", "homes", Q, 70, "<", "percent"),
    (
        "The fighting has killed more than 1,000 people.",
        "more than 1,000",
        "deaths",
        Q,
        1000,
        ">",
        None,
    ),
    ("The toll passed 47,400 on Saturday.", "47,400", "deaths", Q, 47400, ">", None),
    (
        "The death toll exceeded 20,000 by the end of the year.",
        "20,000",
        "deaths",
        Q,
        20000,
        ">",
        None,
    ),
    ("Some 1,200 people were killed in the assault.", "Some 1,200", "deaths", Q, 1200, "~", None),
    ("About 250 people were taken hostage.", "About 250", "captives", Q, 250, "~", None),
    ("At least 17 people were injured.", "At least 17", "wounded", Q, 17, ">=", None),
    (
        "The army said 33 hostages would be released in the first stage.",
        "33",
        "captives",
        Q,
        33,
        "=",
        None,
    ),
    (
        "Israel will free 1,904 Palestinian prisoners under the deal.",
        "1,904",
        "prisoners",
        Q,
        1904,
        "=",
        None,
    ),
    ("The raids left 14 dead, medics said.", "14", "deaths", Q, 14, "=", None),
    ("Eight were wounded in the shelling.", "Eight", "wounded", Q, 8, "=", None),
    ("Some 12,000 housing units were destroyed.", "Some 12,000", "homes", Q, 12000, "~", None),
    # -- durations
    (
        "After a year and a half of war, the guns fell silent.",
        "a year and a half",
        "war",
        T,
        18,
        "=",
        None,
    ),
    (
        "The region has endured a decade and a half of blockade.",
        "a decade and a half",
        "blockade",
        T,
        180,
        "=",
        None,
    ),
    ("The siege lasted 15 months.", "15 months", "war", T, 15, "=", None),
    ("Residents endured 471 days of war.", "471 days", "war", T, 15.47, "=", None),
    ("The 15-month war left the city in ruins.", "15-month", "war", T, 15, "=", None),
    (
        "The fighters fought for two and a half years.",
        "two and a half years",
        "war",
        T,
        30,
        "=",
        None,
    ),
    ("The offensive went on for nearly a year.", "nearly a year", "war", T, 12, "<", None),
    (
        "He spent more than two decades of detention in Israeli jails.",
        "more than two decades",
        "detention",
        T,
        240,
        ">",
        None,
    ),
    # -- dates of named events and actions
    (
        "Operation Al-Aqsa Flood, which Hamas launched on October 6, 2023, opened the war.",
        "October 6, 2023",
        "attack",
        D,
        "2023-10-06",
        "=",
        None,
    ),
    (
        "Operation Al-Aqsa Flood, launched on October 7, 2023, opened the war.",
        "October 7, 2023",
        "attack",
        D,
        "2023-10-07",
        "=",
        None,
    ),
    (
        "The war followed the Hamas-led assault on October 7, 2023.",
        "October 7, 2023",
        "attack",
        D,
        "2023-10-07",
        "=",
        None,
    ),
    (
        "The attack of 7 October 2023 killed some 1,200 people.",
        "7 October 2023",
        "attack",
        D,
        "2023-10-07",
        "=",
        None,
    ),
    (
        "Militants launched the raid on 3 March 2024.",
        "3 March 2024",
        "attack",
        D,
        "2024-03-03",
        "=",
        None,
    ),
    (
        "The invasion, which began on February 24, 2022, is in its third year.",
        "February 24, 2022",
        "attack",
        D,
        "2022-02-24",
        "=",
        None,
    ),
    (
        "Since the October 7 attack, the border has stayed closed.",
        "October 7",
        "attack",
        D,
        "--10-07",
        "=",
        None,
    ),
]


def _value_matches(
    claim: Claim, kind: str, value: float | str, qualifier: str, unit: str | None
) -> None:
    assert claim.value.type == kind
    if kind == D:
        assert claim.value.start == value
    elif kind == T:
        assert claim.value.months == pytest.approx(float(value), abs=0.01)
        assert claim.value.qualifier == qualifier
    else:
        assert claim.value.amount == pytest.approx(float(value), rel=1e-3)
        assert claim.value.qualifier == qualifier
        assert claim.value.unit == unit


@pytest.mark.parametrize(
    ("sentence", "text", "group", "kind", "value", "qualifier", "unit"),
    PHRASINGS,
    ids=[row[0][:50] for row in PHRASINGS],
)
def test_phrasing_gives_its_claim(
    analyse: Analyse,
    sentence: str,
    text: str,
    group: str,
    kind: str,
    value: float | str,
    qualifier: str,
    unit: str | None,
) -> None:
    claims = analyse(sentence, published="2025-02-10").claims
    found = [c for c in claims if c.text.casefold() == text.casefold()]
    assert found, f"no claim {text!r} in {[(c.text, c.group) for c in claims]}"
    claim = found[0]
    assert claim.group == group, (claim.subject, claim.group, claim.facets)
    _value_matches(claim, kind, value, qualifier, unit)


NOT_CLAIMS: list[tuple[str, str]] = [
    (
        "Hamas delegation meets the Leader - 8 /Feb/ 2025\n\nThe Leader received the delegation.",
        "8",
    ),
    ("Title: Talks resume - 11 /Feb/ 2025\n\nNegotiators met again in Cairo.", "11"),
    ("CAIRO, Feb 1 (LWS) – Mediators said the exchange went ahead.", "1"),
    ("A 64-year-old man was among those freed.", "64"),
    ("The ceasefire took effect in 2025 after talks.", "2025"),
    ("Call 0201234567 for details, page 12 says.", "0201234567"),
    ("He was a father of seven, neighbours said.", "seven"),
    ("In the second half of 2024 the talks stalled.", "half"),
]


@pytest.mark.parametrize(("text", "figure"), NOT_CLAIMS, ids=[r[0][:40] for r in NOT_CLAIMS])
def test_titles_datelines_and_non_counts_are_no_claims(
    analyse: Analyse, text: str, figure: str
) -> None:
    claims = analyse(text, title=text.split("\n")[0].removeprefix("Title: ")).claims
    assert not [c for c in claims if figure in c.text.casefold().split()], [
        (c.text, c.subject) for c in claims
    ]


def test_the_table_holds_at_least_sixty_phrasings() -> None:
    assert len(PHRASINGS) >= 60
