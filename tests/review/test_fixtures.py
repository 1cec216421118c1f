"""The labelled fixture corpus: every marker found, no unmarked finding, statuses as labelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.review.labels import FORMATS, Outcome, compare, read_fixture

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "review"
FILES = sorted(p for p in ROOT.iterdir() if p.suffix in FORMATS)


def test_corpus_is_large_and_varied() -> None:
    assert len(FILES) >= 30
    assert {p.suffix for p in FILES} >= {".md", ".txt", ".html"}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fixture(path: Path) -> None:
    labels, report = read_fixture(path)
    out = Outcome()
    compare(path.name, labels, report, out)
    problems = [w for ws in out.fp.values() for w in ws] + [w for ws in out.fn.values()
                                                             for w in ws]
    assert not problems, "\n".join(problems)
    if labels.ready:
        assert report.ready, [i.code for i in report.checklist if i.status != "pass"]
