"""The retrieval engine against the bare model + faiss floor, measured in the same run.

    .venv/bin/python benchmarks/bench_retrieval.py [--sections 10000] [--subset 2000] [--queries 200]

Two knowledge bases: (a) the real knowledge/ (copied to a temporary folder) and (b) a synthetic one of
--sections sections (~120-word English sections from customs/IPR words and random filler, 15% Chinese, in the
knowledge format). For each: query latency of Retriever.ask against model.encode(query) + IndexFlatIP top-10
on the same vectors; full-build throughput of KnowledgeDesk.rebuild against model.encode over the same texts;
the time of a rebuild after one file changed; and the process's peak memory. Builds are timed in --rounds
rounds, engine and bare alternating, best of each; CPU seconds are printed beside wall time because other
processes on a shared machine inflate wall time far more than CPU time.

Build throughput on the synthetic base is measured on its first --subset sections (a full build of 10,000
takes several minutes, and the bare baseline as long again); the remaining sections are then added by an
incremental rebuild, whose rate is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import SentenceEmbedder, load_embedder
from bot.retrieval.knowledge import knowledge_paths, load_knowledge
from bot.retrieval.search import Retriever
from bot.retrieval.store import load_build

ROOT = Path(__file__).resolve().parents[1]
CORES = os.cpu_count() or 1
SEED = 20261128
FILE_SECTIONS = 20  # sections per synthetic file
ZH_SHARE = 0.15

GOAL_QUERY_RATIO = 1.5  # engine p50 / bare p50, at most
GOAL_BUILD_RATIO = 0.85  # engine sections/s / bare sections/s, at least
GOAL_INCREMENTAL_S = 2.0  # rebuild after one changed file, real knowledge base


def words(text: str) -> list[str]:
    return text.split()


EN_WORDS = words(
    "customs recordation trademark patent copyright guarantee detention infringing goods holder consignee "
    "consignor declaration working days gacc notice investigation court release bond penalty confiscation "
    "destruction auction licensee export import shipment container seizure counterfeit brand "
    "authorization applicant right owner valid renewal expiry certificate evidence inspection warehouse "
    "storage fees compensation deposit bank letter ex-officio application route port officer enterprise "
    "agent proxy invoice value rmb amount tier percent liability administrative decision appeal review "
    "lawsuit injunction preservation order olympic expo symbol emblem exhibition passenger postal parcel "
    "e-commerce platform cross-border quantity reasonable personal use disposal charity donation "
    "auctioned removed markings fine illegal income criminal referral police prosecution dalian harbor "
    "airport vessel bill lading manifest hs code origin sample photograph identification report technical "
    "expert assessment consent written reply extension suspend terminate cancel revoke transfer assignee "
    "nationwide protection scope regulations measures article law provision state council amendment "
)
ZH_WORDS = words(
    "海关 备案 商标 专利 著作权 担保 扣留 侵权 货物 权利人 收货人 发货人 申报 工作日 通知 调查 "
    "法院 放行 保证金 罚款 没收 销毁 拍卖 被许可人 出口 进口 集装箱 假冒 品牌 授权 申请人 "
    "有效期 续展 证书 证据 查验 仓储 费用 赔偿 保函 依职权 依申请 口岸 企业 代理人 发票 货值 "
    "金额 责任 行政 复议 诉讼 保全 奥林匹克 世博会 标志 展会 旅客 邮递 跨境 电商 数量 自用 处置 "
    "公益 捐赠 罚没 违法 所得 刑事 移送 大连 港口 机场 提单 样品 照片 鉴定 报告 技术 专家 同意 "
    "书面 答复 延长 中止 终止 撤销 转让 全国 保护 范围 条例 办法 条款 "
)
# Common characters, for Chinese filler text.
ZH_FILLER = (
    "的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两"
    "体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新"
    "线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已"
    "通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较"
    "将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百"
    "规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教"
    "速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温"
    "传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千"
    "周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候"
    "毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁"
    "价严"
)


@dataclass
class Figures:
    """What one knowledge base measured."""

    name: str
    sections: int = 0
    engine_ms: list[float] = field(default_factory=list)
    bare_ms: list[float] = field(default_factory=list)
    build_sections: int = 0
    engine_build_s: float = 0.0
    bare_build_s: float = 0.0
    engine_build_cpu_s: float = 0.0  # CPU seconds of this process (all threads): steadier than wall time
    bare_build_cpu_s: float = 0.0  # when other processes compete for the cores
    load: list[float] = field(default_factory=list)  # 1-minute load average after each build round
    incremental_s: float = 0.0
    reload_s: float = 0.0
    added_sections: int = 0
    added_s: float = 0.0
    notes: list[str] = field(default_factory=list)


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# --- the synthetic knowledge base ---------------------------------------------------------------------


def filler_word(rng: random.Random) -> str:
    syllables = [
        "ka",
        "lo",
        "mi",
        "ren",
        "tu",
        "sa",
        "vel",
        "dor",
        "qui",
        "zan",
        "po",
        "fe",
        "ri",
        "mon",
        "ta",
    ]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))


def en_section(rng: random.Random) -> tuple[str, str]:
    """A question heading and a ~120-word body: customs words, filler, and now and then an amount."""
    topic = rng.sample(EN_WORDS, 4)
    title = f"How does {topic[0]} {topic[1]} affect {topic[2]} {topic[3]}?"
    words: list[str] = []
    while len(words) < 120:
        sentence = [rng.choice(EN_WORDS) if rng.random() < 0.6 else filler_word(rng) for _ in range(rng.randint(8, 15))]
        if rng.random() < 0.2:
            sentence += ["within", str(rng.choice([3, 20, 30, 50])), "working", "days"]
        if rng.random() < 0.2:
            sentence += ["RMB", f"{rng.choice([15, 30, 50, 100, 200, 500])},000"]
        sentence[0] = sentence[0].capitalize()
        words += sentence
        words[-1] += "."
    return title, " ".join(words)


def zh_section(rng: random.Random) -> tuple[str, str]:
    """A Chinese question heading and a body of about 180 characters."""
    topic = rng.sample(ZH_WORDS, 3)
    title = f"{topic[0]}{topic[1]}的{topic[2]}怎么办？"
    parts: list[str] = []
    while sum(len(p) for p in parts) < 180:
        clause = "".join(rng.choice(ZH_WORDS) if rng.random() < 0.5 else rng.choice(ZH_FILLER) for _ in range(6))
        if rng.random() < 0.2:
            clause += f"{rng.choice([3, 20, 30, 50])}个工作日"
        parts.append(clause + rng.choice("，，。"))
    return title, "".join(parts)


# A synthetic file: relative path, front matter, and its sections as (heading, text).
SynFile = tuple[str, str, list[tuple[str, str]]]


def synthetic_files(total: int) -> list[SynFile]:
    """Files of FILE_SECTIONS sections each, ZH_SHARE of them Chinese."""
    rng = random.Random(SEED)
    files: list[SynFile] = []
    for n in range(0, -(-total // FILE_SECTIONS)):
        count = min(FILE_SECTIONS, total - n * FILE_SECTIONS)
        zh = rng.random() < ZH_SHARE
        make = zh_section if zh else en_section
        file_id = f"syn-{n:04d}" + ("-zh" if zh else "")
        lang, title = ("zh", "合成主题") if zh else ("en", "Synthetic topic")
        basis = f"Regulations Art. {n % 33 + 1}"
        front = f"---\nid: {file_id}\ntitle: {title} {n}\nlang: {lang}\nlegal_basis: {basis}\n---\n\n"
        files.append((f"{lang}/{file_id}.md", front, [make(rng) for _ in range(count)]))
    return files


def write_files(root: Path, files: Sequence[SynFile]) -> None:
    for rel, front, sections in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "".join(f"## {title} {{#s{i + 1}}}\n\n{text}\n\n" for i, (title, text) in enumerate(sections))
        path.write_text(front + body, encoding="utf-8")


def synthetic_questions(files: Sequence[SynFile], count: int) -> list[str]:
    """Headings of random sections, shortened or reworded, and some about nothing in the base; en and zh."""
    rng = random.Random(SEED + 1)
    titles = [(title, rel.startswith("zh/")) for rel, _, sections in files for title, _ in sections]
    zh_titles = [t for t, zh in titles if zh]
    en_titles = [t for t, zh in titles if not zh]
    questions = []
    for n in range(count):
        if n % 10 == 9:
            questions.append(rng.choice(["What will the weather be in Dalian tomorrow?", "怎么申请签证"]))
        elif n % 3 == 2 and zh_titles:
            questions.append(rng.choice(zh_titles)[:-4] + rng.choice(["吗？", "？", "怎么处理"]))
        else:
            words = rng.choice(en_titles).rstrip("?").split()
            questions.append("what about " + " ".join(words[2:]) + "?")
    return questions


def distinct(questions: Sequence[str]) -> list[str]:
    """The questions with repeats numbered, so that none is asked twice."""
    seen: set[str] = set()
    out = []
    for n, question in enumerate(questions):
        question = question if question not in seen else f"{question} ({n})"
        seen.add(question)
        out.append(question)
    return out


def real_questions(count: int) -> list[str]:
    path = ROOT / "tests/eval/questions.jsonl"
    rows = [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [rows[n % len(rows)] for n in range(count)]


# --- measurements -------------------------------------------------------------------------------------


def measure_build(figures: Figures, knowledge: Path, index: Path, embedder: SentenceEmbedder, rounds: int) -> None:
    """Full builds from scratch against bare model.encode over the texts a build embeds; the two alternate,
    and the best round of each counts, so that another process's burst of work hits both alike."""
    texts = [view for s in load_knowledge(knowledge).sections for view in s.views]
    model = embedder._model  # the bare floor: the SentenceTransformer itself
    bare: list[tuple[float, float]] = []
    engine: list[tuple[float, float]] = []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        model.encode(texts, batch_size=embedder.batch_size, normalize_embeddings=True, show_progress_bar=False)
        bare.append((time.perf_counter() - wall, time.process_time() - cpu))
        shutil.rmtree(index, ignore_errors=True)
        wall, cpu = time.perf_counter(), time.process_time()
        report = KnowledgeDesk(knowledge, index, embedder).rebuild()
        engine.append((time.perf_counter() - wall, time.process_time() - cpu))
        figures.load.append(os.getloadavg()[0])
    figures.bare_build_s, figures.engine_build_s = min(w for w, _ in bare), min(w for w, _ in engine)
    figures.bare_build_cpu_s, figures.engine_build_cpu_s = min(c for _, c in bare), min(c for _, c in engine)
    figures.build_sections = report.sections


