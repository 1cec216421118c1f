"""Compiled regular expressions kept between runs. CPython compiles a pattern in Python code
(~0.15 ms each); a one-document review compiles ~800 of them (checks, rules, section
headings, markdown-it), about 40% of its wall time. Their compiled form is saved in the cache
folder (marshal, one file per Python build) and handed to the ``re`` module's own cache at
start-up, which builds each on its first lookup, so every ``re.compile`` of a known pattern
finds it ready. The review command installs it before importing the reviewer, with or without
``--no-cache`` (which is about results; this cache cannot change one).

The saved form is exactly what ``re`` would build (same parse, same code; a test compares
them), so results cannot change. Each pattern's code is kept as packed 32-bit words, which
load at C speed and cannot hold anything but unsigned code words. The file carries a SHA-256
of its contents and every entry is type-checked before use; anything unexpected (not
CPython, another ``re`` layout, a damaged or truncated file) is a miss that compiles as usual
and rewrites the file at exit.
``DCRDRAFT_NO_REGEX_CACHE=1`` turns it off. The RE2 translations of ``review.linear``, the
literal scanners of ``review.fastre`` and their RE2 forms (``review.scanners``) are kept the
same way, each in a file beside it.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import array
import atexit
import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dcrdraft import __version__

_MAX_ENTRIES = 4000
_MIN_NEW = 8
"""Fewest new patterns worth rewriting a filled cache file for: the rewrite costs ~10 ms
(3 MB), more than a few patterns compiled afresh cost in a hundred runs, and some patterns are
new in every process (markdown-it builds a character class from a set, whose order changes
with the string hash seed), so saving them rewrote the file on every run and pushed the
oldest patterns out."""
_loaded: set[tuple[Any, str, int]] = set()
_state: dict[str, Any] = {"installed": False, "entries": []}


_WORD = "I"
"""The array type of one ``_sre`` code word (``_sre.CODESIZE`` bytes, checked in ``_supported``)."""


def _supported() -> bool:
    compiler = getattr(re, "_compiler", None)
    return (sys.implementation.name == "cpython" and isinstance(getattr(re, "_cache", None), dict)
            and compiler is not None and hasattr(compiler, "_code")
            and getattr(_sre, "CODESIZE", None) == array.array(_WORD).itemsize
            and not os.environ.get("DCRDRAFT_NO_REGEX_CACHE"))


def cache_file() -> Path:
    """The saved patterns for this Python build, beside the results cache."""
    # lazy: platformdirs is needed only when the cache file is read or written
    from platformdirs import user_cache_dir

    name = f"regex-{__version__}-{sys.implementation.cache_tag}-{sys.hexversion:x}.bin"
    return Path(user_cache_dir("dcrdraft", appauthor=False)) / name


class _Kept(dict):  # type: ignore[type-arg]
    """``re``'s own cache, building a saved pattern on its first lookup: a one-document run
    uses about three in four of the ~2,000 saved patterns, and building the rest cost ~10 ms
    of its ~300 ms of CPU. A hit costs what a plain dict's costs."""

    def __init__(self, live: dict[Any, Any], saved: dict[Any, tuple[Any, ...]]) -> None:
        super().__init__(live)
        self.saved = saved

    def __missing__(self, key: Any) -> Any:
        entry = self.saved.pop(key, None) if isinstance(key, tuple) else None
        if entry is None:
            raise KeyError(key)
        _pattern, _flags, final, words, groups, groupindex, indexgroup = entry
        try:
            compiled = _sre.compile(key[1], final, array.array(_WORD, words).tolist(), groups,
                                    groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - any damage: distrust the file, rebuild it on save
            self.saved.clear()
            _loaded.clear()
            _state["entries"] = []
            raise KeyError(key) from None
        self[key] = compiled
        return compiled


def install() -> None:
    """Hand the saved patterns to ``re``'s cache and save new ones when the process ends."""
    if _state["installed"] or not _supported():
        return
    _state["installed"] = True
    entries = _load_entries()
    saved = {(str, e[0], e[1]): e for e in entries}
    _loaded.update(saved)
    re._cache = _Kept(re._cache, saved)  # type: ignore[attr-defined]
    _state["entries"] = entries
    # Room for these and every pattern this run compiles: ``re`` drops its oldest entry
    # past ``_MAXCACHE``, and a review compiles ~1,300 patterns, so with room for 512 a
    # first run kept only its last 512 and the cache took three more runs to fill.
    if isinstance(getattr(re, "_MAXCACHE", None), int):
        re._MAXCACHE = max(re._MAXCACHE, len(entries) + _MAX_ENTRIES)  # type: ignore[attr-defined]
    _load_twins()
    _load_literals()
    _load_scans()
    atexit.register(save)


def _twins_file() -> Path:
    return kept_file("twins")


_TWINS_MAGIC = b"dcrdraft-twins-1\n"


def _load_twins() -> None:
    """The RE2 translations of earlier runs (``review.linear``), checksummed like the patterns
    (a twin's "no match" is final, so a damaged translation would hide matches) and checked
    entry by entry."""
    saved = read_framed(_twins_file(), _TWINS_MAGIC)
    if not isinstance(saved, dict):
        return
    _state["twins"] = {
        key: value for key, value in saved.items()
        if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)
        and isinstance(key[1], int) and isinstance(value, tuple) and len(value) == 3
        and isinstance(value[0], str) and isinstance(value[1], str)
        and isinstance(value[2], bool)}


