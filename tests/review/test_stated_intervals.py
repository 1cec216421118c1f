"""X08 pairs each stated interval with the estimate it bounds and the sample it was measured
on (facts/stated_intervals.py): an interval that leaves its estimate out needs no n; a too
narrow one is judged only when both its estimate and its n are certain."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts.intervals import intervals
from dcrdraft.review.facts.stated_intervals import stated_intervals

RUBRIC = load_rubric()


def _x08(text: str) -> list[str]:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return [f.message for f in report.findings if f.code == "X08"]


def _stated(text: str) -> list[tuple[float, float, float | None, int | None]]:
    ctx = Context.of(read_text(text, "<doc>", "markdown"))
    return [(s.low, s.high, s.estimate, s.n) for s in stated_intervals(ctx)]


@pytest.mark.parametrize("text", [
    # leaves its estimate out: no sample size is needed to see it
    "# Results\n\nCatch rate on the autumn audit: 52.6% (95% CI 53.4-58.9%).\n",
    # the count fraction beside the estimate is its n (250): 0.6 points is far too narrow
    "# Results\n\nTickets routed correctly: 81.2% (203/250), 95% CI 80.9-81.5%.\n",
    # a column of intervals, its estimate to the left, n under a header that names a count
    "# Results\n\n| Depot | n | On-time rate | 95% CI |\n|---|---|---|---|\n"
    "| Harbour | 240 | 88.3% | 88.0-88.6 |\n| Inland | 3,100 | 91.0% | 90.0-92.0 |\n",
    # a column of intervals whose estimate lies outside it
    "# Results\n\n| Depot | On-time rate | 95% CI |\n|---|---|---|\n"
    "| Harbour | 84.1% | 85.0-88.0 |\n",
])
def test_an_impossible_interval_is_found(text: str) -> None:
    assert _x08(text)


@pytest.mark.parametrize("text", [
    # a plausible interval in each shape
    "# Results\n\nTickets routed correctly: 81.2% (203/250), 95% CI 75.9-85.6%.\n",
    "# Results\n\n| Depot | n | On-time rate | 95% CI |\n|---|---|---|---|\n"
    "| Harbour | 240 | 88.3% | 83.6-91.8 |\n",
    # clips are clusters of the words the accuracy counts: no n for the interval
    "# Results\n\n| Show | Clips | Word accuracy | 95% CI |\n|---|---|---|---|\n"
    "| Quiz | 45 | 96.2% | 95.9-96.5 |\n",
    # two ranges of monthly values, the first one's bound is no estimate of the second
    "# Results\n\nOverrides ran higher on the night shift (11.0-14.2%) than on days"
    " (8.3-9.9%).\n",
    # another figure of the sentence lies inside: the interval may be that figure's
    "# Results\n\nRecall 90.4% (v3) against 85.0% (v2); 95% CI 88.1-92.3.\n",
    # one sample size, two intervals: which interval it belongs to is not certain
    "# Results\n\nRecall 84% on 700 disputes, 95% CI [81.1%, 86.6%]; precision 63%,"
    " 95% CI [62.9%, 63.1%].\n",
])
def test_a_possible_or_uncertain_interval_is_not_found(text: str) -> None:
    assert not _x08(text)


def test_a_count_with_thousands_separators_is_no_interval() -> None:
    # "(1,061)" once read as the range 1-61
    assert not intervals("Auto-approved: 93% of requests (1,061).")


def test_the_estimate_and_n_are_paired_as_read() -> None:
    found = _stated("# Results\n\nTickets routed correctly: 81.2% (203/250), 95% CI 80.9-81.5%.\n")
    assert found == [(80.9, 81.5, 81.2, 250)]
    table = _stated("# Results\n\n| Depot | n | On-time rate | 95% CI |\n|---|---|---|---|\n"
                    "| Harbour | 240 | 88.3% | 88.0-88.6 |\n")
    assert (88.0, 88.6, 88.3, 240) in table
