"""Why a knowledge file was refused, in the admin's language: the parser and the upload return Rejections (a code,
its parameters, where), the core says them through texts.py; one size limit and one `.md` rule for everyone."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.channels.telegram.channel import TelegramOptions
from bot.core.computed import plain
from bot.core.dialog import Dialog
from bot.core.rejections import ERRORS_SHOWN, refusal_reason, rejection_list, rejection_text
from bot.core.texts import TEXTS, Html, placeholders, text
from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.editing import EditRefused
from bot.retrieval.embedder import FakeEmbedder
from bot.retrieval.knowledge import parse_file
from bot.retrieval.rejections import ENGLISH, Rejection
from bot.retrieval.reports import BuildFailed
from bot.retrieval.uploads import MAX_FILE_BYTES, is_markdown, within_limit
from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.core.conftest import ADA, Chat
from tests.fakes.fake_services import FakeServices

GOOD = b"---\nid: marking\ntitle: Marking\nlang: en\n---\n\n## Is a label needed? {#label}\n\nCustoms checks labels.\n"


def test_every_reason_code_has_its_sentence_in_both_languages_and_the_same_english() -> None:
    said = {key.removeprefix("kbr_") for key in TEXTS if key.startswith("kbr_")}

    assert said == set(ENGLISH)
    for code, english in ENGLISH.items():
        assert TEXTS[f"kbr_{code}"]["en"] == english, code
        params = {name: f"<{name}>" for name in placeholders(english)}  # every code can be said in both
        for lang in ("en", "zh"):
            said = rejection_text(Rejection("a.md", 3, code, **params), lang)
            assert said.startswith("a.md:3: ") and all(f"&lt;{name}&gt;" in said for name in params), (code, lang)


def test_a_parse_error_is_a_code_with_its_parameters_and_still_its_english_line() -> None:
    [error] = parse_file("en/x.md", GOOD.replace(b"{#label}", b"{#Not_OK}")).errors

    assert isinstance(error, Rejection)
    assert (error.path, error.line, error.code, error.params) == ("en/x.md", 7, "bad_anchor", {"anchor": "Not_OK"})
    assert error == "en/x.md:7: anchor '{#Not_OK}' must be lowercase letters, digits and '-'"
    assert plain(rejection_text(error, "en")) == error  # the CLI's English comes from texts.py and is the same
    assert rejection_text(error, "zh") == "en/x.md:7: 锚点“{#Not_OK}”必须由小写字母、数字和“-”组成"


def test_parameters_are_escaped_and_a_line_that_is_no_rejection_is_shown_as_it_is() -> None:
    hostile = Rejection("<b>.md", None, "bad_name")
    assert rejection_text(hostile, "en").startswith("&lt;b&gt;.md: the name must end in .md")
    assert rejection_text("old.md:1: <from an older index>", "zh") == "old.md:1: &lt;from an older index&gt;"
    many = [Rejection(f"f{i}.md", 1, "empty") for i in range(ERRORS_SHOWN + 2)]
    assert rejection_list(many, "zh").splitlines()[-1] == "… (+2)"
    assert rejection_list(many, "zh").splitlines()[0] == "• f0.md:1: 文件为空"


@pytest.fixture
def zh_admin(tmp_path: Path, tracker: Tracker) -> Chat:
    knowledge = tmp_path / "knowledge"
    (knowledge / "en").mkdir(parents=True)
    (knowledge / "en/base.md").write_bytes(GOOD.replace(b"marking", b"base"))
    desk = KnowledgeDesk(knowledge, tmp_path / "index", FakeEmbedder())
    desk.rebuild()
    tracker.ensure_user(user_id=ADA, name="Ada")
    tracker.grant_role(actor_id=None, user_id=ADA, role=Role.ADMIN)
    return Chat(Dialog(FakeServices(tracker, knowledge=desk)), ADA, "Ada", language_code="zh")  # type: ignore[arg-type]


def test_an_admin_reading_chinese_is_told_why_an_upload_was_refused_in_chinese(zh_admin: Chat) -> None:
    [reply] = zh_admin.upload("marking.md", GOOD.replace(b"lang: en", b"lang: fr"))

    errors = "• marking.md:2: " + text("kbr_bad_lang", "zh", value="'fr'")
    assert reply.html == text("upload_rejected", "zh", file="marking.md", errors=Html(errors))
    assert "必须是“en”或“zh”" in reply.html and "must be" not in reply.html


def test_an_upload_refused_by_its_name_or_its_size_is_told_in_chinese(zh_admin: Chat) -> None:
    [named] = zh_admin.upload("x y.md", GOOD)
    [large] = zh_admin.upload("big.md", GOOD + b"x" * MAX_FILE_BYTES)

    assert text("kbr_bad_name", "zh") in named.html
    assert f"big.md: 超过 {MAX_FILE_BYTES // 1024} KiB" in large.html


def test_one_size_limit_and_one_md_rule_for_the_channel_the_core_and_the_parser() -> None:
    assert TelegramOptions().max_document_bytes == MAX_FILE_BYTES == 512 * 1024
    assert within_limit(MAX_FILE_BYTES) and not within_limit(MAX_FILE_BYTES + 1)
    assert [is_markdown(n) for n in ("a.md", "A.MD", "a.md.txt", "a.markdown", "")] == [True, True, False, False, False]
    [too_large] = parse_file("en/x.md", GOOD + b"x" * MAX_FILE_BYTES).errors
    assert too_large.code == "too_large" and too_large.params == {"kib": 512}


def test_a_refused_edit_carrying_a_rejection_is_said_in_the_readers_language() -> None:
    refused = EditRefused(Rejection("uploads/a.md", 1, "duplicate_file_id", file_id="a", other="en/a.md"))

    assert str(refused) == "uploads/a.md:1: duplicate id 'a' (already used by en/a.md)"  # the logs' line
    assert refusal_reason(refused, "zh") == "uploads/a.md:1: id“a”重复（已被 en/a.md 使用）"
    assert refusal_reason(BuildFailed("OSError: disk full"), "zh") == "OSError: disk full"
