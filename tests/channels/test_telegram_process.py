"""bot.channels.telegram.run_polling for real (its poller and signal handlers), in its own process: it starts,
serves, and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from tests.fakes.bot_api import FakeBotAPI

ROOT = Path(__file__).resolve().parents[2]


def test_run_polling_sends_pending_notices_answers_and_stops_on_sigterm() -> None:
    with FakeBotAPI() as api:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.fakes.telegram_doubles", api.base_url, api.token, "7:before start"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            api.wait_for_messages(7, 1, timeout=20)
            api.send_text(7, "hello")
            api.wait_for_messages(7, 2)
            process.send_signal(signal.SIGTERM)
            out, err = process.communicate(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 0, err
        assert [m["text"] for m in api.messages(7)] == ["notice before start", "echo hello"]
        outbox = [json.loads(line) for line in out.splitlines()]
        assert outbox == [{"id": 1, "delivered": True, "failed": None}]
        assert api.pending_updates() == 0  # the offset was confirmed on the way out
        assert api.token not in err  # httpx's request log (it shows URLs) is silenced
