"""What the index's operations return: plain records, standard library only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# What a file is, by its suffix, among the documents people keep beside their articles: the
# index report counts skipped files by these kinds. (PDF and Word files are read with the
# documents extra; the others are not read.)
FILE_KINDS = {
    ".pdf": "PDF",
    ".docx": "Word file",
    **dict.fromkeys((".doc", ".odt", ".rtf", ".pages", ".wpd"), "word-processor document"),
    **dict.fromkeys((".xls", ".xlsx", ".ods", ".numbers"), "spreadsheet"),
    **dict.fromkeys((".ppt", ".pptx", ".odp", ".key"), "presentation"),
    **dict.fromkeys((".epub", ".mobi", ".azw", ".azw3", ".djvu"), "e-book"),
    **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".heic", ".avif"), "image"
    ),
    **dict.fromkeys(
        (".mp3", ".m4a", ".wav", ".ogg", ".mp4", ".mov", ".avi", ".mkv", ".webm"), "audio or video file"
    ),
    **dict.fromkeys((".zip", ".tar", ".tgz", ".7z", ".rar", ".bz2", ".xz"), "archive"),
    **dict.fromkeys((".eml", ".msg", ".mbox"), "e-mail file"),
}


def file_kind(path: str) -> str | None:
    """The kind of document a file name says it is (looking through ``.gz``), or None."""
    name = path.rsplit("/", 1)[-1].lower().removesuffix(".gz")
    dot = name.rfind(".")
    return FILE_KINDS.get(name[dot:]) if dot > 0 else None


def with_article(kind: str) -> str:
    """ "a PDF", "an image": a kind as a phrase."""
    return f"an {kind}" if kind[:1].lower() in "aeio" else f"a {kind}"


@dataclass(frozen=True, slots=True)
class Progress:
    """How far an update's parsing has come, as it goes: articles parsed, files done, and the
    share of the input's bytes behind it (one large JSONL file is many articles, one page one)."""

    articles: int
    files_done: int
    files_total: int
    fraction: float
    seconds: float

    @property
    def rate(self) -> float:
        """Articles parsed per second so far."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the pace so far; None until enough is done to tell."""
        if self.fraction < 0.02 or self.seconds < 1.0:
            return None
        return self.seconds * (1 - self.fraction) / self.fraction


@dataclass(frozen=True, slots=True)
class Skip:
    """A file (or a record in one) that was not indexed, and why."""

    path: str
    reason: str

    @property
    def kind(self) -> str:
        """What the skipped file is ("PDF", "image"), or "other" (a broken page, a bad record)."""
        return file_kind(self.path) or "other"


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

    def skipped_by_kind(self) -> list[tuple[str, int]]:
        """(kind, files or records skipped) for each kind, commonest first, "other" last."""
        counts: dict[str, int] = {}
        for skip in self.skipped:
            counts[skip.kind] = counts.get(skip.kind, 0) + 1
        return sorted(counts.items(), key=lambda item: (item[0] == "other", -item[1], item[0]))

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "files_seen": self.files_seen,
            "files_parsed": self.files_parsed,
            "files_unchanged": self.files_unchanged,
            "skipped": [{"path": s.path, "reason": s.reason, "kind": s.kind} for s in self.skipped],
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
