"""Review speed on hostile documents beside proselint, in one run (issue 12).

    .venv/bin/python bench/hostile_speed.py [--scale 1.0] [--timeout 120] [--no-proselint]

1. The median throughput (KB/s) of ``review_path`` over the real-size documents: the
   non-sealed fixtures under ``fixtures/review`` and the shared real corpus, in one process
   after start-up (the sealed set is never read: it measures the reviewer, not its speed).
2. Each hostile document of ``bench/hostile_docs.py`` at ``--scale`` reviewed in a fresh
   process (start-up excluded, ``--timeout`` seconds at most): seconds, KB/s and the ratio to
   the median; bombs must be refused with one line. ``proselint`` lints the same text files
   in the same run, for scale.
3. The common case, RE2 against ``re``: the median documents reviewed with the RE2 twin for
   every text (``LINEAR_MIN`` 0) and for none (``LINEAR_MIN`` huge), the same process.

Targets: every hostile file's throughput within 2x of the median (ratio >= 0.5), and the
slowest under 10 s at 20 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import hostile_docs  # noqa: E402
from tests.conftest import unsealed  # noqa: E402

SUFFIXES = (".md", ".txt", ".html", ".docx", ".pdf")


def real_documents() -> list[Path]:
    """Real-size review documents, sealed sets left out."""
    folders = [ROOT / "fixtures" / "review", ROOT.parent / "shared" / "corpus" / "real",
               Path("/work/shared/corpus/real")]
    out: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            out += [p for p in unsealed(folder) if p.suffix in SUFFIXES]
    return list(dict.fromkeys(out))



MEDIAN = """
import json, os, statistics, sys, time
from dcrdraft.review import fastre
from dcrdraft.review.api import review_path
from dcrdraft.review.rubric import load_rubric
fastre.LINEAR_MIN = int(sys.argv[1])
if fastre.LINEAR_MIN > 10**8:
    fastre.HEAVY_PATTERN = 10**9
files = sys.argv[2:]
rubric = load_rubric()
for f in files[:5]:
    review_path(f, rubric)
rates, total = [], 0.0
for f in files:
    t = time.perf_counter()
    review_path(f, rubric)
    took = time.perf_counter() - t
    total += took
    rates.append(os.path.getsize(f) / 1024 / took)
print(json.dumps({"median": statistics.median(rates), "total": total}))
"""

ONE = """
import json, os, sys, time
from dcrdraft.review.api import review_path
from dcrdraft.review.rubric import load_rubric
rubric = load_rubric()
review_path(sys.argv[2], rubric)  # warm: patterns compiled, twins built
times = []
for _ in range(1 if os.path.getsize(sys.argv[1]) > 1_000_000 else 3):
    # small files: the median of three, as one 0.1 s timing is mostly noise
    t = time.perf_counter()
    rep = review_path(sys.argv[1], rubric)
    times.append(time.perf_counter() - t)
took = sorted(times)[len(times) // 2]
print(json.dumps({"seconds": took, "error": rep.error, "findings": len(rep.findings),
                  "budget": any(f.code == "X93" for f in rep.findings)}))
"""

PROSE = """
import sys, time
from pathlib import Path
from proselint.checks import __register__
from proselint.config import DEFAULT
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
CheckRegistry().register_many(__register__)
t = time.perf_counter()
LintFile(Path(sys.argv[1])).lint(DEFAULT)
print(time.perf_counter() - t)
"""


def _run(code: str, argv: list[str], timeout: float) -> str | None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                             text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        return "ERROR " + out.stderr.strip().splitlines()[-1][:200]
    return out.stdout.strip().splitlines()[-1]


def _proselint(path: Path, timeout: float) -> str:
    if path.suffix not in (".md", ".txt", ".html"):
        return "-"
    got = _run(PROSE, [str(path)], timeout)
    if got is None:
        return f">{timeout:.0f} s"
    return "n/a" if got.startswith("ERROR") else f"{float(got):.2f} s"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--no-proselint", action="store_true")
    args = ap.parse_args()
    docs = [str(p) for p in real_documents()]
    base = json.loads(_run(MEDIAN, ["256", *docs], 600) or "{}")
    median = base["median"]
    print(f"median real-size document: {median:.0f} KB/s over {len(docs)} documents "
          f"(median size {statistics.median(os.path.getsize(d) for d in docs) / 1024:.1f} KB)")
    re2_all = json.loads(_run(MEDIAN, ["0", *docs], 600) or "{}")
    re_only = json.loads(_run(MEDIAN, [str(10**9), *docs], 600) or "{}")
    print(f"common case, all {len(docs)} documents: shipped {base['total']:.2f} s, RE2 on "
          f"every text {re2_all['total']:.2f} s, re only {re_only['total']:.2f} s")
    tmp = Path(tempfile.mkdtemp(prefix="dcrhostile-"))
    try:
        files = hostile_docs.build(tmp, args.scale)
        print(f"\n{'document':22} {'size':>10} {'seconds':>8} {'KB/s':>8} {'vs median':>9}  "
              f"{'proselint':>9}  result")
        worst = 0.0
        for path in files:
            kb = path.stat().st_size / 1024
            got = _run(ONE, [str(path), docs[0]], args.timeout)
            prose = "-" if args.no_proselint else _proselint(path, args.timeout)
            if got is None or got.startswith("ERROR"):
                print(f"{path.name:22} {kb:8.0f} KB {'>' + str(int(args.timeout)):>8}"
                      f" {'':>8} {'':>9}  {prose:>9}  {got or 'TIMED OUT'}")
                worst = float("inf")
                continue
            res = json.loads(got)
            secs = max(res["seconds"], 1e-6)
            rate = kb / secs
            worst = max(worst, secs)
            what = (f"refused: {res['error']}" if res["error"] else
                    f"{res['findings']} findings" + (" (X93 budget)" if res["budget"] else ""))
            print(f"{path.name:22} {kb:8.0f} KB {secs:8.2f} {rate:8.0f} {rate / median:8.2f}x"
                  f"  {prose:>9}  {what[:70]}")
        print(f"\nslowest: {worst:.2f} s (target < 10 s at 20 MB); target ratio >= 0.50")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
