"""Renderings of results, quotes, timelines and articles: text for a terminal (colour on or off, wrapped
to a width, an article's id never cut) and JSON, JSON Lines and CSV for scripts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher import Article
from searcher.article import Quote
from searcher.cli import render
from searcher.read.export import HIT_FIELDS, to_json
from searcher.read.quotesearch import QuoteHit, QuoteResults
from searcher.read.search import Hit, Results
from searcher.reports import IndexStats, Progress, Skip, Timeline, UpdateReport

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LONG_ID = "https://example.com/" + "a-very-long-path-segment/" * 12 + "story.html"


def hit(rank: int = 1, **changes) -> Hit:
    fields = {
        "rank": rank,
        "id": f"story-{rank}",
        "title": "Harbor Dredging Wins Approval",
        "date": dt.date(2015, 3, 3),
        "byline": ["Tom Whitaker", "Lena Fischer"],
        "source": "Harbor Gazette",
        "url": "https://harbor.example.com/dredging",
        "path": "txt/dredging.txt",
        "score": 3.14159265,
        "snippet": "The harbor dredging plan cleared its last federal hurdle",
        "highlights": [(4, 10)],
        "title_highlights": [(0, 6)],
    }
    fields.update(changes)
    return Hit(**fields)


def results(*hits: Hit, **changes) -> Results:
    fields = {"query": "harbor", "total": len(hits), "hits": list(hits)}
    fields.update(changes)
    return Results(**fields)


def quote_hit(rank: int = 1, **changes) -> QuoteHit:
    fields = {
        "rank": rank,
        "text": "The channel will finally be deep enough",
        "speaker": "Elena Vasquez",
        "score": 2.5,
        "highlights": [(4, 11)],
        "article_id": f"story-{rank}",
        "title": "Harbor Dredging Wins Approval",
        "date": dt.date(2015, 3, 3),
        "source": "Harbor Gazette",
        "url": None,
        "start": 10,
        "end": 49,
    }
    fields.update(changes)
    return QuoteHit(**fields)


def visible(text: str) -> str:
    return ANSI.sub("", text)


# -- marking ---------------------------------------------------------------------------------------------


def test_marked_marks_each_span_in_order() -> None:
    assert (
        render.marked("city council votes", [(5, 12), (0, 4)], render.stars) == "**city** **council** votes"
    )


def test_marked_skips_a_span_overlapping_one_already_marked() -> None:
    assert render.marked("abcdef", [(0, 3), (2, 5)], render.stars) == "**abc**def"


def test_marked_without_spans_is_the_text() -> None:
    assert render.marked("plain text", [], render.stars) == "plain text"


# -- search results as text -----------------------------------------------------------------------------------


def test_no_results_say_so_with_the_suggestion() -> None:
    text = render.results_text(results(query="harbr", suggestion="harbor"), color=False, width=80)
    assert text == "No articles match 'harbr'.\nDid you mean: harbor"
    assert render.results_text(results(query="zzz"), color=False, width=80) == "No articles match 'zzz'."


def test_results_without_colour_mark_words_with_stars_and_hold_no_escapes() -> None:
    text = render.results_text(results(hit()), color=False, width=100)
    assert "\x1b[" not in text
    assert "**Harbor** Dredging" in text and "The **harbor** dredging" in text
    assert text.splitlines()[0] == "1 article matches 'harbor' (showing 1-1, page 1 of 1)"
    assert "2015-03-03 · Tom Whitaker, Lena Fischer · Harbor Gazette · id story-1" in text


def test_results_with_colour_use_escapes_instead_of_stars() -> None:
    text = render.results_text(results(hit()), color=True, width=100)
    assert "\x1b[" in text and "**" not in text
    assert visible(text) == render.results_text(results(hit()), color=False, width=100).replace("**", "")


def test_results_header_counts_stories_and_a_page_past_the_last() -> None:
    two = results(hit(1), hit(2), total=12, stories=1, limit=2)
    assert "12 articles match 'harbor', 1 distinct story (showing 1-2, page 1 of 1)" in render.results_text(
        two, color=False, width=100
    )
    past = results(total=3, page=5, limit=2)
    assert render.results_text(past, color=False, width=100).splitlines()[0] == (
        "3 articles match 'harbor' (page 5 is past the last page, 2)"
    )


def test_an_untitled_undated_hit_without_byline_shows_only_its_id() -> None:
    bare = hit(title="", date=None, byline=[], source=None, snippet="", title_highlights=[], highlights=[])
    lines = render.results_text(results(bare), color=False, width=80).splitlines()
    assert lines[2:] == ["  1. (untitled)", "     id story-1"]


def test_copies_are_counted_by_source() -> None:
    text = render.results_text(results(hit(copies=("Wire", "Wire", None))), color=False, width=100)
    assert "+ 3 near-identical copies: Wire (2), unknown source" in text


def test_facets_follow_the_hits() -> None:
    facets = {"year": [("2015", 2), ("undated", 1)], "source": []}
    text = render.results_text(results(hit(), facets=facets), color=False, width=100)
    assert text.endswith("year     2015 (2), undated (1)\nsource   -")


def test_a_long_id_is_never_cut_in_text(monkeypatch: pytest.MonkeyPatch) -> None:
    hits = [hit(1, id=LONG_ID), hit(2, id=LONG_ID + "?page=2", source="S" * 200)]
    for width in (30, 60, 100):
        lines = render.results_text(results(*hits), color=False, width=width).splitlines()
        assert f"     id {LONG_ID}" in lines and f"     id {LONG_ID}?page=2" in lines
    quotes = QuoteResults("channel", None, 1, 1, [quote_hit(article_id=LONG_ID)])
    assert f"     id {LONG_ID}" in render.quote_results_text(quotes, color=False, width=40).splitlines()


def test_text_wraps_to_the_width_it_is_given() -> None:
    long = hit(title="Harbor " * 30, snippet="dredging " * 60, highlights=[(0, 8)])
    text = render.results_text(results(long), color=True, width=50)
    assert all(len(visible(line)) <= 50 for line in text.splitlines()[1:])  # below the header


def test_the_width_comes_from_columns_at_most_120(monkeypatch: pytest.MonkeyPatch) -> None:
    long = hit(snippet="dredging " * 60, highlights=[])
    monkeypatch.setenv("COLUMNS", "60")
    assert max(map(len, render.results_text(results(long), color=False).splitlines())) <= 60
    monkeypatch.setenv("COLUMNS", "500")
    assert 100 < max(map(len, render.results_text(results(long), color=False).splitlines())) <= 120


ID_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs")), min_size=1, max_size=300
)


@given(st.lists(ID_TEXT, min_size=1, max_size=4, unique=True), st.integers(20, 140), st.booleans())
def test_every_id_stands_whole_on_one_line(ids: list[str], width: int, color: bool) -> None:
    hits = [hit(n, id=article_id, source="Wire " * (n * 7)) for n, article_id in enumerate(ids, 1)]
    lines = visible(render.results_text(results(*hits), color=color, width=width)).splitlines()
    for article_id in ids:
        assert any(line.endswith(f"id {article_id}") for line in lines), article_id


# -- the formats for scripts -------------------------------------------------------------------------------


def test_results_to_dict_holds_every_field_and_rounds_the_score() -> None:
    data = results(hit(), facets={"year": [("2015", 1)]}).to_dict()
    assert data["hits"][0]["score"] == 3.1416 and data["hits"][0]["date"] == "2015-03-03"
    assert data["hits"][0]["highlights"] == [[4, 10]] and "copies" not in data["hits"][0]
    assert data["facets"] == {"year": [{"value": "2015", "articles": 1}]}
    assert "stories" not in data
    assert results(hit(), stories=0).to_dict()["stories"] == 0


def test_hits_jsonl_is_one_object_per_hit_with_the_chosen_fields_in_order() -> None:
    lines = render.hits_jsonl(results(hit(1), hit(2, id=LONG_ID)), ["id", "rank"]).split("\n")
    assert [json.loads(line) for line in lines] == [{"id": "story-1", "rank": 1}, {"id": LONG_ID, "rank": 2}]
    assert list(json.loads(lines[0])) == ["id", "rank"]


def test_hits_csv_joins_lists_and_leaves_missing_values_empty() -> None:
    text = render.hits_csv(results(hit(source=None, copies=("A", "B"))), ["id", "byline", "source", "copies"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["id", "byline", "source", "copies"],
        ["story-1", "Tom Whitaker; Lena Fischer", "", "A; B"],
    ]


def test_hits_csv_without_fields_has_the_default_columns() -> None:
    rows = list(csv.reader(io.StringIO(render.hits_csv(results(hit(title='He said "no", twice')), None))))
    assert rows[0] == list(HIT_FIELDS)
    assert rows[1][HIT_FIELDS.index("title")] == 'He said "no", twice'


def test_to_json_is_one_line_with_text_as_it_is() -> None:
    assert to_json({"title": "Zürich\n東京"}) == '{"title":"Zürich\\n東京"}'


def test_to_json_escapes_a_lone_surrogate_instead_of_failing() -> None:
    line = to_json({"title": "bad \ud800 text"})
    assert json.loads(line) == {"title": "bad \ud800 text"}


# -- quotes, timelines, articles --------------------------------------------------------------------------------


def test_no_quotes_say_what_was_asked() -> None:
    assert render.quote_results_text(QuoteResults("oil", None, 0, 0), color=False) == "No quotes match 'oil'."
    nobody = QuoteResults(None, "Ana Lima", 0, 0)
    assert render.quote_results_text(nobody, color=False) == "No quotes said by 'Ana Lima'."


def test_quote_text_marks_the_words_inside_the_quotation_marks() -> None:
    quotes = QuoteResults("channel", None, 2, 1, [quote_hit(), quote_hit(2, speaker=None, title="")])
    text = render.quote_results_text(quotes, color=False, width=100)
    assert text.splitlines()[0] == "2 quotes match 'channel' in 1 article"
    assert "  1. “The **channel** will finally be deep enough”" in text
    assert (
        "— Elena Vasquez · Harbor Dredging Wins Approval · 2015-03-03 · Harbor Gazette · id story-1" in text
    )
    assert "— unattributed · (untitled)" in text


def test_quote_results_to_dict_names_the_article() -> None:
    data = QuoteResults("oil", "Ana", 1, 1, [quote_hit()]).to_dict()
    assert data["quotes"][0]["id"] == "story-1" and data["quotes"][0]["date"] == "2015-03-03"
    assert (data["query"], data["speaker"], data["total"], data["articles"]) == ("oil", "Ana", 1, 1)


def test_a_timeline_bar_is_scaled_to_the_peak() -> None:
    timeline = Timeline("council", "year", 7, [("2015", 4), ("2016", 0), ("2017", 2)], undated=1)
    lines = render.timeline_text(timeline, color=False, width=40).splitlines()
    assert lines[0] == "7 articles match 'council', by year"
    bars = {line[:4]: line.split("│")[1] for line in lines[2:5]}
    assert bars["2016"] == " 0"
    assert len(bars["2015"].split()[0]) == 2 * len(bars["2017"].split()[0])
    assert lines[-1] == "(and 1 undated)"


def test_a_timeline_without_dated_articles_says_so() -> None:
    text = render.timeline_text(Timeline("zoo", "month", 1, [], undated=1), color=True, width=80)
    assert text.splitlines() == [
        "1 article match 'zoo', by month",
        "",
        "(no dated articles)",
        "(and 1 undated)",
    ]


def test_a_coloured_timeline_is_the_plain_one_with_escapes() -> None:
    timeline = Timeline("council", "month", 3, [("2015-01", 3), ("2015-02", 1)])
    coloured = render.timeline_text(timeline, color=True, width=60)
    assert "\x1b[" in coloured
    assert visible(coloured) == render.timeline_text(timeline, color=False, width=60)


def test_article_text_shows_the_given_fields_and_the_quotes() -> None:
    body = "“We sail at dawn,” Ana Lima said."
    article = Article(
        id=LONG_ID,
        title="Ferry",
        body=body,
        source="Wire",
        quotes=[Quote("We sail at dawn,", "Ana Lima", 1, 17)],
    )
    text = render.article_text(article, color=False)
    assert text.splitlines()[:4] == ["Ferry", "", f"id      {LONG_ID}", "source  Wire"]
    assert "date" not in text and "byline" not in text
    assert text.endswith("Quotes (1):\n  “We sail at dawn,” — Ana Lima")
    assert "\x1b[" in render.article_text(article, color=True)


def test_article_summary_marks_what_is_missing() -> None:
    summary = render.article_summary(Article(id="a", title="T", body="one two\n\nthree"))
    assert "date    -" in summary and "byline  -" in summary and "source  -" in summary
    assert "body    2 paragraphs, 3 words" in summary and "url" not in summary


# -- small helpers -------------------------------------------------------------------------------------------


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert render.shorten("Harbor Dredging Wins", 40) == "Harbor Dredging Wins"
    assert render.shorten("Harbor Dredging Wins Federal Approval", 20) == "Harbor Dredging…"
    assert render.shorten("Supercalifragilistic", 8) == "Superca…"


@given(st.text(max_size=200), st.integers(1, 120))
def test_shortened_text_is_a_prefix_within_the_limit(text: str, chars: int) -> None:
    short = render.shorten(text, chars)
    assert len(short) <= chars or short == text
    assert text.startswith(short.removesuffix("…"))


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1.0 KB"), (2_500_000, "2.5 MB"), (7 * 10**12, "7000.0 GB")],
)
def test_human_size(size: int, shown: str) -> None:
    assert render.human_size(size) == shown


def test_stats_text_labels_each_fact_and_dashes_what_is_missing() -> None:
    full = IndexStats(
        "idx", 3, dt.date(2017, 1, 2), dt.date(2018, 3, 4), [("Wire", 2)], [("Ann Lee", 1)], 2, 2048, 1, 2,
        [("en", 2), ("de", 1)],
    )  # fmt: skip
    assert render.stats_text(full).splitlines() == [
        "index     idx",
        "articles  3 from 2 files",
        "copies    1 stories with near-identical copies (2 articles)",
        "dates     2017-01-02 … 2018-03-04",
        f"size      {render.human_size(2048)}",
        "sources   Wire (2)",
        "bylines   Ann Lee (1)",
        "languages en (2), de (1)",
    ]
    empty = render.stats_text(IndexStats("idx", 0, None, None, [], [], 0, 0)).splitlines()
    assert [line for line in empty if line.startswith(("dates", "sources", "bylines", "languages"))] == [
        "dates     -",
        "sources   -",
        "bylines   -",
        "languages -",
    ]


def test_update_summary_is_one_line_with_every_count() -> None:
    report = UpdateReport(
        added=3, updated=2, removed=1, files_seen=9, files_parsed=5, files_unchanged=4,
        skipped=[Skip("a.txt", "binary data, not an article")], seconds=1.26, total=40,
    )  # fmt: skip
    assert render.update_summary(report, "index") == (
        "3 added, 2 updated, 1 removed, 1 skipped; 9 files (5 parsed, 4 unchanged) in 1.3 s. "
        "index holds 40 articles."
    )


def test_trec_lines_number_ranks_from_one_in_order() -> None:
    lines = render.trec_lines("q7", [("doc-b", 2.5), ("doc-a", 1.25)], "run1")
    assert lines == "q7 Q0 doc-b 1 2.500000 run1\nq7 Q0 doc-a 2 1.250000 run1\n"
    assert render.trec_lines("q8", [], "run1") == ""


def test_progress_text_gives_articles_pace_share_and_time_left_once_it_can_tell() -> None:
    early = render.progress_text(
        Progress(articles=120, files_done=1, files_total=50, fraction=0.01, seconds=0.5)
    )
    assert early == "parsing: 120 articles · 240/s · 1%"
    later = render.progress_text(
        Progress(articles=52_000, files_done=3, files_total=8, fraction=0.4, seconds=40)
    )
    assert later == "parsing: 52,000 articles · 1,300/s · 40% · 1 min left"
    long = Progress(articles=10, files_done=1, files_total=9, fraction=0.1, seconds=900)
    assert render.progress_text(long).endswith("· 2 h 15 min left")
    assert Progress(0, 0, 1, 0.0, 0.0).rate == 0.0


@given(st.integers(0, 10**9), st.floats(0, 1), st.floats(0, 10**6, allow_nan=False, allow_infinity=False))
def test_progress_text_never_fails(articles: int, fraction: float, seconds: float) -> None:
    assert render.progress_text(Progress(articles, 1, 2, fraction, seconds)).startswith("parsing: ")


def test_update_summary_counts_skipped_documents_by_kind() -> None:
    skipped = [
        Skip("a/report.pdf", "a PDF; …"),
        Skip("a/scan.PDF.gz", "a PDF; …"),
        Skip("a/photo.jpg", "an image; …"),
        Skip("a/clip.mp4", "an audio or video file; …"),
        Skip("a/clip2.mov", "an audio or video file; …"),
        Skip("a/broken.html", "no article text found"),
    ]
    report = UpdateReport(added=1, files_seen=1, files_parsed=1, skipped=skipped, total=1)
    assert report.skipped_by_kind() == [("PDF", 2), ("audio or video file", 2), ("image", 1), ("other", 1)]
    assert "6 skipped (2 PDFs, 2 audio or video files, 1 image, 1 other);" in render.update_summary(
        report, "ix"
    )
    assert report.to_dict()["skipped"][0] == {"path": "a/report.pdf", "reason": "a PDF; …", "kind": "PDF"}


def test_one_quote_matches_in_the_singular() -> None:
    hit = QuoteHit(1, "Words said here", "Ann Lee", 1.0, [], "a", "Title", None, None, None, 0, 5)
    text = render.quote_results_text(QuoteResults("words", None, 1, 1, [hit]), color=False)
    assert text.splitlines()[0] == "1 quote matches 'words' in 1 article"


def test_show_and_parse_say_the_language() -> None:
    article = Article(id="a", title="Fähre", body="Die Fähre wird teurer.", source="Blatt", language="de")
    assert "lang    de" in render.article_text(article, color=False).splitlines()
    assert "lang    de" in render.article_summary(article).splitlines()
    assert "lang    -" in render.article_summary(Article(id="b", title="T", body="x")).splitlines()
