"""What a run reviews and what fails it: rule selection (``select``/``ignore`` by code, prefix
or name), severity overrides, per-file waivers from config, and the exit-code gate.

Selection decides which rules run: an unselected checklist item is not judged and does not
count in the score. ``ignore`` wins over ``select``.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from dcrdraft.errors import ConfigError, ExitCode
from dcrdraft.review.models import Finding, RunReport, Severity
from dcrdraft.review.rubric import Rubric, Rule
from dcrdraft.review.score import blocks

FailOn = Literal["error", "warning", "never"]

META_RULES: tuple[Rule, ...] = (
    Rule("X90", "unused-suppression", "finding", "suppression", severity="warning",
         title="A suppression silences nothing",
         messages={"fire": "{detail}"},
         suggestion="Remove the suppression, or fix the code list.",
         rationale="Stale suppressions hide the next real problem at that place."),
    Rule("X91", "suppression-forbidden", "finding", "suppression", severity="warning",
         title="Inline suppressions are disabled by configuration",
         messages={"fire": "{detail}"},
         suggestion="Fix the finding, or waive it in the project config with a reason.",
         rationale="Some teams require every waiver to be reviewed in one config file."),
    Rule("X92", "invalid-suppression", "finding", "suppression", severity="error",
         title="A suppression comment cannot be understood",
         messages={"fire": "{detail}"},
         suggestion="Write <!-- dcrdraft-disable CODE -- reason --> with known codes.",
         rationale="A suppression must say exactly what it silences."),
    Rule("X93", "review-budget", "finding", "review_budget", severity="warning",
         title="Only the first part of a very long document was reviewed",
         messages={"fire": "{detail}"},
         suggestion="Split the document, or move appendices and raw data out of the DCR.",
         rationale="Review time stays in proportion to a DCR's size; what lies beyond the "
                   "budget is not judged, and the report says so instead of hanging."),
)
"""Findings about suppressions themselves; selectable like any rule, never suppressible."""

_PREFIX = re.compile(r"^[A-Za-z]+\d*$")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


def all_rules(rubric: Rubric) -> list[Rule]:
    """The rubric's rules plus the suppression meta rules."""
    return list(rubric.rules) + [r for r in META_RULES if rubric.get(r.code) is None]


def resolve(rules: Sequence[Rule], token: str, *, prefixes: bool = True) -> list[Rule]:
    """Rules a selector names: a code, ``CODE/name``, a name or (if allowed) a code prefix."""
    key = token.strip().lower()
    if key == "all" and prefixes:
        return list(rules)
    exact = [r for r in rules if key in (r.code.lower(), r.name.lower(), r.id.lower())]
    if exact or not prefixes or not _PREFIX.match(key):
        return exact
    return [r for r in rules if r.code.lower().startswith(key)]


def _codes(rules: Sequence[Rule], tokens: Iterable[str], what: str) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        hit = resolve(rules, t)
        if not hit:
            raise ConfigError(f"{what}: unknown rule {t!r} (use a code, prefix or name)")
        out |= {r.code for r in hit}
    return out


@dataclass(frozen=True)
class Waiver:
    """Codes waived for one file by a config ``[[ignores]]`` entry."""

    codes: frozenset[str]
    reason: str
    origin: str
    """The config file (and entry) the waiver comes from."""


@dataclass
class Policy:
    """Everything that shapes one file's review besides its content; picklable for workers."""

    rubric: Rubric
    """The rules that run (selected, with severity overrides)."""
    known: list[Rule] = field(default_factory=list)
    """Every rule that could be named in a suppression (selected or not)."""
    meta: set[str] = field(default_factory=lambda: {r.code for r in META_RULES})
    """Selected meta-rule codes (X90-X92)."""
    waivers: list[Waiver] = field(default_factory=list)
    inline: bool = True
    """Whether inline suppression comments are honoured."""
    report_unused: bool = True

    @property
    def selected(self) -> set[str]:
        return {r.code for r in self.rubric.rules} | self.meta

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.known if r.code == code), None)

    @property
    def partial(self) -> str | None:
        """``"k of n checklist items"`` when the selection leaves checklist items out."""
        run = len(self.rubric.items)
        total = sum(1 for r in self.known if r.kind == "item")
        return f"{run} of {total} checklist items" if run < total else None


