"""Recognise which DCR section each heading names, from the patterns in rubrics/sections.yaml.

Headings are matched by the longest pattern that fits; a section whose heading names nothing
is classified by its own text (content fallback). Sub-sections inherit nothing: each heading
is judged on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from dcrdraft.ingest.document import Document, Section, SectionKind
from dcrdraft.errors import ConfigError
from dcrdraft.paths import rubrics_dir

_KINDS: frozenset[str] = frozenset(get_args(SectionKind))
_PUNCT = re.compile(r"[^\w/+\-]+")
_WORD = re.compile(r"[A-Za-z]{2,}")
_FALLBACK_CHARS = 20_000
"""The content fallback reads at most this much of a section: enough to judge, bounded time."""


@dataclass(frozen=True)
class Fallback:
    """Thresholds of the content fallback (see sections.yaml)."""

    min_words: int = 20
    min_hits: int = 4
    min_distinct: int = 2
    margin: float = 1.5


@dataclass(frozen=True)
class _Group:
    """One kind's heading patterns, with their alternation as a quick first test."""

    kind: SectionKind | None
    any: re.Pattern[str]
    patterns: tuple[tuple[int, re.Pattern[str]], ...]
    """(order in the file, pattern) pairs."""


@dataclass(frozen=True)
class Rules:
    """Compiled recognition rules: heading patterns (None kind = ignore) and keywords."""

    headings: tuple[tuple[SectionKind | None, re.Pattern[str]], ...]
    keywords: tuple[tuple[SectionKind, tuple[re.Pattern[str], ...]], ...]
    fallback: Fallback
    groups: tuple[_Group, ...] = field(default=(), compare=False)
    literals: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)
    """For each keyword pattern, a word its matches must contain (a cheap first test)."""
    cache: dict[str, list[SectionKind | None]] = field(
        default_factory=dict, compare=False, hash=False)


def _groups(headings: list[tuple[SectionKind | None, re.Pattern[str]]]) -> tuple[_Group, ...]:
    by_kind: dict[SectionKind | None, list[tuple[int, re.Pattern[str]]]] = {}
    for order, (kind, pattern) in enumerate(headings):
        by_kind.setdefault(kind, []).append((order, pattern))
    return tuple(
        _Group(kind, re.compile("|".join(p.pattern for _, p in pats), re.I), tuple(pats))
        for kind, pats in by_kind.items()
    )


def _literal(pattern: str) -> str | None:
    """A lower-case word every match must contain ("severit" for ``\\bseverit``), or None."""
    depth = 0
    for char in pattern:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            return None
    m = re.match(r"(?:\\b)?([a-z][a-z -]*)", pattern)
    if not m:
        return None
    word = m.group(1)
    if pattern[m.end() : m.end() + 1] in ("?", "*", "{"):
        word = word[:-1]
    return word if len(word) >= 3 else None


def normalise(title: str) -> str:
    """A heading as patterns see it: lower case, "&" as "and", punctuation as spaces."""
    text = title.lower().replace("&", " and ")
    return " ".join(_PUNCT.sub(" ", text).replace("_", " ").split())


def _compile(pattern: object, where: str, wrap: bool) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise ConfigError(f"{where}: pattern {pattern!r} is not a string")
    try:
        return re.compile(rf"\b(?:{pattern})\b" if wrap else pattern, re.I)
    except re.error as exc:
        raise ConfigError(f"{where}: bad pattern {pattern!r}: {exc}") from None


def _as_list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected a list of patterns")
    return value


def parse_rules(data: Any, where: str) -> Rules:
    """Compile the YAML structure of sections.yaml, or ConfigError naming what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise ConfigError(f"{where}: expected a mapping with a 'kinds' key")
    headings: list[tuple[SectionKind | None, re.Pattern[str]]] = [
        (None, _compile(p, f"{where}: ignore", True))
        for p in _as_list(data.get("ignore"), f"{where}: ignore")
    ]
    keywords: list[tuple[SectionKind, tuple[re.Pattern[str], ...]]] = []
    for kind, entry in data["kinds"].items():
        if kind not in _KINDS:
            raise ConfigError(f"{where}: unknown section kind {kind!r}")
        entry = entry or {}
        here = f"{where}: kinds.{kind}"
        headings += [(kind, _compile(p, here, True))
                     for p in _as_list(entry.get("headings"), here)]
        words = tuple(_compile(p, here, False) for p in _as_list(entry.get("keywords"), here))
        if words:
            keywords.append((kind, words))
    fb = data.get("fallback") or {}
    try:
        fallback = Fallback(**fb)
    except TypeError as exc:
        raise ConfigError(f"{where}: fallback: {exc}") from None
    literals = {p.pattern: _literal(p.pattern) for _, pats in keywords for p in pats}
    return Rules(tuple(headings), tuple(keywords), fallback, _groups(headings), literals)


KEPT_YAML: list[Callable[[str, Callable[[], Any]], Any]] = []
"""The reviewer's keeper of parsed YAML between runs (``review.yamltext``), when loaded: given
the text of the built-in rules and their parse, it returns what an earlier run's parse of the
same bytes gave, or parses and keeps it (importing and running PyYAML is ~8 ms a cold run)."""


@lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> Rules:
    """The rules in ``path`` (default: sections.yaml in the rubrics folder), compiled once."""
    builtin = path is None
    path = path or rubrics_dir() / "sections.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read section rules: {exc}") from None
    at = path

    def parse() -> Any:
        return _load_yaml(text, at, builtin)

    return parse_rules(KEPT_YAML[0](text, parse) if builtin and KEPT_YAML else parse(), str(path))


def _load_yaml(text: str, path: Path, builtin: bool) -> Any:
    """The built-in file through PyYAML's C loader (a fraction of ruamel's start-up; a test
    checks both read it alike), a user's file through ruamel (YAML 1.2, located errors)."""
    if builtin:
        try:
            # lazy: PyYAML is needed when the rules are first read, not on import
            import yaml
        except ImportError:
            pass
        else:
            try:
                return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
            except yaml.YAMLError:
                pass  # read again below for ruamel's message
    from ruamel.yaml import YAML  # lazy: ruamel is needed only for a user's file or a fallback
    from ruamel.yaml.error import YAMLError  # lazy: as above

    try:
        return YAML(typ="safe").load(text)
    except YAMLError as exc:
        raise ConfigError(f"{path}: cannot read section rules: {exc}") from None


