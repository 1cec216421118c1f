"""Whether a judge's quote may support its verdict: found on a content line (not a heading,
the title or a comment), in a section the item reads, and carrying the item's substance (the
item's own evidence patterns from the rubric where it has them).

The reviewer's section recognition says which section a line sits in; a quote that fails
any test is discarded with the reason, so a model quoting the title cannot lift an item.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dcrdraft.analysis.injection import INJECTION_RE
from dcrdraft.review.checks.base import groups, matches_all
from dcrdraft.review.text import VAGUE_RE

if TYPE_CHECKING:
    from dcrdraft.ingest.document import Document

READS: dict[str, tuple[str, ...]] = {"C09": ("risks", "conditions", "monitoring", "safety")}
"""Sections read by items whose check names none in the rubric."""

_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).lower()


class QuoteChecker:
    """The line-level facts of one document a quote is checked against."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.sections = list(document.sections())
        self.headings = {s.line for s in self.sections}
        source = "\n".join(document.lines)
        blanked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
        self.content = blanked.split("\n")
        """The lines with comments blanked out (line numbers kept)."""

    def lines_with(self, quote: str, lines: list[str] | None = None) -> list[int]:
        """Every 1-based line on which ``quote`` appears (whitespace and case aside)."""
        q = _norm(re.sub(r"^\d+:\s*", "", quote.strip().strip('"')))
        if len(q) < 8:
            return []
        return [n for n, line in enumerate(lines or self.content, 1) if q in _norm(line)]

    def kinds_at(self, line: int) -> tuple[set[str], str]:
        """Kinds of every section holding ``line``, and the innermost section's title."""
        holding = [s for s in self.sections if s.line <= line <= s.end_line]
        kinds = {str(s.kind) for s in holding if s.kind}
        title = max(holding, key=lambda s: s.line).title if holding else "no section"
        return kinds, title

    def problem(self, line: int, code: str, rule: Any, verdict: str) -> str | None:
        """Why ``line`` cannot support ``verdict`` on item ``code`` (None when it can)."""
        text = self.content[line - 1]
        if line in self.headings:
            return "its quote is a heading or the title, not content"
        if INJECTION_RE.search(text):
            return "its quote is text addressed to the judge"
        params = rule.params if rule is not None else {}
        reads = tuple(params.get("kinds") or READS.get(code, ()))
        kinds, title = self.kinds_at(line)
        if reads and not kinds & set(reads):
            return f"its quote is in '{title}', a section {code} does not read"
        return self._substance(text, code, rule, verdict)

    @staticmethod
    def _substance(text: str, code: str, rule: Any, verdict: str) -> str | None:
        if rule is not None and rule.check == "evidence":
            alts = groups(rule.params, "pass")
            if verdict == "weak":
                alts += groups(rule.params, "weak")
            if alts and not any(matches_all(text, alt) for alt in alts):
                what = rule.title or code
                return f"its quote does not carry what {code} asks ({what})"
            return None
        words = re.findall(r"[A-Za-z]+", text)
        if len(words) < 6:
            return f"its quote is too short to carry what {code} asks"
        vague = VAGUE_RE.search(text)
        if verdict == "pass" and vague:
            return f"its quote is vague ({vague.group(0)!r})"
        return None

    def accept(self, quote: str, code: str, rule: Any, verdict: str) -> tuple[int | None, str | None]:
        """The line that supports the verdict, or None with the reason the quote is discarded."""
        lines = self.lines_with(quote)
        if not lines:
            if self.lines_with(quote, self.doc.lines):
                return None, "its quote is in a comment"
            return None, "its quote is not in the document"
        reason: str | None = None
        for n in lines:
            why = self.problem(n, code, rule, verdict)
            if why is None:
                return n, None
            reason = reason or why
        return None, reason
