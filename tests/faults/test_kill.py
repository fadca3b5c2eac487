"""SIGKILL in the middle of a burst, then a restart on the same database: nothing written is lost, and a user
sees nothing twice but the sends that were in flight at the kill."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.fakes.bot_api import FakeBotAPI
from tests.faults.conftest import BotProcess, query

pytestmark = pytest.mark.model

USERS = list(range(1001, 1031))
OFFICERS = list(range(901, 907))  # several officers: each chat's replies are throttled to ~1/s
LOGGED = re.compile(r"Logged as #(\d+)\.")
# A send counts as in flight at the kill when Telegram accepted it this little before. Under this burst the
# bot records a send 0-0.1 s after Telegram's OK (the SIGKILL finds 1-2 such sends); a bot that forgot its
# records repeats sends from seconds before, as far back as the first phase.
IN_FLIGHT_S = 1.0
QUESTIONS = ["recordation fee?", "how long valid trademark customs record", "海关备案需要多少费用？"]


def _logged(api: FakeBotAPI, chat: int) -> list[int]:
    return [int(m[1]) for msg in api.messages(chat) if (m := LOGGED.search(str(msg["text"])))]


def _quiet(api: FakeBotAPI, database_url: str, timeout: float) -> None:
    """Wait until every update is confirmed and handled (its replies are sent before the inbox marks it done)
    and every notice settled: then nothing more is on its way, without waiting for a quiet spell."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        notices = query(database_url, "SELECT count(*) FROM notification WHERE delivered_at IS NULL "
                                      "AND failed_at IS NULL")[0][0]
        updates = query(database_url, "SELECT count(*) FROM inbox_update WHERE done_at IS NULL")[0][0]
        if not notices and not updates and not api.pending_updates():
            return
        time.sleep(0.2)
    raise AssertionError("the bot did not settle")


def test_sigkill_mid_burst_then_restart_loses_no_item_or_notice(
    fake_api: FakeBotAPI, workspace: Path, bots: list[BotProcess]
) -> None:
    api, url = fake_api, f"sqlite:///{workspace / 'bot.db'}"
    env = {"IPRDESK_ADMIN_IDS": ",".join(map(str, OFFICERS)), "IPRDESK_OUTBOX_LEASE_SECONDS": "3"}
    first = BotProcess(api, workspace, url, **env)
    bots.append(first)
    first.start()
    for user in USERS:
        api.send_text(user, f"/problem fake bearings held at Dayaowan, case {user}")
    api.wait_until(lambda: all(_logged(api, u) for u in USERS), 60, "every first problem logged")
    items = {user: _logged(api, user)[0] for user in USERS}

    before = len(api.messages())
    for i, user in enumerate(USERS):  # the burst: officer replies (-> notices), questions, new problems
        api.send_text(OFFICERS[i % len(OFFICERS)], f"/reply {items[user]} officer answer for {user}")
        api.send_text(user, QUESTIONS[i % len(QUESTIONS)])
        api.send_text(user, f"/problem second problem of {user}")
    api.wait_until(lambda: len(api.messages()) >= before + 45, 60, "the burst under way")
    killed_at = time.monotonic()
    first.kill()

    second = BotProcess(api, workspace, url, **env)
    bots.append(second)
    second.start()
    _quiet(api, url, 90)
    assert second.stop() == 0

    # Every "#N" a user was told exists and is theirs.
    for user in USERS:
        told = _logged(api, user)
        owners = dict(query(url, "SELECT id, owner_id FROM item WHERE owner_id = :u", u=user))
        assert set(told) <= set(owners), f"chat {user} was told of items that do not exist: {told} {owners}"
    # No update handled twice: each /problem text made at most one item.
    doubled = query(url, "SELECT description, count(*) FROM item GROUP BY description HAVING count(*) > 1")
    assert doubled == []
    # Every notice written was delivered, none given up.
    rows = query(url, "SELECT id, chat_id, payload, delivered_at, failed_at, attempts FROM notification")
    assert rows and all(r.delivered_at is not None and r.failed_at is None for r in rows), rows
    # ... and reached its user.
    notices = Counter((m["chat_id"], m["text"]) for m in api.messages() if "officer answer for" in str(m["text"]))
    for r in rows:
        assert any(chat == r.chat_id for chat, _ in notices), f"notice {r.id} never reached chat {r.chat_id}"
    # Any message a chat got twice (a notice, an answer, a "Logged as #N") must be one whose send was in
    # flight at the kill: Telegram had accepted it, the bot had not yet recorded that.
    calls = api.calls_of("sendMessage")
    sent = Counter((c.params["chat_id"], str(c.params["text"])) for c in calls)
    accepted: dict[tuple[int, str], float] = {}
    for c in calls:
        accepted.setdefault((c.params["chat_id"], str(c.params["text"])), c.at)
    repeated = {key: killed_at - accepted[key] for key, n in sent.items() if n > 1}
    recovered = re.search(r"handling (\d+) updates interrupted", second.log_path.read_text(encoding="utf-8"))
    print(f"\nmessages {len(calls)}, sent twice {sum(sent[k] - 1 for k in repeated)}, their first "
          f"copies accepted {sorted(round(age * 1000) for age in repeated.values())} ms before the kill; "
          f"notices {len(rows)}; updates recovered after the kill: {recovered[1] if recovered else 0}")
    assert all(sent[k] == 2 for k in repeated), repeated
    assert all(age <= IN_FLIGHT_S for age in repeated.values()), repeated
    # No update lost: every update of the burst was handled, those cut off by the kill after the restart.
    lost = [u for u in USERS if not query(url, "SELECT 1 FROM item WHERE description = :d", d=f"second problem of {u}")]
    assert lost == [], f"second problems never handled: {lost}"
    replies = query(url, "SELECT count(*) FROM item_event WHERE event = 'officer_reply'")[0][0]
    assert replies == len(USERS)
    assert query(url, "SELECT count(*) FROM inbox_update WHERE done_at IS NULL")[0][0] == 0
    # Every question was answered (the answers carry the legal basis line).
    for user in USERS:
        answers = [m for m in api.messages(user) if "Legal basis" in str(m["text"]) or "法律依据" in str(m["text"])]
        assert answers, f"chat {user}: question never answered"
