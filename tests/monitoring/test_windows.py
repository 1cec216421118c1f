"""Windows as people write them become PromQL ranges; anything else is not guessed."""

from __future__ import annotations

import pytest

from dcrdraft.monitoring.windows import read_window


@pytest.mark.parametrize(("text", "promql"), [
    ("4-hour rolling", "4h"), ("7-day rolling", "7d"), ("over any 24 h", "24h"),
    ("weekly", "1w"), ("daily", "1d"), ("hourly", "1h"), ("monthly", "30d"),
    ("quarterly", "90d"), ("in any 2-hour window", "2h"), ("per day", "1d"),
    ("rolling week", "1w"), ("15 min", "15m"), ("every 30 minutes", "30m"),
    ("1.5 hours", "90m"), ("a 4 hour window", "4h"), ("4h", "4h"), ("one hour", "1h"),
    ("trailing 3 months", "90d"), ("30 s", "30s"), ("24-hour rolling", "24h"),
    ("over 2 days or 48 hours", "2d"),
])
def test_windows_people_write(text: str, promql: str) -> None:
    assert read_window(text) == promql


@pytest.mark.parametrize("text", [
    "per shift", "real-time", "per release", "last 500 conversations", "", "rolling",
    "0.5 s", "4 or 8 hours", "1 day to 2 days", "2-3 days",
])
def test_windows_not_read(text: str) -> None:
    assert read_window(text) is None
