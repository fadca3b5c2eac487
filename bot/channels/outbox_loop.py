"""The loop every channel's outbox sender runs: a round of claims and sends per wake-up or every `poll_s`,
and a stop that lets the send in progress finish, so it is settled in the tracker."""

from __future__ import annotations

import asyncio
import contextlib
import logging

log = logging.getLogger(__name__)


class OutboxLoop:
    """Subclasses define `run_once` (claim, send, settle; returns how many were claimed)."""

    task_name = "outbox-sender"

    def __init__(self, *, poll_s: float) -> None:
        self._poll_s = poll_s
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    async def run_once(self) -> int:
        raise NotImplementedError

    def start(self) -> None:
        """Start the loop; notices left pending before a restart are due at once."""
        self._task = asyncio.create_task(self._run(), name=self.task_name)

    def wake(self) -> None:
        """Look at the outbox now (the core may just have queued a notice)."""
        self._wake.set()

    async def stop(self, timeout_s: float = 10.0) -> None:
        """Let the send in progress finish (so it is settled in the tracker), then end the loop."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping = True
        self._wake.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout_s)
        except TimeoutError:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                claimed = await self.run_once()
            except Exception:
                log.exception("outbox round failed; trying again in %.0f s", self._poll_s)
                claimed = 0
            if not claimed and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll_s)
