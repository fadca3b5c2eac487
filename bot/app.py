"""The composition root: the one place where settings become wired services, and where each channel is
handed what it needs (the services and the one Dialog of the process). `cli -> app -> channels -> core`."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from bot.channels import console
from bot.config import Settings
from bot.core.dialog import Dialog
from bot.core.ports import ObserverPort
from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import Embedder, load_embedder
from bot.retrieval.search import Retriever
from bot.rules.calculator import Calculator
from bot.tracker.db import make_engine, migrate
from bot.tracker.service import Tracker
from bot.tracker.sla import ServiceLevels
from bot.tracker.values import WECOM_OFFICER_CHAT_ID, Role

if TYPE_CHECKING:
    from bot.channels.telegram.channel import TelegramOptions


@dataclass
class Services:
    """Everything a channel needs, built once at start-up."""

    settings: Settings
    retriever: Retriever
    knowledge: KnowledgeDesk
    tracker: Tracker
    # Counts questions and escalations for /metrics; set by the webhook server, None elsewhere.
    observer: ObserverPort | None = None
    # Guarantees, deadlines and recordation terms computed from the rules, on the Chinese working-day calendar.
    calculator: Calculator = field(default_factory=Calculator)


def build_retrieval(settings: Settings, embedder: Embedder | None = None) -> tuple[Retriever, KnowledgeDesk]:
    """The engine and the desk that rebuilds its index; builds the index first when there is none."""
    # One torch thread per question: the bot answers many at once, and splitting each short question
    # over both cores only made them contend (benchmarks/bench_load.py --unthrottled: about 57 -> 70
    # answers/s, CPU per answer about 21 -> 16 ms). Whole-index builds in `iprdesk index build` keep
    # every core.
    embedder = embedder or load_embedder(settings.embedding_model, threads=1)
    desk = KnowledgeDesk(settings.knowledge_dir, settings.index_dir, embedder)
    if not desk.has_index():
        desk.rebuild()
    retriever = Retriever(settings.index_dir, embedder, threshold=settings.answer_threshold)
    desk.on_swap(retriever.reload)
    return retriever, desk


def build_tracker(settings: Settings, calculator: Calculator | None = None) -> Tracker:
    """The problem list on the configured database, migrated to the newest schema; due times are counted on
    the calculator's working-day calendar (holiday schedules an admin added included)."""
    engine = make_engine(settings.database_url)
    migrate(engine)
    levels = ServiceLevels(
        first_response_days=settings.first_response_working_days,
        resolution_days=settings.resolution_working_days,
        calendar=(calculator or Calculator()).calendar,
    )
    tracker = Tracker(engine, officer_chat_id=officer_chat(settings), levels=levels,
                      officer_channel="wecom" if settings.wecom_officer_chat else "telegram")
    tracker.bootstrap_admins(settings.admin_ids)
    return tracker


def officer_chat(settings: Settings) -> int | None:
    """The officers' chat id the tracker addresses their notices to: the Telegram group's, or, when only a
    WeCom group chat is set, a stand-in id no Telegram chat or user has (its notices go to the WeCom group)."""
    if settings.officer_chat_id is None and settings.wecom_officer_chat:
        return WECOM_OFFICER_CHAT_ID
    return settings.officer_chat_id


def build(settings: Settings, embedder: Embedder | None = None) -> Services:
    retriever, desk = build_retrieval(settings, embedder)
    calculator = build_calculator(settings)
    return Services(settings=settings, retriever=retriever, knowledge=desk,
                    tracker=build_tracker(settings, calculator), calculator=calculator)


def build_calculator(settings: Settings) -> Calculator:
    """The rules, with the holiday schedules of years the calendar package lacks from knowledge/calendar/."""
    return Calculator.from_knowledge(settings.knowledge_dir)


def build_dialog(services: Services) -> Dialog:
    """The conversation on these services: one per process (its rate limiter counts for the process)."""
    return Dialog(services)


def serve_telegram(
    services: Services, webhook_url: str | None = None, options: TelegramOptions | None = None,
    *, wecom: bool = False,
) -> int:
    """Serve Telegram (long polling, or a webhook at `webhook_url`) until SIGINT/SIGTERM, with WeCom beside it
    when `wecom` (its settings are complete); the exit status."""
    from bot.channels import telegram  # python-telegram-bot is loaded only to serve Telegram

    dialog = build_dialog(services)
    if not wecom:
        return telegram.run(services, dialog, webhook_url, options)
    if webhook_url is not None:  # one web server: the webhook's carries WeCom's callback path too
        from bot.channels.wecom import WeComChannel
        from bot.channels.wecom.web import Companion

        return telegram.run(services, dialog, webhook_url, options, Companion(WeComChannel(services, dialog)))
    with beside(services, dialog):
        return telegram.run(services, dialog, webhook_url, options)


def serve_wecom(services: Services) -> int:
    """Serve WeCom alone (the callback, /healthz and /metrics) until SIGINT/SIGTERM; the exit status."""
    from bot.channels import wecom

    return wecom.run(services, build_dialog(services))


@contextlib.contextmanager
def beside(services: Services, dialog: Dialog) -> Iterator[None]:
    """WeCom served in a thread of its own (its event loop, its web server) while the block runs Telegram's
    polling; the same Dialog and services for both."""
    from bot.channels.wecom import WeComChannel
    from bot.channels.wecom.web import serve_alone

    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    channel = WeComChannel(services, dialog)

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(serve_alone(channel, stop))

    thread = threading.Thread(target=serve, name="wecom", daemon=True)
    thread.start()
    try:
        yield
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(30)


def serve_terminal(
    services: Services, *, role: str = "enterprise", user_id: int = 1,
    stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
) -> int:
    """The terminal chat as `user_id` with `role`, granted here as an admin would with /grant; the exit status."""
    tracker = services.tracker
    tracker.ensure_user(user_id=user_id, name=console.NAME)
    if role != Role.ENTERPRISE:
        tracker.grant_role(actor_id=None, user_id=user_id, role=Role(role))
    dialog = build_dialog(services)
    return console.run_console(services, dialog, role=role, user_id=user_id, stdin=stdin, stdout=stdout)
