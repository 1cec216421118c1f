"""Atomic file output: write to a temporary file beside the target, then rename over it.

A crash or Ctrl-C leaves either the old file or the new one, never half of either.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from dcrdraft.errors import OutputError


def refuse_existing(path: str | Path, *, force: bool = False) -> None:
    """Raise ``OutputError`` when ``path`` exists and overwriting was not forced (callers check
    before expensive work; ``write_atomic`` checks again)."""
    if Path(path).exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to overwrite")


def refuse_input(path: str | Path, inputs: Iterable[str | Path]) -> None:
    """Raise ``OutputError`` when ``path`` is one of the run's ``inputs``: not even ``--force``
    overwrites what the run reads."""
    target = Path(path)
    if not target.exists():
        return
    if any(Path(src).exists() and Path(src).resolve() == target.resolve() for src in inputs):
        raise OutputError(f"{path}: is an input of this run; write elsewhere")


def write_atomic(path: str | Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless forced."""
    target = Path(path)
    refuse_existing(target, force=force)
    if target.exists() and target.is_dir():
        raise OutputError(f"{target}: is a directory")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{target}: folder {parent} does not exist")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
