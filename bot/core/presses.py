"""Button presses: decode the callback data and run its handler, with the same role checks as commands."""

from __future__ import annotations

from collections.abc import Callable

from bot.core import adding, buttons, calc, casework, enterprise, gaps, kb, officer, proposals, questions
from bot.core.language import set_lang
from bot.core.messages import Reply
from bot.core.state import STEP_CLOSE, STEP_REOPEN, STEP_REPLY
from bot.core.turn import Turn, parse_user_id
from bot.tracker.values import Category

PressHandler = Callable[[Turn, tuple[str, ...]], list[Reply]]


def on_button(turn: Turn, data: str) -> list[Reply]:
    """The press's reply; data this core cannot read (an old version's, a forged one) has expired."""
    press = buttons.decode(data)
    handler = HANDLERS.get(press.kind) if press else None
    if press is None or handler is None:
        return turn.say("button_expired")
    try:
        return handler(turn, press.args)
    except ExpiredButton:
        return turn.say("button_expired")


class ExpiredButton(Exception):
    """A number or category in the data that does not parse: treated like an expired button."""


def _int(arg: str) -> int:
    # At most 9 digits, as typed item numbers (bot.core.turn): forged data with a huge number would
    # otherwise overflow the database's integer and fail the update instead of expiring.
    if not (arg.isascii() and arg.isdigit() and len(arg) <= 9):
        raise ExpiredButton(arg)
    return int(arg)


def _user_id(arg: str) -> int:
    user_id = parse_user_id(arg)
    if user_id is None:
        raise ExpiredButton(arg)
    return user_id


def _category(arg: str) -> Category:
    try:
        return Category(arg)
    except ValueError:
        raise ExpiredButton(arg) from None


def _take(turn: Turn, args: tuple[str, ...]) -> list[Reply]:
    if not turn.is_staff:
        return turn.say("not_allowed")
    return officer.take_item(turn, _int(args[0]))


def _reopen(turn: Turn, args: tuple[str, ...]) -> list[Reply]:
    """An officer reopens any item; the enterprise's button under "#N is resolved" reopens its own. Either
    way the reason is asked first: whoever reads the item next sees why."""
    if turn.is_staff:
        return officer.ask_for(turn, STEP_REOPEN, _int(args[0]))
    return enterprise.ask_reopen_reason(turn, _int(args[0]))


def _admin(handler: PressHandler) -> PressHandler:
    """An admin's button (the knowledge loop): anyone else is refused."""

    def checked(turn: Turn, args: tuple[str, ...]) -> list[Reply]:
        return handler(turn, args) if turn.is_admin else turn.say("not_allowed")

    return checked


def _staff(handler: PressHandler) -> PressHandler:
    """An officer's button: anyone else is refused as for the command."""

    def checked(turn: Turn, args: tuple[str, ...]) -> list[Reply]:
        return handler(turn, args) if turn.is_staff else turn.say("not_allowed")

    return checked


HANDLERS: dict[str, PressHandler] = {
    "calc": lambda turn, args: calc.press(turn, args[0]),
    "esc": lambda turn, args: questions.escalate(turn, args[0]),
    "fb": lambda turn, args: questions.feedback(turn, args[0], args[1]),
    "add": lambda turn, args: adding.pick_item(turn, args[1]),
    "e": lambda turn, args: questions.show_entry(turn, args[0], args[1]),
    "pc": lambda turn, args: enterprise.pick_category(turn, _category(args[0])),
    "cat": lambda turn, args: enterprise.set_category(turn, _int(args[0]), _category(args[1])),
    "take": _take,
    "reopen": _reopen,
    "view": _staff(lambda turn, args: officer.view(turn, _int(args[0]))),
    "rep": _staff(lambda turn, args: officer.ask_for(turn, STEP_REPLY, _int(args[0]))),
    "cls": _staff(lambda turn, args: officer.ask_for(turn, STEP_CLOSE, _int(args[0]))),
    "cw": _staff(lambda turn, args: officer.close_with_reply(turn, _int(args[0]), _int(args[1]))),
    "ra": _staff(lambda turn, args: officer.pick_officer(turn, _int(args[0]))),
    "rat": _staff(lambda turn, args: officer.reassign_item(turn, _int(args[0]), _user_id(args[1]))),
    "addy": lambda turn, args: adding.add_confirmed(turn, _int(args[0]), args[1]),
    "fu": lambda turn, args: enterprise.start_followup(turn, _int(args[0])),
    "lang": lambda turn, args: set_lang(turn, args[0]),
    "kbp": _admin(lambda turn, args: kb.publish(turn, _int(args[0]))),
    "kbc": _admin(lambda turn, args: kb.cancel(turn, _int(args[0]))),
    "kba": _admin(lambda turn, args: proposals.approve(turn, _int(args[0]))),
    "kbe": _admin(lambda turn, args: proposals.ask_edit(turn, _int(args[0]))),
    "kbr": _admin(lambda turn, args: proposals.reject(turn, _int(args[0]))),
    "kbo": _staff(lambda turn, args: proposals.propose(turn, _int(args[0]))),
    "gap": _admin(lambda turn, args: gaps.press(turn, _int(args[0]), args[1], args[2])),
    **casework.HANDLERS,
}
