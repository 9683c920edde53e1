"""parse_date and date_from_url: the forms articles write dates in, and nonsense."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher.parse.dates import date_from_url, parse_date

UTC = dt.UTC


def tz(hours: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO 8601
        ("2023-12-22", dt.date(2023, 12, 22)),
        ("2023-12-22T14:05", dt.datetime(2023, 12, 22, 14, 5)),
        ("2023-12-22T14:05:09Z", dt.datetime(2023, 12, 22, 14, 5, 9, tzinfo=UTC)),
        ("2023-12-22 14:05:09.25+01:00", dt.datetime(2023, 12, 22, 14, 5, 9, 250000, tzinfo=tz(1))),
        ("2023-12-22T14:05:09-0530", dt.datetime(2023, 12, 22, 14, 5, 9, tzinfo=tz(-5.5))),
        ("2023-12-22T14:05+09", dt.datetime(2023, 12, 22, 14, 5, tzinfo=tz(9))),
        ("20231222", dt.date(2023, 12, 22)),
        ("20231222T140509Z", dt.datetime(2023, 12, 22, 14, 5, 9, tzinfo=UTC)),
        # RFC 2822
        ("Fri, 22 Dec 2023 14:05:00 GMT", dt.datetime(2023, 12, 22, 14, 5, tzinfo=UTC)),
        ("Fri, 22 Dec 2023 14:05:00 +0100", dt.datetime(2023, 12, 22, 14, 5, tzinfo=tz(1))),
        # English prose
        ("Nov. 9, 2017", dt.date(2017, 11, 9)),
        ("Thursday, Nov. 9, 2017", dt.date(2017, 11, 9)),
        ("(Published Thursday, Nov. 9, 2017)", dt.date(2017, 11, 9)),
        ("November 9, 2017 3:45 PM EST", dt.datetime(2017, 11, 9, 15, 45, tzinfo=tz(-5))),
        ("Updated: November 9, 2017 at 9 a.m. PDT", dt.datetime(2017, 11, 9, 9, 0, tzinfo=tz(-7))),
        ("9 November 2017", dt.date(2017, 11, 9)),
        ("9th Nov 2017, 10:02", dt.datetime(2017, 11, 9, 10, 2)),
        ("Posted on September 1st, 2020", dt.date(2020, 9, 1)),
        ("Mon Oct 23, 2006 6:42pm EDT", dt.datetime(2006, 10, 23, 18, 42, tzinfo=tz(-4))),
        ("Oct 23, 2006 12:30 am", dt.datetime(2006, 10, 23, 0, 30)),
        # US zones without standard/daylight follow the US rule for the day
        ("July 4, 2020 9:00 PM ET", dt.datetime(2020, 7, 4, 21, 0, tzinfo=tz(-4))),
        ("January 4, 2020 9:00 PM ET", dt.datetime(2020, 1, 4, 21, 0, tzinfo=tz(-5))),
        ("2023-12-22 14:05 CET", dt.datetime(2023, 12, 22, 14, 5, tzinfo=tz(1))),
        ("2023-06-22 14:05 IST", dt.datetime(2023, 6, 22, 14, 5, tzinfo=tz(5.5))),
        ("2023-06-22 14:05 UTC+2", dt.datetime(2023, 6, 22, 14, 5, tzinfo=tz(2))),
        # numbers
        ("2017/11/09", dt.date(2017, 11, 9)),
        ("09.11.2017", dt.date(2017, 11, 9)),
        ("11/09/2017", dt.date(2017, 11, 9)),
        ("13/09/2017", dt.date(2017, 9, 13)),
        ("11/9/17", dt.date(2017, 11, 9)),
        # other languages
        ("22. Dezember 2023", dt.date(2023, 12, 22)),
        ("Veröffentlicht am 3. März 2023, 14:05 Uhr", dt.datetime(2023, 3, 3, 14, 5)),
        ("Stand: 03.03.2023 14.05 Uhr", dt.datetime(2023, 3, 3, 14, 5)),
        ("3 mars 2023", dt.date(2023, 3, 3)),
        ("Publié le 1er février 2023 à 14h05", dt.datetime(2023, 2, 1, 14, 5)),
        ("3 de marzo de 2023", dt.date(2023, 3, 3)),
        ("3 de março de 2023", dt.date(2023, 3, 3)),
        ("3 maggio 2023", dt.date(2023, 5, 3)),
        ("3 maart 2023", dt.date(2023, 3, 3)),
        # Reuters-21578
        ("26-FEB-1987 15:01:01.79", dt.datetime(1987, 2, 26, 15, 1, 1, 790000)),
        # Unix timestamps, only as a bare number
        ("1700000000", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("1700000000500", dt.datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=UTC)),
        # the first date wins
        ("Published 3 March 2023, updated 5 March 2023", dt.date(2023, 3, 3)),
    ],
)
def test_parse_date_forms(text: str, expected: dt.date) -> None:
    result = parse_date(text)
    assert result == expected
    assert type(result) is type(expected)
    if isinstance(expected, dt.datetime):
        assert (result.utcoffset() if isinstance(result, dt.datetime) else None) == expected.utcoffset()


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "hello world",
        "Feb 30, 2023",  # no such day
        "2023-02-30",
        "May 2017",  # no day
        "1850-01-01",  # out of range
        "2150-01-01",
        "12345",  # a number, not a timestamp
        "The vote was 11 to 9.",
        "Version 1.2.3",
    ],
)
def test_parse_date_nonsense_is_none(text: str | None) -> None:
    assert parse_date(text) is None


def test_a_number_after_the_date_is_not_a_time() -> None:
    """ "9 November 2017, 10 people" has no time: the day alone."""
    assert parse_date("9 November 2017, 10 people were hurt") == dt.date(2017, 11, 9)


def test_invalid_time_keeps_the_day() -> None:
    assert parse_date("2023-12-22T25:61") == dt.date(2023, 12, 22)


@given(st.text(max_size=200))
def test_parse_date_never_raises(text: str) -> None:
    result = parse_date(text)
    assert result is None or isinstance(result, dt.date)


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30)),
    st.sampled_from([None, UTC, tz(1), tz(-5), tz(5.5), tz(-9.5)]),
)
def test_iso_round_trip(moment: dt.datetime, zone: dt.timezone | None) -> None:
    moment = moment.replace(tzinfo=zone)
    assert parse_date(moment.isoformat()) == moment
    assert parse_date(moment.date().isoformat()) == moment.date()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/news/2023/12/22/some-story", dt.date(2023, 12, 22)),
        ("https://example.com/news/2023-12-22/some-story", dt.date(2023, 12, 22)),
        ("https://example.com/a/20231222/story.html", dt.date(2023, 12, 22)),
        ("https://example.com/story_20231222_final.html", dt.date(2023, 12, 22)),
        ("https://example.com/factchecks/2023/dec/21/some-story", dt.date(2023, 12, 21)),
        ("https://example.com/2023/12/some-story", None),  # no day
        ("https://example.com/2023/13/45/story", None),  # no such day
        ("https://example.com/1850/01/01/story", None),  # before the web
        ("https://example.com/id/12345678901", None),
        ("https://example.com/story", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28.09.19", dt.date(2019, 9, 28)),  # German day first, two-digit year
        ("Stand: 1.2.98", dt.date(1998, 2, 1)),
        ("Mon Oct 11 14:57:21 CEST 2021", dt.date(2021, 10, 11)),  # Java Date.toString
        ("Thu Dec 22 09:00:00 2023", dt.date(2023, 12, 22)),  # C asctime
    ],
)
def test_parse_date_short_years_and_year_last(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["1.2.3.4", "iOS 13.1.2", "version 10.15.7"])
def test_version_numbers_are_no_dates(text: str) -> None:
    assert parse_date(text) is None


def test_page_rewritten_for_the_year_in_its_url_takes_the_modified_date() -> None:
    from searcher.parse.html import parse_html

    html = (
        "<html><head><link rel='canonical' href='https://example.org/story/best-gifts-2023'>"
        "<meta property='article:published_time' content='2019-11-25T08:00:00Z'>"
        "<meta property='article:modified_time' content='2023-11-27T08:00:00Z'>"
        "</head><body><p>Text.</p></body></html>"
    )
    assert parse_html(html).date.date() == dt.date(2023, 11, 27)


def test_url_year_not_later_than_publication_keeps_published_date() -> None:
    from searcher.parse.html import parse_html

    html = (
        "<html><head><link rel='canonical' href='https://example.org/story/best-gifts-2019'>"
        "<meta property='article:published_time' content='2019-11-25T08:00:00Z'>"
        "<meta property='article:modified_time' content='2023-11-27T08:00:00Z'>"
        "</head><body><p>Text.</p></body></html>"
    )
    assert parse_html(html).date.date() == dt.date(2019, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 stycznia 2022", dt.date(2022, 1, 12)),  # Polish, genitive
        ("Opublikowano: 5 października 2023, 14:30", dt.datetime(2023, 10, 5, 14, 30)),
        ("3. května 2021", dt.date(2021, 5, 3)),  # Czech
        ("21 augusti 2019", dt.date(2019, 8, 21)),  # Swedish
        ("1. desember 2020", dt.date(2020, 12, 1)),  # Norwegian
    ],
)
def test_central_and_northern_european_month_names(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_month_names_inside_words_are_no_months() -> None:
    assert parse_date("12 majestic 2022") is None


@pytest.mark.parametrize(
    ("text", "us", "elsewhere"),
    [
        ("03/04/2021", dt.date(2021, 3, 4), dt.date(2021, 4, 3)),
        ("03-04-2021", dt.date(2021, 3, 4), dt.date(2021, 4, 3)),
        ("Publié le 05/06/21 à 14h05", dt.datetime(2021, 5, 6, 14, 5), dt.datetime(2021, 6, 5, 14, 5)),
        ("25/12/2021", dt.date(2021, 12, 25), dt.date(2021, 12, 25)),  # a number above 12 decides
        ("12/25/2021", dt.date(2021, 12, 25), dt.date(2021, 12, 25)),
        ("2021-03-04", dt.date(2021, 3, 4), dt.date(2021, 3, 4)),  # ISO is ISO
    ],
)
def test_day_first_reads_slashed_dates_as_outside_the_us(text: str, us: dt.date, elsewhere: dt.date) -> None:
    assert parse_date(text) == us
    assert parse_date(text, day_first=True) == elsewhere
