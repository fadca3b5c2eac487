"""The problem list and its users from the command line: `iprdesk items export`, `iprdesk stats`,
`iprdesk users grant|revoke` (trusted: no actor, like the operator at the console)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bot.commands.common import settings_of


def items_export(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write; default stdout.")] = None,
) -> None:
    """Export every item as CSV for reporting."""
    from bot.app import build_tracker

    tracker = build_tracker(settings_of(ctx))
    if out is None:
        count = tracker.export_csv(sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            count = tracker.export_csv(handle)
    typer.echo(f"{count} items exported", err=True)


def stats_command(
    ctx: typer.Context,
    png: Annotated[Path | None, typer.Option("--png", help="Also write the chart of /stats to this PNG file.")] = None,
) -> None:
    """The list's figures as officers see them in /stats; with --png, its chart too."""
    from bot.app import build_tracker
    from bot.core.chart import chart_png
    from bot.core.computed import plain
    from bot.core.render import stats_html

    tracker = build_tracker(settings_of(ctx))
    figures = tracker.stats_for_cli()
    typer.echo(plain(stats_html(figures, "en")))
    if png is not None:
        png.write_bytes(chart_png(tracker.weekly_active(actor_id=None, weeks=12), figures))
        typer.echo(f"chart written to {png}", err=True)


def users_grant(ctx: typer.Context, user_id: int, role: str) -> None:
    """Give a user a role (enterprise, officer, admin), also before they first write to the bot."""
    from bot.app import build_tracker

    user = build_tracker(settings_of(ctx)).grant_role(actor_id=None, user_id=user_id, role=role)
    typer.echo(f"user {user.id} is now {user.role}")


def users_revoke(ctx: typer.Context, user_id: int) -> None:
    """Take a user's role away (back to enterprise)."""
    from bot.app import build_tracker

    user = build_tracker(settings_of(ctx)).revoke_role(actor_id=None, user_id=user_id)
    typer.echo(f"user {user.id} is now {user.role}")
