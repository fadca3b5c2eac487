"""Updates run concurrently, but one chat's updates run one at a time and in arrival order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# In-flight updates, waiting ones included: PTB's own semaphore, only a safety net against floods.
_MAX_IN_FLIGHT = 4096


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Per-chat FIFO locks plus a bound on how many updates run at once.

    The bound is our own semaphore taken *after* the chat lock: PTB's semaphore is taken before
    `do_process_update`, so with it alone the queued messages of one busy chat would hold every slot
    and stall all other chats."""

    def __init__(self, max_running: int = 16) -> None:
        super().__init__(max_concurrent_updates=_MAX_IN_FLIGHT)
        self.max_running = max_running
        self._running = asyncio.Semaphore(max_running)
        # chat id -> (lock, number of updates holding or waiting for it); dropped when that reaches 0,
        # so the map only holds chats with work in flight.
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run `coroutine` after the earlier updates of the same chat."""
        chat_id = _chat_id(update)
        if chat_id is None:
            async with self._running:
                await coroutine
            return
        lock = self._enter(chat_id)
        try:
            # asyncio.Lock wakes waiters first-in first-out, and PTB starts one task per update in
            # arrival order, so a chat's updates are handled in the order Telegram sent them.
            async with lock, self._running:
                await coroutine
        finally:
            self._leave(chat_id)

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    def tracked_chats(self) -> int:
        return len(self._chats)

    def in_flight(self, chat_id: int) -> int:
        """Updates of `chat_id` running or waiting for their turn."""
        return self._chats.get(chat_id, (None, 0))[1]

    def _enter(self, chat_id: int) -> asyncio.Lock:
        lock, users = self._chats.get(chat_id, (asyncio.Lock(), 0))
        self._chats[chat_id] = (lock, users + 1)
        return lock

    def _leave(self, chat_id: int) -> None:
        lock, users = self._chats[chat_id]
        if users <= 1:
            del self._chats[chat_id]
        else:
            self._chats[chat_id] = (lock, users - 1)


def _chat_id(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None
