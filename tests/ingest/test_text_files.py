"""Plain text files: encodings, metadata headers, and the one-line errors for bad files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.model import Document
from presswatch.settings import Settings

BODY = (
    "Foreign Minister Abbas Araghchi said on Monday that talks with the European trio "
    "would resume “within weeks”. The café owner near the ministry said the street was calm."
)


def read_one(path: Path, settings: Settings | None = None) -> Document | InputError:
    items = list(read_inputs([str(path)], settings or Settings()))
    assert len(items) == 1
    return items[0]


def test_utf8_with_bom_is_read_without_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + BODY.encode("utf-8"))
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.text == BODY


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(BODY.encode("utf-16"))
    document = read_one(path)
    assert isinstance(document, Document) and document.text == BODY


def test_cp1252_curly_quotes_and_accents_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(BODY.encode("cp1252"))
    document = read_one(path)
    assert isinstance(document, Document)
    assert "“within weeks”" in document.text and "café" in document.text


def test_metadata_header_becomes_fields_and_leaves_the_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Title: Araghchi expects talks to resume\nOutlet: IRNA\nDate: 12 February 2025\n"
        "URL: https://en.irna.ir/news/1\nAuthor: Staff\n\n" + BODY,
        encoding="utf-8",
    )
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.title == "Araghchi expects talks to resume"
    assert document.outlet == "IRNA"
    assert document.published == "2025-02-12"
    assert document.url == "https://en.irna.ir/news/1"
    assert document.author == "Staff"
    assert document.text == BODY


def test_lowercase_date_line_without_colon_is_a_header(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2025-02-12\n\n" + BODY, encoding="utf-8")
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.published == "2025-02-12" and document.text == BODY


def test_date_in_title_is_the_published_date_when_nothing_better_exists(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title: Leader receives delegation - 8 /Feb/ 2025\n\n" + BODY)
    document = read_one(path)
    assert isinstance(document, Document) and document.published == "2025-02-08"


def test_first_line_that_merely_looks_like_a_header_stays_in_the_body(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "Gaza: thousands walked north on Monday.\n\nThe crossing opened at dawn."
    path.write_text(text, encoding="utf-8")
    document = read_one(path)
    assert isinstance(document, Document) and document.text == text


def test_paragraphs_stay_separated_by_one_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("First paragraph here.  \r\n\r\n\r\n\r\nSecond\u200b paragraph.\r\n")
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.text == "First paragraph here.\n\nSecond paragraph."


def test_binary_file_is_an_error_naming_its_type(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    error = read_one(path)
    assert isinstance(error, InputError)
    assert str(error) == f"{path}: binary file (application/pdf)"


def test_bytes_with_nul_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 4)
    error = read_one(path)
    assert isinstance(error, InputError) and "binary" in error.reason


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n ")
    error = read_one(path)
    assert isinstance(error, InputError) and error.reason == "empty"


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 10)
    error = read_one(path, Settings(max_file_bytes=100))
    assert isinstance(error, InputError) and error.reason.startswith("too large")


def test_missing_file_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(BODY)
    items = list(read_inputs([str(tmp_path / "missing.txt"), str(good)], Settings()))
    assert isinstance(items[0], InputError) and "no such file" in items[0].reason
    assert isinstance(items[1], Document)


def test_directory_is_read_recursively_skipping_hidden_and_readme(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "one.txt").write_text(BODY)
    (tmp_path / "two.txt").write_text(BODY + " Another sentence.")
    (tmp_path / ".hidden.txt").write_text("secret draft text that is not an article")
    (tmp_path / "README.md").write_text("This folder holds articles.")
    items = list(read_inputs([str(tmp_path)], Settings()))
    assert [Path(i.source).name for i in items if isinstance(i, Document)] == ["one.txt", "two.txt"]


def test_outlet_option_overrides_every_input(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Outlet: IRNA\n\n" + BODY)
    document = read_one(path, Settings(outlet="Mehr News"))
    assert isinstance(document, Document) and document.outlet == "Mehr News"


def test_language_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "fa.txt"
    path.write_text("رهبر انقلاب اسلامی صبح امروز با هیئتی از رهبران جنبش حماس دیدار کردند.")
    document = read_one(path)
    assert isinstance(document, Document) and document.language == "fa"


def test_byline_without_colon_is_the_author(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("By Ana de la Cruz and Omar bin Said\nDated 3 March 2025\n\n" + BODY)
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.author == "Ana de la Cruz and Omar bin Said"
    assert document.published == "2025-03-03" and document.text == BODY


def test_sentence_opening_with_by_stays_in_the_body(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "By noon the square was full of people waving flags.\n\n" + BODY
    path.write_text(text)
    document = read_one(path)
    assert isinstance(document, Document) and document.text == text and document.author is None


def test_known_key_without_colon_is_not_a_header_unless_it_may_be_bare(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = "Source close to the talks said the deal was near.\n\n" + BODY
    path.write_text(text)
    document = read_one(path)
    assert isinstance(document, Document) and document.text == text and document.outlet is None


def test_source_key_names_the_outlet_and_header_ends_at_the_body(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Source: Levant Wire\nHeadline: Talks resume\n\nTitle: not a header now\n")
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.outlet == "Levant Wire" and document.title == "Talks resume"
    assert document.text == "Title: not a header now"


def test_utf16_big_endian_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xfe\xff" + BODY.encode("utf-16-be"))
    document = read_one(path)
    assert isinstance(document, Document) and document.text == BODY


def test_stray_high_bytes_never_crash_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"The minister said \x81\x8d\x8f\x90\x9d the talks went well.\xff\xfe\xfd")
    item = read_one(path)
    assert isinstance(item, Document | InputError)


def test_soft_hyphens_and_c1_controls_are_removed_but_persian_joiners_stay(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The nego\u00adtiators\u0080 met.\n\nمی\u200cخواهیم", encoding="utf-8")
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.text == "The negotiators met.\n\nمی\u200cخواهیم"


def test_text_over_the_character_cap_is_cut_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(BODY * 5)
    document = read_one(path, Settings(max_text_chars=100))
    assert isinstance(document, Document) and len(document.text) == 100
    assert document.warnings == ["text cut to 100 characters"]


def test_english_text_is_marked_english(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text(BODY)
    document = read_one(path)
    assert isinstance(document, Document) and document.language == "en"


def test_image_in_a_folder_is_an_error_line_and_other_kinds_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "c.html").write_text(f"<html><body><p>{BODY}</p></body></html>")
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": BODY + " More.", "title": "T"}) + "\n")
    items = list(read_inputs([str(tmp_path)], Settings()))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document", "Document"]
    assert str(items[1]) == f"{tmp_path / 'b.png'}: binary file (image/png)"


def test_unreadable_file_names_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(BODY)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user that can read any file")
        error = read_one(path)
        assert isinstance(error, InputError) and error.reason == "permission denied"
    finally:
        path.chmod(0o644)


def test_first_line_standing_alone_is_the_title_and_its_date_the_published_date(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt"
    text = "Leader receives Hamas delegation - 8 /Feb/ 2025\n\n" + BODY
    path.write_text(text)
    document = read_one(path)
    assert isinstance(document, Document)
    assert document.title == "Leader receives Hamas delegation - 8 /Feb/ 2025"
    assert document.published == "2025-02-08"
    assert document.text == text  # the headline stays part of the published text


def test_a_first_sentence_or_dateline_is_not_taken_for_a_title(tmp_path: Path) -> None:
    for opening in ("The talks ended on Monday.", "TEHRAN \u2013", "said the minister on Monday"):
        path = tmp_path / "a.txt"
        path.write_text(f"{opening}\n\n{BODY}")
        document = read_one(path)
        assert isinstance(document, Document) and document.title is None, opening


def test_relative_or_yearless_header_dates_give_no_published_date(tmp_path: Path) -> None:
    for written in ("3 hours ago", "12 February"):
        path = tmp_path / "a.txt"
        path.write_text(f"Title: Talks resume\nPublished: {written}\n\n{BODY}")
        document = read_one(path)
        assert isinstance(document, Document)
        assert document.published is None and document.text == BODY, written
