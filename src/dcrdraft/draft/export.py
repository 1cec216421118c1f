"""One draft in any output format: Markdown as drafted, or HTML and DOCX rendered from it.

Every format is made from the same Markdown, so content and order agree across formats.
"""

from __future__ import annotations

from typing import Literal

from dcrdraft.analysis.charts import charts_for
from dcrdraft.draft import DraftResult
from dcrdraft.errors import OutputError

OutputFormat = Literal["md", "html", "docx"]
FORMATS: tuple[OutputFormat, ...] = ("md", "html", "docx")
_SUFFIXES: dict[str, OutputFormat] = {".md": "md", ".markdown": "md", ".html": "html",
                                      ".htm": "html", ".docx": "docx"}


def format_for(output: str | None, fmt: str | None) -> OutputFormat:
    """The format asked for, else the one the output suffix implies, else Markdown; DOCX is
    binary and is refused on a terminal or pipe."""
    chosen: OutputFormat = "md"
    if fmt is not None:
        chosen = fmt  # type: ignore[assignment]  # click.Choice(FORMATS) checked it
    elif output:
        suffix = output[output.rfind("."):].lower() if "." in output else ""
        chosen = _SUFFIXES.get(suffix, "md")
    if chosen == "docx" and not output:
        raise OutputError("DOCX is a binary format: give an output file with -o report.docx")
    return chosen


def title_of(result: DraftResult) -> str:
    return f"Deployment Clearance Report: {result.analysis.inputs.system.name}"


def render(result: DraftResult, fmt: OutputFormat) -> str | bytes:
    """``result`` (a Markdown draft) in ``fmt``."""
    if fmt == "md":
        return result.text
    charts = charts_for(result.analysis).all
    if fmt == "html":
        # lazy: markdown-it is needed only for HTML output
        from dcrdraft.render.html import markdown_to_html

        return markdown_to_html(result.text, title=title_of(result), charts=charts)
    # lazy: python-docx is imported only for Word output
    from dcrdraft.render.docx import markdown_to_docx

    return markdown_to_docx(result.text, title=title_of(result), charts=charts)
