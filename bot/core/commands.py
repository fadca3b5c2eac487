"""The slash commands: who may use which, what each is called in help and in Telegram's command menu."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.core import admin, calc, casework, enterprise, gaps, kb, linking, officer, recordations, reopening
from bot.core.language import lang
from bot.core.messages import Reply
from bot.core.texts import Html, text
from bot.core.turn import Turn
from bot.tracker.values import STAFF, Role

Handler = Callable[[Turn, str], list[Reply]]

# The name runs to the first space or line break: "/reply 12" then the answer on the next lines works.
_COMMAND = re.compile(r"/(\S+)\s*(.*)", re.DOTALL)


@dataclass(frozen=True)
class Command:
    name: str
    handler: Handler
    describe: str  # the texts key of its one-line description


def start(turn: Turn, args: str) -> list[Reply]:
    return turn.say("start", name=turn.user.name)


def show_help(turn: Turn, args: str) -> list[Reply]:
    """The commands of the user's role, grouped: enterprise, then officer, then admin."""
    table = commands_of(turn.role)
    sections = [_help_section(turn, "help_enterprise", EVERYONE, table), turn.t("help_questions")]
    if turn.is_staff:
        sections.append(_help_section(turn, "help_officer", OFFICERS, table))
    if turn.is_admin:
        sections.append(_help_section(turn, "help_admin", ADMINS, table) + "\n" + turn.t("help_upload"))
    return [Reply(Html("\n\n".join(sections)))]


def _help_section(turn: Turn, header: str, group: tuple[Command, ...], table: dict[str, Command]) -> str:
    # A command that a higher role redefines (officers' /close) is listed with that role only.
    lines = [
        turn.t("help_line", command=f"/{c.name}", description=turn.t(c.describe))
        for c in group
        if table.get(c.name) is c
    ]
    return "\n".join([turn.t(header), *lines])


EVERYONE: tuple[Command, ...] = (
    Command("start", start, "cmd_start"),
    Command("help", show_help, "cmd_help"),
    Command("problem", enterprise.problem, "cmd_problem"),
    Command("mine", enterprise.mine, "cmd_mine"),
    Command("status", enterprise.status, "cmd_status"),
    Command("followup", enterprise.followup, "cmd_followup"),
    Command("close", enterprise.close_own, "cmd_close"),
    Command("reopen", reopening.reopen, "cmd_reopen"),
    Command("calc", calc.start, "cmd_calc"),
    Command("cancel", enterprise.cancel, "cmd_cancel"),
    Command("lang", lang, "cmd_lang"),
    Command("recordations", recordations.command, "cmd_recordations"),
    Command("link", linking.link, "cmd_link"),
)
OFFICERS: tuple[Command, ...] = (
    Command("queue", officer.queue, "cmd_queue"),
    Command("mine", officer.mine, "cmd_mine_officer"),
    Command("take", officer.take, "cmd_take"),
    Command("reply", officer.reply, "cmd_reply"),
    Command("close", officer.close, "cmd_close_officer"),
    Command("reopen", reopening.reopen, "cmd_reopen_officer"),
    Command("reassign", officer.reassign, "cmd_reassign"),
    Command("stats", officer.stats, "cmd_stats"),
    Command("merge", casework.merge, "cmd_merge"),
)
ADMINS: tuple[Command, ...] = (
    Command("grant", admin.grant, "cmd_grant"),
    Command("revoke", admin.revoke, "cmd_revoke"),
    Command("users", admin.users, "cmd_users"),
    Command("reindex", admin.reindex, "cmd_reindex"),
    Command("gaps", gaps.show, "cmd_gaps"),
    Command("kb", kb.kb, "cmd_kb"),
)
KNOWN = {c.name for c in (*EVERYONE, *OFFICERS, *ADMINS)}


def commands_of(role: Role | str) -> dict[str, Command]:
    """The commands `role` may use, by name; an officer's /mine, /close and /reopen replace the enterprise's."""
    table = {c.name: c for c in EVERYONE}
    if role in STAFF:
        table.update((c.name, c) for c in OFFICERS)
    if role == Role.ADMIN:
        table.update((c.name, c) for c in ADMINS)
    return table


def menu(role: Role | str, lang_code: str) -> list[tuple[str, str]]:
    """(name, description) for Telegram's command menu; /start is left out: every client sends it."""
    return [
        (name, html.unescape(text(command.describe, lang_code)))
        for name, command in commands_of(role).items()
        if name != "start"
    ]


def parse(message: str) -> tuple[str, str] | None:
    """`/name@bot args` -> ('name', 'args'); None when the message is not a command."""
    match = _COMMAND.fullmatch(message.strip())
    if match is None:
        return None
    return match[1].split("@", 1)[0].lower(), match[2].strip()


def run(turn: Turn, name: str, args: str) -> list[Reply]:
    """The command, a refusal that reveals nothing, or a hint to /help."""
    command = commands_of(turn.role).get(name)
    if command is not None:
        return command.handler(turn, args)
    return turn.say("not_allowed" if name in KNOWN else "unknown_command")
