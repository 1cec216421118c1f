"""The results cache, as in ruff: a file's raw review is stored under the user cache folder
(``platformdirs.user_cache_dir("dcrdraft")``, which honours ``XDG_CACHE_HOME``) and reused
when nothing it depends on has changed.

The key hashes the file's bytes and reader, the rubric actually run (every rule with its
parameters), the rubric files and the reviewer's own code (version plus each source file's
size and modification time), so an edited check or rule never serves a stale result. An
entry keeps what the steps after the review need: the report, the source lines (for inline
suppressions) and the section outline (for anchors). Unreadable files are never cached.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dcrdraft import __version__
from dcrdraft.ingest.document import Document, Section
from dcrdraft.review.fingerprint import code_fingerprint, review_date
from dcrdraft.review.models import FileReport
from dcrdraft.review.rubric import Rubric

def cache_dir() -> Path:
    """Where reviews are cached: ``$XDG_CACHE_HOME/dcrdraft`` or the platform's equivalent."""
    # lazy: platformdirs is needed only when the cache is used, not to import the reviewer
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("dcrdraft", appauthor=False)) / "reviews" / __version__


@dataclass
class ResultCache:
    """Cached raw reviews in ``root``; ``enabled=False`` makes every lookup miss silently."""

    root: Path = field(default_factory=cache_dir)
    enabled: bool = True
    _rubric_keys: dict[int, tuple[Rubric, str]] = field(default_factory=dict, repr=False)
    _code: str | None = field(default=None, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        return {"root": self.root, "enabled": self.enabled, "_rubric_keys": {},
                "_code": self._code}

    def rubric_key(self, rubric: Rubric) -> str:
        """A hash of the rules run and of the code running them (computed once per rubric)."""
        got = self._rubric_keys.get(id(rubric))
        if got is not None and got[0] is rubric:
            return got[1]
        if self._code is None:
            self._code = code_fingerprint()
        h = hashlib.blake2b(self._code.encode(), digest_size=16)
        h.update(repr([(r.code, r.name, r.kind, r.check, r.params, r.severity, r.messages,
                        r.suggestion, r.weight) for r in rubric.rules]).encode())
        key = h.hexdigest()
        self._rubric_keys[id(rubric)] = (rubric, key)
        return key

    def key(self, path: str, rubric: Rubric) -> str | None:
        """The entry key for ``path`` reviewed with ``rubric``; None when it cannot be read."""
        if not self.enabled:
            return None
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        h = hashlib.blake2b(data, digest_size=20)
        h.update(f"\0{Path(path).suffix.lower()}\0{self.rubric_key(rubric)}".encode())
        # Overdue conditions (X10) depend on the date: a result is good for one day.
        h.update(f"\0{review_date()}".encode())
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def load(self, key: str | None, path: str) -> tuple[Document, FileReport] | None:
        """The cached (document outline, raw report) for ``key``, reported as ``path``."""
        if key is None:
            return None
        try:
            entry = json.loads(self._file(key).read_text(encoding="utf-8"))
            report = replace(FileReport.from_dict(entry["report"]), path=path)
            return _outline_document(path, entry), report
        except Exception:  # noqa: BLE001 - a damaged entry (any shape, any depth) is a miss
            return None

    def store(self, key: str | None, doc: Document, report: FileReport) -> None:
        """Save a review; a cache that cannot be written is skipped, never an error."""
        if key is None or report.error is not None:
            return
        entry = {"report": report.to_dict(), "format": doc.format, "pages": doc.pages,
                 "lines": doc.lines,
                 "outline": [[s.title, s.level, doc.source_line(s.line),
                              doc.source_line(s.end_line), s.kind] for s in doc.sections()]}
        import tempfile  # lazy: tempfile is needed only when a review is stored

        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, target)
        except OSError:
            return


def _outline_document(path: str, entry: dict[str, Any]) -> Document:
    """A document holding the cached lines and a flat list of its sections (titles, spans and
    kinds: all that suppressions and anchors read)."""
    root = Section(title="", level=0, line=1, end_line=max(1, len(entry["lines"])))
    root.children = [Section(title=t, level=lv, line=ln, end_line=end, path=(t,), kind=k)
                     for t, lv, ln, end, k in entry["outline"]]
    return Document(path=path, format=entry["format"], root=root, lines=entry["lines"],
                    pages=bool(entry.get("pages")))
