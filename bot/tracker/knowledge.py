"""The knowledge loop's records: previous versions of knowledge files, the gaps list, drafts for admins."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from sqlalchemy import update
from sqlmodel import col, select

from bot.tracker.access import load_admin, load_staff
from bot.tracker.errors import Conflict, NotFound
from bot.tracker.knowledge_views import ChangeView, DraftView, GapView
from bot.tracker.models import KnowledgeChange, KnowledgeDraft, KnowledgeGap, User
from bot.tracker.notices import KbDraft
from bot.tracker.outbox import notify_user
from bot.tracker.unit import Unit
from bot.tracker.validation import clean_text
from bot.tracker.values import TEXT_MAX, ItemKind, ItemView, Role

QUESTION_MAX = 1000
GAP_SOURCES = ("declined", "unhelpful", "escalation")
LISTED = ("open", "needs_entry")  # what /gaps shows: not yet settled
SETTLED = ("answered", "dismissed")
CHANGE_KINDS = ("upload", "phrasings", "entry", "undo")
DRAFT_MAX = 60_000  # an entry or an uploaded file (the knowledge parser takes files up to 512 KiB)
CLI_NAME = "command line"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _name(unit: Unit, actor_id: int | None) -> str:
    user = unit.session.get(User, actor_id) if actor_id is not None else None
    return user.name if user is not None else CLI_NAME


# -- versions of knowledge files


def record_change(
    unit: Unit, *, actor_id: int | None, topic: str, path: str, previous: str | None, kind: str, summary: str
) -> ChangeView:
    """Keep the file as it was before a change; actor_id None is the command line (trusted)."""
    if actor_id is not None:
        load_admin(unit, actor_id)
    row = KnowledgeChange(
        topic=topic, path=path, previous=previous, kind=kind, summary=summary[:TEXT_MAX],
        actor_id=actor_id, actor_name=_name(unit, actor_id), at=unit.now,
    )
    unit.session.add(row)
    unit.session.flush()
    return _change_view(row)


def changes(unit: Unit, *, actor_id: int | None, topic: str, limit: int) -> list[ChangeView]:
    """The newest changes to `topic` first."""
    if actor_id is not None:
        load_admin(unit, actor_id)
    query = (
        select(KnowledgeChange)
        .where(col(KnowledgeChange.topic) == topic)
        .order_by(col(KnowledgeChange.id).desc())
        .limit(limit)
    )
    return [_change_view(row) for row in unit.session.exec(query).all()]


def _change_view(row: KnowledgeChange) -> ChangeView:
    assert row.id is not None
    return ChangeView(
        row.id, row.topic, row.path, row.kind, row.summary, row.actor_name, _aware(row.at), row.previous
    )


# -- the gaps list


def note_gap(
    unit: Unit,
    *,
    question: str,
    lang: str,
    source: str,
    user_id: int | None,
    entry_id: str | None = None,
    item_id: int | None = None,
) -> None:
    """Put a question on the gaps list; the same person asking the same open question again (the same way:
declined, 👎, escalated) adds nothing."""
    text = " ".join(question.split())[:QUESTION_MAX]
    if not text or source not in GAP_SOURCES:
        return
    same = select(KnowledgeGap.id).where(
        col(KnowledgeGap.question) == text,
        col(KnowledgeGap.user_id) == user_id,
        col(KnowledgeGap.source) == source,
        col(KnowledgeGap.status).in_(LISTED),
    )
    if unit.session.exec(same).first() is not None:
        return
    unit.session.add(
        KnowledgeGap(
            question=text, lang=lang, source=source, entry_id=entry_id, item_id=item_id, user_id=user_id,
            at=unit.now, status="open",
        )
    )


def listed_gaps(unit: Unit, *, actor_id: int | None, limit: int) -> list[GapView]:
    """Gaps not yet settled, oldest first; admins only (None: the command line)."""
    if actor_id is not None:
        load_admin(unit, actor_id)
    query = select(KnowledgeGap).where(col(KnowledgeGap.status).in_(LISTED)).order_by(col(KnowledgeGap.id))
    return [_gap_view(row) for row in unit.session.exec(query.limit(limit)).all()]


def all_gaps(unit: Unit) -> list[GapView]:
    """Every gap, settled ones too, for the command line's export."""
    query = select(KnowledgeGap).order_by(col(KnowledgeGap.id))
    return [_gap_view(row) for row in unit.session.exec(query).all()]


