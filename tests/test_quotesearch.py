"""Quote search through the library: words in quotes, speakers, ranking, highlights, filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from searcher import Article, Index, QueryError, Quote


def article(id_: str, day: dt.date, paragraphs: list[tuple[str, str | None]], title: str = "") -> Article:
    """An article whose body is the given quotes, each as its own paragraph ("“…,” Speaker said.")."""
    body_parts, quotes, offset = [], [], 0
    for text, speaker in paragraphs:
        line = f"“{text}” {speaker or 'Someone'} said."
        quotes.append(Quote(text, speaker, offset + 1, offset + 1 + len(text)))
        body_parts.append(line)
        offset += len(line) + 2
    return Article(
        id=id_, title=title or id_, body="\n\n".join(body_parts), date=day, quotes=quotes, source="Test Daily"
    )


ARTICLES = [
    article(
        "bail-2018",
        dt.date(2018, 1, 16),
        [
            ("Nobody should sit in jail because they cannot afford bail", "Denise Holloway"),
            ("That is not public safety, that is punishing poverty", "Denise Holloway"),
            ("We will see the same people arrested again", "Frank DeLuca"),
        ],
    ),
    article(
        "diversion-2019",
        dt.date(2019, 11, 3),
        [("A criminal record is rarely the answer for a first offense", "James Albright")],
    ),
    article(
        "reform-2017",
        dt.date(2017, 11, 9),
        [
            ("There is a growing movement of progressive prosecutors", "Ben Waxman"),
            ("He wanted to connect with his contemporaries", "Ben Waxman"),
            ("a potential bellwether for progressive candidates", None),
        ],
    ),
    article(
        "bail-2020",
        dt.date(2020, 2, 1),
        [("Cash bail punishes poverty, plain and simple", "Denise Holloway")],
    ),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    path: Path = tmp_path_factory.mktemp("quotes") / "index"
    with Index.create(path) as ix:
        ix.add(ARTICLES)
    with Index.open(path) as ix:
        yield ix


def texts(results) -> list[str]:
    return [hit.text for hit in results]


def test_words_find_the_quotes_that_hold_them_not_their_neighbours(index: Index) -> None:
    results = index.quotes("poverty")
    assert sorted(texts(results)) == [
        "Cash bail punishes poverty, plain and simple",
        "That is not public safety, that is punishing poverty",
    ]
    assert results.articles == 2


def test_highlights_mark_the_matched_words(index: Index) -> None:
    for hit in index.quotes("progressive prosecutors"):
        marked = {hit.text[a:b].lower() for a, b in hit.highlights}
        assert marked == {"progressive", "prosecutors"}


def test_a_quote_matching_more_words_ranks_first(index: Index) -> None:
    results = index.quotes("bail OR poverty")
    assert results[0].text == "Cash bail punishes poverty, plain and simple"
    assert results[0].score > results[-1].score


def test_phrase_must_stand_in_one_quote(index: Index) -> None:
    assert texts(index.quotes('"public safety"')) == ["That is not public safety, that is punishing poverty"]
    assert texts(index.quotes('"safety public"')) == []


def test_not_drops_single_quotes_not_whole_articles(index: Index) -> None:
    said = texts(index.quotes("speaker:holloway -poverty"))
    assert said == ["Nobody should sit in jail because they cannot afford bail"]


def test_speaker_alone_lists_what_one_person_said_newest_first(index: Index) -> None:
    results = index.quotes(speaker="Holloway")
    assert [h.speaker for h in results] == ["Denise Holloway"] * 3
    assert [h.date for h in results] == sorted((h.date for h in results), reverse=True)
    assert results.total == 3


def test_the_default_sort_ranks_words_and_lists_a_speaker_newest_first(index: Index) -> None:
    assert texts(index.quotes("bail", sort=None)) == texts(index.quotes("bail", sort="relevance"))
    assert texts(index.quotes(speaker="Holloway")) == texts(index.quotes(speaker="Holloway", sort="-date"))
    assert texts(index.quotes("  ", speaker="Holloway", sort="relevance")) == texts(
        index.quotes(speaker="Holloway", sort="-date")
    )


@pytest.mark.parametrize("name", ["waxman", "Ben Waxman", "BEN WAXMAN"])
def test_speaker_matches_however_the_name_is_written(index: Index, name: str) -> None:
    assert len(index.quotes(speaker=name)) == 2


def test_speaker_and_words_together(index: Index) -> None:
    assert texts(index.quotes("bail", speaker="holloway", sort="-date")) == [
        "Cash bail punishes poverty, plain and simple",
        "Nobody should sit in jail because they cannot afford bail",
    ]
    assert texts(index.quotes("bail", speaker="DeLuca")) == []


def test_unattributed_quotes_are_found_by_words_but_have_no_speaker(index: Index) -> None:
    results = index.quotes("bellwether")
    assert [(h.text, h.speaker) for h in results] == [
        ("a potential bellwether for progressive candidates", None)
    ]


def test_hits_carry_their_article(index: Index) -> None:
    hit = index.quotes("contemporaries")[0]
    assert (hit.article_id, hit.title, hit.date, hit.source) == (
        "reform-2017",
        "reform-2017",
        dt.date(2017, 11, 9),
        "Test Daily",
    )
    source = index.get(hit.article_id)
    assert source is not None and source.body[hit.start : hit.end] == hit.text


def test_date_filters_apply_to_the_article(index: Index) -> None:
    assert texts(index.quotes(speaker="holloway", since="2019")) == [
        "Cash bail punishes poverty, plain and simple"
    ]
    assert len(index.quotes("poverty", until="2018-12")) == 1
    assert len(index.quotes("poverty date:2020")) == 1


def test_paging(index: Index) -> None:
    first = index.quotes(speaker="holloway", limit=2)
    second = index.quotes(speaker="holloway", limit=2, page=2)
    assert len(first) == 2 and len(second) == 1
    assert [h.rank for h in [*first, *second]] == [1, 2, 3]
    assert set(texts(first)).isdisjoint(texts(second))


def test_nothing_to_look_for_is_a_query_error(index: Index) -> None:
    with pytest.raises(QueryError):
        index.quotes()
    with pytest.raises(QueryError):
        index.quotes(speaker="J.")


@pytest.mark.parametrize(
    "query", ['speaker:"Denise Holloway"', 'speaker:"denise holloway"', "speaker:holloway"]
)
def test_a_speaker_clause_in_the_query_keeps_that_persons_quotes(index: Index, query: str) -> None:
    results = index.quotes(query)
    assert results.total == 3
    assert {h.speaker for h in results} == {"Denise Holloway"}


def test_clauses_about_the_article_choose_articles_not_quotes(index: Index) -> None:
    """``date:`` and ``title:`` neither select nor reject a quotation of an article they match."""
    assert texts(index.quotes("title:diversion")) == [
        "A criminal record is rarely the answer for a first offense"
    ]
    every = index.quotes("date:2018")
    assert every.total == 3 and {h.score for h in every} == {0.0}
    assert texts(index.quotes("poverty OR date:2017")) == texts(index.quotes("poverty"))
    assert texts(index.quotes("poverty -title:diversion")) == texts(index.quotes("poverty"))


def test_a_speaker_clause_in_an_or_keeps_that_persons_quotes_or_the_words(index: Index) -> None:
    found = set(texts(index.quotes("speaker:deluca OR bellwether")))
    assert found == {
        "We will see the same people arrested again",
        "a potential bellwether for progressive candidates",
    }


def test_a_phrase_is_marked_as_one_span_and_a_pattern_where_it_matched(index: Index) -> None:
    (hit,) = index.quotes('"public safety"')
    assert [hit.text[a:b] for a, b in hit.highlights] == ["public safety"]
    marked = {h.text[a:b].lower() for h in index.quotes("progress*") for a, b in h.highlights}
    assert marked == {"progressive"}


def test_more_of_a_word_in_a_shorter_quote_scores_higher(index: Index) -> None:
    """BM25 per quote: the same word, in a quote about it, beats it in passing."""
    results = index.quotes("progressive")
    assert texts(results)[0] == "a potential bellwether for progressive candidates"
    assert results[0].score > results[1].score > 0
