"""Answer feedback: what users thought of the entries they were shown, for whoever keeps the knowledge base."""

from __future__ import annotations

from sqlalchemy import Integer, cast, func
from sqlmodel import col, select

from bot.tracker.access import load_staff
from bot.tracker.models import AnswerFeedback
from bot.tracker.unit import Unit
from bot.tracker.values import EntryFeedback

QUESTION_MAX = 1000


def record(unit: Unit, *, user_id: int, entry_id: str, question: str, helpful: bool) -> None:
    """The user's verdict on the entry; a later press replaces an earlier one (one vote per user and entry)."""
    values = {"question": question[:QUESTION_MAX], "helpful": helpful, "at": unit.now}
    unit.session.exec(
        unit.insert(AnswerFeedback)
        .values(user_id=user_id, entry_id=entry_id, **values)
        .on_conflict_do_update(index_elements=["user_id", "entry_id"], set_=values)
    )


def least_helpful(unit: Unit, *, actor_id: int, limit: int = 5) -> list[EntryFeedback]:
    """Entries with any 👎, the most 👎 first: the ones to rewrite. Staff only."""
    load_staff(unit, actor_id)
    unhelpful = func.sum(cast(~col(AnswerFeedback.helpful), Integer))
    helpful = func.sum(cast(col(AnswerFeedback.helpful), Integer))
    query = (
        select(col(AnswerFeedback.entry_id), unhelpful, helpful)
        .group_by(col(AnswerFeedback.entry_id))
        .having(unhelpful > 0)
        .order_by(unhelpful.desc(), col(AnswerFeedback.entry_id))
        .limit(limit)
    )
    return [EntryFeedback(entry_id, int(no), int(yes)) for entry_id, no, yes in unit.session.exec(query).all()]
