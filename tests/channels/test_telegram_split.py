"""split_message: every part fits, every part is balanced HTML, and nothing is lost or reordered."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.telegram.split import split_message, units

TAG = re.compile(r"<(/?)([\w-]+)[^>]*>")

words = st.sampled_from(
    ["customs", "IPR", "海关", "备案", "a&amp;b", "&lt;x&gt;", "😀", "x" * 40, "recordation"]
)
inline = st.one_of(
    words,
    st.builds(lambda w: f"<b>{w}</b>", words),
    st.builds(lambda w: f'<a href="https://example.org/?q=1&amp;r=2">{w}</a>', words),
    st.builds(lambda a, b: f"<i>{a} <code>{b}</code></i>", words, words),
)
line = st.lists(inline, min_size=1, max_size=30).map(" ".join)
paragraph = st.lists(line, min_size=1, max_size=6).map("\n".join)
document = st.lists(paragraph, min_size=1, max_size=12).map("\n\n".join)
wrapped = st.one_of(
    document, document.map(lambda d: f"<b>{d}</b>"), document.map(lambda d: f"<blockquote>{d}</blockquote>")
)


def visible(html: str) -> str:
    """The text without tags and whitespace: what must survive splitting, in order."""
    return "".join(TAG.sub("", html).split())


def balanced(html: str) -> bool:
    stack: list[str] = []
    for closing, name in TAG.findall(html):
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


@settings(max_examples=80, deadline=None)
@given(wrapped, st.integers(min_value=80, max_value=600))
def test_parts_fit_are_balanced_and_keep_the_text(html: str, limit: int) -> None:
    parts = split_message(html, limit)
    assert all(units(p) <= limit for p in parts)
    assert all(balanced(p) for p in parts)
    assert all(visible(p) for p in parts)  # no empty message
    assert "".join(visible(p) for p in parts) == visible(html)


@settings(max_examples=40, deadline=None)
@given(wrapped, st.integers(min_value=80, max_value=600))
def test_no_entity_is_cut(html: str, limit: int) -> None:
    for part in split_message(html, limit):
        assert re.fullmatch(r"([^&]|&(amp|lt|gt);)*", part, re.DOTALL)


def test_a_short_text_is_one_part_unchanged() -> None:
    assert split_message("<b>hi</b>\n\n there ") == ["<b>hi</b>\n\n there "]


def test_cuts_at_paragraphs_before_lines_before_words() -> None:
    para = "word " * 10 + "end."
    parts = split_message(f"{para}\n\n{para}\nline\n\n{para}", limit=100)
    assert parts[0] == para
    lines = split_message("one two three\nfour five six seven eight", limit=30)
    assert lines == ["one two three", "four five six seven eight"]
    assert split_message("alpha beta gamma delta", limit=12) == ["alpha beta", "gamma delta"]


def test_an_open_tag_is_closed_and_reopened_with_its_attributes() -> None:
    html = '<a href="https://x.org/">' + "link text " * 20 + "</a>"
    parts = split_message(html, limit=100)
    assert len(parts) > 1
    assert all(p.startswith('<a href="https://x.org/">') and p.endswith("</a>") for p in parts)


def test_length_counts_utf16_units_like_telegram() -> None:
    assert units("😀") == 2 and units("海") == 1
    parts = split_message("😀" * 100, limit=50)
    assert all(units(p) <= 50 for p in parts) and "".join(parts) == "😀" * 100


def test_default_limit_is_telegrams() -> None:
    html = ("<b>" + "word " * 100 + "</b>\n\n") * 30
    parts = split_message(html)
    assert len(parts) > 1 and all(units(p) <= 4096 for p in parts)


@settings(max_examples=40, deadline=None)
@given(wrapped, st.integers(min_value=200, max_value=600))
def test_words_are_not_cut_when_a_word_boundary_fits(html: str, limit: int) -> None:
    parts = split_message(html, limit)
    assert [w for p in parts for w in TAG.sub("", p).split()] == TAG.sub("", html).split()
