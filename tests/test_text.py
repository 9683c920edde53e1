"""The plain-text reader: title line, publisher suffix, By/Published lines, paragraphs, `--` headers."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from searcher.parse.normalize import clean_inline
from searcher.parse.text import parse_text


def day(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def test_publisher_suffix_becomes_the_source_when_the_headline_is_repeated() -> None:
    article = parse_text(
        "Kite Festival Fills the Beach - Shoreline News\n\n"
        "Kite Festival Fills the Beach\n\n"
        "Hundreds of kites crowded the sky above the dunes.\n"
    )
    assert article.title == "Kite Festival Fills the Beach"
    assert article.source == "Shoreline News"
    assert article.body == "Hundreds of kites crowded the sky above the dunes."


def test_publisher_suffix_is_kept_in_the_title_without_a_repeat() -> None:
    article = parse_text("Kite Festival - A Success\n\nHundreds of kites crowded the sky above the dunes.\n")
    assert article.title == "Kite Festival - A Success"
    assert article.source is None
    assert article.body == "Hundreds of kites crowded the sky above the dunes."


def test_a_repeated_headline_without_suffix_is_not_body() -> None:
    article = parse_text(
        "Kite Festival Fills the Beach\n\nKite Festival Fills the Beach\n\nKites everywhere.\n"
    )
    assert article.title == "Kite Festival Fills the Beach"
    assert article.source is None
    assert article.body == "Kites everywhere."


def test_by_and_published_lines_are_metadata_not_body() -> None:
    article = parse_text(
        "Kite Festival Fills the Beach\n\n"
        "By Jane Roe and John Doe\n\n"
        "Published March 3, 2015\n\n"
        "Hundreds of kites crowded the sky.\n\n"
        "Vendors sold out of string by noon.\n"
    )
    assert article.byline == ["Jane Roe", "John Doe"]
    assert day(article.date) == dt.date(2015, 3, 3)
    assert article.paragraphs == ["Hundreds of kites crowded the sky.", "Vendors sold out of string by noon."]
    assert "By Jane" not in article.body
    assert "Published" not in article.body


def test_a_parenthesised_iso_date_line() -> None:
    article = parse_text("Kites\n\n(Published 2018-04-20)\n\nHundreds of kites crowded the sky.\n")
    assert day(article.date) == dt.date(2018, 4, 20)
    assert article.body == "Hundreds of kites crowded the sky."


def test_a_sentence_starting_with_by_is_prose() -> None:
    text = "Kites\n\nBy the time the wind rose, hundreds of kites had crowded the sky above the dunes.\n"
    article = parse_text(text)
    assert article.byline == []
    assert article.body == "By the time the wind rose, hundreds of kites had crowded the sky above the dunes."


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    article = parse_text(
        "Kites\n\n"
        "Hundreds of kites crowded the sky above the dunes on Saturday,\n"
        "and vendors sold out of string by noon.\n\n"
        "The festival returns next year.\n"
    )
    assert article.paragraphs == [
        "Hundreds of kites crowded the sky above the dunes on Saturday, and vendors sold out of string by noon.",
        "The festival returns next year.",
    ]


def test_indented_lines_start_paragraphs() -> None:
    article = parse_text(
        "Kites\n\n"
        "    Hundreds of kites crowded the sky above the dunes,\n"
        "a record for the town.\n"
        "    Vendors sold out of string by noon,\n"
        "organisers said.\n"
    )
    assert article.paragraphs == [
        "Hundreds of kites crowded the sky above the dunes, a record for the town.",
        "Vendors sold out of string by noon, organisers said.",
    ]


def test_long_lines_are_paragraphs_of_their_own() -> None:
    first = "Hundreds of kites crowded the sky above the dunes " * 4
    second = "Vendors sold out of string by noon and the organisers promised more " * 3
    article = parse_text(f"Kites\n\n{first.strip()}\n{second.strip()}\n")
    assert article.paragraphs == [first.strip(), second.strip()]


def test_header_form() -> None:
    article = parse_text(
        "-- Orchard Frost Threatens Apple Harvest\n"
        "-- By Maria Okafor\n"
        "-- 2018-04-20\n"
        "-- https://valley.example.com/orchard-frost\n\n"
        "A late frost swept through the valley orchards overnight.\n\n"
        "Growers lit smudge pots.\n"
    )
    assert article.title == "Orchard Frost Threatens Apple Harvest"
    assert article.byline == ["Maria Okafor"]
    assert day(article.date) == dt.date(2018, 4, 20)
    assert article.url == "https://valley.example.com/orchard-frost"
    assert article.id == "https://valley.example.com/orchard-frost"
    assert article.paragraphs == [
        "A late frost swept through the valley orchards overnight.",
        "Growers lit smudge pots.",
    ]


def test_header_form_without_url_has_no_id() -> None:
    article = parse_text("-- Orchard Frost\n-- By Maria Okafor\n\nA late frost swept through.\n")
    assert article.id == ""
    assert article.url is None
    assert article.title == "Orchard Frost"
    assert article.body == "A late frost swept through."


def test_quotes_with_speakers_point_into_the_body() -> None:
    article = parse_text("Kites\n\nThe wind rose.\n\n“We ran out of string by noon,” Jane Roe said.\n")
    assert [(q.text, q.speaker) for q in article.quotes] == [("We ran out of string by noon,", "Jane Roe")]
    for quote in article.quotes:
        assert article.body[quote.start : quote.end] == quote.text


def test_windows_line_endings() -> None:
    article = parse_text("Kites\r\n\r\nBy Jane Roe\r\n\r\nThe wind rose\r\nat noon.\r\n")
    assert article.title == "Kites"
    assert article.byline == ["Jane Roe"]
    assert article.body == "The wind rose at noon."


def test_empty_and_blank_text_give_an_empty_article() -> None:
    for text in ("", "\n\n  \n\t\n"):
        article = parse_text(text)
        assert (article.id, article.title, article.body, article.quotes) == ("", "", "", [])


def test_title_only() -> None:
    article = parse_text("Just a Headline\n")
    assert article.title == "Just a Headline"
    assert article.body == ""


@given(st.text(alphabet=" \t\u00a0\u2003\u3000ab\n", max_size=40))
def test_clean_inline_leaves_single_plain_spaces(text: str) -> None:
    import re

    expected = re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text.replace("\n", " ")).strip()
    assert clean_inline(text) == expected
