"""Notices are typed: one dataclass per kind, written to and read from the outbox payload in one place."""

from __future__ import annotations

import pytest

from bot.tracker.notices import KINDS, ItemCreated, ItemReopened, NoticeKind, notice_of, payload_of
from tests.core.test_notifications import PAYLOADS


def test_every_kind_has_its_dataclass() -> None:
    assert set(KINDS) == set(NoticeKind)
    assert all(cls.kind == kind for kind, cls in KINDS.items())


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_a_payload_reads_back_as_written(kind: NoticeKind) -> None:
    notice = notice_of(kind, PAYLOADS[kind])

    assert isinstance(notice, KINDS[kind])
    assert payload_of(notice) == PAYLOADS[kind]


def test_a_renamed_or_missing_field_is_an_error_not_a_blank() -> None:
    with pytest.raises(TypeError, match="unknown fields"):
        notice_of(NoticeKind.ITEM_CLOSED, {"item_id": 7, "resolved_as": "Released"})
    with pytest.raises(TypeError):
        notice_of(NoticeKind.ITEM_CLOSED, {"item_id": 7})


def test_an_optional_field_is_left_out_while_none_and_kind_is_stored_as_before() -> None:
    assert payload_of(ItemReopened(item_id=7)) == {"item_id": 7}
    created = ItemCreated(
        item_id=7, item_kind="problem", category="other", title="t", description="d", enterprise=None,
        owner_name="Alice",
    )
    assert payload_of(created)["kind"] == "problem" and payload_of(created)["enterprise"] is None
    assert "intake" not in payload_of(created)
