"""Governance facts: fairness (checklist item 15), privacy and security (16) and user
documentation (19), each sentence or paragraph graded from the family's closed set.

Fairness: ``by_group`` (a result for a group of people with a figure), ``not_about_people``
(the system decides nothing about people and results are compared across what it does
judge), ``not_assessed_reason`` (an explicit "not assessed because ..."), ``not_assessed``
(no reason given), ``not_by_group`` (results said not to have been looked at by a group of
people: "we have not yet looked at whether particular groups of staff ..."), ``mentioned``
(fairness named, groups spot-checked, no figure).
"Trained on diverse data" is boilerplate and never graded.

Privacy and security: ``review`` (a review that took place: who, when or what it found),
``controls`` (a concrete control on named data), ``claim`` (privacy or security named, or
claimed wholesale, with nothing checkable).

User documentation: ``published`` (documentation that exists, or says what it covers),
``limitations`` (a limitations or out-of-scope section written for users), ``pending``
("docs will be published"), ``mentioned``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.failures import failure_statements
from dcrdraft.review.facts.graded import Graded, graded, substantive_pool
from dcrdraft.review.facts.required import without_conditions
from dcrdraft.review.absence import negated
from dcrdraft.review.text import FIGURE_RE, sentences
from dcrdraft.review.facts.vocab import vocab

FairnessGrade = Literal["by_group", "not_about_people", "not_assessed_reason", "not_assessed",
                        "not_by_group", "mentioned"]
PrivacyGrade = Literal["review", "controls", "claim"]
DocsGrade = Literal["published", "limitations", "pending", "mentioned"]

GRADES: dict[str, tuple[str, ...]] = {
    "fairness": ("by_group", "not_about_people", "not_assessed_reason", "not_assessed",
                 "not_by_group", "mentioned"),
    "privacy": ("review", "controls", "claim"),
    "user_docs": ("published", "limitations", "pending", "mentioned"),
}

_VERSUS = re.compile(r"\d[\d.]*\s?%?[^.]{0,60}\b(?:vs\.?|versus|compared (?:to|with)|against|"
                     r"under|over)\b[^.]{0,40}\d", re.I)
_EXPOSURE = re.compile(r"\b(?:exposure|impact ratio|parity)\b", re.I)
"""How a group is treated, measured: results for that group are fairness results."""
_NOT_PEOPLE = re.compile(r"\b(?:no|not|never)\b[^.]{0,30}\b(?:decisions? about|affects?|"
                         r"concerns?|judg\w+)\s+(?:people|individuals|persons|customers|users|"
                         r"employees)\b", re.I)
_COMPARED = re.compile(r"\b(?:compar\w+|check\w+|across|within \d|\d[\d.]*\s?%)", re.I)
_SPOT = re.compile(r"\b(?:check\w*|spot-?check\w*|look\w* at|review\w*|test\w*|compar\w*|"
                   r"examin\w*|saw|see|seen)\b", re.I)
_SPOT_GROUP = re.compile(r"\b(?:african[- ]american|dialects?|accents?|gender|race|ethnic\w*|"
                         r"age (?:groups?|bands?)|skin (?:tone|type)s?|disabilit\w*|non-native|"
                         r"older (?:users|patients|customers|people))\b", re.I)


_UNMEASURED = re.compile(r"\b(?:cannot|can['’]t|could not|couldn['’]t|unable to)\s+(?:yet\s+)?"
                         r"(?:say|measure|tell|assess|estimate|report|break)\b|\bnot possible\b|"
                         r"\b(?:is|are|was|were)(?:n['’]t| not)\s+(?:captured|recorded|collected|held)\b|"
                         r"\b(?:do|does|did)(?:n['’]t| not)\s+(?:yet\s+)?(?:hold|record|collect|capture|"
                         r"have enough)\b|\b(?:not enough|too few)\b", re.I)
"""Why a group's result is not given: the attribute is not held, or the group too small."""
_THINGS_AGE = re.compile(r"\b(?:older|younger|newer)\s+(?:[\w-]+\s+){0,2}?(?:models?|versions?|"
                         r"cameras?|devices?|units?|hardware|firmware|vehicles?|bus(?:es)?|phones?|"
                         r"machines?|sensors?|releases?|equipment)\b", re.I)
"""An older camera or model is equipment's age, no group of people."""
_BARE_AGE = re.compile(r"(?<!\bby )(?<!\bper )\bage\b(?!-(?:groups?|bands?)\b)"
                       r"(?![\s:]*(?:groups?|bands?|brackets?|ranges?|"
                       r"categor\w+|cohorts?|[<>≤≥+(]|\d|under\b|over\b|from\b))", re.I)
