"""A text longer than the tracker keeps in one piece, cut into pieces that each fit (nothing is dropped)."""

from __future__ import annotations

from bot.tracker.values import TEXT_MAX


def split_text(text: str, limit: int = TEXT_MAX) -> list[str]:
    """`text` in order, in pieces of at most `limit` characters, each cut at a paragraph, line, sentence or
    word end when one is in the second half of the piece (else anywhere: Chinese has no spaces)."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _cut_at(rest[:limit])
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _cut_at(window: str) -> int:
    for mark in ("\n\n", "\n", "。", ". ", "；", "; ", " "):
        at = window.rfind(mark)
        if at > len(window) // 2:
            return at + len(mark)
    return len(window)
