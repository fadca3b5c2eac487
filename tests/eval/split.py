"""Mark each line of JSONL question files "holdout" or "tune", deterministically from the question text.

    python3 tests/eval/split.py tests/eval/blind.jsonl tests/eval/computed.jsonl

holdout when int(sha1(question).hexdigest(), 16) % 3 == 0, tune otherwise; the files are rewritten in place,
line order and other fields unchanged. Running it again gives the same result.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def split_of(question: str) -> str:
    """The split a question belongs to."""
    return "holdout" if int(hashlib.sha1(question.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def mark(path: Path) -> dict[str, int]:
    """Set "split" on every line of the file; return the count per split."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts: dict[str, int] = {"tune": 0, "holdout": 0}
    for row in rows:
        row["split"] = split_of(row["question"])
        counts[row["split"]] += 1
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return counts


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(name, mark(Path(name)))
