"""The domain records: an `Article` and the `Quote`s inside it.

Standard library only, so that every other layer (parsers, index, CLI, scripts) can share them
without pulling in a parser or a search engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Article", "Quote", "format_date", "parse_iso_date"]


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: its words, who said them (if the text says), and where it sits in the body.

    `start` and `end` are character offsets into `Article.body` of the quoted words, without the
    quotation marks, so that ``body[start:end] == text``.
    """

    text: str
    speaker: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(data["text"], data.get("speaker"), int(data["start"]), int(data["end"]))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as the parsers understood it.

    `date` is a timezone-aware `datetime` when the source gave a time (naive when it gave a time
    but no zone), a `date` when it gave only the day, and None when it gave nothing usable.
    `byline` holds people only: agencies, desks and "Staff" are not authors.
    `body` is plain text, paragraphs separated by one blank line.
    `language` is the ISO 639-1 code of the language the article is written in, None when unknown.
    """

    id: str
    title: str = ""
    body: str = ""
    date: dt.date | dt.datetime | None = None
    byline: list[str] = field(default_factory=list)
    source: str | None = None
    url: str | None = None
    path: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    language: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: plain types only, the date as ISO 8601 (or None)."""
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "date": format_date(self.date),
            "byline": list(self.byline),
            "body": self.body,
            "quotes": [q.to_dict() for q in self.quotes],
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of `to_dict`."""
        return cls(
            id=data["id"],
            title=data.get("title") or "",
            body=data.get("body") or "",
            date=parse_iso_date(data.get("date")),
            byline=list(data.get("byline") or []),
            source=data.get("source"),
            url=data.get("url"),
            path=data.get("path"),
            quotes=[Quote.from_dict(q) for q in data.get("quotes") or []],
            language=data.get("language"),
        )


def format_date(value: dt.date | dt.datetime | None) -> str | None:
    """ISO 8601: ``2017-11-09`` for a day, ``2017-11-09T14:05:00-05:00`` for a moment."""
    if value is None:
        return None
    return value.isoformat()


def parse_iso_date(text: str | None) -> dt.date | dt.datetime | None:
    """Read back what `format_date` wrote: a day stays a `date`, a moment becomes a `datetime`."""
    if not text:
        return None
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text)
