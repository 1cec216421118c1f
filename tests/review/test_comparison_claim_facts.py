"""M02 without a metric figure: a baseline word counts as a result lacking its figure only
when it is a claim against a comparator or sits where results are reported; a system
description ("an improved release", "its predecessor") reports no result."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.text import RESULT_CLAIM_RE


def _m02(text: str) -> bool:
    report = review_document(read_text(text, "x.md", "markdown"))
    return any(f.code == "M02" for f in report.findings)


def test_result_claims_against_a_comparator() -> None:
    for said in ("The router outperforms the rule table on late parcels.",
                 "Recall is higher than the manual desk's.",
                 "We saw a clear uplift in conversion over the control branches.",
                 "Quality was benchmarked against the current vendor.",
                 "It compares favourably with the previous release."):
        assert RESULT_CLAIM_RE.search(said), said


def test_descriptions_are_no_claims() -> None:
    for said in ("Version 4 is an improved release of the sorter.",
                 "Unlike its predecessor, it runs on a single machine.",
                 "It uses an optimized encoder to improve throughput."):
        assert not RESULT_CLAIM_RE.search(said), said


def test_description_in_an_overview_is_no_missing_baseline() -> None:
    assert not _m02("# About this model\n\nVersion 4 is an improved release of the sorter "
                    "and replaces its predecessor.\n\n# Intended use\n\nEU parcels only.\n")


def test_worded_claims_still_lack_their_baseline() -> None:
    assert _m02("# About\n\nParcelSort outperforms the previous sorter by a wide margin.\n")
    assert _m02("# Results\n\nAccuracy is well above the legacy baseline on every queue.\n")


def _m04(text: str) -> bool:
    report = review_document(read_text(text, "x.md", "markdown"))
    return any(f.code == "M04" for f in report.findings)


def test_no_figure_and_no_claim_is_no_ignored_segment() -> None:
    # a card that names its metric but reports no result has no aggregate to break down
    assert not _m04("# Evaluation\n\nWe track precision and recall on a held-out sample.\n")
    assert _m04("# Evaluation\n\nPrecision and recall clearly beat the legacy rules; "
                "the new model outperforms them on every measure.\n")
