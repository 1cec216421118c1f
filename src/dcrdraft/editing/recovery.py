"""The recovery journal: unsaved edits of an inputs file, kept in the user state dir so that a
killed editor loses at most the last second of work.

One JSON file per edited file (named by a hash of its absolute path) under
``$XDG_STATE_HOME/dcrdraft/recovery`` (platformdirs' user state dir elsewhere). It holds the
edited data (dates tagged so they come back as dates) or, for a file that does not parse, the
raw text being edited, and the hash of the file version the edits were made on: recovery is
offered only over that version. A journal that cannot be read (damaged, too large, nested too
deeply) is set aside beside itself with one message, never read again and never a crash.
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
    base: str | None = None
    """SHA-256 of the file the edits were made on (None: a file that did not exist yet)."""


MAX_JOURNAL_BYTES = 16 * 1024 * 1024
"""A journal larger than this is not read (an inputs file is at most 4 MB)."""

MAX_JOURNAL_DEPTH = 60
"""Deepest nesting of a journal's data (an inputs file allows 50)."""


@dataclass
class Recovered:
    """What the journal of a file offers: an entry to restore, and/or one line to show."""

    entry: Entry | None = None
    notice: str | None = None


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


def write(path: str | Path, kind: Kind, payload: Any, base: str | None = None) -> Path:
    """Journal the current edits of ``path`` made on the version hashed ``base`` (atomically,
    replacing the previous entry)."""
    target = journal_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    entry = {"path": str(Path(path).resolve()), "kind": kind, "payload": _encode(payload),
             "saved_at": dt.datetime.now().isoformat(timespec="seconds"), "base": base}
    return write_atomic(target, json.dumps(entry, ensure_ascii=False), force=True)


def _depth_ok(value: Any, limit: int = MAX_JOURNAL_DEPTH) -> bool:
    """True when ``value`` nests at most ``limit`` levels (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return True


def _parse(raw_text: str) -> Entry:
    """The entry in a journal's text; ValueError for anything but a well-formed journal."""
    try:
        raw = json.loads(raw_text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(raw, dict) or raw.get("kind") not in ("data", "raw"):
        raise ValueError("not a journal")
    payload, base = raw.get("payload"), raw.get("base")
    if raw["kind"] == "raw" and not isinstance(payload, str) or \
            raw["kind"] == "data" and not isinstance(payload, dict):
        raise ValueError("payload of the wrong type")
    if not _depth_ok(payload):
        raise ValueError("nested too deeply")
    if not isinstance(raw.get("path"), str) or not isinstance(raw.get("saved_at"), str) or \
            not (base is None or isinstance(base, str)):
        raise ValueError("fields of the wrong type")
    return Entry(raw["path"], raw["kind"], _decode(payload), raw["saved_at"], base)


def set_aside(path: str | Path, slug: str, reason: str) -> str:
    """Move the journal of ``path`` out of the way (kept beside it, suffixed ``slug``) and say
    why in one line."""
    target = journal_path(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.{slug}-{stamp}")
    try:
        os.replace(target, aside)
    except OSError:
        target.unlink(missing_ok=True)
        return f"Unsaved changes of {Path(path).name} not restored: {reason}; journal removed"
    return f"Unsaved changes of {Path(path).name} not restored: {reason}; journal kept as {aside}"


def read(path: str | Path) -> Entry | None:
    """The journaled edits of ``path``, or None when there are none or they are unreadable."""
    return recover(path).entry


def recover(path: str | Path, base: str | None = None, *, check_base: bool = False) -> Recovered:
    """The journal of ``path``: its entry when readable (and, with ``check_base``, made on the
    version hashed ``base``); a journal that cannot be used is set aside with a notice."""
    target = journal_path(path)
    try:
        if not target.is_file():
            return Recovered()
        if target.stat().st_size > MAX_JOURNAL_BYTES:
            return Recovered(notice=set_aside(path, "damaged", "the journal is too large"))
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Recovered(notice=set_aside(path, "damaged", "the journal cannot be read"))
    try:
        entry = _parse(text)
    except (ValueError, KeyError, TypeError) as exc:
        return Recovered(notice=set_aside(path, "damaged", f"the journal is damaged ({exc})"))
    if check_base and entry.base != base:
        return Recovered(notice=set_aside(
            path, "other-version", "the file was changed outside the editor since they were made"))
    return Recovered(entry)


def clear(path: str | Path) -> None:
    """Forget the journal of ``path`` (after a save or an explicit discard)."""
    journal_path(path).unlink(missing_ok=True)
