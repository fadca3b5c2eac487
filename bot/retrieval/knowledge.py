"""Parse and validate the knowledge base: markdown files with YAML front matter, one `##` section per entry."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from bot.retrieval.rejections import Rejection
from bot.retrieval.uploads import MAX_FILE_BYTES, within_limit

LANGS = ("en", "zh")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*(?:\{#(?P<anchor>[^}]*)\})?\s*$")
BASIS_LINE = re.compile(r"^\s*(?:Legal basis|法律依据)\s*[:：]\s*(?P<basis>.+?)\s*$", re.IGNORECASE)
# `Also asked: ...` / `也问：...`: another way people ask the entry's question, one per line, under the heading.
PHRASING_LINE = re.compile(r"^\s*(?:Also asked|也问)\s*[:：]\s*(?P<phrasing>.*?)\s*$", re.IGNORECASE)
# Stated in knowledge/README.md. Each keeps an answer within two Telegram messages whatever a file says:
# a field too long is refused with its line, never cut silently.
MAX_META_CHARS = 500  # any front-matter value (a list: each item), legal_basis and source included
MAX_TITLE_CHARS = 200  # the file's title and every `## ` heading
MAX_TOPICS = 20
MAX_TOPIC_CHARS = 80
MAX_ENTRY_CHARS = 6000  # an entry's text (answers show the first 3,500 characters)
# Front matter nested deeper than this is refused: a list of lists is the deepest any field needs, and PyYAML
# builds nodes recursively, so a few kilobytes of "[[[[..." would end in a RecursionError.
MAX_YAML_DEPTH = 10
_OPENS = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
          yaml.FlowSequenceStartToken)
_CLOSES = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


# A reason a file (or part of it) was left out, with where it happened: code, parameters, path and line
# (bot/retrieval/rejections.py); the core says it in the reader's language.
KnowledgeError = Rejection


@dataclass(frozen=True)
class Section:
    """One retrievable entry: a `##` heading (the question it answers) and its text."""

    id: str  # FILE_ID#ANCHOR
    file_id: str
    anchor: str
    title: str
    text: str
    lang: str
    file_title: str
    legal_basis: str | None
    source: str | None
    topics: tuple[str, ...]
    translation_of: str | None  # the twin entry id in the other language, when there is one
    path: str
    line: int
    phrasings: tuple[str, ...] = ()  # other ways people ask it (`Also asked:` lines); never shown as answer text

    @property
    def search_text(self) -> str:
        """What the lexical channel indexes: the question it answers, weighted by repetition, the other ways
        it is asked, and its text."""
        asked = "".join(f"{p}\n" for p in self.phrasings)
        return f"{self.title}\n{self.title}\n{asked}{self.file_title}\n{self.text}"

    @property
    def views(self) -> tuple[str, ...]:
        """What the dense channel embeds, apart: the answer with its topic (the model reads 256 tokens, so the
        body gets its own vector), then the question-like views, each alone (questions match questions best):
        the heading and every phrasing. The body comes first so the question views are contiguous."""
        return f"{self.file_title}: {self.title}\n{self.text}", self.title, *self.phrasings

    @property
    def content_hash(self) -> str:
        """Covers everything either channel reads (search_text holds the phrasings): a changed phrasing is
        embedded again."""
        return hashlib.sha256(self.search_text.encode("utf-8")).hexdigest()


@dataclass
class KnowledgeFile:
    """A parsed file: its sections, or the errors that kept it out."""

    path: str
    file_id: str | None
    sections: list[Section] = field(default_factory=list)
    errors: list[KnowledgeError] = field(default_factory=list)
    digest: str = ""


@dataclass
class Knowledge:
    """The whole knowledge base as parsed: every valid section and every error."""

    files: list[KnowledgeFile]
    errors: list[KnowledgeError]

    @property
    def sections(self) -> list[Section]:
        return [section for f in self.files for section in f.sections]


def knowledge_paths(root: Path) -> list[Path]:
    """Every knowledge file below root, in a stable order; README files are documentation."""
    return sorted(p for p in root.rglob("*.md") if p.name.lower() != "readme.md" and p.is_file())


def load_knowledge(root: Path) -> Knowledge:
    """Parse every file; a broken file is reported and left out, never fatal."""
    files = [parse_file(path.relative_to(root).as_posix(), path.read_bytes()) for path in knowledge_paths(root)]
    return reconcile(files)


def reconcile(files: list[KnowledgeFile]) -> Knowledge:
    """Drop files whose id repeats an earlier file's; link translation twins."""
    seen: dict[str, str] = {}
    kept: list[KnowledgeFile] = []
    errors: list[KnowledgeError] = []
    for f in files:
        errors.extend(f.errors)
        if f.file_id is None or not f.sections:
            continue
        if f.file_id in seen:
            errors.append(Rejection(f.path, 1, "duplicate_file_id", file_id=f.file_id, other=seen[f.file_id]))
            continue
        seen[f.file_id] = f.path
        kept.append(f)
    return Knowledge(files=_link_twins(kept), errors=errors)


