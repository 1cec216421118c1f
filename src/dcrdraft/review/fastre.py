"""Compiled patterns that answer "no match" cheaply: each knows literals one of which every
match must contain, and rejects a text lacking them with one case-sensitive scan instead of
running the full (often case-insensitive, many-branch) pattern; ``search`` also remembers its
recent answers, since several checks ask the same pattern about the same sentence.

The literals come from the pattern's own parse tree, so the prefilter is exact: it only ever
skips texts on which the pattern cannot match (``tests/review/test_speed_equivalence.py``).
Deriving them costs about a millisecond, so a pattern gets its prefilter only once it has been
used ``_WARMUP`` times: a one-document run costs what plain ``re`` costs, a batch gains. The
scanners derived are kept between runs (``regexcache``), so a pattern derived by an earlier
run has its prefilter from its first use.

A text of ``LINEAR_MIN`` characters or more is first searched by the pattern's RE2 twin
(``review.linear``), whose time is linear in the text's length: its "no match" is final and its
leftmost start is where ``re`` resumes, so no text can make a check backtrack for minutes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]
from typing import Any, cast

from dcrdraft.review.linear import Twin, twin
from dcrdraft.review.regexcache import saved_literals
from dcrdraft.review.scanners import Find, finder

Literals = frozenset[str]

_CASED_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
"""The only non-ASCII characters that match an ASCII letter case-insensitively (İ ı ſ K);
a text holding one is searched in full, since ``str.lower`` does not map them to it."""
_MEMO_SIZE = 4096
_FILLED: list[FastPattern] = []
"""Patterns whose memo holds answers about the document under review: a memo serves one
document only, and the next document empties these (not every pattern's) before it starts."""
_UNSEEN = object()
_WARMUP = 128
_LOWERED: dict[str, str | None] = {}
"""Each text's lower-case form for the case-insensitive prefilters (None when a literal scan
cannot be trusted there): every pattern asks about the same sentences, and lowering a
sentence once per pattern was ~10% of the prefilter's cost."""
LINEAR_MIN = 256
"""Texts this long or longer go through the RE2 twin first; shorter ones cannot make ``re``
backtrack long, and plain ``re`` is faster on them (bench/hostile_speed.py measures both)."""
HEAVY_PATTERN = 300
"""Patterns this long (many-branch alternations) go through the twin on every text: RE2's
automaton answers them several times faster than ``re`` even on a short sentence."""
TWIN_WARMUP = 24
"""Short texts a heavy pattern reads with ``re`` before its twin is compiled for them:
compiling a twin (~0.5 ms) costs what ~30 short searches save, and a one-document run
compiled ~80 twins, a fifth of its review time, for patterns that read a few sentences."""
_MAX_STRINGS = 64
_REPEATS = {_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)}
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)


def _caseless(code: int) -> bool:
    """A character with no case (``≤``, ``✓``): ignoring case, it matches only itself."""
    char = chr(code)
    return char.lower() == char == char.upper()


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective of two requirements: longer shortest literal, then fewer."""
    if not b or "" in b:
        return a
    if not a:
        return b
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if kb > ka else a


def _product(parts: list[Literals]) -> Literals | None:
    """Every concatenation of one string from each part (None past ``_MAX_STRINGS``)."""
    out: Literals = frozenset({""})
    for part in parts:
        if len(out) * len(part) > _MAX_STRINGS:
            return None
        out = frozenset(a + b for a in out for b in part)
    return out


def _char(code: int, folded: bool) -> str | None:
    if folded and code >= 128 and not _caseless(code):
        return None
    return chr(code).lower() if folded else chr(code)


def _strings(op: Any, av: Any, folded: bool) -> Literals | None:
    """The exact, small set of strings one parsed item can match; None when not small."""
    if op is _C.LITERAL:
        c = _char(av, folded)
        return None if c is None else frozenset({c})
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return frozenset({""})  # zero-width: consumes nothing
    if op is _C.IN:
        chars: set[str] = set()
        for kind, value in av:
            codes = [value] if kind is _C.LITERAL else \
                range(value[0], value[1] + 1) if kind is _C.RANGE and \
                value[1] - value[0] < 8 else None
            if codes is None:
                return None
            for code in codes:
                c = _char(code, folded)
                if c is None:
                    return None
                chars.add(c)
        return frozenset(chars)
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _seq_strings(sub.data, folded)
    if op is _C.BRANCH:
        alts = [_seq_strings(alt.data, folded) for alt in av[1]]
        if any(a is None for a in alts):
            return None
        union = frozenset().union(*alts)  # type: ignore[arg-type]
        return union if len(union) <= _MAX_STRINGS else None
    if op in _REPEATS:
        low, high, sub = av
        one = _seq_strings(sub.data, folded)
        if one is None or high > 3:
            return None
        out: set[str] = set()
        for k in range(low, high + 1):
            got = _product([one] * k)
            if got is None:
                return None
            out |= got
        return frozenset(out) if len(out) <= _MAX_STRINGS else None
    return None


def _seq_strings(items: Any, folded: bool) -> Literals | None:
    parts = []
    for op, av in items:
        got = _strings(op, av, folded)
        if got is None:
            return None
        parts.append(got)
    return _product(parts)


def _required(items: Any, folded: bool) -> Literals | None:
    """Strings one of which every match of the parsed sequence ``items`` contains (lower
    case when ``folded``); None when nothing is certain. Runs of items with a small exact
    set of matches contribute that set; other items contribute what they require."""
    best: Literals | None = None
    run: list[Literals] = []
    for op, av in items:
        got = _strings(op, av, folded)
        if got is not None:
            run.append(got)
            continue
        if run:
            best, run = _better(best, _product(run)), []
        if op is _C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                best = _better(best, _required(sub.data, folded))
        elif op is _C.BRANCH:
            alts = [_required(alt.data, folded) for alt in av[1]]
            if alts and all(a and "" not in a for a in alts):
                best = _better(best, frozenset().union(*alts))  # type: ignore[arg-type]
        elif op in _REPEATS:
            low, _high, sub = av
            if low >= 1:
                best = _better(best, _required(sub.data, folded))
        elif _ATOMIC is not None and op is _ATOMIC:
            best = _better(best, _required(av.data, folded))
    if run:
        best = _better(best, _product(run))
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


def haystack(text: str, folded: bool) -> str | None:
    """The text to look for a pattern's required literals in (lower case when the pattern
    ignores case), position for position; None when a literal scan cannot be trusted there
    (a character that matches an ASCII letter ignoring case, or one that lowers to two)."""
    if not folded:
        return text
    if not text.isascii() and _CASED_TO_ASCII.search(text):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


LITERALS: dict[tuple[str, int], str | None] = {}
"""Each prepared pattern's literal scanner source (None: no literal is certain), by (pattern,
flags), derived in this process or loaded from an earlier run's (``regexcache`` keeps them)."""
_saved_loaded = [False]


