"""WeCom served alone in the test's event loop, as `iprdesk start` with only its settings serves it: the real
channel and web server on a real tracker, talking to a fake WeCom (tests/fakes/wecom_api.py)."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from bot.channels.wecom import WeComChannel, WeComOptions
from bot.channels.wecom.channel import DialogPort
from bot.channels.wecom.web import serve_alone
from bot.config import Settings
from tests.fakes.fake_services import FakeServices
from tests.fakes.wecom_api import FakeWeComAPI
from tests.postgres import free_port


@dataclass
class Served:
    channel: WeComChannel
    wecom: FakeWeComAPI
    base: str

    @property
    def callback(self) -> str:
        return f"{self.base}{self.channel.path}"

    async def say(self, user: str, text: str) -> None:
        """POST a member's text as WeCom does; it is stored (answered 200) on return."""
        xml = self.wecom.text_xml(user, text)
        assert await asyncio.to_thread(self.wecom.post_callback, self.callback, xml) == (200, "")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0


@asynccontextmanager
async def wecom_alone(
    wecom: FakeWeComAPI, tracker: Any, dialog: DialogPort, options: WeComOptions, **settings: Any
) -> AsyncIterator[Served]:
    """WeCom alone on `tracker`, with `options` and these settings besides the fake's."""
    env = wecom.settings_env()
    values: dict[str, Any] = {name.removeprefix("IPRDESK_").lower(): value for name, value in env.items()}
    port = free_port()
    values.update(settings, webhook_listen="127.0.0.1", webhook_port=port)
    real = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    services: Any = FakeServices(tracker, settings=real)
    channel = WeComChannel(services, dialog, options)
    stop = asyncio.Event()
    serving = asyncio.create_task(serve_alone(channel, stop))
    base = f"http://127.0.0.1:{port}"
    while not await asyncio.to_thread(_status, f"{base}/healthz"):  # listening (any answer): the channel started
        assert not serving.done(), serving
        await asyncio.sleep(0.05)
    try:
        yield Served(channel, wecom, base)
    finally:
        stop.set()
        await serving