def dismissed_questions(unit: Unit, *, limit: int) -> list[str]:
    """The newest questions admins called "not for this desk"."""
    query = (
        select(KnowledgeGap.question)
        .where(col(KnowledgeGap.status) == "dismissed")
        .order_by(col(KnowledgeGap.id).desc())
        .limit(limit)
    )
    return list(unit.session.exec(query).all())


def gap(unit: Unit, *, actor_id: int, gap_id: int) -> GapView:
    load_admin(unit, actor_id)
    row = unit.session.get(KnowledgeGap, gap_id)
    if row is None:
        raise NotFound(f"Gap {gap_id} was not found.", what="gap", id=gap_id)
    return _gap_view(row)


def settle_gaps(
    unit: Unit, *, actor_id: int, gap_ids: list[int], status: str, answer_entry: str | None = None
) -> int:
    """Mark the gaps still listed; returns how many were (0: another admin settled them first). One UPDATE
    with the status in its WHERE, so of two admins pressing at once exactly one settles each gap."""
    admin = load_admin(unit, actor_id)
    if status not in (*SETTLED, "needs_entry"):
        raise ValueError(status)
    still = ("open",) if status == "needs_entry" else LISTED
    result = unit.session.exec(
        update(KnowledgeGap)
        .where(col(KnowledgeGap.id).in_(gap_ids), col(KnowledgeGap.status).in_(still))
        .values(
            status=status, handled_by=actor_id, handled_name=admin.name, handled_at=unit.now,
            answer_entry=answer_entry,
        )
    )
    return int(result.rowcount or 0)


def _gap_view(row: KnowledgeGap) -> GapView:
    assert row.id is not None
    return GapView(
        row.id, row.question, row.lang, row.source, row.entry_id, row.item_id, _aware(row.at), row.status,
        row.handled_name, row.answer_entry,
    )


# -- drafts waiting for an admin


def add_draft(
    unit: Unit,
    *,
    author_id: int,
    kind: str,
    content: str,
    lang: str,
    file_name: str | None = None,
    removed: list[str] | None = None,
    item_id: int | None = None,
) -> DraftView:
    """An upload waiting for Publish (admins) or an officer's answer waiting for an admin (staff)."""
    load_admin(unit, author_id) if kind == "upload" else load_staff(unit, author_id)
    if item_id is not None:  # one proposal per escalation, unless an admin rejected it
        taken = select(KnowledgeDraft.id).where(
            col(KnowledgeDraft.item_id) == item_id, col(KnowledgeDraft.status).in_(("pending", "published"))
        )
        if unit.session.exec(taken).first() is not None:
            raise Conflict("This answer was proposed already.", item_id=item_id)
    # An upload is kept byte for byte (the desk checked its size); an entry is trimmed.
    kept = content if kind == "upload" and content.strip() else clean_text(content, field="draft", limit=DRAFT_MAX)
    row = KnowledgeDraft(
        kind=kind, status="pending", author_id=author_id, file_name=file_name, content=kept, lang=lang,
        removed=json.dumps(removed or [], ensure_ascii=False), item_id=item_id, created_at=unit.now,
    )
    unit.session.add(row)
    unit.session.flush()
    return _draft_view(row)