def _ranked(title: str, rules: Rules) -> list[SectionKind | None]:
    """Every kind (None = ignore) whose patterns match the heading, best match first."""
    text = normalise(title)
    if text in rules.cache:
        return rules.cache[text]
    best: dict[SectionKind | None, tuple[int, int, int]] = {}
    for group in rules.groups:
        if not group.any.search(text):
            continue
        for order, pattern in group.patterns:
            for m in pattern.finditer(text):
                key = (-(m.end() - m.start()), m.start(), order)
                if m.end() > m.start() and key < best.get(group.kind, (1, 0, 0)):
                    best[group.kind] = key
    ranked = sorted(best, key=best.__getitem__)
    if len(rules.cache) < 10_000:
        rules.cache[text] = ranked
    return ranked


def match_heading(title: str, rules: Rules | None = None) -> tuple[bool, SectionKind | None]:
    """Whether any pattern matched the heading, and the kind it names (None if ignored)."""
    ranked = _ranked(title, rules or load_rules())
    return bool(ranked), ranked[0] if ranked else None


def classify_heading(title: str, rules: Rules | None = None) -> SectionKind | None:
    """The section kind a heading names, or None."""
    return match_heading(title, rules)[1]


def heading_kinds(title: str, rules: Rules | None = None) -> list[SectionKind]:
    """Every kind a heading mentions, best first: "Monitoring and Rollback" names both."""
    return [k for k in _ranked(title, rules or load_rules()) if k is not None]


def _count(pattern: re.Pattern[str], text: str, lower: str, literal: str | None) -> int:
    """Matches of a keyword, counted up to 3."""
    if literal is not None and literal not in lower:
        return 0
    return min(3, sum(1 for _ in zip(range(3), pattern.finditer(text))))


def classify_text(text: str, rules: Rules | None = None) -> SectionKind | None:
    """The section kind a passage's wording points to, or None when it is not clear."""
    rules = rules or load_rules()
    fb = rules.fallback
    text = text[:_FALLBACK_CHARS]
    if len(_WORD.findall(text)) < fb.min_words:
        return None
    lower = text.lower()
    scored: list[tuple[int, int, SectionKind]] = []
    for kind, patterns in rules.keywords:
        counts = [_count(p, text, lower, rules.literals.get(p.pattern)) for p in patterns]
        scored.append((sum(counts), sum(1 for c in counts if c), kind))
    scored.sort(key=lambda s: (-s[0], -s[1]))
    hits, distinct, kind = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0
    if hits >= fb.min_hits and distinct >= fb.min_distinct and hits >= fb.margin * runner_up:
        return kind
    return None


PART_OF: dict[SectionKind, str] = {
    "metadata": "metadata", "summary": "summary", "recommendation": "summary",
    "overview": "overview",
    "evaluation": "evaluation", "methodology": "evaluation", "segments": "evaluation",
    "risks": "risks", "failure_modes": "risks",
    "deployment": "conditions", "conditions": "conditions", "monitoring": "conditions",
    "rollback": "conditions", "human_review": "conditions", "user_docs": "conditions",
    "safety": "safety", "fairness": "safety", "privacy": "safety", "security": "safety",
    "regulatory": "safety",
    "signoff": "signoff", "appendix": "appendix",
}
"""Which of the guide's nine DCR sections each kind belongs to."""


def _is_title(doc: Document, section: Section) -> bool:
    """The lone top-level heading over several DCR sections names the document, not a part;
    so does the first heading, when the document opens with it and the headings after it at
    its level are several DCR sections: its text is the front matter (a masthead, a record
    table of owner, version and date), whatever words the title or that table happen to use
    ("Model Risk & Assurance", "Deployment Clearance Report")."""
    top = doc.root.children
    if not top or top[0] is not section:
        return False
    if len(top) == 1:
        parts = {PART_OF[s.kind] for s in section.walk() if s is not section and s.kind}
        return len(parts) >= 2
    if doc.root.blocks or section.children:
        return False
    after = {PART_OF[s.kind] for s in top[1:] if s.kind}
    return len(after) >= 3


def recognise(doc: Document, rules: Rules | None = None) -> Document:
    """Set ``Section.kind`` on every section of ``doc`` and return it."""
    rules = rules or load_rules()
    for section in doc.sections():
        matched, kind = match_heading(section.title, rules)
        if not matched:
            kind = classify_text("\n".join(b.text for b in section.blocks), rules)
        section.kind = kind
    for section in doc.root.children[:1]:
        if _is_title(doc, section):
            section.kind = None
    return doc
