"""Is this iprdesk healthy? The index in service loads, and the database answers at the newest schema.

    python scripts/healthcheck.py      # exit 0 and one line "healthy: ..."; else exit 1 and "unhealthy: ..."

The container's HEALTHCHECK runs it every 30 s, so it is cheap: it loads no embedding model, and it writes
nothing (a missing SQLite file is reported, not created). Settings are read as the bot reads them.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings


def check_index(settings: Settings) -> str:
    from bot.retrieval.store import load_build

    build = load_build(settings.index_dir)
    if build.manifest.sections == 0:
        raise RuntimeError(f"the index {build.name} is empty")
    return f"index {build.name} ({build.manifest.sections} sections)"


def check_database(settings: Settings) -> str:
    from alembic.script import ScriptDirectory
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from bot.tracker.db import alembic_config, make_engine

    url = make_url(settings.database_url)
    database = url.database or ""
    a_file = (
        url.get_backend_name() == "sqlite" and database not in ("", ":memory:") and not database.startswith("file:")
    )
    if a_file and not os.path.isfile(database):
        raise RuntimeError(f"no database at {database} yet (the bot creates it when it starts)")
    os.environ.setdefault("PGCONNECT_TIMEOUT", "5")  # libpq: do not hang on an unreachable server
    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    finally:
        engine.dispose()
    if current != head:
        raise RuntimeError(f"database schema at {current}, the code needs {head} (the bot migrates at start-up)")
    return f"database {url.get_backend_name()} at {current}"


def main() -> int:
    try:
        from bot.config import Settings

        settings = Settings()
        found = [check_index(settings), check_database(settings)]
    except Exception as exc:  # noqa: BLE001 - any failure is "unhealthy", told in one line
        reason = " ".join(str(exc).split()) or exc.__class__.__name__
        print(f"unhealthy: {reason}", file=sys.stderr)
        return 1
    print("healthy: " + ", ".join(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
