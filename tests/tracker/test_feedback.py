"""Answer feedback: one verdict per user and entry, the latest counting; only staff read the summary."""

from __future__ import annotations

import pytest

from bot.tracker.errors import Forbidden
from bot.tracker.service import Tracker
from tests.tracker.scene import People


def test_the_latest_verdict_of_each_user_counts(tracker: Tracker, people: People) -> None:
    tracker.record_feedback(user_id=people.alice, entry_id="fees#now", question="fee?", helpful=True)
    tracker.record_feedback(user_id=people.alice, entry_id="fees#now", question="fee??", helpful=False)
    tracker.record_feedback(user_id=people.bob, entry_id="fees#now", question="备案费用", helpful=False)
    tracker.record_feedback(user_id=people.bob, entry_id="guarantee#amount", question="how much", helpful=True)
    tracker.record_feedback(user_id=people.carol, entry_id="post#small", question="parcel", helpful=False)
    summary = [(f.entry_id, f.unhelpful, f.helpful) for f in tracker.least_helpful(actor_id=people.officer)]
    assert summary == [("fees#now", 2, 0), ("post#small", 1, 0)]  # only entries with a 👎, the most first
    assert len(tracker.least_helpful(actor_id=people.admin, limit=1)) == 1


def test_enterprises_cannot_read_the_feedback(tracker: Tracker, people: People) -> None:
    with pytest.raises(Forbidden):
        tracker.least_helpful(actor_id=people.alice)
