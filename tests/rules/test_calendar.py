"""Working days on the Chinese calendar (the real chinese-calendar package) and admins' schedule files.

The expectations below were read from chinese-calendar 1.11's data for 2025 and 2026, day by day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.calendar import (
    MAX_WORKING_DAYS,
    ScheduleError,
    WorkingCalendar,
    YearSchedule,
    load_schedules,
    parse_schedule,
)

D = dt.date


def days(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """Every day from `first` to `last`, both included."""
    return tuple(first + dt.timedelta(n) for n in range((last - first).days + 1))


CALENDAR = WorkingCalendar()

SCHEDULE_2027 = """\
year: 2027
holidays: [2027-01-01, 2027-10-01, 2027-10-04, 2027-10-05, 2027-10-06, 2027-10-07]
workdays: [2027-10-09]
"""


def test_national_day_2026_reply_to_a_notice_served_on_30_september_is_due_on_saturday_10_october() -> None:
    count = CALENDAR.add_working_days(D(2026, 9, 30), 3)
    assert count.due == D(2026, 10, 10)
    assert count.holidays == days(D(2026, 10, 1), D(2026, 10, 7))
    assert count.adjusted == (D(2026, 10, 10),)
    assert not count.estimated
    assert count.event == D(2026, 9, 30)
    assert count.working_days == 3


def test_spring_festival_2026_reply_to_a_notice_served_on_friday_13_february_is_due_on_wednesday_25th() -> None:
    count = CALENDAR.add_working_days(D(2026, 2, 13), 3)
    # Saturday 14 February is an adjusted working day (day 1); 15-23 February is the holiday.
    assert count.due == D(2026, 2, 25)
    assert count.adjusted == (D(2026, 2, 14),)
    assert count.holidays == days(D(2026, 2, 15), D(2026, 2, 23))
    assert not count.estimated


def test_spring_festival_2025_counts_sunday_26_january_and_skips_28_january_to_4_february() -> None:
    count = CALENDAR.add_working_days(D(2025, 1, 24), 3)
    # Sat 25 Jan is an ordinary weekend (neither counted nor a holiday); Sun 26 Jan is worked; Mon 27 Jan.
    assert count.due == D(2025, 2, 5)
    assert count.adjusted == (D(2025, 1, 26),)
    assert count.holidays == days(D(2025, 1, 28), D(2025, 2, 4))


def test_national_day_2025_skips_1_to_8_october_with_mid_autumn_and_counts_saturday_11_october() -> None:
    count = CALENDAR.add_working_days(D(2025, 9, 30), 3)
    assert count.due == D(2025, 10, 11)
    assert count.holidays == days(D(2025, 10, 1), D(2025, 10, 8))
    assert count.adjusted == (D(2025, 10, 11),)


def test_national_day_2025_counts_sunday_28_september_as_a_working_day() -> None:
    count = CALENDAR.add_working_days(D(2025, 9, 26), 3)
    assert count.due == D(2025, 9, 30)
    assert count.adjusted == (D(2025, 9, 28),)
    assert count.holidays == ()


def test_thirty_working_days_across_national_day_2026() -> None:
    count = CALENDAR.add_working_days(D(2026, 9, 28), 30)
    # 28 Sep (event) → 29, 30 Sep (2), 8-10 Oct (5), then 25 more weekdays from 12 October: 13 November.
    assert count.due == D(2026, 11, 13)
    assert count.adjusted == (D(2026, 10, 10),)
    assert count.holidays == days(D(2026, 10, 1), D(2026, 10, 7))


def test_the_event_day_is_not_counted() -> None:
    # Served on Monday 9 March 2026: Tuesday is day 1, so 1 working day ends on Tuesday, not Monday.
    assert CALENDAR.add_working_days(D(2026, 3, 9), 1).due == D(2026, 3, 10)
    # Served on a Friday: the weekend is skipped and is no holiday.
    friday = CALENDAR.add_working_days(D(2026, 3, 13), 1)
    assert friday.due == D(2026, 3, 16)
    assert friday.holidays == () and friday.adjusted == ()


def test_an_event_on_a_holiday_counts_from_the_first_working_day_after_it() -> None:
    assert CALENDAR.add_working_days(D(2026, 10, 3), 1).due == D(2026, 10, 8)


@given(
    st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 9, 30)),
    st.integers(min_value=1, max_value=50),
)
def test_the_count_agrees_with_chinese_calendars_own_find_workday(event: dt.date, working_days: int) -> None:
    count = CALENDAR.add_working_days(event, working_days)
    # find_workday(0, day) is the first working day from `day` on: so from the day after the event, day 1.
    assert count.due == chinese_calendar.find_workday(working_days - 1, event + dt.timedelta(days=1))
    assert CALENDAR.is_workday(count.due)
    assert not count.estimated


@given(st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 12, 31)))
def test_is_workday_and_is_public_holiday_are_the_packages(day: dt.date) -> None:
    assert CALENDAR.is_workday(day) == chinese_calendar.is_workday(day)
    assert CALENDAR.is_public_holiday(day) == (chinese_calendar.get_holiday_detail(day)[1] is not None)


def test_a_year_past_the_package_is_counted_on_weekdays_and_marked_as_an_estimate_of_that_year() -> None:
    assert not CALENDAR.known(2027)
    assert CALENDAR.known(2026)
    count = CALENDAR.add_working_days(D(2027, 9, 30), 3)
    # Thursday 30 Sep 2027: the fixed-date National Day holidays (1-3 Oct) are kept even without a schedule; the
    # rest of the week is not known, so Mon 4, Tue 5, Wed 6 Oct, and the count says it is an estimate.
    assert count.due == D(2027, 10, 6)
    assert count.estimated
    assert count.estimated_years == (2027,)
    assert count.holidays == (D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)) and count.adjusted == ()


def test_a_count_that_crosses_into_an_unknown_year_names_only_that_year() -> None:
    count = CALENDAR.add_working_days(D(2026, 12, 30), 3)
    assert count.due == D(2027, 1, 5)  # Thu 31 Dec, (Fri 1 Jan: New Year's Day, every year), Mon 4, Tue 5 Jan
    assert count.estimated_years == (2027,)


def test_a_year_without_a_schedule_keeps_the_holidays_of_fixed_date() -> None:
    assert not CALENDAR.is_workday(D(2028, 5, 2)) and CALENDAR.is_public_holiday(D(2028, 5, 2))  # a Tuesday
    assert CALENDAR.is_workday(D(2028, 5, 3))


def test_a_schedule_file_makes_its_year_published_and_its_holidays_skipped(tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text(SCHEDULE_2027, encoding="utf-8")
    schedules = load_schedules(tmp_path)
    assert set(schedules) == {2027}
    calendar = WorkingCalendar(schedules)
    assert calendar.known(2027)
    count = calendar.add_working_days(D(2027, 9, 30), 3)
    # Fri 1 Oct holiday, weekend, 4-7 Oct holidays, Fri 8 Oct day 1, Sat 9 Oct adjusted day 2, Mon 11 Oct day 3.
    assert count.due == D(2027, 10, 11)
    assert not count.estimated
    assert count.holidays == (D(2027, 10, 1), D(2027, 10, 4), D(2027, 10, 5), D(2027, 10, 6), D(2027, 10, 7))
    assert count.adjusted == (D(2027, 10, 9),)
    assert calendar.is_public_holiday(D(2027, 1, 1))
    assert not calendar.is_workday(D(2027, 1, 1))


def test_parse_schedule_reads_the_year_its_holidays_and_its_workdays() -> None:
    schedule = parse_schedule("2027.yaml", SCHEDULE_2027)
    assert schedule == YearSchedule(
        2027,
        frozenset({D(2027, 1, 1), D(2027, 10, 1), *days(D(2027, 10, 4), D(2027, 10, 7))}),
        frozenset({D(2027, 10, 9)}),
    )


def test_a_schedule_with_empty_lists_is_a_year_of_plain_weekdays() -> None:
    schedule = parse_schedule("2027.yaml", "year: 2027\nholidays: []\n")
    assert schedule == YearSchedule(2027, frozenset(), frozenset())


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("year: [2027\nholidays: {", "not valid YAML"),
        ("- 2027-01-01\n- 2027-01-02\n", "needs 'year"),
        ("holidays: [2027-01-01]\nworkdays: []\n", "needs 'year"),
        ("year: twenty\nholidays: []\n", "needs 'year"),
        ("year: 2027\nholidays: [2026-10-01]\n", "outside 2027"),
        ("year: 2027\nworkdays: [2028-01-08]\n", "outside 2027"),
        ("year: 2027\nholidays: [2027-10-09]\nworkdays: [2027-10-09]\n", "both a holiday and a working day"),
        ("year: 2027\nholidays: [next monday]\n", "not a date"),
        ("year: 2027\nholidays: [2027-10-01 09:00:00]\n", "not a date"),
    ],
)
def test_a_bad_schedule_file_raises_schedule_error_naming_the_file(text: str, reason: str) -> None:
    with pytest.raises(ScheduleError) as raised:
        parse_schedule("2027.yaml", text)
    assert str(raised.value).startswith("2027.yaml: ")
    assert reason in str(raised.value)


def test_load_schedules_leaves_out_a_bad_file_and_keeps_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text(SCHEDULE_2027, encoding="utf-8")
    (tmp_path / "2028.yaml").write_text("year: 2028\nholidays: [2027-01-01]\n", encoding="utf-8")
    (tmp_path / "2029.yaml").write_bytes(b"\xff\xfe not utf-8 \x80")
    (tmp_path / "notes.txt").write_text("year: 2030\n", encoding="utf-8")
    schedules = load_schedules(tmp_path)
    assert set(schedules) == {2027}
    calendar = WorkingCalendar(schedules)
    assert calendar.known(2027) and not calendar.known(2028)


def test_load_schedules_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert load_schedules(tmp_path / "calendar") == {}


@pytest.mark.parametrize("working_days", [0, -3, MAX_WORKING_DAYS + 1])
def test_working_days_out_of_range_are_refused(working_days: int) -> None:
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(D(2026, 9, 30), working_days)


def test_the_longest_count_allowed_still_ends() -> None:
    count = CALENDAR.add_working_days(D(2026, 1, 5), MAX_WORKING_DAYS)
    # 2026 holds about 250 working days; the rest are 2027 weekdays, an estimate.
    assert D(2027, 5, 1) < count.due < D(2027, 12, 31)
    assert count.estimated_years == (2027,)