def build_policy(rubric: Rubric, select: Sequence[str] = (), ignore: Sequence[str] = (),
                 severity: dict[str, str] | None = None, inline: bool = True,
                 report_unused: bool = True) -> Policy:
    """A policy from a full rubric and the selection options (ConfigError on unknown rules)."""
    known = all_rules(rubric)
    chosen = _codes(known, select, "select") if select else {r.code for r in known}
    chosen -= _codes(known, ignore, "ignore")
    overrides: dict[str, Severity] = {}
    for token, level in (severity or {}).items():
        if level not in SEVERITY_RANK:
            raise ConfigError(f"severity: {token}: must be error, warning or info")
        for code in _codes(known, [token], "severity"):
            overrides[code] = level  # type: ignore[assignment]
    known = [replace(r, severity=overrides.get(r.code, r.severity)) for r in known]
    kept = [r for r in known if r.code in chosen and rubric.get(r.code) is not None]
    meta = {r.code for r in META_RULES if rubric.get(r.code) is None} & chosen
    return Policy(Rubric(kept), known, meta, inline=inline, report_unused=report_unused)


def waivers_for(path: str, entries: Iterable[tuple[str, Sequence[str], str, str]],
                policy: Policy) -> list[Waiver]:
    """Config waivers ``(glob, codes, reason, origin)`` that apply to ``path``; globs are
    relative to the config file's folder given in ``origin``."""
    out: list[Waiver] = []
    target = Path(path).resolve()
    for pattern, codes, reason, origin in entries:
        base = Path(origin).resolve().parent
        try:
            rel = target.relative_to(base).as_posix()
        except ValueError:
            continue
        if not (fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern + "/*")
                or fnmatch.fnmatchcase(target.name, pattern)):
            continue
        resolved: set[str] = set()
        for token in codes:
            hit = resolve(policy.known, token, prefixes=False)
            if not hit:
                raise ConfigError(f"{origin}: ignores: unknown rule {token!r}")
            resolved |= {r.code for r in hit}
        out.append(Waiver(frozenset(resolved), reason, f"{origin} ({pattern})"))
    return out


def severity_of(kind: Literal["item", "finding"], status: str, rule_severity: Severity) -> Severity:
    """The severity a result is reported at: findings keep theirs; a missing item takes its
    rule's severity and a weak item is one step lower."""
    if kind == "finding" or status == "missing":
        return rule_severity
    return "warning" if rule_severity == "error" else "info"


def gate(run: RunReport, fail_on: FailOn | None = None, fail_under: int | None = None,
         exit_zero: bool = False, item_severity: dict[str, Severity] | None = None) -> ExitCode:
    """The exit code: 2 when a file could not be read (never hidden) or nothing was reviewed
    (no file, or none that looks like a DCR), else 1 when the gate
    fails (unless ``exit_zero``), else 0.

    Without ``fail_on`` and ``fail_under`` any blocking finding fails (the reviewer's default:
    an error such as a stale sign-off, an overdue condition, or a mistake raised to error);
    ``fail_on`` fails on a reported finding or unmet checklist item at or above that
    severity; ``fail_under`` on any file scoring below it."""
    if run.errors or run.nothing_reviewed():
        return ExitCode.USAGE
    read = [f for f in run.files if f.reviewed]
    failed = False
    if fail_under is not None:
        failed |= any(f.score < fail_under for f in read)
    if fail_on is None and fail_under is None:
        failed |= any(blocks(x) for f in read for x in f.findings)
    elif fail_on not in (None, "never"):
        floor = SEVERITY_RANK[fail_on]
        sev = item_severity or {}
        for f in read:
            levels = [x.severity for x in f.findings]
            levels += [severity_of("item", i.status, sev.get(i.code, "warning"))
                       for i in f.checklist if i.status != "pass"]
            failed |= any(SEVERITY_RANK[lv] >= floor for lv in levels)
    if failed and not exit_zero:
        return ExitCode.GATE_FAILED
    return ExitCode.OK


def meta_finding(code: str, line: int, detail: str, policy: Policy) -> Finding:
    """A suppression meta finding at ``line``."""
    rule = policy.rule(code) or next(r for r in META_RULES if r.code == code)
    return Finding(rule.code, rule.name, rule.severity, line, line, rule.message("fire", detail),
                   rule.suggestion)


def relpath(path: str) -> str:
    """``path`` relative to the working folder when it lies below it, else unchanged."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel
