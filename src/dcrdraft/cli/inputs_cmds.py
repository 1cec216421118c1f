"""``dcrdraft schema`` and ``dcrdraft init``: help authors write a valid inputs file."""

from __future__ import annotations

import json

import click

from dcrdraft.inputs.model import Inputs
from dcrdraft.inputs.starter import starter_text
from dcrdraft.io import write_atomic


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the inputs file (for editor completion)."""
    schema = Inputs.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dcrdraft inputs"
    click.echo(json.dumps(schema, indent=2))


@click.command("init")
@click.argument("path", required=False, default="dcr-inputs.yaml", type=click.Path())
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init_command(path: str, force: bool) -> None:
    """Write a commented starter inputs file (default: dcr-inputs.yaml)."""
    write_atomic(path, starter_text(), force=force)
    click.echo(f"dcrdraft: wrote {path}; fill it in, then run: dcrdraft draft {path}", err=True)


COMMANDS = [schema_command, init_command]
