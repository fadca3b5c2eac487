"""Per-chat conversation state of the chat core, as a JSON object per chat."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import col, delete

from bot.tracker.models import ChatState
from bot.tracker.unit import Unit


def get_chat_state(unit: Unit, *, chat_id: int) -> dict[str, Any]:
    """The stored state, or {} for a chat never seen (or whose state was cleared)."""
    row = unit.session.get(ChatState, chat_id)
    return json.loads(row.state) if row is not None else {}


def set_chat_state(unit: Unit, *, chat_id: int, state: dict[str, Any] | None) -> None:
    """Replace the state; None or {} clears it. An upsert, so two replicas writing at once cannot collide."""
    if not state:
        unit.session.exec(delete(ChatState).where(col(ChatState.chat_id) == chat_id))
        return
    document = json.dumps(state, ensure_ascii=False)
    unit.session.exec(
        unit.insert(ChatState)
        .values(chat_id=chat_id, state=document, updated_at=unit.now)
        .on_conflict_do_update(index_elements=["chat_id"], set_={"state": document, "updated_at": unit.now})
    )
