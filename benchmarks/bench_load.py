"""The real bot process under load, through the fake Bot API, against the bare engine timed in the same run.

    .venv/bin/python benchmarks/bench_load.py [--users 200] [--questions 5] [--think 1.0] [--unthrottled]
    .venv/bin/python benchmarks/bench_load.py --soak-seconds 600 --rate 5

Load: every simulated enterprise asks its questions one after the other (the next one `--think` seconds after
the answer came, as a person reads it), English and Chinese mixed, from tests/eval/questions.jsonl. Latency is
from the moment the update is available in the fake's getUpdates to the bot's sendMessage to that chat.
Throughput is answers per second of the whole run; the bare engine is a fresh Retriever.ask (an empty
query cache, like the bot's at start) over exactly the questions the bot was asked, in the same order, in one
thread of this process. Two ceilings are not the bot's doing and are printed beside it: Telegram allows a bot
~30 messages/s, and the bot keeps to that (its throttle); and users who read for `--think` seconds cannot ask
more than users/think questions a second. The ratio is given against the bare engine alone and against the
lowest of the three.

`--unthrottled` lifts that cap (the only change to `iprdesk run`) to measure what the bot itself sustains.

Soak: `--rate` questions per second for `--soak-seconds`, the bot's RSS sampled every 10 s.

The fake Bot API is the tests' own, tests/fakes/bot_api.py (FakeBotAPI): one fake for tests and benchmarks.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.retrieval.build import KnowledgeDesk  # noqa: E402
from bot.retrieval.embedder import load_embedder  # noqa: E402
from bot.retrieval.search import Retriever  # noqa: E402
from tests.fakes.bot_api import FakeBotAPI  # noqa: E402

WARM_UP_S = 60.0  # soak: the query cache and SQLite's page cache fill in the first minute
TELEGRAM_RATE = 30.0  # messages per second Telegram lets a bot send (bot/channels/telegram/channel.py)


def questions() -> list[str]:
    lines = (ROOT / "tests/eval/questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# `iprdesk run` with one change: Telegram's 30 messages/s cap lifted, to see what the bot itself can do.
UNTHROTTLED = (
    "from bot.app import build, serve_telegram; from bot.config import Settings; "
    "from bot.channels.telegram.channel import TelegramOptions; "
    "serve_telegram(build(Settings()), options=TelegramOptions(throttle_overall_rate=1e6))"
)


def start_bot(api: FakeBotAPI, work: Path, unthrottled: bool = False) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
        "IPRDESK_DATABASE_URL": f"sqlite:///{work}/bot.db",
        "IPRDESK_KNOWLEDGE_DIR": str(work / "knowledge"),
        "IPRDESK_INDEX_DIR": str(work / "index"),
        "IPRDESK_QUESTIONS_PER_MINUTE": "0",
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }
    log = open(work / "bot.log", "wb")  # noqa: SIM115 - open for the life of the process
    command = ["-c", UNTHROTTLED] if unthrottled else ["-m", "bot", "run"]
    process = subprocess.Popen([sys.executable, *command], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while not api.calls_of("deleteWebhook"):
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"the bot did not start: {(work / 'bot.log').read_text()[-2000:]}")
        time.sleep(0.05)
    return process


class Driver:
    """Sends questions for simulated users and matches each answer (the next sendMessage to its chat)."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        self.seen = 0  # calls read so far
        self.asked: dict[int, float] = {}  # chat -> when its open question became available
        self.questions: list[str] = []  # every question, in the order asked (the bare engine replays them)
        self.latencies: list[float] = []
        self.answered_at: list[float] = []

    def ask(self, chat: int, question: str) -> None:
        self.asked[chat] = time.monotonic()
        self.questions.append(question)
        self.api.send_text(
            chat, question, language_code="zh" if any("\u4e00" <= c <= "\u9fff" for c in question) else "en"
        )

    def collect(self) -> list[int]:
        """Chats answered since the last call."""
        calls = self.api.calls
        done = []
        for call in calls[self.seen :]:
            if call.method == "sendMessage" and call.ok:
                chat = int(call.params["chat_id"])
                asked = self.asked.pop(chat, None)
                if asked is not None:
                    self.latencies.append(call.at - asked)
                    self.answered_at.append(call.at)
                    done.append(chat)
        self.seen = len(calls)
        return done


def load(
    api: FakeBotAPI, pid: int, users: int, per_user: int, think: float, pool: list[str]
) -> tuple[dict[str, float], list[str]]:
    driver = Driver(api)
    next_q = {1_000_000 + u: 0 for u in range(users)}
    due: dict[int, float] = {}
    cpu_before, own_before = cpu_s(pid), time.process_time()
    started = time.monotonic()
    for n, chat in enumerate(next_q):
        driver.ask(chat, pool[n % len(pool)])
        next_q[chat] = 1
    total, answered = users * per_user, 0
    deadline = started + 600
    while answered < total and time.monotonic() < deadline:
        now = time.monotonic()
        for chat in driver.collect():
            answered += 1
            if next_q[chat] < per_user:
                due[chat] = now + think
        for chat, at in list(due.items()):
            if at <= now:
                del due[chat]
                driver.ask(chat, pool[(chat + next_q[chat] * users) % len(pool)])
                next_q[chat] += 1
        time.sleep(0.005)
    took = max(driver.answered_at) - started
    cpu, own = cpu_s(pid) - cpu_before, time.process_time() - own_before
    lat = driver.latencies
    return {
        "answered": answered,
        "total": total,
        "took": took,
        "throughput": answered / took,
        "p50": percentile(lat, 50),
        "p95": percentile(lat, 95),
        "p99": percentile(lat, 99),
        "peak_rss": rss_mb(pid, "VmHWM"),
        "cpu_ms": 1000 * cpu / max(1, answered),
        "cores": cpu / took,
        "driver_cores": own / took,
    }, driver.questions


