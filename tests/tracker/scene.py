"""The scene the tracker tests play in: the people, the officer chat and a sender that drains.
The clock is tests/fakes/clock.py."""

from __future__ import annotations

from dataclasses import dataclass

from bot.tracker.service import Tracker
from bot.tracker.values import NotificationView

OFFICER_CHAT = -1_001_234_567_890  # a supergroup: negative and beyond 32 bits
MISSING_ITEM = 424_242


@dataclass(frozen=True)
class People:
    """Ids above 2**31, as real Telegram ids are."""

    alice: int = 5_000_000_001  # enterprise A, writes in Chinese
    bob: int = 5_000_000_002  # enterprise B
    carol: int = 5_000_000_003  # an enterprise user who never named an enterprise
    officer: int = 6_000_000_001
    officer2: int = 6_000_000_002
    admin: int = 7_000_000_001
    stranger: int = 9_000_000_009  # never wrote to the bot


def drain(tracker: Tracker) -> list[NotificationView]:
    """Every pending notice, claimed and marked delivered (the sender's job, done at once)."""
    notices = tracker.claim_notifications(limit=1000)
    for notice in notices:
        tracker.mark_delivered(notification_id=notice.id)
    return notices
