"""The alert plan of one DCR: what its monitoring signals (a warning and a red rule each) and
automatic rollback triggers become as alert conditions, and what stays a manual check.

A rule is made only from what the inputs state; a trigger or level that cannot be read as
metric + comparison + figure + window is listed with the reason, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from dcrdraft.inputs.model import Inputs, Threshold, Trigger
from dcrdraft.monitoring.bounds import Bound, Interval, band_of, scale
from dcrdraft.monitoring.reading import figure_comparisons, metric_key
from dcrdraft.monitoring.windows import read_window

AlertLevel = Literal["warning", "red", "rollback"]
SEVERITY: dict[AlertLevel, str] = {"warning": "warning", "red": "critical",
                                   "rollback": "critical"}


@dataclass(frozen=True)
class AlertRule:
    """One alert: the metric's value over a window compared with the figures the DCR states."""

    name: str
    """The alert's name (CamelCase, unique in the plan)."""
    level: AlertLevel
    metric: str
    """The metric as the inputs name it."""
    value: str
    """PromQL for the metric's value over the window."""
    interval: Interval
    """The values at which the alert fires."""
    window: str
    """The PromQL range (``4h``)."""
    window_text: str
    """The window as the inputs write it."""
    stated: str
    """The condition as the DCR states it, for the alert's description."""
    field: str
    """Where in the inputs the condition is stated (``deployment.monitoring[0].red``)."""
    rate: bool
    """Whether the values are 0-1 ratios (shown as percentages)."""
    action: str | None = None
    healthy_above: bool = True
    """Whether healthy values lie above the alert region (a metric that must stay above)."""

    @property
    def expr(self) -> str:
        return self.interval.promql(self.value)


@dataclass(frozen=True)
class Unruled:
    """A stated condition that did not become a rule, and why."""

    field: str
    text: str
    reason: str


@dataclass(frozen=True)
class WindowProblem:
    """A window written in a form this reader cannot turn into a range: an error."""

    index: int
    """The signal's position in ``deployment.monitoring``."""
    text: str

    @property
    def loc(self) -> tuple[str | int, ...]:
        return ("deployment", "monitoring", self.index, "window")

    @property
    def field(self) -> str:
        return f"deployment.monitoring[{self.index}].window"

    @property
    def message(self) -> str:
        return (f"cannot read {self.text!r} as a time window; write it like '4-hour rolling', "
                "'over any 24 h', 'weekly' or '15 minutes'")


@dataclass
class AlertPlan:
    """Everything one inputs file's monitoring and rollback sections become."""

    rules: list[AlertRule] = field(default_factory=list)
    manual: list[Unruled] = field(default_factory=list)
    problems: list[WindowProblem] = field(default_factory=list)


@dataclass(frozen=True)
class _Source:
    """Where a metric's values come from: a series averaged over the window, or an expr."""

    metric: str
    rate: bool
    series: str | None = None
    expr: str | None = None

    def value(self, window: str) -> str | None:
        if self.series:
            return f"avg_over_time({self.series}[{window}])"
        assert self.expr is not None
        if "{window}" in self.expr:
            return f"({self.expr.replace('{window}', window)})"
        return None

    def fixed(self) -> str | None:
        """The expr as written, when it carries its own window."""
        return f"({self.expr})" if self.expr and "{window}" not in self.expr else None


def snake(name: str) -> str:
    """``Task completion rate`` -> ``task_completion_rate``."""
    return "_".join(re.findall(r"[a-z0-9]+", name.lower())) or "metric"


def default_series(metric: str) -> str:
    """The series a metric maps to when the inputs name none."""
    return f"dcrdraft_{snake(metric)}"


