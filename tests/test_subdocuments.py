"""`matching.SubDocuments`: short texts (quotations) evaluated with the index's evaluator, each a
document of its own, scored with BM25 on the statistics the caller gives."""

from __future__ import annotations

import fnmatch
import math

from hypothesis import given
from hypothesis import strategies as st
from whoosh import query as wq

from searcher.engine.analysis import prose_tokens
from searcher.engine.matching import SubDocuments, Subset
from searcher.engine.scoring import length_norm, saturation

K1, B, AVERAGE = 1.2, 0.75, 10.0
TEXTS = [
    "the price of oil rose",  # 0
    "oil and gas prices fell as oil stocks rose",  # 1
    "gas is cheap",  # 2
    "prices of the economy",  # 3
    "economic growth slowed",  # 4
]


def idf(word: str) -> float:
    return 1.0 + len(word) / 10  # any positive idf; distinct per word


def texts(items: list[str] = TEXTS) -> SubDocuments:
    return SubDocuments([prose_tokens(t) for t in items], idf, k1=K1, b=B, average=AVERAGE)


def term(word: str) -> wq.Term:
    return wq.Term("quote", prose_tokens(word)[0][0])


def bm25(text: str, words: list[str]) -> float:
    """BM25 by hand: each query word's idf times its saturated count in the text."""
    tokens = [t[0] for t in prose_tokens(text)]
    norm = length_norm(len(tokens), AVERAGE, K1, B)
    return sum(idf(w) * saturation(tokens.count(w), norm, K1) for w in words if w in tokens)  # OR a a: twice


def test_a_term_matches_the_texts_holding_it_with_their_bm25() -> None:
    oil = term("oil")
    found = texts().evaluate(oil)
    assert set(found) == {0, 1}
    for doc, score in found.items():
        assert math.isclose(score, bm25(TEXTS[doc], [oil.text]), rel_tol=1e-12)


def test_and_or_and_not_combine_texts_not_documents() -> None:
    oil, gas, rose = term("oil"), term("gas"), term("rose")
    assert set(texts().evaluate(wq.And([oil, gas]))) == {1}
    assert set(texts().evaluate(wq.Or([oil, gas]))) == {0, 1, 2}
    assert set(texts().evaluate(wq.AndNot(oil, gas))) == {0}
    assert set(texts().evaluate(wq.AndNot(wq.Every(boost=0.0), rose))) == {2, 3, 4}
    both = texts().evaluate(wq.And([oil, rose]))
    assert math.isclose(both[1], bm25(TEXTS[1], [oil.text, rose.text]), rel_tol=1e-12)


def test_a_phrase_needs_its_words_in_order_within_the_slop() -> None:
    words = [term("oil").text, term("rose").text]
    assert set(texts().evaluate(wq.Phrase("quote", words))) == {0}  # "oil rose"
    assert set(texts().evaluate(wq.Phrase("quote", words, slop=2))) == {0, 1}  # "oil stocks rose"
    assert set(texts().evaluate(wq.Phrase("quote", words[::-1], slop=5))) == set()


def test_a_subset_matches_whole_and_adds_nothing() -> None:
    oil = term("oil")
    alone = texts().evaluate(oil)
    narrowed = texts().evaluate(wq.And([oil, Subset([1, 2])]))
    assert narrowed == {1: alone[1]}
    assert texts().evaluate(wq.Or([oil, Subset([4])]))[4] == 0.0


def test_patterns_expand_over_the_texts_own_words() -> None:
    prefix = wq.Prefix("quote", "econom")
    expanded = texts().expanded(prefix)
    assert isinstance(expanded, wq.Or)
    assert {sub.text for sub in expanded.subqueries} == {
        w for t in TEXTS for w, *_ in prose_tokens(t) if w.startswith("econom")
    }
    assert set(texts().evaluate(prefix)) == {3, 4}
    assert texts().expanded(wq.Prefix("quote", "zzz")) is wq.NullQuery
    assert texts().evaluate(wq.Prefix("quote", "zzz")) == {}


WORD = st.sampled_from(["oil", "gas", "rose", "fell", "price", "cheap", "growth"])


@given(st.lists(st.lists(WORD, max_size=8).map(" ".join), min_size=1, max_size=8), WORD, WORD)
def test_matches_agree_with_reading_each_text(items: list[str], a: str, b: str) -> None:
    """An AND, an OR, an AND NOT and a pattern, checked against each text's own words."""
    words = [set(w for w, *_ in prose_tokens(t)) for t in items]
    ta, tb = prose_tokens(a)[0][0], prose_tokens(b)[0][0]
    qa, qb = wq.Term("quote", ta), wq.Term("quote", tb)
    sub = texts(items)
    assert set(sub.evaluate(wq.And([qa, qb]))) == {i for i, w in enumerate(words) if ta in w and tb in w}
    assert set(sub.evaluate(wq.Or([qa, qb]))) == {i for i, w in enumerate(words) if ta in w or tb in w}
    assert set(sub.evaluate(wq.AndNot(qa, qb))) == {i for i, w in enumerate(words) if ta in w and tb not in w}
    pattern = ta[:2] + "*"
    assert set(sub.evaluate(wq.Wildcard("quote", pattern))) == {
        i for i, w in enumerate(words) if any(fnmatch.fnmatchcase(x, pattern) for x in w)
    }
    for doc, score in sub.evaluate(wq.Or([qa, qb])).items():
        assert math.isclose(score, bm25(items[doc], [ta, tb]), rel_tol=1e-12)
