"""``dcrdraft tui``: the interactive drafting and review app (textual is imported lazily)."""

from __future__ import annotations

import click

from dcrdraft.errors import ExitCode


@click.command("tui")
@click.argument("inputs", required=False, type=click.Path())
@click.option("--review", "review", type=click.Path(),
              help="Open a DCR document in review mode instead.")
def tui_command(inputs: str | None, review: str | None) -> None:
    """Draft a DCR interactively with a live checklist (or review one with --review)."""
    try:
        # lazy: probes for the tui extra only when the command runs
        import textual  # noqa: F401
    except ImportError:
        click.echo("dcrdraft: the TUI needs textual: pip install 'dcrdraft[tui]'", err=True)
        raise SystemExit(ExitCode.USAGE) from None
    from dcrdraft.tui import run  # lazy: textual is imported only when the TUI starts

    run(inputs, review=review)


COMMANDS = [tui_command]