def saved_twins() -> dict[tuple[str, int], tuple[str, str, bool]]:
    """RE2 translations loaded at start-up (empty unless installed)."""
    twins: dict[tuple[str, int], tuple[str, str, bool]] = _state.get("twins", {})
    return twins


def _save_kept(module: str, table: str, saved: dict[Any, Any], path: Callable[[], Path],
               magic: bytes) -> None:
    """Write ``module.table`` (translations made in this run) when it grew past ``saved``."""
    made = getattr(sys.modules.get(module), table, None)
    if not made or len(made) == len(saved):
        return
    write_framed(path(), magic, dict(list(made.items())[-_MAX_ENTRIES:]))


def _save_twins() -> None:
    _save_kept("dcrdraft.review.linear", "SOURCES", saved_twins(), _twins_file, _TWINS_MAGIC)


_SCANS_MAGIC = b"dcrdraft-scans-1\n"


def _load_scans() -> None:
    """The RE2 forms of earlier runs' long literal scanners (``review.scanners``),
    checksummed like the patterns (a wrong form would hide matches) and checked entry by
    entry."""
    saved = read_framed(kept_file("scans"), _SCANS_MAGIC)
    if not isinstance(saved, dict):
        return
    _state["scans"] = {key: value for key, value in saved.items()
                       if isinstance(key, str) and (value is None or isinstance(value, str))}


def saved_scans() -> dict[str, str | None]:
    """RE2 forms of literal scanners loaded at start-up (empty unless installed)."""
    found: dict[str, str | None] = _state.get("scans", {})
    return found


def _save_scans() -> None:
    _save_kept("dcrdraft.review.scanners", "REWRITTEN", saved_scans(),
               lambda: kept_file("scans"), _SCANS_MAGIC)


def kept_file(kind: str) -> Path:
    """The file beside the saved patterns that keeps ``kind`` (literals, yaml)."""
    return cache_file().with_name(cache_file().name.replace("regex-", f"{kind}-", 1))


def _literals_file() -> Path:
    return kept_file("literals")


_LITERALS_MAGIC = b"dcrdraft-literals-1\n"


