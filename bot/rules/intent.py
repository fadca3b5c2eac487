"""What a question asks to compute, read from its words: a guarantee, a time limit's last day, a recordation term.

Plain word lists, English and Chinese, no model: a question either clearly asks a computable thing with its
figures, asks it without a readable figure (then the desk asks for the figure), or is left to the knowledge base.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol, TypeVar

from bot.rules.compute import band_tier
from bot.rules.figures import (
    MILLIONS,
    VALUE_WORDS,
    Amount,
    Band,
    DateFigure,
    Figures,
    chinese_number,
    normalize,
    read_figures,
    value_band,
)
from bot.rules.table import TIME_LIMITS, Route


class Kind(StrEnum):
    GUARANTEE = "guarantee"
    DEADLINE = "deadline"
    RECORDATION = "recordation"
    PERIOD = "period"  # how many working days a time limit gives, no date to count from


class Missing(StrEnum):
    """What the question lacks for a computation; the desk asks for it rather than guess."""

    AMOUNT = "amount"
    CURRENCY = "currency"
    DATE = "date"
    LIMIT = "limit"
    PERIOD = "period"  # the words state a period the rules do not give for the limit named ("10 working days")


@dataclass(frozen=True)
class Request:
    """A computation the question asks for, with its inputs; `missing` says what could not be read."""

    kind: Kind
    routes: tuple[Route, ...] = ()  # guarantee: one route, or both side by side when the words do not say
    limits: tuple[str, ...] = ()  # deadline and period: keys of TIME_LIMITS
    amount: Amount | None = None
    date: DateFigure | None = None
    date_is_expiry: bool = False  # recordation: the date given is the expiry, not the approval
    right_expires: DateFigure | None = None  # recordation: the right's own end, named beside it
    band: Band | None = None  # guarantee: the value is known only as a range or a bound
    stated_days: int | None = None  # deadline and period: working days the words state, when the rules differ
    missing: Missing | None = None


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


GUARANTEE = _words(
    r"guarantee",
    r"\bbonds?\b",
    r"\bsecurity\b",
    r"\bdeposit",
    r"collateral",
    r"surety",
    r"担保",
    r"保证金",
    r"押金",
    r"保函",
    r"\bput up\b",
    r"\blodge\b",
)
GENERAL_GUARANTEE = _words(r"general guarantee", r"总担保", r"annual (bond|guarantee)", r"blanket (bond|guarantee)",
                           r"yearly (bond|guarantee)", r"(bond|guarantee) (for|that covers) the (whole )?year",
                           r"一年交一次", r"一年一交", r"一年一次", r"总的担保", r"年度担保")
# A guarantee question that asks the rule, a bound or a share rather than one's own figure ("what's the cap on
# the ex officio bond?", "按什么标准交？", "最低交多少？"): the entry stating the tiers answers it.
GUARANTEE_RULE = _words(r"\brules?\b", r"规则", r"标准", r"按什么", r"分档", r"\btiers?\b", r"封顶", r"上限", r"最多",
                        r"最高", r"最低", r"最少", r"\bat most\b", r"\bmaximum\b", r"\bmax\b", r"\bcap(ped)?\b",
                        r"\bminimum\b", r"\bwhat (%|percent|share)", r"比例", r"百分之")
HOW_MUCH = _words(
    r"how much",
    r"what amount",
    r"how big",
    # Not "what's the bond for?", "what is the guarantee we lodge actually used for?": its purpose.
    r"what(?: is|'s| will be) the (guarantee|bond|security|deposit)(?![^?？.。]*\bfor\s*[?？])",
    r"amount of",
    r"多少",
    r"多大",
    r"几万",
    r"金额",
    r"交多少",
    r"how high",
)
# Questions about a guarantee that are not about its amount: skipping it, its form, the consignee's counter-guarantee.
NOT_THE_AMOUNT = _words(
    r"what happens if",
    r"\bif we (don't|do not|can't|cannot|fail to)",
    r"without (a|the|any) (guarantee|bond)",
    r"can we (skip|avoid|not)",
    r"do we (still )?need (another|a second|to lodge another)",
    r"bank (guarantee|letter)",
    r"letter of guarantee",
    r"in what form",
    r"counter[- ]?guarantee",
    # What it is for: "what's the guarantee actually for?"
    r"\bfor\s*[?？]",
    r"what for",
    r"for what\b",
    r"used for",
    r"purpose",
    r"用途",
    r"作用",
    r"干什么用",
    r"干嘛用",
    r"用来",
    r"不交",
    r"不提供",
    r"不缴",
    r"可以不",
    r"会怎样",
    r"会怎么样",
    r"保函",
    r"反担保",
    r"还需要",
)
ASKS_FOR_LIMIT = _words(r"deadline", r"time limit", r"last day", r"due date", r"期限", r"截止", r"最后一天", r"时限")
REFUND = _words(
    r"\breturn",
    r"refund",
    r"get (it|them|the \w+|our \w+) back",
    r"paid back",
    r"release the (guarantee|bond)",
    r"退还",
    r"返还",
    r"退回",
    r"退给",
    r"拿回",
    r"解除担保",
    r"什么时候退",
    r"能退",
    r"退吗",
    r"可以退",
)
# The guarantee's own amount: the word, then "of" / "is" / a colon / 为, right before the figure.
GUARANTEE_IS = _words(
    r"(guarantee|bond|security|deposit)\s*(amount\s*)?(of|is|was|were|amounting to|totall?ing|came to|[:=])"
    r"\s*(about\s*)?$",
    r"(担保金?|保证金|押金)(金额)?\s*(是|为|有|共|交了|[:：=])?\s*$",
)
PAID_AS = _words(r"(paid|lodged|posted|deposited|put up|交了|缴了|缴纳了|提供了|付了)\s*(a |an )?$")
_PIECE = r"(?:piece|pair|unit|item|box|carton|set|bottle|bag|pc)s?"
PER_UNIT_AFTER = _words(
    rf"^\s*(each|apiece|a piece|(per|a|an) {_PIECE}\b)", r"^\s*/\s*(pc|pcs|piece|unit|pair|件|个|双|箱|只|台|套)",
    r"^\s*(一|每)[个件双箱台套只条瓶盒包]",
)
# "每双进价80块", "每件成本40元", "单双价格15元", "一双15块", "each pair costs RMB 15", "unit price RMB 15".
PER_UNIT_BEFORE = _words(
    r"(每[个件双箱台套批只条瓶盒包]|单[价个件双只台套]|(?<![\d一二两三四五六七八九十百千万])一[个件双箱台套只条瓶盒包])"
    r"[^\d，,。；;！!？?]{0,4}$",
    rf"\beach( {_PIECE}| one)?\b[^\d.,;!?]{{0,16}}$",
    r"\bunit (price|cost)\b[^\d.,;!?]{0,8}$",
)
# Money that is not the goods' value: a fine, duties, fees, damages, capital, a year's or a month's trade. A question
# with only such a sum is asked for the value; the guarantee is never computed on it.
OTHER_MONEY_BEFORE = _words(
    r"(罚款?|罚了|关税|税款|税费|增值税|运费|仓储费|保管费|律师费|代理费|费用|赔偿金?|索赔|注册资本|利润|销售额|营业额|"
    r"年进口|年出口|每年|一年|每月|一个月|全年)[^\d，,。；;！!？?]{0,6}$",
    r"\b(fined?|fines|penalty|duty|duties|taxe?s?|vat|fees?|freight|damages|compensation|capital|profits?|revenue|"
    r"turnover|sales)\b[^\d.,;!?]{0,20}$",
    r"\b(a|per|each|every) (year|month)\b[^\d.;!?]{0,24}$",
    r"\b(annual|yearly|monthly)\b[^\d.;!?]{0,24}$",
)
OTHER_MONEY_AFTER = _words(
    r"^\s*(in |of |as )?(the )?(duties|duty|taxe?s?|vat|fees?|fine|damages|compensation|freight|profit)\b",
    r"^\s*(a|per|each|every) (year|month)\b", r"^\s*(的)?(罚款|关税|税款|运费|仓储费|赔偿)",
    r"^[^\d，,。；;]{0,3}(每年|一年|每月)",
)
# The question speaks of its own goods (so a value was meant), not of the rule in general.
OWN_GOODS = _words(
    r"our goods",
    r"my goods",
    r"our products",
    r"this shipment",
    r"our shipment",
    r"this batch",
    r"our cargo",
    r"worth",
    r"\bvalue",
    r"valued",
    r"货值",
    r"价值",
    r"这批货",
    r"我们的货",
    r"我们的产品",
    r"我司的货",
    r"这票货",
    r"这批",
)
# An entry states a guarantee amount rule: the value, the tiers, a figure in RMB.
AMOUNT_RULE = _words(
    r"value of the goods", r"goods worth", r"goods' value", r"20,000", r"200,000", r"货值", r"货物价值", r"2万", r"20万"
)
# The event each time limit counts from, as people name it right before its date.
_DETAINED = _words(r"detain", r"held", r"seiz", r"扣留", r"扣押", r"扣货", r"扣的", r"查扣")
EVENT_WORDS = {
    "notice_reply": _words(
        r"serv", r"notif", r"notice", r"received", r"signed for", r"送达", r"通知", r"收到", r"签收"
    ),
    "investigation": _DETAINED,
    "court_application": _DETAINED,
    "court_ex_officio": _DETAINED,
    "recordation_decision": _words(r"complete", r"submit", r"filed", r"交齐", r"补齐", r"收到全部", r"提交", r"递交"),
    "change_report": _words(r"chang", r"transfer", r"变更", r"转让", r"更名"),
}
WORKING_DAYS = re.compile(
    r"(\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:working[ -]days?|business days?|个工作日|工作日)", re.IGNORECASE
)
# The asker speaks of their own case: a figure of theirs is meant.
OWN = _words(r"\bour\b", r"\bmy\b", r"\bwe\b", r"我们", r"我司", r"本公司", r"我的", r"公司的")
DEADLINE = _words(
    r"\bby\s*[?？]",
    r"reply by",
    r"\bdue\b",
    r"deadline",
    r"last day",
    r"latest",
    r"\bdue\b",
    r"by when",
    r"until when",
    r"when (must|do|should|will|can|is|are|does)",
    r"what date",
    r"which day",
    r"which date",
    r"how long",
    r"how many (working )?days",
    r"time limit",
    r"截止",
    r"最后一天",
    r"最晚",
    r"期限",
    r"哪天",
    r"哪一天",
    r"几号",
    r"什么时候",
    r"何时",
    r"多久",
    r"几个工作日",
    r"多少个工作日",
    r"到哪",
)
ASKS_FOR_DATE = _words(
    r"last day",
    r"what date",
    r"which day",
    r"which date",
    r"by when",
    r"until when",
    r"deadline date",
    r"(the|our|my) deadline",
    r"when(?: is|'s) the",
    r"exactly",
    r"when does it (expire|run out|end|lapse)",
    r"when will it (expire|run out|end|lapse)",
    r"哪天",
    r"哪一天",
    r"几号",
    r"截止日期",
    r"最后一天",
    r"几月几日",
    r"什么时候到期",
    r"哪天到期",
    r"何时到期",
    r"具体哪",
)
# "How many days do we have?", "多久能批": a question about the length of a period (no date to count from).
HOW_LONG = _words(
    r"how many (working |business )?days",
    r"how long",
    r"how much time",
    r"how soon",
    r"how quickly",
    r"time limits?",
    r"deadlines?",
    r"(roughly|about) when",
    r"when (do|will|would|can|should) (we|i) (hear|get|receive|know)",
    r"within how",
    r"几天",
    r"多少天",
    r"几个工作日",
    r"多少个工作日",
    r"多长时间",
    r"多久",
    r"期限",
    r"时限",
    r"时间限制",
    r"什么时候",
    r"何时",
)
# "How long can the goods be held?": the longest a detention lasts is until the court's notice is due.
HELD_MAX = _words(
    r"how long (can|will|may|do|does) (customs |they )?(hold|detain|keep)",
    r"(held|detained|kept) (for )?how long",
    r"(最多|最长|能|会|要)?扣(留|押)?多(久|长时间)",
)
# What happens after a limit ran out is asked, not its length.
CONSEQUENCE = _words(
    r"what happens",
    r"what if",
    r"\bif (we|i|they|the holder) (miss|don't|do not|didn't|did not|fail|never)",
    r"\bmiss(ed)? (the )?(deadline|time limit)",
    r"too late",
    r"\blate\b",
    r"\bafter (the|that) (deadline|time limit|period)",
    r"会怎(么|样)",
    r"怎么办",
    r"后果",
    r"逾期",
    r"超过期限",
    r"超期",
    r"过了期限",
    r"(没|没有|未|不)(及时)?(回复|答复)",
)
SENTENCE_END = re.compile(r"[.?!;。？！；\n]+")
# A reply to customs' notice, named without the word "notice" ("our reply", "答复海关").
REPLY = _words(
    r"\b(our|we|to) (reply|respond)\b",
    r"\b(we|i) (must|have to|need to|should) (reply|respond|answer)",
    r"reply to customs",
    r"答复海关",
    r"回复海关",
    r"(我们|我方|我司)(要|需要|应当|应该|得|必须)?[^，。？！,.?!]{0,6}(答复|回复)",
)
# Court notices are notices too: their words are taken out before looking for customs' notice.
COURT_NOTICE = _words(
    r"(court|法院)[^,.;?!，。；？！]{0,30}?(notice|通知)",
    r"notice of assistance",
    r"assistance notice",
    r"协助执行通知",
)
COURT = _words(
    r"court",
    r"法院",
    r"诉前",
    r"禁令",
    r"财产保全",
    r"injunction",
    r"preservation",
    r"协助执行",
    r"assistance notice",
    r"notice of assistance",
)
# Going to court against customs itself (after a reconsideration, against a penalty or confiscation): an
# administrative case with its own limits (15 days, 6 months; Administrative Litigation Law Arts. 45-46), not the
# court's order on detained goods the table's court limits count (Regulations Art. 24).
AGAINST_CUSTOMS = _words(
    r"reconsideration",
    r"administrative review",
    r"(applied|apply|application) for (a |an )?review",
    r"review decision",
    r"\bappeal",
    r"sue (the )?customs",
    r"against (the )?customs",
    r"administrative (lawsuit|litigation|suit)",
    r"复议",
    r"行政诉讼",
    r"起诉海关",
    r"告海关",
)
INVESTIGATION = _words(r"investigat", r"determin", r"decide whether", r"conclusion", r"调查", r"认定")
# "When must customs decide?" about detained goods: customs' determination (never "customs decided to detain").
CUSTOMS_DECIDES = _words(
    r"\b(must|will|does|should|shall|has|have|do)\s+(the\s+)?customs\s+(have\s+to\s+)?decide\b",
    r"\bcustoms\s+(must|will|should|shall|has\s+to|have\s+to|needs?\s+to|is\s+to)\s+decide\b",
)
RECORDATION = _words(
    r"recordation",
    r"recordal",
    r"record(ed)? (with|at) (the )?customs",
    r"customs record",
    r"customs registration",
    r"registered with customs",
    r"\brecord\b",
    r"\brecorded\b",
    r"备案",
)
APPLIED = _words(
    r"\bcomplete",
    r"补齐",
    r"收到全部",
    r"收齐",
    r"交齐",
    r"材料齐",
    r"complete (application|documents|file)",
    r"all (the|our) documents",
    r"\bappl(y|ied|ication)",
    r"submit",
    r"filed",
    r"\bfile\b",
    r"sent (the|our) (documents|papers)",
    r"申请",
    r"提交",
    r"递交",
)
DECISION = _words(
    r"能批",
    r"才批",
    r"(哪天|哪一天|几号|什么时候|何时|最晚|最迟)[^，。？！,.?!]{0,3}批(?![货次量])",
    r"批复",
    r"获批",
    r"decid",
    r"decision",
    r"approv",
    r"hear back",
    r"answer",
    r"result",
    r"审批",
    r"决定",
    r"批准",
    r"批下来",
    r"结果",
    r"核准",
    r"答复",
)
CHANGE = _words(
    r"\bchang",
    r"transfer",
    r"assign",
    r"new owner",
    r"renam",
    r"new address",
    r"moved",
    r"licen[cs]ee",
    r"变更",
    r"转让",
    r"更名",
    r"迁址",
    r"地址变",
)
NOTICE = _words(
    r"notice",
    r"notif",
    r"served",
    r"letter from customs",
    r"customs (wrote|told|informed)",
    r"通知",
    r"送达",
    r"告知",
    r"(?<!保)函",  # a letter from customs; never 保函, a bank's letter of guarantee
)
TERM = _words(
    r"still valid",
    r"\bvalid\b",
    r"还有效",
    r"有效吗",
    r"是否有效",
    r"when (exactly )?does it end",
    r"expir",
    r"run out",
    r"runs out",
    r"valid until",
    r"valid till",
    r"lapse",
    r"renew",
    r"good until",
    r"到期",
    r"续展",
    r"有效期",
    r"过期",
    r"失效",
    r"续期",
)
# How long a recordation lasts once approved ("备案批下来以后能管多久", "how long is it valid once approved?"): its
# 10-year term, which the knowledge base states; never the 30 working days GACC takes to decide.
LASTS = _words(
    r"\bvalid",
    r"\blasts\b",
    r"(does|will|would) (it|the recordation|a recordation|the recordal|our recordation) last",
    r"good for",
    r"how many years",
    r"有效",
    r"管多久",
    r"管多长",
    r"管几年",
    r"保护多久",
    r"保护几年",
    r"多少年",
    r"几年",
)
# A date that is the approval itself ("approved on 3 March 2019", "2019年3月3日获批"): the decision is made, so
# no deadline for it counts from that day.
APPROVAL_BEFORE_DATE = _words(
    r"(approv\w*|granted)\s*(on|in|at)?\s*$", r"(获批|批准|核准|批下来)(日期|时间)?(是|为|于|在)?\s*$"
)
APPROVAL_AFTER_DATE = _words(r"^\s*(获批|批准|核准|批下来|批的|批了|通过)")
# A recordation renewed already ("renewed on 1 May 2022", "2026年3月续展了").
RENEWED = _words(r"\brenewed\b", r"续展了", r"已续展", r"续展过", r"已经续展", r"续期了", r"已续期")
# The right's own end named beside a recordation ("our patent expires on 1 March 2029", "商标注册2028年5月1日到期"):
# the recordation ends with the right (Regulations Art. 10), so that date caps the term and is never the approval.
RIGHT_EXPIRES = _words(
    r"\b(registration|patent|copyright|trade ?mark|TM|mark)s?\b[^.,;:?!]{0,25}?\b(expir\w*|runs? out|ends\b|lapses?)",
    r"(商标|专利|著作权|版权|注册)[^，。；,;：:？?！!]{0,15}?(到期|届满|失效|有效期至|有效期到)",
)
# "the recordation of our trademark expires", "商标备案到期": the recordation's own end, not the right's.
RECORDATION_OF = _words(r"(recordation|recordal|record)\s+(of|for)\s+(our|the|my|its|this)?\s*$")
EXPIRY_BEFORE_DATE = _words(
    r"(expir\w*|runs? out|valid (until|till)|good until|lapses?)\s*(on|at)?\s*$",
    r"(到期日?|有效期至|有效期到|截至|失效日?)\s*(是|为)?\s*$",
)
# Chinese says the end after its date: "备案2030年5月1日到期".
EXPIRY_AFTER_DATE = _words(r"^\s*(就|将|会|要)?\s*(到期|届满|失效)")

# A whole shipment's value beside the value of the part detained (Measures Art. 23 counts the goods detained).
WHOLE_VALUE = _words(r"in total", r"\btotal\b", r"\b(whole|entire) (shipment|order|consignment|container|batch|lot)",
                     r"整批", r"总共", r"共计", r"总货值", r"总价值", r"整单", r"整柜", r"全部货")
PART_DETAINED = _words(r"\bonly\b", r"\bpart of\b", r"\bportion\b", r"\bof (them|which|it)\b", r"其中",
                       r"一部分", r"只扣", r"扣了一部分", r"部分货")
SOME_DETAINED = _words(r"\bpart of\b", r"\bportion\b", r"\bsome of\b", r"一部分", r"部分货", r"扣了部分")

# A route named to be denied ("not ex officio", "不是依职权", "we didn't apply") points to the other one.
NOT_EX_OFFICIO = _words(
    r"(not|n't|non)[- ]?(an? )?ex[ -]?officio",
    r"not (found|discovered|detected) by customs",
    r"customs did(n't| not) find",
    r"(不是|并非|非|不属于)(海关)?(依职权|主动|自己)",
    r"不是海关(自己)?(发现|查获|查到)",
    r"(没|未|没有)(收到|接到)(过)?(任何)?海关",
    r"(no|never|haven't|have not|didn't|did not) (received |got |get |had )?(a |any )?(customs )?notice",
)
NOT_APPLICATION = _words(
    r"(we|i) (didn't|did not|never) (apply|ask|request)",
    r"(not|n't) (on )?(our|an) application",
    r"我们(没有|没|并未|未)申请",
    r"(不是|并非|非)(我们)?(依)?申请",
)
EX_OFFICIO = _words(
    r"customs (called|phoned|contacted|emailed|asked us|wrote)",
    r"海关来电",
    r"海关联系",
    r"ex[ -]?officio",
    r"customs (finds?|found|discovers?|discovered|detects?|detected|spotted|flagged|notified)",
    r"customs notice",
    r"notice from customs",
    r"customs\b[^.?!]{0,30}\b(emailed|sent|served|gave|issued)\b[^.?!]{0,12}\bnotice",
    r"海关[^，。？！,.?!]{0,6}(发来|寄来|送来|下发|发了)[^，。？！,.?!]{0,4}通知",
    r"(收到|接到)(了)?海关[^，。？！,.?!]{0,4}通知",
    r"notified (us|me|by customs)",
    r"on its own",
    r"found by customs",
    r"(?<!not )(?<!un)recorded (trademark|right|patent|copyright|mark)",
    r"依职权",
    r"海关发现",
    r"海关查获",
    r"海关查到",
    r"海关自己",
    r"海关通知",
    r"海关主动",
    r"(?<!未)(?<!没)已备案",
)
# Both routes named to be compared ("ex officio and on application", "依职权和依申请分别"): both answered.
BOTH_ROUTES = _words(
    r"ex[ -]?officio\W+(and|or|vs\.?|versus)\W+(on |by |the )?application",
    r"application( route)?\W+(and|or|vs\.?|versus)\W+(the )?ex[ -]?officio",
    r"both routes",
    r"each route",
    r"依职权.{0,3}(和|与|及|或|还是|、).{0,3}依申请",
    r"依申请.{0,3}(和|与|及|或|还是|、).{0,3}依职权",
    r"两种(保护)?模式",
)
STRONG_APPLICATION = _words(
    r"application route",
    r"on application",
    r"on (our|my|the holder's) application",
    r"at (our|my|the holder's) request",
    r"(our|my) application for detention",
    r"依申请",
    r"应我们的申请",
    r"根据我们的申请",
    r"经我们申请",
    r"not recorded",
    r"(isn't|is not|wasn't|was not|hasn't been|has not been|not yet|never) (been )?recorded",
    r"no customs record",
    r"unrecorded",
    r"(no |without (any |a )?)(customs )?record(al|ation)s?\b",
    r"未备案",
    r"没有备案",
    r"没备案",
    r"尚未备案",
    r"还没备案",
)
WEAK_APPLICATION = _words(
    r"filed by us",
    r"we filed",
    r"application for detention",
    r"\bwe'll (apply|ask|request)",
    r"ourselves",
    r"我们自己",
    r"\bwe (want to |would like to |will |plan to )?(apply|ask|request)",
    r"\bapply\b",
    r"our request",
    r"our application",
    r"we applied",
    r"at our request",
    r"we asked",
    r"request (the )?customs",
    r"asks? (the )?(port )?customs",
    r"stop (a|the|this) shipment",
    r"申请扣",
    r"申请让海关扣",
    r"自己申请",
    r"我们申请",
    r"主动申请",
    r"向海关申请",
    r"请求海关",
    r"要求海关",
)


def calculator_step(entry_text: str) -> str | None:
    """Which computation an entry's text is about (a guarantee amount, a working-day limit), if any."""
    if GUARANTEE.search(entry_text) and not GENERAL_GUARANTEE.search(entry_text) and AMOUNT_RULE.search(entry_text):
        return Kind.GUARANTEE.value
    if WORKING_DAYS.search(entry_text):
        return Kind.DEADLINE.value
    return None


