"""How many handlings of each sender, and in all, a channel holds in memory; the rest wait in the store.

Telegram's updates (telegram/inbox.py) and WeCom's callbacks (wecom/channel.py) share this: at most
`per_sender` of one sender and `in_all` in all are in hand; beyond that a message stays stored and
unstarted, and recovery takes it up as room frees. A sender with messages waiting gets its newer ones after
them, so its order holds and one sender pasting in a loop can neither fill memory nor starve the others."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Backpressure(Generic[K]):
    """The counts behind the admission of a channel's messages, by sender."""

    def __init__(self, per_sender: int, in_all: int) -> None:
        self.per_sender = per_sender
        self.in_all = in_all
        self.total = 0  # messages in hand
        self._in_hand: dict[K, int] = {}  # sender -> its messages in hand
        self._deferred: dict[K, int] = {}  # sender -> its messages stored and left unstarted

    def in_hand(self, sender: K) -> int:
        return self._in_hand.get(sender, 0)

    def admits(self, sender: K, *, recovered: bool) -> bool:
        """Whether a message of `sender` may start now; when not, it is counted as deferred."""
        waiting = not recovered and self._deferred.get(sender, 0) > 0
        full = self._in_hand.get(sender, 0) >= self.per_sender
        if waiting or full or self.total >= self.in_all:
            _count(self._deferred, sender, +1)
            return False
        return True

    def taken_back(self, sender: K) -> bool:
        """A stored message of `sender` taken up by recovery; whether it was one deferred here."""
        if self._deferred.get(sender, 0) > 0:
            _count(self._deferred, sender, -1)
            return True
        return False

    def started(self, sender: K) -> None:
        self.total += 1
        _count(self._in_hand, sender, +1)

    def finished(self, sender: K) -> bool:
        """One of `sender`'s messages handled; whether recovery should run now. Recovery is a write: it is
        woken once half the room is back (for the sender or in all), not after every message."""
        self.total -= 1
        _count(self._in_hand, sender, -1)
        sender_has_room = self._deferred.get(sender, 0) > 0 and self.in_hand(sender) <= self.per_sender // 2
        return sender_has_room or (bool(self._deferred) and self.total <= self.in_all // 2)


def _count(counts: dict[K, int], sender: K, step: int) -> None:
    """Add `step` to a sender's count; a count back at 0 is forgotten, so the maps hold busy senders only."""
    value = counts.get(sender, 0) + step
    if value > 0:
        counts[sender] = value
    else:
        counts.pop(sender, None)
