"""Facets: counting a whole result set by year, month, source, byline and speaker from columns, and
filling a timeline's empty periods. Counted through `Index.search(facets=...)` over articles added
with known fields, so every count can be worked out from the articles themselves."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher import Article, Index
from searcher.article import Quote
from searcher.read.facets import FACETS, UNDATED, check_facets, count, fill_periods

LONG_SOURCE = "The " + "Very " * 200 + "Long Gazette"
SOURCES = ["Harbor Gazette", "Zürich Zeitung", "東京新聞", LONG_SOURCE, None]
BYLINES = [[], ["Tom Whitaker"], ["Lena Fischer", "Tom Whitaker"], ["José Núñez"], ["Tom Whitaker"] * 2]
DATES = [
    dt.date(2015, 3, 3),
    dt.date(2015, 12, 31),
    dt.datetime(2016, 1, 1, 0, 30),
    dt.date(2018, 7, 14),
    None,
]
N_ARTICLES = 40


def tag(n: int) -> str:
    """A word only article `n` holds (letters only, so the analysis keeps it as it is)."""
    return "tag" + "".join("bcdfghjklm"[int(d)] for d in f"{n:02d}")


def article(n: int) -> Article:
    body = f"The ferry {tag(n)} left early. "
    quotes = []
    if n % 3 == 0:
        said = "We will sail at dawn."
        body += f"“{said}” Ana Lima said."
        start = body.index(said)
        quotes.append(Quote(said, "Ana Lima", start, start + len(said)))
    return Article(
        id=f"story-{n}",
        title=f"Ferry note {n}",
        body=body,
        date=DATES[n % len(DATES)],
        byline=list(BYLINES[n % len(BYLINES)]),
        source=SOURCES[n % len(SOURCES)],
        quotes=quotes,
    )


ARTICLES = [article(n) for n in range(N_ARTICLES)]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with Index.create(tmp_path_factory.mktemp("facets") / "index") as index:
        index.add(ARTICLES)
        yield index


def expected_periods(articles: list[Article], width: int) -> list[tuple[str, int]]:
    counts = Counter(a.date.isoformat()[:width] if a.date else UNDATED for a in articles)
    undated = counts.pop(UNDATED, 0)
    return sorted(counts.items()) + ([(UNDATED, undated)] if undated else [])


# -- check_facets ---------------------------------------------------------------------------------------


def test_check_facets_keeps_the_first_of_each_name_in_order() -> None:
    assert check_facets(["source", "year", "source", "month", "year"]) == ["source", "year", "month"]
    assert check_facets([]) == []
    assert check_facets(iter(FACETS)) == list(FACETS)


def test_check_facets_names_the_unknown_facet_and_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown facet 'author'; facets are year, month, source"):
        check_facets(["year", "author", "decade"])


def test_search_refuses_an_unknown_facet(index: Index) -> None:
    with pytest.raises(ValueError, match="unknown facet 'Year'"):
        index.search("ferry", facets=["Year"])  # type: ignore[list-item]


# -- count ------------------------------------------------------------------------------------------------


def test_no_documents_give_an_empty_list_per_facet_without_reading() -> None:
    assert count(None, [], ["year", "source", "speaker"]) == {"year": [], "source": [], "speaker": []}


def test_no_match_gives_no_facets(index: Index) -> None:
    results = index.search("submarine", facets=["year", "source"])
    assert results.total == 0
    assert all(not counts for counts in results.facets.values())


def test_years_and_months_in_time_order_with_undated_last(index: Index) -> None:
    results = index.search("ferry", facets=["year", "month"], limit=1)
    assert results.total == N_ARTICLES
    assert results.facets["year"] == expected_periods(ARTICLES, 4)
    assert results.facets["month"] == expected_periods(ARTICLES, 7)
    assert results.facets["year"][-1] == (UNDATED, N_ARTICLES // len(DATES))
    assert ("2016", N_ARTICLES // len(DATES)) in results.facets["year"]  # a moment counts on its own day


def test_names_commonest_first_then_by_name(index: Index) -> None:
    results = index.search("ferry", facets=["source", "byline", "speaker"])
    sources = Counter(a.source for a in ARTICLES if a.source)
    assert results.facets["source"] == sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))
    assert LONG_SOURCE in dict(results.facets["source"]), "a long value is counted whole"
    assert {"東京新聞", "Zürich Zeitung"} <= set(dict(results.facets["source"]))
    assert results.facets["speaker"] == [("Ana Lima", len([a for a in ARTICLES if a.quotes]))]


def test_a_name_twice_in_one_byline_counts_the_article_once(index: Index) -> None:
    results = index.search("ferry", facets=["byline"])
    whitaker = sum(1 for a in ARTICLES if "Tom Whitaker" in a.byline)
    assert dict(results.facets["byline"])["Tom Whitaker"] == whitaker
    assert "" not in dict(results.facets["byline"]), "an empty byline is no name"


def test_names_are_cut_to_the_top_but_periods_are_not(tmp_path: Path) -> None:
    articles = [
        Article(id=f"a{n}", title="Tide", body="tide", source=f"Source {n:02d}", date=dt.date(1990 + n, 1, 1))
        for n in range(25)
    ]
    with Index.create(tmp_path / "index") as index:
        index.add(articles)
        facets = index.search("tide", facets=["source", "year"]).facets
    assert len(facets["source"]) == 20
    assert facets["source"][0] == ("Source 00", 1) and facets["source"][-1] == ("Source 19", 1)
    assert len(facets["year"]) == 25


def test_a_year_before_1000_is_four_digits_and_in_order(tmp_path: Path) -> None:
    """Index.add takes any date: year 999 is "0999", before "2001" (strftime's %Y writes "999")."""
    articles = [
        Article(id="old", title="Charter", body="charter", date=dt.date(999, 5, 1)),
        Article(id="new", title="Charter", body="charter", date=dt.date(2001, 5, 1)),
    ]
    with Index.create(tmp_path / "index") as index:
        index.add(articles)
        facets = index.search("charter", facets=["year", "month"]).facets
        timeline = index.timeline("charter", by="year")
    assert facets["year"] == [("0999", 1), ("2001", 1)]
    assert facets["month"] == [("0999-05", 1), ("2001-05", 1)]
    assert timeline.periods[0] == ("0999", 1) and timeline.periods[-1] == ("2001", 1)
    assert len(timeline.periods) == 2001 - 999 + 1


@given(st.sets(st.integers(0, N_ARTICLES - 1), min_size=1))
def test_every_facet_counts_exactly_the_matching_articles(index: Index, chosen: set[int]) -> None:
    """Periods sum to the total; each name counts the matching articles that carry it."""
    results = index.search(" ".join(tag(n) for n in chosen), any_words=True, facets=list(FACETS))
    matched = [ARTICLES[n] for n in sorted(chosen)]
    assert results.total == len(matched)
    for period in ("year", "month"):
        assert sum(n for _, n in results.facets[period]) == results.total
    assert results.facets["year"] == expected_periods(matched, 4)
    assert dict(results.facets["source"]) == Counter(a.source for a in matched if a.source)
    assert dict(results.facets["byline"]) == Counter(name for a in matched for name in set(a.byline))
    assert dict(results.facets["speaker"]) == Counter(q.speaker for a in matched for q in a.quotes[:1])


# -- fill_periods -----------------------------------------------------------------------------------------


def test_fill_nothing_dated_gives_no_periods() -> None:
    assert fill_periods([], "year") == []
    assert fill_periods([(UNDATED, 4)], "month") == []


def test_fill_years_puts_zeros_in_the_gaps_and_drops_undated() -> None:
    counts = [("2014", 2), ("2017", 1), (UNDATED, 9)]
    assert fill_periods(counts, "year") == [("2014", 2), ("2015", 0), ("2016", 0), ("2017", 1)]


def test_fill_months_runs_across_the_new_year() -> None:
    counts = [("2016-11", 1), ("2017-02", 3)]
    assert fill_periods(counts, "month") == [("2016-11", 1), ("2016-12", 0), ("2017-01", 0), ("2017-02", 3)]


def test_fill_one_period_is_itself() -> None:
    assert fill_periods([("2019-06", 5)], "month") == [("2019-06", 5)]
    assert fill_periods([("2019", 5)], "year") == [("2019", 5)]


MONTHS = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1990, 2030), st.integers(1, 12))


@given(st.dictionaries(MONTHS, st.integers(1, 50), min_size=1, max_size=12), st.integers(0, 5))
def test_filled_months_are_consecutive_and_keep_every_count(months: dict[str, int], undated: int) -> None:
    counts = sorted(months.items()) + ([(UNDATED, undated)] if undated else [])
    filled = fill_periods(counts, "month")
    assert filled[0][0] == min(months) and filled[-1][0] == max(months)
    assert [key for key, _ in filled] == sorted(key for key, _ in filled)
    for (a, _), (b, _) in pairwise(filled):
        year, month = int(a[:4]), int(a[5:])
        assert b == (f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}")
    assert {k: n for k, n in filled if n} == months
