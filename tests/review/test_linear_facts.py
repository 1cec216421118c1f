"""Time linear in input size, shown by work counted rather than by a clock: a sentence with
many figures is scanned for operating points a bounded number of times, not once per figure
(24 KB of "1% " took 73 s when every figure re-read its whole sentence)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.facts import metrics


@pytest.mark.parametrize("text", ["1% " * 600, "0.91," * 600, "recall 0.9 " * 300],
                         ids=["percent-runs", "decimal-runs", "named-figures"])
def test_a_sentence_is_scanned_for_operating_points_a_bounded_number_of_times(
        monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    real_vocab = metrics.vocab
    real = real_vocab("operating_point")
    scanned: list[int] = []

    class Counting:
        def finditer(self, s: str) -> Iterator[re.Match[str]]:
            scanned.append(len(s))
            return real.finditer(s)

    counting = Counting()
    monkeypatch.setattr(metrics, "vocab",
                        lambda name: counting if name == "operating_point" else real_vocab(name))
    metrics._spans.cache_clear()
    review_document(read_text(text, "many-figures.md", "markdown"))
    assert scanned, "the operating-point vocabulary was never read: the test measures nothing"
    assert sum(scanned) <= 4 * len(text)
