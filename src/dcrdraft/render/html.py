"""Markdown → one self-contained, print-friendly HTML file.

Raw HTML in the Markdown is not passed through (markdown-it's ``html`` option is off), so
user text such as ``<script>`` is escaped and shows as text.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; margin: .8rem 0; width: 100%; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
blockquote { margin: .6rem 0; padding: .4rem .8rem; background: #fff4e5;
             border-left: 4px solid #e08a00; }
code, pre { background: #f5f5f5; }
nav.toc { border: 1px solid #ddd; padding: .5rem 1rem; margin: 1rem 0; }
nav.toc ul { margin: .2rem 0; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  h2 { page-break-before: always; }
  h2:first-of-type { page-break-before: avoid; }
  table, blockquote { page-break-inside: avoid; }
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


def markdown_to_html(markdown: str, *, title: str) -> str:
    """Render ``markdown`` as a standalone HTML page with a table of contents."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(markdown)
    used: set[str] = set()
    toc: list[tuple[str, str]] = []
    for idx, tok in enumerate(tokens):
        if tok.type == "heading_open":
            text = tokens[idx + 1].content
            slug = _slug(text, used)
            tok.attrSet("id", slug)
            if tok.tag == "h2":
                toc.append((slug, text))
    body = md.renderer.render(tokens, md.options, {})
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
