"""A time budget for one piece of work, so a runaway document cannot stall a run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class BudgetExceeded(Exception):
    """The work took longer than its budget and was stopped."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded inside the block once `seconds` of wall time have passed.

    A real-time timer interrupts pure-Python loops wherever they are, with no checks
    sprinkled through the extractors. Signals reach only the main thread, so elsewhere
    (a web server's worker thread) the block runs unbounded; the pipeline runs extraction
    in the main thread of its process or of each worker process.
    """
    usable = seconds > 0 and threading.current_thread() is threading.main_thread()
    if not usable or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(f"over the {seconds:g} s budget")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
