"""The portfolio page of a batch review: one self-contained HTML file (inline CSS, SVG and a
few lines of script, no network) with the score distribution, the prevalence of each finding
and unmet checklist item (sortable tables), the documents furthest from ready, a drill-down
per document with every finding and its evidence line, and with ``--compare-to`` what
improved and what regressed. Every quoted text is escaped.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from dcrdraft.analysis.charts import Bar, Chart
from dcrdraft.render.svg import chart_svg
from dcrdraft.review.formats.compare import Changes
from dcrdraft.review.formats.html_assets import CSS, SCRIPT
from dcrdraft.review.portfolio import BINS, Comparison, DocRow, Portfolio, portfolio

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun, FileResult


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _share(n: int, of: int) -> str:
    return f"{100 * n / of:.0f}%" if of else "0%"


def _num(value: object, shown: str | None = None) -> str:
    return f'<td class="num" data-sort="{_e(value)}">{_e(shown if shown is not None else value)}</td>'


def _table(cls: str, head: list[tuple[str, str]], rows: list[str], empty: str) -> str:
    if not rows:
        return f'<p class="none">{_e(empty)}</p>'
    ths = "".join(f'<th scope="col" data-type="{t}">{_e(h)}</th>' for h, t in head)
    return (f'<table class="{cls}"><thead><tr>{ths}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table>")


def _doc_link(d: DocRow) -> str:
    return f'<a href="#doc-{d.index}">{_e(d.path)}</a>'


def _summary(p: Portfolio) -> str:
    facts = [("files", "Documents", p.files), ("ready", "Ready", p.ready),
             ("mean_score", "Mean score", f"{p.mean_score:g}"),
             ("median_score", "Median score", f"{p.median_score:g}"),
             ("unreadable", "Unreadable", p.unreadable)]
    cells = "".join(f'<div><dt>{_e(label)}</dt><dd data-summary="{key}">{_e(v)}</dd></div>'
                    for key, label, v in facts)
    return f'<dl class="summary">{cells}</dl>'


def _distribution(p: Portfolio) -> str:
    read = sum(p.bins)
    labels = [f"{10 * i}–{10 * i + 9 if i < BINS - 1 else 100}" for i in range(BINS)]
    chart = Chart("scores", "Share of documents by score", "share of documents",
                  tuple(Bar(label, n / read if read else 0.0, "segment")
                        for label, n in zip(labels, p.bins)), None, higher_is_better=False)
    rows = "".join(f'<td class="num" data-bin="{i}">{n}</td>' for i, n in enumerate(p.bins))
    heads = "".join(f'<th scope="col">{_e(label)}</th>' for label in labels)
    return (f'<figure class="chart">{chart_svg(chart)}<figcaption>Each bar is the share of '
            f'the {read} readable documents whose score falls in the band.</figcaption>'
            f'</figure>\n<table class="bins"><thead><tr><th scope="row">Score</th>{heads}</tr>'
            f'</thead><tbody><tr><th scope="row">Documents</th>{rows}</tr></tbody></table>')


def _codes(p: Portfolio) -> str:
    read = p.files - p.unreadable
    rows = [f'<tr data-code="{_e(c.code)}" data-documents="{c.documents}">'
            f'<td data-sort="{_e(c.code)}"><code>{_e(c.code)}/{_e(c.name)}</code></td>'
            f'<td>{_e(c.title)}</td><td><span class="sev {_e(c.severity)}">{_e(c.severity)}'
            f'</span></td>{_num(c.documents)}{_num(c.documents / read if read else 0, _share(c.documents, read))}'
            f'{_num(c.findings)}</tr>' for c in p.codes]
    return _table("sortable prevalence", [("Finding", "text"), ("Rule", "text"),
                                          ("Severity", "text"), ("Documents", "num"),
                                          ("Share", "num"), ("Findings", "num")],
                  rows, "No findings in any document.")


def _items(p: Portfolio) -> str:
    read = p.files - p.unreadable
    rows = [f'<tr data-item="{_e(i.code)}" data-unmet="{i.unmet}" data-missing="{i.missing}" '
            f'data-weak="{i.weak}"><td data-sort="{_e(i.code)}"><code>{_e(i.code)}/'
            f'{_e(i.name)}</code></td><td>{_e(i.title)}</td>{_num(i.missing)}{_num(i.weak)}'
            f'{_num(i.unmet)}{_num(i.unmet / read if read else 0, _share(i.unmet, read))}</tr>'
            for i in p.items if i.unmet]
    return _table("sortable prevalence", [("Item", "text"), ("Checks", "text"),
                                          ("Missing", "num"), ("Weak", "num"),
                                          ("Unmet", "num"), ("Share", "num")],
                  rows, "Every checklist item passes in every document.")


def _doc_rows(docs: list[DocRow], cls: str, empty: str) -> str:
    rows = []
    for d in docs:
        if d.error is not None:
            rows.append(f'<tr class="error"><td>{_doc_link(d)}</td>'
                        f'<td colspan="6">unreadable: {_e(d.error)}</td></tr>')
            continue
        rows.append(f'<tr data-doc="{d.index}"><td data-sort="{_e(d.path)}">{_doc_link(d)}</td>'
                    f'{_num(d.score)}<td>{"yes" if d.ready else "no"}</td>{_num(d.distance)}'
                    f'{_num(d.missing)}{_num(d.weak)}{_num(d.mistakes)}</tr>')
    return _table(cls, [("Document", "text"), ("Score", "num"), ("Ready", "text"),
                        ("Distance", "num"), ("Missing", "num"), ("Weak", "num"),
                        ("Mistakes", "num")], rows, empty)


def _delta(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def _change_rows(p: Portfolio, changes: list[tuple[int, Changes]]) -> list[str]:
    return [f'<tr><td>{_doc_link(p.docs[i])}</td>{_num(c.base_score)}{_num(c.score)}'
            f'{_num(c.delta, _delta(c.delta))}<td>{_e(", ".join(x.id for x in c.fixed))}</td>'
            f'<td>{_e(", ".join(x.id for x in c.newly_missing))}</td></tr>'
            for i, c in changes]


def _comparison(p: Portfolio, cmp: Comparison) -> str:
    head = [("Document", "text"), ("Before", "num"), ("Now", "num"), ("Change", "num"),
            ("Fixed", "text"), ("Newly missing", "text")]
    shifts = [f'<tr data-shift="{_e(s.code)}"><td><code>{_e(s.code)}/{_e(s.name)}</code></td>'
              f'{_num(s.before)}{_num(s.now)}{_num(s.now - s.before, _delta(s.now - s.before))}'
              f'</tr>' for s in cmp.shifts]
    new = "".join(f"<li>{_doc_link(p.docs[i])}</li>" for i in cmp.new)
    return (f'<section id="changes"><h2>Since {_e(cmp.ref)}</h2>\n<h3>Improved</h3>\n'
            + _table("sortable", head, _change_rows(p, cmp.improved), "No document improved.")
            + "\n<h3>Regressed</h3>\n"
            + _table("sortable", head, _change_rows(p, cmp.regressed), "No document regressed.")
            + "\n<h3>Documents affected per finding and unmet item</h3>\n"
            + _table("sortable", [("Code", "text"), ("Before", "num"), ("Now", "num"),
                                  ("Change", "num")], shifts, "No code affects a different "
                     "number of documents.")
            + (f"\n<h3>New documents</h3><ul>{new}</ul>" if new else "") + "</section>")


def _drill(f: FileResult, d: DocRow, changes: Changes | None) -> str:
    rep = f.report
    if rep.error is not None:
        return (f'<details class="doc" id="doc-{d.index}"><summary>{_e(rep.path)}: unreadable'
                f'</summary><p class="error">{_e(rep.error)}</p></details>')
    items = "".join(
        f'<li><span class="st {i.status}">{i.status}</span> <code>{_e(i.id)}</code> '
        f'{_e(i.message)}' + (f'<blockquote>line {i.line}: {_e(i.evidence)}</blockquote>'
                              if i.evidence and i.line else "") + "</li>"
        for i in rep.checklist if i.status != "pass")
    finds = "".join(
        f'<li><span class="sev {x.severity}">{x.severity}</span> <code>{_e(x.id)}</code> '
        f'line {x.line}: {_e(x.message)}'
        + (f'<blockquote>{_e(f.lines[x.line])}</blockquote>' if x.line in f.lines else "")
        + f'<p class="fix">{_e(x.suggestion)}</p></li>' for x in rep.findings)
    change = ""
    if changes is not None and not changes.empty:
        bits = [f"score {changes.base_score} → {changes.score}"]
        bits += [f"introduced {x.id}" for x in changes.introduced]
        bits += [f"resolved {x.id}" for x in changes.resolved]
        change = f'<p class="change">Since the base: {_e("; ".join(bits))}</p>'
    state = "ready" if rep.ready else f"{d.distance} from ready"
    return (f'<details class="doc" id="doc-{d.index}"><summary><span class="path">'
            f'{_e(rep.path)}</span> score {rep.score}, {state}</summary>{change}'
            f'<h4>Checklist items not met ({d.missing + d.weak})</h4>'
            + (f"<ul>{items}</ul>" if items else '<p class="none">All 20 items pass.</p>')
            + f"<h4>Findings ({len(rep.findings)})</h4>"
            + (f"<ul>{finds}</ul>" if finds else '<p class="none">No findings.</p>')
            + "</details>")


def render_html(run: CiRun) -> str:
    """The portfolio page of ``run``."""
    p = portfolio(run)
    by_doc = dict(p.comparison.changes) if p.comparison else {}
    title = f"DCR portfolio: {p.files} document{'s' if p.files != 1 else ''}"
    nav = [("distribution", "Scores"), ("findings", "Findings"), ("checklist", "Checklist"),
           ("furthest", "Furthest from ready")]
    if p.comparison:
        nav.append(("changes", f"Since {p.comparison.ref}"))
    nav.append(("documents", "Documents"))
    body = [
        f"<h1>{_e(title)}</h1>", _summary(p),
        '<nav class="toc">' + " · ".join(f'<a href="#{k}">{_e(v)}</a>' for k, v in nav)
        + "</nav>",
        f'<section id="distribution"><h2>Score distribution</h2>{_distribution(p)}</section>',
        '<section id="findings"><h2>Mistakes and other findings</h2><p class="hint">Documents '
        'with at least one finding of each rule; click a column to sort.</p>'
        f"{_codes(p)}</section>",
        '<section id="checklist"><h2>Unmet checklist items</h2><p class="hint">Documents where '
        f'each item is missing or weak.</p>{_items(p)}</section>',
        '<section id="furthest"><h2>Furthest from ready</h2><p class="hint">Distance = unmet '
        'checklist items + distinct mistakes.</p>'
        + _doc_rows(p.furthest, "furthest", "Every readable document is ready.") + "</section>",
    ]
    if p.comparison:
        body.append(_comparison(p, p.comparison))
    body.append('<section id="documents"><h2>Documents</h2>'
                + _doc_rows(p.docs, "sortable documents", "No documents.")
                + "\n".join(_drill(f, d, by_doc.get(d.index))
                            for f, d in zip(run.files, p.docs)) + "</section>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body) + f"\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
