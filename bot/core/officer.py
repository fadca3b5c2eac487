"""What officers do: work the queue down to zero."""

from __future__ import annotations

from bot.core import buttons
from bot.core.messages import Reply
from bot.core.render import category_name, feedback_html, queue_lines, stats_html
from bot.core.texts import LANGS, Html
from bot.core.turn import Turn, parse_item_id, parse_user_id, split_item_and_text
from bot.tracker.values import Category, Status

QUEUE_SHOWN = 20
TAKE_BUTTONS = 5  # one-press "Take" for the first few open items; more would bury the list


def queue(turn: Turn, args: str) -> list[Reply]:
    """`/queue [category]`: the open and in-progress items, oldest first as the tracker orders them."""
    category = _category_named(args) if args.strip() else None
    if args.strip() and category is None:
        return turn.say("usage_queue", names=", ".join(c.value for c in Category))
    items = turn.services.tracker.queue(actor_id=turn.user_id, category=category, limit=QUEUE_SHOWN)
    if not items:
        return turn.say("queue_empty")
    if category is None:
        header = turn.t("queue_header", count=len(items))
    else:
        header = turn.t(
            "queue_header_category", category=category_name(category, turn.lang), count=len(items)
        )
    waiting = [item for item in items if item.status == Status.OPEN][:TAKE_BUTTONS]
    rows = tuple((buttons.take(item.id, turn.lang),) for item in waiting)
    return [Reply(Html("\n".join([header, *queue_lines(items, turn.lang)])), rows)]


def _category_named(word: str) -> Category | None:
    """A category by its value (`other_ports`, `other ports`) or its name in either language (`海关备案`)."""
    wanted = word.strip().lower()
    for category in Category:
        names = {category.value, category.value.replace("_", " ")}
        names.update(str(category_name(category, lang)).lower() for lang in LANGS)
        if wanted in names:
            return category
    return None


def take(turn: Turn, args: str) -> list[Reply]:
    item_id = parse_item_id(args)
    if item_id is None:
        return turn.say("usage_take")
    return take_item(turn, item_id)


def take_item(turn: Turn, item_id: int) -> list[Reply]:
    turn.services.tracker.take(actor_id=turn.user_id, item_id=item_id)
    return turn.say("taken", item=item_id)


def reply(turn: Turn, args: str) -> list[Reply]:
    item_id, text = split_item_and_text(args)
    if item_id is None or not text:
        return turn.say("usage_reply")
    turn.services.tracker.reply(actor_id=turn.user_id, item_id=item_id, text=text)
    return turn.say("replied", item=item_id)


def close(turn: Turn, args: str) -> list[Reply]:
    """`/close N RESOLUTION`: the enterprise gets the resolution with a button to reopen."""
    item_id, resolution = split_item_and_text(args)
    if item_id is None or not resolution:
        return turn.say("usage_close_officer")
    turn.services.tracker.close(actor_id=turn.user_id, item_id=item_id, resolution=resolution)
    return turn.say("closed_officer", item=item_id)


def reopen(turn: Turn, args: str) -> list[Reply]:
    item_id = parse_item_id(args)
    if item_id is None:
        return turn.say("usage_reopen")
    return reopen_item(turn, item_id)


def reopen_item(turn: Turn, item_id: int) -> list[Reply]:
    turn.services.tracker.reopen(actor_id=turn.user_id, item_id=item_id)
    return turn.say("reopened_officer", item=item_id)


def reassign(turn: Turn, args: str) -> list[Reply]:
    """`/reassign N USER_ID`: hand an item to another officer, who hears of it."""
    item_id, rest = split_item_and_text(args)
    words = rest.split()
    officer_id = parse_user_id(words[0]) if len(words) == 1 else None
    if item_id is None or officer_id is None:
        return turn.say("usage_reassign")
    turn.services.tracker.reassign(actor_id=turn.user_id, item_id=item_id, officer_id=officer_id)
    return turn.say("reassigned", item=item_id, user=officer_id)


def stats(turn: Turn, args: str) -> list[Reply]:
    """The list's distance to zero, and the knowledge-base entries users found least helpful."""
    tracker = turn.services.tracker
    figures = stats_html(tracker.stats(actor_id=turn.user_id), turn.lang)
    return [Reply(figures + feedback_html(tracker.least_helpful(actor_id=turn.user_id), turn.lang))]