def asks_the_rule(question: str, request: Request) -> bool:
    """Whether a guarantee asked without a readable value asks the rule itself (its tiers, cap or floor)."""
    return (request.kind is Kind.GUARANTEE and request.missing is Missing.AMOUNT
            and bool(GUARANTEE_RULE.search(normalize(question))))


def read_request(question: str, today: dt.date) -> Request | None:
    """The computation `question` asks for, or None when it asks something the knowledge base answers."""
    text = normalize(question)
    request = _request(text, today)
    if request is not None and request.kind in (Kind.DEADLINE, Kind.PERIOD) and request.limits:
        return _against_stated_period(text, request)
    return request


def _against_stated_period(text: str, request: Request) -> Request:
    """A period the asker states ("the notice gives us 10 working days") that no limit named has: the rules'
    period is not counted over the asker's, nor theirs counted without an article; the desk shows both and asks
    for an officer's check."""
    stated = _stated_count(text)
    if stated is None or stated in {TIME_LIMITS[key].working_days for key in request.limits}:
        return request
    return replace(request, stated_days=stated, missing=Missing.PERIOD)


def _request(text: str, today: dt.date) -> Request | None:
    figures = read_figures(text, today)
    if TERM.search(text) and RECORDATION.search(text) and (figures.dates or ASKS_FOR_DATE.search(text)):
        if figures.dates or OWN.search(text):
            return _recordation(text, figures)
        return None  # "when does a recordation expire?" in general: the knowledge base states the term
    if GUARANTEE.search(text) and not GENERAL_GUARANTEE.search(text):
        guarantee = _guarantee(text, figures)
        if guarantee is not None:
            return guarantee
    if figures.dates or figures.unreadable:
        # Only a question about time: "customs notified us on 30 September; can we inspect the goods?" is not,
        # nor one about what follows a limit ("上周五收到通知……过了期限没回复会怎么样？").
        if _sentences_asking(text, DEADLINE):
            return _deadline(text, figures)
    elif limits := _asked_days(text):
        # A day is asked for and none is given to count from: the desk asks for it (and states the period).
        return Request(Kind.DEADLINE, limits=limits, missing=Missing.DATE)
    elif limits := _periods(text):
        # No date to count from: the period itself, from the table (the desk offers to count the last day).
        return Request(Kind.PERIOD, limits=limits)
    return None


