"""Updates go through the tracker's inbox: stored before Telegram hears they arrived, marked done when handled.

The poller and the webhook endpoint hand each batch to `UpdateInbox.receive`, which stores it and starts the
handling of the updates not seen before. Only then does the poller confirm them (the next getUpdates offset)
or the endpoint answer 200. Updates a crash interrupted are taken up again by `recover`: at a poller's start
all of them, and periodically those whose replica's claim ran out. Their writes to the problem list happen at
most once (bot.tracker.origin), so a handling repeated after a crash changes and notifies nothing twice.

While the database is unreachable nothing can be stored: the updates are then handled anyway, unrecorded,
so that their users hear "try again in a moment" rather than nothing.

Backpressure: at most `max_per_chat` updates of one chat and `max_in_hand` in all are in this process's
memory. Beyond that an update stays stored, unstarted, and is taken up by recovery as room frees (a chat
with updates waiting so gets its newer ones after them, in order); the poller fetches nothing more while
the process is full. So one chat pasting in a loop cannot fill memory nor starve the other chats.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from telegram import Update
from telegram.ext import Application

from bot.channels.backpressure import Backpressure
from bot.tracker.errors import Unavailable
from bot.tracker.origin import acting_for

log = logging.getLogger(__name__)
AnyApp = Application[Any, Any, Any, Any, Any, Any]


class InboxStore(Protocol):
    """The part of bot.tracker.service.Tracker the inbox uses."""

    def receive_updates(self, *, updates: Sequence[tuple[int, str]], lease_s: float) -> list[int]: ...

    def claim_stale_updates(
        self, *, limit: int, lease_s: float, max_attempts: int, held_too: bool = False
    ) -> list[tuple[int, str]]: ...

    def mark_update_done(self, *, update_id: int) -> None: ...

    def defer_updates(self, *, update_ids: Sequence[int]) -> None: ...

    def prune_inbox(self, *, older_than: timedelta) -> int: ...


@dataclass(frozen=True)
class InboxOptions:
    lease_s: float = 120.0  # an update in hand stays with its replica this long (settings: inbox_lease_seconds)
    recover_every_s: float = 30.0  # how often a replica looks for updates another one dropped
    max_attempts: int = 3  # an update whose handling killed the process this often is given up
    keep_handled: timedelta = timedelta(days=1)  # Telegram never repeats an update confirmed this long ago
    batch: int = 100  # updates recovered at once
    # Updates in hand (running or waiting for their turn): a chat gets a few at a time, as it is answered in
    # order anyway; the whole process enough to keep the worker threads busy.
    max_per_chat: int = 8
    max_in_hand: int = 256

    @classmethod
    def for_lease(cls, lease_s: float) -> InboxOptions:
        """Options for this lease, looked at twice per lease: a dead replica's updates wait 1-1.5 leases."""
        return cls(lease_s=lease_s, recover_every_s=min(30.0, lease_s / 2))


