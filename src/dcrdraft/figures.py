"""How figures are written in a draft and read back from text: one place, so the honesty
check, the templates and sign-off hashes agree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation


def _trim(number: float, decimals: int) -> str:
    text = f"{number:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pct(fraction: float) -> str:
    """An input rate as written: 0.89 → 89%, 0.023 → 2.3% (at most two decimals)."""
    return f"{_trim(fraction * 100, 2)}%"


def pct1(fraction: float) -> str:
    """A computed rate to one decimal: 0.8612 → 86.1%."""
    return f"{fraction * 100:.1f}%"


def points(delta: float) -> str:
    """A signed difference in percentage points: +13 points, -2.5 points."""
    text = _trim(abs(delta), 2)
    sign = "+" if delta > 0 else ("-" if delta < 0 else "±")
    unit = "point" if text == "1" else "points"
    return f"{sign}{text} {unit}"


def count(n: int) -> str:
    """A sample size with thousands separators: 2100 → 2,100."""
    return f"{n:,}"


def figure(value: float | str) -> str:
    """A rate as a percentage, anything else (a figure with units) as written."""
    return pct(value) if isinstance(value, float) else value


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")


def canonical(token: str) -> str:
    """A number token in one spelling: no sign, no thousands separators, no trailing zeros."""
    raw = token.replace(",", "").lstrip("+-")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return raw
    text = format(value.normalize(), "f")
    return text


def numbers_in(text: str) -> Iterator[str]:
    """Canonical numbers of a text; ISO dates are yielded whole, not as three numbers."""
    for date in ISO_DATE.findall(text):
        yield date
    for m in NUMBER.finditer(ISO_DATE.sub(" ", text)):
        yield canonical(m.group(0))
