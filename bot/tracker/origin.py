"""The origin of the Tracker calls being made: the Telegram update or WeCom callback a channel is handling, if
any. Part of the tracker's public surface (bot/tracker/__init__.py).

Who sets it: only the channels' inboxes, around the handling of one stored message: Telegram's
`acting_for("tg:<update id>")` (bot.channels.telegram.inbox.UpdateInbox._handle) and WeCom's
`acting_for("wecom:<callback key>")` (bot.channels.wecom.channel.WeComChannel._in_order). Who reads it: only
Tracker._write_once (bot/tracker/service.py), which does each write at most once per origin and operation.

A context variable rather than an argument: the conversation core between the channel and the Tracker knows
nothing of updates, and asyncio tasks and asyncio.to_thread carry the variable along by themselves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ORIGIN: ContextVar[str | None] = ContextVar("iprdesk_origin", default=None)


@contextmanager
def acting_for(origin: str) -> Iterator[None]:
    """Tracker writes in this block happen at most once for `origin` (e.g. "tg:<update id>")."""
    token = _ORIGIN.set(origin)
    try:
        yield
    finally:
        _ORIGIN.reset(token)


def current_origin() -> str | None:
    return _ORIGIN.get()
