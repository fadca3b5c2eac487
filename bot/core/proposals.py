"""Officers' answers become entries: an escalation's resolution proposed as a draft with the case's details
removed, which an admin approves, edits or rejects. Nothing is published without an admin."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape

from bot.core import buttons
from bot.core.drafts import draft_html, review_rows
from bot.core.kb import decided, keeper
from bot.core.messages import Reply
from bot.core.redaction import redact
from bot.core.rejections import refusal_reason
from bot.core.render import china_time
from bot.core.state import STEP_KB_EDIT, ChatState
from bot.core.texts import Html, text
from bot.core.turn import Rows, Turn
from bot.retrieval.editing import ANSWERS_FILE, EditRefused, section_of, with_entry
from bot.retrieval.grouping import is_chinese
from bot.retrieval.reports import BuildFailed
from bot.tracker.errors import Conflict
from bot.tracker.values import EventKind, ItemKind, ItemView, Status

HEADING_MAX = 180  # the knowledge format's headings stop at 200 characters
# The legal basis an officer gave: a line of its own, or articles named in the text.
_BASIS_LINE = re.compile(r"^\s*(?:Legal basis|法律依据)\s*[:：]\s*(?P<basis>.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_ARTICLES = re.compile(
    r"(?:(?:Regulations|Measures|Customs Law|Trademark Law|Patent Law|Copyright Law)\s+Arts?\.\s*\d+(?:[-–,]\s*\d+)*)"
    r"|(?:《[^》]{2,30}》(?:实施办法)?第[一二三四五六七八九十百零〇\d]+条)"
)


def offer_rows(item: ItemView, lang: str) -> Rows:
    """Under "#N closed": "Propose for the knowledge base", for a question the bot escalated."""
    if item.kind != ItemKind.ESCALATION or item.status != Status.RESOLVED:
        return ()
    return ((buttons.kb_propose(item.id, lang),),)


def draft_markdown(question: str, resolution: str, lang: str) -> tuple[str, list[str]]:
    """The entry an officer's resolution makes: the question as heading, the reply as body, its legal basis
    as the last line; the case's details removed (and listed)."""
    basis_line = _BASIS_LINE.search(resolution)
    body = _BASIS_LINE.sub("", resolution).strip()
    basis = basis_line.group("basis") if basis_line else "; ".join(dict.fromkeys(_ARTICLES.findall(resolution)))
    heading, cleaned = redact(" ".join(question.split()), lang), redact(body, lang)
    markdown = f"## {heading.text[:HEADING_MAX]}\n\n{cleaned.text}\n"
    if basis:
        markdown += "\n" + text("kb_basis_line", lang, basis=basis) + "\n"
    return markdown, list(dict.fromkeys([*heading.removed, *cleaned.removed]))


def propose(turn: Turn, item_id: int) -> list[Reply]:
    """The officer's press: the draft, and a notice with Approve / Edit / Reject to every admin, are written in
    one transaction (the outbox delivers it, even if this process dies right after)."""
    detail = turn.services.tracker.item_detail(actor_id=turn.user_id, item_id=item_id)
    item = detail.item
    resolution = item.resolution or next(
        (e.text for e in reversed(detail.history) if e.event == EventKind.OFFICER_REPLY and e.text), None
    )
    if item.kind != ItemKind.ESCALATION or item.status != Status.RESOLVED or not resolution:
        return turn.say("kb_propose_not_resolved", item=item_id)
    lang = "zh" if is_chinese(item.description) else "en"
    markdown, removed = draft_markdown(item.description, resolution, lang)
    try:
        _draft, admins = turn.services.tracker.propose_answer(
            author_id=turn.user_id, content=markdown, lang=lang, removed=removed, item_id=item_id
        )
    except Conflict:
        return turn.say("kb_already_proposed", item=item_id)
    return turn.say("kb_proposed", item=item_id, admins=admins)


