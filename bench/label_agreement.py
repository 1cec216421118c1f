"""How far two human labellers agree, measured exactly as the reviewer is (the ceiling its
targets should be read against).

Usage:
    python bench/label_agreement.py SECOND.yaml REFERENCE.yaml [REFERENCE.yaml ...]

``SECOND.yaml`` holds a second labeller's labels for documents the reference labels cover
(same format, fixtures/review/*/CONVENTIONS.md). It is turned into what a perfect reviewer
holding those labels would print — its checklist statuses, a finding per listed mistake, and
the README's label score as its score — and scored against the reference labels by
``sealed_accuracy.report``. Only aggregate figures are printed, as for a sealed set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sealed_accuracy import label_score, load_labels, report  # noqa: E402


def as_review(labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The review JSON a reviewer agreeing with ``labels`` in every respect would write."""
    files = []
    for name, lab in sorted(labels.items()):
        files.append({
            "path": name,
            "score": label_score(lab),
            "checklist": [{"code": c, "status": s} for c, s in sorted(lab["checklist"].items())],
            "findings": [{"code": m, "severity": "warning"} for m in lab.get("mistakes") or []],
        })
    return {"files": files}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("second", type=Path)
    ap.add_argument("reference", type=Path, nargs="+")
    args = ap.parse_args()
    args.disagreements = False
    report(load_labels(args.reference), as_review(load_labels([args.second])), args)


if __name__ == "__main__":
    main()
