"""Facets and collapsing from column tables (`engine.columntables`, numpy) give exactly what the
old way gives (each match's values read through Whoosh's column readers, every match ranked to
collapse): the same hits in the same order, the same copies, stories and facet counts. Checked on
seeded random indexes of several segments, with copies of stories, replaced articles and empty
fields, and on a few cases made by hand."""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from conftest import in_three_commits
from hypothesis import given, settings
from hypothesis import strategies as st

from searcher import Article, Index
from searcher.article import Quote
from searcher.engine import columntables
from searcher.read import search as search_module
from searcher.read.facets import FACETS, count_columns, count_tables, tables_for

COMMON = ["harbor", "ferry", "council", "budget", "storm", "river", "bridge", "school"]
SOURCES = ["Harbor Gazette", "Metro Wire", "Zürich Zeitung", "東京新聞", "A\x1fB", None]
NAMES = ["Ann Lee", "Bo Chen", "Cal Diaz", "José Núñez", "Dee Eng"]
DATES = [dt.date(2015, 3, 3), dt.datetime(2016, 1, 1, 0, 30), dt.date(2018, 7, 14), dt.date(999, 5, 1), None]


def story(rng: random.Random, seed: int, words: int = 40) -> str:
    """A body of its own: words no other story shares, so only copies of it are near-duplicates."""
    return " ".join(f"w{rng.randrange(300)}x{seed}" for _ in range(words))


def random_articles(seed: int, count: int) -> list[Article]:
    rng = random.Random(seed)
    bodies: list[str] = []
    articles = []
    for n in range(count):
        if bodies and rng.random() < 0.4:  # a copy: the same story, words of its own added
            body = rng.choice(bodies) + " " + " ".join(rng.sample(COMMON, rng.randrange(0, 3)))
        else:
            body = " ".join(rng.choices(COMMON, k=rng.randrange(1, 6))) + " " + story(rng, n)
            bodies.append(body)
        quotes = []
        if rng.random() < 0.5:
            said = "We will " + rng.choice(COMMON) + " at dawn."
            body += f" “{said}” someone said."
            start = body.index(said)
            quotes.append(Quote(said, rng.choice([*NAMES, None]), start, start + len(said)))
        articles.append(
            Article(
                id=f"s{seed}-{n}",
                title=" ".join(rng.choices(COMMON, k=rng.randrange(0, 3))) or "Note",
                body=body,
                date=rng.choice(DATES),
                byline=rng.sample(NAMES, rng.randrange(0, 3)),
                source=rng.choice(SOURCES),
                quotes=quotes,
            )
        )
    return articles


