"""Option parsing shared by ``dcrdraft review`` and ``dcrdraft config``: ``FORMAT=PATH``
reports, ``CODE=LEVEL`` severities, comma lists; and writing reports without touching the
exit code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from dcrdraft.errors import ConfigError, DcrError
from dcrdraft.io import refuse_existing, same_file, write_atomic

FORMAT_NAMES = ("text", "json", "jsonl", "sarif", "github", "junit", "markdown", "html")
"""Kept equal to ``dcrdraft.review.formats.FORMATS`` (a test checks), so the CLI can build its
choices without importing the review package."""


def split_codes(values: Iterable[str]) -> list[str] | None:
    """``--select M01,M02 --select X`` as a list; None when the option was not given."""
    out = [v.strip() for raw in values for v in raw.split(",") if v.strip()]
    return out or None


def parse_reports(values: Sequence[str]) -> list[tuple[str, Path]]:
    """``FORMAT=PATH`` pairs, checked before any review runs."""
    out = []
    for raw in values:
        fmt, sep, path = raw.partition("=")
        fmt = fmt.strip().lower()
        if not sep or not path.strip():
            raise ConfigError(f"--report {raw!r}: expected FORMAT=PATH, e.g. sarif=out.sarif")
        if fmt not in FORMAT_NAMES:
            raise ConfigError(f"--report {raw!r}: unknown format {fmt!r} "
                              f"(one of {', '.join(FORMAT_NAMES)})")
        target = Path(path.strip())
        parent = target.parent if str(target.parent) else Path(".")
        if not parent.is_dir():
            raise ConfigError(f"--report {raw!r}: folder {parent} does not exist")
        if target.is_dir():
            raise ConfigError(f"--report {raw!r}: {target} is a folder")
        out.append((fmt, target))
    return out


def parse_severity(values: Sequence[str]) -> dict[str, str] | None:
    """``CODE=LEVEL`` overrides (``X06=error``)."""
    out: dict[str, str] = {}
    for raw in values:
        code, sep, level = raw.partition("=")
        level = level.strip().lower()
        if not sep or level not in ("error", "warning", "info"):
            raise ConfigError(f"--severity {raw!r}: expected CODE=error|warning|info")
        out[code.strip()] = level
    return out or None


def check_reports(reports: Sequence[tuple[str, Path]], inputs: Sequence[str], *,
                  force: bool) -> None:
    """Refuse, before any review runs, a report path that is a file under review, names
    another report's path, or exists without ``--force``."""
    for i, (fmt, path) in enumerate(reports):
        refuse_existing(path, force=force, inputs=inputs)
        for _other, earlier in reports[:i]:
            if same_file(path, earlier):
                raise ConfigError(f"--report {fmt}={path}: two reports name the same file")


def write_reports(reports: Sequence[tuple[str, Path]], render: object, *,
                  force: bool = False, inputs: Sequence[str] = ()) -> bool:
    """Write each report through the no-clobber check; a failure is printed and returned
    (True), never raised."""
    failed = False
    for fmt, path in reports:
        try:
            write_atomic(path, render(fmt), force=force, inputs=inputs)  # type: ignore[operator]
        except DcrError as err:
            click.echo(f"dcrdraft: {err.message}", err=True)
            failed = True
        else:
            click.echo(f"dcrdraft: wrote {fmt} report to {path}", err=True)
    return failed
