"""Fakes of the engine and the knowledge desk for the chat core's tests; Services around a real Tracker."""

from __future__ import annotations

import atexit
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.retrieval import grouping
from bot.retrieval.answers import Answer, Source
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.knowledge import Knowledge, parse_file, reconcile
from bot.retrieval.reports import FileChange
from bot.tracker.db import make_engine, migrate
from bot.tracker.service import Tracker
from tests.postgres import PostgresServer, find_bin_dir

OFFICER_CHAT = -1001
LONG_ID = "a-knowledge-file-with-a-rather-long-identifier#and-an-equally-long-anchor-name"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    text: str
    lang: str
    legal_basis: str | None = None
    source: str | None = None

    def source_row(self, score: float) -> Source:
        return Source(
            self.id, self.title, self.id.split("#")[0], self.lang, score, self.legal_basis, self.source
        )


ENTRIES = {
    e.id: e
    for e in (
        Entry(
            "recordation-apply#who",
            "Who can record an IPR with customs?",
            "The rights holder, or an agent it appoints. Fees: <none> & no stamp duty.",
            "en",
            "Regulations Art. 7",
            "http://www.customs.gov.cn/recordation",
        ),
        Entry(
            "recordation-apply#who-zh",
            "谁可以办理知识产权海关备案？",
            "权利人或其委托的代理人。",
            "zh",
            "条例第七条",
        ),
        Entry(
            "guarantees#amount",
            "How large is the guarantee for a detention?",
            "Equal to the goods' value.",
            "en",
        ),
        Entry("ex-officio-route#what", "What is ex officio protection?", "Customs acts on its own.", "en"),
        Entry(LONG_ID, "A topic whose id is too long for button data", "Some text.", "en"),
    )
}
RELATED_EN = ("guarantees#amount", "ex-officio-route#what", LONG_ID)


def is_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


@dataclass
class FakeRetriever:
    """Answers "record"/"备案" questions from a fixed entry; declines everything else with nearest topics."""

    entries: dict[str, Entry] = field(default_factory=lambda: dict(ENTRIES))
    related_ids: tuple[str, ...] = RELATED_EN  # the "did you mean" entries, best first
    asked: list[str] = field(default_factory=list)

    def ask(self, question: str, lang: str | None = None) -> Answer:
        self.asked.append(question)
        asker = lang or ("zh" if is_chinese(question) else "en")
        related = tuple(self.entries[i].source_row(0.4) for i in self.related_ids if i in self.entries)
        if "record" in question.lower() or "备案" in question:
            best = self.entries["recordation-apply#who-zh" if asker == "zh" else "recordation-apply#who"]
            answer = self._as_answer(best, question, asker)
            return replace(answer, related=related, sources=(best.source_row(0.9), *related))
        return Answer(
            question, False, 0.2, asker, "", "", None, None, None, related=related[:2], sources=related
        )

    def entry(self, entry_id: str, lang: str | None = None) -> Answer | None:
        """The entry, or its twin in `lang` when there is one (`ID` and `ID-zh`), as the engine does."""
        found = self.entries.get(entry_id)
        if found is not None and lang and found.lang != lang:
            twin_id = f"{entry_id}-zh" if lang == "zh" else entry_id.removesuffix("-zh")
            found = self.entries.get(twin_id, found)
        return None if found is None else self._as_answer(found, found.title, lang or found.lang)

    def group_questions(self, texts: Sequence[str]) -> list[list[int]]:
        """As the engine groups them, on the deterministic fake embedder's vectors."""
        return grouping.group(FakeEmbedder().encode(list(texts)), texts, multilingual=True)

    @staticmethod
    def _as_answer(entry: Entry, question: str, lang: str) -> Answer:
        return Answer(
            question, True, 0.9, lang, entry.text, entry.title, entry.legal_basis, entry.source, entry.id
        )


@dataclass
class FakeUploadReport:
    ok: bool
    errors: list[str]
    file_id: str | None = None
    sections: int = 0
    path: str = ""
    previous: bytes | None = None  # a new topic
    diff: None = None


@dataclass
class FakeBuildReport:
    sections: int
    embedded: int
    reused: int
    errors: list[str]
    took_s: float
    unchanged: bool = False


