"""A Telegram update as the core sees it: an Incoming, with who sent it and whether the bot is addressed."""

from __future__ import annotations

import re
from typing import Any

from telegram import Update

from bot.core.messages import Incoming

_COMMAND_FOR = re.compile(r"^(/\w+)@(\w+)(.*)$", re.DOTALL)

# Telegram's stand-ins for senders who are not one person: every anonymous group admin ("GroupAnonymousBot")
# and every post made as a channel ("Channel_Bot") arrive from these same two user ids.
SHARED_SENDER_IDS = frozenset({1087968824, 136817688})


def incoming(update: Update, **fields: Any) -> Incoming:
    """The Incoming for an update from a user, with `fields` (text, button or document) filled in."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None
    return Incoming(
        user_id=user.id,
        chat_id=chat.id if chat else user.id,  # a button on an inline message has no chat: answer privately
        user_name=user.full_name,
        language_code=user.language_code,
        chat_type=str(chat.type) if chat else "private",
        sender_is_person=_is_person(update),
        **fields,
    )


def _is_person(update: Update) -> bool:
    """False for a bot, an anonymous group admin or a channel speaking: ids many people share."""
    user, message = update.effective_user, update.effective_message
    if user is None or user.is_bot or user.id in SHARED_SENDER_IDS:
        return False
    return message is None or message.sender_chat is None


def expects_answer(message: Incoming) -> bool:
    """In a group only commands and buttons are for the bot: no "typing…" under the officers' chatter."""
    command = (message.text or "").startswith("/")
    return message.chat_type == "private" or message.button is not None or command


def own_command(text: str, bot_username: str) -> str | None:
    """`/ask@this_bot x` -> `/ask x`; None when a command names another bot; other texts unchanged."""
    match = _COMMAND_FOR.match(text)
    if match is None:
        return text
    command, addressee, rest = match.groups()
    return command + rest if addressee.lower() == bot_username.lower() else None