def _guarantee(text: str, figures: Figures) -> Request | None:
    routes = _routes(text)
    if (REFUND.search(text) or NOT_THE_AMOUNT.search(text)) and not HOW_MUCH.search(text):
        return None  # getting it back, going without it, its form: the knowledge base answers, whatever the figure
    other = tuple(a for a in figures.amounts if _is_other_money(text, a))
    amounts = tuple(a for a in figures.amounts if not _is_the_guarantee(text, a) and a not in other)
    if figures.amounts and not amounts:
        if other and HOW_MUCH.search(text):
            return Request(Kind.GUARANTEE, routes=routes, missing=Missing.AMOUNT)  # a fine is no value of goods
        return None  # the figure given is the guarantee itself ("we paid a RMB 50,000 bond; ..."), not a value
    if other:
        return Request(Kind.GUARANTEE, routes=routes, missing=Missing.AMOUNT)  # which sum is the value: ask
    if any(_is_a_unit_price(text, a) for a in amounts):
        return Request(Kind.GUARANTEE, routes=routes, missing=Missing.AMOUNT)  # the total value is what counts
    if (any(a.text in figures.bounds for a in amounts) or figures.ranges or figures.approximate
            or (not amounts and MILLIONS.search(text))):
        # A range or a bound ("over RMB 300,000", "不到2万", "几百万"): the ex officio rule when one tier holds the
        # whole band, else the value is asked for; never a figure computed on the bound as if it were the value.
        band = value_band(text, figures) if len(amounts) == len(figures.amounts) else None
        if band is not None and Route.EX_OFFICIO in routes and band_tier(band) is not None:
            return Request(Kind.GUARANTEE, routes=routes, band=band)
        return Request(Kind.GUARANTEE, routes=routes, missing=Missing.AMOUNT)
    if amounts:
        amount = _value_of_goods(text, amounts)
        if amount is None:
            return Request(Kind.GUARANTEE, routes=routes, missing=Missing.AMOUNT)
        if amount.currency != "RMB":
            return Request(Kind.GUARANTEE, routes=routes, amount=amount, missing=Missing.CURRENCY)
        return Request(Kind.GUARANTEE, routes=routes, amount=amount)
    named_route = len(routes) == 1
    if HOW_MUCH.search(text) and (OWN_GOODS.search(text) or not named_route):
        # A figure is what was asked, and none was given: ask for the value, never show an example's figure.
        return Request(Kind.GUARANTEE, routes=routes, missing=Missing.AMOUNT)
    return None


