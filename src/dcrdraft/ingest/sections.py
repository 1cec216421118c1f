"""Recognise which DCR section each heading is (placeholder until the rubric lands)."""

from __future__ import annotations

from ..document import Document, SectionKind


def classify_heading(title: str) -> SectionKind | None:
    """The section kind a heading names, if any."""
    return None


def classify_text(text: str) -> SectionKind | None:
    """The section kind a passage's content suggests, if any."""
    return None


def recognise(doc: Document) -> Document:
    """Set ``Section.kind`` on every section of ``doc`` and return it."""
    return doc
