"""Every data file loads through its typed loader; a broken copy is one line naming the
file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.lang import data
from presswatch.lang.data import (
    CAMEO_PATTERNS,
    HONORIFICS,
    PRONOUNS,
    REPORTING_VERBS,
    TRANSLITERATION,
    DataFile,
    DataFileError,
)

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


def test_a_missing_field_names_the_file_and_the_entry(tmp_path: Path) -> None:
    copy = broken_copy(tmp_path, "cameo_patterns.yaml", 'cameo: "040", ', "")
    with pytest.raises(DataFileError) as error:
        CAMEO_PATTERNS.read(copy)
    assert str(error.value).startswith(f"{copy}: entry verbs.meet.cameo: Field required")


def test_a_misspelt_key_is_an_error_not_ignored(tmp_path: Path) -> None:
    copy = broken_copy(tmp_path, "pronouns.yaml", "he: {gender: m,", "he: {gendr: m,")
    with pytest.raises(DataFileError, match=r"entry he\.gendr: Extra inputs are not permitted"):
        PRONOUNS.read(copy)


def test_an_unquoted_yaml_boolean_is_refused_where_a_word_belongs(tmp_path: Path) -> None:
    # YAML reads a bare `on` or `no` as a boolean: the word would silently never match.
    copy = broken_copy(tmp_path, "cameo_patterns.yaml", '"on"', "on")
    with pytest.raises(DataFileError, match=r"entry target_prepositions\.#4: .*string"):
        CAMEO_PATTERNS.read(copy)


def test_a_list_entry_is_counted_from_one(tmp_path: Path) -> None:
    copy = broken_copy(tmp_path, "honorifics.yaml", "{words: [hajj, haj, hajji]}", "{words: hajj}")
    with pytest.raises(DataFileError, match=r"entry #5\.words: Input should be a valid list"):
        HONORIFICS.read(copy)


def test_a_pattern_that_does_not_compile_is_named(tmp_path: Path) -> None:
    copy = broken_copy(tmp_path, "transliteration.yaml", '["ph", "f"]', '["(ph", "f"]')
    with pytest.raises(DataFileError, match=r"entry rules\.#3\.#1: Value error, not a regular"):
        TRANSLITERATION.read(copy)


def test_a_word_list_names_the_line(tmp_path: Path) -> None:
    copy = broken_copy(tmp_path, "reporting_verbs.txt", "\nwarn\n", "\nwarn loudly\n")
    with pytest.raises(DataFileError) as error:
        REPORTING_VERBS.read(copy)
    assert str(error.value).startswith(f"{copy}: entry line ")
    assert "'warn loudly'" in str(error.value)


def test_a_file_that_is_not_yaml_says_so(tmp_path: Path) -> None:
    copy = tmp_path / "pronouns.yaml"
    copy.write_text("he: {gender: m\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"pronouns\.yaml: not YAML"):
        PRONOUNS.read(copy)
