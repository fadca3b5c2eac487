"""The gaps list: questions the desk declined, answers marked 👎 and escalations officers closed, similar ones
grouped; an admin settles a group with one press (/gaps)."""

from __future__ import annotations

from collections import Counter
from html import escape

from bot.core import buttons
from bot.core.desk import answer_question
from bot.core.kb import keep
from bot.core.messages import Button, Reply
from bot.core.ports import calculator_of
from bot.core.texts import Html, normalize_lang, shorten
from bot.core.turn import Turn
from bot.retrieval.editing import EditRefused, with_phrasings
from bot.retrieval.grouping import is_chinese
from bot.retrieval.knowledge import Section
from bot.retrieval.reports import BuildFailed, FileChange
from bot.tracker.knowledge_views import GapView

GROUPS_SHOWN = 5
EXAMPLES_SHOWN = 3  # questions of a group shown besides the first
ENTRIES_OFFERED = 3  # "Answered by" buttons: the engine's nearest entries for the group's first question
DISMISSED_COMPARED = 200  # the newest "not for this desk" questions a declined one is compared with
PHRASINGS_MAX = 20  # per entry from one press: a huge group adds its most distinct first questions


def lang_of(question: str) -> str:
    return "zh" if is_chinese(question) else "en"


def note_declined(turn: Turn, question: str) -> bool:
    """Put a declined question on the list; True when it is like one an admin called "not for this desk"
    (then it is not listed again, and the desk says so at once instead of offering topics)."""
    tracker = turn.services.tracker
    dismissed = tracker.dismissed_questions(limit=DISMISSED_COMPARED)
    if dismissed:
        groups = turn.services.retriever.group_questions([question, *dismissed])
        if any(0 in g and len(g) > 1 for g in groups):
            return True
    tracker.note_gap(question=question, lang=lang_of(question), source="declined", user_id=turn.user_id)
    return False


def note_unhelpful(turn: Turn, question: str, entry_id: str | None) -> None:
    turn.services.tracker.note_gap(
        question=question, lang=lang_of(question), source="unhelpful", user_id=turn.user_id, entry_id=entry_id
    )


def grouped(turn: Turn) -> list[list[GapView]]:
    """The listed gaps in groups of similar questions, largest first."""
    listed = turn.services.tracker.listed_gaps(actor_id=turn.user_id)
    groups = turn.services.retriever.group_questions([g.question for g in listed])
    return [[listed[i] for i in group] for group in groups]


def show(turn: Turn, args: str) -> list[Reply]:
    """`/gaps`: the largest groups first, each with the engine's nearest entries as buttons."""
    groups = grouped(turn)
    if not groups:
        return turn.say("gaps_empty")
    total = sum(len(g) for g in groups)
    replies = [Reply(turn.t("gaps_header", groups=len(groups), questions=total, shown=min(GROUPS_SHOWN, len(groups))))]
    replies += [_group_reply(turn, group) for group in groups[:GROUPS_SHOWN]]
    return replies


def _group_reply(turn: Turn, group: list[GapView]) -> Reply:
    first = group[0]
    langs = Counter(g.lang for g in group)
    sources = Counter(g.source for g in group)
    lines: list[str] = [
        turn.t("gap_group", count=len(group), question=shorten(first.question, 200),
               langs=" · ".join(f"{lang} {n}" for lang, n in sorted(langs.items())),
               sources=", ".join(f"{turn.t(f'gap_source_{s}')} {n}" for s, n in sources.most_common()))
    ]
    lines += [f"• {escape(shorten(g.question, 120))}" for g in group[1:1 + EXAMPLES_SHOWN]]
    if len(group) > 1 + EXAMPLES_SHOWN:
        lines.append(f"… (+{len(group) - 1 - EXAMPLES_SHOWN})")
    shown = sorted({g.entry_id for g in group if g.entry_id})
    if shown:
        lines.append(turn.t("gap_unhelpful_entries", entries=", ".join(shown)))
    if any(g.status == "needs_entry" for g in group):
        lines.append(turn.t("gap_marked_needs_entry"))
    return Reply(Html("\n".join(lines)), _group_rows(turn, first))


def _group_rows(turn: Turn, first: GapView) -> tuple[tuple[Button, ...], ...]:
    nearest = turn.services.retriever.ask(first.question).sources[:ENTRIES_OFFERED]
    rows: list[tuple[Button, ...]] = [
        (buttons.gap_action(first.id, "a", s.id, turn.t("btn_gap_answered_by", title=s.label or s.title),
                            turn.state),)
        for s in nearest
    ]
    rows.append((
        buttons.gap_action(first.id, "n", "-", turn.t("btn_gap_needs_entry"), turn.state),
        buttons.gap_action(first.id, "x", "-", turn.t("btn_gap_dismiss"), turn.state),
    ))
    return tuple(rows)


