"""The ``risks:`` list of ``dcrdraft extract``: each risk entry the reviewer reads (register
rows, labelled records, headed blocks, bullets and paragraphs under a risks heading, and risks
stated in prose under a risks or limitations heading), with the fields its text states.

Prose is read clause by clause ("Hallucination: the assistant may ...; mitigated by ...;
owner ..."): a lead-in noun phrase is the title, the scenario the description, and severity,
likelihood, owner, mitigations, evidence, monitoring and escalation only where a clause says
them. Nothing is inferred: a field the text does not give stays out, and the draft shows a gap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from dcrdraft.review.absence import absent_value
from dcrdraft.review.checks.risk_entries import entries
from dcrdraft.review.checks.risk_entry import Entry
from dcrdraft.review.context import Context
from dcrdraft.review.facts.risks import MECHANISM, prose_risks
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import clean

Fields = dict[str, list[tuple[str, str]]]
"""Each field's (label, value) pairs, in the order the entry states them."""

_RISK_ID = re.compile(r"^\W*(?:risk|hazard)\s*\d{1,3}\s*[:.,—–-]\s*", re.I)
_TITLE_CELLS = tuple(re.compile(rf"(?:^|;\s|\n)(?:{k}): ([^;\n]+)", re.I)
                     for k in ("title", "risk|hazard", "name", "description"))
"""A register's title cell, the first of these labels the row has."""
_ID_ONLY = re.compile(r"^\W*(?:(?:risk|hazard)\s*\d{1,3}|[A-Z]{2,6}-\d{1,4}|risk id\b.*)\W*$", re.I)


_RISK_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (k, re.compile(rf"^\W*(?:{p})\W*$", re.I)) for k, p in (
        ("id", r"(?:risk |hazard )?id|ref(?:erence)?"),
        ("category", r"(?:risk )?category|risk type|type|area"),
        ("severity", r"severity|impact|sev|consequence"),
        ("likelihood", r"likelihood|probability|lik|prob|frequency"),
        ("evidence", r"evidence|observed(?: rate)?"),
        ("description", r"description|scenario|what (?:could|can) go wrong|harm"),
        ("mitigations", r"mitigations?|controls?|safeguards?|mitigation plan|response"),
        ("residual", r"residual(?: risk)?(?: level)?(?: after mitigations?)?|"
                     r"risk after mitigations?|net risk"),
        ("owner", r"(?:risk )?owner|owned by|accountable|dri"),
        ("monitoring", r"monitoring"), ("escalation", r"escalation"),
        ("review", r"post-deployment review|review cadence|review"),
        ("title", r"title|risks?|hazards?|name|issue")))
_LEVELS = {"critical": "critical", "catastrophic": "critical", "high": "high", "major": "high",
           "severe": "high", "medium": "medium", "moderate": "medium", "med": "medium",
           "low": "low", "minor": "low", "negligible": "low"}
_LABELLED = re.compile(r"^\s*([A-Za-z][\w /()-]{0,40}?)\s*:\s*(.*)$", re.S)


def _label_key(label: str) -> str | None:
    return next((k for k, rx in _RISK_LABELS if rx.match(label)), None)


def _keep(value: str) -> str | None:
    value = " ".join(value.split()).strip()
    return value if value and not absent_value(value) and "gap:" not in value.lower()[:6] \
        else None


def _table_fields(row: str) -> Fields:
    """A register row's labelled cells ("Severity: HIGH; Owner: Ana")."""
    out: Fields = {}
    for part in re.split(r";\s(?=[A-Za-z][\w /()-]{0,40}:)", row):
        m = _LABELLED.match(part)
        key = _label_key(m.group(1)) if m else None
        value = _keep(m.group(2)) if m and key else None
        if key and m and value:
            out.setdefault(key, []).append((m.group(1), value))
    return out


