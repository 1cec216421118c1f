"""Token counting, reply sizes and prompt budgets for one model.

tiktoken downloads encoding files on first use into its cache dir (``TIKTOKEN_CACHE_DIR``);
the counter looks for the file there, tries a download once per cache dir, and otherwise
estimates generously from characters, saying so once. A prompt over the budget loses raw
input context (the delimited data block), never the computed facts.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dcrdraft.llm.backend import Message
from dcrdraft.llm.cache import cache_root

DEFAULT_ENCODING = "o200k_base"
"""Used for model names tiktoken does not know (local and third-party models)."""

CHARS_PER_TOKEN = 3.0
"""The fallback estimate's ratio: real English text runs near 4, so this overestimates."""

MESSAGE_OVERHEAD = 4
"""Tokens each chat message costs beyond its content."""

REPLY_TOKENS: dict[str, int] = {"summary": 1200, "RiskEntry": 1000, "JudgeVerdicts": 1200}
"""``max_tokens`` per kind of reply: generous for the part, small enough to stop a runaway."""
DEFAULT_REPLY_TOKENS = 1024

BLOBS: dict[str, str] = {
    name: f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
    for name in ("o200k_base", "cl100k_base", "p50k_base", "r50k_base")
}
"""Where tiktoken fetches each encoding; its cache file is named by the URL's SHA-1."""

CONTEXT_WINDOWS: tuple[tuple[str, int], ...] = (
    ("gpt-4.1", 1_000_000),
    ("gpt-5", 272_000),
    ("gpt-4o", 128_000),
    ("o3", 200_000),
    ("o4", 200_000),
    ("gpt-4-turbo", 128_000),
    ("gpt-3.5", 16_000),
)
DEFAULT_CONTEXT = 8192
"""A safe window for unknown (often local) models."""

_LOCK = threading.Lock()
_ENCODERS: dict[str, Callable[[str], int] | None] = {}
_FAILURES: dict[str, str] = {}


def encoding_name(model: str) -> str:
    """The tiktoken encoding for ``model``; unknown names get the default encoding."""
    import tiktoken  # lazy: tiktoken is imported only when tokens are counted

    try:
        return tiktoken.encoding_name_for_model(model)
    except KeyError:
        return DEFAULT_ENCODING


def known_context(model: str) -> int | None:
    """The context window of a model this table knows, else None."""
    name = model.lower().rsplit("/", 1)[-1]
    for prefix, size in CONTEXT_WINDOWS:
        if name.startswith(prefix):
            return size
    return None


def context_window(model: str) -> int:
    """The known context window of ``model``, else a safe default for local models."""
    return known_context(model) or DEFAULT_CONTEXT


def reply_tokens(kind: str, cap: int | None = None) -> int:
    """``max_tokens`` for a reply of ``kind`` (``summary`` or a schema name), within ``cap``."""
    size = REPLY_TOKENS.get(kind, DEFAULT_REPLY_TOKENS)
    return min(size, cap) if cap else size


def tiktoken_cache_dir() -> str:
    """The folder tiktoken caches encodings in (empty: caching disabled)."""
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if var in os.environ:
            return os.environ[var]
    return os.path.join(tempfile.gettempdir(), "data-gym-cache")


def encoding_file(name: str) -> Path | None:
    """Where tiktoken keeps encoding ``name``, or None when caching is off or the name unknown."""
    folder, blob = tiktoken_cache_dir(), BLOBS.get(name)
    if not folder or blob is None:
        return None
    return Path(folder) / hashlib.sha1(blob.encode()).hexdigest()


def _missing_marker(name: str) -> Path:
    """A file recording that ``name`` could not be fetched into the current tiktoken cache dir."""
    digest = hashlib.sha1(f"{tiktoken_cache_dir()}|{name}".encode()).hexdigest()[:16]
    return cache_root().parent / "tiktoken-missing" / digest