"""Age as one input or property among others ("weight, age and dose", "rail age",
"age-from-photo"), not people grouped by it: a group is an age band ("age-band"), a range
or "by age"."""


def _about_groups(text: str) -> bool:
    """Whether ``text`` is about groups of people: a protected attribute, fairness itself, or
    groups of the people served ("by shopper group")."""
    return bool(vocab("demographic_group").search(_BARE_AGE.sub(" ", _THINGS_AGE.sub("", text)))
                or vocab("fairness_topic").search(text) or vocab("people_groups").search(text))


_NEAR = 80
"""How far (in characters) a group may sit from the analysis that is about it."""
_OLDER_THAN = re.compile(r"\b(?:older|younger|newer)\s+than\s+\d+\s*(?:h|hrs?|hours?|days?|weeks?|"
                         r"months?|min\w*)\b", re.I)
"""Records' age ("entries older than 30 days"), no group of people."""


def _group_analysis(text: str) -> bool:
    """An analysis or result named beside a group of people it is about ("the split by age
    band", "pooled results by ethnicity"): a group far from it in a long sentence is another
    matter (volunteers "matched on sex and age" for a test whose results come first)."""
    for m in vocab("group_analysis").finditer(text):
        near = _OLDER_THAN.sub(" ", text[max(0, m.start() - _NEAR):m.end() + _NEAR])
        if vocab("demographic_group").search(_BARE_AGE.sub(" ", _THINGS_AGE.sub("", near))):
            return True
    return False


def _unexamined(text: str) -> bool:
    """A sentence saying results were not looked at by group of people (both in one
    sentence: a paragraph's "not yet" may be about anything else in it)."""
    return any((negated(s) or vocab("analysis_absent").search(s)) and _about_groups(s)
               for s in sentences(text))


def fairness_grade(text: str, absent: bool) -> FairnessGrade | None:
    """The fairness statement a sentence or paragraph makes, if any."""
    if vocab("fairness_not_assessed").search(text):
        return "not_assessed_reason" if vocab("stated_reason").search(text) else "not_assessed"
    if absent and vocab("people_not_judged").search(text):
        # "it does not score individuals" denies judging people, not the analysis beside it
        absent = negated(vocab("people_not_judged").sub(" ", text))
    if absent:
        return "not_by_group" if _unexamined(text) else None
    figure = vocab("group_figure").search(text)
    if figure and vocab("demographic_group").search(_BARE_AGE.sub(" ", text)) and \
            vocab("group_measure").search(text):
        return "by_group"
    if (vocab("fairness_topic").search(text) or _EXPOSURE.search(text)) and \
            vocab("user_group").search(text) and _VERSUS.search(text):
        return "by_group"
    if (_NOT_PEOPLE.search(text) or vocab("people_not_judged").search(text)) and \
            _COMPARED.search(text):
        return "not_about_people"
    if vocab("fairness_topic").search(text) or (_SPOT_GROUP.search(text) and _SPOT.search(text)):
        return "mentioned"
    if _UNMEASURED.search(text) and vocab("demographic_group").search(_THINGS_AGE.sub("", text)):
        return "mentioned"  # a group named that could not be measured: touched, no result
    if _unexamined(text):
        return "not_by_group"
    # an analysis by group named, planned or reported without a figure
    return "mentioned" if _group_analysis(text) else None


_STATUS_OPEN = re.compile(r"\bstatus\W{0,3}(?:open|in progress|pending|planned|not started|"
                          r"due)\b", re.I)
_SHOWN = re.compile(r"\d|(?<!held )(?<!kept )(?<!owned )(?<!stored )\bby (?:the )?[A-Z]|"
                    r"\b(?:found|findings?|issues?|identified|raised|remediated|fixed|"
                    r"vulnerabilit\w+)\b")
"""What shows a review took place: a date or figure, who did it (not who keeps the
document: "held by"), what it found."""


def privacy_grade(text: str, absent: bool) -> PrivacyGrade | None:
    """The privacy or security statement a sentence or paragraph makes, if any."""
    if absent:
        return None
    review = vocab("privacy_review").search(text)
    if review:
        # a review under way or due is not one done (read in its own clause: "DPIA approved
        # in May; security review booked" holds one of each); a tick ("Status: Complete")
        # without a when, a who or a finding is claimed, not shown
        clause = text[review.start():].split(";")[0]
        if vocab("privacy_review_pending").search(clause) or _STATUS_OPEN.search(text):
            return "claim"
        # said done ("a DPIA has been completed and approved", a tick, "Outcome: Approved")
        # with no when, who or finding: any vendor can say it, so it is claimed, not shown
        if _SHOWN.search(text):
            return "review"
    if vocab("sensitive_data").search(text) and (
            vocab("data_control").search(text) or
            (vocab("data_control_generic").search(text) and vocab("privacy_detail").search(text))):
        return "controls"
    # a title or a team ("Data Protection Lead") names who someone is, not how data is handled
    if vocab("privacy_topic").search(vocab("privacy_role").sub(" ", text)) or \
            vocab("data_tenancy").search(text):
        return "claim"
    return None


