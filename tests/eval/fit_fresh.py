"""Fit the engine's confidence on questions as they first arrived: each tuning set scored on the knowledge base
of the commit before the knowledge loop wrote it in, so its features are those of unseen questions, not of
questions the entries now carry as `Also asked:` lines.

    .venv/bin/python tests/eval/fit_fresh.py tests/eval/blind9.jsonl@668e4f8 ... [--l2 0.1]

Each SET@COMMIT builds the index of `git archive COMMIT knowledge` in a temporary folder; the features of every
`tune` question are collected there (evaluation.confidence_rows) and one logistic fit per language is made over
all of them (evaluation.fit_rows). Prints the coefficients for Tuning.confidence_en / confidence_zh. Choose the
threshold afterwards with `iprdesk eval SET --calibrate` on sets no build has learned. CALIBRATION.md ("Seventh
stop on issue 13") has the one run so far, with a fifth feature that was not kept, and why.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from bot.config import Settings
from bot.retrieval import evaluation
from bot.retrieval.build import KnowledgeDesk
from bot.retrieval.embedder import Embedder, load_embedder
from bot.retrieval.search import Retriever

ROOT = Path(__file__).resolve().parents[2]


def knowledge_at(commit: str, into: Path) -> Path:
    """The knowledge/ folder as it was at `commit`, unpacked under `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "knowledge"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "knowledge"


def rows_at(spec: str, embedder: Embedder, work: Path) -> evaluation.Rows:
    """The confidence rows of one SET@COMMIT."""
    path, _, commit = spec.rpartition("@")
    if not path or not commit:
        raise SystemExit(f"{spec}: expected SET@COMMIT")
    state = work / commit
    if not (state / "index").exists():
        desk = KnowledgeDesk(knowledge_at(commit, state), state / "index", embedder)
        desk.rebuild()
    retriever = Retriever(state / "index", embedder)
    questions = [q for q in evaluation.load_questions(Path(path)) if q.split == "tune"]
    return evaluation.confidence_rows(retriever, questions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="+", help="SET@COMMIT: a question set and the commit before it was learned")
    parser.add_argument("--l2", type=float, default=0.1)
    args = parser.parse_args()
    embedder = load_embedder(Settings().embedding_model)
    rows: evaluation.Rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for spec in args.specs:
            for lang, data in rows_at(spec, embedder, Path(tmp)).items():
                rows.setdefault(lang, []).extend(data)
    for lang, data in sorted(rows.items()):
        positives = sum(label for _, label in data)
        print(f"{lang}: {len(data)} questions, {positives} with an answer")
    for lang, coefficients in sorted(evaluation.fit_rows(rows, args.l2).items()):
        print(f"confidence_{lang} = {tuple(coefficients)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
