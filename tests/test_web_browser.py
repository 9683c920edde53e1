"""`searcher serve` in a real headless Chromium: what a reader sees and does on the page — typing a
query, facets, paging, sorting, the suggestion, the timeline (a click and app.js's drag), articles
and speakers, the CSV export, the keys, hostile articles, accessibility basics — and the two
screenshots in docs/screenshots/.

One real server (`python -m searcher serve --port 0`) over the `webcorpus` archive and one browser
serve the module; each test has a fresh page on which any dialog, console error or page error fails
the test. Debian's chromium is needed (Playwright cannot download its own browser here)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import webcorpus

from searcher import Index

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
WAIT_MS = 10_000  # Playwright's waits: generous, as a loaded CI machine may be slow


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return webcorpus.build(tmp_path_factory.mktemp("browser") / "index")


@pytest.fixture(scope="module")
def index(index_path: Path) -> Iterator[Index]:
    with Index.open(index_path) as ix:
        yield ix


@pytest.fixture(scope="module")
def base_url(index_path: Path) -> Iterator[str]:
    """A real `searcher serve` on a free loopback port; its address."""
    with webcorpus.served(index_path) as (process, line):
        if not line.startswith("Serving "):
            process.kill()
            pytest.fail(f"searcher serve did not start: {line}{process.stderr.read()}", pytrace=False)
        url = webcorpus.announced_url(line)
        assert url.startswith("http://127.0.0.1:"), line
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: the browser tests need it, apt-get install chromium", pytrace=False
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Troubles:
    """What a page must never do: open a dialog, log an error, throw."""

    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def none(self) -> bool:
        return not (self.dialogs or self.console or self.errors)


@pytest.fixture
def troubles() -> Troubles:
    return Troubles()


@pytest.fixture
def page(browser, base_url: str, troubles: Troubles):
    """A fresh page (its own context) that records every dialog, console error and page error;
    the test fails if there was any."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(WAIT_MS)
    tab = context.new_page()

    def on_dialog(dialog) -> None:
        troubles.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message) -> None:
        if message.type == "error":
            troubles.console.append(f"{message.text} at {message.location}")

    tab.on("dialog", on_dialog)
    tab.on("console", on_console)
    tab.on("pageerror", lambda error: troubles.errors.append(str(error)))
    yield tab
    context.close()
    assert troubles.none(), troubles


# What the page shows, read as a reader would.


def shown_total(page) -> int:
    return int(page.locator("#total strong").first.inner_text())


