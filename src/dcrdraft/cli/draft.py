"""``dcrdraft draft``: inputs file → DCR (Markdown, HTML or Word), by template or LLM."""

from __future__ import annotations

import os
from typing import Literal

import click

from dcrdraft.cli import fastexit
from dcrdraft.errors import ConfigError, ExitCode, OutputError
from dcrdraft.io import refuse_existing, same_file, write_atomic
from dcrdraft.paths import EXAMPLES, example_path

CHOICES = ["auto", "json_schema", "function_calling", "json_mode", "prompt"]
"""--structured-output values (dcrdraft.llm.settings.CHOICES, not imported to keep start-up lean)."""


def _inputs_path(inputs: str | None, example: str | None) -> str:
    if example:
        return str(example_path(example))
    if not inputs:
        raise ConfigError("give an inputs file, or --example chatbot|radiology")
    return inputs


@click.command("draft", short_help="Draft a nine-section DCR from an inputs file.")
@click.argument("inputs", required=False, type=click.Path())
@click.option("--example", type=click.Choice(EXAMPLES), help="Draft a built-in example instead.")
@click.option("-o", "--output", type=click.Path(), help="Write here (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default=None,
              help="Output format (default: from the -o suffix, else md; docx needs -o).")
@click.option("--engine", type=click.Choice(["auto", "template", "llm"]), default="auto",
              show_default=True, help="Who writes the prose: the template engine or an LLM.")
@click.option("--model", help="LLM model name (else DCRDRAFT_MODEL, the [llm] table, a default).")
@click.option("--base-url", help="OpenAI-compatible endpoint (else OPENAI_BASE_URL, [llm]).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds to wait for one LLM reply (else the [llm] table, else 60).")
@click.option("--max-concurrency", type=click.IntRange(1, 32), default=None,
              help="LLM requests in flight at once (else the [llm] table, else 4).")
@click.option("--structured-output", type=click.Choice(CHOICES), default=None,
              help="How structured replies are asked for (else the [llm] table, else auto).")
@click.option("--strict", is_flag=True,
              help="Exit 3, writing nothing, if any part fell back to the template's text.")
@click.option("--report", "report_path", type=click.Path(),
              help="Write a JSON report of each drafted part (engine, attempts, tokens).")
@click.option("--no-cache", is_flag=True, help="Ask the LLM again even for cached prompts.")
@click.option("--config", "config_path", type=click.Path(),
              help="Config file (default: discovered from the inputs file's folder).")
@click.option("--force", is_flag=True, help="Overwrite existing output files (never an input).")
def draft_command(inputs: str | None, example: str | None, output: str | None, fmt: str | None,
                  engine: str, model: str | None, base_url: str | None, timeout: float | None,
                  max_concurrency: int | None, structured_output: str | None, strict: bool,
                  report_path: str | None, no_cache: bool, config_path: str | None,
                  force: bool) -> None:
    """Draft a nine-section DCR from an inputs file (YAML or JSON); missing inputs are gaps."""
    # lazy: the config reader (tomllib) is imported when the command runs, not for --help
    from dcrdraft.config.project import load_config
    # lazy: the drafting stack is imported when the command runs, not for --help
    from dcrdraft.draft import draft
    # lazy: the LLM settings and drafting stack are imported when the command runs, not for --help
    from dcrdraft.llm.run import (plan_engine, stream_target, strict_message, warm_up,
                                  write_report)
    # lazy: the loader (ruamel) is imported when the command runs, not for --help
    from dcrdraft.inputs.loader import load
    # lazy: the export renderers are imported when the command runs, not for --help
    from dcrdraft.draft.export import document_format_for, render

    path = _inputs_path(inputs, example)
    fmt = document_format_for(output, fmt)
    sources = [path, *([config_path] if config_path else [])]
    for target in filter(None, (output, report_path)):  # before spending LLM requests on it
        refuse_existing(target, force=force, inputs=sources)
    if output and report_path and same_file(output, report_path):
        raise OutputError(f"{report_path}: --report and -o name the same file")
    inputs_model = load(path)
    config = load_config(os.path.dirname(os.path.abspath(path)), explicit=config_path)
    plan = plan_engine(engine, model=model, base_url=base_url, no_cache=no_cache,
                       config=config.llm, timeout=timeout, max_concurrency=max_concurrency,
                       structured_output=structured_output)
    if plan.notice:
        click.echo(plan.notice, err=True)
    if plan.engine == "llm":  # LangChain's teardown at exit outlasts the drafting after replies
        fastexit.request()
    md_or_html: Literal["md", "html"] = "html" if fmt == "html" else "md"
    outcome = plan.draft_parts(inputs_model, on_token=stream_target(),
                               notify=lambda line: click.echo(line, err=True),
                               meanwhile=lambda: warm_up(inputs_model, md_or_html))
    for warning in outcome.warnings if outcome else []:
        click.echo(f"dcrdraft: warning: {warning}", err=True)
    if report_path:
        write_report(report_path, outcome, plan, force=force, inputs=sources)
    code = outcome.exit_code(strict) if outcome else ExitCode.OK
    if code == ExitCode.STRICT_FAILED and outcome is not None:
        click.echo(strict_message(outcome), err=True)
        raise SystemExit(code)
    result = draft(inputs_model, fmt=md_or_html,
                   parts=outcome.draft_parts if outcome else None, engine=plan.engine)
    if output:
        write_atomic(output, render(result, "docx") if fmt == "docx" else result.text,
                     force=force, inputs=sources)
        click.echo(f"dcrdraft: wrote {output} ({result.analysis.gaps_phrase})", err=True)
    else:
        click.echo(result.text, nl=False)


COMMANDS = [draft_command]
