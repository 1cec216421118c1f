"""Table column roles: which column of a results table holds the evaluated system's value, a
baseline, a threshold, an interval, a sample size or a status, and whether that is certain.

A figure fact is only read from a column whose role is certain: one value column, told apart
from comparator columns by its header (or by being the newest of several version columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dcrdraft.review.facts.vocab import matches, vocab
from dcrdraft.review.text import NUM, clean

Role = Literal["label", "value", "baseline", "threshold", "interval", "count", "status",
               "delta", "share", "unknown", "text"]

_FIG = re.compile(rf"(?<![\w.])[+−-]?(?:{NUM})\s?%?|(?<![\w])0?\.\d+")
_VERSION = re.compile(r"\bv(?:ersion\s*)?(\d+(?:\.\d+)*)\b|\b[A-Za-z][\w-]*[- ](\d+(?:\.\d+)*)\b"
                      r"|^\W*([1-9]\d*(?:\.\d+)+)\W*$", re.I)
"""A column named by a version: "v2.1", "Model 3", or a bare release number ("| 5.1.3 | 5.2 |",
release notes set the new release beside the one it replaces; never "0.85", an operating
point)."""


_AIDED = re.compile(r"\bwith\b|\+|\bassist\w*|\busing\b|\bai\b|\bmodel\b|\btool\b|"
                    r"\bsystem\b|\bauto\w*", re.I)
"""A people column that includes the system ("Agents with assist"): not the comparator."""


@dataclass(frozen=True)
class Columns:
    """The roles of one table's columns."""

    roles: tuple[Role, ...]
    value: int | None
    """The evaluated value's column, when certain."""
    certain: bool
    """Whether ``value`` was told apart from every other figure column by its header."""

    def first(self, role: Role) -> int | None:
        return next((i for i, r in enumerate(self.roles) if r == role), None)

    def all(self, role: Role) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]


def has_figure(cell: str) -> bool:
    return bool(_FIG.search(cell))


def fill_blank_labels(rows: list[list[str]]) -> list[list[str]]:
    """Rows with a blank leading cell take the label above (merged or continued cells)."""
    out: list[list[str]] = []
    last = ""
    for row in rows:
        row = [clean(c) for c in row]
        if row and not row[0] and last and any(row[1:]):
            row = [last, *row[1:]]
        if row and row[0]:
            last = row[0]
        out.append(row)
    return out


