""" "Did you mean": a query with its misspelt words replaced by the words the index knows.

A word is misspelt when the index does not know it, or knows it from at most `RARE` articles while
a word one edit away is `MORE_COMMON` times commoner (a typo that made it into print). Its
replacement is the commonest word one edit away, else two (Damerau edits: a swapped pair of letters
is one typing error), looked up in the unstemmed word lists of the title and the body. On one-edit
typos of words found in 20 or more articles, the commonest word one edit away is the word meant
far more often than the closest by any other measure (`scripts/eval_findability.py`).

A query is corrected where that makes it find more articles, and only in the words that make it
find more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from . import spelling
from .schema import spelling_sources

RARE = 3
MORE_COMMON = 20
# Words looked at for a correction in one query (each costs lookups and a search): a pasted
# paragraph full of names stays quick.
MAX_DOUBTFUL = 3


def suggest(searcher, builder, text: str, total: int, count: Callable[[str], int]) -> str | None:
    """`text` with its misspelt words corrected, if that finds more than `total` articles (`count`
    counts what a query text finds); each correction is then kept only where it helps: undone when
    the query finds as many without it. None when nothing is better."""
    reader = searcher.reader()
    sources = spelling_sources(searcher.schema)
    corrections: list[tuple[int, int, str]] = []
    doubtful = 0
    for start, end, word in builder.words(text):
        if doubtful == MAX_DOUBTFUL:
            break
        if not _doubtful(reader, sources, word):
            continue
        doubtful += 1
        replacement = correction(reader, sources, word)
        if replacement is not None:
            corrections.append((start, end, _cased(replacement, text[start:end])))
    if not corrections:
        return None
    best = count(_replaced(text, corrections))
    if best <= total:
        return None
    for undone in list(corrections):
        fewer = [c for c in corrections if c != undone]
        if fewer and count(_replaced(text, fewer)) >= best:
            corrections = fewer
    return _replaced(text, corrections)


def _doubtful(reader, sources: list[str], word: str) -> bool:
    """Whether a (folded) word may be misspelt: unknown or rare, a word of letters."""
    if len(word) < 2 or any(c.isdigit() for c in word):
        return False
    return sum(spelling.frequency(reader, source, word) for source in sources) <= RARE


def correction(reader, sources: list[str], word: str) -> str | None:
    """The word meant by a (folded) word, or None when it looks right or nothing is close."""
    if not _doubtful(reader, sources, word):
        return None
    own = sum(spelling.frequency(reader, source, word) for source in sources)
    for distance in (1, 2):
        if own and distance > 1:
            return None  # a known word: only a commoner word one edit away replaces it
        counts: Counter[str] = Counter()
        for source in sources:
            for found, (d, n) in spelling.within(reader, source, word, distance).items():
                if 0 < d <= distance:
                    counts[found] += n
        if counts:
            best = min(counts, key=lambda w: (-counts[w], w))
            if own and counts[best] < MORE_COMMON * own:
                return None
            return best
    return None


def _cased(word: str, typed: str) -> str:
    """`word` in the case the reader typed: ``Bidn`` -> ``Biden``, ``NATA`` -> ``NATO``."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _replaced(text: str, replacements: list[tuple[int, int, str]]) -> str:
    pieces: list[str] = []
    last = 0
    for start, end, word in sorted(replacements):
        pieces += [text[last:start], word]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
