"""Cold wall time of ``dcrdraft draft`` on the built-in examples, beside a Python start-up
baseline and a peer tool (proselint, if installed) run on the same draft in the same run.

Target: ≤ 0.5 s wall per cold draft on a 2-core machine, with no Textual/LangChain/OpenAI
import on the path.

    python bench/draft_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("textual", "langchain_core", "langchain_openai", "openai", "matplotlib")


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median and max wall seconds of ``runs`` cold runs (first run discarded as warm-up)."""
    subprocess.run(cmd, capture_output=True, check=False)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py = sys.executable
    out = Path(tempfile.mkdtemp()) / "dcr.md"
    rows = [("python -c pass (floor)", [py, "-c", "pass"])]
    for name in ("chatbot", "radiology"):
        rows.append((f"dcrdraft draft --example {name}",
                     [py, "-m", "dcrdraft", "draft", "--example", name, "--engine", "template"]))
    subprocess.run([py, "-m", "dcrdraft", "draft", "--example", "radiology", "-o", str(out),
                    "--force", "--engine", "template"], check=True, capture_output=True)
    proselint = shutil.which("proselint") or str(Path(py).parent / "proselint")
    if Path(proselint).exists():
        rows.append(("peer: proselint check (same draft)", [proselint, "check", str(out)]))
    print(f"{'command':45} {'median s':>9} {'max s':>7}")
    for label, cmd in rows:
        med, worst = timed(cmd, args.runs)
        print(f"{label:45} {med:9.3f} {worst:7.3f}")
    probe = ("import sys; from dcrdraft.cli import main\n"
             "try:\n    main(['draft', '--example', 'chatbot', '--engine', 'template'])\n"
             "except SystemExit:\n    pass\n"
             f"print('heavy imports:', [m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)")
    res = subprocess.run([py, "-c", probe], capture_output=True, text=True)
    print(res.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