def _text_fields(e: Entry) -> tuple[Fields, list[str]]:
    """A text entry's labelled lines ("Severity: HIGH"), each unlabelled line after a label
    continuing that field (the items of a mitigations list), and the lines before any label:
    prose, read clause by clause."""
    out: Fields = {}
    prose: list[str] = []
    field: str | None = None
    for line in e.text.split("\n"):
        m = _LABELLED.match(line)
        key = _label_key(m.group(1)) if m else None
        if key is not None and m is not None:
            field, label, value = key, m.group(1), m.group(2)
        elif field is not None:
            label, value = "", line
        else:
            prose.append(line)
            continue
        kept = _keep(value)
        if kept:
            out.setdefault(field, []).append((label, kept))
    return out, prose


# -- prose ---------------------------------------------------------------------------------

_LEVEL_WORDS = "|".join(_LEVELS)
_LEVEL_RX = {
    key: re.compile(rf"\b(?:{words})\b(?:\s+(?:is|was|are|rated|assessed as|judged))?"
                    rf"(?:\s+(?:as|at))?\s*[:=(-]?\s*(?P<a>{_LEVEL_WORDS})\b|"
                    rf"\b(?P<b>{_LEVEL_WORDS})\s+(?:{words})\b", re.I)
    for key, words in (("severity", r"severity|impact"),
                       ("likelihood", r"likelihood|probability"),
                       ("residual", r"residual(?: risk)?"))}
"""A level a clause gives in words ("Severity high", "likelihood is low", "high impact")."""
_OWNER_RX = re.compile(r"\b(?:owner(?:ship)?|owned by|accountable|responsible)\b\s*"
                       r"(?:is\s+|lies with\s+|sits with\s+)?[:=-]?\s*(?P<v>[A-Z].*)$")
_MITIGATED = re.compile(
    r"^\W*(?:(?:this|it|the risk) is\s+)?(?:mitigated|addressed|handled|reduced|controlled|"
    r"contained)\s+(?:by|with|through|via)\s+(?P<v>.+)$|"
    r"^\W*we\s+(?:mitigate|address|reduce|control|handle|contain)\w*\s+(?:this|it|the risk|"
    r"them)?\s*(?:by|with|through|via)\s+(?P<w>.+)$|"
    r"^\W*mitigations?\s+(?:include|includes|are|is)\s+(?P<x>.+)$", re.I)
_WE_WILL = re.compile(r"^\W*we(?:'ll|\s+(?:will|shall|plan to|intend to|are going to))\b",
                      re.I)
"""A response the team commits to, however vague ("we will look into it")."""
_MONITORED = re.compile(r"\b(?:monitored|tracked|watched)\b|^\W*monitoring\b", re.I)
"""A clause saying how the risk is watched ("tracked weekly on the quality dashboard")."""
_ESCALATED = re.compile(r"\bescalat\w+", re.I)
_EVIDENCE = re.compile(r"\d(?:[\d.,]*)\s?%|\b\d[\d,]*\s+(?:of|in|out of)\s+(?:every\s+)?\d")
_VERB = re.compile(r"\b(?:may|might|could|can|cannot|will|would|should|must|is|are|was|were|"
                   r"has|have|had|do|does|did|occurs?|happens?)\b", re.I)
_LEAD = re.compile(r"^\W*(?:\d{1,2}\\?[.)]\s*)?(?P<lead>[^.:;!?—–]{2,80}?)\s*"
                   r"(?::|\.(?=\s)|\s[—–-])\s+(?P<body>\S.*)$", re.S)


def _clauses(text: str) -> list[str]:
    """Sentences, then the parts of each between semicolons."""
    parts = re.split(r"(?<=[a-z0-9)\]%])[.!?]\s+(?=[A-Z(])|;\s+", " ".join(text.split()))
    return [p.strip(" .;") for p in parts if p.strip(" .;")]


def _lead(text: str) -> tuple[str, str]:
    """A lead-in title ("Hallucination: the assistant may ...") and the rest; a lead-in is a
    short noun phrase, never a sentence of its own."""
    m = _LEAD.match(" ".join(text.split()))
    if m is None:
        return "", text
    lead = m.group("lead").strip(" *_")
    if len(lead.split()) > 8 or _VERB.search(lead) or _label_key(lead) is not None:
        return "", text
    return lead, m.group("body")


