"""Metric facts read from prose: each figure of a result sentence classified by its words (a
result, a baseline, a threshold, a change, or a peer: another part of the population), named
by the nearest metric name no other figure stands between, with the sentence's comparator
figures tied to its first result.

A sentence is read once for what its figures ask about (``_Sentence``): the patterns here
are searched only in the windows around each figure, which keeps a sentence of many figures
linear in its length. Tables are read in ``table_metrics``; both share the model in
``metrics``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.labelled import label_before, names_comparator
from dcrdraft.review.facts.metrics import (EVAL_KINDS, PROSE_FIGURE, Comparator, MetricFact,
                                           direction, is_metric_name, operating_point_spans)
from dcrdraft.review.facts.vocab import matches, vocab
from dcrdraft.review.facts.windows import Asides, Cover, Windows
from dcrdraft.review.text import METRIC_RE, METRIC_WORDS, NUM, metric_key, to_float

_NAME = re.compile(
    rf"(?i:\b(?:{METRIC_WORDS})\b(?:@\d+)?|\bcoverage\b)"
    rf"|\b(?!(?:API|SKU|GPU|CPU|PII|USD|EUR|GBP|CI|FY|EU|UK|US|ID|IT|HR|QA|PR|Q[1-4]|AM|PM|OK|NB|"
    rf"ML|AI|LLM|PASS|FAIL|GO|NO)\b)[a-z]?[A-Z]{{2,7}}(?:@\d+|-\d+)?\b")
"""A metric's name in prose: a metric word (case-insensitive) or an acronym (WAPE, NDCG@10)."""
_NOT_NAME = re.compile(r"^(?:rate|score|share|percentage|ratio|quality|change|loss|"
                       r"traffic|volume|budget|of|the)$", re.I)
_FROM = re.compile(r"\b(?:from|previously|versus|vs\.?|compared (?:with|to)|against|than)\s+"
                   r"(?:about |around |roughly |~)?$", re.I)
_INTERVAL = re.compile(rf"(?:\bCI\b|interval|\[|\(|±|\+/-|between)[^.;\])]{{0,20}}?(?:{NUM})\s?%?"
                       rf"\s?(?:–|-|to|,|and)\s?(?:{NUM})\s?%?|±\s?(?:{NUM})\s?%?", re.I)
_CONDITION = re.compile(r"(?:\b(?:above|below|under|over|exceeds?|exceeding|less than|more than|"
                        r"greater than|lower than|higher than|at least|at most|between)|[<>≤≥])"
                        r"\s*(?:the |a |an )?$", re.I)
_ACRONYM = re.compile(r"^[a-z]?[A-Z]{2,7}(?:@\d+|-\d+)?$")
_VERB_VALUE = re.compile(r"\b(?:catch\w*|caught|detect\w*|flag\w*|find\w*|found|answer\w*|"
                         r"resolv\w*|complet\w*|achiev\w*|scor\w*|reach\w*|got|gets|hit\w*)\b"
                         r"[^.;%\d]{0,25}$|(?<!false )\b(?:catch(?:es)?|caught|detect(?:s|ed)|"
                         r"flag(?:s|ged)|finds|found|warn(?:s|ed)|identifi(?:es|ed)|spott(?:s|ed)|"
                         r"picked up|recogni[sz](?:es|ed))\b[^.;%\d]{0,25}\d[\d,]*\s?(?:=|\()\s?$", re.I)
"""A detection verb before the figure: "caught 41%", "warned on 197 (92.9%)", "caught 30 =
88%": the system's hit rate, whatever the sentence calls it. Not "flagged 90 of 5,000 clean
messages (1.8%)": a count of a named total may be of the cases it should leave alone."""
_CMP_SUBJECT = re.compile(r"^\W*(?:(?:the|our|their)\s+)?(?P<w>current|existing|old|legacy|"
                          r"previous|prior|usual|incumbent|manual)\b(?P<rest>[^.;%]{0,80})$",
                          re.I)
