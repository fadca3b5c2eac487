"""The structured intake of /problem and of "Ask an officer": after the category and the text (or the question),
the right, the recordation number, the port, the goods, import or export, the declared value and the route, each
skippable; a summary to confirm or edit (with the guarantee the rules give); and, before logging a problem, "Add
to #N instead?" when the enterprise has an open item like it. The answers, and the ids of files sent meanwhile,
wait in the chat's stored state (`ChatState.draft`), so a restart continues."""

from __future__ import annotations

import re
from decimal import Decimal
from html import escape

from bot.core.buttons import encode
from bot.core.caseports import tracker_of
from bot.core.computed import money
from bot.core.messages import Button, Reply
from bot.core.parts import split_text
from bot.core.ports import calculator_of
from bot.core.render import category_name
from bot.core.similar import best_matches
from bot.core.texts import Html, shorten, text
from bot.core.turn import Rows, Turn
from bot.rules.compute import guarantee
from bot.rules.figures import read_figures
from bot.rules.table import Route
from bot.tracker.errors import Invalid
from bot.tracker.values import CaseRoute, Category, Direction, Intake, ItemView, RightKind, normalize_number

FIELDS = ("right_kind", "recordation_no", "port", "goods", "direction", "declared_value", "route")
CHOICES: dict[str, tuple[str, ...]] = {
    "right_kind": tuple(kind.value for kind in RightKind),
    "direction": tuple(d.value for d in Direction),
    "route": tuple(r.value for r in CaseRoute),
}
CHOICE_TEXT = {"right_kind": "right", "direction": "direction", "route": "route"}  # texts key prefix of a value
ASK = {
    "right_kind": "intake_right", "recordation_no": "intake_recordation", "port": "intake_port",
    "goods": "intake_goods", "direction": "intake_direction", "declared_value": "intake_value",
    "route": "intake_route",
}
STEP_PREFIX = "intake_"  # the step of field F is "intake_F"; the summary and the duplicate question have their own
STEP_SUMMARY = "intake_summary"
STEP_DUPLICATE = "intake_duplicate"
PORT_MAX, GOODS_MAX = 200, 1000
PROBLEM_TITLE_MAX = 100
SKIPPED = "-"
DUPLICATES_LOOKED_AT = 50  # the enterprise's newest open items
FILES_HELD = 10  # files sent during one intake, attached when it is logged
# Draft keys beside the fields: the category, the text, "quick" (/problem TEXT), "esc" (the escalated question's
# token), "files" (ids of kept attachments, comma-separated), "edit" (one field being edited), "dup" (the item
# the duplicate question offers), "more" (text typed at an escalation's summary: it follows the question)
_NUMBER = re.compile(r"#?\s*([0-9０-９]{1,9})")  # as bot/core/steps.py reads a bare number
# What a choice typed instead of pressed may say, per value: English as whole words (a plural or -ed allowed),
# Chinese as written anywhere in the text; a message that names two values (or none) is not read as either.
_EN_ENDING = r"(?:s|ed|ing)?"
TYPED_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "right_kind": {
        "trademark": ("trademark", "trade mark", "商标"),
        "patent": ("patent", "专利"),
        "copyright": ("copyright", "版权", "著作权"),
        "symbol": ("olympic", "world expo", "奥林匹克", "奥运", "世博"),
    },
    "direction": {"import": ("import", "进口"), "export": ("export", "出口")},
    "route": {
        "ex_officio": ("customs found", "ex officio", "ex-officio", "依职权", "海关发现"),
        "application": ("we apply", "apply for detention", "application", "依申请", "申请扣留", "我们申请"),
    },
}


def is_intake_step(step: str | None) -> bool:
    return step is not None and step.startswith(STEP_PREFIX)


def start(turn: Turn, description: str, category: Category) -> list[Reply]:
    """The category and the text are in: the first field next."""
    turn.state.leave()
    turn.state.draft = {"cat": category.value, "text": description}
    return _ask(turn, FIELDS[0])


def start_escalation(turn: Turn, token: str, question: str) -> list[Reply]:
    """"Ask an officer": the question is the description; the fields next, then the summary logs an escalation."""
    turn.state.leave()
    turn.state.draft = {"cat": Category.OTHER.value, "text": question, "esc": token}
    [first] = _ask(turn, FIELDS[0])
    return [Reply(Html(turn.t("intake_escalation") + "\n\n" + first.html), first.buttons)]


