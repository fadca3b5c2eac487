"""What every command shares: its exit codes, its one-line failure, and the run it belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import typer

from bot.config import Settings


class Exit(IntEnum):
    OK = 0
    ERROR = 1  # the command could not do its work; the line printed says why
    USAGE = 2  # the command line itself is wrong (typer's own code for this)
    NOT_CONFIGURED = 3  # a setting is missing (e.g. no Telegram token)


class Failure(Exception):
    """An expected failure: printed as one plain line, no traceback."""

    def __init__(self, message: str, code: Exit = Exit.ERROR) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Invocation:
    """One run of the command line: its flags, and the settings, built once when a command first needs them.
    main() makes it and typer hands it to every command as `ctx.obj`; nothing of it outlives the run."""

    traceback: bool = False
    built: Settings | None = None

    def settings(self) -> Settings:
        if self.built is None:
            self.built = Settings()
        return self.built


def settings_of(ctx: typer.Context) -> Settings:
    """The run's settings, built when a command first needs them."""
    return ctx.ensure_object(Invocation).settings()
