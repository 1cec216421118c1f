"""Graded facts: what a document says about one checklist topic (review-team readiness,
fairness, privacy and security, user documentation), each sentence or paragraph given a grade
from the topic's closed set by its family module (``people``, ``governance``).

A sentence that is content-free boilerplate is never graded, and one that states an absence
("has not been assessed") earns only a negative grade. A section counts as the topic's own
when its heading, unrecognised as any DCR section, names the topic's subject (a section named
after the people who review the output, or after a user group) and it holds a graded fact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.absence import negated
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.text import sentences

Grader = Callable[[str, bool], "str | None"]
"""A family's grading of one text: (text, negated) -> grade or None."""


@dataclass(frozen=True)
class Graded:
    """One graded statement about a topic, with its source line and section."""

    family: str
    grade: str
    unit: Unit
    kinds: frozenset[str]
    """The unit's section kinds, plus the family's own kind when its section is about it."""
    chunk: bool = False
    """Read from a whole paragraph (co-occurrence across its sentences), not one sentence."""

    @property
    def line(self) -> int:
        return self.unit.line

    @property
    def section(self) -> str:
        return self.unit.section.title


def substantive(units: list[Unit]) -> list[Unit]:
    """Units without their content-free claims: a sentence that is boilerplate is dropped, a
    paragraph keeps its other sentences."""
    out: list[Unit] = []
    for u in units:
        if not is_boilerplate(u.text):
            out.append(u)
            continue
        rest = [s for s in sentences(u.text) if not is_boilerplate(s)]
        if rest and len(rest) < len(sentences(u.text)):
            out.append(replace(u, text=" ".join(rest)))
    return out


def substantive_pool(ctx: Context, chunks: bool = False) -> list[Unit]:
    """The document's units (or chunks) without boilerplate, computed once per document."""
    key = "graded.substantive." + ("chunks" if chunks else "units")
    return ctx.cached(key, lambda: substantive(ctx.chunks if chunks else ctx.units))


def graded(ctx: Context, family: str, grade: Grader, own_kind: str,
           about: Callable[[str], bool]) -> list[Graded]:
    """Every graded statement of ``family`` in the document: sentences first, then
    paragraphs, each once per document."""
    def compute() -> list[Graded]:
        out: list[Graded] = []
        for is_chunk in (False, True):
            for u in substantive_pool(ctx, is_chunk):
                g = grade(u.text, negated(u.text))
                if g is not None:
                    out.append(Graded(family, g, u, u.kinds, is_chunk))
        # Only a heading the reader could not place (no kind of its own) is read for its
        # subject: a risk entry titled "Demographic disparity" stays a risk entry.
        own = {id(f.unit.section) for f in out if f.unit.section.title
               and f.unit.section.kind is None and about(f.unit.section.title)}
        return [replace(f, kinds=f.kinds | {own_kind}) if id(f.unit.section) in own else f
                for f in out]
    return ctx.cached(f"graded:{family}", compute)


def own_sections(facts: list[Graded], own_kind: str) -> set[int]:
    """The sections (by identity) counted as the family's own because of what they say."""
    return {id(f.unit.section) for f in facts if own_kind in f.kinds
            and own_kind not in f.unit.kinds}
