"""Types: mypy strict (configured in pyproject.toml) passes on the package, STYLE.md #6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_strict_is_clean() -> None:
    pytest.importorskip("mypy")
    # From the repository root so mypy reads [tool.mypy] and reuses its .mypy_cache.
    out = subprocess.run([sys.executable, "-m", "mypy", "src/dcrdraft"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
