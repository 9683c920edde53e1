"""The publication date of a page, from its metadata, <time> elements, printed text and URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from urllib.parse import urlsplit

from bs4 import Tag

from ..dates import date_from_url, parse_date
from ..normalize import clean_inline
from .page import PageSignals, as_strings, class_and_id, ld_articles
from .titles import find_headline, headline_index
from .vocabulary import (
    ABOVE_HEADLINE,
    DATE_SHAPE,
    DAY_FIRST_ENGLISH,
    EARLIEST,
    H1_TAG,
    LABEL_REACH,
    MAX_DATE_NODES,
    MAX_VISIBLE_DATES,
    MODIFIED_METAS,
    NEAR_HEADLINE,
    PLACEHOLDER_DAYS,
    PUBLISHED_METAS,
    TEXT_NODE,
    UPDATE_LABEL,
    URL_DAY_SLACK,
    URL_YEAR,
    VISIBLE_DATE,
    VISIBLE_UPDATED,
    DateReader,
)

# ------------------------------------------------------------------ date


def find_date(page: PageSignals, text: str, url: str | None, title: str) -> dt.date | dt.datetime | None:
    # Text written for readers follows the page language's convention for 03/04/2021; values in
    # attributes and metadata are written by software, in the US order when not in ISO's.
    read_text = partial(_valid_date, day_first=_writes_day_first(page.language))
    url_day = _check_range(date_from_url(url)) if url else None
    stated = map(_valid_date, _published_candidates(page))
    printed = map(read_text, _labelled_published(text))
    published = [v for v in (*stated, *printed) if v]
    if published:
        first = _shown_by_headline(published, page, text, title, read_text) or _local_time(published)
        return _revised_for_year(_earlier_url_day(first, url_day), page, text, url)
    if url_day:
        return url_day
    for candidate in _date_nodes(text, headline_index(page, title)):
        value = read_text(candidate)
        if value:
            return value
    for candidate in _modified_candidates(page, text):
        value = _valid_date(candidate)
        if value:
            return value
    # An old date is believed when the page's own metadata insists on it (archives, digitised wires);
    # from text or the URL it is more likely a placeholder or a misreading.
    for candidate in _declared_published(page):
        value = _valid_date(candidate, earliest=None)
        if value:
            return value
    return None


def _writes_day_first(language: str | None) -> bool:
    """True when the page's declared language writes 03/04/2021 for 3 April: all but American
    English (a bare "en" counts as American: so the English pages we hold write it)."""
    if not language:
        return False
    tag = language.strip().lower().replace("_", "-")
    if tag == "en" or tag.startswith("en-"):
        return tag[3:5] in DAY_FIRST_ENGLISH
    return bool(tag)


def _shown_by_headline(
    published: list[dt.date | dt.datetime], page: PageSignals, text: str, title: str, read_text: DateReader
) -> dt.date | dt.datetime | None:
    """The stated date that the page prints beside its headline, when the page states several:
    readers (and people citing the page) go by the printed day, and the metadata often carries an
    earlier draft or import time. Only a printed day that the page's own data also states counts,
    so a date in a teaser or a comment cannot win on its own."""
    shown = _headline_date(page, text, title, read_text)
    if shown is None:
        return None
    day = _day_of(shown)
    same = next((value for value in published if _day_of(value) == day), None)
    if same is not None:
        return same  # the stated value: it may carry the time and zone the printed date lacks
    modified = filter(None, map(_valid_date, _modified_candidates(page, text)))
    return shown if any(_day_of(value) == day for value in modified) else None


def _headline_date(
    page: PageSignals, text: str, title: str, read_text: DateReader
) -> dt.date | dt.datetime | None:
    """The first date printed in the markup just after the headline, unless it is labelled as an
    update ("Last updated", "Aktualisiert", itemprop="dateModified"). None when no <h1> holds the
    title: the first <h1> may be the site's logo, followed by the date of the day."""
    if find_headline(page, title) is None:
        return None
    for node, label in _nodes_after_headline(text, headline_index(page, title)):
        if UPDATE_LABEL.search(label) or UPDATE_LABEL.search(node):
            continue
        value = read_text(node)
        if value is not None:
            return value
    return None


def _nodes_after_headline(text: str, headline: int) -> Iterator[tuple[str, str]]:
    """Date-shaped text nodes within `NEAR_HEADLINE` characters of markup after the headline, each
    with the markup just before it (where its label or its element's attributes are)."""
    body = max(text.find("<body"), 0)
    h1s = [m.start() for m in H1_TAG.finditer(text, body)]
    if not h1s:
        return
    start = h1s[min(headline, len(h1s) - 1)]
    for m in TEXT_NODE.finditer(text, start, start + NEAR_HEADLINE):
        node = m.group(1) or m.group(2)
        if m.group(1) or DATE_SHAPE.search(node):
            yield node, text[max(start, m.start() - LABEL_REACH) : m.start()]


