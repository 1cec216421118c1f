"""Named vocabularies (``rubrics/vocabularies.yaml``): word lists and patterns defined once and
referenced by name from the fact layer and from rule parameters."""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from dcrdraft.errors import ConfigError
from dcrdraft.paths import builtin_rubrics_dir, rubrics_dir
from dcrdraft.review.fastre import fast
from dcrdraft.review.yamltext import kept_parse, parse_yaml

FILE = "vocabularies.yaml"
_KEYS = {"doc", "words", "patterns"}


def _guarded(w: str) -> tuple[str, str, str]:
    """One vocabulary word as (left guard, body, right guard): whole word, ``*`` allowing
    any ending."""
    stem = w[:-1] if w.endswith("*") else w
    body = r"\s+".join(re.escape(part) for part in stem.split())
    tail = r"[\w-]*" if w.endswith("*") else ""
    left = r"(?<![\w-])" if stem[:1].isalnum() else ""
    right = r"(?![\w])" if (tail or stem[-1:].isalnum()) else ""
    return left, body + tail, right


def _words(words: list[str]) -> list[str]:
    """The words as alternatives, each run of words with the same guards under one pair of
    guards: ``re`` then tests the look-behind once per position instead of once per word
    (~3x faster on prose, where most positions are inside a word). Runs keep the list's
    order, so every search finds the same match as with one alternative per word."""
    runs: list[tuple[str, str, list[str]]] = []
    for w in words:
        left, body, right = _guarded(w)
        if runs and runs[-1][0] == left and runs[-1][1] == right:
            runs[-1][2].append(body)
        else:
            runs.append((left, right, [body]))
    return [f"{left}(?:{'|'.join(bodies)}){right}" if len(bodies) > 1
            else f"{left}{bodies[0]}{right}" for left, right, bodies in runs]


def _line(text: str, name: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(f"{name}:"):
            return n
    return 0


class _Where:
    """``file:line`` of a vocabulary, found only when an error names it (finding it for
    each of ~60 vocabularies on every start-up cost a scan of the file each)."""

    def __init__(self, path: Path, text: str, name: str) -> None:
        self.path, self.text, self.name = path, text, name

    def __str__(self) -> str:
        return f"{self.path}:{_line(self.text, self.name)}"


REF = re.compile(r"\{vocab:([\w-]+)\}")
"""A reference to a vocabulary inside a pattern (``{vocab:NAME}``), in a vocabulary or a rule."""


def _source(path: Path, text: str, name: str, table: dict[Any, Any], depth: int = 0) -> str:
    """One vocabulary as a single regex source, each ``{vocab:NAME}`` in its patterns
    replaced by that vocabulary's own source (so a word list is defined once and shared)."""
    where = _Where(path, text, name)
    if name not in table:
        raise ConfigError(f"{path}: no vocabulary named {name!r} (referenced as {{vocab:{name}}})")
    raw = table[name]
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: vocabulary {name!r} must be a mapping")
    unknown = set(raw) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: vocabulary {name!r}: unknown key(s) "
                          f"{', '.join(sorted(map(str, unknown)))} (known: doc, patterns, words)")
    if depth > 3:
        raise ConfigError(f"{where}: vocabulary {name!r}: references nest too deep (a cycle?)")
    parts = _words([str(w) for w in raw.get("words") or ()])
    def ref(m: re.Match[str]) -> str:
        return f"(?:{_source(path, text, m.group(1), table, depth + 1)})"
    parts += [f"(?:{REF.sub(ref, str(p))})" for p in raw.get("patterns") or ()]
    if not parts:
        raise ConfigError(f"{where}: vocabulary {name!r} has neither words nor patterns")
    return "|".join(parts)


def _compile(path: Path, text: str, name: str, source: str) -> re.Pattern[str]:
    where = _Where(path, text, name)
    try:
        # Through the literal prefilter and RE2 twin (fastre): the fact layer searches whole
        # sentences and paragraphs with these many-branch patterns, most of which hold none
        # of a vocabulary's words.
        return fast(source, re.I)
    except re.error as exc:
        raise ConfigError(f"{where}: vocabulary {name!r}: invalid pattern ({exc})") from exc


