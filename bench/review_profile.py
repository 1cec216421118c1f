"""Where one review's time goes, on the real-size documents of ``review_speed.py --real``.

    PYTHONPATH=src .venv/bin/python bench/review_profile.py [--top 10] [--sort tottime]

Reviews every document once to warm up (patterns compiled, prefilters derived, RE2 twins
built: what a batch pays once per process), then reviews them again under cProfile and
prints the top functions, the CPU time per document of the warm-up pass and of the
profiled-free steady pass, and each checklist item's and finding rule's share of it. The
sealed sets are never read (``review_speed._real_sources`` skips them).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from review_speed import _real_sources  # noqa: E402

T = TypeVar("T")


def _per_rule(files: list[Path]) -> dict[str, float]:
    """CPU seconds per phase (ingest, context, each rule) over one pass of ``files``."""
    from dcrdraft.ingest import read_document
    from dcrdraft.ingest.source import REVIEW_CHARS
    from dcrdraft.review import engine, load_rubric
    from dcrdraft.review.context import Context
    from dcrdraft.review.fastre import new_document

    rubric = load_rubric()
    spent: dict[str, float] = {}

    def timed(key: str, fn: Callable[[], T]) -> T:
        t = time.process_time()
        out = fn()
        spent[key] = spent.get(key, 0.0) + time.process_time() - t
        return out

    for f in files:
        doc = timed("ingest", lambda: read_document(f, budget=REVIEW_CHARS))
        new_document()
        ctx = timed("context", lambda: Context.of(doc))
        for r in rubric.items:
            timed(f"{r.code} {r.check}", lambda: engine._item(ctx, r))  # noqa: SLF001
        for r in rubric.findings:
            timed(f"{r.code} {r.check}", lambda: engine._findings(ctx, r))  # noqa: SLF001
    return spent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--sort", default="tottime", choices=["tottime", "cumtime", "ncalls"])
    args = ap.parse_args()
    from dcrdraft.review import load_rubric, review_path

    files = _real_sources()
    rubric = load_rubric()
    t = time.process_time()
    for f in files:
        review_path(f, rubric)
    warm = (time.process_time() - t) / len(files)
    spent = _per_rule(files)
    steady = sum(spent.values()) / len(files)
    prof = cProfile.Profile()
    prof.enable()
    for f in files:
        review_path(f, rubric)
    prof.disable()
    print(f"{len(files)} documents; CPU per document: warm-up pass {warm * 1000:.1f} ms, "
          f"steady pass {steady * 1000:.1f} ms")
    for key, secs in sorted(spent.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {secs / len(files) * 1000:6.2f} ms  {key}")
    stats = pstats.Stats(prof)
    print(f"profiled steady pass: {stats.total_calls} calls")  # type: ignore[attr-defined]
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
