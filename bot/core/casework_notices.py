"""Casework's outbox notices as messages: a file forwarded to officers, due-time reminders and announcements,
a low score, a merge, a recordation's renewal; and what the new-item announcement adds (the intake's fields,
the guarantee the rules give, the most similar open items of any enterprise)."""

from __future__ import annotations

import datetime as dt

from bot.core.buttons import encode
from bot.core.caseports import tracker_from
from bot.core.intake import draft_intake, guarantee_line, intake_lines
from bot.core.messages import Button, Reply, SentFile
from bot.core.ports import ServicesPort
from bot.core.recordations import renewal_html
from bot.core.render import china_time
from bot.core.similar import SIMILAR_SHOWN, best_matches
from bot.core.texts import Html, shorten, text
from bot.core.turn import Rows
from bot.tracker.notices import AttachmentAdded, DueSoon, ItemCreated, ItemMerged, LowScore, Notice, Overdue, Renewal

SIMILAR_LOOKED_AT = 200  # the newest open items of every enterprise


def rating_rows(item_id: int) -> Rows:
    """Five buttons, 1 to 5: the owner's score of how the item was handled."""
    return (tuple(Button(f"{score}⭐", encode("sat", item_id, score)) for score in range(1, 6)),)


def render_casework(notice: Notice, chat_id: int, lang: str) -> Reply | None:
    """The message of a casework notice, or None for the list's own kinds."""
    match notice:
        case AttachmentAdded():
            caption = text("n_attachment", lang, item=notice.item_id, name=notice.file_name, owner=notice.owner_name)
            sent = SentFile(notice.file_kind, notice.file_id, notice.file_name)
            return Reply(caption, chat_id=chat_id, file=sent)
        case DueSoon() | Overdue():
            key = "n_due_soon" if isinstance(notice, DueSoon) else "n_overdue"
            stage = text(f"due_{notice.stage}", lang)
            when = china_time(dt.datetime.fromisoformat(notice.due))
            html = text(key, lang, item=notice.item_id, title=shorten(notice.title, 60), stage=stage, when=when)
            return Reply(html, ((_view_button(notice.item_id, lang),),), chat_id=chat_id)
        case LowScore():
            html = text("n_low_score", lang, item=notice.item_id, score=notice.score, comment=notice.comment or "")
            return Reply(Html(html.strip()), chat_id=chat_id)
        case ItemMerged():
            return Reply(text("n_item_merged", lang, item=notice.item_id, from_item=notice.from_item), chat_id=chat_id)
        case Renewal():
            return Reply(renewal_html(notice, lang), chat_id=chat_id)
    return None


def _view_button(item_id: int, lang: str) -> Button:
    return Button(text("btn_view", lang, item=item_id), encode("view", item_id))


def announced_extras(services: ServicesPort, created: ItemCreated, lang: str) -> list[Html]:
    """Under a new item: the intake's answers and the guarantee, then the most similar open items."""
    extras: list[Html] = []
    intake = draft_intake(created.intake or {})
    lines = intake_lines(intake, lang)
    if (guarantee := guarantee_line(intake, lang)) is not None:
        lines.append(guarantee)
    if lines:
        extras.append(Html("\n".join(lines)))
    if (similar := similar_line(services, created.item_id, created.description, lang)) is not None:
        extras.append(similar)
    return extras


def similar_line(services: ServicesPort, item_id: int, description: str, lang: str) -> Html | None:
    """The open items of any enterprise most like this one, for officers only (an officer's view)."""
    others = _open_texts(services, item_id)
    matches = best_matches(services, description, others, duplicate=False, limit=SIMILAR_SHOWN)
    if not matches:
        return None
    listed = "; ".join(
        text("similar_line", lang, item=m.item_id, score=f"{m.score:.2f}", title=shorten(m.text.split("\n")[0], 50))
        for m in matches
    )
    return text("similar_open", lang, items=Html(listed))


def _open_texts(services: ServicesPort, item_id: int) -> list[tuple[int, str]]:
    """Every enterprise's newest open items (read as the system: the notice goes to officers only)."""
    tracker = tracker_from(services)
    rows = tracker.open_texts(actor_id=None, limit=SIMILAR_LOOKED_AT)
    return [(other, body) for other, body, _ in rows if other != item_id]