_NARRATIVE = 6
"""Clauses beyond which prose is a narrative, not one risk's entry: past its first clause,
only what a clause states explicitly (a label, a level, an owner, "mitigated by") is read."""


_ARROW = re.compile(r"\s(?:->|→|=>)\s")
"""Between a risk and what is done about it ("SKUs get translated -> glossary lock")."""
_LEAD_ID = re.compile(r"^(?:[A-Z]{1,6}-?\d{1,4}|(?:risk|hazard)\s*\d{1,3})$", re.I)


def _prose_fields(text: str, out: Fields) -> str:
    """The fields prose clauses state, added to ``out``; returns a lead-in title, if any.
    A lead-in that is an ID ("R1 — Outdated policy. ...") is the entry's ID."""
    title, body = _lead(text)
    if _LEAD_ID.match(title):
        out.setdefault("id", []).append(("", title))
        title, body = _lead(body)
    parts = _ARROW.split(body, maxsplit=1)
    clauses = _clauses(parts[0])
    for i, clause in enumerate(clauses):
        _clause(clause, out, explicit=i > 0 and len(clauses) > _NARRATIVE)
    for clause in _clauses(parts[1]) if len(parts) > 1 else []:
        _clause(clause, out, otherwise="mitigations")
    return title


def _clause(clause: str, out: Fields, explicit: bool = False,
            otherwise: str = "description") -> None:
    def add(key: str, value: str) -> None:
        kept = _keep(value.strip(" .;"))
        if kept:
            out.setdefault(key, []).append(("", kept))

    m = _LABELLED.match(clause)
    key = _label_key(m.group(1)) if m else None
    if key is not None and m is not None:
        add(key, m.group(2))
        return
    levels = [(k, rx.search(clause)) for k, rx in _LEVEL_RX.items()]
    for k, lm in levels:
        if lm is not None:
            add(k, lm.group("a") or lm.group("b"))
    if any(lm for _k, lm in levels) and len(clause.split()) <= 6:
        return  # "Severity high", "likelihood is low": nothing more is said
    owner = _OWNER_RX.search(clause)
    mitigated = _MITIGATED.match(clause)
    if owner:
        add("owner", owner.group("v"))
    elif mitigated:
        add("mitigations", next(v for v in mitigated.groups() if v))
    elif explicit:
        return
    elif _ESCALATED.search(clause):
        add("escalation", clause)
    elif _MONITORED.search(clause) and not vocab("risk_statement").search(clause):
        add("monitoring", clause)
    elif vocab("risk_statement").search(clause) or re.search(r"\b(?:may|might|could)\b",
                                                              clause, re.I):
        add("description", clause)
    elif MECHANISM.search(clause) or vocab("generic_mitigation").search(clause) or \
            _WE_WILL.match(clause):
        add("mitigations", clause)
    elif _EVIDENCE.search(clause):
        add("evidence", clause)
    else:
        add(otherwise, clause)


# -- entries -------------------------------------------------------------------------------

_META = re.compile(r"^\W*(?:this (?:section|document|card|note|report|page)|below\b|"
                   r"the following\b|in this section|we (?:summari[sz]e|describe|list|outline|"
                   r"share)\b)", re.I)
"""Text about the document itself ("This section identifies ..."), which states no risk."""
_SUMMARY = re.compile(r"^\W*(?:overall|in summary|taken together|all in all|on balance)\b|"
                      r"\b(?:overall|aggregate|combined|total) (?:residual )?risk\b", re.I)


def _no_title(title: str) -> bool:
    """A title that names no risk: empty, a bare ID or number, gap text, a field's name
    ("Mitigations"), a summary line or text about the document."""
    bare = title.strip(" .:*#-—–")
    return (not bare or bool(_ID_ONLY.match(bare)) or bare.isdigit()
            or "gap:" in bare.lower() or absent_value(bare) or _label_key(bare) is not None
            or bool(_SUMMARY.search(bare) or _META.match(bare)))


