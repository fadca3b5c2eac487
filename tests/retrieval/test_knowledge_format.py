"""The knowledge format: each error names file, line and a plain reason, and never takes the rest down."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.knowledge import load_knowledge, parse_file
from tests.conftest import SAMPLE_SECTIONS

HEADER = "---\nid: broken\ntitle: A broken file\nlang: en\n---\n\n"
GOOD_BODY = "## What is this? {#what}\n\nA section.\n"

# (file content, the line the error names, words of the reason)
BROKEN: dict[str, tuple[bytes, int, str]] = {
    "no-front-matter": (b"## What is this?\n\nA section.\n", 1, "no front matter"),
    "unclosed-front-matter": (b"---\nid: broken\ntitle: T\nlang: en\n\n## Q\n\ntext\n", 1, "not closed"),
    "invalid-yaml": (b"---\nid: broken\ntitle: a: b\nlang: en\n---\n\n## Q\n\ntext\n", 3, "not valid YAML"),
    "front-matter-not-a-mapping": (b"---\n- id\n- title\n---\n\n## Q\n\ntext\n", 2, "mapping"),
    "unknown-lang": (b"---\nid: broken\ntitle: T\nlang: fr\n---\n\n## Q\n\ntext\n", 2, "'lang' is 'fr'"),
    "missing-lang": (b"---\nid: broken\ntitle: T\n---\n\n## Q\n\ntext\n", 2, "'lang'"),
    "missing-id": (b"---\ntitle: T\nlang: en\n---\n\n## Q\n\ntext\n", 2, "'id' is missing"),
    "bad-id": (
        b"---\nid: Broken File\ntitle: T\nlang: en\n---\n\n## Q\n\ntext\n",
        2,
        "'id' is missing or not",
    ),
    "missing-title": (b"---\nid: broken\nlang: en\n---\n\n## Q\n\ntext\n", 2, "'title' is missing"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "binary"),
    "empty": (b"", 1, "empty"),
    "only-whitespace": (b"  \n\n\t\n", 1, "empty"),
    "not-utf8": (HEADER.encode() + b"## Q {#q}\n\nprice \xa3100 in latin-1\n", 9, "not UTF-8"),
    "no-section": (HEADER.encode() + b"Only an introduction.\n# A title\n", 6, "no '## ' section"),
    "section-without-text": (HEADER.encode() + b"## Q {#q}\n\n", 7, "needs a heading and some text"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_reported_with_file_line_and_reason(case: str) -> None:
    data, line, reason = BROKEN[case]

    parsed = parse_file(f"en/{case}.md", data)

    assert parsed.sections == []
    [error] = parsed.errors
    assert (error.path, error.line) == (f"en/{case}.md", line)
    assert reason in error.reason
    assert str(error).startswith(f"en/{case}.md:{line}: ")


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_never_takes_the_rest_down(
    case: str, knowledge_dir: Callable[..., Path], tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    data, line, _ = BROKEN[case]
    root = knowledge_dir({f"en/{case}.md": data})

    report = KnowledgeDesk(root, tmp_path / "index", fake_embedder).rebuild()

    assert report.sections == SAMPLE_SECTIONS
    assert [e for e in report.errors if e.startswith(f"en/{case}.md:{line}: ")], report.errors


def test_duplicate_anchor_keeps_the_first_and_reports_the_second() -> None:
    data = HEADER + "## First? {#same}\n\nOne.\n\n## Second? {#same}\n\nTwo.\n\n## Third? {#other}\n\nThree.\n"

    parsed = parse_file("en/dup.md", data.encode())

    assert [s.id for s in parsed.sections] == ["broken#same", "broken#other"]
    assert [str(e) for e in parsed.errors] == ["en/dup.md:11: duplicate entry id 'broken#same'"]


def test_bad_anchor_drops_only_that_section() -> None:
    data = HEADER + "## First? {#Not_OK}\n\nOne.\n\n## Second? {#fine}\n\nTwo.\n"

    parsed = parse_file("en/anchor.md", data.encode())

    assert [s.id for s in parsed.sections] == ["broken#fine"]
    [error] = parsed.errors
    assert (error.line, "anchor '{#Not_OK}'" in error.reason) == (7, True)


def test_duplicate_file_id_keeps_the_first_file(knowledge_dir: Callable[..., Path]) -> None:
    copy = (knowledge_dir() / "en/time-limits.md").read_text(encoding="utf-8")
    root = knowledge_dir({"en/zz-copy.md": copy.replace("## How many", "## Copy: how many")})

    knowledge = load_knowledge(root)

    assert [str(e) for e in knowledge.errors] == [
        "en/zz-copy.md:1: duplicate id 'time-limits' (already used by en/time-limits.md)"
    ]
    assert all(s.path != "en/zz-copy.md" for s in knowledge.sections)
    assert len(knowledge.sections) == SAMPLE_SECTIONS


def test_line_numbers_count_newlines_only() -> None:
    """U+2028 and form feeds inside text are not line breaks for the error's line number."""
    data = HEADER + "## First? {#a}\n\nText\u2028with a line separator\x0cand a form feed.\n\n## Bad {#Bad}\n\nx\n"

    parsed = parse_file("en/seps.md", data.encode())

    assert [e.line for e in parsed.errors] == [11]
    assert parsed.sections[0].line == 7


