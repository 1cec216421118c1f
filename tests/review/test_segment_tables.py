"""C05 over breakdown tables the segment facts leave unread: a table down the parts of a named
dimension whatever its figure columns hold (changes, the system beside a comparator, counts),
and a measure's rows that each name a part ("Recall, rural callers", "— night shift")."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.facts.segments import dimension_table, measured_parts


def _c05(text: str) -> str:
    item = review_document(read_text(text, "x.md", "markdown")).item("C05")
    assert item is not None
    return item.status


def _m04(text: str) -> list[str]:
    report = review_document(read_text(text, "x.md", "markdown"))
    return [f.message for f in report.findings if f.code == "M04"]


_CHANGES = ("# Results\n\nThe kiln planner cut gas use by 5.1% overall against fixed schedules.\n\n"
            "| Kiln line | Firings | Gas saved | 90% interval |\n|---|---|---|---|\n"
            "| East line | 310 | +6.2% | +3.0% to +9.4% |\n"
            "| West line | 280 | +4.0% | +0.8% to +7.2% |\n")


def test_a_table_of_changes_down_a_named_dimension_is_a_breakdown() -> None:
    assert _c05(_CHANGES) == "pass"
    assert not any("no segment breakdown" in m for m in _m04(_CHANGES))
    rows = [["Kiln line", "Firings", "Gas saved"], ["East line", "310", "+6.2%"],
            ["West line", "280", "+4.0%"]]
    assert dimension_table(rows)


def test_a_dimension_table_needs_two_parts_with_figures_of_their_own() -> None:
    whole = [["Region", "Accuracy"], ["All regions", "91%"], ["North", "92%"]]
    assert not dimension_table(whole)
    arms = [["Group", "Accuracy"], ["Control", "80%"], ["Treatment", "88%"]]
    assert not dimension_table(arms)
    remarks = [["Category", "Finding"], ["Cost", "Spend rose by about 4% after the change"],
               ["Speed", "Replies took 2 seconds longer on busy evenings in March"]]
    assert not dimension_table(remarks)
    unnamed = [["Item", "Value"], ["Gas saved", "5%"], ["Firings", "590"]]
    assert not dimension_table(unnamed)


def test_rows_naming_a_measure_and_a_part_are_a_breakdown() -> None:
    rows = [["Measure", "Planner", "Fixed schedule"], ["Defect rate, all firings", "2.1%", "3.0%"],
            ["Defect rate, glazed ware", "1.8%", "2.6%"], ["Defect rate, raw ware", "2.5%", "3.5%"]]
    assert measured_parts(rows)
    dashed = [["", "Planner", "Fixed schedule"], ["Defect rate", "2.1%", "3.0%"],
              ["— stoneware", "1.8%", "2.6%"], ["— porcelain", "2.5%", "3.5%"]]
    assert measured_parts(dashed)
    # plain labels under a measure's row are more measures, as release tables list them
    measures = [["", "Planner", "Fixed schedule"], ["Defect rate", "2.1%", "3.0%"],
                ["Cracked lids", "0.4%", "0.9%"], ["Glaze runs", "1.1%", "1.6%"]]
    assert not measured_parts(measures)
    text = "# Results\n\n| " + " |\n| ".join(" | ".join(r) for r in rows[:1]) + " |\n|---|---|---|\n"
    text += "".join(f"| {' | '.join(r)} |\n" for r in rows[1:])
    assert _c05(text) == "pass"
