"""Vocabularies and labels shared with the database and the screening UI."""

from __future__ import annotations

import pytest

from dnclinic.clinical import vocab


@pytest.mark.parametrize(
    "codes",
    [
        vocab.REGIONS,
        vocab.CHRONICITIES,
        vocab.TAGS,
        vocab.RED_FLAGS,
        vocab.CONTRAINDICATIONS,
        vocab.PRECAUTIONS,
        vocab.SIDES,
        vocab.VERDICTS,
    ],
)
def test_every_code_has_a_written_label(codes: tuple[str, ...]) -> None:
    assert len(codes) == len(set(codes))
    for code in codes:
        assert vocab.has_label(code)
        assert vocab.label(code)[0].isupper()


def test_vocabulary_sizes_match_the_decision_rules() -> None:
    assert len(vocab.REGIONS) == 11
    assert len(vocab.TAGS) == 7
    assert len(vocab.RED_FLAGS) == 7
    assert len(vocab.CONTRAINDICATIONS) == 7
    assert len(vocab.PRECAUTIONS) == 10
    assert len(vocab.VERDICTS) == 7


def test_unknown_codes_still_get_a_label() -> None:
    assert vocab.label("some_new_code") == "Some new code"
    assert vocab.label("pelvis_sacroiliac") == "Pelvis and sacroiliac joint"