def random_index(path: Path, seed: int) -> Index:
    """An index of three segments (three commits), a few articles replaced (deleted in their segment)."""
    rng = random.Random(seed)
    articles = random_articles(seed, rng.randrange(40, 90))
    return in_three_commits(path, articles, rng.sample(articles[: len(articles) // 3], 3))


def random_query(rng: random.Random) -> str:
    a, b = rng.sample(COMMON, 2)
    return rng.choice([a, f"{a} {b}", f"{a} OR {b}", f'"{a} {b}"', f"{a} -{b}", f"{a}*"])


@contextmanager
def way(tables: bool) -> Iterator[None]:
    """Searches within count from tables (built whatever the size) or the old way (never)."""
    kept = search_module.tables_for
    search_module.tables_for = (  # type: ignore[assignment]
        (lambda reader, *_a, **_k: columntables.tables(reader)) if tables else (lambda *_a, **_k: None)
    )
    try:
        yield
    finally:
        search_module.tables_for = kept


def both_ways(index: Index, query: str, **options):
    with way(tables=False):
        old = index.search(query, **options)
    with way(tables=True):
        new = index.search(query, **options)
    return old, new


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Index]]:
    opened = [random_index(tmp_path_factory.mktemp(f"fast{seed}") / "index", seed) for seed in range(5)]
    yield opened
    for index in opened:
        index.close()


# -- whole searches, both ways ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_searches_give_the_same_results_both_ways(indexes: list[Index], seed: int) -> None:
    index = indexes[seed]
    rng = random.Random(100 + seed)
    collapsed = 0
    for _ in range(40):
        query = random_query(rng)
        options = {
            "limit": rng.choice([1, 2, 3, 10, 50]),
            "page": rng.choice([1, 1, 2, 3]),
            "facets": rng.sample(list(FACETS), rng.randrange(0, 6)),
            "collapse": rng.random() < 0.7,
            "sort": rng.choice(["relevance", "relevance", "-date", "date"]),
            "any_words": rng.random() < 0.2,
        }
        if rng.random() < 0.2:
            options["source"] = rng.choice(["gazette", "wire", "zeitung"])
        old, new = both_ways(index, query, **options)
        assert new == old, (query, options)
        collapsed += bool(options["collapse"] and any(hit.copies for hit in old))
    assert collapsed, "some pages showed copies"


def test_a_story_whose_copies_match_differently(tmp_path: Path) -> None:
    """Copies that match the query are listed in rank order; those that do not are left out; the
    page is filled with distinct stories even when the best ranks are all copies of one story."""
    rng = random.Random(7)
    body = story(rng, 1, 60)
    articles = [
        Article(id="first", title="Ferry", body="ferry ferry ferry " + body, source="Harbor Gazette"),
        Article(id="copy-a", title="Ferry", body="ferry ferry " + body + " tail", source="Metro Wire"),
        Article(id="copy-b", title="Note", body=body + " ferry news", source="Zürich Zeitung"),
        Article(id="copy-c", title="Note", body=body + " other news", source="東京新聞"),
        *[
            Article(id=f"other-{n}", title="Ferry", body="ferry " + story(rng, 10 + n), source=None)
            for n in range(6)
        ],
    ]
    with Index.create(tmp_path / "index") as index:
        index.add(articles)
        for limit, page in [(1, 1), (2, 1), (2, 2), (3, 3), (50, 1)]:
            old, new = both_ways(index, "ferry", limit=limit, page=page, collapse=True, facets=list(FACETS))
            assert new == old
        results = index.search("ferry", limit=1, collapse=True)
        assert results.stories == 7 and results.total == 9
        assert results[0].id == "first"
        assert results[0].copies == ("Metro Wire", "Zürich Zeitung")


def test_no_match_and_a_page_past_the_last(indexes: list[Index]) -> None:
    for query, page in [("submarine", 1), ("ferry", 40)]:
        old, new = both_ways(indexes[0], query, page=page, collapse=True, facets=list(FACETS))
        assert new == old


# -- counting and collapsing directly -------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_counts_from_tables_equal_counts_from_columns(indexes: list[Index], data: st.DataObject) -> None:
    index = indexes[data.draw(st.integers(0, 4))]
    reader = index._get_searcher().reader()
    tables = columntables.tables(reader)
    assert tables is not None
    live = [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
    chosen = data.draw(st.lists(st.sampled_from(live), unique=True))
    names = data.draw(st.lists(st.sampled_from(list(FACETS)), unique=True))
    top = data.draw(st.integers(0, 6))
    expected = count_columns(reader, chosen, names, top)
    assert count_tables(tables, chosen, names, top) == expected
    assert count_tables(tables, np.array(chosen, dtype=np.int64), names, top) == expected


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_collapse_from_tables_equals_collapse_from_columns(indexes: list[Index], data: st.DataObject) -> None:
    index = indexes[data.draw(st.integers(0, 4))]
    reader = index._get_searcher().reader()
    tables = columntables.tables(reader)
    live = [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
    ranked = data.draw(st.permutations(live))[: data.draw(st.integers(0, len(live)))]
    positions, copies = search_module._collapse(reader, ranked)
    new_positions, new_copies = search_module.collapse_ranked(tables, ranked)
    assert new_positions == positions
    assert new_copies == copies
    start, limit = data.draw(st.integers(0, 10)), data.draw(st.integers(1, 10))
    shown = set(positions[start : start + limit])
    _, page_copies = search_module.collapse_ranked(tables, ranked, start, limit)
    assert page_copies == {p: c for p, c in copies.items() if p in shown}


class _Columns:
    """A reader of made-up columns, for `_collapse`."""

    def __init__(self, columns: dict[str, list[str]]) -> None:
        self.columns = columns

    def column_reader(self, name: str) -> list[str]:
        return self.columns[name]


def test_documents_without_a_group_are_stories_of_their_own_keyed_as_before() -> None:
    """`_collapse` keys a document with no group "#<docnum>": a group of that very name (an article id
    may be anything) is then the same story, and the tables follow it."""
    groups = ["", "#0", "g", "", "g", "#3x"]
    sources = ["A", "B", "C", "D", "", "F"]
    values = sorted(set(groups))
    tables = columntables.Tables(
        len(groups),
        columntables.Column(np.zeros(len(groups), dtype=np.int32), [None]),
        {
            "group": columntables.Column(np.array([values.index(g) for g in groups], dtype=np.int32), values),
            "source": columntables.Column(np.arange(len(sources), dtype=np.int32), sources),
        },
    )
    reader = _Columns({"dup_group": groups, "source_name": sources})
    for ranked in ([0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [1, 3, 0, 4, 2]):
        assert search_module.collapse_ranked(tables, ranked) == search_module._collapse(reader, ranked)
    assert search_module._collapse(reader, [1, 0])[1] == {0: ("A",)}


# -- when tables are built, and rebuilt ------------------------------------------------------------------


def test_tables_are_built_only_when_they_pay(tmp_path: Path) -> None:
    rng = random.Random(3)
    articles = [
        Article(id=f"a{n}", title="Note", body=("ferry " if n < 5 else "storm ") + story(rng, n))
        for n in range(40)
    ]
    with Index.create(tmp_path / "index") as index:
        index.add(articles)
        reader = index._get_searcher().reader()
        index.search("ferry", facets=["year"], collapse=True)  # 5 of 40 matches: counted the old way
        assert columntables.built(reader) is None
        assert tables_for(reader, 5, 1, True) is None
        index.search("storm", facets=list(FACETS), collapse=True)  # 35 of 40, seven counts: worth it
        assert columntables.built(reader) is not None
        assert tables_for(reader, 1, 1) is columntables.built(reader)  # once built, always used


def test_a_commit_gives_new_tables(tmp_path: Path) -> None:
    rng = random.Random(5)
    with Index.create(tmp_path / "index") as index:
        index.add([Article(id="a", title="Ferry", body="ferry " + story(rng, 1), source="Harbor Gazette")])
        assert index.warm()
        first = index._get_searcher().reader()
        assert columntables.built(first) is not None
        assert index.search("ferry", facets=["source"]).facets["source"] == [("Harbor Gazette", 1)]
        index.add([Article(id="b", title="Ferry", body="ferry " + story(rng, 2), source="Metro Wire")])
        second = index._get_searcher().reader()
        assert second is not first
        waited = time.monotonic() + 10
        while columntables.built(second) is None and time.monotonic() < waited:  # warmed in the background
            time.sleep(0.01)
        assert columntables.built(second) is not None
        results = index.search("ferry", facets=["source"], collapse=True)
        assert results.facets["source"] == [("Harbor Gazette", 1), ("Metro Wire", 1)]
        assert results.stories == 2


def test_without_numpy_searches_count_the_old_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = random_articles(11, 30)
    with Index.create(tmp_path / "index") as index:
        index.add(articles)
        with way(tables=False):
            expected = [index.search(q, facets=list(FACETS), collapse=True) for q in COMMON]
        monkeypatch.setitem(sys.modules, "numpy", None)  # `import numpy` now raises ImportError
        assert columntables.numpy_module() is None
        assert not index.warm()
        assert [index.search(q, facets=list(FACETS), collapse=True) for q in COMMON] == expected
        assert columntables.built(index._get_searcher().reader()) is None


def test_threads_that_ask_at_once_share_one_searcher(index_dir) -> None:
    """`warm` runs in a thread beside the first searches (the web page): they must not each open a
    searcher (one would be lost, its files left open)."""
    import threading

    from searcher import Index

    for _ in range(5):
        with Index.open(index_dir) as ix:
            barrier = threading.Barrier(8)
            found = []

            def ask(barrier=barrier, found=found) -> None:
                barrier.wait()
                found.append(ix._get_searcher())

            threads = [threading.Thread(target=ask) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert len({id(searcher) for searcher in found}) == 1


def test_a_storys_copies_are_the_same_from_the_tables(tmp_path) -> None:
    import webcorpus

    from searcher import Index

    path = webcorpus.build(tmp_path / "index")
    ids = [article.id for article in webcorpus.articles()]
    with Index.open(path) as cold:
        scanned = {article_id: [hit.id for hit in cold.copies(article_id)] for article_id in ids}
    with Index.open(path) as warm:
        assert warm.warm()
        assert {article_id: [hit.id for hit in warm.copies(article_id)] for article_id in ids} == scanned
    assert scanned["ferry-harbor"] == ["ferry-valley"] and scanned["bail-01"] == []