_LIMITS_TITLE = re.compile(r"\b(?:limitations?|out[- ]of[- ]scope|uses? to avoid|misuse|"
                           r"caveats?|known issues|not (?:suitable|intended))\b", re.I)


_USE_TITLE = re.compile(r"\b(?:intended|primary) (?:uses?|purposes?)\b", re.I)
"""A heading over what the system is for (a model card's "Intended use")."""


def _limits_note(u: Unit) -> bool:
    """A limitations note for users: text addressed to them under a limitations heading, or
    a use named as excluded under an intended-use heading (where not to rely on it)."""
    title = u.section.title or ""
    if _LIMITS_TITLE.search(title):
        return bool(u.kinds & {"user_docs", "failure_modes", "risks"}
                    and vocab("user_address").search(u.text))
    return bool(_USE_TITLE.search(title) and vocab("excluded_use").search(u.text)
                and not vocab("excluded_use_vacuous").search(u.text))


_DOCS_TITLE = re.compile(r"\b(?:documentation|docs|guides?|guidance|information for|"
                         r"(?:user|customer|patient|staff|public) (?:information|communications?|"
                         r"notices?)|instructions|help)\b", re.I)
"""A heading that names the documentation itself, not a limitations or misuse note."""


_DIGIT = re.compile(r"\d")


def _not_out(text: str) -> bool:
    """Documentation still to be written or issued, set to go out only at launch, or not
    finished: a draft, out of date, or still to be handed out or changed."""
    return bool(vocab("docs_pending").search(text) or vocab("docs_not_yet_out").search(text)
                or vocab("docs_unfinished").search(text))


def documented(text: str, dated: bool = True) -> DocsGrade:
    """How far documentation said to exist is shown: complete (``published``) when it tells
    users the limits and what to do then, or (when ``dated`` counts) can be checked by a date
    or a version; only named (``mentioned``) when it is just said to exist ("guide
    published", a tick)."""
    if _not_out(text):
        return "pending"
    shown = vocab("user_doc_covers").search(text) or (dated and _DIGIT.search(text))
    return "published" if shown else "mentioned"


def _issued_with_contents(text: str) -> bool:
    """A written kind of document for readers, said to be issued or to say something, and in
    that sentence or the next what it tells them of the limits or what to do then ("The help
    cards went out in May. They say what the scanner cannot read."): what it covers shows it
    is written for the system's users, whoever they are."""
    parts = sentences(text)
    return any(vocab("user_doc_kind").search(s) and vocab("user_doc_issued").search(s)
               and any(vocab("user_doc_covers").search(t) for t in parts[i:i + 2])
               for i, s in enumerate(parts))


_LIMITS_FIELD = re.compile(r"^\W*(?:[\w.]{1,6}[.:)]\s*)?(?:question\W{0,3})?(?:known\s+)?"
                           r"limitations?\b(?!\s+(?:page|section|note|statement))", re.I)
"""A form's field for the system's limitations, leading its answer ("Known limitations: ...",
"Q: Known limitations?")."""


def docs_grade(text: str, absent: bool) -> DocsGrade | None:
    """The user documentation a sentence or paragraph states, if any."""
    if absent:
        return None
    # limitations listed in a form's field with no word to their users are a list for the
    # reviewers, not documentation users read
    said = text if vocab("user_address").search(text) else _LIMITS_FIELD.sub(" ", text)
    named = vocab("user_doc_artifact").search(said)
    if named and _not_out(text):
        return "pending"  # "Action: issue the guidance note; Due: 3 June"
    artifact = named and vocab("user_doc_state").search(text)
    if artifact or vocab("users_told").search(text):
        return documented(text)
    # documentation known only by whom it is for ("officer guidance", "drivers are told"):
    # a date shows when it was issued, not that it says what the system cannot do
    if vocab("audience_doc").search(text) or vocab("people_told").search(text):
        return documented(text, dated=False)
    if _issued_with_contents(text):
        return documented(text)
    # a mark on the output telling its readers it is machine-made (or warning them) tells
    # users something, however briefly: touched, never complete (it names no limit or recourse)
    if vocab("output_disclosure").search(text):
        return "pending" if _not_out(text) else "mentioned"
    # documentation only asked about (a questionnaire's "what documentation do you give
    # users?") or kept as records (an auditor's "review of supporting documentation") is
    # not documentation users read
    if text.rstrip().endswith("?"):
        return None
    if vocab("user_doc_topic").search(vocab("records_documentation").sub(" ", said)):
        return "pending" if _not_out(text) else "mentioned"
    return None


