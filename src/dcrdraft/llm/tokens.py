"""Token counting with tiktoken, and a conservative estimate when its encodings are offline.

tiktoken downloads encoding files on first use (into ``TIKTOKEN_CACHE_DIR`` when set); when
that fails the counter estimates generously from characters and says so once.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dcrdraft.llm.backend import Message

DEFAULT_ENCODING = "o200k_base"
"""Used for model names tiktoken does not know (local and third-party models)."""

CHARS_PER_TOKEN = 3.0
"""The fallback estimate's ratio: real English text runs near 4, so this overestimates."""

MESSAGE_OVERHEAD = 4
"""Tokens each chat message costs beyond its content."""

OUTPUT_RESERVE = 4096
"""Tokens left free in the context window for the reply."""

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


def context_window(model: str) -> int:
    name = model.lower().rsplit("/", 1)[-1]
    for prefix, size in CONTEXT_WINDOWS:
        if name.startswith(prefix):
            return size
    return DEFAULT_CONTEXT


def estimate(text: str) -> int:
    """A deliberately high token count from the length of ``text``."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass
class TokenCounter:
    """Counts tokens for one model; ``warnings`` holds the one offline notice, if any."""

    model: str
    warnings: list[str] = field(default_factory=list)

    def _encoder(self) -> Callable[[str], int] | None:
        name = encoding_name(self.model)
        with _LOCK:
            if name not in _ENCODERS:
                try:
                    import tiktoken  # lazy: as above

                    encoding = tiktoken.get_encoding(name)
                    _ENCODERS[name] = lambda text: len(encoding.encode(text,
                                                                       disallowed_special=()))
                except Exception as exc:  # noqa: BLE001 - any download or cache failure
                    _ENCODERS[name] = None
                    _FAILURES[name] = (
                        f"token counts are estimates: tiktoken encoding {name} is unavailable "
                        f"({type(exc).__name__}); set TIKTOKEN_CACHE_DIR to a folder holding it"
                    )
            enc = _ENCODERS[name]
            if enc is None and not self.warnings:
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
        return context_window(self.model) - OUTPUT_RESERVE

    def fits(self, messages: Sequence[Message]) -> bool:
        return self.count_messages(messages) <= self.budget


def reset() -> None:
    """Forget loaded encodings (tests)."""
    with _LOCK:
        _ENCODERS.clear()
        _FAILURES.clear()
