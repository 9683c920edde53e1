"""The index's word lists: words by prefix, by pattern and within a few edits, read from the term
table directly and held to what Whoosh's own reading finds."""

from __future__ import annotations

import fnmatch

from conftest import RamStorage
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields
from whoosh.analysis import RegexTokenizer

from searcher.engine import spelling

LEXICON = st.lists(st.text(alphabet="abcde", min_size=1, max_size=6), min_size=1, max_size=60)


def _reader(lexicon: list[str]):
    """A reader over two segments holding the words of `lexicon` (a spelling word list)."""
    schema = fields.Schema(body=fields.TEXT(analyzer=RegexTokenizer(), spelling=True))
    ix = RamStorage().create_index(schema)
    half = len(lexicon) // 2
    for part in (lexicon[:half], lexicon[half:]):
        writer = ix.writer()
        writer.add_document(body=" ".join(part) or "x")
        writer.commit(merge=False)
    return ix.reader()


@settings(max_examples=80)
@given(
    lexicon=LEXICON,
    word=st.text(alphabet="abcdef", min_size=0, max_size=6),
    maxdist=st.integers(min_value=0, max_value=2),
)
def test_words_within_are_those_whooshs_scan_finds(lexicon, word, maxdist) -> None:
    """One edit by looking variants up, two by the automaton over the list in memory: exactly the
    words Whoosh's Damerau-Levenshtein scan over every word finds, with their distances."""
    with _reader(lexicon) as reader:
        expected = set(reader.terms_within("body", word, maxdist)) if maxdist else set()
        if maxdist == 0 and word in set(" ".join(lexicon).split()):
            expected = {word}
        found = spelling.within(reader, "body", word, maxdist)
        assert set(found) == expected
        assert all(found[w] == (spelling.osa_distance(w, word), reader.frequency("body", w)) for w in found)


@settings(max_examples=80)
@given(lexicon=LEXICON, pattern=st.text(alphabet="abcf*?", min_size=1, max_size=5))
def test_words_by_prefix_and_pattern_are_whooshs_words(lexicon, pattern) -> None:
    with _reader(lexicon) as reader:
        words = {t.decode() for t in reader.lexicon("body")}
        literal = pattern[: min((i for i, c in enumerate(pattern) if c in "*?"), default=len(pattern))]
        prefixed = spelling.prefixed(reader, "body", literal)
        assert set(prefixed) == {w for w in words if w.startswith(literal)}
        assert all(prefixed[w] == reader.frequency("body", w) for w in prefixed)
        matching = spelling.matching(reader, "body", pattern, literal)
        assert set(matching) == {w for w in words if fnmatch.fnmatchcase(w, pattern)}
        assert spelling.field_words(reader, "body") == sorted(words)


def test_edits_are_one_typing_error_away() -> None:
    variants = spelling.edits1("isreal")
    assert {"israel", "isral", "isreall", "ireal"} <= variants
    assert "isreal" not in variants
    assert all(spelling.osa_distance(v, "isreal") == 1 for v in variants)
    assert spelling.osa_distance("isreal", "israel") == 1  # a swap is one edit
    assert spelling.osa_distance("bidn", "biden") == 1
    assert spelling.osa_distance("kitten", "sitting") == 3


@given(st.text(alphabet="abcé", max_size=7), st.text(alphabet="abcé", max_size=7))
def test_distance_is_symmetric_and_zero_only_for_the_same_word(a: str, b: str) -> None:
    assert spelling.osa_distance(a, b) == spelling.osa_distance(b, a)
    assert (spelling.osa_distance(a, b) == 0) == (a == b)
    assert spelling.osa_distance(a, b) <= max(len(a), len(b))


@given(st.text(alphabet="abc", max_size=8), st.text(alphabet="abc", max_size=8), st.integers(0, 3))
def test_a_limited_distance_is_exact_up_to_the_limit(a: str, b: str, limit: int) -> None:
    full = spelling.osa_distance(a, b)
    limited = spelling.osa_distance(a, b, limit)
    assert limited == full if full <= limit else limited > limit


def test_edits_of_a_short_word_hold_no_empty_word() -> None:
    assert spelling.edits1("") == set(spelling.ALPHABET)
    assert "" not in spelling.edits1("a") and "b" in spelling.edits1("a")


def test_unicode_words_are_found_by_prefix_and_within_edits() -> None:
    with _reader(["zürich", "zurich", "zündung", "東京", "東京都"]) as reader:
        assert set(spelling.prefixed(reader, "body", "zü")) == {"zürich", "zündung"}
        assert set(spelling.prefixed(reader, "body", "東")) == {"東京", "東京都"}
        assert set(spelling.within(reader, "body", "zurich", 2)) == {"zurich", "zürich"}
        assert set(spelling.within(reader, "body", "東京", 2)) == {"東京", "東京都"}


def test_a_field_the_index_lacks_has_no_words() -> None:
    with _reader(["harbor"]) as reader:
        assert spelling.frequency(reader, "title", "harbor") == 0
        assert spelling.prefixed(reader, "title", "") == {}
        assert spelling.within(reader, "title", "harbor", 2) == {}
        assert spelling.field_words(reader, "title") == []


def test_the_distance_asked_is_held_to_zero_to_max_edits() -> None:
    with _reader(["harbor", "harb", "har"]) as reader:
        assert set(spelling.within(reader, "body", "harbor", 9)) == {"harbor", "harb"}
        assert spelling.within(reader, "body", "harbor", -1) == {"harbor": (0, 1)}


def test_a_word_longer_than_max_word_chars_is_looked_up_only_as_it_is() -> None:
    long = "a" * (spelling.MAX_WORD_CHARS + 1)
    with _reader([long, long[:-1], long + "b"]) as reader:
        assert spelling.within(reader, "body", long, 2) == {long: (0, 1)}
        assert set(spelling.within(reader, "body", long[:-1], 1)) == {long[:-1], long}


def test_a_word_of_another_script_finds_its_one_edit_neighbours() -> None:
    """One-edit variants change letters of ALPHABET only: москвы~1 found no москва, though ~2 did."""
    with _reader(["москва", "θαλασσα", "東京都", "harbor"]) as reader:
        assert spelling.within(reader, "body", "москвы", 1) == {"москва": (1, 1)}
        assert spelling.within(reader, "body", "θαλασσb", 1) == {"θαλασσα": (1, 1)}
        assert spelling.within(reader, "body", "東京", 1) == {"東京都": (1, 1)}
        assert spelling.within(reader, "body", "harbr", 1) == {"harbor": (1, 1)}
