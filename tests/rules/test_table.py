"""The table of rules (bot.rules.table) and the knowledge base's sections that state the same rules agree.

Every expectation is built from the table's values, so a change on either side fails here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from bot.retrieval.knowledge import Section, load_knowledge
from bot.rules.compute import guarantee
from bot.rules.table import (
    APPLICATION_BASIS,
    EX_OFFICIO,
    GENERAL_GUARANTEE_BASIS,
    GENERAL_GUARANTEE_MINIMUM,
    RECORDATION,
    TIME_LIMITS,
    Basis,
    Route,
)

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
SECTIONS: dict[str, Section] = {section.id: section for section in load_knowledge(KNOWLEDGE).sections}

# The sections that state each time limit, in English; each has its Chinese twin under FILE-zh#ANCHOR.
LIMIT_SECTIONS: dict[str, tuple[str, ...]] = {
    "notice_reply": ("time-limits#notice-reply", "ex-officio-route#reply-deadline"),
    "investigation": ("time-limits#investigation", "ex-officio-route#investigation"),
    "court_application": ("time-limits#court-notice-20", "application-route#court-deadline"),
    "court_ex_officio": ("time-limits#court-notice-50", "ex-officio-route#fifty-day-rule"),
    "recordation_decision": ("time-limits#recordation-decision", "recordation-decision#decision-time"),
    "change_report": ("time-limits#change-report", "recordation-decision#changes"),
}
TERM_SECTIONS = ("recordation-decision#validity", "recordation-decision#renewal-window", "time-limits#renewal-window")


def section(entry_id: str) -> Section:
    assert entry_id in SECTIONS, f"{entry_id} is gone from the knowledge base"
    return SECTIONS[entry_id]


def twin(entry_id: str) -> Section:
    """The Chinese twin of an English entry."""
    file_id, anchor = entry_id.split("#")
    zh = section(f"{file_id}-zh#{anchor}")
    assert zh.lang == "zh" and zh.translation_of == entry_id
    return zh


def rmb(value: Decimal) -> str:
    """As the English entries write money: RMB 20,000."""
    return f"RMB {int(value):,}"


def wan(value: Decimal) -> str:
    """As the Chinese entries write money: 2万, 2.5万."""
    return plain(value / 10_000) + "万"


def percent(share: Decimal) -> str:
    return plain(share * 100) + "%"


def plain(number: Decimal) -> str:
    """A number without trailing zeros after its point: 2.5, 10, 50."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def articles(basis: Basis) -> list[str]:
    """The article numbers of a basis, "Regulations Art. 24(1)" -> ["24"]."""
    found = re.findall(r"Art\. (\d+)", basis.en)
    assert found, basis
    return found


def states_articles_zh(legal_basis: str | None, basis: Basis) -> bool:
    """Whether a Chinese entry's basis names every article of `basis` as 第N条."""
    text = legal_basis or ""
    return all(f"第{number}条" in text for number in articles(basis))


def test_the_ex_officio_tiers_entry_states_the_tables_figures() -> None:
    entry = section("guarantees#ex-officio-tiers")
    for figure in (rmb(EX_OFFICIO.low), rmb(EX_OFFICIO.high), rmb(EX_OFFICIO.floor), rmb(EX_OFFICIO.fixed)):
        assert figure in entry.text
    assert f"{percent(EX_OFFICIO.share)} of the value, but at least {rmb(EX_OFFICIO.floor)}" in entry.text
    assert f"above {rmb(EX_OFFICIO.high)} | {rmb(EX_OFFICIO.fixed)}" in entry.text
    assert f"below {rmb(EX_OFFICIO.low)} | equal to the value" in entry.text
    assert entry.legal_basis == EX_OFFICIO.basis.en


def test_the_chinese_ex_officio_tiers_entry_states_the_tables_figures() -> None:
    entry = twin("guarantees#ex-officio-tiers")
    assert f"不足{wan(EX_OFFICIO.low)}元" in entry.text
    assert f"{wan(EX_OFFICIO.low)}元至{wan(EX_OFFICIO.high)}元" in entry.text
    assert f"货物价值的{percent(EX_OFFICIO.share)}，但不少于{wan(EX_OFFICIO.floor)}元" in entry.text
    assert f"超过{wan(EX_OFFICIO.high)}元" in entry.text
    assert f"最高不超过{wan(EX_OFFICIO.fixed)}元" in entry.text
    assert states_articles_zh(entry.legal_basis, EX_OFFICIO.basis)


@pytest.mark.parametrize("entry_id", ["guarantees#application-amount", "application-route#guarantee"])
def test_the_application_route_entries_state_a_guarantee_equal_to_the_value(entry_id: str) -> None:
    entry = section(entry_id)
    assert "equals the value of the goods" in entry.text
    assert entry.legal_basis == APPLICATION_BASIS.en
    zh = twin(entry_id)
    assert "相当于货物价值" in zh.text or "等于货值" in zh.text
    assert states_articles_zh(zh.legal_basis, APPLICATION_BASIS)


