"""``dcrdraft config [PATH]``: the effective settings for PATH (a file or folder; default the
working folder) and where each came from: a default, a config file, or an option."""

from __future__ import annotations

import json

import click


@click.command("config")
@click.argument("path", required=False, default=".")
@click.option("--config", "config_path", type=click.Path(), default=None,
              help="Show this config file instead of the discovered one.")
@click.option("--isolated", is_flag=True, help="Ignore every config file (defaults only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def config_command(path: str, config_path: str | None, isolated: bool, fmt: str) -> None:
    """Show the effective review settings and the source of each."""
    # lazy: tomllib and pydantic are imported when the command runs, not for --help
    from dcrdraft.config.project import describe, load_config

    cfg = load_config(path, explicit=config_path, isolated=isolated)
    rows = describe(cfg)
    if fmt == "json":
        data = {"config_file": str(cfg.path) if cfg.path else None,
                "settings": {k: {"value": v, "source": s} for k, v, s in rows}}
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"# config file: {cfg.path or 'none (defaults)'}")
    width = max(len(k) for k, _, _ in rows)
    for key, value, source in rows:
        shown = json.dumps(value, ensure_ascii=False)
        click.echo(f"{key:<{width}} = {shown}  # {source}")


COMMANDS = [config_command]
