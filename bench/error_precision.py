"""Precision per X-check on the tuned sets: the measurement behind the severity policy (an
X-check is an ``error`` only when its findings are right at least 95% of the time).

    .venv/bin/python bench/error_precision.py        # table per X-code, severity beside it

A finding is right when a ``{CODE}`` marker labels its line (fixtures/review/*.md and
fixtures/review/tuned-heldout, by code alone for .docx/.pdf) and wrong when none does; on
fixtures/review/tuned-blind, whose labels carry no X-codes, a finding on a document labelled
clean (every item pass, no mistake) is wrong and the others are not judged. Findings on the
real model cards (/work/shared/corpus/real, no labels) are counted, not judged. The sealed
set is never read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import BINARY, HELDOUT, TUNED, cases, compare_by_code  # noqa: E402

from dcrdraft.review.labels import Outcome, compare  # noqa: E402

BLIND = TUNED / "tuned-blind"
REAL = Path("/work/shared/corpus/real")
MIN_PRECISION = 0.95


@dataclass
class Tally:
    """Per X-code: right and wrong findings, unjudged ones, and where the wrong ones are."""

    right: dict[str, int] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    unjudged: dict[str, int] = field(default_factory=dict)

    def precision(self, code: str) -> float | None:
        r, w = self.right.get(code, 0), len(self.wrong.get(code, []))
        return r / (r + w) if r + w else None


def _marked(tally: Tally) -> None:
    """Findings on the marker-labelled sets, judged by their markers."""
    for folder in (TUNED, HELDOUT):
        for path, labels, report in cases(folder):
            out = Outcome()
            (compare_by_code if path.suffix in BINARY else compare)(
                path.name, labels, report, out)
            for code, n in out.tp.items():
                if code.startswith("X"):
                    tally.right[code] = tally.right.get(code, 0) + n
            for code, where in out.fp.items():
                if code.startswith("X"):
                    tally.wrong.setdefault(code, []).extend(where)


def _blind(tally: Tally) -> None:
    """Findings on the blind-labelled set: wrong on a clean document, else unjudged."""
    from dcrdraft.review.api import review_path

    labels = yaml.safe_load((BLIND / "labels.yaml").read_text(encoding="utf-8"))["documents"]
    for name, lab in sorted(labels.items()):
        clean = not lab.get("mistakes") and all(s == "pass" for s in lab["checklist"].values())
        for f in review_path(BLIND / name).findings:
            if not f.code.startswith("X"):
                continue
            if clean:
                tally.wrong.setdefault(f.code, []).append(f"{name}:{f.line}: {f.message}")
            else:
                tally.unjudged[f.code] = tally.unjudged.get(f.code, 0) + 1


def measure(real: bool = False) -> Tally:
    """The tally over every tuned set (and the unlabelled real cards when ``real``)."""
    tally = Tally()
    _marked(tally)
    _blind(tally)
    if real and REAL.is_dir():
        from dcrdraft.review.api import review_path

        for path in sorted(REAL.iterdir()):
            for f in review_path(path).findings:
                if f.code.startswith("X"):
                    tally.unjudged[f.code] = tally.unjudged.get(f.code, 0) + 1
    return tally


def main() -> int:
    from dcrdraft.review.rubric import load_rubric

    severity = {r.code: r.severity for r in load_rubric().rules if r.code.startswith("X")}
    tally = measure(real=True)
    print(f"{'code':<6}{'severity':>9}{'right':>7}{'wrong':>7}{'unjudged':>10}{'precision':>11}")
    for code in sorted(severity):
        p = tally.precision(code)
        print(f"{code:<6}{severity[code]:>9}{tally.right.get(code, 0):>7}"
              f"{len(tally.wrong.get(code, [])):>7}{tally.unjudged.get(code, 0):>10}"
              f"{(f'{p:.2f}' if p is not None else '-'):>11}")
    for code, where in sorted(tally.wrong.items()):
        for w in where:
            print(f"wrong {code}: {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
