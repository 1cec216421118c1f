"""Figures bound to what they measure: each figure of the inputs and the computed statistics
with its subjects (the metric, dataset, segment or risk it belongs to) and unit, and the check
that a figure in generated text is stated about one of them.

"Adverse impact ratio of 0.42" is mis-bound when 0.42 is in the inputs only as the p95
latency: the figure exists, but not for the subject the sentence gives it. A subject is
named in the figure's clause, else in its sentence, else it is the part's own subject (the
risk an entry expands); a figure stated about no subject at all is checked by value only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from dcrdraft.analysis.claims import Fig, Unit, compatible, read_figures
from dcrdraft.analysis.core import Analysis, secondary_ci, secondary_delta
from dcrdraft.inputs.model import Segment
from dcrdraft.figures import canonical

SubjectKind = Literal["metric", "dataset", "segment", "risk"]

_STOP = frozenset("""the a an of on in for to by and or with at from as is are was were be it
its this that rate rates metric metrics""".split())


def stem(word: str) -> str:
    """A crude singular: "errors" → "error", "queries" → "query"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words_of(text: str) -> list[tuple[str, int]]:
    """Lower-cased, stemmed words of ``text`` with their start offsets."""
    return [(stem(m.group(0).lower()), m.start()) for m in re.finditer(r"[A-Za-z0-9]+", text)]


@dataclass(frozen=True)
class Subject:
    """Something figures belong to, with the word sets that name it."""

    kind: SubjectKind
    name: str
    aliases: tuple[frozenset[str], ...]

    def __str__(self) -> str:
        return self.name


def _alias_words(name: str) -> frozenset[str]:
    return frozenset(w for w, _ in words_of(name) if w not in _STOP)


def make_subject(kind: SubjectKind, name: str, *extra: str) -> Subject:
    names = [name, re.sub(r"\([^)]*\)", " ", name), *extra]
    aliases = tuple(dict.fromkeys(a for a in (_alias_words(n) for n in names if n) if a))
    return Subject(kind, name, aliases)


@dataclass(frozen=True)
class Entry:
    """One figure of the inputs or the computed statistics."""

    value: str
    unit: Unit | None
    subjects: frozenset[Subject]
    context: str
    """Where it came from (a field's text or a computed fact), for messages and overlap."""


@dataclass(frozen=True)
class Mention:
    subject: Subject
    end: int
    """Offset (in the text searched) of the last word that names it."""


_COMMON = 64
"""A word in more aliases than this names no subject on its own (it only narrows)."""


