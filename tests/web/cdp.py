"""A small driver for Debian's headless Chromium over the DevTools protocol, for tests.

Chromium speaks the protocol on a pipe (`--remote-debugging-pipe`: it reads commands on
file descriptor 3 and writes replies and events on 4, each a JSON text ended by a NUL), so
no driver binary, no WebSocket library and no browser download is needed: the test drives
the very `chromium` the machine has. Only what the workbench test uses is here.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import struct
import subprocess
import threading
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Launch flags for a browser that fetches nothing of its own (no updates, sync or field
# trials) and logs to stderr; the comparison page's browser test uses them too.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)
TIMEOUT = 60.0


class BrowserError(RuntimeError):
    """A protocol command failed, or the browser stopped answering."""


class Browser:
    """One headless Chromium with one page; every protocol event is kept in `events`."""

    def __init__(self, executable: str, profile: Path, size: tuple[int, int] = (1400, 1000)):
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()

        def on_fds_3_and_4() -> None:
            # Runs in the child before exec: the protocol's two descriptors in place.
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [
                executable,
                *FLAGS,
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                f"--window-size={size[0]},{size[1]}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=on_fds_3_and_4,
            pass_fds=(3, 4),
        )
        os.close(to_browser)
        os.close(from_browser)
        self._next = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read_messages, daemon=True)
        self._reader.start()
        self.session = ""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def _read_messages(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._inbox.put(json.loads(message))

    def _pump(self, deadline: float) -> None:
        try:
            message = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty as error:
            raise BrowserError("the browser did not answer in time") from error
        if "id" in message:
            self._replies[message["id"]] = message
        else:
            self.events.append(message)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command (to the page once attached) and wait for its reply."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while self._next not in self._replies:
            self._pump(deadline)
        reply = self._replies.pop(self._next)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def wait_for_event(self, method: str, after: int) -> dict[str, Any]:
        """The first event named `method` among those after the first `after` events."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self.events[after:]:
                if event.get("method") == method:
                    return event
            self._pump(deadline)

    def load(self, action: Sequence[str] | str) -> None:
        """Run `action` (a URL to open, or a script that navigates) and wait for the load."""
        mark = len(self.events)
        if isinstance(action, str):
            self.call("Page.navigate", url=action)
        else:
            self.evaluate(";".join(action))
        self.wait_for_event("Page.loadEventFired", mark)

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click at the middle of the first element matching `selector`."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        if box is None:
            raise BrowserError(f"nothing matches {selector!r}")
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def type_text(self, selector: str, words: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", text=words)

    def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        path.write_bytes(data)
        return data

    def close(self) -> str:
        """Close the browser; its stderr log."""
        with contextlib.suppress(BrowserError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write)
        return self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""


def png_colours(data: bytes) -> int:
    """How many distinct byte values a PNG's pixel rows hold (a blank page holds one or
    two): the image's IDAT data inflated, nothing else decoded."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, pixels = 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            pixels += data[position + 8 : position + 8 + length]
        position += 12 + length
    return len(set(zlib.decompress(pixels)))
