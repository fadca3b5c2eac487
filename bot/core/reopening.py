"""Reopening an item, for its owner and for officers alike: `/reopen N REASON`, the Reopen button, the reason
asked for when it is left out, and what is said after. Who may reopen what is the tracker's rule
(bot/tracker/lifecycle.py): an officer any item it may see, an enterprise its own."""

from __future__ import annotations

from bot.core import officer
from bot.core.messages import Reply
from bot.core.state import STEP_REOPEN
from bot.core.turn import Turn, split_item_and_text
from bot.tracker.values import ItemView, Status


def reopen(turn: Turn, args: str) -> list[Reply]:
    """`/reopen N REASON`; without a reason, asks for one (whoever reads the item next, the officer or the
    enterprise, sees why)."""
    item_id, reason = split_item_and_text(args)
    if item_id is None:
        return turn.say("usage_reopen")
    if not reason:
        return ask_reason(turn, item_id)
    if (too_long := officer.over_limit(turn, STEP_REOPEN, item_id, reason)) is not None:
        return ask_reason(turn, item_id, prompt=too_long)  # the step waits for a shorter reason
    return reopen_item(turn, item_id, reason)


def ask_reason(turn: Turn, item_id: int, prompt: list[Reply] | None = None) -> list[Reply]:
    """The Reopen button and `/reopen N`: the next message is the reason (checked now: a wrong N is told at
    once). An officer's step waits in its own chat, as its other steps do (officer.ask_for)."""
    if turn.is_staff:
        return officer.ask_for(turn, STEP_REOPEN, item_id, prompt=prompt)
    if (refused := officer.refused_before_typing(turn, STEP_REOPEN, item_id)) is not None:
        return refused
    turn.state.enter(STEP_REOPEN, item_id=item_id)
    return prompt or turn.say("reopen_prompt", item=item_id)


def reopen_item(turn: Turn, item_id: int, reason: str) -> list[Reply]:
    """Reopen #N with the reason: as an officer, or as its owner (within the owner's rate limit)."""
    tracker = turn.services.tracker
    if turn.is_staff:
        return reopened(turn, tracker.reopen(actor_id=turn.user_id, item_id=item_id, reason=reason))
    if refused := turn.over_limit("status"):
        return refused
    return reopened(turn, tracker.reopen_own(actor_id=turn.user_id, item_id=item_id, reason=reason))


def reopened(turn: Turn, item: ItemView) -> list[Reply]:
    """The status the item really has now: open in the queue, or in progress with whoever holds it, and who
    heard of it (the tracker tells the holder when the owner reopens, the owner when an officer does)."""
    if item.status != Status.IN_PROGRESS or not item.assignee_name:
        return turn.say("reopened_open", item=item.id)
    if not turn.is_staff:
        return turn.say("reopened_held", item=item.id, holder=item.assignee_name)
    if item.assignee_id == turn.user_id:
        return turn.say("reopened_yours", item=item.id)
    return turn.say("reopened_held_by", item=item.id, holder=item.assignee_name)
