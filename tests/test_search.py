"""Searching: words, phrases, fields, dates, sorting, paging, snippets, suggestions and bad queries."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import COUNCIL, EXPECTED
from hypothesis import given, settings
from hypothesis import strategies as st

from searcher import Index, QueryError, SearcherError
from searcher.engine.schema import text_analyzer

NOW = dt.datetime(2019, 7, 1, 12, 0)


def ids(index: Index, query: str, **kwargs) -> set[str]:
    results = index.search(query, limit=100, **kwargs)
    assert results.total == len(results.hits)
    return {hit.id for hit in results}


def day(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


# -- words and phrases ----------------------------------------------------------------------------------


def test_a_word(built_index: Index) -> None:
    assert ids(built_index, "giraffe") == {"txt/zoo.txt"}


def test_all_words_are_required(built_index: Index) -> None:
    assert ids(built_index, "council") == set(COUNCIL)
    assert ids(built_index, "council lighthouse") == set()
    assert ids(built_index, "council gorge") == {"https://riverton.example.com/news/bridge-closure"}


def test_or_and_not(built_index: Index) -> None:
    assert ids(built_index, "giraffe OR lighthouse") == {"txt/zoo.txt", "txt/lighthouse.txt.gz"}
    assert ids(built_index, "council NOT gorge") == set(COUNCIL) - {
        "https://riverton.example.com/news/bridge-closure"
    }


def test_stemming_and_case(built_index: Index) -> None:
    assert ids(built_index, "GIRAFFES") == {"txt/zoo.txt"}
    assert (
        ids(built_index, "orchard")
        == ids(built_index, "orchards")
        == {"https://valley.example.com/orchard-frost"}
    )


def test_a_word_in_the_title_only(built_index: Index) -> None:
    assert ids(built_index, "newborn") == {"txt/zoo.txt"}


def test_text_from_every_format_is_searchable(built_index: Index) -> None:
    expected = {
        "dredging": "txt/dredging.txt",
        "zookeepers": "txt/zoo.txt",
        "smudge": "https://valley.example.com/orchard-frost",
        "solstice": "txt/lighthouse.txt.gz",
        "corroded": "https://riverton.example.com/news/bridge-closure",
        "paperbacks": "https://lakeside.example.com/bookmobile",
        "rooftop": "metro-2017-002",
        "seismographs": "https://summit.example.com/volcano-alert",
        "drizzle": "records/marathon.json",
    }
    for word, article_id in expected.items():
        assert ids(built_index, word) == {article_id}, word


def test_phrases(built_index: Index) -> None:
    assert ids(built_index, '"container ships"') == {"txt/dredging.txt"}
    assert ids(built_index, '"ships container"') == set()
    assert ids(built_index, '"city council"') == set(COUNCIL)
    assert ids(built_index, '"council city"') == set()


def test_prefix(built_index: Index) -> None:
    assert ids(built_index, "seismo*") == {"https://summit.example.com/volcano-alert"}


# -- fields ----------------------------------------------------------------------------------------------


def test_title_field(built_index: Index) -> None:
    assert ids(built_index, "title:giraffe") == {"txt/zoo.txt"}
    assert ids(built_index, "title:zookeepers") == set()  # in the body only


def test_byline_field_and_its_aliases(built_index: Index) -> None:
    expected = {"metro-2017-002", "txt/dredging.txt"}
    assert ids(built_index, "byline:whitaker") == expected
    assert ids(built_index, "author:whitaker") == expected
    assert ids(built_index, 'byline:"tom whitaker"') == expected
    assert ids(built_index, "whitaker") == set(), "bylines are not in the default fields"


def test_source_field(built_index: Index) -> None:
    assert ids(built_index, 'source:"metro wire"') == {
        "metro-2015-001",
        "metro-2017-002",
        "metro-2018-003",
        "metro-2019-004",
    }
    assert ids(built_index, "source:summit") == {
        "https://summit.example.com/volcano-alert",
        "records/archive.json#2",
    }
    assert ids(built_index, "publisher:gazette") == {"txt/dredging.txt"}


def test_speaker_field(built_index: Index) -> None:
    assert ids(built_index, "speaker:vasquez") == {"txt/dredging.txt"}
    assert ids(built_index, 'speaker:"jane roe"') == {
        "https://riverton.example.com/news/bridge-closure",
        "metro-2019-004",
    }
    assert ids(built_index, "speaker:roe island") == {"metro-2019-004"}


def test_quote_field(built_index: Index) -> None:
    assert ids(built_index, 'quote:"container ships"') == {"txt/dredging.txt"}
    assert ids(built_index, "quote:dredging") == set(), "words outside quotations"
    assert ids(built_index, "quote:winter") == {"https://riverton.example.com/news/bridge-closure"}


# -- dates -----------------------------------------------------------------------------------------------


def dated(year_from: int | None = None, year_to: int | None = None) -> set[str]:
    return {
        e.id
        for e in EXPECTED.values()
        if e.date
        and (year_from is None or e.date.year >= year_from)
        and (year_to is None or e.date.year <= year_to)
    }


def test_date_year(built_index: Index) -> None:
    assert ids(built_index, "date:2017") == dated(2017, 2017)
    assert len(dated(2017, 2017)) == 3


def test_date_month_and_day(built_index: Index) -> None:
    assert ids(built_index, "date:2017-11") == {"https://riverton.example.com/news/bridge-closure"}
    assert ids(built_index, "date:2017-11-09") == {"https://riverton.example.com/news/bridge-closure"}
    assert ids(built_index, "date:2017-11-10") == set()


def test_date_with_words(built_index: Index) -> None:
    assert ids(built_index, "council date:2017") == {"https://riverton.example.com/news/bridge-closure"}


def test_date_ranges(built_index: Index) -> None:
    assert ids(built_index, "date:[2016-01-01 TO 2017-12-31]") == dated(2016, 2017)
    assert ids(built_index, "date:[2016 TO 2017]") == dated(2016, 2017)
    assert ids(built_index, "date:[2018 TO]") == dated(2018)
    assert len(dated(2016, 2017)) == 6


def test_date_comparisons(built_index: Index) -> None:
    after = {e.id for e in EXPECTED.values() if e.date and e.date > dt.date(2018, 6, 1)}
    assert ids(built_index, "date:>2018-06-01") == after
    assert ids(built_index, "date:>=2019") == dated(2019)
    assert ids(built_index, "date:<2016") == dated(None, 2015)
    assert ids(built_index, "date:<=2016") == dated(None, 2016)


def test_relative_dates(built_index: Index) -> None:
    assert ids(built_index, 'date:"this year"', now=NOW) == dated(2019)
    assert ids(built_index, 'date:"last year"', now=NOW) == dated(2018, 2018)


def test_since_and_until(built_index: Index) -> None:
    both = {"https://riverton.example.com/news/bridge-closure", "metro-2018-003"}
    assert ids(built_index, "council", since="2017", until="2018") == both
    assert ids(built_index, "council", since=dt.date(2017, 1, 1), until=dt.date(2018, 12, 31)) == both
    assert ids(built_index, "council", since="2019-05-05") == {"metro-2019-004"}
    assert ids(built_index, "council", until="2015-03") == {"txt/dredging.txt"}
    # Dates filter by day: a time of day in a bound does not split the day.
    assert ids(built_index, "council", since=dt.datetime(2019, 5, 5, 8, 0)) == {"metro-2019-004"}
    assert ids(built_index, "council", since=dt.datetime(2019, 5, 6, 0, 0)) == set()


def test_bad_since(built_index: Index) -> None:
    with pytest.raises(SearcherError, match="since"):
        built_index.search("council", since="whenever")


# -- sorting and paging ------------------------------------------------------------------------------------


def test_sort_by_date(built_index: Index) -> None:
    hits = built_index.search("council", sort="date", limit=10).hits
    dates = [day(h.date) for h in hits]
    assert dates == [*sorted(d for d in COUNCIL.values() if d), None], "oldest first, undated last"


def test_sort_by_date_newest_first(built_index: Index) -> None:
    hits = built_index.search("council", sort="-date", limit=10).hits
    dates = [day(h.date) for h in hits]
    assert dates == [*sorted((d for d in COUNCIL.values() if d), reverse=True), None], (
        "newest first, undated last"
    )


def test_sort_everything_by_date(built_index: Index) -> None:
    hits = built_index.search("*", sort="date", limit=100).hits
    assert len(hits) == len(EXPECTED)
    dates = [day(h.date) for h in hits if h.date]
    assert dates == sorted(dates)
    assert hits[-1].date is None


def test_relevance_scores_decrease(built_index: Index) -> None:
    results = built_index.search("council", limit=10)
    scores = [h.score for h in results]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)
    assert [h.rank for h in results] == list(range(1, len(results) + 1))


def test_title_matches_score_higher(built_index: Index) -> None:
    # "lighthouse" is in the title and body of one article; "lantern" only in its body.
    hit = built_index.search("lighthouse", limit=1)[0]
    assert hit.id == "txt/lighthouse.txt.gz"
    assert hit.score > built_index.search("lantern", limit=1)[0].score


def test_bad_sort(built_index: Index) -> None:
    with pytest.raises(ValueError, match="sort"):
        built_index.search("council", sort="sideways")  # type: ignore[arg-type]


def test_limit_and_pages(built_index: Index) -> None:
    seen: list[str] = []
    for page in (1, 2, 3):
        results = built_index.search("council", limit=2, page=page, sort="date")
        assert results.total == len(COUNCIL)
        assert results.pages == 3
        assert (results.page, results.limit) == (page, 2)
        assert len(results) == (2 if page < 3 else 1)
        assert [h.rank for h in results] == list(range(2 * page - 1, 2 * page - 1 + len(results)))
        seen.extend(h.id for h in results)
    assert sorted(seen) == sorted(COUNCIL)
    past = built_index.search("council", limit=2, page=4)
    assert (past.total, len(past)) == (len(COUNCIL), 0)


def test_total_is_exact_beyond_the_limit(built_index: Index) -> None:
    results = built_index.search("*", limit=1)
    assert len(results) == 1
    assert results.total == len(EXPECTED)


def test_bad_limit_and_page(built_index: Index) -> None:
    with pytest.raises(ValueError):
        built_index.search("council", limit=0)
    with pytest.raises(ValueError):
        built_index.search("council", page=0)


# -- hits, snippets and highlights ----------------------------------------------------------------------------


def test_hit_fields(built_index: Index) -> None:
    (hit,) = built_index.search("giraffe").hits
    assert hit.title == "Zoo Welcomes Newborn Giraffe Calf"
    assert hit.date == dt.date(2016, 7, 14)
    assert hit.byline == ["Priya Raman"]
    assert hit.path.endswith("zoo.txt")
    (hit,) = built_index.search("corroded").hits
    assert (hit.source, hit.url) == ("Riverton Courier", "https://riverton.example.com/news/bridge-closure")
    assert isinstance(hit.date, dt.datetime)


def stems(text: str) -> set[str]:
    return {token.text for token in text_analyzer()(text)}


@pytest.mark.parametrize(
    "query",
    [
        "council",
        "channel deep",
        '"container ships"',
        "giraffe calf",
        "lanterns",
        "buses OR ferry",
        "island summer",
    ],
)
def test_highlights_mark_query_words_in_the_snippet(built_index: Index, query: str) -> None:
    words = stems(query.replace(" OR ", " "))
    results = built_index.search(query, limit=20)
    assert results.total > 0
    for hit in results:
        assert hit.snippet
        assert "\n" not in hit.snippet
        assert hit.highlights, hit.id
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)
            assert stems(hit.snippet[start:end]) <= words, (hit.snippet[start:end], query)
            assert stems(hit.snippet[start:end]), hit.snippet[start:end]
        assert hit.highlights == sorted(hit.highlights)


def test_snippet_of_a_long_body_is_cut(built_index: Index) -> None:
    hit = built_index.search("freighters")[0]
    assert len(hit.snippet) < 300
    assert any(hit.snippet[a:b].lower() == "freighters" for a, b in hit.highlights)


def test_title_highlights(built_index: Index) -> None:
    (hit,) = built_index.search("dredging").hits
    assert [hit.title[a:b] for a, b in hit.title_highlights] == ["Dredging"]
    (hit,) = built_index.search("zookeepers").hits
    assert hit.title_highlights == []


def test_a_title_only_match_gets_the_start_of_the_body(built_index: Index) -> None:
    (hit,) = built_index.search("newborn").hits
    assert hit.highlights == []
    assert hit.snippet.startswith("The zookeepers at Maplewood Zoo")


# -- suggestions and errors --------------------------------------------------------------------------------


def test_did_you_mean(built_index: Index) -> None:
    results = built_index.search("girafe")
    assert results.total == 0
    assert results.suggestion == "giraffe"
    assert built_index.search("girafe calf").suggestion == "giraffe calf"
    assert built_index.search('"girafe calf" date:2016').suggestion == '"giraffe calf" date:2016'
    assert built_index.search("title:girafe OR lighthose").suggestion == "title:giraffe OR lighthouse"
    assert built_index.search("giraffe").suggestion is None


def _names_index(tmp_path) -> Index:
    """A German desk's index: a name printed once among everyday words one typo from its parts."""
    from searcher import Article

    index = Index.create(tmp_path / "ix")
    everyday = [
        Article(id=f"d{n}", title=f"Bericht {n}", body="Der Schaden blieb gering, und es geht weiter. " * 3)
        for n in range(30)
    ]
    named = Article(
        id="impf",
        title="Impfgipfel verschoben",
        body="Grünen-Fraktionschefin Katrin Göring-Eckardt forderte mehr Austausch über das Impfen.",
    )
    index.add([*everyday, named])
    return index


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Göring-Eckhardt", "Göring-Eckardt"),  # beside a rare word taken for a typo ("Göring" -> "going")
        ("Göring Eckhardt", "Göring Eckardt"),
        ("Goering-Eckardt", "Goring-Eckardt"),  # "gering" is commoner, but finds nothing with "Eckardt"
    ],
)
def test_did_you_mean_a_name_reads_the_rest_of_the_query(tmp_path, typed: str, meant: str) -> None:
    with _names_index(tmp_path) as index:
        results = index.search(typed)
        assert results.total == 0
        assert results.suggestion == meant
        assert index.search(results.suggestion).total == 1


