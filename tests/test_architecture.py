"""The dependency rules of DESIGN.md, read from the imports of every module under bot/ with `ast`; and the
README kept true to the code (its module list and picture, settings, commands)."""

from __future__ import annotations

import ast
import re
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


@cache
def module_imports() -> dict[str, set[str]]:
    """Module name under bot/ -> the modules it imports."""
    return {module_name(REPO / path): imported for path, imported in all_imports().items()}


def loaded_with(name: str) -> list[str]:
    """The modules of bot/ that importing `name` runs: its parent packages, then the module itself."""
    parts = name.split(".")
    return [m for m in (".".join(parts[: i + 1]) for i in range(len(parts))) if m in module_imports()]


def reached_from(start: str) -> dict[str, list[str]]:
    """Every module that importing `start` loads, transitively, each with the chain of bot modules that
    leads to it (libraries by their top-level name): what `import start` really costs."""
    chains: dict[str, list[str]] = {m: [m] for m in loaded_with(start)}
    queue = list(chains)
    while queue:
        current = queue.pop(0)
        for name in sorted(module_imports().get(current, ())):
            own = loaded_with(name)
            targets = own if own else ([] if name.startswith("bot.") or name == "bot" else [name.split(".")[0]])
            for target in targets:
                if target not in chains:
                    chains[target] = [*chains[current], target]
                    if target in module_imports():
                        queue.append(target)
    return chains


def modules_under(prefix: str) -> list[str]:
    return sorted(m for m in module_imports() if m == prefix or m.startswith(prefix + "."))


def reached_offenders(layer: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    """For each module of the layer that reaches a forbidden module, the first chain that leads there."""
    offenders: dict[str, list[str]] = {}
    for module in modules_under(layer):
        chains = reached_from(module)
        hits = [chains[r] for r in sorted(chains) if any(r == f or r.startswith(f + ".") for f in forbidden)]
        if hits:
            offenders[module] = hits[0]
    return offenders


# The platform, the database and the model: the core reaches none of them, not even through what it imports.
CORE_NEVER_REACHES = (
    "faiss",
    "sentence_transformers",
    "transformers",
    "torch",
    "telegram",
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "bot.channels",
    "bot.config",
    "bot.app",
    "bot.cli",
    # the tracker's database side: the core reaches the tracker through ports.py and plain values only
    "bot.tracker.service",
    "bot.tracker.db",
    "bot.tracker.models",
)


def test_the_transitive_scan_follows_imports_through_modules() -> None:
    """Guards the guard: the search itself, and that it sees faiss behind the build module."""
    assert reached_from("bot.retrieval.build")["faiss"] == [
        "bot.retrieval.build", "bot.retrieval.store", "bot.retrieval.dense", "faiss"
    ]
    assert "bot.retrieval" in reached_from("bot.retrieval.dense")  # the package's __init__ runs too
    assert "sqlmodel" in reached_from("bot.tracker.service")


def test_the_core_reaches_no_platform_database_or_model() -> None:
    assert len(modules_under("bot.core")) > 5
    assert reached_offenders("bot.core", CORE_NEVER_REACHES) == {}


@pytest.mark.parametrize("layer", ["bot.retrieval", "bot.tracker", "bot.rules"])
def test_inner_layers_never_reach_the_core_or_the_channels(layer: str) -> None:
    outer = ("bot.core", "bot.channels", "bot.config", "bot.app", "bot.cli", "telegram")
    assert reached_offenders(layer, outer) == {}


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
    offenders = {p for p in importers_of("telegram") if not p.startswith("bot/channels/telegram/")}

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


def test_only_the_composition_root_builds_the_dialog() -> None:
    """cli -> app -> channels -> core: bot/app.py builds the one Dialog and hands it to the channel it starts."""
    builders = {
        path
        for path in all_imports()
        for node in ast.walk(ast.parse((REPO / path).read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Dialog"
    }

    assert builders == {"bot/app.py"}


def test_channels_reach_the_app_and_the_command_line_for_types_only() -> None:
    """Their only imports of bot.app are under TYPE_CHECKING (the Services they are handed, by name)."""
    at_run_time = {
        path
        for path in all_imports()
        if path.startswith("bot/channels/")
        for name in imports_in(_without_type_checking(REPO / path), ["bot", "channels"])
        if name.startswith(("bot.app", "bot.cli"))
    }

    assert at_run_time == set()


def _without_type_checking(path: Path) -> str:
    """The source with its `if TYPE_CHECKING:` blocks left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if hasattr(node, "body") and isinstance(node.body, list):
            node.body = [
                n for n in node.body
                if not (isinstance(n, ast.If) and isinstance(n.test, ast.Name) and n.test.id == "TYPE_CHECKING")
            ] or [ast.Pass()]
    return ast.unparse(tree)


def test_the_update_origin_is_set_by_the_inboxes_and_read_by_the_tracker_only() -> None:
    """The one piece of context a Tracker call carries (bot/tracker/__init__.py): no other module touches it."""
    assert importers_of("bot.tracker.origin") == {
        "bot/channels/telegram/inbox.py", "bot/channels/wecom/channel.py", "bot/tracker/service.py"
    }


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


def readme_section(heading: str) -> str:
    """The first code block under the README's `## heading`."""
    section = README.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```", 2)[1]


def modules_of_bot() -> set[str]:
    """Every module under bot/ as a path inside it ("core/dialog.py"); packages are named by their folder,
    Alembic's revision files by theirs (migrations/versions/)."""
    return {
        p.relative_to(BOT).as_posix()
        for p in BOT.rglob("*.py")
        if p.name != "__init__.py" and "versions" not in p.relative_to(BOT).parts
    }


def modules_in_layout(block: str) -> set[str]:
    """The module list of the Layout block: under the `bot/` line, a line may start with a folder (`core/`),
    and every `name.py` after it, on that line and the indented lines that follow, is in that folder."""
    listed: set[str] = set()
    folder: str | None = None
    for line in block.splitlines():
        if not line.startswith(" "):  # a top-level entry: bot/ opens the list, anything else closes it
            folder = "" if line.startswith("bot/") else None
            continue
        if folder is None:
            continue
        words = line.split()
        if words and words[0].endswith("/"):
            folder, words = words[0], words[1:]
        listed.update(f"{folder}{word}" for word in words if word.endswith(".py"))
    return listed


def test_the_readme_layout_names_every_module_under_bot_and_none_that_is_gone() -> None:
    listed, actual = modules_in_layout(readme_section("Layout")), modules_of_bot()
    assert (sorted(actual - listed), sorted(listed - actual)) == ([], [])


def test_every_module_the_readme_picture_names_exists() -> None:
    named = set(re.findall(r"[\w/]*\w\.py\b", readme_section("How it fits together")))
    gone = {name for name in named if not any(m == name or m.endswith("/" + name) for m in modules_of_bot())}
    assert gone == set()


def test_the_layout_reader_sees_a_gone_or_missing_module() -> None:
    block = "bot/  the package\n  app.py\n  core/   dialog.py gone.py\n            texts.py\nknowledge/  x.py\n"
    assert modules_in_layout(block) == {"app.py", "core/dialog.py", "core/gone.py", "core/texts.py"}
