"""Amounts and dates as people write them, in English and Chinese (bot.rules.figures)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.rules.figures import Figures, chinese_number, read_figures

TODAY = dt.date(2026, 11, 29)


def amounts(question: str) -> list[tuple[Decimal, str]]:
    return [(a.value, a.currency) for a in read_figures(question, TODAY).amounts]


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("Goods worth RMB 50,000 were detained, how much guarantee?", 50_000),
        ("The shipment is 50,000 yuan", 50_000),
        ("goods worth 50k", 50_000),
        ("50k yuan of goods", 50_000),
        ("货值5万，担保多少？", 50_000),
        ("这批货5万元", 50_000),
        ("货值1.2万", 12_000),
        ("货值三十万", 300_000),
        ("这批货五万元", 50_000),
        ("goods worth 5 million", 5_000_000),
        ("goods worth RMB 1.2 million", 1_200_000),
        ("¥80,000 of handbags", 80_000),
        ("CNY 30000 in total", 30_000),
        ("货值一百二十万", 1_200_000),
        ("货值两万", 20_000),
        ("货值1.5万元", 15_000),
        ("两万五千元的货", 25_000),
        ("goods valued at 30000", 30_000),
        ("worth 50000", 50_000),
        ("价值5000", 5_000),
        ("RMB 19,999", 19_999),
        ("19999元", 19_999),
        ("goods worth RMB 200,001", 200_001),
        ("1,000,000 yuan", 1_000_000),
        ("人民币5万元", 50_000),
        ("ＲＭＢ　５０，０００", 50_000),  # full-width, as Chinese keyboards type it
        # The digit after 万 counts thousands, as people say it; read apart, 2万5 was RMB 20,000 (and a 5).
        ("货值2万5", 25_000),
        ("货值3万8，依职权", 38_000),
        ("货值5万5千元", 55_000),
        ("Our goods, about 2万5 in value", 25_000),
    ],
)
def test_every_written_form_of_an_rmb_amount_is_read(question: str, value: int) -> None:
    assert amounts(question) == [(Decimal(value), "RMB")]


def test_the_amount_keeps_the_text_as_written() -> None:
    (amount,) = read_figures("货值1.2万，担保多少", TODAY).amounts
    assert amount.text == "1.2万"


@pytest.mark.parametrize(
    "question",
    [
        "We have 3 working days to reply",
        "see Art. 23 of the Measures",
        "the guarantee is 50% of the value",
        "the recordation is valid for 10 years",
        "依据实施办法第二十三条",
        "3个工作日内答复",
        "within 30 working days",
        "50个工作日",
        "valid 10 years, renewal in the last 6 months",
        "we shipped 100 pieces",
        "我们有20箱货",
    ],
)
def test_numbers_that_are_not_money_are_not_amounts(question: str) -> None:
    assert read_figures(question, TODAY).amounts == ()


@pytest.mark.parametrize(
    ("question", "value", "currency"),
    [
        ("goods worth USD 10,000", 10_000, "USD"),
        ("goods worth $10,000", 10_000, "USD"),
        ("US$10,000 of goods", 10_000, "USD"),
        ("goods worth 20k USD", 20_000, "USD"),
        ("货值1万美元", 10_000, "USD"),
        ("worth 5000 euros", 5_000, "EUR"),
        ("EUR 5,000", 5_000, "EUR"),
        ("goods worth 50,000 HKD", 50_000, "HKD"),
        ("货值5万港币", 50_000, "HKD"),
    ],
)
def test_a_foreign_currency_is_marked(question: str, value: int, currency: str) -> None:
    assert amounts(question) == [(Decimal(value), currency)]


@pytest.mark.parametrize(
    "question",
    [
        "goods worth 10,000 US dollars",
        "货值2万美金",
        "goods worth 5,000 GBP",
        "goods worth 5,000 pounds",
        "货值5万日元",
        "货值5万英镑",
        "goods worth 1 million yen",
    ],
)
def test_an_amount_in_another_currency_is_never_taken_for_rmb(question: str) -> None:
    # Whatever the reader makes of it, a value written in dollars, pounds or yen must not become yuan.
    assert all(currency != "RMB" for _, currency in amounts(question))


@pytest.mark.parametrize(
    ("question", "day", "inferred"),
    [
        ("the notice was served on 30 September 2026", dt.date(2026, 9, 30), False),
        ("served 2026-09-30", dt.date(2026, 9, 30), False),
        ("served 2026/9/30", dt.date(2026, 9, 30), False),
        ("served Sept 30, 2026", dt.date(2026, 9, 30), False),
        ("served September 30th, 2026", dt.date(2026, 9, 30), False),
        ("served on the 30th of September 2026", dt.date(2026, 9, 30), False),
        ("2026年9月30日送达", dt.date(2026, 9, 30), False),
        ("9月30日送达", dt.date(2026, 9, 30), True),
        ("9月30号收到通知", dt.date(2026, 9, 30), True),
        ("served on 30 September", dt.date(2026, 9, 30), True),
        ("served on Oct 1", dt.date(2026, 10, 1), True),
        ("we got it today", TODAY, False),
        ("we got it yesterday", dt.date(2026, 11, 28), False),
        ("今天收到的", TODAY, False),
        ("昨天收到的通知", dt.date(2026, 11, 28), False),
        ("前天收到的通知", dt.date(2026, 11, 27), False),
    ],
)
def test_every_written_form_of_a_date_is_read(question: str, day: dt.date, inferred: bool) -> None:
    figures = read_figures(question, TODAY)
    assert [(d.value, d.year_inferred) for d in figures.dates] == [(day, inferred)]
    assert figures.unreadable == ()


def test_a_date_without_a_year_takes_the_year_of_today() -> None:
    (date,) = read_figures("9月30日送达", dt.date(2027, 1, 3)).dates
    assert date.value == dt.date(2027, 9, 30)
    assert date.year_inferred


def test_the_digits_of_a_date_are_not_read_as_money() -> None:
    figures = read_figures("goods worth RMB 50,000 were detained on 2026-09-30", TODAY)
    assert [(a.value, a.currency) for a in figures.amounts] == [(Decimal(50_000), "RMB")]
    assert [d.value for d in figures.dates] == [dt.date(2026, 9, 30)]


@pytest.mark.parametrize(
    "question", ["served on 2026-02-30", "2026年2月30日送达", "2月30日送达", "served 31 April 2026"]
)
def test_an_impossible_date_is_unreadable_not_a_date(question: str) -> None:
    figures = read_figures(question, TODAY)
    assert figures.dates == ()
    assert len(figures.unreadable) == 1


@pytest.mark.parametrize(
    ("digits", "number"),
    [
        ("五", 5),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("一百", 100),
        ("两千五百", 2_500),
        ("九千九百九十九", 9_999),
        ("万", 10_000),
        ("两万", 20_000),
        ("三十万", 300_000),
        ("一百二十万", 1_200_000),
        ("一亿", 100_000_000),
        ("一亿五千万", 150_000_000),
        ("零", 0),
        # 零 holds an empty place: 一千零一 is 1,001.
        ("一千零一", 1_001),
        ("十万零五百", 100_500),
        ("二十万零一", 200_001),
        # A trailing digit after 万 or 千 is the next place, as people say it: 一万二 is 12,000.
        ("一万二", 12_000),
        ("两万五", 25_000),
        ("三千五", 3_500),
    ],
)
def test_chinese_number_reads_written_numbers(digits: str, number: int) -> None:
    assert chinese_number(digits) == number


@pytest.mark.parametrize("digits", ["一二", "abc", "三x"])
def test_chinese_number_refuses_what_is_no_number(digits: str) -> None:
    assert chinese_number(digits) is None


@pytest.mark.parametrize(
    ("question", "value"),
    [("货值一万二", 12_000), ("货值两万五", 25_000), ("三千五元的货", 3_500), ("worth 一万五", 15_000)],
)
def test_a_colloquial_chinese_amount_is_read_as_people_mean_it(question: str, value: int) -> None:
    assert amounts(question) == [(Decimal(value), "RMB")]


@given(st.text(max_size=200))
@example("1 aprıl 2026")  # a dotless ı matches "i" when case is ignored
@example("served on aprıl 5")
@example("9" * 400 + "万元")
@example("2026-13-45 and 0000-01-01 and 9999年99月99日")
def test_read_figures_never_raises_on_any_text(text: str) -> None:
    assert isinstance(read_figures(text, TODAY), Figures)


@given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿元块worthRMB¥,.0123456789 年月日", max_size=40))
def test_read_figures_never_raises_on_text_made_of_number_characters(text: str) -> None:
    figures = read_figures(text, TODAY)
    assert all(a.value > 0 for a in figures.amounts)


@pytest.mark.parametrize(
    ("question", "day"),
    [
        # TODAY is Sunday 29 November 2026.
        ("大前天收到的通知", dt.date(2026, 11, 26)),  # not 前天
        ("we got it the day before yesterday", dt.date(2026, 11, 27)),  # not yesterday
        ("上上周五收到海关通知", dt.date(2026, 11, 13)),  # not 上周五 (20 November)
        ("海关通知二〇二五年三月五日送达", dt.date(2025, 3, 5)),  # a year in Chinese numerals
    ],
)
def test_relative_days_and_chinese_numeral_years(question: str, day: dt.date) -> None:
    assert [d.value for d in read_figures(question, TODAY).dates] == [day]


@pytest.mark.parametrize(
    "question",
    [
        "海关通知3月5日前后送达，最后哪天回复？",
        "Customs notice served around March 5, last day to reply?",
        "海关通知3月3日或4日收到，几号前回复",
        "notice served on 3 or 4 March, last day?",
        "served 5 March or 6 March?",
        "3月3日到4日之间收到通知，哪天截止",
    ],
)
def test_a_date_said_roughly_or_as_one_of_two_is_not_read_as_a_day(question: str) -> None:
    figures = read_figures(question, TODAY)
    assert figures.dates == () and figures.unreadable


@pytest.mark.parametrize("question", ["served on 5 March - the deadline?", "货是3月1日到港的", "海关3月5日到货场查验"])
def test_a_date_followed_by_other_words_is_still_read(question: str) -> None:
    assert len(read_figures(question, TODAY).dates) == 1


@pytest.mark.parametrize(
    ("question", "currency"),
    [("货值1万刀", "USD"), ("货值1万美刀", "USD"), ("货值1万台币", "TWD"), ("货值10万澳门元", "MOP")],
)
def test_chat_and_regional_currency_words_are_not_read_as_rmb(question: str, currency: str) -> None:
    assert amounts(question) == [(Decimal(10**4 if "1万" in question else 10**5), currency)]