def test_the_general_guarantee_entry_states_the_minimum() -> None:
    entry = section("general-guarantee#amount")
    assert f"minimum of {rmb(GENERAL_GUARANTEE_MINIMUM)}" in entry.text
    assert f"最低{wan(GENERAL_GUARANTEE_MINIMUM)}元" in twin("general-guarantee#amount").text
    announcement = re.search(r"(\d{4}) No\. (\d+)", GENERAL_GUARANTEE_BASIS.en)
    assert announcement is not None
    year, number = announcement.groups()
    assert f"No. {number}" in (entry.legal_basis or "") and year in (entry.legal_basis or "")
    assert f"{year}年第{number}号" in (twin("general-guarantee#amount").legal_basis or "")


@pytest.mark.parametrize("key", sorted(TIME_LIMITS))
def test_the_time_limit_entries_state_the_tables_working_days_and_article(key: str) -> None:
    limit = TIME_LIMITS[key]
    for entry_id in LIMIT_SECTIONS[key]:
        entry = section(entry_id)
        assert f"{limit.working_days} working days" in entry.text, entry_id
        # An entry names the article, or for a sub-paragraph at least the article it is in.
        basis = entry.legal_basis or ""
        assert limit.basis.en in basis or all(f"Art. {n}" in basis for n in articles(limit.basis)), entry_id
        zh = twin(entry_id)
        assert f"{limit.working_days}个工作日" in zh.text, zh.id
        assert states_articles_zh(zh.legal_basis, limit.basis), zh.id


def test_no_time_limit_is_left_without_an_entry_to_compare() -> None:
    assert set(LIMIT_SECTIONS) == set(TIME_LIMITS)


@pytest.mark.parametrize("key", sorted(TIME_LIMITS))
def test_the_summary_table_has_each_time_limit_with_its_article(key: str) -> None:
    limit = TIME_LIMITS[key]
    rows = [line for line in section("time-limits#summary").text.splitlines() if line.startswith("|")]
    assert any(f"| {limit.working_days} working days" in row and f"| {limit.basis.en} |" in row for row in rows)


@pytest.mark.parametrize("entry_id", TERM_SECTIONS)
def test_the_recordation_term_entries_state_ten_years_and_six_months(entry_id: str) -> None:
    entry = section(entry_id)
    assert f"{RECORDATION.years} years" in entry.text
    assert RECORDATION.basis.en in (entry.legal_basis or "")
    zh = twin(entry_id)
    assert f"{RECORDATION.years}年" in zh.text
    assert states_articles_zh(zh.legal_basis, RECORDATION.basis)
    if entry_id.endswith("#renewal-window"):
        assert f"{RECORDATION.renewal_window_months} months" in entry.text
        assert f"each renewal lasts {RECORDATION.renewal_years} years" in entry.text
        assert f"{RECORDATION.renewal_window_months}个月" in zh.text
        assert f"续展的有效期为{RECORDATION.renewal_years}年" in zh.text


def _money(cell: str) -> Decimal:
    """A table cell's amount: "RMB 15,000" or "15,000"."""
    return Decimal(cell.replace("RMB", "").replace(",", "").strip())


def tier_examples(entry: Section) -> list[tuple[Decimal, Decimal, Decimal]]:
    rows = []
    for line in entry.text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"(RMB )?[\d,]+", cells[0]):
            rows.append((_money(cells[0]), _money(cells[1]), _money(cells[2])))
    return rows


@pytest.mark.parametrize("entry_id", ["guarantees#tier-examples", "guarantees-zh#tier-examples"])
def test_every_worked_example_row_is_what_the_rules_compute(entry_id: str) -> None:
    rows = tier_examples(section(entry_id))
    assert len(rows) >= 6
    for value, ex_officio, application in rows:
        assert guarantee(value, Route.EX_OFFICIO).amount == ex_officio, value
        assert guarantee(value, Route.APPLICATION).amount == application, value


WORTH_ENTRIES = sorted(entry_id for entry_id in SECTIONS if re.fullmatch(r"guarantees#worth-\d+", entry_id))


def test_there_are_worked_value_entries_to_compare() -> None:
    assert len(WORTH_ENTRIES) >= 5


@pytest.mark.parametrize("entry_id", WORTH_ENTRIES)
def test_every_entry_for_a_value_states_the_computed_guarantees(entry_id: str) -> None:
    value = Decimal(entry_id.rsplit("-", 1)[1])
    ex_officio = guarantee(value, Route.EX_OFFICIO).amount
    application = guarantee(value, Route.APPLICATION).amount
    entry = section(entry_id)
    assert rmb(ex_officio) in entry.text and rmb(application) in entry.text
    zh = twin(entry_id)
    assert f"{wan(ex_officio)}元" in zh.text and f"{wan(application)}元" in zh.text
