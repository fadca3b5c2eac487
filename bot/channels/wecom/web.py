"""WeCom's callback URL as a tornado handler, and the web server WeCom runs alone on (the callback path,
/healthz and /metrics, on IPRDESK_WEBHOOK_LISTEN:IPRDESK_WEBHOOK_PORT)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import TYPE_CHECKING, Any

import tornado.httpserver
import tornado.web

from bot.channels.metrics import Metrics
from bot.channels.web import HealthEndpoint, MetricsEndpoint
from bot.channels.wecom.channel import WeComChannel
from bot.channels.wecom.crypto import BadMessage, BadSignature
from bot.channels.wecom.inbound import parse
from bot.tracker.errors import Unavailable

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024  # a callback is well under 4 kB


class CallbackEndpoint(tornado.web.RequestHandler):
    """GET: WeCom's URL check. POST: a member's message or card press, checked, opened, stored, answered."""

    def initialize(self, channel: WeComChannel) -> None:
        self.channel = channel

    def _query(self) -> tuple[str, str, str]:
        return tuple(self.get_query_argument(name, "") for name in ("msg_signature", "timestamp", "nonce"))  # type: ignore[return-value]

    async def get(self) -> None:
        signature, timestamp, nonce = self._query()
        try:
            echo = self.channel.crypto.check_url(signature, timestamp, nonce, self.get_query_argument("echostr", ""))
        except BadSignature:
            self.send_error(403)
            return
        except BadMessage:
            self.send_error(400)
            return
        self.finish(echo)

    async def post(self) -> None:
        signature, timestamp, nonce = self._query()
        try:
            xml = self.channel.crypto.decrypt(self.request.body.decode("utf-8", "replace"), signature, timestamp, nonce)
        except BadSignature:
            self.send_error(403)  # not from WeCom: nothing stored, nothing said
            return
        except BadMessage:
            self.send_error(400)
            return
        callback = parse(xml)
        if callback is None:
            log.info("WeCom: a signed callback that is not a member's message; ignored")
        else:
            try:
                await self.channel.accept(callback, xml)
            except Unavailable:
                self.send_error(503)  # not stored: WeCom sends it again
                return
        self.finish("")  # replies go through message/send, not in this answer


def routes(channel: WeComChannel) -> list[tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]]:
    """The callback route, for a web server that serves other paths too."""
    return [(channel.path, CallbackEndpoint, {"channel": channel})]


class Companion:
    """WeCom beside a Telegram webhook: its callback route on that web server, its sender started with it."""

    def __init__(self, channel: WeComChannel) -> None:
        self.channel = channel

    def routes(self) -> list[tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]]:
        return routes(self.channel)

    async def start(self) -> None:
        await self.channel.start()
        print(f"iprdesk: WeCom: serving the callback {self.channel.path} on the webhook's server",
              file=sys.stderr, flush=True)

    async def stop(self) -> None:
        await self.channel.stop()


async def serve_alone(channel: WeComChannel, stop: asyncio.Event | None = None) -> None:
    """WeCom without Telegram: the callback, /healthz and /metrics until `stop` (or SIGINT/SIGTERM)."""
    services = channel.services
    metrics = Metrics()
    services.observer = metrics
    app = tornado.web.Application([
        *routes(channel),
        (r"/healthz", HealthEndpoint, {"services": services}),
        (r"/metrics", MetricsEndpoint, {"services": services, "metrics": metrics}),
    ])
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    settings = services.settings
    await channel.start()
    server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_BODY_BYTES, xheaders=True)
    server.listen(settings.webhook_port, settings.webhook_listen)
    print(f"iprdesk: WeCom: serving the callback {channel.path} on {settings.webhook_listen}:{settings.webhook_port} "
          "(also /healthz, /metrics)", file=sys.stderr, flush=True)
    try:
        await stop.wait()
    finally:
        server.stop()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(server.close_all_connections(), 5)
        await channel.stop()
