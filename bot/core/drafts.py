"""Officers' proposed answers as admins see them: the draft with Approve / Edit / Reject, whether it comes as an
outbox notice (sent to every admin in the transaction that made the draft) or from `/kb drafts`."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.core import buttons
from bot.core.messages import Button, Reply
from bot.core.texts import Html, text
from bot.core.turn import Turn
from bot.tracker.knowledge_views import DraftView
from bot.tracker.notices import KbDraft

DRAFTS_SHOWN = 10  # by `/kb drafts`, oldest first: one message each, with its buttons


def entry_html(
    lang: str, *, draft_id: int, item_id: int | None, draft_lang: str, content: str, removed: Sequence[str]
) -> Html:
    """The draft as admins review it: the entry as it would be written, and what was removed."""
    parts = [text("kb_draft_header", lang, draft=draft_id, item=item_id or "—", lang_name=draft_lang),
             f"<pre>{escape(content)}</pre>"]
    if removed:
        parts.append(text("kb_draft_removed", lang, removed="; ".join(removed)))
    else:
        parts.append(text("kb_draft_removed_none", lang))
    return Html("\n".join(parts))


def draft_html(draft: DraftView, lang: str) -> Html:
    return entry_html(lang, draft_id=draft.id, item_id=draft.item_id, draft_lang=draft.lang, content=draft.content,
                      removed=draft.removed)


def review_rows(draft_id: int, lang: str) -> tuple[tuple[Button, ...], ...]:
    return ((buttons.kb_draft("kba", draft_id, lang), buttons.kb_draft("kbe", draft_id, lang),
             buttons.kb_draft("kbr", draft_id, lang)),)


def notice(draft: KbDraft, chat_id: int, lang: str) -> Reply:
    """The kb_draft notice: the draft as it was proposed (a press on a draft decided since says who did)."""
    html = entry_html(lang, draft_id=draft.draft_id, item_id=draft.item_id, draft_lang=draft.lang,
                      content=draft.content, removed=draft.removed)
    return Reply(html, review_rows(draft.draft_id, lang), chat_id=chat_id)


def waiting(turn: Turn) -> list[Reply]:
    """`/kb drafts`: the officers' answers no admin has decided yet, each with its buttons."""
    pending = turn.services.tracker.pending_drafts(actor_id=turn.user_id, limit=DRAFTS_SHOWN + 1)
    if not pending:
        return turn.say("kb_drafts_none")
    header = turn.t("kb_drafts_header", count=len(pending[:DRAFTS_SHOWN]),
                    more=turn.t("kb_drafts_more") if len(pending) > DRAFTS_SHOWN else "")
    shown = [Reply(draft_html(d, turn.lang), review_rows(d.id, turn.lang)) for d in pending[:DRAFTS_SHOWN]]
    return [Reply(header), *shown]
