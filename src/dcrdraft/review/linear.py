"""A linear-time twin for a Python pattern: the same pattern rewritten for RE2 (google-re2),
which never backtracks, so a long text costs time in proportion to its length.

The twin matches a superset of what the ``re`` pattern matches: look-arounds become empty
(always true), and on non-ASCII text word boundaries too; on ASCII text every character class
and case-insensitive letter is spelled out exactly as ``re`` decides it. So "no match" from the
twin is final, and the leftmost start it finds is at or before ``re``'s own leftmost start: the
caller then runs ``re`` from there, which costs little since a match is (nearly always) there.

A pattern RE2 cannot express (back-references, possessive or atomic repeats, repeat counts
above 1000) has no twin; the caller keeps plain ``re`` for it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]
from typing import Any

from dcrdraft.review.regexcache import saved_twins

_PROBES = [*range(128), 0x130, 0x131, 0x17F, 0x212A]
"""ASCII and the only non-ASCII characters that match an ASCII letter ignoring case."""
_NON_ASCII = "\\x{80}-\\x{10FFFF}"
_CATEGORY = {
    _C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_NOT_SPACE: r"\S", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W",
}
_MAX_REPEAT = 1000
"""RE2's largest repeat count."""


class Untranslatable(Exception):
    """The pattern uses something RE2 cannot express, even as a superset."""


def _esc(code: int) -> str:
    return f"\\x{{{code:x}}}"


@lru_cache(maxsize=4096)
def _members(cls: str, flags: int) -> tuple[int, ...]:
    """The probe characters the one-character pattern ``cls`` matches under ``flags``, as
    ``re`` itself decides."""
    rx = re.compile(cls, flags)
    return tuple(c for c in _PROBES if rx.fullmatch(chr(c)))


def _class_source(items: Any) -> str:
    """Python source for a parsed character class (to let ``re`` decide its members)."""
    out, negate = [], False
    for kind, value in items:
        if kind is _C.NEGATE:
            negate = True
        elif kind is _C.LITERAL:
            out.append(re.escape(chr(value)))
        elif kind is _C.RANGE:
            out.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is _C.CATEGORY:
            out.append(_CATEGORY[value])
        else:
            raise Untranslatable(str(kind))
    return f"[{'^' if negate else ''}{''.join(out)}]"


def _may_be_non_ascii(op: Any, av: Any, flags: int) -> bool:
    """Whether one character item can match a non-ASCII character (over-approximated)."""
    if op is _C.LITERAL:
        return bool(av >= 128)
    if op is _C.NOT_LITERAL:
        return True
    for kind, value in av:
        if kind in (_C.NEGATE, _C.CATEGORY):
            return True
        if kind is _C.LITERAL and value >= 128:
            return True
        if kind is _C.RANGE and value[1] >= 128:
            return True
    return False


_CHARSETS: dict[tuple[Any, str, int, bool], str] = {}
_CLASS_FLAGS = int(re.IGNORECASE | re.ASCII | re.DOTALL)
_IGNORECASE = int(re.IGNORECASE)
_PLAIN = frozenset(range(0x20, 0x7F)) - frozenset(map(ord, "iksIKS"))
"""Printable ASCII whose case-insensitive matches are ASCII only (unlike i, k and s)."""


def _charset(op: Any, av: Any, flags: int, unicode: bool) -> str:
    """An RE2 class for one character item (remembered: rules share most of them)."""
    if op is _C.LITERAL and av in _PLAIN:
        char = chr(av)
        if flags & _IGNORECASE and char.isalpha():
            return f"[{char.lower()}{char.upper()}]"
        return char if char.isalnum() or char == " " else "\\" + char
    key = (op, repr(av), flags & _CLASS_FLAGS, unicode)
    found = _CHARSETS.get(key)
    if found is None:
        found = _CHARSETS[key] = _new_charset(op, av, flags, unicode)
    return found


def _new_charset(op: Any, av: Any, flags: int, unicode: bool) -> str:
    """An RE2 class for one character item: exact on ASCII, plus every non-ASCII character
    when ``unicode`` and the item may match one."""
    if op is _C.LITERAL:
        source = re.escape(chr(av))
    elif op is _C.NOT_LITERAL:
        source = f"[^{re.escape(chr(av))}]"
    else:
        source = _class_source(av)
    codes = _members(source, flags & int(re.IGNORECASE | re.ASCII))
    parts = _ranges([c for c in codes if c < 128 or unicode])
    if unicode and _may_be_non_ascii(op, av, flags):
        parts.append(_NON_ASCII)
    if not parts:
        return "[^\\x{0}-\\x{10FFFF}]"
    return f"[{''.join(parts)}]"


