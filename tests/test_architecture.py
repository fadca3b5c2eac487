"""The dependency rules of DESIGN.md, read from the imports of every module under bot/ with `ast`."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest
from pydantic import AliasChoices

from bot.config import Settings

REPO = Path(__file__).resolve().parents[1]
BOT = REPO / "bot"
README = REPO / "README.md"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file under bot/ imports."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: list[str]) -> set[str]:
    """Every module the source imports, anywhere in it (also inside functions), with relative imports
    resolved against `package`; `from a import b` counts as both `a` and `a.b`, since b may be a module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


@cache
def all_imports() -> dict[str, set[str]]:
    """Path relative to the repository (posix) -> the modules it imports."""
    return {p.relative_to(REPO).as_posix(): imports_of(p) for p in sorted(BOT.rglob("*.py"))}


def importers_of(*modules: str) -> set[str]:
    """The files under bot/ that import any of the modules or anything inside them."""
    return {
        path
        for path, imported in all_imports().items()
        if any(name == m or name.startswith(m + ".") for name in imported for m in modules)
    }


def test_the_scan_sees_the_package() -> None:
    """Guards the guards: the rules below are only as good as the import scan."""
    assert "bot/cli.py" in all_imports()
    assert "bot.config" in all_imports()["bot/cli.py"]
    assert "bot/retrieval/dense.py" in importers_of("faiss")
    assert "bot/retrieval/build.py" in importers_of("bot.retrieval.store")


def test_relative_imports_are_resolved() -> None:
    source = (
        "from . import store\nfrom .lexical import tokenize\nfrom ..config import Settings\nimport faiss.x\n"
    )

    imported = imports_in(source, ["bot", "retrieval"])

    assert {"bot.retrieval.store", "bot.retrieval.lexical", "bot.config", "faiss.x"} <= imported


def test_imports_inside_functions_count() -> None:
    source = "def later():\n    import telegram.ext\n    from sqlmodel import Session\n"

    assert {"telegram.ext", "sqlmodel", "sqlmodel.Session"} <= imports_in(source, ["bot", "core"])


def test_only_the_telegram_adapter_imports_telegram() -> None:
    offenders = {p for p in importers_of("telegram") if not Path(p).name.startswith("telegram")}
    offenders |= {p for p in importers_of("telegram") if not p.startswith("bot/channels/")}

    assert offenders == set()


def test_only_the_tracker_imports_the_database_libraries() -> None:
    offenders = {
        p for p in importers_of("sqlmodel", "sqlalchemy", "alembic") if not p.startswith("bot/tracker/")
    }

    assert offenders == set()


def test_only_the_embedder_imports_the_model_libraries() -> None:
    assert importers_of("sentence_transformers", "transformers", "torch") <= {"bot/retrieval/embedder.py"}


def test_only_the_dense_index_imports_faiss() -> None:
    assert importers_of("faiss") == {"bot/retrieval/dense.py"}


@pytest.mark.parametrize("layer", ["bot/core/", "bot/retrieval/", "bot/tracker/"])
def test_inner_layers_never_import_channels_or_config(layer: str) -> None:
    offenders = {
        p for p in importers_of("bot.channels", "bot.config", "bot.app", "bot.cli") if p.startswith(layer)
    }

    assert offenders == set()


@pytest.mark.parametrize("layer", ["bot/retrieval/", "bot/tracker/"])
def test_retrieval_and_tracker_never_import_the_core(layer: str) -> None:
    offenders = {p for p in importers_of("bot.core") if p.startswith(layer)}

    assert offenders == set()


def test_retrieval_and_tracker_never_import_each_other() -> None:
    offenders = {p for p in importers_of("bot.tracker") if p.startswith("bot/retrieval/")}
    offenders |= {p for p in importers_of("bot.retrieval") if p.startswith("bot/tracker/")}

    assert offenders == set()


def env_names(field: str) -> list[str]:
    """The environment variables that set a Settings field."""
    alias = Settings.model_fields[field].validation_alias
    if isinstance(alias, AliasChoices):
        return [str(choice) for choice in alias.choices]
    if isinstance(alias, str):
        return [alias]
    prefix = str(Settings.model_config.get("env_prefix", ""))
    return [f"{prefix}{field}".upper()]


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_the_readme(field: str) -> None:
    readme = README.read_text(encoding="utf-8")

    assert any(f"`{name}`" in readme for name in env_names(field)), env_names(field)


def test_every_chat_command_is_in_the_readme() -> None:
    from bot.core.commands import KNOWN

    readme = README.read_text(encoding="utf-8")
    assert {name for name in KNOWN if f"`/{name}" not in readme} == set()
