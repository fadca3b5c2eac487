"""The real bundled model on the real knowledge base: right entries first, out-of-scope declined, CLI JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.retrieval.embedder import Embedder
from bot.retrieval.search import Retriever

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]
IPRDESK = Path(sys.executable).parent / "iprdesk"

IN_SCOPE = [
    (
        "How many working days do we have to answer a customs notice about suspect goods?",
        "time-limits#notice-reply",
    ),
    ("Why would GACC refuse to record my IPR?", "recordation-decision#refusal"),
    ("How long is a customs recordation valid?", "recordation-decision#validity"),
    ("How much guarantee for goods worth RMB 100,000?", "guarantees#worth-100000"),
    ("In what form can I give the guarantee?", "guarantees#forms"),
    ("收到海关通知后，几个工作日内要答复？", "time-limits-zh#notice-reply"),
    ("哪些人可以向海关申请备案？", "recordation-apply-zh#who"),
    ("担保可以用保函吗？", "guarantees-zh#forms"),
    ("备案有效期多长？", "recordation-decision-zh#validity"),
]
OUT_OF_SCOPE = ["What will the weather be in Dalian tomorrow?", "怎么申请签证"]


@pytest.fixture(scope="module")
def real_retriever(real_index: Path, real_embedder: Embedder) -> Retriever:
    return Retriever(real_index, real_embedder)


@pytest.mark.parametrize(("question", "expected"), IN_SCOPE)
def test_real_question_gets_the_right_entry_first(real_retriever: Retriever, question: str, expected: str) -> None:
    answer = real_retriever.ask(question)

    assert (answer.answered, answer.entry_id) == (True, expected), [s.id for s in answer.sources]
    assert answer.lang == ("zh" if expected.split("#")[0].endswith("-zh") else "en")
    assert answer.text and answer.legal_basis


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_out_of_scope_question_is_declined_with_nearest_topics(real_retriever: Retriever, question: str) -> None:
    answer = real_retriever.ask(question)

    assert not answer.answered, (answer.entry_id, answer.confidence)
    assert answer.entry_id is None
    assert len(answer.related) >= 1
    assert all(s.lang == answer.lang for s in answer.related)


def test_cli_ask_json_reads_one_question_per_line(real_index: Path, tmp_path: Path) -> None:
    """`iprdesk index build -q` then `iprdesk ask --json -`, as real processes on a copy of the real index."""
    index_dir = tmp_path / "index"
    shutil.copytree(real_index, index_dir)
    env = {
        **os.environ,
        "IPRDESK_INDEX_DIR": str(index_dir),
        "IPRDESK_KNOWLEDGE_DIR": str(REPO / "knowledge"),
        "IPRDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'iprdesk.db'}",
        "HF_HUB_OFFLINE": "1",
    }
    run = {"cwd": tmp_path, "env": env, "capture_output": True, "text": True, "timeout": 180}

    built = subprocess.run([str(IPRDESK), "index", "build", "-q"], **run)  # type: ignore[call-overload]
    asked = subprocess.run(
        [str(IPRDESK), "ask", "--json", "-"],
        input="How long is a customs recordation valid?\n怎么申请签证\n",
        **run,  # type: ignore[arg-type]
    )

    assert built.returncode == 0, built.stderr
    assert "0 embedded" in built.stdout  # the copied index already holds every section's vectors
    assert asked.returncode == 0, asked.stderr
    lines = asked.stdout.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    for record in (first, second):
        assert {"question", "answered", "confidence", "lang", "answer", "sources", "took_ms"} <= set(record)
        assert record["sources"]
        for source in record["sources"]:
            assert {"id", "title", "lang", "score", "legal_basis"} <= set(source)
    assert (first["question"], first["answered"], first["lang"]) == (
        "How long is a customs recordation valid?",
        True,
        "en",
    )
    assert first["sources"][0]["id"] == "recordation-decision#validity"
    assert (second["question"], second["answered"], second["lang"], second["answer"]) == (
        "怎么申请签证",
        False,
        "zh",
        "",
    )
