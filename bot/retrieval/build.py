"""Incremental index builds, admin uploads and the hand-over to running retrievers."""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from bot.retrieval import editing
from bot.retrieval.embedder import Embedder
from bot.retrieval.knowledge import (
    Knowledge,
    KnowledgeFile,
    Section,
    knowledge_paths,
    load_knowledge,
    parse_file,
    reconcile,
)
from bot.retrieval.lexical import TOKENIZER_VERSION, tokenize
from bot.retrieval.rejections import Rejection
from bot.retrieval.reports import BuildFailed, BuildReport, FileChange, UploadReport
from bot.retrieval.store import (
    Build,
    Chunk,
    IndexUnavailable,
    Manifest,
    current_name,
    load_build,
    publish,
    write_build,
)
from bot.retrieval.uploads import MAX_FILE_BYTES, within_limit

log = logging.getLogger(__name__)
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}\.md$")
UPLOAD_DIR = "uploads"  # admin uploads of new topics land here, apart from the files kept in git
# Keeps a change to a knowledge file (the tracker's record: the previous version, who, when), called under the
# build lock before the file is written; bot/retrieval knows nothing of the tracker, so the caller passes it.
Record = Callable[[FileChange], object]


class KnowledgeDesk:
    """Owns knowledge/ and index/: validates uploads, rebuilds incrementally, swaps atomically."""

    def __init__(self, knowledge_dir: Path, index_dir: Path, embedder: Embedder) -> None:
        self.knowledge_dir = knowledge_dir
        self.index_dir = index_dir
        self.embedder = embedder
        self._listeners: list[Callable[[], object]] = []

    def on_swap(self, listener: Callable[[], object]) -> None:
        """Call listener after every build this process puts in service."""
        self._listeners.append(listener)

    def has_index(self) -> bool:
        try:
            build = load_build(self.index_dir)
        except IndexUnavailable:
            return False
        return build.manifest.model == self.embedder.name

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> BuildReport:
        """Build from knowledge/, re-embedding only sections whose text changed; the old index
        keeps serving until the new one is complete, and keeps serving if this fails."""
        started = time.perf_counter()
        with self._lock():
            knowledge = load_knowledge(self.knowledge_dir)
            same = self._unchanged(knowledge)
            if same is not None:  # no new folder: the one in service is exactly what a build would make
                same.took_s = time.perf_counter() - started
                return same
            try:
                report = self._build(knowledge, progress)
            except Exception as exc:
                log.exception("index build failed; the index in service stays")
                raise BuildFailed(_reason(exc)) from exc
        report.took_s = time.perf_counter() - started
        for listener in self._listeners:
            listener()
        return report

    def upload(self, file_name: str, data: bytes, record: Record | None = None) -> UploadReport:
        """Validate an admin's file, store it, rebuild; a broken file changes nothing. `record` keeps the change
        under the build lock, as in `change_file`."""
        checked = _checked(file_name, data)
        if isinstance(checked, UploadReport):
            return checked
        name, parsed = checked
        assert parsed.file_id is not None
        with self._lock():
            return self._store_and_build(parsed.file_id, name, data, len(parsed.sections), record)

    def preview(self, file_name: str, data: bytes) -> UploadReport:
        """What `upload` would do, changing nothing: the reasons it would refuse, or where the file lands,
        the file it replaces and the entries added, changed and removed."""
        checked = _checked(file_name, data)
        if isinstance(checked, UploadReport):
            return checked
        name, parsed = checked
        assert parsed.file_id is not None
        knowledge = load_knowledge(self.knowledge_dir)
        placed = self._placed(knowledge, parsed.file_id, name)
        if isinstance(placed, UploadReport):
            return placed
        path = self._rel(placed)
        before = next((f for f in knowledge.files if f.path == path), None)
        return UploadReport(
            ok=True, errors=[], file_id=parsed.file_id, sections=len(parsed.sections), path=path,
            previous=placed.read_bytes() if placed.exists() else None, diff=editing.diff(before, parsed),
        )

    def change_file(
        self, path: str, edit: Callable[[bytes | None], bytes | None], record: Record
    ) -> FileChange:
        """Read, edit, index, record and write one knowledge file under the build lock (so two replicas' edits
        never lose one another, and their records are in the order of their changes). `edit` gets the bytes
        (None: no such file) and returns the new ones (None: remove the file); it may raise editing.EditRefused.
        `record` keeps the change. A result that does not parse cleanly is refused, and a failed build or a
        failed `record` changes nothing (see `_commit`)."""
        target = self.knowledge_dir / path
        if self._rel(target) != path or not path.endswith(".md"):
            raise editing.EditRefused(f"{path}: not a knowledge file")
        with self._lock():
            previous = target.read_bytes() if target.exists() else None
            data = edit(previous)
            if data is not None and (errors := parse_file(path, data).errors):
                raise editing.EditRefused(errors[0])  # a Rejection: the core says it
            knowledge = self._knowledge_with(path, data)
            clash = [e for e in knowledge.errors if e.path == path]
            if clash:  # e.g. another file has the same id: the file would be left out of the index
                raise editing.EditRefused(clash[0])
            change = self._commit(knowledge, path, previous, data, record)
        for listener in self._listeners:
            listener()
        return change

    def knowledge(self) -> Knowledge:
        """The knowledge base as it is on disk now."""
        return load_knowledge(self.knowledge_dir)

    def _placed(self, knowledge: Knowledge, file_id: str, name: str) -> Path | UploadReport:
        """Where an upload of `file_id` named `name` lands, or the refusal."""
        target = self._target_for(knowledge, file_id, name)
        # An update keeps the file's name; the same id under another name is most likely a copied header.
        clash = next((f for f in knowledge.files if f.file_id == file_id and Path(f.path).name != name), None)
        if clash is not None:
            taken = Rejection(name, 2, "id_taken", file_id=file_id, path=clash.path, name=Path(clash.path).name)
            return UploadReport(ok=False, errors=[taken])
        path = self._rel(target)
        occupant = next((f for f in knowledge.files if f.path == path and f.file_id != file_id), None)
        if occupant is not None:  # same file name, another topic: replacing it would silently drop that topic
            taken = Rejection(name, 1, "name_taken", path=occupant.path, file_id=occupant.file_id)
            return UploadReport(ok=False, errors=[taken])
        return target

    def _store_and_build(
        self, file_id: str, name: str, data: bytes, sections: int, record: Record | None
    ) -> UploadReport:
        placed = self._placed(load_knowledge(self.knowledge_dir), file_id, name)
        if isinstance(placed, UploadReport):
            return placed
        target, path = placed, self._rel(placed)
        previous = target.read_bytes() if target.exists() else None
        change = self._commit(self._knowledge_with(path, data), path, previous, data, record)
        for listener in self._listeners:
            listener()
        return UploadReport(
            ok=True, errors=[], file_id=file_id, sections=sections, build=change.build, path=path, previous=previous
        )

    def _knowledge_with(self, path: str, data: bytes | None) -> Knowledge:
        """The knowledge base as it would be with `path` holding `data` (None: without it), read in the same
        order as from disk, so the index can be built before the file is written."""
        contents = {p: p.read_bytes() for p in knowledge_paths(self.knowledge_dir)}
        target = self.knowledge_dir / path
        contents.pop(target, None)
        if data is not None and target.name.lower() != "readme.md":  # as knowledge_paths reads the folder
            contents[target] = data
        return reconcile([parse_file(self._rel(p), contents[p]) for p in sorted(contents)])

    def _commit(
        self, knowledge: Knowledge, path: str, previous: bytes | None, data: bytes | None, record: Record | None
    ) -> FileChange:
        """Build the index for `knowledge` without putting it in service, keep the change (`record`), write the
        file, then put the build in service; the caller holds the build lock. A failed build or record leaves the
        file, the index and the records as they were; a crash after the record leaves at worst a record whose
        previous version is the file as it still is (undoing it changes nothing), never a change without its
        record. A crash after the file is written leaves the index behind until the next build."""
        target = self.knowledge_dir / path
        try:
            name, report = self._write_index(knowledge, None)
        except Exception as exc:
            log.exception("index build for %s failed; the file stays as it was, the index in service stays", path)
            raise BuildFailed(_reason(exc)) from exc
        change = FileChange(path, previous, data, report)
        try:
            if record is not None:
                record(change)
            try:
                _put(target, data)
            except OSError as exc:
                log.exception("writing %s failed; the file and the index in service stay", path)
                raise BuildFailed(_reason(exc)) from exc
        except Exception:
            shutil.rmtree(self.index_dir / name, ignore_errors=True)  # never in service
            raise
        publish(self.index_dir, name)
        self._log_left_out(knowledge)
        return change

    def _unchanged(self, knowledge: Knowledge) -> BuildReport | None:
        """The build in service as a report when the same model, tokenizer and files made it, else None."""
        try:
            build = load_build(self.index_dir)
        except IndexUnavailable:
            return None
        manifest = build.manifest
        same = (
            manifest.model == self.embedder.name
            and manifest.tokenizer == TOKENIZER_VERSION
            and manifest.files == {f.path: f.digest for f in knowledge.files}
            and manifest.errors == [str(e) for e in knowledge.errors]
            and manifest.sections == len(knowledge.sections)
        )
        if not same:
            return None
        sections = manifest.sections
        return BuildReport(
            sections=sections, embedded=0, reused=sections, files=len(knowledge.files), errors=list(knowledge.errors),
            build=build.name, unchanged=True,
        )

    def _target_for(self, knowledge: Knowledge, file_id: str, name: str) -> Path:
        """A file that updates a topic replaces it where it lives; a new topic goes to uploads/."""
        existing = next((f for f in knowledge.files if f.file_id == file_id), None)
        if existing is not None:
            return self.knowledge_dir / existing.path
        return self.knowledge_dir / UPLOAD_DIR / name

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.knowledge_dir).as_posix()

    def _build(self, knowledge: Knowledge, progress: Callable[[int, int], None] | None) -> BuildReport:
        """Build the index for `knowledge` and put it in service."""
        name, report = self._write_index(knowledge, progress)
        publish(self.index_dir, name)
        self._log_left_out(knowledge)
        return report

    @staticmethod
    def _log_left_out(knowledge: Knowledge) -> None:
        for error in knowledge.errors:
            log.warning("knowledge file left out: %s", error)

    def _write_index(
        self, knowledge: Knowledge, progress: Callable[[int, int], None] | None
    ) -> tuple[str, BuildReport]:
        """A complete build folder for `knowledge`, not yet in service, and its report."""
        sections = knowledge.sections
        cache = self._previous_chunks()
        chunks: list[Chunk | None] = []
        vectors: list[np.ndarray | None] = []  # per section: (its views, dim)
        fresh: list[int] = []
        for i, section in enumerate(sections):
            cached = cache.get(section.content_hash)
            chunks.append(Chunk(section, section.content_hash, cached[0].tokens) if cached else None)
            vectors.append(cached[1] if cached else None)
            if not cached:
                fresh.append(i)
        self._embed(sections, fresh, chunks, vectors, progress)
        manifest = Manifest(
            model=self.embedder.name,
            dim=self.embedder.dim,
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            files={f.path: f.digest for f in knowledge.files},
            sections=len(sections),
            errors=[str(e) for e in knowledge.errors],
            tokenizer=TOKENIZER_VERSION,
        )
        flat = np.concatenate([v for v in vectors if v is not None]) if sections else np.zeros((0, self.embedder.dim))
        name = write_build(self.index_dir, manifest, [c for c in chunks if c is not None], flat)
        return name, BuildReport(
            sections=len(sections),
            embedded=len(fresh),
            reused=len(sections) - len(fresh),
            files=len(knowledge.files),
            errors=list(knowledge.errors),  # the manifest keeps their English lines; the report, the reasons
            build=name,
        )

    def _embed(
        self,
        sections: list[Section],
        fresh: list[int],
        chunks: list[Chunk | None],
        vectors: list[np.ndarray | None],
        progress: Callable[[int, int], None] | None,
    ) -> None:
        """Embed the changed sections (every view of each) in batches, reporting progress after each."""
        batch = 64
        for start in range(0, len(fresh), batch):
            part = fresh[start : start + batch]
            texts = [view for i in part for view in sections[i].views]
            encoded = self.embedder.encode(texts)
            at = 0
            for i in part:
                views = len(sections[i].views)
                vectors[i] = encoded[at : at + views]
                at += views
                chunks[i] = Chunk(sections[i], sections[i].content_hash, tuple(tokenize(sections[i].search_text)))
            if progress:
                progress(min(start + batch, len(fresh)), len(fresh))

    def _previous_chunks(self) -> dict[str, tuple[Chunk, np.ndarray]]:
        """Vectors of the build in service by content hash, when the same model made them."""
        if current_name(self.index_dir) is None:
            return {}
        try:
            build: Build = load_build(self.index_dir)
        except IndexUnavailable as exc:
            log.warning("previous index unreadable, embedding everything again: %s", exc)
            return {}
        if build.manifest.model != self.embedder.name or build.manifest.dim != self.embedder.dim:
            return {}  # never mix two models' vectors in one index
        chunks = build.chunks
        if build.manifest.tokenizer != TOKENIZER_VERSION:  # the vectors still hold; the tokens do not
            chunks = [
                Chunk(c.section, c.content_hash, tuple(tokenize(c.section.search_text))) for c in chunks
            ]
        return {c.content_hash: (c, build.section_vectors(i)) for i, c in enumerate(chunks)}

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """One build at a time across processes (the bot, the CLI, other replicas on a shared volume)."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        with open(self.index_dir / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _checked(file_name: str, data: bytes) -> tuple[str, KnowledgeFile] | UploadReport:
    """The upload's safe name and parsed file, or the refusal with its reasons."""
    name = Path(file_name.replace("\\", "/")).name  # never a path: no '../', no folders
    if not SAFE_NAME.match(name):  # a plain name ending in .md (lowercase: the knowledge folder is read so)
        return UploadReport(ok=False, errors=[Rejection(_printable(name) or "?", None, "bad_name")])
    if name.lower() == "readme.md":  # README files are the knowledge base's documentation, never indexed
        return UploadReport(ok=False, errors=[Rejection(name, None, "readme")])
    if not within_limit(len(data)):
        return UploadReport(ok=False, errors=[Rejection(name, None, "upload_too_large", kib=MAX_FILE_BYTES // 1024)])
    parsed = parse_file(name, data)
    if parsed.errors or parsed.file_id is None:
        return UploadReport(ok=False, errors=list(parsed.errors))
    return name, parsed


def _printable(name: str, limit: int = 80) -> str:
    """A refused name as it may be shown back: no NUL, control or direction characters, not too long."""
    shown = "".join(c if c.isprintable() and c.isascii() or c.isalnum() else "?" for c in name)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _reason(error: Exception, limit: int = 200) -> str:
    """One line naming what went wrong, e.g. "OSError: [Errno 28] No space left on device"."""
    line = f"{type(error).__name__}: {error}".splitlines()[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _put(target: Path, data: bytes | None) -> None:
    """Write `data` to `target` whole or not at all (None: remove it)."""
    if data is None:
        target.unlink(missing_ok=True)
    else:
        _write_atomically(target, data)

