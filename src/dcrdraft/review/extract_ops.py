"""The ``deployment:`` part of ``dcrdraft extract``: monitoring signals, rollback triggers and
the rollback procedure with its test record, read from the operations facts, each value with
its source line as a comment. A part the document does not state is left out."""

from __future__ import annotations

import datetime as dt
import json
import re

from dcrdraft.monitoring.reading import Comparison
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.text import clean
from dcrdraft.review.facts.monitoring import Signal, comparison_in, monitoring_signals
from dcrdraft.review.facts.rollback import Record, Trigger, rollback_records, rollback_triggers

_STAY = re.compile(r"\b(?:must |should )?(?:stay|remain|be kept|kept|be)\s+(?P<d>above|over|below|"
                   r"under)\s+(?P<fig>.+)$", re.I)
_LABEL = re.compile(r"^\W*(?P<label>automatic|manual|incident[- ]based)(?: rollback)?\s*:\s*",
                    re.I)
_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|once|upon|should|on any|on a|after any)\b",
                          re.I)
_TESTED_ON = re.compile(r"\bTested: yes, on (\d{4}-\d\d-\d\d)\b")
_DURATION = re.compile(r"\s*\bExpected duration: (.+?)\.?$")
_OWN_KINDS = frozenset({"rollback"})
_PROCEDURE_HEAD = re.compile(r"\bprocedure\b|\brunbook\b|\bplaybook\b|\bhow to roll", re.I)


def _q(text: str) -> str:
    """A YAML scalar for ``text`` (JSON strings are valid YAML)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _figure(c: Comparison) -> str | None:
    """A comparison's figure as an inputs figure; None for a bare number above 1, which the
    inputs refuse as ambiguous (85 may be a rate or a count)."""
    unit = {"pp": "%", "points": "%"}.get(c.unit, c.unit)
    if unit == "%":
        return _q(f"{c.value:g}%")
    if unit:
        return _q(f"{c.value:g} {unit}")
    return f"{c.value:g}" if 0 <= c.value <= 1 else None


def _threshold(sig: Signal) -> list[str]:
    """``threshold`` and ``direction`` of a signal: a "must stay above 85%" cell as written,
    else the alert comparison (fires below -> must stay above); nothing when no side is said."""
    cell = (sig.cells or {}).get("threshold", "")
    stay = _STAY.search(cell)
    if stay:
        figure = stay.group("fig").strip(" .")
        if re.match(r"^\d[\d.,]*\s?(?:%|[a-z]{1,3})$|^0?\.\d+$|^[01]$", figure, re.I):
            side = "above" if stay.group("d").lower() in ("above", "over") else "below"
            return [f"threshold: {_q(figure)}", f"direction: {side}"]
    # A table's red-alert column is written as ``red``; only its threshold column is one.
    c = comparison_in(cell) if sig.source == "table" else sig.threshold
    figure_text = _figure(c) if c is not None and c.direction != "?" else None
    if c is None or figure_text is None:
        return []
    return [f"threshold: {figure_text}", f"direction: {'above' if c.direction == 'floor' else 'below'}"]


def _signal(sig: Signal) -> str:
    cells = sig.cells or {}
    parts = [f"metric: {_q(sig.metric or '')}", *_threshold(sig)]
    if sig.window:
        parts.append(f"window: {_q(sig.window)}")
    for key in ("yellow", "red"):
        if cells.get(key):
            parts.append(f"{key}: {_q(cells[key])}")
    if sig.source == "table" and cells.get("action"):
        parts.append(f"action: {_q(cells['action'])}")
    elif sig.source == "prose" and sig.action:
        parts.append(f"action: {_q(sig.action)}")
    return f"    - {{{', '.join(parts)}}}  # line {sig.line}"


def _signals(ctx: Context) -> list[str]:
    """Monitoring table rows, and sentences that name a metric and give its threshold (or its
    window, under a monitoring heading); those in monitoring tables and sections when there
    are any, so a summary that restates them is left out; each line once."""
    found: list[Signal] = []
    for sig in monitoring_signals(ctx):
        if not sig.metric or "\n" in sig.unit.text:
            continue
        if sig.source == "table" or sig.threshold or (sig.window and
                                                     "monitoring" in sig.unit.kinds):
            found.append(sig)
    own = [s for s in found if s.source == "table" or "monitoring" in s.unit.kinds]
    pool = own or [s for s in found if "summary" not in s.unit.kinds]
    out: list[str] = []
    seen: set[int] = set()
    for sig in pool:
        if sig.line not in seen:
            seen.add(sig.line)
            out.append(_signal(sig))
    return out


def _trigger(t: Trigger) -> str:
    text = t.text
    label = _LABEL.match(text)
    if label:
        word = label.group("label").lower()
        kind = "automatic" if word.startswith("auto") else "manual" if word == "manual" \
            else "incident"
        text = text[label.end():]
    else:
        kind = t.mode if t.mode != "unstated" else "incident" if t.kind == "incident" else ""
    text = re.sub(r"^\W*(?:[-*•]|\d+[.)])\s+", "", text).strip()
    text = text[:-1] if text.endswith(".") else text
    typed = f"type: {kind}, " if kind else ""
    return f"    - {{{typed}condition: {_q(text)}}}  # line {t.line}"


def _triggers(ctx: Context) -> list[str]:
    """Rollback conditions: those under a rollback heading when there is one (a summary that
    restates them is left out), else those stating a figure or an incident type."""
    table_rows = {s.line for s in monitoring_signals(ctx) if s.source == "table"}
    found = [t for t in rollback_triggers(ctx) if not t.absent and not t.placeholder
             and "\n" not in t.text and t.line not in table_rows
             and (t.kind is not None or _LABEL.match(t.text) or _CONDITIONAL.search(t.text))]
    own = [t for t in found if t.unit.kinds & _OWN_KINDS]
    pool = own or [t for t in found if t.kind is not None and "summary" not in t.unit.kinds]
    out: list[str] = []
    seen: set[str] = set()
    for t in pool:
        key = " ".join(t.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(_trigger(t))
    return out


def _text(ctx: Context, u: Unit, records: list[Record]) -> str:
    """The sentences of a unit's paragraph that are no test record (a draft puts "Tested:
    yes" right under the description); the unit alone when its block is record lines."""
    if "\n" in u.block.text.strip():
        return u.text
    said = {r.text for r in records if r.status != "documented"}  # the description stays
    return " ".join(v.text for v in ctx.units if v.block is u.block and v.text not in said)


