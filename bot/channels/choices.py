"""Buttons where the platform has none: numbered choices, and a typed number presses the button it names.
The terminal chat and WeCom (when a reply has more buttons than a card takes) share it; WeCom keeps them in
the tracker between messages (`pairs`, `of_pairs`), as the next message may reach another replica."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.messages import Button


class Choices:
    """The buttons shown since the last line typed, numbered from 1 in the order shown."""

    def __init__(self) -> None:
        self.buttons: list[Button] = []

    @classmethod
    def of_pairs(cls, pairs: Sequence[tuple[str, str]]) -> Choices:
        """Choices stored as `pairs` gave them."""
        choices = cls()
        choices.buttons = [Button(label, data) for label, data in pairs]
        return choices

    def pairs(self) -> list[tuple[str, str]]:
        """(label, data) of each button, in order: what to store."""
        return [(button.label, button.data) for button in self.buttons]

    def number(self, rows: Sequence[Sequence[Button]]) -> list[str]:
        """One line per row of buttons, `[n] label` each; the buttons are remembered for `pick`."""
        lines = []
        for row in rows:
            cells = []
            for button in row:
                self.buttons.append(button)
                cells.append(f"[{len(self.buttons)}] {button.label}")
            lines.append("  ".join(cells))
        return lines

    def pick(self, line: str) -> Button | None:
        """The button a typed number names; None for anything else (it is then a message)."""
        number = line.strip()
        if number.isascii() and number.isdigit() and 1 <= int(number) <= len(self.buttons):
            return self.buttons[int(number) - 1]
        return None

    def clear(self) -> None:
        self.buttons = []
