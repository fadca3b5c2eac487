"""/calc: the calculator people can press. Route → value, or time limit → date, or approval date → term,
with buttons and one typed value; the step waits in the chat's stored state, so a restart or another replica
continues it."""

from __future__ import annotations

import datetime as dt

from bot.core import buttons
from bot.core.computed import computed_html
from bot.core.messages import Reply
from bot.core.ports import calculator_of
from bot.core.state import STEP_CALC_AMOUNT, STEP_CALC_DATE, STEP_CALC_LIMIT
from bot.core.turn import Rows, Turn
from bot.rules.calculator import Calculator
from bot.rules.figures import read_figures
from bot.rules.intent import Kind, Request
from bot.rules.table import TIME_LIMITS, Route

ROUTE_CHOICES = ("ex_officio", "application", "both")
RECORDATION = "recordation"  # the `calc` value of the recordation term's date step


def start(turn: Turn, args: str) -> list[Reply]:
    """`/calc`: what to compute."""
    return _menu(turn)


def press(turn: Turn, step: str) -> list[Reply]:
    """A calculator button: `start`, a kind, `g.ROUTE`, `d.LIMIT` (then a date is typed) or `l.LIMIT` (the limit
    for a date the question gave)."""
    kind, _, choice = step.partition(".")
    if step == "start":
        return _menu(turn)
    if step == Kind.GUARANTEE.value:
        return turn.say("calc_pick_route", _route_rows(turn))
    if step == Kind.DEADLINE.value:
        return turn.say("calc_pick_limit", _limit_rows(turn, "d"))
    if step == Kind.RECORDATION.value:
        turn.state.enter(STEP_CALC_DATE, calc=RECORDATION)
        return turn.say("calc_ask_approval")
    if kind == "g" and choice in ROUTE_CHOICES:
        turn.state.enter(STEP_CALC_AMOUNT, calc=choice)
        return turn.say("calc_ask_amount")
    if kind == "d" and choice in TIME_LIMITS:
        turn.state.enter(STEP_CALC_DATE, calc=choice)
        return turn.say("calc_ask_date")
    if kind == "l" and choice in TIME_LIMITS:
        return _limit_for_stored_date(turn, choice)
    return turn.say("button_expired")


def on_text(turn: Turn, message: str) -> list[Reply]:
    """The typed value or date of the step the chat is in; an unreadable one is asked again."""
    calculator = calculator_of(turn.services)
    if turn.state.step == STEP_CALC_AMOUNT:
        return _amount_typed(turn, calculator, message)
    return _date_typed(turn, calculator, message)


def ask_limit_for(turn: Turn, day: dt.date) -> Rows:
    """The question gave a date but not which time limit: keep the date, offer the limits as buttons."""
    turn.state.enter(STEP_CALC_LIMIT, calc=day.isoformat())
    return _limit_rows(turn, "l")


def _menu(turn: Turn) -> list[Reply]:
    rows: Rows = tuple(
        (buttons.calc_choice(turn.t(f"btn_calc_{label}"), kind.value),)
        for label, kind in (("guarantee", Kind.GUARANTEE), ("deadline", Kind.DEADLINE), ("term", Kind.RECORDATION))
    )
    return turn.say("calc_pick", rows)


def _route_rows(turn: Turn) -> Rows:
    return tuple((buttons.calc_choice(turn.t(f"btn_route_{route}"), f"g.{route}"),) for route in ROUTE_CHOICES)


def _limit_rows(turn: Turn, prefix: str) -> Rows:
    return tuple((buttons.calc_choice(turn.t(f"btn_limit_{key}"), f"{prefix}.{key}"),) for key in TIME_LIMITS)


def _amount_typed(turn: Turn, calculator: Calculator, message: str) -> list[Reply]:
    # In this step a bare number is the value: "worth" before it makes the reader take it as one.
    figures = read_figures(f"worth {message}", calculator.today())
    amounts = [a for a in figures.amounts if a.currency == "RMB"]
    if len({a.value for a in amounts}) != 1 or figures.ranges or figures.bounds:  # "50-60k", "over 50k": ask again
        return turn.say("calc_bad_amount")
    choice = turn.state.calc or "both"
    routes = (Route.EX_OFFICIO, Route.APPLICATION) if choice == "both" else (Route(choice),)
    turn.state.leave()
    return _result(turn, calculator, Request(Kind.GUARANTEE, routes=routes, amount=amounts[0]))


def _date_typed(turn: Turn, calculator: Calculator, message: str) -> list[Reply]:
    figures = read_figures(message, calculator.today())
    if len({d.value for d in figures.dates}) != 1 or figures.unreadable:
        return turn.say("calc_bad_date")
    date, choice = figures.dates[0], turn.state.calc
    turn.state.leave()
    if choice == RECORDATION:
        return _result(turn, calculator, Request(Kind.RECORDATION, date=date))
    if choice not in TIME_LIMITS:
        return turn.say("button_expired")
    return _result(turn, calculator, Request(Kind.DEADLINE, limits=(choice,), date=date))


def _limit_for_stored_date(turn: Turn, limit: str) -> list[Reply]:
    stored = turn.state.calc if turn.state.step == STEP_CALC_LIMIT else None
    try:
        day = dt.date.fromisoformat(stored or "")
    except ValueError:
        return turn.say("button_expired")
    turn.state.leave()
    calculator = calculator_of(turn.services)
    figure = read_figures(day.isoformat(), day).dates[0]
    return _result(turn, calculator, Request(Kind.DEADLINE, limits=(limit,), date=figure))


def _result(turn: Turn, calculator: Calculator, request: Request) -> list[Reply]:
    computed = calculator.compute(request)
    if computed is None:  # every input was read above; kept as a guard against a forged state
        return turn.say("button_expired")
    again = (buttons.calculator(turn.lang, request.kind.value),)
    return [Reply(computed_html(computed, turn.lang, calculator.today()), (again,))]
