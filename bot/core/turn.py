"""One turn of the conversation: who is talking, in which language and role, and the chat's state."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.limits import RateLimiter, wait_minutes, wait_seconds
from bot.core.messages import Button, Incoming, Reply
from bot.core.ports import ServicesPort
from bot.core.state import ChatState
from bot.core.texts import Html, normalize_lang, text
from bot.tracker.values import STAFF, Role, UserView

Rows = tuple[tuple[Button, ...], ...]

_ITEM_AND_TEXT = re.compile(r"#?([0-9]{1,9})(?:\s+(.*))?", re.DOTALL)


@dataclass
class Turn:
    """Everything a handler needs; handlers change `state` and the Dialog saves it afterwards."""

    services: ServicesPort
    incoming: Incoming
    user: UserView
    state: ChatState
    limiter: RateLimiter | None = None

    @property
    def lang(self) -> str:
        """The stored language, else the platform's language code."""
        return normalize_lang(self.user.language or self.incoming.language_code)

    @property
    def role(self) -> Role:
        return self.user.role

    @property
    def is_staff(self) -> bool:
        return self.user.role in STAFF

    @property
    def is_admin(self) -> bool:
        return self.user.role == Role.ADMIN

    @property
    def user_id(self) -> int:
        return self.incoming.user_id

    def t(self, key: str, **params: object) -> Html:
        """The sentence `key` in this user's language."""
        return text(key, self.lang, **params)

    def say(self, key: str, buttons: Rows = (), **params: object) -> list[Reply]:
        """A one-message answer made of the sentence `key`."""
        return [Reply(self.t(key, **params), buttons)]

    def over_limit(self, kind: str) -> list[Reply] | None:
        """The polite refusal, saying when to try again, when this user has used up `kind` ("question",
        "item", "followup" or "status"), else None (and one action is spent); staff are never limited."""
        if self.limiter is None or self.is_staff:
            return None
        wait_s = self.limiter.take(kind, self.user_id)
        if not wait_s:
            return None
        if kind == "question":
            return self.say("rate_questions", wait=wait_seconds(wait_s))
        key = {"followup": "rate_followups", "status": "rate_status"}.get(kind, "rate_items")
        return self.say(key, wait=wait_minutes(wait_s))


def parse_item_id(args: str) -> int | None:
    """The item number that starts the arguments, as users type it: `12` or `#12` (words after it, like
    "/close 12 solved, thanks", do no harm)."""
    return split_item_and_text(args)[0]


def parse_user_id(word: str) -> int | None:
    """A Telegram user id as typed, or None."""
    # Telegram ids fit in 52 bits; a longer number would overflow the database's BIGINT and fail the update.
    return int(word) if word.isascii() and word.isdigit() and int(word) < 2**52 else None


def split_item_and_text(args: str) -> tuple[int | None, str]:
    """`N rest of the text` -> (N, 'rest of the text'); the text keeps its line breaks."""
    match = _ITEM_AND_TEXT.fullmatch(args.strip())
    if match is None:
        return None, args.strip()
    return int(match[1]), (match[2] or "").strip()


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def first_language(incoming: Incoming) -> str | None:
    """The language a person's first message sets for the conversation: the script of a typed text (Chinese
    characters: zh; Latin letters: en), else (a command, a button, emoji) the platform's language code."""
    typed = incoming.text or ""
    if typed and not typed.lstrip().startswith("/"):
        if _CJK.search(typed):
            return "zh"
        if _LATIN.search(typed):
            return "en"
    return incoming.language_code