def hold_file(turn: Turn, attachment_id: int) -> None:
    """A file sent during the intake waits for the item."""
    held = held_files(turn.state.draft)
    turn.state.draft["files"] = ",".join(str(i) for i in (*held, attachment_id))


def again(turn: Turn) -> list[Reply]:
    """The step the intake is at, asked again with its buttons (after a file or thanks came in between)."""
    field = (turn.state.step or "").removeprefix(STEP_PREFIX)
    if field in FIELDS:
        return _ask(turn, field)
    if turn.state.step == STEP_DUPLICATE:
        return _duplicate_again(turn, "dup_again")
    return summary(turn) if turn.state.step == STEP_SUMMARY else []


def held_files(draft: dict[str, str]) -> list[int]:
    return [int(part) for part in draft.get("files", "").split(",") if part.isdigit()]


def attach_held(turn: Turn, draft: dict[str, str], item_id: int) -> list[Html]:
    """The files sent during the intake go on the item now logged (or added to): one line naming them."""
    tracker = tracker_of(turn)
    names = []
    for attachment_id in held_files(draft):
        try:
            kept = tracker.attach_file(actor_id=turn.user_id, attachment_id=attachment_id, item_id=item_id)
        except Invalid:  # the item is full (an item added to): the file stays kept, the rest still go on
            continue
        names.append(shorten(kept.file_name or str(turn.t(f"attach_kind_{kept.kind}")), 40))
    return [turn.t("attach_held_added", item=item_id, names=", ".join(names))] if names else []


def _ask(turn: Turn, field: str) -> list[Reply]:
    turn.state.enter(STEP_PREFIX + field)
    return [Reply(turn.t(ASK[field]), _field_rows(turn, field))]


def _field_rows(turn: Turn, field: str) -> Rows:
    rows: list[tuple[Button, ...]] = []
    if field in CHOICES:
        labels = [
            Button(turn.t(f"{CHOICE_TEXT[field]}_{value}"), encode("in", field, value)) for value in CHOICES[field]
        ]
        rows += [tuple(labels[i : i + 2]) for i in range(0, len(labels), 2)]
    rows.append((Button(turn.t("btn_skip"), encode("in", field, SKIPPED)),))
    return tuple(rows)


def press(turn: Turn, field: str, value: str) -> list[Reply]:
    """A button of the intake: a choice or Skip for `field`, or log / edit / cancel / a duplicate's answer."""
    if field in ("log", "new"):
        return _log(turn, check_duplicates=field == "log")
    if field == "dup":
        return _add_to(turn, value)
    if field == "edit":
        return _edit_menu(turn)
    if field == "ed" and value in FIELDS:
        turn.state.draft["edit"] = "1"
        return _ask(turn, value)
    if field == "cancel":  # files sent meanwhile stay kept, on no item (the owner can send them again)
        turn.state.leave()
        return turn.say("cancelled")
    if turn.state.step != STEP_PREFIX + field:
        return turn.say("button_stale")
    if value == SKIPPED:
        turn.state.draft.pop(field, None)
    elif value in CHOICES.get(field, ()):
        turn.state.draft[field] = value
    else:
        return turn.say("button_expired")
    return _next(turn, field)


def on_text(turn: Turn, message: str) -> list[Reply]:
    """A typed answer to the field the chat is at; at a choice field, the choice it plainly names (else the
    buttons again). Thanks are no answer: "you're welcome" and the step again."""
    from bot.core import steps  # steps imports the commands, which import this module

    if steps.is_thanks(message):
        return _led_by(turn.t("thanks_in_step"), again(turn))
    if turn.state.step == STEP_DUPLICATE:
        return _typed_at_duplicate(turn, message)
    field = (turn.state.step or "").removeprefix(STEP_PREFIX)
    if field not in FIELDS:
        return _typed_at_summary(turn, message)
    if field in CHOICES:
        return _typed_choice(turn, field, message)
    value = _read(turn, field, message)
    if isinstance(value, list):
        return value  # the expected format, and the same step
    turn.state.draft[field] = value
    return _next(turn, field)


def _typed_choice(turn: Turn, field: str, message: str) -> list[Reply]:
    """Typed at a choice field: the one choice it names, as if its button were pressed; a bare number is a
    button that is not there; anything else is the question again, saying the choice was not recognised."""
    if (number := _NUMBER.fullmatch(message.strip())) is not None:
        return turn.say("no_such_choice_step", _field_rows(turn, field), number=int(number[1]))
    named = named_choices(field, message)
    if len(named) == 1:
        return press(turn, field, named[0])
    return _led_by(turn.t("intake_choice_unknown"), _ask(turn, field))


