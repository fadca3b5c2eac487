"""Tracker errors as short user messages, chosen by the error's code: the tracker's English never leaks."""

from __future__ import annotations

from bot.core.messages import Reply
from bot.core.render import status_name
from bot.core.turn import Turn
from bot.tracker.errors import TrackerError


def explain(turn: Turn, error: TrackerError) -> list[Reply]:
    """The reply for `error`, naming the item it is about when there is one."""
    item = _item_of(error)
    if error.code in ("not_found", "forbidden"):
        return _not_there(turn, error, item)
    if error.code == "conflict":
        if item is not None and error.params.get("holder"):  # held by another officer: say by whom
            return turn.say("held_by", item=item, holder=error.params["holder"])
        return turn.say("conflict", item=item) if item is not None else turn.say("conflict_plain")
    if error.code == "invalid":
        return _invalid(turn, error, item)
    if error.code == "unavailable":
        return turn.say("busy")
    raise error  # an unknown code is a bug: the channel's error handler logs it and apologises


def _item_of(error: TrackerError) -> int | None:
    params = error.params
    if params.get("what") == "item":
        return int(params["id"])
    return int(params["item_id"]) if params.get("item_id") is not None else None


def _not_there(turn: Turn, error: TrackerError, item: int | None) -> list[Reply]:
    # An enterprise gets the same words whether the item is missing or someone else's: ids cannot be probed.
    if error.params.get("what") == "user":
        return turn.say("not_found_user")
    if error.params.get("reason") == "last_admin":
        return turn.say("last_admin")
    if item is None:
        return turn.say("forbidden") if turn.is_staff else turn.say("not_allowed")
    if not turn.is_staff:
        return turn.say("not_found_own", item=item)
    return turn.say("not_found" if error.code == "not_found" else "forbidden", item=item)


def _invalid(turn: Turn, error: TrackerError, item: int | None) -> list[Reply]:
    params = error.params
    if params.get("field") == "status" and item is not None and params.get("status"):
        return turn.say("invalid_status", item=item, status=status_name(str(params["status"]), turn.lang))
    if "limit" in params:
        return turn.say("invalid_too_long", limit=params["limit"])
    if params.get("field") == "officer_id" and params.get("officer_id") is not None:
        return turn.say("invalid_officer", user=params["officer_id"])
    return turn.say("invalid_plain")
