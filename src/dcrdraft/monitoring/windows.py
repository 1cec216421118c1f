"""Windows as people write them ("4-hour rolling", "over any 24 h", "weekly") read as PromQL
range durations (``4h``, ``24h``, ``1w``); a window that names no duration, or two different
ones, is not read at all rather than guessed.
"""

from __future__ import annotations

import re

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "twenty-four": 24, "thirty": 30, "sixty": 60, "ninety": 90,
}
_MINUTES = {"s": 1 / 60, "m": 1, "h": 60, "d": 1440, "w": 10080}
_UNIT_OF = {
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
}
_LONG_UNITS = {"month": 30, "months": 30, "quarter": 90, "quarters": 90, "year": 365,
               "years": 365}
"""Calendar units as days: a month is read as 30 days, a quarter as 90, a year as 365."""
_ADVERBS = {"hourly": "1h", "daily": "1d", "nightly": "1d", "weekly": "1w",
            "fortnightly": "2w", "biweekly": "2w", "monthly": "30d", "quarterly": "90d",
            "yearly": "365d", "annually": "365d"}

_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_UNIT = "|".join(sorted([*_UNIT_OF, *_LONG_UNITS], key=len, reverse=True))
_SPAN_RE = re.compile(
    rf"(?<![\w.])(?:(?P<n>{_NUMBER})[\s-]*)?(?P<u>{_UNIT})\b(?!-)"
    rf"|\b(?P<adv>{'|'.join(_ADVERBS)})\b", re.I)
_BARE_UNIT_OK = re.compile(r"\b(?:per|every|each|a|an|one|the|rolling|trailing|sliding|last|"
                           r"past|calendar|any|single)\s*$", re.I)
"""Words that make a unit without a number mean one of it ("per day", "rolling week")."""


_RANGE_RE = re.compile(rf"\b(?:{_NUMBER})\s*(?:or|to|-|–|and)\s*(?:{_NUMBER})[\s-]*(?:{_UNIT})\b",
                       re.I)
"""Two counts sharing one unit ("4 or 8 hours", "2-3 days"): no one window."""


def _minutes(n: float, unit: str) -> float:
    if unit in _LONG_UNITS:
        return n * _LONG_UNITS[unit] * 1440
    return n * _MINUTES[_UNIT_OF[unit]]


def duration(minutes: float) -> str | None:
    """``minutes`` as the PromQL duration with the largest whole unit (None below 1 s)."""
    seconds = round(minutes * 60, 6)
    if seconds < 1 or seconds != int(seconds):
        return None
    seconds = int(seconds)
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return None  # unreachable: every whole number of seconds divides by 1


def spans(text: str) -> list[tuple[float, str | None]]:
    """Every duration ``text`` names, in order: minutes, and the PromQL duration in the unit
    written when the count is whole ("24-hour" -> ``24h``, not ``1d``)."""
    out: list[tuple[float, str | None]] = []
    for m in _SPAN_RE.finditer(text):
        if m.group("adv"):
            written = _ADVERBS[m.group("adv").lower()]
            out.append((parse_duration(written) or 0.0, written))
            continue
        unit = m.group("u").lower()
        raw = m.group("n")
        if raw is None:
            # A lone "m", "s" or "d" is a letter, not a unit; "per day" is one day.
            if len(unit) < 3 or not _BARE_UNIT_OK.search(text[: m.start()]):
                continue
            n = 1.0
        else:
            n = float(_WORD_NUMBERS.get(raw.lower(), 0) or raw) if not raw[0].isdigit() \
                else float(raw)
        if n > 0:
            short = _UNIT_OF.get(unit)
            same = f"{int(n)}{short}" if short and n == int(n) else None
            out.append((_minutes(n, unit), same))
    return out


def parse_duration(text: str) -> float | None:
    """A PromQL duration (``4h``, ``30d``) in minutes."""
    m = re.fullmatch(r"(\d+)([smhdw])", text)
    return int(m.group(1)) * _MINUTES[m.group(2)] if m else None


def read_window(text: str) -> str | None:
    """The one duration ``text`` names as a PromQL range, or None when it names none, names
    two different ones, or one shorter than a second."""
    if _RANGE_RE.search(text):
        return None
    found = spans(text)
    if len({round(minutes, 6) for minutes, _ in found}) != 1:
        return None
    minutes, written = found[0]
    return written if minutes >= 1 / 60 and written else duration(minutes)
