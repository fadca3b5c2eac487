"""Admin uploads: a good file answers the next question; anything else is refused and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.search import Retriever
from bot.retrieval.store import current_name
from tests.conftest import SAMPLE_SECTIONS

MARKING = b"""---
id: marking
title: Marking of goods
lang: en
legal_basis: Measures Art. 30
---

## Do exported goods need a trademark label for customs? {#label}

Customs checks that labels on exported goods match the recorded trademark; unlabelled goods are inspected.
"""

BROKEN_UPLOADS: dict[str, tuple[bytes, str]] = {
    "no front matter": (b"## Marking?\n\nLabels.\n", "marking.md:1: no front matter"),
    "invalid yaml": (MARKING.replace(b"title: Marking of goods", b"title: [oops"), "not valid YAML"),
    "unknown lang": (MARKING.replace(b"lang: en", b"lang: de"), "marking.md:2: front matter 'lang' is 'de'"),
    "no section": (MARKING.split(b"## ")[0], "no '## ' section"),
    "duplicate anchor": (MARKING + b"\n## Again? {#label}\n\nAgain.\n", "duplicate entry id 'marking#label'"),
    "bad anchor": (MARKING.replace(b"{#label}", b"{#Label 1}"), "anchor '{#Label 1}'"),
    "binary": (b"\x00\x01\x02PK\x03\x04", "marking.md:1: the file is binary"),
    "empty": (b"", "marking.md:1: the file is empty"),
    "not utf-8": (
        MARKING.replace(b"Customs checks", b"Customs \xe9checks"),
        "marking.md:10: the file is not UTF-8",
    ),
}


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file below the folders with its bytes."""
    return {str(p): p.read_bytes() for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def serving(desk: KnowledgeDesk, serve: Callable[[Path], Retriever]) -> Retriever:
    """The desk's index built, and a retriever told of every swap, as the bot wires them."""
    desk.rebuild()
    retriever = serve(desk.index_dir)
    desk.on_swap(retriever.reload)
    return retriever


def test_good_upload_is_stored_and_answers_the_next_question(desk: KnowledgeDesk, serving: Retriever) -> None:
    report = desk.upload("marking.md", MARKING)

    assert (report.ok, report.errors, report.file_id, report.sections) == (True, [], "marking", 1)
    assert report.build is not None and report.build.embedded == 1
    assert (desk.knowledge_dir / "uploads/marking.md").read_bytes() == MARKING
    answer = serving.ask("Do exported goods need a trademark label?")
    assert (answer.answered, answer.entry_id, answer.legal_basis) == (
        True,
        "marking#label",
        "Measures Art. 30",
    )
    assert serving.build_name == current_name(desk.index_dir)


@pytest.mark.parametrize("case", sorted(BROKEN_UPLOADS))
def test_broken_upload_changes_nothing(desk: KnowledgeDesk, serving: Retriever, case: str) -> None:
    data, reason = BROKEN_UPLOADS[case]
    before = snapshot(desk.knowledge_dir, desk.index_dir)
    serving_before = serving.build_name

    report = desk.upload("marking.md", data)

    assert not report.ok
    assert any(reason in e for e in report.errors), report.errors
    assert all(e.startswith("marking.md:") for e in report.errors)
    assert snapshot(desk.knowledge_dir, desk.index_dir) == before
    assert serving.ask("Do exported goods need a trademark label?").entry_id != "marking#label"
    assert serving.build_name == serving_before


@pytest.mark.parametrize(
    "name",
    [
        "../../marking.md",
        "../marking.md",
        "en/../../marking.md",
        "sub/dir/marking.md",
        "..\\..\\marking.md",
        "/etc/marking.md",
        "C:\\Windows\\marking.md",
    ],
)
def test_upload_names_never_escape_the_knowledge_dir(desk: KnowledgeDesk, tmp_path: Path, name: str) -> None:
    desk.rebuild()
    outside = snapshot(tmp_path)

    report = desk.upload(name, MARKING)

    assert report.ok, report.errors
    created = set(snapshot(tmp_path)) - set(outside)
    assert str(desk.knowledge_dir / "uploads/marking.md") in created
    assert all(Path(p).is_relative_to(desk.knowledge_dir) or Path(p).is_relative_to(desk.index_dir) for p in created)


@pytest.mark.parametrize(
    "name",
    [
        "marking.txt",
        "marking.md.exe",
        "marking",
        ".md",
        "",
        "..",
        "/",
        "mark ing.md",
        "marking.MD",
        ".hidden.md",
        "-rf.md",
    ],
)
def test_upload_without_a_safe_md_name_is_refused(desk: KnowledgeDesk, name: str) -> None:
    desk.rebuild()
    before = snapshot(desk.knowledge_dir, desk.index_dir)

    report = desk.upload(name, MARKING)

    assert not report.ok
    assert any(".md" in e for e in report.errors), report.errors
    assert snapshot(desk.knowledge_dir, desk.index_dir) == before


def test_upload_with_an_id_used_by_another_file_is_refused(desk: KnowledgeDesk, serving: Retriever) -> None:
    copied = (desk.knowledge_dir / "en/time-limits.md").read_bytes().replace(b"3 working days", b"9 working days")
    before = snapshot(desk.knowledge_dir, desk.index_dir)

    report = desk.upload("new-deadlines.md", copied)

    assert not report.ok
    assert report.errors == [
        "new-deadlines.md:2: id 'time-limits' is used by en/time-limits.md (send time-limits.md to replace it)"
    ]
    assert snapshot(desk.knowledge_dir, desk.index_dir) == before


def test_upload_updating_an_existing_id_replaces_that_file(desk: KnowledgeDesk, serving: Retriever) -> None:
    updated = (desk.knowledge_dir / "en/time-limits.md").read_bytes().replace(b"3 working days", b"9 working days")

    report = desk.upload("time-limits.md", updated)

    assert report.ok, report.errors
    assert (desk.knowledge_dir / "en/time-limits.md").read_bytes() == updated
    assert not (desk.knowledge_dir / "uploads").exists()
    assert report.build is not None and (report.build.sections, report.build.embedded) == (SAMPLE_SECTIONS, 1)
    assert "9 working days" in serving.ask("How many working days do we have to answer a customs notice?").text


def test_upload_of_another_topic_under_a_taken_upload_name_is_refused(desk: KnowledgeDesk, serving: Retriever) -> None:
    assert desk.upload("marking.md", MARKING).ok
    other = MARKING.replace(b"id: marking", b"id: labels")
    before = snapshot(desk.knowledge_dir)

    report = desk.upload("marking.md", other)

    assert not report.ok
    assert report.errors == ["marking.md:1: uploads/marking.md holds the topic 'marking'; choose another file name"]
    assert snapshot(desk.knowledge_dir) == before


def test_upload_whose_build_fails_restores_the_old_file(
    desk: KnowledgeDesk, failing_embedder: Callable[[int], FakeEmbedder]
) -> None:
    desk.rebuild()
    failing = KnowledgeDesk(desk.knowledge_dir, desk.index_dir, failing_embedder(0))
    before = snapshot(desk.knowledge_dir)
    old = current_name(desk.index_dir)
    updated = (desk.knowledge_dir / "en/time-limits.md").read_bytes().replace(b"3 working days", b"9 working days")

    with pytest.raises(RuntimeError):
        failing.upload("time-limits.md", updated)
    with pytest.raises(RuntimeError):
        failing.upload("marking.md", MARKING)

    assert snapshot(desk.knowledge_dir) == before
    assert current_name(desk.index_dir) == old


def test_oversized_upload_is_refused(desk: KnowledgeDesk) -> None:
    huge = MARKING + b"x" * (600 * 1024)

    report = desk.upload("marking.md", huge)

    assert not report.ok
    assert report.errors == ["marking.md: larger than 512 KiB"]
    assert not (desk.knowledge_dir / "uploads").exists()


def test_an_upload_named_readme_is_refused_because_readmes_are_never_indexed(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    desk = KnowledgeDesk(knowledge, tmp_path / "index", FakeEmbedder())
    data = b"---\nid: readme-topic\ntitle: T\nlang: en\n---\n\n## Q? {#q}\n\nA.\n"
    report = desk.upload("README.md", data)
    assert not report.ok
    assert "README" in report.errors[0]
    assert not any(knowledge.rglob("*.md"))
