"""Index builds: incremental, never mixing models, swapped atomically, picked up by running retrievers."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.search import Retriever
from bot.retrieval.store import CURRENT, IndexUnavailable, current_name, load_build
from tests.conftest import SAMPLE_SECTIONS

REPO = Path(__file__).resolve().parents[2]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def build_folders(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.iterdir() if p.is_dir())


def test_first_build_embeds_every_section(desk: KnowledgeDesk, fake_embedder: FakeEmbedder) -> None:
    report = desk.rebuild()

    assert (report.sections, report.embedded, report.reused, report.files) == (
        SAMPLE_SECTIONS,
        SAMPLE_SECTIONS,
        0,
        3,
    )
    assert report.errors == []
    assert current_name(desk.index_dir) == report.build
    assert fake_embedder.calls >= SAMPLE_SECTIONS


def test_unchanged_rebuild_embeds_nothing(desk: KnowledgeDesk, fake_embedder: FakeEmbedder) -> None:
    desk.rebuild()
    calls = fake_embedder.calls

    report = desk.rebuild()

    assert fake_embedder.calls == calls
    assert (report.embedded, report.reused) == (0, SAMPLE_SECTIONS)


def test_rebuild_embeds_only_the_changed_section(desk: KnowledgeDesk, fake_embedder: FakeEmbedder) -> None:
    desk.rebuild()
    per_section = fake_embedder.calls // SAMPLE_SECTIONS  # texts embedded per section (its views)
    before = fake_embedder.calls
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 40 working days")

    report = desk.rebuild()

    assert fake_embedder.calls - before == per_section
    assert (report.embedded, report.reused) == (1, SAMPLE_SECTIONS - 1)
    changed = {c.section.id: c.section.text for c in load_build(desk.index_dir).chunks}
    assert "40 working days" in changed["time-limits#investigation"]


def test_rebuild_keeps_reused_vectors_identical(desk: KnowledgeDesk) -> None:
    first = load_build(desk.index_dir, desk.rebuild().build)
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 40 working days")

    second = load_build(desk.index_dir, desk.rebuild().build)

    rows = {c.section.id: i for i, c in enumerate(second.chunks)}
    for i, chunk in enumerate(first.chunks):
        same = (first.section_vectors(i) == second.section_vectors(rows[chunk.section.id])).all()
        assert same == (chunk.section.id != "time-limits#investigation"), chunk.section.id


def test_metadata_change_updates_without_embedding(desk: KnowledgeDesk, fake_embedder: FakeEmbedder) -> None:
    desk.rebuild()
    calls = fake_embedder.calls
    edit(
        desk.knowledge_dir,
        "en/time-limits.md",
        "legal_basis: Regulations Art. 16",
        "legal_basis: Regulations Art. 99",
    )

    desk.rebuild()

    assert fake_embedder.calls == calls
    bases = {c.section.id: c.section.legal_basis for c in load_build(desk.index_dir).chunks}
    assert bases["time-limits#investigation"] == "Regulations Art. 99"


def test_deleted_file_leaves_the_index(desk: KnowledgeDesk) -> None:
    desk.rebuild()
    (desk.knowledge_dir / "en/time-limits.md").unlink()

    report = desk.rebuild()

    ids = {c.section.id for c in load_build(desk.index_dir).chunks}
    assert report.sections == SAMPLE_SECTIONS - 2
    assert not any(i.startswith("time-limits#") for i in ids)


def test_other_model_name_re_embeds_everything(desk: KnowledgeDesk) -> None:
    desk.rebuild()
    other = FakeEmbedder()
    other.name = "another-model"

    report = KnowledgeDesk(desk.knowledge_dir, desk.index_dir, other).rebuild()

    assert (report.embedded, report.reused) == (SAMPLE_SECTIONS, 0)
    assert other.calls >= SAMPLE_SECTIONS
    assert load_build(desk.index_dir).manifest.model == "another-model"


def test_other_dimension_re_embeds_everything(desk: KnowledgeDesk) -> None:
    desk.rebuild()

    report = KnowledgeDesk(desk.knowledge_dir, desk.index_dir, FakeEmbedder(dim=32)).rebuild()

    build = load_build(desk.index_dir)
    assert report.embedded == SAMPLE_SECTIONS
    assert (build.manifest.dim, build.vectors.shape[-1], build.dense.dim) == (32, 32, 32)


def test_current_flips_only_after_the_build_is_complete(desk: KnowledgeDesk) -> None:
    old = desk.rebuild().build
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 40 working days")
    seen_while_embedding: list[str | None] = []

    new = desk.rebuild(progress=lambda done, total: seen_while_embedding.append(current_name(desk.index_dir))).build

    assert seen_while_embedding == [old]
    assert current_name(desk.index_dir) == new != old


def test_failed_build_leaves_current_and_folders_untouched(
    desk: KnowledgeDesk, failing_embedder: Callable[[int], FakeEmbedder]
) -> None:
    old = desk.rebuild().build
    folders = build_folders(desk.index_dir)
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 40 working days")

    with pytest.raises(RuntimeError, match="crashed"):
        KnowledgeDesk(desk.knowledge_dir, desk.index_dir, failing_embedder(0)).rebuild()

    assert current_name(desk.index_dir) == old
    assert build_folders(desk.index_dir) == folders  # no half-written build left behind


def test_failed_build_keeps_the_retriever_on_the_old_build(
    desk: KnowledgeDesk, failing_embedder: Callable[[int], FakeEmbedder], serve: Callable[[Path], Retriever]
) -> None:
    old = desk.rebuild().build
    retriever = serve(desk.index_dir)
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 40 working days")
    failing = KnowledgeDesk(desk.knowledge_dir, desk.index_dir, failing_embedder(0))
    failing.on_swap(retriever.reload)

    with pytest.raises(RuntimeError):
        failing.rebuild()

    answer = retriever.ask("How long does customs take to investigate detained goods?")
    assert retriever.build_name == old
    assert answer.entry_id == "time-limits#investigation"
    assert "30 working days" in answer.text


def test_retriever_picks_up_another_desks_build_without_restart(
    desk: KnowledgeDesk, serve: Callable[[Path], Retriever]
) -> None:
    old = desk.rebuild().build
    retriever = serve(desk.index_dir)
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 45 working days")

    new = KnowledgeDesk(desk.knowledge_dir, desk.index_dir, FakeEmbedder()).rebuild().build

    answer = retriever.ask("How long does customs take to investigate detained goods?")
    assert (old != new, retriever.build_name) == (True, new)
    assert "45 working days" in answer.text


def test_retriever_picks_up_another_process_build(desk: KnowledgeDesk, serve: Callable[[Path], Retriever]) -> None:
    desk.rebuild()
    retriever = serve(desk.index_dir)
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 55 working days")
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from bot.retrieval.build import KnowledgeDesk
        from bot.retrieval.embedder import FakeEmbedder
        desk = KnowledgeDesk(Path({str(desk.knowledge_dir)!r}), Path({str(desk.index_dir)!r}), FakeEmbedder())
        print(desk.rebuild().build)
        """
    )

    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    answer = retriever.ask("How long does customs take to investigate detained goods?")
    assert retriever.build_name == done.stdout.strip()
    assert "55 working days" in answer.text


