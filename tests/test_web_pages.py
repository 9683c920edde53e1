"""What the web page's templates are given: marked pieces, timeline bars, an article's body."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from searcher import Article, Quote
from searcher.web import pages
from searcher.web.state import SearchState


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6))
def test_marked_pieces_rebuild_the_text_and_mark_only_inside_spans(text: str, spans) -> None:
    pieces = pages.marked(text, spans)
    assert "".join(piece for piece, _ in pieces) == text
    inside = {i for a, b in spans for i in range(max(a, 0), min(b, len(text)))}
    at = 0
    for piece, on in pieces:
        if on:
            assert set(range(at, at + len(piece))) <= inside
        at += len(piece)


def test_web_links_are_only_http() -> None:
    assert pages.web_link(" https://example.org/a ") == "https://example.org/a"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "file:///etc/passwd",
        "",
        None,
    ):
        assert pages.web_link(bad) is None


def test_a_long_span_of_months_becomes_years_with_a_label_each() -> None:
    months = [(f"{y}-{m:02d}", 1) for y in range(2000, 2012) for m in range(1, 13)]
    chart = pages.timeline(months, SearchState(q="x"))
    assert chart is not None and chart.by == "year"
    assert [bar.period for bar in chart.bars] == [str(y) for y in range(2000, 2012)]
    assert {bar.count for bar in chart.bars} == {12}
    assert chart.labels[0][1] == "2000"
    short = pages.timeline([("2019-11", 3), ("2019-12", 0), ("2020-01", 6)], SearchState(q="x"))
    assert short.by == "month" and [b.height for b in short.bars][1] == 0
    assert short.bars[2].height > short.bars[0].height
    assert [label for _, label in short.labels] == ["2019", "2020"]
    assert "since=2019-11&until=2019-11" in short.bars[0].href
    assert pages.timeline([], SearchState(q="x")) is None


def test_the_body_is_paragraphs_with_each_quotation_a_piece_ending_once() -> None:
    body = "He spoke.\n\n“First part,\n\nsecond part,” she said. “Again,” she added."
    first = body.index("First")
    end = body.index("part,”") + len("part,")
    again = body.index("Again")
    article = Article(
        id="a",
        body=body,
        quotes=[Quote(body[first:end], "Ann", first, end), Quote("Again,", "Ann", again, again + 6)],
    )
    paragraphs = pages.body(article)
    assert ["".join(p.text for p in paragraph) for paragraph in paragraphs] == body.split("\n\n")
    quoted = [
        (p.text, p.quote, p.ends_quote) for paragraph in paragraphs for p in paragraph if p.quote is not None
    ]
    assert quoted == [("First part,", 0, False), ("second part,", 0, True), ("Again,", 1, True)]
