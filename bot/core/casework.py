"""Casework in the chat: files on items, /merge, the owner's score at close, and the steps and buttons of the
structured intake and the recordations, hooked into the Dialog, the presses and the commands."""

from __future__ import annotations

import dataclasses

from bot.core import intake, recordations
from bot.core.buttons import ButtonKind, encode, int_arg
from bot.core.caseports import tracker_of
from bot.core.messages import Button, Reply, SentFile
from bot.core.state import STEP_FOLLOW_UP
from bot.core.texts import shorten
from bot.core.turn import Rows, Turn, split_item_and_text
from bot.retrieval.uploads import is_markdown
from bot.tracker.errors import Invalid
from bot.tracker.values import AttachmentView

STEP_RATE_COMMENT = "rate_comment"
# Files an item takes: photos and images, PDF. Telegram lets a bot fetch up to 20 MB; we never fetch them,
# but a larger file could not be re-checked by anyone, so the same limit is stated and kept.
FILE_LIMIT_MB = 20
FILE_TYPES = ("image/", "application/pdf")
ITEMS_OFFERED = 5
NAME_MAX = 40
CAPTION_NAME_MAX = 200  # what bot.tracker.casework keeps of a file's name
MERGE_REFUSED = {"owner": "merge_other_owner", "item_id": "merge_itself"}  # the tracker's Invalid field -> text
FILES_SHOWN = 10  # file buttons per message; "More files" shows the next ones (an item holds up to 50, more merged)

# -- files


def on_file(turn: Turn) -> list[Reply] | None:
    """A photo or document in a private chat (an admin's .md upload is not ours: None lets it through)."""
    sent = turn.incoming.file
    if sent is None or turn.incoming.chat_type != "private":
        return None
    if turn.is_admin and is_markdown(sent.file_name or ""):
        return None
    if not _acceptable(sent):
        return turn.say("attach_refused", limit=FILE_LIMIT_MB)
    sent = _captioned(sent, turn.incoming.text)
    if recordations.is_guide_step(turn):
        return recordations.guide_photo(turn, sent)
    tracker = tracker_of(turn)
    if intake.is_intake_step(turn.state.step):
        return _hold(turn, sent)
    step_item = turn.state.item_id if turn.state.step == STEP_FOLLOW_UP else None
    open_items = [] if step_item is not None else tracker.open_items_of(actor_id=turn.user_id)
    if step_item is None and not open_items:
        return turn.say("attach_none")
    target = step_item if step_item is not None else (open_items[0].id if len(open_items) == 1 else None)
    kept = tracker.keep_file(
        actor_id=turn.user_id, kind=sent.kind, file_id=sent.file_id, file_name=sent.file_name,
        mime_type=sent.mime_type, size=sent.size, item_id=target,
    )
    if target is not None:
        return turn.say("attach_added", item=target, name=_name(turn, kept))
    rows = tuple(
        (Button(turn.t("btn_add_item", item=item.id, title=shorten(item.title, 30)), encode("atp", kept.id, item.id)),)
        for item in open_items[:ITEMS_OFFERED]
    )
    kind = turn.t(f"attach_kind_{sent.kind}")
    return turn.say("attach_pick", rows, kind=kind, name=_name(turn, kept))


def _hold(turn: Turn, sent: SentFile) -> list[Reply]:
    """A file sent while the intake is under way: kept on no item yet, attached when the summary logs it."""
    if len(intake.held_files(turn.state.draft)) >= intake.FILES_HELD:
        return [*turn.say("attach_held_full", count=intake.FILES_HELD), *intake.again(turn)]
    kept = tracker_of(turn).keep_file(
        actor_id=turn.user_id, kind=sent.kind, file_id=sent.file_id, file_name=sent.file_name,
        mime_type=sent.mime_type, size=sent.size,
    )
    intake.hold_file(turn, kept.id)
    return [*turn.say("attach_held", name=_name(turn, kept)), *intake.again(turn)]


def _captioned(sent: SentFile, caption: str | None) -> SentFile:
    """A file's caption, what its sender said about it, is kept in its name: a photo (or a document without a
    name) has none of its own, so the caption is its name; a document keeps its file name first, the caption
    after it ("invoice.pdf — of the held shipment"). The officer gets it with the file, the history and the
    buttons show it. Cut at the name's CAPTION_NAME_MAX."""
    words = " ".join((caption or "").split())
    if not words:
        return sent
    name = f"{sent.file_name} — {words}" if sent.file_name else words
    return dataclasses.replace(sent, file_name=name[:CAPTION_NAME_MAX])


def _acceptable(sent: SentFile) -> bool:
    if sent.size > FILE_LIMIT_MB * 1024 * 1024:
        return False
    if sent.kind == "photo":
        return True
    mime = (sent.mime_type or "").lower()
    return mime.startswith(FILE_TYPES) or (sent.file_name or "").lower().endswith(".pdf")


def _name(turn: Turn, kept: AttachmentView) -> str:
    return shorten(kept.file_name or str(turn.t(f"attach_kind_{kept.kind}")), NAME_MAX)


