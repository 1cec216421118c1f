"""Approvals bound to content: the hash of what a sign-off approved, and which are now stale.

A sign-off records ``content_hash``: a hash of the *material* content of the inputs: system
name and version, metrics, thresholds, segments, risks, deployment conditions and the
recommendation. Commitment text (a condition, a mitigation, a rollback trigger) counts
regardless of case, spacing and punctuation; descriptive prose (purpose, descriptions, notes,
rationale) counts only through the figures it states, so fixing a typo never unsigns a DCR
while changing a threshold or a figure always does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dcrdraft.clock import today
from dcrdraft.figures import numbers_in
from dcrdraft.inputs.model import DeployCondition, Inputs, Risk, SignOff
from dcrdraft.io import Stamp, write_atomic

HASH_SCHEME = "v1"
"""Prefix of every stored hash, so a future change of what counts as material is detectable."""

SignoffStatus = Literal["current", "stale", "unbound", "pending"]

STATUS_LABEL: dict[str, str] = {
    "current": "current",
    "stale": "signed an earlier version",
    "unbound": "not bound to content (no content hash)",
    "pending": "pending",
}


# -- what counts as material ----------------------------------------------------------------


def _norm(text: str | None) -> str | None:
    """Commitment text compared without case, spacing or punctuation."""
    if text is None:
        return None
    return " ".join(re.split(r"[^\w%]+", text.casefold())).strip()


def _figures(text: str | None) -> list[str]:
    """The figures a piece of prose states (its only material part)."""
    return sorted(set(numbers_in(text))) if text else []


def _figure(value: float | str | None) -> float | str | None:
    return _norm(value) if isinstance(value, str) else value


def _risk(r: Risk) -> dict[str, Any]:
    owner = r.owner
    return {
        "id": r.id, "title": _norm(r.title), "category": _norm(r.category),
        "severity": r.severity, "likelihood": r.likelihood, "residual": r.residual_risk,
        "owner": [_norm(owner.name), _norm(owner.role)] if owner else None,
        "mitigations": [_norm(m) for m in r.mitigations],
        "segments": [_norm(s) for s in r.segments],
        "figures": _figures(" ".join(filter(None, (r.evidence, r.description, r.residual_note)))),
        "monitoring": _figures(r.monitoring), "escalation": _figures(r.escalation),
    }


def _evaluation(inputs: Inputs) -> dict[str, Any]:
    ev = inputs.evaluation
    pm = ev.primary_metric
    primary = None
    if pm is not None:
        primary = {
            "name": _norm(pm.name), "threshold": pm.threshold,
            "higher_is_better": pm.higher_is_better,
            "baseline": pm.baseline.value if pm.baseline else None,
            "results": [[_norm(r.dataset), r.value, r.n, r.ci] for r in pm.results],
            "definition": _figures(pm.definition),
        }
    return {
        "primary": primary,
        "secondary": [
            [_norm(m.name), _figure(m.value), m.n, _figure(m.baseline), _figure(m.threshold),
             m.higher_is_better, _norm(m.dataset)]
            for m in ev.secondary_metrics
        ],
        "segments": [[_norm(s.name), s.n, s.metrics, _figures(s.note)] for s in ev.segments],
        "datasets": [[_norm(d.name), d.size] for d in ev.datasets],
    }


def _deployment(inputs: Inputs) -> dict[str, Any]:
    dep = inputs.deployment
    return {
        "conditions": [_norm(c.condition) for c in dep.conditions],
        "monitoring": [
            [_norm(t.metric), _figure(t.threshold), t.direction, _norm(t.window),
             _norm(t.yellow), _norm(t.red), _norm(t.action)]
            for t in dep.monitoring
        ],
        "triggers": [[t.type, _norm(t.condition)] for t in dep.rollback_triggers],
        "human_review": [_norm(h.process) for h in dep.human_review],
    }


def material_content(inputs: Inputs) -> dict[str, Any]:
    """The part of ``inputs`` a signature approves, in a canonical, JSON-ready form."""
    rec = inputs.recommendation
    return {
        "system": [_norm(inputs.system.name), inputs.system.version, inputs.system.risk_tier],
        "evaluation": _evaluation(inputs),
        "risks": [_risk(r) for r in inputs.risks],
        "deployment": _deployment(inputs),
        "recommendation": {
            "decision": rec.decision,
            "conditions": [[_norm(c.condition), _norm(c.owner), c.due and c.due.isoformat()]
                           for c in rec.conditions],
            "rationale": _figures(rec.rationale),
        },
    }


def content_hash(inputs: Inputs) -> str:
    """``v1:`` and 16 hex digits of SHA-256 over the material content (not a security seal)."""
    blob = json.dumps(material_content(inputs), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"), default=str)
    return f"{HASH_SCHEME}:{hashlib.sha256(blob.encode('utf-8')).hexdigest()[:16]}"


# -- sign-off and condition states ------------------------------------------------------------


@dataclass(frozen=True)
class SignoffState:
    """One sign-off and whether it approved the content the inputs hold now."""

    signoff: SignOff
    status: SignoffStatus

    @property
    def label(self) -> str:
        return STATUS_LABEL[self.status]


def signoff_states(inputs: Inputs) -> list[SignoffState]:
    """Every sign-off with its status: current, stale, unbound (no hash) or pending."""
    current = content_hash(inputs)
    out = []
    for so in inputs.signoffs:
        if so.decision is None:
            status: SignoffStatus = "pending"
        elif so.content_hash is None:
            status = "unbound"
        else:
            status = "current" if so.content_hash == current else "stale"
        out.append(SignoffState(so, status))
    return out


def stale_signoffs(inputs: Inputs) -> list[SignOff]:
    """Sign-offs whose recorded hash no longer matches the material content."""
    return [s.signoff for s in signoff_states(inputs) if s.status == "stale"]


def overdue_conditions(inputs: Inputs, today: dt.date) -> list[DeployCondition]:
    """Conditions of approval whose due date is before ``today``."""
    return [c for c in inputs.recommendation.conditions if c.due is not None and c.due < today]


@dataclass(frozen=True)
class SigningView:
    """What the draft's sign-off section shows: each sign-off's state and overdue conditions."""

    states: list[SignoffState]
    overdue: list[DeployCondition]

    @property
    def stale(self) -> list[SignoffState]:
        return [s for s in self.states if s.status == "stale"]


def signing_view(inputs: Inputs, on: dt.date | None = None) -> SigningView:
    """The sign-off states of ``inputs`` and the conditions overdue on ``on`` (default today)."""
    return SigningView(signoff_states(inputs), overdue_conditions(inputs, on or today()))


# -- recording a sign-off in the inputs file ----------------------------------------------------


def _matches(entry: Any, role: str, name: str) -> bool:
    """The entry to update: same role, and unnamed or signed by the same person."""
    if not isinstance(entry, dict) or _norm(str(entry.get("role", ""))) != _norm(role):
        return False
    existing = entry.get("name")
    return not existing or _norm(str(existing)) == _norm(name)


def _apply(signoffs: list[Any], new: dict[str, Any], make: Any) -> None:
    """Update the matching entry in place (keeping its key order) or append a new one."""
    for entry in signoffs:
        if _matches(entry, new["role"], new["name"]):
            for key, value in new.items():
                if value is not None:
                    entry[key] = value
            return
    signoffs.append(make({k: v for k, v in new.items() if v is not None}))


def _yaml() -> Any:
    from ruamel.yaml import YAML  # lazy: drafting reads signing_view and never parses YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


def _edit_yaml(text: str, new: dict[str, Any]) -> str:
    """Re-emit only the ``signoffs`` block; every other line of the file stays byte for byte."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq  # lazy: as in _yaml

    from dcrdraft.inputs.loader import rejoin_flow_commas  # lazy: the loader pulls in ruamel

    yaml = _yaml()
    data = yaml.load(text)
    lines = text.splitlines(keepends=True)
    keys = list(data)
    seq = data.get("signoffs")
    if isinstance(seq, CommentedSeq):
        rejoin_flow_commas(seq, text.splitlines())
        start = data.lc.key("signoffs")[0]
        later = keys[keys.index("signoffs") + 1:]
        end = data.lc.key(later[0])[0] if later else len(lines)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1  # keep the blank lines that separate it from the next key
    else:
        seq = CommentedSeq()
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        if "signoffs" in data:  # `signoffs:` with no entries, or an empty flow list
            start = data.lc.key("signoffs")[0]
            end = start + 1
        else:
            if lines and lines[-1].strip():
                lines.append("\n")
            start = end = len(lines)
    flow = bool(seq) and all(getattr(e, "fa", None) and e.fa.flow_style() for e in seq)

    def make(values: dict[str, Any]) -> Any:
        entry = CommentedMap(values)
        if flow:
            entry.fa.set_flow_style()
        return entry

    _apply(seq, new, make)
    out = io.StringIO()
    yaml.dump(CommentedMap([("signoffs", seq)]), out)
    block = re.sub(r"(\n[ \t]*)+\Z", "\n", out.getvalue())  # the file's own blank lines stay
    return "".join(lines[:start]) + block + "".join(lines[end:])