"""A sentence whose subject is the thing being replaced ("The current rule caught 247 =
77.7%", "Existing module: 233 (10.2%)"): its figure is the comparator's."""
_POPULATION = re.compile(r"\b(?:of|out of)\s+(?:(?:the|all)\s+)?(?:[\d,]+\s+)?$", re.I)
"""What a metric word after "of" names is the population counted ("8.3% of correct orders",
"141 of 2,282 correct orders"), not the measure."""
_SKIP_TAIL = re.compile(r"^\s?(?:of|in|for) (?:the |all |our )?(?:traffic|queries|users|cases|"
                        r"samples|data|tickets|requests|volume|calls|customers|population|"
                        r"sessions|transactions|errors|failures|mistakes|misses|false positives|"
                        r"false negatives|flags|alerts|incidents)\b|^\s?(?:CI|confiden|credib)", re.I)
_HEADLINE_PROSE = re.compile(r"\b(?:primary|headline|key|main|north[- ]star)"
                             r" (?:metric|measure|kpi)\b", re.I)


FigRole = Literal["value", "baseline", "threshold", "delta", "peer"]
"""``peer``: the other side of a comparison that is another part of the same population
("79% against 94% for simple queries"): a segment's figure, never a comparator."""

_PEER = re.compile(r"^\s*%?\s*\(?(?:for|on|in|among|across|with|from|at)\s+(?P<the>the\s+)?"
                   r"(?P<group>[^,;:.()]{1,60})", re.I)
_NOT_PEER = re.compile(r"\b(?:test|validation|held-?out|eval\w*|benchmark|dev|data ?set|"
                       r"split|sample|set|period|window|week|month|quarter|year|pilot|"
                       r"offline|online|production|shadow|current|today\w*|standard|usual|default|"
                       r"jan\w*|feb\w*|mar\w*|apr\w*|may|june?|july?|aug\w*|"
                       r"sep\w*|oct\w*|nov\w*|dec\w*|q[1-4])\b|\d", re.I)


_SIDE = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|against|than|relative to)\s+"
                   r"(?:about |around |roughly |~)?$", re.I)
"""A comparison with another side ("against", "than"); "up from" and "previously" look back
in time, so their other side is always an earlier figure."""


def _peer(tail: str) -> bool:
    """Whether the figure's own words name another part of the population ("for simple
    queries", "among the older users") rather than a baseline, a bar, a data set or one
    named thing ("for the keyword filter")."""
    m = _PEER.match(tail)
    if m is None:
        return False
    group = m.group("group")
    if m.group("the") and not re.search(r"[a-z]s\b", group.split()[-1] if group.split() else ""):
        return False  # "the keyword filter": one named thing, the comparator
    return not any(vocab(v).search(group) for v in ("comparator_prose", "comparator_system",
                                                    "threshold_prose")) \
        and not _NOT_PEER.search(group) and not SAME_CASES.search(tail)


SAME_CASES = re.compile(r"\b(?:the same|identical)\s+(?:[\w-]+\s){0,2}?[\w-]+s\b|"
                        r"\b(?:without|before)\s+(?:the\s+)?(?:help|assistance|tool|aid|"
                        r"system|model|score)\b|\bun(?:aided|assisted)\b", re.I)
"""Who worked the same cases, or worked them unaided ("68% for dentists reading the same
images without help"): the comparator arm; the parts of a population are told apart by
holding different cases."""


@dataclass
class _Fig:
    value: float
    unit: str
    start: int
    end: int
    role: FigRole


