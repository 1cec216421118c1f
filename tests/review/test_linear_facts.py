"""Time linear in input size, shown by work counted rather than by a clock: a sentence with
many figures is scanned for operating points a bounded number of times, not once per figure
(24 KB of "1% " took 73 s when every figure re-read its whole sentence)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts import metrics, prose_metrics
from dcrdraft.review.facts.windows import Windows


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


class _Counting:
    """A pattern that records the length of every text it is asked about."""

    def __init__(self, real: re.Pattern[str], scanned: list[int]) -> None:
        self.real, self.scanned = real, scanned
        self.pattern, self.flags = real.pattern, real.flags

    def search(self, s: str) -> re.Match[str] | None:
        self.scanned.append(len(s))
        return self.real.search(s)

    def match(self, s: str) -> re.Match[str] | None:
        self.scanned.append(len(s))
        return self.real.match(s)


_WINDOWED = ("_FROM", "_SIDE", "_CONDITION", "_DIRECTED", "_VERB_VALUE")
"""Patterns each figure asks about the words just before or after it."""


@pytest.mark.parametrize("text", ["1% " * 600, "0.91," * 600, "recall 0.9 " * 300],
                         ids=["percent-runs", "decimal-runs", "named-figures"])
def test_figures_ask_the_classifying_patterns_only_about_windows_with_their_words(
        monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    # None of these sentences holds a word of a comparison, a bar or a condition: the
    # sentence is scanned for those words once, and no figure's window is searched.
    scanned: list[int] = []
    for name in _WINDOWED:
        monkeypatch.setattr(prose_metrics, name, _Counting(getattr(prose_metrics, name), scanned))
    real_vocab = prose_metrics.vocab
    counted = {n: _Counting(real_vocab(n), scanned) for n in ("threshold_prose",
                                                             "comparator_prose")}
    monkeypatch.setattr(prose_metrics, "vocab", lambda name: counted.get(name) or real_vocab(name))
    report = review_document(read_text(text, "many-figures.md", "markdown"))
    assert report.error is None
    assert sum(scanned) <= len(text)


def test_a_sentence_asks_about_each_metric_name_a_bounded_number_of_times(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Whether a name is a generic word ("rate") is asked once per name, not once per name
    # and figure (300 names and 300 figures made 90,000 questions).
    asked: list[int] = []
    monkeypatch.setattr(prose_metrics, "_NOT_NAME", _Counting(prose_metrics._NOT_NAME, asked))
    text = "recall 0.9 " * 300
    facts = prose_metrics.prose_facts(Context.of(read_text(text, "names.md", "markdown")))[0]
    assert len(facts) == 300, "the figures were not read: the test measures nothing"
    assert len(asked) <= 2 * 300


_WINDOW_TEXT = st.lists(st.sampled_from(
    ["1%", "0.9", "than", "against", "vs.", "compared with", "from", "previously", "target",
     "at least", "above", "<", "≥", "(higher is better)", "caught", "baseline", "control",
     "Kelvin", "\u212aelvin", "İ", "ß", " ", " ", ",", "."]), max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_WINDOW_TEXT, st.integers(-50, 300), st.integers(0, 60),
       st.sampled_from([*_WINDOWED, "threshold_prose", "comparator_prose"]))
def test_a_window_search_answers_as_the_pattern_does(text: str, a: int, width: int,
                                                      name: str) -> None:
    pattern = getattr(prose_metrics, name) if name.startswith("_") else prose_metrics.vocab(name)
    w = Windows(pattern, text)
    got, want = w.search(a, a + width), pattern.search(text[max(a, 0):a + width])
    assert (got and got.group(0)) == (want and want.group(0))