def press(turn: Turn, gap_id: int, action: str, ref: str) -> list[Reply]:
    """One of a group's buttons: settles every gap still listed in the group of `gap_id`."""
    if not turn.is_admin:
        return turn.say("not_allowed")
    gap = turn.services.tracker.gap(actor_id=turn.user_id, gap_id=gap_id)
    group = next((g for g in grouped(turn) if any(x.id == gap_id for x in g)), None)
    if group is None or (action == "n" and gap.status == "needs_entry"):
        return turn.say("gap_already_handled", who=gap.handled_name or "—",
                        how=turn.t(f"gap_status_{gap.status}"))
    ids = [g.id for g in group]
    if action == "a":
        entry_id = buttons.entry_id_of(ref, turn.state)
        if entry_id is None:
            return turn.say("button_expired")
        return _answered_by(turn, group, gap_id, entry_id)
    status = "needs_entry" if action == "n" else "dismissed"
    settled = turn.services.tracker.settle_gaps(actor_id=turn.user_id, gap_ids=ids, status=status)
    if not settled:
        return turn.say("gap_already_handled", who="—", how=turn.t(f"gap_status_{status}"))
    return turn.say("gap_marked_needs" if action == "n" else "gap_dismissed", count=settled)


def _answered_by(turn: Turn, group: list[GapView], gap_id: int, entry_id: str) -> list[Reply]:
    """The group's questions become phrasings of the entry (Chinese ones of its Chinese twin, English ones of
    its English twin, when it has one), written, kept and indexed at once; then the gaps are settled. A question
    of the group the engine does not place the entry near stays listed (see _near)."""
    sections = {s.id: s for s in turn.services.knowledge.knowledge().sections}
    entry = sections.get(entry_id)
    if entry is None:
        return turn.say("entry_gone")
    written: list[str] = []
    twins = _twins(entry, sections)
    ids = {s.id for s in twins.values()}
    kept = [g for g in group if g.id == gap_id or _near(turn, ids, g.question)]
    group, left = kept, len(group) - len(kept)
    targets = _by_target(entry, twins, group)
    try:
        for target, questions in targets.items():
            written += _write_phrasings(turn, target, questions)
    except (EditRefused, BuildFailed) as exc:
        return turn.say("gap_write_failed", reason=str(exc))
    settled = turn.services.tracker.settle_gaps(
        actor_id=turn.user_id, gap_ids=[g.id for g in group], status="answered", answer_entry=entry_id
    )
    if not settled and not written:
        return turn.say("gap_already_handled", who="—", how=turn.t("gap_status_answered"))
    missing = _not_answered(turn, ids, [q for qs in targets.values() for q in qs])
    said = (turn.t("gap_answered_partly", count=len(written), entry=entry.title, missing=missing) if missing
            else turn.t("gap_answered", count=len(written), entry=entry.title))
    if left:
        said = Html(said + "\n" + turn.t("gap_answered_left", count=left))
    return [Reply(said)]


def _near(turn: Turn, entry_ids: set[str], question: str) -> bool:
    """Whether the engine places the entry (or a twin) among the question's own nearest entries, as /gaps
    offers them. Similar questions are grouped by the embedding model, which also puts different questions on
    one topic together (tests/retrieval/test_grouping.py): written as the entry's phrasing, such a question
    would be answered from the wrong entry."""
    return any(s.id in entry_ids for s in turn.services.retriever.ask(question).sources[:ENTRIES_OFFERED])


def _twins(entry: Section, sections: dict[str, Section]) -> dict[str, Section]:
    """The entry and its translations, by language."""
    twins = {entry.lang: entry}
    for s in sections.values():
        if s.translation_of == entry.id or entry.translation_of == s.id:
            twins.setdefault(s.lang, s)
    return twins


def _not_answered(turn: Turn, entry_ids: set[str], questions: list[str]) -> int:
    """How many of `questions` the desk, asked again now, still does not answer from the entry (or a twin): a
    phrasing brings a question to an entry, but the desk's other checks may still decline it, and the admin is
    told so rather than promised an answer."""
    calculator = calculator_of(turn.services)
    asked = [answer_question(q, turn.services.retriever, calculator) for q in questions]
    return sum(1 for d in asked if not d.answered or d.retrieved.entry_id not in entry_ids)


def _by_target(entry: Section, twins: dict[str, Section], group: list[GapView]) -> dict[Section, list[str]]:
    targets: dict[Section, list[str]] = {}
    for g in group:
        target = twins.get(normalize_lang(g.lang), entry)
        if len(targets.setdefault(target, [])) < PHRASINGS_MAX:
            targets[target].append(g.question)
    return targets


def _write_phrasings(turn: Turn, section: Section, questions: list[str]) -> list[str]:
    added: list[str] = []

    def edit(data: bytes | None) -> bytes | None:
        if data is None:
            raise EditRefused(f"{section.path} is gone")
        new, fresh = with_phrasings(section.path, data, section.anchor, questions)
        added.extend(fresh)
        return new

    def record(change: FileChange) -> None:  # made while the build lock is held
        if added:
            summary = f"{len(added)} phrasing(s) under “{section.title}”"
            keep(turn.services.tracker, change, actor_id=turn.user_id, kind="phrasings", summary=summary,
                 topic=section.file_id)

    turn.services.knowledge.change_file(section.path, edit, record)
    return added
