"""Metric figures: the primary metric, its baseline comparison, uncertainty, and the
consistency checks on them (summary vs evaluation, PASS claims, interval plausibility)."""

from __future__ import annotations

import re

from dcrdraft.review.absence import placeholder_in
from dcrdraft.review.checks.base import CHECKS, Hit, Params, Verdict, check, negated
from dcrdraft.review.checks.segments import segment_rows
from dcrdraft.review.checks.units import (EVAL_KINDS, NOT_RESULT_KINDS, has_figure, metric_units,
                                         stated_units)
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts import facts_of
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.intervals import LEAST_N, implausible, intervals, wilson
from dcrdraft.review.facts.stated_intervals import NAMED_SIZE, stated_intervals
from dcrdraft.review.facts.metrics import is_metric_name
from dcrdraft.review.facts.vocab import matches
from dcrdraft.review.text import (FIGURE_RE, METRIC_RE, NUM, PERCENT_RE, lower_is_better,
                                  metric_key, percents, to_float, without_operating_points)

BASELINE_RE = re.compile(
    r"\bbaselines?\b|\bprevious\b|\bprior\b|\bpredecessor\b|\blegacy\b|\bincumbent\b|"
    r"\bcurrent (?:system|model|version|process|production)\b|\bhuman (?:agents?|raters?|"
    r"performance|baseline|experts?|reviewers?|clinicians?|radiologists?)\b|\bv\d+(?:\.\d+)*\b|"
    r"\bcontrol\b|\bvs\.?\b|\bversus\b|\bcompared\b|\bcomparison\b|\bup from\b|"
    r"\bdown from\b|\bimprov\w+|\bregress\w*|\brelative to\b|\bold (?:model|system|version)\b|"
    r"\boutgoing\b|\bstatus quo\b|\bbefore\b|\bwas\s+\d|\bagainst\b|\bcompared (?:with|to)\b|"
    r"\bcurrent\s+(?:[\w-]+\s+){0,3}(?:letters|rules?|engine|process|workflow|search|tool|"
    r"software|protocol|approach|system)\b", re.I)
DELTA_RE = re.compile(rf"(?:up|down|rising|falling|climbing|improv\w*) from\s+(?:{NUM})"
                      rf"|[+−-]\s?(?:{NUM})\s?(?:pp|points?|percentage points?|pts)\b"
                      rf"|\b(?:{NUM})\s?(?:pp|percentage points?|pts)\b", re.I)
THRESHOLD_RE = re.compile(r"\bthreshold\b|\btarget\b|\bminimum\b|\bbar\b|\bgate\b|"
                          r"\bacceptance (?:criteri\w+|level)\b|\brequired\b|\bfloor\b|"
                          r"\bceiling\b|\bmust (?:stay|be|remain|reach|exceed)\b", re.I)


