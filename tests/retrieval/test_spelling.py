"""English typos mended against the knowledge base's words, never a real word and never a guess between two."""

from __future__ import annotations

import pytest

from bot.retrieval.spelling import Speller, english_words, one_edit_apart

VOCABULARY = ["general", "guarantee", "minimum", "notice", "warehouse", "renewal", "detail", "role", "fees", "trail",
              "cases", "bases"]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(VOCABULARY, english_words())


def test_the_bundled_vocabulary_tells_english_words_from_typos() -> None:
    words = english_words()
    assert {"retail", "guarantee", "customs"} <= words
    assert not {"genral", "guarante", "minimun"} & words


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("genral", "general"),  # a letter left out
        ("guarante", "guarantee"),
        ("minimun", "minimum"),  # a wrong letter
        ("notise", "notice"),
        ("renewel", "renewal"),
        ("warehuose", "warehouse"),  # two neighbours swapped
        ("guaranttee", "guarantee"),  # a letter typed twice
    ],
)
def test_a_typo_one_edit_from_one_knowledge_base_word_is_mended(speller: Speller, typo: str, word: str) -> None:
    assert speller.mend_text(typo) == word


@pytest.mark.parametrize(
    "token",
    [
        "retail",  # an English word, though one letter from "detail"
        "rolex",  # an extra letter that is not a doubled one: a brand, not "role" mistyped
        "trail",  # in the knowledge base itself
        "xases",  # one edit from both "cases" and "bases": no guess
        "fes",  # too short to tell
        "#关税",  # not an English word at all
        "guarantee2",
    ],
)
def test_english_words_words_of_the_knowledge_base_short_ones_and_ambiguous_ones_are_left(speller: Speller,
                                                                                  token: str) -> None:
    assert speller.mend_text(token) == token


def test_a_text_is_mended_word_by_word_as_written(speller: Speller) -> None:
    assert speller.mend_text("Genral guarante for Rolex, pls!") == "general guarantee for Rolex, pls!"


def test_a_word_whose_tokens_the_knowledge_base_knows_is_no_typo() -> None:
    """The knowledge base's words are stored as tokens ("approved" as the stem "approv"): a word whose tokens it
    knows is its own word, even one letter from another ("approve") and in no dictionary."""
    speller = Speller(["approv", "approve", "warehouse"], frozenset({"some", "words"}))
    assert speller.mend_text("approv") == "approv"
    assert speller.mend_text("warehous") == "warehouse"


def test_without_a_dictionary_nothing_is_mended() -> None:
    assert Speller(VOCABULARY, frozenset()).mend_text("genral") == "genral"


def test_one_edit_apart_counts_insertions_deletions_substitutions_and_swaps() -> None:
    assert one_edit_apart("genral", "general") and one_edit_apart("general", "genral")
    assert one_edit_apart("minimun", "minimum") and one_edit_apart("form", "from")
    assert not one_edit_apart("general", "general")
    assert one_edit_apart("gneeral", "general")  # "ne" for "en"
    assert not one_edit_apart("gnereal", "general")
    assert not one_edit_apart("abc", "abcde")
