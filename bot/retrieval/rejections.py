"""Why a knowledge file, or a part of it, was refused: a code and its parameters, where it happened, and its
English line. The core says it in the reader's language (bot/core/rejections.py, the `kbr_<code>` sentences
of bot/core/texts.py); the logs, the index manifest and exceptions carry the English line. Imports nothing."""

from __future__ import annotations

from typing import Any

# The English of each reason, the same sentence as texts.py's `kbr_<code>` (tests/core/test_rejections.py keeps
# them equal): retrieval never reaches the core, and its logs and manifest are in English.
ENGLISH = {
    # the file as a whole (bot/retrieval/knowledge.py)
    "empty": "the file is empty",
    "too_large": "the file is larger than {kib} KiB",
    "binary": "the file is binary, not markdown text",
    "not_utf8": "the file is not UTF-8 text",
    "duplicate_file_id": "duplicate id '{file_id}' (already used by {other})",
    "no_sections": "no '## ' section: nothing to answer from",
    # its front matter
    "no_front_matter": "no front matter: the file must start with a '---' line",
    "front_matter_open": "the front matter is not closed by a '---' line",
    "bad_yaml": "the front matter is not valid YAML ({problem})",
    "not_mapping": "the front matter must be a mapping of keys to values",
    "yaml_alias": "YAML anchors and aliases (& and *) are not allowed",
    "too_many_topics": "front matter 'topics' has more than {limit} items",
    "field_too_long": "front matter '{field}' is longer than {limit} characters",
    "bad_id": "front matter 'id' is missing or not lowercase letters, digits and '-'",
    "no_title": "front matter 'title' is missing",
    "bad_lang": "front matter 'lang' is {value}; it must be 'en' or 'zh'",
    # its entries
    "duplicate_entry": "duplicate entry id '{entry}'",
    "bad_anchor": "anchor '{{#{anchor}}}' must be lowercase letters, digits and '-'",
    "empty_section": "a '## ' section needs a heading and some text under it",
    "heading_too_long": "this entry's heading is longer than {limit} characters",
    "basis_too_long": "this entry's 'Legal basis:' line is longer than {limit} characters",
    "text_too_long": "this entry's text is longer than {limit} characters: split it into entries",
    # an upload (bot/retrieval/build.py)
    "bad_name": "the name must end in .md and use letters, digits, '.', '_', '-'",
    "readme": "README files are not indexed; give the topic its own name",
    "upload_too_large": "larger than {kib} KiB",
    "id_taken": "id '{file_id}' is used by {path} (send {name} to replace it)",
    "name_taken": "{path} holds the topic '{file_id}'; choose another file name",
}


class Rejection(str):
    """A refusal, structured (`path`, `line`, `code`, `params`) for the core to say in the reader's language,
    and, as a str, its English line: "path:line: reason", or "path: reason" for the file as a whole."""

    path: str
    line: int | None
    code: str
    params: dict[str, Any]

    def __new__(cls, path: str, line: int | None, code: str, /, **params: Any) -> Rejection:
        where = path if line is None else f"{path}:{line}"
        made = super().__new__(cls, f"{where}: {ENGLISH[code].format(**params)}")
        made.path, made.line, made.code, made.params = path, line, code, params
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # copies and pickles keep the structure, not only the text
        return _rejection, (self.path, self.line, self.code, self.params)

    @property
    def where(self) -> str:
        """The file, and the line when there is one: "en/marking.md:3"."""
        return self.path if self.line is None else f"{self.path}:{self.line}"

    @property
    def reason(self) -> str:
        """The reason alone, in English."""
        return ENGLISH[self.code].format(**self.params)


def _rejection(path: str, line: int | None, code: str, params: dict[str, Any]) -> Rejection:
    return Rejection(path, line, code, **params)