def approve(turn: Turn, draft_id: int) -> list[Reply]:
    """Written into the answers file of the draft's language, with who approved it and when; indexed at once;
    the gap its escalation left is settled."""
    tracker = turn.services.tracker
    try:
        draft = tracker.decide_draft(actor_id=turn.user_id, draft_id=draft_id, status="published")
    except Conflict as exc:
        return decided(turn, exc)
    when = china_time(datetime.now(UTC))
    provenance = text("kb_provenance", draft.lang, who=turn.user.name, when=when, item=draft.item_id or "—")
    anchor = f"answer-{draft.id}"
    try:
        heading = section_of(draft.content, draft.lang).title
        record = keeper(tracker, actor_id=turn.user_id, kind="entry", summary=f"“{heading}” (#{draft.item_id})")
        change = turn.services.knowledge.change_file(
            ANSWERS_FILE[draft.lang], lambda data: with_entry(data, draft.content, draft.lang, anchor, provenance),
            record,
        )
    except (EditRefused, BuildFailed) as exc:
        tracker.reopen_draft(draft_id=draft_id)
        return turn.say("kb_edit_invalid", reason=refusal_reason(exc, turn.lang))
    except Exception:  # the change could not be kept, so nothing was written
        tracker.reopen_draft(draft_id=draft_id)
        raise
    if draft.item_id is not None:  # the escalation's gap, and the same question's when it was declined before
        listed = tracker.listed_gaps(actor_id=turn.user_id)
        asked = {g.question for g in listed if g.item_id == draft.item_id}
        gaps = [g.id for g in listed if g.item_id == draft.item_id or g.question in asked]
        if gaps:
            entry = f"{change.path.rsplit('/', 1)[-1].removesuffix('.md')}#{anchor}"
            tracker.settle_gaps(actor_id=turn.user_id, gap_ids=gaps, status="answered", answer_entry=entry)
    return turn.say("kb_approved", heading=heading)


def ask_edit(turn: Turn, draft_id: int) -> list[Reply]:
    """Edit: the next message is the corrected entry (the draft is shown to copy from)."""
    draft = turn.services.tracker.draft(actor_id=turn.user_id, draft_id=draft_id)
    if draft.status != "pending":
        return turn.say("kb_draft_decided", who=draft.decided_name or "—")
    _await_edit(turn, draft_id)
    prompt = Html(turn.t("kb_edit_prompt", draft=draft_id) + f"\n<pre>{escape(draft.content)}</pre>")
    return _to_own_chat(turn, [Reply(prompt)])


def edited(turn: Turn, draft_id: int, markdown: str) -> list[Reply]:
    """The corrected text: refused with the reason (the step stays), else the new draft to approve."""
    draft = turn.services.tracker.draft(actor_id=turn.user_id, draft_id=draft_id)
    try:
        section_of(markdown, draft.lang)
    except EditRefused as exc:
        turn.state.enter(STEP_KB_EDIT, item_id=draft_id)
        return turn.say("kb_edit_invalid", reason=str(exc))
    try:
        draft = turn.services.tracker.edit_draft(actor_id=turn.user_id, draft_id=draft_id, content=markdown)
    except Conflict as exc:
        return decided(turn, exc)
    return [Reply(draft_html(draft, turn.lang), review_rows(draft.id, turn.lang))]


def reject(turn: Turn, draft_id: int) -> list[Reply]:
    try:
        turn.services.tracker.decide_draft(actor_id=turn.user_id, draft_id=draft_id, status="rejected")
    except Conflict as exc:
        return decided(turn, exc)
    return turn.say("kb_rejected", draft=draft_id)


def _await_edit(turn: Turn, draft_id: int) -> None:
    """The step in the admin's own chat (a group's messages are not for the bot)."""
    if turn.incoming.chat_id == turn.user_id:
        turn.state.enter(STEP_KB_EDIT, item_id=draft_id)
        return
    tracker = turn.services.tracker
    own = ChatState.from_dict(tracker.get_chat_state(chat_id=turn.user_id))
    own.enter(STEP_KB_EDIT, item_id=draft_id)
    tracker.set_chat_state(chat_id=turn.user_id, state=own.as_dict())


def _to_own_chat(turn: Turn, replies: list[Reply]) -> list[Reply]:
    if turn.incoming.chat_id == turn.user_id:
        return replies
    return [Reply(r.html, r.buttons, chat_id=turn.user_id) for r in replies]
