"""External programs some tests drive for real (``promtool``, ``chromium``): found on PATH,
else the test fails in CI (``CI=true``, where ``.ci/run`` installs them) and is skipped loudly
elsewhere. Also the call counter the linear-scaling tests measure work with."""

from __future__ import annotations

import os
import shutil
import sys
import warnings
from collections.abc import Callable
from typing import Any

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


def count_calls(fn: Callable[..., Any], *args: Any) -> int:
    """Python function calls made by ``fn(*args)``: a measure of work that, unlike time, is
    the same on a loaded machine, so scaling tests never flake under load."""
    count = [0]

    def tracer(frame: object, event: str, arg: object) -> None:
        if event == "call":
            count[0] += 1

    sys.setprofile(tracer)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return count[0]
