"""The command line: the only code that reads argv and sets exit codes."""

from __future__ import annotations

import logging
import os
import sys
import traceback as tracebacks
from typing import Annotated

import typer

from bot.commands import answers, knowledge, records
from bot.commands.common import Exit, Failure, Invocation, settings_of
from bot.config import database_password

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="iprdesk: the customs IPR help desk.")
index_cli = typer.Typer(no_args_is_help=True, help="Build and inspect the search index.")
items_cli = typer.Typer(no_args_is_help=True, help="The problem list.")
users_cli = typer.Typer(no_args_is_help=True, help="Users and roles.")
kb_cli = typer.Typer(no_args_is_help=True, help="The knowledge loop: gaps, history, undo.")
cli.add_typer(index_cli, name="index")
cli.add_typer(items_cli, name="items")
cli.add_typer(users_cli, name="users")
cli.add_typer(kb_cli, name="kb")


@cli.callback()
def _options(
    ctx: typer.Context,
    traceback: Annotated[bool, typer.Option("--traceback", help="Show the full traceback on errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    invocation = ctx.ensure_object(Invocation)
    invocation.traceback = traceback
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # a library's log line may quote the token (PTB's errors do)
        handler.setFormatter(_RedactingFormatter(handler.formatter, invocation))


class _RedactingFormatter(logging.Formatter):
    """The handler's own format, then every secret in the line (tracebacks included) replaced."""

    def __init__(self, inner: logging.Formatter | None, run: Invocation) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()
        self.run = run

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record), self.run)


def redact(line: str, run: Invocation) -> str:
    """`line` with the bot token (and its secret half), the webhook secret and the database password hidden."""
    for secret in sorted(secrets_of(run), key=len, reverse=True):
        line = line.replace(secret, "<secret>")
        _, _, half = secret.partition(":")  # a token is "<bot id>:<secret>"; the id alone is public
        if len(half) >= 8:
            line = line.replace(half, "<secret>")
    return line


def secrets_of(run: Invocation) -> list[str]:
    """The secrets of the settings in use, or of the environment when the settings could not be built."""
    if run.built is not None:
        return run.built.secrets()
    names = ("TELEGRAM_BOT_TOKEN", "IPRDESK_TELEGRAM_BOT_TOKEN", "IPRDESK_WEBHOOK_SECRET")
    found = [os.environ.get(name) for name in names]
    found.append(database_password(os.environ.get("IPRDESK_DATABASE_URL", "")))
    return [secret for secret in found if secret]


# The commands, in the order `--help` lists them; each lives in bot/commands/ by subject.
index_cli.command("build")(knowledge.index_build)
index_cli.command("status")(knowledge.index_status)
cli.command()(answers.ask)
cli.command("eval")(answers.evaluate)


@cli.command()
def run(
    ctx: typer.Context,
    webhook_url: Annotated[
        str | None,
        typer.Option(
            "--webhook-url",
            help="Serve a webhook at this public URL instead of long polling (needs IPRDESK_WEBHOOK_SECRET).",
        ),
    ] = None,
) -> None:
    """Run the bot on Telegram (long polling, or a webhook); needs TELEGRAM_BOT_TOKEN."""
    settings = settings_of(ctx)
    if settings.telegram_bot_token is None:
        raise Failure("no Telegram token: set TELEGRAM_BOT_TOKEN (or run 'iprdesk shell')", Exit.NOT_CONFIGURED)
    from bot.app import build, serve_telegram

    if webhook_url is not None:
        from bot.channels.telegram.webhook import WebhookConfigError, check_webhook

        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        try:
            check_webhook(webhook_url, secret)  # before the model loads: a missing secret is told at once
        except WebhookConfigError as exc:
            raise Failure(str(exc), Exit.NOT_CONFIGURED) from exc
    raise typer.Exit(serve_telegram(build(settings), webhook_url, wecom=settings.wecom_enabled))


@cli.command()
def shell(
    ctx: typer.Context,
    role: Annotated[str, typer.Option("--as", help="enterprise, officer or admin.")] = "enterprise",
    user: Annotated[int, typer.Option("--user", help="The user id to act as.")] = 1,
) -> None:
    """The same conversation in the terminal."""
    if role not in ("enterprise", "officer", "admin"):
        raise Failure(f"unknown role '{role}': use enterprise, officer or admin", Exit.USAGE)
    from bot.app import build, serve_terminal

    raise typer.Exit(serve_terminal(build(settings_of(ctx)), role=role, user_id=user))


@cli.command()
def start(ctx: typer.Context) -> None:
    """What `make run` starts: the Telegram bot when a token is set (WeCom beside it when configured), WeCom
    alone when only its settings are, otherwise the terminal chat."""
    settings = settings_of(ctx)
    if settings.telegram_bot_token is None and settings.wecom_enabled:
        from bot.app import build, serve_wecom

        raise typer.Exit(serve_wecom(build(settings)))
    if settings.telegram_bot_token is None:
        typer.echo("No TELEGRAM_BOT_TOKEN set: starting the terminal chat instead.", err=True)
        shell(ctx, role="enterprise", user=1)
    else:
        run(ctx)


items_cli.command("export")(records.items_export)
cli.command("stats")(records.stats_command)
users_cli.command("grant")(records.users_grant)
users_cli.command("revoke")(records.users_revoke)
kb_cli.command("gaps")(knowledge.kb_gaps)
kb_cli.command("history")(knowledge.kb_history)
kb_cli.command("undo")(knowledge.kb_undo)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; expected failures print one line and exit non-zero."""
    invocation = Invocation()
    try:
        cli(args=argv, standalone_mode=False, obj=invocation)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the edge where every error becomes one line
        code = exc.code if isinstance(exc, Failure) else Exit.ERROR
        if invocation.traceback:
            typer.echo(redact("".join(tracebacks.format_exception(exc)), invocation), err=True)
            sys.exit(int(code))
        message = str(exc) or exc.__class__.__name__
        if exc.__class__.__name__ == "UsageError" or hasattr(exc, "format_message"):
            message = exc.format_message()  # type: ignore[attr-defined]
            code = Exit.USAGE
        # A library's message may quote a secret: PTB's "The token `…` was rejected by the server".
        typer.echo(f"iprdesk: {redact(message, invocation)}", err=True)
        sys.exit(int(code))
