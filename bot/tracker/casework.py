"""Casework on items beyond the list's basics: photos and documents, merging a duplicate, the owner's score."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select

from bot.tracker.access import load_actor, load_staff, owned_item, visible_item
from bot.tracker.errors import Invalid, NotFound
from bot.tracker.items import change_item, closing, record_event, require_status
from bot.tracker.models import Attachment, Item, ItemEvent, Recordation, User
from bot.tracker.notices import AttachmentAdded, ItemMerged, LowScore
from bot.tracker.outbox import notify_officers, notify_user
from bot.tracker.unit import Unit
from bot.tracker.validation import optional_text
from bot.tracker.values import ACTIVE, FINISHED, AttachmentView, EventKind, ItemView, Status
from bot.tracker.views import item_view

ATTACHMENT_KINDS = ("photo", "document")
ATTACHMENTS_PER_ITEM = 50
LOW_SCORE = 2  # a score this low or lower is announced to the officers' chat


def keep_file(
    unit: Unit, *, actor_id: int, kind: str, file_id: str, file_name: str | None, mime_type: str | None, size: int,
    item_id: int | None = None, recordation_id: int | None = None,
) -> AttachmentView:
    """Keep a file the actor sent: on its own active item (whose officer, else the officers' chat, gets it),
    on its own recordation's guide, or on nothing yet (the actor picks the item next)."""
    actor = load_actor(unit, actor_id)
    if kind not in ATTACHMENT_KINDS or not file_id or len(file_id) > 200:
        raise Invalid("Not a file Telegram sent.", field="file")
    row = Attachment(
        owner_id=actor_id, kind=kind, file_id=file_id, file_name=(file_name or "")[:200] or None,
        mime_type=(mime_type or "")[:100] or None, size=max(0, size), created_at=unit.now,
    )
    if recordation_id is not None:
        recordation = unit.session.get(Recordation, recordation_id)
        if recordation is None or recordation.owner_id != actor_id:
            raise NotFound(f"Recordation {recordation_id} not found.")
        row.recordation_id = recordation_id
    unit.session.add(row)
    unit.session.flush()
    if item_id is not None:
        _attach(unit, actor, row, item_id)
    return _view(row)


def attach(unit: Unit, *, actor_id: int, attachment_id: int, item_id: int) -> AttachmentView:
    """A kept file not yet on an item goes on the actor's item `item_id` (the button the actor pressed)."""
    actor = load_actor(unit, actor_id)
    row = unit.session.get(Attachment, attachment_id)
    if row is None or row.owner_id != actor_id:
        raise NotFound(f"Attachment {attachment_id} not found.")
    if row.item_id == item_id:  # pressed twice
        return _view(row)
    if row.item_id is not None:
        raise Invalid("That file is attached already.", field="attachment")
    _attach(unit, actor, row, item_id)
    return _view(row)


def _attach(unit: Unit, actor: User, row: Attachment, item_id: int) -> None:
    item = owned_item(unit, actor, item_id)
    require_status(item, ACTIVE, doing="add to")
    count = len(unit.session.exec(select(Attachment.id).where(col(Attachment.item_id) == item_id)).all())
    if count >= ATTACHMENTS_PER_ITEM:
        raise Invalid(f"At most {ATTACHMENTS_PER_ITEM} files per item.", field="attachment", item_id=item_id)
    row.item_id = item_id
    unit.session.add(row)
    change_item(unit, item)  # a close racing with the file is a Conflict, as for a follow-up
    name = row.file_name or row.kind
    record_event(unit, item, actor.id, EventKind.ATTACHED, text=name)
    assert row.id is not None
    notice = AttachmentAdded(
        item_id=item_id, attachment_id=row.id, file_kind=row.kind, file_id=row.file_id, file_name=name,
        owner_name=actor.name,
    )
    holder = unit.session.get(User, item.assignee_id) if item.assignee_id is not None else None
    if holder is not None:
        notify_user(unit, holder, notice)
    else:
        notify_officers(unit, notice)


def attachments_of(unit: Unit, *, actor_id: int, item_id: int) -> list[AttachmentView]:
    """The files on an item its owner or an officer may see; nobody else learns the item exists."""
    visible_item(unit, load_actor(unit, actor_id), item_id)
    rows = unit.session.exec(
        select(Attachment).where(col(Attachment.item_id) == item_id).order_by(col(Attachment.id))
    ).all()
    return [_view(row) for row in rows]


def attachment(unit: Unit, *, actor_id: int, attachment_id: int) -> AttachmentView:
    """One file, to be sent again: the sender's own, one on an item the actor may see, or (staff) a guide's."""
    actor = load_actor(unit, actor_id)
    row = unit.session.get(Attachment, attachment_id)
    if row is None:
        raise NotFound(f"Attachment {attachment_id} not found.")
    if row.owner_id == actor_id:
        return _view(row)
    if row.item_id is not None:
        visible_item(unit, actor, row.item_id)  # an enterprise's "not found" for another's item
        return _view(row)
    load_staff(unit, actor_id)  # a recordation guide's photo: officers only
    if row.recordation_id is None:
        raise NotFound(f"Attachment {attachment_id} not found.")
    return _view(row)


def guide_photos(unit: Unit, *, recordation_id: int) -> list[AttachmentView]:
    rows = unit.session.exec(
        select(Attachment).where(col(Attachment.recordation_id) == recordation_id).order_by(col(Attachment.id))
    ).all()
    return [_view(row) for row in rows]


def merge(unit: Unit, *, actor_id: int, into_id: int, from_id: int) -> ItemView:
    """#from's history and files go to #into; #from is resolved as merged and its owner told. Only items of one
    owner: merging another enterprise's item would hide its case from its owner."""
    officer = load_staff(unit, actor_id)
    if into_id == from_id:
        raise Invalid("An item cannot be merged into itself.", field="item_id", item_id=from_id)
    into, merged = visible_item(unit, officer, into_id), visible_item(unit, officer, from_id)
    require_status(into, ACTIVE, doing="merge into")
    require_status(merged, ACTIVE, doing="merge")
    if into.owner_id != merged.owner_id:
        raise Invalid("Only items of the same enterprise user can be merged.", field="owner", item_id=from_id)
    moved = {"item_id": into_id}
    unit.session.exec(update(ItemEvent).where(col(ItemEvent.item_id) == from_id).values(**moved))
    unit.session.exec(update(Attachment).where(col(Attachment.item_id) == from_id).values(**moved))
    before = merged.status
    change_item(
        unit, merged, status=Status.RESOLVED.value, resolution=f"Merged into #{into_id}", merged_into=into_id,
        **{**closing(unit, merged), "closed_on_time": None},  # not a resolution of its own
    )
    record_event(unit, merged, actor_id, EventKind.MERGED, text=f"into #{into_id}", from_status=before,
                 to_status=Status.RESOLVED)
    change_item(unit, into)
    # What #from's owner wrote is its description, not an event: it goes with the history, or #into's view
    # would show only "from #M" and the officer would have to open #M to learn what it was about.
    record_event(unit, into, actor_id, EventKind.MERGED, text=f"from #{from_id}: {merged.description}")
    owner = unit.session.get(User, merged.owner_id)
    if owner is not None and owner.id != actor_id:
        notify_user(unit, owner, ItemMerged(item_id=into_id, from_item=from_id))
    return item_view(unit.session, into_id)


def rate(unit: Unit, *, actor_id: int, item_id: int, score: int, comment: str | None = None) -> ItemView:
    """The owner's 1-5 on a finished item (the latest counts; a comment may follow the score). A low score is
    announced to the officers' chat once, when it is given."""
    item = owned_item(unit, load_actor(unit, actor_id), item_id)
    if not 1 <= score <= 5:
        raise Invalid("A score is 1 to 5.", field="score")
    require_status(item, FINISHED, doing="rate")
    note = optional_text(comment, field="comment")
    changed_score = item.satisfaction != score
    change_item(unit, item, satisfaction=score, satisfaction_comment=note or item.satisfaction_comment)
    record_event(unit, item, actor_id, EventKind.RATED, text=f"{score}/5" + (f": {note}" if note else ""))
    if score <= LOW_SCORE and (changed_score or note):
        notify_officers(unit, LowScore(item_id=item_id, score=score, comment=note or ""))
    return item_view(unit.session, item_id)


def similar_candidates(unit: Unit, *, limit: int, owner_id: int | None = None) -> list[tuple[int, str, int]]:
    """(id, title + description, owner) of the newest active items (of one owner when given): what a new item is
    compared with for duplicates."""
    query = select(Item).where(col(Item.status).in_([status.value for status in ACTIVE]))
    if owner_id is not None:
        query = query.where(col(Item.owner_id) == owner_id)
    rows = unit.session.exec(query.order_by(col(Item.created_at).desc()).limit(limit)).all()
    return [(row.id or 0, f"{row.title}\n{row.description}\n{row.goods or ''}".strip(), row.owner_id) for row in rows]


def _view(row: Attachment) -> AttachmentView:
    assert row.id is not None
    return AttachmentView(
        id=row.id, item_id=row.item_id, recordation_id=row.recordation_id, owner_id=row.owner_id, kind=row.kind,
        file_id=row.file_id, file_name=row.file_name, mime_type=row.mime_type, size=row.size,
        created_at=row.created_at,
    )
