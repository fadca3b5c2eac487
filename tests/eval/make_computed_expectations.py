"""Check the expectations in tests/eval/computed.jsonl against the rules, independently of the bot.

Run with any Python that has the PyPI package ``chinese-calendar``, e.g.::

    python3 -m venv /tmp/cc && /tmp/cc/bin/pip install chinese-calendar
    /tmp/cc/bin/python tests/eval/make_computed_expectations.py [tests/eval/computed.jsonl]

For every line it (1) reads the figure or date out of the question text and checks that it is the line's
``given`` input (and that an ``unreadable`` question has none), and (2) computes the expectation from ``given``
with the rules below and compares it with ``expect``. It prints every mismatch and exits 1 if there is one.
It uses only the standard library and chinese_calendar: nothing from bot/.

Rules:
- guarantee, ex officio route (Measures Art. 23): value < 20,000 -> the value; 20,000..200,000 inclusive ->
  50% of the value, at least 20,000; > 200,000 -> 100,000. Application route (Measures Art. 15): the value.
- deadlines: N working days counted from the day after the event on the Chinese calendar (public holidays
  and adjusted working days): notice_reply 3 (Regs Art. 16), investigation 30 (Art. 20), court_application
  20 (Art. 24(1)), court_ex_officio 50 (Art. 24(2)), recordation_decision 30 (Art. 8), change_report 30
  (Art. 11).
- recordation approved on D (Regs Art. 10): expires the day before D's 10th anniversary; the renewal window
  opens 6 calendar months before the expiry date, same day of month, clamped to the month's last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import chinese_calendar

WORKING_DAYS: dict[str, int] = {
    "notice_reply": 3,
    "investigation": 30,
    "court_application": 20,
    "court_ex_officio": 50,
    "recordation_decision": 30,
    "change_report": 30,
}

CN_DIGITS: dict[str, int] = {**{ch: i for i, ch in enumerate("零一二三四五六七八九")}, "两": 2}
CN_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}

MONTHS: dict[str, int] = {calendar.month_name[i].lower(): i for i in range(1, 13)}  # English in the C locale
MONTHS |= {name[:3]: i for name, i in list(MONTHS.items())} | {"sept": 9}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
NUM = r"(\d+(?:\.\d+)?)"
# a whole number with no multiplier after it (RMB 50,000 but not RMB 5万)
BARE = r"(?!\d|\.\d)(?!\s*(?:million|万|k\b))"


def ex_officio_guarantee(value: float) -> float:
    """Measures Art. 23."""
    if value < 20_000:
        return value
    if value <= 200_000:
        return max(value * 0.5, 20_000)
    return 100_000


def add_working_days(event: dt.date, n: int) -> dt.date:
    """The n-th working day after the event (the event's day is not counted)."""
    day, counted = event, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return day


def months_before(day: dt.date, months: int) -> dt.date:
    """Same day of month `months` calendar months earlier, clamped to that month's last day."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def recordation(approved: dt.date) -> dict[str, str]:
    """Expiry (day before the 10th anniversary) and the opening of the 6-month renewal window."""
    expires = approved.replace(year=approved.year + 10) - dt.timedelta(days=1)
    return {"expires": expires.isoformat(), "renewal_opens": months_before(expires, 6).isoformat()}


def cn_number(text: str) -> int:
    """Chinese numerals below 10,000, e.g. 三十 -> 30, 十二 -> 12, 一百二十 -> 120."""
    total, digit = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (digit or 1) * CN_UNITS[ch]
            digit = 0
    return total + digit


def amounts_in(text: str) -> set[float]:
    """Every money amount written in the question, in yuan."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    found: set[float] = set()
    for m in re.finditer(NUM + r"\s*million", text, re.I):
        found.add(float(m.group(1)) * 1_000_000)
    for m in re.finditer(NUM + r"\s*万", text):
        found.add(float(m.group(1)) * 10_000)
    for m in re.finditer(NUM + r"\s*k\b", text, re.I):
        found.add(float(m.group(1)) * 1_000)
    for m in re.finditer(r"(?:RMB|CNY|¥|￥)\s*" + NUM + BARE, text, re.I):
        found.add(float(m.group(1)))
    for m in re.finditer(NUM + r"\s*(?:yuan|元|RMB|CNY)", text, re.I):
        found.add(float(m.group(1)))
    for m in re.finditer(r"(?:货值|价值|worth|valued at|value)\s*" + NUM + BARE, text, re.I):
        found.add(float(m.group(1)))
    for m in re.finditer(r"([零一二两三四五六七八九十百千]+)万", text):
        found.add(cn_number(m.group(1)) * 10_000)
    return found


def dates_in(text: str, today: dt.date) -> set[dt.date]:
    """Every calendar date written in the question; a Chinese month-day without a year is in today's year."""
    found: set[dt.date] = set()
    for m in re.finditer(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        found.add(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in re.finditer(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", text):
        year = int(m.group(1)) if m.group(1) else today.year
        found.add(dt.date(year, int(m.group(2)), int(m.group(3))))
    for m in re.finditer(r"\b(\d{1,2})\s+(" + MONTH_RE + r")\.?\s+(\d{4})", text, re.I):
        found.add(dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))))
    for m in re.finditer(r"\b(" + MONTH_RE + r")\.?\s+(\d{1,2}),?\s+(\d{4})", text, re.I):
        found.add(dt.date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))))
    return found


