"""Inline suppressions: next-line, ranges, file-wide, unused, forbidden, malformed; config
waivers with a mandatory reason; waived checklist items leave the score."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.config.project import read_config
from dcrdraft.errors import ConfigError
from dcrdraft.review.ci import FileResult, RunOptions, run_ci

RISKS = "# Risks\n\n- Bias. Mitigation: careful review.\n"


def review(tmp_path: Path, text: str, name: str = "a.md", config: str | None = None
           ) -> FileResult:
    (tmp_path / name).write_text(text)
    if config is not None:
        (tmp_path / ".dcrdraft.toml").write_text(config)
    run = run_ci(RunOptions([str(tmp_path / name)], isolated=config is None))
    (result,) = run.files
    return result


def codes(r: FileResult) -> list[str]:
    return [f.code for f in r.report.findings]


def test_unsuppressed_baseline(tmp_path: Path) -> None:
    assert "M01" in codes(review(tmp_path, RISKS))


def test_next_line(tmp_path: Path) -> None:
    text = "# Risks\n\n<!-- dcrdraft-disable-next-line M01 -- accepted by the board -->\n\n" \
           "- Bias. Mitigation: careful review.\n"
    r = review(tmp_path, text)
    assert "M01" not in codes(r) and "X90" not in codes(r)
    (s,) = [s for s in r.suppressed if s.code == "M01"]
    assert s.reason == "accepted by the board" and s.origin == "line 3" and s.line == 5


def test_next_line_only_covers_one_line(tmp_path: Path) -> None:
    text = "# Rollback\n\n<!-- dcrdraft-disable-next-line X01 -->\nOwner: TBD\n\nRollback: TBD\n"
    r = review(tmp_path, text)
    assert [f.line for f in r.report.findings if f.code == "X01"] == [6]


def test_range_by_name_closed_by_enable(tmp_path: Path) -> None:
    text = ("# Rollback\n\n<!-- dcrdraft-disable placeholder -- template text -->\n"
            "Owner: TBD\n<!-- dcrdraft-enable X01 -->\n\nRollback: TBD\n")
    r = review(tmp_path, text)
    assert [f.line for f in r.report.findings if f.code == "X01"] == [7]
    assert [s.line for s in r.suppressed] == [4]


def test_file_wide_waives_missing_item_and_lifts_score(tmp_path: Path) -> None:
    plain = review(tmp_path, RISKS)
    text = "<!-- dcrdraft-disable-file C17 -- internal tool, no regulation applies -->\n" + RISKS
    r = review(tmp_path, text)
    assert r.report.item("C17").status == "missing"  # kept for the record
    assert [s.code for s in r.suppressed if s.kind == "item"] == ["C17"]
    assert r.report.score >= plain.report.score


def test_unused_suppression_reported(tmp_path: Path) -> None:
    text = "<!-- dcrdraft-disable-next-line X08 -->\n" + RISKS
    r = review(tmp_path, text)
    (x90,) = [f for f in r.report.findings if f.code == "X90"]
    assert x90.line == 1 and "X08" in x90.message


def test_unused_report_can_be_switched_off(tmp_path: Path) -> None:
    text = "<!-- dcrdraft-disable-next-line X08 -->\n" + RISKS
    r = review(tmp_path, text, config="report-unused-suppressions = false\n")
    assert "X90" not in codes(r)


def test_forbidden_inline_suppressions(tmp_path: Path) -> None:
    text = "<!-- dcrdraft-disable-file M01 -- please -->\n" + RISKS
    r = review(tmp_path, text, config="inline-suppressions = false\n")
    assert "M01" in codes(r) and "X91" in codes(r) and not r.suppressed


def test_codes_are_required_and_must_exist(tmp_path: Path) -> None:
    text = "<!-- dcrdraft-disable-file -- everything -->\n<!-- dcrdraft-disable Z77 -->\n" + RISKS
    r = review(tmp_path, text)
    bad = [f for f in r.report.findings if f.code == "X92"]
    assert [f.line for f in bad] == [1, 2] and "M01" in codes(r)


def test_directives_in_code_fences_are_examples(tmp_path: Path) -> None:
    text = "```\n<!-- dcrdraft-disable-file M01 -->\n```\n\n" + RISKS
    r = review(tmp_path, text)
    assert "M01" in codes(r) and "X90" not in codes(r)


def test_config_waiver_for_word_files(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    import docx

    d = docx.Document()
    d.add_heading("Risks", 1)
    d.add_paragraph("Bias. Mitigation: careful review.")
    d.save(str(tmp_path / "legacy.docx"))
    cfg = ('[[ignores]]\npath = "*.docx"\ncodes = ["vague-risk", "C17"]\n'
           'reason = "legacy report, superseded in Q3"\n')
    (tmp_path / ".dcrdraft.toml").write_text(cfg)
    run = run_ci(RunOptions([str(tmp_path / "legacy.docx")]))
    (r,) = run.files
    assert "M01" not in codes(r)
    assert {s.code for s in r.suppressed} == {"M01", "C17"}
    assert all(s.reason == "legacy report, superseded in Q3" for s in r.suppressed)


def test_config_waiver_needs_a_reason(tmp_path: Path) -> None:
    cfg = tmp_path / ".dcrdraft.toml"
    cfg.write_text('[[ignores]]\npath = "*.pdf"\ncodes = ["M01"]\nreason = " "\n')
    with pytest.raises(ConfigError, match=r"\.dcrdraft\.toml:\d+: ignores\.0\.reason"):
        read_config(cfg)
    cfg.write_text('[[ignores]]\npath = "*.pdf"\ncodes = ["M01"]\n')
    with pytest.raises(ConfigError, match="reason"):
        read_config(cfg)


def test_html_comments_suppress_too(tmp_path: Path) -> None:
    text = ("<html><body><h1>Risks</h1>\n<!-- dcrdraft-disable-next-line M01 -- accepted -->\n"
            "<ul><li>Bias. Mitigation: careful review.</li></ul></body></html>\n")
    r = review(tmp_path, text, name="a.html")
    assert "M01" not in codes(r) and [s.code for s in r.suppressed] == ["M01"]


def test_parallel_run_keeps_suppressions(tmp_path: Path) -> None:
    text = "<!-- dcrdraft-disable-file M01 -- accepted -->\n" + RISKS
    for n in range(9):
        (tmp_path / f"d{n}.md").write_text(text)
    one = run_ci(RunOptions([str(tmp_path)], isolated=True))
    many = run_ci(RunOptions([str(tmp_path)], isolated=True, jobs=3))
    assert [f.report.to_dict() for f in one.files] == [f.report.to_dict() for f in many.files]
    assert all(f.suppressed and "M01" not in codes(f) for f in many.files)
