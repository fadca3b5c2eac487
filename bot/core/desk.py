"""One answer to one question, as every channel and `iprdesk ask` give it: computed from the rules when the
question asks for a figure, else the knowledge base's entry, never another figure's worked example."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.core.computed import clarify_html, computed_html, plain
from bot.core.ports import RetrieverPort
from bot.core.render import answer_html
from bot.core.texts import Html, normalize_lang, text
from bot.retrieval.agreement import beyond_our_rules
from bot.retrieval.answers import Answer
from bot.retrieval.parts import split_parts
from bot.rules.calculator import Calculator, Computed
from bot.rules.figures import read_figures, works_a_figure, works_other_figure
from bot.rules.intent import WORKING_DAYS, Kind, Missing, Request, asks_the_rule, calculator_step, routes_named
from bot.rules.table import TIME_LIMITS

# "Are you a bot?", "你是真人还是机器人", "who made you?": asked of the desk itself in nearly every blind set, and
# answered with the nearest entry (how to reach an officer) as if it were a customs question.
ABOUT_THE_DESK = re.compile(
    r"\b(?:are|r) (?:you|u) (?:a |an )?(?:real|human|person|bot|robot|chatbot|machine|ai)\b"
    r"|\bwho (?:made|built|created|programmed) (?:you|this bot)\b|\bwhat(?:'s| is) your name\b"
    r"|\b(?:which|what) (?:ai )?model (?:are you|runs|is this|do you)"
    r"|你们?是(?:不是)?(?:真人|机器人|人工智能|ai|谁)|真人还是机器|谁(?:开发|做|写)的你|你叫什么|你是什么模型",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DeskAnswer:
    """The engine's ranking (`retrieved`, always there for the related topics) and what the desk made of it."""

    question: str
    lang: str
    retrieved: Answer
    computed: Computed | None = None
    clarify: Request | None = None  # a computation asked for without a figure that can be read
    about: bool = False  # a question about the desk itself: what it is and how to reach a person, no entry
    entry_shown: bool = False  # with `clarify`: the confident entry is given first, the request for the figure after
    withheld: bool = False  # the entry found works an example for another figure: not given as the answer
    html: Html = Html("")

    @property
    def answered(self) -> bool:
        """Whether the user got an answer (a computed figure or an entry), not a decline or a question back."""
        return self.computed is not None or (
            self.retrieved.answered and not self.withheld and not self.about
            and (self.clarify is None or self.entry_shown)
        )

    @property
    def calculable(self) -> str | None:
        """The calculator's step for an entry answer about guarantee amounts or working-day limits (or such an
        entry withheld because it works another figure's example), else None."""
        if self.computed is not None or not (self.answered or self.withheld):
            return None
        return calculator_step(f"{self.retrieved.title}\n{self.retrieved.text}")

    @property
    def plain_text(self) -> str:
        """The answer as the user reads it, without markup: empty when declined."""
        return plain(self.html) if self.answered else ""

    def as_json(self) -> dict[str, object]:
        """The `iprdesk ask --json` object: the engine's, corrected by what the desk did."""
        data = self.retrieved.as_json()
        data["answered"] = self.answered
        if self.computed is not None:
            data.update(
                answer=self.plain_text,
                title="",
                entry_id=None,
                legal_basis=None,
                source=None,
                computed=self.computed.as_json(),
            )
        elif not self.answered:
            data.update(answer="", title="", entry_id=None, legal_basis=None, source=None)
        if self.clarify is not None:
            data["needs"] = self.clarify.missing.value if self.clarify.missing else None
            data["reply"] = plain(self.html)
        if self.withheld:
            data["withheld_entry"] = self.retrieved.entry_id
        return data


def _other_part(
    question: str, lang: str, retriever: RetrieverPort, calculator: Calculator, done: Request
) -> Html | None:
    """A two-part question whose one part was computed ("how much guarantee for RMB 50,000, and how long is
    the recordation valid?"): the other part computed too when it asks another computation ("how many days
    do we have to reply, and how much guarantee?"), else the entry that answers it, when one does with
    confidence."""
    parts = [part for part in split_parts(question, lang) if part != question]
    requests = [(part, calculator.read(part)) for part in parts]
    # Another computation first, wherever its part stands; then the entry for a part no computation reads.
    for _, request in requests:
        if request is not None and (computed := _computed_besides(request, done, calculator)) is not None:
            return computed_html(computed, lang, calculator.today())
    for part, request in requests:
        if request is not None:
            continue
        found = retriever.ask(part)
        if _usable(found, part, calculator):
            return answer_html(found, normalize_lang(found.lang))
    return None


