"""A rule's explanation in review mode: what it asks, why, where it comes from, and examples
that fire and that do not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from dcrdraft.review.rubric import Rule


def rule_markdown(rule: Rule) -> str:
    """The rule as Markdown, from the same data ``dcrdraft rules`` shows."""
    out = [f"**{rule.title or rule.name}**", ""]
    if rule.rationale:
        out += [rule.rationale, ""]
    if rule.suggestion:
        out += [f"*Fix:* {rule.suggestion}", ""]
    if rule.source:
        out += [f"*Source:* {rule.source}", ""]
    for title, examples in (("Fires on", rule.fire), ("Does not fire on", rule.quiet)):
        if examples:
            out += [f"### {title}", ""]
            for ex in examples:
                out += ["```text", ex.rstrip("\n"), "```", ""]
    return "\n".join(out)


class RuleScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, rule: Rule) -> None:
        super().__init__()
        self.rule = rule

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rule-dialog"):
            yield Label(f"{self.rule.id} ({self.rule.severity})", classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Markdown(rule_markdown(self.rule))

    def action_close(self) -> None:
        self.dismiss(None)
