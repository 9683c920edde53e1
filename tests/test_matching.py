"""The set-based evaluation (`searcher.matching`) against scoring every match and against Whoosh.

Ranking with pruning scores only the documents whose block bounds let them reach the best `k`;
these tests check, on random small corpora and queries, that it finds exactly the best `k` of
scoring every match (same documents, same order, the same scores to the bit), that those scores
and the match count are Whoosh's own, and that reading only some posting blocks of an
intersection changes nothing. Posting blocks are made tiny so that lists span many of them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import RamStorage
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec

from searcher import Index
from searcher.engine import matching, ties
from searcher.engine.scoring import weighting
from searcher.read.search import evaluate as _evaluate

WORDS = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "theta"]


def _schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        title=fields.TEXT(analyzer=_plain()),
        body=fields.TEXT(analyzer=_plain(), phrase=True),
    )


def _plain():
    from whoosh.analysis import RegexTokenizer

    return RegexTokenizer()


def _ram_index(docs: list[tuple[str, str]], segments: int, blocklimit: int):
    """A Whoosh index of (title, body) pairs in `segments` segments, `blocklimit` postings a block."""
    ix = RamStorage().create_index(_schema())
    per = max(1, -(-len(docs) // segments))
    for start in range(0, len(docs), per):
        writer = ix.writer(codec=W3Codec(blocklimit=blocklimit))
        for n, (title, body) in enumerate(docs[start : start + per], start=start):
            writer.add_document(id=_scrambled_id(n), title=title, body=body)
        writer.commit(merge=False)
    return ix


def _scrambled_id(n: int) -> str:
    """Ids out of document order, so that ties ranked by id are not ranked by document."""
    return f"{(n * 7919) % 1009:04d}-{n}"


def _word_query(words: list[str], *, conjunction: bool = True) -> wq.Query:
    """As `QueryBuilder` makes them: each word in the title (boost 0.5) or the body."""
    parts = [wq.Or([wq.Term("title", w, boost=0.5), wq.Term("body", w)]) for w in words]
    return wq.And(parts) if conjunction else wq.Or(parts)


def _full_top(evaluation: matching.Evaluation, k: int) -> list[tuple[float, int]]:
    return evaluation.ranked(None)[:k]


def _pruned(evaluation: matching.Evaluation, k: int) -> list[tuple[float, int]] | None:
    """The pruned best `k`, equal scores by id as `ranked` gives them (pruning keeps every tie)."""
    found = evaluation._pruned_top(k)
    return None if found is None else ties.settle(found, ties.id_key(evaluation.reader), 0, k)


docs_strategy = st.lists(
    st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=0, max_size=4).map(" ".join),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join),
    ),
    min_size=5,
    max_size=120,
)
query_strategy = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda ws: _word_query(ws)),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(
        lambda ws: _word_query(ws, conjunction=False)
    ),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(lambda ws: wq.Phrase("body", ws)),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS)).map(
        lambda ws: wq.And([wq.Phrase("body", [ws[0], ws[1]]), _word_query([ws[2]])])
    ),
    # Exclusions, as `QueryBuilder` makes them: words less others, and every document less some.
    st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2), st.sampled_from(WORDS)).map(
        lambda ws: wq.AndNot(_word_query(ws[0]), _word_query([ws[1]]))
    ),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(
        lambda ws: wq.AndNot(wq.Every(), _word_query(ws, conjunction=False))
    ),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(WORDS)).map(
        lambda ws: wq.And(
            [_word_query([ws[0]]), wq.AndNot(_word_query([ws[1]]), wq.Phrase("body", [ws[1], ws[2]]))]
        )
    ),
)


@settings(max_examples=150)
@given(
    docs=docs_strategy,
    query=query_strategy,
    k=st.integers(min_value=1, max_value=12),
    segments=st.integers(min_value=1, max_value=3),
    blocklimit=st.sampled_from([2, 3, 5, 128]),
)
def test_pruned_top_is_the_full_top_and_whoosh_agrees(docs, query, k, segments, blocklimit) -> None:
    query = query.normalize()  # as the query parser hands it over (nested unions flattened)
    ix = _ram_index(docs, segments, blocklimit)
    with ix.searcher(weighting=weighting()) as searcher:
        evaluation = matching.Evaluation(searcher, query)
        full = evaluation.ranked(None)
        pruned = _pruned(evaluation, k)
        if pruned is not None:
            assert pruned == full[:k]
        assert evaluation.ranked(k) == full[:k]
        # Whoosh's own search: the same matches, each with the same score to the bit (a union of
        # more than two lists Whoosh sums in an order of its own: the last bit may differ).
        found = searcher.search(query, limit=None)
        assert evaluation.total == len(found)
        ours = {docnum: score for score, docnum in full}
        theirs = {hit.docnum: hit.score for hit in found}
        if isinstance(query, wq.Or) and len(query.subqueries) > 2:
            assert ours == pytest.approx(theirs, rel=1e-12)
        else:
            assert ours == theirs


@settings(max_examples=120)
@given(
    docs=docs_strategy,
    query=query_strategy,
    k=st.integers(min_value=1, max_value=12),
    segments=st.integers(min_value=1, max_value=3),
    blocklimit=st.sampled_from([2, 3, 5, 128]),
)
def test_the_top_by_bounds_of_a_query_of_many_lists_is_the_full_top(
    docs, query, k, segments, blocklimit
) -> None:
    # A query of more than `MAX_SPLIT` posting lists is ranked from the highest bound down; with
    # the limit at 0 every query is, whatever its size.
    ix = _ram_index(docs, segments, blocklimit)
    with ix.searcher(weighting=weighting()) as searcher:
        evaluation = matching.Evaluation(searcher, query.normalize())
        full = evaluation.ranked(None)
        saved, matching.MAX_SPLIT = matching.MAX_SPLIT, 0
        try:
            pruned = _pruned(evaluation, k)
        finally:
            matching.MAX_SPLIT = saved
        assert pruned is None or pruned == full[:k]


@settings(max_examples=60)
@given(
    docs=docs_strategy,
    words=st.lists(st.sampled_from(WORDS), min_size=2, max_size=3),
    allowed=st.sets(st.integers(min_value=0, max_value=119)),
    k=st.integers(min_value=1, max_value=8),
)
def test_pruning_with_a_filter(docs, words, allowed, k) -> None:
    ix = _ram_index(docs, 2, 3)
    with ix.searcher(weighting=weighting()) as searcher:
        evaluation = matching.Evaluation(searcher, _word_query(words), allowed)
        full = evaluation.ranked(None)
        assert {d for _, d in full} <= allowed
        pruned = _pruned(evaluation, k)
        assert pruned is None or pruned == full[:k]


def test_ties_rank_by_article_id() -> None:
    """Identical documents score the same: the smaller id comes first, pruned or not, whatever
    the documents' order in the index."""
    docs = [("", "alpha beta")] * 40 + [("alpha", "alpha beta gamma")] * 3
    ix = _ram_index(docs, 2, 4)
    by_id = sorted(range(43), key=_scrambled_id)
    assert by_id[:40] != list(range(40))  # the ids' order is not the documents' order
    with ix.searcher(weighting=weighting()) as searcher:
        evaluation = matching.Evaluation(searcher, _word_query(["alpha"]))
        full = evaluation.ranked(None)
        for k in (1, 3, 4, 10, 42):
            assert _pruned(evaluation, k) == full[:k]
            assert evaluation.ranked(k) == full[:k]
        assert [d for _, d in full[:3]] == [d for d in by_id if d >= 40]
        assert [d for _, d in full[3:]] == [d for d in by_id if d < 40]


