"""Markdown draft → a Word document (python-docx), so every format carries the same content.

The DOCX is built by walking the same Markdown the other formats come from: headings become
Word heading styles (navigable), pipe tables become Word tables, gaps are shaded, and each
Mermaid block that is one of the draft's charts becomes a PNG drawn by matplotlib, which is
imported only when a chart is drawn.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from markdown_it import MarkdownIt
from markdown_it.token import Token

from dcrdraft.analysis.charts import Chart, chart_for_block
from dcrdraft.figures import pct
from dcrdraft.render.ids import ID, id_spans
from dcrdraft.render.svg import COLOURS, bar_colour, legend, wrap_label

GAP_FILL = "FFF4E5"
GAP_TEXT = "8A4B00"
GAP_BORDER = "E08A00"
HEADER_FILL = "E8E8E8"


@dataclass
class _Table:
    rows: list[list[Token]] = field(default_factory=list)
    header_rows: int = 0


def _shade(element: Any, fill: str) -> None:
    """Shade a paragraph, run or cell property element with ``fill``."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    element.append(shd)


def _left_border(paragraph: Any, colour: str) -> None:
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (("val", "single"), ("sz", "18"), ("space", "6"), ("color", colour)):
        left.set(qn(f"w:{key}"), value)
    borders.append(left)
    paragraph._p.get_or_add_pPr().append(borders)


def _is_gap(inline: Token) -> bool:
    return any(c.type == "text" and c.content.lstrip().startswith("Gap") and i > 0
               and (inline.children or [])[i - 1].type in ("em_open", "strong_open")
               for i, c in enumerate(inline.children or []))


def _set_text(run: Any, text: str, keep_ids: bool) -> None:
    """``text`` into ``run``; with ``keep_ids`` an identifier's hyphens are Word's
    non-breaking hyphen, so "FR-001" never wraps as "FR-" / "001" (it still reads as "-")."""
    if not keep_ids or not ID.search(text):
        run.text = text
        return
    for piece, is_id in id_spans(text):
        if not is_id:
            run._r.add_t(piece)
            continue
        parts = piece.split("-")
        for i, part in enumerate(parts):
            if i:
                run._r.append(OxmlElement("w:noBreakHyphen"))
            run._r.add_t(part)


def _no_wrap(cell: Any) -> None:
    """Keep a cell on one line: Word widens its column instead of wrapping it."""
    cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


def _runs(paragraph: Any, inline: Token, *, size: float | None = None,
          keep_ids: bool = False) -> None:
    """Append ``inline``'s text as runs: bold, italic, code, and gap text marked; with
    ``keep_ids`` (table cells) identifiers never break at their hyphen."""
    bold = italic = False
    gap = False
    for child in inline.children or []:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
            gap = gap and italic
        elif kind in ("text", "code_inline", "softbreak", "hardbreak"):
            text = " " if kind in ("softbreak", "hardbreak") else child.content
            if italic and text.lstrip().startswith("Gap"):
                gap = True
            run = paragraph.add_run()
            _set_text(run, text, keep_ids)
            run.bold = bold or None
            run.italic = italic or None
            if kind == "code_inline":
                run.font.name = "Consolas"
            if size:
                run.font.size = Pt(size)
            if gap or (bold and text.startswith(("Gap", "Stale sign-off", "Overdue", "⚠"))):
                run.font.color.rgb = RGBColor.from_string(GAP_TEXT)
                if italic:
                    _shade(run._r.get_or_add_rPr(), GAP_FILL)


CORE_PROPERTY_MAX = 255
"""Word's limit for a core property (title, author ...); python-docx refuses longer ones."""


