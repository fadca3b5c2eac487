"""A change to a knowledge file is recorded while the build lock is held, before the file is written: a record
that fails changes nothing (file, index, records), and no change is ever written without its record."""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.reports import BuildFailed, FileChange
from bot.retrieval.search import Retriever
from bot.retrieval.store import current_name
from tests.retrieval.test_upload import MARKING, snapshot

TIME_LIMITS = "en/time-limits.md"


class RecordFailed(Exception):
    """What the tracker raises when the database is down, or the admin is no longer one."""


def lock_is_held(desk: KnowledgeDesk) -> bool:
    """Whether someone holds the build lock: another process's (or replica's) try to take it fails."""
    with open(desk.index_dir / ".lock", "w") as other:
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(other, fcntl.LOCK_UN)
        return False


def appended(text: bytes) -> Callable[[bytes | None], bytes | None]:
    def edit(data: bytes | None) -> bytes | None:
        assert data is not None
        return data + text

    return edit


ENTRY = b"\n## Can customs hold goods over a weekend? {#weekend}\n\nYes; the time limits count working days.\n"


@pytest.fixture
def serving(desk: KnowledgeDesk, serve: Callable[[Path], Retriever]) -> Retriever:
    desk.rebuild()
    retriever = serve(desk.index_dir)
    desk.on_swap(retriever.reload)
    return retriever


def test_a_change_is_recorded_under_the_lock_before_the_file_is_written(
    desk: KnowledgeDesk, serving: Retriever
) -> None:
    target = desk.knowledge_dir / TIME_LIMITS
    before = target.read_bytes()
    seen: list[tuple[bool, bytes, FileChange]] = []

    def record(change: FileChange) -> None:
        seen.append((lock_is_held(desk), target.read_bytes(), change))

    change = desk.change_file(TIME_LIMITS, appended(ENTRY), record)
    assert len(seen) == 1
    held, on_disk, recorded = seen[0]
    assert held  # another replica's edit of the topic waits for this record
    assert on_disk == before  # a crash before the record leaves the file as it was
    assert recorded.previous == before and recorded.current == before + ENTRY == target.read_bytes()
    assert recorded is change
    assert not lock_is_held(desk)
    assert serving.ask("Can customs hold goods over a weekend?").entry_id == "time-limits#weekend"
    assert serving.build_name == current_name(desk.index_dir)


def test_a_failing_record_changes_neither_the_file_nor_the_index(desk: KnowledgeDesk, serving: Retriever) -> None:
    before = snapshot(desk.knowledge_dir, desk.index_dir)
    in_service = current_name(desk.index_dir)

    def record(change: FileChange) -> None:
        raise RecordFailed("the database is unavailable")

    with pytest.raises(RecordFailed):
        desk.change_file(TIME_LIMITS, appended(ENTRY), record)
    assert snapshot(desk.knowledge_dir, desk.index_dir) == before  # no file, no build folder left behind
    assert current_name(desk.index_dir) == in_service
    assert not lock_is_held(desk)
    assert serving.build_name == in_service


def test_a_removal_whose_record_fails_keeps_the_file(desk: KnowledgeDesk, serving: Retriever) -> None:
    before = (desk.knowledge_dir / TIME_LIMITS).read_bytes()

    def record(change: FileChange) -> None:
        assert change.current is None
        raise RecordFailed("no")

    with pytest.raises(RecordFailed):
        desk.change_file(TIME_LIMITS, lambda _data: None, record)
    assert (desk.knowledge_dir / TIME_LIMITS).read_bytes() == before


def test_an_upload_is_recorded_under_the_lock_and_a_failing_record_stores_nothing(
    desk: KnowledgeDesk, serving: Retriever
) -> None:
    before = snapshot(desk.knowledge_dir, desk.index_dir)

    def failing(change: FileChange) -> None:
        raise RecordFailed("no")

    with pytest.raises(RecordFailed):
        desk.upload("marking.md", MARKING, failing)
    assert snapshot(desk.knowledge_dir, desk.index_dir) == before

    seen: list[tuple[bool, bool, FileChange]] = []
    target = desk.knowledge_dir / "uploads" / "marking.md"
    report = desk.upload("marking.md", MARKING, lambda c: seen.append((lock_is_held(desk), target.exists(), c)))
    assert report.ok and target.read_bytes() == MARKING
    assert [(held, exists, c.path, c.previous, c.current) for held, exists, c in seen] == [
        (True, False, "uploads/marking.md", None, MARKING)
    ]


def test_an_edit_whose_build_fails_is_not_recorded(
    index_dir: Path, failing_embedder: Callable[[int], FakeEmbedder], desk: KnowledgeDesk
) -> None:
    desk.rebuild()
    failing = KnowledgeDesk(desk.knowledge_dir, index_dir, failing_embedder(0))
    before = snapshot(desk.knowledge_dir)
    recorded: list[FileChange] = []

    with pytest.raises(BuildFailed):
        failing.change_file(TIME_LIMITS, appended(ENTRY), recorded.append)
    assert recorded == [] and snapshot(desk.knowledge_dir) == before
