"""Agreement of `dcrdraft review` with blind human labels.

Usage:
    .venv/bin/dcrdraft review --no-cache --format json fixtures/review/tuned-blind > out.json
    python bench/blind_accuracy.py fixtures/review/tuned-blind/labels.yaml out.json [--disagreements]

Prints, per checklist item, exact status agreement and pass-vs-not-pass agreement
over the labelled documents, and per M-code document-level precision/recall.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

C_CODES = [f"C{i:02d}" for i in range(1, 21)]
M_CODES = ["M01", "M02", "M03", "M04", "M05"]


def load(labels_path: Path, json_path: Path) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))["documents"]
    run = json.loads(json_path.read_text(encoding="utf-8"))
    by_name = {Path(f["path"]).name: f for f in run["files"]}
    pairs = []
    for name, lab in labels.items():
        if name not in by_name:
            print(f"warning: {name} labelled but not in the review output")
            continue
        pairs.append((name, lab, by_name[name]))
    return pairs


def fmt(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:5.1f}%)" if d else "  n/a"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("labels", type=Path)
    ap.add_argument("review_json", type=Path)
    ap.add_argument("--disagreements", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    pairs = load(args.labels, args.review_json)

    print(f"documents: {len(pairs)}\n")
    print(f"{'item':5} {'exact':>16} {'pass/not-pass':>16}  confusion (label->reviewer)")
    tot_exact = tot_bin = tot = 0
    disagreements = []
    for code in C_CODES:
        exact = binary = 0
        conf: dict[str, int] = {}
        for name, lab, got in pairs:
            want = lab["checklist"][code]
            item = next(c for c in got["checklist"] if c["code"] == code)
            have = item["status"]
            exact += want == have
            binary += (want == "pass") == (have == "pass")
            if want != have:
                key = f"{want}->{have}"
                conf[key] = conf.get(key, 0) + 1
                disagreements.append((name, code, want, have, item.get("line"), item.get("message"), item.get("evidence")))
        n = len(pairs)
        tot_exact += exact
        tot_bin += binary
        tot += n
        print(f"{code:5} {fmt(exact, n):>16} {fmt(binary, n):>16}  {', '.join(f'{k}:{v}' for k, v in sorted(conf.items()))}")
    print(f"{'all':5} {fmt(tot_exact, tot):>16} {fmt(tot_bin, tot):>16}\n")

    print(f"{'code':5} {'TP':>3} {'FP':>3} {'FN':>3} {'precision':>10} {'recall':>8}  FP docs / FN docs")
    for code in M_CODES:
        tp = fp = fn = 0
        fps, fns = [], []
        for name, lab, got in pairs:
            want = code in (lab.get("mistakes") or [])
            have = any(f["code"] == code for f in got["findings"])
            tp += want and have
            if have and not want:
                fp += 1
                fps.append(name)
            if want and not have:
                fn += 1
                fns.append(name)
        p = f"{tp / (tp + fp):.2f}" if tp + fp else "n/a"
        r = f"{tp / (tp + fn):.2f}" if tp + fn else "n/a"
        print(f"{code:5} {tp:>3} {fp:>3} {fn:>3} {p:>10} {r:>8}  FP={fps} FN={fns}")

    if args.disagreements:
        print("\nchecklist disagreements:")
        for name, code, want, have, line, msg, ev in disagreements:
            print(f"- {name} {code}: label={want} reviewer={have} line={line}\n    msg: {msg}\n    evidence: {ev}")


if __name__ == "__main__":
    main()
