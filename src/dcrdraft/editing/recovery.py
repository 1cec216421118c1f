"""The recovery journal: unsaved edits of an inputs file, kept in the user state dir so that a
killed editor loses at most the last second of work.

One JSON file per edited file (named by a hash of its absolute path) under
``$XDG_STATE_HOME/dcrdraft/recovery`` (platformdirs' user state dir elsewhere). It holds the
edited data (dates tagged so they come back as dates) or, for a file that does not parse, the
raw text being edited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import platformdirs

from dcrdraft.io import write_atomic

Kind = Literal["data", "raw"]


@dataclass
class Entry:
    """One journaled state of an edited file."""

    path: str
    kind: Kind
    payload: Any
    """The edited data (``kind == "data"``) or the raw YAML text (``kind == "raw"``)."""
    saved_at: str
    """When the journal was written (ISO time, local)."""


def state_dir() -> Path:
    """dcrdraft's user state dir (``$XDG_STATE_HOME/dcrdraft`` when set)."""
    xdg = os.environ.get("XDG_STATE_HOME")
    if xdg:
        return Path(xdg) / "dcrdraft"

    return Path(platformdirs.user_state_dir("dcrdraft", appauthor=False))


def journal_path(path: str | Path) -> Path:
    """The journal file for the inputs file ``path``."""
    key = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:20]
    return state_dir() / "recovery" / f"{Path(path).name}.{key}.json"


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        if set(value) == {"$datetime"}:
            return dt.datetime.fromisoformat(value["$datetime"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def write(path: str | Path, kind: Kind, payload: Any) -> Path:
    """Journal the current edits of ``path`` (atomically, replacing the previous entry)."""
    target = journal_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    entry = {"path": str(Path(path).resolve()), "kind": kind, "payload": _encode(payload),
             "saved_at": dt.datetime.now().isoformat(timespec="seconds")}
    return write_atomic(target, json.dumps(entry, ensure_ascii=False), force=True)


def read(path: str | Path) -> Entry | None:
    """The journaled edits of ``path``, or None when there are none (or they are unreadable)."""
    target = journal_path(path)
    try:
        raw = json.loads(target.read_text(encoding="utf-8"))
        return Entry(raw["path"], raw["kind"], _decode(raw["payload"]), raw["saved_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear(path: str | Path) -> None:
    """Forget the journal of ``path`` (after a save or an explicit discard)."""
    journal_path(path).unlink(missing_ok=True)
