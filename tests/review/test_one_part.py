"""One part's figure on its own (a restricted line, a measure row for one part) is the thin
floor of a breakdown: C05 weak, and M04 (segments ignored) quiet, since the part was looked
at."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.facts.one_part import lone_part_line, lone_part_row, lone_part_sentence


def _judged(text: str) -> tuple[str, list[str]]:
    report = review_document(read_text(text, "x.md", "markdown"))
    c05 = next(c.status for c in report.checklist if c.code == "C05")
    return c05, [f.code for f in report.findings if f.code == "M04"]


def test_a_restricted_line_names_its_part() -> None:
    assert lone_part_line("Hill farms only (a third of plots): yield error 7.2%") == "Hill farms"
    assert lone_part_line("Clay soils (n = 210): 81.5% -> 84.0%") == "Clay soils"
    assert lone_part_line("hi all • harbour cranes on their own: 0.77, was 0.74") == \
        "harbour cranes"
    assert lone_part_line("Recall only: 91%") is None  # a metric, not a part
    assert lone_part_line("Test set only: 91%") is None  # a split, not a part
    assert lone_part_line("Hill farms are slower to report.") is None


def test_a_measure_row_for_one_part_names_its_part() -> None:
    same = [["", "v1", "v2"], ["Grain moisture error", "4.1%", "3.2%"],
            ["Same, barley", "5.0%", "3.9%"]]
    assert lone_part_row(same) == "barley"
    overall = [["", "v1", "v2"], ["Spoiled, all", "2.0%", "1.5%"],
               ["Spoiled, soft fruit", "4.4%", "3.1%"]]
    assert lone_part_row(overall) == "soft fruit"
    part_first = [["", "v1", "v2"], ["Read correctly", "88%", "90%"],
                  ["Handwritten forms, read correctly", "70%", "76%"]]
    assert lone_part_row(part_first) == "Handwritten forms"
    plain = [["", "v1", "v2"], ["Read correctly", "88%", "90%"], ["Latency", "2 s", "1 s"]]
    assert lone_part_row(plain) is None


def test_one_part_alone_is_a_weak_breakdown_and_no_ignored_segment() -> None:
    aggregate = "# Results\n\nPick accuracy rose to 96.1% (previous release 95.0%).\n"
    assert _judged(aggregate) == ("missing", ["M04"])
    line = aggregate + "\n- Cold store only: 93.4%\n"
    assert _judged(line) == ("weak", [])
    row = ("# Results\n\n| | Old | New |\n|---|---|---|\n| Pick accuracy | 95.0% | 96.1% |\n"
           "| Same, cold store | 90.2% | 93.4% |\n")
    assert _judged(row) == ("weak", [])


def test_a_count_aside_or_a_narrowed_label_names_one_part() -> None:
    assert lone_part_line("Claims from sole traders: 64% vs 41%.") == "sole traders"
    assert lone_part_line("Gravel roads (75 of the 900): 88.0%") == "Gravel roads"
    rows = [["Check", "v4", "v5"], ["Pick accuracy", "95.0%", "96.1%"],
            ["Frozen goods (60, added this release)", "-", "90.0%"]]
    assert lone_part_row(rows) == "Frozen goods"
    periods = [["Measure", "Before", "After"], ["Queue wait (07:30-09:00)", "4 min", "3 min"],
               ["Late buses", "12%", "9%"]]
    assert lone_part_row(periods) is None  # a time of day is no count


def test_a_clause_setting_one_part_apart_names_it() -> None:
    assert lone_part_sentence("Recall was lower at the two hill farms (81% of 90 plots).") == \
        "two hill farms"
    assert lone_part_sentence("If recall falls to 80% on hill farms we stop.") is None
    assert lone_part_sentence("We set a higher bar (90%) for the hill farms.") is None
    assert lone_part_sentence("Recall was lower (81%) than in the previous release.") is None
    words = ("# Results\n\nPick accuracy is 96.1% (previous release 95.0%), consistent across "
             "depots.\n")
    assert _judged(words) == ("weak", ["M04"])
    assert _judged(words + "\nIt was lower at the coastal depots (91%).\n") == ("weak", [])
