"""Rules as data: load ``rubrics/*.yaml`` (plus ``--rubric`` files that extend or override)
into a ``Rubric`` of ``Rule`` entries, each naming a check type written in Python.

A rubric file is ``{family: checklist|mistakes|extra|..., rules: [...]}``; every rule has a
stable ``code``, a readable ``name``, a ``check`` with ``params``, messages, a severity, a
rationale and examples that must fire and must not fire.
"""

from __future__ import annotations

import re

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from dcrdraft.errors import ConfigError, ReadError
from dcrdraft.io import read_text_file
from dcrdraft.review.checks.params import NUMBERS, choices, known_params, nested
from dcrdraft.paths import rubrics_dir
from dcrdraft.review.checks import CHECKS
from dcrdraft.review.checks.graded import FAMILY_GRADES
from dcrdraft.review.facts.vocab import names as vocabulary_names
from dcrdraft.review.models import Severity
from dcrdraft.review.yamltext import parse_yaml

RuleKind = Literal["item", "finding"]

_RULE_KEYS = {"code", "name", "title", "kind", "check", "params", "severity", "message",
              "suggestion", "rationale", "source", "examples", "enabled", "weight"}
_SKIP_FILES = {"sections.yaml", "vocabularies.yaml"}
_BUILTIN_ORDER = ("checklist.yaml", "mistakes.yaml", "extra.yaml")


@dataclass(frozen=True)
class Rule:
    """One rule: a checklist item (judged pass/weak/missing) or a finding check."""

    code: str
    """Stable code (``C04``, ``M01``, ``X03``); never reused."""
    name: str
    """Readable name (``baseline-comparison``); either form selects the rule."""
    kind: RuleKind
    check: str
    """The check type in ``dcrdraft.review.checks`` this rule runs."""
    title: str = ""
    """One-line statement of what the rule asks of a DCR."""
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = "warning"
    messages: dict[str, str] = field(default_factory=dict)
    """Items: a message per status (``pass``, ``weak``, ``missing``); findings: ``fire``.
    ``{detail}`` is replaced by what the check found."""
    suggestion: str = ""
    rationale: str = ""
    source: str = ""
    fire: tuple[str, ...] = ()
    """Example texts on which the rule must fire (an item: must not pass)."""
    quiet: tuple[str, ...] = ()
    """Example texts on which the rule must not fire (an item: must pass)."""
    weight: float = 1.0
    """Share of the checklist part of the score (items only)."""
    origin: str = ""
    """``file`` the rule came from, for error messages and ``dcrdraft rules``."""

    @property
    def id(self) -> str:
        return f"{self.code}/{self.name}"

    def message(self, key: str, detail: str = "") -> str:
        """The message for ``key`` with ``{detail}`` filled in."""
        text = self.messages.get(key) or self.messages.get("fire") or self.title
        return " ".join(text.replace("{detail}", detail).split())


@dataclass
class Rubric:
    """The ordered rules of a review: checklist items first, then findings."""

    rules: list[Rule] = field(default_factory=list)

    @property
    def items(self) -> list[Rule]:
        return [r for r in self.rules if r.kind == "item"]

    @property
    def findings(self) -> list[Rule]:
        return [r for r in self.rules if r.kind == "finding"]

    def get(self, key: str) -> Rule | None:
        """A rule by code or name, case-insensitive (``m01``, ``vague-risk``, ``M01/vague-risk``)."""
        key = key.strip().lower()
        for r in self.rules:
            if key in (r.code.lower(), r.name.lower(), r.id.lower()):
                return r
        return None


def read_yaml(path: Path) -> Any:
    """A rubric-folder YAML file, or ConfigError naming the file and line."""
    try:
        text = read_text_file(path, 4 * 1024 * 1024, "rubric file")
    except ReadError as exc:
        raise ConfigError(exc.message) from None
    return parse_yaml(path, text)


def _file_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _line_of(path: Path, lines: Callable[[], list[str]], code: str) -> str:
    for n, line in enumerate(lines(), 1):
        if f"code: {code}" in line:
            return f"{path}:{n}"
    return str(path)


