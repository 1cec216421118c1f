"""``dcrdraft review PATH...``: review DCRs and gate on the result."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import ConfigError, ExitCode


def _progress(total_hint: int):  # type: ignore[no-untyped-def]
    """A rich progress bar on stderr for long batches on a terminal, else None."""
    if total_hint < 20 or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(),
                   MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("reviewing", total=total_hint)
    return bar, (lambda done, total: bar.update(task, completed=done, total=total))


@click.command("review")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=1, show_default=True,
              help="Worker processes (0 = one per CPU).")
@click.option("--fail-under", type=click.IntRange(0, 100), default=None,
              help="Fail when any file scores below SCORE (default: fail on any M-finding).")
@click.option("--rubric", "rubrics", multiple=True, type=click.Path(dir_okay=False),
              help="Extra rubric YAML adding or overriding rules (repeatable).")
def review_command(paths: tuple[str, ...], fmt: str, jobs: int, fail_under: int | None,
                   rubrics: tuple[str, ...]) -> None:
    """Review DCRs (files, folders, globs) against the checklist and common mistakes."""
    from ..review import expand, review_paths
    from ..review.render import render

    for r in rubrics:
        if not Path(r).is_file():
            raise ConfigError(f"{r}: rubric file not found")
    n = len(expand(paths))
    bar, progress = _progress(n)
    jobs = jobs or os.cpu_count() or 1
    if bar is not None:
        with bar:
            run = review_paths(paths, jobs=jobs, extra_rubrics=rubrics, progress=progress)
    else:
        run = review_paths(paths, jobs=jobs, extra_rubrics=rubrics)
    click.echo(render(run, fmt), nl=False)  # type: ignore[arg-type]
    for f in run.errors:
        click.echo(f"dcrdraft: {f.error}", err=True)
    if run.errors:
        sys.exit(ExitCode.USAGE)
    read = [f for f in run.files if f.error is None]
    if fail_under is not None:
        failed = any(f.score < fail_under for f in read)
    else:
        failed = any(x.code.startswith("M") for f in read for x in f.findings)
    sys.exit(ExitCode.GATE_FAILED if failed else ExitCode.OK)


COMMANDS = [review_command]
