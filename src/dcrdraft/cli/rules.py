"""``dcrdraft rules [CODE]``: list the review rules or explain one with its examples."""

from __future__ import annotations

import click

from dcrdraft.errors import ConfigError


@click.command("rules", short_help="List the review rules, or explain one with its examples.")
@click.argument("code", required=False)
@click.option("--rubric", "rubrics", multiple=True, type=click.Path(),
              help="Extra rubric YAML adding or overriding rules (repeatable).")
def rules_command(code: str | None, rubrics: tuple[str, ...]) -> None:
    """List review rules, or explain CODE (e.g. M01 or vague-risk)."""
    # lazy: the reviewer compiles its patterns when the command runs, not for --help
    from dcrdraft.review import load_rubric
    from dcrdraft.review.render import render_rule, render_rules  # lazy: as above

    rubric = load_rubric(rubrics)
    if code is None:
        click.echo(render_rules(rubric), nl=False)
        return
    rule = rubric.get(code)
    if rule is None:
        raise ConfigError(f"unknown rule {code!r}; run 'dcrdraft rules' for the list")
    click.echo(render_rule(rule), nl=False)


COMMANDS = [rules_command]
