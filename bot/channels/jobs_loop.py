"""The periodic jobs every channel process runs: due-time reminders and overdue announcements, recordation
renewal reminders (the tracker's `send_reminders`), and the officers' digest when its period is set.

Each replica looks every `poll_s`; the first to claim a job's period runs it (bot.tracker.jobs), so several
replicas queue each notice once. Within one process the jobs of a tracker run in one loop, whichever channel
starts first (Telegram and WeCom served together share the tracker): a second loop on it does nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from bot.tracker.errors import Unavailable

log = logging.getLogger(__name__)

# The trackers whose jobs run in this process, by id: the channels may run in threads of their own.
_running: set[int] = set()
_running_lock = threading.Lock()


class Jobs(Protocol):
    """The tracker's periodic jobs (bot.tracker.service.Tracker); blocking."""

    def send_reminders(self) -> int: ...

    def daily_digest(self, *, every: timedelta) -> bool: ...


class JobsLoop:
    """A background task running the jobs every `poll_s`; `wake` is called when they queued notices."""

    def __init__(
        self, jobs: Jobs, *, digest_every: timedelta, poll_s: float, wake: Callable[[], None] | None = None
    ) -> None:
        self._jobs, self._digest_every, self._poll_s, self._wake = jobs, digest_every, poll_s, wake
        self._task: asyncio.Task[None] | None = None

    def start(self) -> bool:
        """Start the loop unless another one in this process runs this tracker's jobs; whether it started."""
        with _running_lock:
            if id(self._jobs) in _running:
                return False
            _running.add(id(self._jobs))
        self._task = asyncio.create_task(self._run(), name="periodic-jobs")
        return True

    @property
    def running(self) -> bool:
        """This loop runs the jobs (started, and no other loop in the process had them)."""
        return self._task is not None

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        with _running_lock:
            _running.discard(id(self._jobs))

    async def run_once(self) -> int:
        """One round of the jobs; the notices (and digest) queued."""
        queued = await asyncio.to_thread(self._jobs.send_reminders)
        if self._digest_every > timedelta(0):
            queued += await asyncio.to_thread(self._jobs.daily_digest, every=self._digest_every)
        if queued and self._wake is not None:
            self._wake()
        return queued

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except Unavailable:
                pass  # the database is back next round
            except Exception:  # a bug here must not end the jobs for the life of the process
                log.exception("periodic jobs failed; trying again in %.0f s", self._poll_s)
            await asyncio.sleep(self._poll_s)