def _attach_to(turn: Turn, args: tuple[str, ...]) -> list[Reply]:
    """The item picked for a file sent with several open."""
    attachment_id, item_id = int_arg(args[0]), int_arg(args[1])
    kept = tracker_of(turn).attach_file(actor_id=turn.user_id, attachment_id=attachment_id, item_id=item_id)
    return turn.say("attach_added", item=item_id, name=_name(turn, kept))


def _send_again(turn: Turn, args: tuple[str, ...]) -> list[Reply]:
    """A file of an item (or guide) sent again to whoever may see it; others learn nothing."""
    kept = tracker_of(turn).attachment(actor_id=turn.user_id, attachment_id=int_arg(args[0]))
    return [file_reply(turn, kept)]


def file_reply(turn: Turn, kept: AttachmentView) -> Reply:
    caption = turn.t("attachment_caption", item=kept.item_id or "—", name=_name(turn, kept))
    sent = SentFile(kept.kind, kept.file_id, kept.file_name, kept.mime_type, kept.size)
    return Reply(caption, file=sent)


def attachment_rows(turn: Turn, item_id: int, start: int = 0) -> Rows:
    """One button per file on the item from `start` (pressing it has the file sent again), and "More files"
    when there are more than fit."""
    files = tracker_of(turn).attachments(actor_id=turn.user_id, item_id=item_id)
    shown = files[start : start + FILES_SHOWN]
    rows = [(Button("📎 " + _name(turn, f), encode("att", f.id)),) for f in shown]
    if (rest := len(files) - start - len(shown)) > 0:
        rows.append((Button(turn.t("btn_more_files", count=rest), encode("atm", item_id, start + FILES_SHOWN)),))
    return tuple(rows)


def _more_files(turn: Turn, args: tuple[str, ...]) -> list[Reply]:
    """The next files of an item, for whoever may see it (others learn nothing, as for one file)."""
    item_id, start = int_arg(args[0]), int_arg(args[1])
    rows = attachment_rows(turn, item_id, start)
    return turn.say("attachments_more", rows, item=item_id) if rows else turn.say("button_stale")


# -- merge


def merge(turn: Turn, args: str) -> list[Reply]:
    """`/merge N M`: #M's history and files go to #N; #M's owner hears of it."""
    into_id, rest = split_item_and_text(args)
    from_id, extra = split_item_and_text(rest)
    if into_id is None or from_id is None or extra:
        return turn.say("usage_merge")
    try:
        tracker_of(turn).merge(actor_id=turn.user_id, into_id=into_id, from_id=from_id)
    except Invalid as refused:  # the reason, not "That can't be done" (a status is said by the common rule)
        key = MERGE_REFUSED.get(str(refused.params.get("field")))
        if key is None:
            raise
        return turn.say(key, item=into_id, from_item=from_id)
    return turn.say("merged", item=into_id, from_item=from_id)


# -- satisfaction


def _rate(turn: Turn, args: tuple[str, ...]) -> list[Reply]:
    """A score button: kept (the latest counts), then an optional comment is the next message."""
    item_id, score = int_arg(args[0]), int_arg(args[1])
    tracker_of(turn).rate(actor_id=turn.user_id, item_id=item_id, score=score)
    turn.state.enter(STEP_RATE_COMMENT, item_id=item_id, calc=str(score))
    return turn.say("rate_thanks", item=item_id, score=score)


def _rate_comment(turn: Turn, message: str) -> list[Reply]:
    item_id, score = turn.state.item_id, int(turn.state.calc or 0)
    turn.state.leave()
    if item_id is None or not 1 <= score <= 5:
        return turn.say("button_stale")
    tracker_of(turn).rate(actor_id=turn.user_id, item_id=item_id, score=score, comment=message[:2000])
    return turn.say("rate_comment_kept", item=item_id)


# -- the Dialog's hooks


def on_text(turn: Turn, message: str) -> list[Reply] | None:
    """A typed message for one of casework's steps, else None."""
    step = turn.state.step
    if intake.is_intake_step(step):
        return intake.on_text(turn, message)
    if step == STEP_RATE_COMMENT:
        return _rate_comment(turn, message)
    if recordations.is_step(step):
        return recordations.on_text(turn, message)
    return None


# Button kinds (bot/core/presses.py has the one table): in:FIELD:VALUE (the intake) · sat:N:SCORE · att:ID
# (send a file again) · atm:N:START (#N's files from START) · atp:ID:N (put a file on #N) · rec:ACTION:ARG
# (recordations).
KINDS = (
    ButtonKind("in", 2, lambda turn, args: intake.press(turn, args[0], args[1])),
    ButtonKind("sat", 2, _rate),
    ButtonKind("att", 1, _send_again),
    ButtonKind("atm", 2, _more_files),
    ButtonKind("atp", 2, _attach_to),
    ButtonKind("rec", 2, lambda turn, args: recordations.press(turn, args[0], args[1])),
)
