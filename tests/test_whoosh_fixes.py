"""Whoosh's own search over query trees with exclusions, on indexes of small posting blocks (where
its skipping paths run most), as the search side runs it (`whoosh_fixes.search`): no error, every
match counted, the matches are exactly the documents the query's logic selects, and the best hits
are those of the full ranking."""

from __future__ import annotations

from conftest import RamStorage
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields
from whoosh import query as wq
from whoosh.analysis import RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec

from searcher.engine import whoosh_fixes
from searcher.engine.scoring import weighting

WORDS = "a b c d e f g h".split()
terms = st.sampled_from(WORDS).map(lambda w: wq.Term("body", w))


def _trees(children):
    pairs = st.tuples(children, children)
    return st.one_of(
        st.lists(children, min_size=2, max_size=4).map(wq.And),
        st.lists(children, min_size=2, max_size=4).map(wq.Or),
        pairs.map(lambda p: wq.AndNot(*p)),
        pairs.map(lambda p: wq.AndMaybe(*p)),
        pairs.map(lambda p: wq.And([p[0], wq.Not(p[1])])),
    )


queries = st.recursive(terms, _trees, max_leaves=12)


def _selects(q: wq.Query, words: set[str]) -> bool:
    """Whether a document of these words matches `q`, by the query's logic alone."""
    if isinstance(q, wq.Term):
        return q.text in words
    if isinstance(q, wq.And):
        return all(_selects(sub, words) for sub in q.subqueries)
    if isinstance(q, wq.Or):
        return any(_selects(sub, words) for sub in q.subqueries)
    if isinstance(q, wq.AndNot):
        return _selects(q.a, words) and not _selects(q.b, words)
    if isinstance(q, wq.AndMaybe):
        return _selects(q.a, words)
    if isinstance(q, wq.Not):
        return not _selects(q.query, words)
    raise TypeError(q)


def _index(docs: list[str], blocklimit: int):
    ix = RamStorage().create_index(fields.Schema(body=fields.TEXT(analyzer=RegexTokenizer())))
    writer = ix.writer(codec=W3Codec(blocklimit=blocklimit))
    for doc in docs:
        writer.add_document(body=doc)
    writer.commit()
    return ix


@settings(max_examples=400)
@given(
    query=queries,
    docs=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join), min_size=5, max_size=80
    ),
    blocklimit=st.sampled_from([2, 3, 4, 8]),
    limit=st.integers(min_value=1, max_value=5),
)
def test_exclusions_never_fail_and_the_best_hits_are_the_full_rankings(
    query, docs, blocklimit, limit
) -> None:
    ix = _index(docs, blocklimit)
    with ix.searcher(weighting=weighting()) as opened:
        full = whoosh_fixes.search(opened, query, limit=None)
        best = whoosh_fixes.search(opened, query, limit=limit)
        assert {hit.docnum for hit in full} == {
            n for n, doc in enumerate(docs) if _selects(query, set(doc.split()))
        }
        assert len(best) == len(full)
        ranked = sorted(((hit.score, hit.docnum) for hit in full), key=lambda sd: (-sd[0], sd[1]))
        assert [round(hit.score, 9) for hit in best] == [round(s, 9) for s, _ in ranked[:limit]]


def test_an_exclusion_whose_excluded_side_starts_first() -> None:
    # Found by the property in test_matching before the fix: Whoosh kept "alpha omega".
    ix = _index(["alpha", "alpha", "alpha omega"], 128)
    query = wq.AndNot(wq.Term("body", "omega"), wq.Term("body", "alpha"))
    with ix.searcher(weighting=weighting()) as opened:
        assert len(whoosh_fixes.search(opened, query, limit=None)) == 0


def test_an_exclusion_whose_positive_side_runs_out_during_a_skip() -> None:
    # Found by the property above before the fix: IndexError from the posting list.
    docs = ["b g", "b e a g", "a g e", "b", "e a g b", "g a e", "b e"] * 4
    ix = _index(docs, 2)
    query = wq.And(
        [wq.AndNot(wq.AndNot(wq.Term("body", "b"), wq.Term("body", "a")), wq.Term("body", "g")),
         wq.Term("body", "a"), wq.Term("body", "g"), wq.Term("body", "e")]
    )  # fmt: skip
    with ix.searcher(weighting=weighting()) as opened:
        assert len(opened.search(query, limit=3)) == 0  # Whoosh's own collector, too
        assert len(whoosh_fixes.search(opened, query, limit=3)) == 0


def test_threads_reading_one_column_file_read_their_own_bytes(tmp_path) -> None:
    """A column file is shared by every reader of its segment; threads reading it at once (a search
    and the tables built in the background) each get what they read alone."""
    import threading

    from searcher import Article, Index
    from searcher.engine.schema import DUP_GROUP, ID

    articles = [
        Article(id=f"article-{n:04d}", title=f"Title {n}", body=f"body words {n} " * 20) for n in range(400)
    ]
    with Index.create(tmp_path / "index") as index:
        index.add(articles)
        reader = index._get_searcher().reader()
        expected = [list(reader.column_reader(name)) for name in (ID, DUP_GROUP)]
        stored = [reader.stored_fields(d)["id"] for d in range(reader.doc_count_all())]
        failures: list[str] = []

        def read(rounds: int) -> None:
            try:
                for _ in range(rounds):
                    got = [list(reader.column_reader(name)) for name in (ID, DUP_GROUP)]
                    if got != expected:
                        failures.append("column")
                    if [reader.stored_fields(d)["id"] for d in range(0, len(stored), 7)] != stored[::7]:
                        failures.append("stored")
            except Exception as error:  # a torn read: struct.error, a bad pickle...
                failures.append(repr(error))

        threads = [threading.Thread(target=read, args=(30,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, failures[:3]


def test_newest_first_where_no_article_is_dated(tmp_path) -> None:
    """A segment with no date column reads the undated key, so undated articles sort as undated
    (not by a term's number), in Whoosh's sort as from the column tables."""
    from searcher import Article, Index
    from searcher.read import search as search_module

    with Index.create(tmp_path / "index") as index:
        index.add([Article(id=f"x{n}", title="Ferry", body=f"ferry news {n}") for n in range(5)])
        whoosh_way = index.search("ferry", sort="-date")
        index.warm()
        assert search_module.FAST_DATE_SORT
        tables_way = index.search("ferry", sort="-date")
    assert [hit.score for hit in whoosh_way] == [-1.0] * 5
    assert [(h.id, h.score) for h in whoosh_way] == [(h.id, h.score) for h in tables_way]
    assert [h.id for h in whoosh_way] == sorted(h.id for h in whoosh_way)
