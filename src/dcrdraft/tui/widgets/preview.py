"""The preview tab: the draft as rendered Markdown with its gaps highlighted, the segment
chart, and the LLM drafting panel (progress, streamed text, grounding warnings)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Log, ProgressBar, Static

from dcrdraft.tui.widgets.chart import SegmentChart

if TYPE_CHECKING:
    from textual.widgets import Markdown

    from dcrdraft.analysis.core import Analysis

_MERMAID = re.compile(r"```mermaid\n.*?```\n?", re.S)
_INLINE_GAP = re.compile(r"_Gap(:[^_|\n]*)?_")
_QUOTED_GAP = re.compile(r"^> \*\*Gap:\*\*", re.M)


def highlight_gaps(markdown: str) -> str:
    """The draft with gaps made to stand out (charts are drawn by the chart widget instead)."""
    text = _MERMAID.sub("", markdown)
    text = _INLINE_GAP.sub(lambda m: f"**⚠ Gap{m.group(1) or ''}**", text)
    return _QUOTED_GAP.sub("> **⚠ Gap:**", text)


def _markdown_class() -> type[Markdown]:
    """Textual's Markdown widget (and markdown-it), loaded when a draft is first shown."""
    from textual.widgets import Markdown  # lazy: the preview tab is not on the first screen

    return Markdown


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
    """Set the draft with ``show``; the Markdown is re-rendered only when it changed.
    ``follow(number)`` keeps section ``number``'s heading at the top (0: the top)."""

    def __init__(self) -> None:
        super().__init__(id="preview")
        self._markdown = ""
        self.section = 0
        """The DCR section number the preview follows (the navigator's selection)."""
        self.followed: str | None = None
        """The heading the preview last scrolled to (None: the top, or not rendered yet)."""

    def compose(self) -> ComposeResult:
        panel = LLMPanel(id="llm-panel")
        panel.display = False
        yield panel
        yield Static("Segment results against their thresholds", id="chart-title")
        yield SegmentChart(id="chart")

    def show(self, markdown: str, analysis: Analysis) -> None:
        self.query_one(SegmentChart).show(analysis)
        self.query_one("#chart-title").display = bool(analysis.inputs.evaluation.segments)
        if markdown == self._markdown:
            return
        self._markdown = markdown
        found = self.query("#draft-md")
        if found:
            found.first(_markdown_class()).update(highlight_gaps(markdown))
        else:  # the first draft shown: the Markdown widget is made only when needed
            self.mount(_markdown_class()(highlight_gaps(markdown), id="draft-md"))

    def follow(self, number: int) -> None:
        """Scroll to section ``number``'s heading, now and after every re-render (0: to the
        top, once)."""
        self.section = number
        self.call_after_refresh(self._scroll_to_section)

    def on_markdown_table_of_contents_updated(
            self, event: Markdown.TableOfContentsUpdated) -> None:
        if self.section:  # at the top (section 0) a re-render leaves the scroll alone
            self.call_after_refresh(self._scroll_to_section)

    def watch_virtual_size(self) -> None:
        # blocks above the heading can still grow after the first scroll (tables, the chart)
        if self.followed is not None:
            self.call_after_refresh(self._scroll_to_section)

    def _scroll_to_section(self) -> None:
        if self.section == 0:
            self.followed = None
            self.scroll_home(animate=False)
            return
        prefix = f"## {self.section}. "
        # the rendered H2 blocks themselves: Markdown.table_of_contents is cached when read
        # while an update is still mounting blocks, so it can miss headings
        found = self.query("#draft-md")
        if not found:
            return
        for block in found.first().query("MarkdownH2"):
            source = getattr(block, "source", None) or ""
            if source.startswith(prefix):
                self.scroll_to_widget(block, top=True, animate=False)
                self.followed = source.strip()[3:]
                return

    @property
    def llm(self) -> LLMPanel:
        return self.query_one(LLMPanel)
