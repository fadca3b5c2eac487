"""The Tracker's casework calls (files, merging, ratings, recordations and their guides), one transaction each."""

from __future__ import annotations

from datetime import date

from bot.tracker import casework, recordations
from bot.tracker.facade import Facade
from bot.tracker.values import AttachmentView, ItemView, RecordationView, RightKind


class CaseworkRecords(Facade):
    """Mixed into Tracker (bot/tracker/service.py)."""

    def keep_file(
        self, *, actor_id: int, kind: str, file_id: str, file_name: str | None = None, mime_type: str | None = None,
        size: int = 0, item_id: int | None = None, recordation_id: int | None = None,
    ) -> AttachmentView:
        """A photo or document the actor sent, kept by its Telegram file id: on its item (the officer gets it),
        on its recordation's guide, or unattached until it picks the item."""
        with self._unit() as unit:
            return casework.keep_file(
                unit, actor_id=actor_id, kind=kind, file_id=file_id, file_name=file_name, mime_type=mime_type,
                size=size, item_id=item_id, recordation_id=recordation_id,
            )

    def attach_file(self, *, actor_id: int, attachment_id: int, item_id: int) -> AttachmentView:
        with self._unit() as unit:
            return casework.attach(unit, actor_id=actor_id, attachment_id=attachment_id, item_id=item_id)

    def attachments(self, *, actor_id: int, item_id: int) -> list[AttachmentView]:
        with self._unit(write=False) as unit:
            return casework.attachments_of(unit, actor_id=actor_id, item_id=item_id)

    def attachment(self, *, actor_id: int, attachment_id: int) -> AttachmentView:
        """One file the actor may have sent again: its own, on an item it may see, or (staff) a guide's."""
        with self._unit(write=False) as unit:
            return casework.attachment(unit, actor_id=actor_id, attachment_id=attachment_id)

    def merge(self, *, actor_id: int, into_id: int, from_id: int) -> ItemView:
        return self._write_once(
            lambda unit: casework.merge(unit, actor_id=actor_id, into_id=into_id, from_id=from_id),
            "merge", from_id,
        )

    def rate(self, *, actor_id: int, item_id: int, score: int, comment: str | None = None) -> ItemView:
        with self._unit() as unit:
            return casework.rate(unit, actor_id=actor_id, item_id=item_id, score=score, comment=comment)

    def add_recordation(
        self, *, actor_id: int, number: str, right_kind: RightKind | str, expires: date
    ) -> RecordationView:
        with self._unit() as unit:
            return recordations.add(unit, actor_id=actor_id, number=number, right_kind=right_kind, expires=expires)

    def recordations(self, *, actor_id: int) -> list[RecordationView]:
        with self._unit(write=False) as unit:
            return recordations.of_owner(unit, actor_id=actor_id)

    def remove_recordation(self, *, actor_id: int, recordation_id: int) -> RecordationView:
        with self._unit() as unit:
            return recordations.remove(unit, actor_id=actor_id, recordation_id=recordation_id)

    def set_guide(self, *, actor_id: int, recordation_id: int, guide: str) -> RecordationView:
        with self._unit() as unit:
            return recordations.set_guide(unit, actor_id=actor_id, recordation_id=recordation_id, guide=guide)

    def recordation_guide(
        self, *, actor_id: int, recordation_id: int
    ) -> tuple[RecordationView, list[AttachmentView]]:
        """The guide to genuine goods and its photos: the owner's, or any officer's to open."""
        with self._unit(write=False) as unit:
            view = recordations.guide_for(unit, actor_id=actor_id, recordation_id=recordation_id)
            return view, casework.guide_photos(unit, recordation_id=recordation_id)

    def recordation_numbered(self, *, actor_id: int, owner_id: int, number: str) -> RecordationView | None:
        """Staff: the owner's recordation with this number, to link an item's intake to its guide."""
        with self._unit(write=False) as unit:
            return recordations.with_number(unit, actor_id=actor_id, owner_id=owner_id, number=number)
