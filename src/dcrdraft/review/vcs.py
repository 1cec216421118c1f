"""The git questions a CI run asks: which files changed since a ref (plus untracked ones),
and what a file contained at a ref. Every failure is a ConfigError naming the ref."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from dcrdraft.errors import ConfigError


def _git(args: list[str], cwd: str | Path = ".") -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise ConfigError("git is not installed (needed for --changed-since/--compare-to)") \
            from exc
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"git {' '.join(args[:2])}: {why[-1] if why else 'failed'}")
    return done.stdout


def toplevel(cwd: str | Path = ".") -> Path:
    """The root of the git work tree containing ``cwd``."""
    return Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())


def verify_ref(ref: str, cwd: str | Path = ".") -> str:
    """The commit ``ref`` names, or ConfigError."""
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).decode().strip()
    except ConfigError as err:
        raise ConfigError(f"{ref}: not a git revision here") from err


def changed_since(ref: str, cwd: str | Path = ".") -> list[str]:
    """Files changed between ``ref`` and the work tree (committed, staged or not) and untracked
    files, deleted ones left out; paths relative to ``cwd`` where possible, sorted."""
    verify_ref(ref, cwd)
    top = toplevel(cwd)
    diff = _git(["diff", "--name-only", "--no-renames", "--diff-filter=d", "-z", ref, "--"],
                top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z"], top)
    names = {n for n in (diff + untracked).decode("utf-8", "surrogateescape").split("\0") if n}
    here = Path(cwd).resolve()
    out = []
    for n in sorted(names):
        full = top / n
        if not full.is_file():
            continue
        try:
            out.append(str(full.relative_to(here)))
        except ValueError:
            out.append(os.path.relpath(full, here))
    return out


def show(ref: str, path: str | Path, cwd: str | Path = ".") -> bytes | None:
    """The content of ``path`` at ``ref``, or None when the file did not exist there."""
    top = toplevel(cwd)
    rel = Path(path).resolve().relative_to(top.resolve()).as_posix()
    try:
        return _git(["show", f"{ref}:{rel}"], top)
    except ConfigError:
        verify_ref(ref, cwd)  # a bad ref is an error; a missing file is a new document
        return None