def _is_the_guarantee(text: str, amount: Amount) -> bool:
    """An amount written as the guarantee's own ("a bond of RMB 50,000", "担保金5万元", "paid RMB 50,000 as
    guarantee"), not the goods' value ("the bond for a RMB 75,000 shipment" is a value)."""
    start = max(text.find(amount.text), 0)
    end = start + len(amount.text)
    if VALUE_WORDS.search(text[:start]):
        return False
    return bool(
        GUARANTEE_IS.search(text[max(0, start - 30) : start])
        or PAID_AS.search(text[max(0, start - 16) : start])
        and GUARANTEE.search(text[end : end + 24])
    )


def _is_a_unit_price(text: str, amount: Amount) -> bool:
    """ "RMB 120 each", "每双120元": a price per piece, not the value of the goods."""
    start = max(text.find(amount.text), 0)
    end = start + len(amount.text)
    return bool(PER_UNIT_AFTER.match(text[end : end + 16]) or PER_UNIT_BEFORE.search(text[max(0, start - 24) : start]))


def _is_other_money(text: str, amount: Amount) -> bool:
    """A fine, duties, a fee, damages, a year's trade: money the question names that is not the goods' value."""
    start = max(text.find(amount.text), 0)
    end = start + len(amount.text)
    if VALUE_WORDS.search(text[max(0, start - 12) : start]):
        return False
    return bool(OTHER_MONEY_BEFORE.search(text[max(0, start - 30) : start])
                or OTHER_MONEY_AFTER.search(text[end : end + 24]))