def _names_group(title: str) -> bool:
    return bool(vocab("demographic_group").search(title) or vocab("fairness_topic").search(title))


_LANGUAGE_GROUP = re.compile(r"\b[A-Z][a-z]+-language\b|(?:^|;\s)(?:[\w/ ]{0,20}\s)?"
                             r"[Ll]anguages?\b[^;:]{0,25}:\s*[A-Z]")
"""A result named for the language its people write or speak in ("Spanish-language calls",
a breakdown row "Language: Polish; ..."); case-sensitive, so a "plain-language" note or a
"safety-language flag" is none."""


def _language_results(ctx: Context) -> Unit | None:
    """The first of a document's results for people of one language beside another: two
    such figures, or one set against another ("29% vs 43% for English"). Results for a
    language group touch fairness without saying it, which the labels call weak; one
    language's figure alone is a segment result, not a comparison of groups."""
    found = [u for u in substantive_pool(ctx) if _LANGUAGE_GROUP.search(u.text)
             and vocab("group_figure").search(u.text) and not negated(u.text)]
    if len(found) >= 2 or (found and _VERSUS.search(found[0].text)):
        return found[0]
    return None


def _section_statements(ctx: Context, facts: list[Graded]) -> list[Graded]:
    """A section headed for fairness or groups of people ("Fairness and inclusion", "Could
    it treat groups differently?") whose statements earn no grade of their own: under that
    heading they touch the topic (an assertion of equal treatment, a note of who might be
    affected), which the conventions call weak. One fact per section, its first statement."""
    graded_sections = {id(f.unit.section) for f in facts}
    out: list[Graded] = []
    for u in substantive_pool(ctx):
        section = u.section
        if id(section) in graded_sections or negated(u.text) or not section.title:
            continue
        if section.kind == "fairness" or _names_group(section.title):
            graded_sections.add(id(section))
            # its kinds stay the section's: a results section headed "By language" is no
            # fairness section that would hide a result by group elsewhere
            out.append(Graded("fairness", "mentioned", u, u.kinds))
    return out


def fairness_facts(ctx: Context) -> list[Graded]:
    """What the document says about fairness, each with its line and section; a table of
    figures under a heading that names fairness ("Is it fair?", "Seller impact and
    fairness") gives results by group, whatever its groups are."""
    def with_tables() -> list[Graded]:
        base = graded(ctx, "fairness", fairness_grade, "fairness", _names_group)
        row = next((u for u in ctx.units if u.row is not None and u.section.title
                    and vocab("fairness_topic").search(u.section.title) and not negated(u.text)
                    and vocab("group_figure").search(u.text)), None)
        if row is not None:
            base = base + [Graded("fairness", "by_group", row, row.kinds | {"fairness"})]
        # fairness asserted in content-free words ("diverse data ensures fair outcomes") is
        # the topic touched, which the conventions call weak: the boilerplate filter keeps it
        # from any grade above that, not from the floor; one under a fairness heading first,
        # where the rule reads before anything said elsewhere
        claims = [u for u in ctx.units if is_boilerplate(u.text) and not negated(u.text)
                  and vocab("fairness_topic").search(u.text)]
        claim = next((u for u in claims if "fairness" in u.kinds), claims[0] if claims else None)
        if claim is not None:
            base = base + [Graded("fairness", "mentioned", claim, claim.kinds)]
        base = base + _section_statements(ctx, base)
        language = _language_results(ctx)
        if language is not None:
            base = base + [Graded("fairness", "mentioned", language, language.kinds)]
        return base
    return ctx.cached("graded:fairness+tables", with_tables)


def privacy_facts(ctx: Context) -> list[Graded]:
    """What the document says about privacy and security. A review or control that is only a
    condition of going live, dated and not said to be met ("the rota DPIA approved by the
    records office by 3 June"), is required, not done: the statement is graded on what it says
    besides."""
    def compute() -> list[Graded]:
        base = graded(ctx, "privacy", privacy_grade, "privacy",
                      lambda title: bool(vocab("privacy_topic").search(title)))
        out = []
        for f in base:
            rest = without_conditions(ctx, f.unit.text) if f.grade != "claim" else None
            out.append(f if rest is None else
                       replace(f, grade=privacy_grade(rest, False) or "claim"))
        return out
    return ctx.cached("graded:privacy+conditions", compute)


