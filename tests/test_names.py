"""The forms of a person's name in an article, and matching a name however it was written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher.engine.names import name_matches, name_tokens, name_variants

BODY = (
    "When Larry Krasner won the primary, few expected it. District Attorney Lawrence S. Krasner "
    'said on Monday that Lawrence "Larry" Krasner, as friends call him, would not change. '
    "Krasner said more later."
)


def test_variants_include_longer_forms_and_nicknames() -> None:
    variants = name_variants("Larry Krasner", BODY)
    assert "Larry Krasner" in variants
    assert "Lawrence Krasner" in variants  # from the nickname form
    assert any("Lawrence S. Krasner" in v for v in variants)


def test_sentence_words_are_not_part_of_a_name() -> None:
    assert not any(v.startswith("When") for v in name_variants("Larry Krasner", BODY))


def test_a_single_word_name_has_only_itself() -> None:
    assert name_variants("Reuters", BODY) == {"Reuters"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("krasner", True),
        ("Larry Krasner", True),
        ("LAWRENCE KRASNER", True),
        ("lawrence s krasner", True),
        ("Ben Krasner", False),
        ("Larry", True),
        ("", False),
    ],
)
def test_name_matches_any_variant(query: str, expected: bool) -> None:
    assert name_matches(query, name_variants("Larry Krasner", BODY)) is expected


def test_accents_and_case_do_not_matter() -> None:
    assert name_matches("jose nunez", ["José Núñez"])
    assert name_tokens("José M. Núñez") == ["jose", "nunez"]


@given(st.text(max_size=40), st.text(max_size=300))
def test_variants_never_raise_and_keep_the_name(name: str, body: str) -> None:
    variants = name_variants(name, body)
    assert name in variants
    if name_tokens(name):
        assert name_matches(name, variants)
