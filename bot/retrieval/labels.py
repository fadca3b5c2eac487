"""Button labels for entries shown together: short, and different from each other. Three headings that start
"How much guarantee for goods worth RMB…" are cut so that each keeps the words that tell it apart."""

from __future__ import annotations

import re

LABEL_CHARS = 40  # what a phone shows of a button (bot/core/buttons.py LABEL_MAX)
ELLIPSIS = "…"
MIN_HEAD = 16  # characters of the start kept before an ellipsis: enough to say what kind of question it is

_TOKEN = re.compile(r"\s+|[\u3400-\u9fff]|[^\s\u3400-\u9fff]+")  # words and spaces; every CJK character alone


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _cut(text: str, limit: int) -> str:
    """The text within `limit` characters, cut at a word (or a Chinese character), with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    kept = ""
    for token in _tokens(text):
        if len(kept) + len(token) > limit - 1:
            break
        kept += token
    kept = kept.rstrip(" ,，:：") or text[: limit - 1]
    return kept + ELLIPSIS


def _tail_from(text: str, others: list[str]) -> str:
    """The text from one word before where it first differs from any of `others` (the words that tell it apart)."""
    tokens = _tokens(text)
    diverge = 0
    for other in others:
        theirs = _tokens(other)
        same = 0
        while same < min(len(tokens), len(theirs)) and tokens[same] == theirs[same]:
            same += 1
        diverge = max(diverge, same)
    start = max(diverge - 1, 0)
    while start > 0 and tokens[start].isspace():  # back to the word before: "RMB 100,000", not "100,000"
        start -= 1
    return "".join(tokens[start:]).strip()


def distinct_labels(titles: list[str], limit: int = LABEL_CHARS) -> list[str]:
    """One label per title, each within `limit` characters; a title whose plain cut would read like another's
    keeps its start and, after an ellipsis, the words where it differs."""
    plain = [_cut(t, limit) for t in titles]
    labels = []
    for i, title in enumerate(titles):
        start = plain[i].rstrip(ELLIPSIS)
        clashes = [t for j, t in enumerate(titles) if j != i and t != title and t.startswith(start)]
        if not clashes or len(title) <= limit:
            labels.append(plain[i])
            continue
        tail = _tail_from(title, clashes)
        tail = _cut(tail, limit - 1 - MIN_HEAD)
        head = _cut(title, limit - len(tail)).rstrip(ELLIPSIS).rstrip()
        labels.append(f"{head}{ELLIPSIS}{tail}")
    return labels