def check_line(row: dict[str, Any]) -> list[str]:
    """Mismatches of one line: text vs given, and given vs expect."""
    question, expect, given = row["question"], row["expect"], row.get("given", {})
    today = dt.date.fromisoformat(row["today"])
    problems: list[str] = []
    read: set[Any] = amounts_in(question) if row["kind"] == "guarantee" else dates_in(question, today)
    if expect.get("unreadable"):
        if read:
            problems.append(f"marked unreadable but the text has {sorted(map(str, read))}")
        return problems
    if row["kind"] == "guarantee":
        if read != {float(given["value"])}:
            problems.append(f"text gives {sorted(read)}, given value {given['value']}")
        value = float(given["value"])
        wanted: dict[str, Any] = {"route": expect["route"]}
        if expect["route"] == "ex_officio":
            wanted["amount"] = ex_officio_guarantee(value)
        elif expect["route"] == "application":
            wanted["amount"] = value
        else:
            wanted["amount_ex_officio"] = ex_officio_guarantee(value)
            wanted["amount_application"] = value
    elif row["kind"] == "deadline":
        event = dt.date.fromisoformat(given["event"])
        if read != {event}:
            problems.append(f"text gives {sorted(map(str, read))}, given event {event}")
        try:
            due = add_working_days(event, WORKING_DAYS[expect["limit"]]).isoformat()
        except NotImplementedError as exc:  # chinese_calendar has no data for that year
            return problems + [f"calendar: {exc}"]
        wanted = {"limit": expect["limit"], "date": due}
    elif row["kind"] == "recordation":
        approved = dt.date.fromisoformat(given["approved"])
        if read != {approved}:
            problems.append(f"text gives {sorted(map(str, read))}, given approval {approved}")
        wanted = recordation(approved)
    else:
        return [f"unknown kind {row['kind']!r}"]
    for key, value in wanted.items():
        if expect.get(key) != value:
            problems.append(f"expect[{key!r}] = {expect.get(key)!r}, rules give {value!r}")
    return problems


def main(path: Path) -> int:
    """Print every mismatch; 0 when there is none."""
    bad = 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        row = json.loads(line)
        for problem in check_line(row):
            bad += 1
            print(f"{path}:{number}: {problem} | {row['question']}")
    print(f"{len(lines)} lines checked, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    default = Path(__file__).with_name("computed.jsonl")
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
