"""Tracker values and engine answers as Telegram HTML, in the user's language; every value escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from html import escape

from bot.core.texts import TEXTS, Html, shorten, text
from bot.retrieval.answers import Answer, Source
from bot.tracker.values import EntryFeedback, EventKind, HistoryEntry, ItemDetail, ItemView, Stats

# Dalian, like all of China, keeps UTC+8 all year; times are shown as the people on both sides live them.
CHINA_TIME = timezone(timedelta(hours=8), "CST")
ANSWER_TEXT_MAX = 3500  # leaves room for title, legal basis and source under Telegram's 4096 characters
TITLE_IN_LIST_MAX = 60
HISTORY_TEXT_MAX = 300
HISTORY_SHOWN = 15  # the newest lines; a long history would not fit one message


def answer_html(answer: Answer, lang: str) -> Html:
    """An answer: bold title, the text, then legal basis and source when the entry names them; a two-part
    question's second entry (`answer.also`) follows the same way, the texts sharing one message's room."""
    room = ANSWER_TEXT_MAX // (1 + len(answer.also))
    parts: list[str] = []
    for entry in (answer, *answer.also):
        parts += [f"<b>{escape(entry.title)}</b>", markdown_html(shorten_block(entry.text, room))]
        footer = []
        if entry.legal_basis:
            footer.append(text("legal_basis", lang, basis=entry.legal_basis))
        if entry.source:
            footer.append(text("source", lang, source=entry.source))
        if footer:
            parts.append("\n".join(footer))
    return Html("\n\n".join(parts))


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")
_BULLET = re.compile(r"^(\s*)[-*] ", re.MULTILINE)


_SLOT = re.compile("\ue000([0-9]+)\ue001")  # a code span set aside (private-use characters)


def markdown_html(markdown: str) -> str:
    """The little markdown entries use (**bold**, `code`, `- ` bullets) as Telegram HTML, escaped first,
    so a knowledge file can never inject markup of its own. Code spans are set aside before bold is
    applied, so `**a `b** c`` cannot cross the tags (Telegram refuses a message whose tags overlap)."""
    html = escape(markdown.replace("\ue000", "\ufffd").replace("\ue001", "\ufffd"), quote=False)
    spans: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        spans.append(match[1])
        return f"\ue000{len(spans) - 1}\ue001"

    html = _CODE.sub(set_aside, html)
    html = _BULLET.sub(r"\1• ", _BOLD.sub(r"<b>\1</b>", html))
    return _SLOT.sub(lambda match: f"<code>{spans[int(match[1])]}</code>", html)


def not_answered_html(topics: Sequence[Source], lang: str) -> Html:
    """The plain admission, the nearest topics (as buttons below) and the way to an officer."""
    lines = [text("not_answered", lang), text("offer_officer", lang)]
    if topics:  # last, right above the topic buttons
        lines.append(text("nearest_topics", lang))
    return Html("\n".join(lines))


def shorten_block(value: str, limit: int) -> str:
    """A long text cut at a paragraph or line end before `limit` characters."""
    if len(value) <= limit:
        return value
    cut = value[:limit]
    end = max(cut.rfind("\n\n"), cut.rfind("\n"))
    return (cut[:end] if end > limit // 2 else cut).rstrip() + "\n…"


def category_name(category: str, lang: str) -> Html:
    return text(f"cat_{category}", lang)


def status_name(status: str, lang: str) -> Html:
    return text(f"status_{status}", lang)


def kind_name(kind: str, lang: str) -> Html:
    return text(f"kind_{kind}", lang)


def item_lines(items: Sequence[ItemView], lang: str) -> list[Html]:
    """`#N · status · title` per item, for /mine."""
    return [
        text(
            "item_line",
            lang,
            item=i.id,
            status=status_name(i.status, lang),
            title=shorten(i.title, TITLE_IN_LIST_MAX),
        )
        for i in items
    ]


def queue_lines(items: Sequence[ItemView], lang: str, now: datetime) -> list[Html]:
    """`#N · due · status (holder) · age · category · enterprise: title` per item, for officers (in due order);
    an item from before due times has no due part."""
    return [queue_line(i, lang, now) for i in items]


def queue_line(item: ItemView, lang: str, now: datetime) -> Html:
    fields = {
        "item": item.id,
        "status": _status_with_holder(item, lang),
        "age": text("queue_age", lang, age=age_text(now - item.created_at, lang)),
        "category": category_name(item.category, lang),
        "enterprise": item.enterprise_name or item.owner_name,
        "title": shorten(item.title, TITLE_IN_LIST_MAX),
    }
    if item.next_due_at is None:
        return text("queue_line", lang, **fields)
    return text("queue_line_due", lang, due=due_html(item, lang, now), **fields)


def due_html(item: ItemView, lang: str, now: datetime) -> Html:
    """`⏰ first response due 2026-10-08 10:00` (⚠️ once past), Beijing time; an item from before due times
    shows its age instead."""
    if item.next_due_at is None:
        return age_text(now - item.created_at, lang)
    stage = "first_response" if item.next_due_at == item.first_response_due else "resolution"
    mark = "⚠️ " if item.next_due_at < now else "⏰ "
    return Html(mark + text("due_line", lang, stage=text(f"due_{stage}", lang), when=china_time(item.next_due_at)))


def _status_with_holder(item: ItemView, lang: str) -> Html:
    if item.assignee_name is None:
        return status_name(item.status, lang)
    return text("queue_holder", lang, status=status_name(item.status, lang), holder=item.assignee_name)


def age_text(age: timedelta, lang: str) -> Html:
    """How long ago, to the minute: `12 min`, `3 h 5 min`, `2 d 4 h`."""
    minutes = max(0, int(age.total_seconds() // 60))
    hours, minute = divmod(minutes, 60)
    days, hour = divmod(hours, 24)
    if days:
        return text("age_days", lang, days=days, hours=hour)
    if hours:
        return text("age_hours", lang, hours=hours, minutes=minute)
    return text("age_minutes", lang, minutes=minutes)


def china_time(moment: datetime) -> str:
    return moment.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")


def item_detail_html(detail: ItemDetail, lang: str) -> Html:
    """One item: header, its text, then the newest part of its history."""
    item = detail.item
    header = text(
        "item_header",
        lang,
        item=item.id,
        title=item.title,
        kind=kind_name(item.kind, lang),
        category=category_name(item.category, lang),
        status=status_name(item.status, lang),
    )
    # The description whole (up to the tracker's 4,000 characters): the channel splits a long message.
    parts = [header, escape(item.description)]
    if detail.history:
        parts.append(history_html(detail, lang))
    return Html("\n\n".join(parts))


def history_html(detail: ItemDetail, lang: str) -> Html:
    """The newest history lines, each text shortened to a line; when one was, a note says how to see it whole."""
    shown = detail.history[-HISTORY_SHOWN:]
    lines = [text("history_header", lang), *(history_line(entry, lang) for entry in shown)]
    if any(is_shortened(entry) for entry in shown):
        lines.append(text("history_shortened", lang, item=detail.item.id))
    return Html("\n".join(lines))


def is_shortened(entry: HistoryEntry) -> bool:
    return len(" ".join((entry.text or "").split())) > HISTORY_TEXT_MAX


def history_line(entry: HistoryEntry, lang: str, *, whole: bool = False) -> Html:
    when = china_time(entry.at)
    who = entry.actor_name or "—"
    return text("history_line", lang, when=when, who=who, what=event_html(entry, lang, whole=whole))


def event_html(entry: HistoryEntry, lang: str, *, whole: bool = False) -> Html:
    """What happened, with the text of replies, resolutions and follow-ups (shortened unless `whole`)."""
    said = (entry.text or "").strip() if whole else shorten(entry.text or "", HISTORY_TEXT_MAX)
    if entry.event == EventKind.CATEGORY_CHANGE:
        return text("ev_category_change", lang, category=_new_category(entry.text, lang))
    key = f"ev_{entry.event.value}"
    if said and f"{key}_text" in TEXTS:
        key = f"{key}_text"
    status = status_name(entry.to_status, lang) if entry.to_status else ""
    return text(key, lang, status=status, text=said)


def _new_category(change: str | None, lang: str) -> Html:
    """The category an "old -> new" change moved to, by its name in `lang`."""
    new = (change or "").rsplit("->", 1)[-1].strip()
    return category_name(new, lang) if f"cat_{new}" in TEXTS else Html(escape(new))


def stats_html(stats: Stats, lang: str) -> Html:
    """The spec's one-line summary, then per category the items open and those in progress, each named."""
    if stats.median_hours_to_close is None:
        median = text("stats_no_median", lang)
    else:
        median = text("stats_median", lang, hours=f"{stats.median_hours_to_close:.1f}")
    summary = text(
        "stats",
        lang,
        open=stats.open,
        in_progress=stats.in_progress,
        resolved=stats.resolved,
        closed=stats.closed,
        total=stats.total,
        to_go=stats.distance_to_zero,
        cleared=f"{stats.cleared_percent:.0f}",
        median=median,
        overdue=stats.overdue,
    )
    lines = [summary]
    for key, per_category in (
        ("stats_by_category", stats.waiting_by_category),
        ("stats_in_progress_by_category", stats.in_progress_by_category),
    ):
        counts = ", ".join(f"{category_name(name, lang)} {count}" for name, count in per_category.items() if count)
        if counts:
            lines.append(text(key, lang, counts=Html(counts)))
    return Html("\n".join([*lines, *casework_stats_lines(stats, lang)]))


def casework_stats_lines(stats: Stats, lang: str) -> list[Html]:
    """On time (working days), satisfaction, and recordations about to expire."""
    if stats.on_time_percent is None:
        lines = [text("stats_sla_none", lang)]
    else:
        lines = [text("stats_sla", lang, percent=f"{stats.on_time_percent:.0f}%", count=stats.with_due)]
    if stats.average_score is None or stats.satisfied_percent is None:
        lines.append(text("stats_no_satisfaction", lang))
    else:
        lines.append(text(
            "stats_satisfaction", lang, average=f"{stats.average_score:.1f}", count=stats.rated,
            share=f"{stats.satisfied_percent:.0f}%",
        ))
    lines.append(text("stats_recordations", lang, count=stats.expiring_recordations))
    return lines


def feedback_html(entries: Sequence[EntryFeedback], lang: str) -> Html:
    """"Least helpful: entry 👎 n 👍 m; …" on a line of its own, or nothing when no entry got a 👎."""
    if not entries:
        return Html("")
    listed = "; ".join(f"{escape(e.entry_id)} 👎 {e.unhelpful} 👍 {e.helpful}" for e in entries)
    return Html("\n" + text("stats_unhelpful", lang, entries=Html(listed)))
