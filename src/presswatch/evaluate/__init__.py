"""`presswatch eval …`: each evaluation is one module that adds its command to `eval_app`.

A module is imported only when its command is run or listed, so the CLI starts without
spaCy or scipy. Evaluation corpora live in ../shared/data (never in the repository);
`--data` points elsewhere. Scores are printed as a table and, with `--json`, written for docs.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

# Each evaluation's command and the module declaring it, in the order `eval --help` lists them.
EVALUATIONS = {
    "polnear": "polnear",
    "ecb-entities": "ecb_entities",
    "ecb-stories": "ecb_stories",
    "ecb-stories-fit": "ecb_stories",
    "cameo": "cameo",
    "quote-alignment": "quote_alignment",
    "ptc": "ptc",
    "recognizers": "recognizers",
}


class Evaluations(TyperGroup):
    """The `eval` group: knows every evaluation by name, imports its module on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(EVALUATIONS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in EVALUATIONS:
            importlib.import_module(f"{__name__}.{EVALUATIONS[cmd_name]}")
            self.commands.update(typer.main.get_group(eval_app).commands)
        return self.commands.get(cmd_name)


eval_app = typer.Typer(
    cls=Evaluations, help="Measure presswatch on published benchmarks.", no_args_is_help=True
)

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
