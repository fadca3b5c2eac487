"""What a build or an upload reports, and the error a failed build raises: types that import nothing heavy,
so that the core can name them without reaching numpy, faiss or the model (tests/test_architecture.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.retrieval import editing


class BuildFailed(RuntimeError):
    """A build could not be completed (the model failed, the disk is full or read-only); the index in
    service is untouched and keeps answering. `str(error)` is one short line for an admin."""


@dataclass
class BuildReport:
    """What a build did: the numbers an admin and the CLI show."""

    sections: int
    embedded: int  # sections whose text changed and went through the model
    reused: int  # sections whose vectors were taken from the previous build
    files: int
    errors: list[str] = field(default_factory=list)  # Rejections (bot/retrieval/rejections.py): files left out
    took_s: float = 0.0
    build: str = ""
    unchanged: bool = False  # nothing changed since the build in service: no build was made, `build` is that one


@dataclass
class UploadReport:
    ok: bool
    errors: list[str]  # Rejections (bot/retrieval/rejections.py): why the upload was refused
    file_id: str | None = None
    sections: int = 0
    build: BuildReport | None = None
    path: str = ""  # where it lands, below the knowledge folder
    previous: bytes | None = None  # the file it replaces (None: a new topic), kept for /kb undo
    diff: editing.Diff | None = None  # entries added, changed and removed, by heading


@dataclass(frozen=True)
class FileChange:
    """One knowledge file written and indexed: its bytes before and after (None: absent)."""

    path: str
    previous: bytes | None
    current: bytes | None
    build: BuildReport
