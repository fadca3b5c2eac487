"""The index on disk: one folder per build, and a CURRENT file naming the build in service.

A build is written in full beside the one in service, then CURRENT is replaced with os.replace: readers
see the old build or the new one, never half of one; a build that fails leaves CURRENT untouched.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from bot.retrieval.dense import DenseIndex
from bot.retrieval.knowledge import Section

CURRENT = "CURRENT"
# 3: a variable number of vectors per section (Section.views: body, heading, phrasings), stored flat. A build of
# an older format is refused with "run 'iprdesk index build'" (`index build --if-missing` rebuilds it).
FORMAT_VERSION = 3
KEEP_BUILDS = 3  # the one in service and two before it: a reader that just read CURRENT can still load


class IndexUnavailable(Exception):
    """The index is missing, corrupt or built by another model; the message says what to do."""


@dataclass(frozen=True)
class Chunk:
    """A section as stored in a build, with what both channels need to skip recomputing it."""

    section: Section
    content_hash: str
    tokens: tuple[str, ...]

    @property
    def views(self) -> int:
        """How many vectors the section has in the build: one per Section.views."""
        return 2 + len(self.section.phrasings)


@dataclass
class Manifest:
    model: str
    dim: int
    built_at: str
    files: dict[str, str]  # knowledge path -> sha256 of its bytes
    sections: int
    errors: list[str] = field(default_factory=list)
    format: int = FORMAT_VERSION
    tokenizer: int = 1  # lexical.TOKENIZER_VERSION of the stored tokens (builds before it was recorded: 1)


@dataclass(frozen=True)
class Build:
    """One loaded build: everything a Retriever serves from."""

    name: str
    manifest: Manifest
    chunks: list[Chunk]
    vectors: np.ndarray  # (all views, dim): each section's Section.views in turn, sections in chunk order
    dense: DenseIndex  # the same vectors, the same rows
    offsets: np.ndarray  # (sections + 1,): section i's vectors are rows offsets[i] to offsets[i + 1]

    def section_vectors(self, row: int) -> np.ndarray:
        """The vectors of the section in chunk row `row`, in Section.views order."""
        return self.vectors[self.offsets[row] : self.offsets[row + 1]]


def view_offsets(chunks: list[Chunk]) -> np.ndarray:
    """Where each chunk's vectors start in the flat array, and the total at the end."""
    return np.concatenate([[0], np.cumsum([c.views for c in chunks], dtype=np.int64)]).astype(np.int64)


def current_name(index_dir: Path) -> str | None:
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name or None


def load_build(index_dir: Path, name: str | None = None) -> Build:
    """Load the named build (default: the one in service); raises IndexUnavailable with a plain reason."""
    name = name or current_name(index_dir)
    if name is None:
        raise IndexUnavailable(f"no index in {index_dir}: run 'iprdesk index build'")
    folder = index_dir / name
    try:
        manifest = Manifest(**json.loads((folder / "manifest.json").read_text(encoding="utf-8")))
        chunks = [_chunk_from_json(json.loads(line)) for line in _lines(folder / "chunks.jsonl")]
        vectors = np.load(folder / "vectors.npy", allow_pickle=False)
        dense = DenseIndex.load(folder / "dense.faiss")
    except (OSError, EOFError, ValueError, TypeError, KeyError, RuntimeError) as exc:
        raise IndexUnavailable(f"the index build {name} is unreadable ({exc}): run 'iprdesk index build'") from exc
    if manifest.format != FORMAT_VERSION:
        raise IndexUnavailable(f"the index build {name} has an old format: run 'iprdesk index build'")
    offsets = view_offsets(chunks)
    if not (len(chunks) == manifest.sections and int(offsets[-1]) == len(vectors) == dense.size):
        raise IndexUnavailable(f"the index build {name} is inconsistent: run 'iprdesk index build'")
    return Build(name=name, manifest=manifest, chunks=chunks, vectors=vectors, dense=dense, offsets=offsets)


def write_build(index_dir: Path, manifest: Manifest, chunks: list[Chunk], vectors: np.ndarray) -> str:
    """Write a complete new build folder and return its name; CURRENT is not touched."""
    index_dir.mkdir(parents=True, exist_ok=True)
    # Names sort in build order (_prune keeps the newest by name): microseconds, since builds come quickly.
    now = time.time()
    name = f"build-{time.strftime('%Y%m%dT%H%M%S', time.localtime(now))}-{int(now * 1e6) % 1_000_000:06d}"
    name += f"-{uuid.uuid4().hex[:6]}"
    tmp = index_dir / f".tmp-{name}"
    tmp.mkdir()
    try:
        (tmp / "chunks.jsonl").write_text("".join(_chunk_json(c) + "\n" for c in chunks), encoding="utf-8")
        np.save(tmp / "vectors.npy", vectors.astype(np.float32), allow_pickle=False)
        DenseIndex.build(vectors).save(tmp / "dense.faiss")
        # The manifest is written last: a build folder with a manifest is complete.
        (tmp / "manifest.json").write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.rename(index_dir / name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return name


def publish(index_dir: Path, name: str) -> None:
    """Put a build in service atomically, then drop builds older than the last few."""
    pointer = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:6]}"
    pointer.write_text(name + "\n", encoding="utf-8")
    os.replace(pointer, index_dir / CURRENT)
    _prune(index_dir, keep=name)


def _prune(index_dir: Path, keep: str) -> None:
    builds = sorted(p for p in index_dir.glob("build-*") if p.is_dir())
    for old in builds[:-KEEP_BUILDS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in index_dir.glob(".tmp-build-*"):
        if time.time() - stale.stat().st_mtime > 3600:  # an abandoned build of a killed process
            shutil.rmtree(stale, ignore_errors=True)


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _chunk_json(chunk: Chunk) -> str:
    record = dict(vars(chunk.section))  # a shallow copy: asdict deep-copies, half the write time at 10k sections
    record["hash"] = chunk.content_hash
    record["tokens"] = list(chunk.tokens)
    return json.dumps(record, ensure_ascii=False)


def _chunk_from_json(record: dict[str, object]) -> Chunk:
    content_hash = str(record.pop("hash"))
    tokens = tuple(str(t) for t in record.pop("tokens"))  # type: ignore[attr-defined]
    record["topics"] = tuple(record["topics"])  # type: ignore[arg-type]
    record["phrasings"] = tuple(record.get("phrasings") or ())  # type: ignore[arg-type]
    return Chunk(section=Section(**record), content_hash=content_hash, tokens=tokens)  # type: ignore[arg-type]