@check("primary_metric", "item")
def primary_metric(ctx: Context, params: Params) -> Verdict:
    """Pass on a named metric with a value in the summary or evaluation; weak on a named
    metric with no value. A sentence whose only figures are statistics of the method
    (rater agreement: "Cohen's kappa 0.81") or one segment's figure states no headline."""
    facts = facts_of(ctx)
    # lines whose figures were read and none is an overall result: rater agreement, one
    # segment's figure, or a gap between segments ("79% against 94% for simple queries")
    not_result = {m.line for m in facts.metrics if m.method_statistic or m.segment is not None}
    not_result |= {u.line for u in facts.peers}
    result = {m.line for m in facts.metrics if not m.method_statistic and m.segment is None}

    def states_a_result(u: Unit) -> bool:
        lines = range(u.line, u.end_line + 1)
        if any(n in result for n in lines):
            return True
        # figures the fact layer did not read: judged by the words, never when the sentence
        # is about a method statistic or was read as something other than a result
        return not any(n in not_result for n in lines) and not matches("method_statistic",
                                                                       u.text)

    units = [u for u in metric_units(ctx) if states_a_result(u)] or \
        [u for u in stated_units(ctx) if states_a_result(u)]
    if units:
        primary = next((u for u in units if re.search(r"primary|headline|north[- ]star|key "
                                                     r"metric|main metric", u.text, re.I)), None)
        return Verdict("pass", primary or units[0])
    head = facts.headline
    if head is not None and head.unit_ref is not None:
        # the fact layer's headline: an overall result figure read from any section that can
        # report results, whatever its heading ("Shadow month", "Is it any good?") and
        # whether its measure is a listed metric word ("Urgent letters spotted | 64% | 91%")
        return Verdict("pass", head.unit_ref, line=head.line)
    # a breakdown table is the only result: its measure's figure for every part is stated
    # ("Ground | Cases | Agreement"), the headline only in a line its reader cannot tie to
    # the measure
    rows = [m for m in facts.segments if m.source == "table" and m.kinds & EVAL_KINDS
            and is_metric_name(m.name)]
    if len({m.segment for m in rows}) >= 2 and rows[0].unit_ref is not None:
        return Verdict("pass", rows[0].unit_ref, line=rows[0].line)
    # a result given with the count it was measured on ("matched in 91% of files (137 of
    # 150)", "agreed for 151 (71%)") is a headline figure whatever words name its measure
    counted = next((u for u in ctx.units if not u.kinds & NOT_RESULT_KINDS
                    and (_counted(u.text) or _SHARE.search(u.text))), None)
    if counted is not None:
        return Verdict("pass", counted)
    # a metric named only in content-free praise ("best-in-class accuracy") is not named
    named = next((u for u in ctx.units if u.kinds & EVAL_KINDS and METRIC_RE.search(u.text)
                  and not is_boilerplate(u.text)), None)
    if named:
        return Verdict("weak", named)
    # a figure set against a comparator figure ("late trays 3.1% against 4.8% before") is the
    # result the document leads with, whatever words name its measure: C04's judgment, looked
    # up by name because its module builds on this one
    compared = CHECKS["comparator"].fn(ctx, params)
    if compared.status == "pass" and compared.unit is not None:
        return Verdict("pass", compared.unit, line=compared.line)
    # documents without an evaluation section (FAQs, notes, decks) may name their measure
    # in the summary or overview with its figure left blank ("accuracy: XX%"): the measure
    # is named, its figure not given. A measure named there without such a slot is the
    # prose of any service ("high quality", "fewer errors"); in monitoring or rollback it is
    # a bar or alert level, no result
    named = next((u for u in ctx.units if not u.kinds & NOT_RESULT_KINDS
                  and METRIC_RE.search(u.text) and placeholder_in(u.text)), None)
    return Verdict("weak", named) if named else Verdict("missing")


def comparisons(ctx: Context) -> tuple[list[Unit], list[Unit]]:
    """Units comparing a figure against a baseline/threshold figure, and baseline mentions
    without a comparator figure."""
    def compute() -> tuple[list[Unit], list[Unit]]:
        strong: list[Unit] = []
        mentions: list[Unit] = []
        for u in ctx.units:
            base = BASELINE_RE.search(u.text) or THRESHOLD_RE.search(u.text)
            if not base:
                continue
            figs = len(FIGURE_RE.findall(u.text))
            table_col = u.row is not None and base.start() < u.text.find(":", base.start()) \
                and has_figure(u.text)
            if DELTA_RE.search(u.text) or figs >= 2 or (table_col and figs >= 1) or \
                    (figs >= 1 and METRIC_RE.search(u.text) and re.search(
                        r"^(?:baseline|previous|prior|threshold|target)[^:]{0,40}:", u.text,
                        re.I)):
                strong.append(u)
            elif BASELINE_RE.search(u.text):
                mentions.append(u)
        for block, _sec in ctx.tables():
            table = block.rows or []
            header = " ".join(table[0]) if table else ""
            if BASELINE_RE.search(header) or THRESHOLD_RE.search(header):
                if any(has_figure(" ".join(r)) for r in table[1:]):
                    rows = [u for u in ctx.units if u.block is block]
                    strong += rows[:1]
        return strong, mentions
    return ctx.cached("comparisons", compute)


@check("baseline", "item")
def baseline(ctx: Context, params: Params) -> Verdict:
    """Pass on a metric figure set against a baseline, previous version or threshold figure;
    weak when a baseline is named without a comparable figure."""
    strong, mentions = comparisons(ctx)
    in_eval = [u for u in strong if u.kinds & EVAL_KINDS] or strong
    if in_eval:
        return Verdict("pass", in_eval[0])
    if mentions:
        return Verdict("weak", mentions[0])
    return Verdict("missing")