def _value_of_goods(text: str, amounts: tuple[Amount, ...]) -> Amount | None:
    """The one value of goods the question states; None when it states several and says not which."""
    # "Worth RMB 500,000 in total, but customs detained only part, worth RMB 60,000": the guarantee is on the goods
    # detained, so the whole's value is set aside when the words say which part was held; with no part's value
    # ("RMB 500,000 in total; customs detained part of it") the value is asked for.
    whole = _said_of(text, WHOLE_VALUE.finditer(text), amounts) if PART_DETAINED.search(text) else ()
    parts = {a.value: a for a in amounts if a not in whole}
    if whole and not parts and SOME_DETAINED.search(text):
        return None
    if len(parts) == 1:
        return next(iter(parts.values()))
    if len({a.value for a in amounts}) == 1:
        return amounts[0]
    # Two values ("goods worth RMB 50,000 and RMB 80,000") are asked about, never one picked silently.
    return None


class _Written(Protocol):
    @property
    def text(self) -> str: ...


_Figure = TypeVar("_Figure", bound=_Written)


def _said_of(text: str, words: Iterable[re.Match[str]], figures: tuple[_Figure, ...]) -> tuple[_Figure, ...]:
    """The figures (dates, amounts) the matched words are said of, in their order: each match belongs to the
    figure nearest it, before or after, within EVENT_REACH characters of its clause."""
    spans = [(f, text.find(f.text)) for f in figures if f.text in text]
    chosen: list[_Figure] = []
    for match in words:
        near = [(_gap(text, match.span(), (at, at + len(f.text))), f) for f, at in spans]
        gap, figure = min(near, key=lambda pair: pair[0], default=(EVENT_REACH + 1, None))
        if figure is not None and gap <= EVENT_REACH and figure not in chosen:
            chosen.append(figure)
    return tuple(f for f in figures if f in chosen)


