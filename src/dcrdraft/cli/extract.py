"""``dcrdraft extract DOC``: an existing DCR, model card or validation report as an inputs file."""

from __future__ import annotations

import click

from dcrdraft.io import refuse_input, write_atomic


@click.command("extract")
@click.argument("document", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Inputs file to write (default: standard output).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def extract_command(document: str, output: str | None, force: bool) -> None:
    """Write the facts DOCUMENT states as a dcrdraft inputs file (source lines as comments)."""
    # lazy: the CLI imports only the command it runs
    from dcrdraft.ingest import read_document
    from dcrdraft.inputs.loader import load_text  # lazy: as above
    from dcrdraft.review.extract import extract_inputs  # lazy: as above

    text = extract_inputs(read_document(document))
    load_text(text, output or "<extracted>")  # what is written always validates
    if output is None:
        click.echo(text, nl=False)
        return
    refuse_input(output, [document])
    write_atomic(output, text, force=force)
    click.echo(f"dcrdraft: wrote {output}; run: dcrdraft draft {output}", err=True)


COMMANDS = [extract_command]
