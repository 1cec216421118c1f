"""The commented starter inputs file written by ``dcrdraft init`` (and the TUI for new files)."""

from __future__ import annotations

from pathlib import Path


def starter_text() -> str:
    """The starter YAML; it validates as it is (every field but the name left empty)."""
    return (Path(__file__).parent / "starter.yaml").read_text(encoding="utf-8")
