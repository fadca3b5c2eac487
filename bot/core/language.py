"""/lang: English or Chinese, stored with the user so every later message and notice follows it."""

from __future__ import annotations

from bot.core import buttons
from bot.core.messages import Reply
from bot.core.texts import LANGS, text
from bot.core.turn import Turn


def lang(turn: Turn, args: str) -> list[Reply]:
    """`/lang` offers the buttons; `/lang zh` switches at once."""
    wanted = args.strip().lower()
    if wanted in LANGS:
        return set_lang(turn, wanted)
    return turn.say("lang_pick", (buttons.languages(turn.lang),))


def set_lang(turn: Turn, code: str) -> list[Reply]:
    if code not in LANGS:
        return turn.say("button_expired")
    turn.services.tracker.set_language(user_id=turn.user_id, language=code)
    return [Reply(text("lang_set", code))]
