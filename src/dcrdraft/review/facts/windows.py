"""Windows of one sentence that a pattern may match in. Each figure of a sentence asks a few
patterns about the words just before and after it; a window can hold a match only if it holds
one of the literals every match contains (``fastre.required_literals``), so the sentence is
scanned for those literals once and a pattern is run only on the windows that hold one."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

from dcrdraft.review.fastre import haystack, required_literals, trie_pattern


@lru_cache(maxsize=256)
def _scanner(pattern: str, flags: int) -> tuple[re.Pattern[str] | None, bool]:
    """A scanner finding every occurrence of the pattern's required literals (None when the
    pattern has none), and whether they are lower case. No literal of the set contains
    another, so at most one starts at any position and a look-ahead finds them all."""
    folded = bool(re.compile(pattern, flags).flags & re.IGNORECASE)
    lits = required_literals(pattern, flags)
    if not lits:
        return None, folded
    return re.compile(f"(?=({trie_pattern(lits)}))"), folded


class Windows:
    """One pattern over one sentence: ``search(a, b)`` is ``pattern.search(text[a:b])``, run
    only when the window holds a required literal."""

    __slots__ = ("pattern", "text", "_starts", "_ends")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.pattern = pattern
        self.text = text
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        scanner, folded = _scanner(pattern.pattern, pattern.flags)
        hay = haystack(text, folded) if scanner is not None else None
        if scanner is not None and hay is not None:
            self._starts = []
            for m in scanner.finditer(hay):
                self._starts.append(m.start())
                self._ends.append(m.start() + len(m.group(1)))

    def holds(self, a: int, b: int) -> bool:
        """Whether ``text[a:b]`` holds a required literal (True when none can be told)."""
        starts = self._starts
        if starts is None:
            return True
        if not starts:
            return False
        a, b = max(a, 0), min(b, len(self.text))
        i = bisect_left(starts, a)
        while i < len(starts) and starts[i] < b:
            if self._ends[i] <= b:
                return True
            i += 1
        return False

    def search(self, a: int, b: int) -> re.Match[str] | None:
        a = max(a, 0)
        return self.pattern.search(self.text[a:b]) if self.holds(a, b) else None

    def match(self, a: int, b: int) -> re.Match[str] | None:
        a = max(a, 0)
        return self.pattern.match(self.text[a:b]) if self.holds(a, b) else None


class Cover:
    """Whether a position lies inside any of some spans (which may overlap), by bisection."""

    __slots__ = ("_starts", "_reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _b in ordered]
        self._reach = list(accumulate((b for _a, b in ordered), max))
        """The furthest end of the spans starting at or before each one."""

    def __contains__(self, i: int) -> bool:
        k = bisect_right(self._starts, i)
        return k > 0 and self._reach[k - 1] > i


class Asides:
    """Spans that do not overlap (asides in parentheses), and how much of a range they fill."""

    __slots__ = ("_starts", "_ends", "_filled")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [a for a, _b in spans]
        self._ends = [b for _a, b in spans]
        self._filled = [0, *accumulate(b - a for a, b in spans)]

    def _before(self, p: int) -> int:
        k = bisect_right(self._ends, p)
        inside = p - self._starts[k] if k < len(self._starts) and self._starts[k] < p else 0
        return self._filled[k] + inside

    def filled(self, a: int, b: int) -> int:
        """Characters of ``[a, b)`` inside a span."""
        return self._before(b) - self._before(a) if b > a else 0
