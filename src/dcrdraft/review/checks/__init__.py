"""The check types rules choose from, registered by name with the kind of rule they serve.

Item checks return a ``Verdict`` (pass/weak/missing with evidence); finding checks return
``Hit`` spans. Importing this package registers every check module below.
"""

from __future__ import annotations

from dcrdraft.review.checks.base import CHECKS, CheckSpec, Hit, Verdict
from dcrdraft.review.checks import evidence, conditions, metrics, segments, risks, signoff, decision, alerts, comparisons, prose_risks, operations, graded, failures, deadlines  # noqa: F401

__all__ = ["CHECKS", "CheckSpec", "Hit", "Verdict"]
