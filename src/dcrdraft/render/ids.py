"""Identifiers such as ``FR-001`` that a renderer must keep on one line: a table column too
narrow for them would otherwise break them at the hyphen ("FR-" / "001")."""

from __future__ import annotations

import re

ID = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+(?![\w-])")
"""A risk or rule identifier: capital letters (and digits), a hyphen, digits (RAD-002,
FR-001, RISK-A-7); dates and plain words do not match."""


def id_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each marked True when it is an identifier."""
    out: list[tuple[str, bool]] = []
    end = 0
    for m in ID.finditer(text):
        if m.start() > end:
            out.append((text[end:m.start()], False))
        out.append((m.group(), True))
        end = m.end()
    if end < len(text):
        out.append((text[end:], False))
    return out
