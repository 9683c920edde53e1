"""Near-duplicate articles: the same story republished with small edits.

Each body becomes a bottom-k sketch: the k smallest hashes of its word 5-shingles. Two sketches
estimate the Jaccard similarity of the shingle sets (Broder's bottom-k estimator). The few
smallest hashes also serve as keys: near-duplicates share their smallest shingles with high
probability, so candidates come from a key lookup instead of comparing every pair of bodies.
Standard library only; crc32 keeps hashes stable across processes (unlike `hash`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from itertools import accumulate

from .analysis import WORDS

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
KEY_COUNT = 8
# Estimated Jaccard similarity of 5-shingles at which two bodies count as the same story.
THRESHOLD = 0.6
# Bodies shorter than this many words are too short to tell a copy from a coincidence.
MIN_WORDS = 25

_WORD = re.compile(WORDS)


def sketch(body: str, words: list[str] | None = None) -> list[int]:
    """The sorted bottom-k shingle hashes of `body` (empty for a body too short to judge).

    `words` are the body's lowercased words as `analysis.WORDS` splits them, when the caller
    has them already (the index writer does)."""
    if words is None:
        words = _WORD.findall(body.lower())
    if len(words) < MIN_WORDS:
        return []
    span = SHINGLE_WORDS
    joined = " ".join(words)
    if joined.isascii():
        # Each shingle is a slice of the joined words: one crc32 over bytes, no join per shingle.
        data = joined.encode("ascii")
        starts = list(accumulate((len(w) + 1 for w in words), initial=0))
        crc32 = zlib.crc32
        hashes = {crc32(data[starts[i] : starts[i + span] - 1]) for i in range(len(words) - span + 1)}
    else:
        hashes = {
            zlib.crc32(" ".join(words[i : i + span]).encode("utf-8")) for i in range(len(words) - span + 1)
        }
    return sorted(hashes)[:SKETCH_SIZE]


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