def _examples(raw: Any, where: str, key: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise ConfigError(f"{where}: examples.{key} must be a list of texts")
    return tuple(raw)


def _parse_rule(raw: Any, path: Path, lines: Callable[[], list[str]], family: str,
                index: int, base: Rule | None) -> Rule | None:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: rules[{index}] must be a mapping")
    code = str(raw.get("code", "")).strip()
    where = _line_of(path, lines, code) if code else f"{path}: rules[{index}]"
    if not code:
        raise ConfigError(f"{where}: code is required")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise ConfigError(f"{where}: {code}: unknown field(s) {', '.join(sorted(unknown))}")
    if raw.get("enabled") is False:
        return None
    kind = raw.get("kind") or (base.kind if base else
                               "item" if family in ("checklist", "items") else "finding")
    if kind not in ("item", "finding"):
        raise ConfigError(f"{where}: {code}.kind must be item or finding")
    severity = raw.get("severity", base.severity if base else "warning")
    if severity not in ("error", "warning", "info"):
        raise ConfigError(f"{where}: {code}.severity must be error, warning or info")
    msg = raw.get("message")
    if isinstance(msg, str):
        messages = {"fire": msg}
    elif isinstance(msg, dict):
        messages = {str(k): str(v) for k, v in msg.items()}
    elif msg is None:
        messages = dict(base.messages) if base else {}
    else:
        raise ConfigError(f"{where}: {code}.message must be a text or a mapping")
    params = raw.get("params", base.params if base else {})
    if not isinstance(params, dict):
        raise ConfigError(f"{where}: {code}.params must be a mapping")
    ex = raw.get("examples")
    if ex is not None and not isinstance(ex, dict):
        raise ConfigError(f"{where}: {code}.examples must have 'fire' and 'quiet' lists")
    fire = _examples(ex.get("fire"), where, "fire") if ex else (base.fire if base else ())
    quiet = _examples(ex.get("quiet"), where, "quiet") if ex else (base.quiet if base else ())
    name = raw.get("name") or (base.name if base else "")
    check = raw.get("check") or (base.check if base else "")
    if not name or not check:
        raise ConfigError(f"{where}: {code} needs a name and a check")

    spec = CHECKS.get(str(check))
    if spec is None:
        raise ConfigError(f"{where}: {code}.check: unknown check type {check!r} "
                          f"(known: {', '.join(sorted(CHECKS))})")
    if spec.kind != kind:
        raise ConfigError(f"{where}: {code}: check {check!r} is for {spec.kind} rules")
    _check_params(path, code, str(check), params, where)
    return Rule(
        code=code, name=str(name), kind=kind, check=str(check),
        title=str(raw.get("title", base.title if base else "")), params=dict(params),
        severity=severity, messages=messages,
        suggestion=str(raw.get("suggestion", base.suggestion if base else "")),
        rationale=" ".join(str(raw.get("rationale", base.rationale if base else "")).split()),
        source=str(raw.get("source", base.source if base else "")),
        fire=fire, quiet=quiet, weight=float(raw.get("weight", base.weight if base else 1.0)),
        origin=str(path),
    )


_GRADE_KEYS = frozenset({"pass", "weak", "demote"})


def _close_matches(word: str, known: list[str] | tuple[str, ...], n: int) -> list[str]:
    """The spellings in ``known`` closest to a misspelt ``word``."""
    # lazy: difflib is needed only to word an error, never on a sound rubric's load
    from difflib import get_close_matches

    return get_close_matches(word, known, n=n)


def _check_params(path: Path, code: str, check: str, params: dict[str, Any], where: str) -> None:
    """An unknown or misspelt parameter is an error naming the file and the key's line."""
    known = known_params(check)
    if known is None:
        return
    for key in params:
        if key in known:
            _check_value(path, code, check, str(key), params[key], where, params)
            continue
        hint = _close_matches(str(key), sorted(known), n=1)
        said = f"; did you mean {hint[0]!r}?" if hint else ""
        raise ConfigError(f"{_key_line(path, code, str(key)) or where}: {code}.params: "
                          f"unknown key {key!r} for check {check!r}{said} "
                          f"(known: {', '.join(sorted(known)) or 'none'})")


def _allowed(check: str, key: str, params: dict[str, Any]) -> tuple[str, ...] | None:
    """The values ``key`` may take: a graded family's grades for its ``pass`` / ``weak`` /
    ``demote`` (the family named beside them), else the check type's closed set."""
    if check == "graded" and key == "family":
        return tuple(FAMILY_GRADES)
    if check == "graded" and key in _GRADE_KEYS:
        return FAMILY_GRADES.get(str(params.get("family")))
    return choices(check, key)


def _check_value(path: Path, code: str, check: str, key: str, value: Any, where: str,
                 params: dict[str, Any]) -> None:
    """A numeric parameter takes a number, and a parameter with a closed set of values
    (``require: [metric, window]``, a graded family's grades) takes only those; anything
    else is an error naming the file and the key's line."""
    if key in NUMBERS and value is not None and (isinstance(value, bool)
                                                 or not isinstance(value, (int, float))):
        raise ConfigError(f"{_key_line(path, code, key) or where}: {code}.params.{key}: "
                          f"expected a number, got {value!r}")
    inner = nested(check, key)
    if inner is not None and value is not None:
        _check_inner(path, code, key, value, inner, where)
        return
    allowed = _allowed(check, key, params)
    if allowed is None or value is None:
        return
    for item in value if isinstance(value, list) else [value]:
        if str(item) not in allowed:
            hint = _close_matches(str(item), allowed, n=1)
            said = f"; did you mean {hint[0]!r}?" if hint else ""
            raise ConfigError(f"{_key_line(path, code, key) or where}: {code}.params.{key}: "
                              f"unknown value {item!r}{said} (known: {', '.join(allowed)})")


def _check_inner(path: Path, code: str, key: str, value: Any, inner: dict[str, str],
                 where: str) -> None:
    """A mapping parameter (``opening: {units: 6, words: 12, ...}``) takes only its own keys,
    and a count is a whole number: a misspelt or mistyped inner key is an error naming the
    file and the line, not a default used in silence (or a crash mid-review)."""
    def at(sub: str = "") -> str:
        # looked up only for an error: finding a key's line reads the rubric file again
        found = _key_line(path, code, sub, after=key) if sub else ""
        return found or _key_line(path, code, key) or where

    if not isinstance(value, dict):
        raise ConfigError(f"{at()}: {code}.params.{key}: expected a mapping of "
                          f"{', '.join(sorted(inner))}, got {type(value).__name__}")
    for sub, held in value.items():
        if sub not in inner:
            hint = _close_matches(str(sub), sorted(inner), n=1)
            said = f"; did you mean {hint[0]!r}?" if hint else ""
            raise ConfigError(f"{at(str(sub))}: {code}.params.{key}: unknown key {sub!r}{said} "
                              f"(known: {', '.join(sorted(inner))})")
        if inner[sub] == "count" and (isinstance(held, bool) or not isinstance(held, int)
                                      or held < 0):
            raise ConfigError(f"{at(str(sub))}: {code}.params.{key}.{sub}: expected a whole "
                              f"number of 0 or more, got {held!r}")


def _key_line(path: Path, code: str, key: str, after: str = "") -> str:
    """The line of ``key`` inside rule ``code`` (the first after the line of ``after`` when
    given: an inner key such as ``words`` may appear under two parameters)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    start = next((n for n, ln in enumerate(lines) if f"code: {code}" in ln), None)
    if start is None:
        return ""
    waiting = bool(after)
    for n in range(start + 1, len(lines)):
        if lines[n].lstrip().startswith("- code:"):
            break
        if waiting:
            waiting = not re.search(rf"(?:^|[\s{{,]){re.escape(after)}:", lines[n])
            if waiting:
                continue
            if re.search(rf"[{{,]\s*{re.escape(key)}:", lines[n]):
                return f"{path}:{n + 1}"  # a flow mapping on the parent's own line
            continue
        if re.search(rf"(?:^|[\s{{,]){re.escape(key)}:", lines[n]):
            return f"{path}:{n + 1}"
    return ""


def _read_file(path: Path, into: dict[str, Rule | None], order: list[str]) -> None:
    data = read_yaml(path)
    if data is None:
        return
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{path}: a rubric file needs a 'rules:' list")
    family = str(data.get("family", "extra"))
    # Read once per file, on the first rule that names its line: once per rule was a fifth
    # of loading the rubric.
    lines = cache(lambda: _file_lines(path))
    for i, raw in enumerate(data["rules"]):
        code = str(raw.get("code", "")).strip() if isinstance(raw, dict) else ""
        base = into.get(code)
        rule = _parse_rule(raw, path, lines, family, i, base)
        if code not in into:
            order.append(code)
        into[code] = rule


def builtin_files() -> list[Path]:
    """The rubric files shipped with dcrdraft, in load order."""
    folder = rubrics_dir()
    first = {name: i for i, name in enumerate(_BUILTIN_ORDER)}
    return sorted((p for p in folder.glob("*.yaml") if p.name not in _SKIP_FILES),
                  key=lambda p: (first.get(p.name, len(first)), p.name))


_CACHE: dict[tuple[str, ...], Rubric] = {}


def load_rubric(extra: Iterable[Path | str] = ()) -> Rubric:
    """The built-in rules, then each ``extra`` file adding rules or overriding by code."""
    extra_paths = [Path(p) for p in extra]
    key = tuple(str(p) for p in extra_paths)
    if key in _CACHE:
        return _CACHE[key]
    rules: dict[str, Rule | None] = {}
    order: list[str] = []
    for path in builtin_files() + extra_paths:
        if not path.exists():
            raise ConfigError(f"{path}: rubric file not found")
        _read_file(path, rules, order)
    kept = [r for c in order if (r := rules[c]) is not None]
    rubric = Rubric(sorted(kept, key=lambda r: 0 if r.kind == "item" else 1))
    # The named vocabularies are part of the rubric: a bad one (an unknown key, a reference
    # to no vocabulary) is reported here as the configuration error it is, naming its file,
    # not as an internal error from inside the first document's review.
    vocabulary_names()
    _CACHE[key] = rubric
    return rubric


def with_rules(rubric: Rubric, rules: Iterable[Rule]) -> Rubric:
    """A copy of ``rubric`` keeping only ``rules`` (for --select style filtering)."""
    keep = {r.code for r in rules}
    return Rubric([replace(r) for r in rubric.rules if r.code in keep])
