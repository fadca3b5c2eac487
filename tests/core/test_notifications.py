"""Every outbox notice renders in the recipient's language and names its item."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.dialog import Dialog
from bot.tracker.values import NoticeKind, NotificationView

PAYLOADS: dict[NoticeKind, dict[str, Any]] = {
    NoticeKind.ITEM_CREATED: {
        "item_id": 7,
        "kind": "problem",
        "category": "recordation",
        "title": "t",
        "description": "d <x>",
        "enterprise": None,
        "owner_name": "Alice",
    },
    NoticeKind.ITEM_TAKEN: {"item_id": 7, "officer": "Oscar"},
    NoticeKind.OFFICER_REPLY: {"item_id": 7, "text": "Send the invoice", "officer": "Oscar"},
    NoticeKind.ITEM_CLOSED: {"item_id": 7, "resolution": "Released"},
    NoticeKind.ITEM_REOPENED: {"item_id": 7},
    NoticeKind.FOLLOW_UP: {"item_id": 7, "text": "more", "owner_name": "Alice"},
    NoticeKind.ROLE_GRANTED: {"role": "officer"},
    NoticeKind.ITEM_REASSIGNED: {"item_id": 7},
    NoticeKind.DAILY_DIGEST: {"open": 3, "in_progress": 2, "overdue": 2, "overdue_days": 5, "oldest": [7, 9]},
    NoticeKind.ITEMS_RETURNED: {"items": [7, 9], "officer": "Oscar <x>"},
}
EXPECTED_ZH = {
    NoticeKind.ITEM_CREATED: "<b>新事项 #7</b> · 问题 · 海关备案\n企业：Alice\n\nd &lt;x&gt;",
    NoticeKind.ITEM_TAKEN: "#7 已由关员 Oscar 受理。",
    NoticeKind.OFFICER_REPLY: "关员 Oscar 对 #7 的答复：\nSend the invoice",
    NoticeKind.ITEM_CLOSED: "#7 已办结：Released\n如问题仍未解决，可以重新打开。",
    NoticeKind.ITEM_REOPENED: "#7 已重新打开。",
    NoticeKind.FOLLOW_UP: "Alice 对 #7 补充：\nmore",
    NoticeKind.ROLE_GRANTED: "您现在是关员。发送 /help 查看可用命令。",
    NoticeKind.ITEM_REASSIGNED: "#7 已转交给您处理。",
    NoticeKind.DAILY_DIGEST: "<b>每日清单</b>：待处理 3 件 · 处理中 2 件——距清零还有 5 件；"
    "超期 2 件（超过 5 天未办结）。\n最早的超期事项：#7 #9（/take 编号）",
    NoticeKind.ITEMS_RETURNED: "Oscar &lt;x&gt; 已不再担任关员，以下事项已退回待办清单：#7 #9",
}


def notice(kind: NoticeKind, lang: str) -> NotificationView:
    return NotificationView(id=1, chat_id=-55, kind=kind, payload=PAYLOADS[kind], lang=lang, attempts=1)


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_every_notice_renders_in_both_languages(dialog: Dialog, kind: NoticeKind) -> None:
    en = dialog.render_notification(notice(kind, "en"))
    zh = dialog.render_notification(notice(kind, "zh"))
    assert en.chat_id == zh.chat_id == -55
    assert zh.html == EXPECTED_ZH[kind]
    assert en.html != zh.html
    if kind != NoticeKind.ROLE_GRANTED:
        assert "#7" in en.html


def test_only_the_resolved_notice_the_announcement_and_the_handed_back_items_carry_buttons(dialog: Dialog) -> None:
    with_buttons = {k for k in NoticeKind if dialog.render_notification(notice(k, "en")).buttons}
    assert with_buttons == {NoticeKind.ITEM_CREATED, NoticeKind.ITEM_CLOSED, NoticeKind.ITEMS_RETURNED}


def test_the_digest_without_overdue_items_is_one_line(dialog: Dialog) -> None:
    quiet = {"open": 1, "in_progress": 0, "overdue": 0, "overdue_days": 5, "oldest": []}
    view = NotificationView(id=1, chat_id=-55, kind=NoticeKind.DAILY_DIGEST, payload=quiet, lang="en", attempts=1)
    assert dialog.render_notification(view).html == (
        "<b>Daily list</b>: 1 open · 0 in progress — 1 to go to zero; 0 overdue (open over 5 days)."
    )
