"""GitHub workflow commands: the toolkit's escaping, and prioritising under per-step limits."""

from __future__ import annotations

from dcrdraft.review.ci import CiRun, FileResult
from dcrdraft.review.formats import render
from dcrdraft.review.formats.github import PER_STEP, command, escape_data, escape_property
from dcrdraft.review.formats.results import Result
from dcrdraft.review.models import FileReport, Finding

from .conftest import fixed_run


def test_escape_data_matches_toolkit() -> None:
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_data("a:b,c") == "a:b,c"
    assert escape_data("%0A") == "%250A"  # already-escaped text is escaped again


def test_escape_property_matches_toolkit() -> None:
    assert escape_property("dir:a,b%\n.md") == "dir%3Aa%2Cb%25%0A.md"


def test_command_escapes_every_part() -> None:
    r = Result("docs/a,b:c.md", "M01", "vague-risk", "finding", "error", 3, 4,
               "50% of risks: vague,\nsee below", "Fix: name it")
    line = command(r)
    assert line == ("::error file=docs/a%2Cb%3Ac.md,line=3,endLine=4,"
                    "title=dcrdraft M01/vague-risk::50%25 of risks: vague,%0Asee below"
                    "%0AFix: name it")
    assert "\n" not in line


def _many(n_err: int, n_warn: int) -> CiRun:
    base = fixed_run()
    findings = [Finding("X01", "placeholder", "error", i + 1, i + 1, f"e{i}", "")
                for i in range(n_err)]
    findings += [Finding("M01", "vague-risk", "error", 100 + i, 100 + i, f"m{i}", "")
                 for i in range(3)]
    findings += [Finding("X90", "unused-suppression", "warning", 200 + i, 200 + i, f"w{i}", "")
                 for i in range(n_warn)]
    rep = FileReport("a.md", "markdown", 50, False, None, base.files[1].report.checklist,
                     findings)
    return CiRun([FileResult(rep)], base.rules)


def test_limits_prioritise_mistakes_and_report_the_rest() -> None:
    out = render(_many(20, 14), "github").splitlines()
    errors = [ln for ln in out if ln.startswith("::error ")]
    warnings = [ln for ln in out if ln.startswith("::warning ")]
    notices = [ln for ln in out if ln.startswith("::notice ")]
    assert len(errors) == PER_STEP and len(warnings) == PER_STEP and len(notices) == 1
    assert all("M01/vague-risk" in ln for ln in errors[:3])  # mistakes before extra checks
    assert "::notice title=dcrdraft::17 more findings not annotated" in notices[0]
    plain = out[out.index(notices[0]) + 1:]
    assert len(plain) == 17 and all(ln.startswith("a.md:") for ln in plain)


def test_no_more_line_when_everything_fits() -> None:
    out = render(_many(2, 1), "github")
    assert "more findings" not in out and out.count("::error ") == 5
