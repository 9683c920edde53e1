"""JSON records as scrapers write them -> Article.

Accepted keys (the first present wins), covering newspaper3k/4k, news-please, trafilatura,
Scrapy feeds and the common hand-rolled exports:

    id       id, _id, uuid, guid, doc_id, article_id
    title    title, headline, name
    date     date, published, publish_date, published_date, datePublished, date_publish,
             published_at, pubDate, publication_date, created_at, timestamp, date_modify
    byline   author, authors, byline, creator, by, writer (a string, a list, or {"name": …} objects)
    body     body, text, content, articleBody, maintext, article, full_text, raw_text, description
    url      url, link, canonical_url, source_url, href
    source   source, publisher, source_domain, site_name, sitename, hostname, domain, site
             (a URL becomes its readable host; without any, the host of the record's url)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..article import Article
from .bylines import clean_byline
from .dates import parse_date
from .html import fragment_text
from .language import article_language
from .normalize import clean_inline, join_paragraphs, publisher_form, readable_host
from .quotes import find_quotes

ID_KEYS = ("id", "_id", "uuid", "guid", "doc_id", "article_id")
TITLE_KEYS = ("title", "headline", "name")
DATE_KEYS = (
    "date",
    "published",
    "publish_date",
    "published_date",
    "datePublished",
    "date_publish",
    "published_at",
    "pubDate",
    "publication_date",
    "created_at",
    "timestamp",
    "date_modify",
)
BYLINE_KEYS = ("author", "authors", "byline", "creator", "by", "writer")
BODY_KEYS = ("body", "text", "content", "articleBody", "maintext", "article", "full_text", "raw_text")
DESCRIPTION_KEYS = ("description", "summary", "abstract")
URL_KEYS = ("url", "link", "canonical_url", "source_url", "href")
LANGUAGE_KEYS = ("language", "lang", "inLanguage", "locale")
SOURCE_KEYS = ("source", "publisher", "source_domain", "site_name", "sitename", "hostname", "domain", "site")
# Containers that hold a list of records in a single JSON document.
LIST_KEYS = ("articles", "items", "records", "data", "results", "documents", "docs", "hits")

_MARKUP = re.compile(r"<(?:p|br|div|span|a|em|strong|b|i)\b[^>]*>", re.I)


def parse_record(record: Mapping[str, Any], *, with_quotes: bool = True) -> Article:
    """One scraped record. Unknown keys are ignored; missing ones leave the field empty.

    The id is the record's own, else its URL (stable however the records are reordered or split).
    `with_quotes=False` leaves `quotes` empty, for a caller that finds them for many articles at
    once (`searcher.parse.add_quotes`).
    """
    body = _body(_first(record, BODY_KEYS))
    if not body:
        body = _body(_first(record, DESCRIPTION_KEYS))
    date_value = _first(record, DATE_KEYS)
    record_id = _first(record, ID_KEYS)
    url = _string(_first(record, URL_KEYS))
    title = clean_inline(_string(_first(record, TITLE_KEYS)) or "")
    language = article_language(title, body, _first(record, LANGUAGE_KEYS))
    return Article(
        id=_string(record_id) or url or "",
        title=title,
        body=body,
        date=_date(date_value),
        byline=clean_byline(_names(_first(record, BYLINE_KEYS))),
        source=_source(record, url),
        url=url,
        quotes=find_quotes(body, language) if with_quotes else [],
        language=language,
    )


def records_in(document: Any) -> list[Mapping[str, Any]]:
    """The records inside one JSON document: an object, a list of objects, or {"articles": [...]}."""
    if isinstance(document, list):
        return [r for r in document if isinstance(r, Mapping)]
    if isinstance(document, Mapping):
        if _first(document, TITLE_KEYS + BODY_KEYS) is None:
            for key in LIST_KEYS:
                inner = document.get(key)
                if isinstance(inner, list):
                    return [r for r in inner if isinstance(r, Mapping)]
        return [document]
    return []


def _first(record: Mapping[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = _unicode(str(value)).strip()
    return text or None


def _unicode(text: str) -> str:
    """`text` with each lone surrogate (JSON may escape one: "\\ud800") replaced by U+FFFD: it
    is no character, and printing or indexing it fails."""
    if text.isascii():  # (known without a scan)
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")
# Beyond any timestamp, in seconds or milliseconds, of a year a date may have.
_LARGEST_TIMESTAMP = 10**14


def _name(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title")
    text = _string(value)
    return clean_inline(text) if text else None


def _source(record: Mapping[str, Any], url: str | None) -> str | None:
    """The publisher as a name ("https://www.newsnation.in" -> "newsnation.in", "@wire" ->
    "wire"), else the host of the record's URL made readable."""
    return publisher_form(_name(_first(record, SOURCE_KEYS))) or readable_host(url)


def _names(value: Any) -> list[str] | str | None:
    """Author values as strings: "A and B", ["A", "B"], [{"name": "A"}], {"name": "A"}."""
    if isinstance(value, Mapping):
        value = [value]
    if isinstance(value, list):
        out = []
        for item in value:
            name = _name(item)
            if name:
                out.append(name)
        return out
    return _string(value)


def _date(value: Any):
    """The record's date, or None for one that is no date (NaN, infinity, a year 99999)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if abs(value) >= _LARGEST_TIMESTAMP or not math.isfinite(value):  # (an int first: 10**400)
            return None
        return parse_date(str(int(value)))
    if isinstance(value, Mapping):  # {"$date": "..."} (MongoDB exports)
        value = value.get("$date") or value.get("date")
    text = _string(value)
    return parse_date(text) if text else None


def _body(value: Any) -> str:
    """Paragraphs of a body given as text (blank-line or line separated), a list, or HTML."""
    if isinstance(value, list):
        return join_paragraphs([_unicode(str(v)) for v in value if isinstance(v, (str, int, float))])
    text = _string(value)
    if not text:
        return ""
    if _MARKUP.search(text):
        text = fragment_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    separator = "\n\n" if "\n\n" in text else "\n"
    return join_paragraphs(text.split(separator))
