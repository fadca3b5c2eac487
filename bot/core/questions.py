"""Questions to the knowledge base and what the buttons under an answer do."""

from __future__ import annotations

import logging

from bot.core import buttons, calc, caseports, gaps, intake
from bot.core.conversation_lang import InLanguage
from bot.core.desk import DeskAnswer, answer_question
from bot.core.messages import Button, Reply
from bot.core.ports import calculator_of, observer_of
from bot.core.render import answer_html, not_answered_html
from bot.core.state import Question
from bot.core.texts import Html, normalize_lang, shorten, text
from bot.core.turn import Rows, Turn
from bot.retrieval.answers import Answer, Source
from bot.rules.intent import Kind, Missing
from bot.tracker.values import ItemKind

log = logging.getLogger(__name__)

ESCALATION_TITLE_MAX = 100  # officers scan titles in the queue; the whole question is the description
TOPICS_SHOWN = 3


def ask(turn: Turn, question: str) -> list[Reply]:
    """Answer from the rules or the knowledge base, or admit it plainly; either way offer the way to an officer."""
    # The answer, its labels and buttons are in the conversation's language (the first message's, or /lang),
    # whatever script this question is typed in: the engine's twins make that possible (conversation_lang).
    if refused := turn.over_limit("question"):  # before the engine: a flood must not reach the model
        return refused
    engine = InLanguage(turn.services.retriever, turn.lang)
    desk = answer_question(question, engine, calculator_of(turn.services))
    answer, lang = desk.retrieved, desk.lang
    observer_of(turn.services).question(answered=desk.answered, lang=lang)
    shown = answer.entry_id if desk.answered and desk.computed is None else None
    token = turn.state.remember_question(question, shown)
    if desk.computed is not None or desk.clarify is not None:
        return [Reply(desk.html, _computed_rows(turn, desk, token))]
    if desk.about:  # "are you a bot?": what the desk is, and the way to a person
        return [Reply(desk.html, ((buttons.ask_officer(token, lang),),))]
    if desk.answered:
        topics, html = answer.related, desk.html
    else:
        topics = answer.related or answer.sources[:TOPICS_SHOWN]
        html = not_answered_html(topics, lang)
        if desk.withheld:
            html = Html(desk.html + "\n" + html)
        if gaps.note_declined(turn, question):  # like questions an admin called "not for this desk": say so
            topics, html = (), text("kb_not_for_desk", lang)
    rows = _topic_rows(turn, topics, token)
    if kind := desk.calculable:  # an entry on guarantees or deadlines (given or withheld): compute one's own
        rows.append((buttons.calculator(lang, kind),))
    if desk.answered:
        rows.append(buttons.feedback(token, lang))
    rows.append((buttons.ask_officer(token, lang),))
    rows.extend(_add_to_rows(turn, token, lang))
    return [Reply(html, tuple(rows))]


def _computed_rows(turn: Turn, desk: DeskAnswer, token: str) -> Rows:
    """Under a computed answer (or the question for a figure): the calculator, the nearest entries, an officer."""
    kind = desk.computed.request.kind if desk.computed else desk.clarify.kind if desk.clarify else None
    if desk.clarify is not None and desk.clarify.date is not None and desk.clarify.missing is Missing.LIMIT:
        rows = list(calc.ask_limit_for(turn, desk.clarify.date.value))
    else:
        rows = [(buttons.calculator(desk.lang, _calc_step(desk, kind)),)]
    rows += _topic_rows(turn, desk.retrieved.sources[:TOPICS_SHOWN], token)
    rows.append((buttons.ask_officer(token, desk.lang),))
    rows.extend(_add_to_rows(turn, token, desk.lang))
    return tuple(rows)


def _calc_step(desk: DeskAnswer, kind: Kind | None) -> str:
    """Where the calculator button opens: a period stated without a date asks for its date (or its limit)."""
    if kind is Kind.PERIOD and desk.computed is not None:
        limits = desk.computed.request.limits
        return f"d.{limits[0]}" if len(limits) == 1 else Kind.DEADLINE.value
    return kind.value if kind else ""