def _itself(ctx: Context) -> Graded | None:
    """The document as its own user documentation: its title names a genre written for the
    people who use or are affected by the system (an FAQ for staff, a transparency note, a
    "how we use ..." page). It is complete (``published``) when it tells them specifically
    what the system gets wrong (a failure with its rate, count or share) or how to report a
    problem or reach a person, otherwise it is only a ``limitations`` note: a page that
    reassures without saying what goes wrong or what to do then."""
    titles = [s for s in ctx.doc.sections() if s.title][:2]
    genre = next((s for s in titles if vocab("user_doc_genre").search(s.title)), None)
    if genre is None or not ctx.units:
        return None
    unit = next((u for u in ctx.units if u.section is genre), ctx.units[0])
    specific = any(f.grade == "pattern" for f in failure_statements(ctx)) or any(
        vocab("failure_word").search(u.text) and FIGURE_RE.search(u.text)
        and not vocab("failure_disclaimer").search(u.text)
        for u in substantive_pool(ctx) if not negated(u.text))
    return Graded("user_docs", "published" if specific or _recourse(ctx) else "limitations",
                  unit, unit.kinds | {"user_docs"})


def _recourse(ctx: Context) -> bool:
    """Whether a document for its users says how to contest what the system did: a way to
    complain or report, or a contact for when it is wrong (in one sentence). One written in
    content-free claims reassures, and its "contact us" completes nothing."""
    def compute() -> bool:
        if sum(1 for u in ctx.units if is_boilerplate(u.text)) >= 2:
            return False
        return any(vocab("user_recourse").search(s) or (vocab("user_contact").search(s)
                   and vocab("user_contact_reason").search(s))
                   for u in substantive_pool(ctx) if not negated(u.text)
                   for s in sentences(u.text))
    # asked twice a document (a page for users, release notes): read once
    return ctx.cached("user_docs:recourse", compute)


def _opening(ctx: Context) -> list[str]:
    """The document's first two headings and its first line (a plain-text title is often a
    line the reader does not take for a heading)."""
    first = next((line for line in ctx.doc.lines if line.strip()), "")
    return [s.title for s in ctx.doc.sections() if s.title][:2] + [first]


def _release_notes(ctx: Context) -> Graded | None:
    """Release notes as their readers' documentation: the known issues they list tell users
    the system's limits (a ``limitations`` note), complete (``published``) only when the notes
    also say how a user reports a problem or reaches a person."""
    if not any(vocab("release_notes_genre").search(t) for t in _opening(ctx)):
        return None
    limits = next((u for u in substantive_pool(ctx) if not negated(u.text)
                   and _LIMITS_TITLE.search(u.section.title or "")), None)
    if limits is None:
        return None
    return Graded("user_docs", "published" if _recourse(ctx) else "limitations", limits,
                  limits.kinds | {"user_docs"})


def docs_facts(ctx: Context) -> list[Graded]:
    """What the document says about user documentation; a limitations section addressed to
    users is documentation too, if only weak, and so is a document written for its users."""
    def with_limits() -> list[Graded]:
        base = graded(ctx, "user_docs", docs_grade, "user_docs",
                      lambda title: bool(vocab("user_doc_topic").search(title)))
        base += [f for f in (_itself(ctx), _release_notes(ctx)) if f is not None]
        seen = {f.unit.line for f in base}
        # under a heading that names the documentation, the section is the document: what
        # it is said to be or to cover is read without the document's name in each line
        base += [Graded("user_docs", documented(u.text), u, u.kinds | {"user_docs"})
                 for u in substantive_pool(ctx) if u.line not in seen and u.section.title
                 and _DOCS_TITLE.search(u.section.title) and not negated(u.text)
                 and (vocab("user_doc_state").search(u.text)
                      or vocab("user_doc_covers").search(u.text))]
        seen = {f.unit.line for f in base}
        extra = [Graded("user_docs", "limitations", u, u.kinds)
                 for u in ctx.units
                 if u.line not in seen and _limits_note(u)]
        return base + extra[:1]
    return ctx.cached("graded:user_docs+limits", with_limits)


FAMILIES = {"readiness": "human_review", "fairness": "fairness", "privacy": "privacy",
            "user_docs": "user_docs"}
"""Each family and the section kind that is its own."""