def test_shares_add_up_to_the_floor() -> None:
    """However the floor is split, the shares add up to it, so an unscored document stays below."""
    rng = random.Random(7)
    for _ in range(200):
        lists = []
        for _ in range(rng.randint(1, 5)):
            bounds = sorted(rng.uniform(0.1, 5.0) for _ in range(rng.randint(1, 6)))
            above = [*reversed([sum(range(i + 1)) for i in range(len(bounds))]), 0]
            lists.append((bounds, above))
        floor = rng.uniform(0.0, 12.0)
        shares, _cost = matching._shares(lists, floor)
        assert sum(shares) <= floor * (1 + 1e-12) or all(
            share >= bounds[-1] for share, (bounds, _) in zip(shares, lists, strict=True)
        )


# -- the project's own index (its writer, its block headers) ------------------------------------------


@pytest.fixture(scope="module")
def wide_index(tmp_path_factory: pytest.TempPathFactory):
    """An index of 700 generated articles: common words span several posting blocks of 128."""
    rng = random.Random(11)
    vocabulary = [
        "market", "shares", "bank", "profit", "growth", "oil", "price", "rate", "deal", "court",
        "storm", "harbor", "bridge", "council", "school", "river", "election", "trade", "budget",
    ]  # fmt: skip
    records = []
    for n in range(700):
        common = rng.choices(vocabulary[:6], k=rng.randint(5, 60))
        rare = rng.choices(vocabulary[6:], k=rng.randint(0, 4))
        words = common + rare
        rng.shuffle(words)
        title = " ".join(rng.choices(vocabulary, k=rng.randint(2, 6))).capitalize()
        records.append(
            {
                "id": f"gen-{n}",
                "title": title,
                "date": f"20{10 + n % 10}-0{1 + n % 9}-1{n % 9}",
                "source": "Generated Wire",
                "body": " ".join(words).capitalize() + ".",
            }
        )
    root = tmp_path_factory.mktemp("wide")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    index = Index.create(root / "index")
    index.update([Path(corpus)], jobs=1)
    yield index
    index.close()


