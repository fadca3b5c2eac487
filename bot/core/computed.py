"""Computed answers as messages: a guarantee, a time limit's last day or a recordation term, with the working
shown and the article cited; and the question for a figure when one is missing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from html import unescape

from bot.core.texts import Html, text
from bot.rules.calculator import Computed
from bot.rules.compute import Deadline, Guarantee, Term
from bot.rules.figures import Band
from bot.rules.intent import Kind, Missing, Request
from bot.rules.table import APPLICATION_BASIS, EX_OFFICIO, RECORDATION, TIME_LIMITS, Route, TimeLimit


def computed_html(computed: Computed, lang: str, today: dt.date) -> Html:
    """The computed answer: the figure in bold first, then how it was reached and the article."""
    if computed.guarantees:
        lines = _guarantee_lines(computed.guarantees, lang)
        basis = _sep(lang).join(dict.fromkeys(g.basis.of(lang) for g in computed.guarantees))
    elif computed.tier is not None and computed.request.band is not None:
        lines = _band_lines(computed.request, computed.tier, lang)
        basis = _sep(lang).join(b.of(lang) for b in computed.band_bases())
    elif computed.deadlines:
        lines = _deadline_lines(computed.deadlines, computed.request, lang)
        basis = _sep(lang).join(dict.fromkeys(d.limit.basis.of(lang) for d in computed.deadlines))
    elif computed.periods:
        lines = _period_lines(computed.periods, lang)
        basis = _sep(lang).join(dict.fromkeys(limit.basis.of(lang) for limit in computed.periods))
    else:
        assert computed.term is not None
        lines = _term_lines(computed.term, computed.request, lang, today)
        basis = computed.term.basis.of(lang)
    return Html("\n".join([*lines, "", text("calc_basis", lang, basis=basis)]))


def clarify_html(request: Request, lang: str) -> Html:
    """What to ask for when the question's figure cannot be read; never an example's figure instead."""
    if request.missing is Missing.CURRENCY and request.amount is not None:
        return text("calc_need_currency", lang, amount=request.amount.text)
    if request.missing is Missing.LIMIT and request.date is not None:
        return text("calc_need_limit", lang, date=Html(date_long(request.date.value, lang)))
    if request.missing is Missing.AMOUNT:
        basis = _sep(lang).join(dict.fromkeys(b.of(lang) for b in (EX_OFFICIO.basis, APPLICATION_BASIS)))
        return Html(
            "\n\n".join(
                [text("calc_need_amount", lang), text("calc_rule_summary", lang), text("calc_basis", lang, basis=basis)]
            )
        )
    if request.missing is Missing.PERIOD and request.stated_days is not None:
        # The asker's period beside the rules' own, and no last day counted on either.
        return _periods_below(text("calc_period_differs", lang, days=request.stated_days), request.limits, lang)
    if request.kind is Kind.RECORDATION and request.right_expires is not None:
        right = Html(date_long(request.right_expires.value, lang))
        return Html("\n\n".join([text("calc_need_approval_right", lang, right=right),
                                  text("calc_basis", lang, basis=RECORDATION.basis.of(lang))]))
    if request.kind is Kind.RECORDATION:
        return Html("\n\n".join([text("calc_need_recordation_date", lang),
                                  text("calc_basis", lang, basis=RECORDATION.basis.of(lang))]))
    if request.kind is Kind.DEADLINE and request.limits:
        # The period is stated while the day it counts from is asked for: "3 working days" is known already.
        return _periods_below(text("calc_need_date", lang), request.limits, lang)
    return text("calc_need_date", lang)


def _periods_below(heading: str, limits: Sequence[str], lang: str) -> Html:
    """`heading`, then the working days each limit gives and their articles."""
    periods = [TIME_LIMITS[key] for key in limits]
    basis = _sep(lang).join(dict.fromkeys(limit.basis.of(lang) for limit in periods))
    lines = [heading, "", *_period_lines(periods, lang, with_note=False)]
    return Html("\n".join([*lines, "", text("calc_basis", lang, basis=basis)]))


def _sep(lang: str) -> str:
    """Between two articles: a Chinese semicolon in Chinese."""
    return "；" if lang == "zh" else "; "


def plain(html: str) -> str:
    """A message as plain text, for the command line."""
    return unescape(re.sub(r"</?(b|i|code)>", "", html))


def money(value: Decimal) -> str:
    """25,000 · 12,345.68 · 19,999.50: grouped, cents only when there are any, never an exponent."""
    cents = value.quantize(Decimal("0.01"))
    return f"{int(cents):,}" if cents == cents.to_integral_value() else f"{cents:,.2f}"


def _guarantee_lines(guarantees: Sequence[Guarantee], lang: str) -> list[str]:
    if len(guarantees) == 1:
        g = guarantees[0]
        return [
            text("calc_guarantee_title", lang, amount=money(g.amount)),
            _working(g, lang),
            text("calc_guarantee_note", lang),
        ]
    lines: list[str] = [text("calc_guarantee_both_title", lang, value=money(guarantees[0].value))]
    for g in guarantees:
        route = text(f"calc_route_{g.route.value}", lang)
        lines.append(text("calc_route_line", lang, route=route, amount=money(g.amount), working=_working(g, lang)))
    lines.append(text("calc_guarantee_note", lang))
    return lines


def _band_lines(request: Request, tier: str, lang: str) -> list[str]:
    """The guarantee for a value known only as a band: the ex officio tier the whole band falls in, and on the
    application route the value itself; the exact value is asked for unless the figure is fixed."""
    assert request.band is not None
    application = Route.APPLICATION in request.routes
    if tier == "fixed" and not application:
        lines: list[str] = [text("calc_guarantee_title", lang, amount=money(EX_OFFICIO.fixed))]
    else:
        lines = [text("calc_band_title", lang, band=_band(request.band, lang))]
    lines.append(text(f"calc_band_tier_{tier}", lang))
    if application:
        lines.append(text("calc_band_application", lang))
    if tier != "fixed" or application:
        lines.append(text("calc_band_exact", lang))
    lines.append(text("calc_guarantee_note", lang))
    return lines


def _band(band: Band, lang: str) -> Html:
    """"more than RMB 300,000" · "不足20,000元" · "RMB 20,000 to 200,000"."""
    if band.low is not None and band.high is not None:
        return text("calc_band_between", lang, low=money(band.low), high=money(band.high))
    if band.low is not None:
        return text("calc_band_above" if not band.low_included else "calc_band_from", lang, value=money(band.low))
    assert band.high is not None
    return text("calc_band_below" if not band.high_included else "calc_band_upto", lang, value=money(band.high))


def _working(g: Guarantee, lang: str) -> Html:
    half = money(g.value / 2) if g.route is Route.EX_OFFICIO else ""
    return text(f"calc_tier_{g.tier}", lang, value=money(g.value), amount=money(g.amount), half=half)


def _deadline_lines(deadlines: Sequence[Deadline], request: Request, lang: str) -> list[str]:
    assert request.date is not None
    event = Html(date_long(request.date.value, lang))
    if len(deadlines) == 1:
        d = deadlines[0]
        lines: list[str] = [
            text("calc_deadline_title", lang, due=Html(date_long(d.count.due, lang))),
            text(
                "calc_deadline_line",
                lang,
                limit=text(f"limit_{d.limit.key}", lang),
                days=d.limit.working_days,
                event=event,
            ),
        ]
    else:
        lines = [text("calc_deadline_both_title", lang, event=event)]
        lines += [
            text(
                "calc_deadline_route_line",
                lang,
                limit=text(f"limit_{d.limit.key}", lang),
                due=Html(date_long(d.count.due, lang)),
                days=d.limit.working_days,
            )
            for d in deadlines
        ]
    longest = max(deadlines, key=lambda d: d.count.due).count
    if longest.holidays:
        lines.append(text("calc_holidays_skipped", lang, days=Html(date_ranges(longest.holidays, lang))))
    if longest.adjusted:
        lines.append(text("calc_adjusted_counted", lang, days=Html(date_ranges(longest.adjusted, lang))))
    if longest.estimated:
        lines.append(text("calc_estimated", lang, years=", ".join(map(str, longest.estimated_years))))
    if request.date.year_inferred:
        lines.append(text("calc_year_inferred", lang, year=request.date.value.year))
    if any(d.limit.key == "notice_reply" for d in deadlines):
        lines.append(text("calc_deadline_note", lang))
    return lines


def _period_lines(periods: Sequence[TimeLimit], lang: str, *, with_note: bool = True) -> list[str]:
    """How many working days each limit gives; the last day needs the date it counts from, which was not given."""
    if len(periods) == 1:
        limit = periods[0]
        name = text(f"limit_{limit.key}", lang)
        lines: list[str] = [text("calc_period_title", lang, days=limit.working_days, limit=name)]
    else:
        lines = [text("calc_periods_title", lang)]
        lines += [
            text("calc_period_line", lang, limit=text(f"limit_{limit.key}", lang), days=limit.working_days)
            for limit in periods
        ]
    if with_note:
        lines.append(text("calc_period_note", lang))
    return lines


def _term_lines(term: Term, request: Request, lang: str, today: dt.date) -> list[str]:
    expires, opens = Html(date_long(term.expires, lang)), Html(date_long(term.renewal_opens, lang))
    lines: list[str]
    if term.ends_with_right:
        right = Html(date_long(term.ends, lang))
        lines = [text("calc_term_title_right", lang, ends=right),
                 text("calc_term_right_line", lang, approved=Html(date_long(term.approved, lang)), expires=expires,
                      right=right)]
    else:
        lines = [text("calc_term_title", lang, expires=expires)]
        if request.date_is_expiry:
            lines.append(text("calc_term_expiry_line", lang, expires=expires, opens=opens))
        else:
            approved = Html(date_long(term.approved, lang))
            lines.append(text("calc_term_line", lang, approved=approved, expires=expires, opens=opens))
    if term.ends < today:
        lines.append(text("calc_term_lapsed_right" if term.ends_with_right else "calc_term_lapsed", lang))
    elif term.renewal_opens <= today and not term.ends_with_right:
        lines.append(text("calc_term_open_now", lang))
    if request.date is not None and request.date.year_inferred:
        lines.append(text("calc_year_inferred", lang, year=request.date.value.year))
    if term.right_expires is None:
        lines.append(text("calc_term_note", lang))
    elif not term.ends_with_right:
        lines.append(text("calc_term_right_later", lang, right=Html(date_long(term.right_expires, lang))))
    return lines


def date_long(day: dt.date, lang: str) -> str:
    """Saturday 10 October 2026 · 2026年10月10日（星期六）"""
    return text(
        "date_long",
        lang,
        weekday=_name("weekdays", day.weekday(), lang),
        day=day.day,
        month=_name("months", day.month - 1, lang),
        year=day.year,
    )


def date_ranges(days: Sequence[dt.date], lang: str) -> str:
    """Consecutive days as one range: 1–7 October, 10 October."""
    runs: list[list[dt.date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][-1] == dt.timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        _short(run[0], lang)
        if len(run) == 1
        else text("range", lang, start=Html(_short(run[0], lang)), end=Html(_short(run[-1], lang)))
        for run in runs
    ]
    return text("list_sep", lang).join(parts)


def _short(day: dt.date, lang: str) -> str:
    return text("date_short", lang, day=day.day, month=_name("months", day.month - 1, lang))


def _name(key: str, index: int, lang: str) -> str:
    return text(key, lang).split()[index]
