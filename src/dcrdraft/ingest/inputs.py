"""Review what an inputs file (YAML or JSON with a top-level ``system:`` key) would draft.

The inputs are validated, drafted to Markdown by the template engine and parsed as Markdown;
line numbers and ``Document.lines`` refer to that drafted Markdown, and ``Document.origin``
maps each of its lines to the line of the inputs file it came from (reports use the latter).
"""

from __future__ import annotations

from dcrdraft.analysis.core import analyse
from dcrdraft.draft import render_markdown
from dcrdraft.draft.provenance import line_map
from dcrdraft.errors import InputError, ReadError
from dcrdraft.ingest.document import Document
from dcrdraft.ingest.markdown import parse_markdown
from dcrdraft.inputs.loader import MAX_INPUT_BYTES, load_text, parse_text


def _first_problem(exc: InputError) -> str:
    if not exc.problems:
        return exc.message.splitlines()[0] if exc.message else "invalid"
    more = len(exc.problems) - 1
    return str(exc.problems[0]) + (f" (and {more} more)" if more else "")


def parse_inputs(text: str, path: str) -> Document:
    """Draft the inputs in ``text`` and parse the draft, or ReadError if they are not inputs."""
    if len(text) > MAX_INPUT_BYTES:
        raise ReadError(f"{path}: larger than the {MAX_INPUT_BYTES // (1024 * 1024)} MB limit "
                        "for an inputs file")
    try:
        data = parse_text(text, path)
    except InputError as exc:
        refused = bool(exc.problems) and exc.problems[0].message.startswith("refused:")
        what = "invalid dcrdraft inputs" if refused else "not a dcrdraft inputs file"
        raise ReadError(f"{what}: {_first_problem(exc)}") from None
    if not isinstance(data, dict) or "system" not in data:
        raise ReadError(f"{path}: not a dcrdraft inputs file (no top-level 'system:' key)")
    try:
        inputs = load_text(text, path)
    except InputError as exc:
        raise ReadError(f"invalid dcrdraft inputs: {_first_problem(exc)}") from None

    analysis = analyse(inputs)
    doc = parse_markdown(render_markdown(analysis), path, "inputs")
    doc.origin = line_map(data, analysis, doc.lines)
    return doc
