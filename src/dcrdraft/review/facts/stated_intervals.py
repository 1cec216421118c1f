"""Each interval a document states around a percentage, paired with the estimate it bounds and
the sample size it was measured on, for X08 (is this interval possible?).

Three shapes are read:

- a sentence or record line ("84.2% (311/369), 95% CI 80.1–87.6%"): the estimate is the
  percentage the interval directly follows, or the one just before it in the same field; the
  sample is the sentence's one stated size when it states one interval, else the count
  fraction beside the estimate;
- a table cell holding estimate and interval ("84.2% (80.1–87.6)") beside a count column;
- a table column of intervals ("95% CI" over "80.1–87.6") beside a column of estimates.

A table's sample size is the nearest column of counts to the left of the figure whose header
names a count ("n", "cases"). A column of other counts ("Clips", "Sites") is left alone: it may
count clusters of what the metric counts, and so make an honest interval look too narrow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dcrdraft.review.context import Context
from dcrdraft.review.facts.intervals import intervals
from dcrdraft.review.facts.vocab import matches
from dcrdraft.review.text import NUM, PERCENT_RE, to_float, without_operating_points


@dataclass(frozen=True)
class StatedInterval:
    """An interval of a percentage with the lines it spans; the estimate it bounds (None when
    no percentage is certainly its); the sample size (None when none is certain)."""

    line: int
    end: int
    low: float
    high: float
    estimate: float | None
    n: int | None


NAMED_SIZE = re.compile(
    rf"\bn\s?=\s?({NUM})|\b({NUM})\s+(?:[\w-]+\s){{0,2}}?(?:examples|samples|cases|items|"
    rf"queries|conversations|scans|x-rays|images|documents|records|prompts|tickets|calls|"
    rf"patients|users|utterances|transcripts|chats|questions|claims|applications|sessions)\b",
    re.I)
"""A sample size named by what was counted ("n = 412", "1,200 claims")."""
_FRACTION = re.compile(r"(?<![\w.,/])\d[\d,]*\s?(?:/|of|out of)\s?(\d[\d,]*)(?![\w.,/%])", re.I)
"""A count fraction ("311/369", "311 of 369"): its denominator is the estimate's sample."""
_NEAR = 24
"""How far (characters) from an estimate its count fraction may stand: "84.2% (311/369)"."""
_FIELD_BREAK = re.compile(r"[;|]")
"""What separates two fields of a record line: an estimate is never read across it."""
_BARE_RANGE = re.compile(
    rf"^\W{{0,2}}({NUM})\s?%?\s?(?:–|-|to|,)\s?({NUM})\s?%?\W{{0,2}}$")
"""A cell that is only an interval ("80.1–87.6", "[80.1%, 87.6%]")."""
_RANGE_END = re.compile(rf"(?:{NUM})\s?%?\s?(?:–|-|to)\s?$")
"""Text ending in the first half of a range: the figure after it is the range's upper bound."""
_COUNT_CELL = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
"""A cell holding a plain count ("1,146", "59")."""


def stated_intervals(ctx: Context) -> list[StatedInterval]:
    """Every interval of a percentage the document states, with its estimate and sample."""
    return ctx.cached("stated_intervals", lambda: [*_in_sentences(ctx), *_in_tables(ctx)])


def _in_sentences(ctx: Context) -> Iterator[StatedInterval]:
    for u in ctx.units:
        text = without_operating_points(u.text)
        named = {int(to_float(a or b)) for a, b in NAMED_SIZE.findall(text)}
        found = intervals(text)
        for iv in found:
            estimate, at = _estimate(text, iv.at, iv.value)
            if estimate is not None and not iv.low <= estimate <= iv.high and iv.held:
                # another figure of the sentence lies inside: the interval may be its
                # ("89.7% ... 84.0% ... 95% CI 87.0-91.9", a range of monthly values)
                estimate = None
            # a sentence's one sample size is its one interval's; with several intervals each
            # needs its own fraction ("recall 84% on 900 cases ...; precision 70% ...")
            n = next(iter(named)) if len(named) == 1 and len(found) == 1 else \
                _fraction_near(text, at)
            yield StatedInterval(u.line, u.end_line, iv.low, iv.high, estimate, n)


def _estimate(text: str, at: int, direct: float | None) -> tuple[float | None, int]:
    """The percentage an interval starting at ``at`` bounds, with its position: the one it
    directly follows, else the last one before it in the same field (not a "95%" level)."""
    if direct is not None:
        return direct, at  # the interval's match starts at the estimate it follows
    head = text[:at]
    breaks = [m.end() for m in _FIELD_BREAK.finditer(head)]
    field_start = breaks[-1] if breaks else 0
    for m in reversed(list(PERCENT_RE.finditer(head, field_start))):
        if _RANGE_END.search(head, 0, m.start()):
            return None, at  # the last figure before is another range's bound: "(12.0–13.4%)"
        if not re.match(r"\s?(?:CI|confiden|credib|interval)", text[m.end():], re.I):
            return to_float(m.group(1)), m.start()
    return None, at


def _fraction_near(text: str, at: int) -> int | None:
    """The denominator of the one count fraction within ``_NEAR`` characters of ``at``."""
    found = {int(m.group(1).replace(",", "")) for m in _FRACTION.finditer(text)
             if abs(m.start() - at) <= _NEAR or abs(m.end() - at) <= _NEAR}
    return next(iter(found)) if len(found) == 1 else None


def _in_tables(ctx: Context) -> Iterator[StatedInterval]:
    for block, _sec in ctx.tables():
        rows = block.rows or []
        header, body = rows[0], rows[1:]
        named = _count_columns(header, body)
        lines = block.row_lines or [block.line] * len(rows)
        for r, row in enumerate(body, 1):
            line = lines[r] if r < len(lines) else block.line
            for c in range(1, min(len(header), len(row))):
                found = _cell_interval(header, row, c)
                if found is None:
                    continue
                low, high, estimate, value_col = found
                n = _row_count(row, [k for k in named if k < value_col])
                yield StatedInterval(line, line, low, high, estimate, n)


def _cell_interval(header: list[str], row: list[str],
                   c: int) -> tuple[float, float, float | None, int] | None:
    """Cell ``c``'s interval as (low, high, estimate, estimate's column): a cell with both
    ("84.2% (80.1–87.6)"), or a bare range under an interval header whose estimate is the
    nearest percentage to its left."""
    cell = without_operating_points(row[c])
    found = intervals(cell)
    if len(found) == 1 and found[0].value is not None:
        return found[0].low, found[0].high, found[0].value, c
    bare = _BARE_RANGE.match(cell.strip())
    if bare is None or not matches("interval_column", header[c]):
        return None
    low, high = to_float(bare.group(1)), to_float(bare.group(2))
    for k in range(c - 1, 0, -1):
        values = [to_float(m.group(1)) for m in PERCENT_RE.finditer(row[k])]
        if len(values) == 1 and low < high <= 100:
            return low, high, values[0], k
        if values:
            return None
    return None


def _count_columns(header: list[str], body: list[list[str]]) -> list[int]:
    """Columns of plain counts whose header names a count ("n", "cases")."""
    return [c for c in range(1, len(header)) if matches("count_column", header[c])
            and (cells := [r[c].strip() for r in body if c < len(r) and r[c].strip()])
            and all(_COUNT_CELL.fullmatch(x) for x in cells)]


def _row_count(row: list[str], columns: list[int]) -> int | None:
    """The row's count in the nearest of ``columns``."""
    counts = [int(row[k].replace(",", "")) for k in columns if k < len(row) and row[k].strip()]
    return counts[-1] if counts else None
