"""What a typed message means while a step is pending, and when none is.

The mechanism, for every walk-through (the problem, a follow-up, an officer's reply or resolution, a reason,
the calculator's values):
- a step is `ChatState.step` (+ `item_id`); the next plain message is its answer, numbers included, except in
  the steps of `CHOICE_STEPS` (bot/core/state.py), which wait for a button press, and in `WORDS_STEPS`, whose
  text goes to a person or into the record: a bare number there is a missed button press, not the text;
- a bare number (`7`, `#7`) is never a question: when no step takes it as text (`before_question`, the last
  check before the question path), or the step is one of CHOICE_STEPS (`not_a_choice`, the first check), it
  is answered "there is no choice numbered 7 here" (the terminal chat turns a number that matches a button
  shown into that press before the core sees it, so a number that arrives here matched none);
- a command while a step is pending says so: the read-only ones (KEEPS_STEP) keep the step and remind of
  it; any other leaves it and says what is no longer awaited (unless it acts on the step's own item, as
  `/reply 1 TEXT` while #1's reply was awaited); /cancel cancels it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core import buttons, commands, officer, proposals, reopening
from bot.core.messages import Reply
from bot.core.state import (
    CHOICE_STEPS,
    QUESTION_MAX,
    STEP_CLOSE,
    STEP_FOLLOW_UP,
    STEP_KB_EDIT,
    STEP_PROBLEM_CATEGORY,
    STEP_REOPEN,
    STEP_REPLY,
)
from bot.core.texts import TEXTS, Html
from bot.core.turn import Turn, parse_item_id

# Commands that only show something: the step survives them (the person looked something up mid-way).
KEEPS_STEP = frozenset({"help", "start", "mine", "status", "queue", "stats", "users", "lang"})
_NUMBER = re.compile(r"#?\s*([0-9０-９]{1,9})")
# Greetings (compared lowercased, without punctuation): a short greeting, not "I'm not sure".
GREETINGS = frozenset(
    {"hi", "hello", "hey", "hallo", "good morning", "good afternoon", "good evening", "ok", "okay", "你好", "您好",
     "嗨", "哈喽", "早上好", "下午好", "晚上好", "好的"}
)
# Thanks, compared the same way: "you're welcome", not "Hello!".
THANKS = frozenset(
    {"thanks", "thank you", "thank you very much", "thanks a lot", "many thanks", "thanks so much", "thx", "ty",
     "谢谢", "谢谢你", "谢谢您", "多谢", "感谢", "感谢您", "非常感谢", "太感谢了", "谢啦"}
)
_WORDLESS = re.compile(r"[\W_]*")  # emoji, punctuation and spaces only

StepHandler = Callable[[Turn, int, str], list[Reply]]
# Steps whose text is sent to someone or kept in the record: "5" there is a numbered button missed (the terminal
# chat and WeCom number buttons), never a reply, resolution, reason or follow-up.
WORDS_STEPS = frozenset({STEP_REPLY, STEP_CLOSE, STEP_REOPEN, STEP_FOLLOW_UP, STEP_KB_EDIT})


# Steps about one item: the handler gets the item and the text (the step is left before it runs).
ITEM_STEPS: dict[str, StepHandler] = {
    STEP_REPLY: officer.send_reply,
    STEP_CLOSE: officer.close_item,
    STEP_REOPEN: reopening.reopen_item,
    STEP_KB_EDIT: proposals.edited,  # the "item" is the draft's number
}


def run_command(turn: Turn, name: str, args: str) -> list[Reply]:
    """The command, and a word about the pending step it kept or ended."""
    pending, item_id = turn.state.step, turn.state.item_id
    if pending is None or name == "cancel":
        return commands.run(turn, name, args)
    if name in KEEPS_STEP:
        return [*commands.run(turn, name, args), _still_waiting(turn, pending, item_id)]
    turn.state.leave()
    if item_id is not None and parse_item_id(args) == item_id:  # `/reply 1 …` while #1's reply was awaited
        return commands.run(turn, name, args)
    note = Reply(turn.t("step_left", what=_awaited(turn, pending, item_id)))
    return [note, *commands.run(turn, name, args)]


def _still_waiting(turn: Turn, step: str, item_id: int | None) -> Reply:
    """The reminder after a look-up; a category step's buttons come again with it (the first ones may be far
    up the chat, or gone: the terminal chat and WeCom number only the last message's)."""
    what = _awaited(turn, step, item_id)
    if step == STEP_PROBLEM_CATEGORY:
        return Reply(turn.t("step_still_choice", what=what), buttons.categories(turn.lang))
    return Reply(turn.t("step_still", what=what))


def _awaited(turn: Turn, step: str, item_id: int | None) -> Html:
    """What the step waits for: its own words, else its family's (`intake_port`: the intake's, `rec_date`: the
    recordation's), else "your answer"."""
    family = step.split("_", 1)[0]
    key = next((k for k in (f"what_{step}", f"what_{family}") if k in TEXTS), "what_other")
    return turn.t(key, item=item_id if item_id is not None else "?")


def not_a_choice(turn: Turn, message: str) -> list[Reply] | None:
    """In a step of CHOICE_STEPS or WORDS_STEPS, a bare number is a button that is not there, not the step's
    text (the step stays)."""
    number = _NUMBER.fullmatch(message.strip())
    step = turn.state.step
    if number is None or step is None:
        return None
    if step in WORDS_STEPS:
        what = _awaited(turn, step, turn.state.item_id)
        return turn.say("no_such_choice_words", number=int(number[1]), what=what)
    return _no_such_choice(turn, int(number[1])) if step in CHOICE_STEPS else None


def before_question(turn: Turn, message: str) -> list[Reply] | None:
    """For a typed message no step took: a bare number, a greeting or an over-long text is answered here
    (None: it is a question). A pending step that waits for a button stays pending."""
    number = _NUMBER.fullmatch(message.strip())
    if number is not None:
        return _no_such_choice(turn, int(number[1]))
    if is_thanks(message):
        return turn.say("thanks_reply")
    if _words(message) in GREETINGS or _WORDLESS.fullmatch(message):
        return turn.say("greeting")
    if len(message) > QUESTION_MAX:
        return turn.say("question_too_long", limit=QUESTION_MAX)
    return None


def is_thanks(message: str) -> bool:
    """The whole message is thanks ("Thanks!", "谢谢"): never a question, nor a step's answer."""
    return _words(message) in THANKS


def _words(message: str) -> str:
    """Lowercased, without the punctuation around it, single-spaced: as GREETINGS and THANKS are written."""
    return " ".join(message.lower().strip(" !.,。！，~～").split())


def _no_such_choice(turn: Turn, number: int) -> list[Reply]:
    if turn.state.step == STEP_PROBLEM_CATEGORY:  # the buttons again, right under the answer
        return turn.say("no_such_choice_step", buttons.categories(turn.lang), number=number)
    if turn.state.step is not None:
        return turn.say("no_such_choice_step", number=number)
    return turn.say("no_such_choice", number=number)


def on_step(turn: Turn, message: str) -> list[Reply] | None:
    """The pending item step's handling of `message`, or None when no such step is pending. A resolution or
    reason over the tracker's limit keeps its step (checked before it is left, so the text is not refused
    after it: a reply is sent in parts instead)."""
    step = turn.state.step or ""
    handler = ITEM_STEPS.get(step)
    item_id = turn.state.item_id
    if handler is None or item_id is None:
        return None
    if (too_long := officer.over_limit(turn, step, item_id, message)) is not None:
        return too_long
    turn.state.leave()
    return handler(turn, item_id, message)

