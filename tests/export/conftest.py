"""Golden files of the export formats live in tests/export/golden (UPDATE_GOLDEN=1 rewrites)."""

from __future__ import annotations

from pathlib import Path

from ..conftest import check_golden

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_export_golden(name: str, actual: str) -> None:
    check_golden(name, actual, GOLDEN)
