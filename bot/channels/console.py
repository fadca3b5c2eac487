"""The terminal chat: the Telegram conversation, typed and read in a terminal (stdin/stdout injectable)."""

from __future__ import annotations

import re
import sys
from html import unescape
from typing import TYPE_CHECKING, TextIO

from bot.channels.choices import Choices
from bot.core.dialog import Dialog
from bot.core.messages import Incoming, Reply
from bot.core.texts import text
from bot.tracker.values import STAFF

if TYPE_CHECKING:
    from bot.app import Services

QUIT = "/quit"
NAME = "Console"
PROMPT = "> "
NOTICE_MARK = "🔔 "  # a notice is not an answer to what was typed: mark it as such
_TAG = re.compile(r"<[^>]+>")


def run_console(
    services: Services,
    dialog: Dialog,
    *,
    role: str = "enterprise",
    user_id: int = 1,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    """Chat as `user_id`, who already holds `role` (bot.app grants it), until /quit or end of input; returns
    the exit status (0)."""
    chats = {user_id}
    if role in STAFF and services.settings.officer_chat_id is not None:
        chats.add(services.settings.officer_chat_id)
    console = Console(services, dialog, user_id, chats, stdout)
    console.banner(role)
    console.deliver_notices()  # e.g. "you are now an officer"
    for line in iter(lambda: _read(stdin, stdout), None):
        if line.strip() == QUIT:
            break
        console.turn(line)
    return 0


def _read(stdin: TextIO, stdout: TextIO) -> str | None:
    """The next line typed, None at end of input."""
    stdout.write(PROMPT)
    stdout.flush()
    line = stdin.readline()
    return line.rstrip("\n") if line else None


def plain(html: str) -> str:
    """Telegram HTML as terminal text: tags dropped, entities decoded (user text was escaped, so kept)."""
    return unescape(_TAG.sub("", html))


class Console:
    """One terminal user: prints replies with numbered buttons and the notices addressed to their chats."""

    def __init__(
        self, services: Services, dialog: Dialog, user_id: int, chats: set[int], out: TextIO
    ) -> None:
        self.services, self.dialog, self.user_id, self.chats, self.out = services, dialog, user_id, chats, out
        self.choices = Choices()  # the buttons shown since the last line typed

    def banner(self, role: str) -> None:
        user = self.services.tracker.get_user(user_id=self.user_id)
        lang = user.language if user else None
        self._print(text("console_banner", lang, role=text(f"role_{role}", lang), user=self.user_id))

    def turn(self, line: str) -> None:
        """Send the line (or press the numbered button), show the replies, then the notices it caused."""
        pressed = self.choices.pick(line)
        self.choices.clear()
        incoming = Incoming(
            user_id=self.user_id,
            chat_id=self.user_id,
            user_name=NAME,
            text=None if pressed else line,
            button=pressed.data if pressed else None,
        )
        for reply in self.dialog.handle(incoming):
            self.show(reply)
        self.deliver_notices()

    def show(self, reply: Reply, mark: str = "") -> None:
        """The reply's text, then its buttons as numbered choices, one row a line."""
        lines = [mark + plain(reply.html), *self.choices.number(reply.buttons)]
        self._print("\n".join(lines))

    def deliver_notices(self) -> None:
        """Print the notices for this user's chats; the others are given straight back, still pending."""
        tracker = self.services.tracker
        for notice in tracker.claim_notifications(limit=100, lease_s=0):
            if notice.chat_id in self.chats:
                self.show(self.dialog.render_notification(notice), NOTICE_MARK)
                tracker.mark_delivered(notification_id=notice.id)

    def _print(self, message: str) -> None:
        self.out.write(message + "\n\n")
        self.out.flush()
