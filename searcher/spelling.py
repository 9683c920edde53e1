"""Words within a few edits of a typed word, for "did you mean" and fuzzy queries (``krasnr~``).

Over an index of several segments, Whoosh's `terms_within` computes the Damerau-Levenshtein distance
from the typed word to each word of the field, in Python: seconds for 200,000 words. A segment's own
`terms_within` walks a Levenshtein automaton over its term table, but every step is a binary search
on disk: still hundreds of milliseconds. Here the field's words are read once per open reader (about
a second for 200,000 words, kept while the reader lives) into one sorted list, and the automaton is
walked over it in memory. Levenshtein counts a swap of two letters as two edits where Damerau counts
one, so the swapped forms of the word are walked as well, with one edit fewer. Every candidate is
then checked with Whoosh's own distance: the words found are the ones Whoosh's scan finds.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.support.levenshtein import distance

_WORDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def terms_within(reader, fieldname: str, text: str, maxdist: int, prefix: int = 0) -> list[str]:
    """The words of `fieldname` within `maxdist` Damerau-Levenshtein edits of `text` that start
    with its first `prefix` letters: Whoosh's `IndexReader.terms_within`, sorted."""
    words = _field_words(reader, fieldname)
    if not words:
        return []
    found: set[str] = set()
    _gather(words, text, maxdist, prefix, found)
    start = text[:prefix]
    return sorted(
        word for word in found if word.startswith(start) and distance(word, text, limit=maxdist) <= maxdist
    )


def _gather(words: list[str], text: str, maxdist: int, prefix: int, found: set[str]) -> None:
    """A superset of the words within `maxdist` Damerau edits of `text`: those within `maxdist`
    Levenshtein edits, and, for each swap of two neighbouring letters (one Damerau edit), those
    within one edit fewer of the swapped form."""
    _walk(words, text, maxdist, prefix, found)
    if maxdist >= 1:
        for swapped in _swaps(text, prefix):
            _gather(words, swapped, maxdist - 1, prefix, found)


def _swaps(text: str, prefix: int) -> list[str]:
    """`text` with two neighbouring letters swapped, each way that changes it (the first `prefix`
    letters stay)."""
    return [
        text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        for i in range(prefix, len(text) - 1)
        if text[i] != text[i + 1]
    ]


def _walk(words: list[str], text: str, maxdist: int, prefix: int, found: set[str]) -> None:
    """Add the words within `maxdist` Levenshtein edits of `text` (automaton over the sorted list)."""
    if maxdist == 0:
        i = bisect_left(words, text)
        if i < len(words) and words[i] == text:
            found.add(text)
        return
    dfa = levenshtein_automaton(text, maxdist, min(prefix, len(text))).to_dfa()
    count = len(words)

    def first_at_or_after(key: str) -> str | None:
        i = bisect_left(words, key)
        return words[i] if i < count else None

    found.update(find_all_matches(dfa, first_at_or_after))


def _field_words(reader, fieldname: str) -> list[str]:
    """Every word of the field in the reader's segments, sorted; read once per reader."""
    try:
        cached = _WORDS.setdefault(reader, {})
    except TypeError:  # a reader that takes no weak reference: read each time
        cached = {}
    words = cached.get(fieldname)
    if words is None:
        if fieldname not in reader.schema:
            return []
        field = reader.schema[fieldname]
        segments = getattr(reader, "readers", None) or [reader]
        merged: set[bytes] = set()
        for segment in segments:
            merged.update(segment.lexicon(fieldname))
        words = cached[fieldname] = sorted(field.from_bytes(b) for b in merged)
    return words
