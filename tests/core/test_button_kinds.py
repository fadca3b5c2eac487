"""The one table of button kinds (bot.core.presses.KINDS): every button the core makes is of a kind declared
there, with the arguments it declares, and data of any other kind is neither made nor read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bot.core import buttons
from bot.core.buttons import Who
from bot.core.presses import KINDS

CORE = Path(__file__).resolve().parents[2] / "bot" / "core"


def calls(name: str) -> list[tuple[str, ast.Call]]:
    """Every call of bot.core.buttons' `name` or messages' Button in bot/core (as `name(` or `buttons.name(`),
    with its file."""
    found = []
    for path in sorted(CORE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in (name, f"buttons.{name}"):
                found.append((path.name, node))
    return found


def test_every_kind_the_core_encodes_is_declared_with_that_many_arguments() -> None:
    encoded = [(where, call) for where, call in calls("encode") if call.args]
    literal = [(where, call) for where, call in encoded if isinstance(call.args[0], ast.Constant)]
    assert len(literal) > 30  # the scan sees the core's buttons

    for where, call in literal:
        kind = call.args[0].value
        assert kind in KINDS, (where, kind)
        assert not any(isinstance(a, ast.Starred) for a in call.args), (where, kind)
        assert len(call.args) - 1 == KINDS[kind].arity, (where, kind)
    computed = {where for where, call in encoded if not isinstance(call.args[0], ast.Constant)}
    assert computed == {"buttons.py"}  # kb_draft's kinds: KB_LABELS, checked below
    assert set(buttons.KB_LABELS) <= set(KINDS)


def test_every_button_of_the_core_carries_encoded_data() -> None:
    """No callback data written by hand: a Button's data is always encode(...), so the table sees it."""
    made = [(where, call) for where, call in calls("Button") if len(call.args) >= 2]
    assert len(made) > 30

    for where, call in made:
        data = call.args[1]
        branches = [data.body, data.orelse] if isinstance(data, ast.IfExp) else [data]
        for branch in branches:
            assert isinstance(branch, ast.Call), (where, ast.unparse(data))
            assert ast.unparse(branch.func) in ("encode", "buttons.encode"), (where, ast.unparse(data))


@pytest.mark.parametrize("kind, args", [("zz", ("1",)), ("take", ()), ("take", ("1", "2")), ("gap", ("1", "a"))])
def test_encode_refuses_a_kind_not_declared_with_those_arguments(kind: str, args: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        buttons.encode(kind, *args)


def test_decode_reads_the_declared_arity_and_leaves_the_separator_in_the_last_argument() -> None:
    assert buttons.decode("gap:4:a:file#entry:part") == buttons.Press("gap", ("4", "a", "file#entry:part"))
    assert buttons.decode("take:4:5") == buttons.Press("take", ("4:5",))  # one argument: the rest of the data


def test_who_may_press_is_declared_with_the_kind() -> None:
    assert KINDS["take"].who is Who.STAFF and KINDS["gap"].who is Who.ADMIN and KINDS["e"].who is Who.ANYONE
    assert {k for k, kind in KINDS.items() if kind.who is Who.ADMIN} == {"kbp", "kbc", "kba", "kbe", "kbr", "gap"}