def _truncate(path: Path, keep: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "vectors.npy emptied": lambda folder: _truncate(folder / "vectors.npy", 0),
    "vectors.npy truncated": lambda folder: _truncate(folder / "vectors.npy", 0.6),
    "dense.faiss truncated": lambda folder: _truncate(folder / "dense.faiss", 0.5),
    "chunks.jsonl garbled": lambda folder: (folder / "chunks.jsonl").write_text("{not json\n"),
    "chunks.jsonl short": lambda folder: _truncate(folder / "chunks.jsonl", 0.5),
    "manifest.json missing": lambda folder: (folder / "manifest.json").unlink(),
    "folder missing": lambda folder: shutil.rmtree(folder),
}


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_corrupt_new_build_keeps_the_old_one_serving(
    desk: KnowledgeDesk, corruption: str, serve: Callable[[Path], Retriever]
) -> None:
    old = desk.rebuild().build
    retriever = serve(desk.index_dir)
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 40 working days")
    new = desk.rebuild().build
    CORRUPTIONS[corruption](desk.index_dir / new)

    answer = retriever.ask("How long does customs take to investigate detained goods?")

    assert retriever.build_name == old
    assert "30 working days" in answer.text
    with pytest.raises(IndexUnavailable, match="iprdesk index build"):
        load_build(desk.index_dir)


def test_rebuild_after_a_corrupt_build_embeds_everything_again(
    desk: KnowledgeDesk, fake_embedder: FakeEmbedder
) -> None:
    build = desk.rebuild().build
    _truncate(desk.index_dir / build / "vectors.npy", 0.5)

    report = desk.rebuild()

    assert (report.embedded, report.reused) == (SAMPLE_SECTIONS, 0)
    assert load_build(desk.index_dir).manifest.sections == SAMPLE_SECTIONS


def test_retriever_refuses_an_index_of_another_model(desk: KnowledgeDesk) -> None:
    desk.rebuild()
    other = FakeEmbedder()
    other.name = "another-model"

    with pytest.raises(IndexUnavailable) as refused:
        Retriever(desk.index_dir, other)

    message = str(refused.value)
    assert "fake-hash-64" in message and "another-model" in message and "iprdesk index build" in message


