"""`presswatch eval …`: each evaluation is one module that adds its command to `eval_app`.

Evaluation corpora live in ../shared/data (never in the repository); `--data` points
elsewhere. Scores are printed as a table and, with `--json`, written for docs.
"""

from __future__ import annotations

from pathlib import Path

import typer

from presswatch.registry import import_members

eval_app = typer.Typer(help="Measure presswatch on published benchmarks.", no_args_is_help=True)

# Next to the repository checkout, as the workplace lays it out.
DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"

EVALUATION_MODULES = (
    "polnear",
    "ecb_entities",
    "ecb_stories",
    "cameo",
    "quote_alignment",
    "ptc",
)

import_members(__name__, EVALUATION_MODULES)