def soak(api: FakeBotAPI, pid: int, seconds: float, rate: float, pool: list[str], users: int) -> None:
    driver = Driver(api)
    started = time.monotonic()
    samples: list[tuple[float, float]] = [(0.0, rss_mb(pid))]
    sent, next_sample = 0, started + 10
    while (now := time.monotonic()) < started + seconds:
        while sent < (now - started) * rate:
            chat = 2_000_000 + sent % users
            if chat not in driver.asked:  # one open question per user; a busy user skips a turn
                driver.ask(chat, pool[sent % len(pool)])
            sent += 1
        driver.collect()
        if now >= next_sample:
            samples.append((now - started, rss_mb(pid)))
            print(
                f"  t={now - started:5.0f} s  rss={samples[-1][1]:.1f} MB  answered={len(driver.latencies)}", flush=True
            )
            next_sample += 10
        time.sleep(0.01)
    ys = [r for _, r in samples]
    warm = [(t, r) for t, r in samples if t >= WARM_UP_S]
    lat = driver.latencies
    print(
        f"soak {seconds:.0f} s at {rate:g} questions/s: {len(lat)} answered, "
        f"p50 {percentile(lat, 50) * 1000:.0f} ms, p99 {percentile(lat, 99) * 1000:.0f} ms"
    )
    print(
        f"RSS first {ys[0]:.1f} MB, last {ys[-1]:.1f} MB, max {max(ys):.1f} MB, "
        f"slope {slope_per_min(samples):+.2f} MB/min over {len(samples)} samples"
    )
    if len(warm) >= 2:
        print(
            f"after the first {WARM_UP_S:.0f} s (caches filling): {warm[0][1]:.1f} -> {warm[-1][1]:.1f} MB, "
            f"slope {slope_per_min(warm):+.2f} MB/min over {len(warm)} samples"
        )


def slope_per_min(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) samples, in MB per minute."""
    xs, ys = [t / 60 for t, _ in samples], [r for _, r in samples]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / max(
        1e-9, sum((x - mean_x) ** 2 for x in xs)
    )


def bare(index_dir: Path, asked: list[str]) -> tuple[float, float]:
    """(answers per second, CPU ms per answer) of the engine alone over `asked`, from an empty query cache."""
    retriever = Retriever(index_dir, load_embedder(""))
    started, cpu = time.perf_counter(), time.process_time()
    for question in asked:
        retriever.ask(question)
    return len(asked) / (time.perf_counter() - started), 1000 * (time.process_time() - cpu) / len(asked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--questions", type=int, default=5, help="questions per user")
    parser.add_argument("--think", type=float, default=1.0, help="seconds a user reads an answer before the next")
    parser.add_argument(
        "--unthrottled",
        action="store_true",
        help="lift the bot's 30 messages/s cap (Telegram's limit) to measure the bot itself",
    )
    parser.add_argument("--soak-seconds", type=float, default=0.0)
    parser.add_argument("--rate", type=float, default=5.0, help="soak: questions per second")
    args = parser.parse_args()
    pool = questions()
    with tempfile.TemporaryDirectory(prefix="iprdesk-load-") as tmp, FakeBotAPI() as api:
        work = Path(tmp)
        shutil.copytree(ROOT / "knowledge", work / "knowledge")
        KnowledgeDesk(work / "knowledge", work / "index", load_embedder("")).rebuild()
        process = start_bot(api, work, args.unthrottled)
        try:
            if args.soak_seconds:
                soak(api, process.pid, args.soak_seconds, args.rate, pool, args.users)
                return
            r, asked = load(api, process.pid, args.users, args.questions, args.think, pool)
            engine, engine_cpu_ms = bare(work / "index", asked)
            ceilings = {"bare engine": engine}
            if not args.unthrottled:
                ceilings["Telegram cap"] = TELEGRAM_RATE
            if args.think > 0:
                ceilings["users/think"] = args.users / args.think
            limit, bound = min((v, k) for k, v in ceilings.items())
            print(
                f"load: {args.users} users x {args.questions} questions, think {args.think:g} s "
                f"({os.cpu_count()} CPUs){', Telegram cap lifted' if args.unthrottled else ''}"
            )
            print(f"  answered      {r['answered']:.0f}/{r['total']:.0f} in {r['took']:.1f} s")
            print(
                f"  latency       p50 {r['p50'] * 1000:.0f} ms  p95 {r['p95'] * 1000:.0f} ms  "
                f"p99 {r['p99'] * 1000:.0f} ms"
            )
            print(f"  throughput    bot {r['throughput']:.1f} answers/s, bare engine {engine:.1f} answers/s")
            print("  ceilings      " + ", ".join(f"{k} {v:.1f}/s" for k, v in ceilings.items()))
            print(
                f"  ratio         bot/bare {r['throughput'] / engine:.2f}; "
                f"bot/lowest ceiling ({bound}) {r['throughput'] / limit:.2f}  (goal >= 0.8)"
            )
            print(
                f"  CPU           bot {r['cpu_ms']:.1f} ms per answer ({r['cores']:.2f} cores), bare engine "
                f"{engine_cpu_ms:.1f} ms per answer; this process (users and fake Bot API) "
                f"{r['driver_cores']:.2f} cores"
            )
            print(f"  bot peak RSS  {r['peak_rss']:.0f} MB (VmHWM)")
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
