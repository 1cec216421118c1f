"""Review speed beside proselint on the same documents, in one run.

    .venv/bin/python bench/review_speed.py [--docs 600]

1. Cold: wall time of one subprocess per tool on one document (best of 5).
2. Batch: docs/s over N generated documents (variants of the fixture corpus), each tool
   in one process (dcrdraft review_paths with jobs=1; proselint's Python API).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _corpus(folder: Path, n: int) -> list[Path]:
    sources = sorted((ROOT / "fixtures" / "review").glob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    rng = random.Random(7)
    out = []
    for i in range(n):
        text = texts[i % len(texts)]
        lines = text.split("\n")
        rng.shuffle(lines[5:12])  # variants: a paragraph order and a figure change
        text = "\n".join(lines).replace("89%", f"{80 + i % 15}%")
        p = folder / f"doc{i:04d}.md"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


def _cold(cmd: list[str], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - t)
    return best


def _batch_dcrdraft(files: list[Path]) -> float:
    code = ("import sys,time; from dcrdraft.review import review_paths; t=time.perf_counter();"
            "review_paths(sys.argv[1:], jobs=1); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code, *map(str, files)], capture_output=True,
                         text=True, check=True)
    return float(out.stdout.strip())


def _batch_proselint(files: list[Path]) -> float:
    code = ("import sys,time\nfrom proselint.tools import LintFile\nfrom proselint.config "
            "import DEFAULT\nt=time.perf_counter()\nfor p in sys.argv[1:]:\n"
            "    LintFile(p).lint(DEFAULT)\nprint(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code, *map(str, files)], capture_output=True,
                         text=True)
    if out.returncode != 0:  # API differs between versions: fall back to the CLI
        t = time.perf_counter()
        subprocess.run([str(BIN / "proselint"), "check", *map(str, files)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - t
    return float(out.stdout.strip())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=600)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dcrbench-"))
    try:
        files = _corpus(tmp, args.docs)
        one = str(ROOT / "fixtures" / "review" / "strong-guide-style.md")
        cold_d = _cold([str(BIN / "dcrdraft"), "review", one])
        cold_dm = _cold([sys.executable, "-c",
                         f"from dcrdraft.review import review_path; review_path({one!r})"])
        cold_p = _cold([str(BIN / "proselint"), "check", one])
        bd = _batch_dcrdraft(files)
        bp = _batch_proselint(files)
        n = len(files)
        print(f"documents: {n} (mean {sum(p.stat().st_size for p in files) / n / 1024:.1f} KiB)")
        print(f"cold, one document   dcrdraft CLI {cold_d * 1000:7.0f} ms   "
              f"dcrdraft.review API {cold_dm * 1000:5.0f} ms   proselint {cold_p * 1000:7.0f} ms"
              f"   ratio CLI/proselint {cold_d / cold_p:.2f}")
        print(f"batch, one process   dcrdraft {n / bd:8.1f} docs/s   proselint {n / bp:8.1f} docs/s"
              f"   ratio {bp / bd:.1f}x   (cpus: {os.cpu_count()})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