def routes_named(text: str) -> tuple[Route, ...]:
    """The guarantee route a text names (an entry's heading), or both when it names neither or both."""
    return _routes(normalize(text))


def _routes(text: str) -> tuple[Route, ...]:
    """The route the words name; both when they do not say, or name both (the answer shows them side by side)."""
    if BOTH_ROUTES.search(text):
        return (Route.EX_OFFICIO, Route.APPLICATION)
    if NOT_EX_OFFICIO.search(text):
        return (Route.APPLICATION,)
    if NOT_APPLICATION.search(text):
        return (Route.EX_OFFICIO,)
    if STRONG_APPLICATION.search(text):
        return (Route.APPLICATION,)
    if EX_OFFICIO.search(text):
        return (Route.EX_OFFICIO,)
    if WEAK_APPLICATION.search(text):
        return (Route.APPLICATION,)
    return (Route.EX_OFFICIO, Route.APPLICATION)


def _limits(text: str) -> tuple[str, ...]:
    """The time limit(s) the words name, most specific first; () when none is named."""
    stated = _stated_count(text)
    named = _named_limits(text)
    if stated is not None:
        # "20 working days to which day?": the count the asker names picks the limit (with the words if several).
        matching = tuple(key for key, limit in TIME_LIMITS.items() if limit.working_days == stated)
        both = tuple(key for key in named if key in matching)
        return both or (matching if len(matching) == 1 else named)
    return named