def core_property(text: str) -> str:
    """``text`` fit for a core property: one line of XML-safe characters, at most 255 long
    (cut at a word with an ellipsis); the document body keeps the full text."""
    clean = "".join(c if c.isprintable() else " " for c in text)
    clean = " ".join(clean.split())
    if len(clean) <= CORE_PROPERTY_MAX:
        return clean
    cut = clean[:CORE_PROPERTY_MAX - 1]
    if " " in cut[CORE_PROPERTY_MAX // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip() + "…"


class _Writer:
    """Walks markdown-it tokens and writes the document."""

    def __init__(self, title: str, charts: Sequence[Chart]) -> None:
        self.doc = Document()
        self.doc.core_properties.title = core_property(title)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        self.charts = list(charts)
        self.lists: list[tuple[str, int]] = []  # (bullet|ordered, next number)
        self.quote = 0
        self.table: _Table | None = None
        self.row: list[Token] = []
        self.seen_h2 = False
        self.toc: list[str] = []

    # -- blocks --------------------------------------------------------------------------

    def heading(self, tag: str, inline: Token) -> None:
        level = int(tag[1])
        if level == 1:
            self.doc.add_heading(inline.content, 0)
            self._contents()
            return
        para = self.doc.add_heading(inline.content, min(level - 1, 3))
        if level == 2:
            para.paragraph_format.page_break_before = self.seen_h2
            self.seen_h2 = True

    def _contents(self) -> None:
        if not self.toc:
            return
        # lazy: python-docx loads only when a DOCX is written
        from docx.shared import Inches

        self.doc.add_paragraph("Contents", style="Heading 3")
        for entry in self.toc:  # already numbered ("4. Evaluation Summary"): no bullet too
            para = self.doc.add_paragraph(entry)
            para.paragraph_format.left_indent = Inches(0.3)
            para.paragraph_format.space_after = 0

    def paragraph(self, inline: Token) -> None:
        if self.lists:
            kind, number = self.lists[-1]
            depth = len(self.lists)
            if kind == "bullet":
                style = "List Bullet" if depth == 1 else f"List Bullet {min(depth, 3)}"
                para = self.doc.add_paragraph(style=style)
            else:
                # Explicit numbers: Word's List Number would continue across separate lists.
                para = self.doc.add_paragraph()
                para.paragraph_format.left_indent = Inches(0.3 * depth)
                para.add_run(f"{number}. ")
                self.lists[-1] = (kind, number + 1)
        else:
            para = self.doc.add_paragraph()
        _runs(para, inline)
        if self.quote or para.text.startswith("Gap:"):  # a gap note, quoted or listed
            _shade(para._p.get_or_add_pPr(), GAP_FILL)
            _left_border(para, GAP_BORDER)

    def fence(self, token: Token) -> None:
        chart = chart_for_block(token.content, self.charts) if token.info.strip() == "mermaid" else None
        if chart is not None:
            try:
                png = chart_png(chart)
            except ImportError:
                self.doc.add_paragraph(
                    f"[Chart: {chart.title}. Install matplotlib (pip install dcrdraft) to draw it.]")
                return

            self.doc.add_picture(io.BytesIO(png), width=Inches(6.2))
            self.doc.add_paragraph(f"{chart.title}. {legend(chart)}", style="Caption")
            return
        para = self.doc.add_paragraph()
        run = para.add_run(token.content.rstrip("\n"))
        run.font.name = "Consolas"

    def end_table(self) -> None:
        assert self.table is not None
        rows = self.table.rows
        cols = max(len(r) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        size = 8.0 if cols >= 6 else 9.0
        for r, row in enumerate(rows):
            for c, inline in enumerate(row):
                cell = table.cell(r, c)
                para = cell.paragraphs[0]
                _runs(para, inline, size=size, keep_ids=True)
                if ID.fullmatch(inline.content.strip()):
                    _no_wrap(cell)
                if r < self.table.header_rows:
                    for run in para.runs:
                        run.bold = True
                    _shade(cell._tc.get_or_add_tcPr(), HEADER_FILL)
                elif _is_gap(inline):
                    _shade(cell._tc.get_or_add_tcPr(), GAP_FILL)
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header.append(repeat)
        self.doc.add_paragraph()
        self.table = None

    # -- the walk ------------------------------------------------------------------------

    def write(self, tokens: list[Token]) -> None:
        self.toc = [tokens[i + 1].content for i, t in enumerate(tokens)
                    if t.type == "heading_open" and t.tag == "h2"]
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                self.heading(tok.tag, tokens[i + 1])
                i += 2
            elif kind == "bullet_list_open":
                self.lists.append(("bullet", 0))
            elif kind == "ordered_list_open":
                self.lists.append(("ordered", int(tok.attrGet("start") or 1)))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind == "table_open":
                self.table = _Table()
            elif kind == "thead_close" and self.table is not None:
                self.table.header_rows = len(self.table.rows)
            elif kind == "tr_open":
                self.row = []
            elif kind == "tr_close" and self.table is not None:
                self.table.rows.append(self.row)
            elif kind in ("th_open", "td_open"):
                self.row.append(tokens[i + 1])
                i += 1
            elif kind == "table_close":
                self.end_table()
            elif kind == "paragraph_open":
                self.paragraph(tokens[i + 1])
                i += 1
            elif kind in ("fence", "code_block"):
                self.fence(tok)
            i += 1

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def markdown_to_docx(markdown: str, *, title: str, charts: Sequence[Chart] = (),
                     author: str | None = None) -> bytes:
    """Render ``markdown`` as a .docx file's bytes; Mermaid blocks that are exactly one of
    ``charts`` become images. The file's author property is ``author`` (the DCR's author),
    else "dcrdraft"."""
    # lazy: the HTML renderer is needed here only for its check-box rewrite
    from dcrdraft.render.html import task_boxes

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    writer = _Writer(title, charts)
    writer.doc.core_properties.author = (author or "dcrdraft")[:255]
    writer.doc.core_properties.last_modified_by = "dcrdraft"
    writer.write(md.parse(task_boxes(markdown)))
    return writer.bytes()


def chart_png(chart: Chart) -> bytes:
    """The chart drawn by matplotlib as PNG bytes (imports matplotlib on first use)."""
    # lazy: matplotlib is imported only when a chart is drawn
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure  # lazy: as above

    fig = Figure(figsize=(6.4, 3.0), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    xs = list(range(len(chart.bars)))
    values = [b.value * 100 for b in chart.bars]
    ax.bar(xs, values, width=0.6, color=[bar_colour(b) for b in chart.bars])
    tops = list(values)
    for x, bar in zip(xs, chart.bars):
        if bar.interval:
            lo, hi = bar.interval[0] * 100, bar.interval[1] * 100
            ax.errorbar([x], [bar.value * 100], yerr=[[bar.value * 100 - lo], [hi - bar.value * 100]],
                        fmt="none", ecolor=COLOURS["whisker"], capsize=6, linewidth=1.2)
            tops[x] = hi
    for x, bar in zip(xs, chart.bars):
        ax.annotate(pct(bar.value), (x, tops[x]), textcoords="offset points", xytext=(0, 4),
                    ha="center", fontsize=8, fontweight="bold")
    if chart.threshold is not None:
        ax.axhline(chart.threshold * 100, color=COLOURS["threshold"], linestyle="--",
                   linewidth=1.2, label=f"deployment threshold {pct(chart.threshold)}")
        fig.legend(loc="lower right", fontsize=7, frameon=False, labelcolor=COLOURS["threshold"])
    ax.set_ylim(0, chart.y_max * 100 * 1.08)
    ax.set_yticks([chart.y_max * 100 * f for f in (0.25, 0.5, 0.75, 1.0)], labels=[])
    ax.grid(axis="y", color=COLOURS["grid"])
    ax.set_axisbelow(True)
    ax.set_xticks(xs, labels=["\n".join(wrap_label(b.label)) for b in chart.bars], fontsize=8)
    ax.set_ylabel(chart.metric, fontsize=8)
    ax.set_title(chart.title, fontsize=10, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout(rect=(0, 0.05, 1, 1))  # room for the threshold legend below the axis
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
