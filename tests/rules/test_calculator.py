"""The calculator end to end: a question read, computed from the rules, and its `computed` JSON object."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from bot.rules.calculator import Calculator, Computed
from bot.rules.calendar import WorkingCalendar
from bot.rules.intent import Kind
from bot.rules.table import EX_OFFICIO, RECORDATION, TIME_LIMITS, Route

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def calculator() -> Calculator:
    return Calculator(today=lambda: TODAY)


def ask(calculator: Calculator, question: str) -> Computed:
    request = calculator.read(question)
    assert request is not None, question
    computed = calculator.compute(request)
    assert computed is not None, request
    return computed


def test_a_guarantee_question_is_computed_on_the_route_it_names(calculator: Calculator) -> None:
    computed = ask(calculator, "Goods worth RMB 50,000 were detained ex officio, how much guarantee?")
    (only,) = computed.guarantees
    assert (only.route, only.amount, only.tier) == (Route.EX_OFFICIO, Decimal(25_000), "half")
    assert computed.deadlines == () and computed.term is None


@pytest.mark.parametrize(
    ("question", "ex_officio", "application"),
    [
        ("货值5万元，担保交多少？", 25_000, 50_000),
        ("How much guarantee for goods worth 1.2万?", 12_000, 12_000),
        ("How much guarantee for goods worth RMB 120,000?", 60_000, 120_000),
        ("How much guarantee for goods worth RMB 350,000?", 100_000, 350_000),
        ("货值三十万，担保多少？", 100_000, 300_000),
    ],
)
def test_a_guarantee_question_without_a_route_gets_both_routes(
    calculator: Calculator, question: str, ex_officio: int, application: int
) -> None:
    computed = ask(calculator, question)
    assert {g.route: g.amount for g in computed.guarantees} == {
        Route.EX_OFFICIO: Decimal(ex_officio),
        Route.APPLICATION: Decimal(application),
    }


def test_a_notice_served_on_30_september_2026_is_due_on_10_october(calculator: Calculator) -> None:
    computed = ask(calculator, "We were served the customs notice on 30 September 2026, what is the last day to reply?")
    (only,) = computed.deadlines
    assert only.limit is TIME_LIMITS["notice_reply"]
    assert only.count.due == dt.date(2026, 10, 10)
    assert only.count.adjusted == (dt.date(2026, 10, 10),)


def test_a_court_deadline_without_a_route_is_computed_for_both(calculator: Calculator) -> None:
    computed = ask(calculator, "货物2026年9月30日被扣，法院通知最晚哪天？")
    assert [d.limit.key for d in computed.deadlines] == ["court_ex_officio", "court_application"]
    assert all(d.count.event == dt.date(2026, 9, 30) for d in computed.deadlines)
    assert computed.deadlines[0].count.due > computed.deadlines[1].count.due


def test_a_recordation_term_is_computed_from_the_approval_date(calculator: Calculator) -> None:
    computed = ask(calculator, "Our recordation was approved on 15 March 2020; when does it expire?")
    assert computed.term is not None
    assert (computed.term.expires, computed.term.renewal_opens) == (dt.date(2030, 3, 14), dt.date(2029, 9, 14))


def test_a_recordation_term_is_computed_from_the_expiry_date(calculator: Calculator) -> None:
    computed = ask(calculator, "备案到期日是2030年3月14日，什么时候可以续展？")
    assert computed.term is not None
    assert computed.term.approved == dt.date(2020, 3, 15)
    assert computed.term.expires == dt.date(2030, 3, 14)
    assert computed.term.renewal_opens == dt.date(2029, 9, 14)


@pytest.mark.parametrize(
    ("written", "expires"),
    [
        ("28 February 2032", dt.date(2032, 2, 28)),
        ("29 February 2032", dt.date(2032, 2, 29)),
        ("28 February 2030", dt.date(2030, 2, 28)),
        ("30 June 2031", dt.date(2031, 6, 30)),
    ],
)
def test_the_expiry_a_question_states_is_the_expiry_the_answer_gives(
    calculator: Calculator, written: str, expires: dt.date
) -> None:
    computed = ask(calculator, f"Our customs recordation expires on {written}; when can we renew?")
    assert computed.term is not None
    assert computed.term.expires == expires
    assert computed.as_json()["result"]["expires"] == expires.isoformat()  # type: ignore[index]


@pytest.mark.parametrize(
    "question",
    [
        "How much guarantee do we pay for our goods?",
        "Goods worth USD 10,000, how much guarantee?",
        "Something happened on 2026-09-30, what is the deadline?",
        "When must we reply to the customs notice served 2026-02-30?",
        "What is the last day to reply to the customs notice?",
    ],
)
def test_a_request_with_something_missing_is_not_computed(calculator: Calculator, question: str) -> None:
    request = calculator.read(question)
    assert request is not None and request.missing is not None
    assert calculator.compute(request) is None


@pytest.mark.parametrize(
    ("question", "limits"),
    [
        ("how many days do we have to respond to the customs notice?", ["notice_reply"]),
        ("大连海关刚发来通知，我们要几天内答复？", ["notice_reply"]),
        ("summarise the time limits after customs finds suspect goods: our reply, customs' investigation, and the "
         "court deadline", ["notice_reply", "investigation", "court_ex_officio"]),
        ("海关认定不了的话货最多扣多久", ["investigation", "court_ex_officio"]),
        ("现在去备案的话多久能批？", ["recordation_decision"]),
        ("trademark assigned to our parent: within how many days must the customs recordation be changed?",
         ["change_report"]),
    ],
)
def test_a_period_asked_without_a_date_is_stated_from_the_table(
    calculator: Calculator, question: str, limits: list[str]
) -> None:
    computed = ask(calculator, question)
    assert computed.as_json()["inputs"] == {"limits": limits}
    assert [p.working_days for p in computed.periods] == [TIME_LIMITS[key].working_days for key in limits]
    assert computed.as_json()["legal_basis"] == "; ".join(dict.fromkeys(TIME_LIMITS[k].basis.en for k in limits))


def test_a_question_for_the_knowledge_base_is_not_read_as_a_computation(calculator: Calculator) -> None:
    assert calculator.read("How do I record my trademark?") is None


def test_the_guarantee_json_has_kind_inputs_result_and_legal_basis(calculator: Calculator) -> None:
    data = ask(calculator, "How much guarantee for goods worth RMB 50,000?").as_json()
    assert data == {
        "kind": "guarantee",
        "inputs": {"value": "50000", "currency": "RMB", "routes": ["ex_officio", "application"]},
        "result": {
            "ex_officio": {"amount": "25000", "tier": "half"},
            "application": {"amount": "50000", "tier": "equal_value"},
        },
        "legal_basis": "Measures Art. 23; Regulations Art. 14; Measures Art. 15",
    }
    assert json.loads(json.dumps(data)) == data


def test_the_deadline_json_shows_the_due_day_the_holidays_and_the_adjusted_days(calculator: Calculator) -> None:
    data = ask(calculator, "海关9月30日送达通知，答复期限到哪天？").as_json()
    assert data == {
        "kind": "deadline",
        "inputs": {"event": "2026-09-30", "year_inferred": True, "limits": ["notice_reply"]},
        "result": {
            "notice_reply": {
                "working_days": 3,
                "due": "2026-10-10",
                "holidays_skipped": [f"2026-10-0{day}" for day in range(1, 8)],
                "adjusted_working_days": ["2026-10-10"],
                "estimated": False,
            }
        },
        "legal_basis": TIME_LIMITS["notice_reply"].basis.en,
    }
    assert json.loads(json.dumps(data)) == data


def test_the_deadline_json_of_both_court_limits_names_each_article(calculator: Calculator) -> None:
    data = ask(calculator, "Goods were detained on 2026-09-30; when is the deadline for the court order?").as_json()
    assert data["kind"] == "deadline"
    assert set(data["result"]) == {"court_ex_officio", "court_application"}  # type: ignore[arg-type]
    assert data["legal_basis"] == "Regulations Art. 24(2); Regulations Art. 24(1)"


def test_the_recordation_json_names_the_date_given_and_the_term(calculator: Calculator) -> None:
    data = ask(calculator, "Our recordation was approved on 15 March 2020; when does it expire?").as_json()
    assert data == {
        "kind": "recordation",
        "inputs": {"approved": "2020-03-15"},
        "result": {"approved": "2020-03-15", "expires": "2030-03-14", "renewal_opens": "2029-09-14"},
        "legal_basis": RECORDATION.basis.en,
    }
    expiry = ask(calculator, "Our customs recordation expires on 14 March 2030; when can we renew?").as_json()
    assert expiry["inputs"] == {"expires": "2030-03-14"}
    assert expiry["result"] == data["result"]


def test_a_date_past_the_package_is_an_estimate_in_the_json(calculator: Calculator) -> None:
    data = ask(calculator, "Customs notice served on 30 September 2027, last day to reply?").as_json()
    result = data["result"]["notice_reply"]  # type: ignore[index]
    assert result["estimated"] is True
    assert result["due"] == "2027-10-06"  # 1-3 October are holidays in any year


def test_from_knowledge_loads_the_schedules_of_knowledge_calendar(tmp_path: Path) -> None:
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "2027.yaml").write_text(
        "year: 2027\nholidays: [2027-10-01, 2027-10-04, 2027-10-05, 2027-10-06, 2027-10-07]\nworkdays: [2027-10-09]\n",
        encoding="utf-8",
    )
    calculator = Calculator.from_knowledge(tmp_path)
    assert calculator.calendar.known(2027)
    request = calculator.read("Customs notice served on 30 September 2027, last day to reply?")
    assert request is not None
    computed = calculator.compute(request)
    assert computed is not None
    (only,) = computed.deadlines
    assert only.count.due == dt.date(2027, 10, 11)
    assert not only.count.estimated


def test_the_calculators_default_calendar_has_no_schedule_files() -> None:
    assert Calculator().calendar == WorkingCalendar()


def test_the_ex_officio_basis_is_cited_for_every_ex_officio_guarantee(calculator: Calculator) -> None:
    computed = ask(calculator, "依职权扣货，货值5万元，担保多少？")
    assert computed.request.kind is Kind.GUARANTEE and computed.request.routes == (Route.EX_OFFICIO,)
    assert [g.basis for g in computed.guarantees] == [EX_OFFICIO.basis]


def test_a_schedule_file_added_while_running_counts_from_the_next_question(tmp_path: Path) -> None:
    calculator = Calculator.from_knowledge(tmp_path)
    calculator.today = lambda: dt.date(2026, 11, 29)
    question = "Customs notice served on 31 December 2026, what is the last day to reply?"
    before = calculator.compute(calculator.read(question))  # type: ignore[arg-type]
    assert before is not None and before.deadlines[0].count.estimated
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "2027.yaml").write_text(
        "year: 2027\nholidays: [2027-01-01, 2027-01-04]\nworkdays: []\n", encoding="utf-8"
    )
    after = calculator.compute(calculator.read(question))  # type: ignore[arg-type]
    assert after is not None and not after.deadlines[0].count.estimated
    assert after.deadlines[0].count.due == dt.date(2027, 1, 7)  # 1 and 4 January skipped: 5, 6, 7
