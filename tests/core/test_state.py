"""Chat state: small, bounded, and readable back from what the tracker stores."""

from __future__ import annotations

from bot.core.state import RECENT_ALIASES, RECENT_QUESTIONS, STEP_FOLLOW_UP, ChatState


def test_state_survives_the_round_trip_through_a_dict() -> None:
    state = ChatState()
    token = state.remember_question("How do I record?")
    state.enter(STEP_FOLLOW_UP, item_id=4)
    state.alias("x" * 80)
    again = ChatState.from_dict(state.as_dict())
    assert again == state
    assert again.question(token) is not None and again.question(token).text == "How do I record?"  # type: ignore[union-attr]


def test_only_the_most_recent_questions_are_kept_with_unique_tokens() -> None:
    state = ChatState()
    tokens = [state.remember_question(f"question {i}") for i in range(RECENT_QUESTIONS + 5)]
    assert len(set(tokens)) == len(tokens)
    assert len(state.questions) == RECENT_QUESTIONS
    assert state.question(tokens[0]) is None and state.question(tokens[-1]) is not None


def test_aliases_are_bounded_too() -> None:
    state = ChatState()
    for i in range(RECENT_ALIASES + 3):
        state.alias(f"entry-{i}")
    assert len(state.aliases) == RECENT_ALIASES and "entry-0" not in state.aliases.values()


def test_an_unreadable_stored_state_starts_afresh() -> None:
    assert ChatState.from_dict({"q": [["only-two", "fields"]], "n": "x"}) == ChatState()
    assert ChatState.from_dict({}) == ChatState()
