"""Waiting on a fake server's own events: the one loop both fakes (Telegram's and WeCom's) wait in."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


def wait_on(
    cond: threading.Condition, predicate: Callable[[], bool], timeout: float, failure: Callable[[], str],
    *, recheck_s: float,
) -> None:
    """Until `predicate()` holds, re-checked whenever `cond` is notified (and every `recheck_s` besides);
    AssertionError with `failure()` when `timeout` seconds pass first. Never a fixed sleep."""
    deadline = time.monotonic() + timeout
    with cond:
        while not predicate():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(failure())
            cond.wait(min(left, recheck_s))
