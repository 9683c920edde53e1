""" "Did you mean": a query with its misspelt words replaced by the words the index knows.

A word is misspelt when no article holds it as typed, or at most `RARE` articles do while a word one
typing error away is `MORE_COMMON` times commoner (a typo that made it into print). Its
replacement is the likeliest word one typing error away, else two (a swapped pair of letters is one
error), among the unstemmed words of the titles and bodies: the noisy-channel choice of Kernighan,
Church and Gale, how often the word occurs times how likely that error is to turn it into what was
typed. Each error is taken as equally likely at each place in the word and with each letter, so
dropping or swapping a given letter (one way to do it) is 25 times likelier than adding or changing
to a given one (one way among 26 letters): ``migt`` is ``might`` rather than the commoner ``mit``.

A query is corrected when it finds fewer than `FEW_RESULTS` articles or holds a word no article
has; a correction of a word some article has is kept only where the query then finds more. The
rest of the query is the context: when the likeliest words find nothing together, the next
likeliest are tried, and a query that finds nothing though its words are all in print may have
one of them replaced by a much commoner neighbour ("Putin Merkle" -> "Putin Merkel").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ..engine import spelling
from ..engine.analysis import fold
from ..engine.schema import spelling_sources

RARE = 3
MORE_COMMON = 20
# A query that finds fewer articles than this gets a "did you mean" when the index knows better words.
FEW_RESULTS = 3
# Words looked at for a correction in one query (each costs lookups and a search): a pasted
# paragraph full of names stays quick.
MAX_DOUBTFUL = 3
# Words tried for a misspelt one when the likeliest finds nothing with the rest of the query.
ALTERNATIVES = 3
LETTERS = 26


def suggest(searcher, builder, text: str, total: int, count: Callable[[str], int]) -> str | None:
    """`text` with its misspelt words corrected, or None when nothing is better. `total` is what
    the query finds as typed and `count` counts what a query text finds. A correction of a word no
    article has is always made (the query found its articles through other words or a shared
    stem, if at all); one of a rare word only where the query then finds more."""
    reader = searcher.reader()
    sources = spelling_sources(searcher.schema)
    doubtful = []  # (start, end, word, how many articles have it)
    for start, end, word in builder.words(text):
        if len(doubtful) == MAX_DOUBTFUL:
            break
        if len(word) < 2 or len(word) > spelling.MAX_WORD_CHARS or any(c.isdigit() for c in word):
            continue  # a single letter, a number or a string of letters: nothing to correct
        if not any((source, word) in reader for source in sources):
            doubtful.append((start, end, word, 0))
        elif total < FEW_RESULTS:  # a rare word may be a typo in print (its count costs more)
            own = _articles(reader, sources, word)
            if own <= RARE:
                doubtful.append((start, end, word, own))
    unknown = any(own == 0 for *_, own in doubtful)
    if total == 0 and not unknown:  # every word is in print, yet together they find nothing
        return _one_word_in_print(reader, sources, builder, text, count)
    if not doubtful or (total >= FEW_RESULTS and not unknown):
        return None
    corrections: list[tuple[int, int, str, int]] = []
    others: dict[int, list[str]] = {}  # the next likeliest words for a correction, by its start
    for start, end, word, own in doubtful:
        found = candidates(reader, sources, word, own)
        if found:
            corrections.append((start, end, _as_typed(found[0], text[start:end]), own))
            others[start] = [_as_typed(w, text[start:end]) for w in found[1:]]
    if not corrections:
        return None
    best = count(_replaced(text, corrections))
    if best <= 0 and any(own > 0 for *_, own in corrections):
        # A word in print taken for a typo ("Göring" -> "going") can spoil the correction of the
        # word no article has ("Eckhardt" -> "Eckardt"): try that one alone.
        corrections = [c for c in corrections if c[3] == 0]
        best = count(_replaced(text, corrections)) if corrections else 0
    if best <= 0:
        corrections, best = _in_context(text, corrections, others, count)
    if best <= 0 and total == 0:
        widened = _one_word_in_print(reader, sources, builder, _replaced(text, corrections), count)
        return widened
    if best <= 0 or (best <= total and not any(own == 0 for *_, own in corrections)):
        return None
    for undone in [c for c in corrections if c[3] > 0]:
        fewer = [c for c in corrections if c != undone]
        if fewer and count(_replaced(text, fewer)) >= best:
            corrections = fewer
    return _replaced(text, corrections)


def _one_word_in_print(
    reader, sources: list[str], builder, text: str, count: Callable[[str], int]
) -> str | None:
    """For a query that finds nothing though its words are in print: one of them replaced by a word
    one error away that is `MORE_COMMON` times commoner, where the query then finds articles
    ("Putin Merkle": "Merkle" is in 116 articles, "Merkel" in thousands)."""
    tried = 0
    for start, end, word in builder.words(text):
        if tried == MAX_DOUBTFUL:
            break
        if len(word) < 3 or len(word) > spelling.MAX_WORD_CHARS or any(c.isdigit() for c in word):
            continue
        own = _articles(reader, sources, word)
        if own == 0:
            continue
        tried += 1
        found = candidates(reader, sources, word, own, 1)
        if found:
            corrected = _replaced(text, [(start, end, _as_typed(found[0], text[start:end]), own)])
            if count(corrected) > 0:
                return corrected
    return None


def _in_context(
    text: str,
    corrections: list[tuple[int, int, str, int]],
    others: dict[int, list[str]],
    count: Callable[[str], int],
) -> tuple[list[tuple[int, int, str, int]], int]:
    """When the likeliest words find nothing together, the next likeliest for one word at a time,
    kept where the query then finds articles: "Goering-Eckardt" is "Göring-Eckardt", though
    "gering" is the commoner word one error from "goering"."""
    for i, (start, end, _word, own) in enumerate(corrections):
        for other in others.get(start, ()):
            tried = [*corrections[:i], (start, end, other, own), *corrections[i + 1 :]]
            found = count(_replaced(text, tried))
            if found > 0:
                return tried, found
    return corrections, 0


def _articles(reader, sources: list[str], word: str) -> int:
    """How many articles hold a (folded) word."""
    return sum(spelling.frequency(reader, source, word) for source in sources)


def candidates(reader, sources: list[str], word: str, own: int, most: int = ALTERNATIVES) -> list[str]:
    """The likeliest words meant by a (folded) word that `own` articles hold, best first: those one
    error away, else two; for a word some articles hold, only much commoner ones one error away."""
    for distance in (1, 2):
        if own and distance > 1:
            return []  # a word in print: only a much commoner word one error away replaces it
        counts: Counter[str] = Counter()
        for source in sources:
            for found, (d, n) in spelling.within(reader, source, word, distance).items():
                if 0 < d <= distance:
                    counts[found] += n
        if counts:
            ranked = sorted(counts, key=lambda w: (counts[w] * channel(w, word), w), reverse=True)
            if own:
                ranked = [w for w in ranked if counts[w] >= MORE_COMMON * own]
            return ranked[:most]
    return []


def channel(meant: str, typed: str) -> float:
    """How likely one typing error turns `meant` into `typed` (up to a constant): the ways it
    can, each a letter dropped (1 in len places), added (1 in len + 1 places times 26 letters),
    changed (1 in len places times 25 letters) or swapped with the next (1 in len - 1 places).
    Words two errors apart all count alike (their candidates are compared by frequency)."""
    n = len(meant)
    if len(typed) == n - 1:
        ways = sum(1 for i in range(n) if meant[:i] + meant[i + 1 :] == typed)
        return ways / n
    if len(typed) == n + 1:
        ways = sum(1 for i in range(n + 1) if typed[:i] + typed[i + 1 :] == meant)
        return ways / ((n + 1) * LETTERS)
    if len(typed) == n and n:
        differ = [i for i in range(n) if meant[i] != typed[i]]
        if len(differ) == 1:
            return 1 / (n * (LETTERS - 1))
        if len(differ) == 2 and differ[1] == differ[0] + 1 and meant[differ[0]] == typed[differ[1]]:
            return 1 / max(1, n - 1)
    return 1.0 / (LETTERS * LETTERS * max(1, n))


def _as_typed(word: str, typed: str) -> str:
    """A (folded, lowercase) word in the letters and case the reader typed, where the two agree
    outside the error: ``Währeny`` -> ``Während``, ``Bidn`` -> ``Biden``, ``NATA`` -> ``NATO``."""
    head = 0
    while head < min(len(word), len(typed)) and fold(typed[head]) == word[head]:
        head += 1
    tail = 0
    while tail < min(len(word), len(typed)) - head and fold(typed[-1 - tail]) == word[-1 - tail]:
        tail += 1
    letters = typed[:head] + word[head : len(word) - tail] + (typed[len(typed) - tail :] if tail else "")
    if typed.isupper() and len(typed) > 1:
        return letters.upper()
    if typed[:1].isupper():
        return letters[:1].upper() + letters[1:]
    return letters


def _replaced(text: str, replacements: list[tuple[int, int, str, int]]) -> str:
    pieces: list[str] = []
    last = 0
    for start, end, word, _own in sorted(replacements):
        pieces += [text[last:start], word]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
