"""Make files and folders unwritable for a test, even when the tests run as root."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def unwritable(*paths: Path) -> Iterator[None]:
    """Files become 0444 and folders 0555 for the block. Root ignores modes, so as root the
    paths get the immutable flag (chattr +i), which stops root too; where the filesystem has
    no such flag, the test is skipped."""
    if os.geteuid() != 0:
        modes = [p.stat().st_mode for p in paths]
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            for path, mode in zip(paths, modes, strict=True):
                path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root, which ignores file modes, and chattr is not installed")
    frozen: list[Path] = []
    try:
        for path in paths:
            done = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
            if done.returncode != 0:
                pytest.skip(f"running as root and {path} cannot be made immutable (chattr +i)")
            frozen.append(path)
        yield
    finally:
        for path in reversed(frozen):
            subprocess.run([chattr, "-i", str(path)], check=True)
