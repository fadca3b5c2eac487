"""A guarantee for goods whose value is given only as a range or a bound: the rule of the one tier the whole band
falls in (above RMB 200,000: its figure), never a figure worked on the bound as if it were the value."""

from __future__ import annotations

import datetime as dt

from bot.core.computed import computed_html, plain
from bot.rules.calculator import Calculator, Computed

TODAY = dt.date(2026, 11, 29)


def computed(question: str) -> Computed:
    calculator = Calculator(today=lambda: TODAY)
    request = calculator.read(question)
    assert request is not None
    result = calculator.compute(request)
    assert result is not None
    return result


def test_above_the_top_tier_the_ex_officio_figure_is_given_whatever_the_value() -> None:
    result = computed("Customs found fakes of our mark, goods worth over RMB 300,000. How much guarantee?")
    html = computed_html(result, "en", TODAY)

    assert html.startswith("<b>Guarantee: RMB 100,000</b>")
    assert "more than RMB 200,000" in html and "Measures Art. 23" in html
    assert "tell me the value" not in plain(html)
    assert result.as_json()["result"] == {"ex_officio": {"amount": "100000", "tier": "fixed"}}


def test_below_the_low_tier_the_rule_is_given_and_the_exact_value_asked_for_in_chinese() -> None:
    result = computed("货值不到两万的，依职权担保交多少")
    text = plain(computed_html(result, "zh", TODAY))

    assert "货值不足20,000元的担保金额" in text
    assert "相当于货物价值" in text and "请告诉我货值" in text
    assert "20,000元。" not in text  # no figure stated as if the bound were the value
    assert result.as_json()["inputs"]["value_below"] == "20000"


def test_a_band_inside_the_middle_tier_gives_half_with_its_floor_and_both_routes_when_not_named() -> None:
    result = computed("value between 20k and 200k RMB, what is the guarantee?")
    text = plain(computed_html(result, "en", TODAY))

    assert "Guarantee for goods worth RMB 20,000 to 200,000" in text
    assert "50% of the value of the goods, at least RMB 20,000" in text
    assert "Application route: equal to the value of the goods" in text
    assert "Regulations Art. 14" in text
    assert result.as_json()["result"]["application"] == {"amount": None, "tier": "equal_value"}


def test_a_band_up_to_and_including_the_low_edge_pays_the_value_and_says_why_in_chinese() -> None:
    result = computed("依职权扣的货，货值很小的，两万以下那种，担保怎么交？")
    text = plain(computed_html(result, "zh", TODAY))

    assert "货值不超过20,000元的担保金额" in text
    assert "相当于货物价值" in text and "恰为2万元" in text and "请告诉我货值" in text
    assert result.as_json()["inputs"]["value_below"] == "20000"
