"""Every data file loads through its typed loader; a broken copy is one line naming the
file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.lang import data
from presswatch.lang.data import PRONOUNS, DataFile, DataFileError

LOADERS = [value for value in vars(data).values() if isinstance(value, DataFile)]
DATA = Path(data.__file__).resolve().parent.parent / "data"


def test_every_data_file_has_a_loader_and_loads() -> None:
    named = {loader.name for loader in LOADERS}
    files = {
        p.name
        for p in DATA.iterdir()
        if p.suffix in (".yaml", ".yml", ".tsv", ".txt") and "LICENSE" not in p.name
    }
    assert files <= named
    for loader in LOADERS:
        loader.load()


def broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (DATA / name).read_text(encoding="utf-8")
    assert old in text
    copy = tmp_path / name
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


# (data file, text in it, broken text, where and what the error says)
BROKEN = {
    "a missing field": (
        "cameo_patterns.yaml",
        'cameo: "040", ',
        "",
        "verbs.meet.cameo: Field required",
    ),
    "a misspelt key": (
        "pronouns.yaml",
        "he: {gender: m,",
        "he: {gendr: m,",
        "he.gendr: Extra inputs are not permitted",
    ),
    # YAML reads a bare `on` or `no` as a boolean: the word would silently never match.
    "a YAML boolean for a word": (
        "cameo_patterns.yaml",
        '"on"',
        "on",
        "target_prepositions.#4: Input should be a valid string",
    ),
    "a list entry, counted from 1": (
        "honorifics.yaml",
        "{words: [hajj, haj, hajji]}",
        "{words: hajj}",
        "#5.words: Input should be a valid list",
    ),
    "a pattern that does not compile": (
        "transliteration.yaml",
        '["ph", "f"]',
        '["(ph", "f"]',
        "rules.#3.#1: Value error, not a regular expression",
    ),
    "a word list's line": (
        "reporting_verbs.txt",
        "\nwarn\n",
        "\nwarn loudly\n",
        "line 13: Value error, a reporting verb is one lowercase lemma (found 'warn loudly')",
    ),
}


@pytest.mark.parametrize(("name", "old", "new", "says"), BROKEN.values(), ids=list(BROKEN))
def test_a_broken_copy_is_one_line_naming_the_file_and_the_entry(
    tmp_path: Path, name: str, old: str, new: str, says: str
) -> None:
    copy = broken_copy(tmp_path, name, old, new)
    loader = next(loader for loader in LOADERS if loader.name == name)
    with pytest.raises(DataFileError) as error:
        loader.read(copy)
    assert str(error.value).startswith(f"{copy}: entry {says}")
    assert "\n" not in str(error.value)


def test_a_file_that_is_not_yaml_says_so(tmp_path: Path) -> None:
    copy = tmp_path / "pronouns.yaml"
    copy.write_text("he: {gender: m\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"pronouns\.yaml: not YAML"):
        PRONOUNS.read(copy)
