"""The index's word lists: words by prefix, by pattern and within a few edits, read from the term
table directly and held to what Whoosh's own reading finds."""

from __future__ import annotations

import fnmatch

from conftest import RamStorage
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields
from whoosh.analysis import RegexTokenizer

from searcher import spelling

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
