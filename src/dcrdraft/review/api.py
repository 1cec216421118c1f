"""Review files, folders and globs: read each (a failure becomes the report's ``error``),
review it, and keep the inputs' order whatever the number of worker processes."""

from __future__ import annotations

import glob as _glob
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from dcrdraft.errors import DcrError
from dcrdraft.ingest import format_for, read_document
from dcrdraft.ingest.source import REVIEW_CHARS
from dcrdraft.review.cache import ResultCache
from dcrdraft.review.engine import review_document
from dcrdraft.review.models import FileReport, RunReport
from dcrdraft.review.rubric import Rubric, load_rubric

REVIEWABLE = (".md", ".markdown", ".txt", ".text", ".html", ".htm", ".docx", ".pdf")
"""Suffixes picked up when a folder is given (inputs files are reviewed when named)."""

Progress = Callable[[int, int], None]

PARALLEL_MIN = 8
"""Below this many files a run stays in one process: starting workers costs more."""


def review_path(path: str | Path, rubric: Rubric | None = None,
                extra_rubrics: Sequence[str | Path] = (),
                cache: ResultCache | None = None) -> FileReport:
    """Read and review one file; an unreadable file gives a report with ``error`` set.
    With ``cache``, an unchanged file reviewed by the same rules is not read again."""
    p = str(path)
    try:
        fmt = format_for(p)
    except DcrError as err:
        return FileReport(p, error=err.message)
    key = None
    if cache is not None:
        rubric = rubric or load_rubric(extra_rubrics)
        key = cache.key(p, rubric)
        hit = cache.load(key, p)
        if hit is not None:
            return hit[1]
    try:
        doc = read_document(p, budget=REVIEW_CHARS)
    except DcrError as err:
        return FileReport(p, fmt, error=err.message)
    except (OSError, ValueError, UnicodeError, MemoryError, RecursionError) as exc:
        return FileReport(p, fmt, error=f"{p}: cannot read ({type(exc).__name__}: {exc})")
    rubric = rubric or load_rubric(extra_rubrics)
    try:
        report = review_document(doc, rubric)
    except RecursionError:
        return FileReport(p, fmt, error=f"{p}: document is nested too deeply to review")
    if cache is not None:
        cache.store(key, doc, report)
    return report


def expand(paths: Iterable[str | Path]) -> list[str]:
    """Files named, found in folders (sorted) or matched by globs, first occurrence kept;
    a path that matches nothing is kept so its report says why."""
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = str(raw)
        if os.path.isdir(p):
            for f in sorted(Path(p).rglob("*")):
                if f.is_file() and f.suffix.lower() in REVIEWABLE and \
                        not any(part.startswith(".") for part in f.relative_to(p).parts):
                    add(str(f))
        elif not os.path.exists(p) and any(c in p for c in "*?["):
            matches = sorted(m for m in _glob.glob(p, recursive=True) if os.path.isfile(m))
            for m in matches:
                add(m)
            if not matches:
                add(p)
        else:
            add(p)
    return out


def _worker(args: tuple[str, tuple[str, ...], ResultCache | None]) -> FileReport:
    path, extra, cache = args
    return review_path(path, extra_rubrics=extra, cache=cache)  # rubric loaded once a process


def chunk_size(total: int, jobs: int) -> int:
    """Files handed to a worker at a time: about four rounds per worker, at most 32 files,
    so workers stay busy without a round trip per file."""
    return max(1, min(32, total // (jobs * 4)))


def review_paths(paths: Iterable[str | Path], jobs: int = 1,
                 extra_rubrics: Sequence[str | Path] = (),
                 progress: Progress | None = None,
                 cache: ResultCache | None = None) -> RunReport:
    """Review every file under ``paths`` with ``jobs`` processes; reports keep input order."""
    files = expand(paths)
    extra = tuple(str(p) for p in extra_rubrics)
    rubric = load_rubric(extra)  # fail fast on a bad rubric, before any worker starts
    total = len(files)
    reports: list[FileReport] = []
    if jobs <= 1 or total < PARALLEL_MIN:
        for i, f in enumerate(files, 1):
            reports.append(review_path(f, rubric, cache=cache))
            if progress:
                progress(i, total)
        return RunReport.of(reports)
    # lazy: multiprocessing is needed only for -j > 1
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for i, rep in enumerate(pool.map(_worker, [(f, extra, cache) for f in files],
                                         chunksize=chunk_size(total, jobs)), 1):
            reports.append(rep)
            if progress:
                progress(i, total)
    return RunReport.of(reports)
