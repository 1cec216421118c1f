"""A disk cache of LLM replies, keyed by prompt, model, parameters and structured-output
method, as a ``Backend`` wrapper; and the memory of which method each endpoint accepted.

Lives under ``$XDG_CACHE_HOME/dcrdraft/llm`` (or the platform's user cache dir). Entries are
written atomically and hold only the reply text and its token usage: never a key or header.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel

from dcrdraft.llm.settings import METHODS
from dcrdraft.llm.backend import Backend, Completion, Message, T, TextStream, Usage, parse_reply

CACHE_VERSION = 2


def cache_root(override: Path | None = None) -> Path:
    """The folder of cached replies: ``override``, else XDG_CACHE_HOME, else the platform's."""
    if override is not None:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "dcrdraft" / "llm"

    return Path(platformdirs.user_cache_dir("dcrdraft")) / "llm"


def cache_key(kind: str, messages: Sequence[Message], params: dict[str, Any],
              schema: type[BaseModel] | None = None) -> str:
    """A digest of everything that determines a reply."""
    payload = {
        "v": CACHE_VERSION,
        "kind": kind,
        "params": params,
        "schema": schema.model_json_schema() if schema is not None else None,
        "messages": [[m.role, m.content] for m in messages],
    }
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()


def _write_json(path: Path, data: object) -> None:
    """Write ``data`` to ``path`` atomically; a cache that cannot be written is only slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)
    except OSError:
        pass


class MethodMemory:
    """The structured-output method each endpoint and model accepted, kept across runs."""

    def __init__(self, root: Path | None = None) -> None:
        self.path = cache_root(root) / "methods.json"
        self._lock = threading.Lock()
        self._data: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._data is None:
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                raw = {}
            self._data = {k: v for k, v in raw.items() if isinstance(v, str)} \
                if isinstance(raw, dict) else {}
        return self._data

    def get(self, endpoint: str, model: str) -> Any:
        """The method remembered for ``endpoint`` and ``model``, or None."""
        with self._lock:
            method = self._load().get(f"{endpoint}|{model}")
        return method if method in METHODS else None

    def put(self, endpoint: str, model: str, method: str) -> None:
        """Remember ``method`` for ``endpoint`` and ``model`` (written only when it changes)."""
        with self._lock:
            data = self._load()
            key = f"{endpoint}|{model}"
            if data.get(key) == method:
                return
            data[key] = method
            _write_json(self.path, data)


def _usage(entry: dict[str, Any]) -> Usage:
    """The usage the cached reply cost when it was fetched (so reports stay comparable)."""
    u = entry.get("usage") or {}
    return Usage(int(u.get("input_tokens", 0)), int(u.get("output_tokens", 0)))


class CachedBackend:
    """Serves replies from disk when it has them; stores complete, valid replies it fetches."""

    def __init__(self, inner: Backend, params: dict[str, Any], root: Path | None = None) -> None:
        self.inner = inner
        self.model = inner.model
        self.params = params
        self.root = cache_root(root)
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def _load(self, key: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and isinstance(data.get("text"), str) else None

    def _store(self, key: str, text: str, usage: Usage) -> None:
        _write_json(self._path(key), {"text": text, "usage": asdict(usage)})

    @property
    def method(self) -> Any:
        """The structured-output method of the backend below (part of a structured reply's key)."""
        return getattr(self.inner, "method", None)

    def _count(self, hit: bool) -> None:
        with self._lock:
            if hit:
                self.hits += 1
            else:
                self.misses += 1

    def complete(self, messages: Sequence[Message], schema: type[T]) -> Completion:
        key = cache_key("complete", messages, {**self.params, "method": self.method}, schema)
        entry = self._load(key)
        if entry is not None:
            self._count(True)
            return Completion(parse_reply(entry["text"], schema), entry["text"], _usage(entry))
        self._count(False)
        out = self.inner.complete(messages, schema)
        # stored under the method that produced the reply, which negotiation may have changed
        key = cache_key("complete", messages, {**self.params, "method": self.method}, schema)
        self._store(key, out.text, out.usage)
        return out

    def stream(self, messages: Sequence[Message]) -> TextStream:
        key = cache_key("stream", messages, self.params)
        entry = self._load(key)
        if entry is not None:
            self._count(True)
            return TextStream(iter([entry["text"]]), _usage(entry))
        self._count(False)
        inner = self.inner.stream(messages)
        usage = Usage()

        def chunks() -> Iterator[str]:
            parts: list[str] = []
            for chunk in inner:
                parts.append(chunk)
                yield chunk
            usage.input_tokens += inner.usage.input_tokens
            usage.output_tokens += inner.usage.output_tokens
            self._store(key, "".join(parts), inner.usage)

        return TextStream(chunks(), usage)