def _scanners() -> dict[tuple[str, int], str | None]:
    """``LITERALS``, with an earlier run's scanners added on first use."""
    if not _saved_loaded[0]:
        _saved_loaded[0] = True
        for key, value in saved_literals().items():
            LITERALS.setdefault(key, value)
    return LITERALS


_USED: list[FastPattern] = []
"""Patterns used in this process, in order of first use."""


def derive_used() -> None:
    """Derive the literal scanner of every pattern used in this process that has none yet,
    for ``regexcache`` to keep: the next run then prefilters from each pattern's first use."""
    for p in _USED:
        scanner_source(p.re.pattern, p.re.flags)


def known(pattern: str, flags: int) -> bool:
    """Whether the literal scanner of ``pattern`` is known without deriving it."""
    return (pattern, int(flags)) in _scanners()


def scanner_source(pattern: str, flags: int) -> str | None:
    """The source of the literal scanner of ``pattern`` (None when no literal is certain):
    known, or derived from its parse tree and remembered."""
    table, key = _scanners(), (pattern, int(flags))
    if key not in table:
        lits = required_literals(pattern, flags)
        table[key] = trie_pattern(lits) if lits else None
    return table[key]


def _lowered(text: str) -> str | None:
    """``text`` in lower case for a literal scan, remembered for this document; None when a
    character in it matches an ASCII letter ignoring case (İ ı ſ K)."""
    low = None if not text.isascii() and _CASED_TO_ASCII.search(text) else text.lower()
    if len(_LOWERED) >= _MEMO_SIZE:
        _LOWERED.clear()
    _LOWERED[text] = low
    return low