def propose_answer(
    unit: Unit, *, author_id: int, content: str, lang: str, removed: list[str], item_id: int
) -> tuple[DraftView, int]:
    """An officer's answer as a draft, and a notice of it to every admin in the same transaction: the
    admins get it even if the process dies right after. Returns the draft and how many admins were told."""
    draft = add_draft(unit, author_id=author_id, kind="answer", content=content, lang=lang, removed=removed,
                      item_id=item_id)
    notice = KbDraft(draft_id=draft.id, item_id=item_id, lang=lang, content=draft.content, removed=list(draft.removed))
    admins = unit.session.exec(select(User).where(col(User.role) == Role.ADMIN.value).order_by(col(User.id))).all()
    for admin in admins:
        notify_user(unit, admin, notice)
    return draft, len(admins)


def pending_drafts(unit: Unit, *, actor_id: int, limit: int) -> list[DraftView]:
    """Officers' answers still waiting for an admin, oldest first (uploads wait for their own admin's press)."""
    load_admin(unit, actor_id)
    query = (
        select(KnowledgeDraft)
        .where(col(KnowledgeDraft.kind) == "answer", col(KnowledgeDraft.status) == "pending")
        .order_by(col(KnowledgeDraft.id))
        .limit(limit)
    )
    return [_draft_view(row) for row in unit.session.exec(query).all()]


def draft(unit: Unit, *, actor_id: int, draft_id: int) -> DraftView:
    load_admin(unit, actor_id)
    return _draft_view(_draft_row(unit, draft_id))


def edit_draft(unit: Unit, *, actor_id: int, draft_id: int, content: str) -> DraftView:
    """The admin's corrected text replaces a pending draft's."""
    load_admin(unit, actor_id)
    row = _pending(unit, draft_id)
    row.content = clean_text(content, field="draft", limit=DRAFT_MAX)
    unit.session.add(row)
    return _draft_view(row)


def decide_draft(unit: Unit, *, actor_id: int, draft_id: int, status: str) -> DraftView:
    """published | cancelled | rejected, once: a second decision is a Conflict naming the first."""
    admin = load_admin(unit, actor_id)
    result = unit.session.exec(
        update(KnowledgeDraft)
        .where(col(KnowledgeDraft.id) == draft_id, col(KnowledgeDraft.status) == "pending")
        .values(status=status, decided_by=actor_id, decided_name=admin.name, decided_at=unit.now)
    )
    row = _draft_row(unit, draft_id)
    unit.session.refresh(row)
    if not result.rowcount:
        raise Conflict("Someone else decided this draft first.", draft=draft_id, who=row.decided_name)
    return _draft_view(row)


def reopen_draft(unit: Unit, *, draft_id: int) -> None:
    """Back to pending: publishing it failed after it was claimed."""
    row = _draft_row(unit, draft_id)
    row.status, row.decided_by, row.decided_name, row.decided_at = "pending", None, None, None
    unit.session.add(row)


def _pending(unit: Unit, draft_id: int) -> KnowledgeDraft:
    row = _draft_row(unit, draft_id)
    if row.status != "pending":
        raise Conflict("Someone else decided this draft first.", draft=draft_id, who=row.decided_name)
    return row


def _draft_row(unit: Unit, draft_id: int) -> KnowledgeDraft:
    row = unit.session.get(KnowledgeDraft, draft_id)
    if row is None:
        raise NotFound(f"Draft {draft_id} was not found.", what="draft", id=draft_id)
    return row


def _draft_view(row: KnowledgeDraft) -> DraftView:
    assert row.id is not None
    removed = tuple(str(r) for r in json.loads(row.removed or "[]"))
    return DraftView(
        row.id, row.kind, row.status, row.author_id, row.file_name, row.content, row.lang, removed, row.item_id,
        row.decided_name, _aware(row.created_at),
    )


def note_closed_escalation(unit: Unit, item: ItemView) -> None:
    """A question the bot escalated and an officer resolved: the knowledge base should answer it next time."""
    if item.kind == ItemKind.ESCALATION:
        lang = "zh" if _CJK.search(item.description) else "en"
        note_gap(unit, question=item.description, lang=lang, source="escalation", user_id=item.owner_id,
                 item_id=item.id)
