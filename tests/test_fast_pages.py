"""The web page's two slow kinds of search made fast give exactly what they gave before.

- Phrases matched with numpy (`matching._vector_runs`: whole posting lists as arrays of
  (document, position) keys) find exactly the documents the pure-Python path finds
  (`_Phrase._adjacent`, `_runs`), with the same scores, for phrases of 2, 3 and 4 words (and
  with slop), on seeded random indexes of several segments with replaced (deleted) articles, on
  postings Whoosh's own writer made, and on an article long enough for 32-bit positions.
- Date-sorted searches from the evaluator's matches and the warmed tables' date column
  (`search._date_ranking`) give exactly Whoosh's sorting search's hits (order, scores, totals,
  stories, copies, facets): both directions, paging, collapse, filters, undated articles.
- Both still work without numpy.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RamStorage, in_three_commits
from whoosh import fields
from whoosh import query as wq
from whoosh.analysis import RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec

from searcher import Article, Index
from searcher.engine import columntables, matching
from searcher.engine.postings import CompactPositions
from searcher.read import search as search_module

# Few words, so that random phrases often match, and often only partly.
WORDS = ["oil", "price", "rate", "bank", "the", "in", "cut", "rise"]
SOURCES = ["Harbor Gazette", "Metro Wire", None]
DATES = [
    dt.date(2015, 3, 3),
    dt.datetime(2015, 3, 3, 9, 30),
    dt.datetime(2015, 3, 3, 18, 5),
    dt.date(2016, 1, 1),
    dt.date(999, 5, 1),
    None,
    None,
]


def random_articles(seed: int, count: int) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for n in range(count):
        body = " ".join(rng.choices(WORDS, k=rng.randrange(1, 60)))
        if rng.random() < 0.3 and articles:  # a copy of an earlier story: collapsing has work
            body = articles[rng.randrange(len(articles))].body + " " + rng.choice(WORDS)
        articles.append(
            Article(
                id=f"p{seed}-{n}",
                title=" ".join(rng.choices(WORDS, k=rng.randrange(0, 5))) or "Note",
                body=body,
                date=rng.choice(DATES),
                source=rng.choice(SOURCES),
            )
        )
    return articles


def random_index(path: Path, seed: int) -> Index:
    """Three segments (three commits), some articles replaced: deleted in their segment."""
    rng = random.Random(seed)
    articles = random_articles(seed, rng.randrange(60, 140))
    return in_three_commits(path, articles, rng.sample(articles[: len(articles) // 3], 5))


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Index]]:
    opened = [random_index(tmp_path_factory.mktemp(f"pages{seed}") / "index", seed) for seed in range(4)]
    yield opened
    for index in opened:
        index.close()


def random_phrase(rng: random.Random) -> list[str]:
    return rng.choices(WORDS, k=rng.choice([2, 2, 3, 4]))


def evaluated(searcher, q, vector: bool, monkeypatch: pytest.MonkeyPatch):
    """(per segment: matching documents, all scores) of `q`, the phrases matched with numpy from
    the first candidate on, or in Python only."""
    with monkeypatch.context() as patch:
        if vector:
            patch.setattr(matching, "VECTOR_FROM", 0)
        else:
            patch.setattr(matching, "numpy_module", lambda: None)
        evaluation = matching.Evaluation(searcher, q)
        return [(docs, root.scores(docs)) for _segment, root, docs in evaluation.parts], evaluation.ranked(
            None
        )


def used_vector(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the phrases `_vector_runs` settles (not handing back to Python)."""
    settled = [0]
    real = matching._vector_runs

    def counting(*args):
        found = real(*args)
        settled[0] += found is not None
        return found

    monkeypatch.setattr(matching, "_vector_runs", counting)
    return settled


# -- phrases ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_numpy_phrases_equal_python_phrases(indexes: list[Index], seed: int, monkeypatch) -> None:
    searcher = indexes[seed]._get_searcher()
    rng = random.Random(500 + seed)
    settled = used_vector(monkeypatch)
    lengths = set()
    for _ in range(60):
        words = random_phrase(rng)
        field = rng.choice(["body", "title"])
        q = wq.Phrase(field, words, boost=rng.choice([1.0, 0.5]))
        if rng.random() < 0.3:  # inside an intersection: blocks read `within` its documents
            q = wq.And([q, wq.Term("body", rng.choice(WORDS))])
        fast = evaluated(searcher, q, True, monkeypatch)
        slow = evaluated(searcher, q, False, monkeypatch)
        assert fast == slow, words
        lengths.add(len(words))
    assert settled[0] > 50 and lengths == {2, 3, 4}


