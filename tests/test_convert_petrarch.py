"""scripts/convert_petrarch.py: dictionaries in, project data out; a bad line names itself."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "src" / "presswatch" / "data"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "convert_petrarch", ROOT / "scripts" / "convert_petrarch.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


convert_petrarch = load_script()

VERBS = """\
# a test dictionary
&AID
+AID
+RELIEF_

---  SEND   [070]  ---
SEND {SENDS SENT SENDING}
+SEND_OFF
- * &AID (TO +)                            [073]   # SEND
- * TROOPS                                 [154:---]
"""

ACTORS = """\
IRAN_  [IRN]
+ISLAMIC_REPUBLIC_OF_IRAN_

ALI_KHAMENEI_  # a person
+AYATOLLAH_KHAMENEI
\t[IRNGOV 811013-890803]
\t[IRNGOV >19890604]
\t[IRNELI]
"""


def write_source(folder: Path, **replace: str) -> Path:
    files = {
        "CAMEO.2.0.txt": VERBS,
        "Phoenix.Countries.actors.txt": ACTORS,
        "Phoenix.International.actors.txt": "UNITED_NATIONS_ [IGOUNO]\n+UN_\n",
        "Phoenix.MilNonState.actors.txt": "HAMAS_ [PSEREBHMS]\n",
        "Phoenix.agents.txt": "!PERSON! = MAN, WOMAN\nPOLICE {} [~COP]\nMINISTER [~GOV]\n"
        "CONGRESS!PERSON! [~LEG]\n",
        "Phoenix.discards.txt": "+WORLD CUP  # sport\nBASEBALL\n1990\nGROUP F_\n",
        "LICENSE": "The MIT License (MIT)\n\nCopyright (c) 2014 Open Event Data\n",
    }
    files.update({name.replace("_txt", ".txt"): text for name, text in replace.items()})
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_dictionary_converts_to_json_with_its_licence_and_source(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    out = tmp_path / "out"
    out.mkdir()
    assert convert_petrarch.main(["--source", str(source), "--out", str(out)]) == 0
    verbs = json.loads((out / "cameo_verbs.json").read_text())
    assert "MIT" in verbs["header"]["licence"]
    assert verbs["header"]["source"].startswith("CAMEO.2.0.txt from PETRARCH-2")
    assert verbs["synsets"]["&AID"] == ["aid", "aids", "relief"]
    send, send_off = verbs["verbs"]
    assert send["code"] == "070" and "sent" in send["forms"]
    assert (send_off["verb"], send_off["after"], send_off["code"]) == ("send", ["off"], "070")
    assert "sends" in send_off["forms"]
    first, second = verbs["patterns"]["SEND"]
    assert first["post"] == ["&AID"] and first["post_preps"] == [{"prep": "to", "nouns": ["+"]}]
    assert (second["code"], second["reverse"]) == ("154", None)
    actors = json.loads((out / "phoenix_actors.json").read_text())["actors"]
    assert actors[1] == [
        ["ali khamenei", "ayatollah khamenei"],
        None,
        [
            ["IRNGOV", "1981-10-13", "1989-08-03"],
            ["IRNGOV", "1989-06-04", None],
            ["IRNELI", None, None],
        ],
    ]
    agents = dict(json.loads((out / "phoenix_agents.json").read_text())["agents"])
    assert agents["police"] == "~COP" and "polices" not in agents
    assert agents["ministers"] == "~GOV" and agents["congresswoman"] == "~LEG"
    discards = json.loads((out / "discards.json").read_text())["discards"]
    assert discards == [
        ["world cup", "story", False],
        ["baseball", "sentence", False],
        ["group f", "sentence", True],
    ]
    assert "MIT License" in (out / "PETRARCH2-LICENSE.txt").read_text()


@pytest.mark.parametrize(
    ("file", "text", "where", "reason"),
    [
        ("CAMEO_txt", VERBS + "- * (TO BORDER [154]\n", "CAMEO.2.0.txt:11", "')' missing"),
        ("CAMEO_txt", VERBS + "- * TANKS [15x]\n", "CAMEO.2.0.txt:11", "bad CAMEO code"),
        ("CAMEO_txt", VERBS + "- TROOPS (TO BORDER) [154]\n", "CAMEO.2.0.txt:11", "one '*'"),
        (
            "Phoenix.Countries.actors_txt",
            ACTORS + "\t[IRNGOV 19891399-]\n",
            "Phoenix.Countries.actors.txt:9",
            "bad date",
        ),
        (
            "Phoenix.agents_txt",
            "POLICE {} [~COP\n",
            "Phoenix.agents.txt:1",
            "agent line without a [code]",
        ),
    ],
)
def test_a_malformed_line_fails_with_its_file_and_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    text: str,
    where: str,
    reason: str,
) -> None:
    name = file.replace("CAMEO_txt", "CAMEO.2.0_txt")
    source = write_source(tmp_path / "src", **{name: text})
    out = tmp_path / "out"
    out.mkdir()
    assert convert_petrarch.main(["--source", str(source), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert f"{source}/{where}: " in error and reason in error
    assert list(out.iterdir()) == []  # nothing written when any line is bad


def test_every_bad_line_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_source(
        tmp_path / "src",
        **{"CAMEO.2.0_txt": VERBS + "- * [1x]\n- * (A [010]\n", "Phoenix.agents_txt": "COP\n"},
    )
    assert convert_petrarch.main(["--source", str(source), "--out", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "CAMEO.2.0.txt:11:" in error and "CAMEO.2.0.txt:12:" in error
    assert "Phoenix.agents.txt:1:" in error


SHARED = ROOT.parent / "shared" / "data" / "petrarch2"


@pytest.mark.skipif(not SHARED.is_dir(), reason="PETRARCH-2 dictionaries not present")
def test_the_shipped_data_is_what_the_script_writes(tmp_path: Path) -> None:
    assert convert_petrarch.main(["--source", str(SHARED), "--out", str(tmp_path)]) == 0
    for written in tmp_path.iterdir():
        assert written.read_bytes() == (SHIPPED / written.name).read_bytes(), written.name


def test_spaces_inside_an_agents_brackets_are_no_error(tmp_path: Path) -> None:
    from presswatch.lang.petrarch import read_agents

    path = tmp_path / "agents.txt"
    path.write_text("POLICE {} [ ~COP] # spaced\nHUMAN_RIGHTS_GROUP  [  NGO~]\n", encoding="utf-8")
    skipped: list[str] = []
    agents = dict(read_agents(path, skipped))
    assert skipped == []
    assert agents["police"] == "~COP" and agents["human rights group"] == "NGO~"
