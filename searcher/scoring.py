"""How articles are ranked: BM25 with the Robertson/Lucene idf, per field, fields weighted linearly.

Whoosh's default idf, ``log(N / (df + 1)) + 1``, never lets a common word fall to zero weight, so
long queries drown in their commonest words. The Robertson idf, ``log(1 + (N - df + 0.5) / (df + 0.5))``,
(Lucene's and Anserini's) lets them fade. A title is a few words, all of them about the article, so
its length is normalised fully (``b`` 1) and a long title gains nothing from its length. A word
repeated in a query counts more, with diminishing returns (BM25's ``k3``): "bone ... bone ... bone"
in a long topic must not outweigh its rarer words. Parameters were chosen on four test collections
with relevance judgments (`scripts/eval_ir.py`), one setting for all.
"""

from __future__ import annotations

from math import log

from whoosh.scoring import BM25F

K1 = 1.4
B = 0.65
TITLE_B = 1.0
K3 = 4.0


class NewsBM25(BM25F):
    """Whoosh's per-field BM25 with the Robertson/Lucene idf."""

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        df = parent.doc_frequency(fieldname, text)
        documents = parent.doc_count_all()
        return log(1 + (documents - df + 0.5) / (df + 0.5))


def weighting(k1: float = K1, b: float = B, title_b: float = TITLE_B) -> NewsBM25:
    return NewsBM25(B=b, K1=k1, title_B=title_b)


def query_word_weight(count: int, k3: float = K3) -> float:
    """How much a word given `count` times in a query counts: 1 once, less than `count` after."""
    return (k3 + 1) * count / (k3 + count)