@check("baseline_absent", "finding")
def baseline_absent(ctx: Context, params: Params) -> list[Hit]:
    """Fires at the headline metric when no figure in the document compares it to a baseline,
    previous version or threshold."""
    strong, mentions = comparisons(ctx)
    units = metric_units(ctx)
    if strong or not units:
        return []
    u = units[0]
    detail = "a baseline is mentioned but given no figure" if mentions else "no comparator"
    return [Hit(u.line, u.end_line, detail)]


_MARGIN = rf"(?<![\w.])(?:{NUM})\s?(?:%|pp|pts|points?|s|ms)?\s?(?:±|\+/-|\+-)\s?(?:{NUM})"
"""A margin beside its estimate ("0.94 ± 0.01"). A bare ± is a tolerance that defines a
measure or a trigger ("within ±10% of the assessor", "moves more than ±1.5 points"), not
the uncertainty of a result, unless its sentence names an interval (``_NAMED``)."""
_NAMED = re.compile(r"\bCIs?\b|confidence|credible|bootstrap\w*|margin of error|"
                    r"standard (?:error|deviation)|\bSE\b", re.I)
_PM = re.compile(rf"(?:±|\+/-)\s?(?:{NUM})")
_MARGIN_RE = re.compile(_MARGIN)
_CI_RE = re.compile(
    rf"(?:95|90|99)\s?%\s?(?:CI|confidence|credible)|confidence interval|credible interval|"
    rf"{_MARGIN}|margin of error|standard (?:error|deviation)|\bstd\b|\bSE\b|bootstrap\w*|"
    rf"\[\s?(?:{NUM})\s?%?\s?[,–-]\s?(?:{NUM})\s?%?\s?\]|\bCI\b|error bars?|p\s?[<=]\s?0?\.\d+",
    re.I)
_CI_NUM_RE = re.compile(
    rf"[\[(]\s?(?:{NUM})\s?%?\s?(?:,|–|-|to)\s?(?:{NUM})\s?%?\s?[\])]|"
    rf"(?:CI|interval)(?:[^.;\n]|\.(?=\d)){{0,40}}?[+−-]?(?:{NUM})\s?%?\s?(?:–|-|to)\s?"
    rf"[+−-]?(?:{NUM})",
    re.I)
"""Numbers stated as an interval: a bracketed range, or a range within forty characters of the
words that name it, read across decimals but not past a sentence's end ("95% CI on the 0.71:
0.69-0.73")."""


_BRACKETED = re.compile(rf"(?<![\w.])(?P<v>{NUM})\s?%?\s?\(\s?(?P<lo>{NUM})\s?%?\s?(?:–|-|to)\s?"
                        rf"(?P<hi>{NUM})\s?%?\s?\)")
"""A figure with the range around it in brackets ("9.6% (9.1–10.1)"): its interval, even
where the document names the interval only once, in its method."""


def _bracketed(text: str) -> bool:
    return any(to_float(m.group("lo")) < to_float(m.group("v")) < to_float(m.group("hi"))
               for m in _BRACKETED.finditer(text))


def _ordered(text: str) -> bool:
    """An interval's numbers rise (rules out lists such as "[0.8, 0.3]")."""
    nums = [to_float(n) for n in re.findall(NUM, text)]
    return len(nums) < 2 or nums[-2] < nums[-1]


@check("uncertainty", "item")
def uncertainty(ctx: Context, params: Params) -> Verdict:
    """Pass on a stated interval, or a margin beside its estimate or in a sentence naming an
    interval; weak on uncertainty words or a sample size alone."""
    units = [u for u in ctx.units if _CI_RE.search(u.text)]
    strong = [u for u in units if any(_ordered(m.group(0)) for m in _CI_NUM_RE.finditer(u.text))
              or _MARGIN_RE.search(u.text) or (_NAMED.search(u.text) and _PM.search(u.text))]
    strong = strong or [u for u in ctx.units if u.kinds & EVAL_KINDS and _bracketed(u.text)]
    plausible = [u for u in strong if not _all_implausible(u.text)]
    if plausible:
        return Verdict("pass", plausible[0])
    if strong:
        return Verdict("weak", strong[0], detail="implausible interval")
    if units:
        return Verdict("weak", units[0])
    n = next((u for u in ctx.units if u.kinds & EVAL_KINDS and _sized(NAMED_SIZE, u.text)), None) \
        or next((u for u in ctx.units if _sized(_SAMPLE_RE, u.text)
                 and (_TESTED_RE.search(u.text) or matches("evaluation_design", u.text))
                 and not negated(u.text)), None) \
        or next((u for u in ctx.units if _counted(u.text)), None)
    return Verdict("weak", n, detail="sample size only") if n else Verdict("missing")


