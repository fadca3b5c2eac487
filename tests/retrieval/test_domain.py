"""A question that names nothing of customs' world needs a near-exact match to be answered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.retrieval.domain import names_the_desk
from bot.retrieval.tuning import Tuning
from tests.retrieval.test_agreement import HEADER, retriever_over

KNOWLEDGE = {
    "en/recordation.md": HEADER.format(id="recordation", title="Recordation", basis="Regulations Art. 10") + (
        "## How long does a customs recordation take and last? {#term}\n\n"
        "GACC decides within 30 working days; the recordation lasts 10 years. The trademark must first be "
        "registered at CNIPA, which takes about a year.\n"
    ),
}


@pytest.mark.parametrize("question", [
    "How long does customs take to approve a recordation?",
    "our goods were held at the port, what now",
    "genral garantee min amount??",  # typos as typed: the stem is enough
    "海关备案要多久",
    "手上一个商标加两个外观专利，能不能一起打包备一个案",
    "担宝一定要交现金吗",
    "净网行动具体是管哪块的？",
])
def test_questions_of_the_desk_name_it(question: str) -> None:
    assert names_the_desk(question)


@pytest.mark.parametrize("question", [
    "How long does a trademark registration at CNIPA take nowadays?",
    "how long does an invention patent last in China?",
    "商标注册现在大概多久能下证？",
    "外观专利怎么申请，官费多少钱",
    "马德里商标国际注册怎么申请，要多少钱",
])
def test_registration_and_a_rights_own_term_do_not(question: str) -> None:
    assert not names_the_desk(question)


def test_a_question_naming_the_desk_in_its_mended_form_counts() -> None:
    assert names_the_desk("how long does a recordel take", "how long does a recordal take")


def test_an_unanchored_question_is_declined_below_the_stricter_threshold(
    knowledge_dir: Callable[..., Path], tmp_path: Path
) -> None:
    """The one entry ranks first for both questions; only the one that names customs' world is answered at a
    confidence below 0.99, and lowering the unanchored threshold answers the other as well."""
    strict = retriever_over(KNOWLEDGE, knowledge_dir, tmp_path / "a", Tuning(unanchored_threshold=0.99))
    lenient = retriever_over(KNOWLEDGE, knowledge_dir, tmp_path / "b", Tuning(unanchored_threshold=0.0))
    unanchored = "how long does trademark registration take?"

    assert strict.ask("how long does a customs recordation take?").answered
    declined = strict.ask(unanchored)
    assert not declined.answered and declined.confidence < 0.99
    assert lenient.ask(unanchored).entry_id == "recordation#term"