class UpdateInbox:
    """Stores, dispatches and recovers updates for one Application."""

    def __init__(self, store: InboxStore, app: AnyApp, options: InboxOptions | None = None) -> None:
        self.store, self.app, self.options = store, app, options or InboxOptions()
        self._handling: set[asyncio.Task[None]] = set()
        self._pressure: Backpressure[int] = Backpressure(self.options.max_per_chat, self.options.max_in_hand)
        self._freed = asyncio.Event()  # room came back while updates were deferred: recover them now
        self._room = asyncio.Event()  # fewer than max_in_hand in hand: the poller may fetch more

    async def receive(self, updates: Sequence[Update], payloads: Sequence[str] | None = None) -> None:
        """Store `updates` (with their JSON as received, when known) and start handling the new ones.

        Returns once they are stored: the caller may then confirm them to Telegram."""
        if not updates:
            return
        texts = payloads or [json.dumps(u.to_dict(), ensure_ascii=False) for u in updates]
        rows = [(u.update_id, text) for u, text in zip(updates, texts, strict=True)]
        try:
            fresh = set(await asyncio.to_thread(self.store.receive_updates, updates=rows, lease_s=self.options.lease_s))
        except Unavailable:
            log.warning("inbox: database unavailable, handling %d updates unrecorded", len(updates))
            for update in updates:
                self._start(update, recorded=False)
            return
        # A repeat (not fresh) is being, or was, handled already.
        await self._admit([u for u in updates if u.update_id in fresh], recovered=False)

    async def recover(self, *, at_start: bool = False) -> int:
        """Take up updates whose handler died; at a poller's start all pending ones. Returns how many."""
        try:
            rows = await asyncio.to_thread(
                self.store.claim_stale_updates,
                limit=self.options.batch,
                lease_s=self.options.lease_s,
                max_attempts=self.options.max_attempts,
                held_too=at_start,
            )
        except Unavailable:
            return 0
        updates = [Update.de_json(json.loads(payload), self.app.bot) for _, payload in rows]
        for update in updates:
            self._pressure.taken_back(_chat_of(update))
        await self._admit(updates, recovered=True)
        return len(rows)

    async def room(self, stop: asyncio.Event) -> None:
        """Return once fewer than max_in_hand updates are in hand (or `stop` is set)."""
        while len(self._handling) >= self.options.max_in_hand and not stop.is_set():
            self._room.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._room.wait(), self.options.recover_every_s)

    async def _admit(self, updates: Sequence[Update], *, recovered: bool) -> None:
        """Start what fits; give the rest back to the store, to be recovered when there is room."""
        deferred: list[int] = []
        for update in updates:
            if self._pressure.admits(_chat_of(update), recovered=recovered):
                self._start(update, recorded=True)
            else:
                deferred.append(update.update_id)
        if deferred:
            try:
                await asyncio.to_thread(self.store.defer_updates, update_ids=deferred)
            except Unavailable:  # still claimed by us: recovered after the lease
                log.warning("inbox: could not give back %d deferred updates", len(deferred))

    async def recover_forever(self) -> None:
        """Every recover_every_s: updates another replica dropped; now and then, forget old handled ones."""
        prune_every = max(1, int(3600 / self.options.recover_every_s))
        for round_ in itertools.count(1):
            with contextlib.suppress(TimeoutError):  # woken early when deferred updates have room
                await asyncio.wait_for(self._freed.wait(), self.options.recover_every_s)
            self._freed.clear()
            await self.recover()
            if round_ % prune_every == 0:
                with contextlib.suppress(Unavailable):
                    await asyncio.to_thread(self.store.prune_inbox, older_than=self.options.keep_handled)

    async def drain(self, timeout_s: float = 30.0) -> None:
        """Wait for the updates in hand (at shutdown); those still running after timeout_s are recovered later."""
        if self._handling:
            await asyncio.wait(set(self._handling), timeout=timeout_s)

    def in_hand(self) -> int:
        return len(self._handling)

    def _start(self, update: Update, *, recorded: bool) -> None:
        # Tasks start in creation order, so the update processor sees a chat's updates in Telegram's order.
        chat = _chat_of(update)
        task = asyncio.get_running_loop().create_task(self._handle(update, recorded=recorded))
        self._handling.add(task)
        self._pressure.started(chat)
        task.add_done_callback(lambda done: self._done(done, chat))

    def _done(self, task: asyncio.Task[None], chat: int) -> None:
        self._handling.discard(task)
        self._room.set()
        if self._pressure.finished(chat):
            self._freed.set()

    async def _handle(self, update: Update, *, recorded: bool) -> None:
        # The tracker's one piece of context (bot/tracker/__init__.py): its writes for this update happen once.
        with acting_for(f"tg:{update.update_id}"):
            await self.app.update_processor.process_update(update, self.app.process_update(update))
        if not recorded:
            return
        try:
            await asyncio.to_thread(self.store.mark_update_done, update_id=update.update_id)
        except Unavailable:  # handled again after the lease: its writes are not repeated, its reply may be
            log.warning("inbox: could not mark update %d done", update.update_id)


def _chat_of(update: Update) -> int:
    """The chat an update belongs to (0 for one without a chat: they share one allowance)."""
    return update.effective_chat.id if update.effective_chat is not None else 0