def test_whole_searches_with_phrases_are_unchanged(indexes: list[Index], monkeypatch) -> None:
    rng = random.Random(9)
    for index in indexes:
        for _ in range(15):
            text = '"' + " ".join(random_phrase(rng)) + '"'
            with monkeypatch.context() as patch:
                patch.setattr(matching, "numpy_module", lambda: None)
                old = index.search(text, limit=5, facets=["year", "source"])
            with monkeypatch.context() as patch:
                patch.setattr(matching, "VECTOR_FROM", 0)
                new = index.search(text, limit=5, facets=["year", "source"])
            assert new == old, text


def _whoosh_written(bodies: list[str], segments: int):
    """An index written by Whoosh's own writer (values pickled as tuples of byte strings), with
    `CompactPositions` for the body, in tiny posting blocks; some documents deleted."""
    body = fields.TEXT(analyzer=RegexTokenizer(), phrase=True)
    body.format = CompactPositions(field_boost=body.format.field_boost)
    ix = RamStorage().create_index(fields.Schema(body=body, n=fields.ID(stored=True)))
    per = -(-len(bodies) // segments)
    for start in range(0, len(bodies), per):
        writer = ix.writer(codec=W3Codec(blocklimit=4))
        for n, text in enumerate(bodies[start : start + per], start):
            writer.add_document(body=text, n=str(n))
        writer.commit(merge=False)
    return ix


@pytest.mark.parametrize("seed", range(3))
def test_phrases_over_whoosh_written_postings(seed: int, monkeypatch) -> None:
    rng = random.Random(seed)
    bodies = [" ".join(rng.choices(WORDS, k=rng.randrange(1, 40))) for _ in range(rng.randrange(30, 90))]
    ix = _whoosh_written(bodies, 3)
    settled = used_vector(monkeypatch)
    with ix.searcher() as searcher:
        for _ in range(30):
            q = wq.Phrase("body", random_phrase(rng))
            assert evaluated(searcher, q, True, monkeypatch) == evaluated(searcher, q, False, monkeypatch)
    assert settled[0] > 20
    with ix.writer() as writer:  # deletions (the segment then answers through Whoosh's matcher)
        writer.delete_by_term("n", "3")
        writer.delete_by_term("n", "7")
    with ix.searcher() as searcher:
        for _ in range(10):
            q = wq.Phrase("body", random_phrase(rng))
            assert evaluated(searcher, q, True, monkeypatch) == evaluated(searcher, q, False, monkeypatch)


def test_positions_past_16_bits(tmp_path: Path, monkeypatch) -> None:
    """An article of more than 65,535 words has its positions in 32 bits ("I" records)."""
    rng = random.Random(3)
    long_body = " ".join(rng.choices(WORDS, k=70_000)) + " oil price"
    articles = [
        Article(id=f"a{n}", title="Note", body=" ".join(rng.choices(WORDS, k=rng.randrange(2, 30))))
        for n in range(80)
    ]
    articles.insert(40, Article(id="long", title="Long", body=long_body))
    with Index.create(tmp_path / "index") as index:
        index.add(articles)
        searcher = index._get_searcher()
        for words in (
            ["oil", "price"],
            ["price", "oil"],
            ["the", "in", "cut"],
            ["rise", "rise", "rise", "rise"],
        ):
            q = wq.Phrase("body", words)
            fast = evaluated(searcher, q, True, monkeypatch)
            assert fast == evaluated(searcher, q, False, monkeypatch)
        segment = matching.Evaluation(searcher, wq.Term("body", "oil")).parts[0][0]
        leaf = segment._term(wq.Term("body", "price"))
        np = columntables.numpy_module()
        keys = matching._position_keys(np, leaf, np.array(leaf.ids, dtype=np.int64))
        decode = leaf.format.decoder("positions")
        values = matching._values_for(leaf, leaf.ids)
        expected = sorted(
            (d << 32) | p for d, value in zip(leaf.ids, values, strict=True) for p in decode(value)
        )
        assert keys.tolist() == expected
        assert any(value[:1] == b"I" for value in matching._values_for(leaf, leaf.ids))


def test_slop_over_sub_documents_is_unchanged() -> None:
    """Quote search's sub-documents keep the Python path (their values are lists)."""
    texts = matching.SubDocuments(
        [[("oil", 0, 0, 3), ("price", 2, 4, 9)], [("oil", 0, 0, 3), ("price", 1, 4, 9)]],
        lambda word: 1.0,
        k1=1.2,
        b=0.75,
        average=2.0,
    )
    assert set(texts.evaluate(wq.Phrase("body", ["oil", "price"], slop=2))) == {0, 1}
    assert set(texts.evaluate(wq.Phrase("body", ["oil", "price"]))) == {1}


# -- date order ---------------------------------------------------------------------------------------------


def both_date_ways(index: Index, query: str, **options):
    kept = search_module.FAST_DATE_SORT
    try:
        search_module.FAST_DATE_SORT = False
        old = index.search(query, **options)
        search_module.FAST_DATE_SORT = True
        new = index.search(query, **options)
    finally:
        search_module.FAST_DATE_SORT = kept
    return old, new


@pytest.mark.parametrize("seed", range(4))
def test_date_order_equals_whoosh_sorting(indexes: list[Index], seed: int, monkeypatch) -> None:
    index = indexes[seed]
    assert index.warm()
    taken = [0]
    real = search_module._date_ranking

    def counting(*args):
        taken[0] += 1
        return real(*args)

    monkeypatch.setattr(search_module, "_date_ranking", counting)
    rng = random.Random(900 + seed)
    undated_shown = 0
    for _ in range(50):
        a, b = rng.sample(WORDS, 2)
        query = rng.choice([a, f"{a} {b}", f"{a} OR {b}", f'"{a} {b}"', f"{a} -{b}"])
        options = {
            "limit": rng.choice([1, 2, 3, 10, 50]),
            "page": rng.choice([1, 1, 2, 3]),
            "sort": rng.choice(["date", "-date"]),
            "collapse": rng.random() < 0.5,
            "facets": rng.sample(["year", "month", "source", "byline", "speaker"], rng.randrange(0, 6)),
        }
        if rng.random() < 0.3:
            options["source"] = rng.choice(["gazette", "wire"])
        if rng.random() < 0.2:
            options["since"] = "2015-03-03"
        if rng.random() < 0.1:
            options["offset"] = rng.randrange(0, 20)
        old, new = both_date_ways(index, query, **options)
        assert new == old, (query, options)
        undated_shown += any(hit.date is None for hit in old)
    assert taken[0] >= 45  # all but queries the evaluator leaves to Whoosh (dates in the query)
    assert undated_shown


def test_equal_dates_and_undated_order(tmp_path: Path) -> None:
    """Articles of the same moment come in id order both ways (not in the order they were added),
    and the undated last both ways, in Whoosh's sorting search and from the tables alike."""
    articles = [
        Article(id=f"d{9 - n}", title="Oil", body=f"oil price {n}", date=date)
        for n, date in enumerate([None, dt.date(2015, 3, 3), None, dt.date(2015, 3, 3), dt.date(2014, 1, 1)])
    ]
    with Index.create(tmp_path / "index") as index:
        index.add(articles[:3])
        index.add(articles[3:])
        index.warm()
        shown = {}
        for sort in ("date", "-date"):
            old, new = both_date_ways(index, "oil", sort=sort, limit=10)
            assert new == old
            shown[sort] = [hit.id for hit in new]
        assert shown["date"] == ["d5", "d6", "d8", "d7", "d9"]
        assert shown["-date"] == ["d6", "d8", "d5", "d7", "d9"]
        assert [hit.score for hit in new][-1] == -1.0


# -- without numpy ------------------------------------------------------------------------------------------


def test_both_paths_work_without_numpy(tmp_path: Path, monkeypatch) -> None:
    articles = random_articles(11, 90)
    with Index.create(tmp_path / "index") as index:
        index.add(articles[:45])
        index.add(articles[45:])
        queries = ['"oil price"', '"the in cut"', '"rise the oil price"', "oil price"]
        sorts = ["relevance", "date", "-date"]
        index.warm()
        with_numpy = {
            (q, s): index.search(q, sort=s, limit=10, collapse=True, facets=["year", "source"])
            for q in queries
            for s in sorts
        }
    monkeypatch.setitem(sys.modules, "numpy", None)
    assert columntables.numpy_module() is None
    with Index.open(tmp_path / "index") as index:
        assert not index.warm()
        for (q, s), expected in with_numpy.items():
            assert index.search(q, sort=s, limit=10, collapse=True, facets=["year", "source"]) == expected
