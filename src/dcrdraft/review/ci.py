"""A review run as CI needs it: config per file, selection, suppressions, anchors for missing
content, ``--changed-since`` file picking and a ``--compare-to`` base review of each file.

    run_ci(RunOptions(...)) -> CiRun        (CiRun.report is the plain RunReport)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from dcrdraft.config.project import Config, ConfigResolver, load_config
from dcrdraft.errors import ConfigError, DcrError
from dcrdraft.ingest import format_for, read_document
from dcrdraft.ingest.document import Document
from dcrdraft.ingest.source import REVIEW_CHARS
from dcrdraft.review.anchors import Anchor, anchors_for
from dcrdraft.review.api import PARALLEL_MIN, chunk_size, expand
from dcrdraft.review.cache import ResultCache
from dcrdraft.review.engine import review_document
from dcrdraft.review.models import FileReport, RunReport, Severity
from dcrdraft.review.policy import FailOn, Policy, Waiver, build_policy, relpath, waivers_for
from dcrdraft.review.rubric import Rule, load_rubric
from dcrdraft.review.suppress import Suppressed, apply

Progress = Callable[[int, int], None]

AUTO_PARALLEL_MIN = 32
"""With ``jobs=0`` (auto) a run uses one process per CPU from this many files: below it,
starting workers costs about what they save (a review takes ~5-10 ms a file)."""


@dataclass
class RunOptions:
    """What the command line asks for; None means "as configured"."""

    paths: Sequence[str] = ()
    """Files, folders or globs; when given they replace the configured ``paths``."""
    config: str | None = None
    isolated: bool = False
    select: Sequence[str] | None = None
    ignore: Sequence[str] | None = None
    severity: dict[str, str] | None = None
    rubrics: Sequence[str] = ()
    changed_since: str | None = None
    compare_to: str | None = None
    jobs: int = 1
    """Worker processes; 0 = one per CPU when at least ``AUTO_PARALLEL_MIN`` files, else 1."""
    cache: ResultCache | None = None
    """Reuse and store raw reviews (``review.cache``); None reviews every file afresh."""


@dataclass
class FileResult:
    """One file's reported review, what was suppressed, anchors and the base review."""

    report: FileReport
    suppressed: list[Suppressed] = field(default_factory=list)
    anchors: dict[str, Anchor] = field(default_factory=dict)
    base: FileReport | None = None
    """The same file reviewed as it was at ``--compare-to``; None if not compared or new."""
    is_new: bool = False
    """True when compared and the file did not exist at the base."""
    lines: dict[int, str] = field(default_factory=dict)
    """The source text of each line a finding starts on (its evidence line), for reports
    that quote it."""


@dataclass
class CiRun:
    """The files of a run in input order, the rules seen and the base ref compared to."""

    files: list[FileResult] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    compare_to: str | None = None
    fail_on: FailOn | None = None
    fail_under: int | None = None
    llm: dict[str, Any] | None = None
    """What the LLM judge did under ``review --llm`` (used or failed, and why); else None."""

    @property
    def report(self) -> RunReport:
        return RunReport.of([f.report for f in self.files])

    def item_severity(self) -> dict[str, Severity]:
        return {c: r.severity for c, r in self.rules.items() if r.kind == "item"}


@dataclass
class _Plan:
    """A file with the policy and waivers its config gives it."""

    path: str
    policy: Policy
    waivers: list[Waiver]
    cache: ResultCache | None = None


def _read(path: str) -> Document | FileReport:
    try:
        fmt = format_for(path)
    except DcrError as err:
        return FileReport(path, error=err.message)
    try:
        return read_document(path, budget=REVIEW_CHARS)
    except DcrError as err:
        return FileReport(path, fmt, error=err.message)
    except (OSError, ValueError, UnicodeError, MemoryError, RecursionError) as exc:
        return FileReport(path, fmt, error=f"{path}: cannot read ({type(exc).__name__}: {exc})")


def review_file(path: str, policy: Policy, waivers: Sequence[Waiver] = (),
                cache: ResultCache | None = None) -> FileResult:
    """Read, review, apply suppressions and anchor one file; read errors land in .error."""
    key = cache.key(path, policy.rubric) if cache is not None else None
    hit = cache.load(key, path) if cache is not None else None
    if hit is not None:
        doc, raw = hit
    else:
        got = _read(path)
        if isinstance(got, FileReport):
            return FileResult(got)
        doc = got
        try:
            raw = review_document(doc, policy.rubric)
        except RecursionError:
            return FileResult(FileReport(path, doc.format,
                                         error=f"{path}: document is nested too deeply to review"))
        if cache is not None:
            cache.store(key, doc, raw)
    report, suppressed = apply(raw, doc.lines, policy, waivers)
    if report.reviewed and policy.partial:
        report = replace(report, partial=policy.partial, ready=False)
    rules = {r.code: r for r in policy.known}
    quoted = {f.line: doc.line_text(f.line) for f in report.findings}
    return FileResult(report, suppressed, anchors_for(doc, report, rules),
                      lines={n: t for n, t in quoted.items() if t})


