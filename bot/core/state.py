"""Per-chat conversation state: the walk-through step and recent questions, stored as a small JSON dict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How many recent questions a chat remembers: an "Ask an officer" button older than that has expired.
RECENT_QUESTIONS = 10
# Entry ids too long for button data get a short alias; a handful covers the buttons of the last messages.
RECENT_ALIASES = 12
# A question is kept whole up to this length (Telegram messages stop at 4096 characters anyway).
QUESTION_MAX = 4000

STEP_PROBLEM_CATEGORY = "problem_category"
STEP_PROBLEM_TEXT = "problem_text"
STEP_FOLLOW_UP = "follow_up"
# An officer's guided path (bot/core/officer.py): the next plain message is the reply, resolution or reason.
STEP_REPLY = "reply"
STEP_CLOSE = "close"
STEP_REOPEN = "reopen"  # enterprises too: the reason to reopen
# Steps that wait for a button press yet take typed text as something else (a category step takes it as the
# problem itself): a bare number typed there is "no such choice", not the text (bot/core/steps.py).
CHOICE_STEPS = frozenset({STEP_PROBLEM_CATEGORY})
# The calculator's walk-through (bot/core/calc.py): waiting for a typed value or date; `calc` holds the choice.
STEP_CALC_AMOUNT = "calc_amount"
STEP_CALC_DATE = "calc_date"
STEP_CALC_LIMIT = "calc_limit"
STEP_KB_EDIT = "kb_edit"  # an admin's corrected knowledge-base entry; `item_id` holds the draft's number


@dataclass
class Question:
    """A question asked in this chat; `item_id` is set once it has been escalated."""

    token: str
    text: str
    item_id: int | None = None
    entry: str | None = None  # the entry last shown for it: what a 👍/👎 under it judges


@dataclass
class ChatState:
    """What a chat is in the middle of; `counter` keeps tokens unique for the life of the chat."""

    step: str | None = None
    item_id: int | None = None  # the item a follow-up step adds to
    category: str | None = None  # the category picked in the problem walk-through
    calc: str | None = None  # the calculator's choice so far: a route, a time limit, or a date waiting for one
    # A walk-through's answers so far (the structured intake's fields, a recordation being added): short keys
    draft: dict[str, str] = field(default_factory=dict)
    counter: int = 0
    questions: list[Question] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChatState:
        """The state stored by `as_dict`; anything unreadable starts afresh rather than failing the chat."""
        try:
            questions = [_question(*row) for row in data.get("q", [])]
            return cls(
                step=data.get("step"),
                item_id=_int_or_none(data.get("item")),
                category=data.get("cat"),
                calc=data.get("calc"),
                draft={str(k): str(v) for k, v in data.get("d", {}).items()},
                counter=int(data.get("n", 0)),
                questions=questions,
                aliases={str(k): str(v) for k, v in data.get("alias", {}).items()},
            )
        except (TypeError, ValueError):
            return cls()

    def as_dict(self) -> dict[str, Any]:
        """A compact JSON-able form: short keys, empty parts left out."""
        data: dict[str, Any] = {"n": self.counter}
        if self.step:
            data.update(step=self.step, item=self.item_id, cat=self.category)
            if self.calc:
                data["calc"] = self.calc
            if self.draft:
                data["d"] = dict(self.draft)
        if self.questions:
            data["q"] = [[q.token, q.text, q.item_id, *([q.entry] if q.entry else [])] for q in self.questions]
        if self.aliases:
            data["alias"] = dict(self.aliases)
        return data

    def enter(
        self, step: str, *, item_id: int | None = None, category: str | None = None, calc: str | None = None
    ) -> None:
        self.step, self.item_id, self.category, self.calc = step, item_id, category, calc

    def leave(self) -> None:
        """Leave any walk-through."""
        self.step, self.item_id, self.category, self.calc = None, None, None, None
        self.draft = {}

    def remember_question(self, question: str, entry: str | None = None) -> str:
        """Keep `question` (answered by `entry`) under a new token, forgetting the oldest beyond RECENT_QUESTIONS."""
        token = self._next_token()
        self.questions.append(Question(token, question[:QUESTION_MAX], entry=entry))
        del self.questions[:-RECENT_QUESTIONS]
        return token

    def question(self, token: str) -> Question | None:
        return next((q for q in self.questions if q.token == token), None)

    def alias(self, value: str) -> str:
        """A short token standing for `value` (an entry id too long for button data)."""
        for token, known in self.aliases.items():
            if known == value:
                return token
        token = self._next_token()
        self.aliases[token] = value
        while len(self.aliases) > RECENT_ALIASES:
            del self.aliases[next(iter(self.aliases))]  # dicts keep insertion order: the oldest goes
        return token

    def _next_token(self) -> str:
        self.counter += 1
        return _base36(self.counter)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def _question(token: Any, text: Any, item_id: Any, entry: Any = None) -> Question:
    """A stored question: [token, text, item id] and, since answer feedback is kept, the entry shown."""
    return Question(str(token), str(text), _int_or_none(item_id), None if entry is None else str(entry))


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)
