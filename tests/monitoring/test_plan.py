"""What monitoring signals and rollback triggers become: rules read from the stated figures,
manual checks for what cannot be read, and an error naming the field for a window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dcrdraft.errors import InputError
from dcrdraft.inputs.loader import load_text
from dcrdraft.monitoring.plan import alert_plan

from ..conftest import ROOT, check_golden

GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = [ROOT / "fixtures" / "chatbot.yaml", ROOT / "fixtures" / "radiology.yaml",
            *sorted((ROOT / "fixtures" / "inputs").glob("*.yaml"))]


def _plan(monitoring: str, triggers: str = "[]") -> object:
    text = (f"system: {{name: S, version: '1'}}\n"
            f"deployment:\n  monitoring: {monitoring}\n  rollback_triggers: {triggers}\n")
    return alert_plan(load_text(text, "t.yaml"))


def _exprs(monitoring: str, triggers: str = "[]") -> dict[str, str]:
    plan = _plan(monitoring, triggers)
    return {r.name: r.expr for r in plan.rules}  # type: ignore[attr-defined]


def test_signal_becomes_warning_and_red_rules() -> None:
    exprs = _exprs("[{metric: Task completion rate, threshold: 85%, direction: above, "
                   "window: 4-hour rolling, yellow: 85-88%, red: below 85%}]")
    assert exprs == {
        "DcrTaskCompletionRateWarning":
            "avg_over_time(dcrdraft_task_completion_rate[4h]) >= 0.85 <= 0.88",
        "DcrTaskCompletionRateRed": "avg_over_time(dcrdraft_task_completion_rate[4h]) < 0.85",
    }


def test_warning_band_leaves_the_red_region_to_red() -> None:
    exprs = _exprs("[{metric: Hallucination rate, threshold: 4%, direction: below, "
                   "window: 8-hour rolling, yellow: 3-4%, red: 4% or more}]")
    assert exprs["DcrHallucinationRateWarning"].endswith(">= 0.03 < 0.04")
    assert exprs["DcrHallucinationRateRed"].endswith(">= 0.04")


def test_red_from_the_threshold_when_no_red_band_is_stated() -> None:
    exprs = _exprs("[{metric: Accuracy, threshold: 90%, window: daily}, "
                   "{metric: Error rate, threshold: 2%, direction: below, window: daily}]")
    assert exprs == {"DcrAccuracyRed": "avg_over_time(dcrdraft_accuracy[1d]) < 0.9",
                     "DcrErrorRateRed": "avg_over_time(dcrdraft_error_rate[1d]) > 0.02"}


def test_series_and_expr_override_the_default_series() -> None:
    exprs = _exprs("[{metric: Accuracy, threshold: 90%, window: weekly, series: acc_ratio}, "
                   "{metric: Error rate, threshold: 2%, direction: below, window: 4h, "
                   "expr: 'sum(rate(err_total[{window}])) / sum(rate(req_total[{window}]))'}]")
    assert exprs["DcrAccuracyRed"] == "avg_over_time(acc_ratio[1w]) < 0.9"
    assert exprs["DcrErrorRateRed"] == \
        "(sum(rate(err_total[4h])) / sum(rate(req_total[4h]))) > 0.02"


def test_series_and_expr_together_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"t.yaml:3: deployment.monitoring\[0\]: give series or expr, not both"):
        _plan("[{metric: A, threshold: 90%, window: daily, series: a, expr: b}]")


def test_durations_in_seconds() -> None:
    exprs = _exprs("[{metric: P95 latency, threshold: 800 ms, direction: below, "
                   "window: over any 24 h, yellow: 600-800 ms, red: above 800 ms}]",
                   "[{type: automatic, condition: p95 latency exceeds 1.2 s over 2 hours}]")
    assert exprs == {
        "DcrP95LatencyWarning": "avg_over_time(dcrdraft_p95_latency[24h]) >= 0.6 <= 0.8",
        "DcrP95LatencyRed": "avg_over_time(dcrdraft_p95_latency[24h]) > 0.8",
        "DcrP95LatencyRollback": "avg_over_time(dcrdraft_p95_latency[2h]) > 1.2",
    }


def test_automatic_trigger_reads_metric_comparison_figure_window() -> None:
    plan = _plan("[{metric: Task completion rate, threshold: 85%, window: 4-hour rolling}]",
                 "[{type: automatic, condition: Task completion below 82% in any 2-hour window},"
                 " {type: automatic, condition: Escalation rate at or above 15% over 7 days}]")
    exprs = {r.name: r.expr for r in plan.rules}  # type: ignore[attr-defined]
    assert exprs["DcrTaskCompletionRateRollback"] == \
        "avg_over_time(dcrdraft_task_completion_rate[2h]) < 0.82"
    assert exprs["DcrEscalationRateRollback"] == \
        "avg_over_time(dcrdraft_escalation_rate[7d]) >= 0.15"


@pytest.mark.parametrize(("condition", "reason"), [
    ("Task completion drops noticeably", "no comparison with a figure"),
    ("Task completion below 82%", "no window"),
    ("Completion below 82% or errors above 5% in any hour", "more than one condition"),
    ("Task completion at least 80% over 4 hours", "does not say which way"),
    ("Below 80% over 4 hours", "no metric named"),
])
def test_triggers_that_cannot_be_read_stay_manual(condition: str, reason: str) -> None:
    plan = _plan("[]", f"[{{type: automatic, condition: '{condition}'}}]")
    assert not plan.rules  # type: ignore[attr-defined]
    [manual] = plan.manual  # type: ignore[attr-defined]
    assert reason in manual.reason and manual.field == "deployment.rollback_triggers[0]"


def test_manual_and_incident_triggers_are_manual_checks() -> None:
    plan = _plan("[]", "[{type: manual, condition: Error rate above 5% over 4 hours}, "
                       "{type: incident, condition: Any data breach}]")
    assert not plan.rules  # type: ignore[attr-defined]
    assert [m.reason for m in plan.manual] == [  # type: ignore[attr-defined]
        "manual trigger: a person decides", "incident trigger: a person decides"]


@pytest.mark.parametrize(("signal", "field", "reason"), [
    ("{metric: A, threshold: 90%}", "deployment.monitoring[0]", "no window"),
    ("{metric: A, window: daily}", "deployment.monitoring[0].red", "no threshold"),
    ("{metric: A, threshold: 90%, window: daily, red: above 95%}",
     "deployment.monitoring[0].red", "fires on the side"),
    ("{metric: A, threshold: 90%, window: daily, red: 80-90%}",
     "deployment.monitoring[0].red", "is a band"),
    ("{metric: A, threshold: 90%, window: daily, yellow: 80-85%, red: below 90%}",
     "deployment.monitoring[0].yellow", "inside the red"),
    ("{metric: A, threshold: 90%, window: daily, yellow: trending down}",
     "deployment.monitoring[0].yellow", "cannot read"),
])
def test_signals_that_cannot_become_rules_say_why(signal: str, field: str, reason: str) -> None:
    plan = _plan(f"[{signal}]")
    assert [(m.field, reason in m.reason) for m in plan.manual] == [  # type: ignore[attr-defined]
        (field, True)]


def test_unreadable_window_is_an_error_naming_file_line_and_field(tmp_path: Path) -> None:
    src = tmp_path / "in.yaml"
    src.write_text("system: {name: X}\ndeployment:\n  monitoring:\n"
                   "    - {metric: Accuracy, threshold: 90%, window: daily}\n"
                   "    - metric: Errors\n      threshold: 5%\n      window: per shift\n")
    out = subprocess.run([sys.executable, "-m", "dcrdraft", "export", str(src), "--format",
                          "prometheus"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip().splitlines() == [
        f"{src}:7: deployment.monitoring[1].window: cannot read 'per shift' as a time window; "
        "write it like '4-hour rolling', 'over any 24 h', 'weekly' or '15 minutes'"]


def test_export_refuses_to_overwrite_its_own_inputs(tmp_path: Path) -> None:
    src = tmp_path / "in.yaml"
    src.write_bytes((ROOT / "fixtures" / "radiology.yaml").read_bytes())
    before = src.read_bytes()
    out = subprocess.run([sys.executable, "-m", "dcrdraft", "export", str(src), "--format",
                          "prometheus", "-o", str(src), "--force"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "is an input of this run" in out.stderr
    assert src.read_bytes() == before


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_rules_golden(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dcrdraft.draft.export import prometheus_rules

    monkeypatch.chdir(ROOT)  # the header names the inputs as given: keep it relative
    check_golden(f"{path.stem}.rules.yml", prometheus_rules(path.relative_to(ROOT).as_posix()),
                 GOLDEN)


def test_readme_shows_the_real_export() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Monitoring as code"):readme.index("## Reviewing")]
    blocks = section.split("```yaml\n")[1:]
    plain, excerpt = (b[:b.index("```")] for b in blocks)
    assert plain == (GOLDEN / "chatbot.rules.yml").read_text(encoding="utf-8")
    full = (GOLDEN / "chatbot-monitored.rules.yml").read_text(encoding="utf-8").splitlines()
    shown = [line for line in excerpt.splitlines() if not line.strip().startswith("# ...")]
    it = iter(full)
    assert all(line in it for line in shown)  # the excerpt's lines, in the file's order