class _Sentence:
    """One sentence read once for what its figures ask about: operating points, intervals,
    asides, metric names, and the windows the classifying patterns may match in (a sentence
    of n figures costs a few scans of itself, not n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        op_spans = operating_point_spans(text)
        self.ops = Cover(op_spans)
        self.ops_or_intervals = Cover(op_spans + [m.span() for m in _INTERVAL.finditer(text)])
        self.threshold = Windows(vocab("threshold_prose"), text)
        self.comparator = Windows(vocab("comparator_prose"), text)
        self.skip_tail = Windows(_SKIP_TAIL, text)
        self.from_ = Windows(_FROM, text)
        self.side = Windows(_SIDE, text)
        self.condition = Windows(_CONDITION, text)
        self.directed = Windows(_DIRECTED, text)
        self.verb_value = Windows(_VERB_VALUE, text)
        self._names: tuple[list[re.Match[str]], list[int], list[int]] | None = None
        self._asides: tuple[Asides, list[int]] | None = None

    def names(self) -> tuple[list[re.Match[str]], list[int], list[int]]:
        """The usable metric names (not inside an operating point; a generic word only when
        nothing else is there), with their starts and ends (in order: they never overlap)."""
        if self._names is None:
            names = [n for n in _name_matches(self.text) if n.start() not in self.ops
                     and not _POPULATION.search(self.text, max(0, n.start() - 30), n.start())]
            usable = [n for n in names if not _NOT_NAME.match(n.group(0))] or names
            self._names = usable, [n.start() for n in usable], [n.end() for n in usable]
        return self._names

    def asides(self) -> tuple[Asides, list[int]]:
        """Asides in parentheses, and the digits no operating point or aside holds (a number
        between a name and a figure owns the name unless one holds it)."""
        if self._asides is None:
            spans = [m.span() for m in _ASIDE.finditer(self.text)]
            held = Cover(operating_point_spans(self.text) + spans)
            digits = [d.start() for d in _DIGIT.finditer(self.text) if d.start() not in held]
            self._asides = Asides(spans), digits
        return self._asides

    def clear(self, a: int, b: int) -> bool:
        """No figure of its own between ``a`` and ``b``."""
        digits = self.asides()[1]
        k = bisect_left(digits, a)
        return k >= len(digits) or digits[k] >= b

    def gap(self, a: int, b: int) -> int:
        """Characters between ``a`` and ``b``, asides not counted."""
        return (b - a) - self.asides()[0].filled(a, b)


_ASIDE = re.compile(r"\([^()]*\)")
_DIGIT = re.compile(r"\d")
_BASELINE_AFTER = re.compile(r"^\s*%?\s*[(,]?\s*(?:for|in|with|from|by|on|of|under|at)\b", re.I)
_BASELINE_WORD = re.compile(r"^\s*%?\s*\(?(?:baseline|previous|prior|control|old|legacy|v\d)",
                            re.I)
_LABEL_AHEAD = re.compile(r"^\s*%?\s*\([^():]{0,40}:\s*\d")
"""A bracket labelling the figure that follows it ("99.4% (previous release: 99.2%)"): the
comparator is that figure, not the one before the bracket."""
_TAIL_END = re.compile(r"[,;:]|(?<=\S)\s*\(|\b(?:against|versus|vs\.?|compared|while|whereas|"
                       r"but)\b")


def _classify_figure(s: _Sentence, m: re.Match[str]) -> FigRole | None:
    text = s.text
    start, end = m.span()
    if start in s.ops_or_intervals:
        return None
    after = text[end:end + 45]
    if s.skip_tail.match(end, end + 45):
        return None
    if m.group("sign") or (m.group("unit") or "").startswith(("pp", "percentage", "point")):
        return "delta"
    near = max(0, start - 30)
    near += max((x.end() for x in PROSE_FIGURE.finditer(text[near:start])), default=0)
    if s.threshold.search(near, start) or _bar_with_direction(s, start, end):
        return "threshold"
    label = label_before(text, start)
    if label is not None and names_comparator(label):
        return "baseline"
    if s.from_.search(start - 45, start) or s.comparator.search(near, start):
        return "peer" if s.side.search(start - 45, start) and _peer(after) else "baseline"
    subject = _CMP_SUBJECT.match(text, 0, start)
    if subject and not (subject.group("w").lower() in ("current", "existing")
                        and METRIC_RE.match(subject.group("rest").strip())):
        return "baseline"
    tail = after[:40]
    nxt = PROSE_FIGURE.search(tail)
    tail = tail[: nxt.start()] if nxt else tail
    tail = _TAIL_END.split(tail)[0]  # an aside in parentheses speaks of something else
    if s.condition.search(start - 14, start):
        # "scoring above 0.95", "confidence below 0.90": an operating rule, not a result.
        return "threshold" if s.threshold.search(end, end + min(len(tail), 20)) else None
    if s.comparator.search(end, end + len(tail)) and _BASELINE_AFTER.match(tail):
        return "baseline"
    if _BASELINE_WORD.match(tail) and not _LABEL_AHEAD.match(after):
        return "baseline"
    if s.threshold.search(end, end + min(len(tail), 12)):
        return "threshold"
    return "value"


def _bar_with_direction(s: _Sentence, start: int, end: int) -> bool:
    """A figure followed by its direction ("90% (higher is better)") in a sentence that speaks
    of a threshold, every figure before it a bar too: the bar, not a result."""
    if not s.directed.match(end, end + 45):
        return False
    clause = re.split(r"[.!?]\s", s.text[max(0, start - 400):start])[-1]
    return bool(vocab("threshold_prose").search(clause)) and all(
        _DIRECTED.match(clause, f.end()) for f in PROSE_FIGURE.finditer(clause))


_DIRECTED = re.compile(r"\s*\((?:higher|lower) is better\)", re.I)


_GOES_ON = re.compile(r"^[^.;]{0,40}\b(?:and|but|while|yet)\b[^.;\d]{0,30}\b(?:falls?|fell|drops?|"
                      r"dropped|dips?|slips?|rises?|rose|climbs?|reaches|stays?|is|was)\b"
                      r"[^.;\d]{0,20}$", re.I)


def _same_subject(text: str, fig: _Fig, before: list["MetricFact"]) -> str | None:
    """The metric of the sentence's previous figure when the sentence goes on about it ("is
    0.91 overall and falls to about 0.7 on weekends")."""
    if not before or before[-1].unit_ref is None:
        return None
    prev = before[-1]
    at = text.rfind(f"{prev.value:g}", 0, fig.start)
    if at < 0:
        return None
    gap = text[at + len(f"{prev.value:g}"):fig.start]
    return prev.name if _GOES_ON.match(gap) and not _NAME.search(gap) else None