@dataclass
class FigureIndex:
    """Every figure a draft may state, with its subjects and unit.

    Look-ups cost the same however many risks the inputs have: entries are indexed by value,
    by (subject, value) and by (value, context word); subjects by their discriminating words.
    """

    entries: dict[str, list[Entry]] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)
    _subjects: dict[Subject, None] = field(default_factory=dict)
    _by_word: dict[str, list[tuple[Subject, frozenset[str]]]] | None = None
    _by_subject: dict[tuple[Subject, str], list[Entry]] = field(default_factory=dict)
    _general: dict[str, list[Entry]] = field(default_factory=dict)
    _by_context_word: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    _units: dict[str, set[Unit | None]] = field(default_factory=dict)
    _seen: set[Entry] = field(default_factory=set)
    _alias_owners: dict[frozenset[str], list[Subject]] = field(default_factory=dict)

    @property
    def subjects(self) -> list[Subject]:
        return list(self._subjects)

    def add_subject(self, subject: Subject) -> Subject:
        if subject not in self._subjects:
            self._subjects[subject] = None
            self._by_word = None
            for alias in subject.aliases:
                self._alias_owners.setdefault(alias, []).append(subject)
        return subject

    def _word_index(self) -> dict[str, list[tuple[Subject, frozenset[str]]]]:
        if self._by_word is None:
            freq: dict[str, int] = {}
            for alias in self._alias_owners:
                for w in alias:
                    freq[w] = freq.get(w, 0) + 1
            index: dict[str, list[tuple[Subject, frozenset[str]]]] = {}
            for alias, owners in self._alias_owners.items():
                keys = [w for w in alias if freq[w] <= _COMMON] or [min(alias, key=freq.__getitem__)]
                for w in keys:
                    index.setdefault(w, []).extend((s, alias) for s in owners)
            self._by_word = index
        return self._by_word

    def same_named(self, subject: Subject) -> list[Subject]:
        """``subject`` and every subject sharing one of its aliases."""
        out = [subject]
        for alias in subject.aliases:
            out += [s for s in self._alias_owners.get(alias, ()) if s is not subject]
        return out

    def add(self, value: str, unit: Unit | None, subjects: Iterable[Subject], context: str) -> None:
        e = Entry(value, unit, frozenset(subjects), context)
        if e in self._seen:
            return
        self._seen.add(e)
        self.entries.setdefault(value, []).append(e)
        self._units.setdefault(value, set()).add(unit)
        if not e.subjects:
            self._general.setdefault(value, []).append(e)
        for sub in e.subjects:
            self._by_subject.setdefault((sub, value), []).append(e)
        for w in {w for w, _ in words_of(context) if len(w) > 3 and w not in _STOP}:
            bucket = self._by_context_word.setdefault((value, w), [])
            if len(bucket) <= _COMMON:
                bucket.append(e)

    def units(self, value: str) -> set[Unit | None]:
        return self._units.get(value, set())

    def general(self, value: str) -> list[Entry]:
        return self._general.get(value, [])

    def about(self, value: str, subjects: Iterable[Subject]) -> list[Entry]:
        """Entries of ``value`` bound to any of ``subjects`` (or a subject named the same)."""
        out: list[Entry] = []
        for s in subjects:
            for same in self.same_named(s):
                out += self._by_subject.get((same, value), ())
        return out

    def restated(self, value: str, clause: str, unit: Unit | None = None) -> bool:
        """Whether ``clause`` shares two content words with a text that gave ``value`` (in a
        unit ``unit`` can state)."""
        hits: dict[int, int] = {}
        for w in {w for w, _ in words_of(clause) if len(w) > 3 and w not in _STOP}:
            bucket = self._by_context_word.get((value, w), ())
            if len(bucket) > _COMMON:
                continue
            for e in bucket:
                if not compatible(unit, e.unit):
                    continue
                hits[id(e)] = hits.get(id(e), 0) + 1
                if hits[id(e)] >= 2:
                    return True
        return False

    def add_text(self, text: str, subjects: Iterable[Subject]) -> None:
        """The figures of a text field, bound to ``subjects`` and to those the text names."""
        own = set(subjects) | {m.subject for m in self.mentions(text)}
        for f in read_figures(text):
            for v in f.values:
                self.add(v, f.unit, own, text)

    def add_rate(self, x: float, subjects: Iterable[Subject], context: str,
                 decimals: tuple[int, ...] = (2,)) -> None:
        """A rate: as the fraction typed and as a percentage to ``decimals`` (trailing zeros
        dropped), so 0.023 is "2.3%" and never the rounded "2%"."""
        subs = list(subjects)
        self.add(canonical(repr(x)), None, subs, context)
        for d in decimals:
            self.add(canonical(f"{x * 100:.{d}f}"), "%", subs, context)

    def mentions(self, text: str) -> list[Mention]:
        """The subjects ``text`` names: every word of an alias (two of three for longer ones)."""
        words = words_of(text)
        first: dict[str, int] = {}
        for w, pos in words:
            first.setdefault(w, pos)
        found: dict[Subject, int] = {}
        index = self._word_index()
        for w in first:
            for subject, alias in index.get(w, ()):
                present = [first[a] for a in alias if a in first]
                need = len(alias) if len(alias) <= 2 else -(-2 * len(alias) // 3)
                if len(present) >= need:
                    end = max(present)
                    found[subject] = min(found.get(subject, end), end)
        return [Mention(s, e) for s, e in found.items()]


# -- building the index from an analysis ------------------------------------------------------


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _strings(getattr(node, name))
        for key, value in (node.model_extra or {}).items():
            yield from _strings(value)
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


def _dates(node: Any) -> Iterator[dt.date]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _dates(getattr(node, name))
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _dates(v)
    elif isinstance(node, dt.date):
        yield node


class _Builder:
    """Fills a ``FigureIndex`` from an analysis, one part of the inputs at a time."""

    def __init__(self, a: Analysis, clean: Callable[[str], str]) -> None:
        self.a, self.clean, self.idx = a, clean, FigureIndex()
        self.metrics: dict[str, Subject] = {}
        self.datasets: dict[str, Subject] = {}
        self.segments: dict[str, tuple[Segment, Subject]] = {}
        self.risk_subjects: list[Subject] = []

    def subjects(self) -> None:
        """Every subject, before any text is read (so each text is matched against all)."""
        i, ev = self.a.inputs, self.a.inputs.evaluation
        if ev.primary_metric is not None:
            self.metric(ev.primary_metric.name)
        for m in ev.secondary_metrics:
            self.metric(m.name)
            self.dataset(m.dataset)
        for t in i.deployment.monitoring:
            self.metric(t.metric)
        for c in self.a.columns:
            self.metric(c.metric or c.key)
            self.metric(c.key)
        for f in self.a.failures:
            self.metric(f.metric)
        for d in ev.datasets:
            self.dataset(d.name)
        for res in self.a.primary:
            self.dataset(res.dataset)
        for seg in ev.segments:
            self.segments[seg.name] = (seg, self.idx.add_subject(make_subject("segment", seg.name)))
            for key in seg.model_extra or {}:
                self.metric(key)
        for rv in self.a.risks:
            r = rv.risk
            # Named by title or ID; the positional label ("Risk 2") is structure, not a name.
            aliases = make_subject("risk", r.title, r.id or "").aliases
            self.risk_subjects.append(self.idx.add_subject(Subject("risk", rv.label, aliases)))

    def metric(self, name: str) -> Subject:
        key = " ".join(sorted(_alias_words(name)))
        if key not in self.metrics:
            self.metrics[key] = self.idx.add_subject(
                make_subject("metric", name, name.replace("_", " ")))
        return self.metrics[key]

    def dataset(self, name: str | None) -> list[Subject]:
        if not name:
            return []
        if name not in self.datasets:
            self.datasets[name] = self.idx.add_subject(make_subject("dataset", name))
        return [self.datasets[name]]

    def text(self, value: str | None, subjects: list[Subject]) -> None:
        if value:
            self.idx.add_text(self.clean(value), subjects)

    def typed(self, value: Any, subjects: list[Subject], context: str) -> None:
        if value is None or isinstance(value, bool):
            return
        if isinstance(value, float):
            self.idx.add_rate(value, subjects, context)
        elif isinstance(value, int):
            self.idx.add(str(value), None, subjects, context)
        elif isinstance(value, str):
            self.text(value, subjects)

    def primary(self) -> None:
        pm = self.a.inputs.evaluation.primary_metric
        if pm is None:
            return
        pm_s = self.metric(pm.name)
        for res in self.a.primary:
            subs = [pm_s, *self.dataset(res.dataset)]
            ctx = f"{pm.name} on {res.dataset}"
            self.idx.add_rate(res.value, subs, ctx)
            self.typed(res.n, subs, ctx)
            for bound in res.ci or ():
                self.idx.add_rate(bound, subs, ctx, (1, 2))
            if res.delta is not None:
                self.idx.add(canonical(f"{abs(res.delta):.2f}"), "points", subs, ctx)
        if pm.baseline is not None:
            self.idx.add_rate(pm.baseline.value, [pm_s], f"{pm.name} baseline")
            self.text(pm.baseline.label, [pm_s])
        if pm.threshold is not None:
            self.idx.add_rate(pm.threshold, [pm_s], f"{pm.name} threshold")
        self.text(pm.definition, [pm_s])

    def secondary(self) -> None:
        for m in self.a.inputs.evaluation.secondary_metrics:
            subs = [self.metric(m.name), *self.dataset(m.dataset)]
            for v in (m.value, m.baseline, m.threshold, m.n):
                self.typed(v, subs, m.name)
            for bound in secondary_ci(m) or ():
                self.idx.add_rate(bound, subs, m.name, (1, 2))
            delta = secondary_delta(m)
            if delta is not None:
                self.idx.add(canonical(f"{abs(delta):.2f}"), "points", subs, m.name)

    def datasets_and_segments(self) -> None:
        ev = self.a.inputs.evaluation
        for d in ev.datasets:
            self.typed(d.size, self.dataset(d.name), d.name)
            self.text(d.description, self.dataset(d.name))
            self.text(d.name, self.dataset(d.name))
        columns = {c.key: self.metric(c.metric or c.key) for c in self.a.columns}
        for seg, s in self.segments.values():
            self.typed(seg.n, [s], seg.name)
            self.text(seg.name, [s])
            self.text(seg.note, [s])
            for key, value in (seg.model_extra or {}).items():
                self.typed(value, [s, columns.get(key) or self.metric(key)], f"{seg.name} {key}")
        for f in self.a.failures:
            self.idx.add_rate(f.threshold, [self.metric(f.metric)], f"{f.metric} threshold")

    def monitoring(self) -> None:
        for t in self.a.inputs.deployment.monitoring:
            s = self.metric(t.metric)
            self.typed(t.threshold, [s], t.metric)
            for v in (t.window, t.yellow, t.red, t.action, t.metric):
                self.text(v, [s])

    def risks(self) -> None:
        for rv, s in zip(self.a.risks, self.risk_subjects, strict=True):
            r = rv.risk
            for v in _strings(r):
                self.text(v, [s])
            for name in r.segments:
                if name in self.segments:
                    seg, seg_s = self.segments[name]
                    for key, value in (seg.model_extra or {}).items():
                        self.typed(value, [s, seg_s, self.metric(key)], seg.name)

    def rest(self) -> None:
        """Everything else the inputs say, bound to what each text names; and counts."""
        i, ev = self.a.inputs, self.a.inputs.evaluation
        dep = i.deployment
        for node in (i.system, i.document, ev.methodology, ev.raters, ev.failure_modes,
                     dep.conditions, dep.rollback_triggers, dep.rollback_procedure,
                     dep.human_review, dep.user_documentation, i.safety, i.signoffs,
                     i.recommendation, i.appendices):
            for v in _strings(node):
                self.text(v, [])
        for c in (len(self.a.gaps), len(self.a.risks), len(self.a.top_risks), len(i.signoffs),
                  len(ev.datasets), len(ev.segments), len(self.a.failures),
                  len(ev.secondary_metrics)):
            self.idx.add(str(c), None, [], "a count of the inputs")
        self.idx.years = {d.year for d in _dates(i)}


def build_index(a: Analysis, clean: Callable[[str], str] = str) -> FigureIndex:
    """The figure index of ``a``; ``clean`` removes text that must ground nothing."""
    b = _Builder(a, clean)
    b.subjects()
    b.primary()
    b.secondary()
    b.datasets_and_segments()
    b.monitoring()
    b.risks()
    b.rest()
    return b.idx


# -- checking generated text ------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9*\"(\[¼-¾⅐-⅞])|\n+")
_CLAUSE = re.compile(r";|,\s|\s(?:and|but|while|whereas)\s|\s[–—]\s")


@dataclass(frozen=True)
class Binding:
    """Why a figure of the text is not grounded: absent, wrong unit, or another subject's."""

    figure: Fig
    problem: Literal["absent", "unit", "subject"]
    detail: str = ""


def _spans(pattern: re.Pattern[str], text: str, start: int) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in pattern.finditer(text):
        yield start + pos, start + m.start()
        pos = m.end()
    yield start + pos, start + len(text)


def _fits(entry: Entry, named: set[Subject], loose: bool = False) -> bool:
    """Whether ``entry`` belongs to the subjects a clause names (each kind both have must
    agree); ``loose`` (subjects named elsewhere in the sentence) needs no kind in common."""
    hit = loose
    for kind in ("metric", "dataset", "segment", "risk"):
        mine = {s for s in entry.subjects if s.kind == kind}
        theirs = {s for s in named if s.kind == kind}
        if mine and theirs:
            if not _same(mine, theirs):
                return False
            hit = True
    return hit


def _same(a: set[Subject], b: set[Subject]) -> bool:
    if a & b:
        return True
    aliases = {al for s in a for al in s.aliases}
    return any(al in aliases for s in b for al in s.aliases)


def _named(idx: FigureIndex, clause: str, offset: int, at: int) -> set[Subject]:
    """Subjects a clause names; of several metrics, the one nearest before the figure."""
    mentions = idx.mentions(clause)
    metrics = [m for m in mentions if m.subject.kind == "metric"]
    out = {m.subject for m in mentions if m.subject.kind != "metric"}
    if metrics:
        before = [m for m in metrics if offset + m.end < at]
        pick = max(before, key=lambda m: m.end) if before else min(metrics, key=lambda m: m.end)
        out |= {m.subject for m in metrics if m.end == pick.end}
    return out


def check_figures(idx: FigureIndex, text: str, own: Iterable[Subject] = ()) -> list[Binding]:
    """Figures of ``text`` that are absent, in the wrong unit, or stated about another subject.

    ``own`` is the part's subject (the risk an entry expands, and what it names), used for a
    sentence that names none.
    """
    own_set = set(own)
    out: list[Binding] = []
    for s_start, s_end in _spans(_SENTENCE, text, 0):
        sentence = text[s_start:s_end]
        figs = read_figures(sentence)
        if not figs:
            continue
        clauses = list(_spans(_CLAUSE, sentence, 0))
        for f in figs:
            c0, c1 = next(((a, b) for a, b in clauses if a <= f.start < b), (0, len(sentence)))
            problem = _check_one(idx, f, sentence, (c0, c1), own_set)
            if problem is not None:
                out.append(problem)
    return out


def _check_one(idx: FigureIndex, f: Fig, sentence: str, clause: tuple[int, int],
               own: set[Subject]) -> Binding | None:
    units = {u for v in f.values for u in idx.units(v)}
    if not units:
        if f.unit is None and _year(f) in idx.years:
            return None
        return Binding(f, "absent")
    if not any(compatible(f.unit, u) for u in units):
        given = sorted(u or "a plain number" for u in units)
        return Binding(f, "unit", f"in the inputs {f.value} is {', '.join(given)}, "
                                  f"not {_unit_words(f.unit)}")
    c0, c1 = clause
    text = sentence[c0:c1]
    named = _named(idx, text, c0, f.start)
    loose = False
    if not named:
        if any(idx.restated(v, text, f.unit) for v in f.values):
            return None  # the clause restates the text the figure came from
        named = _named(idx, sentence, 0, f.start)
        loose = bool(named)
    scope = named or own
    if not scope:
        return None
    candidates = [e for v in f.values for e in (idx.entries.get(v, []) if loose else idx.about(v, scope))
                  if compatible(f.unit, e.unit)]
    if any(_fits(e, scope, loose) for e in candidates[:200]):
        return None
    if any(compatible(f.unit, e.unit) for v in f.values for e in idx.general(v)) and (
            not named or any(idx.restated(v, text, f.unit) for v in f.values)):
        return None  # a general figure (a count, the business case)
    belongs = sorted({str(s) for v in f.values for e in idx.entries.get(v, [])[:50]
                      if compatible(f.unit, e.unit) for s in e.subjects}) or ["no subject"]
    return Binding(f, "subject", f"in the inputs {f.value} belongs to {', '.join(belongs[:3])}, "
                                 f"not to {', '.join(sorted(str(s) for s in scope)[:3])}")


def _year(f: Fig) -> int | None:
    try:
        v = Decimal(f.value)
    except ArithmeticError:
        return None
    return int(v) if v == v.to_integral_value() and 1900 <= v <= 2100 else None


def _unit_words(unit: Unit | None) -> str:
    return {"%": "a rate", "points": "a difference in points", "time": "a duration",
            "x": "a multiple"}.get(unit or "", "a plain number")
