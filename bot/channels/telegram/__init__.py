"""The Telegram channel (python-telegram-bot), the only package that imports `telegram`.

`run` is its one entry point: long polling, or a webhook when a public URL is given. Inside:

application.py  the python-telegram-bot Application, served by long polling
channel.py      the handlers: an update -> Incoming (updates.py) -> the core -> replies; the sender and jobs
updates.py      an update -> Incoming: who sent it, whether a command is for this bot
poll.py         getUpdates that confirms a batch to Telegram only once the inbox stored it
webhook.py      the tornado server: the webhook path, /healthz and /metrics (bot.channels.metrics)
inbox.py        updates stored before Telegram hears they arrived, marked done when handled, recovered after a crash
order.py        updates run concurrently, one chat's one at a time and in order
reply.py        Reply -> sendMessage: HTML, inline keyboard, long texts split, every send throttled
split.py        a Telegram-HTML text cut under the length limit without breaking its tags
throttle.py     Telegram's rate limits, overall and per chat
sender.py       the outbox worker: notices rendered, sent with retries, recorded
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.channels.telegram.application import run_polling
from bot.channels.telegram.channel import DialogPort, TelegramOptions

if TYPE_CHECKING:
    from bot.app import Services
    from bot.channels.telegram.webhook import Companion


def run(
    services: Services, dialog: DialogPort, webhook_url: str | None = None, options: TelegramOptions | None = None,
    companion: Companion | None = None,
) -> int:
    """Serve Telegram until SIGINT/SIGTERM, by long polling or at `webhook_url`; returns the exit status.
    bot.app builds `services` and `dialog` and calls this; a `companion` channel (WeCom's callback) is served
    by the webhook's web server."""
    if webhook_url is None:
        return run_polling(services, dialog, options)
    from bot.channels.telegram.webhook import run_webhook  # tornado is loaded only for a webhook

    return run_webhook(services, dialog, webhook_url, options, companion)