def _figures(s: _Sentence) -> list[_Fig]:
    out: list[_Fig] = []
    for m in PROSE_FIGURE.finditer(s.text):
        role = _classify_figure(s, m)
        if role is None:
            continue
        if m.group("frac"):
            value, unit = float(m.group("frac")), ""
        else:
            value, unit = to_float(m.group("num")), (m.group("unit") or "").strip()
        out.append(_Fig(value, unit, m.start(), m.end(), role))
    return out


_STOP = re.compile(r"^(?:the|a|an|is|was|of|and|or|in|on|at|for|with|our|its|their|this|that|"
                   r"to|by|from|overall|mean|average|median|but|while|whereas|so|then|when|"
                   r"if|yet|also|still|only|both|each|every|we|it|has|had|have|are|were)$",
                   re.I)


def _widen(text: str, start: int, end: int) -> str:
    """A metric word with the one or two words that qualify it ("word error rate")."""
    words = text[:start].rsplit(None, 2)[-2:]
    lead: list[str] = []
    for w in reversed(words):
        w2 = w.strip("*_`(\"'")
        if not w2 or _STOP.match(w2) or re.search(r"[\d.,;:%)]", w) or w2 != w.strip("*_`"):
            break
        lead.insert(0, w2)
    tail = re.match(r"\s+(rate|score|ratio|index|error|time|accuracy)\b", text[end:], re.I)
    return " ".join([*lead, text[start:end] + (f" {tail.group(1)}" if tail else "")])


def _name_matches(text: str) -> list[re.Match[str]]:
    found = list(_NAME.finditer(text))
    starts, ends = [m.start() for m in found], [m.end() for m in found]
    for name in ("higher_is_better", "lower_is_better"):
        for m in vocab(name).finditer(text):
            s, e = m.start(), m.end()
            k = bisect_right(starts, s)
            first = starts[k - 1] if k and starts[k - 1] == s else \
                starts[k] if k < len(starts) else None  # the first name starting at s or after
            if k and s < ends[k - 1] or first is not None and first < e:
                continue  # it overlaps a name already found
            found.append(m)
            starts.insert(k, s)
            ends.insert(k, e)
    return sorted(found, key=lambda m: m.start())


