"""Sealed review sets stay sealed: no rule example shares a six-word run with a sealed document.

A sealed set measures the reviewer on text nobody tuned it on (fixtures/review/sealed-*/).
Copying its wording into rule examples would turn the measurement into a tuned figure, so
this test compares every example of every rule (and the rubric files themselves) with every
sealed document, word by word. A retired set (tuned-sealed-*/: its figures reported, then
tuned on) stays guarded: rules learnt from it must still be general, not its sentences. Runs the rubric already shared with a set when it was sealed
(common wording written independently, listed in its ``overlaps-at-sealing.txt``) are allowed;
any new one fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import load_rubric
from dcrdraft.review.rubric import builtin_files

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "review"
SEALED = sorted(p for d in FIXTURES.glob("*sealed-*") for p in (d / "docs").iterdir()
                if p.suffix in (".md", ".txt", ".html", ".docx"))
RUN = 6
PREEXISTING = {tuple(line.split()) for d in FIXTURES.glob("*sealed-*")
               for line in (d / "overlaps-at-sealing.txt").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")}
"""Runs the rubric shared with a set before it was sealed (independent common wording)."""
_WORD = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")


def runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def document_text(path: Path) -> str:
    doc = read_document(path)
    return "\n".join(doc.lines)


@pytest.fixture(scope="module")
def sealed_runs() -> dict[tuple[str, ...], str]:
    if not SEALED:
        pytest.fail(f"no sealed documents under {FIXTURES}/sealed-*/docs")
    found: dict[tuple[str, ...], str] = {}
    for path in SEALED:
        for run in runs(document_text(path)):
            if run not in PREEXISTING:
                found.setdefault(run, path.name)
    return found


def test_no_rule_example_shares_a_six_word_run_with_a_sealed_document(
        sealed_runs: dict[tuple[str, ...], str]) -> None:
    shared = []
    for rule in load_rubric().rules:
        for text in (*rule.fire, *rule.quiet):
            for run in runs(text) & sealed_runs.keys():
                shared.append(f"{rule.code}: '{' '.join(run)}' (in {sealed_runs[run]})")
    assert not shared, "rule examples copy sealed text:\n" + "\n".join(sorted(set(shared))[:40])


def test_no_rubric_file_shares_a_six_word_run_with_a_sealed_document(
        sealed_runs: dict[tuple[str, ...], str]) -> None:
    shared = []
    for path in sorted({*builtin_files(), *(builtin_files()[0].parent.glob("vocabularies.yaml"))}):
        for run in runs(path.read_text(encoding="utf-8")) & sealed_runs.keys():
            shared.append(f"{path.name}: '{' '.join(run)}' (in {sealed_runs[run]})")
    assert not shared, "rubric files copy sealed text:\n" + "\n".join(sorted(set(shared))[:40])


def test_the_check_sees_a_copied_run() -> None:
    # The comparison itself must be able to fail: a copied phrase is a shared run.
    a = runs("Rollback happens when the nightly error rate exceeds four percent.")
    b = runs("We agreed rollback happens when the nightly error rate exceeds four percent, twice.")
    assert a & b
    assert not runs("one two three four five") & runs("one two three four five")
