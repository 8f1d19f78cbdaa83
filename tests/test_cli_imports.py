"""The CLI starts light: help and the read commands never import spaCy, scipy or the readers
of analysis, so a plain install runs them and they start at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Analyse, save_linked

HEAVY = ("spacy", "scipy", "thinc", "trafilatura", "dateparser")
PRESSWATCH = Path(sys.executable).parent / "presswatch"


def heavy_modules_after(code: str) -> list[str]:
    """The heavy libraries a fresh interpreter has imported after running `code`."""
    script = (
        f"import sys\n{code}\n"
        f"sys.stderr.write('\\nloaded: ' + ' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr.rpartition("loaded:")[2].split()


def test_importing_the_cli_imports_no_nlp_or_evaluation_library() -> None:
    assert heavy_modules_after("import presswatch.cli") == []


@pytest.mark.parametrize("command", [["--help"], ["quotes", "--help"], ["eval", "--help"]])
def test_help_of_the_installed_command_works(command: list[str]) -> None:
    result = subprocess.run([str(PRESSWATCH), *command], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Usage: presswatch" in result.stdout


def test_reading_the_store_imports_no_nlp_library(tmp_path: Path, analyse: Analyse) -> None:
    db = tmp_path / "p.db"
    text = 'Officials said 120 prisoners were freed. "It is a start," Abbas Araghchi said.'
    save_linked(db, [analyse(text, outlet="Times of Oman")])
    for command in (["actors"], ["quotes"], ["claims"], ["findings"], ["search", "prisoners"]):
        arguments = [*command, "--db", str(db)]
        run = f"from presswatch.cli import app\napp({arguments!r}, standalone_mode=False)"
        assert heavy_modules_after(run) == [], command
