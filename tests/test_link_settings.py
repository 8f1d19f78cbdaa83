"""Link settings live with the corpus: a later run links the whole store as the last one did,
unless it is given new settings, and it says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.link import link_corpus
from presswatch.pipeline import RunObserver, run_analysis
from presswatch.registry import UnknownName
from presswatch.settings import LinkFile, LinkSettings, Settings, link_settings_for
from presswatch.store import Store

KHAMENEI = (
    "Outlet: Tehran Times\nDate: 2025-02-08\n\nAyatollah Khamenei received the delegation "
    "in Tehran on Saturday."
)
DOHA = (
    "Outlet: Gulf Observer\nDate: 2025-03-03\n\nQatar's prime minister said in Doha that "
    "mediators were cautiously optimistic."
)
KNOWN = "- name: Ali Khamenei\n  aliases: [Sayyed Ali Khamenei]\n  wikidata: {wikidata}\n"


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(inputs: list[str], db: Path, settings: Settings) -> list[str]:
    """Analyse into `db`; the warnings the run gave."""
    warnings: list[str] = []
    run_analysis(inputs, settings=settings, db=db, observer=RunObserver(on_warning=warnings.append))
    return warnings


def leader_wikidata(db: Path) -> str | None:
    with Store.read(db) as store:
        record = store.load_record()
    (leader,) = [a for a in record.actors if "Khamenei" in a.name]
    return leader.wikidata


def test_a_later_run_without_actors_keeps_the_known_actor_links_of_the_store(
    tmp_path: Path,
) -> None:
    db = tmp_path / "p.db"
    known = write(tmp_path, "actors.yaml", KNOWN.format(wikidata="Q57336"))
    assert run([write(tmp_path, "a.txt", KHAMENEI)], db, Settings(known_actors=known)) == []
    assert leader_wikidata(db) == "Q57336"
    Path(known).unlink()  # the store keeps the file's text, not only its name
    warnings = run([write(tmp_path, "b.txt", DOHA)], db, Settings())
    assert warnings == [f"using the link settings stored in {db}: --actors {known}"]
    assert leader_wikidata(db) == "Q57336"


def test_new_actors_replace_the_stored_ones_and_the_run_says_so(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    first = write(tmp_path, "first.yaml", KNOWN.format(wikidata="Q57336"))
    second = write(tmp_path, "second.yaml", KNOWN.format(wikidata="Q1"))
    report = write(tmp_path, "a.txt", KHAMENEI)
    run([report], db, Settings(known_actors=first))
    warnings = run([report], db, Settings(known_actors=second))
    assert warnings == [
        f"replacing the link settings stored in {db} (--actors {first}) with --actors {second}"
    ]
    assert leader_wikidata(db) == "Q1"
    with Store.read(db) as store:
        assert store.link_settings() == LinkSettings(known_actors=LinkFile.read(second, "actors"))


def test_the_stored_alignment_is_used_until_another_is_given() -> None:
    stored = LinkSettings(quote_alignment="embedding")
    used, notes = link_settings_for(Settings(), stored, "p.db")
    assert used.quote_alignment == "embedding"
    assert notes == ["using the link settings stored in p.db: --quote-alignment embedding"]
    used, notes = link_settings_for(Settings(quote_alignment="lexical"), stored, "p.db")
    assert used.quote_alignment == "lexical"
    assert notes == [
        "replacing the link settings stored in p.db (--quote-alignment embedding) "
        "with --quote-alignment lexical"
    ]


def test_the_same_settings_again_or_none_stored_say_nothing() -> None:
    assert link_settings_for(Settings(), None, "p.db") == (LinkSettings(), [])
    assert link_settings_for(Settings(), LinkSettings(), "p.db") == (LinkSettings(), [])


def test_an_unknown_quote_alignment_is_an_error_not_lexical() -> None:
    with pytest.raises(UnknownName, match="unknown quote alignment 'semantic'"):
        LinkSettings.read(Settings(quote_alignment="semantic"))


def test_a_misspelt_linker_is_an_error_not_a_silent_skip() -> None:
    with pytest.raises(UnknownName, match=r"unknown linker 'stores' \(known: .*stories"):
        link_corpus([], Settings(linkers=("actors", "stores")))
