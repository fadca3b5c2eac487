"""Reply -> sendMessage: HTML parse mode, inline keyboard, long texts split, every send throttled."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.warnings import PTBDeprecationWarning

from bot.channels.telegram.split import split_message
from bot.channels.telegram.throttle import Throttle
from bot.core import texts
from bot.core.messages import Button, Reply

log = logging.getLogger(__name__)
# Answers cite sources by link; a preview card of the first link would bury the answer itself.
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# No reply takes more messages than this (answers are capped far below it; this stops anything that is not).
MAX_PARTS = 4
# An interactive answer waits this long at most for Telegram's flood control before giving up.
_MAX_INLINE_WAIT_S = 30.0
# PTB 22 warns on every RetryAfter (even inside its own constructor) that `retry_after` will become a
# timedelta; retry_after_s() below reads both types, so the warning tells us nothing.
warnings.filterwarnings("ignore", message=r".*`retry_after` will be of type", category=PTBDeprecationWarning)


def keyboard(buttons: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """The inline keyboard for a reply's rows of buttons (None for none)."""
    rows = [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in buttons if row]
    return InlineKeyboardMarkup(rows) if rows else None


def retry_after_s(error: RetryAfter) -> float:
    """Seconds Telegram asked us to wait, whichever type this PTB version returns."""
    value = error.retry_after
    return float(value if isinstance(value, int | float) else value.total_seconds())


async def send_reply(
    bot: Bot, throttle: Throttle, reply: Reply, chat_id: int, *, max_flood_wait_s: float = 0.0,
    lang: str | None = None,
) -> None:
    """Send one Reply to its chat (`chat_id` unless the reply names another); the buttons go under the
    last part of a long text, which is cut at MAX_PARTS messages with a note in `lang`. Flood control
    shorter than `max_flood_wait_s` is waited out and the part sent again; other Telegram errors
    propagate, the caller decides what they mean."""
    target = reply.chat_id if reply.chat_id is not None else chat_id
    if reply.file is not None or reply.upload is not None:
        await _send_file(bot, throttle, reply, target)
        return
    parts = capped(split_message(reply.html), lang)
    for i, part in enumerate(parts):
        markup = keyboard(reply.buttons) if i == len(parts) - 1 else None
        try:
            await _send_part(bot, throttle, target, part, markup)
        except RetryAfter as exc:
            wait_s = retry_after_s(exc)
            throttle.hold(wait_s)  # flood control binds the whole bot: every later send waits too
            if wait_s > max_flood_wait_s:
                raise
            await _send_part(bot, throttle, target, part, markup)


def capped(parts: list[str], lang: str | None) -> list[str]:
    """At most MAX_PARTS messages: at one message a second per chat, more would hold the chat for long."""
    if len(parts) <= MAX_PARTS:
        return parts
    log.warning("a reply of %d messages was cut to %d", len(parts), MAX_PARTS)
    return [*parts[: MAX_PARTS - 1], texts.text("reply_shortened", lang)]


async def answer(
    bot: Bot, throttle: Throttle, replies: Sequence[Reply], chat_id: int, lang: str | None = None
) -> None:
    """Send the core's replies to a user's action. A reply to another chat (say, the officers') that
    cannot be delivered is logged, not blamed on this user."""
    for reply in replies:
        try:
            await send_reply(bot, throttle, reply, chat_id, max_flood_wait_s=_MAX_INLINE_WAIT_S, lang=lang)
        except (Forbidden, BadRequest) as exc:
            if reply.chat_id in (None, chat_id):
                raise
            log.warning("reply to chat %s not delivered: %s", reply.chat_id, exc)


# Telegram's limit on a photo's or document's caption; a longer text follows the file as a message.
CAPTION_MAX = 1024


async def _send_file(bot: Bot, throttle: Throttle, reply: Reply, chat_id: int) -> None:
    """A kept file by its id (a photo or a document), or a new PNG (a chart), with the text as its caption."""
    caption = reply.html if len(reply.html) <= CAPTION_MAX else None
    markup = keyboard(reply.buttons) if caption is not None else None
    await throttle.wait(chat_id)
    if reply.upload is not None:
        name, data = reply.upload
        photo: str | InputFile = InputFile(data, filename=name)
        await bot.send_photo(chat_id, photo, caption=caption, parse_mode=ParseMode.HTML, reply_markup=markup)
    elif reply.file is not None and reply.file.kind == "photo":
        await bot.send_photo(
            chat_id, reply.file.file_id, caption=caption, parse_mode=ParseMode.HTML, reply_markup=markup
        )
    elif reply.file is not None:
        await bot.send_document(
            chat_id, reply.file.file_id, caption=caption, parse_mode=ParseMode.HTML, reply_markup=markup
        )
    if caption is None:
        await send_reply(bot, throttle, Reply(reply.html, reply.buttons), chat_id)


async def _send_part(
    bot: Bot, throttle: Throttle, chat_id: int, html: str, markup: InlineKeyboardMarkup | None
) -> None:
    await throttle.wait(chat_id)
    await bot.send_message(
        chat_id, html, parse_mode=ParseMode.HTML, reply_markup=markup, link_preview_options=_NO_PREVIEW
    )
