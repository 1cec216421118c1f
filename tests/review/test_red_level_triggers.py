"""A rollback condition may name the monitoring's red level instead of repeating its figure
("on any red"): where the monitoring gives red figures, that is a measurable trigger (C12 pass,
no M03); where it gives none, the condition points at nothing."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.review.models import FileReport
from tests.review.reviewing import review

_TABLE = ("# Monitoring\n\n| Metric | Window | Amber | Red |\n|---|---|---|---|\n"
          "| Missed-pickup share | 7-day rolling | > 2% | > 4% |\n"
          "| Driver overrides per 100 routes | weekly | > 5 | > 9 |\n\n")
_ROLLBACK = ("# Rollback\n\nOn any red, the dispatch lead puts that depot back on the old route "
             "planner (a console setting).\n")


def c12(report: FileReport) -> str:
    return next(c.status for c in report.checklist if c.code == "C12")


def test_a_trigger_naming_the_red_level_of_the_monitoring_is_measurable(tmp_path: Path) -> None:
    report = review(tmp_path, _TABLE + _ROLLBACK)
    assert c12(report) == "pass"
    assert "M03" not in {f.code for f in report.findings}


def test_a_red_level_with_no_red_figures_anywhere_is_no_trigger(tmp_path: Path) -> None:
    plain = "# Monitoring\n\nMissed pickups are on the dashboard.\n\n"
    assert c12(review(tmp_path, plain + _ROLLBACK)) == "weak"


def test_a_red_team_is_no_red_level(tmp_path: Path) -> None:
    text = _TABLE + ("# Rollback\n\nAfter any red-team exercise, the dispatch lead may put that "
                     "depot back on the old route planner.\n")
    assert c12(review(tmp_path, text)) == "weak"
