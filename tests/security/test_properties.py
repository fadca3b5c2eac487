"""Properties over arbitrary input: the knowledge parser, the command parser and the HTML rendering."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.core import commands
from bot.core.render import item_detail_html, markdown_html
from bot.core.texts import LANGS, TEXTS, placeholders, text
from bot.retrieval.knowledge import BASIS_LINE, parse_file
from bot.tracker.values import Category, ItemDetail, ItemKind, ItemView, Role, Status
from tests.security.test_injection import TagCollector

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CORE_TAGS = {"b", "i", "code"}


def tags_of(value: str) -> tuple[list[str], bool]:
    parser = TagCollector()
    parser.feed(value)
    parser.close()
    return parser.tags, parser.balanced and not parser.open


# -- the knowledge parser


@FAST
@given(st.binary(max_size=2000))
def test_the_knowledge_parser_never_raises_on_bytes(data: bytes) -> None:
    result = parse_file("x.md", data)
    assert all(e.line >= 1 for e in result.errors)
    assert result.sections or result.errors


FRONT = st.sampled_from(["---\nid: a\ntitle: T\nlang: en\n---\n", "---\n", "---\nid: [\n---\n", ""])


@FAST
@given(FRONT, st.text(max_size=1500))
def test_the_knowledge_parser_never_raises_on_text(front: str, body: str) -> None:
    for data in ((front + body).encode("utf-8", "surrogatepass"), (front + body).encode("utf-8", "replace")):
        result = parse_file("x.md", data)
        assert all(isinstance(e.line, int) and e.line >= 1 for e in result.errors)


WORD = st.text(st.characters(whitelist_categories=("L", "N"), max_codepoint=0x9FFF), min_size=1, max_size=12)
TITLE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
ANCHOR = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
BODY = st.lists(st.lists(WORD, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=4).map("\n".join)


@FAST
@given(st.lists(st.tuples(TITLE, ANCHOR, BODY), min_size=1, max_size=6, unique_by=lambda s: s[1]))
def test_a_valid_generated_file_round_trips_its_sections(sections: list[tuple[str, str, str]]) -> None:
    assume(all(not BASIS_LINE.match(body.splitlines()[-1]) for _, _, body in sections))
    parts = ["---\nid: gen\ntitle: Generated\nlang: en\n---\n"]
    parts += [f"\n## {title} {{#{anchor}}}\n\n{body}\n" for title, anchor, body in sections]
    result = parse_file("gen.md", "".join(parts).encode())

    assert result.errors == []
    assert [(s.title, s.anchor, s.text) for s in result.sections] == sections
    assert [s.id for s in result.sections] == [f"gen#{a}" for _, a, _ in sections]


# -- the command parser

MESSAGES = st.one_of(
    st.text(max_size=200),
    st.builds(lambda n, a: f"/{n} {a}", st.text(min_size=1, max_size=30), st.text(max_size=60)),
    st.builds(
        lambda n, b, a: f"/{n}@{b}{a}",
        st.sampled_from(sorted(commands.KNOWN)),
        st.text(max_size=20),
        st.text(max_size=40),
    ),  # fmt: skip
)


@FAST
@given(MESSAGES)
def test_the_command_parser_never_raises_and_reads_a_name_without_spaces(message: str) -> None:
    parsed = commands.parse(message)
    if parsed is None:
        assert not re.match(r"/\S", message.strip())  # "/" then a space is text, not a command
        return
    name, args = parsed
    assert name == name.lower() and not re.search(r"\s|@", name)
    assert args == args.strip()


@FAST
@given(MESSAGES, st.sampled_from(list(Role)))
def test_no_message_resolves_to_a_command_the_role_may_not_run(message: str, role: Role) -> None:
    parsed = commands.parse(message)
    if parsed is None:
        return
    command = commands.commands_of(role).get(parsed[0])
    everyone = {c.name: c for c in commands.EVERYONE}
    officers = {c.name: c for c in commands.OFFICERS}
    if command is None:
        return
    if role == Role.ENTERPRISE:
        assert command is everyone.get(parsed[0])  # never an officer's or an admin's
    elif role == Role.OFFICER:
        assert command in (everyone.get(parsed[0]), officers.get(parsed[0]))
        assert command not in commands.ADMINS


# -- HTML rendering

USER_TEXT = st.text(max_size=300)
KEYS_WITH_PARAMS = sorted(k for k in TEXTS if placeholders(TEXTS[k]["en"]))


@FAST
@given(st.sampled_from(KEYS_WITH_PARAMS), st.sampled_from(LANGS), USER_TEXT)
def test_user_text_in_any_sentence_adds_no_tag_and_reads_back_whole(key: str, lang: str, value: str) -> None:
    template = TEXTS[key][lang]
    filled = text(key, lang, **{name: value for name in placeholders(template)})
    tags, balanced = tags_of(filled)
    template_tags, _ = tags_of(template.format(**{name: "" for name in placeholders(template)}))

    assert set(tags) <= CORE_TAGS and balanced
    assert sorted(tags) == sorted(template_tags)  # only the tags the core wrote
    assert value in html.unescape(filled)


@FAST
@given(USER_TEXT)
def test_knowledge_markdown_gives_only_core_tags_properly_nested(value: str) -> None:
    tags, balanced = tags_of(markdown_html(value))
    assert set(tags) <= {"b", "code"} and balanced


@FAST
@given(USER_TEXT.filter(lambda s: s.strip()), USER_TEXT.filter(lambda s: s.strip()), st.sampled_from(LANGS))
def test_an_item_shown_in_full_reads_back_exactly(title: str, description: str, lang: str) -> None:
    now = datetime.now(UTC)
    item = ItemView(
        id=1, kind=ItemKind.PROBLEM, category=Category.OTHER, status=Status.OPEN, title=title,
        description=description, owner_id=5, owner_name="<x>", enterprise_name=None, assignee_id=None,
        assignee_name=None, resolution=None, created_at=now, updated_at=now, closed_at=None, version=1,
    )  # fmt: skip
    shown = item_detail_html(ItemDetail(item=item, history=()), lang)
    tags, balanced = tags_of(shown)

    assert set(tags) <= CORE_TAGS and balanced
    assert title in html.unescape(shown) and description in html.unescape(shown)
