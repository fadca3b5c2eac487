"""Fixtures shared by the whole suite: embedders (fake and real) and small knowledge bases on disk."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import Embedder, FakeEmbedder, load_embedder

REPO = Path(__file__).resolve().parents[1]

# Everything runs offline; subprocesses inherit these.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# A small knowledge base in the format of knowledge/README.md: two English files and a Chinese twin of one.
SAMPLE_KNOWLEDGE: dict[str, str] = {
    "en/guarantees.md": """---
id: guarantees
title: Guarantees for detention
lang: en
topics: [guarantee]
legal_basis: Regulations Art. 14
source: https://example.org/regulations
---

Text before the first heading is an introduction, not an entry.

## How much guarantee do we pay on the application route? {#amount}

The guarantee equals the value of the goods: goods worth RMB 100,000 need a guarantee of RMB 100,000.

Legal basis: Regulations Art. 14; Measures Art. 23

## Can the guarantee be a bank letter of guarantee? {#forms}

Yes: cash, or a letter of guarantee issued by a bank in China.
""",
    "en/time-limits.md": """---
id: time-limits
title: Time limits
lang: en
legal_basis: Regulations Art. 16
---

## How many working days do we have to answer a customs notice? {#notice-reply}

You have 3 working days from service of the customs notice to apply for detention.

## How long does customs take to investigate detained goods? {#investigation}

Customs investigates within 30 working days of detention and tells the holder in writing.
""",
    "zh/guarantees.md": """---
id: guarantees-zh
title: 扣留担保
lang: zh
translation_of: guarantees
legal_basis: 《知识产权海关保护条例》第14条
---

## 依申请扣货，担保金交多少？ {#amount}

担保金额相当于货物的价值，货值10万元就交10万元担保。

法律依据：《知识产权海关保护条例》第14条；《实施办法》第23条

## 担保可以用银行保函吗？ {#forms}

可以，用现金或者境内银行出具的保函。

## 只有中文版本的条目是什么？ {#zh-only}

这个条目没有英文版本，只用于测试。
""",
}
SAMPLE_SECTIONS = 7

KnowledgeFactory = Callable[..., Path]


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    """A deterministic hashed bag-of-words embedder; `.calls` counts the texts it encoded."""
    return FakeEmbedder()


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> KnowledgeFactory:
    """A factory for tmp_path/knowledge. The first call writes SAMPLE_KNOWLEDGE (unless sample=False); every
    call then writes `files` ({relative path: text or bytes}) over it, and returns the folder."""
    root = tmp_path / "knowledge"

    def make(files: Mapping[str, str | bytes] | None = None, *, sample: bool = True) -> Path:
        if not root.exists():
            root.mkdir(parents=True)
            for rel, text in (SAMPLE_KNOWLEDGE if sample else {}).items():
                _write(root / rel, text)
        for rel, content in (files or {}).items():
            _write(root / rel, content)
        return root

    return make


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    """The bundled all-MiniLM-L6-v2, loaded once per session; for tests marked `model`."""
    return load_embedder("")


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Path:
    """The real knowledge/ built once per session with the real model, into a temporary index folder (tests
    that change knowledge copy it, with knowledge/, into their own tmp_path)."""
    index_dir = tmp_path_factory.mktemp("real") / "index"
    KnowledgeDesk(REPO / "knowledge", index_dir, real_embedder).rebuild()
    return index_dir
