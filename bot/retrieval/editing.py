"""Edits to knowledge files that the knowledge loop makes: phrasings under a heading, an approved entry
appended, and what an upload would change, by heading. Pure functions on bytes; KnowledgeDesk.change_file
writes them under the build lock."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.retrieval.knowledge import ID_PATTERN, PHRASING_LINE, KnowledgeFile, Section, parse_file

PHRASING_LABEL = {"en": "Also asked: ", "zh": "也问："}
# Where approved officers' answers go, one file per language (a new topic, in uploads/ like admins' files).
ANSWERS_FILE = {"en": "uploads/officer-answers.md", "zh": "uploads/officer-answers-zh.md"}
ANSWERS_ID = {"en": "officer-answers", "zh": "officer-answers-zh"}
ANSWERS_TITLE = {"en": "Answers from customs officers", "zh": "海关关员的解答"}
_ANCHOR = re.compile(r"\{#([^}]*)\}\s*$")


class EditRefused(ValueError):
    """An edit that would leave the file invalid; `str(error)` is the reason, for an admin."""


@dataclass(frozen=True)
class Diff:
    """What replacing a file would change, by heading."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def diff(before: KnowledgeFile | None, after: KnowledgeFile) -> Diff:
    """Entries added, changed and removed, matched by anchor (headings shown)."""
    old = {s.anchor: s for s in before.sections} if before else {}
    new = {s.anchor: s for s in after.sections}
    return Diff(
        added=tuple(s.title for a, s in new.items() if a not in old),
        changed=tuple(s.title for a, s in new.items() if a in old and _differs(old[a], s)),
        removed=tuple(s.title for a, s in old.items() if a not in new),
    )


def _differs(a: Section, b: Section) -> bool:
    return (a.content_hash, a.legal_basis) != (b.content_hash, b.legal_basis)


def one_line(text: str) -> str:
    return " ".join(text.split())


def with_phrasings(path: str, data: bytes, anchor: str, phrasings: list[str]) -> tuple[bytes, list[str]]:
    """The file with `Also asked:` lines for `phrasings` under the heading of `anchor` (after its phrasings
    so far), in the file's language; the phrasings it did not have yet."""
    parsed = parse_file(path, data)
    section = next((s for s in parsed.sections if s.anchor == anchor), None)
    if section is None:
        raise EditRefused(f"{path} has no entry #{anchor}")
    known = {one_line(p).casefold() for p in (section.title, *section.phrasings)}
    fresh: list[str] = []
    for phrasing in map(one_line, phrasings):
        if phrasing and phrasing.casefold() not in known:
            known.add(phrasing.casefold())
            fresh.append(phrasing)
    if not fresh:
        return data, []
    lines = data.decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    at = _phrasing_end(lines, section.line - 1)
    new = [PHRASING_LABEL[section.lang] + p for p in fresh]
    lines[at:at] = new if at > section.line else ["", *new]
    return "\n".join(lines).encode("utf-8"), fresh


def _phrasing_end(lines: list[str], heading: int) -> int:
    """The line after the last `Also asked:` line right under the heading (blank lines may come between);
    the line after the heading when there is none."""
    end = heading + 1
    for i in range(heading + 1, len(lines)):
        if lines[i].startswith("## ") or (lines[i].strip() and not PHRASING_LINE.match(lines[i])):
            break
        if PHRASING_LINE.match(lines[i]):
            end = i + 1
    return end


def section_of(markdown: str, lang: str) -> Section:
    """The one entry an officer's draft (or an admin's corrected text) makes; EditRefused with the reason."""
    text = markdown.replace("\r\n", "\n").strip()
    if not text.startswith("## "):
        raise EditRefused(_REASONS["heading"][lang])
    if "\n## " in text:
        raise EditRefused(_REASONS["one"][lang])
    front = f"---\nid: draft\ntitle: draft\nlang: {lang}\n---\n\n"
    parsed = parse_file("draft.md", (front + text + "\n").encode("utf-8"))
    if parsed.errors:
        raise EditRefused(parsed.errors[0].reason)
    return parsed.sections[0]


_REASONS = {
    "heading": {
        "en": "the entry must start with a '## ' heading: the question it answers",
        "zh": "条目须以 '## ' 标题开头，标题即它回答的问题",
    },
    "one": {"en": "one entry only: a single '## ' heading", "zh": "只能有一个条目：只能有一个 '## ' 标题"},
}


def with_entry(data: bytes | None, markdown: str, lang: str, anchor: str, provenance: str) -> bytes:
    """The answers file of `lang` (made when missing) with the entry appended under its own anchor, and a
    `# ` line saying who approved it and when (the parser keeps such lines out of the answer)."""
    section_of(markdown, lang)  # refuses an invalid entry before anything is written
    head, _, rest = markdown.strip().partition("\n")
    own = _ANCHOR.search(head)
    existing = parse_file(ANSWERS_FILE[lang], data).sections if data else []
    taken = {s.anchor for s in existing}
    wanted = own.group(1) if own and ID_PATTERN.match(own.group(1)) else anchor
    while wanted in taken:
        wanted += "-2"
    head = _ANCHOR.sub("", head).rstrip() + f" {{#{wanted}}}"
    entry = f"{head}\n# {provenance}\n{rest.rstrip()}\n"
    base = data.decode("utf-8").rstrip() + "\n\n" if data else _answers_front(lang)
    return (base + entry).encode("utf-8")


def _answers_front(lang: str) -> str:
    return f"---\nid: {ANSWERS_ID[lang]}\ntitle: {ANSWERS_TITLE[lang]}\nlang: {lang}\n---\n\n"