def named_choices(field: str, message: str) -> list[str]:
    """The values of `field` that `message` names (see TYPED_CHOICES), in the field's order."""
    lowered = " ".join(message.lower().split())
    for value in CHOICES[field]:  # a button's label typed out ("Other", "其他") is that button
        if lowered in (text(f"{CHOICE_TEXT[field]}_{value}", lang).lower() for lang in ("en", "zh")):
            return [value]
    plain = lowered.replace("进出口", "进口 出口")  # "imports and exports" names both
    return [value for value, words in TYPED_CHOICES[field].items() if any(_says(plain, word) for word in words)]


def _says(message: str, word: str) -> bool:
    if not word.isascii():
        return word in message
    phrase = r"\s+".join(re.escape(part) for part in word.split())
    return re.search(rf"\b{phrase}{_EN_ENDING}\b", message) is not None


def _read(turn: Turn, field: str, message: str) -> str | list[Reply]:
    typed = message.strip()
    if field == "recordation_no":
        number = normalize_number(typed)
        if number is None:
            return [Reply(turn.t("intake_bad_recordation", typed=shorten(typed, 40)), _field_rows(turn, field))]
        return number
    if field == "declared_value":
        figures = read_figures(f"worth {typed}", calculator_of(turn.services).today())
        amounts = {a.value for a in figures.amounts if a.currency == "RMB"}
        if len(amounts) != 1 or next(iter(amounts)) <= 0:
            return [Reply(turn.t("intake_bad_value", typed=shorten(typed, 40)), _field_rows(turn, field))]
        return str(amounts.pop())
    return shorten(typed, PORT_MAX) if field == "port" else typed[:GOODS_MAX]


def _next(turn: Turn, field: str) -> list[Reply]:
    """The next field, or the summary after the last one (or after the one field being edited)."""
    if turn.state.draft.pop("edit", None) or field == FIELDS[-1]:
        return summary(turn)
    return _ask(turn, FIELDS[FIELDS.index(field) + 1])


def _led_by(line: Html, replies: list[Reply]) -> list[Reply]:
    """`line` above the first reply (the step asked again), in the same message, its buttons kept."""
    if not replies:
        return [Reply(line)]
    first, *rest = replies
    return [Reply(Html(line + "\n\n" + first.html), first.buttons), *rest]


def _typed_at_summary(turn: Turn, message: str) -> list[Reply]:
    """Typed at the summary: more about the problem (or the question), so it joins the text to be logged and
    the summary comes again saying so; a bare number is a button missed, not text."""
    if (number := _NUMBER.fullmatch(message.strip())) is not None:
        return turn.say("no_such_choice_step", _summary_rows(turn), number=int(number[1]))
    draft = turn.state.draft
    draft["text"] = _joined(draft.get("text", ""), message)
    escalation = "esc" in draft
    if escalation:  # the question is logged as it was asked (bot/core/questions.py): this follows it
        draft["more"] = _joined(draft.get("more", ""), message)
    added = turn.t("intake_added_question" if escalation else "intake_added_problem")
    return _led_by(added, summary(turn))


def _joined(kept: str, message: str) -> str:
    return "\n".join(part for part in (kept.strip(), message.strip()) if part)


def _edit_menu(turn: Turn) -> list[Reply]:
    if not turn.state.draft:
        return turn.say("button_stale")
    rows = tuple((Button(turn.t(f"field_{field}"), encode("in", "ed", field)),) for field in FIELDS)
    return turn.say("intake_edit_pick", rows)


def summary(turn: Turn) -> list[Reply]:
    """Every answer, the guarantee when a value and a route were given, and Log it / Edit / Cancel."""
    turn.state.enter(STEP_SUMMARY)
    return [Reply(summary_html(turn.state.draft, turn.lang), _summary_rows(turn))]


def _summary_rows(turn: Turn) -> Rows:
    return (
        (Button(turn.t("btn_log_it"), encode("in", "log", "1")),),
        (Button(turn.t("btn_edit"), encode("in", "edit", "1")),
         Button(turn.t("btn_cancel"), encode("in", "cancel", "1"))),
    )


