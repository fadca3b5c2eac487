"""Why a knowledge file was refused, said in the reader's language: the parser and the upload return
Rejections (bot/retrieval/rejections.py), a code with its parameters and where; the sentences are texts.py's
`kbr_<code>`. The command line renders them in English through the same texts."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.core.texts import Html, text
from bot.retrieval.rejections import Rejection

# A broken file can have many errors; the first ones are enough to fix it, and the message stays short.
ERRORS_SHOWN = 15


def rejection_text(error: str, lang: str | None) -> Html:
    """One refusal: where, then why in `lang`; a line that is not a Rejection (an older index's) as it is."""
    if not isinstance(error, Rejection):
        return Html(escape(error))
    return Html(f"{escape(error.where)}: {text(f'kbr_{error.code}', lang, **error.params)}")


def rejection_list(errors: Sequence[str], lang: str | None) -> Html:
    """The first ERRORS_SHOWN refusals, one bullet each, and how many more there are."""
    shown = [f"• {rejection_text(error, lang)}" for error in errors[:ERRORS_SHOWN]]
    if len(errors) > ERRORS_SHOWN:
        shown.append(f"… (+{len(errors) - ERRORS_SHOWN})")
    return Html("\n".join(shown))



def refusal_reason(error: Exception, lang: str | None) -> str:
    """A refused edit or a failed build as a sentence's `reason`: the Rejection it carries in `lang` (a file
    that would not parse, an id another file holds), else its own line."""
    first = error.args[0] if error.args else None
    return rejection_text(first, lang) if isinstance(first, Rejection) else str(error)
