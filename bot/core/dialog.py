"""The conversation: one Incoming in, the replies out; platform-free and synchronous."""

from __future__ import annotations

import dataclasses

from bot.core import calc, casework, commands, enterprise, kb, questions, steps
from bot.core.errors import explain
from bot.core.limits import RateLimiter
from bot.core.messages import Incoming, Reply
from bot.core.notifications import render_notification
from bot.core.ports import ServicesPort
from bot.core.presses import on_button
from bot.core.state import (
    STEP_CALC_AMOUNT,
    STEP_CALC_DATE,
    STEP_FOLLOW_UP,
    STEP_PROBLEM_CATEGORY,
    STEP_PROBLEM_TEXT,
    ChatState,
)
from bot.core.texts import normalize_lang, text
from bot.core.turn import Turn, first_language
from bot.tracker.errors import TrackerError, Unavailable
from bot.tracker.values import NotificationView, Role, UserView


class Dialog:
    """Commands, questions and buttons of every role; per-chat state lives in the tracker's database."""

    def __init__(self, services: ServicesPort, *, limiter: RateLimiter | None = None) -> None:
        self.services = services
        # One limiter for the life of this Dialog (one per process): see bot/core/limits.py.
        self.limiter = limiter or RateLimiter.from_settings(services.settings)

    def handle(self, incoming: Incoming) -> list[Reply]:
        """The replies to one message or button press (tracker errors become short user messages)."""
        if not incoming.sender_is_person:
            return self._not_a_person(incoming)
        try:
            return self._handle(incoming)
        except Unavailable:
            # The database is locked or restarting: nothing of this turn was saved, so "send it again".
            return [Reply(text("busy", incoming.language_code))]

    @staticmethod
    def _not_a_person(incoming: Incoming) -> list[Reply]:
        """A one-line hint, and nothing touched (no user row, no chat state): the identity is shared, so
        acting on it would let one company see and change another's items. Group chatter gets no hint."""
        text_ = (incoming.text or "").strip()
        private = incoming.chat_type == "private"
        if private or incoming.button is not None or text_.startswith("/"):
            return [Reply(text("not_a_person", incoming.language_code))]
        return []

    def _handle(self, incoming: Incoming) -> list[Reply]:
        tracker = self.services.tracker
        state = ChatState.from_dict(tracker.get_chat_state(chat_id=incoming.chat_id))
        stored = state.as_dict()
        turn = Turn(self.services, incoming, self._user(incoming), state, self.limiter)
        try:
            replies = self._dispatch(turn)
        except TrackerError as error:
            replies = explain(turn, error)
        if state.as_dict() != stored:
            tracker.set_chat_state(chat_id=incoming.chat_id, state=state.as_dict())
        return replies

    def accepts_document(self, incoming: Incoming) -> bool:
        """Whether a file from this sender is worth fetching: only an admin's can become a knowledge file.
        Read-only, so a channel may ask before it downloads anything."""
        if not incoming.sender_is_person:
            return False
        if incoming.chat_type != "private":  # uploads in a private chat only: a group gets a hint, no fetch
            return False
        user = self.services.tracker.get_user(user_id=incoming.user_id)
        return user is not None and user.role == Role.ADMIN

    def render_notification(self, n: NotificationView) -> Reply:
        """The outbox notice as a message to `n.chat_id`, in `n.lang`."""
        return render_notification(self.services, n)

    def commands(self, role: Role | str, lang: str) -> list[tuple[str, str]]:
        """(command, description) pairs for Telegram's command menu of `role` in `lang`."""
        return commands.menu(role, normalize_lang(lang))

    def _user(self, incoming: Incoming) -> UserView:
        """The user, created on first contact; the language of the first message (else the platform's) is
        remembered then, so that the whole conversation and the notices (sent when the user is not talking)
        are in it. /lang changes it later."""
        tracker = self.services.tracker
        user = tracker.ensure_user(user_id=incoming.user_id, name=incoming.user_name)
        first = first_language(incoming)
        if user.language is None and first:
            language = normalize_lang(first)
            tracker.set_language(user_id=incoming.user_id, language=language)
            user = dataclasses.replace(user, language=language)
        if user.channel != incoming.channel:  # written to only when the person switched channels
            tracker.use_channel(user_id=incoming.user_id, channel=incoming.channel)
            user = dataclasses.replace(user, channel=incoming.channel)
        return user

    def _dispatch(self, turn: Turn) -> list[Reply]:
        incoming = turn.incoming
        private = incoming.chat_type == "private"
        if incoming.button is not None:
            return on_button(turn, incoming.button)
        if (on_file := casework.on_file(turn)) is not None:  # a photo or document for an item (or a guide)
            return on_file
        if incoming.document is not None:
            if turn.is_admin:  # previewed first, published on a press; in a private chat only (kb.py)
                return kb.preview_upload(turn, incoming.document)
            return turn.say("document_refused") if private else []
        message = (incoming.text or "").strip()
        command = commands.parse(message)
        if command is not None:
            name, args = command
            return steps.run_command(turn, name, args)  # a pending step is kept or left, and either is said
        if not private:  # in groups, the officers' chat included, only commands are for the bot
            return []
        if not message:
            return turn.say("no_text")
        return self._on_text(turn, message)

    def _on_text(self, turn: Turn, message: str) -> list[Reply]:
        """Plain text: the walk-through's next answer, or else a question."""
        step = turn.state.step
        if (choice := steps.not_a_choice(turn, message)) is not None:
            return choice
        if (casework_step := casework.on_text(turn, message)) is not None:  # intake, score comment, recordation
            return casework_step
        if step == STEP_PROBLEM_TEXT:
            return enterprise.describe_problem(turn, message)
        if (
            step == STEP_PROBLEM_CATEGORY
        ):  # typed instead of pressing a category: log it, ask the category after
            return enterprise.log_problem(turn, message)
        if step == STEP_FOLLOW_UP and turn.state.item_id is not None:
            return enterprise.add_followup(turn, turn.state.item_id, message)
        if step in (STEP_CALC_AMOUNT, STEP_CALC_DATE):
            return calc.on_text(turn, message)
        if (done := steps.on_step(turn, message)) is not None:  # an officer's reply or resolution, a reason
            return done
        if (early := steps.before_question(turn, message)) is not None:  # a number, a greeting, too long
            return early
        turn.state.leave()  # a question instead of pressing a time limit's button: the stored date is dropped
        return questions.ask(turn, message)
