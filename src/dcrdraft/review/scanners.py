"""The literal scan of ``fastre``'s prefilter: whether any of a pattern's required literals
occurs in a text, ~11,000 times a document.

A scanner is a trie of literal strings (``fastre.trie_pattern``). ``re`` tries its branches
one after another at every position of the text; RE2's automaton reads each character once.
On the sentences of the real corpus (best of 5 runs) every scanner once over a sentence took
170 us with ``re`` and 102 us with RE2 for the scanners of 40 source characters or more: below
that the call into RE2 (~1 us) costs more than ``re``'s scan, so short scanners keep ``re``.
A long scanner also keeps ``re`` for its first ``WARMUP`` texts: compiling it for RE2 costs
what ~100 scans save, and a one-document run reads most patterns a few times.

The RE2 form is exact: it writes each character as its code point and accepts only what a
trie is made of (literals, one-character sets, groups, alternation, ``?``); any other source,
or a text RE2 cannot be given (a lone surrogate), is scanned by ``re``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]
from typing import Any

from dcrdraft.review.regexcache import saved_scans

Find = Callable[[str], object]
"""A scan: None when no literal of the scanner occurs in the text, else a true value. A short
scanner is its pattern's own ``search`` (a C call): ~11,000 scans a document made the Python
wrapper around it a measurable share of the review."""

SHORT = 40
"""Scanner sources shorter than this stay with ``re``."""
WARMUP = 64
"""Texts a long scanner reads with ``re`` before it is compiled for RE2."""


def _emit(items: Any) -> str:
    out: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            out.append(f"\\x{{{av:x}}}")
        elif op is _C.IN and all(kind is _C.LITERAL for kind, _v in av):
            out.append("[" + "".join(f"\\x{{{v:x}}}" for _k, v in av) + "]")
        elif op is _C.SUBPATTERN and not av[1] and not av[2]:
            out.append(f"(?:{_emit(av[3].data)})")
        elif op is _C.BRANCH:
            out.append("(?:" + "|".join(_emit(alt.data) for alt in av[1]) + ")")
        elif op is _C.MAX_REPEAT and av[0] == 0 and av[1] == 1:
            out.append(f"(?:{_emit(av[2].data)})?")
        else:
            raise ValueError(f"not a literal scanner: {op}")
    return "".join(out)


REWRITTEN: dict[str, str | None] = {}
"""RE2 forms made or loaded in this process, by scanner source; ``regexcache`` keeps them
between runs, since parsing a scanner costs several times what compiling its form does."""


def rewrite(source: str) -> str | None:
    """The RE2 form of the literal scanner ``source``; None when it holds anything a trie of
    literals does not."""
    if not REWRITTEN:
        REWRITTEN.update(saved_scans())
    if source not in REWRITTEN:
        try:
            REWRITTEN[source] = _emit(_P.parse(source, 0).data)
        except (ValueError, re.error):
            REWRITTEN[source] = None
    return REWRITTEN[source]


def _re2_match(source: str) -> Any:
    """The compiled RE2 form of ``source`` and its anchor (False when there is none)."""
    try:
        # lazy: RE2 loads when a long scanner is busy, not on a one-document run's start-up
        import re2  # type: ignore[import-untyped,unused-ignore]
        # lazy: as above; the compiled RE2 objects, asked without the wrapper
        from re2 import _re2  # type: ignore[import-untyped,unused-ignore,attr-defined]
    except ImportError:
        return False
    rewritten = rewrite(source)
    if rewritten is None:
        return False
    options = re2.Options()
    options.never_capture = True
    options.log_errors = False
    compiled = _re2.RE2(rewritten.encode("utf-8"), options)
    if not compiled.ok():
        return False
    return compiled.Match, _re2.RE2.Anchor.UNANCHORED


def finder(source: str) -> Find:
    """The scan of the literal scanner ``source`` (``re`` syntax, as ``trie_pattern`` builds)."""
    plain = re.compile(source).search
    if len(source) < SHORT:
        return plain
    state: list[Any] = [0, None]  # texts read with re; the RE2 (Match, anchor) (False: none)

    def find(text: str) -> object:
        compiled = state[1]
        if compiled is None:
            state[0] += 1
            if state[0] <= WARMUP:
                return plain(text)
            compiled = state[1] = _re2_match(source)
        if compiled is False:
            return plain(text)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return plain(text)
        match, anchor = compiled
        return None if match(anchor, data, 0, len(data))[0][0] < 0 else True

    return find
