"""Similar questions grouped for the gaps list (bot/retrieval/grouping.py): English by the real model's cosine,
Chinese by shared character pairs, each group gathered around its first question."""

from __future__ import annotations

import numpy as np
import pytest

from bot.retrieval.embedder import Embedder
from bot.retrieval.grouping import group


@pytest.mark.model
def test_the_same_question_reworded_is_grouped_and_another_on_the_same_topic_is_not(real_embedder: Embedder) -> None:
    asked = [
        "How much guarantee do we pay to detain goods?",
        "How long does recordation take?",
        "What is the guarantee amount for detaining goods?",  # the first, reworded (cosine 0.94)
        "How much does recordation cost?",  # the second's topic, another question (cosine 0.59)
        "Our trainers are held at the port, what do we owe as security?",
        "Our trainers are being held at the port, what do we owe as a security?",
    ]
    groups = group(real_embedder.encode(asked), asked, real_embedder.multilingual)
    assert groups == [[0, 2], [4, 5], [1], [3]]  # the largest first; ties: the first asked first


def test_chinese_questions_are_grouped_by_the_character_pairs_they_share() -> None:
    asked = ["备案需要多长时间？", "扣货担保金交多少？", "备案要多长时间？", "备案费用是多少？",
             "How long does recordation take?"]
    same_vector = np.ones((len(asked), 4), dtype=np.float32) / 2  # the English-only model: every one alike
    assert group(same_vector, asked, multilingual=False) == [[0, 2], [1], [3], [4]]


def test_a_group_gathers_around_its_first_question_not_along_a_chain() -> None:
    """b is like a and c is like b, but c is not like a: c does not join a's group through b."""
    a, b, c = np.array([1.0, 0.0]), np.array([0.8, 0.6]), np.array([0.28, 0.96])
    assert float(a @ b) >= 0.7 and float(b @ c) >= 0.7 and float(a @ c) < 0.7
    assert group(np.stack([a, b, c]), ["a", "b", "c"], multilingual=True) == [[0, 1], [2]]