QUERIES = [
    "market",
    "shares bank",
    "profit growth oil",
    "storm",
    "market harbor",
    "bank election budget",
    '"market shares"',
    "oil price",
    "court",
]


@pytest.mark.parametrize("text", QUERIES)
def test_project_index_pruned_top_matches_full(wide_index, text: str) -> None:
    searcher = wide_index._get_searcher()
    evaluation = _evaluate(searcher, wide_index._builder.parse(text), None)
    assert evaluation is not None
    full = evaluation.ranked(None)
    for k in (1, 5, 10, 30):
        pruned = _pruned(evaluation, k)
        assert pruned is None or pruned == full[:k]
        assert evaluation.ranked(k) == full[:k]
    found = searcher.search(wide_index._builder.parse(text), limit=None)
    assert evaluation.total == len(found)
    assert {docnum: score for score, docnum in full} == {hit.docnum: hit.score for hit in found}


@pytest.mark.parametrize("text", ["market harbor", "bank election budget", "storm court", '"oil price"'])
def test_reading_only_some_blocks_changes_nothing(wide_index, text: str, monkeypatch) -> None:
    """An intersection's rare part restricts which blocks the common parts read: the same
    matches and scores as reading every block."""
    searcher = wide_index._get_searcher()
    query = wide_index._builder.parse(text)
    restricted = _evaluate(searcher, query, None)
    monkeypatch.setattr(matching, "RESTRICT_RATIO", float("inf"))
    whole = _evaluate(searcher, query, None)
    assert restricted.total == whole.total
    assert restricted.ranked(None) == whole.ranked(None)


def test_search_pages_agree_with_one_long_page(wide_index) -> None:
    """Paging uses the pruned top of `start + limit`: pages put together are the long page."""
    long = wide_index.search("shares bank", limit=30)
    paged = [hit for page in (1, 2, 3) for hit in wide_index.search("shares bank", limit=10, page=page)]
    assert [(h.id, h.score) for h in paged] == [(h.id, h.score) for h in long]
    assert long.total == wide_index.search("shares bank", limit=10, page=3).total
