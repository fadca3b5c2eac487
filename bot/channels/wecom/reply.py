"""A core Reply as WeCom application messages: plain text (tags dropped, links kept as text, cut under
WeCom's 2048-byte limit), and its buttons as a template card's buttons when a card takes them all, or else
as numbered choices in the text (the next message "1" presses the first)."""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass
from html import unescape
from typing import Any

from bot.channels.choices import Choices
from bot.core.messages import Button, Reply
from bot.core.texts import text

MAX_TEXT_BYTES = 2048  # message/send's text.content
MAX_CARD_BUTTONS = 6  # button_interaction's button_list
MAX_KEY_BYTES = 1024  # a button's key (the core's data is at most 64 bytes)
MAX_CARD_TEXT = 100  # a reply this short goes in the card itself (sub_title_text); longer, as a text first
# No reply's text takes more messages than this (16 KiB: the longest text the core keeps whole, 4,000 Chinese
# characters, with its notice around it); WeCom drops a member's messages beyond 30 a minute.
MAX_TEXT_MESSAGES = 8
_LINK = re.compile(r"<a\s[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

Message = dict[str, Any]  # msgtype and its body, as message/send takes them
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rendered:
    """The messages for one Reply, in order; `numbered` when its buttons became numbered choices."""

    messages: list[Message]
    numbered: bool = False


def wecom_text(html_text: str) -> str:
    """Telegram HTML as WeCom text: a link keeps its address beside its words, tags go, entities decoded."""

    def link(match: re.Match[str]) -> str:
        url, words = unescape(match.group(1)), _TAG.sub("", match.group(2))
        return words if unescape(words) == url else f"{words} ({url})"

    return unescape(_TAG.sub("", _LINK.sub(link, html_text))).strip()


def split_text(body: str, limit: int = MAX_TEXT_BYTES) -> list[str]:
    """`body` in pieces of at most `limit` UTF-8 bytes, cut at line ends where it can, never inside a character."""
    pieces: list[str] = []
    current = ""
    for line in body.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode()) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = ""
        while len(line.encode()) > limit:  # one line longer than a message: cut by bytes
            cut = _cut(line, limit)
            pieces.append(line[:cut])
            line = line[cut:]
        current = line
    if current or not pieces:
        pieces.append(current)
    return pieces


def _cut(line: str, limit: int) -> int:
    """The most characters of `line` that fit in `limit` bytes."""
    size = 0
    for index, char in enumerate(line):
        size += len(char.encode())
        if size > limit:
            return index
    return len(line)


def text_message(content: str) -> Message:
    return {"msgtype": "text", "text": {"content": content}}


def render(reply: Reply, lang: str | None, choices: Choices | None = None, *, cards: bool = True) -> Rendered:
    """The messages for `reply`. Buttons: a card when they fit one (≤ 6, each key distinct), else numbered in
    the text through `choices`. A group chat (`cards` False, `choices` None) gets the text alone: its members'
    answers never reach the application."""
    body = wecom_text(reply.html)
    buttons = [button for row in reply.buttons for button in row]
    if not buttons:
        return Rendered(text_messages(body, lang))
    if cards and fits_a_card(buttons):
        if len(body) <= MAX_CARD_TEXT:
            return Rendered([card(body, buttons, lang)])
        return Rendered([*text_messages(body, lang), card("", buttons, lang)])
    if choices is None:
        return Rendered(text_messages(body, lang))
    numbers = "\n".join([str(text("wecom_numbered", lang)), *choices.number(reply.buttons)])
    return Rendered(text_messages(body, lang, numbers), numbered=True)


def text_messages(body: str, lang: str | None, tail: str = "") -> list[Message]:
    """`body` (then `tail`, the numbered choices) as text messages; a body longer than MAX_TEXT_MESSAGES is
    cut there with a note in `lang`, and the tail still follows it."""
    pieces = split_text(f"{body}\n{tail}" if tail else body)
    if len(pieces) > MAX_TEXT_MESSAGES:
        log.warning("a WeCom reply of %d messages was cut to %d", len(pieces), MAX_TEXT_MESSAGES)
        last = "\n".join(part for part in (str(text("reply_shortened", lang)), tail) if part)
        pieces = [*split_text(body)[: MAX_TEXT_MESSAGES - 1], *split_text(last)]
    return [text_message(piece) for piece in pieces]


def fits_a_card(buttons: list[Button]) -> bool:
    keys = [button.data for button in buttons]
    return (
        len(buttons) <= MAX_CARD_BUTTONS
        and len(set(keys)) == len(keys)
        and all(0 < len(key.encode()) <= MAX_KEY_BYTES for key in keys)
    )


def card(body: str, buttons: list[Button], lang: str | None) -> Message:
    """A button_interaction template card: a press comes back as a template_card_event with the key."""
    template: dict[str, Any] = {
        "card_type": "button_interaction",
        "main_title": {"title": str(text("wecom_card_title", lang))},
        # Unique per application; WeCom refuses a task id used before.
        "task_id": secrets.token_hex(16),
        "button_list": [{"text": button.label, "style": 1, "key": button.data} for button in buttons],
    }
    if body:
        template["sub_title_text"] = body
    return {"msgtype": "template_card", "template_card": template}
