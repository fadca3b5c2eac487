"""Whether a question names anything of the desk's world: customs, the border, goods on the move, or one of
the desk's procedures. Blind question sets found most out-of-scope questions still answered to be of one kind:
"how long does a trademark registration take?", "外观专利怎么申请，官费多少钱", "发明专利能保护多少年？" name a right
and a fee or a period, as entries do, and nothing of customs; the entries that mention CNIPA or a right's term in
passing then rank first. A question that names none of these words is answered only on a near-exact match
(Tuning.unanchored_threshold)."""

from __future__ import annotations

import re

# Not here on purpose: "trademark", "patent", "copyright", "register", "renew", "fee", "how long", 商标, 专利, 注册,
# 续展, 费用: out-of-scope questions ask with them as much as ours do.
_DESK_EN = re.compile(
    r"\b(?:customs?|gacc|recordals?|recordations?|record(?:ed|ing|s)?|border|imports?|imported|importers?|importing"
    r"|exports?|exported|exporters?|exporting|detain\w*|detent\w*|seiz\w+|held|stopped|shipments?|consignments?"
    r"|containers?|cargo|goods|parcels?|packages?|luggage|baggage|suitcases?|airport|port|guar\w*|garan\w*|bonds?"
    r"|security|LG|penalt\w+|fine[sd]?|confiscat\w+|destroy\w*|destruction|dispos\w+|counterfeit\w*|fakes?"
    r"|knock-?offs?|replicas?|infring\w+|oem|parallel|e-?commerce|cbec|cross-border|ipr|desk|officers?|notices?"
    r"|clearance|cleared|releas\w+|inspect\w*|samples?|campaigns?|longteng|blue net|net net|courts?"
    r"|reconsideration|lawsuits?|sue|eu|cbp|olympic\w*|expo|transit|bonded|ftz|carry\w*|bring\w*|brought|mail\w*"
    r"|post(?:al)?|courier|investigat\w+|bot|declar\w+|authori[sz]ed users?|power of attorney|poa|storage"
    r"|warehouse|bank letters?|tiers?|bands?|working days?|calendar days?|ex[- ]officio|criminal|prison|jail)\b",
    re.IGNORECASE,
)
# Substrings; 备按, 担宝 and 保涵 as WeChat types them.
_DESK_ZH = re.compile(
    r"海关|关区|总署|备案|备按|备.{0,2}案|扣|进口|出口|口岸|货|包裹|行李|邮|快递|快件|担保|担宝|保证金|保函|保涵|罚|没收|销毁|处置|侵权|假|仿冒"
    r"|山寨|代工|定牌|贴牌|平行进口|水货|跨境|电商|知识产权|通知|放行|查验|样品|龙腾|蓝网|净网|复议|诉讼|起诉|法院|奥林匹克|奥运|残奥"
    r"|世博|过境|转运|保税|自贸|携带|带回|带进|寄|申报|报关|机器人|关员|蚂蚁搬家|仓储|调查|使用人|工作日|依职权|依申请|刑|坐牢"
)


def names_the_desk(*texts: str) -> bool:
    """Whether any of the texts (a question as asked, and as its typos were mended) names the desk's world."""
    return any(_DESK_EN.search(t) or _DESK_ZH.search(t) for t in texts)