def _stated_count(text: str) -> int | None:
    """The working days the words state: "10 working days", "10个工作日", "十个工作日"."""
    match = WORKING_DAYS.search(text)
    if match is None:
        return None
    count = match.group(1)
    return int(count) if count.isdigit() else chinese_number(count)


def _named_limits(text: str) -> tuple[str, ...]:
    if COURT.search(text):
        if AGAINST_CUSTOMS.search(text):
            return ()  # an administrative case against customs: none of the table's limits
        routes = _routes(text)
        return tuple("court_application" if r is Route.APPLICATION else "court_ex_officio" for r in routes)
    if _investigation_named(text):
        # Customs' 30-day determination runs on the ex officio route only (Regulations Art. 20).
        return () if _routes(text) == (Route.APPLICATION,) else ("investigation",)
    if RECORDATION.search(text) and APPLIED.search(text) and DECISION.search(text):
        return ("recordation_decision",)
    if CHANGE.search(text) and (RECORDATION.search(text) or DEADLINE.search(text)):
        return ("change_report",)
    if NOTICE.search(text):
        return ("notice_reply",)
    return ()


def _investigation_named(text: str) -> bool:
    """Customs' determination is named: its words, or customs deciding about goods it detained."""
    return bool(INVESTIGATION.search(text) or (_DETAINED.search(text) and CUSTOMS_DECIDES.search(text)))


def _asked_days(text: str) -> tuple[str, ...]:
    """The time limits whose last day a sentence asks for ("what's our last day to reply?"), without a date."""
    for sentence in _sentences_asking(text, ASKS_FOR_DATE):
        if limits := _limits(sentence):
            return limits
    return ()


def _periods(text: str) -> tuple[str, ...]:
    """The time limits whose length is asked, sentence by sentence: a limit counts only when the sentence that
    asks "how long" names it ("40 customs notices a month ... until when is the bank letter valid?" asks none),
    and never when the sentence asks what happens after it ("超过期限没回复会怎么样")."""
    sentences = _sentences_asking(text, ASKS_FOR_DATE, HOW_LONG)
    if not sentences:
        return ()
    routes = _routes(text)  # the route and what is recorded may be said in another sentence
    recorded = bool(RECORDATION.search(text))
    against_customs = bool(AGAINST_CUSTOMS.search(text))
    named: set[str] = set()
    for sentence in sentences:
        named |= _period_limits(sentence, routes, recorded, against_customs)
    return tuple(key for key in TIME_LIMITS if key in named)


