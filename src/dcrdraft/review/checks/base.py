"""Registry and result types shared by every check type."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import re

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import REF, vocab
# Statements of absence and placeholders live below the fact layer; re-exported for the checks.
from dcrdraft.review.absence import EMPTY_VALUE as EMPTY_VALUE
from dcrdraft.review.absence import EXTRA_PLACEHOLDER as EXTRA_PLACEHOLDER
from dcrdraft.review.absence import NEGATED_RE as NEGATED_RE
from dcrdraft.review.absence import PLACEHOLDER_X as PLACEHOLDER_X
from dcrdraft.review.absence import absent_value as absent_value
from dcrdraft.review.absence import negated as negated
from dcrdraft.review.text import compile_any

Params = dict[str, Any]


@dataclass
class Verdict:
    """An item check's judgement: status, the unit it rests on and a detail for the message."""

    status: Literal["pass", "weak", "missing"]
    unit: Unit | None = None
    detail: str = ""
    line: int | None = None


@dataclass
class Hit:
    """A finding check's span with a detail for the message."""

    line: int
    end_line: int
    detail: str = ""


@dataclass(frozen=True)
class CheckSpec:
    kind: Literal["item", "finding"]
    fn: Callable[[Context, Params], Any]
    doc: str


CHECKS: dict[str, CheckSpec] = {}


F = TypeVar("F", bound=Callable[..., Any])


def check(name: str, kind: Literal["item", "finding"]) -> Callable[[F], F]:
    """Register ``fn`` as check type ``name`` serving ``kind`` rules. The function keeps its
    own type, so a check that calls another (C07 calls ``evidence``) is type-checked."""
    def deco(fn: F) -> F:
        CHECKS[name] = CheckSpec(kind, fn, (fn.__doc__ or "").strip().splitlines()[0])
        return fn
    return deco


def expand(pattern: str) -> str:
    """A rule pattern with each ``{vocab:NAME}`` replaced by that named vocabulary."""
    if "{vocab:" not in pattern:
        return pattern
    return REF.sub(lambda m: f"(?:{vocab(m.group(1)).pattern})", pattern)


def patterns(params: Params, key: str) -> tuple[str, ...]:
    """A list-of-regex parameter as a tuple (a single string is accepted)."""
    raw = params.get(key) or ()
    return (expand(raw),) if isinstance(raw, str) else tuple(expand(str(p)) for p in raw)


def groups(params: Params, key: str) -> list[tuple[Any, ...]]:
    """A list of alternatives, each a list of regexes that must all match one unit; a
    pattern may reference a named vocabulary as ``{vocab:NAME}``."""
    out = []
    for alt in params.get(key) or ():
        pats = (alt,) if isinstance(alt, str) else tuple(alt)
        out.append(tuple(compile_any((expand(str(p)),)) for p in pats))
    return out


def matches_all(text: str, alt: tuple[Any, ...]) -> bool:
    for rx in alt:  # a loop, not all() over a generator: ~3,000 calls a document
        if not rx.search(text):
            return False
    return True


def first(units: Iterable[Unit], pred: Callable[[Unit], bool]) -> Unit | None:
    return next((u for u in units if pred(u)), None)


def scoped(ctx: Context, params: Params, chunks: bool = False) -> tuple[list[Unit], bool]:
    """Units under the rule's ``kinds``; all units when none are recognised (flag False)."""
    kinds = params.get("kinds") or ()
    found = ctx.in_kinds(kinds, chunks) if kinds else []
    if found:
        return found, True
    if kinds and not params.get("anywhere", True):
        return [], False
    return ctx.in_kinds(None, chunks), False


# -- a figure that misses the threshold stated beside it -----------------------------------

_LIMIT_RE = re.compile(r"(?P<op>≥|>=|\bat least\b|\bno (?:less|lower) than\b|≤|<=|\bat most\b|"
                       r"\bno (?:more|higher) than\b)\s*(?P<num>\d+(?:\.\d+)?)\s?(?P<pct>%)?", re.I)
_FIGURE_RE = re.compile(r"(?<![\w.+-])(\d+(?:\.\d+)?)(\s?%)?(?![\w+])")
_LIMIT_WORD_RE = re.compile(r"\b(?:threshold|target|bar|min(?:imum)?|required|requirement|goal|"
                            r"limit|slo|floor|ceiling|cap|max(?:imum)?|criteri\w+)\b", re.I)
_ACK_RE = re.compile(r"\b(?:fail\w*|below|miss\w*|short\w*|breach\w*|not met|under (?:the )?"
                     r"(?:threshold|target|bar)|exception|waive\w*|mitigat\w*|capped|watch)\b|[✗✘❌]",
                     re.I)


def misses_own_threshold(text: str) -> bool:
    """Whether a figure in ``text`` misses the limit stated beside it ("AIR: 0.78;
    Threshold: ≥ 0.80; Status: PASS") and the text does not acknowledge it (no "fail",
    "below", "mitigation")."""
    if _ACK_RE.search(text):
        return False
    for m in _LIMIT_RE.finditer(text):
        if not _LIMIT_WORD_RE.search(text[max(0, m.start() - 20):m.start()]):
            continue  # "Age ≥ 80" defines a group; "Threshold: ≥ 0.80" sets a bar
        limit, pct = float(m.group("num")), bool(m.group("pct"))
        floor = m.group("op").lower() in ("≥", ">=", "at least", "no less than", "no lower than")
        for f in _FIGURE_RE.finditer(text):
            if m.start() <= f.start() < m.end():
                continue
            value = float(f.group(1))
            if bool(f.group(2)) != pct or (value <= 1) != (limit <= 1):
                continue
            if (floor and value < limit) or (not floor and value > limit):
                return True
    return False