def _ranges(codes: list[int]) -> list[str]:
    """Sorted code points as RE2 class items, runs written as ranges."""
    out: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(_esc(codes[i]) if i == j else f"{_esc(codes[i])}-{_esc(codes[j])}")
        i = j + 1
    return out


def _repeat(body: str, low: int, high: int, lazy: bool) -> str:
    if low > _MAX_REPEAT or (high != _C.MAXREPEAT and high > _MAX_REPEAT):
        raise Untranslatable("repeat count")
    if high == _C.MAXREPEAT:
        count = "*" if low == 0 else "+" if low == 1 else f"{{{low},}}"
    else:
        count = f"{{{low}}}" if low == high else f"{{{low},{high}}}"
    return f"(?:{body}){count}{'?' if lazy else ''}"


def _at(code: Any, unicode: bool) -> str:
    if code in (_C.AT_BEGINNING, _C.AT_BEGINNING_STRING):
        return r"\A"
    if code is _C.AT_END_STRING:
        return r"\z"
    if code is _C.AT_BEGINNING_LINE:
        return "(?m:^)"
    if code in (_C.AT_END, _C.AT_END_LINE):
        return "(?m:$)"  # superset of Python's "$" (end, or before a final newline)
    if code in (_C.AT_BOUNDARY, getattr(_C, "AT_UNI_BOUNDARY", None)):
        return "" if unicode else r"\b"
    if code in (_C.AT_NON_BOUNDARY, getattr(_C, "AT_UNI_NON_BOUNDARY", None)):
        return "" if unicode else r"\B"
    raise Untranslatable(str(code))


def _emit(items: Any, flags: int, unicode: bool) -> str:
    out: list[str] = []
    for op, av in items:
        if op in (_C.LITERAL, _C.NOT_LITERAL, _C.IN):
            out.append(_charset(op, av, flags, unicode))
        elif op is _C.ANY:
            out.append("(?s:.)" if flags & re.DOTALL else "[^\\n]")
        elif op is _C.BRANCH:
            out.append("(?:" + "|".join(_emit(a.data, flags, unicode) for a in av[1]) + ")")
        elif op is _C.SUBPATTERN:
            _group, add, delete, sub = av
            out.append("(?:" + _emit(sub.data, (flags | int(add)) & ~int(delete), unicode) + ")")
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            low, high, sub = av
            out.append(_repeat(_emit(sub.data, flags, unicode), low, high,
                               op is _C.MIN_REPEAT))
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            continue  # a look-around only narrows: dropping it gives a superset
        elif op is _C.AT:
            out.append(_at(av, unicode))
        else:  # back-references, conditionals, possessive and atomic repeats
            raise Untranslatable(str(op))
    return "".join(out)


def translate(pattern: str, flags: int = 0, unicode: bool = False) -> str:
    """RE2 syntax for a superset of ``pattern`` (exact on ASCII text unless ``unicode``,
    which widens it to stay a superset on any text). Raises ``Untranslatable``."""
    parsed = _P.parse(pattern, flags)
    return _emit(parsed.data, int(flags | parsed.state.flags), unicode)



SOURCES: dict[tuple[str, int], tuple[str, str, bool]] = {}
"""Translations made or loaded in this process, by (pattern, flags); ``regexcache`` keeps
them between runs, since parsing a pattern costs far more than compiling its twin."""


def sources(pattern: str, flags: int) -> tuple[str, str, bool]:
    """The ASCII-exact and Unicode-superset RE2 sources of ``pattern``, and whether it can
    match the empty string (one parse for all three)."""
    parsed = _P.parse(pattern, flags)
    all_flags = int(flags | parsed.state.flags)
    return (_emit(parsed.data, all_flags, False), _emit(parsed.data, all_flags, True),
            parsed.getwidth()[0] == 0)


def _compiled(re2: Any, raw: Any, source: str, options: Any) -> Any:
    """The RE2 object itself, as the wrapper compiles it: its ``Match`` answers in one call,
    where the wrapper's ``search`` builds a generator, an offset table and a match object
    (~15 of the ~20 microseconds of a twin search on a sentence)."""
    compiled = raw.RE2(source.encode("utf-8"), options)
    if not compiled.ok():
        raise re2.error(compiled.error())
    return compiled


