"""Admin uploads: limits, hostile names and hostile YAML are refused safely; nothing lands outside knowledge_dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.dialog import Dialog
from bot.core.texts import text
from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.knowledge import MAX_FILE_BYTES
from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.core.conftest import ADA, Chat
from tests.fakes.fake_services import FakeServices
from tests.security.test_injection import assert_safe

GOOD = b"""---
id: marking
title: Marking of goods
lang: en
---

## Do exported goods need a trademark label? {#label}

Customs checks labels.
"""
PWNED = "pwned-by-yaml"


def hostile_yaml(marker: Path) -> bytes:
    """Front matter that would run a command under yaml.load (not yaml.safe_load)."""
    return (
        b"---\n"
        b"id: !!python/object/apply:os.system ['touch " + str(marker).encode() + b"']\n"
        b"title: !!python/object/new:builtins.Exception ['x']\n"
        b"lang: en\n---\n\n## Q {#q}\n\nA.\n"
    )


@pytest.fixture
def desk(tmp_path: Path) -> KnowledgeDesk:
    knowledge = tmp_path / "box" / "knowledge"
    (knowledge / "en").mkdir(parents=True)
    (knowledge / "en/base.md").write_bytes(GOOD.replace(b"marking", b"base").replace(b"{#label}", b"{#one}"))
    desk = KnowledgeDesk(knowledge, tmp_path / "box" / "index", FakeEmbedder())
    desk.rebuild()
    return desk


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.md",
        "..\\x.md",
        "..\\..\\..\\x.md",
        "/etc/passwd.md",
        "uploads/../../x.md",
        "a/b/../../../c.md",
    ],
)
def test_a_path_in_the_name_is_never_a_path_outside_knowledge_dir(
    desk: KnowledgeDesk, tmp_path: Path, name: str
) -> None:
    outside = {str(p) for p in tmp_path.rglob("*")} - {str(p) for p in (tmp_path / "box").rglob("*")}

    report = desk.upload(name, GOOD)

    # The name is reduced to its last part: the file lands in knowledge/uploads/ or nowhere.
    now = {str(p) for p in tmp_path.rglob("*")} - {str(p) for p in (tmp_path / "box").rglob("*")}
    assert now == outside
    assert not Path("/etc/passwd.md").exists() and not (tmp_path / "x.md").exists()
    if report.ok:
        stored = set(files_under(desk.knowledge_dir)) - {str(desk.knowledge_dir / "en/base.md")}
        assert stored == {str(desk.knowledge_dir / "uploads" / Path(name.replace("\\", "/")).name)}


@pytest.mark.parametrize(
    "name", ["x\x00.md", "x.md\x00.txt", "\x00", "..", ".md", "..md", "x.txt", "x.md.exe", "x", " .md", "x y.md",
             "-rf.md", "x" * 300 + ".md", "CON\x00.md", "\u202eevil.md"],
)  # fmt: skip
def test_a_name_that_is_not_a_plain_md_file_name_is_rejected_and_changes_nothing(
    desk: KnowledgeDesk, tmp_path: Path, name: str
) -> None:
    before = files_under(tmp_path)
    report = desk.upload(name, GOOD)
    assert not report.ok and report.errors
    assert all(c.isprintable() for c in "".join(report.errors)), report.errors  # no NUL, no U+202E shown back
    assert files_under(tmp_path) == before


def test_a_file_over_the_limit_is_rejected_before_it_is_parsed(desk: KnowledgeDesk, tmp_path: Path) -> None:
    before = files_under(tmp_path)
    report = desk.upload("big.md", GOOD + b"x" * MAX_FILE_BYTES)
    assert not report.ok and "larger than" in report.errors[0]
    assert files_under(tmp_path) == before


def test_yaml_tags_never_run_and_the_file_is_rejected(desk: KnowledgeDesk, tmp_path: Path) -> None:
    marker = tmp_path / PWNED
    before = files_under(tmp_path)
    report = desk.upload("evil.md", hostile_yaml(marker))
    assert not report.ok
    assert any("not valid YAML" in e and e.startswith("evil.md:") for e in report.errors), report.errors
    assert not marker.exists()
    assert files_under(tmp_path) == before


@pytest.fixture
def admin(tracker: Tracker, desk: KnowledgeDesk) -> Chat:
    tracker.ensure_user(user_id=ADA, name="Ada")
    tracker.grant_role(actor_id=None, user_id=ADA, role=Role.ADMIN)
    return Chat(Dialog(FakeServices(tracker, knowledge=desk)), ADA, "Ada")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("<b>x</b>.md", GOOD),
        ("ok.md", GOOD.replace(b"{#label}", b"{#<script>&}")),
        ("ok.md", GOOD.replace(b"title: Marking of goods", b"title: [<i>oops")),
        ("ok.txt<b>", GOOD),
        ("../../<i>.md", GOOD),
    ],
)
def test_what_the_admin_is_told_about_a_file_is_escaped(admin: Chat, name: str, data: bytes) -> None:
    replies = admin.upload(name, data)
    assert_safe(replies)
    assert "<script>" not in replies[0].html and "<b>x" not in replies[0].html


def test_an_over_large_document_the_channel_did_not_download_is_refused(admin: Chat, desk: KnowledgeDesk) -> None:
    before = files_under(desk.knowledge_dir)
    assert admin.upload("big.md", None)[0].html == text("upload_too_large", "en")
    assert admin.upload("notes.pdf", b"%PDF")[0].html == text("upload_only_md", "en")
    assert files_under(desk.knowledge_dir) == before
