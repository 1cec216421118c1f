"""Today's date for everything that depends on it (sign-off dates, overdue conditions, the
results cache); ``DCRDRAFT_TODAY`` fixes it for tests and CI. Kept free of heavy imports so
the review path can ask for it."""

from __future__ import annotations

import datetime as dt
import os

from dcrdraft.errors import ConfigError


def today() -> dt.date:
    """Today's date, or ``DCRDRAFT_TODAY`` (ISO) when set."""
    fixed = os.environ.get("DCRDRAFT_TODAY")
    if not fixed:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(fixed.strip())
    except ValueError:
        raise ConfigError(f"DCRDRAFT_TODAY={fixed!r} is not an ISO date (YYYY-MM-DD)") from None
