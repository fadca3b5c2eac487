"""The desk's calculator: reads what a question asks, computes it from the table of rules, says on what basis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.rules.calendar import WorkingCalendar, load_schedules, schedule_signature
from bot.rules.compute import (
    Deadline,
    Guarantee,
    Term,
    approval_for_expiry,
    band_tier,
    deadline,
    guarantee,
    recordation_term,
    renewal_window_opens,
)
from bot.rules.intent import Kind, Request, read_request
from bot.rules.table import APPLICATION_BASIS, EX_OFFICIO, RECORDATION, TIME_LIMITS, Basis, Route, TimeLimit

# Customs counts days in China's time, UTC+8 all year.
CHINA = dt.timezone(dt.timedelta(hours=8))


def china_today() -> dt.date:
    return dt.datetime.now(CHINA).date()


@dataclass(frozen=True)
class Computed:
    """A computed answer: what was asked, with what inputs, and the results with their legal basis."""

    request: Request
    guarantees: tuple[Guarantee, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    term: Term | None = None
    periods: tuple[TimeLimit, ...] = ()  # time limits stated as periods: no date was given to count from
    tier: str | None = None  # a guarantee for a value known only as a band: the ex officio tier it falls in

    def band_bases(self) -> tuple[Basis, ...]:
        """What a guarantee for a band rests on: the ex officio tiers, and the application route's rule when
        that route is shown too."""
        application = (APPLICATION_BASIS,) if Route.APPLICATION in self.request.routes else ()
        return (EX_OFFICIO.basis, *application)

    def as_json(self) -> dict[str, object]:
        """The `computed` object of `iprdesk ask --json`: kind, inputs, result, legal basis."""
        request = self.request
        inputs: dict[str, object] = {}
        result: dict[str, object] = {}
        bases: list[str] = []
        if request.kind is Kind.GUARANTEE and request.amount is not None:
            inputs = {
                "value": str(request.amount.value),
                "currency": "RMB",
                "routes": [r.value for r in request.routes],
            }
            result = {g.route.value: {"amount": str(g.amount), "tier": g.tier} for g in self.guarantees}
            bases = [g.basis.en for g in self.guarantees]
        elif self.tier is not None and request.band is not None:
            band = request.band
            inputs = {
                "value_above": None if band.low is None else str(band.low),
                "above_included": band.low_included,
                "value_below": None if band.high is None else str(band.high),
                "below_included": band.high_included,
                "currency": "RMB",
                "routes": [r.value for r in request.routes],
            }
            fixed = str(EX_OFFICIO.fixed) if self.tier == "fixed" else None
            result = {"ex_officio": {"amount": fixed, "tier": self.tier}}
            if Route.APPLICATION in request.routes:
                result["application"] = {"amount": None, "tier": "equal_value"}
            bases = [b.en for b in self.band_bases()]
        elif request.kind is Kind.DEADLINE and request.date is not None:
            inputs = {
                "event": request.date.value.isoformat(),
                "year_inferred": request.date.year_inferred,
                "limits": list(request.limits),
            }
            result = {d.limit.key: _deadline_json(d) for d in self.deadlines}
            bases = [d.limit.basis.en for d in self.deadlines]
        elif self.periods:
            inputs = {"limits": list(request.limits)}
            result = {limit.key: {"working_days": limit.working_days} for limit in self.periods}
            bases = [limit.basis.en for limit in self.periods]
        elif self.term is not None:
            given = "expires" if request.date_is_expiry else "approved"
            inputs = {given: request.date.value.isoformat() if request.date else None}
            result = {
                "approved": self.term.approved.isoformat(),
                "expires": self.term.expires.isoformat(),
                "renewal_opens": self.term.renewal_opens.isoformat(),
            }
            if self.term.right_expires is not None:
                inputs["right_expires"] = self.term.right_expires.isoformat()
                result["ends"] = self.term.ends.isoformat()
            bases = [self.term.basis.en]
        return {
            "kind": request.kind.value,
            "inputs": inputs,
            "result": result,
            "legal_basis": "; ".join(dict.fromkeys(bases)),
        }


def _deadline_json(d: Deadline) -> dict[str, object]:
    return {
        "working_days": d.limit.working_days,
        "due": d.count.due.isoformat(),
        "holidays_skipped": [day.isoformat() for day in d.count.holidays],
        "adjusted_working_days": [day.isoformat() for day in d.count.adjusted],
        "estimated": d.count.estimated,
    }


@dataclass
class Calculator:
    """The rules with a calendar and a clock; built once at start-up (bot.app) and shared."""

    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    today: Callable[[], dt.date] = china_today
    # The folder of admins' holiday schedules (knowledge/calendar/); a file added or changed there counts from
    # the next question on, without a restart, in every replica that shares the knowledge volume.
    schedules_dir: Path | None = None
    _seen: tuple[tuple[str, int], ...] = field(default=(), init=False, repr=False)

    @classmethod
    def from_knowledge(cls, knowledge_dir: Path) -> Calculator:
        """With the holiday schedules an admin put in `knowledge/calendar/` (years the package lacks)."""
        calculator = cls(schedules_dir=knowledge_dir / "calendar")
        calculator.refresh()
        return calculator

    def refresh(self) -> None:
        """Load the schedules again when the folder's files changed (a stat of a few small files)."""
        if self.schedules_dir is None:
            return
        seen = schedule_signature(self.schedules_dir)
        if seen != self._seen:
            self.calendar = WorkingCalendar(load_schedules(self.schedules_dir))
            self._seen = seen

    def read(self, question: str) -> Request | None:
        """What `question` asks to compute, or None when the knowledge base should answer it."""
        self.refresh()
        return read_request(question, self.today())

    def compute(self, request: Request) -> Computed | None:
        """The result for a request with every input read; None when something is missing."""
        if request.missing is not None:
            return None
        if request.kind is Kind.GUARANTEE and request.amount is not None:
            return Computed(request, guarantees=tuple(guarantee(request.amount.value, r) for r in request.routes))
        if request.kind is Kind.GUARANTEE and request.band is not None and (tier := band_tier(request.band)):
            return Computed(request, tier=tier)
        if request.kind is Kind.DEADLINE and request.date is not None and request.limits:
            deadlines = tuple(deadline(key, request.date.value, self.calendar) for key in request.limits)
            return Computed(request, deadlines=deadlines)
        if request.kind is Kind.RECORDATION and request.date is not None:
            return Computed(request, term=self.term(request))
        if request.kind is Kind.PERIOD and request.limits:
            return Computed(request, periods=tuple(TIME_LIMITS[key] for key in request.limits))
        return None

    @staticmethod
    def term(request: Request) -> Term:
        assert request.date is not None
        right = request.right_expires.value if request.right_expires else None
        if request.date_is_expiry:  # the expiry the asker read on the notice is kept as given
            expires = request.date.value
            return Term(approval_for_expiry(expires), expires, renewal_window_opens(expires), RECORDATION.basis,
                        right_expires=right)
        return replace(recordation_term(request.date.value), right_expires=right)
