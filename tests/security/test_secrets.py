"""The bot token and the database password never show in output, logs, error lines or CSV exports.

The real command line runs as a subprocess with the secrets in its environment and `-v` logging; every
byte it prints (and every file it writes) is searched for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

IPRDESK = Path(sys.executable).parent / "iprdesk"
TOKEN = "123456789:AAHs3cretT0kenXyZ_abcdefghijklmnopq"
PASSWORD = "s3cretpw"
UNREACHABLE_DB = f"postgresql://user:{PASSWORD}@127.0.0.1:1/db"
SECRETS = (TOKEN, TOKEN.split(":")[1], PASSWORD)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("IPRDESK_", "TELEGRAM_"))}
    return {
        **base,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "IPRDESK_INDEX_DIR": str(tmp_path / "index"),
        "IPRDESK_KNOWLEDGE_DIR": str(tmp_path / "knowledge"),
        "IPRDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'iprdesk.db'}",
        "HF_HUB_OFFLINE": "1",
    }


def iprdesk(*args: str, env: dict[str, str], cwd: Path, timeout: float = 180) -> str:
    """All the command printed, stdout and stderr (logs included)."""
    done = subprocess.run([str(IPRDESK), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return done.stdout + done.stderr + f"\nexit {done.returncode}"


def assert_no_secret(output: str) -> None:
    for secret in SECRETS:
        assert secret not in output, f"{secret!r} leaked:\n{output}"


def test_csv_export_and_its_log_hold_no_secret(env: dict[str, str], tmp_path: Path) -> None:
    from bot.tracker.db import make_engine, migrate
    from bot.tracker.service import Tracker
    from bot.tracker.values import Category

    engine = make_engine(f"sqlite:///{tmp_path}/iprdesk.db")  # the file the CLI below reads (env fixture)
    migrate(engine)
    tracker = Tracker(engine)
    tracker.ensure_user(user_id=5, name="Alice")
    tracker.raise_item(actor_id=5, title="Held goods", description="At the port", category=Category.OTHER)
    out = tmp_path / "items.csv"

    output = iprdesk("-v", "items", "export", "--out", str(out), env=env, cwd=tmp_path)
    output += iprdesk("-v", "items", "export", env=env, cwd=tmp_path)

    assert "exit 0" in output and "Held goods" in output
    assert_no_secret(output + out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "command",
    [("users", "grant", "5", "officer"), ("items", "export")],
)
@pytest.mark.parametrize("flags", [("-v",), ("-v", "--traceback")])
def test_an_unreachable_database_is_reported_without_its_password(
    env: dict[str, str], tmp_path: Path, command: tuple[str, ...], flags: tuple[str, ...]
) -> None:
    env["IPRDESK_DATABASE_URL"] = UNREACHABLE_DB

    output = iprdesk(*flags, *command, env=env, cwd=tmp_path)

    assert "exit 0" not in output and "127.0.0.1" in output  # it did fail, and says where
    assert_no_secret(output)


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://user:{PASSWORD}@127.0.0.1:notaport/db",
        f"postgresql://user:{PASSWORD}@pw@127.0.0.1:1/db",
        f"mysql://user:{PASSWORD}@127.0.0.1:1/db",
        f"user:{PASSWORD}@127.0.0.1",
    ],
)
def test_a_malformed_database_url_is_reported_without_its_password(
    env: dict[str, str], tmp_path: Path, url: str
) -> None:
    env["IPRDESK_DATABASE_URL"] = url
    output = iprdesk("-v", "users", "grant", "5", "officer", env=env, cwd=tmp_path)
    assert "exit 0" not in output
    assert_no_secret(output)


def test_a_bad_setting_is_reported_without_the_token(env: dict[str, str], tmp_path: Path) -> None:
    env["IPRDESK_QUESTIONS_PER_MINUTE"] = "-1"
    output = iprdesk("-v", "run", env=env, cwd=tmp_path)
    assert "questions_per_minute" in output and "exit 0" not in output
    assert_no_secret(output)


@pytest.mark.model
@pytest.mark.parametrize("base_url", ["http://127.0.0.1:1/bot", "http://127.0.0.1:1/bot{token}"])
def test_run_against_an_unreachable_bot_api_fails_without_the_token(
    env: dict[str, str], tmp_path: Path, base_url: str
) -> None:
    env["TELEGRAM_API_BASE_URL"] = base_url

    output = iprdesk("-v", "run", env=env, cwd=tmp_path)

    assert "exit 0" not in output and "ConnectError" in output
    assert_no_secret(output)


@pytest.mark.model
def test_run_with_an_unreachable_database_fails_without_token_or_password(env: dict[str, str], tmp_path: Path) -> None:
    env["IPRDESK_DATABASE_URL"] = UNREACHABLE_DB
    output = iprdesk("-v", "--traceback", "run", env=env, cwd=tmp_path)
    assert "exit 0" not in output
    assert_no_secret(output)


def test_a_rejected_token_is_reported_without_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """What python-telegram-bot raises when Telegram refuses the token, through the real error edge."""
    from telegram.error import InvalidToken

    from bot import app, cli
    from bot.channels import telegram

    def rejected(*args: object, **kwargs: object) -> int:
        raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("IPRDESK_WEBHOOK_SECRET", "hook_" + PASSWORD)
    monkeypatch.setenv("IPRDESK_DATABASE_URL", UNREACHABLE_DB)
    monkeypatch.setattr(app, "build", lambda settings: object())
    monkeypatch.setattr(app, "build_dialog", lambda services: object())
    monkeypatch.setattr(telegram, "run_polling", rejected)
    for flags in ([], ["--traceback"]):
        with pytest.raises(SystemExit) as exited:
            cli.main([*flags, "run"])
        output = capsys.readouterr()
        assert exited.value.code == 1 and "was rejected by the server" in output.err
        assert_no_secret(output.out + output.err)


def test_the_settings_repr_hides_the_database_password() -> None:
    from bot.config import Settings

    settings = Settings(_env_file=None, database_url=UNREACHABLE_DB, telegram_bot_token=TOKEN)  # type: ignore[call-arg, arg-type]
    assert settings.database_url == UNREACHABLE_DB  # the value itself is intact
    assert_no_secret(repr(settings) + str(settings))
    assert "127.0.0.1" in repr(settings)


async def test_wecom_requests_log_neither_the_access_token_nor_the_secret(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """httpx logs every request URL at INFO (`-v`); WeCom's carry the access token, and gettoken's the secret.
    WeCom may run without Telegram, whose start quiets httpx too."""
    import logging

    from bot.channels.wecom.client import WeComClient
    from tests.fakes.wecom_api import FakeWeComAPI

    httpx_log = logging.getLogger("httpx")
    before = httpx_log.level
    httpx_log.setLevel(logging.NOTSET)  # as in a process that never started Telegram
    caplog.set_level(logging.INFO)
    with FakeWeComAPI() as wecom:
        client = WeComClient(corp_id=wecom.corp_id, secret=wecom.secret, agent_id=wecom.agent_id,
                             base_url=wecom.base_url)
        await client.send_to_user("zhangsan", {"msgtype": "text", "text": {"content": "你好"}})
        token = client._token  # the test reads the token it must not find
        await client.close()
    httpx_log.setLevel(before)
    assert token and len(wecom.messages("zhangsan")) == 1
    assert token not in caplog.text and wecom.secret not in caplog.text, caplog.text
