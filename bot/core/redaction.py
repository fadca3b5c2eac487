"""An officer's answer made fit for the knowledge base: the details of one case taken out.

Removed: e-mail addresses, phone numbers, container and waybill numbers, recordation numbers, credit codes,
names of companies and of people (with a title or an introducing word: "Mr Wang", "张先生", "contact Li
Ming"), and amounts of money tied to the case. Kept: articles of law, working-day counts, dates, and the
amounts the rules themselves name (the Measures Art. 23 tiers, the general guarantee's minimum): an answer
that explains the rule still reads right.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from bot.rules.figures import read_figures
from bot.rules.table import EX_OFFICIO, GENERAL_GUARANTEE_MINIMUM

# Amounts the rules themselves name: explaining a rule with them is not a detail of one case.
RULE_AMOUNTS = frozenset(
    {EX_OFFICIO.low, EX_OFFICIO.high, EX_OFFICIO.floor, EX_OFFICIO.fixed, GENERAL_GUARANTEE_MINIMUM}
)

_COMPANY_EN = re.compile(
    r"\b(?:[A-Z][\w&'.-]*\s+){0,5}[A-Z][\w&'.-]*\s+(?:Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|Limited|Inc\.?|Corp\.?|"
    r"Corporation|Company|GmbH|LLC|PLC|S\.A\.|AG|Group|Trading|Imports?|Exports?|Industries|Holdings|Logistics|"
    r"Manufacturing)(?=\W|$)"
)
# A Chinese name runs back to the nearest word that cannot be part of one (的, 由, 请, 贵, ...): no spaces.
_COMPANY_ZH = re.compile(
    r"(?:(?![的由向请是在和与及该贵本我你其对从为将已被把给问询说称告知])[\u4e00-\u9fff（）()]){2,24}"
    r"(?:有限责任公司|股份有限公司|有限公司|集团|公司|商行|工厂)"
)
_TITLED_EN = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Officer|Inspector)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
_INTRODUCED_EN = re.compile(
    r"\b(?:[Cc]ontact|named|called|signed by|attention of|Attn:?|colleague)\s+"
    r"(?!Customs\b|GACC\b|Officer\b|The\b)(?P<d>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
# The commonest surnames (they cover most people); a name is removed only with a title or an introducing word.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_TITLED_ZH = re.compile(rf"[{_SURNAMES}][\u4e00-\u9fff]?(?:先生|女士|小姐|经理|总|科长|处长|主任|律师|老师)")
_INTRODUCED_ZH = re.compile(
    rf"(?:联系人|联系|经办人|申请人|收货人|发货人)[:：]?\s*(?P<d>[{_SURNAMES}][\u4e00-\u9fff]{{1,2}})"
)
# Numbers and addresses end where Latin letters and digits end: Python's \b also counts Chinese characters as
# word characters, so "集装箱TGHU1234567中" would have no edge (and an e-mail would swallow the sentence before it).
_START, _END = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?86[\s-]?)?(?:1[3-9]\d{9}|0\d{2,3}[\s-]?\d{7,8}|\d{3,4}[\s-]\d{3,4}[\s-]\d{4})(?![0-9A-Za-z])"
)
_CONTAINER = re.compile(rf"{_START}[A-Z]{{3}}[UJZ]\s?\d{{6}}\s?-?\d{_END}")
_WAYBILL = re.compile(
    r"(?:waybill|B/L|bill of lading|AWB|运单|提单)(?:\s*(?:no\.?|number|号))?[\s:：#]*(?P<d>[A-Z0-9][A-Z0-9-]{5,})",
    re.IGNORECASE,
)
_AIR_WAYBILL = re.compile(rf"{_START}\d{{3}}-\d{{8}}{_END}")
_RECORDATION = re.compile(rf"{_START}[TPCtpc]\s?\d{{4}}-\d{{3,7}}{_END}|备案号[:：]?\s*(?P<d>[A-Z0-9-]{{6,}})")
_CREDIT_CODE = re.compile(rf"{_START}[0-9A-HJ-NPQRTUWXY]{{2}}\d{{6}}[0-9A-HJ-NPQRTUWXY]{{10}}{_END}")


@dataclass(frozen=True)
class Redacted:
    """The text with the case's details replaced by labels, and what was taken out (as written)."""

    text: str
    removed: tuple[str, ...]


LABELS = {
    "email": {"en": "[e-mail]", "zh": "[邮箱]"},
    "phone": {"en": "[phone]", "zh": "[电话]"},
    "container": {"en": "[container no.]", "zh": "[集装箱号]"},
    "waybill": {"en": "[waybill no.]", "zh": "[运单号]"},
    "recordation": {"en": "[recordation no.]", "zh": "[备案号]"},
    "credit": {"en": "[credit code]", "zh": "[信用代码]"},
    "company": {"en": "[company]", "zh": "[企业]"},
    "person": {"en": "[name]", "zh": "[姓名]"},
    "amount": {"en": "[amount]", "zh": "[金额]"},
}
# In this order: e-mails before phones (digits inside an address), containers before waybills.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", _EMAIL),
    ("credit", _CREDIT_CODE),
    ("container", _CONTAINER),
    ("waybill", _WAYBILL),
    ("waybill", _AIR_WAYBILL),
    ("recordation", _RECORDATION),
    ("phone", _PHONE),
    ("company", _COMPANY_EN),
    ("company", _COMPANY_ZH),
    ("person", _TITLED_EN),
    ("person", _INTRODUCED_EN),
    ("person", _TITLED_ZH),
    ("person", _INTRODUCED_ZH),
)


def redact(text: str, lang: str) -> Redacted:
    """`text` with every detail of the one case replaced by a label in `lang`."""
    removed: list[str] = []
    for kind, pattern in PATTERNS:
        text = pattern.sub(_replacer(LABELS[kind][lang], removed), text)
    text = _redact_amounts(text, lang, removed)
    return Redacted(text, tuple(removed))


def _replacer(label: str, removed: list[str]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        part = "d" if match.groupdict().get("d") else 0  # a named part `d`: only it goes, its lead-in stays
        found = match.group(part)
        if found.startswith("["):
            return match.group(0)
        removed.append(found)
        start, end = match.start(part) - match.start(), match.end(part) - match.start()
        return match.group(0)[:start] + label + match.group(0)[end:]

    return replace


def _redact_amounts(text: str, lang: str, removed: list[str]) -> str:
    """Money the case is about; the rules' own thresholds stay."""
    for amount in read_figures(text, dt.date.today()).amounts:
        if _rule_amount(amount.value) or amount.text not in text:
            continue
        removed.append(amount.text)
        text = text.replace(amount.text, LABELS["amount"][lang], 1)
    return text


def _rule_amount(value: Decimal) -> bool:
    return value in RULE_AMOUNTS
