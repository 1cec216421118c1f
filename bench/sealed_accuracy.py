"""Agreement of `dcrdraft review` with sealed human labels, measured the way issue 11 sets
its targets.

Usage:
    .venv/bin/dcrdraft review --no-cache --format json DOCS_DIR > out.json
    python bench/sealed_accuracy.py out.json LABELS.yaml [LABELS.yaml ...] [--disagreements]

Labels follow fixtures/review/sealed/CONVENTIONS.md: per document the twenty checklist
statuses, the document-level mistakes (M01-M05), a category (strong / medium / thin /
content-free) and the deliberate internal defects.

Prints:
- checklist: exact agreement, addressed-vs-missing (pass or weak vs missing), pass-vs-not;
- mistakes: per code precision/recall and micro F1;
- error-severity precision per code: a finding is right when the labels say so (an M-code
  listed in `mistakes`, an X-code whose defect is listed in `defects`, or, for the
  entry-completeness checks, the matching checklist item labelled weak);
- score tracking: the label score by the README's formula (100 x (passes + weak/2) / 20,
  minus 5 per mistake, minus 2 per defect, clamped) against the reviewer's score: mean
  absolute difference and Spearman rank correlation; error findings on documents labelled
  clean; content-free documents scoring more than 5 points above their label score.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

C_CODES = [f"C{i:02d}" for i in range(1, 21)]
M_CODES = ["M01", "M02", "M03", "M04", "M05"]
DEFECT_CODE = {
    "placeholder": "X01", "summary-contradiction": "X02", "false-pass": "X03",
    "rollback-looser-than-alert": "X04", "unacknowledged-failing-segment": "X05",
    "incomplete-risk-entry": "X06", "incomplete-signoff": "X07",
    "implausible-interval": "X08", "overdue-condition": "X10",
}
# X12 reads the overdue condition from the document's text; X10 from dcrdraft's own marker.
SAME_DEFECT = {"X12": "X10"}
# Entry-completeness checks are also right when the matching item is labelled weak.
WEAK_ITEM = {"X06": "C08", "X07": "C18"}


def label_score(lab: dict[str, Any]) -> float:
    passes = sum(v == "pass" for v in lab["checklist"].values())
    weak = sum(v == "weak" for v in lab["checklist"].values())
    score = 100 * (passes + weak / 2) / 20 - 5 * len(set(lab.get("mistakes") or []))
    score -= 2 * len(lab.get("defects") or [])
    return max(0.0, min(100.0, score))


def finding_right(code: str, lab: dict[str, Any]) -> bool:
    if code in M_CODES:
        return code in (lab.get("mistakes") or [])
    defects = {DEFECT_CODE.get(d) for d in lab.get("defects") or []}
    if SAME_DEFECT.get(code, code) in defects:
        return True
    item = WEAK_ITEM.get(code)
    return bool(item and lab["checklist"].get(item) == "weak")


def spearman(xs: list[float], ys: list[float]) -> float:
    def ranks(v: list[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return r
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else float("nan")


def pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:5.1f}%)" if d else "n/a"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("review_json", type=Path)
    ap.add_argument("labels", type=Path, nargs="+")
    ap.add_argument("--disagreements", action="store_true")
    args = ap.parse_args()
    report(load_labels(args.labels), json.loads(args.review_json.read_text(encoding="utf-8")),
           args)


def load_labels(paths: list[Path]) -> dict[str, dict[str, Any]]:
    labels: dict[str, dict[str, Any]] = {}
    for path in paths:
        labels.update(yaml.safe_load(path.read_text(encoding="utf-8"))["documents"])
    return labels


def report(labels: dict[str, dict[str, Any]], run: dict[str, Any],
           args: argparse.Namespace) -> None:
    """The agreement of ``run`` (a review JSON) with ``labels``, printed."""
    by_name = {Path(f["path"]).name: f for f in run["files"]}
    pairs = [(n, lab, by_name[n]) for n, lab in sorted(labels.items()) if n in by_name]
    missing = sorted(set(labels) - set(by_name))
    # counts only, never which document: a name beside a finding says where to look, and a
    # sealed set must not tell anyone that (names are printed with --disagreements alone,
    # once the set is retired to a tuned one)
    print(f"documents: {len(pairs)} labelled and reviewed"
          + (f"; not reviewed: {named(missing, args)}" if missing else ""))
    errored = [n for n, _, got in pairs if got.get("error")]
    if errored:
        print(f"reviewer error on: {named(errored, args)}")
    pairs = [p for p in pairs if not p[2].get("error")]

    exact = addressed = binary = total = 0
    per_item: dict[str, list[int]] = {c: [0, 0] for c in C_CODES}
    dis = []
    for name, lab, got in pairs:
        have = {c["code"]: c["status"] for c in got["checklist"]}
        for code in C_CODES:
            w, h = lab["checklist"][code], have.get(code, "missing")
            total += 1
            exact += w == h
            addressed += (w == "missing") == (h == "missing")
            binary += (w == "pass") == (h == "pass")
            per_item[code][0] += w == h
            per_item[code][1] += 1
            if w != h:
                dis.append(f"{name} {code}: label={w} reviewer={h}")
    print(f"\nchecklist exact          {pct(exact, total)}")
    print(f"addressed vs missing     {pct(addressed, total)}")
    print(f"pass vs not-pass         {pct(binary, total)}")
    print("per item exact: " + ", ".join(f"{c} {per_item[c][0]}/{per_item[c][1]}" for c in C_CODES))

    tp_all = fp_all = fn_all = 0
    print(f"\n{'code':5} {'TP':>3} {'FP':>3} {'FN':>3} {'prec':>5} {'rec':>5}")
    for code in M_CODES:
        tp = fp = fn = 0
        for name, lab, got in pairs:
            want = code in (lab.get("mistakes") or [])
            have = any(f["code"] == code for f in got["findings"])
            tp += want and have
            fp += have and not want
            fn += want and not have
            if want != have:
                dis.append(f"{name} {code}: label={'yes' if want else 'no'} reviewer={'yes' if have else 'no'}")
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / (tp + fn) if tp + fn else float("nan")
        print(f"{code:5} {tp:>3} {fp:>3} {fn:>3} {p:5.2f} {r:5.2f}")
    f1 = 2 * tp_all / (2 * tp_all + fp_all + fn_all) if tp_all else 0.0
    print(f"mistakes micro F1        {f1:.2f}")

    print("\nerror-severity precision (document level):")
    per_code: dict[str, list[int]] = {}
    clean_errors = []
    for name, lab, got in pairs:
        codes = {f["code"] for f in got["findings"] if f.get("severity") == "error"}
        for code in sorted(codes):
            right = finding_right(code, lab)
            per_code.setdefault(code, [0, 0])
            per_code[code][0] += right
            per_code[code][1] += 1
            if lab.get("clean") and code not in M_CODES:
                clean_errors.append(f"{name} {code}")
    for code, (r, n) in sorted(per_code.items()):
        print(f"  {code}: {r}/{n} = {r / n:.2f}")
    if not per_code:
        # The mistakes are warnings since 2026-12-07; their precision is in the table above.
        print("  (no finding at error severity)")

    diffs, xs, ys, over = [], [], [], []
    for name, lab, got in pairs:
        ls, rs = label_score(lab), float(got["score"])
        diffs.append(abs(ls - rs))
        xs.append(ls)
        ys.append(rs)
        if lab.get("category") == "content-free" and rs - ls > 5:
            over.append(f"{name} reviewer {rs:.0f} vs label {ls:.0f}")
    print(f"\nscore: mean |reviewer - label| = {sum(diffs) / len(diffs):.1f} points; "
          f"Spearman = {spearman(xs, ys):.2f}")
    print(f"error X-findings on clean documents: {named(clean_errors, args)}")
    print(f"content-free documents > label + 5: {named(over, args)}")
    if args.disagreements:
        print("\ndisagreements:")
        print("\n".join(dis))


def named(items: list[str], args: argparse.Namespace) -> str:
    """How many; which ones only when disagreements are asked for."""
    return f"{len(items)} {items}" if args.disagreements else str(len(items))


if __name__ == "__main__":
    main()
