"""What changed in one document between a base review and the current one: score delta,
checklist items newly missing, fixed or otherwise changed, findings introduced or resolved
(matched by code and message, then by code, so moved or reworded findings are not
counted as changes)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from dcrdraft.review.models import FileReport, Finding, ItemResult


@dataclass
class Changes:
    """The difference between ``base`` and ``head`` reviews of one file."""

    base_score: int
    score: int
    newly_missing: list[ItemResult] = field(default_factory=list)
    fixed: list[ItemResult] = field(default_factory=list)
    changed: list[tuple[str, str, ItemResult]] = field(default_factory=list)
    """Other status changes: ``(old status, new status, item)``."""
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)

    @property
    def delta(self) -> int:
        return self.score - self.base_score

    @property
    def empty(self) -> bool:
        return not (self.delta or self.newly_missing or self.fixed or self.changed
                    or self.introduced or self.resolved)


def _key(f: Finding) -> tuple[str, str]:
    return f.code, " ".join(f.message.split())


def _diff(a: list[Finding], b: list[Finding]) -> list[Finding]:
    """Findings of ``a`` with no counterpart in ``b``: exact (code, message) pairs match
    first, then leftovers of the same code (a finding whose detail changed is not new)."""
    exact = Counter(_key(f) for f in b)
    rest: list[Finding] = []
    for f in a:
        if exact[_key(f)]:
            exact[_key(f)] -= 1
        else:
            rest.append(f)
    by_code = Counter(code for (code, _), n in exact.items() for _ in range(n))
    out = []
    for f in rest:
        if by_code[f.code]:
            by_code[f.code] -= 1
        else:
            out.append(f)
    return out


def compare(base: FileReport, head: FileReport, waived: frozenset[str] = frozenset()
            ) -> Changes:
    """The changes from ``base`` to ``head``; ``waived`` items are not listed as changed."""
    ch = Changes(base.score, head.score)
    for item in head.checklist:
        if item.code in waived:
            continue
        old = base.item(item.code)
        before = old.status if old else "missing"
        if before == item.status:
            continue
        if item.status == "missing":
            ch.newly_missing.append(item)
        elif item.status == "pass":
            ch.fixed.append(item)
        else:
            ch.changed.append((before, item.status, item))
    ch.introduced = _diff(head.findings, base.findings)
    ch.resolved = _diff(base.findings, head.findings)
    return ch
