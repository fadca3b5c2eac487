"""/recordations: an enterprise keeps its customs recordations here (number, right, approval or expiry date)
to be reminded of their renewal, and may write a short guide to genuine goods with photos for officers."""

from __future__ import annotations

import datetime as dt

from bot.core.buttons import encode
from bot.core.caseports import tracker_from, tracker_of
from bot.core.computed import date_long
from bot.core.messages import Button, Reply, SentFile
from bot.core.ports import calculator_of
from bot.core.texts import Html, shorten, text
from bot.core.turn import Rows, Turn
from bot.rules.compute import recordation_term
from bot.rules.figures import read_figures
from bot.tracker.notices import Renewal
from bot.tracker.values import RecordationView, RightKind, normalize_number

STEP_NUMBER = "rec_number"
STEP_RIGHT = "rec_right"
STEP_WHICH = "rec_which"
STEP_DATE = "rec_date"
STEP_GUIDE = "rec_guide"
STEPS = (STEP_NUMBER, STEP_RIGHT, STEP_WHICH, STEP_DATE, STEP_GUIDE)
BUTTONS_SHOWN = 8


def is_step(step: str | None) -> bool:
    return step in STEPS


def is_guide_step(turn: Turn) -> bool:
    return turn.state.step == STEP_GUIDE and turn.state.item_id is not None


def command(turn: Turn, args: str) -> list[Reply]:
    """`/recordations`: the enterprise's list with Add / Remove / Guide buttons; for officers, the count that
    expires in the next six months too."""
    lines: list[str] = []
    if turn.is_staff:
        count = turn.services.tracker.stats(actor_id=turn.user_id).expiring_recordations
        lines.append(turn.t("rec_officer_count", count=count))
    mine = tracker_of(turn).recordations(actor_id=turn.user_id)
    if mine:
        lines.append(turn.t("rec_header"))
        lines += [_line(turn, r) for r in mine]
    elif not turn.is_staff:
        lines.append(turn.t("rec_none"))
    rows: list[tuple[Button, ...]] = [(Button(turn.t("btn_rec_add"), encode("rec", "add", "0")),)]
    for r in mine[:BUTTONS_SHOWN]:
        rows.append((
            Button(shorten(turn.t("btn_rec_guide", number=r.number), 40), encode("rec", "guide", r.id)),
            Button(turn.t("btn_rec_remove", number=r.number), encode("rec", "rm", r.id)),
        ))
    return [Reply(Html("\n".join(lines)), tuple(rows))]


def _line(turn: Turn, r: RecordationView) -> str:
    line = turn.t(
        "rec_line", number=r.number, right=turn.t(f"right_{r.right_kind.value}"),
        expires=date_long(r.expires, turn.lang), opens=date_long(r.renewal_opens, turn.lang),
    )
    if r.guide:
        line = Html(line + "\n" + turn.t("rec_guide_line", guide=shorten(r.guide, 80), photos=r.photos))
    return line


def press(turn: Turn, action: str, arg: str) -> list[Reply]:
    if action == "add":
        turn.state.enter(STEP_NUMBER)
        return turn.say("rec_ask_number")
    if action == "right" and turn.state.step == STEP_RIGHT and arg in {k.value for k in RightKind}:
        turn.state.draft["right"] = arg
        turn.state.enter(STEP_WHICH)
        rows: Rows = ((
            Button(turn.t("btn_rec_approved"), encode("rec", "which", "approved")),
            Button(turn.t("btn_rec_expires"), encode("rec", "which", "expires")),
        ),)
        return turn.say("rec_ask_which_date", rows)
    if action == "which" and turn.state.step == STEP_WHICH and arg in ("approved", "expires"):
        turn.state.draft["which"] = arg
        turn.state.enter(STEP_DATE)
        return turn.say("rec_ask_date")
    if not arg.isdigit() or len(arg) > 9:
        return turn.say("button_stale")
    if action == "rm":
        removed = tracker_of(turn).remove_recordation(actor_id=turn.user_id, recordation_id=int(arg))
        return turn.say("rec_removed", number=removed.number)
    if action == "guide":
        return _start_guide(turn, int(arg))
    if action == "open":
        return open_guide(turn, int(arg))
    return turn.say("button_stale")


def on_text(turn: Turn, message: str) -> list[Reply]:
    step = turn.state.step
    if step == STEP_NUMBER:
        number = normalize_number(message)
        if number is None:
            return turn.say("intake_bad_recordation", typed=shorten(message, 40))
        turn.state.draft["number"] = number
        turn.state.enter(STEP_RIGHT)
        kinds = [Button(turn.t(f"right_{k.value}"), encode("rec", "right", k.value)) for k in RightKind]
        return turn.say("rec_ask_right", tuple(tuple(kinds[i : i + 2]) for i in range(0, len(kinds), 2)))
    if step == STEP_DATE:
        return _date_typed(turn, message)
    if step == STEP_GUIDE and turn.state.item_id is not None:
        kept = tracker_of(turn).set_guide(actor_id=turn.user_id, recordation_id=turn.state.item_id, guide=message)
        return turn.say("rec_guide_kept", number=kept.number)
    return turn.say("button_stale")  # a step that waits for a button


def _date_typed(turn: Turn, message: str) -> list[Reply]:
    figures = read_figures(message, calculator_of(turn.services).today())
    days = {d.value for d in figures.dates}
    draft = dict(turn.state.draft)
    if len(days) != 1 or figures.unreadable or "number" not in draft or "right" not in draft:
        return turn.say("rec_bad_date", typed=shorten(message, 40))
    day = days.pop()
    expires = recordation_term(day).expires if draft.get("which") == "approved" else day
    kept = tracker_of(turn).add_recordation(
        actor_id=turn.user_id, number=draft["number"], right_kind=draft["right"], expires=expires
    )
    turn.state.leave()
    return turn.say(
        "rec_added", number=kept.number, expires=date_long(kept.expires, turn.lang),
        opens=date_long(kept.renewal_opens, turn.lang),
    )


def _start_guide(turn: Turn, recordation_id: int) -> list[Reply]:
    view, _ = tracker_of(turn).recordation_guide(actor_id=turn.user_id, recordation_id=recordation_id)
    if view.owner_id != turn.user_id:
        return open_guide(turn, recordation_id)
    turn.state.enter(STEP_GUIDE, item_id=recordation_id)
    return turn.say("rec_guide_ask", number=view.number)


def guide_photo(turn: Turn, sent: SentFile) -> list[Reply]:
    recordation_id = turn.state.item_id
    assert recordation_id is not None
    tracker_of(turn).keep_file(
        actor_id=turn.user_id, kind=sent.kind, file_id=sent.file_id, file_name=sent.file_name,
        mime_type=sent.mime_type, size=sent.size, recordation_id=recordation_id,
    )
    view, _ = tracker_of(turn).recordation_guide(actor_id=turn.user_id, recordation_id=recordation_id)
    return turn.say("rec_photo_added", number=view.number)


def open_guide(turn: Turn, recordation_id: int) -> list[Reply]:
    """The guide and its photos, for the owner or an officer (the card of an item naming the number links it)."""
    view, photos = tracker_of(turn).recordation_guide(actor_id=turn.user_id, recordation_id=recordation_id)
    owner = turn.services.tracker.get_user(user_id=view.owner_id)
    head = turn.t(
        "rec_guide_header", number=view.number, right=turn.t(f"right_{view.right_kind.value}"),
        owner=owner.enterprise_name or owner.name if owner else "—", guide=view.guide or "—",
    )
    replies = [Reply(head)]
    for photo in photos[:10]:
        sent = SentFile(photo.kind, photo.file_id, photo.file_name, photo.mime_type, photo.size)
        replies.append(Reply(turn.t("attachment_caption", item=view.number, name=photo.file_name or "📷"), file=sent))
    return replies


def renewal_html(notice: Renewal, lang: str) -> Html:
    """The reminder of one stage (bot.tracker.recordations.remind), with what to do."""
    expires = dt.date.fromisoformat(notice.expires)
    key = {"opens": "n_renewal_opens", "month": "n_renewal_month"}.get(notice.stage, "n_renewal_expired")
    return text(key, lang, number=notice.number, expires=date_long(expires, lang))


def guide_button(services: object, actor_id: int, owner_id: int, number: str | None, lang: str) -> Button | None:
    """For an officer's card: the guide of the recordation the item names, when its owner wrote one."""
    if not number:
        return None
    found = tracker_from(services).recordation_numbered(actor_id=actor_id, owner_id=owner_id, number=number)
    if found is None or not (found.guide or found.photos):
        return None
    return Button(shorten(text("card_guide", lang, number=found.number), 40), encode("rec", "open", found.id))

