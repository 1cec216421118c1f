"""``dcrdraft tui``: the interactive drafting and review app (textual is imported lazily)."""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from dcrdraft.errors import ExitCode
from dcrdraft.io import read_regular

if TYPE_CHECKING:
    from dcrdraft.editing.firstscore import FirstReview


@click.command("tui")
@click.argument("inputs", required=False, type=click.Path())
@click.option("--review", "review", type=click.Path(),
              help="Open a DCR document in review mode instead.")
def tui_command(inputs: str | None, review: str | None) -> None:
    """Draft a DCR interactively with a live checklist (or review one with --review)."""
    # found, not imported: importing textual (~0.1 s) would delay the child started below,
    # whose review is the first score's critical path
    if importlib.util.find_spec("textual") is None:
        _no_textual()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        click.echo("dcrdraft: the TUI needs a terminal (stdin and stdout are not one); use "
                   "`dcrdraft draft` or `dcrdraft review` in scripts", err=True)
        raise SystemExit(ExitCode.USAGE)
    first = _first_review(inputs, review)
    try:
        _check_readable(inputs, review)
        try:
            from dcrdraft.tui import run  # lazy: textual is imported only when the TUI starts
        except ImportError as exc:
            if (exc.name or "").partition(".")[0] != "textual":
                raise  # a broken dcrdraft module is a bug to show, not a missing extra
            _no_textual()
    except BaseException:
        if first is not None:
            first.stop()
        raise

    run(inputs, review=review, first=first)


def _no_textual() -> NoReturn:
    click.echo("dcrdraft: textual is missing from this install: pip install dcrdraft", err=True)
    raise SystemExit(ExitCode.USAGE)


def _first_review(inputs: str | None, review: str | None) -> FirstReview | None:
    """Start reviewing the inputs file in a child process now, so its score can show while
    this process still loads the app (the second core does the first review)."""
    if review is not None or inputs is None or not os.path.isfile(inputs):
        return None
    # lazy: only the drafting mode starts a first review
    from dcrdraft.editing.firstscore import FirstReview

    return FirstReview.start(inputs)


def _check_readable(inputs: str | None, review: str | None) -> None:
    """A file given that cannot be opened is one line here, before the screen is taken over
    (a missing inputs file is fine: the TUI starts it from the starter, unsaved)."""
    if review is not None:
        from dcrdraft.ingest import DEFAULT_MAX_BYTES  # lazy: the readers load on use

        read_regular(review, DEFAULT_MAX_BYTES, "document")
    elif inputs is not None and os.path.lexists(inputs):
        from dcrdraft.inputs.loader import read_inputs_bytes  # lazy: ruamel loads on use

        read_inputs_bytes(inputs)


COMMANDS = [tui_command]
