"""The preview tab: the draft as rendered Markdown with its gaps highlighted, the segment
chart, and the LLM drafting panel (progress, streamed text, grounding warnings)."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Log, Markdown, ProgressBar, Static

from dcrdraft.analysis.core import Analysis
from dcrdraft.tui.widgets.chart import SegmentChart

_MERMAID = re.compile(r"```mermaid\n.*?```\n?", re.S)
_INLINE_GAP = re.compile(r"_Gap(:[^_|\n]*)?_")
_QUOTED_GAP = re.compile(r"^> \*\*Gap:\*\*", re.M)


def highlight_gaps(markdown: str) -> str:
    """The draft with gaps made to stand out (charts are drawn by the chart widget instead)."""
    text = _MERMAID.sub("", markdown)
    text = _INLINE_GAP.sub(lambda m: f"**⚠ Gap{m.group(1) or ''}**", text)
    return _QUOTED_GAP.sub("> **⚠ Gap:**", text)


class LLMPanel(Vertical):
    """Progress of a running LLM draft; hidden when no draft has been asked for."""

    def compose(self) -> ComposeResult:
        yield Static("", id="llm-status")
        yield ProgressBar(id="llm-progress", show_eta=False)
        yield Log(id="llm-stream", max_lines=200)
        yield Static("", id="llm-warnings")

    def start(self, parts: int) -> None:
        self.display = True
        self.query_one("#llm-status", Static).update(
            f"Drafting with the LLM: executive summary and {parts - 1} risk entries · Esc cancels")
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one(Log).clear()
        self.query_one("#llm-warnings", Static).update("")

    def token(self, text: str) -> None:
        self.query_one(Log).write(text)

    def finish(self, status: str, warnings: list[str], parts: int) -> None:
        self.query_one("#llm-status", Static).update(status)
        self.query_one(ProgressBar).update(total=max(parts, 1), progress=max(parts, 1))
        shown = "\n".join(f"⚠ {w}" for w in warnings)
        self.query_one("#llm-warnings", Static).update(shown)


class Preview(VerticalScroll):
    """Set the draft with ``show``; the Markdown is re-rendered only when it changed."""

    def __init__(self) -> None:
        super().__init__(id="preview")
        self._markdown = ""

    def compose(self) -> ComposeResult:
        panel = LLMPanel(id="llm-panel")
        panel.display = False
        yield panel
        yield Static("Segment results against their thresholds", id="chart-title")
        yield SegmentChart(id="chart")
        yield Markdown("", id="draft-md")

    def show(self, markdown: str, analysis: Analysis) -> None:
        self.query_one(SegmentChart).show(analysis)
        self.query_one("#chart-title").display = bool(analysis.inputs.evaluation.segments)
        if markdown != self._markdown:
            self._markdown = markdown
            self.query_one(Markdown).update(highlight_gaps(markdown))

    @property
    def llm(self) -> LLMPanel:
        return self.query_one(LLMPanel)
