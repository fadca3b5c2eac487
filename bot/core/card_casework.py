"""What casework adds to an item's views: due times, the intake's fields and the guarantee, the most similar
open items (officers only), and buttons for its files and the recordation guide it names."""

from __future__ import annotations

from bot.core.casework import attachment_rows
from bot.core.casework_notices import similar_line
from bot.core.intake import guarantee_line, intake_lines
from bot.core.recordations import guide_button
from bot.core.render import china_time
from bot.core.texts import Html, text
from bot.core.turn import Rows, Turn
from bot.tracker.values import ACTIVE, ItemView


def case_facts(turn: Turn, item: ItemView) -> list[Html]:
    lang, lines = turn.lang, []
    first, resolution = item.first_response_due, item.resolution_due
    if first is not None and resolution is not None and item.status in ACTIVE:
        lines.append(text("card_due", lang, first=china_time(first), resolution=china_time(resolution)))
    lines += intake_lines(item.intake, lang)
    if (guarantee := guarantee_line(item.intake, lang)) is not None:
        lines.append(guarantee)
    if turn.is_staff and item.status in ACTIVE:  # officers only: enterprises never see another's items
        similar = similar_line(turn.services, item.id, f"{item.title}\n{item.description}", lang)
        lines += [similar] if similar is not None else []
    return lines


def case_rows(turn: Turn, item: ItemView) -> Rows:
    """A button per file on the item, and the guide of the recordation it names (officers)."""
    rows = list(attachment_rows(turn, item.id))
    if turn.is_staff:
        button = guide_button(turn.services, turn.user_id, item.owner_id, item.intake.recordation_no, turn.lang)
        if button is not None:
            rows.append((button,))
    return tuple(rows)
