"""C04: a baseline word counts as a comparator named without its figure only where it can
name one: in a section reporting results, or as a word for the old way of working."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document


def status(text: str, code: str) -> str:
    item = review_document(read_text(text, "x.md", "markdown")).item(code)
    assert item is not None
    return item.status


CARD = ("# Kiln scheduler: model card\n\n## Overview\n\n{overview}\n\n"
        "## Evaluation\n\nThe scheduler was tried on 300 firing plans drawn from last winter; "
        "two potters checked each plan by hand.\n")


@pytest.mark.parametrize("overview", [
    "Kiln scheduler v2.1 orders the week's firings for the pottery's three kilns.",
    "The scheduler orders firings against the kiln's cooling curve for the studio's potters.",
])
def test_a_version_or_a_preposition_describing_the_system_names_no_baseline(
        overview: str) -> None:
    assert status(CARD.format(overview=overview), "C04") == "missing"


@pytest.mark.parametrize("overview", [
    "Unlike its predecessor, the kiln scheduler also plans the glaze firings for the potters.",
    "The scheduler wastes less gas than the previous paper rota, the potters say.",
])
def test_a_word_for_the_old_way_names_a_baseline_in_any_section(overview: str) -> None:
    assert status(CARD.format(overview=overview), "C04") == "weak"


def test_a_version_beside_results_still_names_a_baseline() -> None:
    text = CARD.format(overview="The scheduler orders the week's firings.") + \
        "\nFewer plans needed a change than with v1.\n"
    assert status(text, "C04") == "weak"
