"""Reading the figures of free text however they are written: digits with units or scale
suffixes ("250ms", "14k", "3x"), number words ("Ninety-four percent"), fractions ("¾", "3/4")
and ordinals, each as a value in one canonical spelling with its unit class.

The LLM grounding guard reads both the inputs and the model's text with ``read_figures``, so
"14k" in a reply is compared with 14000, and "250 ms" with "0.25 s", whichever side wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from dcrdraft.figures import ISO_DATE, canonical

Unit = Literal["%", "points", "time", "x"]
"""What a figure measures, when the text says: a rate, a difference in points, a duration
or a multiple. None (no unit) is a count or a plain number."""


@dataclass(frozen=True)
class Fig:
    """One figure as written in a text, with its canonical value(s) and unit class."""

    written: str
    values: tuple[str, ...]
    """Canonical spellings of the value; a fraction gives its percentage to 0 and 1 decimals."""
    unit: Unit | None
    start: int
    end: int

    @property
    def value(self) -> str:
        return self.values[0]


_SECONDS = {"ms": Decimal("0.001"), "millisecond": Decimal("0.001"), "msec": Decimal("0.001"),
            "s": Decimal(1), "sec": Decimal(1), "second": Decimal(1),
            "min": Decimal(60), "minute": Decimal(60),
            "h": Decimal(3600), "hr": Decimal(3600), "hour": Decimal(3600),
            "day": Decimal(86400), "week": Decimal(604800), "month": Decimal(2592000),
            "year": Decimal(31536000)}
_SCALE = {"k": Decimal(1000), "thousand": Decimal(1000), "m": Decimal(10**6),
          "mn": Decimal(10**6), "million": Decimal(10**6), "bn": Decimal(10**9),
          "billion": Decimal(10**9)}

_UNIT_WORDS = (r"%|percent(?:age points?)?\b|per ?cent\b|pp\b|points?\b|pts?\b"
               r"|k\b|K\b|M\b|mn\b|million\b|bn\b|billion\b|thousand\b"
               r"|ms\b|msec\b|milliseconds?\b|s\b|secs?\b|seconds?\b|mins?\b|minutes?\b"
               r"|h\b|hrs?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b"
               r"|x(?!-)|×|times\b|-?fold\b|st\b|nd\b|rd\b|th\b")
_DIGITS = re.compile(
    r"(?<![\w.])(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    rf"(?:(?P<gap>[\s-]?)(?P<unit>{_UNIT_WORDS}))?(?![\w])"
)
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_NUMWORD = "|".join(sorted(_WORD_VALUE, key=len, reverse=True))
_WORDS = re.compile(
    rf"\b(?P<words>(?:{_NUMWORD})(?:[\s-]+(?:and[\s-]+)?(?:{_NUMWORD}|hundred|thousand|million))*)"
    r"(?:\s+(?P<unit>percent|per cent|percentage points?|points?|times|fold|%))?\b",
    re.I,
)
_VULGAR = {"¼": Decimal("0.25"), "½": Decimal("0.5"), "¾": Decimal("0.75"),
           "⅓": Decimal(1) / 3, "⅔": Decimal(2) / 3, "⅕": Decimal("0.2"), "⅖": Decimal("0.4"),
           "⅗": Decimal("0.6"), "⅘": Decimal("0.8"), "⅙": Decimal(1) / 6, "⅚": Decimal(5) / 6,
           "⅛": Decimal("0.125"), "⅜": Decimal("0.375"), "⅝": Decimal("0.625"),
           "⅞": Decimal("0.875"), "⅐": Decimal(1) / 7, "⅑": Decimal(1) / 9, "⅒": Decimal("0.1")}
_FRACTION = re.compile(rf"[{''.join(_VULGAR)}]|(?<![\w/.])(\d{{1,2}})/(\d{{1,2}})(?![\w/])")
_FRACTION_WORDS = re.compile(
    r"\b(one|two|three|four)[\s-]+(half|halves|thirds?|quarters?|fifths?)\b", re.I)
_DENOMINATOR = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                "fifth": 5, "fifths": 5}


def _fmt(value: Decimal) -> str:
    return canonical(format(value.normalize(), "f"))


def _unit_of(word: str | None) -> tuple[Unit | None, Decimal]:
    """The unit class of a suffix and the factor it scales the number by."""
    if not word:
        return None, Decimal(1)
    w = word.lower().strip("-")
    if w in ("%", "percent", "per cent", "percentage point", "percentage points", "pp"):
        return ("points" if "point" in w or w == "pp" else "%"), Decimal(1)
    if w.startswith("point") or w.startswith("pt"):
        return "points", Decimal(1)
    if w in ("x", "×", "times", "fold"):
        return "x", Decimal(1)
    if w in ("st", "nd", "rd", "th"):
        return None, Decimal(1)
    if word in ("M",) or w in _SCALE:
        return None, _SCALE["m" if word == "M" else w]
    base = w[:-1] if w.endswith("s") and w[:-1] in _SECONDS else w
    if base in _SECONDS:
        return "time", _SECONDS[base]
    return None, Decimal(1)


def _words_value(words: str) -> Decimal | None:
    total, current = 0, 0
    for w in re.split(r"[\s-]+", words.lower()):
        if w == "and":
            continue
        if w in _WORD_VALUE:
            current += _WORD_VALUE[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in ("thousand", "million"):
            total += max(current, 1) * (1000 if w == "thousand" else 10**6)
            current = 0
    return Decimal(total + current)


def read_figures(text: str) -> list[Fig]:
    """Every figure of ``text`` (ISO dates excluded: they are dates), in order of position."""
    body = ISO_DATE.sub(lambda m: " " * len(m.group(0)), text)
    found: list[Fig] = []
    taken: list[tuple[int, int]] = []

    def add(fig: Fig) -> None:
        if not any(s < fig.end and fig.start < e for s, e in taken):
            taken.append((fig.start, fig.end))
            found.append(fig)

    for m in _FRACTION.finditer(body):
        if m.group(1):
            den = Decimal(m.group(2))
            if den == 0 or int(m.group(1)) >= int(m.group(2)):
                continue
            frac = Decimal(m.group(1)) / den
        else:
            frac = _VULGAR[m.group(0)]
        add(Fig(m.group(0), _percent_forms(frac), "%", m.start(), m.end()))
    for m in _FRACTION_WORDS.finditer(body):
        num = _WORD_VALUE[m.group(1).lower()]
        frac = Decimal(num) / _DENOMINATOR[m.group(2).lower()]
        add(Fig(m.group(0), _percent_forms(frac), "%", m.start(), m.end()))
    for m in _DIGITS.finditer(body):
        unit, factor = _unit_of(m.group("unit"))
        try:
            number = Decimal(m.group("num").replace(",", "").lstrip("+-"))
        except InvalidOperation:
            continue
        if unit == "time":
            add(Fig(m.group(0), (_fmt(number * factor),), "time", m.start(), m.end()))
        else:
            add(Fig(m.group(0), (_fmt(number * factor),), unit, m.start(), m.end()))
    for m in _WORDS.finditer(body):
        words = m.group("words")
        value = _words_value(words)
        unit, _ = _unit_of(m.group("unit"))
        if value is None or (words.lower() in ("one", "zero") and unit is None):
            continue  # "one of", "zero-shot": words, not claims
        add(Fig(m.group(0), (_fmt(value),), unit, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def _percent_forms(frac: Decimal) -> tuple[str, ...]:
    pct = frac * 100
    forms = [_fmt(pct.quantize(Decimal("0.1"))), _fmt(pct.quantize(Decimal(1)))]
    return tuple(dict.fromkeys(forms))


def compatible(claimed: Unit | None, given: Unit | None) -> bool:
    """Whether a figure written with unit ``claimed`` can state one the inputs give as ``given``."""
    if claimed is None:
        return True
    if claimed == "points":
        return given in ("points", None)
    return claimed == given
