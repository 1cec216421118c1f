"""Registry and result types shared by every check type."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import re

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import PLACEHOLDER_RE, compile_any

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


_VOCAB_REF = re.compile(r"\{vocab:([\w-]+)\}")


def expand(pattern: str) -> str:
    """A rule pattern with each ``{vocab:NAME}`` replaced by that named vocabulary."""
    if "{vocab:" not in pattern:
        return pattern
    return _VOCAB_REF.sub(lambda m: f"(?:{vocab(m.group(1)).pattern})", pattern)


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


# -- absence: negated statements and placeholders ------------------------------------------

_DONE = (r"(?:tested|evaluated|assessed|analy[sz]ed|reviewed|written|drafted|started|begun|"
         r"defined|agreed|assigned|obtained|completed?|done|performed|conducted|published|"
         r"finali[sz]ed|trained|staffed|hired|rostered|rehearsed|exercised|measured|checked|"
         r"run|built|set up|considered|documented|signed|approved|established|identified|"
         r"implemented|configured|verified|validated|collected|studied|examined|audited|"
         r"investigated|quantified|computed|calculated|estimated|broken down|compared|"
         r"prepared|produced|created|decided|determined|filed|registered|submitted|ready|"
         r"available|in place|carried out)")
NEGATED_RE = re.compile(
    rf"\b(?:not|never)\s+(?:yet\s+)?(?:been\s+|be\s+)?(?:fully\s+|formally\s+|properly\s+)?"
    rf"{_DONE}\b"
    rf"|\bno\s+(?:[\w-]+\s+){{0,4}}?(?:has|have|had|was|were|is|are)\s+(?:yet\s+)?(?:been\s+)?"
    rf"(?:fully\s+|formally\s+)?{_DONE}\b"
    rf"|\b(?:has|have|had|is|are|was|were)n['’]t\s+(?:yet\s+)?(?:been\s+)?{_DONE}\b"
    rf"|\b(?:yet to be|yet to|still to be|still needs? to be)\s+{_DONE}\b"
    rf"|\bno\s+(?:[\w-]+\s+){{0,3}}?(?:yet|so far|to date|at this (?:time|stage))\b"
    rf"|\bnone (?:yet|so far|to date)\b|\bnot yet\b"
    rf"|^\W*(?:n/?a|none|tbd|tbc|to be (?:confirmed|determined|defined))\b"
    rf"|\bsee (?:the )?(?:attached|separate|enclosed)\b"
    rf"|^\W*gap\s*:", re.I)
"""A statement that something was NOT done: "has not been tested", "No rollback plan has been
defined yet", "we have not evaluated fairness", "N/A", "see attached", and the "Gap: ..."
lines dcrdraft's own drafts put where content is missing. Such a sentence names the topic but
is evidence of its absence."""

EXTRA_PLACEHOLDER = (
    r"\[[A-Za-z][\w .'-]{0,25}(?:\s?/\s?[\w .'-]{1,25}){1,6}\]"  # [HIGH/MEDIUM/LOW]
    r"|\[(?:threshold|number|percentage|percent|figure|link|url|details?|description|"
    r"metric name|owner name|approver|signer|version|date of \w+|fill in[^\]]*|add [^\]]*|"
    r"describe[^\]]*|\w+ name)\]"
    r"|<(?:threshold|metric|value|version|describe|fill)[^>]{0,40}>")
PLACEHOLDER_X = re.compile(f"{PLACEHOLDER_RE.pattern}|{EXTRA_PLACEHOLDER}", re.I)
"""The shared placeholder list plus option lists and template slots ("[HIGH/MEDIUM/LOW]",
"[threshold]")."""

EMPTY_VALUE = re.compile(r"^\W*(?:gap(?:\s*:.*)?|n/?a|none|nil|tbd|tbc|todo|pending|unknown|unassigned|"
                         r"not (?:yet )?(?:assigned|known|defined|set|available)|-+|–|—|\?+)?"
                         r"\W*$", re.I)


def negated(text: str) -> bool:
    """Whether ``text`` states that something was not done (see ``NEGATED_RE``)."""
    return bool(NEGATED_RE.search(text))


def absent_value(text: str) -> bool:
    """A field value that supplies nothing: empty, N/A, TBD, pending or a placeholder."""
    t = text.strip(" .;:,*_`")
    return not t or bool(EMPTY_VALUE.match(t)) or bool(PLACEHOLDER_X.match(t))


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