def _edit_json(text: str, new: dict[str, Any]) -> str:
    data = json.loads(text)
    signoffs = data.setdefault("signoffs", [])
    _apply(signoffs, {k: (v.isoformat() if isinstance(v, dt.date) else v)
                      for k, v in new.items()}, dict)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def record_signoff(path: str, *, role: str, name: str, decision: str, note: str | None = None,
                   on: dt.date | None = None) -> SignOff:
    """Record a sign-off bound to the current material content in the inputs file at ``path``.

    The file is read once, validated before and after the edit and written atomically, only
    if it still holds what was read (an editor's save in between is never lost); a symlink's
    real file is edited. Comments, key order and every line outside ``signoffs`` are kept.
    """
    # lazy: the loader pulls in ruamel
    from dcrdraft.inputs.loader import decode_inputs, load_text, read_inputs_bytes

    raw = read_inputs_bytes(path)
    stamp = Stamp.of(raw)
    text = decode_inputs(raw, str(path))
    inputs = load_text(text, str(path))
    new = {"role": role, "name": name, "decision": decision, "date": on or today(),
           "note": note, "content_hash": content_hash(inputs)}
    edited = _edit_json(text, new) if str(path).endswith(".json") else _edit_yaml(text, new)
    after = load_text(edited, str(path))  # never write a file that no longer validates
    write_atomic(path, edited, force=True, unchanged=stamp)
    return next(s for s in after.signoffs if _matches(s.model_dump(), role, name))
