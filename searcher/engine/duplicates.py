"""Near-duplicate articles: the same story republished with small edits.

Each body becomes a bottom-k sketch: the k smallest hashes of its word 5-shingles. Two sketches
estimate the Jaccard similarity of the shingle sets (Broder's bottom-k estimator). The few
smallest hashes also serve as keys: near-duplicates share their smallest shingles with high
probability, so candidates come from a key lookup instead of comparing every pair of bodies.
Standard library only; crc32 keeps hashes stable across processes (unlike `hash`).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from itertools import compress
from operator import and_

from .analysis import surface_words
from .lookups import cached_values

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
KEY_COUNT = 8
# Estimated Jaccard similarity of 5-shingles at which two bodies count as the same story.
THRESHOLD = 0.6
# Bodies shorter than this many words are too short to tell a copy from a coincidence.
MIN_WORDS = 25


def sketch(body: str, words: list[str] | None = None) -> list[int]:
    """The sorted bottom-k shingle hashes of `body` (empty for a body too short to judge).

    `words` are the body's printed words, lowercased (`analysis.surface_words`), when the caller
    has them already (the index writer does).

    A shingle's hash leads with its first word's rank (`_RANK_BITS` bits), so the k smallest come
    from the shingles that start with the lowest-ranked words, and only those are hashed whole: the
    shingles whose first word ranks below a bound that expects `_CANDIDATES` of them, and more in
    the rare text too repetitive for that. Any fixed order of shingles by their content gives a
    valid bottom-k sample; this one costs a lookup per word and a hash per candidate.
    """
    if words is None:
        words = surface_words(body)
    if len(words) < MIN_WORDS:
        return []
    span = SHINGLE_WORDS
    count = len(words) - span + 1
    firsts = _ranks(words[:count])
    hashes: set[int] = set()
    low, high = 0, max(1, (_CANDIDATES << _RANK_BITS) // count)
    while len(hashes) < SKETCH_SIZE and low < 1 << _RANK_BITS:
        chosen = map(high.__gt__, firsts)
        if low:
            chosen = map(and_, chosen, map(low.__le__, firsts))
        for i in compress(range(count), chosen):
            shingle = " ".join(words[i : i + span]).encode("utf-8")
            hashes.add(firsts[i] << _LOW_BITS | zlib.crc32(shingle) >> _RANK_BITS)
        low, high = high, high * 2
    return sorted(hashes)[:SKETCH_SIZE]


_CANDIDATES = 96
_RANK_BITS = 16
_LOW_BITS = 32 - _RANK_BITS
# Lowercased word -> its rank: the top bits of its crc32 (stable across processes, unlike `hash`).
_RANKS: dict[str, int] = {}
_RANK_CACHE_LIMIT = 400_000


def _ranks(words: list[str]) -> list[int]:
    ranks = _RANKS
    if len(ranks) > _RANK_CACHE_LIMIT:
        ranks.clear()
    return cached_values(ranks, words, _rank)


def _rank(word: str) -> int:
    return zlib.crc32(word.encode("utf-8")) >> _LOW_BITS


def keys(signature: Sequence[int]) -> Sequence[int]:
    """The hashes that find candidates: the few smallest."""
    return signature[:KEY_COUNT]


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a).union(b))[:SKETCH_SIZE]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def same_story(a: Sequence[int], b: Sequence[int]) -> bool:
    if not a or not b:
        return False
    # Quick rejection (most candidates share one boilerplate hash): the estimate counts only
    # hashes in both sketches, out of at least min(len(a), len(b)).
    if len(set(a).intersection(b)) < THRESHOLD * min(len(a), len(b)):
        return False
    return similarity(a, b) >= THRESHOLD
