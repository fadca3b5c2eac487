"""What officers do: work the queue down to zero, each item from one view in a few presses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from bot.core import buttons, proposals
from bot.core.card import officer_card
from bot.core.caseports import tracker_of
from bot.core.chart import chart_png
from bot.core.messages import Button, Reply
from bot.core.parts import split_text
from bot.core.render import age_text, category_name, feedback_html, queue_lines, stats_html, status_name
from bot.core.state import STEP_CLOSE, STEP_FOLLOW_UP, STEP_REOPEN, STEP_REPLY, ChatState
from bot.core.texts import LANGS, Html, shorten
from bot.core.turn import Turn, parse_item_id, parse_user_id, split_item_and_text
from bot.tracker.values import ACTIVE, FINISHED, TEXT_MAX, Category, EventKind, ItemView, Stats, Status

QUEUE_SHOWN = 20
CHART_WEEKS = 12  # the chart of /stats: about the last three months
TAKE_BUTTONS = 5  # one-press "Take" for the first few open items; more would bury the list
OFFICERS_SHOWN = 8  # reassign: one button per officer; a desk has a handful
PROMPTS = {STEP_REPLY: "reply_prompt", STEP_CLOSE: "close_prompt", STEP_REOPEN: "reopen_prompt"}
# The statuses in which the text a step waits for can be used (the tracker's rules, told before the typing).
TAKES_TEXT = {STEP_REPLY: ACTIVE, STEP_CLOSE: ACTIVE, STEP_REOPEN: FINISHED, STEP_FOLLOW_UP: ACTIVE}


def queue(turn: Turn, args: str) -> list[Reply]:
    """`/queue [category]`: the open and in-progress items, oldest first as the tracker orders them."""
    category = _category_named(args) if args.strip() else None
    if args.strip() and category is None:
        return turn.say("usage_queue", names=", ".join(category_name(c, turn.lang) for c in Category))
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
    lines = queue_lines(items, turn.lang, datetime.now(UTC))
    return [Reply(Html("\n".join([header, *lines])), rows)]


def _category_named(word: str) -> Category | None:
    """A category by its value (`other_ports`, `other ports`) or its name in either language (`海关备案`)."""
    wanted = word.strip().lower()
    for category in Category:
        names = {category.value, category.value.replace("_", " ")}
        names.update(str(category_name(category, lang)).lower() for lang in LANGS)
        if wanted in names:
            return category
    return None


def mine(turn: Turn, args: str) -> list[Reply]:
    """An officer's /mine: the items they hold, oldest first."""
    items = turn.services.tracker.held_items(actor_id=turn.user_id)
    if not items:
        return turn.say("held_empty")
    now = datetime.now(UTC)
    lines = [
        turn.t(
            "held_line", item=i.id, age=age_text(now - i.created_at, turn.lang),
            enterprise=i.enterprise_name or i.owner_name, title=shorten(i.title, 60),
        )
        for i in items
    ]
    return [Reply(Html("\n".join([turn.t("held_header"), *lines])), _view_rows(items, turn.lang))]


def _view_rows(items: Sequence[ItemView], lang: str) -> tuple[tuple[Button, ...], ...]:
    return tuple((buttons.view(i.id, lang),) for i in items[:TAKE_BUTTONS])


def view(turn: Turn, item_id: int) -> list[Reply]:
    """The one view of an item (from /status N or an "Open #N" button), to the officer's own chat."""
    return _to_officer(turn, [officer_card(turn, item_id)])


def take(turn: Turn, args: str) -> list[Reply]:
    item_id = parse_item_id(args)
    if item_id is None:
        return turn.say("usage_take")
    return take_item(turn, item_id)


def take_item(turn: Turn, item_id: int) -> list[Reply]:
    """Take it, show the one view, and wait for the reply: typing the answer is the next step."""
    turn.services.tracker.take(actor_id=turn.user_id, item_id=item_id)
    _await(turn, STEP_REPLY, item_id)
    return _to_officer(turn, [officer_card(turn, item_id, lead=turn.t("taken_reply_now", item=item_id))])


