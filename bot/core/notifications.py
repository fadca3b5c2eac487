"""Outbox notices as messages, in the recipient's language; the sender delivers them to `n.chat_id`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.core import buttons, drafts
from bot.core.casework_notices import announced_extras, rating_rows, render_casework
from bot.core.messages import Button, Reply
from bot.core.ports import ServicesPort
from bot.core.render import category_name, kind_name
from bot.core.state import ChatState
from bot.core.texts import Html, normalize_lang, text
from bot.core.turn import Rows
from bot.tracker.values import ItemKind, NoticeKind, NotificationView

RETURNED_BUTTONS = 5  # "Take" buttons under the items a former officer handed back; more would bury the list
SUGGESTIONS_SHOWN = 2  # the engine's best entries under an escalation, for the officer to reuse


def _said(p: dict[str, Any], key: str) -> str:
    """A reply, resolution or follow-up whole (the tracker keeps at most 4,000 characters; the channel
    splits a message longer than Telegram's 4,096 in two), so a detail at its end is never lost."""
    return str(p[key])


def render_notification(services: ServicesPort, n: NotificationView) -> Reply:
    """The message for one notice; an unknown kind still names its item rather than failing the outbox."""
    lang = normalize_lang(n.lang)
    if n.kind == NoticeKind.ITEM_CREATED:
        announcement, take_rows = _item_created(services, n, lang)
        return Reply(announcement, take_rows, chat_id=n.chat_id)
    if (casework_notice := render_casework(services, n, lang)) is not None:
        return casework_notice
    if n.kind == NoticeKind.KB_DRAFT:  # an officer's proposed answer, with Approve / Edit / Reject
        return drafts.notice(n, lang)
    render = SIMPLE.get(n.kind)
    html = render(n.payload, lang) if render else text("n_other", lang, item=n.payload.get("item_id", "?"))
    rows: Rows = ()
    if n.kind == NoticeKind.ITEM_CLOSED:  # "How did we do?" with five scores, and Reopen
        item_id = int(n.payload["item_id"])
        html = Html(html + "\n\n" + text("rate_ask", lang, item=item_id))
        rows = (*rating_rows(item_id), (buttons.reopen(item_id, lang),))
    if n.kind == NoticeKind.ITEMS_RETURNED:  # another officer takes them in one press
        rows = tuple((buttons.take(int(item_id), lang),) for item_id in n.payload["items"][:RETURNED_BUTTONS])
    return Reply(html, rows, chat_id=n.chat_id)


def _item_created(services: ServicesPort, n: NotificationView, lang: str) -> tuple[Html, Rows]:
    """The officer chat's announcement: the item, a Take button, and for an escalation the nearest entries."""
    p = n.payload
    item_id = int(p["item_id"])
    html = text(
        "n_item_created",
        lang,
        item=item_id,
        kind=kind_name(p["kind"], lang),
        category=category_name(p["category"], lang),
        enterprise=p.get("enterprise") or p.get("owner_name") or "—",
        text=str(p["description"]),  # whole: the container number at the end is what the officer needs
    )
    html = Html("\n\n".join([html, *announced_extras(services, p, lang)]))  # intake fields, similar items
    # "Open" shows the one view (to the officer's own chat), where Take, Reply and Close are one press each.
    rows: list[tuple[Button, ...]] = [(buttons.view(item_id, lang), buttons.take(item_id, lang))]
    if p["kind"] == ItemKind.ESCALATION:
        suggestions = services.retriever.ask(str(p["description"])).sources[:SUGGESTIONS_SHOWN]
        if suggestions:
            lines = [text("kb_line", lang, title=s.title, entry=s.id) for s in suggestions]
            html = Html("\n\n".join([html, "\n".join([text("kb_suggestions", lang), *lines])]))
            rows.extend(_entry_rows(services, n.chat_id, [(s.title, s.id) for s in suggestions]))
    return html, tuple(rows)


def _entry_rows(services: ServicesPort, chat_id: int, entries: list[tuple[str, str]]) -> Rows:
    """Buttons that show an entry; an id too long for button data gets an alias kept in that chat's state."""
    state = ChatState.from_dict(services.tracker.get_chat_state(chat_id=chat_id))
    before = state.as_dict()
    rows = tuple((buttons.entry("📖 " + title, entry_id, "", state),) for title, entry_id in entries)
    if state.as_dict() != before:
        services.tracker.set_chat_state(chat_id=chat_id, state=state.as_dict())
    return rows


def _role(p: dict[str, Any], lang: str) -> Html:
    return text("n_role_granted", lang, role=text(f"role_{p['role']}", lang))


SIMPLE: dict[str, Callable[[dict[str, Any], str], Html]] = {
    NoticeKind.ITEM_TAKEN: lambda p, lang: text(
        "n_item_taken", lang, item=p["item_id"], officer=p["officer"]
    ),
    NoticeKind.OFFICER_REPLY: lambda p, lang: text(
        "n_officer_reply", lang, item=p["item_id"], officer=p["officer"], text=_said(p, "text")
    ),
    NoticeKind.ITEM_CLOSED: lambda p, lang: text(
        "n_item_closed", lang, item=p["item_id"], resolution=_said(p, "resolution")
    ),
    NoticeKind.ITEM_REOPENED: lambda p, lang: (
        text("n_item_reopened_reason", lang, item=p["item_id"], reason=_said(p, "reason"))
        if p.get("reason")
        else text("n_item_reopened", lang, item=p["item_id"])
    ),
    NoticeKind.FOLLOW_UP: lambda p, lang: text(
        "n_follow_up", lang, item=p["item_id"], owner=p["owner_name"], text=_said(p, "text")
    ),
    NoticeKind.ROLE_GRANTED: _role,
    NoticeKind.ITEM_REASSIGNED: lambda p, lang: text("n_item_reassigned", lang, item=p["item_id"]),
    NoticeKind.DAILY_DIGEST: lambda p, lang: _digest(p, lang),
    NoticeKind.ITEMS_RETURNED: lambda p, lang: text(
        "n_items_returned", lang, officer=p["officer"], items=" ".join(f"#{int(i)}" for i in p["items"])
    ),
}


def _digest(p: dict[str, Any], lang: str) -> Html:
    """The list's distance to zero and what is past due, counted in working days."""
    summary = text(
        "n_digest", lang, open=p["open"], in_progress=p["in_progress"],
        to_go=int(p["open"]) + int(p["in_progress"]), overdue=p["overdue"],
    )
    if not p.get("oldest"):
        return summary
    late = list(p.get("late") or [])
    oldest = text("list_sep", lang).join(
        text("n_digest_late", lang, item=int(item_id), days=late[n]) if n < len(late) else f"#{int(item_id)}"
        for n, item_id in enumerate(p["oldest"])
    )
    return Html(summary + "\n" + text("n_digest_oldest", lang, items=Html(oldest)))
