"""What an enterprise does with its own items: log a problem, follow it, add to it, close and reopen it."""

from __future__ import annotations

from bot.core import buttons, intake, officer
from bot.core.card_casework import case_rows
from bot.core.messages import Reply
from bot.core.parts import split_text
from bot.core.render import HISTORY_SHOWN, category_name, history_line, item_detail_html, item_lines
from bot.core.state import STEP_FOLLOW_UP, STEP_PROBLEM_CATEGORY, STEP_PROBLEM_TEXT
from bot.core.texts import Html, shorten
from bot.core.turn import Rows, Turn, split_item_and_text
from bot.tracker.values import ACTIVE, FINISHED, TEXT_MAX, Category, ItemView

PROBLEM_TITLE_MAX = 100  # the queue shows titles; the whole text is the description
WHOLE_WORDS = ("full", "all", "全部", "全文")  # `/status N full`: the history's texts whole
WHOLE_MESSAGE_CHARS = 3500  # history lines per message in `/status N full`; one text may still be longer


def problem(turn: Turn, args: str) -> list[Reply]:
    """`/problem TEXT` logs at once and asks for the category; `/problem` alone starts the walk-through."""
    if args.strip():
        return log_problem(turn, args.strip())
    turn.state.enter(STEP_PROBLEM_CATEGORY)
    return turn.say("problem_pick_category", buttons.categories(turn.lang))


def log_problem(turn: Turn, description: str) -> list[Reply]:
    """Log a problem under "other" and offer the category buttons for it; first "Add to #N instead?" when the
    enterprise has an open item like it (bot/core/intake.py). Thanks typed at the category step are no problem:
    "you're welcome" and the category question again."""
    if turn.state.step == STEP_PROBLEM_CATEGORY and _is_thanks(description):
        return _thanked(turn, turn.say("problem_pick_category", buttons.categories(turn.lang)))
    if (offer := intake.quick(turn, description)) is not None:
        return offer
    if refused := turn.over_limit("item"):
        turn.state.leave()
        return refused
    item, parts = _raise(turn, description, Category.OTHER)
    return logged_quick(turn, item, parts)


def logged_quick(turn: Turn, item: ItemView, parts: int) -> list[Reply]:
    """The reply to a problem logged at once: its number, what happens next, the category buttons."""
    lines = [turn.t("problem_logged", item=item.id), *_next_lines(turn, item.id, parts), turn.t("pick_category")]
    return [Reply(Html("\n".join(lines)), buttons.categories(turn.lang, item.id))]


def _next_lines(turn: Turn, item_id: int, parts: int) -> list[Html]:
    """What happens next (an officer answers here, how to follow it), and whether a long text was cut in parts."""
    lines = [turn.t("what_next", item=item_id)]
    if parts > 1:
        lines.append(turn.t("kept_in_parts", limit=TEXT_MAX, parts=parts))
    return lines


def pick_category(turn: Turn, category: Category) -> list[Reply]:
    """The walk-through's category button: next, the description (a button of a walk-through that is over
    is told so, rather than starting one behind the person's back)."""
    if turn.state.step not in (STEP_PROBLEM_CATEGORY, STEP_PROBLEM_TEXT):
        return turn.say("button_stale")
    turn.state.enter(STEP_PROBLEM_TEXT, category=category.value)
    return turn.say("problem_describe")


def describe_problem(turn: Turn, description: str) -> list[Reply]:
    """The text, under the category picked before; then the structured intake (bot/core/intake.py), whose
    summary logs it. Thanks are not the text: "you're welcome" and the step's question again."""
    if _is_thanks(description):
        return _thanked(turn, turn.say("problem_describe"))
    return intake.start(turn, description, Category(turn.state.category or Category.OTHER))


def _is_thanks(message: str) -> bool:
    from bot.core import steps  # steps imports the commands, which import this module

    return steps.is_thanks(message)


def _thanked(turn: Turn, question: list[Reply]) -> list[Reply]:
    """The step's question again, led by "you're welcome" in the same message (as the intake does)."""
    [asked] = question
    return [Reply(Html(turn.t("thanks_in_step") + "\n\n" + asked.html), asked.buttons)]


def _raise(turn: Turn, description: str, category: Category) -> tuple[ItemView, int]:
    """The item, and in how many parts its text was kept: beyond the tracker's limit the rest follows as
    follow-ups, so a long message is never refused and lost."""
    first, *rest = split_text(description)
    tracker = turn.services.tracker
    item = tracker.raise_item(
        actor_id=turn.user_id, title=shorten(first, PROBLEM_TITLE_MAX), description=first, category=category
    )
    for part in rest:
        tracker.follow_up(actor_id=turn.user_id, item_id=item.id, text=part)
    turn.state.leave()
    return item, 1 + len(rest)


