"""The python-telegram-bot Application the channel runs in, and serving it by long polling."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, ApplicationBuilder
from telegram.request import HTTPXRequest

from bot.channels.metrics import Metrics
from bot.channels.telegram.channel import DialogPort, MissingToken, TelegramChannel, TelegramOptions
from bot.channels.telegram.inbox import AnyApp, InboxOptions, UpdateInbox
from bot.channels.telegram.order import ChatOrderedProcessor
from bot.channels.telegram.poll import Poller, PollOptions

if TYPE_CHECKING:
    from bot.app import Services
    from bot.config import Settings

_BOT_PATH = re.compile(r"/bot(\{token\})?$")


def api_urls(settings: Settings) -> tuple[str | None, str | None]:
    """Bot API and file URLs from the settings; the file URL follows the API URL's host when unset.
    Both `http://host:port/bot` (PTB appends the token) and `.../bot{token}` are accepted."""
    base, files = settings.telegram_api_base_url, settings.telegram_api_base_file_url
    if base and not files and _BOT_PATH.search(base):
        files = _BOT_PATH.sub(r"/file/bot\1", base)  # the local Bot API server's layout
    return base, files


def build_application(
    services: Services, dialog: DialogPort, options: TelegramOptions | None = None,
    metrics: Metrics | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The python-telegram-bot Application for these services, ready for run_polling (or a webhook)."""
    options = options or TelegramOptions()
    settings = services.settings
    if settings.telegram_bot_token is None:
        raise MissingToken("TELEGRAM_BOT_TOKEN is not set")
    # httpx logs every request URL at INFO, and a Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    channel = TelegramChannel(settings, services.tracker, dialog, options, metrics)
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .request(_http(options, pool=64))
        # Its own connection, so a long poll never waits for (or blocks) the sends.
        .get_updates_request(_http(options, pool=1))
        .updater(None)  # bot.channels.telegram.poll polls, through the inbox
        .concurrent_updates(ChatOrderedProcessor(options.max_running))
        .post_init(channel.post_init)
        .post_stop(channel.post_stop)
        # PTB skips post_stop when it stops before it started; stopping the sender twice is harmless.
        .post_shutdown(channel.post_stop)
    )
    base_url, file_url = api_urls(settings)
    if base_url:
        builder = builder.base_url(base_url)
    if file_url:
        builder = builder.base_file_url(file_url)
    app = builder.build()
    channel.register(app)
    return app


def _http(options: TelegramOptions, *, pool: int) -> HTTPXRequest:
    """An HTTP client with our timeouts (PTB adds the long-poll length to the read timeout of getUpdates)."""
    return HTTPXRequest(
        connection_pool_size=pool,
        connect_timeout=options.connect_timeout_s,
        read_timeout=options.read_timeout_s,
        write_timeout=options.read_timeout_s,
        pool_timeout=options.connect_timeout_s,
    )


async def serve_polling(
    services: Services, options: TelegramOptions | None = None, *, dialog: DialogPort,
    stop: asyncio.Event | None = None, ready: Callable[[AnyApp], None] | None = None,
) -> None:
    """Long polling through the inbox until `stop` is set (SIGINT/SIGTERM when no event is given).

    Updates a crash interrupted are handled first; messages sent while the bot was down are still answered
    (they wait at Telegram)."""
    options = options or TelegramOptions()
    app = build_application(services, dialog, options)
    stop = stop or stop_on_signals()
    inbox = UpdateInbox(services.tracker, app, InboxOptions.for_lease(services.settings.inbox_lease_seconds))
    async with running(app):
        await inbox.recover(at_start=True)
        recovery = asyncio.create_task(inbox.recover_forever())
        if ready is not None:
            ready(app)
        try:
            await Poller(app.bot, inbox, PollOptions(timeout_s=options.poll_timeout_s)).run(stop)
        finally:
            recovery.cancel()
            await inbox.drain()


@contextlib.asynccontextmanager
async def running(app: AnyApp) -> AsyncIterator[None]:
    """The Application started (getMe, command menus, outbox sender) for the block, then stopped cleanly."""
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        try:
            yield
        finally:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM (a container stop, Ctrl-C)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


def run_polling(services: Services, dialog: DialogPort, options: TelegramOptions | None = None) -> int:
    """Serve Telegram by long polling until SIGINT/SIGTERM; returns the exit status."""
    asyncio.run(serve_polling(services, options, dialog=dialog))
    return 0
