"""``dcrdraft draft``: inputs file → DCR (Markdown or HTML)."""

from __future__ import annotations

import click

from ..paths import EXAMPLES


def _inputs_path(inputs: str | None, example: str | None) -> str:
    from ..errors import ConfigError
    from ..paths import example_path

    if example:
        return str(example_path(example))
    if not inputs:
        raise ConfigError("give an inputs file, or --example chatbot|radiology")
    return inputs


@click.command("draft")
@click.argument("inputs", required=False, type=click.Path(dir_okay=False))
@click.option("--example", type=click.Choice(EXAMPLES), help="Draft a built-in example instead.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default=None,
              help="Output format (default: from the -o suffix, else md; docx needs -o).")
@click.option("--engine", type=click.Choice(["auto", "template", "llm"]), default="auto",
              show_default=True, help="Who writes the prose: the template engine or an LLM.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def draft_command(inputs: str | None, example: str | None, output: str | None, fmt: str | None,
                  engine: str, force: bool) -> None:
    """Draft a complete nine-section DCR from an inputs file (YAML or JSON)."""
    from ..draft import draft
    from ..errors import LLMError
    from ..io import write_atomic
    from ..loader import load
    from ..render.export import format_for, render

    path = _inputs_path(inputs, example)
    fmt = format_for(output, fmt)
    inputs_model = load(path)
    if engine == "llm":
        raise LLMError("no LLM is configured: set OPENAI_API_KEY or OPENAI_BASE_URL "
                       "(the LLM engine is not available in this version); use --engine template")
    if engine == "auto":
        click.echo("dcrdraft: engine: template (no LLM configured)", err=True)
    result = draft(inputs_model, fmt="md" if fmt == "docx" else fmt)  # type: ignore[arg-type]
    if output:
        write_atomic(output, render(result, "docx") if fmt == "docx" else result.text, force=force)
        click.echo(f"dcrdraft: wrote {output} ({len(result.analysis.gaps)} open gaps)", err=True)
    else:
        click.echo(result.text, nl=False)


COMMANDS = [draft_command]