def _header_role(h: str, cells: list[str]) -> Role:
    figs = sum(has_figure(c) for c in cells)
    stat = sum(bool(matches("pass_word", c) or matches("fail_word", c)) and len(c) <= 24
               for c in cells)
    if h and matches("status_column", h) and not matches("threshold_column", h):
        return "status"
    if cells and stat >= max(1, len(cells) // 2) and figs < len(cells) / 2:
        return "status"
    if h and matches("interval_column", h):
        return "interval"
    if h and matches("delta_column", h):
        return "delta"
    if h and matches("threshold_column", h):
        return "threshold"
    if h and matches("share_column", h):
        return "share"
    if h and re.fullmatch(r"\W*(?:n|#|count|support|sample size|samples|cases)\W*", h, re.I):
        return "count"
    if h and matches("baseline_column", h) and not matches("value_column", h):
        return "baseline"
    if h and matches("human_column", h) and not _AIDED.search(h):
        return "baseline"  # "Adjuster first estimate": the people the system is set against
    if not figs:
        return "text"
    if h and matches("value_column", h):
        return "value"
    return "unknown"


def _versions(header: list[str], cols: list[int]) -> dict[int, tuple[float, ...]]:
    out = {}
    for i in cols:
        m = _VERSION.search(header[i])
        if m:
            out[i] = tuple(float(x) for x in (m.group(1) or m.group(2) or m.group(3)).split(".")
                           if x)
    return out


_DATED = re.compile(r"(?<![\w.])(?:19|20)\d\d(?:[/-]\d\d)?(?![\w.])|\bFY\s?\d\d\b", re.I)
"""A column named by a period ("2024/25 actual", "FY24 result")."""


def _date_history(header: list[str], roles: list[Role]) -> None:
    """A figure column named by a period, beside one that is not, holds history: last
    season's "2024/25 actual" is a comparator for the system's undated column, however
    result-like its header."""
    figures = [i for i, r in enumerate(roles) if r in ("value", "unknown")]
    dated = [i for i in figures if _DATED.search(header[i])]
    if dated and len(dated) < len(figures):
        for i in dated:
            roles[i] = "baseline"


def classify(rows: list[list[str]]) -> Columns:
    """Roles of ``rows[0]``'s columns judged from headers and cells (``rows`` incl. header)."""
    header = [clean(h) for h in rows[0]]
    body = rows[1:]
    width = len(header)
    roles: list[Role] = []
    for i in range(width):
        cells = [r[i] for r in body if i < len(r) and r[i].strip()]
        roles.append("label" if i == 0 else _header_role(header[i], cells))
    _date_history(header, roles)
    values = [i for i, r in enumerate(roles) if r == "value"]
    unknown = [i for i, r in enumerate(roles) if r == "unknown"]
    certain = False
    value: int | None = None
    if len(values) == 1:
        value, certain = values[0], True
    versions = _versions(header, values + unknown)
    if value is None and len(versions) >= 2 and len(versions) == len(values + unknown):
        newest = max(versions.values())
        top = [i for i, v in versions.items() if v == newest]
        if len(top) == 1:
            value, certain = top[0], True
            for i in versions:
                if i != value:
                    roles[i] = "baseline"
    if value is None and not values and len(unknown) == 1:
        value = unknown[0]
        # A lone figure column is the value when it stands beside named comparator, interval
        # or sample-size columns, or when the rows name metrics (a two-column table).
        certain = any(r in ("baseline", "threshold", "status", "interval", "count")
                      for r in roles) or width == 2
    if value is not None:
        roles[value] = "value"
    return Columns(tuple(roles), value, certain)


def status_of(cell: str) -> Literal["pass", "fail"] | None:
    """A status cell's verdict."""
    if matches("fail_word", cell):
        return "fail"
    if matches("pass_word", cell):
        return "pass"
    return None


_MINUTES = re.compile(r"(?<=\d)\s?mins?\b", re.I)
"""Minutes as a unit ("≤ 6 min", "3 h 00 min"): never "minimum"."""
_NONE_OVER = re.compile(r"\b(?:no|none|not|never)\b[^.;:]{0,30}?(?:>|\babove\b|\bover\b|\bexceed)",
                        re.I)
"""A ceiling said as what must not happen: "no reading > 28 °C", "none above 2 s"."""
BAND = re.compile(rf"^\W*({NUM})\s?%?\s?(?:–|-|to)\s?({NUM})\s?%?\s?[^\d]{{0,12}}$")
"""A threshold that is a band ("0.65–0.80", "75–85%"): a value must lie inside it."""


def bound_of(cell: str) -> Literal["floor", "ceiling"] | None:
    """Whether a threshold cell states a floor or a ceiling explicitly ("≥ 85%", "max 2 s").
    A comparison sign says it before any word does; "min" after a figure is minutes."""
    cell = _MINUTES.sub(" minutes", cell)
    if re.search(r"≥|>=", cell):
        return "floor"
    if re.search(r"≤|<=", cell) or _NONE_OVER.search(cell):
        return "ceiling"
    if re.search(r"≥|>=|>|\bmin(?:imum)?\b|\bat least\b|\bno (?:less|lower) than\b|\bfloor\b|"
                 r"\babove\b|\bover\b", cell, re.I):
        return "floor"
    if re.search(r"≤|<=|<|\bmax(?:imum)?\b|\bat most\b|\bno (?:more|higher) than\b|"
                 r"\bceiling\b|\bcap\b|\bbelow\b|\bunder\b|\bwithin\b", cell, re.I):
        return "ceiling"
    return None


__all__ = ["Columns", "Role", "bound_of", "classify", "fill_blank_labels", "has_figure",
           "status_of", "vocab"]