def set_category(turn: Turn, item_id: int, category: Category) -> list[Reply]:
    turn.services.tracker.set_category(actor_id=turn.user_id, item_id=item_id, category=category)
    return turn.say("category_set", item=item_id, category=category_name(category, turn.lang))


def mine(turn: Turn, args: str) -> list[Reply]:
    items = turn.services.tracker.my_items(actor_id=turn.user_id)
    if not items:
        return turn.say("mine_empty")
    return [Reply(Html("\n".join([turn.t("mine_header"), *item_lines(items, turn.lang)])))]


def status(turn: Turn, args: str) -> list[Reply]:
    """One item with its history, and the next thing its reader can do with it."""
    item_id, rest = split_item_and_text(args)
    if item_id is None:
        return turn.say("usage_status")
    if rest.lower() in WHOLE_WORDS:
        return whole_history(turn, item_id)
    if turn.is_staff:  # officers see the one view, with everything needed to answer
        return officer.view(turn, item_id)
    detail = turn.services.tracker.item_detail(actor_id=turn.user_id, item_id=item_id)
    rows = (*_status_rows(turn, detail.item), *case_rows(turn, detail.item))  # its files: sent again on a press
    return [Reply(item_detail_html(detail, turn.lang), rows)]


def whole_history(turn: Turn, item_id: int) -> list[Reply]:
    """`/status N full`: the newest history lines with their texts whole, a few lines to a message."""
    detail = turn.services.tracker.item_detail(actor_id=turn.user_id, item_id=item_id)
    replies: list[Reply] = []
    lines = [turn.t("history_whole", item=item_id)]
    for entry in detail.history[-HISTORY_SHOWN:]:
        line = history_line(entry, turn.lang, whole=True)
        if sum(map(len, lines)) + len(line) > WHOLE_MESSAGE_CHARS:
            replies.append(Reply(Html("\n\n".join(lines))))
            lines = []
        lines.append(line)
    return [*replies, Reply(Html("\n\n".join(lines)))]


def _status_rows(turn: Turn, item: ItemView) -> Rows:
    if turn.is_staff and item.status in ACTIVE and item.assignee_id != turn.user_id:
        return ((buttons.take(item.id, turn.lang),),)
    if item.owner_id != turn.user_id:
        return ()
    if item.status in FINISHED:
        return ((buttons.reopen(item.id, turn.lang),),)
    return ((buttons.add_message(item.id, turn.lang),),)


def close_own(turn: Turn, args: str) -> list[Reply]:
    """`/close N [REASON]`: the reason, when given, stays in the item's history."""
    item_id, reason = split_item_and_text(args)
    if item_id is None:
        return turn.say("usage_close")
    if refused := turn.over_limit("status"):
        return refused
    turn.services.tracker.close_own(actor_id=turn.user_id, item_id=item_id, reason=reason or None)
    return turn.say("closed_own", item=item_id)


def followup(turn: Turn, args: str) -> list[Reply]:
    """`/followup N TEXT` adds at once; without N it means the only open item; without TEXT it asks for it."""
    item_id, rest = split_item_and_text(args)
    if item_id is None:
        open_items = turn.services.tracker.open_items_of(actor_id=turn.user_id)
        if not open_items:
            return turn.say("followup_none")
        if len(open_items) > 1:
            return turn.say("followup_which")
        item_id = open_items[0].id
    if not rest:
        return start_followup(turn, item_id)
    return add_followup(turn, item_id, rest)


def start_followup(turn: Turn, item_id: int) -> list[Reply]:
    """The follow-up step: the next plain message goes to #N (checked now, so a wrong N or a finished item is
    told at once)."""
    if (refused := officer.refused_before_typing(turn, STEP_FOLLOW_UP, item_id)) is not None:
        return refused
    turn.state.enter(STEP_FOLLOW_UP, item_id=item_id)
    return turn.say("followup_prompt", item=item_id)


def add_followup(turn: Turn, item_id: int, text: str) -> list[Reply]:
    """The words added to #N; beyond the tracker's limit in several parts, so a long message is not lost."""
    if refused := turn.over_limit("followup"):  # the text is not kept: the reply says when to try again
        turn.state.leave()
        return refused
    parts = split_text(text)
    for part in parts:
        turn.services.tracker.follow_up(actor_id=turn.user_id, item_id=item_id, text=part)
    turn.state.leave()
    said = turn.t("followup_added", item=item_id)
    if len(parts) > 1:
        said = Html(said + "\n" + turn.t("kept_in_parts", limit=TEXT_MAX, parts=len(parts)))
    return [Reply(said)]


def cancel(turn: Turn, args: str) -> list[Reply]:
    if turn.state.step is None:
        return turn.say("nothing_to_cancel")
    turn.state.leave()
    return turn.say("cancelled")