def _all_implausible(text: str) -> bool:
    """Whether ``text`` states intervals and none of them can be its estimate's 95% interval
    (one that leaves the estimate out or is far narrower than its n allows)."""
    found = intervals(text)
    return bool(found) and all(implausible(iv) for iv in found)


_COUNTED = re.compile(
    rf"(?<![\w.,/])(?P<k>\d[\d,]*)\s?(?:/|of|out of)\s?(?P<n>\d[\d,]*)(?![\w.,/])"
    rf"[^.;\d]{{0,30}}?(?:{NUM})\s?%"
    rf"|(?:{NUM})\s?%\*{{0,2}}\s?(?:of\s(?:[\w'-]+\s){{1,3}}?)?\(\s?(?P<k2>\d[\d,]*)\s?"
    rf"(?:/|of|out of)\s?(?P<n2>\d[\d,]*)\s?\)", re.I)
"""A result given with the count it was measured on ("35 of 38 (92.1%)", "88% (36/41)",
"91% of files (137 of 150)"):
the sample size of a figure, wherever the document states it; an alert level or a bar is
never written so."""


_SHARE = re.compile(
    rf"(?<![\w.,])\d[\d,]*(?:\s+of\s+(?:them|these|those))?\s?\(\s?(?:{NUM})\s?%\s?\)")
"""A count of cases with its share ("for 151 of them (71%)"): a result stated with its count."""


def _counted(text: str) -> bool:
    """Whether ``text`` gives a result with its count (k of n, n at least ten)."""
    for m in _COUNTED.finditer(text):
        k, n = (m.group("k") or m.group("k2")), (m.group("n") or m.group("n2"))
        if int(k.replace(",", "")) <= int(n.replace(",", "")) and int(n.replace(",", "")) >= 10:
            return True
    return False


_YEAR = re.compile(r"(?:19|20)\d\d")