def test_windows_line_endings_parse_like_unix_ones() -> None:
    data = (HEADER + GOOD_BODY).replace("\n", "\r\n").encode()

    parsed = parse_file("en/crlf.md", data)

    assert parsed.errors == []
    assert [(s.id, s.title, s.text, s.line) for s in parsed.sections] == [
        ("broken#what", "What is this?", "A section.", 7)
    ]


def test_intro_before_first_heading_is_not_an_entry(knowledge_dir: Callable[..., Path]) -> None:
    sections = load_knowledge(knowledge_dir()).sections

    assert not any("introduction" in s.text for s in sections)


def test_section_without_anchor_gets_its_ordinal() -> None:
    parsed = parse_file("en/plain.md", (HEADER + "## One?\n\nA.\n\n## Two?\n\nB.\n").encode())

    assert [s.id for s in parsed.sections] == ["broken#s1", "broken#s2"]


def test_legal_basis_line_overrides_the_file_basis(knowledge_dir: Callable[..., Path]) -> None:
    sections = {s.id: s for s in load_knowledge(knowledge_dir()).sections}

    assert sections["guarantees#amount"].legal_basis == "Regulations Art. 14; Measures Art. 23"
    assert sections["guarantees#forms"].legal_basis == "Regulations Art. 14"  # the file's basis
    assert sections["guarantees-zh#amount"].legal_basis == "《知识产权海关保护条例》第14条；《实施办法》第23条"
    assert sections["guarantees-zh#forms"].legal_basis == "《知识产权海关保护条例》第14条"


def test_legal_basis_line_is_not_part_of_the_answer_text(knowledge_dir: Callable[..., Path]) -> None:
    sections = {s.id: s for s in load_knowledge(knowledge_dir()).sections}

    assert "Legal basis" not in sections["guarantees#amount"].text
    assert "法律依据" not in sections["guarantees-zh#amount"].text
    assert sections["guarantees#amount"].text.endswith("RMB 100,000.")


def test_legal_basis_line_in_the_middle_stays_text() -> None:
    body = "## Q? {#q}\n\nLegal basis: not the last line.\n\nThe answer.\n"

    [section] = parse_file("en/mid.md", (HEADER + body).encode()).sections

    assert section.legal_basis is None
    assert section.text.startswith("Legal basis: not the last line.")


def test_twins_link_by_anchor(knowledge_dir: Callable[..., Path]) -> None:
    sections = {s.id: s for s in load_knowledge(knowledge_dir()).sections}

    assert sections["guarantees-zh#amount"].translation_of == "guarantees#amount"
    assert sections["guarantees-zh#forms"].translation_of == "guarantees#forms"
    assert sections["guarantees-zh#zh-only"].translation_of is None  # no such anchor in the English file
    assert sections["guarantees#amount"].translation_of is None


def test_twin_of_a_missing_file_is_no_twin(knowledge_dir: Callable[..., Path]) -> None:
    zh = (knowledge_dir() / "zh/guarantees.md").read_text(encoding="utf-8")
    root = knowledge_dir({"zh/guarantees.md": zh.replace("translation_of: guarantees", "translation_of: nowhere")})

    sections = [s for s in load_knowledge(root).sections if s.lang == "zh"]

    assert [s.translation_of for s in sections] == [None, None, None]


def test_readme_files_are_not_knowledge(knowledge_dir: Callable[..., Path]) -> None:
    root = knowledge_dir({"README.md": "# The knowledge base\n\nNo front matter here.\n", "en/readme.md": ""})

    knowledge = load_knowledge(root)

    assert knowledge.errors == []
    assert len(knowledge.sections) == SAMPLE_SECTIONS


PHRASED = (
    "## How much guarantee do we pay? {#amount}\n\n"
    "Also asked: bond amount if we ask customs ourselves\n"
    "also asked:   how much security for our own request  \n"
    "Also asked: bond amount if we ask customs ourselves\n\n"
    "The guarantee equals the value of the goods.\n"
)


def test_also_asked_lines_become_phrasings_and_leave_the_text() -> None:
    [section] = parse_file("en/phrased.md", (HEADER + PHRASED).encode()).sections

    assert section.phrasings == ("bond amount if we ask customs ourselves", "how much security for our own request")
    assert section.text == "The guarantee equals the value of the goods."
    assert section.views[1:] == (section.title, *section.phrasings)  # the question-like views, after the body


def test_chinese_also_asked_lines_become_phrasings() -> None:
    body = "## 担保交多少？ {#amount}\n\n也问：自己申请扣货要交多少担保\n也问: 押金多少\n\n担保金额相当于货物的价值。\n"

    [section] = parse_file("zh/phrased.md", (HEADER.replace("lang: en", "lang: zh") + body).encode()).sections

    assert section.phrasings == ("自己申请扣货要交多少担保", "押金多少")
    assert "也问" not in section.text


def test_a_changed_phrasing_changes_the_content_hash() -> None:
    [before] = parse_file("en/phrased.md", (HEADER + PHRASED).encode()).sections
    [after] = parse_file("en/phrased.md", (HEADER + PHRASED.replace("our own", "our")).encode()).sections

    assert before.text == after.text
    assert before.content_hash != after.content_hash


def test_no_entry_of_the_real_knowledge_base_shows_a_phrasing_line() -> None:
    sections = load_knowledge(Path(__file__).resolve().parents[2] / "knowledge").sections

    assert sections
    assert not [s.id for s in sections if "Also asked" in s.text or "也问" in s.text]
    assert sum(1 for s in sections if s.phrasings) > len(sections) // 2
