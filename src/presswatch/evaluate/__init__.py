"""`presswatch eval …`: each evaluation is one module that adds its command to `eval_app`.

Evaluation corpora live in ../shared/data (never in the repository); `--data` points
elsewhere. Scores are printed as a table and, with `--json`, written for docs.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from presswatch.registry import import_members

eval_app = typer.Typer(help="Measure presswatch on published benchmarks.", no_args_is_help=True)

# Next to the repository checkout, as the workplace lays it out.
DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


def data_path(data: Path, *parts: str) -> Path:
    """`data/parts…`, or a one-line error naming the missing path and `--data` (exit 2)."""
    path = data.joinpath(*parts)
    if not path.exists():
        Console(stderr=True).print(
            f"[red]error[/red]: {escape(str(path))}: not found; point --data at the folder "
            f"holding {escape(parts[0])}/ (e.g. --data ../shared/data)",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(2)
    return path


EVALUATION_MODULES = (
    "polnear",
    "ecb_entities",
    "ecb_stories",
    "cameo",
    "quote_alignment",
    "ptc",
)

import_members(__name__, EVALUATION_MODULES)