def _topic_rows(turn: Turn, topics: tuple[Source, ...], token: str) -> list[tuple[Button, ...]]:
    return [(buttons.entry(s.label or s.title, s.id, token, turn.state),) for s in topics[:TOPICS_SHOWN]]


def _add_to_rows(turn: Turn, token: str, lang: str) -> Rows:
    """“Add to an open item…” when there is one (one indexed row); the press asks which (bot/core/adding.py)."""
    latest = turn.services.tracker.latest_open_item(actor_id=turn.user_id)
    if latest is None:
        return ()
    return ((buttons.add_to_open(latest, token, lang),),)


def escalate(turn: Turn, token: str) -> list[Reply]:
    """The “Ask an officer” button: the structured intake (bot/core/intake.py) with the question it was shown
    under as the description; its summary logs the question, once."""
    question = turn.state.question(token)
    if question is None:
        return turn.say("button_expired")
    if question.item_id is not None:
        return turn.say("already_escalated", item=question.item_id)
    # One action of the limit per press, as before the intake: only one intake waits at a time, so the
    # escalations logged never outnumber the presses allowed
    if refused := turn.over_limit("item"):
        return refused
    return intake.start_escalation(turn, token, question.text)


def log_escalation(turn: Turn, draft: dict[str, str]) -> list[Reply]:
    """The intake's summary confirmed: the whole question goes on the list as an escalation with its fields."""
    question = turn.state.question(draft.get("esc", ""))
    if question is None:  # more questions asked since: the token is forgotten
        return turn.say("button_expired")
    if question.item_id is not None:
        return turn.say("already_escalated", item=question.item_id)
    item = caseports.tracker_of(turn).raise_item(
        actor_id=turn.user_id,
        title=shorten(question.text, ESCALATION_TITLE_MAX),
        description=question.text,
        kind=ItemKind.ESCALATION,
        intake=intake.draft_intake(draft),
    )
    question.item_id = item.id
    observer_of(turn.services).escalation()
    attached = intake.attach_held(turn, draft, item.id)
    said = Html("\n".join([turn.t("escalated", item=item.id), *attached, turn.t("pick_category")]))
    return [Reply(said, buttons.categories(turn.lang, item.id))]  # officers sort escalations by category too


def feedback(turn: Turn, token: str, verdict: str) -> list[Reply]:
    """👍/👎 on the entry shown: kept for whoever keeps the knowledge base (/stats); a 👎 points to the officers."""
    question = turn.state.question(token)
    if question is None:
        return turn.say("button_expired")
    if question.entry is not None:
        turn.services.tracker.record_feedback(
            user_id=turn.user_id, entry_id=question.entry, question=question.text, helpful=verdict == "y"
        )
    if verdict == "y":
        return turn.say("feedback_thanks")
    gaps.note_unhelpful(turn, question.text, question.entry)  # on the gaps list, with the entry shown
    return turn.say("feedback_sorry", _escalation_rows(question, turn.lang))


def _escalation_rows(question: Question, lang: str) -> Rows:
    if question.item_id is not None:
        return ()
    return ((buttons.ask_officer(question.token, lang),),)


def show_entry(turn: Turn, token: str, ref: str) -> list[Reply]:
    """A "did you mean" entry as an answer; still under the original question's feedback and escalation."""
    entry_id = buttons.entry_id_of(ref, turn.state)
    if entry_id is None:
        return turn.say("button_expired")
    answer: Answer | None = turn.services.retriever.entry(entry_id)  # in the language of its button
    if answer is None:
        return turn.say("entry_gone")
    lang = normalize_lang(answer.lang)
    question = turn.state.question(token) if token else None
    if question is None:  # the officers' chat: the entry alone, to copy from
        return [Reply(answer_html(answer, lang))]
    question.entry = entry_id  # a 👍/👎 now judges this entry
    rows: Rows = (buttons.feedback(token, lang), *_escalation_rows(question, lang))
    return [Reply(answer_html(answer, lang), rows)]