@dataclass
class FakeKnowledge:
    """Takes a file with `##` sections; rejects one without, as the real desk does."""

    uploads: list[tuple[str, bytes]] = field(default_factory=list)
    rebuilds: int = 0
    unchanged: bool = False  # the files are those of the build in service: rebuild() makes none

    def upload(
        self, file_name: str, data: bytes, record: Callable[[FileChange], object] | None = None
    ) -> FakeUploadReport:
        sections = data.count(b"\n## ") + data.startswith(b"## ")
        if not sections:
            return FakeUploadReport(
                False, [f"{file_name}:1: the file has no ## section", f"{file_name}:1: <no id>"]
            )
        path = f"uploads/{file_name}"
        if record is not None:  # as the real desk: kept before the file is stored, a failed record stores nothing
            record(FileChange(path, None, data, FakeBuildReport(sections, sections, 0, [], 0.0)))  # type: ignore[arg-type]
        self.uploads.append((file_name, data))
        return FakeUploadReport(True, [], file_name.removesuffix(".md"), sections, path)

    def preview(self, file_name: str, data: bytes) -> FakeUploadReport:
        """What upload would say, storing nothing."""
        sections = data.count(b"\n## ") + data.startswith(b"## ")
        if not sections:
            return FakeUploadReport(False, [f"{file_name}:1: the file has no ## section"])
        return FakeUploadReport(True, [], file_name.removesuffix(".md"), sections, f"uploads/{file_name}")

    def knowledge(self) -> Knowledge:
        """The knowledge base as parsed: the files uploaded so far."""
        return reconcile([parse_file(name, data) for name, data in self.uploads])

    def rebuild(self) -> FakeBuildReport:
        self.rebuilds += 1
        if self.unchanged:
            return FakeBuildReport(42, 0, 42, [], 0.01, unchanged=True)
        return FakeBuildReport(42, 3, 39, ["broken.md:1: missing front matter"], 1.25)


@dataclass
class FakeSettings:
    """The settings the channels and the core read from Services besides the token."""

    officer_chat_id: int | None = OFFICER_CHAT
    questions_per_minute: int = 20
    items_per_10_minutes: int = 5


@dataclass
class FakeServices:
    """The one double of bot.app.Services: a tracker (a real one, or an in-memory outbox from
    tests/fakes/telegram_doubles.py), the engine and the knowledge desk (the fakes above unless a test brings
    its own), the settings (FakeSettings, or real Settings when a channel runs) and the observer the webhook
    server sets."""

    tracker: Any
    retriever: Any = field(default_factory=FakeRetriever)
    knowledge: Any = field(default_factory=FakeKnowledge)
    settings: Any = field(default_factory=FakeSettings)
    observer: Any = None


def real_tracker(
    folder: Path, officer_chat_id: int | None = OFFICER_CHAT, clock: Callable[[], datetime] | None = None
) -> Tracker:
    """A real, migrated Tracker: on a SQLite file in `folder`, or with IPRDESK_TEST_DATABASE=postgres on a
    PostgreSQL database of its own. The same folder gives the same database: calling again is a "restart"."""
    if os.environ.get("IPRDESK_TEST_DATABASE") == "postgres":
        engine = make_engine(_postgres_database(folder))
    else:
        engine = make_engine(f"sqlite:///{folder}/iprdesk.db")
    migrate(engine)
    if clock is not None:  # a fake clock (tests of due times and reminders)
        return Tracker(engine, officer_chat_id=officer_chat_id, clock=clock)
    return Tracker(engine, officer_chat_id=officer_chat_id)


class _PostgresForTests:
    """One throwaway server for the whole run and a migrated template; a database per test folder."""

    def __init__(self) -> None:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            pytest.skip("IPRDESK_TEST_DATABASE=postgres but PostgreSQL is not installed: apt-get install -y postgresql")
        self.server = PostgresServer.start(bin_dir)
        atexit.register(self.server.stop)
        template_url = self.server.create_database()
        engine = make_engine(template_url)
        migrate(engine)
        engine.dispose()  # CREATE DATABASE ... TEMPLATE needs the template free of connections
        self.template = template_url.rsplit("/", 1)[1]
        self.databases: dict[Path, str] = {}

    def database(self, folder: Path) -> str:
        if folder not in self.databases:
            self.databases[folder] = self.server.create_database(template=self.template)
        return self.databases[folder]


_postgres: list[_PostgresForTests] = []  # started on first use, so a SQLite run never starts a server


def _postgres_database(folder: Path) -> str:
    if not _postgres:
        _postgres.append(_PostgresForTests())
    return _postgres[0].database(folder)
