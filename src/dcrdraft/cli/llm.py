"""``dcrdraft llm check``: probe the configured LLM endpoint and print what works."""

from __future__ import annotations

import json

import click

from dcrdraft.errors import ExitCode, LLMError

MARKS = {"ok": "✓", "partial": "~", "fails": "✗"}


@click.group("llm")
def llm_group() -> None:
    """Work with the LLM endpoint used for drafting and review --llm."""


@llm_group.command("check")
@click.option("--model", help="Model name (else DCRDRAFT_MODEL, the [llm] table, a default).")
@click.option("--base-url", help="OpenAI-compatible endpoint (else OPENAI_BASE_URL, [llm]).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds to wait for each probe (else the [llm] table, else 60).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True),
              help="Config file (default: discovered from the working folder).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def check_command(model: str | None, base_url: str | None, timeout: float | None,
                  config_path: str | None, fmt: str) -> None:
    """Probe the endpoint: reachable, model listed, each structured-output method, streaming
    with finish_reason, latency; print the config lines to use (exit 2 when nothing works)."""
    # lazy: the config reader (tomllib) is imported when the command runs, not for --help
    from dcrdraft.config.project import load_config
    # lazy: the LLM stack is imported when the command runs, not for --help
    from dcrdraft.llm.check import check
    # lazy: the LLM settings are imported when the command runs, not for --help
    from dcrdraft.llm.settings import resolve_settings

    cfg = load_config(".", explicit=config_path)
    settings = resolve_settings({"model": model, "base_url": base_url, "timeout": timeout},
                                {"llm": dict(cfg.llm)})
    if settings is None:
        raise LLMError("no LLM is configured: set OPENAI_API_KEY or OPENAI_BASE_URL, or "
                       "base_url in the [llm] table, or give --base-url")
    result = check(settings)
    if fmt == "json":
        click.echo(json.dumps({"endpoint": settings.endpoint, "model": settings.model,
                               "works": result.works, "method": result.method,
                               "max_concurrency": result.concurrency,
                               "probes": [ln.to_dict() for ln in result.lines],
                               "config": result.config}, indent=2, ensure_ascii=False))
    else:
        click.echo(f"{settings.model} at {settings.endpoint}")
        for ln in result.lines:
            secs = f" ({ln.seconds:.2f} s)" if ln.seconds is not None else ""
            click.echo(f"  {MARKS[ln.outcome]} {ln.what}{secs}: {ln.detail}")
        if result.config:
            click.echo("\nConfig to use (.dcrdraft.toml):")
            click.echo("\n".join(result.config))
        else:
            click.echo("\nNothing works: dcrdraft cannot draft with this endpoint.")
    if not result.works:
        raise SystemExit(ExitCode.USAGE)


COMMANDS = [llm_group]
