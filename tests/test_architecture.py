"""The layers stay apart: the spaCy-free core (`presswatch.lang`) is what linking,
rendering, the store, the CLI and ingest import; the extractors (and spaCy) are not."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "presswatch"
# Modules that must never import the extractors, each a file or a folder of them.
ABOVE_EXTRACTION = ["link", "render", "ingest", "store.py", "cli.py"]


def modules(*names: str) -> list[Path]:
    found: list[Path] = []
    for name in names:
        path = PACKAGE / name
        found.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return found


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def reaches(names: set[str], package: str) -> list[str]:
    return sorted(n for n in names if n == package or n.startswith(f"{package}."))


@pytest.mark.parametrize("path", modules(*ABOVE_EXTRACTION), ids=lambda p: p.stem)
def test_link_render_ingest_store_and_cli_never_import_the_extractors(path: Path) -> None:
    assert reaches(imported(path), "presswatch.extract") == []


@pytest.mark.parametrize("path", modules("lang"), ids=lambda p: p.stem)
def test_the_core_imports_neither_spacy_nor_the_extractors(path: Path) -> None:
    names = imported(path)
    assert reaches(names, "spacy") == [] and reaches(names, "presswatch.extract") == []
