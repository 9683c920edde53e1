"""Near-duplicate articles: the same story republished with small edits.

Each body becomes a bottom-k sketch: the k smallest hashes of its word 5-shingles. Two sketches
estimate the Jaccard similarity of the shingle sets (Broder's bottom-k estimator). The few
smallest hashes also serve as index keys: near-duplicates share their smallest shingles with high
probability, so candidates come from a term lookup instead of comparing every pair of bodies.
Standard library only; crc32 keeps hashes stable across processes (unlike `hash`).
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Sequence

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
KEY_COUNT = 8
# Estimated Jaccard similarity of 5-shingles at which two bodies count as the same story.
THRESHOLD = 0.6
# Bodies shorter than this many words are too short to tell a copy from a coincidence.
MIN_WORDS = 25

_WORD = re.compile(r"\w+")


def sketch(body: str) -> list[int]:
    """The sorted bottom-k shingle hashes of `body` (empty for a body too short to judge)."""
    words = _WORD.findall(body.lower())
    if len(words) < MIN_WORDS:
        return []
    hashes = {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    return heapq.nsmallest(SKETCH_SIZE, hashes)


def keys(signature: Sequence[int]) -> list[str]:
    """Index terms for finding candidates: the few smallest hashes, as text."""
    return [f"{h:08x}" for h in signature[:KEY_COUNT]]


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def same_story(a: Sequence[int], b: Sequence[int]) -> bool:
    return similarity(a, b) >= THRESHOLD
