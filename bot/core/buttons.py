"""Inline buttons: what each one says and the short callback data that brings the press back to the core.

Data is `kind:arg:arg`, always within MAX_BUTTON_DATA bytes. Every kind is declared once, as a ButtonKind with
its arity, its handler and who may press it, in the one table bot.core.presses.KINDS (casework's kinds come
from bot.core.casework.KINDS); encode and decode read that table, so data of a kind nobody handles is neither
made nor read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from html import unescape
from typing import TYPE_CHECKING

from bot.core.messages import MAX_BUTTON_DATA, Button, Reply
from bot.core.state import ChatState
from bot.core.texts import LANGS, shorten, text
from bot.tracker.values import Category

if TYPE_CHECKING:
    from bot.core.turn import Turn

LABEL_MAX = 40  # a longer label is cut: Telegram shows about that much on a phone
ALIAS_MARK = "~"

PressHandler = Callable[["Turn", tuple[str, ...]], list[Reply]]


class Who(Enum):
    """Who may press a kind of button; anyone else is told "not allowed", as for the command."""

    ANYONE = "anyone"  # the handler itself decides (an enterprise's own item, a token of its own chat)
    STAFF = "staff"  # officers and admins
    ADMIN = "admin"


@dataclass(frozen=True)
class ButtonKind:
    """One kind of button: its data's prefix, how many arguments follow it (the last one may itself contain
    the separator), what a press runs, and who may press it."""

    prefix: str
    arity: int
    handler: PressHandler
    who: Who = Who.ANYONE


@dataclass(frozen=True)
class Press:
    """A decoded button press."""

    kind: str
    args: tuple[str, ...]


class ExpiredButton(Exception):
    """A number or category in the data that does not parse: treated like an expired button."""


def int_arg(arg: str) -> int:
    """A press's number argument; ExpiredButton when it is not one."""
    # At most 9 digits, as typed item numbers (bot.core.turn): forged data with a huge number would
    # otherwise overflow the database's integer and fail the update instead of expiring.
    if not (arg.isascii() and arg.isdigit() and len(arg) <= 9):
        raise ExpiredButton(arg)
    return int(arg)


KB_LABELS = {"kbp": "btn_kb_publish", "kbc": "btn_kb_cancel", "kba": "btn_kb_approve", "kbe": "btn_kb_edit",
             "kbr": "btn_kb_reject"}


def kinds() -> dict[str, ButtonKind]:
    """The one table of button kinds, by prefix (bot.core.presses.KINDS)."""
    # Imported here, not at the top: the handlers the table names build their buttons with this module.
    from bot.core.presses import KINDS

    return KINDS


def encode(kind: str, *args: object) -> str:
    """Callback data for a press; ValueError for a kind the table does not declare with this many arguments,
    or data that would not fit Telegram's limit."""
    declared = kinds().get(kind)
    if declared is None or declared.arity != len(args):
        raise ValueError(f"button kind {kind!r} with {len(args)} arguments is not in bot.core.presses.KINDS")
    data = ":".join([kind, *(str(arg) for arg in args)])
    if len(data.encode()) > MAX_BUTTON_DATA:
        raise ValueError(f"button data longer than {MAX_BUTTON_DATA} bytes: {data!r}")
    return data


def decode(data: str) -> Press | None:
    """The press encoded in `data`, or None for data this version of the core does not know."""
    kind, _, rest = data.partition(":")
    declared = kinds().get(kind)
    if declared is None or not rest:
        return None
    args = tuple(rest.split(":", declared.arity - 1))
    return Press(kind, args) if len(args) == declared.arity else None


def calculator(lang: str, step: str = "") -> Button:
    """Opens the calculator, at `step` when given (e.g. "guarantee": straight to the routes)."""
    return Button(text("btn_calc", lang), encode("calc", step or "start"))


def calc_choice(label: str, step: str) -> Button:
    return Button(label, encode("calc", step))


def ask_officer(token: str, lang: str) -> Button:
    return Button(text("btn_ask_officer", lang), encode("esc", token))


