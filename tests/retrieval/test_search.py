"""Answering: the asker's language, twins, declining, the size of an answer, and how words are counted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.knowledge import MAX_ENTRY_CHARS
from bot.retrieval.lexical import is_chinese, tokenize
from bot.retrieval.scoring import ranking as _ranking
from bot.retrieval.search import Retriever

ANSWER_KEYS = {"question", "answered", "confidence", "lang", "answer", "sources", "took_ms"}
SOURCE_KEYS = {"id", "title", "lang", "score", "legal_basis"}


@pytest.fixture
def retriever(desk: KnowledgeDesk) -> Retriever:
    """The sample knowledge base built and served with the calibrated threshold."""
    desk.rebuild()
    return Retriever(desk.index_dir, FakeEmbedder())


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("依申请扣货，担保金交多少？", True),
        ("GACC备案多久出结果", True),
        ("我们的IPR备案 expired 了吗", True),  # a stray English word stays Chinese
        ("How much is the guarantee?", False),
        ("What does 备案 mean in English customs practice?", False),  # a stray Chinese word stays English
        ("RMB 100,000", False),
        ("12345 ？！", False),
        ("", False),
    ],
)
def test_is_chinese(text: str, chinese: bool) -> None:
    assert is_chinese(text) is chinese


def test_chinese_question_gets_the_chinese_entry(retriever: Retriever) -> None:
    answer = retriever.ask("依申请扣货，担保金交多少？")

    assert (answer.lang, answer.entry_id) == ("zh", "guarantees-zh#amount")
    assert answer.sources[0].lang == "zh"
    assert answer.legal_basis == "《知识产权海关保护条例》第14条；《实施办法》第23条"


def test_english_question_gets_the_english_entry(retriever: Retriever) -> None:
    answer = retriever.ask("How much guarantee do we pay on the application route?")

    assert (answer.lang, answer.entry_id) == ("en", "guarantees#amount")
    assert answer.sources[0].lang == "en"
    assert answer.legal_basis == "Regulations Art. 14; Measures Art. 23"


def test_asker_language_picks_the_twin(retriever: Retriever) -> None:
    answer = retriever.ask("How much guarantee do we pay on the application route?", lang="zh")

    assert (answer.lang, answer.sources[0].id) == ("zh", "guarantees-zh#amount")


def test_entry_is_shown_in_the_askers_language(retriever: Retriever) -> None:
    zh = retriever.entry("guarantees#amount", lang="zh")
    en = retriever.entry("guarantees-zh#amount", lang="en")

    assert zh is not None and zh.entry_id == "guarantees-zh#amount"
    assert en is not None and en.entry_id == "guarantees#amount"
    assert retriever.entry("guarantees#nowhere") is None


def test_an_entry_and_its_twin_are_never_listed_together(retriever: Retriever) -> None:
    answer = retriever.ask("Can the guarantee be a bank letter of guarantee?")

    listed = [s.id for s in answer.sources]
    assert len(listed) == len(set(listed))
    assert not {"guarantees#forms", "guarantees-zh#forms"} <= set(listed)
    assert answer.entry_id not in {s.id for s in answer.related}
    assert "guarantees-zh#forms" not in {s.id for s in answer.related}


def test_out_of_scope_question_is_declined_with_nearest_topics(retriever: Retriever) -> None:
    answer = retriever.ask("What will the weather be in Dalian tomorrow?")

    assert (answer.answered, answer.entry_id, answer.text, answer.title) == (False, None, "", "")
    assert answer.confidence < retriever.tuning.threshold("hybrid")
    assert 1 <= len(answer.related) <= 3


def test_empty_knowledge_base_declines_everything(
    knowledge_dir: Callable[..., Path], index_dir: Path, fake_embedder: FakeEmbedder
) -> None:
    KnowledgeDesk(knowledge_dir(sample=False), index_dir, fake_embedder).rebuild()

    answer = Retriever(index_dir, FakeEmbedder()).ask("How much guarantee?")

    assert (answer.answered, answer.related, answer.sources) == (False, (), ())


def test_blank_question_is_declined(retriever: Retriever) -> None:
    answer = retriever.ask("   ")

    assert not answer.answered


def test_answer_json_has_the_documented_keys(retriever: Retriever) -> None:
    record = retriever.ask("How much guarantee do we pay on the application route?").as_json()

    sources = record["sources"]
    assert set(record) >= ANSWER_KEYS
    assert isinstance(sources, list) and sources
    assert all(set(source) >= SOURCE_KEYS for source in sources)
    assert 0.0 <= record["confidence"] <= 1.0  # type: ignore[operator]


def huge_section_file(paragraph: str, count: int) -> str:
    body = "\n\n".join(f"{n}. {paragraph}" for n in range(count))
    header = "---\nid: huge\ntitle: A huge topic\nlang: en\n---\n\n"
    return f"{header}## What is in the huge section? {{#big}}\n\n{body}\n"


@pytest.mark.parametrize(
    "paragraph",
    ["A paragraph of the huge section about guarantees and detention. " * 5, "x" * (MAX_ENTRY_CHARS - 100)],
    ids=["paragraphs", "one-giant-line"],
)
def test_answer_text_stays_under_the_telegram_limit(
    knowledge_dir: Callable[..., Path], index_dir: Path, serve: Callable[[Path], Retriever], paragraph: str
) -> None:
    # As long as the knowledge format allows an entry (MAX_ENTRY_CHARS), which is more than a message holds.
    count = max(1, (MAX_ENTRY_CHARS - 100) // (len(paragraph) + 8))
    root = knowledge_dir({"en/huge.md": huge_section_file(paragraph, count=count)})
    KnowledgeDesk(root, index_dir, FakeEmbedder()).rebuild()
    retriever = serve(index_dir)

    asked = retriever.ask("What is in the huge section on customs?")
    shown = retriever.entry("huge#big")

    assert asked.entry_id == "huge#big"
    assert shown is not None
    for answer in (asked, shown):
        assert 1000 < len(answer.text) < 4096
        assert answer.text.endswith("…")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("10万", "100000"),
        ("100,000", "100000"),
        ("RMB 100,000.", "100000"),
        ("货值10万元", "100000"),
        ("1.5万", "15000"),
        ("1,000,000", "1000000"),
        ("100000", "100000"),
    ],
)
def test_tokenize_reads_amounts_the_same_way(text: str, number: str) -> None:
    assert number in tokenize(text)


def test_tokenize_ten_wan_is_exactly_one_hundred_thousand() -> None:
    assert tokenize("10万") == tokenize("100,000") == tokenize("100000") == ["100000"]


def test_tokenize_keeps_a_list_of_numbers_apart() -> None:
    assert tokenize("3, 20, 50") == ["3", "20", "50"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("guarantees", "guarantee"),
        ("fees", "fee"),
        ("recorded", "record"),
        ("licenses", "license"),
        ("taxes", "tax"),
        ("days", "day"),
        ("detained", "detain"),
    ],
)
def test_tokenize_meets_word_forms(one: str, other: str) -> None:
    assert tokenize(one) == tokenize(other)


def test_tokenize_drops_stop_words_and_lowercases() -> None:
    assert tokenize("What is THE Guarantee?") == tokenize("guarantee")


def test_chinese_amount_finds_the_english_amount(retriever: Retriever) -> None:
    """`10万` in a question meets `RMB 100,000` in an entry through the lexical channel."""
    answer = retriever.ask("guarantee 10万", method="lexical")

    assert answer.sources[0].id == "guarantees#amount"


@pytest.mark.parametrize("seed", range(5))
def test_ranking_head_is_the_head_of_a_stable_full_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores = rng.choice([0.0, 0.0, 0.25, 0.5, 1.0], 5000).astype(np.float32)  # many ties at the cut
    scores[rng.integers(0, 5000, 50)] = rng.random(50)

    assert _ranking(scores, head=256) == np.argsort(-scores, kind="stable")[:256].tolist()
    assert _ranking(scores[:100], head=256) == np.argsort(-scores[:100], kind="stable").tolist()