def _heading_title(e: Entry) -> str | None:
    """The heading of an entry that is a sub-section of its own (its text opens with it)."""
    first = e.text.split("\n", 1)[0].strip()
    return e.title if "\n" in e.text and first.endswith(e.title.strip()) else None


def _level(text: str, allowed: tuple[str, ...]) -> str | None:
    word = re.match(r"\W*([A-Za-z]+)", text)
    level = _LEVELS.get(word.group(1).lower()) if word else None
    return level if level in allowed else None


def _fields(e: Entry, table_lines: set[int]) -> tuple[str, Fields]:
    """An entry's title and the fields it states."""
    if e.line in table_lines:
        fields: Fields = {}
        for row in e.text.split("\n"):  # a risk spread over several tables: one row each
            for k, vs in _table_fields(row).items():
                fields.setdefault(k, []).extend(vs)
        cells = (m.group(1) for rx in _TITLE_CELLS for m in [rx.search(e.text)] if m)
        title = next((c for c in cells if not _ID_ONLY.match(c)), e.title)
    else:
        fields, prose = _text_fields(e)
        heading = _heading_title(e)
        if heading is not None:
            prose = prose[1:]
        lead = _prose_fields("\n".join(prose), fields) if prose else ""
        title = heading or lead or e.title
        if not (heading or lead) and "title" not in fields and fields.get("description"):
            # No title but the scenario: the first clause stating it is the title.
            title = fields["description"].pop(0)[1]
            if not fields["description"]:
                del fields["description"]
    title = (fields.get("title") or [("", title)])[0][1] if not title else title
    rid = (fields.get("id") or [("", "")])[0][1]
    if rid and title.startswith(f"{rid}:"):
        title = title[len(rid) + 1:]
    return _NUMBERED.sub("", _RISK_ID.sub("", title)).strip(" .:-*—–_"), fields


_NUMBERED = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(?=\S)")
"""A heading's section number ("3.1 Factual error in a case note")."""


def _risk_lines(ctx: Context, e: Entry, title: str, fields: Fields,
                table_lines: set[int]) -> list[str]:
    """The YAML of one risk entry, each field with the line it was read from."""
    src = [(ln, " ".join(ctx.doc.line_text(ln).split()).lower())
           for ln in range(e.line, e.end_line + 1)]
    labels = {v: lab.lower() for vs in fields.values() for lab, v in vs}

    def at(value: str) -> int:
        key, lab = value[:24].lower(), labels.get(value, "")
        return next((ln for ln, t in src if key in t and lab in t), e.line)

    out = [f"  - title: {q(title[:200])}  # line {e.line}"]
    one = {k: v[0][1] for k, v in fields.items() if v}
    if "id" in one and re.fullmatch(r"[\w.-]{1,24}", one["id"]):
        out.append(f"    id: {q(one['id'])}  # line {at(one['id'])}")
    if "category" in one:
        out.append(f"    category: {q(one['category'])}  # line {at(one['category'])}")
    for key, allowed in (("severity", ("low", "medium", "high", "critical")),
                         ("likelihood", ("low", "medium", "high"))):
        level = _level(one.get(key, ""), allowed)
        if level:
            out.append(f"    {key}: {level}  # line {at(one[key])}")
    for key in ("evidence", "description"):
        if key in one:
            text = " ".join(_sentence(v) for _lab, v in fields[key])
            out.append(f"    {key}: {q(text)}  # line {at(one[key])}")
    out += _mitigation_lines(e, fields, at, e.line in table_lines)
    if "residual" in one:
        level = _level(one["residual"], ("low", "medium", "high", "critical"))
        if level:
            out.append(f"    residual_risk: {level}  # line {at(one['residual'])}")
            note = re.split(r"\s[—–-]\s", one["residual"], maxsplit=1)
            if len(note) > 1 and note[1].strip():
                out.append(f"    residual_note: {q(note[1])}")
    if "owner" in one:
        name, _, role = one["owner"].rpartition(", ")
        owner = f"{{name: {q(name)}, role: {q(role)}}}" if name else \
            f"{{name: {q(one['owner'])}}}"
        out.append(f"    owner: {owner}  # line {at(one['owner'])}")
    for key, field in (("monitoring", "monitoring"), ("escalation", "escalation"),
                       ("review", "review_cadence")):
        if key in one:
            text = " ".join(_sentence(v) for _lab, v in fields[key]) if len(fields[key]) > 1 \
                else one[key]
            out.append(f"    {field}: {q(text)}  # line {at(one[key])}")
    return out


