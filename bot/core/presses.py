"""Button presses: the one table of button kinds, and the dispatch of a press to its handler with the same role
checks as commands."""

from __future__ import annotations

from bot.core import adding, calc, casework, enterprise, gaps, kb, officer, proposals, questions, reopening
from bot.core.buttons import ButtonKind, ExpiredButton, Who, decode, int_arg
from bot.core.language import set_lang
from bot.core.messages import Reply
from bot.core.state import STEP_CLOSE, STEP_REPLY
from bot.core.turn import Turn, parse_user_id
from bot.tracker.values import Category


def on_button(turn: Turn, data: str) -> list[Reply]:
    """The press's reply; data this core cannot read (an old version's, a forged one) has expired."""
    press = decode(data)
    if press is None:
        return turn.say("button_expired")
    kind = KINDS[press.kind]
    if (kind.who is Who.STAFF and not turn.is_staff) or (kind.who is Who.ADMIN and not turn.is_admin):
        return turn.say("not_allowed")
    try:
        return kind.handler(turn, press.args)
    except ExpiredButton:
        return turn.say("button_expired")


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


STAFF, ADMIN = Who.STAFF, Who.ADMIN
_CORE = (
    # Questions: esc:TOKEN ask an officer · fb:TOKEN:y|n feedback · add:N:TOKEN add the question to #N (asks
    # which first) · addy:N:TOKEN (add, confirmed) · e:TOKEN:REF show an entry (REF: its id, or ~ALIAS when the
    # id is too long) · calc:STEP the calculator · lang:CODE.
    ButtonKind("calc", 1, lambda turn, args: calc.press(turn, args[0])),
    ButtonKind("esc", 1, lambda turn, args: questions.escalate(turn, args[0])),
    ButtonKind("fb", 2, lambda turn, args: questions.feedback(turn, args[0], args[1])),
    ButtonKind("add", 2, lambda turn, args: adding.pick_item(turn, args[1])),
    ButtonKind("addy", 2, lambda turn, args: adding.add_confirmed(turn, int_arg(args[0]), args[1])),
    ButtonKind("e", 2, lambda turn, args: questions.show_entry(turn, args[0], args[1])),
    ButtonKind("lang", 1, lambda turn, args: set_lang(turn, args[0])),
    # The enterprise's items: pc:CATEGORY the problem walk-through · cat:N:CATEGORY · fu:N add a message to #N ·
    # reopen:N (an officer's reopens any item, an enterprise's its own; the reason is asked first).
    ButtonKind("pc", 1, lambda turn, args: enterprise.pick_category(turn, _category(args[0]))),
    ButtonKind("cat", 2, lambda turn, args: enterprise.set_category(turn, int_arg(args[0]), _category(args[1]))),
    ButtonKind("fu", 1, lambda turn, args: enterprise.start_followup(turn, int_arg(args[0]))),
    ButtonKind("reopen", 1, lambda turn, args: reopening.ask_reason(turn, int_arg(args[0]))),
    # The officer's one view and guided path: take:N · view:N · rep:N, cls:N (reply / close: the next message
    # is the text) · cw:N:VERSION close with the reply just sent · ra:N reassign: pick an officer · rat:N:USER.
    ButtonKind("take", 1, lambda turn, args: officer.take_item(turn, int_arg(args[0])), STAFF),
    ButtonKind("view", 1, lambda turn, args: officer.view(turn, int_arg(args[0])), STAFF),
    ButtonKind("rep", 1, lambda turn, args: officer.ask_for(turn, STEP_REPLY, int_arg(args[0])), STAFF),
    ButtonKind("cls", 1, lambda turn, args: officer.ask_for(turn, STEP_CLOSE, int_arg(args[0])), STAFF),
    ButtonKind("cw", 2, lambda turn, args: officer.close_with_reply(turn, int_arg(args[0]), int_arg(args[1])), STAFF),
    ButtonKind("ra", 1, lambda turn, args: officer.pick_officer(turn, int_arg(args[0])), STAFF),
    ButtonKind("rat", 2, lambda turn, args: officer.reassign_item(turn, int_arg(args[0]), _user_id(args[1])), STAFF),
    # The knowledge loop: kbp:D / kbc:D publish or cancel a previewed upload · kba:D, kbe:D, kbr:D approve,
    # edit or reject an officer's proposed answer · kbo:N propose #N's resolution · gap:G:ACTION:REF settle the
    # group of gap G (a: answered by entry REF, n: needs a new entry, x: not for this desk).
    ButtonKind("kbp", 1, lambda turn, args: kb.publish(turn, int_arg(args[0])), ADMIN),
    ButtonKind("kbc", 1, lambda turn, args: kb.cancel(turn, int_arg(args[0])), ADMIN),
    ButtonKind("kba", 1, lambda turn, args: proposals.approve(turn, int_arg(args[0])), ADMIN),
    ButtonKind("kbe", 1, lambda turn, args: proposals.ask_edit(turn, int_arg(args[0])), ADMIN),
    ButtonKind("kbr", 1, lambda turn, args: proposals.reject(turn, int_arg(args[0])), ADMIN),
    ButtonKind("kbo", 1, lambda turn, args: proposals.propose(turn, int_arg(args[0])), STAFF),
    ButtonKind("gap", 3, lambda turn, args: gaps.press(turn, int_arg(args[0]), args[1], args[2]), ADMIN),
)


def _table(*declared: ButtonKind) -> dict[str, ButtonKind]:
    """By prefix; a prefix declared twice is a programming error, caught at import."""
    table = {kind.prefix: kind for kind in declared}
    if len(table) != len(declared):
        raise ValueError("a button kind is declared twice")
    return table


# Every button kind the core makes and reads (bot.core.buttons.encode / decode look kinds up here).
KINDS: dict[str, ButtonKind] = _table(*_CORE, *casework.KINDS)
