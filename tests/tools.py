"""External programs some tests drive for real (``promtool``, ``chromium``): found on PATH,
else the test fails in CI (``CI=true``, where ``.ci/run`` installs them) and is skipped loudly
elsewhere."""

from __future__ import annotations

import os
import shutil
import warnings

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(*names: str) -> str:
    """The path of the first of ``names`` installed; fail in CI, skip loudly outside it."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    what = " or ".join(names)
    if IN_CI:
        pytest.fail(f"{what} is not installed: CI must install it (.ci/run does)")
    warnings.warn(f"{what} is not installed: the tests that need it are SKIPPED", stacklevel=2)
    pytest.skip(f"{what} is not installed (in CI this fails)")
