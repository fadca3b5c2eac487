"""Inline buttons: what each one says and the short callback data that brings the press back to the core.

Data is `kind:arg:arg`, always within MAX_BUTTON_DATA bytes. Kinds:
esc:TOKEN (ask an officer) · fb:TOKEN:y|n (feedback) · add:N:TOKEN (add the question to #N) ·
e:TOKEN:REF (show an entry; REF is the entry id, or ~ALIAS when the id is too long) · pc:CATEGORY (the
problem walk-through) · calc:STEP (the calculator) · cat:N:CATEGORY · take:N · reopen:N · fu:N (add a
message to #N) · lang:CODE.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape

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
ARITY = {"calc": 1, "esc": 1, "fb": 2, "add": 2, "e": 2, "pc": 1, "cat": 2, "take": 1, "reopen": 1, "fu": 1, "lang": 1}


# The officer's one view and guided path, and "Add to" that asks first (issue 19): view:N (the one view) ·
# rep:N, cls:N (reply / close: the next message is the text) · cw:N:VERSION (close with the reply just sent) ·
# ra:N (reassign: pick an officer) · rat:N:USER · addy:N:TOKEN (add the question to #N, confirmed).
ARITY.update({"view": 1, "rep": 1, "cls": 1, "cw": 2, "ra": 1, "rat": 2, "addy": 2})
# The knowledge loop (issue 14): kbp:D / kbc:D publish or cancel a previewed upload · kba:D, kbe:D, kbr:D
# approve, edit or reject an officer's proposed answer · kbo:N propose #N's resolution · gap:G:ACTION:REF
# settle the group of gap G (a: answered by entry REF, n: needs a new entry, x: not for this desk).
ARITY.update({"kbp": 1, "kbc": 1, "kba": 1, "kbe": 1, "kbr": 1, "kbo": 1, "gap": 3})
# Casework (issue 15): in:FIELD:VALUE (the structured intake) · sat:N:SCORE · att:ID (send a file again) ·
# atp:ID:N (put a file on #N) · rec:ACTION:ARG (recordations); handled in bot/core/casework.py.
ARITY.update({"in": 2, "sat": 2, "att": 1, "atp": 2, "rec": 2})
KB_LABELS = {"kbp": "btn_kb_publish", "kbc": "btn_kb_cancel", "kba": "btn_kb_approve", "kbe": "btn_kb_edit",
             "kbr": "btn_kb_reject"}


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
