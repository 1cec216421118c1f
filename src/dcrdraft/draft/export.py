"""One inputs file in any output format: the draft as Markdown, HTML or DOCX, or its
monitoring and rollback conditions as Prometheus alerting rules.

Every document format is made from the same Markdown, so content and order agree across them.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Literal

from dcrdraft.draft import DraftResult, draft
from dcrdraft.errors import InputError, OutputError, Problem
from dcrdraft.inputs.loader import line_of, load, parse_text

OutputFormat = Literal["md", "html", "docx", "prometheus"]
FORMATS: tuple[OutputFormat, ...] = ("md", "html", "docx", "prometheus")
_SUFFIXES: dict[str, OutputFormat] = {".md": "md", ".markdown": "md", ".html": "html",
                                      ".htm": "html", ".docx": "docx", ".yml": "prometheus",
                                      ".yaml": "prometheus"}


DocumentFormat = Literal["md", "html", "docx"]
DOCUMENT_FORMATS: tuple[DocumentFormat, ...] = ("md", "html", "docx")


def format_for(output: str | None, fmt: str | None) -> OutputFormat:
    """The format asked for, else the one the output suffix names (an unknown suffix is
    refused, so ``-o x.pdf`` never holds Markdown), else Markdown; DOCX is binary and is
    refused on a terminal or pipe."""
    chosen: OutputFormat = "md"
    if fmt is not None:
        chosen = fmt  # type: ignore[assignment]  # click.Choice(FORMATS) checked it
    elif output:
        suffix = PurePath(output).suffix.lower()
        if suffix not in _SUFFIXES:
            known = ", ".join(_SUFFIXES)
            raise OutputError(f"{output}: unknown output type {suffix or '(no suffix)'}; "
                              f"supported: {known} (or name one with --format)")
        chosen = _SUFFIXES[suffix]
    if chosen == "docx" and not output:
        raise OutputError("DOCX is a binary format: give an output file with -o report.docx")
    return chosen


def document_format_for(output: str | None, fmt: str | None) -> DocumentFormat:
    """As ``format_for``, among the draft's document formats: a ``.yml``/``.yaml`` output
    (alerting rules, or an inputs file) is refused rather than given Markdown."""
    suffix = PurePath(output).suffix.lower() if output else ""
    if output and fmt is None and _SUFFIXES.get(suffix) not in DOCUMENT_FORMATS:
        known = ", ".join(s for s, f in _SUFFIXES.items() if f in DOCUMENT_FORMATS)
        rules = "; alerting rules come from `dcrdraft export`" if suffix in _SUFFIXES else ""
        raise OutputError(f"{output}: unknown output type {suffix or '(no suffix)'}; "
                          f"supported: {known} (or name one with --format){rules}")
    chosen = format_for(output, fmt)
    if chosen == "prometheus":
        raise OutputError("a draft is Markdown, HTML or DOCX; alerting rules come from "
                          "`dcrdraft export`")
    return chosen


def title_of(result: DraftResult) -> str:
    return f"Deployment Clearance Report: {result.analysis.inputs.system.name}"


def prometheus_rules(path: str) -> str:
    """The Prometheus alerting rules of the inputs file at ``path``; a monitoring window that
    cannot be read is an ``InputError`` naming its file, line and field."""
    # lazy: the alerting-rule builders load only for `dcrdraft export` to a rules file
    from dcrdraft.monitoring.plan import alert_plan
    from dcrdraft.monitoring.prometheus import render_rules  # lazy: as above

    inputs = load(path)
    plan = alert_plan(inputs)
    if plan.problems:
        with open(path, encoding="utf-8") as fh:
            data = parse_text(fh.read(), path)
        raise InputError([Problem(path, line_of(data, p.loc), p.field, p.message)
                          for p in plan.problems])
    return render_rules(inputs, plan, path)


def export(path: str, fmt: OutputFormat) -> str | bytes:
    """The inputs file at ``path`` in ``fmt``."""
    if fmt == "prometheus":
        return prometheus_rules(path)
    return render(draft(load(path)), fmt)


def render(result: DraftResult, fmt: OutputFormat) -> str | bytes:
    """``result`` (a Markdown draft) in ``fmt`` (a document format)."""
    if fmt == "prometheus":
        raise OutputError("prometheus rules are made from the inputs: use export()")
    if fmt == "md":
        return result.text
    from dcrdraft.analysis.charts import charts_for  # lazy: as in dcrdraft.draft.context

    charts = charts_for(result.analysis).all
    if fmt == "html":
        # lazy: markdown-it is needed only for HTML output
        from dcrdraft.render.html import markdown_to_html

        return markdown_to_html(result.text, title=title_of(result), charts=charts)
    # lazy: python-docx is imported only for Word output
    from dcrdraft.render.docx import markdown_to_docx

    return markdown_to_docx(result.text, title=title_of(result), charts=charts,
                            author=result.analysis.inputs.document.author)
