"""The ``dcrdraft`` command line: a click group whose commands live one per module here.

Commands only parse options, call one core function, render and exit; every ``DcrError``
becomes one line per problem on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import __version__
from ..errors import DcrError, ExitCode, InputError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DcrError as err:
            located = isinstance(err, InputError)  # its lines start with file:line already
            for line in err.message.splitlines() or [err.title]:
                click.echo(line if located else f"dcrdraft: {line}", err=True)
            ctx.exit(ExitCode.USAGE)
        except KeyboardInterrupt:
            click.echo("dcrdraft: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dcrdraft")
def cli() -> None:
    """Draft and review Deployment Clearance Reports (DCRs) for AI systems."""


def _register() -> None:
    from . import draft, inputs_cmds

    for module in (draft, inputs_cmds):
        for command in module.COMMANDS:
            cli.add_command(command)
    # Commands contributed by later front-end modules register themselves when present.
    import importlib

    for name in ("review", "rules", "config", "llm", "export", "sign", "tui"):
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="dcrdraft")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
