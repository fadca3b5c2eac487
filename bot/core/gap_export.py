"""The gaps list as CSV for work outside the chat (`iprdesk kb gaps`): similar questions numbered as groups."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from bot.core.ports import RetrieverPort
from bot.core.render import china_time
from bot.tracker.knowledge_views import GapView

COLUMNS = ("group", "group_size", "gap", "question", "lang", "source", "entry_shown", "item", "status",
           "asked_at", "handled_by", "answered_by_entry")


def write_gaps(out: TextIO, gaps: Sequence[GapView], retriever: RetrieverPort) -> int:
    """One row per gap, the largest groups first; returns the rows written."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    groups = retriever.group_questions([g.question for g in gaps])
    for number, group in enumerate(groups, 1):
        for i in group:
            g = gaps[i]
            writer.writerow((number, len(group), g.id, g.question, g.lang, g.source, g.entry_id or "",
                             g.item_id or "", g.status, china_time(g.at), g.handled_name or "",
                             g.answer_entry or ""))
    return len(gaps)