class Twin:
    """The RE2 twins of one pattern (ASCII-exact and Unicode-superset), compiled on first use:
    the Unicode one only once a non-ASCII text meets it (compiling is ~0.3 ms a twin)."""

    __slots__ = ("_ascii", "_unicode", "_unicode_source", "_compile", "_raw", "_anchor",
                 "_at_start", "empty")
    empty: bool
    """Whether the pattern can match the empty string."""

    def __init__(self, pattern: str, flags: int) -> None:
        # lazy: RE2 loads only once a long text meets a pattern, not for every review
        import re2  # type: ignore[import-untyped,unused-ignore]
        # lazy: as above; the compiled RE2 objects, asked without the wrapper
        from re2 import _re2  # type: ignore[import-untyped,unused-ignore,attr-defined]

        self._raw: Any = _re2
        self._anchor: Any = _re2.RE2.Anchor.UNANCHORED
        self._at_start: Any = _re2.RE2.Anchor.ANCHOR_START

        options = re2.Options()
        options.never_capture = True
        options.log_errors = False
        options.max_mem = 64 << 20
        key = (pattern, int(flags))
        if not SOURCES:
            SOURCES.update(saved_twins())
        if key not in SOURCES:
            SOURCES[key] = sources(pattern, flags)
        ascii_source, self._unicode_source, self.empty = SOURCES[key]
        self._compile: Any = lambda source: _compiled(re2, _re2, source, options)
        self._ascii = self._compile(ascii_source)
        self._unicode: Any = None

    def start(self, text: str, pos: int = 0) -> int | None:
        """Where the leftmost match at or after ``pos`` can start; None when none can."""
        if not pos and text.isascii():
            # a first search in an ASCII text (most of ~2,500 a document): its bytes are
            # its characters, and encoding it costs less than looking it up
            data = text.encode("ascii")
            found = int(self._ascii.Match(self._anchor, data, 0, len(data))[0][0])
            return None if found < 0 else found
        pos = max(0, min(pos, len(text)))
        enc = _encoded(text)
        if enc.ascii:
            # ASCII: byte offsets are character offsets, so RE2 answers directly.
            found = int(self._ascii.Match(self._anchor, enc.data, pos, len(enc.data))[0][0])
            return None if found < 0 else found
        wide = self._wide()
        if wide is False:
            return pos  # no verdict: ``re`` searches from ``pos`` as it would alone
        at = enc.byte_at(pos, self._raw)
        found = int(wide.Match(self._anchor, enc.data, at, len(enc.data))[0][0])
        return None if found < 0 else pos + int(self._raw.BytesToCharLen(enc.data, at, found))

    def at_start(self, text: str) -> bool:
        """Whether a match can start at 0. Anchored, RE2 stops once no match can go on, so
        asking this of a long text costs the prefix read, not the text's length."""
        enc = _encoded(text)
        rx = self._ascii if enc.ascii else self._wide()
        if rx is False:
            return True  # no verdict: ``re`` decides as it would alone
        return int(rx.Match(self._at_start, enc.data, 0, len(enc.data))[0][0]) == 0

    def _wide(self) -> Any:
        """The Unicode twin, compiled when a non-ASCII text first needs it; False when RE2
        cannot hold it (too large), so ``re`` alone serves."""
        if self._unicode is None:
            try:
                self._unicode = self._compile(self._unicode_source)
            except Exception:  # noqa: BLE001 - re2.error (too large): ``re`` alone serves
                self._unicode = False
        return self._unicode


class _Encoded:
    """A text's bytes for RE2, with the last character offset converted to a byte offset:
    ``finditer`` over a long text asks for the next start many times, and encoding the
    whole text (or counting bytes from its start) at each step made that quadratic."""

    __slots__ = ("text", "ascii", "data", "_char", "_byte")

    def __init__(self, text: str) -> None:
        self.text = text
        self.ascii = text.isascii()
        self.data = text.encode("ascii" if self.ascii else "utf-8")
        self._char = self._byte = 0

    def byte_at(self, pos: int, raw: Any) -> int:
        """The byte offset of character ``pos``, counted on from the last one asked."""
        if pos < self._char:
            self._char = self._byte = 0
        self._byte += int(raw.CharLenToBytes(self.data, self._byte, pos - self._char))
        self._char = pos
        return self._byte


_RECENT: list[_Encoded] = []
"""The few texts encoded last (every pattern asks about the same sentence in turn)."""


def _encoded(text: str) -> _Encoded:
    for enc in _RECENT:
        if enc.text is text:
            return enc
    enc = _Encoded(text)
    _RECENT.insert(0, enc)
    del _RECENT[4:]
    return enc


@lru_cache(maxsize=2048)
def twin(pattern: str, flags: int) -> Twin | None:
    """The twin of ``pattern``, or None when RE2 cannot express it (or is not installed)."""
    try:
        return Twin(pattern, flags)
    except (Untranslatable, ImportError, KeyError, ValueError, TypeError, re.error):
        return None
    except Exception:  # noqa: BLE001 - re2.error (pattern too large): plain ``re`` serves
        return None