def _worker(plan: _Plan) -> FileResult:
    """One file of a batch: whatever goes wrong with it is its own ``error``, never the
    batch's, so every other file is still reviewed and reported."""
    try:
        return review_file(plan.path, plan.policy, plan.waivers, plan.cache)
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not sink the batch
        return FileResult(FileReport(plan.path, error=f"{plan.path}: internal error while "
                                     f"reviewing ({type(exc).__name__}: {exc}); please report it"))


class _Planner:
    """Builds each file's policy from its config, once per config file."""

    def __init__(self, opts: RunOptions) -> None:
        self.opts = opts
        self.resolver = ConfigResolver(opts.config, opts.isolated)
        self._policies: dict[str, Policy] = {}

    def policy(self, cfg: Config) -> Policy:
        key = str(cfg.path)
        if key not in self._policies:
            s, o = cfg.settings, self.opts
            rubrics = [str(cfg.root / r) for r in s.rubrics] + list(o.rubrics)
            severity = {**s.severity, **(o.severity or {})}
            try:
                self._policies[key] = build_policy(
                    load_rubric(rubrics), s.select if o.select is None else o.select,
                    s.ignore if o.ignore is None else o.ignore, severity,
                    s.inline_suppressions, s.report_unused_suppressions)
            except ConfigError as err:
                where = f"{cfg.path}: " if cfg.path else ""
                raise ConfigError(f"{where}{err.message}") from err
        return self._policies[key]

    def plan(self, path: str) -> _Plan:
        cfg = self.resolver.for_file(path)
        policy = self.policy(cfg)
        entries = [(e.path, e.codes, e.reason, str(cfg.path)) for e in cfg.settings.ignores]
        return _Plan(path, policy, waivers_for(path, entries, policy) if entries else [],
                     self.opts.cache)


def select_files(opts: RunOptions, run_config: Config) -> list[str]:
    """The files to review: CLI paths (or the configured globs), narrowed to those changed
    since ``opts.changed_since`` when given."""
    if opts.paths:
        specs = list(opts.paths)
    elif run_config.settings.paths:
        specs = [relpath(str(run_config.root / p)) for p in run_config.settings.paths]
    else:
        raise ConfigError("nothing to review: name files, folders or globs, or set "
                          "'paths' in .dcrdraft.toml")
    files = expand(specs)
    if opts.changed_since is None:
        return files
    # lazy: git (subprocess) is needed only with --changed-since or --compare-to
    from dcrdraft.review import vcs

    changed = {str(Path(p).resolve()) for p in vcs.changed_since(opts.changed_since)}
    return [f for f in files if str(Path(f).resolve()) in changed]


def _compare(result: FileResult, plan: _Plan, ref: str) -> FileResult:
    from dcrdraft.review import vcs  # lazy: as above

    if result.report.error is not None:
        return result
    content = vcs.show(ref, plan.path)
    if content is None:
        return replace(result, is_new=True)
    with tempfile.TemporaryDirectory(prefix="dcrdraft-base-") as tmp:
        copy = Path(tmp) / Path(plan.path).name
        copy.write_bytes(content)
        base = review_file(str(copy), plan.policy, plan.waivers).report
    return replace(result, base=replace(base, path=result.report.path))


def run_ci(opts: RunOptions, progress: Progress | None = None) -> CiRun:
    """Review what ``opts`` selects; reports keep input order whatever ``opts.jobs``."""
    run_config = load_config(".", explicit=opts.config, isolated=opts.isolated)
    files = select_files(opts, run_config)
    planner = _Planner(opts)
    plans = [planner.plan(f) for f in files]
    results: list[FileResult] = []
    jobs = opts.jobs or ((os.cpu_count() or 1) if len(plans) >= AUTO_PARALLEL_MIN else 1)
    if jobs <= 1 or len(plans) < PARALLEL_MIN:
        for i, p in enumerate(plans, 1):
            results.append(_worker(p))
            if progress:
                progress(i, len(plans))
    else:
        # lazy: multiprocessing is needed only for -j > 1
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, res in enumerate(pool.map(_worker, plans,
                                             chunksize=chunk_size(len(plans), jobs)), 1):
                results.append(res)
                if progress:
                    progress(i, len(plans))
    if opts.compare_to is not None:
        from dcrdraft.review import vcs  # lazy: as above

        vcs.verify_ref(opts.compare_to)
        results = [_compare(r, p, opts.compare_to) for r, p in zip(results, plans)]
    rules: dict[str, Rule] = {}
    for p in plans:
        for r in p.policy.known:
            rules.setdefault(r.code, r)
    if not plans:
        rules = {r.code: r for r in planner.policy(run_config).known}
    return CiRun(results, rules, opts.compare_to, run_config.settings.fail_on,
                 run_config.settings.fail_under)
