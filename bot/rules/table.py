"""One table of the rules that can be computed, each with the article it rests on.

Every figure here was checked against ../shared/ipr-facts.md (G-02..G-06, G-11, R-16, R-20, R-22, R-26, D-10,
D-13, D-17 and the time-limit table of §6) and, where the text is at hand, the Regulations in ../shared/law/.
tests/rules/test_table.py holds the knowledge base's sections that state these rules to this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Route(StrEnum):
    """How goods came to be detained: customs found them (recorded rights) or the holder asked for a shipment."""

    EX_OFFICIO = "ex_officio"
    APPLICATION = "application"


@dataclass(frozen=True)
class Basis:
    """An article, as cited to the user in each language."""

    en: str
    zh: str

    def of(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class ExOfficioGuarantee:
    """Measures Art. 23, the ex officio guarantee in three tiers: goods worth below `low` pay their value;
    from `low` up to and including `high`, `share` of the value but at least `floor`; above `high`, `fixed`."""

    low: Decimal = Decimal(20000)
    high: Decimal = Decimal(200000)
    share: Decimal = Decimal("0.5")
    floor: Decimal = Decimal(20000)
    fixed: Decimal = Decimal(100000)
    basis: Basis = Basis("Measures Art. 23", "《知识产权海关保护条例》实施办法第二十三条")


@dataclass(frozen=True)
class TimeLimit:
    """A period of working days counted from an event (the event's day not counted)."""

    key: str
    working_days: int
    basis: Basis
    route: Route | None = None  # the route it belongs to, when it differs between the routes


EX_OFFICIO = ExOfficioGuarantee()
# The application route: a guarantee equal to the value (the Regulations say "not exceeding" it; the Measures
# fix it at the value).
APPLICATION_BASIS = Basis("Regulations Art. 14; Measures Art. 15", "《知识产权海关保护条例》第十四条；实施办法第十五条")
# GACC Announcement 2006 No. 31: recorded trademarks, ex officio requests, at least RMB 200,000 a year.
GENERAL_GUARANTEE_MINIMUM = Decimal(200000)
GENERAL_GUARANTEE_BASIS = Basis("GACC Announcement 2006 No. 31", "海关总署公告2006年第31号")

TIME_LIMITS: dict[str, TimeLimit] = {
    limit.key: limit
    for limit in (
        TimeLimit(
            "notice_reply",
            3,
            Basis("Regulations Art. 16; Measures Art. 22", "《知识产权海关保护条例》第十六条；实施办法第二十二条"),
            route=Route.EX_OFFICIO,
        ),
        TimeLimit(
            "investigation",
            30,
            Basis("Regulations Art. 20", "《知识产权海关保护条例》第二十条"),
            route=Route.EX_OFFICIO,
        ),
        TimeLimit(
            "court_application",
            20,
            Basis("Regulations Art. 24(1)", "《知识产权海关保护条例》第二十四条第（一）项"),
            route=Route.APPLICATION,
        ),
        TimeLimit(
            "court_ex_officio",
            50,
            Basis("Regulations Art. 24(2)", "《知识产权海关保护条例》第二十四条第（二）项"),
            route=Route.EX_OFFICIO,
        ),
        TimeLimit("recordation_decision", 30, Basis("Regulations Art. 8", "《知识产权海关保护条例》第八条")),
        TimeLimit("change_report", 30, Basis("Regulations Art. 11", "《知识产权海关保护条例》第十一条")),
    )
}


@dataclass(frozen=True)
class RecordationTerm:
    """Regulations Art. 10: valid 10 years from approval; renewal within the last 6 months; each renewal 10 years."""

    years: int = 10
    renewal_window_months: int = 6
    renewal_years: int = 10
    basis: Basis = Basis("Regulations Art. 10", "《知识产权海关保护条例》第十条")


RECORDATION = RecordationTerm()
