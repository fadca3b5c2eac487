"""The WeCom (企业微信) application channel, the only package that imports wechatpy.

`run` serves it alone; `bot.app` wires it. Inside:

crypto.py    the callback's signature and AES (wechatpy)
inbound.py   a decrypted callback read: a text, a template card's button press, or something else
channel.py   callback stored (the tracker's inbox) -> Incoming -> the core -> replies through message/send;
             replays handled once, callbacks of a dead replica taken up after the lease
client.py    the server API: access token cached and refreshed, message/send, appchat/send
reply.py     a core Reply as WeCom text, a template card with buttons, or numbered choices
sender.py    the outbox worker for the notices of users whose channel in use is WeCom
web.py       the callback's tornado handler, and the web server when WeCom runs alone
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from bot.channels.wecom.channel import DialogPort, NotConfigured, WeComChannel, WeComOptions

if TYPE_CHECKING:
    from bot.app import Services

__all__ = ["NotConfigured", "WeComChannel", "WeComOptions", "run"]


def run(services: Services, dialog: DialogPort, options: WeComOptions | None = None) -> int:
    """Serve WeCom alone (its callback, /healthz, /metrics) until SIGINT/SIGTERM; the exit status."""
    from bot.channels.wecom.web import serve_alone

    asyncio.run(serve_alone(WeComChannel(services, dialog, options)))
    return 0