def shown_ids(page) -> list[str]:
    """The article ids the hits link to, in order."""
    hrefs = page.locator(".hit a.hit-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [unquote(href.removeprefix("/article/").split("#")[0]) for href in hrefs]


def shown_dates(page) -> list[str]:
    return page.locator(".hit .facts time").all_inner_texts()


def url_params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def search(page, query: str) -> None:
    """Type `query` in the box and press Enter, as a reader does."""
    box = page.locator("#q")
    box.fill(query)
    with page.expect_navigation():
        box.press("Enter")


def test_typing_a_query_shows_marked_hits_and_the_librarys_total(page, index: Index) -> None:
    page.goto("/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("bail reform")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expected = index.search("bail reform", limit=20, collapse=True)
    assert expected.total > 1
    assert url_params(page)["q"] == ["bail reform"]
    assert shown_total(page) == expected.total
    assert shown_ids(page) == [hit.id for hit in expected.hits]
    marks = page.locator(".hit mark")
    assert marks.count() >= expected.total  # every hit has its words marked
    assert {text.lower() for text in marks.all_inner_texts()} >= {"bail", "reform"}
    assert page.locator(".hit").first.locator("h2 mark").first.is_visible()


def test_a_facet_value_narrows_to_its_count_and_a_second_click_widens_again(page) -> None:
    page.goto("/?q=bail")
    everything = shown_total(page)
    facet = page.locator("#facet-source li").filter(has_text="Harbor Gazette")
    value = facet.get_by_role("link", name="Harbor Gazette", exact=True)
    count = int(facet.locator(".count").inner_text())
    assert 0 < count < everything
    with page.expect_navigation():
        value.click()
    assert url_params(page)["source"] == ["Harbor Gazette"]
    assert shown_total(page) == count
    assert page.locator(".hit").count() == count
    assert set(page.locator(".hit .source").all_inner_texts()) == {"Harbor Gazette"}
    on = page.locator("#facet-source a.facet-value.on")
    assert on.count() == 1 and on.get_attribute("aria-current") == "true"
    assert on.inner_text().endswith("Harbor Gazette")
    with page.expect_navigation():
        on.click()
    assert "source" not in url_params(page)
    assert shown_total(page) == everything
    assert page.locator(".hit").count() == everything
    assert page.locator("#facet-source a.facet-value.on").count() == 0


def test_next_and_previous_page_through_the_hits(page) -> None:
    page.goto("/?q=bail&limit=3")
    first = shown_ids(page)
    assert len(first) == 3
    assert page.locator(".pager").inner_text().count("Page 1 of 3") == 1
    with page.expect_navigation():
        page.get_by_role("link", name="Next →").click()
    assert url_params(page)["page"] == ["2"] and url_params(page)["limit"] == ["3"]
    second = shown_ids(page)
    assert len(second) == 3 and not set(second) & set(first)
    assert page.locator(".hits").get_attribute("start") == "4"
    with page.expect_navigation():
        page.get_by_role("link", name="← Previous").click()
    assert url_params(page).get("page", ["1"]) == ["1"]
    assert shown_ids(page) == first


def test_sorting_by_newest_then_oldest_orders_the_dates_shown(page) -> None:
    page.goto("/?q=bail")
    with page.expect_navigation():
        page.locator(".sorts").get_by_role("link", name="newest").click()
    newest = shown_dates(page)
    assert len(newest) == shown_total(page) and len(set(newest)) > 2
    assert newest == sorted(newest, reverse=True)
    assert page.locator(".sorts strong").inner_text() == "newest"
    with page.expect_navigation():
        page.locator(".sorts").get_by_role("link", name="oldest").click()
    oldest = shown_dates(page)
    assert oldest == sorted(oldest)
    assert sorted(oldest) == sorted(newest)  # the same hits, the other way round
    assert url_params(page)["sort"] == ["oldest"]


def test_did_you_mean_finds_what_a_misspelling_missed(page) -> None:
    page.goto("/")
    search(page, "holoway")
    assert shown_total(page) == 0
    assert page.locator(".hit").count() == 0
    suggestion = page.locator("#suggestion")
    assert suggestion.inner_text() == "holloway"
    with page.expect_navigation():
        suggestion.click()
    assert page.locator("#q").input_value() == "holloway"
    assert shown_total(page) > 0
    assert page.locator(".hit").count() == shown_total(page)
    assert "holloway" in [text.lower() for text in page.locator(".hit mark").all_inner_texts()]


def bar_counts(page) -> dict[str, int]:
    """Each timeline bar's period and count, from its accessible label ("2019-03: 2 articles")."""
    labels = page.locator(".timeline a.bar").evaluate_all(
        "bars => bars.map(b => b.getAttribute('aria-label'))"
    )
    return {label.split(":")[0]: int(label.split(":")[1].split()[0]) for label in labels}


def test_the_timeline_narrows_the_dates_by_a_click_and_by_a_drag(page) -> None:
    page.goto("/?q=bail")
    counts = bar_counts(page)
    periods = list(counts)
    assert periods == sorted(periods) and len(periods) > 5
    chosen = next(period for period, n in counts.items() if n > 1)
    with page.expect_navigation():
        page.locator(f'.timeline a.bar[data-period="{chosen}"]').click()
    params = url_params(page)
    assert params["since"] == [chosen] and params["until"] == [chosen]
    assert shown_total(page) == counts[chosen]
    assert all(date.startswith(chosen) for date in shown_dates(page))

    page.goto("/?q=bail")
    start, end = periods[1], periods[-3]  # several bars, empty ones among them
    covered = sum(n for period, n in counts.items() if start <= period <= end)
    assert 1 < covered < sum(counts.values())
    first = page.locator(f'.timeline a.bar[data-period="{start}"] rect.hitbox').bounding_box()
    last = page.locator(f'.timeline a.bar[data-period="{end}"] rect.hitbox').bounding_box()
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] + first["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, y, steps=12)
    assert page.locator(".timeline a.bar.selecting").count() == periods.index(end) - periods.index(start) + 1
    with page.expect_navigation():
        page.mouse.up()
    params = url_params(page)
    assert params["since"] == [start] and params["until"] == [end]
    assert shown_total(page) == covered
    assert all(start <= date[:7] <= end for date in shown_dates(page))


def test_an_article_marks_its_quotes_and_leads_to_its_speakers_quotes(page) -> None:
    page.goto("/?q=bail&sort=newest")
    hit = page.locator(".hit a.hit-link").first
    title = hit.inner_text()
    with page.expect_navigation():
        hit.click()
    assert page.locator("h1").inner_text() == title
    quotes = page.locator(".body mark.quote")
    assert quotes.count() == 2
    assert quotes.first.inner_text().startswith("Cash bail punishes poverty")
    assert quotes.first.is_visible()
    speaker = page.locator(".body a.said-by", has_text="Denise Holloway")
    with page.expect_navigation():
        speaker.click()
    assert page.locator("h1").inner_text() == "Denise Holloway"
    assert shown_total(page) == 8
    assert set(page.locator(".hit .speaker").all_inner_texts()) == {"Denise Holloway"}
    dates = shown_dates(page)
    assert len(dates) == 8 and dates == sorted(dates, reverse=True) and dates[0] > dates[-1]
    search(page, "harbor")  # the box here searches within what the speaker said
    assert urlsplit(page.url).path == "/speaker/Denise%20Holloway"
    assert shown_total(page) == 1
    only = page.locator(".hit blockquote")
    assert "harbor" in only.inner_text() and only.locator("mark").inner_text().lower() == "harbor"


def test_the_csv_link_downloads_every_hit_of_the_search(page, index: Index, tmp_path: Path) -> None:
    page.goto("/?q=bail&limit=3")
    total = shown_total(page)
    assert total > 3  # more than one page: the export holds them all
    with page.expect_download() as caught:
        page.locator(".export").get_by_role("link", name="CSV").click()
    download = caught.value
    assert download.suggested_filename == "search.csv"
    saved = tmp_path / "search.csv"
    download.save_as(saved)
    with saved.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == total
    expected = index.search("bail", limit=100, collapse=True)
    assert [row["id"] for row in rows] == [hit.id for hit in expected.hits]


def test_the_keys_move_through_the_hits_and_open_one(page) -> None:
    page.goto("/?q=bail")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") != "q"
    hits = page.locator(".hit")
    page.keyboard.press("j")
    assert page.locator(".hit.current").count() == 1
    assert "current" in hits.nth(0).get_attribute("class").split()
    assert hits.nth(0).locator("a.hit-link").evaluate("link => link === document.activeElement")
    page.keyboard.press("j")
    assert "current" in hits.nth(1).get_attribute("class").split()
    assert "current" not in hits.nth(0).get_attribute("class").split()
    assert hits.nth(1).locator("a.hit-link").evaluate("link => link === document.activeElement")
    page.keyboard.press("k")
    assert "current" in hits.nth(0).get_attribute("class").split()
    assert page.locator(".hit.current").count() == 1
    first = hits.nth(0).locator("a.hit-link")
    href, title = first.get_attribute("href"), first.inner_text()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == href
    assert page.locator("h1").inner_text() == title


def no_handlers_or_script_links(page) -> None:
    """No element carries an `on…` attribute, no link a javascript: address, no inline script."""
    handlers = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el =>
            [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.tagName + ' ' + a.name))"""
    )
    assert handlers == []
    assert page.locator('a[href^="javascript:" i]').count() == 0
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("img, b, i").count() == 0  # the payloads' tags stay text


def test_a_hostile_article_shows_its_payloads_as_text_and_runs_nothing(page, troubles: Troubles) -> None:
    for query in ("ruling", "alert"):
        page.goto("/")
        search(page, query)
        assert shown_total(page) == 1
        link = page.locator(".hit a.hit-link")
        assert link.inner_text().replace("\n", "") == webcorpus.PAYLOAD_TITLE
        assert page.locator(".hit .source").inner_text() == "<b>Source</b> Daily"
        no_handlers_or_script_links(page)
    with page.expect_navigation():
        link.click()
    assert page.locator("h1").inner_text() == webcorpus.PAYLOAD_TITLE
    assert page.title().startswith(webcorpus.PAYLOAD_TITLE)
    assert page.locator(".body").inner_text().startswith(webcorpus.PAYLOAD_BODY)
    assert page.locator(".body mark.quote").inner_text() == "<script>alert('quote')</script> no bail"
    assert page.locator("dd.byline").inner_text() == "<i>Evil</i> Byline"
    assert page.locator("dd.source").inner_text() == "<b>Source</b> Daily"
    assert page.locator(".url").inner_text() == webcorpus.PAYLOAD_URL
    assert page.locator("a.url").count() == 0  # shown, never a link
    no_handlers_or_script_links(page)
    with page.expect_navigation():
        page.locator(".body a.said-by").click()
    assert page.locator("h1").inner_text() == webcorpus.PAYLOAD_SPEAKER
    assert page.locator(".hit .speaker").inner_text() == webcorpus.PAYLOAD_SPEAKER
    no_handlers_or_script_links(page)
    page.goto("/quotes?q=alert")
    assert shown_total(page) == 1
    assert page.locator(".hit blockquote").inner_text() == "“<script>alert('quote')</script> no bail”"
    no_handlers_or_script_links(page)
    page.locator(".hit .speaker").hover()  # the speaker payload's onmouseover, were it markup
    assert troubles.none(), troubles


def test_landmarks_labels_and_a_visible_keyboard_focus(page) -> None:
    for url in ("/?q=bail", "/quotes?q=bail", "/article/bail-01", "/speaker/Ana%20Lima", "/"):
        page.goto(url)
        assert page.locator("main").count() == 1, url
        assert page.get_by_role("banner").count() == 1, url
        assert page.get_by_role("contentinfo").count() == 1, url
        search_landmark = page.get_by_role("search")
        assert search_landmark.count() == 1, url
        label = page.locator("label[for=q]").text_content().strip()
        assert label, url
        box = search_landmark.get_by_role("searchbox", name=label, exact=True)  # named by its label
        assert box.count() == 1 and box.get_attribute("id") == "q", url
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden])')]
                  .filter(input => !input.labels.length || ![...input.labels].some(l => l.textContent.trim()))
                  .map(input => input.outerHTML)"""
        )
        assert unlabelled == [], url
    page.goto("/?q=bail")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const el = document.activeElement, style = getComputedStyle(el);
                   return [el.tagName, el.matches(':focus-visible'), style.outlineStyle, style.outlineWidth]; }"""
    )
    tag, visible, style, width = focused
    assert tag == "A" and visible
    assert style != "none" and float(width.removesuffix("px")) >= 1
    # A second link, styled by the general rule rather than the skip link's own.
    page.get_by_role("link", name="Articles", exact=True).focus()
    page.keyboard.press("Tab")
    style = page.evaluate(
        "() => [document.activeElement.tagName, getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert style[0] == "A" and style[1] != "none"


def test_screenshots_of_a_search_and_an_article(page) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto("/?q=bail")
    for part in ("#facet-source", "#facet-year", ".timeline svg", ".hit"):
        assert page.locator(part).first.is_visible(), part
        box = page.locator(part).first.bounding_box()
        assert box["y"] < 900, part  # in the shot
    page.screenshot(path=SCREENSHOTS / "search.png")
    page.goto("/article/bail-03")
    assert page.locator(".body mark.quote").count() == 2
    page.screenshot(path=SCREENSHOTS / "article.png")
    for name in ("search.png", "article.png"):
        data = (SCREENSHOTS / name).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 10_000, name
        assert int.from_bytes(data[16:20], "big") == 1280 and int.from_bytes(data[20:24], "big") == 900