def _link_twins(files: list[KnowledgeFile]) -> list[KnowledgeFile]:
    """A zh section whose file is `translation_of` an en file and whose anchor exists there is its twin."""
    ids = {s.id for f in files for s in f.sections}
    for f in files:
        f.sections = [
            _with_twin(s, ids) if s.translation_of and "#" not in s.translation_of else s for s in f.sections
        ]
    return files


def _with_twin(section: Section, ids: set[str]) -> Section:
    twin = f"{section.translation_of}#{section.anchor}"
    return replace(section, translation_of=twin if twin in ids else None)


def parse_file(path: str, data: bytes) -> KnowledgeFile:
    """Parse one file's bytes; every problem becomes a KnowledgeError with a line number."""
    result = KnowledgeFile(path=path, file_id=None, digest=hashlib.sha256(data).hexdigest())
    text = _decode(path, data, result.errors)
    if text is None:
        return result
    meta, body_start = _front_matter(path, text, result.errors)
    if meta is None:
        return result
    file_id = _check_meta(path, meta, result.errors)
    if file_id is None:
        return result
    result.file_id = file_id
    lines = text.split("\n")  # as _front_matter counts them: splitlines() also splits at U+2028, \x0c, ...
    result.sections = list(_sections(path, file_id, meta, lines, body_start, result.errors))
    if not result.sections and not result.errors:
        result.errors.append(Rejection(path, body_start + 1, "no_sections"))
    return result


