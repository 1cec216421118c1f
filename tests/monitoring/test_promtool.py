"""The exported rules run in the real Prometheus rule engine (``promtool``): every fixture's
export passes ``promtool check rules``, and every rule over a series fires in ``promtool test
rules`` once a synthetic series has crossed its stated figure for a whole window, and never
while the series stays just on the healthy side of it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from dcrdraft.inputs.loader import load
from dcrdraft.monitoring.bounds import Bound, number
from dcrdraft.monitoring.plan import AlertRule, alert_plan
from dcrdraft.monitoring.windows import parse_duration

from ..tools import require_tool
from .test_plan import FIXTURES

STEPS_PER_WINDOW = 8
BEFORE, AFTER = 2 * STEPS_PER_WINDOW, 3 * STEPS_PER_WINDOW
"""Samples at the healthy value (two windows), then at the tested value (three windows)."""
SERIES_RE = re.compile(r"^avg_over_time\(([a-zA-Z_:][a-zA-Z0-9_:]*)\[(\w+)\]\)$")


@pytest.fixture(scope="module")
def promtool() -> str:
    return require_tool("promtool")


def _export(path: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "dcrdraft", "export", str(path), "--format",
                    "prometheus", "-o", str(out)], check=True, capture_output=True, timeout=60)
    return out


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_export_passes_promtool_check(path: Path, tmp_path: Path,
                                                    promtool: str) -> None:
    rules = _export(path, tmp_path / "rules.yml")
    out = subprocess.run([promtool, "check", "rules", str(rules)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    n = len(alert_plan(load(path)).rules)
    assert f"SUCCESS: {n} rules found" in out.stdout


@dataclass
class Scenario:
    name: str
    value: float
    fires: bool


def _delta(rule: AlertRule, at: float) -> float:
    return 0.001 if rule.rate else max(abs(at) * 1e-3, 1e-6)


def _entry(rule: AlertRule) -> tuple[Bound, bool]:
    """The bound a healthy series crosses to enter the alert region, and whether healthy
    values lie above it."""
    lo, hi = rule.interval.lower, rule.interval.upper
    if lo is not None and hi is not None:
        return (hi, True) if rule.healthy_above else (lo, False)
    return (hi, True) if hi is not None else (lo, False)  # type: ignore[return-value]


def scenarios(rule: AlertRule) -> tuple[float, list[Scenario]]:
    """The healthy value, then series values that cross the stated figure (the alert must
    fire after a window) and that stay just on the healthy side (it must not)."""
    bound, above = _entry(rule)
    b, d = bound.value, _delta(rule, bound.value)
    spread = 0.05 if rule.rate else max(abs(b) * 0.5, 1.0)
    healthy = b + spread if above else b - spread
    if rule.rate:
        healthy = min(1.0, max(0.0, healthy))
    sign = 1 if above else -1
    inside = b if bound.inclusive else b - sign * d
    outside = b + sign * d if bound.inclusive else b
    out = [Scenario("crosses", round(inside, 10), True),
           Scenario("just inside", round(outside, 10), False)]
    other = rule.interval.lower if above else rule.interval.upper
    if other is not None:  # a warning band: deep in the red region it stays quiet
        out.append(Scenario("beyond the band", round(other.value - sign * spread, 10), False))
    return healthy, out


def _alert(rule: AlertRule, spec: dict[str, object], at: int, fires: bool) -> dict[str, object]:
    exp = [{"exp_labels": spec["labels"], "exp_annotations": spec["annotations"]}] \
        if fires else []
    return {"eval_time": f"{at}s", "alertname": rule.name, "exp_alerts": exp}


def _test_file(rule: AlertRule, spec: dict[str, object], rules_file: Path) -> dict[str, object]:
    m = SERIES_RE.match(rule.value)
    assert m, rule.value
    series, window = m.group(1), m.group(2)
    w = int((parse_duration(window) or 0) * 60)
    step = w // STEPS_PER_WINDOW
    assert step * STEPS_PER_WINDOW == w, window
    healthy, cases = scenarios(rule)
    t0 = BEFORE * step
    groups = []
    for case in cases:
        values = [healthy] * BEFORE + [case.value] * AFTER
        groups.append({
            "name": f"{rule.name}: {case.name} ({number(case.value)})",
            "interval": f"{step}s",
            "input_series": [{"series": series, "values": " ".join(map(number, values))}],
            "alert_rule_test": [
                _alert(rule, spec, t0 - step, False),
                _alert(rule, spec, t0 + w - 2 * step, False),
                _alert(rule, spec, t0 + w, case.fires),
                _alert(rule, spec, (BEFORE + AFTER - 1) * step, case.fires),
            ],
        })
    return {"rule_files": [str(rules_file)], "evaluation_interval": f"{step}s",
            "tests": groups}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_rules_fire_exactly_when_the_stated_condition_holds_for_the_window(
        path: Path, tmp_path: Path, promtool: str) -> None:
    rules_file = _export(path, tmp_path / "rules.yml")
    specs = {r["alert"]: r for g in yaml.safe_load(rules_file.read_text())["groups"] or []
             for r in g["rules"]}
    plan = alert_plan(load(path))
    tests = []
    for rule in plan.rules:
        assert specs[rule.name]["expr"] == rule.expr
        if not SERIES_RE.match(rule.value):
            continue  # an expr of the inputs' own: promtool check covers it
        test = tmp_path / f"{rule.name}.test.yml"
        test.write_text(json.dumps(_test_file(rule, specs[rule.name], rules_file), indent=1))
        tests.append(str(test))
    if not tests:
        assert not plan.rules or all(not SERIES_RE.match(r.value) for r in plan.rules)
        return
    out = subprocess.run([promtool, "test", "rules", *tests], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count("SUCCESS") == len(tests)


RATIO_RE = re.compile(r"^\(sum\(rate\(([a-zA-Z_:][\w:]*)\[(\w+)\]\)\) / "
                      r"sum\(rate\(([a-zA-Z_:][\w:]*)\[\2\]\)\)\)$")
"""An inputs ``expr:`` of the common ratio-of-counters shape, with ``{window}`` filled in."""


def _counters(healthy: float, value: float, per_step: int = 1000) -> tuple[str, str]:
    """Cumulative counters whose increase ratio is ``healthy`` for two windows, then ``value``."""
    num, den, n, d = [], [], 0.0, 0
    for i in range(BEFORE + AFTER):
        if i:
            n += (healthy if i < BEFORE else value) * per_step
            d += per_step
        num.append(n)
        den.append(d)
    return " ".join(map(number, num)), " ".join(map(str, den))


def test_expr_rules_fire_on_their_own_series(tmp_path: Path, promtool: str) -> None:
    """A signal's own ``expr:`` (``{window}`` filled in) runs in the rule engine: counters
    whose ratio crosses the figure fire it after a window, a ratio just inside does not."""
    path = next(p for p in FIXTURES if p.name == "monitoring-shapes.yaml")
    rules_file = _export(path, tmp_path / "rules.yml")
    specs = {r["alert"]: r for g in yaml.safe_load(rules_file.read_text())["groups"]
             for r in g["rules"]}
    rules = [r for r in alert_plan(load(path)).rules if RATIO_RE.match(r.value)]
    assert {r.name for r in rules} == {"DcrEscalationRateRed", "DcrEscalationRateRollback"}
    tests = []
    for rule in rules:
        m = RATIO_RE.match(rule.value)
        assert m
        w = int((parse_duration(m.group(2)) or 0) * 60)
        step = w // STEPS_PER_WINDOW
        bound, above = _entry(rule)
        d = _delta(rule, bound.value)
        sign = 1 if above else -1
        healthy = bound.value + sign * 0.05
        groups = []
        for name, value, fires in (("crosses", bound.value - sign * d, True),
                                   ("just inside", bound.value + sign * d, False)):
            num, den = _counters(healthy, round(value, 10))
            groups.append({
                "name": f"{rule.name}: {name}", "interval": f"{step}s",
                "input_series": [{"series": m.group(1), "values": num},
                                 {"series": m.group(3), "values": den}],
                "alert_rule_test": [
                    _alert(rule, specs[rule.name], BEFORE * step - step, False),
                    _alert(rule, specs[rule.name], BEFORE * step + w - 2 * step, False),
                    _alert(rule, specs[rule.name], BEFORE * step + w, fires),
                ],
            })
        test = tmp_path / f"{rule.name}.test.yml"
        test.write_text(json.dumps({"rule_files": [str(rules_file)],
                                    "evaluation_interval": f"{step}s", "tests": groups}))
        tests.append(str(test))
    out = subprocess.run([promtool, "test", "rules", *tests], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
