"""The knowledge base breaks (a corrupt build put in service, a rebuild that fails): the last good index keeps
answering, and the admin who triggered the rebuild is told."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.app import build
from bot.core.dialog import Dialog
from bot.retrieval import build as build_module
from bot.retrieval.embedder import Embedder
from bot.retrieval.store import CURRENT, current_name
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.telegram_doubles import FAST, running_bot, settings_for
from tests.faults.conftest import BotProcess

pytestmark = pytest.mark.model

USER, ADMIN = 4001, 4900
QUESTION = "recordation fee?"
NEW_TOPIC = b"""---
id: fault-topic
title: A topic uploaded while the rebuild fails
lang: en
---

## Who pays for storing detained goods? {#storage}

The rights holder pays the storage and disposal costs of detained goods.
"""


def _answer(api: FakeBotAPI, chat: int, question: str) -> str:
    before = len(api.messages(chat))
    api.send_text(chat, question)
    return str(api.wait_for_messages(chat, before + 1, timeout=30)[-1]["text"])


def test_corrupt_build_in_current_keeps_the_last_good_index_answering(
    fake_api: FakeBotAPI, workspace: Path, bots: list[BotProcess]
) -> None:
    bot = BotProcess(fake_api, workspace, f"sqlite:///{workspace / 'bot.db'}")
    bots.append(bot)
    bot.start()
    good = _answer(fake_api, USER, QUESTION)
    assert "fee" in good.lower()
    index = workspace / "index"
    name = current_name(index)
    assert name is not None
    broken = index / f"{name}-broken"
    shutil.copytree(index / name, broken)
    faiss_file = broken / "dense.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[: faiss_file.stat().st_size // 3])  # a torn write
    (index / CURRENT).write_text(broken.name, encoding="utf-8")

    assert _answer(fake_api, USER, QUESTION) == good
    assert _answer(fake_api, USER, QUESTION) == good  # and the broken build is not retried on every question
    assert bot.stop() == 0
    log = bot.log()
    assert f"keeping index {name} in service" in log and log.count("is unreadable") == 1


class FlakyEmbedder:
    """The real model, until `fail` is set: then encoding raises (a model or hardware failure)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.fail = inner, False
        self.name, self.dim, self.multilingual = inner.name, inner.dim, inner.multilingual

    def encode(self, texts: list[str]) -> np.ndarray:
        if self.fail and len(texts) > 1:  # a question (one text) is still answered from the served index
            raise RuntimeError("CUDA error: device lost")
        return self.inner.encode(texts)


def _no_space(*args: Any, **kwargs: Any) -> str:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("fault", ["embedder raises", "disk full"])
def test_failed_rebuild_on_upload_tells_the_admin_and_keeps_answering(
    fault: str, fake_api: FakeBotAPI, workspace: Path, real_embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = FlakyEmbedder(real_embedder)
    settings = settings_for(
        fake_api, knowledge_dir=workspace / "knowledge", index_dir=workspace / "index",
        database_url=f"sqlite:///{workspace / 'bot.db'}", admin_ids=[ADMIN],
    )
    services = build(settings, embedder)  # type: ignore[arg-type]
    build_before = current_name(workspace / "index")
    with running_bot(fake_api, Dialog(services), services.tracker, options=FAST):
        good = _answer(fake_api, USER, QUESTION)
        if fault == "embedder raises":
            embedder.fail = True
        else:  # the build folder cannot be written (as root, a read-only folder would not stop us)
            monkeypatch.setattr(build_module, "write_build", _no_space)
        fake_api.send_document(ADMIN, "fault-topic.md", NEW_TOPIC)
        preview = fake_api.wait_for_messages(ADMIN, 1, timeout=30)[-1]  # nothing changes before Publish
        rows = preview.get("reply_markup", {}).get("inline_keyboard", [])
        [publish] = [b["callback_data"] for row in rows for b in row if b["callback_data"].startswith("kbp:")]
        fake_api.press_button(ADMIN, publish, message_id=1)
        told = str(fake_api.wait_for_messages(ADMIN, 2, timeout=30)[-1]["text"])
        assert "fault-topic.md was not indexed" in told
        assert ("CUDA error" if fault == "embedder raises" else "No space left") in told
        assert _answer(fake_api, USER, QUESTION) == good
    assert current_name(workspace / "index") == build_before
    assert not (workspace / "knowledge" / "uploads" / "fault-topic.md").exists()  # the upload was taken back