def _day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _revised_for_year(
    value: dt.date | dt.datetime, page: PageSignals, text: str, url: str | None
) -> dt.date | dt.datetime:
    """The modified date when the URL names a later year than the stated publication and the
    modification falls in that year: a page rewritten for that year ("best-laptops-2023") reads as
    new then, and its first publication is history."""
    if not url:
        return value
    years = [int(y) for y in URL_YEAR.findall(urlsplit(url).path)]
    if not years or max(years) <= value.year:
        return value
    year = max(years)
    for candidate in _modified_candidates(page, text):
        modified = _valid_date(candidate)
        if modified and modified.year == year:
            return modified
    return value


def _local_time(values: list[dt.date | dt.datetime]) -> dt.date | dt.datetime:
    """The first value, but in the page's own time zone when it is given in UTC and another value
    names the same moment with a local offset: the day readers see is the local one."""
    first = values[0]
    if not isinstance(first, dt.datetime) or first.utcoffset() != dt.timedelta(0):
        return first
    for other in values[1:]:
        if isinstance(other, dt.datetime) and other.utcoffset() and other == first:
            return other
    return first


def _earlier_url_day(value: dt.date | dt.datetime, url_day: dt.date | None) -> dt.date | dt.datetime:
    """The URL's day when it is days before the stated date: a URL is minted at first publication,
    while a later stated date is a re-publication or an update."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if url_day and (day - url_day).days > URL_DAY_SLACK:
        return url_day
    return value


def _declared_published(page: PageSignals) -> Iterator[str]:
    """Publication dates the page states in structured data: JSON-LD and meta tags."""
    for obj in ld_articles(page):
        yield from as_strings(obj.get("datePublished"))
    for obj in page.jsonld:
        yield from as_strings(obj.get("datePublished"))
    for key in PUBLISHED_METAS:
        yield from page.metas.get(key, ())


def _published_candidates(page: PageSignals) -> Iterator[str]:
    yield from _declared_published(page)
    yield from _time_candidates(page.times)


def _labelled_published(text: str) -> Iterator[str]:
    """Dates printed after a "Published" label."""
    for i, m in enumerate(VISIBLE_DATE.finditer(text, 0, 2_000_000)):
        if i >= MAX_VISIBLE_DATES:
            break
        yield m.group(1)


def _date_nodes(text: str, headline: int) -> Iterator[str]:
    """Short text nodes that hold a date, and long ones that start with one: first those after the
    headline (the article's dateline sits near it), then those just above it (a kicker line);
    dates further up are often the site's "today", so the top of the body comes last."""
    body = max(text.find("<body"), 0)
    h1s = [m.start() for m in H1_TAG.finditer(text, body)]
    start = h1s[min(headline, len(h1s) - 1)] if h1s else -1
    spans = [(body, len(text))]
    if start > body:
        spans = [(start, len(text)), (max(body, start - ABOVE_HEADLINE), start), (body, start)]
    for begin, end in spans:
        found = 0
        for m in TEXT_NODE.finditer(text, begin, end):
            node = m.group(1) or m.group(2)
            if m.group(1) or DATE_SHAPE.search(node):
                yield node
                found += 1
                if found >= MAX_DATE_NODES:
                    break


def _modified_candidates(page: PageSignals, text: str) -> Iterator[str]:
    for obj in page.jsonld:
        yield from as_strings(obj.get("dateModified"))
        yield from as_strings(obj.get("dateCreated"))
    for key in MODIFIED_METAS:
        yield from page.metas.get(key, ())
    m = VISIBLE_UPDATED.search(text)
    if m:
        yield m.group(1)


def _time_candidates(times: list[Tag]) -> Iterator[str]:
    """<time> values, the ones marked as the publication time first."""
    marked = [t for t in times if _is_published_time(t)]
    for t in marked + [t for t in times if t not in marked]:
        value = t.get("datetime") or t.get("content")
        if value:
            yield str(value)
        else:
            yield t.get_text(" ", strip=True)


def _is_published_time(t: Tag) -> bool:
    if t.has_attr("pubdate") or "datepublished" in str(t.get("itemprop", "")).lower():
        return True
    return "publish" in class_and_id(t.attrs).lower()


def _valid_date(
    text: str, earliest: dt.date | None = EARLIEST, day_first: bool = False
) -> dt.date | dt.datetime | None:
    text = clean_inline(text)
    if not text or len(text) > 80:
        return None
    try:
        value = parse_date(text, day_first=day_first)
    except (ValueError, OverflowError, TypeError):
        return None
    return _check_range(value, earliest)


def _check_range(
    value: dt.date | dt.datetime | None, earliest: dt.date | None = EARLIEST
) -> dt.date | dt.datetime | None:
    """None for dates before `earliest` or after tomorrow: those are placeholders or parse errors."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if day in PLACEHOLDER_DAYS or (earliest and day < earliest):
        return None
    if day > dt.date.today() + dt.timedelta(days=1):
        return None
    return value