def reply(turn: Turn, args: str) -> list[Reply]:
    """`/reply N TEXT` sends at once; `/reply N` asks for the text."""
    item_id, text = split_item_and_text(args)
    if item_id is None:
        return turn.say("usage_reply")
    if not text:
        return ask_for(turn, STEP_REPLY, item_id)
    return send_reply(turn, item_id, text)


def send_reply(turn: Turn, item_id: int, text: str) -> list[Reply]:
    """The reply to the enterprise (a long one in several parts), then one press closes with it."""
    parts = split_text(text)
    sent: ItemView | None = None
    for part in parts:
        sent = turn.services.tracker.reply(actor_id=turn.user_id, item_id=item_id, text=part)
    assert sent is not None  # split_text of a non-empty text has a part
    said = turn.t("replied_close_with", item=item_id)
    if len(parts) > 1:
        said = Html(said + "\n" + turn.t("kept_in_parts", limit=TEXT_MAX, parts=len(parts)))
    return [Reply(said, ((buttons.close_with(item_id, sent.version, turn.lang),),))]


def close_with_reply(turn: Turn, item_id: int, version: int) -> list[Reply]:
    """The "Close with this" button: the officer's last reply becomes the resolution, unless the item changed
    since that reply (a follow-up came in: the tracker's version check says so)."""
    detail = turn.services.tracker.item_detail(actor_id=turn.user_id, item_id=item_id)
    replies = [e.text for e in detail.history if e.event == EventKind.OFFICER_REPLY and e.text]
    if not replies:
        return turn.say("button_stale")
    return close_item(turn, item_id, replies[-1], expected_version=version)


def close(turn: Turn, args: str) -> list[Reply]:
    """`/close N RESOLUTION`: the enterprise gets the resolution with a button to reopen; without one, asks."""
    item_id, resolution = split_item_and_text(args)
    if item_id is None:
        return turn.say("usage_close_officer")
    if not resolution:
        return ask_for(turn, STEP_CLOSE, item_id)
    if (too_long := over_limit(turn, STEP_CLOSE, item_id, resolution)) is not None:
        return ask_for(turn, STEP_CLOSE, item_id, prompt=too_long)  # the step waits for a shorter one
    return close_item(turn, item_id, resolution)


def close_item(turn: Turn, item_id: int, resolution: str, expected_version: int | None = None) -> list[Reply]:
    item = turn.services.tracker.close(
        actor_id=turn.user_id, item_id=item_id, resolution=resolution, expected_version=expected_version
    )
    return turn.say("closed_officer", proposals.offer_rows(item, turn.lang), item=item_id)


def reassign(turn: Turn, args: str) -> list[Reply]:
    """`/reassign N USER_ID`: hand an item to another officer, who hears of it."""
    item_id, rest = split_item_and_text(args)
    words = rest.split()
    officer_id = parse_user_id(words[0]) if len(words) == 1 else None
    if item_id is None or officer_id is None:
        return turn.say("usage_reassign")
    return reassign_item(turn, item_id, officer_id)


def reassign_item(turn: Turn, item_id: int, officer_id: int) -> list[Reply]:
    turn.services.tracker.reassign(actor_id=turn.user_id, item_id=item_id, officer_id=officer_id)
    return turn.say("reassigned", item=item_id, user=officer_id)


def pick_officer(turn: Turn, item_id: int) -> list[Reply]:
    """The Reassign button: one button per other officer."""
    item = turn.services.tracker.item_detail(actor_id=turn.user_id, item_id=item_id).item
    staff = turn.services.tracker.users_with_role(actor_id=turn.user_id)
    others = [u for u in staff if u.id not in (turn.user_id, item.assignee_id)][:OFFICERS_SHOWN]
    if not others:
        return turn.say("reassign_nobody", item=item_id)
    rows = tuple((buttons.reassign_to(item_id, u.id, u.name, turn.lang),) for u in others)
    return _to_officer(turn, turn.say("reassign_pick", rows, item=item_id))


