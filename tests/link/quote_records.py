"""Hand-built corpus records for the quote alignment, drift and coverage tests."""

from __future__ import annotations

from presswatch.model import Actor, Document, Mention, Quote, Record, Story


def corpus(
    renderings: list[tuple[str, str, str]],
    *,
    speaker: str = "a1",
    stories: list[Story] | None = None,
) -> Record:
    """One document per (outlet, published, quoted words); each quotes `speaker` once."""
    record = Record()
    record.actors.append(Actor(id="a1", name="Ali Khamenei", kind="person"))
    record.actors.append(Actor(id="a2", name="Benjamin Netanyahu", kind="person"))
    for index, (outlet, published, words) in enumerate(renderings, start=1):
        text = f'The Leader said: "{words}"'
        start = text.index(words)
        record.documents.append(
            Document(
                id=f"d{index}",
                source=f"{outlet}.txt",
                outlet=outlet,
                published=published,
                text=text,
            )
        )
        record.quotes.append(
            Quote(
                id=f"q{index}",
                doc=f"d{index}",
                start=start,
                end=start + len(words),
                text=words,
                speaker=speaker,
            )
        )
        record.actors[0].mentions.append(
            Mention(doc=f"d{index}", start=4, end=10, text="Leader", kind="title")
        )
    if stories is not None:
        record.stories = stories
    return record
