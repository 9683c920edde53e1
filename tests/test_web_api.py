"""The web page's routes through Starlette's test client: pages, permalinks, facets, exports, the
JSON API (the same field names as the command's JSON), bad parameters (400, never 500) and
escaping of everything an article holds."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import webcorpus
from hypothesis import given
from hypothesis import strategies as st
from starlette.testclient import TestClient

from searcher import Index
from searcher.web import create_app
from searcher.web.app import SECURITY_HEADERS
from searcher.web.state import BadRequest, SearchState


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return webcorpus.build(tmp_path_factory.mktemp("web") / "index")


@pytest.fixture(scope="module")
def client(index_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(index_path)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def index(index_path: Path) -> Iterator[Index]:
    with Index.open(index_path) as ix:
        yield ix


def links(html: str, css_class: str) -> list[tuple[str, str]]:
    """(href, text) of the links with this class."""
    found = re.findall(rf'<a class="{css_class}[^"]*" href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)
    return [(href.replace("&amp;", "&"), re.sub(r"<[^>]+>", "", text).strip()) for href, text in found]


def total(html: str) -> int:
    return int(re.search(r'<p id="total" role="status">\s*<strong>(\d+)</strong>', html).group(1))


def hit_ids(html: str) -> list[str]:
    return re.findall(r'<a class="title hit-link" href="/article/([^"#]+)"', html)


def test_the_search_page_shows_ranked_marked_hits_and_the_exact_total(
    client: TestClient, index: Index
) -> None:
    page = client.get("/", params={"q": "bail"})
    assert page.status_code == 200
    expected = index.search("bail", limit=20, collapse=True)
    assert total(page.text) == expected.total
    assert hit_ids(page.text) == [hit.id.replace("<", "%3C").replace(">", "%3E") for hit in expected.hits]
    assert "<mark>Bail</mark>" in page.text


def test_every_response_carries_a_policy_without_inline_scripts(client: TestClient) -> None:
    for url in ("/", "/?q=bail", "/quotes?q=bail", "/article/bail-01", "/api/stats", "/nowhere", "/?page=x"):
        response = client.get(url)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
        if response.headers["content-type"].startswith("text/html"):
            assert re.findall(r"<script(?![^>]*\bsrc=)", response.text) == []  # only <script src=…>
            assert " style=" not in response.text


def test_a_source_facet_narrows_to_exactly_its_count_and_toggles_off(client: TestClient) -> None:
    page = client.get("/", params={"q": "bail"}).text
    sources = dict(links(page, "facet-value"))
    facet_links = {text: href for href, text in links(page, "facet-value")}
    assert "Harbor Gazette" in facet_links
    counts = dict(re.findall(r'data-facet="source" >([^<]+)</a> <span class="count">(\d+)', page))
    narrowed = client.get(facet_links["Harbor Gazette"]).text
    assert total(narrowed) == int(counts["Harbor Gazette"]) == 4
    on = [text for href, text in links(narrowed, "facet-value on")]
    assert on == ["✓ Harbor Gazette"]
    widened = client.get(links(narrowed, "facet-value on")[0][0]).text
    assert total(widened) == total(page)
    assert sources  # the sidebar had links at all


def test_an_exact_source_is_not_a_longer_one_holding_its_words(client: TestClient) -> None:
    everything = total(client.get("/", params={"q": "port OR bail OR ferry"}).text)
    only = client.get("/", params={"q": "port OR bail OR ferry", "source": "Harbor Gazette"}).text
    assert "Port budget approved" not in only  # "Thomson Harbor Gazette"
    assert 0 < total(only) < everything


def test_a_year_facet_and_a_timeline_bar_narrow_the_dates(client: TestClient) -> None:
    page = client.get("/", params={"q": "bail"}).text
    years = {text: href for href, text in links(page, "facet-value") if text.isdigit()}
    narrowed = client.get(years["2019"]).text
    assert total(narrowed) == 5
    bars = re.findall(r'<a href="([^"]+)" class="bar[^"]*" data-period="(\d{4}-\d{2})"', page)
    assert bars, "a timeline of months"
    march = dict((period, href.replace("&amp;", "&")) for href, period in bars)["2019-03"]
    assert dict(parse_qsl(urlsplit(march).query))["since"] == "2019-03"
    assert total(client.get(march).text) == 2


def test_sorting_newest_and_oldest(client: TestClient, index: Index) -> None:
    for sort, library in (("newest", "-date"), ("oldest", "date")):
        page = client.get("/", params={"q": "bail", "sort": sort}).text
        expected = [h.id for h in index.search("bail", limit=20, sort=library, collapse=True)]
        assert [i.replace("%3C", "<").replace("%3E", ">") for i in hit_ids(page)] == expected


def test_paging_keeps_the_state_and_moves_on(client: TestClient) -> None:
    first = client.get("/", params={"q": "bail", "limit": 3, "sort": "oldest"}).text
    nxt = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    assert dict(parse_qsl(urlsplit(nxt).query)) == {"q": "bail", "sort": "oldest", "limit": "3", "page": "2"}
    second = client.get(nxt).text
    assert set(hit_ids(first)).isdisjoint(hit_ids(second)) and len(hit_ids(second)) == 3


def test_the_suggestion_is_a_link_that_finds_more(client: TestClient) -> None:
    page = client.get("/", params={"q": "holoway"}).text
    href = re.search(r'<a id="suggestion" href="([^"]+)">([^<]+)</a>', page)
    assert href and href.group(2) == "holloway"
    assert total(client.get(href.group(1).replace("&amp;", "&")).text) > 0


def test_copies_fold_and_unfold(client: TestClient) -> None:
    folded = client.get("/", params={"q": "ferry"}).text
    assert len(hit_ids(folded)) == 1 and "Also in: " in folded
    unfold = re.search(r'<a href="([^"]+)">show every copy</a>', folded).group(1).replace("&amp;", "&")
    assert len(hit_ids(client.get(unfold).text)) == 2


def test_the_article_page_marks_quotes_and_links_speakers_copies_and_similar(client: TestClient) -> None:
    page = client.get("/article/bail-01").text
    assert page.count('<mark class="quote"') == 2
    assert '<a class="said-by" href="/speaker/Denise%20Holloway"' in page
    ferry = client.get("/article/ferry-harbor").text
    copies = re.search(r'<section id="copies">(.*?)</section>', ferry, re.S).group(1)
    assert "/article/ferry-valley" in copies
    similar = re.search(r'<section id="similar">(.*?)</section>', page, re.S).group(1)
    assert "/article/bail-" in similar


def test_the_speaker_page_lists_what_one_person_said_newest_first(client: TestClient) -> None:
    page = client.get("/speaker/Denise%20Holloway").text
    assert total(page) == 8
    days = re.findall(r'<time datetime="([\d-]+)"', page)
    assert days == sorted(days, reverse=True) and len(days) == 8
    within = client.get("/speaker/Denise%20Holloway", params={"q": "mountain"}).text
    assert total(within) == 1


def test_the_quotes_page_searches_like_the_command(client: TestClient, index: Index) -> None:
    page = client.get("/quotes", params={"q": '"public safety"'}).text
    assert total(page) == index.quotes('"public safety"').total > 0
    assert "<mark>public safety</mark>" in page


def test_csv_export_holds_the_whole_result_set(client: TestClient, index: Index) -> None:
    response = client.get("/export.csv", params={"q": "bail OR ferry", "limit": 2, "collapse": 0})
    assert response.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = index.search("bail OR ferry", limit=100)
    assert [row["id"] for row in rows] == [hit.id for hit in expected.hits]
    assert len(rows) == expected.total > 2


def test_jsonl_export_streams_every_hit_as_the_commands_json(client: TestClient, index: Index) -> None:
    with client.stream("GET", "/export.jsonl", params={"q": "bail"}) as response:
        lines = [json.loads(line) for line in response.iter_lines() if line]
    expected = index.search("bail", limit=100, collapse=True)
    assert lines == [hit.to_dict() for hit in expected.hits]


def test_the_json_api_mirrors_the_library(client: TestClient, index: Index) -> None:
    got = client.get("/api/search", params={"q": "bail", "facet": ["year", "source"], "collapse": 0}).json()
    assert got == index.search("bail", limit=20, facets=["year", "source"]).to_dict()
    got = client.get("/api/quotes", params={"speaker": "Holloway", "sort": "-date"}).json()
    assert got == index.quotes(speaker="Holloway", sort="-date").to_dict()
    got = client.get("/api/articles/bail-03").json()
    assert got == index.get("bail-03").to_dict()
    assert client.get("/api/articles/ferry-h").json()["id"] == "ferry-harbor"  # an id's start, as `show`
    assert client.get("/api/timeline", params={"q": "bail", "by": "year"}).json() == (
        index.timeline("bail", by="year").to_dict()
    )
    stats = client.get("/api/stats").json()
    assert stats["articles"] == index.stats().to_dict()["articles"] == len(webcorpus.articles())


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/?q=bail&page=0", "page must be between 1 and 10000"),
        ("/?q=bail&page=x", "page must be a whole number"),
        ("/?q=bail&sort=sideways", "sort must be one of"),
        ("/?q=bail&collapse=maybe", "collapse must be 0 or 1"),
        ("/?q=bail&limit=1000", "limit must be between 1 and 100"),
        ("/?q=bail&since=someday", "is not a date"),
        ("/?q=date:someday", "is not a date"),
        ("/?q=bail&source=%20%20-", "nothing to filter source by"),
        ("/quotes?speaker=J.", "a speaker's name needs at least one word"),
        ("/quotes?q=x&sort=up", "sort must be one of"),
        ("/speaker/A?page=-1", "page must be between"),
        ("/export.csv", "an export needs a query"),
        ("/export.jsonl?q=bail&sort=x", "sort must be one of"),
        ("/api/search", "q is needed"),
        ("/api/search?q=bail&facet=colour", "unknown facet 'colour'"),
        ("/api/quotes", "give words to find in quotes, a speaker, or both"),
        ("/api/quotes?q=bail&limit=0", "limit must be between"),
        ("/api/stats?top=0", "top must be between"),
        ("/api/timeline?q=bail&by=week", "by must be one of"),
        ("/api/timeline", "q is needed"),
        ("/api/articles/bail", "is ambiguous"),
    ],
)
def test_bad_parameters_are_a_400_with_the_reason(client: TestClient, url: str, message: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert message in response.json()["error"]
    else:
        assert message.replace("'", "&#39;") in response.text


def test_missing_things_are_404(client: TestClient) -> None:
    assert client.get("/article/no-such").status_code == 404
    assert client.get("/api/articles/no-such").json()["error"].startswith("no article with id")
    assert client.get("/no/such/page").status_code == 404


def test_nothing_can_be_written(client: TestClient) -> None:
    for url in ("/", "/api/search?q=bail", "/article/bail-01", "/export.csv?q=bail", "/api/stats"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert client.request(method, url).status_code == 405


def test_article_strings_are_escaped_everywhere(client: TestClient) -> None:
    pages = [
        client.get("/", params={"q": "bail"}).text,
        client.get("/", params={"q": "ruling"}).text,
        client.get("/quotes", params={"q": "alert"}).text,
        client.get("/article/payload%3Cscript%3E").text,
        client.get("/speaker/" + webcorpus.PAYLOAD_SPEAKER.replace("/", "%2F")).text,
    ]
    for page in pages:
        assert "<script>alert" not in page
        assert "onerror=alert" not in page.replace("onerror=alert(&#39;", "")  # only as escaped text
        assert not re.search(r"<(img|svg|b|i)\b[^>]*on\w+=", page)
        assert 'href="javascript:' not in page
    article = pages[3]
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in article
    assert webcorpus.PAYLOAD_URL.replace("'", "&#39;") in article  # shown as text, not as a link


def test_a_query_that_looks_like_markup_is_escaped_back(client: TestClient) -> None:
    page = client.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page or "&#34;&gt;&lt;script&gt;" in page


@given(st.text(max_size=40))
def test_no_query_text_makes_a_server_error(q: str) -> None:
    response = _shared_client().get("/", params={"q": q})
    assert response.status_code in (200, 400), q


@given(
    st.builds(
        SearchState,
        q=st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=20).map(
            str.strip
        ),
        page=st.integers(1, 50),
        sort=st.sampled_from(["relevance", "newest", "oldest"]),
        since=st.sampled_from(["", "2019", "2019-03"]),
        source=st.sampled_from(["", "Harbor Gazette", "a & b=c"]),
        collapse=st.booleans(),
        limit=st.integers(1, 100),
    )
)
def test_a_permalink_reproduces_the_state(state: SearchState) -> None:
    assert SearchState.parse(dict(parse_qsl(urlsplit(state.url()).query))) == state


def test_state_rejects_what_it_cannot_use() -> None:
    with pytest.raises(BadRequest):
        SearchState.parse({"q": "x" * 2000})
    with pytest.raises(BadRequest):
        SearchState.parse({"q": "a\x00b"})


_CLIENT: list[TestClient] = []


def _shared_client() -> TestClient:
    """One client for the property test (Hypothesis does not take function-scoped fixtures)."""
    if not _CLIENT:
        import tempfile

        path = webcorpus.build(Path(tempfile.mkdtemp(prefix="searcher-web-")) / "index")
        _CLIENT.append(TestClient(create_app(path)))
    return _CLIENT[0]
