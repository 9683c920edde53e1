"""parse_html: fields from structured data, markup and text; robustness on broken input."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searcher.article import Article, Quote
from searcher.parse.html import parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def load(name: str) -> Article:
    return parse_html((FIXTURES / name).read_bytes())


# ------------------------------------------------------------------ JSON-LD page


def test_jsonld_graph_fields() -> None:
    article = load("jsonld_graph.html")
    assert article.id == "https://ledger.example/news/2023/12/22/council-bike-lanes"
    assert article.url == article.id
    assert article.path is None
    assert article.title == "Council Approves New Bike Lanes"
    assert article.source == "The Riverside Ledger"


def test_jsonld_published_beats_modified_and_keeps_zone() -> None:
    date = load("jsonld_graph.html").date
    assert isinstance(date, dt.datetime)
    assert date.isoformat() == "2023-12-22T14:05:00-05:00"


def test_jsonld_author_by_id_kept_organisation_author_dropped() -> None:
    assert load("jsonld_graph.html").byline == ["Maria Okafor"]


def test_body_keeps_text_headings_and_list_items() -> None:
    paragraphs = load("jsonld_graph.html").paragraphs
    assert paragraphs[0].startswith("The city council voted 7-2")
    assert "What happens next" in paragraphs
    assert "Meeting on January 9 at City Hall" in paragraphs
    assert paragraphs[-1] == "Online comments open until January 31"


@pytest.mark.parametrize(
    "junk",
    [
        "Home",  # nav
        "Share on Facebook",  # share buttons
        "Advertisement",  # ad slot
        "Parking fees rise again",  # related links in an aside
        "Read more",  # read-more link
        "Photo: Ledger archive",  # figure caption
        "Most popular",  # page aside
        "Copyright 2023",  # footer
        "Do not index",  # script
        "color: red",  # style
        "By Maria Okafor",  # the byline is its own field
    ],
)
def test_body_leaves_out_boilerplate(junk: str) -> None:
    assert junk not in load("jsonld_graph.html").body


def test_paragraphs_joined_by_one_blank_line() -> None:
    body = load("jsonld_graph.html").body
    assert "\n\n" in body
    assert "\n\n\n" not in body
    assert body == body.strip()


def test_quotes_are_found_in_the_body() -> None:
    html = "<article><p>" + "Filler words here. " * 15 + "“We are ready,” she said.</p></article>"
    article = parse_html(html)
    assert article.quotes
    assert all(isinstance(q, Quote) for q in article.quotes)
    assert article.body[article.quotes[0].start : article.quotes[0].end] == article.quotes[0].text


# ------------------------------------------------------------------ OpenGraph-only page


def test_opengraph_only_page() -> None:
    article = load("opengraph_only.html")
    assert article.title == "Storm Closes Mountain Pass"
    assert article.id == "https://courier.example/weather/storm-closes-pass"
    assert article.date == dt.date(2021, 11, 5)
    assert article.byline == ["Tomás Berger"]
    assert article.source == "Valley Courier"
    assert article.body.startswith("Heavy snow forced the closure")
    assert "newsletter" not in article.body
    assert "Front page" not in article.body


def test_url_argument_used_when_page_has_no_canonical() -> None:
    article = parse_html("<p>text</p>", url="https://example.org/a")
    assert article.id == "https://example.org/a"
    assert article.url == "https://example.org/a"


def test_no_url_anywhere_gives_empty_id() -> None:
    assert parse_html("<p>text</p>").id == ""


# ------------------------------------------------------------------ titles


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Rates Rise Again | Daily Planet", "Daily Planet", "Rates Rise Again"),
        ("Rates Rise Again - Daily Planet", "Daily Planet", "Rates Rise Again"),
        ("Daily Planet: Rates Rise Again", "Daily Planet", "Rates Rise Again"),
        ("Rates Rise Again – Business – Daily Planet", "Daily Planet", "Rates Rise Again – Business"),
    ],
)
def test_title_site_name_stripped(title: str, site: str, expected: str) -> None:
    html = f'<title>{title}</title><meta property="og:site_name" content="{site}"><p>x</p>'
    assert parse_html(html).title == expected


def test_title_prefers_matching_h1_over_logo_h1() -> None:
    html = (
        "<title>Mayor Resigns After Audit | Gazette</title>"
        "<h1>Gazette</h1><h1>Mayor resigns after audit</h1><p>Body.</p>"
    )
    assert parse_html(html).title == "Mayor resigns after audit"


def test_title_from_h1_alone() -> None:
    assert parse_html("<body><h1>Only A Heading Here</h1><p>Body.</p></body>").title == "Only A Heading Here"


# ------------------------------------------------------------------ bylines and dates in markup


def test_byline_class_with_two_authors_and_job_title() -> None:
    assert load("byline_markup.html").byline == ["Jane Doe", "John Roe"]


def test_time_datetime_attribute() -> None:
    date = load("byline_markup.html").date
    assert isinstance(date, dt.datetime)
    assert date.isoformat() == "2022-07-16T18:30:00+02:00"


def test_title_double_colon_separator() -> None:
    assert load("byline_markup.html").title == "Harbor Festival Draws Record Crowds"


def test_agency_bylines_dropped() -> None:
    article = load("agency.html")
    assert article.byline == []
    assert article.title == "Quake Shakes Island Nation"
    assert article.date == dt.datetime(2023, 3, 1, 6, 0, tzinfo=dt.UTC)


def test_by_line_in_body_text_becomes_byline() -> None:
    html = (
        "<article><h1>Snow</h1><p>By Ana Lima</p>"
        "<p>" + "It snowed all day in the valley and the schools closed early. " * 4 + "</p></article>"
    )
    article = parse_html(html)
    assert article.byline == ["Ana Lima"]
    assert not article.body.startswith("By ")


def test_date_from_url_when_page_gives_none() -> None:
    html = '<link rel="canonical" href="https://n.example/2019/06/20/story"><p>text</p>'
    assert parse_html(html).date == dt.date(2019, 6, 20)


def test_visible_published_line() -> None:
    html = "<body><p>Published: 2020-03-04</p><p>Text of the story goes here.</p></body>"
    assert parse_html(html).date == dt.date(2020, 3, 4)


@pytest.mark.parametrize("bad", ["2999-01-01", "1970-01-01"])
def test_future_and_ancient_dates_rejected(bad: str) -> None:
    html = f'<meta property="article:published_time" content="{bad}"><p>text</p>'
    assert parse_html(html).date is None


def test_old_date_kept_when_the_metadata_states_it() -> None:
    # Archive pages (digitised wire stories) are dated by their metadata; 1987 is not a placeholder.
    html = '<meta property="article:published_time" content="1987-03-02T04:40:56"><p>Wire copy.</p>'
    assert parse_html(html).date == dt.datetime(1987, 3, 2, 4, 40, 56)


def test_old_date_in_text_alone_is_not_trusted() -> None:
    html = "<article><p>Published March 2, 1987</p><p>The text of the story goes here.</p></article>"
    assert parse_html(html).date is None


def test_published_meta_beats_modified_meta() -> None:
    html = (
        '<meta property="article:modified_time" content="2020-05-05">'
        '<meta property="article:published_time" content="2020-05-01"><p>text</p>'
    )
    assert parse_html(html).date == dt.date(2020, 5, 1)


# ------------------------------------------------------------------ encodings and broken input


def test_non_utf8_bytes_with_meta_charset() -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Café Müller öffnet</title></head>'
        "<body><article><p>Das Café Müller öffnet am Montag wieder – sagt der Wirt. "
        "Die Gäste freuen sich über die Rückkehr des beliebten Lokals in der Altstadt.</p>"
        "<p>Die Renovierung dauerte fast ein Jahr und kostete mehr als geplant, heißt es.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    article = parse_html(html)
    assert article.title == "Café Müller öffnet"
    assert "Rückkehr" in article.body
    assert "–" in article.body


def test_truncated_page_keeps_what_was_found() -> None:
    html = (
        '<html><head><meta property="og:title" content="Half A Page">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-01-0'
        "</script></head><body><article><h1>Half A Page</h1><p>The first paragraph survived the cut"
    )
    article = parse_html(html)
    assert article.title == "Half A Page"
    assert article.date is None
    assert "first paragraph survived" in article.body


@pytest.mark.parametrize("html", ["", b"", "   ", "\x00\x01", b"\xff\xfe\x00", "<html></html>", "<!-- -->"])
def test_empty_input_gives_empty_article(html: str | bytes) -> None:
    article = parse_html(html)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.body, article.date) == ("", "", "", None)
    assert article.byline == []
    assert article.quotes == []


@pytest.mark.parametrize("html", ["<", "<<<>>>", "</p></div>", "<p <p <p", "&#xffffff; &bogus;"])
def test_garbage_input_gives_an_article(html: str) -> None:
    article = parse_html(html)
    assert article.title == ""
    assert article.date is None
    assert isinstance(article.body, str)


def test_deeply_nested_markup_does_not_raise() -> None:
    depth = sys.getrecursionlimit() + 100
    html = "<div>" * depth + "<p>deep text</p>" + "</div>" * depth
    article = parse_html(html)
    assert isinstance(article.body, str)


# ------------------------------------------------------------------ properties

_MARKUP = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div class='byline'>",
                "<article>",
                "</article>",
                "<h1>",
                "</h1>",
                "<time datetime='2020-02-30'>",
                "<script type='application/ld+json'>",
                "</script>",
                '{"@type": "NewsArticle", "author": [1, null, {"name": 5}], "datePublished": 7}',
                "<meta property='og:title' content=''>",
                "<title>",
                "By ",
                " and ",
                "<!--",
                "<br>",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150)
@given(_MARKUP)
def test_arbitrary_markup_never_raises_and_types_hold(html: str) -> None:
    article = parse_html(html)
    assert isinstance(article.title, str)
    assert isinstance(article.body, str)
    assert article.date is None or isinstance(article.date, dt.date)
    assert isinstance(article.byline, list)
    assert all(isinstance(name, str) and name for name in article.byline)
    assert article.source is None or isinstance(article.source, str)
    assert isinstance(article.id, str)
    assert all(isinstance(q, Quote) for q in article.quotes)


@settings(max_examples=100)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    article = parse_html(data)
    assert isinstance(article.body, str)
    assert "\n\n\n" not in article.body


# ------------------------------------------------------------------ rules found by error analysis

_PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the story says something long enough to count as article text here.</p>"
    for i in range(6)
)


def page(head: str = "", body: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_utc_date_moves_to_the_local_offset_of_the_same_moment() -> None:
    html = page(
        '<meta property="article:published_time" content="2023-12-23T03:22:07Z">',
        '<h1>Late story</h1><time datetime="2023-12-22T22:22:07-05:00">Dec 22</time>' + _PARAGRAPHS,
    )
    assert parse_html(html).date.isoformat() == "2023-12-22T22:22:07-05:00"


def test_url_day_long_before_the_stated_date_wins() -> None:
    html = page('<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">', _PARAGRAPHS)
    article = parse_html(html, url="https://blog.example/home/2017/7/12/old-post")
    assert article.date == dt.date(2017, 7, 12)
    near = parse_html(html, url="https://blog.example/home/2019/6/10/draft-post")
    assert near.date.date() == dt.date(2019, 6, 17)  # a draft's URL a week before: the stated day


def test_published_label_then_date_in_the_next_element() -> None:
    html = page(body="<h1>Press release</h1><span>Erschienen am:</span> <b>13.10.2021</b>" + _PARAGRAPHS)
    assert parse_html(html).date == dt.date(2021, 10, 13)


def test_dateline_at_the_start_of_a_paragraph() -> None:
    body = "<h1>Memorial day</h1><p>27.1.2022 - Bei der Erinnerung an die Verfolgten gibt es viel zu tun.</p>"
    assert parse_html(page(body=body + _PARAGRAPHS)).date == dt.date(2022, 1, 27)


def test_date_just_above_the_headline_beats_dates_in_the_navigation() -> None:
    body = (
        "<ul><li>Vereinbarung (gekündigt zum 28.02.2017)</li></ul>"
        + "<div>menu</div>" * 200
        + "<p>24. April 2020 | <a href='/press'>Presse</a></p><h1>Artist designs front page</h1>"
        + _PARAGRAPHS
    )
    assert parse_html(page(body=body)).date == dt.date(2020, 4, 24)


def test_furniture_labels_and_photo_credits_are_not_body() -> None:
    body = (
        "<h1>Story</h1><div class='text'>"
        + _PARAGRAPHS
        + "<p>Foto: Jane Doe</p><p>The mayor at the opening. (Credit: City Hall)</p>"
        + "<p>Weitere Artikel zum Thema</p><p>About the author</p>"
        + "<p>A closing paragraph that names the source: the council minutes of last week.</p></div>"
    )
    text = parse_html(page(body=body)).body
    for furniture in ("Foto", "Credit", "Weitere Artikel", "About the author"):
        assert furniture not in text
    assert "source: the council minutes" in text


def test_a_repeated_article_copy_appears_once() -> None:
    long = "<p>" + "A paragraph long enough to be a paragraph of the article itself. " * 3 + "</p>"
    copy = f"<div itemprop='articleBody'>{long}<p>Short line.</p></div>"
    body = parse_html(page(body=copy + copy)).body
    assert body.count("A paragraph long enough") == 3
    assert body.count("Short line.") == 2  # short lines may recur in the text itself


def test_the_article_around_the_headline_beats_a_longer_teaser_article() -> None:
    teasers = "".join(
        f"<p>Teaser {i}: another story entirely, with a long enough summary to look like text.</p>"
        for i in range(12)
    )
    body = (
        f"<article><h1>The real story</h1>{_PARAGRAPHS}</article>"
        f"<article><h3>You may also like</h3>{teasers}</article>"
    )
    text = parse_html(page(head="<title>The real story</title>", body=body)).body
    assert "Paragraph 1 of the story" in text
    assert "Teaser" not in text


_FILLER = "This sentence is only here to make the paragraph long enough to count as text. "


def test_body_split_into_sibling_sections_is_read_whole() -> None:
    html = (
        "<html><body><main><div class='wrap'>"
        f"<section class='part first'><div><p>Opening section. {_FILLER * 3}</p></div></section>"
        "<aside><p>Unrelated box.</p></aside>"
        f"<section class='part second'><div><p>Closing section. {_FILLER * 4}</p></div></section>"
        "</div></main></body></html>"
    )
    body = parse_html(html).body
    assert body.startswith("Opening section.")
    assert "Closing section." in body
    assert "Unrelated box." not in body


def test_text_outside_paragraphs_is_found_when_paragraphs_give_little() -> None:
    steps = "".join(
        f"<li><div class='step'>Step {i}: stir the batter gently for a while.</div></li>" for i in range(12)
    )
    html = (
        "<html><body><div class='box'><p>Short teaser line for another recipe here.</p></div>"
        f"<div class='recipe'><ol>{steps}</ol></div></body></html>"
    )
    body = parse_html(html).body
    assert "Step 0: stir the batter" in body
    assert "Step 11: stir the batter" in body


def test_description_leads_a_nearly_empty_body() -> None:
    summary = (
        "A long summary of the story that the page only states in its metadata, as scripts build the rest."
    )
    html = (
        f"<html><head><meta name='description' content='{summary}'></head>"
        "<body><h1>Headline</h1><p>Sign in to read on.</p></body></html>"
    )
    assert parse_html(html).body.startswith(summary)


def test_description_not_added_to_a_full_body() -> None:
    html = (
        "<html><head><meta name='description' content='A summary that is not part of the article text at all, "
        "written for search engines.'></head>"
        f"<body><article><p>{_FILLER * 6}</p></article></body></html>"
    )
    assert "summary" not in parse_html(html).body


def _card(i: int) -> str:
    return (
        f"<div class='box'><h3><a href='/other-{i}'>Another story number {i}</a></h3>"
        f"<p class='teaser'>Summary of another story {i}, a line or two that points elsewhere.</p></div>"
    )


def test_teaser_cards_with_linked_headings_are_not_body() -> None:
    body = f"<article><h1>The real story</h1>{_PARAGRAPHS}{_card(1)}{_card(2)}</article>"
    article = parse_html(page(head="<title>The real story</title>", body=body))
    assert "Paragraph 5 of the story" in article.body
    assert "Another story" not in article.body
    assert "Summary of another story" not in article.body


def test_one_linked_subheading_is_kept() -> None:
    body = (
        "<article><h1>The real story</h1>"
        f"<div><h2><a href='/report'>The report</a></h2><p>What the report says. {_FILLER}</p></div>"
        f"{_PARAGRAPHS}</article>"
    )
    assert "What the report says." in parse_html(page(head="<title>The real story</title>", body=body)).body


def test_a_teaser_classed_box_of_links_is_not_the_standfirst() -> None:
    links = "".join(
        f"<li><a href='/deal-{i}'>Great deal number {i} on a car lease</a></li>" for i in range(4)
    )
    body = (
        "<div class='head'><div><h1>The real story</h1></div>"
        f"<div class='teaser_container'><h4>Best deals</h4><ul>{links}</ul></div></div>"
        f"<article>{_PARAGRAPHS}</article>"
    )
    text = parse_html(page(head="<title>The real story</title>", body=body)).body
    assert text.startswith("Paragraph 0")
    assert "Great deal" not in text


def test_standfirst_matching_the_description_leads_the_body() -> None:
    lead = "The standfirst says in two lines what the story is about, and the description repeats it."
    html = page(
        head=f"<title>The real story</title><meta name='description' content='{lead}'>",
        body=f"<header><h2>The real story</h2><p>{lead}</p></header><main><div>{_PARAGRAPHS}</div></main>",
    )
    body = parse_html(html).body
    assert body.startswith(lead)
    assert body.count("The standfirst says") == 1


def test_landing_page_text_in_sibling_boxes_is_read_whole() -> None:
    html = (
        "<html><body><div class='content'>"
        f"<div class='intro'><p>Intro box. {_FILLER * 2}</p></div>"
        f"<div class='main'><p>Main box. {_FILLER * 2}</p><p>{_FILLER * 2}</p></div>"
        "</div></body></html>"
    )
    body = parse_html(html).body
    assert body.startswith("Intro box.")
    assert "Main box." in body


def test_article_sections_side_by_side_are_read_together() -> None:
    gallery = "".join(f"<div>Picture {i} of 20 <span>{_FILLER}</span></div>" for i in range(20))
    html = page(
        head="<title>Weekly report</title>",
        body=(
            "<h1>Weekly report</h1><main>"
            f"<article class='element text'><div><div><p>First section. {_FILLER * 2}</p></div></div></article>"
            f"<article class='element gallery'>{gallery}</article>"
            f"<article class='element text'><div><div><p>Second section. {_FILLER * 3}</p></div></div></article>"
            "</main>"
        ),
    )
    body = parse_html(html).body
    assert "First section." in body
    assert "Second section." in body


def test_whole_articles_one_after_another_are_not_merged() -> None:
    html = page(
        head="<title>First story</title>",
        body=(
            f"<article class='post'><h1>First story</h1><p>First story text. {_FILLER * 3}</p></article>"
            f"<article class='post'><h1>Next story</h1><p>Next story text. {_FILLER * 4}</p></article>"
        ),
    )
    body = parse_html(html).body
    assert "First story text." in body
    assert "Next story text." not in body


# ------------------------------------------------------------------ dates and body furniture on unseen sites


def _dated_page(meta: str, shown: str) -> str:
    return page(
        '<meta property="article:published_time" content="2022-01-04T07:29:00Z">' + meta,
        f"<h1>Vanlife in Sweden</h1><div class='info'>{shown}</div>" + _PARAGRAPHS,
    )


def test_date_printed_by_the_headline_wins_when_the_page_data_states_it_too() -> None:
    html = _dated_page('<meta name="date" content="2022-01-06">', "06.01.2022")
    assert parse_html(html).date == dt.date(2022, 1, 6)


def test_date_printed_by_the_headline_alone_does_not_overrule_the_data() -> None:
    html = _dated_page("", "06.01.2022")  # no structured date says 6 January: a teaser's date, say
    assert parse_html(html).date.date() == dt.date(2022, 1, 4)


@pytest.mark.parametrize(
    "shown",
    [
        "Last updated: Jan. 6, 2022",
        "<span>Aktualisiert am</span> 06.01.2022",
        '<time itemprop="dateModified" class="hidden">2022-01-06 14:15</time>',
    ],
)
def test_update_printed_by_the_headline_is_not_the_publication(shown: str) -> None:
    html = _dated_page('<meta property="article:modified_time" content="2022-01-06T10:00:00Z">', shown)
    assert parse_html(html).date.date() == dt.date(2022, 1, 4)


def test_printed_date_far_below_the_headline_is_not_the_headline_date() -> None:
    filler = "<div class='x'><span>menu entry</span></div>" * 150  # > 4000 characters of markup
    html = page(
        '<meta property="article:published_time" content="2022-01-04T07:29:00Z">'
        '<meta property="article:modified_time" content="2022-03-01T10:00:00Z">',
        f"<h1>Vanlife in Sweden</h1>{_PARAGRAPHS}{filler}<p>1 March 2022</p>",
    )
    assert parse_html(html).date.date() == dt.date(2022, 1, 4)


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("Publicado el", "3 de marzo de 2021"),
        ("Gepubliceerd op", "3 maart 2021"),
        ("Opublikowano:", "3 marca 2021"),
        ("Erstellt am", "03.03.2021"),
        ("Pubblicato il", "3 marzo 2021"),
    ],
)
def test_published_label_in_other_languages(label: str, shown: str) -> None:
    # The labelled date beats the URL's day (a URL minted when the page moved, later than its text).
    html = page(body=f"<h1>Story</h1><p>Intro line</p><p>{label} <b>{shown}</b></p>" + _PARAGRAPHS)
    assert parse_html(html, url="https://news.example/2021/03/20/story").date == dt.date(2021, 3, 3)


def _body_of(*blocks: str) -> str:
    paragraphs = "".join(f"<p>{b}</p>" for b in blocks)
    return parse_html(
        page(body=f"<h1>Story</h1><div class='story-body'>{_PARAGRAPHS}{paragraphs}</div>")
    ).body


def test_short_labels_closing_the_body_are_dropped() -> None:
    body = _body_of("The council meets again in March.", "Share", "Latest", "Shop This Story")
    assert body.endswith("The council meets again in March.")


def test_a_closing_list_longer_than_a_few_labels_is_kept() -> None:
    specs = ["Engine: 2.0 litre", "Power: 180 hp", "Gearbox: manual", "Price: 31,000 euros"]
    body = _body_of("The car's figures:", *specs)
    assert body.endswith("Price: 31,000 euros")


def test_short_list_items_closing_the_body_are_kept() -> None:
    items = "<ul><li>Meeting on January 9 at City Hall</li><li>Hearings until January 31</li></ul>"
    html = page(body=f"<h1>Story</h1><div class='story-body'>{_PARAGRAPHS}{items}</div>")
    assert parse_html(html).body.endswith("Hearings until January 31")


def test_a_short_closing_sentence_is_kept() -> None:
    assert _body_of("He said no.").endswith("He said no.")
    assert _body_of("“We will be back”").endswith("“We will be back”")


def test_menu_lines_are_dropped() -> None:
    body = _body_of(
        "Order Reprints | Today's Paper | Subscribe",
        "Home • World • Sport • Opinion",
        "Home › News › City Hall",
    )
    assert "Reprints" not in body
    assert "Sport" not in body
    assert "City Hall" not in body


def test_lines_with_separators_that_are_sentences_are_kept() -> None:
    line = "Final score | Riverton beat Harbor City three to one on Sunday | Report by our staff"
    assert line in _body_of(line)
    assert "Smith | Jones" in _body_of("Smith | Jones", "They won.")  # two items: a pair, not a menu


@pytest.mark.parametrize(
    "label",
    [
        "NEXT STORY",
        "Up next",
        "You may also like",
        "Tags:",
        "Te puede interesar",
        "Lire aussi",
        "Leggi anche",
    ],
)
def test_teaser_labels_in_the_body_are_dropped(label: str) -> None:
    body = _body_of(label, "The last paragraph of the story is a whole sentence, as they are.")
    assert label not in body


def test_sentences_that_start_like_labels_are_kept() -> None:
    line = "Tags on the trees mark the ones the council will fell."
    assert line in _body_of(line)


def test_blocks_without_words_are_dropped() -> None:
    body = _body_of("×", "* * *", "The year's budget was 42 million.")
    assert "×" not in body
    assert "* * *" not in body
    assert "42 million" in body


def test_boxes_labelled_as_furniture_for_screen_readers_are_dropped() -> None:
    boxes = (
        "<div aria-label='Share this article'><p>Send this story to a friend by email or post it.</p></div>"
        "<section aria-label='Artículos relacionados'><p>Otra historia sobre el mismo tema, también.</p></section>"
    )
    html = page(body=f"<h1>Story</h1><div class='story-body'>{_PARAGRAPHS}{boxes}</div>")
    body = parse_html(html).body
    assert "friend" not in body
    assert "Otra historia" not in body


def test_a_labelled_link_inside_a_sentence_is_kept() -> None:
    link = "<p>The <a href='/report' aria-label='Related report'>annual report</a> came out today.</p>"
    html = page(body=f"<h1>Story</h1><div class='story-body'>{_PARAGRAPHS}{link}</div>")
    assert "The annual report came out today." in parse_html(html).body


def test_disclaimer_and_notice_boxes_are_not_body() -> None:
    boxes = (
        "<div class='editorial-disclaimer'><p>All products featured here are independently selected.</p></div>"
        "<div class='column community-notice'><p>Dieser Beitrag gibt die Meinung des Autors wieder.</p></div>"
    )
    html = page(body=f"<h1>Story</h1><div class='story-body'>{_PARAGRAPHS}{boxes}</div>")
    body = parse_html(html).body
    assert "independently selected" not in body
    assert "Meinung des Autors" not in body


def test_class_words_inside_longer_words_are_not_furniture() -> None:
    box = "<div class='noticeboard-story'><p>The noticeboard story is part of the article text too.</p></div>"
    html = page(body=f"<h1>Story</h1><div class='story-body'>{_PARAGRAPHS}{box}</div>")
    assert "part of the article text" in parse_html(html).body


def test_date_after_a_logo_heading_is_not_the_headline_date() -> None:
    # The first <h1> is the site's logo, then the day's date (the page was saved the day it was updated).
    html = page(
        '<meta property="article:published_time" content="2022-01-04T07:29:00Z">'
        '<meta property="article:modified_time" content="2022-01-06T10:00:00Z">'
        "<title>Vanlife in Sweden</title>",
        "<h1><img alt='Daily Example'></h1><div class='today'>06.01.2022</div>" + _PARAGRAPHS,
    )
    assert parse_html(html).date.date() == dt.date(2022, 1, 4)


@pytest.mark.parametrize(
    "slot",
    [
        "Advertising",
        "CONTINUA DEPOIS DA PUBLICIDADE",
        "View this post on Instagram",
        "A post shared by Jo (@jo)",
    ],
)
def test_ad_slots_and_embedded_post_labels_are_not_body(slot: str) -> None:
    assert slot not in _body_of(slot, "The story goes on after the advertisement, as stories do.")


def test_a_sentence_about_advertising_is_kept() -> None:
    line = "Advertising revenue fell by a fifth."
    assert line in _body_of(line, "The story goes on.")


def _body_opening(*blocks: str) -> Article:
    paragraphs = "".join(f"<p>{b}</p>" for b in blocks)
    return parse_html(page(body=f"<h1>Story</h1><div class='story-body'>{paragraphs}{_PARAGRAPHS}</div>"))


def test_short_labels_opening_the_body_are_dropped() -> None:
    assert _body_opening("Breaking News", "Key Points").body.startswith("Paragraph 0")


def test_greetings_datelines_and_by_lines_opening_the_body_are_not_labels() -> None:
    assert _body_opening("Dear readers,").body.startswith("Dear readers,")
    assert _body_opening("Berlin -").body.startswith("Berlin -")
    assert _body_opening("By Jane Doe").byline == ["Jane Doe"]


@pytest.mark.parametrize(
    "appeal",
    [
        "For more news like this, make sure to sign up for our daily newsletter!",
        "We want to hear what you think. Submit a letter to the editor.",
        "If you enjoyed reading this post, would you consider supporting our work?",
        "Abonnieren Sie unseren Newsletter, um nichts zu verpassen.",
        "Suscríbete a nuestro boletín para recibir las noticias.",
    ],
)
def test_appeals_to_readers_closing_the_article_are_dropped(appeal: str) -> None:
    assert appeal not in _body_of(appeal)


def test_an_appeal_reported_in_the_middle_of_the_article_is_kept() -> None:
    line = "The charity asked people to sign up for its newsletter, and 4,000 did."
    blocks = [line] + [f"Later paragraph {i} of the story goes on for a while." for i in range(4)]
    assert line in _body_of(*blocks)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", dt.date(2021, 4, 3)),
        ("es-AR", dt.date(2021, 4, 3)),
        ("en-GB", dt.date(2021, 4, 3)),
        ("en-US", dt.date(2021, 3, 4)),
        ("en", dt.date(2021, 3, 4)),
        (None, dt.date(2021, 3, 4)),
    ],
)
def test_printed_slashed_date_follows_the_page_language(lang: str | None, expected: dt.date) -> None:
    declared = f' lang="{lang}"' if lang else ""
    html = f"<html{declared}><body><h1>Story</h1><p class='date'>03/04/2021</p>{_PARAGRAPHS}</body></html>"
    assert parse_html(html).date == expected


def test_slashed_date_in_an_attribute_is_read_the_software_way() -> None:
    # Software writes attribute values; a Brazilian page's <time datetime> is month first here.
    html = (
        "<html lang='pt-BR'><body><h1>Story</h1>"
        "<time datetime='05/04/2022 08:43:31 am'></time><p>04.05.2022</p>" + _PARAGRAPHS + "</body></html>"
    )
    assert parse_html(html).date.date() == dt.date(2022, 5, 4)


_NEUTRAL_WORDS = "the council river budget mayor school road bridge water park vote plan city year".split()
_sentences = st.lists(st.sampled_from(_NEUTRAL_WORDS), min_size=2, max_size=12).map(
    lambda words: " ".join(words).capitalize() + "."
)


@settings(max_examples=60)
@given(st.lists(_sentences, min_size=1, max_size=5), st.lists(_sentences, min_size=0, max_size=2))
def test_sentences_at_either_edge_of_the_body_are_never_dropped(
    closing: list[str], opening: list[str]
) -> None:
    paragraphs = "".join(f"<p>{s}</p>" for s in [*opening, *closing])
    html = page(body=f"<h1>Story</h1><div class='story-body'>{paragraphs}{_PARAGRAPHS}{paragraphs}</div>")
    body = parse_html(html).body
    assert body.endswith(closing[-1])
    assert all(sentence in body for sentence in [*opening, *closing])


# ------------------------------------------------------------------ titles without labels, sources (issue 18)


def _headline_page(h1: str, og_title: str = "Drilling until it gets hot", head: str = "") -> str:
    meta = f'<meta property="og:title" content="{og_title}">' if og_title else ""
    return page(head=meta + head, body=f"{h1}<p>{_FILLER * 4}</p>")


@pytest.mark.parametrize(
    "h1",
    [
        "<h1><span class='article-kicker'>Climate</span> <span>Drilling until it gets hot</span></h1>",
        "<h1><div class='entry-section'><a href='/opinion/'>Opinion | </a></div>"
        "<span>Drilling until it gets hot</span></h1>",
        "<h1><span class='post-title'><small>Workout of the week</small><br>Drilling until it gets hot</span></h1>",
        "<h1><span class='ts-overline'>Banks and oil</span><span>: </span>Drilling until it gets hot</h1>",
        "<h1><span class='visuallyhidden'>Headline:</span> Drilling until it gets hot</h1>",
    ],
)
def test_a_label_in_its_own_element_is_cut_from_the_headline(h1: str) -> None:
    assert parse_html(_headline_page(h1)).title == "Drilling until it gets hot"


def test_a_label_naming_the_pages_section_is_cut_without_a_class() -> None:
    html = _headline_page(
        "<h1><span>Business</span> Drilling until it gets hot</h1>",
        head='<meta property="article:section" content="Business">',
    )
    assert parse_html(html).title == "Drilling until it gets hot"


@pytest.mark.parametrize(
    "h1",
    [
        "<h1><em>Drilling</em> until it gets hot</h1>",  # emphasis inside the headline
        "<h1><a href='/story'>Drilling until it gets hot</a></h1>",  # one element: nothing to cut
        "<h1><span class='kicker'>It was hot. We drilled.</span> Drilling until it gets hot</h1>",  # sentences
    ],
)
def test_headline_words_in_elements_stay(h1: str) -> None:
    title = parse_html(_headline_page(h1, og_title="")).title
    assert title.endswith("until it gets hot")
    assert len(title) >= len("Drilling until it gets hot")


def test_a_subtitle_after_the_headline_is_not_taken_for_it() -> None:
    html = _headline_page(
        "<h1><div>Drilling until it gets hot</div><div>Banks still fund new wells in the north</div></h1>",
    )
    assert parse_html(html).title.startswith("Drilling until it gets hot")


def _meta_title_page(title: str, section: str) -> str:
    head = (
        f'<meta property="article:section" content="{section}">'
        '<meta property="og:site_name" content="Ledger">'
        f"<title>{title} | Ledger</title>"
    )
    return page(head=head, body=f"<p>{_FILLER * 4}</p>")


def test_section_segment_of_the_meta_title_is_cut() -> None:
    html = _meta_title_page("Opinion | Let kids be kids and leave the rules alone", "Opinion")
    assert parse_html(html).title == "Let kids be kids and leave the rules alone"
    other = _meta_title_page("Opinion | Let kids be kids and leave the rules alone", "Sports")
    assert parse_html(other).title == "Opinion | Let kids be kids and leave the rules alone"


def test_the_breadcrumbs_last_item_is_the_page_not_a_section() -> None:
    crumbs = (
        '<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": ['
        '{"@type": "ListItem", "name": "Loans"}, {"@type": "ListItem", "name": "Small loan"}]}</script>'
    )
    html = _meta_title_page("Small loan » Money on your account today", "Loans").replace(
        "<title>", crumbs + "<title>"
    )
    assert parse_html(html).title == "Small loan » Money on your account today"
    cut = _meta_title_page("Loans » Money on your account today", "Money").replace(
        "<title>", crumbs + "<title>"
    )
    assert parse_html(cut).title == "Money on your account today"


def _source_of(head: str, url: str | None = "https://www.cleveland-daily.com/news/2024/story") -> str | None:
    return parse_html(page(head=head, body=f"<h1>Story</h1><p>{_FILLER * 4}</p>"), url).source


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="og:site_name" content="Cleveland Daily">', "Cleveland Daily"),
        ('<meta property="og:site_name" content="cleveland-daily">', "cleveland-daily.com"),  # an identifier
        ('<meta name="application-name" content="checkout">', "cleveland-daily.com"),  # no name at all
        ('<meta property="og:site_name" content="@ClevelandDaily">', "ClevelandDaily"),
        ('<meta property="og:site_name" content="Cleveland Daily -">', "Cleveland Daily"),
        ('<meta property="og:site_name" content="https://www.cleveland-daily.com">', "cleveland-daily.com"),
        ('<meta property="og:site_name" content="Cleveland Daily | News from the lake">', "Cleveland Daily"),
        (
            '<meta property="og:site_name" content="Tickets and more | ClevelandDaily.com">',
            "ClevelandDaily.com",
        ),
        ("<title>Story | Cleveland Daily</title>", "Cleveland Daily"),  # the title segment naming the host
        ("<title>Story | Lakeside Weekly</title>", "cleveland-daily.com"),  # one not naming it is no evidence
        ('<meta name="twitter:site" content="@CleveDaily">', "CleveDaily"),
        ("", "cleveland-daily.com"),
    ],
)
def test_source_is_the_publishers_name_in_one_form(head: str, expected: str) -> None:
    assert _source_of(head) == expected


def test_source_from_jsonld_publisher_when_no_site_name() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Story",'
        ' "publisher": {"@type": "Organization", "name": "Cleveland Daily Media"}}</script>'
    )
    assert _source_of(head) == "Cleveland Daily Media"


def test_source_without_an_address_is_the_sites_own_word_or_nothing() -> None:
    assert _source_of('<meta property="og:site_name" content="gazette">', url=None) == "gazette"
    assert _source_of("", url=None) is None


def test_a_label_the_meta_title_leaves_out_is_cut_whatever_its_markup() -> None:
    h1 = "<h1><span>Remembrance day</span> <span>Remembering the victims of the war</span></h1>"
    html = _headline_page(h1, og_title="Remembering the victims of the war")
    assert parse_html(html).title == "Remembering the victims of the war"
    same = _headline_page(h1, og_title="Remembrance day Remembering the victims of the war")
    assert parse_html(same).title == "Remembrance day Remembering the victims of the war"


def test_a_writer_typed_person_and_organisation_is_a_person() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Story",'
        ' "author": [{"@type": ["Person", "Organization"], "name": "Dana Holt"}]}</script>'
    )
    assert parse_html(page(head=ld + '<meta name="author" content="Dana Holt">')).byline == ["Dana Holt"]
    org = ld.replace('["Person", "Organization"]', '"Organization"').replace("Dana Holt", "Holt Media")
    assert parse_html(page(head=org + '<meta name="author" content="Holt Media">')).byline == []


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Written by", ["Dana Holt"]), ("Verfasst von", ["Dana Holt"]), ("Est. reading time", [])],
)
def test_the_twitter_label_that_names_the_writer(label: str, expected: list[str]) -> None:
    head = f'<meta name="twitter:label1" content="{label}"><meta name="twitter:data1" content="Dana Holt">'
    assert parse_html(page(head=head, body=f"<p>{_FILLER * 4}</p>")).byline == expected


def test_a_byline_spelling_the_sites_address_is_the_publisher() -> None:
    head = '<link rel="canonical" href="https://www.autozeitung.example/story">'
    assert parse_html(page(head=head + '<meta name="author" content="AUTO ZEITUNG">')).byline == []
    assert parse_html(page(head=head + '<meta name="author" content="Dana Holt">')).byline == ["Dana Holt"]
    personal = '<link rel="canonical" href="https://www.autozeitung-fans.example/story">'
    assert parse_html(page(head=personal + '<meta name="author" content="Auto Zeit">')).byline == [
        "Auto Zeit"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "<div class='meta'>Ein Artikel von <strong>Pamela Roth</strong> | 27.01.2022</div>",
            ["Pamela Roth"],
        ),
        ("<div class='meta'>Posted on September 21, 2020 by Adi Tal</div>", ["Adi Tal"]),
        ("<div class='meta'>Text: <span>Ursula Egger</span></div>", ["Ursula Egger"]),
        ("<div class='meta'>Dec 19, 2023 by Dana Holt « Previous | Next »</div>", ["Dana Holt"]),
        ("<div class='meta'>Foto: Michael von Lingen (Copyright)</div>", []),  # the photographer
        ("<div class='meta'>Ein Bericht von gestern</div>", []),  # no name after the word
    ],
)
def test_a_credit_line_under_the_headline(line: str, expected: list[str]) -> None:
    html = page(body=f"<h1>Drilling until it gets hot</h1>{line}<p>{_FILLER * 4}</p>")
    assert parse_html(html).byline == expected


def test_a_credit_line_after_the_article_text_starts_is_not_searched() -> None:
    text = "".join(f"<p>Part {i}. {_FILLER * 4}</p>" for i in range(6))
    html = page(body=f"<h1>Drilling until it gets hot</h1>{text}<div>von Dana Holt</div>")
    assert parse_html(html).byline == []


def test_two_labels_before_the_headline_are_both_cut() -> None:
    h1 = "<h1><span class='label'>News</span><span class='label'>Feature</span> Drilling until it gets hot</h1>"
    assert parse_html(_headline_page(h1)).title == "Drilling until it gets hot"


@pytest.mark.parametrize("label", ["Start", "Home", "Startseite", "Accueil", "Página principal"])
def test_a_front_page_label_in_og_site_name_is_no_publisher(label: str) -> None:
    page = (
        f'<html><head><meta property="og:site_name" content="{label}">'
        '<link rel="canonical" href="https://www.example-party.eu/wir">'
        "<title>Wir sind hier - Example Party</title></head>"
        "<body><h1>Wir sind hier</h1><p>Ein Absatz über die Partei, ihre Geschichte und ihre Ziele.</p></body></html>"
    )
    assert parse_html(page).source not in (label, None)


def test_a_publisher_named_like_a_word_stays() -> None:
    page = (
        '<html><head><meta property="og:site_name" content="Home News Today">'
        "<title>Headline</title></head><body><h1>Headline</h1><p>Some words of the article here.</p></body></html>"
    )
    assert parse_html(page).source == "Home News Today"