def stats(turn: Turn, args: str) -> list[Reply]:
    """The list's distance to zero, and the knowledge-base entries users found least helpful."""
    tracker = turn.services.tracker
    numbers = tracker.stats(actor_id=turn.user_id)
    figures = stats_html(numbers, turn.lang)
    replies = [Reply(figures + feedback_html(tracker.least_helpful(actor_id=turn.user_id), turn.lang))]
    return [*replies, stats_chart(turn, numbers)]


def stats_chart(turn: Turn, numbers: Stats) -> Reply:
    """The list going to zero, week by week and by category, as a PNG (bot/core/chart.py)."""
    weekly = tracker_of(turn).weekly_active(actor_id=turn.user_id, weeks=CHART_WEEKS)
    caption = turn.t("chart_caption", to_go=numbers.distance_to_zero)
    return Reply(caption, upload=("stats.png", chart_png(weekly, numbers)))


def ask_for(turn: Turn, step: str, item_id: int, prompt: list[Reply] | None = None) -> list[Reply]:
    """Wait for the text of `step` on #N (checked now, so a wrong N is told at once, not after the typing);
    `prompt` instead of the step's own question."""
    if (refused := refused_before_typing(turn, step, item_id)) is not None:
        return _to_officer(turn, refused)
    _await(turn, step, item_id)
    return _to_officer(turn, prompt if prompt is not None else turn.say(PROMPTS[step], item=item_id))


# Steps whose text the tracker keeps in one piece or refuses (a reply, a follow-up are kept in parts instead).
ONE_PIECE_STEPS = frozenset({STEP_CLOSE, STEP_REOPEN})


def over_limit(turn: Turn, step: str, item_id: int, typed: str) -> list[Reply] | None:
    """A resolution or reason longer than the tracker keeps, said while its step can still wait for a shorter
    one (None: it fits, or the step keeps its text in parts)."""
    length = len(typed.strip())
    if step not in ONE_PIECE_STEPS or length <= TEXT_MAX:
        return None
    what = turn.t(f"what_{step}", item=item_id)
    return turn.say("step_text_too_long", length=length, limit=TEXT_MAX, what=what)


def refused_before_typing(turn: Turn, step: str, item_id: int) -> list[Reply] | None:
    """What the tracker would refuse once the text of `step` on #N is typed, said before it is: a wrong N, a
    status that does not take it, an item another officer holds (for a reply or a resolution)."""
    item = turn.services.tracker.item_detail(actor_id=turn.user_id, item_id=item_id).item
    if item.status not in TAKES_TEXT[step]:
        return turn.say("invalid_status", item=item_id, status=status_name(item.status, turn.lang))
    held_by_another = item.assignee_id not in (None, turn.user_id)
    if step in (STEP_REPLY, STEP_CLOSE) and held_by_another and not turn.is_admin:
        return turn.say("held_by", item=item_id, holder=item.assignee_name or item.assignee_id)
    return None


def _await(turn: Turn, step: str, item_id: int) -> None:
    """Enter `step` in the person's own chat: in the officers' group a typed message is not for the bot, and
    one officer's step must not catch another's words."""
    if turn.incoming.chat_id == turn.user_id:
        turn.state.enter(step, item_id=item_id)
        return
    tracker = turn.services.tracker
    own = ChatState.from_dict(tracker.get_chat_state(chat_id=turn.user_id))
    own.enter(step, item_id=item_id)
    tracker.set_chat_state(chat_id=turn.user_id, state=own.as_dict())


def _to_officer(turn: Turn, replies: list[Reply]) -> list[Reply]:
    """From a group, the answers go to the officer's own chat, where the next step is typed."""
    if turn.incoming.chat_id == turn.user_id:
        return replies
    return [Reply(r.html, r.buttons, chat_id=turn.user_id) for r in replies]
