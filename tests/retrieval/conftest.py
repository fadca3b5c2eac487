"""Retrieval fixtures: an index folder, a desk over the sample knowledge, retrievers, failing embedders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.search import Retriever


class FakeFailingEmbedder(FakeEmbedder):
    """A FakeEmbedder (same name, same vectors) that raises once it has encoded `after` texts."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after

    def encode(self, texts: list[str]) -> np.ndarray:
        if self.calls + len(texts) > self.after:
            raise RuntimeError("the embedding model crashed")
        return super().encode(texts)


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


@pytest.fixture
def desk(knowledge_dir: Callable[..., Path], index_dir: Path, fake_embedder: FakeEmbedder) -> KnowledgeDesk:
    """A desk over the sample knowledge base; nothing is built yet."""
    return KnowledgeDesk(knowledge_dir(), index_dir, fake_embedder)


@pytest.fixture
def failing_embedder() -> Callable[[int], FakeEmbedder]:
    """failing_embedder(n): an embedder that raises after n texts."""
    return FakeFailingEmbedder


@pytest.fixture
def serve() -> Callable[[Path], Retriever]:
    """serve(index_dir): a Retriever with its own FakeEmbedder that answers whenever anything matches
    (threshold 0), so tests of builds and uploads do not depend on the calibrated threshold."""
    return lambda index_dir: Retriever(index_dir, FakeEmbedder(), threshold=0.0)

