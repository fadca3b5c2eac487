"""Amounts of money and dates as people write them in a question, English or Chinese."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# A value beyond this is not the value of a shipment anyone asks about; it guards the arithmetic and the text.
MAX_AMOUNT = Decimal(10) ** 13


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str  # "RMB" unless the question named another currency ("USD", "EUR", ...)
    text: str  # as written


@dataclass(frozen=True)
class DateFigure:
    value: dt.date
    year_inferred: bool  # written without a year: the current year was taken
    text: str


@dataclass(frozen=True)
class Figures:
    """What a question states: amounts, dates, and pieces that looked like one but could not be read."""

    amounts: tuple[Amount, ...] = ()
    dates: tuple[DateFigure, ...] = ()
    unreadable: tuple[str, ...] = field(default=())
    ranges: tuple[str, ...] = ()  # "50-60k", "5、6万": a value not fixed, so no one figure can be computed
    bounds: tuple[str, ...] = ()  # amounts written as a bound ("over RMB 50,000", "5万多"), not as the value
    approximate: tuple[str, ...] = ()  # "十几万", "几十万", "几千": a value said roughly, never read as a figure


# Traditional characters and the financial numerals of invoices (壹万伍仟), written as the word lists read them.
SIMPLIFIED = str.maketrans(
    "擔貨職權請額關萬備續間據號證結戶費審決內條對應規實辦發現時間點國門壹貳貮贰參叁肆伍陸陆柒捌玖拾佰仟",
    "担货职权请额关万备续间据号证结户费审决内条对应规实办发现时间点国门一二二二三三四五六六七八九十百千",
)


def normalize(text: str) -> str:
    """The form every reader here works on: NFKC (full-width digits and punctuation) and simplified characters."""
    return unicodedata.normalize("NFKC", text).translate(SIMPLIFIED)


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
DATE_PATTERNS = (
    re.compile(r"(?<!\d)" + _YEAR + r"\s*[-/.]\s*(?P<month>\d{1,2})\s*[-/.]\s*(?P<day>\d{1,2})(?!\d)"),
    re.compile(_YEAR + r"\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]?"),
    re.compile(r"(?<![\d年])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]"),
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:\s*,?\s*" + _YEAR + r")?\b", re.IGNORECASE | re.ASCII),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:\s*,?\s*" + _YEAR + r")?\b", re.IGNORECASE | re.ASCII),
)
RELATIVE_DAYS = {"today": 0, "yesterday": -1, "the day before yesterday": -2, "今天": 0, "今日": 0, "昨天": -1,
                 "昨日": -1, "前天": -2, "大前天": -3}
WEEKDAYS = {
    name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RELATIVE = re.compile(
    r"\b(?:(?P<ago>\d{1,2}) days? ago|(?:(?P<last>last)|this) (?P<wd>monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|today|the day before yesterday|yesterday)\b"
    r"|(?P<cnago>\d{1,2})\s*天前|(?:(?P<cnlast2>上上)|(?P<cnlast>上)|本|这)(?:周|星期|礼拜)(?P<cnwd>[一二三四五六日天])"
    r"|今天|今日|昨天|昨日|大前天|前天",
    re.IGNORECASE,
)
AMBIGUOUS_DATE = re.compile(r"(?<![\d.])\d{1,2}[./]\d{1,2}[./]\d{4}(?![\d.])")
CHINESE_DATE = re.compile(
    r"(?P<month>[一二三四五六七八九十]{1,2})\s*月\s*(?P<day>[一二三四五六七八九十]{1,3})\s*[日号]"
)
YEAR_APART = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*年|(?!\d))")
CHINESE_YEAR = re.compile(r"([一二][〇零九][〇零一二三四五六七八九]{2})\s*年")
# A date said roughly or as one of two ("3月5日前后", "around March 5", "3月3日或4日", "on 3 or 4 March"): which day
# the count starts from is not known, so it is asked for, never guessed.
_ROUGH_DATE_BEFORE = re.compile(
    r"(?:\b(?:around|about|approximately|roughly|circa|or)|大约|大概|约|或者?)\s*$", re.IGNORECASE
)
_ROUGH_DATE_AFTER = re.compile(
    r"^\s*(?:前后|左右|上下|(?:或者?|到|至|~|-|or\b)\s*(?:\d|[一二三四五六七八九十]))", re.IGNORECASE
)
LAST_YEAR = re.compile(r"last year|去年", re.IGNORECASE)
# "50-60k", "30 to 40 thousand", "5、6万": a range, not one value.
RANGE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:k|千|万)?\s*(?:-|–|~|to|至|到)\s*\d+(?:[.,]\d+)?\s*(?:k|thousand|million|千|万|元)"
    r"|\d\s*[、,]\s*\d\s*万|[一二三四五六七八九]{2}万",
    re.IGNORECASE,
)
# "between 50000 and 60000 yuan": a range even when only its second number names the currency.
BETWEEN = re.compile(
    r"between\s*(?:rmb|cny|¥)?\s*\d[\d,.]*\s*(?:k|thousand|million|千|万)?\s*(?:yuan|rmb|元)?\s*and\s",
    re.IGNORECASE,
)
# An amount with another number after "to" or a dash is a range's start ("RMB 50,000 to 60,000", "两万到二十万").
RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|~|to\b|至|到)\s*(?:rmb|cny|¥)?\s*[\d一二两三四五六七八九十]", re.IGNORECASE)
# Words that make an amount a bound, not the value: over half the tiers, the guarantee is not known from a bound
# ("less than RMB 20,000" pays its own value; "over RMB 50,000" pays half of a value not given).
# Each by its direction: "under 2万" caps the value, "over 2万" floors it; "以上"/"以下" include it.
_BELOW = re.compile(
    r"(?:\b(?:less than|under|below|nearly|almost|close to)|不到|不足|低于|少于|小于|将近|接近|(?<![最附])近|"
    r"快|奔着|冲着)\s*$",
    re.IGNORECASE,
)
_UP_TO = re.compile(r"(?:\b(?:up to|not more than|no more than|not exceeding)|不超过|最多)\s*$", re.IGNORECASE)
_ABOVE = re.compile(
    r"(?:\b(?:over|above|more than|greater than|exceeding|in excess of|upwards of)|超过|超出|高于|大于|多于|逾)\s*$",
    re.IGNORECASE,
)
_AT_LEAST = re.compile(r"(?:\b(?:at least|not less than)|不少于|不低于|至少)\s*$", re.IGNORECASE)
_UP_TO_AFTER = re.compile(r"^\s*(?:or (?:less|below|under)\b|and (?:below|under)\b|以下|以内|之内)", re.IGNORECASE)
_AT_LEAST_AFTER = re.compile(r"^\s*(?:or (?:more|above|over)\b|and (?:above|over|up)\b|以上)", re.IGNORECASE)
_ABOVE_AFTER = re.compile(r"^\s*(?:\+|plus\b|odd\b|多(?!少)|余(?![额款])|出头|开外)", re.IGNORECASE)


def _either(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


# A value said roughly ("约5万", "5万左右", "around RMB 50,000", "小十万"): it may lie a tenth either side, so the
# tier's rule answers when that whole band is inside one tier, and the value is asked for when it crosses an edge
# ("2万左右" may pay 19,000 or 20,000); never an exact figure computed on a rough value.
_ROUGH = re.compile(
    r"(?:\b(?:about|around|roughly|approx\.?|approximately|some|circa|give or take)|(?:约|大约|大概|差不多|估计|预计)"
    r"(?:值|有个?|是|在|为)?|(?<![最大])小)\s*$",
    re.IGNORECASE,
)
_ROUGH_AFTER = re.compile(r"^\s*(?:左右|上下|-?ish\b|or so\b|give or take\b|来(?![自源]))", re.IGNORECASE)
ROUGH_SHARE = Decimal("0.1")
BOUND_BEFORE = _either(_BELOW, _UP_TO, _ABOVE, _AT_LEAST, _ROUGH)
BOUND_AFTER = _either(_UP_TO_AFTER, _AT_LEAST_AFTER, _ABOVE_AFTER, _ROUGH_AFTER)

_MULTIPLIERS = {
    "k": 1000,
    "thousand": 1000,
    "grand": 1000,
    "w": 10**4,
    "wan": 10**4,
    "千": 1000,
    "m": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "million": 10**6,
    "万": 10**4,
    "十万": 10**5,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
    "bn": 10**9,
    "billion": 10**9,
}
_CURRENCIES = {
    "rmb": "RMB",
    "cny": "RMB",
    "¥": "RMB",
    "yuan": "RMB",
    "元": "RMB",
    "块": "RMB",
    "人民币": "RMB",
    "rmb¥": "RMB",
    "$": "USD",
    "usd": "USD",
    "us$": "USD",
    "dollars": "USD",
    "美元": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "欧元": "EUR",
    "hk$": "HKD",
    "hkd": "HKD",
    "港币": "HKD",
    "港元": "HKD",
    "usdollars": "USD",
    "美金": "USD",
    "美刀": "USD",  # chat slang for dollars
    "刀": "USD",
    "台币": "TWD",
    "新台币": "TWD",
    "twd": "TWD",
    "澳门币": "MOP",
    "澳门元": "MOP",
    "葡币": "MOP",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "英镑": "GBP",
    "jpy": "JPY",
    "yen": "JPY",
    "日元": "JPY",
    "日币": "JPY",
    "韩元": "KRW",
    "krw": "KRW",
    "won": "KRW",
    "rupees": "INR",
    "rupee": "INR",
    "inr": "INR",
    "₹": "INR",
    "lakh": "INR",
    "crore": "INR",
    "卢比": "INR",
    "baht": "THB",
    "泰铢": "THB",
    "ringgit": "MYR",
    "rubles": "RUB",
    "roubles": "RUB",
    "卢布": "RUB",
    "aud": "AUD",
    "澳元": "AUD",
    "cad": "CAD",
    "加元": "CAD",
    "sgd": "SGD",
    "新币": "SGD",
    "chf": "CHF",
    "francs": "CHF",
    "pesos": "MXN",
    "dong": "VND",
    "越南盾": "VND",
}
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:\.\d+)?)(?![,.]\d)"
_PREFIX = r"(?P<pre>rmb\s*¥?|cny|us\$|hk\$|usd|hkd|eur|gbp|jpy|krw|inr|aud|cad|sgd|chf|¥|\$|€|£|₹|人民币)?\s*"
# "1.5w", "15W" (w for 万, as chat writes it) only glued to the number; "40 wan", "50 grand" with a space too.
_MULT = (
    r"(?:\s*(?P<mult>thousand|million|billion|grand|wan|mio|mn|bn|k|m|十万|百万|千万|万|千|亿)(?![a-z])"
    r"|(?P<w>w)(?![a-z]))?"
)
_SUFFIX = (
    r"(?:\s*(?P<post>澳门元|澳门币|新台币|台币|葡币|美刀|刀|元|块|人民币|美元|美金|欧元|港币|港元|英镑|日元|日币|韩元|twd|"
    r"yuan|rmb|cny|usd|us\s*dollars|dollars|"
    r"euros?|hkd|gbp|pounds?|jpy|yen|krw|won|rupees?|inr|lakhs?|crores?|卢比|baht|泰铢|ringgit|r[o]?ubles|卢布|aud|澳元|"
    r"cad|加元|sgd|新币|chf|francs|pesos|dong|越南盾)(?![a-z]))?"
)
# "2万5", "5万5千": the digit after 万 counts thousands, as people say it (25,000, 55,000), never a figure apart.
_TAIL = r"(?:(?<=万)(?P<tail>\d)(?:千)?(?![\d%]|[.,]\d|\s*(?:个|件|箱|天|日|年|月|周|条|批|次|份|台|双|万|k\b)))?"
ARABIC_AMOUNT = re.compile(r"(?<![A-Za-z0-9.,\-−])" + _PREFIX + _NUMBER + _MULT + _TAIL + _SUFFIX, re.IGNORECASE)
CHINESE_AMOUNT = re.compile(
    r"(?P<cn>[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*)\s*(?P<post>元|块)?"
)
# Words that make a bare number a value of goods ("goods worth 50000", "货值50000").
VALUE_WORDS = re.compile(
    r"(worth|valued?(?: at)?|value of|amount(?:ing)? to|price|货值|价值|值|价格|总价|金额)\s*[:：]?\s*$", re.IGNORECASE
)
# A number followed by these is a count of something else, never money.
NOT_MONEY_AFTER = re.compile(
    r"^\s*(%|percent|per ?cent|working|days?|years?|months?|weeks?|hours?|items?|pieces?|pcs|units?|figures?|digits?|"
    r"cartons?|boxes|containers?|个|件|天|日|年|月|周|条|箱|批|次|份|台|%)",
    re.IGNORECASE,
)

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}


# A value said roughly in Chinese: N十几 or N0几 (二十几万, 20几万: 200,000 to 300,000), 十几 or 十来 (十几万,
# 10来万: 100,000 to 200,000), 几十 (几十万: 200,000 to 1,000,000), 几 before 千 or 百 (几千: 2,000 to 10,000).
# Read as a band, and blanked out before amounts are read: "几十万" holds "十万" and "10来万" holds "10", neither of
# them the value. 几万 is left alone: it is said of 1万多 as well as of 9万, and those pay different tiers.
APPROXIMATE = re.compile(
    r"(?<![\d.])(?P<digit>[1-9])0[几来](?P<u0>万|千|百)"  # 10来万, 20几万: written with digits
    r"|(?P<tens>[二两三四五六七八九])十几(?P<u1>万|千)"
    r"|十[几来](?P<u2>万|千|百)"
    r"|几十(?P<u3>万|千)"
    r"|(?<![十万])几(?P<u4>千|百)(?!万)"
)
_UNITS = {**_CN_UNITS, "万": _CN_BIG["万"]}


def approximate_band(written: str) -> tuple[Decimal, Decimal]:
    """The values an APPROXIMATE match stands for, as [low, high)."""
    match = APPROXIMATE.fullmatch(written)
    assert match is not None, written
    if match["digit"] or match["tens"]:  # 20几万 or 二十几万: two tens and some
        unit = _UNITS[match["u0"] or match["u1"]]
        tens = int(match["digit"]) if match["digit"] else _CN_DIGITS[match["tens"]]
        return Decimal(tens * 10 * unit), Decimal((tens + 1) * 10 * unit)
    if match["u2"]:
        return Decimal(10 * _UNITS[match["u2"]]), Decimal(20 * _UNITS[match["u2"]])
    if match["u3"]:
        return Decimal(20 * _UNITS[match["u3"]]), Decimal(100 * _UNITS[match["u3"]])
    return Decimal(2 * _UNITS[match["u4"]]), Decimal(10 * _UNITS[match["u4"]])


def read_figures(question: str, today: dt.date) -> Figures:
    """The amounts and dates `question` states; `today` fixes the year of a date written without one and the
    meaning of "today" and "yesterday"."""
    text = normalize(question)
    dates, unreadable, text = _read_dates(text, today)
    approximate = tuple(m.group(0) for m in APPROXIMATE.finditer(text))
    text = APPROXIMATE.sub(lambda m: " " * len(m.group(0)), text)
    found = _amounts_at(text)
    ranges = [m.group(0) for m in (*RANGE.finditer(text), *BETWEEN.finditer(text))]
    ranges += [a.text for at, a in found if RANGE_AFTER.match(text[at + len(a.text) :])]
    bounds = tuple(a.text for at, a in found if _is_a_bound(text, at, a))
    return Figures(
        amounts=tuple(a for _, a in found),
        dates=tuple(dates),
        unreadable=tuple(unreadable),
        ranges=tuple(ranges),
        bounds=bounds,
        approximate=approximate,
    )


@dataclass(frozen=True)
class Band:
    """What a question says of a value it does not give: more than, less than, between (RMB). None: open."""

    low: Decimal | None = None
    high: Decimal | None = None
    low_included: bool = True
    high_included: bool = True


# "货值几百万", "worth several million": more than a million, whatever the exact figure; only when said of the
# value ("一年进口几百万" is a year's trade, not the shipment's value).
MILLIONS = re.compile(
    r"(?:货值|价值|值)\s*(?:是|为|有|约|大概|大约)?\s*(?:好几|几|数|上)(?:百万|千万|亿)"
    r"|\b(?:worth|valued at|value of|value is)\s+(?:about\s+)?(?:several million|millions)",
    re.IGNORECASE,
)
# A year's trade is no shipment's value: a band said of it is not read.
ANNUAL = re.compile(r"每年|一年|全年|年均|年进口|年出口|\b(?:per|a|each|every) year\b|\bannual|\byearly", re.IGNORECASE)


def value_band(question: str, figures: Figures) -> Band | None:
    """The band a value written as a range or a bound lies in ("between 20k and 200k", "不到2万", "over RMB
    300,000", "几百万"), when it is the only thing the question says of it; None otherwise."""
    text = normalize(question)
    amounts = [a for a in figures.amounts if a.currency == "RMB"]
    if len(amounts) != len(figures.amounts) or ANNUAL.search(text):
        return None
    if figures.ranges:
        values = sorted({a.value for a in amounts})
        return Band(values[0], values[1]) if len(values) == 2 else None
    if figures.approximate:
        if amounts or len(figures.approximate) != 1 or not _said_of_the_value(text, figures.approximate[0]):
            return None
        low, high = approximate_band(figures.approximate[0])
        return Band(low, high, high_included=False)
    if not amounts:
        return Band(Decimal(10**6), None) if MILLIONS.search(text) else None
    if len(amounts) != 1 or amounts[0].text not in figures.bounds:
        return None
    amount = amounts[0]
    at = text.find(amount.text)
    before, after = text[max(0, at - 24) : at], text[at + len(amount.text) :]
    if odd := _ODD_AFTER.match(after):
        if odd.group("unit"):  # 一百多万, 十多万: the unit comes after 多
            scale = _UNITS[odd.group("unit")]
            step = _CN_UNITS.get(amount.text[-1], 1)  # 一百多万: up to 二百万; 5多万 (digits): up to 6万
            return Band(amount.value * scale, (amount.value + step) * scale, high_included=False)
        if unit := _ODD_UNIT.search(amount.text):
            # 5万多, 一万多: five (one) 万 and some, below the next 万: "多" after a unit is no open bound.
            return Band(amount.value, amount.value + _UNITS[unit.group(0)], high_included=False)
    if _ROUGH.search(before) or _ROUGH_AFTER.match(after):
        spread = (amount.value * ROUGH_SHARE).to_integral_value()
        return Band(amount.value - spread, amount.value + spread)
    if _BELOW.search(before):
        return Band(None, amount.value, high_included=False)
    if _UP_TO.search(before) or _UP_TO_AFTER.match(after):
        return Band(None, amount.value)
    if _ABOVE.search(before) or _ABOVE_AFTER.match(after):
        return Band(amount.value, None, low_included=False)
    if _AT_LEAST.search(before) or _AT_LEAST_AFTER.match(after):
        return Band(amount.value, None)
    return None


# A whole number of a Chinese unit ("5万", "一万", "3千"), and "多" or "余" after it: that unit and some more.
_ODD_UNIT = re.compile(r"(?<=[\d一二两三四五六七八九十])[百千万]$")
_ODD_AFTER = re.compile(r"^\s*(?:多(?!少)|余(?![额款])|来(?![自源]))(?P<unit>[万千])?")
# Words before a rough value that make it the goods' value ("货值十几万", "才值几千块").
_VALUE_BEFORE = re.compile(r"(?:货值|价值|值|价格|总价|worth)\s*(?:是|为|有|约|大概|大约|才|只有|就|也就)?\s*$")


def _said_of_the_value(text: str, written: str) -> bool:
    at = text.find(written)
    return at >= 0 and bool(_VALUE_BEFORE.search(text[max(0, at - 12) : at]))


def _is_a_bound(text: str, at: int, amount: Amount) -> bool:
    """ "over RMB 50,000", "5万多", "不到2万", "50k+": the amount limits the value, it is not the value."""
    return bool(BOUND_BEFORE.search(text[max(0, at - 24) : at]) or BOUND_AFTER.match(text[at + len(amount.text) :]))


def _read_dates(text: str, today: dt.date) -> tuple[list[DateFigure], list[str], str]:
    """Every date in `text`, and the text with each one blanked out so its digits are not read as money."""
    found: list[tuple[int, DateFigure]] = []
    unreadable: list[str] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            written = match.group(0)
            value = _date_of(match, today)
            if value is None or _rough_date(text, match):
                unreadable.append(written.strip())
            else:
                found.append((match.start(), value))
            text = text[: match.start()] + " " * len(written) + text[match.end() :]
    for match in AMBIGUOUS_DATE.finditer(text):  # 1.10.2026, 10/03/2019: day or month first? ask, never guess
        unreadable.append(match.group(0))
        text = text[: match.start()] + " " * len(match.group(0)) + text[match.end() :]
    for match in CHINESE_DATE.finditer(text):
        value = _chinese_date(match, today)
        if value is None or _rough_date(text, match):
            unreadable.append(match.group(0))
        else:
            found.append((match.start(), value))
        text = text[: match.start()] + " " * len(match.group(0)) + text[match.end() :]
    for match in _RELATIVE.finditer(text):
        found.append((match.start(), _relative(match, today)))
    found = [(at, _with_year_written_apart(figure, text, today)) for at, figure in found]
    return [figure for _, figure in sorted(found, key=lambda pair: pair[0])], unreadable, text


def _rough_date(text: str, match: re.Match[str]) -> bool:
    return bool(_ROUGH_DATE_BEFORE.search(text[max(0, match.start() - 16) : match.start()])
                or _ROUGH_DATE_AFTER.match(text[match.end() :]))


def _chinese_date(match: re.Match[str], today: dt.date) -> DateFigure | None:
    month, day = chinese_number(match.group("month")), chinese_number(match.group("day"))
    if not month or not day:
        return None
    try:
        return DateFigure(dt.date(today.year, month, day), True, match.group(0))
    except ValueError:
        return None


def _relative(match: re.Match[str], today: dt.date) -> DateFigure:
    """today / yesterday / 前天 / 3 days ago / 3天前 / last Friday / 上周五 / this Monday / 本周一."""
    word = match.group(0)
    if match.group("ago"):
        return DateFigure(today - dt.timedelta(days=int(match.group("ago"))), False, word)
    if match.group("cnago"):
        return DateFigure(today - dt.timedelta(days=int(match.group("cnago"))), False, word)
    weekday = match.group("wd") or match.group("cnwd")
    if weekday:
        index = WEEKDAYS.get(weekday.lower(), WEEKDAYS_ZH.get(weekday[-1], 0))
        if match.group("last"):  # "last Friday": the most recent Friday before today
            back = (today.weekday() - index) % 7 or 7
            return DateFigure(today - dt.timedelta(days=back), False, word)
        monday = today - dt.timedelta(days=today.weekday())  # 本周 / 上周: weeks run Monday to Sunday
        back = 14 if match.group("cnlast2") else 7 if match.group("cnlast") else 0
        return DateFigure(monday + dt.timedelta(days=index - back), False, word)
    return DateFigure(today + dt.timedelta(days=RELATIVE_DAYS[word.lower()]), False, word)


def _with_year_written_apart(figure: DateFigure, text: str, today: dt.date) -> DateFigure:
    """ "in 2025, on Oct 5", "2025年中秋节前一天（10月5日）", "去年12月30日": the year the question names elsewhere."""
    if not figure.year_inferred:
        return figure
    years = {int(y) for y in YEAR_APART.findall(text)}
    years |= {int("".join(str(_CN_DIGITS[c]) for c in y)) for y in CHINESE_YEAR.findall(text)}
    if LAST_YEAR.search(text):
        years.add(today.year - 1)
    if len(years) != 1:
        return figure
    try:
        return DateFigure(figure.value.replace(year=years.pop()), False, figure.text)
    except ValueError:  # 29 February in a year that has none
        return figure


def _date_of(match: re.Match[str], today: dt.date) -> DateFigure | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
    year_text = match.groupdict().get("year")
    try:
        value = dt.date(int(year_text) if year_text else today.year, month, int(match.group("day")))
    except ValueError:
        return None
    return DateFigure(value, year_text is None, match.group(0).strip())


def _read_amounts(text: str) -> list[Amount]:
    return [amount for _, amount in _amounts_at(text)]


def _amounts_at(text: str) -> list[tuple[int, Amount]]:
    """Every amount in `text` with where its written text starts, in the order written."""
    amounts: list[tuple[int, Amount]] = []
    for match in ARABIC_AMOUNT.finditer(text):
        amount = _arabic(match, text)
        if amount is not None:
            amounts.append((_start(match), amount))
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    for match in CHINESE_AMOUNT.finditer(text):
        amount = _chinese(match, text)
        if amount is not None:
            amounts.append((_start(match), amount))
    return sorted(amounts, key=lambda pair: pair[0])


def _start(match: re.Match[str]) -> int:
    """Where the match's text begins once its leading spaces are stripped, as `Amount.text` is."""
    written = match.group(0)
    return match.start() + len(written) - len(written.lstrip())


def _arabic(match: re.Match[str], text: str) -> Amount | None:
    pre, post, mult = match.group("pre"), match.group("post"), match.group("mult") or match.group("w")
    if NOT_MONEY_AFTER.match(text[match.end() :]) and not (post or mult):
        return None
    valued = bool(VALUE_WORDS.search(text[: match.start()]))
    if mult and mult.lower() == "m" and not (pre or post or valued):
        return None  # "5m" alone may be metres
    if not (pre or post or mult or valued):
        return None
    if re.fullmatch(r"\d{1,3}\.\d{3}", match.group("num")) and not mult:
        return None  # "50.000": fifty thousand written the European way, or fifty? Asked, never guessed
    try:
        value = Decimal(re.sub(r"[,\s]", "", match.group("num")))
    except InvalidOperation:
        return None
    if mult:
        value *= _MULTIPLIERS[mult.lower()]
    if match.group("tail"):
        value += int(match.group("tail")) * 1000
    currency = _currency(pre) or _currency(post) or "RMB"
    return _bounded(value, currency, match.group(0).strip())


def _chinese(match: re.Match[str], text: str) -> Amount | None:
    digits, post = match.group("cn"), match.group("post")
    value = chinese_number(digits)
    if value is None or value == 0:
        return None
    big = "万" in digits or "亿" in digits
    if not (post or big or VALUE_WORDS.search(text[: match.start()])):
        return None
    if not (post or big) and (value < 100 or NOT_MONEY_AFTER.match(text[match.end() :])):
        return None  # "值三天" is not money: a bare small numeral is a count
    return _bounded(Decimal(value), "RMB", match.group(0).strip())


def _bounded(value: Decimal, currency: str, written: str) -> Amount | None:
    if not 0 < value < MAX_AMOUNT:
        return None
    return Amount(value.normalize() if value % 1 else value.quantize(Decimal(1)), currency, written)


def _currency(word: str | None) -> str | None:
    if not word:
        return None
    key = re.sub(r"\s+", "", word.lower()).rstrip("¥") or "¥"
    return _CURRENCIES.get(key) or _CURRENCIES.get(key.removesuffix("s")) or _CURRENCIES.get(word.strip().lower())


def chinese_number(digits: str) -> int | None:
    """三十万 -> 300000, 一百二十万 -> 1200000, 两千五百 -> 2500, 一千零一 -> 1001, and as people say them,
    一万二 -> 12000, 三千五 -> 3500; None when it is no number."""
    total, section, number = 0, 0, None
    last_unit = 1  # the place of the last unit seen: a digit after it without one of its own is a place lower
    after_zero = False  # a 零 since that unit: the next digit is in the ones place ("一千零一")
    for char in digits:
        if char in "零〇":
            if number is not None:  # "二〇二六" reads digit by digit: a year, not an amount
                return None
            after_zero = True
        elif char in _CN_DIGITS:
            if number is not None:  # "一二" digit after digit: not a written number
                return None
            number = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            section += (1 if number is None else number) * _CN_UNITS[char]
            number, last_unit, after_zero = None, _CN_UNITS[char], False
        elif char in _CN_BIG:
            big = _CN_BIG[char]
            section += number or 0
            total = (total + (section or 1)) * big if char == "亿" else total + (section or 1) * big
            section, number, last_unit, after_zero = 0, None, big, False
        else:
            return None
    if number is not None and not after_zero and last_unit >= 10:
        number *= last_unit // 10
    return total + section + (number or 0)


WEEKDAY_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(周|星期|礼拜)[一二三四五六日天]", re.IGNORECASE
)


