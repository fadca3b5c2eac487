"""A question that mixes English and Chinese meets the entries of the language it is answered in."""

from __future__ import annotations

from bot.retrieval.glossary import bridged
from bot.retrieval.lexical import tokenize


def test_an_english_term_in_a_chinese_question_becomes_the_chinese_term() -> None:
    assert bridged(tokenize("怎么办理 recordation？"), "zh") == ["办理", "#么办", "#办理", "备案", "#备案"]
    # "record" is one word with "recordation" already (SYNONYMS); "ex officio" reaches 依职权's tokens.
    assert {"备案", "商标"} <= set(bridged(tokenize("record 商标 谁可以办？"), "zh"))
    assert {"职权", "#依职"} <= set(bridged(tokenize("ex officio 担保多少"), "zh"))


def test_a_chinese_term_in_an_english_question_becomes_the_english_term() -> None:
    assert "guarantee" in bridged(tokenize("how much 担保 on the application route?"), "en")


def test_a_question_in_one_language_is_left_as_it_is() -> None:
    for question, asker in (("how do we record our trademark?", "en"), ("备案要多久？", "zh")):
        assert bridged(tokenize(question), asker) == tokenize(question)


def test_words_outside_the_glossary_stay() -> None:
    assert "visa" in bridged(tokenize("visa 怎么办"), "zh")