def _sentences_asking(text: str, *asks: re.Pattern[str]) -> list[str]:
    """The sentences of `text` that ask one of `asks`, and not what happens after a limit ran out."""
    return [
        sentence
        for sentence in SENTENCE_END.split(text)
        if any(a.search(sentence) for a in asks) and not CONSEQUENCE.search(sentence)
    ]


def _period_limits(sentence: str, routes: tuple[Route, ...], recorded: bool, against_customs: bool) -> set[str]:
    """The time limits `sentence` names, given the question's routes, whether it speaks of a recordation and
    whether it is a case against customs itself."""
    named: set[str] = set()
    investigated = _investigation_named(sentence) and routes != (Route.APPLICATION,)
    if COURT.search(sentence) and against_customs:
        return named  # an administrative case against customs: none of the table's limits
    if COURT.search(sentence) or HELD_MAX.search(sentence):
        # Customs investigates only what it detained ex officio: then the ex officio court limit is meant.
        court_routes = (Route.EX_OFFICIO,) if investigated else routes
        named |= {"court_application" if r is Route.APPLICATION else "court_ex_officio" for r in court_routes}
    if investigated:
        named.add("investigation")
    if recorded and DECISION.search(sentence) and not LASTS.search(sentence):
        named.add("recordation_decision")
    if CHANGE.search(sentence) and recorded:
        named.add("change_report")
    # A reply to customs is named outright, or by customs' notice when the sentence names no other limit.
    if REPLY.search(sentence) or (NOTICE.search(COURT_NOTICE.sub(" ", sentence)) and not named):
        named.add("notice_reply")
    return named


def _deadline(text: str, figures: Figures) -> Request | None:
    limits = _limits(text)
    dates = figures.dates
    if len({d.value for d in dates}) > 1 and limits:
        dates = _dates_of_event(text, dates, limits[0])
    if not dates or len({d.value for d in dates}) > 1:
        return Request(Kind.DEADLINE, limits=limits, missing=Missing.DATE)
    figures = Figures(figures.amounts, dates, figures.unreadable)
    if limits == ("recordation_decision",) and _is_approval(text, figures.dates[0]):
        return None  # "approved on 3 March; from when is it in force?": the knowledge base answers
    if not limits:
        if not ASKS_FOR_LIMIT.search(text):
            return None  # "when do we get it back?": a time, but of no limit the rules count
        return Request(Kind.DEADLINE, date=figures.dates[0], missing=Missing.LIMIT)
    return Request(Kind.DEADLINE, limits=limits, date=figures.dates[0])


def _is_approval(text: str, date: DateFigure) -> bool:
    """Whether the date is written as the day the recordation was approved."""
    at = text.find(date.text)
    if at < 0:
        return False
    before, after = text[max(0, at - 30) : at], text[at + len(date.text) : at + len(date.text) + 6]
    return bool(APPROVAL_BEFORE_DATE.search(before) or APPROVAL_AFTER_DATE.search(after))


def _dates_of_event(text: str, dates: tuple[DateFigure, ...], limit: str) -> tuple[DateFigure, ...]:
    """Of several dates, those the words of the event `limit` counts from are said of ("served on 30 September
    ... detained on 29 September", "3月3日收到海关通知，货是3月1日扣的": a reply counts from the service). Each
    event word belongs to the date nearest it, before or after, within EVENT_REACH characters."""
    return _said_of(text, EVENT_WORDS[limit].finditer(text), dates)


EVENT_REACH = 30  # characters between an event's words and its date ("served on", "3月3日收到海关的通知")
CLAUSE_END = re.compile(r"[，,。；;！!？?]|\bbut\b|\bthen\b|但是?|然后|后来", re.IGNORECASE)


def _gap(text: str, one: tuple[int, int], other: tuple[int, int]) -> int:
    """Characters between two spans of a text (0 when they touch or overlap), and EVENT_REACH more for each
    clause boundary between them: "收到海关通知，货是3月1日扣的" says nothing of receiving on 1 March."""
    start, end = min(one[1], other[1]), max(one[0], other[0])
    return max(0, end - start) + EVENT_REACH * len(CLAUSE_END.findall(text[start:end]))


def _recordation(text: str, figures: Figures) -> Request:
    right = _right_expiry(text, figures.dates)
    dates = [d for d in figures.dates if right is None or d.value != right.value]
    if not dates or len({d.value for d in dates}) > 1 or RENEWED.search(text):
        # A renewal already made runs on from the last expiry, not from its own day or the first approval: the
        # current expiry is asked for.
        return Request(Kind.RECORDATION, missing=Missing.DATE, right_expires=right)
    date = dates[0]
    at = text.find(date.text)
    before, after = (text[:at], text[at + len(date.text) :]) if at >= 0 else ("", "")
    expiry = bool(EXPIRY_BEFORE_DATE.search(before) or EXPIRY_AFTER_DATE.search(after))
    return Request(Kind.RECORDATION, date=date, date_is_expiry=expiry, right_expires=right)


def _right_expiry(text: str, dates: tuple[DateFigure, ...]) -> DateFigure | None:
    """The date the right itself ends on, when the words of its end are said of one date (the nearest)."""
    ends = [m for m in RIGHT_EXPIRES.finditer(text)
            if not RECORDATION_OF.search(text[max(0, m.start() - 30) : m.start()]) and "备案" not in m.group(0)]
    found = _said_of(text, ends, dates)
    return found[0] if len(found) == 1 else None
