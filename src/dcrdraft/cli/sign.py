"""``dcrdraft sign``: record a sign-off, bound to the material content, in the inputs file."""

from __future__ import annotations

import datetime as dt

import click

from dcrdraft.inputs.signing import record_signoff
from dcrdraft.inputs.types import DECISIONS


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


@click.command("sign")
@click.argument("inputs", type=click.Path())
@click.option("--role", required=True, help="The signing role, e.g. 'Chief Medical Officer'.")
@click.option("--name", required=True, help="Who signs.")
@click.option("--decision", required=True,
              type=click.Choice(DECISIONS), help="The same vocabulary as the "
              "recommendation's decision.")
@click.option("--note", default=None, help="Conditions or remarks.")
@click.option("--date", "on", default=None, callback=_date, hidden=True,
              help="Sign as of this ISO date (tests; default today or DCRDRAFT_TODAY).")
def sign_command(inputs: str, role: str, name: str, decision: str, note: str | None,
                 on: dt.date | None) -> None:
    """Record ROLE's decision in INPUTS with today's date and a hash of the material content."""
    signed = record_signoff(inputs, role=role, name=name, decision=decision, note=note, on=on)
    click.echo(f"dcrdraft: {signed.role} ({signed.name}) signed {decision} on {signed.date} "
               f"[{signed.content_hash}] in {inputs}", err=True)


COMMANDS = [sign_command]
