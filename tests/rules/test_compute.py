"""The computations of bot.rules.compute: guarantees on both routes at every tier boundary, recordation terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.rules.compute import approval_for_expiry, band_tier, guarantee, recordation_term
from bot.rules.figures import Band
from bot.rules.table import APPLICATION_BASIS, EX_OFFICIO, RECORDATION, Route

# Values of goods in RMB with cents, from one cent to far above the top tier.
VALUES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10) ** 9, places=2, allow_nan=False)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 12, 31))


@pytest.mark.parametrize(
    ("value", "amount", "tier"),
    [
        (1, 1, "below_low"),
        (15_000, 15_000, "below_low"),
        (19_999, 19_999, "below_low"),
        (20_000, 20_000, "floor"),
        (30_000, 20_000, "floor"),
        (39_999, 20_000, "floor"),
        (40_000, 20_000, "half"),
        (50_000, 25_000, "half"),
        (100_000, 50_000, "half"),
        (120_000, 60_000, "half"),
        (200_000, 100_000, "half"),
        (200_001, 100_000, "fixed"),
        (350_000, 100_000, "fixed"),
        (5_000_000, 100_000, "fixed"),
    ],
)
def test_ex_officio_guarantee_follows_the_tiers_at_every_boundary(value: int, amount: int, tier: str) -> None:
    result = guarantee(Decimal(value), Route.EX_OFFICIO)
    assert result.amount == Decimal(amount)
    assert result.tier == tier
    assert result.route is Route.EX_OFFICIO
    assert result.value == Decimal(value)
    assert result.basis == EX_OFFICIO.basis


def test_ex_officio_guarantee_keeps_the_cents_of_half_the_value() -> None:
    assert guarantee(Decimal("40001"), Route.EX_OFFICIO).amount == Decimal("20000.5")
    assert guarantee(Decimal("19999.99"), Route.EX_OFFICIO).amount == Decimal("19999.99")


@pytest.mark.parametrize("value", [1, 19_999, 20_000, 39_999, 40_000, 200_000, 200_001, 5_000_000])
def test_application_guarantee_equals_the_value(value: int) -> None:
    result = guarantee(Decimal(value), Route.APPLICATION)
    assert result.amount == Decimal(value)
    assert result.tier == "equal_value"
    assert result.basis == APPLICATION_BASIS


@pytest.mark.parametrize("route", list(Route))
@pytest.mark.parametrize("value", ["0", "-1", "-50000"])
def test_a_value_that_is_not_positive_is_refused(value: str, route: Route) -> None:
    with pytest.raises(ValueError):
        guarantee(Decimal(value), route)


@given(VALUES)
def test_ex_officio_guarantee_never_exceeds_the_fixed_amount_nor_the_value(value: Decimal) -> None:
    amount = guarantee(value, Route.EX_OFFICIO).amount
    assert 0 < amount <= EX_OFFICIO.fixed
    assert amount <= value
    # Half the value with its floor: from 20,000 up the floor lifts it above half, never above the value.
    if value >= EX_OFFICIO.low:
        assert amount >= min(value * EX_OFFICIO.share, EX_OFFICIO.fixed)


@given(VALUES, VALUES)
def test_ex_officio_guarantee_never_falls_when_the_value_rises(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert guarantee(low, Route.EX_OFFICIO).amount <= guarantee(high, Route.EX_OFFICIO).amount


@given(VALUES)
def test_application_guarantee_is_always_the_value(value: Decimal) -> None:
    assert guarantee(value, Route.APPLICATION).amount == value


def test_recordation_approved_in_march_2020_expires_the_day_before_its_tenth_anniversary() -> None:
    term = recordation_term(dt.date(2020, 3, 15))
    assert term.approved == dt.date(2020, 3, 15)
    assert term.expires == dt.date(2030, 3, 14)
    assert term.renewal_opens == dt.date(2029, 9, 14)
    assert term.basis == RECORDATION.basis


@pytest.mark.parametrize(
    ("approved", "expires", "renewal_opens"),
    [
        # The renewal window opens on 31 August less 6 months: February has no 30th, its last day is taken.
        (dt.date(2019, 8, 31), dt.date(2029, 8, 30), dt.date(2029, 2, 28)),
        (dt.date(2021, 8, 31), dt.date(2031, 8, 30), dt.date(2031, 2, 28)),
        (dt.date(2023, 8, 31), dt.date(2033, 8, 30), dt.date(2033, 2, 28)),
        # Approved on 1 March: the tenth anniversary's eve is 29 February in a leap year, 28 February otherwise.
        (dt.date(2022, 3, 1), dt.date(2032, 2, 29), dt.date(2031, 8, 29)),
        (dt.date(2020, 3, 1), dt.date(2030, 2, 28), dt.date(2029, 8, 28)),
        (dt.date(2020, 1, 1), dt.date(2029, 12, 31), dt.date(2029, 6, 30)),
        (dt.date(2016, 10, 1), dt.date(2026, 9, 30), dt.date(2026, 3, 30)),
    ],
)
def test_recordation_term_clamps_to_the_end_of_a_shorter_month(
    approved: dt.date, expires: dt.date, renewal_opens: dt.date
) -> None:
    term = recordation_term(approved)
    assert (term.expires, term.renewal_opens) == (expires, renewal_opens)


@given(DATES)
def test_recordation_lasts_ten_years_and_renewal_opens_six_months_before_expiry(approved: dt.date) -> None:
    term = recordation_term(approved)
    assert term.approved < term.renewal_opens < term.expires
    assert term.expires.year - approved.year in (RECORDATION.years - 1, RECORDATION.years)
    months_before = (term.expires.year - term.renewal_opens.year) * 12 + term.expires.month - term.renewal_opens.month
    assert months_before == RECORDATION.renewal_window_months


@given(DATES.filter(lambda day: (day.month, day.day) != (2, 29)))
def test_approval_for_expiry_gives_back_the_approval_date(approved: dt.date) -> None:
    # 29 February is left out here: its tenth anniversary has no such day (see the test below).
    assert approval_for_expiry(recordation_term(approved).expires) == approved


@given(DATES)
def test_the_approval_found_for_an_expiry_has_that_same_expiry(approved: dt.date) -> None:
    expires = recordation_term(approved).expires
    assert recordation_term(approval_for_expiry(expires)).expires == expires


@pytest.mark.parametrize(
    ("band", "tier"),
    [
        (Band(None, Decimal(20000), high_included=False), "below_low"),
        (Band(None, Decimal("19999.99")), "below_low"),
        (Band(None, Decimal(20000)), "up_to_low"),  # 20,000 itself pays half, at least 20,000: its value again
        (Band(None, Decimal(20001)), None),
        (Band(Decimal(20000), Decimal(200000)), "half"),
        (Band(Decimal(19999), Decimal(200000)), None),
        (Band(Decimal(20000), Decimal(200001)), None),
        (Band(Decimal(200000), None, low_included=False), "fixed"),
        (Band(Decimal(200000), None), None),  # 200,000 itself is in the middle tier
        (Band(Decimal(10**6), None), "fixed"),
        (Band(None, None), None),
    ],
)
def test_a_band_has_a_tier_only_when_every_value_in_it_has_the_same_rule(band: Band, tier: str | None) -> None:
    assert band_tier(band) == tier


@given(VALUES, VALUES, st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.floats(0, 1))
def test_every_value_in_a_band_pays_its_tier_rule(a: Decimal, b: Decimal, has_low: bool, has_high: bool,
                                                  low_in: bool, high_in: bool, at: float) -> None:
    low, high = min(a, b), max(a, b)
    band = Band(low if has_low else None, high if has_high else None, low_in, high_in)
    tier = band_tier(band)
    if tier is None:
        return
    start = low if has_low else Decimal("0.01")
    end = high if has_high else low * 10 + Decimal(10**6)
    value = max((start + (end - start) * Decimal(str(at))).quantize(Decimal("0.01")), Decimal("0.01"))
    if (has_low and not low_in and value <= low) or (has_high and not high_in and value >= high):
        return  # the open end itself is not in the band
    paid = guarantee(value, Route.EX_OFFICIO)
    assert paid.tier in {"below_low": {"below_low"}, "up_to_low": {"below_low", "floor"}, "half": {"half", "floor"},
                         "fixed": {"fixed"}}[tier]
    if tier in {"below_low", "up_to_low"}:
        assert paid.amount == value  # what the band's line promises: the value itself
