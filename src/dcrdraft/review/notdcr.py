"""Whether a document is a DCR at all: a file with (almost) none of a DCR's sections and
checklist signals, whose paragraphs, items and rows are mostly references (links, file names, commit hashes,
version entries), is a source list or a changelog, reported as such instead of scored.

The test is conservative: any second DCR section, or a second checklist item that passes,
makes a document DCR-like, so thin model cards and transparency notes are still reviewed.
"""

from __future__ import annotations

import re

from dcrdraft.ingest.document import Document
from dcrdraft.review.models import ItemResult

_REFERENCE = re.compile(
    r"https?://|www\.|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b"
    r"|\b[\w-]+\.(?:md|markdown|txt|py|json|ya?ml|html?|pdf|docx|toml|cfg|ini|js|ts|go|rs)\b"
    r"|^\W*\[?v?\d+\.\d+\.\d+\]?(?!\.\d)"
    r"|^\W*(?:added|fixed|changed|removed|deprecated|security|bump(?:ed)?|merged?)\b", re.I)
"""A line that points elsewhere or records a change rather than stating anything."""

MAX_SECTIONS = 1
"""Recognised DCR section kinds a non-DCR may have (a "Sources" or "Summary" heading)."""
MAX_PASSES = 1
"""Checklist items a non-DCR may pass by accident."""
REFERENCE_SHARE = 0.5
"""Share of paragraphs, list items and table rows that must be references."""
MIN_PIECES = 5
"""A shorter document is judged as a (thin) DCR: too little to tell what it is."""


def not_a_dcr(doc: Document, items: list[ItemResult]) -> str | None:
    """Why ``doc`` is not a DCR, or None when it looks like one (see the module doc)."""
    kinds = {s.kind for s in doc.sections() if s.kind}
    passes = sum(i.status == "pass" for i in items)
    if len(kinds) > MAX_SECTIONS or passes > MAX_PASSES:
        return None
    pieces: list[str] = []
    for block in doc.blocks():
        if block.kind == "table" and block.rows:
            pieces += [" | ".join(row) for row in block.rows[1:]]
        elif block.text.strip():
            pieces.append(block.text)
    if len(pieces) < MIN_PIECES:
        return None
    refs = sum(1 for p in pieces if _REFERENCE.search(p))
    if refs < REFERENCE_SHARE * len(pieces):
        return None
    return (f"not a DCR: {refs} of {len(pieces)} paragraphs, items and rows are references or "
            f"change entries, with {len(kinds)} DCR section(s) and {passes} checklist item(s) met")
