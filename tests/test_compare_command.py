from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from presswatch.cli import app

FIRST = """Date: 2025-02-08

TEHRAN - Iranian President Masoud Pezeshkian received the Omani foreign minister in Tehran.
"We will never accept a deal that ignores the rights of the Palestinian people," Pezeshkian said.
"""
SECOND = """Date: 2025-02-09

TEHRAN - Iranian President Masoud Pezeshkian met the Omani foreign minister on Saturday.
"We will never accept a deal that ignores the rights of Palestinians," Pezeshkian told him.
"""


def test_compare_writes_a_page_and_json_for_new_inputs_and_again_from_the_store(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    db, page, data = tmp_path / "c.db", tmp_path / "c.html", tmp_path / "c.json"
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "compare",
            str(first),
            str(second),
            "--db",
            str(db),
            "--html",
            str(page),
            "--json",
            str(data),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "2 reports" in result.output
    assert "Pezeshkian" in page.read_text(encoding="utf-8")
    again = runner.invoke(app, ["compare", str(first), str(second), "--db", str(db)])
    assert again.exit_code == 0 and "2 reports" in again.output


def test_compare_of_an_unreadable_input_fails_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["compare", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