def example_values(text: str) -> set[Decimal]:
    """The values of goods a text works an example for ("goods worth RMB 100,000", "货值10万元")."""
    normal = unicodedata.normalize("NFKC", text)
    return {
        a.value
        for a in _read_amounts(normal)
        if VALUE_WORDS.search(normal[: max(normal.find(a.text), 0)]) and a.currency == "RMB"
    }


def works_a_figure(text: str, today: dt.date) -> bool:
    """Whether a text states a date or works an amount of goods: shown before a request for the asker's own
    figure, it could be read as theirs."""
    return bool(example_values(text)) or bool(read_figures(text, today).dates)


def works_other_figure(question: Figures, entry_title: str, entry_text: str) -> bool:
    """Whether an entry's worked example is for another figure than the question's: then it is not the
    answer (RMB 50,000 of goods must never get the example for RMB 100,000)."""
    asked = {a.value for a in question.amounts if a.currency == "RMB"}
    if example_values(entry_title):
        # An entry for one value ("goods worth RMB 15,000") answers no question that reaches the engine: one
        # with that value and a guarantee in it is computed, and any other asks something else (a fine, ...).
        return True
    if asked:
        examples = example_values(entry_text)
        if examples and not asked & examples:
            return True
    # An entry that counts from a weekday ("a notice served on a Friday") is an example for that day only.
    return bool(question.dates) and bool(WEEKDAY_WORDS.search(entry_text))
