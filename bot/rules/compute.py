"""The computations: a guarantee for a value and route, a time limit's last day, a recordation's term."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bot.rules.calendar import Count, WorkingCalendar
from bot.rules.figures import Band
from bot.rules.table import APPLICATION_BASIS, EX_OFFICIO, RECORDATION, TIME_LIMITS, Basis, Route, TimeLimit

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Guarantee:
    """The guarantee one route asks for goods of `value`; `tier` names the rule that applied."""

    route: Route
    value: Decimal
    amount: Decimal
    tier: str  # "equal_value" · "below_low" · "half" · "floor" · "fixed"
    basis: Basis


@dataclass(frozen=True)
class Deadline:
    limit: TimeLimit
    count: Count


@dataclass(frozen=True)
class Term:
    """A recordation approved on `approved`: in force to `expires`, renewable from `renewal_opens`; when the
    right itself expires first (`right_expires`), the recordation ends with it (Regulations Art. 10)."""

    approved: dt.date
    expires: dt.date
    renewal_opens: dt.date
    basis: Basis
    right_expires: dt.date | None = None

    @property
    def ends(self) -> dt.date:
        """The last day in force unless the right is renewed or extended: the earlier of the two ends."""
        return min(self.expires, self.right_expires) if self.right_expires else self.expires

    @property
    def ends_with_right(self) -> bool:
        return self.right_expires is not None and self.right_expires < self.expires


def guarantee(value: Decimal, route: Route) -> Guarantee:
    """The guarantee for goods worth `value` (RMB) on `route`; ValueError for a value that is not positive."""
    if value <= 0:
        raise ValueError("the value of the goods must be above zero")
    if route is Route.APPLICATION:
        return Guarantee(route, value, _money(value), "equal_value", APPLICATION_BASIS)
    rule = EX_OFFICIO
    if value < rule.low:
        return Guarantee(route, value, _money(value), "below_low", rule.basis)
    if value <= rule.high:
        share = value * rule.share
        if share < rule.floor:
            return Guarantee(route, value, rule.floor, "floor", rule.basis)
        return Guarantee(route, value, _money(share), "half", rule.basis)
    return Guarantee(route, value, rule.fixed, "fixed", rule.basis)


def band_tier(band: Band) -> str | None:
    """The ex officio tier every value in the band falls in ("below_low", "half" or "fixed"), or None when the
    band crosses a tier's edge (then the exact value is needed: 19,000 and 21,000 pay different rules).
    "up_to_low": a band up to and including `low` ("两万以下"), where every value pays its own value too (at
    exactly `low`, the share falls under the floor, which is `low` itself)."""
    rule = EX_OFFICIO
    if band.high is not None and (band.high < rule.low or (band.high == rule.low and not band.high_included)):
        return "below_low"
    if band.high == rule.low and rule.floor == rule.low and rule.low * rule.share <= rule.floor:
        return "up_to_low"
    if band.low is not None and (band.low > rule.high or (band.low == rule.high and not band.low_included)):
        return "fixed"
    if band.low is not None and band.low >= rule.low and band.high is not None and band.high <= rule.high:
        return "half"
    return None


def deadline(limit_key: str, event: dt.date, calendar: WorkingCalendar) -> Deadline:
    """The last day of the time limit `limit_key` (a key of TIME_LIMITS) counted from `event`."""
    limit = TIME_LIMITS[limit_key]
    return Deadline(limit, calendar.add_working_days(event, limit.working_days))


def recordation_term(approved: dt.date) -> Term:
    """Valid 10 years from the day of approval (so to the day before its 10th anniversary); renewal may be
    applied for in the 6 months before that last day."""
    # Counted from the day of approval, so it ends the day before the same date ten years on; approved on
    # 29 February, it runs to 28 February (the month's last day, as Civil Code Art. 202 counts a missing day).
    anniversary = _add_months(approved, 12 * RECORDATION.years)
    expires = anniversary if anniversary.day != approved.day else anniversary - dt.timedelta(days=1)
    return Term(approved, expires, renewal_window_opens(expires), RECORDATION.basis)


def renewal_window_opens(expires: dt.date) -> dt.date:
    """The first day renewal may be applied for: six months before the last day."""
    return _add_months(expires, -RECORDATION.renewal_window_months)


def approval_for_expiry(expires: dt.date) -> dt.date:
    """The approval date of a recordation that is valid until `expires`."""
    return _add_months(expires + dt.timedelta(days=1), -12 * RECORDATION.years)


def _add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier); the month's last day when it has no such day (29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP).normalize() if value % 1 else value.quantize(Decimal(1))