def summary_html(draft: dict[str, str], lang: str) -> Html:
    category = Category(draft.get("cat", Category.OTHER.value))
    escalation = "esc" in draft  # its category is asked once it is logged, as before the intake
    lines = [] if escalation else [
        text("field_line", lang, name=text("field_category", lang), value=category_name(category, lang))
    ]
    described = text("field_question" if escalation else "field_description", lang)
    lines.append(text("field_line", lang, name=described, value=shorten(draft.get("text", ""), 300)))
    intake = draft_intake(draft)
    lines += intake_lines(intake, lang, skipped=True)
    fields = "\n".join(lines)
    said = text("intake_summary_question" if escalation else "intake_summary", lang, fields=Html(fields))
    if (line := guarantee_line(intake, lang)) is not None:
        said = Html(said + "\n\n" + line)
    return said


def intake_lines(intake: Intake, lang: str, *, skipped: bool = False) -> list[Html]:
    """`Right: Trademark` per field (skipped ones as — when `skipped`, else left out)."""
    lines = []
    for field in FIELDS:
        value = getattr(intake, field)
        if value is None and not skipped:
            continue
        shown: str | Html
        if value is None:
            shown = text("field_skipped", lang)
        elif field in CHOICES:
            shown = text(f"{CHOICE_TEXT[field]}_{value}", lang)
        elif field == "declared_value":
            shown = money(Decimal(value))
        else:
            shown = shorten(str(value), 200)
        lines.append(text("field_line", lang, name=text(f"field_{field}", lang), value=shown))
    return lines


def guarantee_line(intake: Intake, lang: str) -> Html | None:
    """The guarantee the rules give for the declared value on the route (bot.rules), when both are known."""
    if intake.declared_value is None or intake.route is None:
        return None
    result = guarantee(Decimal(intake.declared_value), Route(intake.route.value))
    return text("intake_guarantee", lang, amount=money(result.amount), basis=result.basis.of(lang))


def draft_intake(draft: dict[str, str]) -> Intake:
    """Intake answers by field name (a draft's, or a logged item's as stored) as the tracker's Intake (values
    checked when they were typed)."""
    return Intake(
        right_kind=RightKind(draft["right_kind"]) if "right_kind" in draft else None,
        recordation_no=draft.get("recordation_no"),
        port=draft.get("port"),
        goods=draft.get("goods"),
        direction=Direction(draft["direction"]) if "direction" in draft else None,
        declared_value=draft.get("declared_value"),
        route=CaseRoute(draft["route"]) if "route" in draft else None,
    )


def offer_duplicate(turn: Turn, description: str) -> list[Reply] | None:
    """Before logging: the enterprise's open item most like this text, as "Add to #N instead?" (None: none)."""
    tracker = tracker_of(turn)
    mine = tracker.open_texts(actor_id=turn.user_id, limit=DUPLICATES_LOOKED_AT)
    own = [(item_id, body) for item_id, body, _ in mine]
    matches = best_matches(turn.services, description, own, duplicate=True)
    if not matches:
        return None
    match = matches[0]
    turn.state.enter(STEP_DUPLICATE)
    turn.state.draft["dup"] = str(match.item_id)  # for the question asked again after a typed message
    title = shorten(match.text.split("\n", 1)[0], 60)
    return turn.say("dup_offer", _duplicate_rows(turn, match.item_id), item=match.item_id, title=title)


def _duplicate_rows(turn: Turn, item_id: int) -> Rows:
    return (
        (Button(turn.t("btn_dup_add", item=item_id), encode("in", "dup", item_id)),),
        (Button(turn.t("btn_dup_new"), encode("in", "new", "1")),),
    )


def _typed_at_duplicate(turn: Turn, message: str) -> list[Reply]:
    """Typed at "Add to #N instead?": most likely more about the problem, so it joins the waiting text (added
    or logged with it) and the question stays; a bare number is a button missed, not text."""
    draft = turn.state.draft
    if not draft.get("dup", "").isdigit():  # a question asked before the offered item was kept: ask it again
        return offer_duplicate(turn, draft.get("text", "")) or summary(turn)
    item_id = int(draft["dup"])
    if (number := _NUMBER.fullmatch(message.strip())) is not None:
        return turn.say("no_such_choice_step", _duplicate_rows(turn, item_id), number=int(number[1]))
    draft["text"] = _joined(draft.get("text", ""), message)
    return _duplicate_again(turn, "dup_kept")


def _duplicate_again(turn: Turn, key: str) -> list[Reply]:
    """The duplicate question again with its buttons, in the words of `key` (it names the item offered)."""
    draft = turn.state.draft
    if not draft.get("dup", "").isdigit():  # a question asked before the offered item was kept: ask it again
        return offer_duplicate(turn, draft.get("text", "")) or summary(turn)
    item_id = int(draft["dup"])
    return turn.say(key, _duplicate_rows(turn, item_id), item=item_id)


