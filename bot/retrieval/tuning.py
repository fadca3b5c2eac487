"""Every knob of the retriever's fusion and confidence, with why it has its value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tuning:
    """Every knob of the fusion, with why it has its value. Tuned on the `tune` split of tests/eval only;
    tests/eval/CALIBRATION.md has the figures behind each value."""

    # all-MiniLM-L6-v2 cosine: unrelated pairs sit around 0.1-0.3, good matches 0.5-0.8; map that span to [0, 1].
    dense_floor: float = 0.2
    dense_ceiling: float = 0.75
    # Share of the dense channel in the fused ranking when the model reads the question's language.
    dense_weight: float = 0.5
    # The same for Chinese questions with a model that does not know Chinese: most characters are [UNK] to
    # it, but the few it knows still add a little (recall@3 zh on the tune split: 0.82 at 0, 0.87 at 0.3).
    foreign_dense_weight: float = 0.3
    # The heading is the question an entry answers; a question is nearer another question than an answer.
    title_weight: float = 0.3
    # Entries in the asker's language win ties against their twins and near-ties against other entries.
    same_lang_bonus: float = 0.15
    # Confidence = logistic(b + w·features), the features of Retriever.features: the top entry's dense
    # similarity, its word and Chinese-pair coverage of the question, and the share of the question's words the
    # knowledge base knows at all. Fitted per language on the tune split of tests/eval/blind.jsonl (`iprdesk
    # eval --calibrate`), where "has an answer" means "the best entry carries the facts asked for": an in-scope
    # question whose best entry misses them is a question to decline too. CALIBRATION.md has the run.
    confidence_en: tuple[float, ...] = (-4.302, 4.196, 3.05, 0.0, -0.351)
    confidence_zh: tuple[float, ...] = (-3.926, 1.14, 1.906, 3.311, 1.125)
    # Below these confidences a question is declined. Hybrid: the point of the blind tune split's sweep with the
    # most "answered with the fact" minus twice "answered wrongly" (a wrong answer costs more than a decline,
    # which still offers an officer): 0.34 there, rounded to 0.35.
    hybrid_threshold: float = 0.35
    # A question that names nothing of customs' world (bot/retrieval/domain.py: no customs, goods, border or
    # procedure word, as "how long does a trademark registration take?") is answered only above this: on
    # blind26-29 as they arrived, 20 of 160 out-of-scope questions more declined at 0.8, none in scope lost; 0.85
    # declined 2 more of blind30-33's 160 as they arrived and 1 of the learned sets', none in scope lost
    # (CALIBRATION.md).
    unanchored_threshold: float = 0.85
    dense_threshold: float = 0.73
    lexical_threshold: float = 0.3
    # Agreement (bot/retrieval/agreement.py): when the best entry does not cover what the question names (the
    # EU, a patent, a passenger), the next `agreement_candidates` entries are looked at, and the first that
    # does cover it is taken if its fused score is at least `agreement_switch` of the best's (a near-tie:
    # farther down, the covering entry is usually about something else). Else the confidence is multiplied by
    # `agreement_penalty` for every disagreement, which declines the question unless it was a clear match.
    agreement_candidates: int = 5
    agreement_switch: float = 0.75
    agreement_penalty: float = 0.3
    # Two-part questions: each part is ranked by its own scores plus `part_context` times the whole question's
    # (a part alone, "until when is it valid?", has lost what "it" is).
    part_context: float = 0.5
    # Share of BM25 over headings and phrasings alone in the engine's lexical score (the rest: whole entries).
    # 0.2 raised "best entry carries the fact" on the blind tune split from 0.856 to 0.863 (0.35: 0.852).
    asked_lexical_weight: float = 0.2

    def threshold(self, method: str) -> float:
        return float(getattr(self, f"{method}_threshold"))
