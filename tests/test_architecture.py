"""The layers stay apart: the spaCy-free core (`presswatch.lang`) is what linking,
rendering, the store, the CLI and ingest import; the extractors (and spaCy) are not."""

from __future__ import annotations

import ast
import graphlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
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


def test_importing_link_render_store_and_cli_loads_no_spacy() -> None:
    every = [
        ".".join(("presswatch", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for p in modules("link", "render", "lang", "store.py", "cli.py")
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {every!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')"
        " or m.startswith('presswatch.extract')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# No import cycle. Edges come from `import` statements (those under `if TYPE_CHECKING:` run
# only for the type checker and are left out) and from loads by name that run while a
# module is imported (`import_members(__name__, MODULES)` at module level). A parent
# package is not an edge of its submodules: Python runs `pkg/__init__` first, and only
# names imported from it count. A registry's `load()` imports its members by name when it
# is asked, after every module involved has finished importing, so it is not an edge: a
# member importing its registry is the one back reference the design has.


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    deferred: bool  # inside a function: runs when called, not when the module is imported


def module_names(package: Path) -> dict[str, Path]:
    """Dotted module name → file, for every module of the package at `package`."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def strings(node: ast.expr, constants: dict[str, list[str]], module: str) -> list[str] | None:
    """The module names an argument spells: a string, `__name__`, a tuple/list of strings,
    or a module-level name bound to one; None when it cannot be read from the source."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name):
        return [module] if node.id == "__name__" else constants.get(node.id)
    if isinstance(node, ast.Tuple | ast.List):
        found = [strings(item, constants, module) for item in node.elts]
        return None if any(f is None for f in found) else [s for f in found if f for s in f]
    return None


def imports_of(module: str, path: Path, known: dict[str, Path]) -> Iterator[Edge]:
    """Every import of one module (targets may lie outside the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    constants: dict[str, list[str]] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            value = strings(statement.value, {}, module)
            if isinstance(target, ast.Name) and value is not None:
                constants[target.id] = value

    def walk(node: ast.AST, deferred: bool) -> Iterator[Edge]:
        for child in ast.iter_child_nodes(node):
            if is_type_checking(child):
                continue
            inner = deferred or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Edge(module, alias.name, inner)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*anchor, *([child.module] if child.module else [])])
                for alias in child.names:
                    submodule = f"{base}.{alias.name}"
                    yield Edge(module, submodule if submodule in known else base, inner)
            elif isinstance(child, ast.Call) and not inner:
                yield from loads_by_name(child)
            yield from walk(child, inner)

    def loads_by_name(call: ast.Call) -> Iterator[Edge]:
        name = ast.unparse(call.func)
        if name.endswith("import_members") and len(call.args) == 2:
            packages = strings(call.args[0], constants, module) or []
            members = strings(call.args[1], constants, module) or []
            for parent in packages:
                yield from (Edge(module, f"{parent}.{member}", False) for member in members)
        elif name.endswith("import_module") and call.args:
            for target in strings(call.args[0], constants, module) or []:
                yield Edge(module, target, False)

    yield from walk(tree, False)


def import_graph(package: Path, *, deferred: bool) -> dict[str, set[str]]:
    """Module → the modules it imports (with `deferred`, also those imported in functions)."""
    known = module_names(package)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for edge in imports_of(name, path, known):
            inside = edge.target in known and edge.target != name
            if inside and (deferred or not edge.deferred):
                graph[name].add(edge.target)
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle (first module repeated at the end), or [] when there is none."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return list(error.args[1])
    return []


def test_no_module_imports_itself_back_while_it_is_imported() -> None:
    assert cycle_in(import_graph(PACKAGE, deferred=False)) == []


def test_no_two_modules_import_each_other_even_inside_a_function() -> None:
    assert cycle_in(import_graph(PACKAGE, deferred=True)) == []


def write_package(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root / "pkg"


@pytest.mark.parametrize(
    ("files", "deferred", "cycle"),
    [
        (  # a module-level import answered by one inside a function
            {
                "__init__.py": "",
                "a.py": "from pkg import b\n",
                "b.py": "def f():\n  import pkg.a\n",
            },
            True,
            {"pkg.a", "pkg.b"},
        ),
        (  # a registry filled at import time by members that import it back
            {
                "__init__.py": "MEMBERS = ('one',)\nimport_members(__name__, MEMBERS)\n",
                "one.py": "from pkg import thing\n",
            },
            False,
            {"pkg", "pkg.one"},
        ),
        (  # a relative import
            {"__init__.py": "", "a.py": "from .b import x\n", "b.py": "from . import a\n"},
            False,
            {"pkg.a", "pkg.b"},
        ),
    ],
)
def test_the_import_graph_finds_a_cycle(
    tmp_path: Path, files: dict[str, str], deferred: bool, cycle: set[str]
) -> None:
    assert set(cycle_in(import_graph(write_package(tmp_path, files), deferred=deferred))) == cycle


def test_type_checking_imports_and_deferred_registry_loads_are_not_cycles(tmp_path: Path) -> None:
    files = {
        "__init__.py": "",
        "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n  from pkg import b\n",
        "b.py": "import pkg.a\n",
        "registry.py": "MEMBERS = ('one',)\ndef load():\n  import_members('pkg', MEMBERS)\n",
        "one.py": "from pkg.registry import load\n",
    }
    assert cycle_in(import_graph(write_package(tmp_path, files), deferred=True)) == []
