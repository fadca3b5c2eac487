"""Button data: short enough for Telegram, read back exactly, and long entry ids aliased through the state."""

from __future__ import annotations

import pytest

from bot.core import buttons
from bot.core.messages import MAX_BUTTON_DATA
from bot.core.state import ChatState
from tests.fakes.fake_services import LONG_ID


def test_data_round_trips_through_decode() -> None:
    assert buttons.decode(buttons.encode("add", 12, "3f")) == buttons.Press("add", ("12", "3f"))
    assert buttons.decode(buttons.encode("e", "", "recordation-apply#who")) == buttons.Press(
        "e", ("", "recordation-apply#who")
    )


@pytest.mark.parametrize("data", ["", "nonsense", "take:", "fb:1", "zz:1", "esc"])
def test_unknown_or_malformed_data_decodes_to_none(data: str) -> None:
    assert buttons.decode(data) is None


def test_encode_refuses_data_over_the_telegram_limit() -> None:
    with pytest.raises(ValueError):
        buttons.encode("e", "1", "x" * MAX_BUTTON_DATA)


def test_a_long_entry_id_gets_an_alias_that_the_same_state_resolves() -> None:
    state = ChatState()
    b = buttons.entry("A title", LONG_ID, "7", state)
    press = buttons.decode(b.data)
    assert len(b.data.encode()) <= MAX_BUTTON_DATA and press is not None
    assert buttons.entry_id_of(press.args[1], state) == LONG_ID
    assert buttons.entry_id_of(press.args[1], ChatState()) is None  # another chat: expired
    assert buttons.entry("A title", LONG_ID, "8", state).data.endswith(press.args[1])  # one alias per id


def test_labels_are_shortened_for_phones() -> None:
    b = buttons.entry("x " * 60, "f#a", "1", ChatState())
    assert len(b.label) <= buttons.LABEL_MAX


def test_category_buttons_cover_every_category_two_per_row() -> None:
    rows = buttons.categories("zh", item_id=5)
    flat = [b for row in rows for b in row]
    assert len(flat) == 6 and all(len(row) <= 2 for row in rows)
    assert flat[0].label == "海关备案" and flat[0].data == "cat:5:recordation"
