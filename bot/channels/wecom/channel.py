"""The WeCom channel: a callback -> Incoming -> the core -> replies sent with message/send; the outbox sender.

A callback is answered at once (200, empty: replies go through the API, not in the HTTP answer) after its
replay key is stored, so a callback WeCom retries is handled once. A member's callbacks are handled one at a
time, in order.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from bot.channels.choices import Choices
from bot.channels.wecom.client import RETRY_LATER, WeComClient, WeComError
from bot.channels.wecom.crypto import CallbackCrypto
from bot.channels.wecom.inbound import BUTTON, TEXT, Callback
from bot.channels.wecom.reply import render
from bot.channels.wecom.sender import CHANNEL, NoRecipient, WeComSender
from bot.core.messages import Incoming, Reply
from bot.core.texts import text
from bot.tracker.errors import Unavailable
from bot.tracker.values import WECOM_OFFICER_CHAT_ID, NotificationView

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)


class DialogPort(Protocol):
    def handle(self, incoming: Incoming) -> list[Reply]: ...

    def render_notification(self, n: NotificationView) -> Reply: ...


@dataclass(frozen=True)
class WeComOptions:
    outbox_poll_s: float = 1.0
    reply_attempts: int = 4  # a direct reply refused for a rate limit: tried again after 1, 2, 4 s, then logged
    reply_backoff_s: float = 1.0
    keep_callbacks: timedelta = timedelta(days=1)  # WeCom retries within seconds; a day is plenty


class NotConfigured(ValueError):
    """A WeCom setting is missing or malformed; the message says which."""


class WeComChannel:
    """One WeCom application: its callback, its API client, its outbox sender."""

    def __init__(self, services: Services, dialog: DialogPort, options: WeComOptions | None = None) -> None:
        settings = services.settings
        if not settings.wecom_enabled or settings.wecom_agent_id is None:
            raise NotConfigured("WeCom needs IPRDESK_WECOM_CORP_ID, _AGENT_ID, _SECRET, _TOKEN and _AES_KEY")
        assert settings.wecom_corp_id and settings.wecom_secret and settings.wecom_token and settings.wecom_aes_key
        self.services, self.dialog, self.options = services, dialog, options or WeComOptions()
        self.path = settings.wecom_callback_path
        self.crypto = CallbackCrypto(
            settings.wecom_token.get_secret_value(), settings.wecom_aes_key.get_secret_value(), settings.wecom_corp_id
        )
        self.client = WeComClient(
            corp_id=settings.wecom_corp_id, secret=settings.wecom_secret.get_secret_value(),
            agent_id=settings.wecom_agent_id, base_url=settings.wecom_api_base_url,
        )
        self.officer_group = settings.wecom_officer_chat
        officer_chat = settings.officer_chat_id if settings.officer_chat_id is not None else WECOM_OFFICER_CHAT_ID
        self.officer_chat_id = officer_chat if self.officer_group else None
        self.choices: dict[int, Choices] = {}  # numbered buttons shown to each member, in this process
        self._locks: dict[str, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.sender = WeComSender(
            services.tracker, dialog.render_notification, self.deliver_notice,
            poll_s=self.options.outbox_poll_s, lease_s=settings.outbox_lease_seconds,
        )

    async def start(self) -> None:
        self.sender.start()
        await asyncio.to_thread(self.services.tracker.prune_callbacks, older_than=self.options.keep_callbacks)

    async def stop(self) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=30)
        await self.sender.stop()
        await self.client.close()

    # -- callbacks -------------------------------------------------------------------------------------------

    async def accept(self, callback: Callback) -> bool:
        """Store the callback's replay key and start handling it; False when it was seen before (a retry).
        Raises Unavailable when the database cannot store it (WeCom then retries)."""
        seen = await asyncio.to_thread(self.services.tracker.seen_callback, key=f"{CHANNEL}:{callback.dedupe}")
        if seen:
            return False
        task = asyncio.get_running_loop().create_task(self._in_order(callback))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def _in_order(self, callback: Callback) -> None:
        lock = self._locks.setdefault(callback.user, asyncio.Lock())
        async with lock:
            try:
                await self.handle(callback)
            except Exception:
                log.exception("WeCom callback from %s failed", callback.user)
        if not lock.locked():
            self._locks.pop(callback.user, None)

    async def handle(self, callback: Callback) -> None:
        """The core's answer to one callback, sent to the member."""
        tracker = self.services.tracker
        member = await asyncio.to_thread(
            tracker.channel_member, channel=CHANNEL, external_id=callback.user, name=callback.user
        )
        user = await asyncio.to_thread(tracker.get_user, user_id=member.user_id)
        lang = user.language if user else "zh"
        if callback.kind not in (TEXT, BUTTON):
            if not callback.what.startswith("event:"):  # an image, a voice...: say what works; events: nothing
                await self._send_reply(callback.user, Reply(text("wecom_unsupported", lang)), lang, None)
            return
        choices = self.choices.setdefault(member.user_id, Choices())
        pressed = choices.pick(callback.text or "") if callback.kind == TEXT else None
        choices.clear()
        button = callback.key if callback.kind == BUTTON else (pressed.data if pressed else None)
        incoming = Incoming(
            user_id=member.user_id, chat_id=member.user_id, user_name=member.name, language_code=lang,
            text=None if button else callback.text, button=button, channel=CHANNEL,
        )
        try:
            replies = await asyncio.to_thread(self.dialog.handle, incoming)
        except Unavailable:
            replies = [Reply(text("busy", lang))]
        self.sender.wake()  # the core may have queued notices
        for reply in replies:
            await self._route(reply, callback.user, member.user_id, lang, choices)

    async def _route(self, reply: Reply, sender: str, user_id: int, lang: str | None, choices: Choices) -> None:
        """A reply to the member who wrote, or to the chat it names (the officers' chat, another user)."""
        if reply.chat_id is None or reply.chat_id == user_id:
            await self._send_reply(sender, reply, lang, choices)
            return
        try:
            await self._send_to_chat(reply.chat_id, reply, lang)
        except NoRecipient:
            log.info("WeCom: a reply for chat %s has no WeCom recipient; not sent", reply.chat_id)

    async def _send_reply(self, user: str, reply: Reply, lang: str | None, choices: Choices | None) -> None:
        """Send with a few tries on rate limits; a reply still refused is logged (the member can ask again)."""
        for message in render(reply, lang, choices).messages:
            await self._with_retries(user, message)

    async def _with_retries(self, user: str, message: dict[str, Any]) -> None:
        for attempt in range(self.options.reply_attempts):
            try:
                await self.client.send_to_user(user, message)
                return
            except WeComError as error:
                if error.errcode not in RETRY_LATER or attempt + 1 == self.options.reply_attempts:
                    log.warning("WeCom reply not sent: %s", error)
                    return
                await asyncio.sleep(self.options.reply_backoff_s * 2**attempt)

    # -- notices ---------------------------------------------------------------------------------------------

    async def deliver_notice(self, notice: NotificationView, reply: Reply) -> None:
        """Send one notice; WeComError and NoRecipient go to the sender, which settles the notice."""
        await self._send_to_chat(notice.chat_id, reply, notice.lang)

    async def _send_to_chat(self, chat_id: int, reply: Reply, lang: str | None) -> None:
        if self.officer_chat_id is not None and chat_id == self.officer_chat_id:
            assert self.officer_group is not None
            for message in render(reply, lang, None, cards=False).messages:  # a group chat: text only
                await self.client.send_to_chat(self.officer_group, str(message["text"]["content"]))
            return
        member = await asyncio.to_thread(self.services.tracker.external_id, channel=CHANNEL, user_id=chat_id)
        if member is None:
            raise NoRecipient(f"chat {chat_id} has no WeCom member")
        for message in render(reply, lang, self.choices.setdefault(chat_id, Choices())).messages:
            await self.client.send_to_user(member, message)
