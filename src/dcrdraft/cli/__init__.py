"""The ``dcrdraft`` command line: a click group whose commands live one per module here.

Commands only parse options, call one core function, render and exit; every ``DcrError``
becomes one line per problem on stderr and exit code 2, never a traceback. A command's module
is imported only when that command runs or help lists it, so ``dcrdraft review`` never pays
for the drafting, export or TUI imports.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from typing import Any

import click

from dcrdraft import __version__
from dcrdraft.cli import fastexit
from dcrdraft.errors import DcrError, ExitCode, InputError

COMMAND_MODULES: dict[str, str] = {
    "draft": "draft", "schema": "inputs_cmds", "init": "inputs_cmds", "review": "review",
    "rules": "rules", "config": "config", "llm": "llm", "export": "export", "sign": "sign",
    "tui": "tui", "extract": "extract",
}
"""Command name -> module in this package whose ``COMMANDS`` list defines it. A module that is
absent (a front end not installed) simply contributes no command."""


def _module(name: str) -> Any | None:
    """The command module ``name``, or None when it does not exist."""
    full = f"{__name__}.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise
        return None


def _exists(name: str) -> bool:
    return importlib.util.find_spec(f"{__name__}.{name}") is not None


def _lines(err: DcrError) -> list[str]:
    """What the user sees: ``file:line: field: message`` per located problem (at most
    ``MAX_PROBLEMS`` and a count), else ``dcrdraft: file: reason`` like every other error."""
    if isinstance(err, InputError) and err.problems:
        # lazy: the loader (ruamel) is imported only to show an inputs error
        from dcrdraft.inputs.loader import capped

        shown = capped(err.problems, err.problems[0].path)
        return [str(p) if p.line else f"dcrdraft: {p}" for p in shown]
    return [f"dcrdraft: {line}" for line in err.message.splitlines() or [err.title]]


class _Group(click.Group):
    """Loads command modules on demand and turns ``DcrError`` into one line and exit 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [c for c, m in COMMAND_MODULES.items() if _exists(m)]
        return sorted(set(lazy) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        modules = [COMMAND_MODULES[cmd_name]] if cmd_name in COMMAND_MODULES else \
            sorted(set(COMMAND_MODULES.values()))  # a command the map does not know yet
        for name in modules:
            module = _module(name)
            for command in getattr(module, "COMMANDS", ()):
                self.commands.setdefault(command.name, command)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DcrError as err:
            for line in _lines(err):
                click.echo(line, err=True)
            ctx.exit(ExitCode.USAGE)
        except KeyboardInterrupt:
            click.echo("dcrdraft: interrupted", err=True)
            ctx.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug: one line for the user, the trace on request
            if os.environ.get("DCRDRAFT_DEBUG"):
                raise
            said = " ".join(str(exc).split())
            said = said if len(said) <= 200 else said[:199] + "…"
            click.echo(f"dcrdraft: internal error: {type(exc).__name__}: {said} "
                       "(set DCRDRAFT_DEBUG=1 for the traceback, and please report it)", err=True)
            ctx.exit(ExitCode.USAGE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dcrdraft")
def cli() -> None:
    """Draft and review Deployment Clearance Reports (DCRs) for AI systems."""


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        cli.main(args=argv, prog_name="dcrdraft")
    except SystemExit as done:
        if fastexit.requested():  # the command has nothing left running (see fastexit)
            fastexit.finish(done.code)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
