"""The catalogue of sentences: complete in both languages, and safe to fill with anyone's words."""

from __future__ import annotations

import re

import pytest

from bot.core.texts import LANGS, TEXTS, Html, normalize_lang, placeholders, shorten, text

CJK = re.compile(r"[\u4e00-\u9fff]")
# Keys whose Chinese is the same as the English on purpose: layouts of numbers and names, language names.
LANGUAGE_NEUTRAL = {"help_line", "item_line", "queue_line", "item_header", "history_line", "kb_line"}
LANGUAGE_NEUTRAL |= {"btn_lang_en", "btn_lang_zh", "cmd_lang", "list_sep"}
LANGUAGE_NEUTRAL |= {"btn_add_item", "btn_officer", "held_line", "users_line", "queue_holder"}
LANGUAGE_NEUTRAL |= {"field_line", "field_skipped", "queue_line_due", "similar_line", "attachment_caption"}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_both_languages_with_the_same_placeholders(key: str) -> None:
    assert set(TEXTS[key]) == set(LANGS)
    assert placeholders(TEXTS[key]["en"]) == placeholders(TEXTS[key]["zh"])
    assert all(TEXTS[key][lang].strip() for lang in LANGS)


@pytest.mark.parametrize("key", sorted(set(TEXTS) - LANGUAGE_NEUTRAL))
def test_chinese_texts_are_written_in_chinese(key: str) -> None:
    assert CJK.search(TEXTS[key]["zh"]), TEXTS[key]["zh"]
    assert not CJK.search(TEXTS[key]["en"]), TEXTS[key]["en"]


def test_text_escapes_every_parameter_but_html_fragments() -> None:
    filled = text("escalated", "en", item="<b>1</b>")
    assert "&lt;b&gt;1&lt;/b&gt;" in filled and "<b>" not in filled
    assert "<i>x</i>" in text("granted", "en", user=1, role=Html("<i>x</i>"))


def test_text_speaks_chinese_for_any_chinese_code_and_english_otherwise() -> None:
    assert text("cancelled", "zh-hans") == "已取消。"
    assert text("cancelled", "fr") == "Cancelled."
    assert text("cancelled", None) == "Cancelled."
    assert [normalize_lang(code) for code in ("zh_CN", "ZH", "en-US", "")] == ["zh", "zh", "en", "en"]


def test_shorten_cuts_at_a_word_and_marks_the_cut() -> None:
    assert shorten("short", 40) == "short"
    cut = shorten("How do I record a trademark with customs in Dalian before the goods arrive?", 40)
    assert len(cut) <= 40 and cut.endswith("…") and not cut.endswith(" …")
    assert shorten("海关备案需要提交哪些材料以及多长时间能够办理完毕", 10) == "海关备案需要提交哪…"
