"""Typos mended against the knowledge base's words, never a real word and never a guess between two."""

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


CHINESE_TERMS = ["担保", "备案", "侵权", "回复", "海关", "适用", "格式"]


@pytest.fixture(scope="module")
def chinese() -> Speller:
    return Speller([*CHINESE_TERMS, "驳回", "续展"], english_words(), CHINESE_TERMS)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("依申请扣货要交多少担宝", "依申请扣货要交多少担保"),  # a word jieba does not know, same sound and tones
        ("依职权扣货的担报金最多交多少？", "依职权扣货的担保金最多交多少？"),  # the tone aside: the keyboard takes none
        ("我们的备按被驳回了", "我们的备案被驳回了"),  # two single characters jieba could not join
        ("海关发来侵全嫌疑通知书，几天内要回副？", "海关发来侵权嫌疑通知书，几天内要回复？"),
    ],
)
def test_a_chinese_slip_of_the_same_sound_as_one_common_term_is_mended(chinese: Speller, typed: str,
                                                                   meant: str) -> None:
    assert chinese.mend_text(typed) == meant


@pytest.mark.parametrize(
    "text",
    [
        "不备案的话海关还管不管我们的假货",  # 还管 sounds like 海关 without tones, but 还 is a word on its own
        "注册账号是用代理公司的名义吗",  # 是用 / 适用
        "中国海关备案和欧盟的有效期各是多久",  # 各是 / 格式
        "我们的商标在海关备案了",  # every word known
    ],
)
def test_ordinary_chinese_is_left_as_written(chinese: Speller, text: str) -> None:
    assert chinese.mend_text(text) == text


def test_a_sound_shared_by_two_common_terms_is_left_alone() -> None:
    one = Speller(["实施"], english_words(), ["实施"])
    two = Speller(["实施", "事实"], english_words(), ["实施", "事实"])

    assert one.mend_text("我们要实式") == "我们要实施"
    assert two.mend_text("我们要实式") == "我们要实式"  # shi shi: 实施 or 事实, no guess
