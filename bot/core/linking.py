"""`/link`: one person's Telegram and WeCom accounts made one user of the desk. `/link` in either channel
gives a one-time code; `/link CODE` in the other links them (the tracker keeps the rules)."""

from __future__ import annotations

from bot.core.messages import Reply
from bot.core.turn import Turn
from bot.tracker.errors import LinkRefused
from bot.tracker.values import LINK_VALID_MINUTES


def link(turn: Turn, args: str) -> list[Reply]:
    tracker, channel = turn.services.tracker, turn.incoming.channel
    code = args.strip()
    if not code:
        fresh = tracker.new_link_code(user_id=turn.user_id, channel=channel)
        return turn.say("link_code", code=fresh, minutes=LINK_VALID_MINUTES)
    try:
        tracker.link_channels(user_id=turn.user_id, channel=channel, code=code)
    except LinkRefused as refused:
        roles = {k: turn.t(f"role_{v}") for k, v in refused.params.items() if k in ("first", "second")}
        return [Reply(turn.t(f"link_{refused.reason}", **roles))]
    turn.state.leave()
    return turn.say("link_done")
