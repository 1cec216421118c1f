"""The portfolio page's stylesheet and script, inline so the page needs no network: the script
only sorts tables by a clicked heading and opens a document's drill-down when linked to."""

from __future__ import annotations

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 72rem;
       margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #bbb; }
h4 { margin: .8rem 0 .3rem; }
dl.summary { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
dl.summary div { border: 1px solid #ccc; padding: .4rem .9rem; min-width: 7rem; }
dl.summary dt { font-size: .8rem; color: #555; }
dl.summary dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
nav.toc { margin: 1rem 0; }
table { border-collapse: collapse; margin: .8rem 0; width: 100%; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
table.bins td, table.bins th { text-align: center; }
figure.chart { margin: 1rem 0; }
figure.chart svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
figure.chart .title { font-weight: 600; font-size: 14px; }
figure.chart figcaption, p.hint, p.none { font-size: .85rem; color: #555; }
details.doc { border: 1px solid #ddd; margin: .3rem 0; padding: .2rem .6rem;
              content-visibility: auto; contain-intrinsic-size: auto 2rem; }
details.doc summary { cursor: pointer; }
details.doc .path { font-weight: 600; }
details.doc ul { padding-left: 1.2rem; }
details.doc li { margin: .3rem 0; }
blockquote { margin: .2rem 0; padding: .2rem .6rem; background: #f6f6f6;
             border-left: 3px solid #999; font-size: .9rem; white-space: pre-wrap; }
p.fix { margin: .1rem 0; font-size: .85rem; color: #555; }
.sev, .st { display: inline-block; font-size: .75rem; padding: 0 .35rem; border-radius: 3px;
            color: #fff; background: #777; }
.sev.error, .st.missing { background: #b3261e; }
.sev.warning, .st.weak { background: #a15c00; }
.sev.info { background: #3b6ea5; }
tr.error td, p.error { color: #b3261e; }
@media print { details.doc { content-visibility: visible; } table.sortable th { cursor: auto; } }
"""

SCRIPT = """
(function () {
  "use strict";
  function key(row, col, numeric) {
    var cell = row.cells[col];
    var raw = cell ? (cell.getAttribute("data-sort") || cell.textContent || "") : "";
    return numeric ? (parseFloat(raw) || 0) : raw.toLowerCase();
  }
  function sortBy(table, th, col) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.getAttribute("data-type") === "num";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = key(a, col, numeric), y = key(b, col, numeric);
      var r = numeric ? x - y : (x < y ? -1 : x > y ? 1 : 0);
      return asc ? r : -r;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    body.appendChild(frag);
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(table, th, col); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th, col); }
      });
    });
  });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (el && el.tagName === "DETAILS") { el.open = true; el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
"""
