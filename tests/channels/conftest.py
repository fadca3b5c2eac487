"""What the channel tests share: the fake Bot API server, one per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.bot_api import FakeBotAPI


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        yield fake
