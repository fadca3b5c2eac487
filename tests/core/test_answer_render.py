"""An engine answer as Telegram HTML: a two-part question's second entry follows the first, with its basis."""

from __future__ import annotations

from bot.core.render import answer_html
from bot.retrieval.answers import Answer


def answer(title: str, text: str, basis: str, also: tuple[Answer, ...] = ()) -> Answer:
    return Answer(question="q", answered=True, confidence=0.9, lang="en", text=text, title=title, legal_basis=basis,
                  source=None, entry_id=title, also=also)


def test_the_second_entry_follows_the_first_each_with_its_legal_basis() -> None:
    second = answer("Until when is it valid?", "Until 30 June.", "Announcement No. 31")
    html = answer_html(answer("What is the minimum?", "RMB 200,000.", "Measures Art. 24", (second,)), "en")

    assert html.index("<b>What is the minimum?</b>") < html.index("Measures Art. 24")
    assert html.index("Measures Art. 24") < html.index("<b>Until when is it valid?</b>")
    assert html.index("<b>Until when is it valid?</b>") < html.index("Announcement No. 31")


def test_two_long_entries_still_fit_one_message() -> None:
    long = "A paragraph of text.\n\n" * 400
    html = answer_html(answer("First", long, "Art. 1", (answer("Second", long, "Art. 2"),)), "en")

    assert len(html) < 4096
    assert "Art. 2" in html
