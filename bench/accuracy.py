"""Precision and recall per code of the reviewer on the labelled fixture corpus.

    .venv/bin/python bench/accuracy.py [FOLDER]

Findings match a ``{CODE}`` marker when the marker's line is inside their span; checklist
items count as positive when labelled (or found) not passing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dcrdraft.review.labels import FORMATS, Outcome, compare, read_fixture


def main(folder: str = "fixtures/review") -> int:
    out = Outcome()
    files = sorted(p for p in Path(folder).iterdir() if p.suffix in FORMATS)
    for path in files:
        labels, report = read_fixture(path)
        compare(path.name, labels, report, out)
    codes = sorted(set(out.tp) | set(out.fp) | set(out.fn))
    print(f"{len(files)} labelled documents\n")
    print(f"{'code':<12}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    for code in codes:
        tp, fp, fn = out.tp.get(code, 0), len(out.fp.get(code, [])), len(out.fn.get(code, []))
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        print(f"{code:<12}{tp:>4}{fp:>4}{fn:>4}{p:>11.2f}{r:>8.2f}")
    for kind in ("fp", "fn"):
        for ws in getattr(out, kind).values():
            for w in ws:
                print(f"{kind}: {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
