"""Every command in the README's shell blocks works as printed, on a store of examples/.

The commands run in a folder holding examples/ (linked) and the stores the README names
(presswatch.db, the default, and corpus.db), built by analysing examples/ once. Each must
exit 0 and print something, or write the files it names. A command that cannot run here
is listed in NOT_RUN with the reason; a new README command runs unless it is listed.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PRESSWATCH = str(Path(sys.executable).with_name("presswatch"))
# Commands that need what a test cannot have, by how they start: the reason is shown.
NOT_RUN = {
    "make ": "builds the environment and runs the whole test suite",
    ".venv/bin/presswatch analyze https://": "fetches a web page",
    ".venv/bin/presswatch analyze feed.rss": "reads the reader's own feed, JSON lines and folder",
    ".venv/bin/presswatch eval": "an evaluation on the shared corpora (make eval)",
    ".venv/bin/python scripts/convert_petrarch.py": "converts the shared PETRARCH-2 files",
}
# README commands that fail because of another engineer's open issue: command → issue
# (an xfail naming it; none today).
OPEN_WORK: dict[str, str] = {}
SERVE = ".venv/bin/presswatch serve"
TIMEOUT = 600


def readme_commands() -> list[str]:
    """The commands of every ```sh block, continuation lines joined, comments dropped."""
    commands: list[str] = []
    for block in re.findall(r"^```sh\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words:
                # Quoted again for the shell, except a redirect.
                commands.append(" ".join(w if w == ">" else shlex.quote(w) for w in words))
    return commands


def reason_not_run(command: str) -> str | None:
    for start, reason in NOT_RUN.items():
        if command.startswith(start):
            return reason
    if command.startswith("sqlite3 ") and shutil.which("sqlite3") is None:
        return "the sqlite3 shell is not installed"
    return None


def cases() -> Iterator[object]:
    for command in readme_commands():
        marks: list[pytest.MarkDecorator] = [pytest.mark.slow]
        if (reason := reason_not_run(command)) is not None:
            marks.append(pytest.mark.skip(reason=reason))
        if command in OPEN_WORK:
            marks.append(pytest.mark.xfail(reason=OPEN_WORK[command], strict=False))
        yield pytest.param(command, marks=marks, id=command[:90])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reader's folder: examples/, and both stores the README names built from it."""
    here = tmp_path_factory.mktemp("readme")
    (here / "examples").symlink_to(ROOT / "examples")
    run = subprocess.run(
        [PRESSWATCH, "analyze", "examples/", "--db", "presswatch.db"],
        cwd=here,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    shutil.copyfile(here / "presswatch.db", here / "corpus.db")
    return here


def as_run(command: str) -> str:
    """The command with the README's `.venv/bin/` pointing at this environment."""
    return command.replace(".venv/bin/presswatch", shlex.quote(PRESSWATCH)).replace(
        ".venv/bin/python", shlex.quote(sys.executable)
    )


def written_files(command: str) -> list[str]:
    """The files a command names as its output (--html/--json values, a redirect)."""
    words = shlex.split(command)
    named = [words[i + 1] for i, w in enumerate(words[:-1]) if w in ("--html", "--json", ">")]
    return named


def test_the_readme_has_commands_to_check() -> None:
    commands = readme_commands()
    assert len(commands) > 15
    assert any(c.startswith(".venv/bin/presswatch compare s") for c in commands)


@pytest.mark.parametrize("command", list(cases()))
def test_the_readme_command_works_as_printed(folder: Path, command: str) -> None:
    if command.startswith(SERVE):
        check_serve(folder, command)
        return
    run = subprocess.run(
        ["bash", "-c", as_run(command)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, f"{command}\n{run.stderr[-3000:]}"
    files = written_files(command)
    for name in files:
        written = folder / name
        assert written.is_file() and written.stat().st_size > 0, f"{command}: {name} is empty"
    if not files:
        assert run.stdout.strip(), f"{command} printed nothing\n{run.stderr[-2000:]}"
    counted = re.search(r"(\d+) quote groups", run.stderr)
    if counted is not None and " d" in command:
        # Two reports of one remark, compared by id, find the remark's quote group.
        assert int(counted.group(1)) > 0, run.stderr


def check_serve(folder: Path, command: str) -> None:
    """`serve` prints its URL, answers there, and stops on Ctrl-C."""
    port = "8000"
    words = shlex.split(as_run(command))
    if "--port" in words:
        port = words[words.index("--port") + 1]
    # Another server may hold the README's port on a shared machine: use a free one.
    free = free_port()
    words = [free if w == port else w for w in words]
    server = subprocess.Popen(
        words,
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert match, line + (server.stderr.read() if server.stderr else "")
        page = wait_for(match.group(0) + "search?q=Darwish")
        assert page.status_code == 200 and "<mark>Darwish</mark>" in page.text
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def wait_for(url: str) -> httpx.Response:
    """The page at `url` once the server started answering (it prints its URL first)."""
    for _ in range(100):
        try:
            return httpx.get(url, timeout=10)
        except httpx.TransportError:
            time.sleep(0.2)
    return httpx.get(url, timeout=10)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "error"),
    [
        ("compare s0123456789", "s0123456789: no such story (presswatch.db does not hold it"),
        ("compare d0123456789ab --db corpus.db", "d0123456789ab: no such document in corpus.db"),
        ("findings --kind lie", "'lie' is not one of contradiction"),
    ],
)
def test_an_unknown_id_or_value_is_a_one_line_error(folder: Path, command: str, error: str) -> None:
    run = subprocess.run(
        [PRESSWATCH, *shlex.split(command)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert run.returncode == 2 and error in " ".join(run.stderr.split()), run.stderr