def read_framed(path: Path, magic: bytes) -> Any:
    """The value ``write_framed`` kept in ``path``, or None when the file is missing, of
    another layout or damaged (its SHA-256 does not match)."""
    try:
        blob = path.read_bytes()
        cut = len(magic) + _DIGEST
        head, payload = blob[:cut], blob[cut:]
        if head != magic + hashlib.sha256(payload).digest():
            return None
        return marshal.loads(payload)
    except Exception:  # noqa: BLE001 - a damaged file is a cache miss
        return None


def write_framed(path: Path, magic: bytes, value: Any) -> None:
    """Keep ``value`` (marshal data) in ``path`` atomically, behind ``magic`` and a SHA-256."""
    payload = marshal.dumps(value)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(magic + hashlib.sha256(payload).digest() + payload)
    os.replace(tmp, path)


def installed() -> bool:
    """Whether this process keeps what it compiles between runs."""
    return bool(_state["installed"])


KEEPERS: list[Any] = []
"""Functions run at exit (after the RE2 twins and literals) that keep something of this run
for the next one; each may raise, which only loses what it kept."""


def _load_literals() -> None:
    """The prefilter scanners of earlier runs (``review.fastre``), checksummed like the
    patterns (a wrong scanner would hide matches) and checked entry by entry."""
    saved = read_framed(_literals_file(), _LITERALS_MAGIC)
    if not isinstance(saved, dict):
        return
    _state["literals"] = {
        key: value for key, value in saved.items()
        if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)
        and isinstance(key[1], int) and (value is None or isinstance(value, str))}


def saved_literals() -> dict[tuple[str, int], str | None]:
    """Literal scanner sources loaded at start-up (empty unless installed)."""
    found: dict[tuple[str, int], str | None] = _state.get("literals", {})
    return found


def _save_literals() -> None:
    fastre = sys.modules.get("dcrdraft.review.fastre")
    derive = getattr(fastre, "derive_used", None)
    if callable(derive):
        derive()
    scanners = getattr(fastre, "LITERALS", None)
    if not scanners or len(scanners) == len(saved_literals()):
        return
    write_framed(_literals_file(), _LITERALS_MAGIC, dict(list(scanners.items())[-_MAX_ENTRIES:]))


_MAGIC = b"dcrdraft-regex-2\n"
_DIGEST = 32


def _valid_entry(entry: Any) -> bool:
    """An entry shaped as ``save`` writes it (types only; the checksum vouches for values)."""
    if not isinstance(entry, tuple) or len(entry) != 7:
        return False
    pattern, flags, final, words, groups, groupindex, indexgroup = entry
    return (isinstance(pattern, str) and isinstance(flags, int) and isinstance(final, int)
            and isinstance(words, bytes) and len(words) % array.array(_WORD).itemsize == 0
            and isinstance(groups, int) and isinstance(groupindex, dict)
            and isinstance(indexgroup, tuple))


def _load_entries() -> list[Any]:
    """The saved entries, or [] when the file is missing, damaged or of another layout (the
    next save then rebuilds it from this run's patterns)."""
    entries = read_framed(cache_file(), _MAGIC)
    if not isinstance(entries, list) or not all(_valid_entry(e) for e in entries):
        return []
    return entries


def _entry(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, for ``pattern``."""
    compiler = re._compiler  # type: ignore[attr-defined]
    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (pattern, flags, flags | parsed.state.flags, array.array(_WORD, code).tobytes(),
            parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


def save() -> None:
    """Add the patterns this process compiled to the saved ones (never raises)."""
    for save_kept in (_save_twins, _save_literals, _save_scans, *KEEPERS):
        try:
            save_kept()
        except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
            pass
    try:
        new = [k for k in list(re._cache)  # type: ignore[attr-defined]
               if k not in _loaded and k[0] is str and isinstance(k[1], str)
               and not k[2] & re.DEBUG]
        if not new or (_state["entries"] and len(new) < _MIN_NEW):
            return
        entries = list(_state["entries"]) + [_entry(p, f) for _t, p, f in new]
        write_framed(cache_file(), _MAGIC, entries[-_MAX_ENTRIES:])
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no error
        return
