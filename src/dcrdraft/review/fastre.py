"""Compiled patterns that answer "no match" cheaply: each knows literals one of which every
match must contain, and rejects a text lacking them with one case-sensitive scan instead of
running the full (often case-insensitive, many-branch) pattern; ``search`` also remembers its
recent answers, since several checks ask the same pattern about the same sentence.

The literals come from the pattern's own parse tree, so the prefilter is exact: it only ever
skips texts on which the pattern cannot match (``tests/review/test_speed_equivalence.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]
from typing import Any, cast

Literals = frozenset[str]

_CASED_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
"""The only non-ASCII characters that match an ASCII letter case-insensitively (İ ı ſ K);
a text holding one is searched in full, since ``str.lower`` does not map them to it."""
_MEMO_SIZE = 4096
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)}
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)


def _caseless(code: int) -> bool:
    """A character with no case (``≤``, ``✓``): ignoring case, it matches only itself."""
    char = chr(code)
    return char.lower() == char == char.upper()


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective of two requirements: longer shortest literal, then fewer."""
    if not b:
        return a
    if not a:
        return b
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if kb > ka else a


def _required(items: Any, folded: bool) -> Literals | None:
    """Literals one of which every match of the parsed sequence ``items`` contains (lower
    case when ``folded``); None when nothing is certain."""
    best: Literals | None = None
    run: list[str] = []
    for op, av in items:
        if op is _C.LITERAL and (not folded or av < 128 or _caseless(av)):
            run.append(chr(av).lower() if folded else chr(av))
            continue
        if run:
            best, run = _better(best, frozenset({"".join(run)})), []
        if op is _C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                best = _better(best, _required(sub.data, folded))
        elif op is _C.BRANCH:
            alts = [_required(alt.data, folded) for alt in av[1]]
            if alts and all(alts):
                best = _better(best, frozenset().union(*alts))  # type: ignore[arg-type]
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                best = _better(best, _required(sub.data, folded))
        elif _ATOMIC is not None and op is _ATOMIC:
            best = _better(best, _required(av.data, folded))
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


def required_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Literals one of which every match of ``pattern`` contains; lower case when the
    pattern ignores case (then compare against the lower-cased text)."""
    parsed = _P.parse(pattern, flags)
    folded = bool(parsed.state.flags & re.IGNORECASE)
    lits = _required(parsed.data, folded)
    if not lits:
        return None
    # A literal containing another one adds nothing: the shorter one is present too.
    return frozenset(s for s in lits if not any(o != s and o in s for o in lits))


class FastPattern:
    """A drop-in for a compiled ``re.Pattern`` with the prefilter and memo described above."""

    __slots__ = ("re", "pattern", "flags", "groups", "groupindex", "_lits", "_folded", "_memo")

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.re = compiled
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        lits = required_literals(compiled.pattern, compiled.flags)
        self._lits = re.compile("|".join(map(re.escape, sorted(lits)))) if lits else None
        self._folded = bool(compiled.flags & re.IGNORECASE)
        self._memo: dict[str, re.Match[str] | None] = {}

    def cannot_match(self, text: str) -> bool:
        """True when no match is possible because no required literal occurs in ``text``."""
        lits = self._lits
        if lits is None:
            return False
        if self._folded:
            if not text.isascii() and _CASED_TO_ASCII.search(text):
                return False
            text = text.lower()
        return lits.search(text) is None

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        if args:
            return self.re.search(string, *args)
        memo = self._memo
        try:
            return memo[string]
        except KeyError:
            pass
        found = None if self.cannot_match(string) else self.re.search(string)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[string] = found
        return found

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        if not args and self.cannot_match(string):
            return None
        return self.re.match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        if not args and self.cannot_match(string):
            return None
        return self.re.fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        if not args and self.cannot_match(string):
            return iter(())
        return self.re.finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        if not args and self.cannot_match(string):
            return []
        return self.re.findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        if self.cannot_match(string):
            return string
        return self.re.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        return self.re.split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.re, name)

    def __repr__(self) -> str:
        return f"fast({self.re!r})"


@lru_cache(maxsize=1024)
def fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` with the literal prefilter (typed as a Pattern, which it
    stands in for)."""
    return cast("re.Pattern[str]", FastPattern(re.compile(pattern, flags)))


def fast_compiled(compiled: re.Pattern[str]) -> re.Pattern[str]:
    """An already compiled pattern with the literal prefilter."""
    if isinstance(compiled, FastPattern):
        return compiled  # type: ignore[unreachable]
    return fast(compiled.pattern, compiled.flags)
