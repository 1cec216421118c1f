"""What a review's result depends on besides the document: the version, every source file of
the code that reviews (and drafts, for an inputs file) and the rubric files, by size and
modification time, and the review date. Light to import: the TUI keys its first frame on it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dcrdraft import __version__
from dcrdraft.errors import DcrError
from dcrdraft.paths import rubrics_dir

_PKG = Path(__file__).resolve().parents[1]
_CODE = ("review", "ingest", "monitoring", "paths.py", "clock.py",
         # an inputs file is reviewed as its draft: the drafting code decides that text
         "draft", "templates", "analysis", "inputs", "figures.py", "templating.py")
"""Parts of the package whose code (or templates) decides a review's result."""


def review_date() -> str:
    """The review date (``DCRDRAFT_TODAY`` or today); unreadable values give ""."""
    from dcrdraft.clock import today  # lazy: datetime is needed only when a key is made

    try:
        return today().isoformat()
    except DcrError:
        return ""


def code_fingerprint() -> str:
    """Version plus size and mtime of every source file a review runs and of the rubrics."""
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    files: list[Path] = []
    for part in _CODE:
        p = _PKG / part
        files += sorted(f for f in p.rglob("*") if f.suffix in (".py", ".j2")) \
            if p.is_dir() else [p]
    files += sorted(rubrics_dir().glob("*.yaml"))
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()
