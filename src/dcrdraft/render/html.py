"""Markdown → one self-contained, print-friendly HTML file.

Raw HTML in the Markdown is not passed through (markdown-it's ``html`` option is off), so
user text such as ``<script>`` is escaped and shows as text. A Mermaid block that is one of
the draft's charts becomes that chart as inline SVG; gaps are tinted so they stand out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from dcrdraft.analysis.charts import Chart, chart_for_block
from dcrdraft.render.ids import ID
from dcrdraft.render.svg import chart_svg, legend

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; margin: .8rem 0; width: 100%; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
span.id { white-space: nowrap; }
blockquote { margin: .6rem 0; padding: .4rem .8rem; background: #fff4e5;
             border-left: 4px solid #e08a00; }
code, pre { background: #f5f5f5; }
nav.toc { border: 1px solid #ddd; padding: .5rem 1rem; margin: 1rem 0; }
nav.toc ul { margin: .2rem 0; }
em.gap { font-style: normal; background: #fff4e5; color: #8a4b00; padding: 0 .2rem; }
figure.chart { margin: 1rem 0; }
figure.chart svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
figure.chart .title { font-weight: 600; font-size: 14px; }
figure.chart .value { font-weight: 600; }
figure.chart .threshold { fill: #b3261e; }
figure.chart figcaption { font-size: .85rem; color: #555; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  h2 { page-break-before: always; }
  h2:first-of-type { page-break-before: avoid; }
  table, blockquote, figure { page-break-inside: avoid; }
  nav.toc { page-break-after: always; }
}
"""


def _slug(text: str, used: set[str]) -> str:
    base = "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "section"
    base = "-".join(filter(None, base.split("-")))
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


def _mark_gaps(tokens: list[Token]) -> None:
    """Give ``_Gap..._`` emphasis a class so the stylesheet can tint it."""
    for tok in tokens:
        children = tok.children or []
        for idx, child in enumerate(children[:-1]):
            nxt = children[idx + 1]
            if child.type == "em_open" and nxt.type == "text" and nxt.content.startswith("Gap"):
                child.attrSet("class", "gap")


_CELL = re.compile(r"(<td[^>]*>)(.*?)(</td>)", re.S)
_TAG = re.compile(r"(<[^>]*>)")


def _keep_ids(body: str) -> str:
    """Identifiers in table cells ("FR-001") wrapped in a no-wrap span, so a narrow column
    never breaks them at the hyphen; tags and their attributes are left alone."""
    def cell(m: re.Match[str]) -> str:
        pieces = _TAG.split(m.group(2))
        text = "".join(p if p.startswith("<") else ID.sub(r'<span class="id">\g<0></span>', p)
                       for p in pieces)
        return m.group(1) + text + m.group(3)
    return _CELL.sub(cell, body)


def _figure(chart: Chart) -> str:
    return (f'<figure class="chart">\n{chart_svg(chart)}\n'
            f"<figcaption>{html.escape(legend(chart))}</figcaption>\n</figure>\n")


_TASK_BOX = re.compile(r"^(\s*[-*+]\s+)\[([ xX])\](?=\s)", re.M)


def task_boxes(markdown: str) -> str:
    """Markdown task-list boxes ("- [x] Rollback tested") as the check-box characters ☑ and ☐,
    which HTML and Word show as boxes (CommonMark has no task lists)."""
    return _TASK_BOX.sub(lambda m: m.group(1) + ("☐" if m.group(2) == " " else "☑"), markdown)


def markdown_to_html(markdown: str, *, title: str, charts: Sequence[Chart] = ()) -> str:
    """Render ``markdown`` as a standalone HTML page with a table of contents; Mermaid blocks
    that are exactly one of ``charts`` become inline SVG."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    default_fence = renderer.rules["fence"]

    def fence(_self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        tok = tokens[idx]
        chart = chart_for_block(tok.content, list(charts)) if tok.info.strip() == "mermaid" else None
        return _figure(chart) if chart else default_fence(tokens, idx, options, env)

    md.add_render_rule("fence", fence)
    tokens = md.parse(task_boxes(markdown))
    _mark_gaps(tokens)
    used: set[str] = set()
    toc: list[tuple[str, str]] = []
    for idx, tok in enumerate(tokens):
        if tok.type == "heading_open":
            text = tokens[idx + 1].content
            slug = _slug(text, used)
            tok.attrSet("id", slug)
            if tok.tag == "h2":
                toc.append((slug, text))
    body = _keep_ids(md.renderer.render(tokens, md.options, {}))
    items = "\n".join(f'<li><a href="#{s}">{html.escape(t)}</a></li>' for s, t in toc)
    nav = f'<nav class="toc"><strong>Contents</strong><ul>\n{items}\n</ul></nav>\n' if toc else ""
    # The TOC goes after the document title (the first h1).
    head, sep, rest = body.partition("</h1>\n")
    body = head + sep + nav + rest if sep else nav + body
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
