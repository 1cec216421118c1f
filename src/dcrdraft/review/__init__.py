"""The reviewer: judge a DCR against the 20-item checklist, the five common mistakes and
extra consistency checks, with rules read from ``rubrics/*.yaml``.

    review_document(doc, rubric=None) -> FileReport
    review_path(path, rubric=None) -> FileReport          (read errors land in .error)
    review_paths(paths, jobs=1, extra_rubrics=(), progress=None) -> RunReport
    load_rubric(extra=()) -> Rubric

The names load on first use (PEP 562), so importing a submodule such as ``regexcache``
compiles no pattern: the pattern cache is installed before the checks are imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dcrdraft.review.api import expand, review_path, review_paths
    from dcrdraft.review.engine import review_document
    from dcrdraft.review.models import (SCHEMA_VERSION, FileReport, Finding, ItemResult,
                                        ItemStatus, Recommendation, RunReport, Severity, Summary)
    from dcrdraft.review.rubric import Rubric, Rule, load_rubric

_HOME = {
    "expand": "api", "review_path": "api", "review_paths": "api",
    "review_document": "engine",
    "SCHEMA_VERSION": "models", "FileReport": "models", "Finding": "models",
    "ItemResult": "models", "ItemStatus": "models", "Recommendation": "models",
    "RunReport": "models", "Severity": "models", "Summary": "models",
    "Rubric": "rubric", "Rule": "rubric", "load_rubric": "rubric",
}
"""Each public name and the submodule that defines it."""

__all__ = [
    "SCHEMA_VERSION", "FileReport", "Finding", "ItemResult", "ItemStatus", "Recommendation",
    "Rubric", "Rule", "RunReport", "Severity", "Summary", "expand", "load_rubric",
    "review_document", "review_path", "review_paths",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
