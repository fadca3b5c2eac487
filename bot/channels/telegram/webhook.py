"""Webhook mode: a small tornado server feeds the Application's update queue (PTB's customwebhookbot pattern)
and serves /healthz and /metrics beside the webhook path.

Every replica registers the same public URL and secret; a load balancer may hand any update to any replica.
The replicas share the database (the outbox is claimed row by row) and the index folder (CURRENT is read on
every question), so none of them needs to know about the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

import tornado.httpserver
import tornado.web
from telegram import Bot, Update

from bot.channels.metrics import Metrics
from bot.channels.telegram.application import build_application, running, stop_on_signals
from bot.channels.telegram.channel import DialogPort, TelegramOptions
from bot.channels.telegram.inbox import AnyApp, InboxOptions, UpdateInbox
from bot.channels.web import HealthEndpoint, MetricsEndpoint, Watched
from bot.channels.web import health as health  # the name the webhook tests import

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# The updates the handlers use; anything else Telegram need not send.
ALLOWED_UPDATES = (Update.MESSAGE, Update.CALLBACK_QUERY)
MAX_BODY_BYTES = 1024 * 1024  # an update is a few kB; Telegram's largest are far below this
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
RESERVED_PATHS = ("/healthz", "/metrics")


class WebhookConfigError(ValueError):
    """The webhook URL or secret cannot work; the message says what to do."""


def check_webhook(url: str, secret: str | None) -> str:
    """The path the server answers updates on; WebhookConfigError when the URL or secret cannot work."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WebhookConfigError(f"webhook URL {url!r} is not an http(s) URL (Telegram needs https)")
    path = parts.path or "/"
    if path in RESERVED_PATHS:
        raise WebhookConfigError(f"webhook URL path {path} is taken by the server itself: use e.g. /telegram")
    if not secret:
        raise WebhookConfigError(
            "a webhook needs IPRDESK_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -); make one with: "
            "python -c \"import secrets; print(secrets.token_urlsafe(32))\""
        )
    if not _SECRET.match(secret):
        raise WebhookConfigError("IPRDESK_WEBHOOK_SECRET may only hold 1-256 of A-Z a-z 0-9 _ -")
    return path


# ---- the web server ---------------------------------------------------------------------------------------


class UpdateEndpoint(tornado.web.RequestHandler):
    """POST from Telegram: checked against the secret, decoded, queued for the Application."""

    def initialize(self, app: AnyApp, inbox: UpdateInbox, secret: str) -> None:
        self.app, self.inbox, self.secret = app, inbox, secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.send_error(403)
            return
        try:
            body = json.loads(self.request.body)
            update = Update.de_json(body, self.app.bot)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            # RecursionError: a body nested thousands deep (json and de_json recurse); bad input, not a bug.
            self.send_error(400)
            return
        # 200 once stored (the handling goes on without Telegram waiting); a repeat Telegram sends because an
        # answer was lost is dropped by the inbox.
        await self.inbox.receive([update], [json.dumps(body, ensure_ascii=False)])


class Companion(Protocol):
    """Another channel served by this web server (WeCom's callback): its routes, started and stopped with it."""

    def routes(self) -> list[tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]]: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


def web_app(
    app: AnyApp, inbox: UpdateInbox, services: Watched, metrics: Metrics, *, path: str, secret: str,
    companion: Companion | None = None,
) -> tornado.web.Application:
    """The routes: the webhook path, /healthz and /metrics, and a companion channel's."""
    return tornado.web.Application(
        [
            (re.escape(path), UpdateEndpoint, {"app": app, "inbox": inbox, "secret": secret}),
            (r"/healthz", HealthEndpoint, {"services": services}),
            (r"/metrics", MetricsEndpoint, {"services": services, "metrics": metrics}),
            *(companion.routes() if companion is not None else ()),
        ],
        log_function=_log_request,
    )


def _log_request(handler: tornado.web.RequestHandler) -> None:
    status = handler.get_status()
    if status >= 400:  # refused updates are worth a line; routine requests are not
        log.warning("%s %s -> %d", handler.request.method, handler.request.path, status)


# ---- registration and the lifecycle --------------------------------------------------------------------


async def register(bot: Bot, url: str, secret: str, say: Callable[[str], None]) -> None:
    """Tell what Telegram had registered when it differs or failed, then register `url` with the secret."""
    info = await bot.get_webhook_info()
    if info.url and info.url != url:
        say(f"webhook: Telegram had {info.url} registered; replacing it with {url}")
    if info.last_error_message:
        when = f" at {info.last_error_date:%Y-%m-%d %H:%M:%S %Z}" if info.last_error_date else ""
        say(f"webhook: Telegram's last delivery to {info.url or url} failed{when}: {info.last_error_message}")
    # Updates that waited while no replica answered are kept: they are handled now.
    await bot.set_webhook(url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES), drop_pending_updates=False)


def _say(line: str) -> None:
    print(f"iprdesk: {line}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class WebhookPlan:
    url: str
    path: str
    secret: str
    listen: str
    port: int


def plan(services: Services, url: str) -> WebhookPlan:
    """The webhook settings, checked; WebhookConfigError says what is missing."""
    settings = services.settings
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    path = check_webhook(url, secret)
    assert secret is not None
    return WebhookPlan(url, path, secret, settings.webhook_listen, settings.webhook_port)


async def serve(
    services: Services, webhook: WebhookPlan, options: TelegramOptions | None = None, *,
    dialog: DialogPort, stop: asyncio.Event | None = None, say: Callable[[str], None] = _say,
    companion: Companion | None = None,
) -> None:
    """Run until `stop` is set (or SIGINT/SIGTERM when no event is given); a companion channel on the same
    server."""
    metrics = Metrics()
    services.observer = metrics  # the Dialog counts questions and escalations through it
    app = build_application(services, dialog, options, metrics=metrics)
    inbox = UpdateInbox(services.tracker, app, InboxOptions.for_lease(services.settings.inbox_lease_seconds))
    stop = stop or stop_on_signals()
    async with running(app):  # getMe, command menus, outbox sender
        await register(app.bot, webhook.url, webhook.secret, say)
        # Other replicas may be serving: only updates whose claim ran out are theirs to give up.
        recovery = asyncio.create_task(inbox.recover_forever())
        if companion is not None:
            await companion.start()
        server = tornado.httpserver.HTTPServer(
            web_app(app, inbox, services, metrics, path=webhook.path, secret=webhook.secret, companion=companion),
            max_body_size=MAX_BODY_BYTES, xheaders=True,
        )
        server.listen(webhook.port, webhook.listen)
        say(f"webhook: serving {webhook.url} on {webhook.listen}:{webhook.port} (also /healthz, /metrics)")
        try:
            await stop.wait()
        finally:
            server.stop()  # no new updates; those in hand are finished (or recovered after a restart)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.close_all_connections(), 5)
            recovery.cancel()
            await inbox.drain()
            if companion is not None:
                await companion.stop()
    # The webhook stays registered: the other replicas (or this one, restarted) keep serving it.


def run_webhook(
    services: Services, dialog: DialogPort, url: str, options: TelegramOptions | None = None,
    companion: Companion | None = None,
) -> int:
    """Serve Telegram through a webhook at `url` until SIGINT/SIGTERM; returns the exit status."""
    webhook = plan(services, url)
    asyncio.run(serve(services, webhook, options, dialog=dialog, companion=companion))
    return 0
