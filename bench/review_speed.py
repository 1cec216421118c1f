"""Review speed beside proselint on the same documents, in one run.

    .venv/bin/python bench/review_speed.py [--docs 600] [--runs 5] [--real]

1. Cold, one document: wall time of a fresh process per tool (best of ``--runs``): the
   ``dcrdraft review`` CLI with the results cache off, on a first run and once its compiled
   patterns are kept (``dcrdraft.review.regexcache``); the ``dcrdraft.review`` library alone; and the
   ``proselint check`` CLI and library.
2. Batch, in process: docs/s over N generated documents (variants of the fixture corpus),
   timed inside one process after start-up: dcrdraft ``review_paths`` with jobs=1 and jobs=2
   (cache off) against proselint's ``LintFile`` loop.
3. Batch, CLI wall time: ``dcrdraft review --no-cache -j 1`` and ``-j 2``, then the results
   cache cold (first run, filling it) and warm (re-run); ``proselint check`` on the same files.

Targets (issue 3): cold CLI <= 0.5x proselint; batch >= 5x proselint docs/s and >= 100 docs/s
per core (the single-process figure is per core).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


REAL = [Path("/work/shared/corpus/real"), ROOT / "fixtures" / "review" / "tuned-blind",
        ROOT / "fixtures" / "review" / "tuned-heldout"]
"""Real-size documents (``--real``): public model cards and DCRs written by other hands. The
sealed set (fixtures/review/sealed-*) is never read here."""


def _real_sources(low: int = 5 * 1024, high: int = 60 * 1024) -> list[Path]:
    """Markdown and text documents of 5-60 KB from the ``REAL`` folders."""
    found = [p for d in REAL if d.is_dir() for p in sorted(d.iterdir())
             if p.suffix in (".md", ".txt") and low <= p.stat().st_size <= high
             and "sealed" not in str(p)]
    return found


def _corpus(folder: Path, n: int, sources: list[Path] | None = None) -> list[Path]:
    """``n`` distinct documents: the fixture texts with every percentage nudged and a variant
    number, so no two share their bytes (the reviewer remembers nothing across documents)."""
    sources = sources or sorted((ROOT / "fixtures" / "review").glob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    out = []
    for i in range(n):
        text = re.sub(r"\b(\d{1,2})(\.\d)?%", lambda m: f"{(int(m.group(1)) + i) % 100}"
                      f"{m.group(2) or ''}%", texts[i % len(texts)])
        p = folder / f"doc{i:04d}.md"
        p.write_text(f"<!-- variant {i} -->\n{text}", encoding="utf-8")
        out.append(p)
    return out


def _wall(cmd: list[str], env: dict[str, str], runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env=env, cwd=tempfile.gettempdir())
        best = min(best, time.perf_counter() - t)
    return best


def _inside(code: str, argv: list[str], env: dict[str, str]) -> float:
    """Seconds the snippet reports for its own timed section (start-up excluded)."""
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                         text=True, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-500:])
    return float(out.stdout.strip().splitlines()[-1])


DCR_BATCH = ("import sys,time\nfrom dcrdraft.review import review_paths\nt=time.perf_counter()\n"
             "review_paths(sys.argv[2:], jobs=int(sys.argv[1]))\nprint(time.perf_counter()-t)")
PROSE_SETUP = ("from pathlib import Path\nfrom proselint.checks import __register__\n"
               "from proselint.config import DEFAULT\nfrom proselint.registry import "
               "CheckRegistry\nfrom proselint.tools import LintFile\n"
               "CheckRegistry().register_many(__register__)\n")
"""What ``proselint check`` does before linting: register every check."""
PROSE_BATCH = (f"import sys,time\n{PROSE_SETUP}t=time.perf_counter()\n"
               "for p in sys.argv[1:]:\n    LintFile(Path(p)).lint(DEFAULT)\n"
               "print(time.perf_counter()-t)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--real", action="store_true",
                    help="real-size documents (5-60 KB model cards and DCRs) instead of the "
                         "fixture texts")
    args = ap.parse_args()
    sources = _real_sources() if args.real else None
    tmp = Path(tempfile.mkdtemp(prefix="dcrbench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache")}  # never the user's cache
    dcr, prose = str(BIN / "dcrdraft"), str(BIN / "proselint")
    try:
        (tmp / "docs").mkdir()
        files = _corpus(tmp / "docs", args.docs, sources)
        n, one = len(files), str(ROOT / "fixtures" / "review" / "strong-guide-style.md")
        if sources:  # the median-size real document for the cold run
            one = str(sorted(sources, key=lambda p: p.stat().st_size)[len(sources) // 2])
        r = args.runs
        bare = {**env, "DCRDRAFT_NO_REGEX_CACHE": "1"}
        cold_bare = _wall([dcr, "review", "--no-cache", "--isolated", one], bare, r)
        for _ in range(5):  # prime the compiled-pattern cache (results cache stays off)
            _wall([dcr, "review", "--no-cache", "--isolated", one], env)
        cold_cli = _wall([dcr, "review", "--no-cache", "--isolated", one], env, r)
        cold_lib = _wall([sys.executable, "-c", "from dcrdraft.review import review_path; "
                          f"review_path({one!r})"], env, r)
        cold_p = _wall([prose, "check", one], env, r)
        cold_plib = _wall([sys.executable, "-c",
                           f"{PROSE_SETUP}LintFile(Path({one!r})).lint(DEFAULT)"],
                          env, r)
        names = [str(p) for p in files]
        in1 = _inside(DCR_BATCH, ["1", *names], env)
        in2 = _inside(DCR_BATCH, ["2", *names], env)
        inp = _inside(PROSE_BATCH, names, env)
        batch = [dcr, "review", "--isolated", "--format", "json", *names]
        cli1 = _wall(batch[:2] + ["--no-cache", "-j", "1"] + batch[2:], env)
        cli2 = _wall(batch[:2] + ["--no-cache", "-j", "2"] + batch[2:], env)
        cache_cold = _wall(batch, env)
        cache_warm = _wall(batch, env)
        cli_p = _wall([prose, "check", *names], env)
        size = sum(p.stat().st_size for p in files) / n / 1024
        print(f"documents: {n} (mean {size:.1f} KiB{', real-size sources: ' + str(len(sources)) if sources else ''}), "
              f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}")
        print(f"cold document: {one} ({Path(one).stat().st_size / 1024:.1f} KiB)")
        print("cold, one document (best of %d)" % r)
        print(f"  dcrdraft review CLI {cold_cli * 1000:6.0f} ms (compiled patterns kept from "
              f"earlier runs; {cold_bare * 1000:.0f} ms on a first run), results cache off")
        print(f"  dcrdraft.review library {cold_lib * 1000:6.0f} ms (no caches)")
        print(f"  proselint check CLI {cold_p * 1000:6.0f} ms   proselint library       "
              f"{cold_plib * 1000:6.0f} ms")
        print(f"  ratio CLI/proselint {cold_cli / cold_p:.2f}  (target <= 0.50)   "
              f"library/proselint library {cold_lib / cold_plib:.2f}")
        print("batch, in process (start-up excluded)")
        print(f"  dcrdraft jobs=1 {n / in1:7.1f} docs/s   jobs=2 {n / in2:7.1f} docs/s   "
              f"proselint {n / inp:7.1f} docs/s")
        print(f"  ratio jobs=1 {inp / in1:.1f}x, jobs=2 {inp / in2:.1f}x  (target >= 5x); "
              f"per core {n / in1:.0f} docs/s (target >= 100)")
        print("batch, CLI wall time (start-up included)")
        print(f"  dcrdraft -j 1 --no-cache {n / cli1:7.1f} docs/s   -j 2 --no-cache "
              f"{n / cli2:7.1f} docs/s   proselint check {n / cli_p:7.1f} docs/s")
        print(f"  results cache: cold (filling) {n / cache_cold:7.1f} docs/s   "
              f"warm (re-run) {n / cache_warm:7.1f} docs/s")
        print(f"  ratio -j 1 {cli_p / cli1:.1f}x, -j 2 {cli_p / cli2:.1f}x, warm cache "
              f"{cli_p / cache_warm:.1f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
