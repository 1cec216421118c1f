"""Confidence intervals stated around a percentage, with the sample size of their sentence,
and whether an interval can be the 95% interval of its estimate.

An interval that leaves out its own estimate, or is several times narrower than the sampling
error of its n allows, states a precision the evaluation does not have: a reader learns no
more about the uncertainty of the result than from the point estimate alone. C06 (is any
interval plausible?) and X08 (which interval is not?) both read intervals here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dcrdraft.review.text import NUM, PERCENT_RE, to_float

_RANGE = re.compile(
    rf"(?:(?<![\w.])(?P<v>{NUM})\s?%\s?\(\s?(?:95\s?%\s?(?:CI|confidence interval)\s?:?\s?)?"
    rf"|\b(?:CI|confidence interval)\s?:?\s?(?P<open>[\[(])?\s?"
    rf"|(?P<bare>[\[(])\s?(?=(?:{NUM})\s?%?\s?(?:,|–|-|to)\s?(?:{NUM})\s?%?\s?[\])]))"
    rf"(?P<lo>{NUM})\s?%?\s?(?:–|-|to|(?(open),|(?(bare),|(?!))))\s?(?P<hi>{NUM})\s?%?"
    rf"|(?:±|\+/-)\s?(?P<pm>{NUM})\s?(?:%|pp|points?)?",
    re.I)
"""An interval as a range: right after its estimate ("84% (95% CI 81%–87%)", "9.6% (9.1–10.1)"),
after the words that name it ("95% CI 76–81", "CI [0.81, 0.87]"), or alone in brackets
("[81%, 87%]"); or as a margin ("± 1.2 pp") around the figure before it."""
_SIZE = re.compile(
    rf"\bn\s?=\s?(?P<n>{NUM})|(?<![\w.,/])\d[\d,]*\s?(?:/|of|out of)\s?(?P<n2>\d[\d,]*)(?![\w.,/%])"
    rf"|(?<![\w.,-])(?P<n3>\d{{1,3}}(?:,\d{{3}})+|\d{{3,}})\s+(?:[a-z-]+\s){{0,2}}?[a-z-]{{3,}}s\b",
    re.I)
"""A sample size: "n = 412", "323/412", "412 calls" (a smaller count of things, "38 sites",
is more often where the sample came from than its size)."""
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
"""A count written with thousands separators ("1,061"), which a bracket makes look like a
range "(1, 061)"."""
_LEVEL = re.compile(r"\s?(?:CI|confiden|credib)", re.I)
"""Words after a percentage that make it an interval's level ("95% CI"), not an estimate."""
LEAST_N = 30
"""Below thirty cases no interval is judged: small-sample methods differ too much."""
_NARROW = 0.5
"""An interval narrower than half the Wilson interval of its n is implausible."""


@dataclass(frozen=True)
class Interval:
    """A stated interval; the estimate it follows directly, if any; the last percentage before
    it (its estimate when it follows none); the percentages of its sentence that it holds; and
    the sample size of its sentence."""

    low: float
    high: float
    value: float | None
    before: float | None
    held: tuple[float, ...]
    n: int | None
    at: int = 0
    """Where the interval starts in its text (its estimate, when it directly follows one)."""


def intervals(text: str) -> list[Interval]:
    """The intervals stated in ``text``; ``n`` only when the sentence states one sample size
    (several could belong to any of its figures)."""
    sizes = {int(to_float(m.group("n") or m.group("n2") or m.group("n3")))
             for m in _SIZE.finditer(text)}
    n = next(iter(sizes)) if len(sizes) == 1 else None
    out: list[Interval] = []
    for m in _RANGE.finditer(text):
        before = _before(text, m.start())
        if m.group("pm") is not None:
            if before is None:
                continue  # a tolerance with no estimate ("within ±10%"): no interval
            pm = to_float(m.group("pm"))
            lo, hi = before - pm, before + pm
        else:
            lo, hi = to_float(m.group("lo")), to_float(m.group("hi"))
            if before is not None and hi <= 1.0 < before:
                lo, hi = lo * 100, hi * 100  # a proportion's interval around a percentage
        if not lo < hi <= 100 or _THOUSANDS.fullmatch(text, m.start("lo"), m.end("hi")):
            continue  # no interval of a percentage: a span of years, a list, "(1,061)"
        inner = m.start("lo") if m.group("lo") is not None else m.start("pm")
        figures = (to_float(f.group(1)) for f in PERCENT_RE.finditer(text)
                   if not inner <= f.start() < m.end())
        held = tuple(p for p in figures if lo <= p <= hi)
        value = to_float(m.group("v")) if m.group("v") else None
        out.append(Interval(lo, hi, value, before, held, n, m.start()))
    return out


def _before(text: str, end: int) -> float | None:
    """The last percentage before ``end`` that is no interval's level."""
    found = [m for m in PERCENT_RE.finditer(text[:end]) if not _LEVEL.match(text, m.end())]
    return to_float(found[-1].group(1)) if found else None


def implausible(iv: Interval) -> bool:
    """Whether ``iv`` cannot be a 95% interval: it leaves out the estimate it follows, or it
    is far narrower than the sampling error of a percentage on its n allows."""
    if iv.value is not None and not iv.low <= iv.value <= iv.high:
        return True
    # only an interval around a percentage of its sentence is a proportion's ("+4.1 pts (95%
    # CI 3.9 to 4.3)" is a difference's, whose width no sample size of the sentence bounds)
    if iv.n is None or iv.n < LEAST_N or not iv.held or not 0 < iv.held[0] < 100:
        return False
    low, high = wilson(iv.held[0], iv.n)
    return iv.high - iv.low < _NARROW * (high - low)


def wilson(percent: float, n: int) -> tuple[float, float]:
    """The 95% Wilson interval, in points, of ``percent`` measured on ``n``."""
    from dcrdraft.analysis.stats import wilson_interval  # lazy: stats pulls in pydantic

    low, high = wilson_interval(percent / 100, n)
    return low * 100, high * 100
