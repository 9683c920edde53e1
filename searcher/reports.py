"""What the index's operations return: plain records, standard library only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Skip:
    """A file (or a record in one) that was not indexed, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class UpdateReport:
    """What an update did. Article counts, except where a name says files."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    files_seen: int = 0
    files_parsed: int = 0
    files_unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    seconds: float = 0.0
    total: int = 0

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "files_seen": self.files_seen,
            "files_parsed": self.files_parsed,
            "files_unchanged": self.files_unchanged,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "seconds": round(self.seconds, 3),
            "articles": self.total,
        }


@dataclass(frozen=True, slots=True)
class Timeline:
    """Matching articles per period, from the first to the last with any (empty ones as 0)."""

    query: str
    by: str
    total: int
    periods: list[tuple[str, int]]
    undated: int = 0

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "by": self.by,
            "total": self.total,
            "undated": self.undated,
            "periods": [{"period": p, "articles": n} for p, n in self.periods],
        }


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What an index holds."""

    path: str
    articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    sources: list[tuple[str, int]]
    bylines: list[tuple[str, int]]
    files: int
    size_bytes: int
    duplicate_groups: int = 0
    articles_in_duplicate_groups: int = 0
    languages: list[tuple[str, int]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "articles": self.articles,
            "duplicate_groups": self.duplicate_groups,
            "articles_in_duplicate_groups": self.articles_in_duplicate_groups,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "sources": [{"name": n, "articles": c} for n, c in self.sources],
            "bylines": [{"name": n, "articles": c} for n, c in self.bylines],
            "languages": [{"code": n, "articles": c} for n, c in self.languages],
            "files": self.files,
            "size_bytes": self.size_bytes,
        }
