"""The WeCom channel: a callback -> Incoming -> the core -> replies sent with message/send; the outbox sender.

A callback is answered at once (200, empty: replies go through the API, not in the HTTP answer) after it is
stored in the tracker's inbox (bot/tracker/inbox.py, channel_inbox) under its replay key, with a lease, as
Telegram's updates are: a callback WeCom retries is handled once, and one whose handling died with its
process (WeCom, which got its 200, will not send it again) is taken up by any replica once the lease runs
out. Its writes to the problem list happen once however often it is handled (bot.tracker.origin); its
replies may be sent again. A member's callbacks are handled one at a time, in order.

Backpressure, as for Telegram's updates (bot/channels/telegram/inbox.py): at most `max_per_member` callbacks
of one member and `max_in_hand` in all are in this process's memory. Beyond that a callback stays stored,
unstarted, and recovery takes it up as room frees; a member with callbacks waiting gets the newer ones after
them, in order. So one member pasting in a loop cannot fill memory nor starve the others.

The channel also runs the periodic jobs (reminders, overdue announcements, the officers' digest:
bot/channels/jobs_loop.py), so WeCom alone gets them; beside Telegram they run once per process.

Numbered choices (buttons that did not fit a card) are kept in the tracker, so the "1" typed next presses
the first on whichever replica it reaches.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from bot.channels.backpressure import Backpressure
from bot.channels.choices import Choices
from bot.channels.jobs_loop import JobsLoop
from bot.channels.wecom.client import RETRY_LATER, WeComClient, WeComError
from bot.channels.wecom.crypto import CallbackCrypto
from bot.channels.wecom.inbound import BUTTON, TEXT, Callback, parse
from bot.channels.wecom.reply import render
from bot.channels.wecom.sender import CHANNEL, NoRecipient, WeComSender
from bot.core.messages import Incoming, Reply
from bot.core.texts import text
from bot.tracker.errors import Unavailable
from bot.tracker.origin import acting_for
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
    max_attempts: int = 3  # a callback whose handling killed the process this often is given up
    prune_every_s: float = 3600.0  # how often handled callbacks older than keep_callbacks are forgotten
    jobs_poll_s: float = 300.0  # how often the periodic jobs (reminders, the officers' digest) are looked at
    # Callbacks in hand (running or waiting for their turn): a member gets a few at a time, as they are
    # answered in order anyway; the whole process enough to keep the worker threads busy.
    max_per_member: int = 8
    max_in_hand: int = 256


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
        # A callback in hand stays with this replica this long; recovery looks twice per lease, so a dead
        # replica's callbacks wait 1-1.5 leases (as Telegram's updates: InboxOptions.for_lease).
        self.lease_s = settings.inbox_lease_seconds
        self.recover_every_s = min(30.0, self.lease_s / 2)
        self._locks: dict[str, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._pressure: Backpressure[str] = Backpressure(self.options.max_per_member, self.options.max_in_hand)
        self._freed = asyncio.Event()  # room came back while callbacks were deferred: recover them now
        self._recovery: asyncio.Task[None] | None = None
        self.sender = WeComSender(
            services.tracker, dialog.render_notification, self.deliver_notice,
            poll_s=self.options.outbox_poll_s, lease_s=settings.outbox_lease_seconds,
        )
        self.jobs = JobsLoop(services.tracker, digest_every=timedelta(hours=settings.digest_hours),
                             poll_s=self.options.jobs_poll_s, wake=self.sender.wake)

    async def start(self) -> None:
        self.sender.start()
        self.jobs.start()  # does nothing when Telegram, in this process, runs them already
        self._freed.set()  # callbacks deferred before a restart: taken up at once
        self._recovery = asyncio.get_running_loop().create_task(self._recover_forever(), name="wecom-inbox-recovery")

    async def stop(self) -> None:
        await self.jobs.stop()
        if self._recovery is not None:
            self._recovery.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._recovery
        if self._tasks:  # those still running after this are taken up after their lease
            await asyncio.wait(set(self._tasks), timeout=30)
        await self.sender.stop()
        await self.client.close()

    # -- callbacks -------------------------------------------------------------------------------------------

    async def accept(self, callback: Callback, xml: str) -> bool:
        """Store the callback (its decrypted `xml`) under its replay key and start handling it; False when it
        was stored before (a retry). Raises Unavailable when the database cannot store it (WeCom then retries)."""
        key = inbox_key(callback.dedupe)
        fresh = await asyncio.to_thread(
            self.services.tracker.receive_message, channel=CHANNEL, key=key, payload=xml, lease_s=self.lease_s
        )
        if fresh:
            await self._admit([(key, callback)], recovered=False)
        return fresh

    def in_hand(self, member: str | None = None) -> int:
        """Callbacks in this process's memory (running or waiting for their turn): all, or one member's."""
        return len(self._tasks) if member is None else self._pressure.in_hand(member)

    async def recover(self) -> int:
        """Take up the callbacks whose handler's lease ran out (its process died); how many."""
        tracker = self.services.tracker
        try:
            stale = await asyncio.to_thread(
                tracker.claim_stale_messages, channel=CHANNEL, limit=100, lease_s=self.lease_s,
                max_attempts=self.options.max_attempts,
            )
        except Unavailable:
            return 0
        taken: list[tuple[str, Callback]] = []
        interrupted = 0
        for key, xml in stale:
            callback = parse(xml)
            if callback is None:  # stored only after it parsed: not expected, but never retried forever
                await asyncio.to_thread(tracker.mark_message_done, channel=CHANNEL, key=key)
                continue
            if not self._pressure.taken_back(callback.user):
                interrupted += 1  # not deferred here: its handler died (or another replica deferred it)
            taken.append((key, callback))
        if interrupted:
            log.warning("WeCom: handling %d callbacks interrupted elsewhere", interrupted)
        await self._admit(taken, recovered=True)
        return len(stale)

    async def _admit(self, callbacks: list[tuple[str, Callback]], *, recovered: bool) -> None:
        """Start what fits; give the rest back to the inbox, to be recovered when there is room."""
        deferred: list[str] = []
        for key, callback in callbacks:
            if self._pressure.admits(callback.user, recovered=recovered):
                self._start(key, callback)
            else:
                deferred.append(key)
        if deferred:
            try:
                await asyncio.to_thread(self.services.tracker.defer_messages, channel=CHANNEL, keys=deferred)
            except Unavailable:  # still held by this replica: recovered after the lease
                log.warning("WeCom: could not give back %d deferred callbacks", len(deferred))

    async def _recover_forever(self) -> None:
        """Every recover_every_s: callbacks a dead replica held; every prune_every_s (and at start), forget the
        handled ones older than keep_callbacks (one replica at a time: bot.tracker.inbox.PRUNE_LOCK)."""
        prune_every = max(1, round(self.options.prune_every_s / self.recover_every_s))
        for round_ in itertools.count():
            if round_ % prune_every == 0:
                with contextlib.suppress(Unavailable):
                    await asyncio.to_thread(self.services.tracker.prune_inbox, older_than=self.options.keep_callbacks)
            with contextlib.suppress(TimeoutError):  # woken early when deferred callbacks have room
                await asyncio.wait_for(self._freed.wait(), self.recover_every_s)
            self._freed.clear()
            try:
                await self.recover()
            except Exception:  # a bug here must not end recovery for the life of the process
                log.exception("WeCom: recovering callbacks failed")

    def _start(self, key: str, callback: Callback) -> None:
        # Tasks take the member's lock in creation order, so a member's callbacks are handled in order.
        member = callback.user
        task = asyncio.get_running_loop().create_task(self._in_order(key, callback))
        self._tasks.add(task)
        self._pressure.started(member)
        task.add_done_callback(lambda done: self._done(done, member))

    def _done(self, task: asyncio.Task[None], member: str) -> None:
        self._tasks.discard(task)
        wake_recovery = self._pressure.finished(member)
        if not self._pressure.in_hand(member):
            # Forgotten only with none of theirs in hand: a lock just released still has its waiters, and
            # a fresh lock beside it would let a newer callback overtake them.
            self._locks.pop(member, None)
        if wake_recovery:
            self._freed.set()

    async def _in_order(self, key: str, callback: Callback) -> None:
        lock = self._locks.setdefault(callback.user, asyncio.Lock())
        async with lock:
            try:
                # The tracker's writes for this callback happen once, however often it is handled.
                with acting_for(f"{CHANNEL}:{key}"):
                    await self.handle(callback)
            except Exception:
                log.exception("WeCom callback from %s failed", callback.user)
            try:
                await asyncio.to_thread(self.services.tracker.mark_message_done, channel=CHANNEL, key=key)
            except Unavailable:  # handled again after the lease: its writes are not repeated, its reply may be
                log.warning("WeCom: could not mark callback %s done", key)

    async def handle(self, callback: Callback) -> None:
        """The core's answer to one callback, sent to the member."""
        if callback.kind not in (TEXT, BUTTON) and callback.what.startswith("event:"):
            # An event the desk does not use (the app opened, a contact changed, sent as "sys"): nothing to
            # answer, and no desk user made for a sender that may be no person.
            return
        tracker = self.services.tracker
        member = await asyncio.to_thread(
            tracker.channel_member, channel=CHANNEL, external_id=callback.user, name=callback.user
        )
        user = await asyncio.to_thread(tracker.get_user, user_id=member.user_id)
        lang = user.language if user else "zh"
        if callback.kind not in (TEXT, BUTTON):  # an image, a voice...: say what works
            await self._send_reply(callback.user, Reply(text("wecom_unsupported", lang)), lang)
            return
        before = await self._choices(member.user_id)
        pressed = before.pick(callback.text or "") if callback.kind == TEXT else None
        choices = Choices()  # the buttons this turn's replies number: a typed line or a press ends the old ones
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
        if before.buttons:  # answered: the old numbers mean nothing now, before any new message is seen
            await self._keep(member.user_id, choices)
        for reply in replies:
            await self._route(reply, callback.user, member.user_id, lang, choices)

    async def _choices(self, user_id: int) -> Choices:
        """The numbered choices last shown to the user, from the tracker (any replica may have shown them)."""
        pairs = await asyncio.to_thread(self.services.tracker.numbered_choices, user_id=user_id)
        return Choices.of_pairs(pairs)

    async def _keep(self, user_id: int, choices: Choices) -> None:
        """Store the user's numbered choices, before the message showing them is sent: the "1" typed on
        seeing it may reach another replica at once."""
        await asyncio.to_thread(self.services.tracker.keep_numbered_choices, user_id=user_id, buttons=choices.pairs())

    async def _route(self, reply: Reply, sender: str, user_id: int, lang: str | None, choices: Choices) -> None:
        """A reply to the member who wrote, or to the chat it names (the officers' chat, another user)."""
        if reply.chat_id is None or reply.chat_id == user_id:
            await self._send_reply(sender, reply, lang, (user_id, choices))
            return
        try:
            await self._send_to_chat(reply.chat_id, reply, lang)
        except NoRecipient:
            log.info("WeCom: a reply for chat %s has no WeCom recipient; not sent", reply.chat_id)

    async def _send_reply(
        self, user: str, reply: Reply, lang: str | None, numbering: tuple[int, Choices] | None = None
    ) -> None:
        """Send with a few tries on rate limits; a reply still refused is logged (the member can ask again).
        `numbering`: the desk user and the choices that number buttons a card does not take."""
        rendered = render(reply, lang, numbering[1] if numbering else None)
        if numbering and rendered.numbered:
            await self._keep(*numbering)
        for message in rendered.messages:
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
        choices = await self._choices(chat_id)  # a notice's numbers follow those already shown
        rendered = render(reply, lang, choices)
        if rendered.numbered:
            await self._keep(chat_id, choices)
        for message in rendered.messages:
            await self.client.send_to_user(member, message)


def inbox_key(dedupe: str) -> str:
    """A callback's key in the inbox: its replay key, or the replay key's hash when long (an event's sender
    and key can be): the key also names the tracker's writes for it (bot.tracker.origin), kept short."""
    return dedupe if len(dedupe) <= 64 else "sha256:" + hashlib.sha256(dedupe.encode()).hexdigest()[:40]