@lru_cache(maxsize=1)
def _own_code() -> bytes | None:
    """The SHA-256 of this module's file: kept sources stand only for the code that built
    them (None when the file cannot be read; then nothing is kept)."""
    try:
        return hashlib.sha256(Path(__file__).read_bytes()).digest()
    except OSError:
        return None


def _sources(path: Path, text: str, table: dict[Any, Any]) -> dict[str, str]:
    """Each vocabulary's regex source, kept between runs for the same bytes of the file and of
    this module: expanding ~2,800 words into guarded alternatives was ~10 ms of every cold
    review, where reading them back costs a fraction of a millisecond."""
    def build() -> dict[str, str]:
        built: dict[str, str] = {}
        for k in table:
            built[str(k)] = _source(path, text, str(k), table)
            # compiled here too, so a file with several faults reports the first in its order
            _compile(path, text, str(k), built[str(k)])
        return built

    code = _own_code()
    return build() if code is None else kept_parse(b"vocab-sources\0" + code, text, build)


@lru_cache(maxsize=4)
def _load(folder: str) -> dict[str, re.Pattern[str]]:
    path = Path(folder) / FILE
    if not path.is_file():
        path = builtin_rubrics_dir() / FILE
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(path, text) or {}
    table = data.get("vocabularies") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: a vocabularies file needs a 'vocabularies:' mapping")
    return {name: _compile(path, text, name, source)
            for name, source in _sources(path, text, table).items()}


@lru_cache(maxsize=4)
def _table(override: str) -> dict[str, re.Pattern[str]]:
    return _load(str(rubrics_dir()))


_ENV_KEY = "DCRDRAFT_RUBRICS"
_RAW_ENV: Any = getattr(os.environ, "_data", None)
"""The mapping ``os.environ`` reads and writes (CPython): one dict lookup, where
``os.environ.get`` encodes the key and decodes the value on each of ~4,000 calls a document."""
_RAW_KEY: Any = os.environ.encodekey(_ENV_KEY) if _RAW_ENV is not None else None
_seen: list[object] = [object()]
_seen_table: list[dict[str, re.Pattern[str]]] = [{}]
"""The raw ``DCRDRAFT_RUBRICS`` value last seen and its table: a changed value (a test's
``monkeypatch.setenv``) is a new object, so it is looked up again."""


def _current() -> dict[str, re.Pattern[str]]:
    """The vocabularies of the rubrics folder in force, looked up by ``DCRDRAFT_RUBRICS``
    alone: the fact layer asks tens of thousands of times per batch, and resolving the
    folder each time (a stat of the packaged data) was most of that cost."""
    raw = _RAW_ENV.get(_RAW_KEY) if _RAW_ENV is not None else os.environ.get(_ENV_KEY)
    if raw is not _seen[0]:
        _seen_table[0] = _table(os.environ.get(_ENV_KEY, ""))
        _seen[0] = raw
    return _seen_table[0]


def names() -> list[str]:
    """Every defined vocabulary name."""
    return sorted(_current())


def vocab(name: str) -> re.Pattern[str]:
    """The compiled vocabulary ``name`` (ConfigError when it is not defined)."""
    # ``_current`` written out for an unchanged folder: ~11,000 calls a document
    raw = _RAW_ENV.get(_RAW_KEY) if _RAW_ENV is not None else os.environ.get(_ENV_KEY)
    table = _seen_table[0] if raw is _seen[0] else _current()
    found = table.get(name)
    if found is None:
        raise ConfigError(f"{FILE}: no vocabulary named {name!r} (known: {', '.join(sorted(table))})")
    return found


def matches(name: str, text: str) -> bool:
    """Whether ``text`` contains a term of vocabulary ``name``."""
    return bool(vocab(name).search(text))
