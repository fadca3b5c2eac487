"""The chat core's scene: a real Tracker on a SQLite file, the fake engine, people talking to the Dialog."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.core.buttons import decode
from bot.core.dialog import Dialog
from bot.core.intake import FIELDS
from bot.core.messages import MAX_BUTTON_DATA, Button, Document, Incoming, Reply
from bot.tracker.service import Tracker
from bot.tracker.values import NotificationView, Role
from tests.fakes.fake_services import OFFICER_CHAT, FakeServices, real_tracker

ALICE = 5_000_000_001  # an enterprise user (ids above 2**31, like real Telegram ids)
BOB = 5_000_000_002  # another enterprise
OSCAR = 6_000_000_001  # an officer
OLGA = 6_000_000_002  # another officer
ADA = 7_000_000_001  # an admin


@dataclass
class Chat:
    """One person talking to the Dialog in one chat; every reply's buttons are checked on the way."""

    dialog: Dialog
    user_id: int
    name: str = "Alice"
    language_code: str | None = "en"
    chat_id: int | None = None
    chat_type: str = "private"
    last: list[Reply] = field(default_factory=list)

    def send(self, text: str | None) -> list[Reply]:
        return self._handle(text=text)

    def press(self, data: str) -> list[Reply]:
        return self._handle(button=data)

    def press_label(self, label: str, replies: list[Reply] | None = None) -> list[Reply]:
        """Press the button whose label contains `label` under the given (else the last) replies."""
        return self.press(button(replies if replies is not None else self.last, label).data)

    def upload(self, file_name: str, data: bytes | None) -> list[Reply]:
        return self._handle(document=Document(file_name, len(data or b""), data))

    def skip_intake(self) -> list[Reply]:
        """The structured intake (after /problem's text or "Ask an officer") with every step skipped, then
        logged from its summary: the reply to the log press."""
        for name in FIELDS:
            self.press(data_in(self.last, f"in:{name}:-"))
        return self.press(data_in(self.last, "in:log:1"))

    def say(self, text: str) -> str:
        """The HTML of the (single) reply to `text`."""
        replies = self.send(text)
        assert len(replies) == 1, replies
        return replies[0].html

    def _handle(
        self, *, text: str | None = None, button: str | None = None, document: Document | None = None
    ) -> list[Reply]:
        incoming = Incoming(
            user_id=self.user_id,
            chat_id=self.chat_id if self.chat_id is not None else self.user_id,
            user_name=self.name,
            language_code=self.language_code,
            text=text,
            button=button,
            document=document,
            chat_type=self.chat_type,
        )
        self.last = self.dialog.handle(incoming)
        for reply in self.last:
            check_buttons(reply)
        return self.last


def check_buttons(reply: Reply) -> None:
    """Telegram's limit on callback data, and data the core itself can read back."""
    for row in reply.buttons:
        for b in row:
            assert len(b.data.encode()) <= MAX_BUTTON_DATA, b
            assert decode(b.data) is not None, b


def buttons_of(replies: list[Reply]) -> list[Button]:
    return [b for reply in replies for row in reply.buttons for b in row]


def button(replies: list[Reply], label: str) -> Button:
    found = [b for b in buttons_of(replies) if label in b.label]
    assert found, f"no button {label!r} in {[b.label for b in buttons_of(replies)]}"
    return found[0]


def data_in(replies: list[Reply], data: str) -> str:
    """`data`, checked to be on a button under `replies`."""
    assert data in [b.data for b in buttons_of(replies)], f"no button {data!r} in {labels(replies)}"
    return data


def labels(replies: list[Reply]) -> list[str]:
    return [b.label for b in buttons_of(replies)]


def html_of(replies: list[Reply]) -> str:
    return "\n".join(reply.html for reply in replies)


def drain(tracker: Tracker) -> list[NotificationView]:
    """Every pending notice, marked delivered: what the outbox sender would have sent."""
    notices = tracker.claim_notifications(limit=1000)
    for notice in notices:
        tracker.mark_delivered(notification_id=notice.id)
    return notices


def notices_to(tracker: Tracker, chat_id: int) -> list[NotificationView]:
    return [n for n in drain(tracker) if n.chat_id == chat_id]


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    return real_tracker(tmp_path)


@pytest.fixture
def services(tracker: Tracker) -> FakeServices:
    return FakeServices(tracker)


@pytest.fixture
def dialog(services: FakeServices) -> Dialog:
    return Dialog(services)


@pytest.fixture
def alice(dialog: Dialog) -> Chat:
    return Chat(dialog, ALICE, "Alice <Acme>")


@pytest.fixture
def bob(dialog: Dialog) -> Chat:
    return Chat(dialog, BOB, "Bob")


@pytest.fixture
def oscar(dialog: Dialog, tracker: Tracker) -> Chat:
    tracker.ensure_user(user_id=OSCAR, name="Oscar")
    tracker.grant_role(actor_id=None, user_id=OSCAR, role=Role.OFFICER)
    drain(tracker)
    return Chat(dialog, OSCAR, "Oscar")


@pytest.fixture
def olga(dialog: Dialog, tracker: Tracker) -> Chat:
    tracker.ensure_user(user_id=OLGA, name="Olga")
    tracker.grant_role(actor_id=None, user_id=OLGA, role=Role.OFFICER)
    drain(tracker)
    return Chat(dialog, OLGA, "Olga")


@pytest.fixture
def ada(dialog: Dialog, tracker: Tracker) -> Chat:
    tracker.ensure_user(user_id=ADA, name="Ada")
    tracker.grant_role(actor_id=None, user_id=ADA, role=Role.ADMIN)
    drain(tracker)
    return Chat(dialog, ADA, "Ada")


@pytest.fixture
def officer_chat(oscar: Chat) -> Chat:
    """Oscar speaking in the officers' group chat."""
    return Chat(oscar.dialog, OSCAR, "Oscar", chat_id=OFFICER_CHAT, chat_type="supergroup")
