"""The index's word lists: words by prefix, by pattern and within a few typing errors, with how
many articles use each.

"Did you mean", fuzzy words (``krasnr~``) and wildcards (``prosecut*``) read the unstemmed word
lists of the prose fields (Whoosh's spelling fields) and the terms of the name fields. Whoosh reads
a word list a term at a time through several layers (about 4 µs a word: most of a second for the
187,000 words of 105,000 news articles) and its own `terms_within` walks an automaton with a file
seek per step (a second or more over four segments). Here a word list's stretch of a segment's term
table is read in one piece and its entries parsed in place (`_entries`), and:

- words with a prefix come from that prefix's stretch alone;
- words one edit away come from looking up each one-edit variant of the typed word (a few
  hundred lookups);
- words two edits away come from a Levenshtein automaton walked over the whole list held in
  memory (read once per open reader).

Distances are Damerau-Levenshtein (optimal string alignment): a swap of two neighbouring letters is
one edit, as it is one typing error. A word longer than `MAX_WORD_CHARS` is looked up only as it is
(its variants would be thousands of long strings, and no misspelt word is that long).
"""

from __future__ import annotations

import fnmatch
import re
import struct
import weakref
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.system import pack_ushort

from . import budget

MAX_EDITS = 2
# Longer words have no near words: "did you mean" and fuzzy words (``word~``) take them as typed.
MAX_WORD_CHARS = 64
# Letters a one-edit variant may add or change: the word lists hold folded, lowercased words.
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789'"

_LENGTHS = struct.Struct("!ii")  # a term table entry: key length, value length
_WEIGHT = struct.Struct("!f")  # a term's total weight, at byte 1 of its W3TermInfo
_WORDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Unreadable(Exception):
    """A segment's term table is not laid out as this module reads it (not a Whoosh 3 segment)."""


def prefixed(reader, fieldname: str, prefix: str) -> dict[str, int]:
    """The words of a field starting with `prefix`, each with how often it occurs (for a
    spelling field: in how many articles)."""
    found: dict[str, int] = {}
    for segment in _segments(reader):
        try:
            entries = list(_entries(segment, fieldname, prefix.encode("utf-8")))
        except Unreadable:
            entries = [
                (t.decode("utf-8"), int(i.weight())) for t, i in _slow_items(segment, fieldname, prefix)
            ]
        for word, weight in entries:
            found[word] = found.get(word, 0) + weight
    return found


def matching(reader, fieldname: str, pattern: str, literal: str) -> dict[str, int]:
    """The words of a field matching a wildcard pattern (``*``, ``?``) whose literal start is
    `literal`, with how often each occurs."""
    test = re.compile(fnmatch.translate(pattern), re.DOTALL).match
    return {word: n for word, n in prefixed(reader, fieldname, literal).items() if test(word)}


def frequency(reader, fieldname: str, word: str) -> int:
    """How often a word occurs in a field's word list (0: not there)."""
    if fieldname not in reader.schema:
        return 0
    try:
        return int(reader.frequency(fieldname, word))
    except (KeyError, ValueError):
        return 0


def within(reader, fieldname: str, word: str, maxdist: int) -> dict[str, tuple[int, int]]:
    """The words of a field within `maxdist` edits of `word` (at most `MAX_EDITS`), each with its
    distance and how often it occurs. One-edit variants that keep the first letter are looked up
    among the words with that letter (one read), the others one by one; farther words are found
    in the whole list, held in memory."""
    maxdist = max(0, min(maxdist, MAX_EDITS)) if len(word) <= MAX_WORD_CHARS else 0
    own = frequency(reader, fieldname, word)
    found = {word: (0, own)} if own else {}
    if maxdist == 0:
        return found
    # A word with a letter outside ALPHABET (another script) may have neighbours the variants
    # cannot spell (москвы: москва): the automaton below finds those.
    if maxdist == 1 and all(c in ALPHABET for c in word):
        first = word[:1]
        same_start = prefixed(reader, fieldname, first) if first else {}
        for variant in budget.checked(edits1(word)):
            count = (
                same_start.get(variant, 0) if variant[:1] == first else frequency(reader, fieldname, variant)
            )
            if count:
                found[variant] = (1, count)
        return found
    candidates: set[str] = set()
    _gather(field_words(reader, fieldname), word, maxdist, candidates)
    for candidate in budget.checked(candidates, every=256):
        distance = osa_distance(candidate, word, maxdist)
        if 0 < distance <= maxdist:
            found[candidate] = (distance, frequency(reader, fieldname, candidate))
    return found


