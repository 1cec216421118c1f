"""An alert plan as a Prometheus rules file: one group per DCR, a rule per alert, labels that
tie each alert to the signed content, and a header listing what stays a manual check.

The YAML is written by hand (strings as JSON, a YAML subset) so the bytes are stable for
golden files and ``promtool check rules``.
"""

from __future__ import annotations

import json

from dcrdraft.inputs.model import Inputs
from dcrdraft.inputs.signing import content_hash
from dcrdraft.monitoring.bounds import Bound, Interval, number
from dcrdraft.monitoring.plan import SEVERITY, AlertPlan, AlertRule, snake


def _q(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _figure(value: float, rate: bool) -> str:
    return f"{number(round(value * 100, 8))}%" if rate else number(value)


def _side(b: Bound, rate: bool, low: bool) -> str:
    word = ("at or above" if b.inclusive else "above") if low else \
        ("at or below" if b.inclusive else "below")
    return f"{word} {_figure(b.value, rate)}"


def describe(interval: Interval, rate: bool) -> str:
    """The region in words: ``below 85%``, ``at or above 85% and at or below 88%``."""
    parts = []
    if interval.lower is not None:
        parts.append(_side(interval.lower, rate, True))
    if interval.upper is not None:
        parts.append(_side(interval.upper, rate, False))
    return " and ".join(parts)


def _procedure(inputs: Inputs) -> str | None:
    p = inputs.deployment.rollback_procedure
    if p is None or not p.description:
        return None
    return p.description + (f" (takes {p.duration})" if p.duration else "")


def _rule(r: AlertRule, labels: dict[str, str], procedure: str | None) -> list[str]:
    lines = [f"      - alert: {r.name}", f"        expr: {_q(r.expr)}", "        labels:"]
    mine = {"severity": SEVERITY[r.level], "dcr_level": r.level, **labels}
    lines += [f"          {k}: {_q(v)}" for k, v in mine.items()]
    notes = {
        "summary": f"{r.metric} {describe(r.interval, r.rate)} over {r.window} "
                   f"({r.window_text})",
        "description": f"The DCR states the {r.stated} ({r.field}).",
    }
    if r.action:
        notes["action"] = r.action
    if procedure and r.level != "warning":
        notes["rollback_procedure"] = procedure
    lines.append("        annotations:")
    lines += [f"          {k}: {_q(v)}" for k, v in notes.items()]
    return lines


def render_rules(inputs: Inputs, plan: AlertPlan, source: str) -> str:
    """The rules file for ``inputs`` (read from ``source``) as YAML text."""
    system = inputs.system
    digest = content_hash(inputs)
    title = system.name + (f" {system.version}" if system.version else "")
    out = [
        f"# Prometheus alerting rules for {_comment(title)} (DCR content {digest}).",
        f"# Written by `dcrdraft export --format prometheus` from {_comment(source)}:",
        "# change the inputs and export again rather than editing this file.",
        "# Each rule compares a metric's average over its window with the figures the DCR",
        "# states. A series defaults to dcrdraft_<metric in snake case> (a signal's series: or",
        "# expr: in the inputs overrides it); rates are 0-1 ratios, durations are seconds.",
    ]
    if plan.manual:
        out.append("#")
        out.append("# Manual checks (stated in the DCR, not turned into rules):")
        out += [f"# - {m.field}: {_comment(m.text)} -- {m.reason}" for m in plan.manual]
    if not plan.rules:
        dep = inputs.deployment
        out.append("#")
        out.append("# No rules: " + ("no monitoring signal or automatic rollback trigger could "
                                    "be read as one." if dep.monitoring or dep.rollback_triggers
                                    else "the inputs state no monitoring signals or rollback "
                                    "triggers."))
        out.append("groups: []")
        return "\n".join(out) + "\n"
    labels = {"system": system.name, **({"version": system.version} if system.version else {}),
              "dcr_hash": digest}
    procedure = _procedure(inputs)
    out += ["groups:", f"  - name: {_q('dcrdraft:' + snake(system.name))}", "    rules:"]
    for r in plan.rules:
        out += _rule(r, labels, procedure)
    return "\n".join(out) + "\n"