def trie_pattern(words: Literals) -> str:
    """One regex matching any of ``words``, nested by shared prefixes (``a(?:greed|udited)``):
    at each position the engine tests one branch per distinct next character, not a word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(c) + build(node[c]) for c in sorted(node) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class FastPattern:
    """A drop-in for a compiled ``re.Pattern`` with the prefilter and memo described above."""

    __slots__ = ("re", "pattern", "flags", "groups", "groupindex", "_lits", "_folded", "_memo",
                 "_calls", "_twin", "_short", "_heavy")

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.re = compiled
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        self._lits: Find | None | bool = False
        """The literal scan (``scanners``); False until prepared (after ``_WARMUP`` uses),
        None if no literal is certain."""
        self._folded = bool(compiled.flags & re.IGNORECASE)
        self._memo: dict[str, re.Match[str] | None] = {}
        self._calls = 0
        self._twin: Twin | None | bool = False
        """The RE2 twin; False until first needed, None when RE2 cannot express it."""
        self._short = 0
        """Short texts this (heavy) pattern has read while it had no twin."""
        self._heavy = len(self.pattern) >= HEAVY_PATTERN

    def _prepare(self) -> Find | None:
        source = scanner_source(self.re.pattern, self.re.flags)
        self._lits = finder(source) if source is not None else None
        return self._lits

    def cannot_match(self, text: str) -> bool:
        """True when no match is possible because no required literal occurs in ``text``."""
        lits = self._lits
        if lits is False:
            self._calls += 1
            if self._calls == 1:
                _USED.append(self)
            # Deriving literals costs ~1 ms: busy patterns only, unless already known.
            if self._calls < _WARMUP and (self._calls > 1 or
                                          not known(self.re.pattern, self.re.flags)):
                return False
            lits = self._prepare()
        if lits is None:
            return False
        if self._folded:
            low = _LOWERED.get(text, _UNSEEN)
            if low is _UNSEEN:
                low = _lowered(text)
            if low is None:
                return False
            text = low  # type: ignore[assignment]
        return lits(text) is None  # type: ignore[operator]

    def linear(self, text: str) -> Twin | None:
        """The RE2 twin to search ``text`` with first: for long texts, when there is one."""
        found = self._twin
        if len(text) < LINEAR_MIN and (not self._heavy or found is False and self._warming()):
            return None
        if found is False:
            found = self._twin = twin(self.re.pattern, self.re.flags)
        return found  # type: ignore[return-value]

    def _warming(self) -> bool:
        """Whether a heavy pattern without a twin still reads short texts with ``re``."""
        self._short += 1
        return self._short <= TWIN_WARMUP

    def _search(self, text: str) -> re.Match[str] | None:
        rx = self.linear(text)
        if rx is None:
            return self.re.search(text)
        start = rx.start(text)
        return None if start is None else self.re.search(text, start)

    def _anchored(self, text: str) -> bool:
        """False when no match can start at 0 (the twin says so); True when one may."""
        rx = self.linear(text)
        return rx is None or rx.at_start(text)

    def _iter(self, text: str) -> Iterator[re.Match[str]]:
        """``re.finditer`` over ``text``, resuming at each start the RE2 twin finds."""
        rx = self.linear(text)
        if rx is None or rx.empty:
            yield from self.re.finditer(text)
            return
        pos = 0
        while True:
            start = rx.start(text, pos)
            found = None if start is None else self.re.search(text, start)
            if found is None:
                return
            yield found
            pos = found.end()

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        if args:
            return self.re.search(string, *args)
        memo = self._memo
        found: Any = memo.get(string, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[no-any-return]
        # ``cannot_match`` and ``linear`` written out for the prepared pattern: ~20,000
        # searches a document made their calls a tenth of the review
        lits = self._lits
        if lits is False:
            absent = self.cannot_match(string)
        elif lits is None:
            absent = False
        elif self._folded:
            low = _LOWERED.get(string, _UNSEEN)
            if low is _UNSEEN:
                low = _lowered(string)
            absent = low is not None and lits(low) is None  # type: ignore[operator]
        else:
            absent = lits(string) is None  # type: ignore[operator]
        if absent:
            found = None
        elif len(string) < LINEAR_MIN and not self._heavy:
            found = self.re.search(string)
        else:
            found = self._search(string)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()  # still listed in _FILLED: it held answers
        elif not memo:
            _FILLED.append(self)
        memo[string] = found
        return found  # type: ignore[no-any-return]

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        if args:
            return self.re.match(string, *args)
        if not self._may_start(string):
            return None
        return self.re.match(string)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        if args:
            return self.re.fullmatch(string, *args)
        if not self._may_start(string):
            return None
        return self.re.fullmatch(string)

    def _may_start(self, text: str) -> bool:
        """Whether a match at 0 is possible. A long text skips the literal scan: a check may
        ask about a whole paragraph once per sentence in it, and scanning all of it each time
        made one long paragraph cost its length squared; the anchored twin reads a prefix."""
        if len(text) < LINEAR_MIN:
            if self.cannot_match(text):
                return False
            if not self._heavy:
                return True  # no twin for a short text: ``re`` decides
        return self._anchored(text)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        if args:
            return self.re.finditer(string, *args)
        if self.cannot_match(string):
            return iter(())
        return self._iter(string)

    def findall(self, string: str, *args: int) -> list[Any]:
        if args:
            return self.re.findall(string, *args)
        if self.cannot_match(string):
            return []
        if self.groups == 0:
            return [m.group(0) for m in self._iter(string)]
        if self.groups == 1:
            return [m.groups("")[0] for m in self._iter(string)]
        return [m.groups("") for m in self._iter(string)]

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        if self.cannot_match(string):
            return string
        rx = self.linear(string)
        if rx is not None and rx.start(string) is None:
            return string
        return self.re.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        return self.re.split(string, maxsplit)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.re, name)

    def __repr__(self) -> str:
        return f"fast({self.re!r})"


def new_document() -> None:
    """Start a document: memos forget earlier documents' sentences (bounded memory, and each
    document costs the same however many similar ones came before)."""
    for p in _FILLED:
        p._memo.clear()
    _FILLED.clear()
    _LOWERED.clear()


@lru_cache(maxsize=1024)
def fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` with the literal prefilter (typed as a Pattern, which it
    stands in for)."""
    return cast("re.Pattern[str]", FastPattern(re.compile(pattern, flags)))


def fast_compiled(compiled: re.Pattern[str]) -> re.Pattern[str]:
    """An already compiled pattern with the literal prefilter."""
    if isinstance(compiled, FastPattern):
        return compiled
    return fast(compiled.pattern, compiled.flags)
