"""The chat core's per-chat state lives in the database: it survives restarts and works with group chats."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.tracker.db import make_engine
from bot.tracker.service import Tracker

GROUP = -1_009_876_543_210


def test_chat_state_of_a_new_chat_is_empty(tracker: Tracker) -> None:
    assert tracker.get_chat_state(chat_id=GROUP) == {}


def test_chat_state_round_trips_for_group_and_large_private_ids(tracker: Tracker) -> None:
    tracker.set_chat_state(chat_id=GROUP, state={"awaiting": "reply", "item": 7, "text": "海关备案"})
    tracker.set_chat_state(chat_id=5_000_000_001, state={"awaiting": "title"})
    assert tracker.get_chat_state(chat_id=GROUP) == {"awaiting": "reply", "item": 7, "text": "海关备案"}
    assert tracker.get_chat_state(chat_id=5_000_000_001) == {"awaiting": "title"}


def test_setting_chat_state_replaces_the_old_state(tracker: Tracker) -> None:
    tracker.set_chat_state(chat_id=GROUP, state={"a": 1, "b": 2})
    tracker.set_chat_state(chat_id=GROUP, state={"a": 3})
    assert tracker.get_chat_state(chat_id=GROUP) == {"a": 3}


def test_none_or_empty_state_clears_it(tracker: Tracker) -> None:
    tracker.set_chat_state(chat_id=GROUP, state={"a": 1})
    tracker.set_chat_state(chat_id=GROUP, state=None)
    assert tracker.get_chat_state(chat_id=GROUP) == {}
    tracker.set_chat_state(chat_id=GROUP, state={"a": 1})
    tracker.set_chat_state(chat_id=GROUP, state={})
    assert tracker.get_chat_state(chat_id=GROUP) == {}


def test_chat_state_survives_a_restart(tracker: Tracker, engine: Engine) -> None:
    tracker.set_chat_state(chat_id=GROUP, state={"step": 2})
    engine.dispose()  # every connection closed, as when the process ends
    restarted = make_engine(engine.url.render_as_string(hide_password=False))
    assert Tracker(restarted).get_chat_state(chat_id=GROUP) == {"step": 2}
    restarted.dispose()