def _sized(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` states a sample's size: a count of ten or more that is no year ("the
    2025 admissions round") and no digit of a name or version ("CFS-2 scores applications")."""
    for m in pattern.finditer(text):
        num = re.match(r"[\d,.]+", m.group(0).split("=")[-1].strip())
        digits = num.group(0).replace(",", "").rstrip(".") if num else ""
        year = num is not None and "," not in num.group(0) and _YEAR.fullmatch(digits)
        if digits.replace(".", "").isdigit() and float(digits) >= 10 and not year:
            return True
    return False


_COUNT = r"(?<![\w.,/–-])(?:\d{1,3}(?:,\d{3})+|\d{2,})"
"""A count of ten or more; never the end of a range ("the 2026–27 season", "2025/26")."""
_SPAN = r"(?!(?:second|minute|hour|day|week|month|year|night)s?\b)"
"""A count of time units ("12 weeks", "a 6-week pilot") is how long a test ran, not its size."""
_SAMPLE_RE = re.compile(
    rf"{_COUNT}(?:\.\d+)?\s?[km]?\s+{_SPAN}(?:[\w-]+\s){{0,2}}?[a-z-]{{2,}}s\b"
    rf"|{_COUNT}-{_SPAN}[a-z]+(?:\s[\w-]+){{0,2}}?\s(?:set|sample|cohort|corpus|suite|panel)\b",
    re.I)
"""A sample's size as people write it ("3,180 adult attendances", "2,000 photos", "230 merged
CLs", "a 180-recipe test set"). A small count ("16 potteries") is a size too when the sentence
says it was tested: a trial in sixteen potteries states how much evidence there is."""
_TESTED_RE = re.compile(r"\b(?:test\w*|evaluat\w*|trial\w*|pilot\w*|sampl\w*|audit\w*|"
                        r"backtest\w*|measured|labell?ed|re-[a-z]+ed|retrospective|shadow|"
                        r"replay\w*|a/b)\b", re.I)
"""Words that make a count the size of an evaluation sample, not of the business; so does a
word of the ``evaluation_design`` vocabulary ("validation", "hold-out"), which C02 reads too."""



@check("interval_plausible", "finding")
def interval_plausible(ctx: Context, params: Params) -> list[Hit]:
    """A reported 95% interval that excludes its own estimate, or whose width is less than
    ``low`` times the Wilson interval's for its n (or more than ``high`` times, when a rubric
    sets it: by default a wider interval is no defect, since clustered cases or a bootstrap
    over sites honestly widen it)."""
    ratio = float(params.get("low", 0.25))
    wide = float(params["high"]) if params.get("high") is not None else None
    hits: list[Hit] = []
    for iv in stated_intervals(ctx):
        p = iv.estimate
        if p is None or not 0 < p < 100:
            continue
        if not iv.low <= p <= iv.high:
            hits.append(Hit(iv.line, iv.end, f"{p:g}% lies outside its interval "
                                             f"[{iv.low:g}%, {iv.high:g}%]"))
            continue
        if iv.n is None or iv.n < LEAST_N:
            continue
        wl, wh = wilson(p, iv.n)
        if iv.high - iv.low < ratio * (wh - wl) or \
                wide is not None and iv.high - iv.low > wide * (wh - wl):
            hits.append(Hit(iv.line, iv.end,
                            f"[{iv.low:g}%, {iv.high:g}%] for {p:g}% on n={iv.n:,}; a 95% "
                            f"Wilson interval is [{wl:.1f}%, {wh:.1f}%]"))
    # a row read both as a sentence and as a table reports once
    return list({(h.line, h.detail): h for h in hits}.values())


_PAIR_BEFORE = re.compile(rf"({METRIC_RE.pattern})[^.;,\d%]{{0,30}}?(?:{NUM})\s?%$", re.I)


def _pairs(units: list[Unit]) -> list[tuple[str, float, Unit]]:
    out = []
    for u in units:
        text = without_operating_points(u.text)
        if u.row is not None and u.block.rows:
            first = u.block.rows[u.row][0] if u.block.rows[u.row] else ""
            key = metric_key(first) if METRIC_RE.search(first) else None
            if key and key not in ("rate", "score", "share", "percentage", "ratio"):
                out += [(key, v, u) for v in percents(text)]
                continue
        for m in PERCENT_RE.finditer(text):
            head = text[max(0, m.start() - 40): m.end()]
            tail = text[m.end(): m.end() + 30]
            if re.match(r"\s?(?:CI|confiden|credib|of (?:the )?(?:traffic|queries|users|"
                        r"cases|samples|data))", tail, re.I):
                continue
            pm = _PAIR_BEFORE.search(head)
            key = metric_key(pm.group(1)) if pm else None
            if key is None:
                tm = re.match(rf"\s?({METRIC_RE.pattern})", tail, re.I)
                key = metric_key(tm.group(1)) if tm else None
            if key and key not in ("rate", "score", "share", "percentage", "ratio"):
                out.append((key, to_float(m.group(1)), u))
    return out


_NOT_A_RESULT = re.compile(
    r"\b(?:threshold|target|alert|rollback|roll back|below|above|under|over|exceeds?|from|"
    r"baseline|previous|prior|vs\.?|versus|goal|minimum|maximum|at least|at most|traffic|"
    r"share|of)\b[^%]*$|[<>≤≥]\s?$", re.I)


_OVERALL_LABELS = frozenset({"overall", "all", "total"})


def _certain(ctx: Context, key: str, value: float, u: Unit) -> bool:
    """Whether the facts confirm a summary contradiction: the fact layer reads the summary's
    figure as the metric's overall value (not a segment's figure, a baseline, a threshold, an
    operating point or a rater statistic), and the evaluation reports an overall figure for
    the metric, each a different one."""
    facts = facts_of(ctx)
    if not any(m.unit_ref is u and m.key == key and m.unit == "%" and not m.segment
               and not m.method_statistic and abs(m.value - value) < 0.051
               for m in facts.metrics):
        return False
    shown = {round(m.value, 2) for m in facts.metrics
             if m.key == key and m.unit == "%" and not m.method_statistic
             and m.kinds & {"evaluation", "methodology"} and "summary" not in m.kinds
             and (m.segment is None or m.segment.strip().lower() in _OVERALL_LABELS)}
    return bool(shown) and all(abs(v - value) >= 0.051 for v in shown)


@check("summary_consistency", "finding")
def summary_consistency(ctx: Context, params: Params) -> list[Hit]:
    """A summary figure for a metric that the evaluation reports, where the evaluation never
    shows that figure; only when the facts are certain: the summary's figure is the metric's
    overall value and the evaluation reports an overall figure for it."""
    summary = [u for u in ctx.units if "summary" in u.kinds]
    evaluation = [u for u in ctx.units if u.kinds & {"evaluation", "segments", "methodology"}
                  and "summary" not in u.kinds]
    if not summary or not evaluation:
        return []
    eval_values: dict[str, set[float]] = {}
    for key, value, _u in _pairs(evaluation):
        eval_values.setdefault(key, set()).add(value)
    all_eval = {v for u in evaluation for v in percents(without_operating_points(u.text))}
    seg_only = _segment_only(ctx, evaluation)
    hits: list[Hit] = []
    for key, value, u in _pairs(summary):
        known = eval_values.get(key)
        if not known or any(abs(value - v) < 0.051 for v in all_eval):
            continue
        if seg_only and min(seg_only) <= value <= max(seg_only):
            continue  # an overall figure the segment rows average to
        said = without_operating_points(u.text)
        at = said.find(f"{value:g}%")
        before = said[max(0, at - 30): at] if at >= 0 else ""
        if at < 0 or _NOT_A_RESULT.search(before):
            continue
        if not _certain(ctx, key, value, u):
            continue
        shown = ", ".join(f"{v:g}%" for v in sorted(known))
        hits.append(Hit(u.line, u.end_line,
                        f"summary says {key} {value:g}%, the evaluation shows {shown}"))
    return hits


def _segment_only(ctx: Context, evaluation: list[Unit]) -> list[float]:
    """The segment values, when the evaluation's only figures are per-segment rows (no
    overall row and no figure in its prose); else empty."""
    rows = segment_rows(ctx)
    # An overall that is the mean stand-in (no overall row in its table) is no overall figure.
    if not rows or any(r.overall is not None and not r.overall_is_mean for r in rows):
        return []
    blocks = {id(r.block) for r in rows}
    if any(percents(u.text) for u in evaluation if id(u.block) not in blocks):
        return []
    return [r.value for r in rows]


_PASS_RE = re.compile(r"\bpass(?:ed|es)?\b|✓|✔|\bmet\b|\bmeets\b|\bgreen\b|\bok\b", re.I)
_FAIL_RE = re.compile(r"\bfail\w*|✗|✘|\bnot met\b|\bmiss(?:ed|es)?\b|\bred\b", re.I)
_VAL_COL = re.compile(r"result|value|observed|actual|measured|score|candidate|new|this|"
                      r"ours|achieved|current|v\d|production|test|eval|metric value", re.I)
_THR_COL = re.compile(r"threshold|target|minimum|\bmin\b|\bbar\b|required|criteri|gate|"
                      r"floor|ceiling|limit|\bmax\b|acceptance|goal|slo", re.I)
_STATUS_COL = re.compile(r"status|pass|verdict|outcome|met\b|gate|go/no", re.I)
_CEIL_WORD = re.compile(r"≤|<|\bmax|\bat most|\bbelow|\bunder|\bceiling|\bno more than|"
                        r"\bless than|\bcap", re.I)
_FLOOR_WORD = re.compile(r"≥|>|\bmin|\bat least|\babove|\bover|\bfloor|\bno less than|"
                         r"\bmore than", re.I)


def _num(text: str) -> float | None:
    m = re.search(rf"(?<![\w.])(?:{NUM})", text)
    return to_float(m.group(0)) if m else None


def _misses(value: float, thr: float, thr_text: str, metric: str) -> bool:
    if _CEIL_WORD.search(thr_text):
        return value > thr
    if _FLOOR_WORD.search(thr_text):
        return value < thr
    return value > thr if lower_is_better(metric) else value < thr


_OLD_COL = re.compile(r"baseline|previous|prior|\bold\b|legacy|incumbent|before|"
                      r"\bwas\b|last (?:year|release|version)", re.I)
_VERSION_COL = re.compile(r"\bv(\d+(?:\.\d+)?)\b|[A-Za-z]-?(\d+(?:\.\d+)?)\b")


def _value_col(header: list[str], skip: tuple[int | None, ...]) -> int | None:
    """The column holding the value a status judges: never a baseline, previous-version or
    older-version column ("PCLI-1 (baseline)" beside "PCLI-2"); a result-like header first."""
    cols = [i for i in range(1, len(header)) if i not in skip and not _OLD_COL.search(header[i])]
    versions = {i: float(m.group(1) or m.group(2)) for i in cols
                if (m := _VERSION_COL.search(header[i]))}
    if len(versions) >= 2:
        newest = max(versions.values())
        cols = [i for i in cols if versions.get(i, newest) == newest]
    return next((i for i in cols if _VAL_COL.search(header[i])), cols[0] if cols else None)


@check("pass_claim", "finding")
def pass_claim(ctx: Context, params: Params) -> list[Hit]:
    """A row, record or sentence claiming PASS while its value misses its threshold."""
    hits: list[Hit] = []
    for block, _sec in ctx.tables():
        rows = block.rows or []
        header = [h.strip() for h in rows[0]]
        thr_i = next((i for i, h in enumerate(header) if i and _THR_COL.search(h)), None)
        st_i = next((i for i, h in enumerate(header) if _STATUS_COL.search(h)
                     and i != thr_i and not _THR_COL.search(h)), None)
        if thr_i is None or st_i is None:
            continue
        val_i = _value_col(header, (0, thr_i, st_i))
        if val_i is None:
            continue
        row_lines = block.row_lines or [block.line] * len(rows)
        for r, row in enumerate(rows[1:], 1):
            if max(thr_i, st_i, val_i) >= len(row) or not _PASS_RE.search(row[st_i]) or \
                    _FAIL_RE.search(row[st_i]):
                continue
            value = _num(without_operating_points(row[val_i]))
            thr = _num(without_operating_points(row[thr_i]))
            if value is None or thr is None:
                continue
            metric = f"{row[0]} {header[val_i]}"
            if _misses(value, thr, row[thr_i], metric):
                ln = row_lines[r] if r < len(row_lines) else block.line
                hits.append(Hit(ln, ln, f"{row[0].strip()}: {row[val_i].strip()} against "
                                        f"{row[thr_i].strip()}"))
    for chunk in ctx.chunks:
        if chunk.row is not None:
            continue
        text = without_operating_points(chunk.text)
        lines = text.split("\n") if "\n" in text else [text]
        st = next((ln for ln in lines if re.search(r"\bstatus\b|\bresult\b|\bverdict\b", ln,
                                                   re.I) and _PASS_RE.search(ln)), None)
        if st is None or _FAIL_RE.search(st):
            continue
        if len(lines) > 1:
            thr_line = next((ln for ln in lines if _THR_COL.search(ln) and _num(ln) is not None
                             and ln is not st), None)
            vals = [ln for ln in lines if ln is not st and ln is not thr_line and
                    PERCENT_RE.search(ln) and not re.search(r"baseline|previous|prior", ln,
                                                            re.I)]
            if thr_line is None or not vals:
                continue
            thr_m = list(PERCENT_RE.finditer(thr_line)) or None
            thr = to_float(thr_m[-1].group(1)) if thr_m else _num(thr_line)
            value = to_float(PERCENT_RE.findall(vals[0])[-1])
            thr_text = thr_line
        else:
            tm = re.search(rf"(?:threshold|target|minimum|bar|required)[^\d]{{0,20}}"
                           rf"(?P<t>{NUM})\s?%", st, re.I) or \
                re.search(rf"(?P<t>{NUM})\s?%\s?(?:threshold|target|minimum|bar)", st, re.I)
            if not tm:
                continue
            others = [m for m in PERCENT_RE.finditer(st) if not tm.start() <= m.start() <= tm.end()]
            if not others:
                continue
            thr, value, thr_text = to_float(tm.group("t")), to_float(others[0].group(1)), \
                st[max(0, tm.start() - 15): tm.end()]
        if thr is None:
            continue
        if _misses(value, thr, thr_text, chunk.text):
            hits.append(Hit(chunk.line, chunk.end_line,
                            f"value {value:g} against threshold {thr:g}"))
    return hits


__all__ = ["BASELINE_RE", "THRESHOLD_RE"]
