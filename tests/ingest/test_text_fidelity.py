"""No word of a plain-text article is lost to its header: only a key and its value are metadata."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.ingest import read_inputs
from presswatch.ingest.datelines import read_dateline
from presswatch.ingest.text import read_text
from presswatch.model import Document
from presswatch.settings import Settings

LEAD = (
    "date 2025-02-12 TEHRAN \u2013 In a landmark meeting on Wednesday morning, the Leader of "
    "the Islamic Revolution, Ayatollah Seyyed Ali Khamenei, received Muhammad Ismail "
    "Darwish, head of the Hamas Leadership Council, and the delegation accompanying him "
    "in Tehran."
)
SECOND = "The two sides discussed the ceasefire and the exchange of prisoners, officials said."


def read_file(path: Path) -> Document:
    items = list(read_inputs([str(path)], Settings()))
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def test_a_lead_paragraph_opening_with_a_bare_date_key_keeps_every_word(tmp_path: Path) -> None:
    path = tmp_path / "tehran.txt"
    path.write_text(f"{LEAD}\n\n{SECOND}\n", encoding="utf-8")
    document = read_file(path)
    assert document.published == "2025-02-12"
    assert document.place == "Tehran"
    assert document.text.startswith("TEHRAN \u2013 In a landmark meeting on Wednesday morning")
    for words in ("Muhammad Ismail Darwish", "Ali Khamenei", "in Tehran.", SECOND):
        assert words in document.text


def test_a_keyed_date_followed_by_text_gives_the_date_and_keeps_the_text() -> None:
    text = "Title: Talks in Tehran\nDate: 12 February 2025 GAZA CITY, Feb 12 (LWS) - Crowds met.\n"
    document = read_text("a.txt", text, Settings())
    assert document.title == "Talks in Tehran"
    assert document.published == "2025-02-12"
    assert document.text == "GAZA CITY, Feb 12 (LWS) - Crowds met."
    assert document.place == "Gaza City"


def test_whole_header_lines_are_still_metadata() -> None:
    text = (
        "Title: Leader receives delegation\nPublished: 2025-02-12\nBy Jane Doe and Ali Reza\n"
        "Source: Tehran Times\nURL: https://example.org/a\n\nThe meeting lasted two hours."
    )
    document = read_text("a.txt", text, Settings())
    assert document.text == "The meeting lasted two hours."
    assert (document.title, document.published, document.author, document.outlet) == (
        "Leader receives delegation",
        "2025-02-12",
        "Jane Doe and Ali Reza",
        "Tehran Times",
    )


def test_a_sentence_after_a_key_is_text_not_metadata() -> None:
    for line in (
        "Source: officials in Gaza said the crossing would open on Sunday.",
        "By noon the square was full.",
        "Date night in Gaza was quiet this year.",
        "Published reports said 40 people were hurt.",
    ):
        document = read_text("a.txt", f"{line}\n\nThe crossing opened.", Settings())
        assert document.text.startswith(line), line


def test_a_dateline_gives_the_place_and_stays_in_the_text() -> None:
    found = read_dateline("GAZA CITY, Feb 8 (Reuters) - Crowds gathered.")
    assert found is not None and (found.place, found.written_date) == ("Gaza City", "Feb 8")
    document = read_text("a.txt", "CAIRO, 3 March 2025 \u2013 Talks resumed.", Settings())
    assert document.place == "Cairo" and document.published == "2025-03-03"
    assert document.text == "CAIRO, 3 March 2025 \u2013 Talks resumed."
    assert read_dateline("The talks resumed - at last.") is None


# Words a real opening paragraph uses, header keys and date parts among them.
WORDS = st.sampled_from(
    [
        "the",
        "minister",
        "said",
        "talks",
        "date",
        "by",
        "source",
        "title",
        "published",
        "on",
        "Monday",
        "Tehran",
        "TEHRAN",
        "Gaza",
        "2025",
        "12",
        "February",
        "in",
        "at",
        "of",
        "with",
        "and",
        "officials",
        "were",
        "held",
        "resumed",
        "dated",
        "outlet",
        "url",
        "Leader",
        "met",
        "delegation",
        "-",
    ]
)
# A sentence opens with a word, not a date: "Date 12 February 2025 …" is a header value.
OPENING_WORDS = st.sampled_from(
    ["The", "Officials", "Talks", "Leader", "Gaza", "Tehran", "By", "Source"]
)
SENTENCES = st.builds(
    lambda first, words: " ".join([first, *words]) + ".",
    OPENING_WORDS,
    st.lists(WORDS, min_size=2, max_size=13),
)
# Lines that are a key and its value only: allowed to become metadata.
WHOLE_HEADERS = st.sampled_from(
    [
        "Title: Talks resume in Tehran",
        "date 2025-02-12",
        "Date: Wednesday, 12 February 2025",
        "By Jane Doe",
        "Outlet: Tehran Times",
        "URL: https://example.org/news/1",
        "Published: 3 hours ago",
        "Language: en",
    ]
)
# Openings after which the sentence must stay text.
OPENINGS = st.sampled_from(
    [
        "",
        "date 2025-02-12 ",
        "Date: 12 February 2025 ",
        "Published: 2025-02-12T09:30:00Z ",
        "dated February 12, 2025 ",
        "date 2025-02-12 TEHRAN \u2013 ",
        "GAZA CITY, Feb 8 (Reuters) - ",
        "By ",
        "Source: ",
        "Date ",
    ]
)


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A text opening with header-like lines, and the sentences it holds."""
    lines = draw(st.lists(WHOLE_HEADERS, max_size=4))
    sentences: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        opening, sentence = draw(OPENINGS), draw(SENTENCES)
        lines.append(opening + sentence)
        sentences.append(sentence)
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines), sentences


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_every_sentence_of_a_plain_text_input_is_in_the_stored_text(
    article: tuple[str, list[str]],
) -> None:
    text, sentences = article
    document = read_text("generated.txt", text, Settings())
    for sentence in sentences:
        assert sentence in document.text, (sentence, document.text)
