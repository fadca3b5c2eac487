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
    NoticeKind.DAILY_DIGEST: {
        "open": 3, "in_progress": 2, "overdue": 2, "oldest": [7, 9], "late": [4, 1], "with_due": 4, "on_time": 3,
    },
    NoticeKind.ITEMS_RETURNED: {"items": [7, 9], "officer": "Oscar <x>"},
    NoticeKind.ATTACHMENT: {"item_id": 7, "attachment_id": 3, "kind": "photo", "file_id": "ph1",
                            "file_name": "box.jpg", "owner_name": "Alice"},
    NoticeKind.DUE_SOON: {"item_id": 7, "stage": "first_response", "due": "2026-10-08T02:00:00+00:00", "title": "t"},
    NoticeKind.OVERDUE: {"item_id": 7, "stage": "resolution", "due": "2026-10-20T02:00:00+00:00", "title": "t"},
    NoticeKind.LOW_SCORE: {"item_id": 7, "score": 1, "comment": "slow"},
    NoticeKind.ITEM_MERGED: {"item_id": 5, "from_item": 7},
    NoticeKind.RENEWAL: {"recordation_id": 1, "number": "T2019-12345", "stage": "month", "expires": "2026-06-30"},
    NoticeKind.KB_DRAFT: {"draft_id": 2, "item_id": 7, "lang": "en", "content": "## Q <x>\n\nA.\n",
                          "removed": ["Mr Wang"]},
}
EXPECTED_ZH = {
    NoticeKind.ITEM_CREATED: "<b>新事项 #7</b> · 问题 · 海关备案\n企业：Alice\n\nd &lt;x&gt;",
    NoticeKind.ITEM_TAKEN: "#7 已由关员 Oscar 受理。",
    NoticeKind.OFFICER_REPLY: "关员 Oscar 对 #7 的答复：\nSend the invoice",
    NoticeKind.ITEM_CLOSED: "#7 已办结：Released\n如问题仍未解决，可以重新打开。\n\n您对 #7 的处理满意吗？",
    NoticeKind.ITEM_REOPENED: "#7 已重新打开。",
    NoticeKind.FOLLOW_UP: "Alice 对 #7 补充：\nmore",
    NoticeKind.ROLE_GRANTED: "您现在是关员。发送 /help 查看可用命令。",
    NoticeKind.ITEM_REASSIGNED: "#7 已转交给您处理。",
    NoticeKind.DAILY_DIGEST: "<b>每日清单</b>：待处理 3 件 · 处理中 2 件——距清零还有 5 件；"
    "2 件已超过期限（按工作日计）。\n按期办结（工作日）：4 件中 75%\n"
    "超期最久：#7（超 4 个工作日）、#9（超 1 个工作日）（/take 编号）",
    NoticeKind.ITEMS_RETURNED: "Oscar &lt;x&gt; 已不再担任关员，以下事项已退回待办清单：#7 #9",
    NoticeKind.ATTACHMENT: "📎 #7：Alice 发送的 box.jpg",
    NoticeKind.DUE_SOON: "⏰ #7 t：首次答复期限为 2026-10-08 10:00。",
    NoticeKind.OVERDUE: "⚠️ #7 t 已超过办结期限（2026-10-20 10:00）。",
    NoticeKind.LOW_SCORE: "👎 #7 被提交人评为 1/5。slow",
    NoticeKind.ITEM_MERGED: "#7 已与您的 #5 合并处理，其记录和附件都已并入 #5。请关注 #5。",
    NoticeKind.RENEWAL: "🔔 您的备案 T2019-12345 将在一个月后（2026年6月30日（星期二））到期。"
    "如尚未申请续展，请尽快通过海关总署备案系统办理。",
    NoticeKind.KB_DRAFT: "<b>条目草稿 2</b>，来自 #7（en）：\n<pre>## Q &lt;x&gt;\n\nA.\n</pre>\n已删除：Mr Wang",
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
    if kind not in (NoticeKind.ROLE_GRANTED, NoticeKind.RENEWAL):
        assert "#7" in en.html


def test_only_the_resolved_notice_the_announcement_and_the_handed_back_items_carry_buttons(dialog: Dialog) -> None:
    with_buttons = {k for k in NoticeKind if dialog.render_notification(notice(k, "en")).buttons}
    assert with_buttons == {
        NoticeKind.ITEM_CREATED, NoticeKind.ITEM_CLOSED, NoticeKind.ITEMS_RETURNED, NoticeKind.DUE_SOON,
        NoticeKind.OVERDUE, NoticeKind.KB_DRAFT,
    }


def test_the_digest_without_overdue_items_is_one_line(dialog: Dialog) -> None:
    quiet = {"open": 1, "in_progress": 0, "overdue": 0, "oldest": [], "late": []}
    view = NotificationView(id=1, chat_id=-55, kind=NoticeKind.DAILY_DIGEST, payload=quiet, lang="en", attempts=1)
    assert dialog.render_notification(view).html == (
        "<b>Daily list</b>: 1 open · 0 in progress — 1 to go to zero; 0 past their due time (working days)."
    )


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Resolved on time (working days): 75% of 4"), ("zh", "按期办结（工作日）：4 件中 75%"),
])
def test_the_digest_shows_the_share_resolved_on_time(dialog: Dialog, lang: str, line: str) -> None:
    payload = {"open": 1, "in_progress": 0, "overdue": 0, "oldest": [], "late": [], "with_due": 4, "on_time": 3}
    view = NotificationView(id=1, chat_id=-55, kind=NoticeKind.DAILY_DIGEST, payload=payload, lang=lang, attempts=1)
    assert dialog.render_notification(view).html.split("\n")[1] == line