def _decode(path: str, data: bytes, errors: list[KnowledgeError]) -> str | None:
    if not data.strip():
        errors.append(Rejection(path, 1, "empty"))
        return None
    if not within_limit(len(data)):
        errors.append(Rejection(path, 1, "too_large", kib=MAX_FILE_BYTES // 1024))
        return None
    if b"\x00" in data:
        errors.append(Rejection(path, 1, "binary"))
        return None
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.append(Rejection(path, line, "not_utf8"))
        return None


def _front_matter(path: str, text: str, errors: list[KnowledgeError]) -> tuple[dict[str, object] | None, int]:
    """The YAML between the leading `---` lines, and the index of the first body line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        errors.append(Rejection(path, 1, "no_front_matter"))
        return None, 0
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        errors.append(Rejection(path, 1, "front_matter_open"))
        return None, 0
    try:
        if _has_alias(path, "\n".join(lines[1:end]), errors):
            return None, 0
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", exc)
        errors.append(Rejection(path, line, "bad_yaml", problem=str(problem)))
        return None, 0
    if not isinstance(meta, dict):
        errors.append(Rejection(path, 2, "not_mapping"))
        return None, 0
    return meta, end + 1


def _has_alias(path: str, front: str, errors: list[KnowledgeError]) -> bool:
    """YAML anchors and aliases are refused before anything is built: a few hundred bytes of them expand
    into megabytes (a "billion laughs"); so is nesting deeper than MAX_YAML_DEPTH. Scanning tokens does not
    expand anything, nor recurse."""
    depth = 0
    for token in yaml.scan(front, Loader=yaml.SafeLoader):
        line = token.start_mark.line + 2
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            errors.append(Rejection(path, line, "yaml_alias"))
            return True
        depth += 1 if isinstance(token, _OPENS) else -1 if isinstance(token, _CLOSES) else 0
        if depth > MAX_YAML_DEPTH:
            errors.append(Rejection(path, line, "bad_yaml", problem=f"nested more than {MAX_YAML_DEPTH} levels deep"))
            return True
    return False


def _check_lengths(path: str, meta: dict[str, object], errors: list[KnowledgeError]) -> None:
    """Every front-matter value within its stated length (see MAX_* above)."""
    for key, value in meta.items():
        items = value if isinstance(value, list) else [value]
        limit = MAX_TITLE_CHARS if key == "title" else MAX_TOPIC_CHARS if key == "topics" else MAX_META_CHARS
        if key == "topics" and len(items) > MAX_TOPICS:
            errors.append(Rejection(path, 2, "too_many_topics", limit=MAX_TOPICS))
        if any(len(str(item)) > limit for item in items):
            errors.append(Rejection(path, 2, "field_too_long", field=key, limit=limit))


def _check_meta(path: str, meta: dict[str, object], errors: list[KnowledgeError]) -> str | None:
    before = len(errors)
    _check_lengths(path, meta, errors)
    file_id, title, lang = meta.get("id"), meta.get("title"), meta.get("lang")
    if not isinstance(file_id, str) or not ID_PATTERN.match(file_id):
        errors.append(Rejection(path, 2, "bad_id"))
    if not isinstance(title, str) or not title.strip():
        errors.append(Rejection(path, 2, "no_title"))
    if lang not in LANGS:
        errors.append(Rejection(path, 2, "bad_lang", value=repr(lang)))
    return file_id if len(errors) == before and isinstance(file_id, str) else None


def _optional_str(meta: dict[str, object], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return text.strip() or None


def _sections(
    path: str, file_id: str, meta: dict[str, object], lines: list[str], start: int, errors: list[KnowledgeError]
) -> Iterable[Section]:
    headings = [i for i in range(start, len(lines)) if lines[i].startswith("## ")]
    anchors: set[str] = set()
    for n, i in enumerate(headings):
        end = headings[n + 1] if n + 1 < len(headings) else len(lines)
        section = _section(path, file_id, meta, lines, i, end, n + 1, errors)
        if section is None:
            continue
        if section.anchor in anchors:
            errors.append(Rejection(path, i + 1, "duplicate_entry", entry=section.id))
            continue
        anchors.add(section.anchor)
        yield section


def _section(
    path: str,
    file_id: str,
    meta: dict[str, object],
    lines: list[str],
    start: int,
    end: int,
    ordinal: int,
    errors: list[KnowledgeError],
) -> Section | None:
    match = HEADING.match(lines[start])
    title = match.group("title").strip() if match else ""
    anchor = (match.group("anchor") or "").strip() if match else ""
    anchor = anchor or f"s{ordinal}"
    if not ID_PATTERN.match(anchor):
        errors.append(Rejection(path, start + 1, "bad_anchor", anchor=anchor))
        return None
    body = [line.rstrip() for line in lines[start + 1 : end] if not line.startswith("# ")]
    phrasings = _pop_phrasings(body)
    basis = _optional_str(meta, "legal_basis")
    if body_basis := _pop_basis(body):
        basis = body_basis
    text = "\n".join(body).strip()
    if not title or not text:
        errors.append(Rejection(path, start + 1, "empty_section"))
        return None
    if too_long := _too_long(title, basis if body_basis else None, text):
        errors.append(Rejection(path, start + 1, too_long[0], limit=too_long[1]))
        return None
    return Section(
        id=f"{file_id}#{anchor}",
        file_id=file_id,
        anchor=anchor,
        title=title,
        text=text,
        lang=str(meta["lang"]),
        file_title=str(meta["title"]).strip(),
        legal_basis=basis,
        source=_optional_str(meta, "source"),
        topics=_topics(meta.get("topics")),
        translation_of=_optional_str(meta, "translation_of"),
        path=path,
        line=start + 1,
        phrasings=phrasings,
    )


def _too_long(title: str, body_basis: str | None, text: str) -> tuple[str, int] | None:
    """What of an entry is over its stated length (the rejection's code) and that length, or None."""
    if len(title) > MAX_TITLE_CHARS:
        return "heading_too_long", MAX_TITLE_CHARS
    if body_basis is not None and len(body_basis) > MAX_META_CHARS:
        return "basis_too_long", MAX_META_CHARS
    if len(text) > MAX_ENTRY_CHARS:
        return "text_too_long", MAX_ENTRY_CHARS
    return None


def _topics(value: object) -> tuple[str, ...]:
    """`topics: [a, b]` or `topics: a` as a tuple of strings."""
    if isinstance(value, list):
        return tuple(str(t) for t in value)
    return (str(value),) if value else ()


def _pop_basis(body: list[str]) -> str | None:
    """Take a trailing `Legal basis: ...` line off the body; it overrides the file's basis."""
    while body and not body[-1].strip():
        body.pop()
    if body and (match := BASIS_LINE.match(body[-1])):
        body.pop()
        return match.group("basis")
    return None


def _pop_phrasings(body: list[str]) -> tuple[str, ...]:
    """Take every `Also asked:` / `也问：` line out of the body (they are written right under the heading);
    repeated or empty phrasings are dropped."""
    found: list[str] = []
    kept: list[str] = []
    for line in body:
        match = PHRASING_LINE.match(line)
        if match is None:
            kept.append(line)
        elif match.group("phrasing") and match.group("phrasing") not in found:
            found.append(match.group("phrasing"))
    body[:] = kept
    return tuple(found)