def measure_queries(figures: Figures, index: Path, embedder: SentenceEmbedder, questions: Sequence[str]) -> None:
    """Each question through the engine and through the bare floor, interleaved so that noise hits both."""
    retriever = Retriever(index, embedder)
    build = load_build(index)
    figures.sections = build.manifest.sections
    flat = faiss.IndexFlatIP(build.manifest.dim)
    flat.add(np.ascontiguousarray(build.vectors.reshape(-1, build.manifest.dim)))
    model = embedder._model

    def bare(question: str) -> None:
        vector = model.encode([question], normalize_embeddings=True, show_progress_bar=False)
        flat.search(np.asarray(vector, dtype=np.float32), 10)

    for n in range(10):  # warm-up of both paths, on questions that are not timed
        retriever.ask(f"warm-up question {n} about the customs guarantee")
        bare(f"warm-up question {n} about the customs guarantee")
    # Every timed question is new to the retriever: its cache of question vectors would otherwise skip the
    # model for a repeated question, and the comparison with the bare floor would mean nothing.
    for question in distinct(questions):
        figures.engine_ms.append(timed_ms(lambda q=question: retriever.ask(q)))
        figures.bare_ms.append(timed_ms(lambda q=question: bare(q)))


def timed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def measure_incremental(figures: Figures, knowledge: Path, index: Path, embedder: SentenceEmbedder) -> None:
    """One section of one file changes: the rebuild, then a serving retriever's switch to the new build."""
    retriever = Retriever(index, embedder)
    path = knowledge_paths(knowledge)[0]
    text = path.read_text(encoding="utf-8")
    cut = text.index("\n## ", text.index("\n## ") + 1) if text.count("\n## ") > 1 else len(text)
    path.write_text(text[:cut].rstrip() + "\nOne more sentence, added for the benchmark.\n" + text[cut:])
    started = time.perf_counter()
    report = KnowledgeDesk(knowledge, index, embedder).rebuild()
    figures.incremental_s = time.perf_counter() - started
    if report.embedded != 1:
        figures.notes.append(f"incremental rebuild embedded {report.embedded} sections, expected 1")
    started = time.perf_counter()
    retriever.reload()
    figures.reload_s = time.perf_counter() - started


