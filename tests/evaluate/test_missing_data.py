"""An evaluation run without its corpus says which path is missing and how to point at it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from presswatch.cli import app


@pytest.mark.parametrize(
    ("command", "missing"),
    [
        ("ptc", "ptc/task2-TC.labels"),
        ("cameo", "cameo/PETR_Validate_records_2_02.xml"),
        ("ecb-entities", "ecbplus"),
        ("ecb-stories", "ecbplus"),
        ("polnear", "polnear/dev/attributions"),
    ],
)
def test_an_evaluation_without_its_data_names_the_missing_path_and_the_data_option(
    tmp_path: Path, command: str, missing: str
) -> None:
    result = CliRunner().invoke(app, ["eval", command, "--data", str(tmp_path)])
    assert result.exit_code == 2
    folder = missing.split("/")[0]
    assert result.output.splitlines() == [
        f"error: {tmp_path / missing}: not found; point --data at the folder holding "
        f"{folder}/ (e.g. --data ../shared/data)"
    ]
