"""The knowledge loop end to end: the real Application over HTTP to the fake Bot API, the real Dialog, Tracker,
embedding model and index (bot.app's services on a copy of knowledge/ in tmp_path; the repository's files are
never written). Declined -> /gaps -> "Answered by" -> answered; an officer's answer proposed, redacted,
approved -> answers the next enterprise; an upload previewed and cancelled changes nothing; an undo restores
the exact previous file and the answers as they were."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import Services, build_calculator, build_retrieval, build_tracker
from bot.core.dialog import Dialog
from bot.retrieval.embedder import Embedder
from bot.tracker.values import Role
from tests.conftest import REPO
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.fake_services import OFFICER_CHAT
from tests.fakes.telegram_doubles import running_bot, settings_for

pytestmark = pytest.mark.model

ALICE = 5_000_000_001  # an enterprise
BOB = 5_000_000_002  # the next enterprise
OSCAR = 6_000_000_001  # an officer
ADA = 7_000_000_001  # an admin
NAME = "Tester"  # the first name the fake Bot API gives everyone: the name the desk keeps
STAFF: dict[str, Any] = {"officer_chat_id": OFFICER_CHAT, "admin_ids": [ADA]}

# Declined today (the engine's best entries are about how to apply, not the guarantee) ...
DECLINED = "Our trainers are held at the port, what do we owe as security?"
PARAPHRASE = "Our trainers are being held at the port, what do we owe as a security?"
# ... and answered by this entry, once the question is one of its phrasings.
GUARANTEE_TITLE = "How much guarantee do I need on the application route, when I apply for detention myself?"
GUARANTEE_TEXT = "Under the application route the guarantee equals the value of the goods"
ANSWERED = "Who covers storage costs while goods are detained?"  # answered before anything changes


@pytest.fixture
def services(api: FakeBotAPI, tmp_path: Path, real_index: Path, real_embedder: Embedder) -> Services:
    """bot.app's real services on copies of knowledge/ and its index, and a SQLite file, in tmp_path."""
    shutil.copytree(REPO / "knowledge", tmp_path / "knowledge")
    shutil.copytree(real_index, tmp_path / "index")
    settings = settings_for(api, knowledge_dir=tmp_path / "knowledge", index_dir=tmp_path / "index",
                            database_url=f"sqlite:///{tmp_path / 'iprdesk.db'}", **STAFF)
    retriever, desk = build_retrieval(settings, real_embedder)
    built = Services(settings=settings, retriever=retriever, knowledge=desk, tracker=build_tracker(settings),
                     calculator=build_calculator(settings))
    built.tracker.ensure_user(user_id=OSCAR, name="Oscar")
    built.tracker.grant_role(actor_id=None, user_id=OSCAR, role=Role.OFFICER)
    return built


@pytest.fixture
def desk(api: FakeBotAPI, services: Services) -> Iterator[Services]:
    with running_bot(api, Dialog(services), services.tracker, **STAFF):
        yield services


class Talk:
    """One person's chat with the bot: send or press, then wait for the reply that says `words`."""

    def __init__(self, api: FakeBotAPI, user_id: int, chat_id: int | None = None) -> None:
        self.api, self.user_id = api, user_id
        self.chat_id = chat_id if chat_id is not None else user_id
        self.seen = 0

    def send(self, text: str, words: str = "") -> dict[str, Any]:
        self.api.send_text(self.user_id, text, chat_id=self.chat_id)
        return self.reply(words)

    def press(self, message: dict[str, Any], label: str, words: str = "") -> dict[str, Any]:
        self.api.press_button(self.user_id, button_data(message, label), message_id=message.get("message_id", 1),
                              chat_id=self.chat_id)
        return self.reply(words)

    def reply(self, words: str) -> dict[str, Any]:
        """The first message after those already seen that contains `words` (any next one for "")."""
        def found() -> dict[str, Any] | None:
            return next((m for m in self.api.messages(self.chat_id)[self.seen:] if words in m["text"]), None)

        self.api.wait_until(lambda: found() is not None, 30, f"{words!r} to {self.chat_id}")
        message = found()
        assert message is not None
        self.seen = self.api.messages(self.chat_id).index(message) + 1
        return message


def button_data(message: dict[str, Any], label: str) -> str:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    found = [b["callback_data"] for row in rows for b in row if label in b["text"]]
    assert found, f"no button {label!r} in {[b['text'] for row in rows for b in row]}"
    return str(found[0])