def _reach(n: re.Match[str], ahead: bool) -> int:
    if _ACRONYM.match(n.group(0)) and not matches("higher_is_better", n.group(0)) and \
            not matches("lower_is_better", n.group(0)):
        return 3 if ahead else 16  # an unknown acronym names a metric only beside its figure
    return 20 if ahead else 45


def _name_for(s: _Sentence, fig: _Fig) -> str | None:
    text = s.text
    usable, starts, ends = s.names()
    # The nearest name before the figure, then after it, that no other figure stands between:
    # the gap and the figures between only grow with distance, so the walks stop early.
    for k in range(bisect_right(ends, fig.start) - 1, -1, -1):
        n = usable[k]
        if s.gap(n.end(), fig.start) > 45 or not s.clear(n.end(), fig.start):
            break
        if s.gap(n.end(), fig.start) <= _reach(n, False):
            return _widen(text, n.start(), n.end())
    for k in range(bisect_left(starts, fig.end), len(usable)):
        n = usable[k]
        if s.gap(fig.end, n.start()) > 20 or not s.clear(fig.end, n.start()):
            break
        if s.gap(fig.end, n.start()) <= _reach(n, True):
            return _widen(text, n.start(), n.end())
    if len(usable) == 1 and _reach(usable[0], False) == 45 and len(text) <= 200 and \
            s.clear(min(usable[0].end(), fig.start), max(usable[0].start(), fig.end)):
        return usable[0].group(0)
    if s.verb_value.search(fig.start - 60, fig.start):
        return "hit rate"
    return None



_NOT_RESULTS = frozenset({"monitoring", "rollback", "risks", "signoff", "privacy", "security",
                          "regulatory", "user_docs", "human_review", "failure_modes", "appendix"})


def _prose_units(ctx: Context) -> list[Unit]:
    """Sentences that can report results: not under monitoring, rollback, risk or other
    sections whose figures are alert levels or descriptions (unless also an evaluation)."""
    return [u for u in ctx.units if u.row is None and (
        u.kinds & EVAL_KINDS or not u.kinds & _NOT_RESULTS)]


def prose_facts(ctx: Context) -> tuple[list[MetricFact],
                                      list[tuple[Comparator, str | None, Unit]], list[Unit]]:
    """Metric figures of result sentences, comparator figures no metric figure stands beside
    (with the metric the sentence names), and the sentences that set one part of the
    population against another (never a baseline comparison)."""
    facts: list[MetricFact] = []
    loose: list[tuple[Comparator, str | None, Unit]] = []
    peers: list[Unit] = []
    for u in _prose_units(ctx):
        text = u.text
        if not PROSE_FIGURE.search(text) or \
                matches("boilerplate", text) and not METRIC_RE.search(text):
            continue
        sentence = _Sentence(text)
        figs = _figures(sentence)
        if not figs:
            continue
        here: list[MetricFact] = []
        comps: list[Comparator] = []
        headline: bool | None = None
        for f in figs:
            if f.role == "peer":
                peers.append(u)
                continue
            if f.role == "value":
                name = _name_for(sentence, f) or _same_subject(text, f, here)
                if name is None or (f.unit == "" and f.value >= 1) or not is_metric_name(name):
                    continue
                fact = MetricFact(name=name, value=f.value, unit=f.unit, line=u.line,
                                  section=u.section.title, kinds=u.kinds, source="prose",
                                  unit_ref=u)
                fact.direction = direction(text[max(0, f.start - 60): f.end + 30])
                fact.method_statistic = matches("method_statistic",
                                                text[max(0, f.start - 50): f.end + 10])
                if headline is None:
                    headline = bool(_HEADLINE_PROSE.search(text))
                fact.headline = headline
                here.append(fact)
            else:
                comps.append(Comparator(f.role, f.value, text[max(0, f.start - 40): f.end + 40],
                                        u.line))
        if here:
            # Every figure of the sentence has its line: the nearest fact is the first.
            here[0].comparators += comps
        elif comps:
            key = metric_key(text)
            loose += [(c, key, u) for c in comps]
        facts += here
    return facts, loose, peers
