"""JSON records: the keys scrapers use, author shapes, bodies, containers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher.parse.normalize import names_host, publisher_form, readable_host
from searcher.parse.records import parse_record, records_in

BODY = "Seismographs recorded a swarm of tremors beneath the volcano."


def day(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


@pytest.mark.parametrize("key", ["title", "headline"])
def test_title_keys(key: str) -> None:
    assert parse_record({key: "Volcano  Alert\n Raised", "body": BODY}).title == "Volcano Alert Raised"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("date", "2016-11-30", dt.date(2016, 11, 30)),
        ("published", "2016-11-30", dt.date(2016, 11, 30)),
        ("publish_date", "2016-11-30", dt.date(2016, 11, 30)),
        ("datePublished", "2016-11-30T08:15:00Z", dt.date(2016, 11, 30)),
        ("date_publish", "2016-11-30 08:15:00", dt.date(2016, 11, 30)),
        ("published_at", "2016-11-30", dt.date(2016, 11, 30)),
    ],
)
def test_date_keys(key: str, value: str, expected: dt.date) -> None:
    assert day(parse_record({key: value, "body": BODY}).date) == expected


def test_a_date_with_a_zone_keeps_it() -> None:
    when = parse_record({"date": "2016-11-30T08:15:00+02:00", "body": BODY}).date
    assert isinstance(when, dt.datetime)
    assert when.utcoffset() == dt.timedelta(hours=2)


def test_a_day_stays_a_day() -> None:
    when = parse_record({"date": "2016-11-30", "body": BODY}).date
    assert type(when) is dt.date


def test_an_unreadable_date_is_none() -> None:
    assert parse_record({"date": "the other week", "body": BODY}).date is None


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("author", "Sam Iverson", ["Sam Iverson"]),
        ("author", "By Sam Iverson and Lena Fischer", ["Sam Iverson", "Lena Fischer"]),
        ("authors", ["Sam Iverson", "Lena Fischer"], ["Sam Iverson", "Lena Fischer"]),
        ("author", [{"name": "Sam Iverson"}, {"name": "Lena Fischer"}], ["Sam Iverson", "Lena Fischer"]),
        ("author", {"@type": "Person", "name": "Sam Iverson"}, ["Sam Iverson"]),
        ("byline", "By Sam Iverson", ["Sam Iverson"]),
        ("byline", [{"name": "Sam Iverson"}], ["Sam Iverson"]),
    ],
)
def test_byline_shapes(key: str, value: object, expected: list[str]) -> None:
    assert parse_record({key: value, "body": BODY}).byline == expected


def test_no_author_gives_an_empty_byline() -> None:
    assert parse_record({"body": BODY}).byline == []


@pytest.mark.parametrize("key", ["body", "text", "content", "articleBody", "maintext"])
def test_body_keys(key: str) -> None:
    assert parse_record({"title": "Volcano", key: BODY}).body == BODY


def test_body_paragraphs_separated_by_blank_lines() -> None:
    record = {"body": "First paragraph\nstill first.\n\nSecond paragraph."}
    assert parse_record(record).paragraphs == ["First paragraph still first.", "Second paragraph."]


def test_body_paragraphs_separated_by_single_newlines() -> None:
    assert parse_record({"body": "First.\nSecond.\r\nThird."}).paragraphs == ["First.", "Second.", "Third."]


def test_body_as_a_list_of_paragraphs() -> None:
    assert parse_record({"body": ["First.", "", "  Second.  "]}).body == "First.\n\nSecond."


def test_body_with_markup_becomes_plain_paragraphs() -> None:
    record = {"body": "<p>First <em>one</em>.</p><script>var x = 1;</script><p>Second<br>line.</p>"}
    assert parse_record(record).paragraphs == ["First one.", "Second line."]


def test_body_with_div_markup_keeps_inline_text_together() -> None:
    record = {"body": "<div>Plain <b>bold</b>, text.</div><div>Second <a href='/x'>link</a>.</div>"}
    assert parse_record(record).paragraphs == ["Plain bold, text.", "Second link."]


def test_description_when_there_is_no_body() -> None:
    assert parse_record({"title": "Volcano", "description": "A short summary."}).body == "A short summary."


def test_the_first_non_empty_key_wins() -> None:
    article = parse_record({"title": "", "headline": "From Headline", "body": "", "text": BODY})
    assert article.title == "From Headline"
    assert article.body == BODY


def test_url_id_and_source() -> None:
    article = parse_record(
        {
            "id": 42,
            "url": " https://summit.example.com/volcano ",
            "publisher": {"name": "Summit Times"},
            "body": BODY,
        }
    )
    assert article.id == "42"
    assert article.url == "https://summit.example.com/volcano"
    assert article.source == "Summit Times"


def test_without_an_id_the_record_is_known_by_its_url() -> None:
    assert parse_record({"url": "https://summit.example.com/volcano", "body": BODY}).id == (
        "https://summit.example.com/volcano"
    )


def test_without_an_id_or_url_the_record_has_none() -> None:
    # parse_path gives such records a path-based id.
    assert parse_record({"title": "Volcano", "body": BODY}).id == ""


def test_quotes_are_found_in_the_body() -> None:
    article = parse_record({"body": "Tremors again.\n\n“Stay away from the crater,” Nadia Petrov said."})
    assert [(q.text, q.speaker) for q in article.quotes] == [("Stay away from the crater,", "Nadia Petrov")]
    assert all(article.body[q.start : q.end] == q.text for q in article.quotes)


def test_unknown_keys_and_odd_values_are_ignored() -> None:
    article = parse_record({"title": ["not", "a", "string"], "weird": object(), "body": BODY, "date": True})
    assert article.title == ""
    assert article.body == BODY
    assert article.date is None


def test_records_in_a_list() -> None:
    records = [{"title": "A"}, "junk", 3, {"title": "B"}]
    assert records_in(records) == [{"title": "A"}, {"title": "B"}]


@pytest.mark.parametrize("key", ["articles", "items", "records", "data", "results"])
def test_records_in_a_container(key: str) -> None:
    assert records_in({key: [{"title": "A"}, {"title": "B"}], "count": 2}) == [{"title": "A"}, {"title": "B"}]


def test_a_single_record() -> None:
    assert records_in({"title": "A", "items": [1, 2]}) == [{"title": "A", "items": [1, 2]}]


def test_no_records_in_scalars() -> None:
    assert records_in("text") == []
    assert records_in(7) == []
    assert records_in(None) == []


def test_lone_surrogates_become_replacement_characters() -> None:
    article = parse_record(
        {"title": "A \ud800 b", "body": ["One \udfff.", "Two."], "author": "Ann \ud83d Lee"}
    )
    assert (article.title, article.body, article.byline) == (
        "A \ufffd b",
        "One \ufffd.\n\nTwo.",
        ["Ann \ufffd Lee"],
    )
    paired = parse_record({"title": "Wave \U0001f30a", "body": BODY})  # a whole character stays
    assert paired.title == "Wave \U0001f30a"


# ------------------------------------------------------------------ sources and bylines (issue 18)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"source": "https://www.newsnation.in"}, "newsnation.in"),  # a URL: its readable host
        ({"source_domain": "www.newsnation.in"}, "newsnation.in"),
        ({"source": "@SummitTimes"}, "SummitTimes"),  # a handle without its "@"
        ({"source": "Summit Times -"}, "Summit Times"),  # no separator left hanging
        ({"source": "Summit Times"}, "Summit Times"),  # a name stays as written
        ({"url": "https://m.summit-times.co.uk/a/b"}, "summit-times.co.uk"),  # no source: the host
        ({"source": "Summit Times", "url": "https://other.example/a"}, "Summit Times"),
        ({}, None),
    ],
)
def test_source_is_a_publishers_name(record: dict, expected: str | None) -> None:
    assert parse_record({**record, "body": BODY}).source == expected


def test_reuters_story_kinds_are_not_authors() -> None:
    assert parse_record({"byline": "Emily Kaiser - Analysis", "body": BODY}).byline == ["Emily Kaiser"]
    assert parse_record({"byline": "Regan E. Doherty", "body": BODY}).byline == ["Regan E. Doherty"]


@given(
    st.from_regex(r"[a-z]{2,12}(\.[a-z]{2,12}){1,3}", fullmatch=True),
    st.sampled_from(["http://", "https://www.", "", "www."]),
)
def test_readable_host_has_no_scheme_or_www(host: str, prefix: str) -> None:
    readable = readable_host(prefix + host + "/some/path?q=1")
    assert readable is not None
    assert "/" not in readable and not readable.startswith("www.")
    assert readable.endswith(host.split(".", 1)[1] if host.startswith("www.") else host)


@pytest.mark.parametrize(
    ("name", "host", "expected"),
    [
        ("ZDFmediathek", "zdf.de", True),
        ("Natürlich Jagd", "natuerlich-jagd.de", True),
        ("JPost.com", "jpost.com", True),
        ("BBC News", "bbc.co.uk", True),
        ("Infoportal", "diakonie.de", False),
        ("Newsom signs bill", "news.com", False),
        ("Cleveland", None, False),
    ],
)
def test_names_host(name: str, host: str | None, expected: bool) -> None:
    assert names_host(name, host) is expected


@given(st.text(max_size=60), st.one_of(st.none(), st.text(max_size=40)))
def test_publisher_helpers_take_any_text(name: str, host: str | None) -> None:
    form = publisher_form(name)
    assert form is None or (form == form.strip() and not form.startswith("@") and form)
    assert isinstance(names_host(name, host), bool)
    readable = readable_host(host)
    assert readable is None or ("." in readable and "/" not in readable)
