"""The Tracker's knowledge-loop calls (versions of knowledge files, the gaps list, drafts), one transaction each."""

from __future__ import annotations

from bot.tracker import knowledge
from bot.tracker.facade import Facade
from bot.tracker.knowledge import ChangeView, DraftView, GapView


class KnowledgeRecords(Facade):
    """Mixed into Tracker (bot/tracker/service.py)."""

    def record_knowledge_change(
        self, *, actor_id: int | None, topic: str, path: str, previous: str | None, kind: str, summary: str
    ) -> ChangeView:
        with self._unit() as unit:
            return knowledge.record_change(
                unit, actor_id=actor_id, topic=topic, path=path, previous=previous, kind=kind, summary=summary
            )

    def knowledge_changes(self, *, actor_id: int | None, topic: str, limit: int = 10) -> list[ChangeView]:
        with self._unit(write=False) as unit:
            return knowledge.changes(unit, actor_id=actor_id, topic=topic, limit=limit)

    def note_gap(
        self,
        *,
        question: str,
        lang: str,
        source: str,
        user_id: int | None,
        entry_id: str | None = None,
        item_id: int | None = None,
    ) -> None:
        with self._unit() as unit:
            knowledge.note_gap(
                unit, question=question, lang=lang, source=source, user_id=user_id, entry_id=entry_id,
                item_id=item_id,
            )

    def listed_gaps(self, *, actor_id: int | None, limit: int = 500) -> list[GapView]:
        with self._unit(write=False) as unit:
            return knowledge.listed_gaps(unit, actor_id=actor_id, limit=limit)

    def all_gaps(self) -> list[GapView]:
        with self._unit(write=False) as unit:
            return knowledge.all_gaps(unit)

    def gap(self, *, actor_id: int, gap_id: int) -> GapView:
        with self._unit(write=False) as unit:
            return knowledge.gap(unit, actor_id=actor_id, gap_id=gap_id)

    def dismissed_questions(self, *, limit: int = 200) -> list[str]:
        with self._unit(write=False) as unit:
            return knowledge.dismissed_questions(unit, limit=limit)

    def settle_gaps(
        self, *, actor_id: int, gap_ids: list[int], status: str, answer_entry: str | None = None
    ) -> int:
        with self._unit() as unit:
            return knowledge.settle_gaps(
                unit, actor_id=actor_id, gap_ids=gap_ids, status=status, answer_entry=answer_entry
            )

    def add_draft(
        self,
        *,
        author_id: int,
        kind: str,
        content: str,
        lang: str,
        file_name: str | None = None,
        removed: list[str] | None = None,
        item_id: int | None = None,
    ) -> DraftView:
        with self._unit() as unit:
            return knowledge.add_draft(
                unit, author_id=author_id, kind=kind, content=content, lang=lang, file_name=file_name,
                removed=removed, item_id=item_id,
            )

    def propose_answer(
        self, *, author_id: int, content: str, lang: str, removed: list[str], item_id: int
    ) -> tuple[DraftView, int]:
        with self._unit() as unit:
            return knowledge.propose_answer(
                unit, author_id=author_id, content=content, lang=lang, removed=removed, item_id=item_id
            )

    def pending_drafts(self, *, actor_id: int, limit: int = 20) -> list[DraftView]:
        with self._unit(write=False) as unit:
            return knowledge.pending_drafts(unit, actor_id=actor_id, limit=limit)

    def draft(self, *, actor_id: int, draft_id: int) -> DraftView:
        with self._unit(write=False) as unit:
            return knowledge.draft(unit, actor_id=actor_id, draft_id=draft_id)

    def edit_draft(self, *, actor_id: int, draft_id: int, content: str) -> DraftView:
        with self._unit() as unit:
            return knowledge.edit_draft(unit, actor_id=actor_id, draft_id=draft_id, content=content)

    def decide_draft(self, *, actor_id: int, draft_id: int, status: str) -> DraftView:
        with self._unit() as unit:
            return knowledge.decide_draft(unit, actor_id=actor_id, draft_id=draft_id, status=status)

    def reopen_draft(self, *, draft_id: int) -> None:
        with self._unit() as unit:
            knowledge.reopen_draft(unit, draft_id=draft_id)
