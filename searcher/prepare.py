"""An article as the index writer files it: every field analysed, stored and column values ready.

This runs in the parsing worker processes, so the one writer process only files postings away.
It does what Whoosh's ``SegmentWriter.add_document`` does per field (terms, lengths, stored values,
columns, spelling words), with one fast pass over the words of each prose field instead of the
analyzer's chain of per-token generators.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from whoosh import formats

from . import duplicates
from .analysis import prose_terms, text_analyzer
from .article import Article
from .schema import build_schema, to_document

# (term bytes, weight, encoded value) of one field of one document.
Posting = tuple[bytes, float, bytes]


@dataclass(slots=True)
class Prepared:
    """One article ready for the writer. `group` fields are added by the writer (they depend on
    the articles written before this one)."""

    id: str
    sketch: list[int]
    stored: dict[str, Any] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)
    columns: dict[str, Any] = field(default_factory=dict)
    postings: dict[str, list[Posting]] = field(default_factory=dict)
    spelling: dict[str, set[str]] = field(default_factory=dict)


def prepare_article(article: Article, *, file: str = "", fingerprint: str = "") -> Prepared:
    """The article analysed against the current schema, with its near-duplicate sketch."""
    signature = duplicates.sketch(article.body)
    document = to_document(article, file=file, fingerprint=fingerprint, signature=signature)
    del document["dup_group"]  # decided by the writer, see `add_fields`
    prepared = Prepared(id=article.id, sketch=signature)
    add_fields(prepared, document)
    return prepared


def add_fields(prepared: Prepared, document: dict[str, Any]) -> None:
    """Analyse the fields of a Whoosh document dict into `prepared`."""
    schema = _schema()
    prose = _prose_fields()
    for name, value in document.items():
        if value is None:
            continue
        fieldobj = schema[name]
        length = 0
        words: set[str] | None = None
        if fieldobj.indexed:
            if name in prose and isinstance(fieldobj.format, formats.Positions):
                items, words = _prose_postings(fieldobj.format, value)
            else:
                items = fieldobj.index(value)
            postings = []
            for btext, frequency, weight, vbytes in items:
                postings.append((btext, weight, vbytes))
                length += frequency
            prepared.postings[name] = postings
            if not fieldobj.scorable:
                length = 0
        if fieldobj.separate_spelling():
            spelling = fieldobj.spelling_fieldname(name)
            prepared.spelling[spelling] = words if words is not None else set(fieldobj.spellable_words(value))
        if fieldobj.stored:
            prepared.stored[name] = value
        if length:
            prepared.lengths[name] = length
        if fieldobj.column_type:
            prepared.columns[name] = fieldobj.to_column_value(value)


def _prose_postings(fmt: formats.Format, text: str) -> tuple[list[tuple[bytes, int, float, bytes]], set[str]]:
    found, words = prose_terms(text)
    boost = fmt.field_boost
    encode = fmt.encode
    if isinstance(fmt, formats.Characters):
        items = [(stem.encode("utf-8"), len(o), len(o) * boost, encode(o)) for stem, o in found.items()]
    else:
        items = [
            (stem.encode("utf-8"), len(o), len(o) * boost, encode([p for p, _, _ in o]))
            for stem, o in found.items()
        ]
    return items, words


@lru_cache(maxsize=1)
def _schema():
    return build_schema()


@lru_cache(maxsize=1)
def _prose_fields() -> frozenset[str]:
    """Fields analysed exactly as `text_analyzer()` does, which `prose_terms` reproduces."""
    reference = text_analyzer()
    return frozenset(
        name for name, fieldobj in _schema().items() if getattr(fieldobj, "analyzer", None) == reference
    )
