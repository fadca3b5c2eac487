"""Admins: roles for anyone (even someone who never wrote to the bot) and the knowledge base."""

from __future__ import annotations

from bot.tracker.service import Tracker
from bot.tracker.values import Role
from tests.core.conftest import ADA, Chat, drain
from tests.fakes.fake_services import FakeServices

NEWCOMER = 8_000_000_001


def test_grant_works_for_someone_who_never_wrote(ada: Chat, tracker: Tracker) -> None:
    assert ada.say(f"/grant {NEWCOMER} officer") == (
        f"User {NEWCOMER} has never written to the bot; they are an officer from their first message."
    )
    assert tracker.get_user(user_id=NEWCOMER).role == Role.OFFICER  # type: ignore[union-attr]
    (notice,) = drain(tracker)
    assert notice.chat_id == NEWCOMER
    assert (
        ada.dialog.render_notification(notice).html
        == "You are now an officer. Send /help to see your commands."
    )


def test_the_new_officer_can_use_officer_commands_at_once(
    ada: Chat, dialog: object, tracker: Tracker
) -> None:
    ada.send(f"/grant {NEWCOMER} OFFICER")
    newcomer = Chat(ada.dialog, NEWCOMER, "Nick")
    assert newcomer.say("/queue") == "Nothing waiting: the list is at zero."


def test_revoke_makes_an_enterprise_user_again(ada: Chat, oscar: Chat, tracker: Tracker) -> None:
    assert ada.say(f"/revoke {oscar.user_id}") == f"User {oscar.user_id} is an enterprise user again."
    assert oscar.say("/queue") == "That command is not available to you."


def test_the_last_admin_cannot_revoke_themselves(ada: Chat) -> None:
    assert ada.say(f"/revoke {ADA}") == "That would leave no administrator: make someone else an admin first."
    ada.send("/lang zh")
    assert ada.say(f"/revoke {ADA}") == "这样将没有管理员：请先将其他人设为管理员。"


def test_grant_and_revoke_usage(ada: Chat) -> None:
    usage = "Usage: /grant USER_ID ROLE (enterprise, officer or admin)"
    assert [ada.say(c) for c in ("/grant", "/grant 5", "/grant x officer", f"/grant {NEWCOMER} king")] == [
        usage
    ] * 4
    assert ada.say("/revoke") == ada.say("/revoke a b") == "Usage: /revoke USER_ID"


# Uploads are previewed, then published: tests/core/test_knowledge_loop.py, on the real knowledge desk.


def test_only_markdown_and_only_files_that_arrived(ada: Chat, services: FakeServices) -> None:
    assert ada.upload("rules.pdf", b"%PDF")[0].html == "Only .md files can be uploaded."
    assert ada.upload("huge.md", None)[0].html == "That file is too large to take."
    assert services.knowledge.uploads == []


def test_reindex_reports_the_figures(ada: Chat, services: FakeServices) -> None:
    assert ada.say("/reindex") == (
        "Index rebuilt: 42 sections (3 embedded, 39 reused) in 1.2 s.\n\n"
        "Files skipped:\n• broken.md:1: missing front matter"
    )
    assert services.knowledge.rebuilds == 1
