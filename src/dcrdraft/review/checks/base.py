"""Registry and result types shared by every check type."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from ..context import Context, Unit
from ..text import compile_any

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


def check(name: str, kind: Literal["item", "finding"]) -> Callable[[Any], Any]:
    """Register ``fn`` as check type ``name`` serving ``kind`` rules."""
    def deco(fn: Callable[[Context, Params], Any]) -> Callable[[Context, Params], Any]:
        CHECKS[name] = CheckSpec(kind, fn, (fn.__doc__ or "").strip().splitlines()[0])
        return fn
    return deco


def patterns(params: Params, key: str) -> tuple[str, ...]:
    """A list-of-regex parameter as a tuple (a single string is accepted)."""
    raw = params.get(key) or ()
    return (raw,) if isinstance(raw, str) else tuple(str(p) for p in raw)


def groups(params: Params, key: str) -> list[tuple[Any, ...]]:
    """A list of alternatives, each a list of regexes that must all match one unit."""
    out = []
    for alt in params.get(key) or ():
        pats = (alt,) if isinstance(alt, str) else tuple(alt)
        out.append(tuple(compile_any((p,)) for p in pats))
    return out


def matches_all(text: str, alt: tuple[Any, ...]) -> bool:
    return all(rx.search(text) for rx in alt)


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
