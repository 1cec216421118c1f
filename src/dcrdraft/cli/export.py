"""``dcrdraft export``: an inputs file's draft in another format (Markdown, HTML or DOCX), or
its monitoring as Prometheus alerting rules."""

from __future__ import annotations

import click

from dcrdraft.draft.export import FORMATS, export, format_for
from dcrdraft.io import refuse_existing, write_atomic


@click.command("export")
@click.argument("inputs", type=click.Path())
@click.option("-o", "--output", type=click.Path(),
              help="Write here (default: stdout; required for docx).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from the -o suffix, .yml is prometheus; else md).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file (never INPUTS).")
def export_command(inputs: str, output: str | None, fmt: str | None, force: bool) -> None:
    """Export the draft of INPUTS as Markdown, HTML or DOCX, with the same content and order,
    or its monitoring signals and rollback triggers as Prometheus alerting rules."""
    chosen = format_for(output, fmt)
    if output:
        refuse_existing(output, force=force, inputs=[inputs])
    data = export(inputs, chosen)
    if output:
        write_atomic(output, data, force=force, inputs=[inputs])
        click.echo(f"dcrdraft: wrote {output} ({chosen})", err=True)
    else:
        click.echo(data, nl=False)


COMMANDS = [export_command]