def quick(turn: Turn, description: str) -> list[Reply] | None:
    """`/problem TEXT`: the duplicate question when there is a like open item (the text waits), else None."""
    turn.state.leave()
    turn.state.draft = {"cat": Category.OTHER.value, "text": description, "quick": "1"}
    offer = offer_duplicate(turn, description)
    if offer is None:
        turn.state.leave()
    return offer


def _log(turn: Turn, *, check_duplicates: bool) -> list[Reply]:
    draft = dict(turn.state.draft)
    if not draft or turn.state.step not in (STEP_SUMMARY, STEP_DUPLICATE):
        return turn.say("button_stale")
    if "esc" in draft:  # "Ask an officer": no "Add to #N?" and its own limit, as before the intake
        turn.state.leave()
        return _escalate(turn, draft)
    description = draft.get("text") or _fields_text(draft, turn.lang)
    if check_duplicates and (offer := offer_duplicate(turn, description)) is not None:
        return offer
    if refused := turn.over_limit("item"):
        turn.state.leave()
        return refused
    item, parts = _raise(turn, description, Category(draft.get("cat", Category.OTHER.value)), draft)
    turn.state.leave()
    attached = attach_held(turn, draft, item.id)
    if draft.get("quick"):  # /problem TEXT: the category is asked after, as before
        from bot.core import enterprise  # the command module imports this one

        [logged_reply] = enterprise.logged_quick(turn, item, parts)
        return [Reply(Html("\n".join([logged_reply.html, *attached])), logged_reply.buttons)]
    logged = turn.t("problem_logged_final", item=item.id, category=category_name(item.category, turn.lang))
    lines = [logged, turn.t("what_next", item=item.id)]
    if parts > 1:
        lines.append(turn.t("kept_in_parts", limit=4000, parts=parts))
    return [Reply(Html("\n".join([*lines, *attached])))]


def _escalate(turn: Turn, draft: dict[str, str]) -> list[Reply]:
    """The question logged as asked; text typed at its summary follows it on the item, in parts if long."""
    from bot.core import questions  # the question module imports this one

    asked = turn.state.question(draft.get("esc", ""))
    logged_before = asked is not None and asked.item_id is not None
    replies = questions.log_escalation(turn, draft)
    more = draft.get("more", "")
    if asked is None or logged_before or asked.item_id is None or not more:
        return replies
    for part in split_text(more):
        tracker_of(turn).follow_up(actor_id=turn.user_id, item_id=asked.item_id, text=part)
    return replies


def _fields_text(draft: dict[str, str], lang: str) -> str:
    """A problem logged with no text: its fields say what it is about, or "(no description)"."""
    lines = [escape(line) for line in intake_lines(draft_intake(draft), lang)]
    return "\n".join(lines) if lines else str(text("intake_no_text", lang))


def _raise(turn: Turn, description: str, category: Category, draft: dict[str, str]) -> tuple[ItemView, int]:
    first, *rest = split_text(description) or [description]
    tracker = tracker_of(turn)
    item = tracker.raise_item(
        actor_id=turn.user_id, title=shorten(first, PROBLEM_TITLE_MAX), description=first, category=category,
        intake=draft_intake(draft),
    )
    for part in rest:
        tracker.follow_up(actor_id=turn.user_id, item_id=item.id, text=part)
    return item, 1 + len(rest)


def _add_to(turn: Turn, value: str) -> list[Reply]:
    """"Add to #N": the waiting text (and its fields) become a follow-up of #N instead of a new item."""
    draft = turn.state.draft
    if turn.state.step != STEP_DUPLICATE or not draft or not value.isdigit():
        return turn.say("button_stale")
    lines = [draft.get("text", ""), *(str(line) for line in intake_lines(draft_intake(draft), turn.lang))]
    body = "\n".join(line for line in lines if line).strip() or str(turn.t("intake_no_text"))
    item_id = int(value)
    parts = split_text(body)  # kept whole, in parts, as a new item's text is
    for part in parts:
        tracker_of(turn).follow_up(actor_id=turn.user_id, item_id=item_id, text=part)
    held = dict(draft)
    turn.state.leave()
    attached = attach_held(turn, held, item_id)
    lines = [turn.t("followup_added", item=item_id)]
    if len(parts) > 1:
        lines.append(turn.t("kept_in_parts", limit=4000, parts=len(parts)))
    return [Reply(Html("\n".join([*lines, *attached])))]
