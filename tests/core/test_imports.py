"""The core knows no platform, no database and no model: read its imports with ast."""

from __future__ import annotations

import ast
from pathlib import Path

import bot.core

FORBIDDEN = (
    "telegram",
    "sqlmodel",
    "sqlalchemy",
    "faiss",
    "sentence_transformers",
    "bot.config",
    "bot.channels",
    "bot.app",
    "bot.tracker.service",  # the tracker's database side: the core reaches it through ports.py only
    "bot.tracker.db",
    "bot.tracker.models",
)


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_core_imports_nothing_of_the_platform_the_database_or_the_model() -> None:
    files = sorted(Path(bot.core.__file__).parent.glob("*.py"))
    assert len(files) > 5
    for path in files:
        for name in imported_modules(path):
            assert not any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN), (path.name, name)
