"""``dcrdraft review`` on an inputs file notes each monitoring signal the Prometheus export
cannot turn into a rule (X11, info: it costs no score) and no other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dcrdraft.inputs.loader import load
from dcrdraft.monitoring.plan import alert_plan
from dcrdraft.review.api import review_path

from .test_plan import FIXTURES


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_review_notes_exactly_the_signals_the_export_leaves_out(path: Path) -> None:
    inputs = load(path)
    plan = alert_plan(inputs)
    left_out = {inputs.deployment.monitoring[int(m)].metric for m in (
        re.match(r"deployment\.monitoring\[(\d+)\]", u.field).group(1)  # type: ignore[union-attr]
        for u in plan.manual if u.field.startswith("deployment.monitoring"))}
    report = review_path(path)
    noted = {re.search(r"\((.+?): ", f.message).group(1)  # type: ignore[union-attr]
             for f in report.findings if f.code == "X11"}
    assert noted == left_out
    assert all(f.severity == "info" for f in report.findings if f.code == "X11")


def test_shapes_fixture_notes_both_signals() -> None:
    path = next(p for p in FIXTURES if p.name == "monitoring-shapes.yaml")
    report = review_path(path)
    assert [f.message for f in report.findings if f.code == "X11"] == [
        "Monitoring signal cannot become an alert rule (Override rate: no window).",
        "Monitoring signal cannot become an alert rule (Chargeback rate: yellow band "
        "\"when it trends upwards\" has no figures).",
    ]