def feedback(token: str, lang: str) -> tuple[Button, Button]:
    return (
        Button(text("btn_helpful", lang), encode("fb", token, "y")),
        Button(text("btn_not_helpful", lang), encode("fb", token, "n")),
    )


def entry(title: str, entry_id: str, token: str, state: ChatState) -> Button:
    """A button that shows one knowledge-base entry; `token` ties it to the question it was offered for."""
    label = shorten(title, LABEL_MAX)
    try:
        return Button(label, encode("e", token, entry_id))
    except ValueError:
        return Button(label, encode("e", token, ALIAS_MARK + state.alias(entry_id)))


def entry_id_of(ref: str, state: ChatState) -> str | None:
    """The entry id a button's REF stands for; None when its alias has been forgotten."""
    if ref.startswith(ALIAS_MARK):
        return state.aliases.get(ref[len(ALIAS_MARK) :])
    return ref


def categories(lang: str, item_id: int | None = None) -> tuple[tuple[Button, ...], ...]:
    """One button per category, two a row; for an existing item, or for the walk-through when None."""
    buttons = [
        Button(
            text(f"cat_{category.value}", lang),
            encode("pc", category.value) if item_id is None else encode("cat", item_id, category.value),
        )
        for category in Category
    ]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def take(item_id: int, lang: str) -> Button:
    return Button(text("btn_take", lang, item=item_id), encode("take", item_id))


def reopen(item_id: int, lang: str) -> Button:
    return Button(text("btn_reopen", lang, item=item_id), encode("reopen", item_id))


def add_message(item_id: int, lang: str) -> Button:
    return Button(text("btn_add_message", lang), encode("fu", item_id))


def languages(lang: str) -> tuple[Button, ...]:
    return tuple(Button(text(f"btn_lang_{code}", lang), encode("lang", code)) for code in LANGS)


def view(item_id: int, lang: str) -> Button:
    return Button(text("btn_view", lang, item=item_id), encode("view", item_id))


def reply(item_id: int, lang: str) -> Button:
    return Button(text("btn_reply", lang), encode("rep", item_id))


def close(item_id: int, lang: str) -> Button:
    return Button(text("btn_close", lang), encode("cls", item_id))


def close_with(item_id: int, version: int, lang: str) -> Button:
    """Close #N with the reply just sent, unless the item changed since (the version says)."""
    return Button(text("btn_close_with", lang, item=item_id), encode("cw", item_id, version))


def reassign(item_id: int, lang: str) -> Button:
    return Button(text("btn_reassign", lang), encode("ra", item_id))


def reassign_to(item_id: int, user_id: int, name: str, lang: str) -> Button:
    label = shorten(unescape(text("btn_officer", lang, name=name, user=user_id)), LABEL_MAX)  # labels are plain text
    return Button(label, encode("rat", item_id, user_id))


def add_to_open(item_id: int, token: str, lang: str) -> Button:
    """Under an answer: "Add to an open item…"; the press asks which (bot/core/questions.py)."""
    return Button(text("btn_add_to_open", lang), encode("add", item_id, token))


def add_confirmed(item_id: int, title: str, token: str, lang: str) -> Button:
    label = shorten(unescape(text("btn_add_item", lang, item=item_id, title=title)), LABEL_MAX)
    return Button(label, encode("addy", item_id, token))


def kb_draft(kind: str, draft_id: int, lang: str) -> Button:
    """Publish / Cancel under a previewed upload; Approve / Edit / Reject under a proposed answer."""
    return Button(text(KB_LABELS[kind], lang), encode(kind, draft_id))


def kb_propose(item_id: int, lang: str) -> Button:
    return Button(text("btn_kb_propose", lang), encode("kbo", item_id))


def gap_action(gap_id: int, action: str, entry_id: str, label: str, state: ChatState) -> Button:
    """A gap group's button; a long entry id travels as an alias, as under answers."""
    shown = shorten(unescape(label), LABEL_MAX)
    try:
        return Button(shown, encode("gap", gap_id, action, entry_id))
    except ValueError:
        return Button(shown, encode("gap", gap_id, action, ALIAS_MARK + state.alias(entry_id)))
