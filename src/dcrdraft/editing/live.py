"""Review an inputs file as it is edited: draft it with the template engine (plus any parts an
LLM supplied), read the draft back and run the reviewer, all in one call a worker can make."""

from __future__ import annotations

from dataclasses import dataclass

from dcrdraft.analysis.core import Analysis, analyse
from dcrdraft.draft import DraftParts, render_markdown
from dcrdraft.ingest import read_text
from dcrdraft.inputs.model import Inputs
from dcrdraft.review import review_document
from dcrdraft.review.models import FileReport


@dataclass
class LiveReview:
    """One review of the inputs being edited: the report, the draft it judged and its analysis."""

    report: FileReport
    markdown: str
    analysis: Analysis
    generation: int = 0
    """The edit counter the review was started for (newer edits make it stale)."""


def review_inputs(inputs: Inputs, path: str = "<inputs>", parts: DraftParts | None = None,
                  generation: int = 0) -> LiveReview:
    """Draft ``inputs`` and review the draft, as ``dcrdraft review`` would judge it."""
    analysis = analyse(inputs)
    markdown = render_markdown(analysis, parts)
    report = review_document(read_text(markdown, path, "markdown"))
    return LiveReview(report, markdown, analysis, generation)
