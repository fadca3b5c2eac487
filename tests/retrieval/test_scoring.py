"""The confidence's margin feature: how near the next entry comes to the best one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bot.retrieval import scoring
from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.search import Retriever
from bot.retrieval.served import Served
from bot.retrieval.store import current_name, load_build
from bot.retrieval.tuning import Tuning

GUARANTEE = ("---\nid: general\ntitle: General guarantee\nlang: en\nlegal_basis: Announcement No. 31\n---\n\n"
             "## What is the minimum general guarantee? {#amount}\n\nThe general guarantee is at least RMB 200,000.\n\n"
             "## Until when is the general guarantee letter valid? {#validity}\n\n"
             "The bank letter runs until 30 June of the next year.\n")
# The same question answered a second time, in other words: a question matching both is a guess between them.
RIVAL = ("---\nid: rival\ntitle: Yearly guarantee\nlang: en\nlegal_basis: Announcement No. 31\n---\n\n"
         "## What is the minimum general guarantee amount? {#amount}\n\nA yearly guarantee starts at RMB 200,000.\n")


def served_over(knowledge_dir: Path, index_dir: Path) -> Served:
    KnowledgeDesk(knowledge_dir, index_dir, FakeEmbedder()).rebuild()
    name = current_name(index_dir)
    assert name is not None
    return Served.of(load_build(index_dir, name))


def test_the_margin_is_the_next_other_entry_over_the_best_and_never_counts_the_twin(
        knowledge_dir: Callable[..., Path], tmp_path: Path) -> None:
    served = served_over(knowledge_dir(), tmp_path / "index")
    top, twin = served.positions["guarantees#amount"], served.positions["guarantees-zh#amount"]
    other = next(row for s, row in served.positions.items() if not s.startswith("guarantees"))
    fused = np.zeros(len(served.positions), dtype=np.float32)
    fused[[top, twin, other]] = [0.8, 0.79, 0.4]

    assert scoring.margin(served, fused, top) == pytest.approx(0.5)
    fused[other] = 0.9  # an entry chosen over a higher one (agreement) is a full tie, not more
    assert scoring.margin(served, fused, top) == 1.0
    assert scoring.margin(served, np.zeros_like(fused), top) == 0.0


def test_a_question_two_entries_answer_alike_is_less_sure(knowledge_dir: Callable[..., Path],
                                                          tmp_path: Path) -> None:
    question = "What is the minimum general guarantee?"
    alone = Retriever(_index({"en/general.md": GUARANTEE}, knowledge_dir, tmp_path / "alone"), FakeEmbedder(),
                      threshold=0.0)
    rivalled = Retriever(_index({"en/general.md": GUARANTEE, "en/rival.md": RIVAL}, knowledge_dir,
                                tmp_path / "rivalled"), FakeEmbedder(), threshold=0.0)

    assert Tuning().confidence_en[-1] < 0  # the fitted weight of the margin: a near tie lowers the confidence
    assert alone.ask(question).entry_id == rivalled.ask(question).entry_id == "general#amount"
    assert alone.features(question)[1][-1] < rivalled.features(question)[1][-1]
    assert rivalled.ask(question).confidence < alone.ask(question).confidence


def _index(knowledge: dict[str, str], knowledge_dir: Callable[..., Path], root: Path) -> Path:
    desk = KnowledgeDesk(knowledge_dir(knowledge, sample=False), root / "index", FakeEmbedder())
    desk.rebuild()
    return desk.index_dir
