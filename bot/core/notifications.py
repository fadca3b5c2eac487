"""Outbox notices as messages, in the recipient's language; the sender delivers them to `n.chat_id`."""

from __future__ import annotations

from bot.core import buttons, drafts
from bot.core.casework_notices import announced_extras, rating_rows, render_casework
from bot.core.messages import Button, Reply
from bot.core.ports import ServicesPort
from bot.core.render import category_name, kind_name
from bot.core.state import ChatState
from bot.core.texts import Html, normalize_lang, text
from bot.core.turn import Rows
from bot.tracker.notices import (
    DailyDigest,
    FollowUp,
    ItemClosed,
    ItemCreated,
    ItemReassigned,
    ItemReopened,
    ItemsReturned,
    ItemTaken,
    KbDraft,
    Notice,
    OfficerReply,
    RoleGranted,
)
from bot.tracker.values import ItemKind, NotificationView

RETURNED_BUTTONS = 5  # "Take" buttons under the items a former officer handed back; more would bury the list
SUGGESTIONS_SHOWN = 2  # the engine's best entries under an escalation, for the officer to reuse


def render_notification(services: ServicesPort, n: NotificationView) -> Reply:
    """The message for one notice, read by attribute from its kind's dataclass (bot.tracker.notices)."""
    lang = normalize_lang(n.lang)
    notice = n.notice
    if isinstance(notice, ItemCreated):
        announcement, take_rows = _item_created(services, notice, n.chat_id, lang)
        return Reply(announcement, take_rows, chat_id=n.chat_id)
    if (casework_notice := render_casework(notice, n.chat_id, lang)) is not None:
        return casework_notice
    if isinstance(notice, KbDraft):  # an officer's proposed answer, with Approve / Edit / Reject
        return drafts.notice(notice, n.chat_id, lang)
    html = _simple(notice, lang)
    rows: Rows = ()
    if isinstance(notice, ItemClosed):  # "How did we do?" with five scores, and Reopen
        html = Html(html + "\n\n" + text("rate_ask", lang, item=notice.item_id))
        rows = (*rating_rows(notice.item_id), (buttons.reopen(notice.item_id, lang),))
    if isinstance(notice, ItemReopened) and notice.by:  # its holder opens the one view in one press
        rows = ((buttons.view(notice.item_id, lang),),)
    if isinstance(notice, ItemsReturned):  # another officer takes them in one press
        rows = tuple((buttons.take(int(item_id), lang),) for item_id in notice.items[:RETURNED_BUTTONS])
    return Reply(html, rows, chat_id=n.chat_id)


def _item_created(services: ServicesPort, created: ItemCreated, chat_id: int, lang: str) -> tuple[Html, Rows]:
    """The officer chat's announcement: the item, a Take button, and for an escalation the nearest entries."""
    item_id = created.item_id
    html = text(
        "n_item_created",
        lang,
        item=item_id,
        kind=kind_name(created.item_kind, lang),
        category=category_name(created.category, lang),
        enterprise=created.enterprise or created.owner_name or "—",
        text=created.description,  # whole: the container number at the end is what the officer needs
    )
    html = Html("\n\n".join([html, *announced_extras(services, created, lang)]))  # intake fields, similar items
    # "Open" shows the one view (to the officer's own chat), where Take, Reply and Close are one press each.
    rows: list[tuple[Button, ...]] = [(buttons.view(item_id, lang), buttons.take(item_id, lang))]
    if created.item_kind == ItemKind.ESCALATION:
        suggestions = services.retriever.ask(created.description).sources[:SUGGESTIONS_SHOWN]
        if suggestions:
            lines = [text("kb_line", lang, title=s.title, entry=s.id) for s in suggestions]
            html = Html("\n\n".join([html, "\n".join([text("kb_suggestions", lang), *lines])]))
            rows.extend(_entry_rows(services, chat_id, [(s.title, s.id) for s in suggestions]))
    return html, tuple(rows)


def _entry_rows(services: ServicesPort, chat_id: int, entries: list[tuple[str, str]]) -> Rows:
    """Buttons that show an entry; an id too long for button data gets an alias kept in that chat's state."""
    state = ChatState.from_dict(services.tracker.get_chat_state(chat_id=chat_id))
    before = state.as_dict()
    rows = tuple((buttons.entry("📖 " + title, entry_id, "", state),) for title, entry_id in entries)
    if state.as_dict() != before:
        services.tracker.set_chat_state(chat_id=chat_id, state=state.as_dict())
    return rows


def _simple(notice: Notice, lang: str) -> Html:
    """The one-message notices. A reply, resolution or follow-up is given whole (the tracker keeps at most
    4,000 characters; the channel splits a message longer than Telegram's 4,096 in two), so a detail at its
    end is never lost."""
    match notice:
        case ItemTaken():
            return text("n_item_taken", lang, item=notice.item_id, officer=notice.officer)
        case OfficerReply():
            return text("n_officer_reply", lang, item=notice.item_id, officer=notice.officer, text=notice.text)
        case ItemClosed():
            return text("n_item_closed", lang, item=notice.item_id, resolution=notice.resolution)
        case ItemReopened() if notice.by:  # to its holder: another officer reopened it
            key = "n_item_reopened_by_reason" if notice.reason else "n_item_reopened_by"
            return text(key, lang, item=notice.item_id, officer=notice.by, reason=notice.reason or "")
        case ItemReopened() if notice.reason:
            return text("n_item_reopened_reason", lang, item=notice.item_id, reason=notice.reason)
        case ItemReopened():
            return text("n_item_reopened", lang, item=notice.item_id)
        case FollowUp():
            return text("n_follow_up", lang, item=notice.item_id, owner=notice.owner_name, text=notice.text)
        case RoleGranted():
            return text("n_role_granted", lang, role=text(f"role_{notice.role}", lang))
        case ItemReassigned():
            return text("n_item_reassigned", lang, item=notice.item_id)
        case DailyDigest():
            return _digest(notice, lang)
        case ItemsReturned():
            items = " ".join(f"#{int(i)}" for i in notice.items)
            return text("n_items_returned", lang, officer=notice.officer, items=items)
    return text("n_other", lang, item=getattr(notice, "item_id", "?"))


def _digest(digest: DailyDigest, lang: str) -> Html:
    """The list's distance to zero and what is past due, counted in working days."""
    summary = text(
        "n_digest", lang, open=digest.open, in_progress=digest.in_progress,
        to_go=digest.open + digest.in_progress, overdue=digest.overdue,
    )
    if digest.with_due:
        percent = f"{100.0 * digest.on_time / digest.with_due:.0f}%"
        summary = Html(summary + "\n" + text("stats_sla", lang, percent=percent, count=digest.with_due))
    if not digest.oldest:
        return summary
    late = list(digest.late)
    oldest = text("list_sep", lang).join(
        text("n_digest_late", lang, item=int(item_id), days=late[n]) if n < len(late) else f"#{int(item_id)}"
        for n, item_id in enumerate(digest.oldest)
    )
    return Html(summary + "\n" + text("n_digest_oldest", lang, items=Html(oldest)))