def _camel(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", name)) or "Metric"


def _is_rate(t: Threshold) -> bool:
    if isinstance(t.threshold, float):
        return True
    return any("%" in (x or "") for x in (t.yellow, t.red))


def _source(t: Threshold) -> _Source:
    rate = _is_rate(t)
    if t.expr:
        return _Source(t.metric, rate, expr=t.expr)
    return _Source(t.metric, rate, series=t.series or default_series(t.metric))


def _threshold_value(t: Threshold, rate: bool) -> float | None:
    if isinstance(t.threshold, float):
        return t.threshold
    if t.threshold is None:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(%|ms|s|sec|seconds)?\s*", t.threshold)
    if not m:
        return None
    unit = {"sec": "s", "seconds": "s"}.get(m.group(2) or "", m.group(2) or "")
    return scale(float(m.group(1)), unit, rate)


class _Builder:
    """Accumulates one plan; names stay unique."""

    def __init__(self) -> None:
        self.plan = AlertPlan()
        self.names: set[str] = set()

    def name(self, metric: str, suffix: str) -> str:
        base = f"Dcr{_camel(metric)}{suffix}"
        out, n = base, 2
        while out in self.names:
            out, n = f"{base}{n}", n + 1
        self.names.add(out)
        return out

    def skip(self, where: str, text: str, reason: str) -> None:
        self.plan.manual.append(Unruled(where, " ".join(text.split()), reason))


def _red(t: Threshold, rate: bool) -> tuple[Interval | None, str, str]:
    """The red region, the text it was read from, and why it was not read when it was not."""
    if not t.red:
        value = _threshold_value(t, rate)
        if value is None:
            return None, "", "no red alert and no threshold figure to read"
        if t.direction == "above":
            return Interval(None, Bound(value, False)), "below the threshold", ""
        return Interval(Bound(value, False), None), "above the threshold", ""
    band = band_of(t.red, rate)
    if band is None:
        return None, t.red, "cannot read the red alert as one comparison with a figure"
    if not band.half_line:
        return None, t.red, "the red alert is a band; it should be one comparison"
    if (band.lower is None) != (t.direction == "above"):
        return None, t.red, f"the red alert fires on the side the metric must stay ({t.direction})"
    return band, t.red, ""


def _signal(b: _Builder, i: int, t: Threshold) -> None:
    where = f"deployment.monitoring[{i}]"
    if not t.window:
        b.skip(where, t.metric, "no window")
        return
    window = read_window(t.window)
    if window is None:
        b.plan.problems.append(WindowProblem(i, t.window))
        return
    src = _source(t)
    value = src.value(window) or src.fixed()
    assert value is not None
    red, red_text, why = _red(t, src.rate)
    _warning(b, where, t, value, window, red, src.rate)
    if red is None:
        b.skip(f"{where}.red", t.red or t.metric, why)
        return
    b.plan.rules.append(AlertRule(
        b.name(t.metric, "Red"), "red", t.metric, value, red, window, t.window,
        f"red alert: {red_text}", f"{where}.red" if t.red else f"{where}.threshold",
        src.rate, t.action, t.direction == "above"))


def _warning(b: _Builder, where: str, t: Threshold, value: str, window: str,
             red: Interval | None, rate: bool) -> None:
    """The yellow band, less the red region, as a warning rule."""
    if not t.yellow or not t.window:
        return
    yellow = band_of(t.yellow, rate)
    if yellow is None:
        b.skip(f"{where}.yellow", t.yellow, "cannot read the yellow band as figures")
        return
    warning = yellow.minus(red) if red is not None else yellow
    if warning is None:
        b.skip(f"{where}.yellow", t.yellow, "the yellow band lies inside the red alert")
        return
    b.plan.rules.append(AlertRule(
        b.name(t.metric, "Warning"), "warning", t.metric, value, warning, window, t.window,
        f"yellow alert: {t.yellow}", f"{where}.yellow", rate, t.action, t.direction == "above"))


def _tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2} - {"rate", "the"}


def _match(metric_text: str, inputs: Inputs) -> _Source | None:
    """The signal (else the evaluated metric) that ``metric_text`` names."""
    key, words = metric_key(metric_text), _tokens(metric_text)
    for t in inputs.deployment.monitoring:
        if (key and key == metric_key(t.metric)) or (words and words <= _tokens(t.metric)):
            return _source(t)
    ev = inputs.evaluation
    names = ([(ev.primary_metric.name, True)] if ev.primary_metric else []) + [
        (m.name, isinstance(m.value, float)) for m in ev.secondary_metrics]
    for name, rate in names:
        if (key and key == metric_key(name)) or (words and words <= _tokens(name)):
            return _Source(name, rate, series=default_series(name))
    return None


_LEAD = re.compile(r"^(?:(?:automatic(?:ally)?|auto)\s+)?(?:roll ?back\s+)?(?:if|when|whenever|"
                   r"once)\s+", re.I)


def _trigger(b: _Builder, i: int, t: Trigger, inputs: Inputs) -> None:
    where = f"deployment.rollback_triggers[{i}]"
    if t.type != "automatic":
        b.skip(where, t.condition, f"{t.type} trigger: a person decides")
        return
    found = figure_comparisons(t.condition)
    if len(found) != 1 or not found[0].definite:
        reason = "no comparison with a figure" if not found else \
            "more than one condition" if len(found) > 1 else \
            "the comparison does not say which way it fires"
        b.skip(where, t.condition, reason)
        return
    c = found[0]
    metric_text = _LEAD.sub("", t.condition[: c.start].strip(" ,:-"))
    src = _match(metric_text, inputs) or (
        _Source(metric_text, c.unit == "%", series=default_series(metric_text))
        if metric_key(metric_text) else None)
    if src is None:
        b.skip(where, t.condition, "no metric named before the comparison")
        return
    window = read_window(t.condition[c.end:]) or read_window(t.condition)
    if window is None:
        b.skip(where, t.condition, "no window")
        return
    value = src.value(window)
    if value is None:
        b.skip(where, t.condition, "the metric's expr has a fixed window; put {window} in it")
        return
    figure = scale(c.value, c.unit, src.rate or c.unit == "%")
    if figure is None:
        b.skip(where, t.condition, "the figure's unit does not match the metric")
        return
    bound = Bound(figure, c.inclusive)
    interval = Interval(None, bound) if c.direction == "floor" else Interval(bound, None)
    b.plan.rules.append(AlertRule(
        b.name(src.metric, "Rollback"), "rollback", src.metric, value, interval, window,
        t.condition, f"automatic rollback: {t.condition}", where,
        src.rate or c.unit == "%", "Roll back (automatic rollback trigger)",
        c.direction == "floor"))


def alert_plan(inputs: Inputs) -> AlertPlan:
    """The alert rules the inputs' monitoring signals and rollback triggers become."""
    b = _Builder()
    for i, t in enumerate(inputs.deployment.monitoring):
        _signal(b, i, t)
    for i, trig in enumerate(inputs.deployment.rollback_triggers):
        _trigger(b, i, trig, inputs)
    return b.plan
