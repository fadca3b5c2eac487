"""The knowledge base's key terms in both languages, so that a question mixing the two ("怎么办理 recordation？",
"how much 担保 for ex officio?") meets the entries of the language it is answered in.

BM25 only meets words in the entry's own language, and the model knows no Chinese: without this, the English
word of a Chinese question matched nothing in the Chinese entries, and the answer rested on the Chinese
words alone ("怎么办理" → an officer-misconduct entry, confidently)."""

from __future__ import annotations

from functools import cache

from bot.retrieval.lexical import is_chinese, tokenize

# (English, Chinese): domain terms only, as enterprises write them; both sides go through tokenize (and so
# through SYNONYMS: "record", "recordal" and "recordation" are one word there already).
TERMS: tuple[tuple[str, str], ...] = (
    ("recordation", "备案"),
    ("guarantee", "担保"),
    ("trademark", "商标"),
    ("patent", "专利"),
    ("copyright", "著作权"),
    ("customs", "海关"),
    ("detain", "扣留"),
    ("counterfeit", "侵权"),
    ("infringing", "侵权"),
    ("fee", "费用"),
    ("renewal", "续展"),
    ("court", "法院"),
    ("deadline", "期限"),
    ("application", "申请"),
    ("officio", "依职权"),
    ("fine", "罚款"),
    ("penalty", "罚款"),
    ("release", "放行"),
    ("export", "出口"),
    ("import", "进口"),
    ("licensee", "被许可"),
    ("agent", "代理"),
    ("passenger", "旅客"),
    ("confiscate", "没收"),
    ("destroy", "销毁"),
    ("reconsideration", "复议"),
    ("lawsuit", "诉讼"),
)


@cache
def _table(to: str) -> dict[str, tuple[str, ...]]:
    """Each term's token in one language -> the tokens of the same term in the other (`to`)."""
    table: dict[str, tuple[str, ...]] = {}
    for english, chinese in TERMS:
        source, target = (english, chinese) if to == "zh" else (chinese, english)
        words = [t for t in tokenize(source) if not t.startswith("#")]
        if len(words) == 1:  # a term jieba cuts in several words (依职权) is looked up only from English
            table.setdefault(words[0], tuple(tokenize(target)))
    return table


def bridged(tokens: list[str], asker: str) -> list[str]:
    """The question's tokens with each key term of the other language replaced by the asker's own."""
    table = _table(asker)
    out: list[str] = []
    for token in tokens:
        foreign = is_chinese(token) if asker == "en" else token.isascii()
        out.extend(table.get(token, (token,)) if foreign else (token,))
    return out
