"""The Telegram channel: handlers of a few lines each, the outbox sender and the periodic jobs (shared with
WeCom: bot/channels/jobs_loop.py; the Application they run in is built in application.py; an update becomes
an Incoming in updates.py).

A handler turns an update into an Incoming, awaits the core in a worker thread (it blocks on the database
and the embedding model) and sends the replies. Conversation state lives in the core, not here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.channels.jobs_loop import JobsLoop
from bot.channels.metrics import Metrics
from bot.channels.telegram.reply import answer
from bot.channels.telegram.sender import Outbox, OutboxSender
from bot.channels.telegram.throttle import Throttle
from bot.channels.telegram.updates import expects_answer, incoming, own_command
from bot.core import texts
from bot.core.messages import Document, Incoming, Reply, SentFile
from bot.retrieval.uploads import MAX_FILE_BYTES, is_markdown
from bot.tracker.values import NotificationView

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


class MissingToken(RuntimeError):
    """No TELEGRAM_BOT_TOKEN: the Telegram channel cannot start."""


class DialogPort(Protocol):
    """What the channel needs from bot.core.dialog.Dialog."""

    def handle(self, incoming: Incoming) -> list[Reply]: ...

    def render_notification(self, n: NotificationView) -> Reply: ...

    def accepts_document(self, incoming: Incoming) -> bool: ...

    def commands(self, role: str, lang: str) -> list[tuple[str, str]]: ...


@dataclass(frozen=True)
class TelegramOptions:
    """Timeouts and limits: the defaults are for production, tests shorten them."""

    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0  # a Bot API call other than getUpdates answers well within this
    poll_timeout_s: int = 30  # long-poll length; getUpdates may take this plus read_timeout_s
    typing_after_s: float = 0.5  # "typing…" is shown only for an answer that takes longer than this
    max_running: int = 16  # updates handled at once (beyond the worker threads they would only queue)
    max_document_bytes: int = MAX_FILE_BYTES  # a knowledge file's limit: a larger one is refused unfetched
    outbox_poll_s: float = 1.0  # how stale a notice may get when nothing wakes the sender
    jobs_poll_s: float = 300.0  # how often the periodic jobs (the officers' digest) are looked at
    throttle_overall_rate: float = 30.0  # Telegram: ~30 messages/s per bot
    throttle_chat_rate: float = 1.0  # Telegram: ~1 message/s per chat


class TelegramChannel:
    """The handlers and the lifecycle hooks, sharing the dialog, the throttle and the sender."""

    def __init__(
        self, settings: Settings, outbox: Outbox, dialog: DialogPort, options: TelegramOptions,
        metrics: Metrics | None = None,
    ) -> None:
        self.settings, self.outbox, self.dialog, self.options = settings, outbox, dialog, options
        self.metrics = metrics
        self.throttle = Throttle(
            overall_rate=options.throttle_overall_rate, chat_rate=options.throttle_chat_rate
        )
        self.sender: OutboxSender | None = None
        self.jobs: JobsLoop | None = None

    def register(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Route updates: plain messages, documents, buttons; edits and channel posts match nothing."""
        new_message = filters.UpdateType.MESSAGE
        app.add_handler(MessageHandler(new_message & filters.Document.ALL, self.on_document))
        app.add_handler(MessageHandler(new_message & ~filters.Document.ALL, self.on_message))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_error_handler(self.on_error)

    async def on_message(self, update: Update, context: Context) -> None:
        """A text or command (a sticker or photo comes through with no text): the core answers."""
        message = update.effective_message
        text = message.text if message else None
        if text is not None:
            text = own_command(text, context.bot.username)
            if text is None:
                return  # a command for another bot in a group
        if message is not None and message.photo:  # the largest size Telegram made of it
            photo = message.photo[-1]
            sent = SentFile("photo", photo.file_id, None, "image/jpeg", photo.file_size or 0)
            await self._answer(context, incoming(update, text=message.caption, file=sent))
            return
        await self._answer(context, incoming(update, text=text))

    async def on_document(self, update: Update, context: Context) -> None:
        """A file: downloaded only when it can be a knowledge file (markdown, small, from an admin: the role
        is asked first, so nobody else makes the bot fetch anything); otherwise handed over without bytes."""
        assert update.effective_message and update.effective_message.document
        doc = update.effective_message.document
        name, size, data = doc.file_name or "", doc.file_size or 0, None
        wanted = is_markdown(name) and size <= self.options.max_document_bytes
        if wanted and await asyncio.to_thread(self.dialog.accepts_document, incoming(update)):
            data = bytes(await (await doc.get_file()).download_as_bytearray())
            if len(data) > self.options.max_document_bytes:
                data = None  # the size Telegram announced was wrong
        sent = SentFile("document", doc.file_id, name or None, doc.mime_type, size)  # kept by id on an item
        document = Document(name, size or len(data or b""), data)
        caption = update.effective_message.caption  # kept with the file on an item, as a photo's is
        await self._answer(context, incoming(update, text=caption, document=document, file=sent))

    async def on_button(self, update: Update, context: Context) -> None:
        """An inline button: stop the client's spinner, then the core answers."""
        query = update.callback_query
        assert query is not None
        with contextlib.suppress(BadRequest):  # "query is too old" after downtime: answer anyway
            await query.answer()
        if query.data is not None:  # game buttons carry no data
            await self._answer(context, incoming(update, button=query.data))

    async def on_error(self, update: object, context: Context) -> None:
        """Log the failure (never the token) and apologise in the chat it came from."""
        error = context.error
        if update is None and isinstance(error, NetworkError):
            log.warning("polling: %s", self._redact(str(error)))  # Telegram unreachable; PTB retries
            return
        trace = "".join(traceback.format_exception(error)) if error else "no exception"
        log.error("update failed: %s", self._redact(trace))
        if isinstance(update, Update) and update.effective_chat is not None:
            user = update.effective_user
            apology = texts.text("error", user.language_code if user else None)
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(update.effective_chat.id, apology, parse_mode=ParseMode.HTML)

    async def post_init(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Publish the command menus and start the outbox sender (it sends what was pending first)."""
        await self._publish_commands(app)
        pending = await asyncio.to_thread(self.outbox.pending_count)
        log.info("bot @%s up; %d notifications pending", app.bot.username, pending)
        render, poll_s = self.dialog.render_notification, self.options.outbox_poll_s
        lease_s = self.settings.outbox_lease_seconds
        self.sender = OutboxSender(self.outbox, render, app.bot, self.throttle, poll_s=poll_s, lease_s=lease_s)
        self.sender.start()
        # Due-time reminders and recordation renewals always; the digest when its period is set.
        self.jobs = JobsLoop(self.outbox, digest_every=timedelta(hours=self.settings.digest_hours),
                             poll_s=self.options.jobs_poll_s, wake=self.sender.wake)
        self.jobs.start()

    async def post_stop(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Stop the jobs and the sender while the bot can still send (before the HTTP clients close)."""
        if self.jobs is not None:
            await self.jobs.stop()
            self.jobs = None
        if self.sender is not None:
            await self.sender.stop()

    async def _answer(self, context: Context, message: Incoming) -> None:
        started = time.monotonic()
        handling = asyncio.ensure_future(asyncio.to_thread(self.dialog.handle, message))
        # "typing…" only when the answer is slow to come: most answers come first, and under load the
        # extra request per message costs as much as the answer's own.
        done, _ = await asyncio.wait({handling}, timeout=self.options.typing_after_s)
        if not done and expects_answer(message):
            with contextlib.suppress(TelegramError):  # a courtesy; never fail on it
                await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
        replies = await handling
        if self.sender is not None:
            self.sender.wake()  # the core may have queued notices for others
        await answer(context.bot, self.throttle, replies, message.chat_id, message.language_code)
        if self.metrics is not None:
            self.metrics.handled(time.monotonic() - started)

    async def _publish_commands(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        scopes: list[tuple[str, BotCommandScopeChat | None]] = [("enterprise", None)]
        if self.settings.officer_chat_id is not None:
            scopes.append(("officer", BotCommandScopeChat(self.settings.officer_chat_id)))
        # An admin's private chat (its id is the user's) gets the admin menu; admins named later with
        # /grant see it after the next start.
        scopes += [("admin", BotCommandScopeChat(admin_id)) for admin_id in self.settings.admin_ids]
        for role, scope in scopes:
            for lang, code in (("en", None), ("zh", "zh")):
                commands = [BotCommand(name, about) for name, about in self.dialog.commands(role, lang)]
                try:
                    await app.bot.set_my_commands(commands, scope=scope, language_code=code)
                except TelegramError as exc:  # the menu is a convenience: the bot works without it
                    log.warning("setMyCommands(%s, %s) failed: %s", role, lang, exc)

    def _redact(self, text: str) -> str:
        token = self.settings.telegram_bot_token
        return text.replace(token.get_secret_value(), "<token>") if token else text
