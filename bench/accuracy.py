"""Precision and recall per code of the reviewer on the labelled corpora, the tuned set and
the held-out set reported apart, with per-item status agreement for the checklist.

    .venv/bin/python bench/accuracy.py                 # tuned and held-out sets
    .venv/bin/python bench/accuracy.py FOLDER [-v]     # one folder; -v lists every miss

The tuned set (fixtures/review/*) is the corpus the rules were written against, so its
figures are not a held-out estimate; fixtures/review/tuned-heldout/* was written and labelled by
a different author before the rules were tuned on it. Findings match a ``{CODE}`` marker
when the marker's line is inside their span (by code alone for .docx/.pdf, whose labels
live in ``heldout/src/``); checklist items count as positive when labelled (or found) not
passing, and agree when the found status is the labelled one (``weak/missing`` accepts
either).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dcrdraft.review.labels import FORMATS, Labels, Outcome, compare, parse, read_fixture
from dcrdraft.review.models import FileReport

ROOT = Path(__file__).resolve().parents[1]
TUNED = ROOT / "fixtures" / "review"
HELDOUT = TUNED / "tuned-heldout"
BINARY = (".docx", ".pdf")


def _binary_labels(path: Path) -> Labels | None:
    """Labels of a binary fixture: the labelled source ``src/<stem>.*`` next to it."""
    for source in sorted((path.parent / "src").glob(path.stem + ".*")):
        if source.suffix in FORMATS:
            return parse(source.read_text(encoding="utf-8"))
    return None


def cases(folder: Path) -> Iterator[tuple[Path, Labels, FileReport]]:
    """Every labelled document in ``folder`` (not recursive) with its review."""
    from dcrdraft.review.api import review_path

    for path in sorted(folder.iterdir()):
        if path.suffix in FORMATS:
            labels, report = read_fixture(path)
            yield path, labels, report
        elif path.suffix in BINARY:
            labels = _binary_labels(path)
            if labels is not None:
                yield path, labels, review_path(path)


def compare_by_code(name: str, labels: Labels, report: FileReport, out: Outcome) -> None:
    """``compare`` for documents whose line numbers are not the source's: findings match
    markers of the same code, one to one; checklist statuses as usual."""
    wanted: dict[str, int] = {}
    for codes in labels.markers.values():
        for code in codes:
            wanted[code] = wanted.get(code, 0) + 1
    found: dict[str, list[str]] = {}
    for f in report.findings:
        found.setdefault(f.code, []).append(f"{name}:{f.line}: {f.code} {f.message}")
    for code in sorted(set(wanted) | set(found)):
        got, want = found.get(code, []), wanted.get(code, 0)
        for _ in range(min(len(got), want)):
            out.add("tp", code)
        for where in got[want:]:
            out.add("fp", code, where)
        for _ in range(want - len(got)):
            out.add("fn", code, f"{name}: expected {code}")
    compare(name, Labels(labels.text, {}, labels.statuses, labels.ready),
            dataclasses.replace(report, findings=[]), out)


@dataclass
class Agreement:
    """Per checklist item: labelled documents, exact status agreement, pass/not agreement."""

    n: dict[str, int] = field(default_factory=dict)
    exact: dict[str, int] = field(default_factory=dict)
    binary: dict[str, int] = field(default_factory=dict)

    def add(self, labels: Labels, report: FileReport) -> None:
        for item in report.checklist:
            want = labels.statuses.get(item.code, "pass" if labels.ready else None)
            if want is None:
                continue
            self.n[item.code] = self.n.get(item.code, 0) + 1
            if item.status in want.split("/"):
                self.exact[item.code] = self.exact.get(item.code, 0) + 1
            if (item.status == "pass") == (want == "pass"):
                self.binary[item.code] = self.binary.get(item.code, 0) + 1


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  -"


def evaluate(folder: Path, title: str, verbose: bool = True) -> tuple[Outcome, Agreement]:
    """Review every labelled document in ``folder`` and print its tables."""
    out, agree, n = Outcome(), Agreement(), 0
    for path, labels, report in cases(folder):
        n += 1
        if path.suffix in BINARY:
            compare_by_code(path.name, labels, report, out)
        else:
            compare(path.name, labels, report, out)
        agree.add(labels, report)
    print(f"== {title}: {n} labelled documents ({folder.relative_to(ROOT)})\n")
    codes = sorted(set(out.tp) | set(out.fp) | set(out.fn))
    print(f"{'code':<12}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    totals = {"C": [0, 0, 0], "MX": [0, 0, 0]}
    for code in codes:
        tp, fp, fn = out.tp.get(code, 0), len(out.fp.get(code, [])), len(out.fn.get(code, []))
        print(f"{code:<12}{tp:>4}{fp:>4}{fn:>4}{_ratio(tp, tp + fp):>11}{_ratio(tp, tp + fn):>8}")
        if "-" not in code:
            t = totals["C" if code.startswith("C") else "MX"]
            t[0], t[1], t[2] = t[0] + tp, t[1] + fp, t[2] + fn
    for name, (tp, fp, fn) in (("C items", totals["C"]), ("M/X finds", totals["MX"])):
        print(f"{name:<12}{tp:>4}{fp:>4}{fn:>4}{_ratio(tp, tp + fp):>11}{_ratio(tp, tp + fn):>8}")
    print(f"\n{'item':<6}{'labelled':>9}{'exact':>7}{'pass/not':>10}")
    sn = se = sb = 0
    for code in sorted(agree.n):
        k, e, b = agree.n[code], agree.exact.get(code, 0), agree.binary.get(code, 0)
        sn, se, sb = sn + k, se + e, sb + b
        print(f"{code:<6}{k:>9}{_ratio(e, k):>7}{_ratio(b, k):>10}")
    print(f"{'all':<6}{sn:>9}{_ratio(se, sn):>7}{_ratio(sb, sn):>10}\n")
    if verbose:
        for kind in ("fp", "fn"):
            for ws in getattr(out, kind).values():
                for w in ws:
                    print(f"{kind}: {w}")
        print()
    return out, agree


def main(*argv: str) -> int:
    verbose = "-v" in argv
    folders = [Path(a).resolve() for a in argv if a != "-v"]
    if folders:
        for folder in folders:
            evaluate(folder, folder.name, verbose=True)
        return 0
    evaluate(TUNED, "tuned set (rules written against it)", verbose)
    evaluate(HELDOUT, "held-out set", verbose=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