def _sentence(text: str) -> str:
    return text if text[-1:] in ".!?" else text + "."


def _mitigation_lines(e: Entry, fields: Fields, at: Callable[[str], int], row: bool
                      ) -> list[str]:
    """The mitigations an entry lists; a register row's mitigation column counts whatever
    its header says ("Mitigation / boundary")."""
    mitigations = [v for _lab, v in fields.get("mitigations", [])]
    if not mitigations and row and e.mitigation and not absent_value(e.mitigation):
        mitigations = [e.mitigation.strip(" :;")]
    if not mitigations:
        return []
    return ["    mitigations:", *(f"      - {q(m[:400])}  # line {at(m)}" for m in mitigations)]


def q(text: str) -> str:
    """A YAML scalar for ``text`` (JSON strings are valid YAML)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _prose_entries(ctx: Context, taken: set[int]) -> list[Entry]:
    """Risks stated in prose that no entry holds: a sentence stating a risk under a risks or
    limitations heading, and a paragraph or list item under a risks heading that opens with a
    lead-in title and says what may happen ("Privacy leakage. Emails could appear ...") or
    sets a risk against its response ("Forms get misread -> a clerk keys them")."""
    out: list[Entry] = []
    for pr in prose_risks(ctx):
        if pr.unit.kinds & {"risks", "failure_modes"} and pr.line not in taken:
            out.append(Entry(pr.text[:80], pr.text, pr.line, pr.line))
            taken.add(pr.line)
    for sec in ctx.sections_of({"risks"}):
        for b in sec.all_blocks():
            if b.kind not in ("paragraph", "list_item") or b.line in taken:
                continue
            text = clean(b.text)
            lead, body = _lead(text)
            stated = bool(lead and _POSSIBLE.search(body) or _ARROW.search(text))
            if stated and not _under_controls(ctx, b.line):
                out.append(Entry(lead or text[:80], text, b.line, b.end_line))
    return out


_POSSIBLE = re.compile(r"\b(?:may|might|could|can)\s+(?:not\s+)?[a-z]+", re.I)
"""A clause saying what may happen."""


_CONTROLS_HEADING = re.compile(r"^\W*(?:[\d.]+\s*)?(?:mitigations?|controls?|safeguards?)\b",
                               re.I)
"""A heading over the controls alone ("Mitigation strategies"): its items are no risks."""


def _under_controls(ctx: Context, line: int) -> bool:
    return any(_CONTROLS_HEADING.match(s.title) and s.line <= line <= s.end_line
               for s in ctx.doc.sections() if s.title)


def risk_lines(ctx: Context) -> list[str]:
    """Each risk entry once, with every field it states; an entry whose title names no risk
    or repeats an earlier one adds nothing."""
    table_lines = {ln for block, _sec in ctx.tables() for ln in (block.row_lines or [])}
    found = [e for e in entries(ctx) if e.line in table_lines
             or not _under_controls(ctx, e.line)]
    taken = {ln for e in found for ln in range(e.line, e.end_line + 1)}
    out: list[str] = []
    seen: set[str] = set()
    for e in sorted([*found, *_prose_entries(ctx, taken | table_lines)], key=lambda e: e.line):
        title, fields = _fields(e, table_lines)
        if _no_title(title) or title.lower() in seen:
            continue
        seen.add(title.lower())
        out += _risk_lines(ctx, e, title, fields, table_lines)
    return out
