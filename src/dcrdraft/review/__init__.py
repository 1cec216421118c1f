"""The reviewer: judge a DCR against the 20-item checklist, the five common mistakes and
extra consistency checks, with rules read from ``rubrics/*.yaml``.

    review_document(doc, rubric=None) -> FileReport
    review_path(path, rubric=None) -> FileReport          (read errors land in .error)
    review_paths(paths, jobs=1, extra_rubrics=(), progress=None) -> RunReport
    load_rubric(extra=()) -> Rubric
"""

from __future__ import annotations

from dcrdraft.review.api import expand, review_path, review_paths
from dcrdraft.review.engine import review_document
from dcrdraft.review.models import (SCHEMA_VERSION, FileReport, Finding, ItemResult, ItemStatus,
                     Recommendation, RunReport, Severity, Summary)
from dcrdraft.review.rubric import Rubric, Rule, load_rubric

__all__ = [
    "SCHEMA_VERSION", "FileReport", "Finding", "ItemResult", "ItemStatus", "Recommendation",
    "Rubric", "Rule", "RunReport", "Severity", "Summary", "expand", "load_rubric",
    "review_document", "review_path", "review_paths",
]