def _description(ctx: Context, records: list[Record]) -> tuple[str, int] | None:
    """How the rollback is done: the text of a record that describes the procedure, else the
    first paragraph or line under a rollback procedure heading that is no test record."""
    described = next((r for r in records if r.status == "documented"), None)
    if described is not None:
        return _text(ctx, described.unit, records), described.line
    said = {r.line for r in records}
    for u in ctx.units:
        if "rollback" in u.kinds and _PROCEDURE_HEAD.search(u.section.title) and \
                u.row is None and u.line not in said:
            return _text(ctx, u, records), u.line
    return None


def _tested_on(record: Record) -> str | None:
    iso = _TESTED_ON.search(record.text)
    when = iso.group(1) if iso else record.when or ""
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", when):
        return None
    try:
        return dt.date.fromisoformat(when).isoformat()
    except ValueError:
        return None


def _procedure(ctx: Context) -> list[str]:
    """The rollback procedure: its description and duration, and ``tested`` only on an
    executed record (with the date when the record gives one as an ISO date)."""
    records = [r for r in rollback_records(ctx) if r.status != "undefined"]
    out: list[str] = []
    found = _description(ctx, records)
    if found is not None:
        text, line = found
        duration = _DURATION.search(text)
        if duration:
            text = text[: duration.start()].strip()
        if text:
            out.append(f"    description: {_q(text.rstrip('.'))}  # line {line}")
        if duration:
            out.append(f"    duration: {_q(duration.group(1))}  # line {line}")
    done = next((r for r in records if r.status == "executed"), None)
    if done is not None:
        out.append(f"    tested: true  # line {done.line}")
        day = _tested_on(done)
        if day:
            out.append(f"    tested_on: {day}  # line {done.line}")
    return ["  rollback_procedure:", *out] if out else []


def deployment_lines(ctx: Context) -> list[str]:
    """The ``deployment:`` mapping of an extracted inputs file (empty when nothing is stated)."""
    body: list[str] = []
    signals = _signals(ctx)
    if signals:
        body += ["  monitoring:", *signals]
    triggers = _triggers(ctx)
    if triggers:
        body += ["  rollback_triggers:", *triggers]
    body += _procedure(ctx)
    return ["deployment:", *body] if body else []
