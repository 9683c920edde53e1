"""How articles are ranked: BM25 with the Robertson/Lucene idf, per field, fields weighted linearly.

Whoosh's default idf, ``log(N / (df + 1)) + 1``, never lets a common word fall to zero weight, so
long queries drown in their commonest words. The Robertson idf, ``log(1 + (N - df + 0.5) / (df + 0.5))``,
(Lucene's and Anserini's) lets them fade. A title is a few words, all of them about the article, so
its length is normalised fully (``b`` 1) and a long title gains nothing from its length. A word
repeated in a query counts more, with diminishing returns (BM25's ``k3``): "bone ... bone ... bone"
in a long topic must not outweigh its rarer words. Parameters were chosen on four test collections
with relevance judgments (`scripts/eval_ir.py`), one setting for all.

The pieces of the formula (`robertson_idf`, `length_norm`, `saturation`) live here for every
BM25 of the package: Whoosh's scorer through `NewsBM25`, `matching`'s length tables and quote
search's own scoring of single quotes (with its own k1 and b).
"""

from __future__ import annotations

from math import log

from whoosh.scoring import BM25F

K1 = 1.4
B = 0.65
TITLE_B = 1.0
K3 = 4.0


def robertson_idf(documents: int, df: int) -> float:
    """The Robertson/Lucene idf of a word in `df` of `documents` documents: near zero for a word
    in most of them, so common words fade from long queries."""
    return log(1 + (documents - df + 0.5) / (df + 0.5))


def length_norm(length: float, average: float, k1: float = K1, b: float = B) -> float:
    """BM25's length normalisation, ``k1 * ((1 - b) + b * length / average)``: a longer field than
    average needs more occurrences of a word for the same score."""
    return k1 * ((1 - b) + b * length / average)


def saturation(tf: float, norm: float, k1: float = K1) -> float:
    """What `tf` occurrences of a word are worth in a field of `norm` (`length_norm`): rising
    with `tf` towards ``k1 + 1``. Times the idf it is Whoosh's ``bm25()``, in the same order."""
    return (tf * (k1 + 1)) / (tf + norm)


class NewsBM25(BM25F):
    """Whoosh's per-field BM25 with the Robertson/Lucene idf."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        return robertson_idf(parent.doc_count_all(), parent.doc_frequency(fieldname, text))


def weighting(k1: float = K1, b: float = B, title_b: float = TITLE_B) -> NewsBM25:
    return NewsBM25(B=b, K1=k1, title_B=title_b)


def query_word_weight(count: int, k3: float = K3) -> float:
    """How much a word given `count` times in a query counts: 1 once, less than `count` after."""
    return (k3 + 1) * count / (k3 + count)
