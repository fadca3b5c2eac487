"""Only the Telegram adapter's modules import python-telegram-bot: read every import of bot/ with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import bot

ROOT = Path(bot.__file__).parent


def imports_telegram(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        if any(name == "telegram" or name.startswith("telegram.") for name in names):
            return True
    return False


def test_only_bot_channels_telegram_modules_import_telegram() -> None:
    importers = {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py") if imports_telegram(p)}
    assert importers, "the adapter itself should import telegram"
    assert all(p.startswith("channels/telegram") for p in importers), importers