def _load_encoding(name: str) -> tuple[Callable[[str], int] | None, str | None]:
    """A counting function for ``name``, or None and the one-line notice why it is unavailable.

    The notice is only given on the run that tried (and failed) to fetch the encoding; later
    runs with the same cache dir count with the estimate without trying or saying it again.
    """
    cached = encoding_file(name)
    marker = _missing_marker(name)
    if (cached is None or not cached.is_file()) and marker.is_file():
        return None, None
    try:
        import tiktoken  # lazy: tiktoken is imported only when tokens are counted exactly

        encoding = tiktoken.get_encoding(name)
    except Exception as exc:  # noqa: BLE001 - any download or cache failure
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(f"{tiktoken_cache_dir()}\n{name}\n", encoding="utf-8")
        except OSError:
            pass
        return None, (f"token counts are estimates: tiktoken encoding {name} is unavailable "
                      f"({type(exc).__name__}); put it in a folder and set TIKTOKEN_CACHE_DIR "
                      "to that folder (see dcrdraft llm check)")
    try:
        marker.unlink()
    except OSError:
        pass
    return (lambda text: len(encoding.encode(text, disallowed_special=()))), None


def estimate(text: str) -> int:
    """A deliberately high token count from the length of ``text``."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass
class TokenCounter:
    """Counts tokens for one model; ``warnings`` holds the one offline notice, if any.

    ``context`` is the model's window when configured or reported by the server; ``reserve``
    is what the longest reply may take of it.
    """

    model: str
    warnings: list[str] = field(default_factory=list)
    context: int | None = None
    reserve: int = max(REPLY_TOKENS.values())

    def _encoder(self) -> Callable[[str], int] | None:
        name = encoding_name(self.model)
        with _LOCK:
            if name not in _ENCODERS:
                _ENCODERS[name], notice = _load_encoding(name)
                if notice:
                    _FAILURES[name] = notice
            enc = _ENCODERS[name]
            if enc is None and name in _FAILURES and not self.warnings:
                self.warnings.append(_FAILURES[name])
            return enc

    @property
    def exact(self) -> bool:
        return self._encoder() is not None

    def count(self, text: str) -> int:
        enc = self._encoder()
        return enc(text) if enc is not None else estimate(text)

    def count_messages(self, messages: Sequence[Message]) -> int:
        return sum(self.count(m.content) + MESSAGE_OVERHEAD for m in messages) + 2

    @property
    def budget(self) -> int:
        """Prompt tokens a request may use."""
        return (self.context or context_window(self.model)) - self.reserve

    def fits(self, messages: Sequence[Message]) -> bool:
        """Whether ``messages`` fit the budget; the generous estimate answers first, so the
        encoding is only loaded (off the path of the first request) for prompts near the limit."""
        rough = sum(estimate(m.content) + MESSAGE_OVERHEAD for m in messages) + 2
        return rough <= self.budget or self.count_messages(messages) <= self.budget

    def fit(self, messages: Sequence[Message]) -> list[Message]:
        """``messages`` within the budget by shortening their delimited data blocks.

        The computed facts sit outside those blocks, so a trimmed prompt has less context
        but the same facts; a prompt that cannot be trimmed enough is returned as short as
        it gets (the caller then sees it still does not fit).
        """
        out = list(messages)
        if self.fits(out):
            return out
        for keep in (0.5, 0.25, 0.0):
            out = [Message(m.role, _shorten_blocks(m.content, keep)) if m.role == "user" else m
                   for m in messages]
            if self.fits(out):
                return out
        return out


_BLOCK = re.compile(r"(<(inputs|risk|document)>\n)(.*?)(\n</\2>)", re.S)
OMITTED = "(the rest is left out for length: the facts above carry every figure to quote)"


def _shorten_blocks(text: str, keep: float) -> str:
    """``text`` with each delimited data block cut to its first ``keep`` share of lines."""

    def cut(m: re.Match[str]) -> str:
        lines = m.group(3).splitlines()
        n = int(len(lines) * keep)
        body = "\n".join([*lines[:n], OMITTED]) if n < len(lines) else m.group(3)
        return m.group(1) + body + m.group(4)

    return _BLOCK.sub(cut, text)


def reset() -> None:
    """Forget loaded encodings (tests)."""
    with _LOCK:
        _ENCODERS.clear()
        _FAILURES.clear()
