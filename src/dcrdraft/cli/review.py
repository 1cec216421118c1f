"""``dcrdraft review [PATH...]``: review DCRs, render them in one or more formats, gate.

Machine output goes to stdout or ``--report`` files, progress and notes to stderr. The exit
code is the gate's (0 pass, 1 fail, 2 usage or unreadable file); ``--exit-zero`` only turns
1 into 0 and writing reports never changes it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from dcrdraft.cli import fastexit
from dcrdraft.errors import ExitCode
from dcrdraft.io import write_atomic
from dcrdraft.cli.ci_options import (FORMAT_NAMES, check_reports, parse_reports,
                                     parse_severity, split_codes, write_reports)


def _progress(total_hint: int):  # type: ignore[no-untyped-def]
    """A rich progress bar on stderr for long batches on a terminal, else None."""
    if total_hint < 20 or not sys.stderr.isatty():
        return None, None
    # lazy: rich draws a progress bar only for long batches on a terminal
    from rich.console import Console
    # lazy: as above
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(),
                   MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("reviewing", total=total_hint)
    return bar, (lambda done, total: bar.update(task, completed=done, total=total))


class _LazyBar:
    """Starts the progress bar once the number of files is known."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.update: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and done == 1:
            self.bar, self.update = _progress(total)
            if self.bar is not None:
                self.bar.start()
        if self.update is not None:
            self.update(done, total)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@click.command("review")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text",
              show_default=True, help="Format written to stdout.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the --format output here instead of stdout (e.g. -o portfolio.html).")
@click.option("--force", is_flag=True,
              help="Overwrite existing -o and --report files (never a file under review).")
@click.option("--report", "reports", multiple=True, metavar="FORMAT=PATH",
              help="Also write FORMAT to PATH (repeatable), e.g. sarif=dcr.sarif.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0,
              help="Worker processes; default 0 = one per CPU for batches of "
                   "32+ files, else one.")
@click.option("--no-cache", is_flag=True,
              help="Review every file afresh, without reading or writing the results cache.")
@click.option("--fail-under", type=click.IntRange(0, 100), default=None,
              help="Fail when any file scores below SCORE (default: fail on any error finding).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="Fail on any reported finding or unmet item at this severity or above.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 when the gate fails (2 still shows).")
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes or names.")
@click.option("--ignore", multiple=True, help="Rules not to run: codes, prefixes or names.")
@click.option("--severity", "severities", multiple=True, metavar="CODE=LEVEL",
              help="Override a rule's severity (error, warning, info).")
@click.option("--rubric", "rubrics", multiple=True, type=click.Path(),
              help="Extra rubric YAML adding or overriding rules (repeatable).")
@click.option("--config", "config_path", type=click.Path(), default=None,
              help="Use this config file instead of discovering one.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--llm", "use_llm", is_flag=True,
              help="Let an LLM judge advise on C01, C07, C09, C19 (verbatim quotes only).")
@click.option("--changed-since", metavar="REF", default=None,
              help="Only files changed since git REF, plus untracked ones.")
@click.option("--compare-to", metavar="REF", default=None,
              help="Also review each file as it was at git REF and report the changes.")
def review_command(paths: tuple[str, ...], fmt: str, reports: tuple[str, ...], jobs: int,
                   fail_under: int | None, fail_on: str | None, exit_zero: bool,
                   select: tuple[str, ...], ignore: tuple[str, ...],
                   severities: tuple[str, ...], rubrics: tuple[str, ...],
                   config_path: str | None, isolated: bool, changed_since: str | None,
                   compare_to: str | None, use_llm: bool = False,
                   no_cache: bool = False, output: str | None = None,
                   force: bool = False) -> None:
    """Review DCRs (files, folders, globs) against the checklist and common mistakes."""
    # lazy: the pattern cache must be installed before the reviewer compiles its patterns
    from dcrdraft.review.regexcache import install

    install()  # before the reviewer compiles its patterns (never changes a result)
    # lazy: imported after regexcache.install() (above)
    from dcrdraft.review.cache import ResultCache
    from dcrdraft.review.ci import RunOptions, run_ci  # lazy: as above
    from dcrdraft.review.formats import render  # lazy: as above
    from dcrdraft.review.policy import gate  # lazy: as above
    from dcrdraft.review.api import expand  # lazy: as above

    targets = parse_reports(reports)
    reviewed = expand(paths)
    check_reports([*targets, *([(fmt, Path(output))] if output else [])], reviewed, force=force)
    opts = RunOptions(paths, config_path, isolated, split_codes(select), split_codes(ignore),
                      parse_severity(severities), rubrics, changed_since, compare_to,
                      jobs, ResultCache(enabled=not no_cache))
    bar = _LazyBar()
    try:
        run = run_ci(opts, progress=bar)
    finally:
        bar.stop()
    if use_llm:
        # lazy: the LLM stack is imported only with --llm
        from dcrdraft.llm.judge import judge_ci_run

        notes = judge_ci_run(run, config_path, isolated)
        run.llm = {"judge": "used" if not any("could not be used" in n for n in notes)
                   else "failed", "notes": notes}
        for note in notes:
            click.echo(f"dcrdraft: llm: {note}", err=True)
    sources = [f.report.path for f in run.files]
    nothing = run.report.nothing_reviewed()
    if output:
        write_atomic(output, render(run, fmt), force=force, inputs=sources)
        click.echo(f"dcrdraft: wrote {fmt} to {output}", err=True)
    else:
        out = render(run, fmt)
        if out.strip() and not (nothing and fmt == "text"):
            click.echo(out, nl=False)
    write_reports(targets, lambda name: render(run, name), force=force, inputs=sources)
    for f in run.report.errors:
        click.echo(f"dcrdraft: {f.error}", err=True)
    if nothing:
        click.echo(f"dcrdraft: {nothing}", err=True)
    code = gate(run.report, fail_on or run.fail_on,  # type: ignore[arg-type]
                run.fail_under if fail_under is None else fail_under, exit_zero,
                run.item_severity())
    if targets or output or sys.stderr.isatty():
        s = run.report.summary
        click.echo(f"dcrdraft: {s.files} file(s), {s.ready} ready, mean score "
                   f"{s.mean_score:g}; gate {'passed' if code == ExitCode.OK else 'failed'}",
                   err=True)
    fastexit.request()  # nothing left running: skip tearing down the reviewer's objects
    sys.exit(code)


COMMANDS = [review_command]