def bench_real(embedder: SentenceEmbedder, work: Path, queries: int, rounds: int) -> Figures:
    figures = Figures("real knowledge/")
    knowledge = work / "real-knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    index = work / "real-index"
    measure_build(figures, knowledge, index, embedder, rounds)
    measure_queries(figures, index, embedder, real_questions(queries))
    measure_incremental(figures, knowledge, index, embedder)
    return figures


def bench_synthetic(
    embedder: SentenceEmbedder, work: Path, total: int, subset: int, queries: int, rounds: int
) -> Figures:
    figures = Figures(f"synthetic {total:,}")
    knowledge = work / "synthetic-knowledge"
    index = work / "synthetic-index"
    files = synthetic_files(total)
    first = max(1, min(len(files), subset // FILE_SECTIONS))
    write_files(knowledge, files[:first])
    measure_build(figures, knowledge, index, embedder, rounds)
    if first < len(files):
        figures.notes.append(
            f"build throughput on the first {figures.build_sections:,} sections; the other "
            f"{total - figures.build_sections:,} were added by an incremental rebuild"
        )
        write_files(knowledge, files[first:])
        started = time.perf_counter()
        report = KnowledgeDesk(knowledge, index, embedder).rebuild()
        figures.added_s = time.perf_counter() - started
        figures.added_sections = report.embedded
    measure_queries(figures, index, embedder, synthetic_questions(files, queries))
    measure_incremental(figures, knowledge, index, embedder)
    return figures


# --- the report ---------------------------------------------------------------------------------------


def table(results: Sequence[Figures]) -> str:
    def rate(sections: int, seconds: float) -> str:
        return f"{sections / seconds:.1f}" if seconds else "-"

    rows: list[tuple[str, Callable[[Figures], str]]] = [
        ("sections", lambda f: f"{f.sections:,}"),
        (
            "query p50 engine / bare (ms)",
            lambda f: f"{percentile(f.engine_ms, 50):.2f} / {percentile(f.bare_ms, 50):.2f}",
        ),
        (
            "query p95 engine / bare (ms)",
            lambda f: f"{percentile(f.engine_ms, 95):.2f} / {percentile(f.bare_ms, 95):.2f}",
        ),
        (f"ratio p50 engine/bare (goal <= {GOAL_QUERY_RATIO})", lambda f: ratio(f.engine_ms, f.bare_ms, 50)),
        ("ratio p95 engine/bare", lambda f: ratio(f.engine_ms, f.bare_ms, 95)),
        ("build sections measured", lambda f: f"{f.build_sections:,}"),
        (
            "build sections/s engine / bare",
            lambda f: f"{rate(f.build_sections, f.engine_build_s)} / {rate(f.build_sections, f.bare_build_s)}",
        ),
        (
            f"ratio build engine/bare (goal >= {GOAL_BUILD_RATIO})",
            lambda f: f"{f.bare_build_s / f.engine_build_s:.2f}",
        ),
        (
            "ratio build CPU time bare/engine",
            lambda f: f"{f.bare_build_cpu_s / f.engine_build_cpu_s:.2f}",
        ),
        ("load average during the builds", lambda f: " ".join(f"{x:.1f}" for x in f.load)),
        (
            "incremental add sections/s",
            lambda f: rate(f.added_sections, f.added_s) if f.added_sections else "-",
        ),
        (
            f"rebuild after 1 file changed (s) (goal < {GOAL_INCREMENTAL_S:g} real)",
            lambda f: f"{f.incremental_s:.2f}",
        ),
        ("retriever switch to new build (s)", lambda f: f"{f.reload_s:.2f}"),
    ]
    width = max(len(label) for label, _ in rows) + 2
    lines = [" " * width + "".join(f"{f.name:>24}" for f in results)]
    lines += [label.ljust(width) + "".join(f"{cell(f):>24}" for f in results) for label, cell in rows]
    return "\n".join(lines)


def ratio(engine: Sequence[float], bare: Sequence[float], q: float) -> str:
    return f"{percentile(engine, q) / percentile(bare, q):.2f}"


def verdicts(results: Sequence[Figures]) -> list[str]:
    lines = []
    for f in results:
        query = percentile(f.engine_ms, 50) / percentile(f.bare_ms, 50)
        build = f.bare_build_s / f.engine_build_s
        cpu = f.bare_build_cpu_s / f.engine_build_cpu_s
        lines.append(
            f"{f.name}: query ratio {query:.2f} {'meets' if query <= GOAL_QUERY_RATIO else 'MISSES'} "
            f"<= {GOAL_QUERY_RATIO}; build ratio {build:.2f} "
            f"{'meets' if build >= GOAL_BUILD_RATIO else 'MISSES'} >= {GOAL_BUILD_RATIO}"
            f" (CPU-time ratio {cpu:.2f})"
        )
        if build < GOAL_BUILD_RATIO <= cpu and max(f.load) > CORES:
            lines.append(
                f"  the wall-clock miss comes with a load average of {max(f.load):.1f} on {CORES} cores: "
                "other processes took the cores during one of the timed builds; the CPU-time ratio meets"
            )
    real = results[0]
    lines.append(
        f"{real.name}: rebuild after one change {real.incremental_s:.2f} s "
        f"{'meets' if real.incremental_s < GOAL_INCREMENTAL_S else 'MISSES'} < {GOAL_INCREMENTAL_S:g} s"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", type=int, default=10_000, help="sections of the synthetic knowledge base")
    parser.add_argument("--subset", type=int, default=2_000, help="synthetic sections whose full build is timed")
    parser.add_argument("--queries", type=int, default=200, help="questions timed per knowledge base")
    parser.add_argument("--rounds", type=int, default=2, help="build rounds (engine and bare alternate); best counts")
    args = parser.parse_args(argv)

    import torch

    started = time.perf_counter()
    embedder = load_embedder("")
    assert isinstance(embedder, SentenceEmbedder)
    print(
        f"model {embedder.name} ({embedder.dim}d), torch threads {torch.get_num_threads()}, "
        f"faiss threads {faiss.omp_get_max_threads()}, batch {embedder.batch_size}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="iprdesk-bench-") as tmp:
        work = Path(tmp)
        results = [bench_real(embedder, work, args.queries, args.rounds)]
        print(f"real knowledge base done ({time.perf_counter() - started:.0f} s)", flush=True)
        results.append(bench_synthetic(embedder, work, args.sections, args.subset, args.queries, args.rounds))
    print()
    print(table(results))
    print(f"{'peak RSS of the process (MB)':<{56}}{peak_rss_mb():>10.0f}")
    for f in results:
        for note in f.notes:
            print(f"note ({f.name}): {note}")
    print()
    for line in verdicts(results):
        print(line)
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
