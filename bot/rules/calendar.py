"""Working days on the Chinese calendar: public holidays and adjusted working days (调休) as published.

The only import of `chinese_calendar`. The package carries the State Council's schedules for a range of years
(2004–2026 in 1.11); a year past it can be supplied as a small YAML file (see `load_schedules`) and then counts
as published. For a year with no schedule at all, weekdays but the fixed-date holidays count as working days and
the result says it is an estimate.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import chinese_calendar
import yaml

log = logging.getLogger(__name__)

# A count longer than this is not a customs time limit; it protects the loop from a forged figure.
MAX_WORKING_DAYS = 400


@dataclass(frozen=True)
class YearSchedule:
    """One year's published schedule: weekday holidays and weekend working days."""

    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


@dataclass(frozen=True)
class Count:
    """`working_days` counted from `event` (not counted itself) end on `due`."""

    event: dt.date
    working_days: int
    due: dt.date
    holidays: tuple[dt.date, ...]  # days skipped because they were public holidays (weekends among them too)
    adjusted: tuple[dt.date, ...]  # weekend days counted because they were adjusted working days
    estimated_years: tuple[int, ...]  # years counted on weekdays alone: no schedule loaded for them

    @property
    def estimated(self) -> bool:
        return bool(self.estimated_years)


class ScheduleError(ValueError):
    """A schedule file that cannot be read; the message names the file and the reason."""


# The holidays on fixed dates of the solar calendar (全国年节及纪念日放假办法 Art. 2, as revised in 2024): New Year's
# Day, 1-2 May, 1-3 October. A year with no published schedule still keeps them; its lunar holidays and its
# adjusted working days are unknown, so it stays an estimate.
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})


@dataclass
class WorkingCalendar:
    """Which days are working days; `schedules` add or override years the package does not carry."""

    schedules: Mapping[int, YearSchedule] = field(default_factory=dict)

    def known(self, year: int) -> bool:
        """Whether the holidays of `year` are loaded (from the package or a schedule file)."""
        return year in self.schedules or _package_covers(year)

    def is_workday(self, day: dt.date) -> bool:
        """A working day as published; for a year with no schedule, any weekday."""
        schedule = self.schedules.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True
            return day.weekday() < 5 and day not in schedule.holidays
        if _package_covers(day.year):
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS

    def is_public_holiday(self, day: dt.date) -> bool:
        """A day of a published public holiday (weekend days inside the holiday included)."""
        schedule = self.schedules.get(day.year)
        if schedule is not None:
            return day in schedule.holidays
        if _package_covers(day.year):
            return chinese_calendar.get_holiday_detail(day)[1] is not None
        return (day.month, day.day) in FIXED_HOLIDAYS

    def add_working_days(self, event: dt.date, working_days: int) -> Count:
        """The last day of a period of `working_days` from `event`: the next working day is day 1."""
        if not 0 < working_days <= MAX_WORKING_DAYS:
            raise ValueError(f"working days must be 1 to {MAX_WORKING_DAYS}, not {working_days}")
        day, counted = event, 0
        holidays: list[dt.date] = []
        adjusted: list[dt.date] = []
        estimated: set[int] = set()
        while counted < working_days:
            day += dt.timedelta(days=1)
            if not self.known(day.year):
                estimated.add(day.year)
            workday = self.is_workday(day)
            weekend = day.weekday() >= 5
            if workday:
                counted += 1
                if weekend:
                    adjusted.append(day)
            elif self.is_public_holiday(day):
                holidays.append(day)
        return Count(event, working_days, day, tuple(holidays), tuple(adjusted), tuple(sorted(estimated)))


def _package_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def schedule_signature(folder: Path) -> tuple[tuple[str, int], ...]:
    """The schedule files and their modification times: what changes when an admin adds or edits one."""
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.yaml")))
    except OSError:
        return ()


def load_schedules(folder: Path) -> dict[int, YearSchedule]:
    """Every `YEAR.yaml` in `folder` (absent folder: none). A file reads:

    year: 2027
    holidays: [2027-01-01, 2027-02-16, ...]   # days of public holidays
    workdays: [2027-02-06, ...]               # weekend days that are adjusted working days
    """
    if not folder.is_dir():
        return {}
    schedules: dict[int, YearSchedule] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            schedule = parse_schedule(path.name, path.read_text(encoding="utf-8"))
        except (ScheduleError, OSError, UnicodeDecodeError) as exc:
            # One bad file must not stop the desk: that year stays an estimate, and the log says why.
            log.error("holiday schedule left out: %s", exc)
            continue
        schedules[schedule.year] = schedule
    return schedules


def parse_schedule(name: str, text: str) -> YearSchedule:
    """One schedule file's text; ScheduleError names what is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScheduleError(f"{name}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("year"), int):
        raise ScheduleError(f"{name}: needs 'year: YYYY', 'holidays: [...]' and 'workdays: [...]'")
    year = int(data["year"])
    holidays = _dates(name, "holidays", data.get("holidays") or [], year)
    workdays = _dates(name, "workdays", data.get("workdays") or [], year)
    if holidays & workdays:
        raise ScheduleError(f"{name}: {min(holidays & workdays)} is both a holiday and a working day")
    return YearSchedule(year, holidays, workdays)


def _dates(name: str, key: str, values: Iterable[object], year: int) -> frozenset[dt.date]:
    days: set[dt.date] = set()
    for value in values:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ScheduleError(f"{name}: '{key}' holds {value!r}, not a date like {year}-01-01")
        if value.year != year:
            raise ScheduleError(f"{name}: '{key}' holds {value}, outside {year}")
        days.add(value)
    return frozenset(days)
