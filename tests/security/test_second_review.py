"""Issue 16, the second security review, against the real core and a real Tracker: shared identities,
revoked officers, floods of follow-ups, oversized texts. The Telegram side of these is in
tests/channels/test_telegram_review.py."""

from __future__ import annotations

from bot.core.dialog import Dialog
from bot.core.messages import Incoming
from bot.core.texts import text
from bot.tracker.service import Tracker
from tests.core.conftest import Chat
from tests.security.conftest import dump

GROUP_ANONYMOUS_BOT = 1087968824  # Telegram's sender of every anonymous group admin's message
CHANNEL_BOT = 136817688  # and of posts made as a channel


def anonymous(user_id: int, chat_id: int, **fields: object) -> Incoming:
    return Incoming(
        user_id=user_id, chat_id=chat_id, user_name="Group", chat_type="supergroup", sender_is_person=False,
        **fields,  # type: ignore[arg-type]
    )


# -- 1. a bot or channel identity never acts as a person ------------------------------------------------


def test_an_anonymous_admin_gets_a_hint_and_touches_nothing(dialog: Dialog, tracker: Tracker, alice: Chat) -> None:
    alice.send("/problem Goods of ours held at Dalian")
    before = dump(tracker)
    for user_id in (GROUP_ANONYMOUS_BOT, CHANNEL_BOT):
        for chat_id in (-2001, -2002):
            for said in ("/mine", "/status 1", "/close 1", "/problem flood", "/start"):
                [reply] = dialog.handle(anonymous(user_id, chat_id, text=said))
                assert reply.html == text("not_a_person", "en")
            [reply] = dialog.handle(anonymous(user_id, chat_id, button="take:1"))
            assert reply.html == text("not_a_person", "en")
            assert dialog.handle(anonymous(user_id, chat_id, text="group chatter")) == []
    assert dump(tracker) == before  # no user row, no chat state, no item touched