@pytest.mark.parametrize(
    ("typed", "meant"), [("Putin Merkle", "Putin Merkel"), ("Putni Merkle", "Putin Merkel")]
)
def test_did_you_mean_a_word_in_print_when_the_query_finds_nothing(tmp_path, typed: str, meant: str) -> None:
    """ "Merkle" is in print (a cryptographer), "Merkel" far commoner: with "Putin" only she fits."""
    from searcher import Article

    with Index.create(tmp_path / "ix") as index:
        index.add(
            [
                Article(id=f"m{n}", title=f"Summit {n}", body="Merkel met Putin in Berlin on trade.")
                for n in range(110)
            ]
            + [  # in print in more articles than a typo would be
                Article(id=f"c{n}", title=f"Hash trees {n}", body="Ralph Merkle invented the hash tree.")
                for n in range(5)
            ]
        )
        assert index.search(typed).total == 0
        assert index.search(typed).suggestion == meant
        assert index.search("Putin Merkel").suggestion is None


def test_no_suggestion_for_unknown_gibberish(built_index: Index) -> None:
    results = built_index.search("qqqqqqqqzzzz")
    assert (results.total, results.suggestion) == (0, None)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("date:garbage", "not a date"),
        ("date:2017-13", "not a real date"),
        ("date:", "not a date"),
        ('date:)""', "not a date"),
        ("date:[2018 TO 2016]", "ends before it starts"),
        ("(((", "nothing to search for"),
        ("?!", "nothing to search for"),
        ("s*", "2 letters before it"),
    ],
)
def test_query_errors(built_index: Index, query: str, reason: str) -> None:
    with pytest.raises(QueryError, match=reason) as caught:
        built_index.search(query)
    assert caught.value.query == query
    assert "\n" not in str(caught.value)


QUERY_PIECES = st.sampled_from(
    [
        "council",
        "giraffe",
        '"',
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "AND",
        "OR",
        "NOT",
        "TO",
        "-",
        "+",
        "*",
        "?",
        "~",
        "^2",
        ":",
        "title:",
        "date:",
        "date:2017",
        "date:>",
        "date:[",
        "byline:",
        "speaker:",
        "quote:",
        "nosuch:",
        "'",
        "\\",
        "/",
        "2017-11",
        "é",
        "’",
        " ",
    ]
)


@settings(max_examples=200)
@given(st.one_of(st.text(max_size=30), st.lists(QUERY_PIECES, max_size=8).map("".join)))
def test_any_query_gives_results_or_a_query_error(built_index: Index, query: str) -> None:
    try:
        results = built_index.search(query, limit=5, now=NOW)
    except QueryError:
        return
    assert results.total >= len(results.hits)
    for hit in results:
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)