def test_serving_retriever_ignores_a_build_of_another_model(
    desk: KnowledgeDesk, serve: Callable[[Path], Retriever]
) -> None:
    old = desk.rebuild().build
    retriever = serve(desk.index_dir)
    other = FakeEmbedder(dim=32)
    other.name = "another-model"
    KnowledgeDesk(desk.knowledge_dir, desk.index_dir, other).rebuild()

    answer = retriever.ask("How many working days do we have to answer a customs notice?")

    assert retriever.build_name == old
    assert answer.entry_id == "time-limits#notice-reply"


def test_retriever_without_an_index_says_what_to_run(index_dir: Path) -> None:
    with pytest.raises(IndexUnavailable, match="iprdesk index build"):
        Retriever(index_dir, FakeEmbedder())


def test_has_index_only_for_the_same_model(desk: KnowledgeDesk) -> None:
    assert not desk.has_index()
    desk.rebuild()
    other = FakeEmbedder()
    other.name = "another-model"

    assert desk.has_index()
    assert not KnowledgeDesk(desk.knowledge_dir, desk.index_dir, other).has_index()


def test_only_the_three_newest_builds_are_kept(desk: KnowledgeDesk) -> None:
    """Builds made within one second too: the oldest go, whatever their random suffix."""
    built = []
    for n in range(6):
        edit(desk.knowledge_dir, "en/time-limits.md", f"within {30 + n} working", f"within {31 + n} working")
        built.append(desk.rebuild().build)

    assert build_folders(desk.index_dir) == sorted(built[-3:])
    assert current_name(desk.index_dir) == built[-1]


def test_manifest_records_model_files_and_errors(desk: KnowledgeDesk) -> None:
    (desk.knowledge_dir / "en/broken.md").write_text("no front matter\n", encoding="utf-8")

    desk.rebuild()

    manifest = json.loads((desk.index_dir / current_name(desk.index_dir) / "manifest.json").read_text())
    assert (manifest["model"], manifest["dim"], manifest["sections"]) == ("fake-hash-64", 64, SAMPLE_SECTIONS)
    assert sorted(manifest["files"]) == ["en/guarantees.md", "en/time-limits.md", "zh/guarantees.md"]
    assert manifest["errors"] == ["en/broken.md:1: no front matter: the file must start with a '---' line"]
    assert (desk.index_dir / CURRENT).read_text().strip() == current_name(desk.index_dir)


def test_a_changed_phrasing_re_embeds_only_its_entry(desk: KnowledgeDesk, fake_embedder: FakeEmbedder) -> None:
    desk.rebuild()
    edit(desk.knowledge_dir, "en/time-limits.md", "## How long does customs take to investigate detained goods? "
         "{#investigation}\n", "## How long does customs take to investigate detained goods? {#investigation}\n\n"
         "Also asked: how many days is the customs investigation\nAlso asked: investigation time limit\n")
    before = fake_embedder.calls

    report = desk.rebuild()

    assert fake_embedder.calls - before == 4  # body, heading and the 2 phrasings of that one entry
    assert (report.embedded, report.reused) == (1, SAMPLE_SECTIONS - 1)
    build = load_build(desk.index_dir)
    row = next(i for i, c in enumerate(build.chunks) if c.section.id == "time-limits#investigation")
    assert build.section_vectors(row).shape == (4, 64)
    assert len(build.vectors) == build.dense.size == 2 * SAMPLE_SECTIONS + 2


def test_an_index_of_the_previous_format_is_rebuilt(desk: KnowledgeDesk, serve: Callable[[Path], Retriever]) -> None:
    name = desk.rebuild().build
    manifest = desk.index_dir / name / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"format": 3', '"format": 2'), encoding="utf-8")

    with pytest.raises(IndexUnavailable, match="old format: run 'iprdesk index build'"):
        serve(desk.index_dir)
    assert not desk.has_index()  # so `iprdesk index build --if-missing` builds it again

    report = desk.rebuild()

    assert report.embedded == SAMPLE_SECTIONS
    assert serve(desk.index_dir).ask("investigate detained goods").answered


def test_a_rebuild_with_nothing_changed_leaves_no_new_build_folder(desk: KnowledgeDesk) -> None:
    first = desk.rebuild()
    folders = build_folders(desk.index_dir)

    again = desk.rebuild()

    assert (again.unchanged, again.build, again.embedded) == (True, first.build, 0)
    assert build_folders(desk.index_dir) == folders and current_name(desk.index_dir) == first.build
    edit(desk.knowledge_dir, "en/time-limits.md", "within 30 working days", "within 40 working days")
    changed = desk.rebuild()
    assert not changed.unchanged and changed.build != first.build
