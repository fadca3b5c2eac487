#!/usr/bin/env bash
# The one start-up script of iprdesk, in the container (its ENTRYPOINT) and outside it:
#
#   scripts/entrypoint.sh [IPRDESK OPTIONS] [COMMAND [ARGS...]]      COMMAND defaults to `start`
#
# 1. `run` without a Telegram token is refused at once, in one line (exit 3, as `iprdesk run` itself would),
#    before the slow steps: the token is looked up by bot.config.Settings, so the environment, the
#    IPRDESK_ alias and a `.env` file in the working directory all count, exactly as for the bot.
# 2. For the commands that answer questions (start, run, shell, ask, eval, index status) the index is built
#    when there is none: `iprdesk index build --if-missing`. Nothing is done when it is there.
# 3. `exec iprdesk "$@"`: the bot becomes this process (PID 1 in the container) and gets its signals.
#
# Migrations are not a step of their own: every command that opens the database (start, run, shell, items,
# users) applies them first (bot.app.build_tracker).
#
# Settings come from the environment or `.env` (see .env.example); `iprdesk` is taken from PATH, else from
# the repository's .venv (so `bash scripts/entrypoint.sh` works in a checkout after `make install`).
set -euo pipefail

say() { printf 'entrypoint: %s\n' "$*" >&2; }

find_iprdesk() {
    local here
    if command -v iprdesk >/dev/null 2>&1; then
        command -v iprdesk
        return 0
    fi
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    if [ -x "$here/.venv/bin/iprdesk" ]; then
        printf '%s\n' "$here/.venv/bin/iprdesk"
        return 0
    fi
    return 1
}

if ! IPRDESK="$(find_iprdesk)"; then
    say "iprdesk is not installed: no 'iprdesk' on PATH and no .venv here (run 'make install')"
    exit 1
fi
# The interpreter iprdesk runs on, for the token check (the venv's python, next to the script).
PYTHON="$(dirname "$IPRDESK")/python"
if [ ! -x "$PYTHON" ]; then
    PYTHON="$(command -v python3 || true)"
fi

if [ "$#" -eq 0 ]; then
    set -- start
fi

# The command word: the first argument that is not an option of iprdesk itself (--traceback, -v).
command_word=""
subcommand=""
for ((i = 1; i <= $#; i++)); do
    arg="${!i}"
    case "$arg" in
        -*) continue ;;
    esac
    command_word="$arg"
    next=$((i + 1))
    if [ "$next" -le "$#" ]; then
        subcommand="${!next}"
    fi
    break
done

has_token() {
    # Exit 0 when Settings finds a token, 3 when it finds none; anything else (bad settings) is left to
    # iprdesk itself, which reports it in one line.
    "$PYTHON" - <<'PY'
import sys

try:
    from bot.config import Settings

    settings = Settings()
except Exception:  # noqa: BLE001 - iprdesk reports bad settings itself, in one line
    sys.exit(0)
sys.exit(0 if settings.telegram_bot_token is not None else 3)
PY
}

if [ "$command_word" = "run" ]; then
    status=0
    has_token || status=$?
    if [ "$status" -eq 3 ]; then
        say "no Telegram token: set TELEGRAM_BOT_TOKEN (in the environment or .env) to run the bot; 'shell' needs none"
        exit 3
    elif [ "$status" -ne 0 ]; then
        say "could not read the settings with $PYTHON (exit $status)"
        exit 1
    fi
fi

needs_index=false
case "$command_word" in
    start | run | shell | ask | eval) needs_index=true ;;
    index) if [ "$subcommand" = "status" ]; then needs_index=true; fi ;;
esac

if [ "$needs_index" = true ]; then
    # On stderr: stdout belongs to the command (`ask --json` prints JSON there).
    "$IPRDESK" index build --if-missing --quiet >&2
fi

exec "$IPRDESK" "$@"
