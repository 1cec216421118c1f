"""The fact layer reads what a document states: figures by column role, comparators tied to
their metric, figures inside a metric's name kept out of its value, boilerplate recognised."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.errors import ConfigError
from dcrdraft.ingest import read_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts import Facts, facts_of
from dcrdraft.review.facts import vocab as vocab_mod
from dcrdraft.review.facts.columns import classify
from dcrdraft.review.facts.boilerplate import is_boilerplate


def facts(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return facts_of(Context.of(read_document(path)))


def test_column_roles_from_headers() -> None:
    cols = classify([["Metric", "Champion", "Challenger", "Target", "95% CI", "n", "Status"],
                     ["Hit rate", "0.41", "0.47", "≥ 0.45", "0.44–0.50", "900", "PASS"]])
    assert cols.roles == ("label", "baseline", "value", "threshold", "interval", "count",
                          "status")
    assert cols.value == 2 and cols.certain


def test_newest_version_column_is_the_value() -> None:
    cols = classify([["Measure", "Tally 4.1", "Tally 4.2", "Gate"],
                     ["Recall", "80%", "84%", "82%"]])
    assert cols.value == 2 and cols.certain
    assert cols.roles[1] == "baseline"


def test_a_dated_column_beside_the_systems_is_history() -> None:
    # "actual" names a value column, but a period marks last season's actual: the comparator
    cols = classify([["Check", "Target", "Sprinkler model", "2025/26 actual", "Status"],
                     ["Frost nights caught", "≥ 90%", "93%", "88%", "PASS"]])
    assert cols.value == 2 and cols.certain and cols.roles[3] == "baseline"
    # dated columns alone stay as they are: no undated one to be the system's
    assert classify([["Check", "2025 result"], ["Frost nights caught", "93%"]]).value == 1


def test_bare_release_numbers_name_version_columns() -> None:
    cols = classify([["Form type", "3.0", "3.1"], ["Invoices", "4.1%", "3.2%"]])
    assert cols.value == 2 and cols.certain and cols.roles[1] == "baseline"
    # an operating point is no release
    assert not classify([["Form type", "0.85", "0.92"], ["Invoices", "91%", "95%"]]).certain


def test_a_lead_in_names_a_tables_measure_and_an_all_row_is_its_overall(
        tmp_path: Path) -> None:
    got = facts(tmp_path, "# Results\n\nCharacter error rate (lower is better):\n\n"
                          "| Form type | 3.0 | 3.1 |\n|---|---|---|\n| Invoices | 4.1% | 3.2% |\n"
                          "| Receipts | 6.0% | 5.2% |\n| All forms | 5.0% | 4.1% |\n")
    head = got.headline
    assert head is not None and head.value == 4.1 and head.segment is None
    assert head.name.startswith("Character error rate") and head.direction == "lower"
    assert [c.value for c in got.comparators_for(head)][:1] == [5.0]
    assert {m.segment for m in got.segments} == {"Invoices", "Receipts"}


def test_two_unnamed_figure_columns_are_not_certain() -> None:
    cols = classify([["Metric", "North", "South"], ["Accuracy", "81%", "77%"]])
    assert not cols.certain


def test_table_metric_with_comparators_and_status(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\n| Metric | Previous | Result | Threshold | Status |\n"
                        "|---|---|---|---|---|\n| Recall at 3% alert rate | 58% | 66% | ≥ 60% "
                        "| PASS |\n")
    (m,) = f.metrics
    assert (m.name, m.value, m.status) == ("Recall at 3% alert rate", 66.0, "pass")
    assert [(c.kind, c.value) for c in m.comparators] == [("baseline", 58.0),
                                                          ("threshold", 60.0)]


def test_blank_leading_cells_take_the_label_above(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\n| Metric | Split | Result |\n|---|---|---|\n"
                        "| Precision | test | 0.91 |\n|  | shadow | 0.88 |\n")
    assert [m.name for m in f.metrics] == ["Precision", "Precision"]


def test_operating_point_in_a_name_is_never_the_value(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\nRecall at 2% review rate is 71% on the spring sample.\n")
    (m,) = f.metrics
    assert m.value == 71.0


@pytest.mark.parametrize("text, base", [
    ("# Results\n\nMean AUC was 0.83 against 0.74 for the logistic model.\n", 0.74),
    ("# Results\n\nOn the April replay it flags 52% of chargebacks. The rule it replaces "
     "caught 38%.\n", 38.0),
    ("# Results\n\nCompletion rose to 79%, up from 71% last quarter.\n", 71.0),
    ("# Results\n\nConversion was 4.6% in the treatment arm and 4.1% in the control group.\n",
     4.1),
])
def test_prose_comparators_are_tied_to_the_metric(tmp_path: Path, text: str,
                                                  base: float) -> None:
    f = facts(tmp_path, text)
    head = f.headline
    assert head is not None
    assert base in [c.value for c in f.comparators_for(head)]


def test_a_version_label_or_a_bare_baseline_is_no_comparator(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\nWith v3 accuracy is 88%. We looked at the baseline "
                        "too and v3 is better.\n")
    head = f.headline
    assert head is not None and head.value == 88.0
    assert f.comparators_for(head) == []


def test_intervals_shares_and_cut_offs_are_not_values(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\nPrecision is 0.87 (95% CI 0.84–0.90). Items scoring "
                        "above 0.93 are hidden; 12% of traffic is in Welsh.\n")
    assert [(m.name, m.value) for m in f.metrics] == [("Precision", 0.87)]


def test_rater_agreement_is_never_the_headline(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Evaluation\n\nTwo raters labelled 800 calls (agreement κ = 0.79).\n"
                        "Word error rate is 7.2%, against 9.8% for the vendor engine.\n")
    assert f.headline is not None and f.headline.name.lower() == "word error rate"


@pytest.mark.parametrize("text", [
    "Our results are statistically robust.",
    "Because the training data is diverse, the model is fair to all groups.",
    "The service is fully compliant with all applicable regulations.",
    "Independent review found the scorer highly accurate and dependable.",
    "Our parser beats every industry benchmark we know of.",
    "It went through a thorough, two-phase validation before release.",
    "Matching quality meets the highest standards.",
])
def test_boilerplate_is_recognised(text: str) -> None:
    assert is_boilerplate(text)


@pytest.mark.parametrize("text", [
    "The difference is statistically significant (p < 0.01, n = 4,100).",
    "Recall is 0.71 for women and 0.73 for men on the audit sample.",
    "High precision matters more than recall here: 0.94 against 0.88 last year.",
    "A thorough evaluation on 3,200 scanned invoices, double-keyed by two clerks.",
])
def test_substance_is_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text)


def test_a_bad_vocabulary_is_a_located_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "vocabularies.yaml").write_text(
        "version: 1\nvocabularies:\n  good:\n    words: [a]\n  bad:\n    wrods: [b]\n",
        encoding="utf-8")
    monkeypatch.setenv("DCRDRAFT_RUBRICS", str(tmp_path))
    vocab_mod._load.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"vocabularies.yaml:5: vocabulary 'bad': unknown key"):
            vocab_mod.vocab("good")
    finally:
        vocab_mod._load.cache_clear()


def test_a_vocabulary_pattern_may_reference_another(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "vocabularies.yaml").write_text(
        "version: 1\nvocabularies:\n  body:\n    words: [board, panel]\n"
        "  by_body:\n    patterns: ['{vocab:body} approved']\n"
        "  loose:\n    patterns: ['{vocab:nowhere}']\n", encoding="utf-8")
    monkeypatch.setenv("DCRDRAFT_RUBRICS", str(tmp_path))
    vocab_mod._load.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"no vocabulary named 'nowhere'"):
            vocab_mod.vocab("by_body")
    finally:
        vocab_mod._load.cache_clear()
    (tmp_path / "vocabularies.yaml").write_text(
        "version: 1\nvocabularies:\n  body:\n    words: [board, panel]\n"
        "  by_body:\n    patterns: ['{vocab:body} approved']\n", encoding="utf-8")
    try:
        assert vocab_mod.matches("by_body", "the panel approved it")
        assert not vocab_mod.matches("by_body", "the team approved it")
    finally:
        vocab_mod._load.cache_clear()


def test_vocabularies_follow_the_rubrics_folder_when_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "vocabularies.yaml").write_text(
        "version: 1\nvocabularies:\n  only_here:\n    words: [zyx]\n", encoding="utf-8")
    assert "only_here" not in vocab_mod.names()
    monkeypatch.setenv("DCRDRAFT_RUBRICS", str(tmp_path))
    assert vocab_mod.matches("only_here", "a zyx b")
    monkeypatch.delenv("DCRDRAFT_RUBRICS")
    assert "only_here" not in vocab_mod.names()


def test_a_prose_segment_figure_is_a_segment(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\nOverall precision is 0.84, but precision falls to about "
                        "0.69 on night shifts.\n")
    assert [(m.value, m.segment) for m in f.segments] == [(0.69, "night shifts")]


def test_a_fraction_ending_a_sentence_is_read(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\nMean precision over the spring weeks is 0.64.\n")
    assert [m.value for m in f.metrics] == [0.64]


def test_rows_name_the_measures_when_columns_name_systems(tmp_path: Path) -> None:
    # Neither the corner cell nor the evaluated column names a measure: the rows do, and a
    # dashed row is a part of the measure above it.
    f = facts(tmp_path, "# Results\n\n| | Keyword rules (current) | Sift |\n|---|---|---|\n"
                        "| Fraud rings caught | 61% | 78% |\n| — first-time sellers | 52% | 70% |\n"
                        "| Good orders held | 3.1% | 2.2% |\n")
    first, part, held = f.metrics
    assert (first.name, first.value, first.segment) == ("Fraud rings caught", 78.0, None)
    assert [(c.kind, c.value) for c in first.comparators] == [("baseline", 61.0)]
    assert (part.name, part.segment) == ("Fraud rings caught", "first-time sellers")
    assert held.name == "Good orders held" and f.headline is first


def test_metric_and_part_in_one_row_label(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\n| | Old engine (today) | New engine |\n|---|---|---|\n"
                        "| CER, all pages | 4.0% | 2.9% |\n| CER, handwritten pages | 9.5% | 7.1% |\n"
                        "| Latency, p95 | 1.9 s | 1.4 s |\n")
    assert [(m.name, m.segment) for m in f.metrics] == [
        ("CER", None), ("CER", "handwritten pages"), ("Latency, p95", None)]


def test_detection_counts_and_the_replaced_tool_in_prose(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\nOf 400 confirmed leaks, Sentry caught 352 (88.0%). The "
                        "existing keyword filter caught 212 (53.0%). It also flagged 90 of 5,000 "
                        "clean messages (1.8%).\n")
    (m,) = [m for m in f.metrics if m.segment is None]
    assert (m.name, m.value) == ("hit rate", 88.0)
    assert [c.value for c in f.comparators_for(m) if c.kind == "baseline"] == [53.0]


def test_a_metric_word_after_of_names_the_population(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Results\n\nWrong warnings: 41 of 2,050 correct prescriptions (2.0%).\n")
    assert not [m for m in f.metrics if m.name.lower().startswith("correct")]


def test_a_column_marked_as_what_is_used_now_is_the_comparator() -> None:
    cols = classify([["Measure", "Pilot 2.1", "Phone triage (the practice's current route)",
                      "Pilot 2.0"], ["Urgent cases caught", "93%", "81%", "90%"]])
    assert cols.roles[2] == "baseline" and cols.value == 1 and cols.certain


def test_a_current_period_column_is_no_comparator() -> None:
    cols = classify([["Measure", "Result (current month)"], ["Urgent cases caught", "93%"]])
    assert cols.roles[1] != "baseline"


def test_people_working_the_same_cases_are_the_comparator_not_a_segment(
        tmp_path: Path) -> None:
    got = facts(tmp_path, "# Summary\n\nThe reader found 84% of wrist fractures, compared with "
                          "71% for radiographers reading the same films without help.\n")
    head = got.headline
    assert head is not None and head.value == 84
    assert [c.value for c in got.comparators_for(head)] == [71]
    peers = facts(tmp_path, "# Results\n\nRecall is 84% on city routes, against 71% for rural "
                            "routes.\n")
    assert peers.peers and not [c for m in peers.metrics for c in m.baselines]
