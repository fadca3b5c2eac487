"""Issue 16, the second security review, against the real core and a real Tracker: shared identities,
revoked officers, floods of follow-ups, oversized texts. The Telegram side of these is in
tests/channels/test_telegram_review.py."""

from __future__ import annotations

from bot.core.dialog import Dialog
from bot.core.messages import Incoming
from bot.core.texts import text
from bot.tracker.service import Tracker
from tests.core.conftest import ALICE, OSCAR, Chat, drain
from tests.fakes.fake_services import OFFICER_CHAT
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


# -- 2. a revoked officer's items go back to the queue, and its notices to the officers -----------------


def test_a_revoked_officer_hands_its_items_back_and_hears_nothing_more_of_them(
    dialog: Dialog, tracker: Tracker, alice: Chat, oscar: Chat, olga: Chat, ada: Chat
) -> None:
    alice.send("/problem Goods held at Dalian")
    oscar.send("/take 1")
    alice.send("/followup 1 The container is MSCU1234567")  # queued for Oscar, not yet sent
    ada.send(f"/revoke {OSCAR}")
    alice.send("/reopen 1")  # not finished: refused, nothing to hear
    alice.send("/followup 1 And the bill of lading is BL-42")

    [item] = tracker.my_items(actor_id=ALICE)
    assert (item.status, item.assignee_id) == ("open", None)
    notices = drain(tracker)
    assert [n for n in notices if n.chat_id == OSCAR] == []
    to_officers = [n for n in notices if n.chat_id == OFFICER_CHAT]
    kinds = [n.kind for n in to_officers]
    assert kinds.count("follow_up") == 2 and "items_returned" in kinds
    [returned] = [n for n in to_officers if n.kind == "items_returned"]
    announcement = dialog.render_notification(returned)
    assert "#1" in announcement.html and "Oscar" in announcement.html
    assert [b.data for row in announcement.buttons for b in row] == ["take:1"]
    assert "take:1" in [b.data for row in olga.send("/queue")[0].buttons for b in row]
