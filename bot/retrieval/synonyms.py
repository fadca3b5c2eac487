"""Words enterprises use for the knowledge base's terms. Both questions and entries are tokenised through this
table, so either wording meets the other. Kept small and domain-only: a synonym that is also a word of
another customs topic (registration, tariff) would make out-of-scope questions look answerable."""

from __future__ import annotations

# Keys are tokens as lexical.tokenize produces them (lower-case, lightly stemmed English; jieba words).
SYNONYMS: dict[str, str] = {
    # English
    "recordal": "recordation",
    "record": "recordation",
    "bond": "guarantee",
    "security": "guarantee",
    "deposit": "guarantee",
    "fake": "counterfeit",
    "knockoff": "counterfeit",
    "seiz": "detain",
    "seize": "detain",
    "held": "detain",
    "hold": "detain",
    "detention": "detain",
    "renew": "renewal",
    "brand": "trademark",
    # Chinese
    "扣": "扣留",
    "扣下": "扣留",
    "扣货": "扣留",
    "扣押": "扣留",
    "押金": "担保金",
    "保证金": "担保金",
    "假货": "侵权",
    "仿牌": "侵权",
    "冒牌": "侵权",
    "山寨": "侵权",
    "改名": "变更",
    "更名": "变更",
    "续期": "续展",
    "延期": "续展",
    "品牌": "商标",
    "要钱": "费用",
    "收费": "费用",
    "罚": "罚款",
    "多久": "期限",
    "多长时间": "期限",
    "几天": "期限",
}