def labels(message: dict[str, Any]) -> list[str]:
    return [b["text"] for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def is_declined(message: dict[str, Any]) -> bool:
    """The desk's "not sure" answer: no entry shown, the officer offered."""
    return "Ask an officer" in labels(message) and GUARANTEE_TEXT not in message["text"]


def test_a_declined_question_is_answered_after_one_press_in_gaps_and_undo_puts_everything_back(
    api: FakeBotAPI, desk: Services, tmp_path: Path
) -> None:
    alice, ada = Talk(api, ALICE), Talk(api, ADA)
    route_file = tmp_path / "knowledge/en/application-route.md"
    before = route_file.read_bytes()
    answered_before = alice.send(ANSWERED)["text"]
    declined = alice.send(DECLINED)
    assert is_declined(declined)

    header = ada.send("/gaps", "Knowledge gaps")
    assert header["text"].startswith("<b>Knowledge gaps</b>: 1 questions in 1 groups")
    group = ada.reply(DECLINED)
    assert "(en 1; declined 1)" in group["text"]
    done = ada.press(group, "Answered by: How much guarantee", "phrasings added")
    assert done["text"] == (
        f"1 phrasings added to “{GUARANTEE_TITLE}” and indexed: those questions are answered from it now."
    )
    assert f"Also asked: {DECLINED}".encode() in route_file.read_bytes()

    assert GUARANTEE_TEXT in alice.send(DECLINED)["text"]  # the same question, now answered from the entry
    assert GUARANTEE_TEXT in Talk(api, BOB).send(PARAPHRASE)["text"]  # and a close paraphrase by someone else
    assert ada.send("/gaps", "No gaps")["text"] == "No gaps: every question was answered."
    assert again_pressed(ada, group) == f"Already handled by {NAME}: answered by an entry."

    history = ada.send("/kb history application-route", "Changes to application-route")
    assert f"{NAME} · other phrasings added: 1 phrasing(s) under “How much guarantee" in history["text"]
    undone = ada.send("/kb undo application-route", "application-route is back")
    assert "before the other phrasings added of" in undone["text"]
    assert route_file.read_bytes() == before  # the exact previous file
    assert is_declined(alice.send(DECLINED))
    assert alice.send(ANSWERED)["text"] == answered_before  # the index answers as it did


def again_pressed(ada: Talk, group: dict[str, Any]) -> str:
    """Another press on the settled group's button (as a second admin's stale message would be)."""
    return str(ada.press(group, "Answered by: How much guarantee", "Already handled")["text"])


PHOTOS = "Can customs e-mail us pictures of the goods it detained?"
RESOLUTION = (
    "Mr Li at Dalian customs (0411-82345678) can e-mail photos of the goods in container MSCU1234567 to the "
    "recorded contact. Ask the customs office holding the goods for photos; most offices send them by e-mail "
    "within 2 working days.\nLegal basis: Regulations Art. 17"
)
PHOTOS_ANSWER = "Ask the customs office holding the goods for photos; most offices send them by e-mail"


def test_an_officers_answer_is_proposed_redacted_approved_and_answers_the_next_enterprise(
    api: FakeBotAPI, desk: Services, tmp_path: Path
) -> None:
    alice, oscar = Talk(api, ALICE), Talk(api, OSCAR)
    ada, bob = Talk(api, ADA), Talk(api, BOB)
    first = alice.send(PHOTOS)
    assert PHOTOS_ANSWER not in first["text"]
    step = alice.press(first, "Ask an officer", "Which right")
    for _ in range(7):  # the intake, every step skipped
        step = alice.press(step, "Skip")
    alice.press(step, "Log it", "#1")
    Talk(api, OSCAR, OFFICER_CHAT).reply(PHOTOS)  # the officers' chat is told
    oscar.send("/take 1", "#1")
    closed = oscar.send(f"/close 1 {RESOLUTION}", "#1")
    proposed = oscar.press(closed, "Propose for the knowledge base", "as a draft")
    assert proposed["text"].startswith("#1's answer went to 1 admins as a draft")

    draft = ada.reply("Draft entry 1")  # from the outbox
    shown, removed = draft["text"].split("Removed:")
    assert f"## {PHOTOS}" in shown and "[name] at Dalian customs ([phone])" in shown
    for gone in ("Mr Li", "0411-82345678", "MSCU1234567"):
        assert gone not in shown and gone in removed, gone
    assert labels(draft) == ["Approve", "Edit", "Reject"]
    assert (tmp_path / "knowledge/uploads/officer-answers.md").exists() is False  # nothing before Approve
    approved = ada.press(draft, "Approve", "Published and indexed")
    assert approved["text"] == f"Published and indexed: “{PHOTOS}”."
    written = (tmp_path / "knowledge/uploads/officer-answers.md").read_text(encoding="utf-8")
    assert f"## {PHOTOS} {{#answer-1}}\n# approved by {NAME}" in written and "Mr Li" not in written
    assert not (REPO / "knowledge/uploads/officer-answers.md").exists()  # the repository's knowledge untouched

    answer = bob.send(PHOTOS, PHOTOS_ANSWER)
    assert "Regulations Art. 17" in answer["text"]  # the legal basis the officer gave
    for gone in ("Mr Li", "0411-82345678", "MSCU1234567", "approved by"):
        assert gone not in answer["text"], gone
    rejected = ada.press(draft, "Reject", "Already decided")
    assert rejected["text"] == f"Already decided by {NAME}; nothing more to do."


def test_an_upload_previewed_and_cancelled_changes_nothing(api: FakeBotAPI, desk: Services, tmp_path: Path) -> None:
    alice, ada = Talk(api, ALICE), Talk(api, ADA)
    knowledge, index = snapshot(tmp_path / "knowledge"), snapshot(tmp_path / "index")
    answered_before = alice.send(ANSWERED)["text"]
    route = (tmp_path / "knowledge/en/application-route.md").read_text(encoding="utf-8")
    changed = route.replace(GUARANTEE_TEXT, "Under the application route the guarantee is half the goods' value")
    assert changed != route

    api.send_document(ADA, "application-route.md", changed.encode("utf-8"))
    preview = ada.reply("is valid and replaces en/application-route.md")
    assert "Nothing has changed yet." in preview["text"] and f"Changed (1):\n• {GUARANTEE_TITLE}" in preview["text"]
    assert ada.press(preview, "Cancel", "Cancelled")["text"] == "Cancelled; nothing changed."

    assert snapshot(tmp_path / "knowledge") == knowledge and snapshot(tmp_path / "index") == index
    assert alice.send(ANSWERED)["text"] == answered_before
    assert ada.send("/kb history application-route", "application-route")["text"] == (
        "No change to application-route is kept yet."
    )
    published = ada.press(preview, "Publish", "Already decided")  # a stale Publish publishes nothing
    assert published["text"] == f"Already decided by {NAME}; nothing more to do."
    assert snapshot(tmp_path / "knowledge") == knowledge
