"""Inline buttons: what each one says and the short callback data that brings the press back to the core.

Data is `kind:arg:arg`, always within MAX_BUTTON_DATA bytes. Kinds:
esc:TOKEN (ask an officer) · fb:TOKEN:y|n (feedback) · add:N:TOKEN (add the question to #N) ·
e:TOKEN:REF (show an entry; REF is the entry id, or ~ALIAS when the id is too long) · pc:CATEGORY (the
problem walk-through) · cat:N:CATEGORY · take:N · reopen:N · fu:N (add a message to #N) · lang:CODE.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.messages import MAX_BUTTON_DATA, Button
from bot.core.state import ChatState
from bot.core.texts import LANGS, shorten, text
from bot.tracker.values import Category

LABEL_MAX = 40  # a longer label is cut: Telegram shows about that much on a phone
ALIAS_MARK = "~"


@dataclass(frozen=True)
class Press:
    """A decoded button press."""

    kind: str
    args: tuple[str, ...]


# How many arguments each kind carries; the last one may itself contain the separator.
ARITY = {"esc": 1, "fb": 2, "add": 2, "e": 2, "pc": 1, "cat": 2, "take": 1, "reopen": 1, "fu": 1, "lang": 1}


def encode(kind: str, *args: object) -> str:
    """Callback data for a press; ValueError when it would not fit Telegram's limit."""
    data = ":".join([kind, *(str(arg) for arg in args)])
    if len(data.encode()) > MAX_BUTTON_DATA:
        raise ValueError(f"button data longer than {MAX_BUTTON_DATA} bytes: {data!r}")
    return data


def decode(data: str) -> Press | None:
    """The press encoded in `data`, or None for data this version of the core does not know."""
    kind, _, rest = data.partition(":")
    arity = ARITY.get(kind)
    if arity is None or not rest:
        return None
    args = tuple(rest.split(":", arity - 1))
    return Press(kind, args) if len(args) == arity else None


def ask_officer(token: str, lang: str) -> Button:
    return Button(text("btn_ask_officer", lang), encode("esc", token))


def feedback(token: str, lang: str) -> tuple[Button, Button]:
    return (
        Button(text("btn_helpful", lang), encode("fb", token, "y")),
        Button(text("btn_not_helpful", lang), encode("fb", token, "n")),
    )


def add_to_item(item_id: int, token: str, lang: str) -> Button:
    return Button(text("btn_add_to", lang, item=item_id), encode("add", item_id, token))


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
