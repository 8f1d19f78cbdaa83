"""Convert the PETRARCH-2 dictionaries (MIT, Open Event Data Alliance) into presswatch data.

    .venv/bin/python scripts/convert_petrarch.py [--source DIR] [--out DIR]

Reads from DIR (default ../shared/data/petrarch2):
- CAMEO.2.0.txt                     → cameo_verbs.json    verb synsets, verbs, patterns
- Phoenix.Countries.actors.txt and
  Phoenix.International.actors.txt  → phoenix_actors.json named actors, dated codes
- Phoenix.MilNonState.actors.txt    → phoenix_groups.json militant and non-state groups
- Phoenix.agents.txt                → phoenix_agents.json agent nouns
- Phoenix.discards.txt              → discards.json       phrases that stop coding
and writes PETRARCH2-LICENSE.txt beside them: the MIT licence with each file's copyright.
Every JSON file opens with a header naming its source file, its SHA-256, the licence and
this script.

The formats are read by presswatch.lang.petrarch, as the PETRARCH-2 documentation
(dictionaries.rst) describes them. A line that does not fit stops the conversion with
`file:line: reason` (every bad line is listed) and nothing is written, except the few
upstream slips that module's ERRATA correct by exact text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from presswatch.lang.petrarch import (
    LEFT_OUT_DISCARDS,
    DictionaryErrors,
    VerbDictionaryReader,
    read_actors,
    read_agents,
    read_discards,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "petrarch2"
DEFAULT_OUT = ROOT / "src" / "presswatch" / "data"
UPSTREAM = "https://github.com/openeventdata/petrarch2, folder petrarch2/data/dictionaries"
LICENCE_FILE = "PETRARCH2-LICENSE.txt"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def header(source: Path, holds: str) -> dict[str, str]:
    return {
        "holds": holds,
        "source": f"{source.name} from PETRARCH-2, {UPSTREAM}",
        "source_sha256": sha256(source),
        "licence": f"MIT, Copyright (c) Open Event Data Alliance; notice in {LICENCE_FILE}",
        "generated_by": "scripts/convert_petrarch.py",
    }


# -- writing -------------------------------------------------------------------------------


def write_json(path: Path, content: dict[str, Any]) -> None:
    path.write_text(
        json.dumps(content, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )


def convert(source: Path, out: Path) -> list[Path]:
    """Read every dictionary first, then write; a bad line leaves the old files in place."""
    problems: list[str] = []

    def gather(read: Callable[[], Any]) -> Any:
        try:
            return read()
        except DictionaryErrors as error:
            problems.extend(error.problems)
            return None

    verbs = gather(VerbDictionaryReader(source / "CAMEO.2.0.txt").read)
    actor_sources = [
        source / "Phoenix.Countries.actors.txt",
        source / "Phoenix.International.actors.txt",
    ]
    actors = [gather(lambda p=p: read_actors(p)) for p in actor_sources]
    groups_source = source / "Phoenix.MilNonState.actors.txt"
    groups = gather(lambda: read_actors(groups_source))
    agents_source = source / "Phoenix.agents.txt"
    agents = gather(lambda: read_agents(agents_source))
    discards_source = source / "Phoenix.discards.txt"
    discards = gather(lambda: read_discards(discards_source))
    if problems:
        raise DictionaryErrors(problems)

    actor_header = header(actor_sources[0], "named actors with dated CAMEO actor codes")
    actor_header["source"] += f"; {actor_sources[1].name}"
    actor_header["source_sha256"] += f"; {sha256(actor_sources[1])}"
    actor_format = (
        "actors: [names, default code or null, [[code, from or null, to or null], ...]]; "
        "dates inclusive, ISO"
    )
    files = {
        "cameo_verbs.json": {
            "header": header(verbs.path, "CAMEO verb dictionary: synsets, verbs, patterns")
            | {"format": verbs.FORMAT, "ignored_patterns": verbs.ignored},
        }
        | verbs.content(),
        "phoenix_actors.json": {
            "header": actor_header | {"format": actor_format},
            "actors": actors[0] + actors[1],
        },
        "phoenix_groups.json": {
            "header": header(groups_source, "militant and non-state groups")
            | {"format": actor_format},
            "actors": groups,
        },
        "phoenix_agents.json": {
            "header": header(agents_source, "agent nouns and their CAMEO agent codes")
            | {"format": "agents: [phrase, code]; ~GOV follows the actor code, NGO~ precedes it"},
            "agents": agents,
        },
        "discards.json": {
            "header": header(discards_source, "phrases that mark a sentence or story uncodable")
            | {
                "format": "discards: [phrase, sentence|story, whole word (else a stem)]",
                "left_out": LEFT_OUT_DISCARDS,
            },
            "discards": discards,
        },
    }
    written = []
    for name, content in files.items():
        write_json(out / name, content)
        written.append(out / name)
    (out / LICENCE_FILE).write_text(licence_notice(source), encoding="utf-8")
    written.append(out / LICENCE_FILE)
    return written


def licence_notice(source: Path) -> str:
    """The upstream MIT licence, preceded by what was converted and each file's copyright."""
    lines = [
        "presswatch ships data converted from the PETRARCH-2 dictionaries of the Open Event",
        f"Data Alliance ({UPSTREAM}) by scripts/convert_petrarch.py:",
        "cameo_verbs.json, phoenix_actors.json, phoenix_groups.json, phoenix_agents.json and",
        "discards.json. They are used under the MIT licence below.",
        "",
    ]
    for path in sorted(source.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:80]:
            if "Copyright (c)" in line:
                lines.append(f"{path.name}: {line.lstrip('# ').strip()}")
    lines += ["", "-" * 79, ""]
    return "\n".join(lines) + (source / "LICENSE").read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    arguments = parser.parse_args(argv)
    try:
        written = convert(arguments.source, arguments.out)
    except (DictionaryErrors, OSError) as error:
        print(f"convert_petrarch: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path.stat().st_size:>10,}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
