"""M04 and X05 over the segment facts: blank leading cells, prose segment figures, comparator
rows and experiment arms; X05 (a warning: its precision on the tuned sets is under 0.95) only
where segment, value, threshold and direction are certain."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document
from dcrdraft.review.context import Context
from dcrdraft.review.checks.segments import standings


def _found(text: str, code: str) -> list[int]:
    report = review_document(read_text(text, "x.md", "markdown"))
    return [f.line for f in report.findings if f.code == code]


def test_x05_is_a_warning() -> None:
    rule = load_rubric().get("X05")
    assert rule is not None and rule.severity == "warning"


def test_rows_with_blank_leading_cells_are_judged_under_the_label_above() -> None:
    text = ("# Evaluation\n\n| Branch | Measure | Result |\n|---|---|---|\n"
            "| Overall | Recall | 89% |\n| Online | Recall | 91% |\n|  | Precision | 93% |\n"
            "| Phone | Recall | 61% |\n|  | Precision | 90% |\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    got = {(s.label, s.fact.name): s.value for s in standings(ctx)}
    assert got[("Phone", "Recall")] == 61 and got[("Phone", "Precision")] == 90
    assert _found(text, "M04") == [8]
    discussed = text + "\nPhone recall is the weak spot; phone claims get a second reader.\n"
    assert _found(discussed, "M04") == []


def test_a_prose_segment_figure_is_a_breakdown_and_is_discussed() -> None:
    text = "# Results\n\nPrecision is 0.91 overall and falls to about 0.7 on weekends.\n"
    assert _found(text, "M04") == []
    assert _found("# Results\n\nPrecision is 0.91 overall.\n", "M04") == [3]


def test_control_treatment_and_comparator_rows_are_no_segments() -> None:
    text = ("# Evaluation\n\nDeployment threshold: 80% accuracy.\n\n| Group | Accuracy |\n"
            "|---|---|\n| The rule it replaces | 58% |\n| Control | 64% |\n| Treatment | 86% |\n"
            "\n| Region | Accuracy |\n|---|---|\n| North | 85% |\n| South | 87% |\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    assert {s.label for s in standings(ctx)} == {"North", "South"}
    assert _found(text, "M04") == [] and _found(text, "X05") == []


def test_x05_fires_only_when_threshold_and_direction_are_certain() -> None:
    base = ("# Evaluation\n\n{rule}\n\n| Depot | {metric} |\n|---|---|\n| Overall | 86% |\n"
            "| Leith | 88% |\n| Perth | 74% |\n\n# Risks\n\n- Slow lookups.\n")
    certain = base.format(rule="Deployment threshold: 80% accuracy.", metric="Accuracy")
    assert _found(certain, "X05") == [9]
    unknown_direction = base.format(rule="Deployment threshold: 80% match score.",
                                    metric="Match score")
    assert _found(unknown_direction, "X05") == []
    two_bars = base.format(rule="The launch bar for accuracy is 80%; the pilot target for "
                                "accuracy was 70%.", metric="Accuracy")
    assert _found(two_bars, "X05") == []
    error_rate = base.format(rule="Deployment threshold: 80% error rate.", metric="Error rate")
    assert _found(error_rate, "X05") == [8]  # lower is better: Leith misses, Perth meets


def _c05(text: str) -> str:
    report = review_document(read_text(text, "x.md", "markdown"))
    return next(i.status for i in report.checklist if i.code == "C05")


def test_c05_passes_on_segment_facts_read_from_the_evaluated_column() -> None:
    # 0-1 scores under a measure the vocabulary does not name, beside the old version's.
    text = ("# Evaluation\n\n| Cohort | Share | Gini v3 | Gini v4 |\n|---|---|---|---|\n"
            "| New accounts | 21% | 0.61 | 0.67 |\n| Mature accounts | 79% | 0.70 | 0.74 |\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    assert {s.label: s.value for s in standings(ctx)} == {"New accounts": 67,
                                                          "Mature accounts": 74}
    assert _c05(text) == "pass"


def test_c05_needs_two_parts_of_the_population() -> None:
    one = "# Evaluation\n\n| Segment | Accuracy |\n|---|---|\n| Overall | 91% |\n| Web | 93% |\n"
    assert _c05(one) != "pass"
    two = one + "| Phone | 88% |\n"
    assert _c05(two) == "pass"


def _c05(text: str, name: str = "x.md", fmt: str = "markdown") -> str:
    item = review_document(read_text(text, name, fmt)).item("C05")
    assert item is not None
    return item.status


def test_a_labelled_breakdown_line_with_several_figures_is_a_breakdown() -> None:
    text = ("# Notes\n\nThe sorter routes parcels to depots; accuracy 93% on 4,000 parcels.\n\n"
            "BREAKDOWN: north depots 2,100 parcels, routed right 1,980 (94.3%); south depots "
            "1,900 parcels, routed right 1,740 (91.6%).\n")
    assert _c05(text) == "pass"
    assert _found(text, "M04") == []
    assert _c05(text.replace("(91.6%)", "")) != "pass"


def test_a_by_label_that_names_no_dimension_is_no_breakdown() -> None:
    text = ("# Plan\n\nThe sorter routes parcels to depots.\n\n"
            "By end of March: accuracy from 88% to 93%.\n")
    assert _c05(text) != "pass"


def test_an_aligned_block_under_a_by_lead_in_is_a_breakdown() -> None:
    text = ("Sorter review, notes\n\nOverall routing accuracy 0.93 on the test month.\n\n"
            "By depot, routing accuracy:\n"
            "   North depot (largest)   0.95\n"
            "   South depot             0.91\n"
            "   Harbour depot           0.84   <- new layout\n\n"
            "Agreed: go live in the north first.\n")
    assert _c05(text, "x.txt", "text") == "pass"


def test_an_older_version_column_is_a_comparator_not_a_segment_standing() -> None:
    text = ("# Evaluation\n\n| Depot | Parcels | Misroute rate v4.1 | Misroute rate v3.0 |\n"
            "|---|---|---|---|\n| North | 300 | 2.1% | 4.0% |\n| South | 300 | 2.4% | 9.8% |\n"
            "| Harbour | 300 | 2.6% | 3.9% |\n| East | 300 | 2.2% | 4.1% |\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    assert {s.fact.name for s in standings(ctx)} == {"Misroute rate v4.1"}
    assert _found(text, "M04") == []


def test_each_column_is_judged_against_its_own_overall() -> None:
    text = ("# Evaluation\n\n| Group | Approval rate | Bad rate among approved |\n|---|---|---|\n"
            "| Under 30 | 21.0% | 2.2% |\n| 30 and over | 24.5% | 1.5% |\n"
            "| All | 24.0% | 1.6% |\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    got = {(s.label, s.fact.name): (s.overall, s.lower) for s in standings(ctx)}
    assert got[("30 and over", "Bad rate among approved")] == (1.6, True)
    assert _found(text, "M04") == []


def test_a_count_of_a_total_is_read_as_a_share() -> None:
    from dcrdraft.review.facts.metrics import figure
    assert figure("5 of 6") == (83.3, "%")
    assert figure("41/48 sites") == (85.4, "%")
    assert (figure("12/05/2025") or (0.0, ""))[1] != "%"  # a date is no share
    text = ("# Evaluation\n\n| Group | Measure | Result |\n|---|---|---|\n"
            "| Walk-in customers (n = 40) | Task success | 90% |\n"
            "| Phone customers (n = 40) | Task success | 88% |\n"
            "| Kiosk customers (n = 6) | Task success | 5 of 6 |\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    got = {s.label: s.value for s in standings(ctx)}
    assert got["Kiosk customers (n = 6)"] == 83.3
    assert _found(text, "M04") == []


def test_a_claim_that_results_hold_across_parts_is_weak_and_ignores_segments() -> None:
    # segments considered, none of their figures given: weak, and Mistake 4 still applies
    text = ("# Notes\n\nPick accuracy is 96% on the March audit.\n\n# Status\n\n"
            "Accuracy stays similar across depots and shift patterns.\n")
    assert _c05(text) == "weak"
    assert _found(text, "M04")


def test_a_spread_across_one_thing_is_no_segment_claim() -> None:
    text = "# Notes\n\nPick accuracy is 96%, measured across 3,000 orders.\n"
    assert _c05(text) == "missing"


def test_a_ratio_column_is_judged_on_its_own_scale() -> None:
    # ratios around 1 (one of them above 1) are no 0-1 scores: none is scaled to points, so
    # 0.93 is never set against 1.12 as if they were 93% and 1.12%
    text = ("# Results\n\n| Income band | Approval rate relative to band A |\n|---|---|\n"
            "| Band A | 1.00 |\n| Band B | 0.93 |\n| Band C | 1.12 |\n| Band D | 1.04 |\n\n"
            "Every ratio stays above the 0.90 floor agreed with Compliance.\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    assert sorted(s.value for s in standings(ctx)) == [0.93, 1.0, 1.04, 1.12]
    assert _found(text, "M04") == []


def test_a_bar_far_off_every_figure_of_a_column_is_another_measures() -> None:
    from dcrdraft.review.checks.segments import plausible_bar
    assert plausible_bar(45.0, [50.8, 52.0, 47.6])
    assert not plausible_bar(45.0, [1.3, 1.9, 1.1])
    assert plausible_bar(0.9, [0.93, 1.12])


def test_a_breakdown_with_a_change_column_still_gives_its_rows() -> None:
    text = ("# Results\n\n| Region | Change vs last year | Recall |\n|---|---|---|\n"
            "| North | +3.1% | 91% |\n| South | +1.0% | 89% |\n| East | +2.2% | 90% |\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    assert {(s.label, s.value) for s in standings(ctx)} == {("North", 91), ("South", 89),
                                                             ("East", 90)}


def test_a_breakdown_stated_in_one_sentence_or_line() -> None:
    from dcrdraft.review.facts.segments import prose_breakdown
    assert prose_breakdown("Recall by county ranged from 0.88 (Inland) to 0.95 (Coast).")
    assert prose_breakdown("Vines: 93% Orchards: 88%")
    assert prose_breakdown("For weekly renters the recall was 0.86; for monthly renters 0.89.")
    assert prose_breakdown("On weekdays recall is 0.91, while on weekends it is 0.78.")
    # metrics, periods, versions, splits, arms and alert levels are no parts
    for text in ("Precision: 91%  Recall: 88%", "Q1: 91%  Q2: 93%", "v1: 80%, v2: 85%",
                 "For the test set accuracy was 91%; for the validation set 90%.",
                 "Control: 71%; Treatment: 88%", "Amber: 3%; Red: 5%",
                 "Error rate by month ranged from 0.91 to 0.95.",
                 "For example 91%; for instance 85%."):
        assert not prose_breakdown(text), text


def test_columns_named_as_parts_are_a_breakdown() -> None:
    from dcrdraft.review.facts.segments import column_breakdown
    assert column_breakdown([["Measure", "Inland", "Coastal"], ["Recall", "88%", "93%"]])
    assert not column_breakdown([["Measure", "Model A", "Model B"], ["Recall", "88%", "93%"]])
    assert not column_breakdown([["", "", ""], ["Recall", "88%", "vs 93%"]])
    assert not column_breakdown([["Measure", "New", "Old"], ["Recall", "88%", "93%"]])


def test_columns_of_counts_and_descriptions_are_no_breakdown() -> None:
    from dcrdraft.review.facts.segments import column_breakdown
    assert not column_breakdown([["Dataset", "Size", "Description"],
                                 ["Test set", "420", "350 typical queries + 70 edge cases"],
                                 ["Pilot", "1,200", "two weeks of live traffic"]])


def test_a_breakdown_after_an_answer_mark_or_a_speaker_is_read_from_its_first_clause() -> None:
    # A FAQ's "A:" or a chat export's speaker and time stood before the first part's clause,
    # so only one part was seen and the document read as reporting no breakdown at all.
    from dcrdraft.review.facts.segments import prose_breakdown
    assert prose_breakdown("A: For tenants on weekly rent it flagged 86% of arrears cases; "
                           "for tenants paying monthly, 91%.")
    assert prose_breakdown("Dana Ruiz 14:05 for inland depots the hit rate was 0.81; for "
                           "coastal depots 0.88")
    assert not prose_breakdown("A: For the test set accuracy was 91%; for the validation "
                               "set 90%.")
    found = _found("# Questions\n\nQ: Does it work for every tenant?\n\nA: For tenants on "
                   "weekly rent it flagged 86% of arrears cases; for tenants paying monthly, "
                   "91%.\n", "M04")
    assert found == []


def test_a_line_led_by_its_group_is_one_segment_figure() -> None:
    # "<group>: <metric> only <figure>" names the part before its figure with no preposition
    # after it; read as no segment at all, the document was said to report only aggregates.
    from dcrdraft.review.facts import facts_of
    text = ("# Testing\n\n- overall agreement with the reviewers: 88%\n- night-shift scans: "
            "recall only 71%, so a clerk checks every one of them\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    assert [m.segment for m in facts_of(ctx).segments] == ["night-shift scans"]
    assert _found(text, "M04") == []
    # what the line reports, a metric or a split is no group
    for label in ("Key results", "Test cases", "Overall agreement with buyers"):
        assert _found(f"# Results\n\n{label}: accuracy only 78%, short of the 85% goal.\n",
                      "M04"), label


def test_a_list_of_labelled_figures_is_a_breakdown() -> None:
    # "kennels 4%, catteries 7%, stables 12%": parts named right before their figures with no
    # colon were read as no breakdown, so the document was said to report only aggregates.
    from dcrdraft.review.facts.segments import prose_breakdown
    assert prose_breakdown("Missed bookings by site: kennels 4%, catteries 7%, stables 12%.")
    assert prose_breakdown("Ferry notices 3.1%, bus notices 2.2% (both sampled weekly).")
    assert prose_breakdown("Upland farms 0.82 and lowland farms 0.88.")
    # metrics, alert levels, arms, versions, verbs and clauses are no parts
    for text in ("Precision 91%, recall 88%.", "Amber 4%, red 5%.", "Control 3.4%, treatment 3.6%.",
                 "v2 81%, v3 89%.", "Alerts fire at 5%, rollback at 8%.",
                 "Accuracy rose to 91%, and recall to 88%.",
                 "Clerks route 22% of forms; the sorter would route 41%."):
        assert not prose_breakdown(text), text
    text = "# Results\n\nOverall recall is 0.85.\n\nUpland farms 0.82 and lowland farms 0.88.\n"
    assert _found(text, "M04") == []


def test_a_bar_every_segment_misses_singles_none_out() -> None:
    # Every shelf below the 95% target is a miss of the whole, not a segment left behind:
    # each row was reported as an ignored segment.
    table = ("# Results\n\n| Shelf | Pick accuracy |\n|---|---|\n| Top shelf | 88% |\n"
             "| Middle shelf | 89% |\n| Bottom shelf | 87% |\n\nTarget pick accuracy: 95%.\n")
    assert _found(table, "M04") == []
    # one shelf below the bar the others meet is still reported
    assert _found(table.replace("| 88% |", "| 97% |").replace("| 89% |", "| 96% |"), "M04")


def test_a_ratio_to_another_group_is_judged_by_its_bar_only() -> None:
    # An impact ratio is already a comparison with another group; its gap to the mean of the
    # other ratios is no shortfall, and flagging it reported fair results as ignored.
    text = ("# Fairness\n\n| Applicant group | Impact ratio | Selection rate |\n|---|---|---|\n"
            "| Younger applicants | 1.00 | 31% |\n| Middle applicants | 0.97 | 30% |\n"
            "| Older applicants | 0.84 | 26% |\n")
    assert _found(text, "M04") == []
    assert _found(text + "\nEvery impact ratio must stay at or above 0.90.\n", "M04")


def test_groups_given_their_own_counts_are_parts_of_the_evaluation() -> None:
    # A label carrying its group's count ("(n=64)", "(90 of 1,500)") names a part of the
    # evaluated population; such lines were read as no breakdown and M04 fired.
    from dcrdraft.review.facts.segments import prose_breakdown
    assert prose_breakdown("Inland (n=80): 91%   Coastal (n=64): 87%")
    assert prose_breakdown("Hill farms (300 of 1,100): v2 R 0.81   Valley farms (800): v2 R 0.88")
    assert not prose_breakdown("Precision (n=80): 91%   Recall (n=64): 87%")
    text = ("# Results\n\nOverall hit rate 93% on 1,500 parcels.\n\n- Oversized parcels (90 of "
            "1,500): hit rate 84%.\n")
    assert _found(text, "M04") == []


def test_a_lead_in_naming_subgroups_introduces_a_breakdown() -> None:
    # "Subgroups ...:" over a list of figures is a breakdown as much as "By region:" is.
    text = ("# Results\n\nSubgroups of the harbour trial (recall / precision):\n\n"
            "- small boats: 86% / 90%\n- large boats: 91% / 88%\n")
    assert _c05(text) == "pass"
    assert _c05(text.replace("Subgroups of the harbour trial", "Notes from the trial")) != "pass"


def test_results_praised_without_any_figure_are_reported_only_in_aggregate() -> None:
    text = ("# About the planner\n\nThe route planner suggests delivery rounds for our bakery"
            " vans.\n\n# How well it works\n\nThe planner delivers industry-leading accuracy"
            " and has been validated to the highest standards.\n")
    assert _found(text, "M04")
    assert not _found("# About the planner\n\nThe route planner suggests delivery rounds for"
                      " our bakery vans.\n", "M04")


def test_a_part_found_weaker_is_examined_not_ignored() -> None:
    head = "# Results\n\nThe ticket reader gets 88% of fields right overall.\n"
    found = head + "\nIt is weaker on handwritten dockets from the night depots.\n"
    assert _found(found, "M04") == []
    report = review_document(read_text(found, "x.md", "markdown"))
    assert next(i.status for i in report.checklist if i.code == "C05") == "weak"
    # a rollback condition or a conjecture finds no weaker part
    for said in ("If it falls to 70% on handwritten dockets we switch it off.",
                 "It may be weaker on handwritten dockets from the night depots."):
        assert _found(f"{head}\n{said}\n", "M04") == [3]


def test_a_breakdown_said_to_be_missing_is_no_segment_claim() -> None:
    head = "# Results\n\nThe route tool is 90% accurate overall.\n\n"
    for said in ("The team has not sliced the figures by region yet.",
                 "There is no split by region so far; it comes with the autumn review.",
                 "Results exist only in aggregate, not by region."):
        report = review_document(read_text(head + said + "\n", "x.md", "markdown"))
        assert next(i.status for i in report.checklist if i.code == "C05") == "missing", said
    claimed = head + "The route tool did equally well across every region.\n"
    report = review_document(read_text(claimed, "x.md", "markdown"))
    assert next(i.status for i in report.checklist if i.code == "C05") == "weak"


def test_a_false_call_rate_improves_as_it_falls() -> None:
    text = ("# Evaluation\n\n| Supplier type | False hold rate |\n|---|---|\n"
            "| Overall | 4.0% |\n| Utilities | 4.5% |\n| Hauliers | 4.6% |\n| Print shops | 1.2% |\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    assert {s.label: s.lower for s in standings(ctx)} == {"Utilities": True, "Hauliers": True,
                                                          "Print shops": True}
    assert _found(text, "M04") == []


def test_segment_dimensions_are_whole_words() -> None:
    def c05(text: str) -> str:
        report = review_document(read_text(text, "x.md", "markdown"))
        return next(i.status for i in report.checklist if i.code == "C05")
    assert c05("# Results\n\nThe route planner's average accuracy is 90%.\n") == "missing"
    assert c05("# Results\n\nAccuracy is 90% on every shift and in every region alike.\n") \
        == "weak"
