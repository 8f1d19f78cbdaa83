"""Plain text files: encodings, metadata headers, and the one-line errors for bad files."""

from __future__ import annotations

from pathlib import Path

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
