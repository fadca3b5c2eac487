"""Cut a Telegram-HTML text into messages under Telegram's length limit without breaking its tags."""

from __future__ import annotations

import re

TELEGRAM_LIMIT = 4096
# A tag, an entity (&amp; &#39; ...) or one character: the units a cut may fall between.
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|.", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([\w-]+)")
# Preferred cut points, best first: after a blank line, after a line, after a word.
_BREAKS = ("\n\n", "\n", " ")


def units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units); counting the raw HTML, tags included, is an upper
    bound of the parsed text's length, so a chunk that fits here fits there."""
    return len(text.encode("utf-16-le")) // 2


def split_message(html: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """`html` as one or more messages of at most `limit` units, cut at paragraph, line or word boundaries
    when possible; tags open at a cut are closed before it and reopened after it."""
    if units(html) <= limit:
        return [html]
    tokens = _TOKEN.findall(html)
    chunks: list[str] = []
    start, open_tags = 0, list[str]()
    while start < len(tokens):
        end, after_tags = _cut(tokens, start, open_tags, limit)
        body = "".join(tokens[start:end]).strip()
        if _visible(body):
            chunks.append("".join(open_tags) + body + _closing(after_tags))
        start, open_tags = _skip_space(tokens, end), after_tags
    return chunks or [html[:limit]]


def _cut(tokens: list[str], start: int, open_tags: list[str], limit: int) -> tuple[int, list[str]]:
    """The end of the chunk starting at `start`, and the tags still open there."""
    budget = limit - units("".join(open_tags))
    stack, used = list(open_tags), 0
    best: dict[str, tuple[int, list[str]]] = {}
    for i in range(start, len(tokens)):
        token = tokens[i]
        stack = _after(stack, token)
        used += units(token)
        if used + units(_closing(stack)) > budget:
            break
        tail = "".join(tokens[max(start, i - 1) : i + 1])
        kind = next((b for b in _BREAKS if tail.endswith(b)), "any")
        best[kind] = (i + 1, list(stack))
        if kind == "\n\n":
            best["\n"] = best[" "] = best[kind]  # a blank line is also a line and a word boundary
    else:
        return len(tokens), stack  # the rest fits
    for kind in (*_BREAKS, "any"):
        if kind in best:
            return best[kind]
    # Not even one token fits (a giant tag): take it anyway so the loop always advances.
    return start + 1, _after(list(open_tags), tokens[start])


def _after(stack: list[str], token: str) -> list[str]:
    """The open-tag stack after `token`."""
    if not token.startswith("<") or len(token) < 3:
        return stack
    if token.startswith("</"):
        name = _name(token)
        for j in range(len(stack) - 1, -1, -1):
            if _name(stack[j]) == name:
                return stack[:j]
        return stack
    if token.endswith("/>"):
        return stack
    return [*stack, token]


def _name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def _closing(stack: list[str]) -> str:
    return "".join(f"</{_name(tag)}>" for tag in reversed(stack))


def _visible(body: str) -> bool:
    return bool(re.sub(r"<[^>]*>", "", body).strip())


def _skip_space(tokens: list[str], i: int) -> int:
    while i < len(tokens) and tokens[i].isspace():
        i += 1
    return i
