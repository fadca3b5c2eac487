"""The officer's one view of an item: everything needed to answer it, and the buttons for the next steps."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from bot.core import buttons
from bot.core.card_casework import case_facts, case_rows
from bot.core.messages import Button, Reply
from bot.core.render import (
    TITLE_IN_LIST_MAX,
    age_text,
    category_name,
    china_time,
    history_html,
    kind_name,
    status_name,
)
from bot.core.texts import Html, shorten, text
from bot.core.turn import Rows, Turn
from bot.tracker.values import ACTIVE, EventKind, ItemDetail, ItemKind, ItemView

TOPICS_SHOWN = 3
OTHERS_SHOWN = 5


def officer_card(turn: Turn, item_id: int, lead: Html | None = None) -> Reply:
    """The item whole for staff: who, how old, who holds it, what the bot said, the text, the history."""
    tracker = turn.services.tracker
    detail = tracker.item_detail(actor_id=turn.user_id, item_id=item_id)
    item = detail.item
    others = [i for i in tracker.open_items_of_owner(actor_id=turn.user_id, owner_id=item.owner_id) if i.id != item_id]
    lang, now = turn.lang, datetime.now(UTC)
    facts = [
        text(
            "item_header", lang, item=item.id, title=item.title, kind=kind_name(item.kind, lang),
            category=category_name(item.category, lang), status=status_name(item.status, lang),
        ),
        text("card_from", lang, enterprise=item.enterprise_name or item.owner_name, user=item.owner_id),
        text("card_age", lang, age=age_text(now - item.created_at, lang)),
        _holder_line(detail, lang, now),
        _others_line(others, lang),
    ]
    if item.kind == ItemKind.ESCALATION:
        facts.append(_bot_line(turn, item))
    if item.resolution:
        facts.append(text("card_resolution", lang, text=item.resolution))
    facts += case_facts(turn, item)  # due times, the intake's fields, the guarantee, similar open items
    parts = [*([lead] if lead else []), "\n".join(facts), text("card_text", lang) + "\n" + escape(item.description)]
    if detail.history:
        parts.append(history_html(detail, lang))
    return Reply(Html("\n\n".join(parts)), (*card_rows(turn, item), *case_rows(turn, item)))


def card_rows(turn: Turn, item: ItemView) -> Rows:
    """Take (unless it is yours), Reply, Close, Reassign for an item on the list; Reopen for a finished one."""
    lang = turn.lang
    if item.status not in ACTIVE:
        return ((buttons.reopen(item.id, lang),),)
    mine = item.assignee_id == turn.user_id
    may_act = item.assignee_id is None or mine or turn.is_admin  # the tracker's rule (require_free_or_held)
    rows: list[tuple[Button, ...]] = []
    if not mine and may_act:
        rows.append((buttons.take(item.id, lang),))
    if may_act:
        rows.append((buttons.reply(item.id, lang), buttons.close(item.id, lang), buttons.reassign(item.id, lang)))
    else:
        rows.append((buttons.reassign(item.id, lang),))
    return tuple(rows)


def _holder_line(detail: ItemDetail, lang: str, now: datetime) -> Html:
    item = detail.item
    if item.assignee_id is None:
        return text("card_unheld", lang)
    taken = [entry.at for entry in detail.history if entry.event == EventKind.ASSIGNED]
    since = taken[-1] if taken else item.updated_at
    return text(
        "card_holder", lang, holder=item.assignee_name or str(item.assignee_id), since=china_time(since),
        age=age_text(now - since, lang),
    )


def _others_line(others: list[ItemView], lang: str) -> Html:
    if not others:
        return text("card_no_other", lang)
    listed = ", ".join(f"#{i.id} {shorten(i.title, TITLE_IN_LIST_MAX // 2)}" for i in others[:OTHERS_SHOWN])
    if len(others) > OTHERS_SHOWN:
        listed += f" … (+{len(others) - OTHERS_SHOWN})"
    return text("card_other_open", lang, items=listed)


def _bot_line(turn: Turn, item: ItemView) -> Html:
    """What the bot answers to the escalated question (the engine is deterministic for one index)."""
    answer = turn.services.retriever.ask(item.description)
    confidence = f"{answer.confidence:.2f}"
    if answer.answered:
        return text("card_bot_answered", turn.lang, title=answer.title, confidence=confidence)
    topics = answer.related or answer.sources[:TOPICS_SHOWN]
    if not topics:
        return text("card_bot_nothing", turn.lang, confidence=confidence)
    listed = "; ".join(s.title for s in topics[:TOPICS_SHOWN])
    return text("card_bot_declined", turn.lang, confidence=confidence, topics=listed)
