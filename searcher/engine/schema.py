"""The Whoosh schema and the mapping Article <-> Whoosh document.

The only module that knows field names: the other modules name a field by its constant here
(`ID`, `BODY`, `DUP_GROUP`, ...). Query field names (``title:``, ``byline:``, ``source:``,
``speaker:``, ``quote:``, ``body:``, ``url:``, ``date:``) are the schema's own, so the query parser
needs no translation table.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from typing import Any

from whoosh import columns, fields, formats
from whoosh.util.numeric import typecode_max
from whoosh.util.times import long_to_datetime

from ..article import Article, Quote, format_date, parse_iso_date
from .analysis import name_analyzer, text_analyzer
from .names import name_variants
from .postings import CompactPositions

# Written into every index; an index of another version is refused (its terms or its near-duplicate
# sketches would not match). 9: segments carry the writer's mark (`whoosh_contract.MARK`).
SCHEMA_VERSION = 11  # 10: classes moved to searcher.engine; 11: the language field

# Field names. Searched: what query words and `field:` prefixes look in.
TITLE = "title"
BODY = "body"
QUOTE = "quote"  # every quotation's text
SPEAKER = "speaker"  # every form of every speaker's name
BYLINE = "byline"
SOURCE = "source"
URL = "url"
DATE = "date"  # searched by day, sorted by time
LANGUAGE = "lang"  # ISO 639-1 code, as `lang:de` searches it
# Bookkeeping: the article's id, its source file (absolute) and that file's fingerprint.
ID = "id"
FILE = "file"
FINGERPRINT = "fingerprint"
# Columns of exact values, for statistics, facets and near-duplicates.
SOURCE_NAME = "source_name"
BYLINE_NAMES = "byline_names"
SPEAKER_NAMES = "speaker_names"
SKETCH = "sketch"  # the body's near-duplicate sketch
DUP_GROUP = "dup_group"  # the story the article belongs to
# Stored as they are, to give the Article back.
PATH = "path"
DATE_ISO = "date_iso"
QUOTES = "quotes"  # each quotation's place in the body and speaker

# Fields that plain query words search, and how much a match in each counts (applied to the field's
# BM25 score). A query word usually stands in the body too, so the title adds to the body's score;
# 0.5 ranked best on the test collections (`scripts/eval_ir.py`).
DEFAULT_FIELDS = (TITLE, BODY)
FIELD_WEIGHTS = {TITLE: 0.5, BODY: 1.0}
# What the date column holds for an article without a date (Whoosh's default: the largest value).
MISSING_DATE = typecode_max[fields.DATETIME().sortable_typecode]
# Facet-style values kept in columns: one value per document, read without unpickling bodies.
_LIST_SEPARATOR = "\x1f"


class TextColumn(fields.COLUMN):
    """A text value per document, kept in a column only: read for facets, statistics and
    bookkeeping, never searched, so it costs no terms and no postings."""

    def __init__(self, stored: bool = False) -> None:
        super().__init__(columns.VarBytesColumn())
        self.stored = stored

    def to_bytes(self, value: str) -> bytes:
        return value.encode("utf-8")

    def from_bytes(self, value: bytes) -> str:
        return value.decode("utf-8")


class SketchColumn(fields.COLUMN):
    """A near-duplicate sketch (a list of 32-bit hashes) in a column, four bytes a hash."""

    def __init__(self) -> None:
        super().__init__(columns.VarBytesColumn())

    def to_bytes(self, value: list[int]) -> bytes:
        return array("I", value).tobytes()

    def from_bytes(self, value: bytes) -> list[int]:
        return array("I", value).tolist()


class DayDate(fields.DATETIME):
    """A date searched by day: the terms hold the day (one set of terms per day, not per
    article), the sort column the full time."""

    def index(self, value, **kwargs):
        if isinstance(value, dt.datetime):
            value = value.replace(hour=0, minute=0, second=0, microsecond=0)
            if not kwargs:  # many articles share a day: its terms are worked out once
                return _day_terms(super().index, (self.shift_step, self.bits, value))
        return super().index(value, **kwargs)


_DAYS_CACHED = 8192


def _day_terms(index, key: tuple[int, int, dt.datetime]) -> list:
    """`DATETIME.index` of a day (the key's last part), remembered: Whoosh works out each tier's
    term in Python."""
    found = _DAY_TERMS.get(key)
    if found is None:
        if len(_DAY_TERMS) >= _DAYS_CACHED:
            _DAY_TERMS.clear()
        found = _DAY_TERMS[key] = list(index(key[-1]))
    return found


_DAY_TERMS: dict[tuple[int, int, dt.datetime], list] = {}


def build_schema() -> fields.Schema:
    prose = text_analyzer()
    names = name_analyzer()
    schema = fields.Schema(
        **{
            ID: fields.ID(stored=True, unique=True, sortable=True),
            # Bookkeeping for incremental updates: the source file (absolute) and its fingerprint.
            FILE: fields.ID(sortable=True),
            FINGERPRINT: TextColumn(),
            PATH: fields.STORED(),
            URL: fields.ID(stored=True),
            TITLE: fields.TEXT(analyzer=prose, stored=True, spelling=True),
            BODY: fields.TEXT(analyzer=prose, stored=True, spelling=True),
            QUOTE: fields.TEXT(analyzer=prose),
            SPEAKER: fields.TEXT(analyzer=names),
            BYLINE: fields.TEXT(analyzer=names),
            SOURCE: fields.TEXT(analyzer=names, stored=True),
            DATE: DayDate(sortable=True),
            LANGUAGE: fields.TEXT(analyzer=names, stored=True),  # `lang:DE` finds `de`
            # Exact values, for statistics and facets.
            SOURCE_NAME: TextColumn(),
            BYLINE_NAMES: TextColumn(stored=True),
            SPEAKER_NAMES: TextColumn(),
            # Near-duplicates: the body's sketch and the story's group.
            SKETCH: SketchColumn(),
            DUP_GROUP: TextColumn(),
            # Stored as they are, to give the Article back.
            DATE_ISO: fields.STORED(),
            QUOTES: fields.STORED(),
        }
    )
    for fieldobj in schema._fields.values():  # positions for phrases, packed (postings.py)
        if type(fieldobj.format) is formats.Positions:
            fieldobj.format = CompactPositions(field_boost=fieldobj.format.field_boost)
    return schema


def field_kinds(schema: fields.Schema) -> dict[str, str]:
    """How each searchable field reads query words: "prose" (stemmed text), "names" (folded words),
    "id" (the value as it is) or "date"."""
    prose, names = text_analyzer(), name_analyzer()
    kinds = {}
    for name, fieldobj in schema.items():
        if name.startswith("spell_") or not fieldobj.indexed:
            continue
        if isinstance(fieldobj, fields.DATETIME):
            kinds[name] = "date"
        elif isinstance(fieldobj, fields.ID):
            kinds[name] = "id"
        elif getattr(fieldobj, "analyzer", None) == prose:
            kinds[name] = "prose"
        elif getattr(fieldobj, "analyzer", None) == names:
            kinds[name] = "names"
    return kinds


def spelling_sources(schema: fields.Schema) -> list[str]:
    """The unstemmed word lists of the prose fields (Whoosh's spelling fields): where wildcards,
    fuzzy words and "did you mean" look words up."""
    return [
        schema[name].spelling_fieldname(name)
        for name in DEFAULT_FIELDS
        if name in schema and getattr(schema[name], "spelling", False)
    ]


def to_document(
    article: Article,
    *,
    file: str = "",
    fingerprint: str = "",
    signature: Sequence[int] | None = None,
) -> dict[str, Any]:
    """The Whoosh document for an article. Empty values are left out (Whoosh rejects some).

    `signature` is the body's near-duplicate sketch. The story group (`dup_group`) is the writer's
    to add: it depends on the articles written before this one.
    """
    doc: dict[str, Any] = {
        ID: article.id,
        FILE: file,
        FINGERPRINT: fingerprint,
        PATH: article.path,
        TITLE: article.title,
        BODY: article.body,
        QUOTES: [_stored_quote(q, article.body) for q in article.quotes],
        DATE_ISO: format_date(article.date),
        SOURCE_NAME: article.source or "",
        BYLINE_NAMES: _LIST_SEPARATOR.join(article.byline),
        SPEAKER_NAMES: _LIST_SEPARATOR.join(sorted({q.speaker for q in article.quotes if q.speaker})),
    }
    if signature:
        doc[SKETCH] = signature
    if article.url:
        doc[URL] = article.url
    if article.language:
        doc[LANGUAGE] = article.language
    if article.source:
        doc[SOURCE] = article.source
    if article.byline:
        doc[BYLINE] = "\n".join(article.byline)
    if article.quotes:
        doc[QUOTE] = "\n\n".join(q.text for q in article.quotes)
        speakers = {q.speaker for q in article.quotes if q.speaker}
        if speakers:
            # Every form the article gives a speaker's name, so "Lawrence Krasner" finds "Larry Krasner".
            variants = set().union(*(name_variants(name, article.body) for name in speakers))
            doc[SPEAKER] = "\n".join(sorted(variants))
    when = index_datetime(article.date)
    if when is not None:
        doc[DATE] = when
    return doc


def from_stored(stored: dict[str, Any]) -> Article:
    """The Article back from a document's stored fields."""
    body = stored_body(stored)
    return Article(
        id=stored[ID],
        title=stored_title(stored),
        body=body,
        date=stored_date(stored),
        byline=stored_byline(stored),
        source=stored.get(SOURCE),
        url=stored.get(URL),
        path=stored.get(PATH),
        quotes=[_quote(q, body) for q in stored.get(QUOTES) or []],
        language=stored.get(LANGUAGE),
    )


# Each stored field decoded here only: hits and quote hits read a few fields without building an Article.
def stored_title(stored: dict[str, Any]) -> str:
    """The stored title; "" when the article has none."""
    return stored.get(TITLE) or ""


def stored_body(stored: dict[str, Any]) -> str:
    """The stored body; "" when the article has none."""
    return stored.get(BODY) or ""


def stored_date(stored: dict[str, Any]) -> dt.date | dt.datetime | None:
    """The article's date as published (a day or a moment), from its ISO form."""
    return parse_iso_date(stored.get(DATE_ISO))


def stored_byline(stored: dict[str, Any]) -> list[str]:
    """The byline's names, in order."""
    return split_names(stored.get(BYLINE_NAMES) or "")


def _stored_quote(quote: Quote, body: str) -> tuple:
    """A quotation as stored: where it stands in the body and who said it; its text only when
    it is not simply that stretch of the body."""
    if body[quote.start : quote.end] == quote.text:
        return (quote.start, quote.end, quote.speaker)
    return (quote.start, quote.end, quote.speaker, quote.text)


def _quote(stored: tuple, body: str) -> Quote:
    start, end, speaker, *text = stored
    return Quote(text[0] if text else body[start:end], speaker, start, end)


def index_datetime(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    """The moment Whoosh sorts and filters by: the article's own wall-clock time, zone dropped.

    A day query (``date:2017-11-09``) should find what the publisher dated that day, wherever it is.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def column_datetime(raw: int) -> dt.datetime | None:
    """A raw (untranslated) date column value as a datetime; None for an undated article."""
    return None if raw == MISSING_DATE else long_to_datetime(raw)


def split_names(value: str) -> list[str]:
    """Names from a `byline_names` column value."""
    return value.split(_LIST_SEPARATOR) if value else []
