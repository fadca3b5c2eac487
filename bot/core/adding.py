"""“Add to an open item”: the question goes to an item only after the person picked it, the best fit first."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core import buttons
from bot.core.messages import Reply
from bot.core.texts import shorten
from bot.core.turn import Turn
from bot.tracker.values import ItemView

ITEMS_OFFERED = 4
QUOTE_MAX = 120
_WORD = re.compile(r"[a-z0-9]{3,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def pick_item(turn: Turn, token: str) -> list[Reply]:
    """The button under an answer: which open item? The one whose words the question shares most comes first."""
    question = turn.state.question(token)
    if question is None:
        return turn.say("button_expired")
    if question.item_id is not None:  # added or escalated already: never on the list twice
        return turn.say("already_on_item", item=question.item_id)
    items = fitting_first(turn.services.tracker.open_items_of(actor_id=turn.user_id), question.text)
    if not items:
        return turn.say("followup_none")
    rows = tuple(
        (buttons.add_confirmed(item.id, item.title, token, turn.lang),) for item in items[:ITEMS_OFFERED]
    )
    return turn.say("add_pick", rows, question=shorten(question.text, QUOTE_MAX))


def add_confirmed(turn: Turn, item_id: int, token: str) -> list[Reply]:
    """The item picked: the question becomes its follow-up, and the reply quotes what was added."""
    question = turn.state.question(token)
    if question is None:
        return turn.say("button_expired")
    if question.item_id is not None:  # the picker pressed again (or another of its items): added once only
        return turn.say("already_on_item", item=question.item_id)
    if refused := turn.over_limit("followup"):  # a follow-up like any other: a notice in the officers' queue
        return refused
    turn.services.tracker.follow_up(actor_id=turn.user_id, item_id=item_id, text=question.text)
    question.item_id = item_id  # "Ask an officer" under it now says where it is, as for an escalated question
    return turn.say("followup_added_text", item=item_id, text=shorten(question.text, QUOTE_MAX))


def fitting_first(items: Sequence[ItemView], question: str) -> list[ItemView]:
    """The items by how many words (Chinese: character pairs) they share with the question; ties keep the
    tracker's order (newest first)."""
    wanted = _terms(question)
    scored = [(-len(wanted & _terms(f"{item.title} {item.description}")), n, item) for n, item in enumerate(items)]
    return [item for _, _, item in sorted(scored, key=lambda row: (row[0], row[1]))]


def _terms(text: str) -> set[str]:
    lowered = text.lower()
    terms = set(_WORD.findall(lowered))
    for run in _CJK_RUN.findall(lowered):
        terms.update(run[i : i + 2] for i in range(len(run) - 1))
    return terms
