"""Writes queue on SQLite's one write lock; the calls made on every message take it only when they write."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine

from bot.tracker import db
from bot.tracker.errors import Unavailable
from bot.tracker.service import Tracker
from tests.tracker.scene import People


@contextmanager
def write_locked_by_another_process(engine: Engine) -> Iterator[None]:
    """SQLite's write lock held by a connection of its own, as another process's writer would hold it."""
    connection = sqlite3.connect(str(engine.url.database), isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.rollback()
        connection.close()


@pytest.fixture
def short_busy(monkeypatch: pytest.MonkeyPatch, engine: Engine) -> None:
    """Writers give up after 0.3 s instead of 5 (in this process and in SQLite's busy handler)."""
    monkeypatch.setattr(db, "SQLITE_BUSY_S", 0.3)
    engine.dispose()  # new connections read the shorter busy_timeout


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_known_user_unchanged_is_served_while_the_database_is_write_locked(
    tracker: Tracker, engine: Engine, people: People, short_busy: None
) -> None:
    tracker.ensure_user(user_id=500, name="Known", language="zh")
    with write_locked_by_another_process(engine):
        assert tracker.ensure_user(user_id=500, name="Known").language == "zh"  # a read: served
        assert tracker.claim_notifications(limit=10) == []  # nothing due: a read, served
        with pytest.raises(Unavailable):
            tracker.ensure_user(user_id=500, name="Renamed")  # a change needs the lock
        with pytest.raises(Unavailable):
            tracker.ensure_user(user_id=501, name="New")
    assert tracker.ensure_user(user_id=500, name="Renamed").name == "Renamed"
    assert tracker.get_user(user_id=501) is None  # the refused write left nothing behind


def test_ensure_user_still_changes_what_changed(tracker: Tracker, people: People) -> None:
    tracker.ensure_user(user_id=600, name="A", language="en")
    assert tracker.ensure_user(user_id=600, name="A", language="zh").language == "zh"
    assert tracker.ensure_user(user_id=600, name="B").language == "zh"  # no language given: kept
    stored = tracker.get_user(user_id=600)
    assert stored is not None and (stored.name, stored.language) == ("B", "zh")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_writers_in_one_process_queue_and_a_writer_held_too_long_makes_the_next_busy(
    tracker: Tracker, engine: Engine, people: People, short_busy: None
) -> None:
    names = [f"user {n}" for n in range(200)]
    with ThreadPoolExecutor(max_workers=8) as pool:  # 200 first contacts at once: every one a write
        made = list(pool.map(lambda n: tracker.ensure_user(user_id=10_000 + n, name=names[n]), range(200)))
    assert [u.name for u in made] == names
    lock = db.writer_lock(engine)
    assert lock is not None
    held, done = threading.Event(), threading.Event()

    def hold() -> None:
        with lock:  # held until the test saw the next writer give up, however slow the machine
            held.set()
            done.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    try:
        with pytest.raises(Unavailable):
            tracker.ensure_user(user_id=20_000, name="Late")
    finally:
        done.set()
    holder.join()
    assert tracker.ensure_user(user_id=20_000, name="Late").name == "Late"


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_postgres_writers_take_no_process_lock(engine: Engine) -> None:
    assert db.writer_lock(engine) is None
