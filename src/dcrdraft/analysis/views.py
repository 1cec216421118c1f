"""The value types of an analysis: the ``Analysis`` of an inputs file and the views it holds
(results, segment failures, risk levels, gaps, derivations), with no computation beyond
formatting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dcrdraft import figures as fmt
from dcrdraft.analysis import stats
from dcrdraft.inputs.model import Inputs, Risk, Segment


@dataclass(frozen=True)
class Gap:
    """Something the inputs do not say that the DCR needs, and which checklist items it blocks."""

    key: str
    """Where the gap shows in place: ``section.field`` (e.g. ``deployment.rollback_triggers``)."""
    what: str
    items: tuple[int, ...] = ()

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def needed_for(self) -> str:
        if not self.items:
            return ""
        if len(self.items) == 1:
            return f"checklist item {self.items[0]}"
        nums = sorted(self.items)
        if nums == list(range(nums[0], nums[-1] + 1)):
            return f"checklist items {nums[0]}–{nums[-1]}"
        return "checklist items " + ", ".join(str(i) for i in nums)

    @property
    def text(self) -> str:
        suffix = f" — needed for {self.needed_for}" if self.items else ""
        return f"Gap: {self.what}{suffix}"


@dataclass(frozen=True)
class Derivation:
    """A computed figure and how it was obtained (for the appendix)."""

    figure: str
    how: str


@dataclass
class ResultView:
    dataset: str
    value: float
    n: int | None
    ci: tuple[float, float] | None
    ci_source: str | None  # "computed" (Wilson, from n) or "reported"
    status: stats.Status | None
    delta: float | None

    @property
    def ci_text(self) -> str | None:
        if self.ci is None:
            return None
        low, high = self.ci
        if self.ci_source == "reported":
            return f"95% CI [{fmt.pct(low)}, {fmt.pct(high)}] (reported)"
        return f"95% CI [{fmt.pct1(low)}, {fmt.pct1(high)}] (computed, Wilson)"


@dataclass
class SegmentFailure:
    segment: str
    metric: str
    value: float
    threshold: float
    higher_is_better: bool
    covered_by: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        rel = "below" if self.higher_is_better else "above"
        return (
            f"{self.segment}: {self.metric} {fmt.pct(self.value)}, {rel} the "
            f"{fmt.pct(self.threshold)} threshold"
        )


@dataclass
class SegmentColumn:
    key: str
    metric: str | None  # the metric whose threshold applies, when one matches
    threshold: float | None
    higher_is_better: bool


@dataclass
class RiskView:
    risk: Risk
    label: str  # "RAD-001" or "Risk 3"
    level: str | None
    score: int
    missing: list[str]


@dataclass
class Analysis:
    inputs: Inputs
    primary: list[ResultView]
    primary_status: stats.Status | None
    columns: list[SegmentColumn]
    failures: list[SegmentFailure]
    risks: list[RiskView]
    gaps: list[Gap]
    derivations: list[Derivation]

    def gaps_at(self, prefix: str) -> list[Gap]:
        """Gaps whose key is ``prefix`` or lies under it, for showing in place."""
        return [g for g in self.gaps if g.key == prefix or g.key.startswith(prefix + ".")]

    @property
    def gaps_phrase(self) -> str:
        """"1 open gap", "18 open gaps" or "no open gaps", for messages."""
        n = len(self.gaps)
        return "no open gaps" if n == 0 else f"{n} open gap{'s' if n != 1 else ''}"

    @property
    def uncovered_failures(self) -> list[SegmentFailure]:
        return [f for f in self.failures if not f.covered_by]

    @property
    def top_risks(self) -> list[RiskView]:
        ranked = sorted(self.risks, key=lambda r: -r.score)
        return ranked[:5]

    failing_cells: set[tuple[str, str]] = field(default_factory=set)
    """(segment name, column key) of every cell that misses its threshold."""

    def cell_below(self, segment: Segment, key: str) -> bool:
        return (segment.name, key) in self.failing_cells
