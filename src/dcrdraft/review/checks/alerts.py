"""Monitoring signals that cannot become alert rules: a row of a monitoring table (metric and
window columns) whose window, or whose red alert and threshold, cannot be read the way
``dcrdraft export --format prometheus`` reads them (``dcrdraft.monitoring``)."""

from __future__ import annotations

import re

from dcrdraft.monitoring.bounds import band_of
from dcrdraft.monitoring.windows import read_window
from dcrdraft.review.checks.base import Hit, Params, check
from dcrdraft.review.context import Context
from dcrdraft.review.text import clean

_METRIC_COL = re.compile(r"^(?:metric|signal|indicator|measure)s?\b", re.I)
_WINDOW_COL = re.compile(r"\bwindow\b|\bperiod\b", re.I)
_RED_COL = re.compile(r"\bred\b|\bcritical\b|\bpage\b", re.I)
_YELLOW_COL = re.compile(r"\byellow\b|\bamber\b|\bwarning\b", re.I)
_THRESHOLD_COL = re.compile(r"\bthreshold\b|\blimit\b|\btarget\b", re.I)
_EMPTY = re.compile(r"^(?:[-—–]|n/?a|none|gap\b.*|tbd|)$", re.I)
_TOPIC = re.compile(r"monitor|alert|signal", re.I)


def _col(header: list[str], rx: re.Pattern[str]) -> int | None:
    return next((i for i, h in enumerate(header) if rx.search(clean(h))), None)


def _cell(row: list[str], i: int | None) -> str:
    return clean(row[i]) if i is not None and i < len(row) else ""


def _figure(text: str) -> bool:
    """Whether ``text`` reads as one comparison with a figure (or a band of figures)."""
    return not _EMPTY.match(text) and band_of(text, "%" in text) is not None


def _problem(row: list[str], cols: dict[str, int | None]) -> str | None:
    window = _cell(row, cols["window"])
    if _EMPTY.match(window):
        return "no window"
    if read_window(window) is None:
        return f"window \"{window}\" is not a time range"
    red, threshold = _cell(row, cols["red"]), _cell(row, cols["threshold"])
    if cols["red"] is None and cols["threshold"] is None:
        return None  # a table of windows only: its figures are elsewhere
    if not _figure(red) and not _figure(threshold):
        return "no red alert or threshold figure"
    yellow = _cell(row, cols["yellow"])
    if not _EMPTY.match(yellow) and not _figure(yellow):
        return f"yellow band \"{yellow}\" has no figures"
    return None


@check("alertable", "finding")
def alertable(ctx: Context, params: Params) -> list[Hit]:
    """Fires on each row of a monitoring table whose signal cannot become an alert rule."""
    hits: list[Hit] = []
    for sec in ctx.sections_of(("monitoring", "deployment", "conditions")):
        for block in sec.all_blocks():
            if block.kind != "table" or not block.rows or len(block.rows) < 2:
                continue
            header = block.rows[0]
            cols = {"metric": _col(header, _METRIC_COL), "window": _col(header, _WINDOW_COL),
                    "red": _col(header, _RED_COL), "yellow": _col(header, _YELLOW_COL), "threshold": _col(header, _THRESHOLD_COL)}
            if cols["metric"] is None or cols["window"] is None:
                continue
            if not (_TOPIC.search(sec.title) or any(_TOPIC.search(h) for h in header)):
                continue
            lines = block.row_lines or [block.line] * len(block.rows)
            for row, line in zip(block.rows[1:], lines[1:]):
                why = _problem(row, cols)
                if why:
                    hits.append(Hit(line, line, f"{_cell(row, cols['metric'])}: {why}"))
    return hits