def _computed_besides(request: Request, done: Request, calculator: Calculator) -> Computed | None:
    """A part's computation when it adds to `done`: another kind, and of periods only those not counted."""
    if request.kind is done.kind:
        return None
    if request.kind is Kind.PERIOD:
        limits = tuple(key for key in request.limits if key not in done.limits)
        if not limits:
            return None
        request = replace(request, limits=limits)
    return calculator.compute(request)


def _entry_states_periods(retrieved: Answer, request: Request) -> bool:
    """Whether the confident entry states every working-day period asked (the table and the knowledge base
    never disagree: tests/rules/test_table.py): then its fuller answer is given instead."""
    if not retrieved.answered:
        return False
    stated = {int(m.group(1)) for m in WORKING_DAYS.finditer(f"{retrieved.title}\n{retrieved.text}")}
    return all(TIME_LIMITS[key].working_days in stated for key in request.limits)


def _usable(retrieved: Answer, question: str, calculator: Calculator) -> bool:
    """A confident entry that does not work an example for another figure than the question's."""
    figures = read_figures(question, calculator.today())
    return retrieved.answered and not works_other_figure(figures, retrieved.title, retrieved.text)


def _states_no_figure(retrieved: Answer, request: Request, calculator: Calculator) -> bool:
    """Whether a confident entry, shown before the request for a figure or for the time limit meant, works
    none: no amount of goods and no date (a worked example would read as the asker's own)."""
    if request.missing not in (Missing.AMOUNT, Missing.DATE, Missing.LIMIT):
        return False
    if request.kind is Kind.GUARANTEE and len(request.routes) > 1 and len(routes_named(retrieved.title)) == 1:
        return False  # "how much bond for our goods?" names no route: one route's entry would be a guess
    return not works_a_figure(f"{retrieved.title}\n{retrieved.text}", calculator.today())


def answer_question(question: str, retriever: RetrieverPort, calculator: Calculator) -> DeskAnswer:
    """The desk's answer to `question`, in the language it was asked in."""
    retrieved = retriever.ask(question)
    lang = normalize_lang(retrieved.lang)
    if ABOUT_THE_DESK.search(question):
        return DeskAnswer(question, lang, retrieved, about=True, html=text("about_desk", lang))
    request = calculator.read(question)
    if request is not None and beyond_our_rules(question):
        request = None  # "how many days does Japan's customs give us?": China's table would answer confidently wrong
    if request is not None and request.kind is Kind.PERIOD and _entry_states_periods(retrieved, request):
        request = None  # the entry found states the same period, and answers the rest of the question too
    if request is not None:
        computed = calculator.compute(request)
        if computed is not None:
            html = computed_html(computed, lang, calculator.today())
            if request.kind is Kind.PERIOD and _usable(retrieved, question, calculator):
                # A confident entry on something else may be what was asked: both, the entry first.
                return DeskAnswer(question, lang, retrieved, computed=computed,
                                  html=Html(f"{answer_html(retrieved, lang)}\n\n{html}"))
            if other := _other_part(question, lang, retriever, calculator, computed.request):
                html = Html(f"{html}\n\n{other}")
            return DeskAnswer(question, lang, retrieved, computed=computed, html=html)
        clarify = clarify_html(request, lang)
        if _usable(retrieved, question, calculator) and (
            asks_the_rule(question, request) or _states_no_figure(retrieved, request, calculator)
        ):
            # The rule asked without a value ("what's the cap on the ex officio bond?", "按什么标准交？"), or a
            # figure the rule needs is missing from the question ("ours runs out next spring; when can we
            # renew?", "交多少担保能先放行？"): the confident entry answers it when it works no figure the asker
            # could take for theirs; what computing one's own figure needs follows.
            return DeskAnswer(question, lang, retrieved, clarify=request, entry_shown=True,
                              html=Html(f"{answer_html(retrieved, lang)}\n\n{clarify}"))
        return DeskAnswer(question, lang, retrieved, clarify=request, html=clarify)
    if retrieved.answered and works_other_figure(
        read_figures(question, calculator.today()), retrieved.title, retrieved.text
    ):
        return DeskAnswer(question, lang, retrieved, withheld=True, html=text("example_withheld", lang))
    if retrieved.answered:
        return DeskAnswer(question, lang, retrieved, html=answer_html(retrieved, lang))
    return DeskAnswer(question, lang, retrieved)
