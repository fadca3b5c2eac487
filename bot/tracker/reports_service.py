"""The Tracker's calls for figures and reminders: feedback on entries, statistics, the digest and reminders,
the CSV export; one transaction each."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO

from bot.tracker import export, feedback, jobs, recordations, sla, stats
from bot.tracker.access import load_staff
from bot.tracker.facade import Facade
from bot.tracker.values import EntryFeedback, Stats, WeeklyActive


class ReportRecords(Facade):
    """Mixed into Tracker (bot/tracker/service.py)."""

    def record_feedback(self, *, user_id: int, entry_id: str, question: str, helpful: bool) -> None:
        """A 👍/👎 on an entry; the user's latest verdict on it counts."""
        with self._unit() as unit:
            feedback.record(unit, user_id=user_id, entry_id=entry_id, question=question, helpful=helpful)

    def least_helpful(self, *, actor_id: int, limit: int = 5) -> list[EntryFeedback]:
        """Entries users marked not helpful, the most often first (staff only)."""
        with self._unit(write=False) as unit:
            return feedback.least_helpful(unit, actor_id=actor_id, limit=limit)

    def daily_digest(self, *, every: timedelta) -> bool:
        """Queue the officers' chat its digest (open, in progress, overdue) unless a replica did within `every`."""
        with self._unit() as unit:
            return jobs.daily_digest(unit, every=every, levels=self.levels)

    def weekly_active(self, *, actor_id: int | None, weeks: int = 12) -> WeeklyActive:
        """Staff (None: the command line): open and in-progress items per week and category, for the chart."""
        with self._unit(write=False) as unit:
            return stats.weekly_active(unit, actor_id=actor_id, weeks=weeks)

    def stats_for_cli(self) -> Stats:
        """The command line's /stats figures (no actor: it is trusted like `users grant`)."""
        with self._unit(write=False) as unit:
            return stats.stats(unit, actor_id=None)

    def send_reminders(self) -> int:
        """Remind before due times, announce passed ones, remind of recordations' renewal: each once across all
        replicas (a periodic job every replica runs). Returns the notices queued."""
        with self._unit() as unit:
            return sla.sweep(unit) + recordations.remind(unit)

    def stats(self, *, actor_id: int) -> Stats:
        with self._unit(write=False) as unit:
            return stats.stats(unit, actor_id=actor_id)

    def export_csv(self, out: TextIO, *, actor_id: int | None = None) -> int:
        """Write every item as CSV to `out`; returns the rows written. actor_id None is the command line."""
        with self._unit(write=False) as unit:
            if actor_id is not None:
                load_staff(unit, actor_id)
            return export.write_csv(unit.session, out)