def edits1(word: str) -> set[str]:
    """Every string one edit from `word`: a letter dropped, swapped with the next, changed or
    added (letters of `ALPHABET`)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1 and b[0] != b[1])
    out.update(a + c + b[1:] for a, b in splits if b for c in ALPHABET if c != b[0])
    out.update(a + c + b for a, b in splits for c in ALPHABET)
    out.discard(word)
    out.discard("")
    return out


def osa_distance(a: str, b: str, limit: int = 99) -> int:
    """Damerau-Levenshtein distance (optimal string alignment) between two words; any value
    above `limit` once it is sure to exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = current[j - 1] + 1
            cost = min(cost, previous[j] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def field_words(reader, fieldname: str) -> list[str]:
    """Every word of the field in the reader's segments, sorted; read once per reader."""
    try:
        cached = _WORDS.setdefault(reader, {})
    except TypeError:  # a reader that takes no weak reference: read each time
        cached = {}
    words = cached.get(fieldname)
    if words is None:
        merged: set[str] = set()
        for segment in _segments(reader):
            try:
                merged.update(_words(segment, fieldname))
            except Unreadable:
                merged.update(t.decode("utf-8") for t, _ in _slow_items(segment, fieldname, ""))
        words = cached[fieldname] = sorted(merged)
    return words


def _gather(words: list[str], text: str, maxdist: int, found: set[str]) -> None:
    """A superset of the words within `maxdist` Damerau edits of `text`: those within `maxdist`
    Levenshtein edits, and, for each swap of two neighbouring letters (one Damerau edit), those
    within one edit fewer of the swapped form."""
    _walk(words, text, maxdist, found)
    if maxdist >= 1:
        for i in range(len(text) - 1):
            if text[i] != text[i + 1]:
                swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
                _gather(words, swapped, maxdist - 1, found)


def _walk(words: list[str], text: str, maxdist: int, found: set[str]) -> None:
    """Add the words within `maxdist` Levenshtein edits of `text` (automaton over the sorted list)."""
    if maxdist == 0:
        i = bisect_left(words, text)
        if i < len(words) and words[i] == text:
            found.add(text)
        return
    budget.check()
    dfa = levenshtein_automaton(text, maxdist, 0).to_dfa()
    count = len(words)
    steps = 0

    def first_at_or_after(key: str) -> str | None:
        nonlocal steps
        steps += 1
        if steps % budget.CHECK_EVERY == 0:
            budget.check()
        i = bisect_left(words, key)
        return words[i] if i < count else None

    found.update(find_all_matches(dfa, first_at_or_after))


# -- reading a segment's term table ---------------------------------------------------------------


def _segments(reader) -> list:
    return getattr(reader, "readers", None) or [reader]


def _entries(segment, fieldname: str, prefix: bytes) -> Iterator[tuple[str, int]]:
    """(word, weight) of a field's terms that start with `prefix`, in order."""
    data, places = _stretch(segment, fieldname, prefix)
    unpack_weight = _WEIGHT.unpack_from
    for word, (_, value_at) in zip(_decoded(data, places), places, strict=True):
        yield word, int(unpack_weight(data, value_at + 1)[0])


def _words(segment, fieldname: str) -> list[str]:
    """A field's terms, in order, decoded in one call."""
    data, places = _stretch(segment, fieldname, b"")
    return _decoded(data, places)


def _stretch(segment, fieldname: str, prefix: bytes) -> tuple[bytes, list[tuple[int, int]]]:
    """The stretch of a segment's term table that holds a field's terms starting with `prefix`,
    read in one piece, and where each term (less its field number) and its value start in it."""
    try:
        terms = segment._terms
        table = terms._tindex
        number = terms._fieldmap.get(fieldname)
    except AttributeError:
        raise Unreadable(fieldname) from None
    if number is None:
        return b"", []
    low = pack_ushort(number) + prefix
    start = table.closest_key_pos(low)
    if start is None:
        return b"", []
    high = _after_prefix(low)
    end = table.closest_key_pos(high) if high is not None else None
    if end is None:
        end = table.endofdata
    data = table.dbfile.get(start, end - start)
    places: list[tuple[int, int]] = []
    add = places.append
    unpack_lengths = _LENGTHS.unpack_from
    head = _LENGTHS.size + 2  # the entry's lengths, then the key's field number
    at, stop = 0, len(data)
    while at < stop:
        keylength, valuelength = unpack_lengths(data, at)
        value_at = at + _LENGTHS.size + keylength
        add((at + head, value_at))
        at = value_at + valuelength
    return data, places


def _decoded(data: bytes, places: list[tuple[int, int]]) -> list[str]:
    """The terms at `places`, decoded in one call (a word holds no newline)."""
    if not places:
        return []
    return b"\n".join([data[a:b] for a, b in places]).decode("utf-8").split("\n")


def _after_prefix(prefix: bytes) -> bytes | None:
    """The smallest key that sorts after every key starting with `prefix` (None: none does)."""
    trimmed = prefix.rstrip(b"\xff")
    if not trimmed:
        return None
    return trimmed[:-1] + bytes([trimmed[-1] + 1])


def _slow_items(segment, fieldname: str, prefix: str) -> Iterable:
    """Whoosh's own reading of the terms that start with `prefix`, for a segment of another kind."""
    if fieldname not in segment.schema:
        return []
    return segment.iter_prefix(fieldname, prefix.encode("utf-8"))
