"""Articles as the index writer files them: a batch with every field analysed, postings gathered
by term, stored fields pickled and compressed, column values ready.

This runs in the parsing worker processes, so the one writer process only appends each batch's
per-term arrays to its own and writes what is left. It does what Whoosh's
``SegmentWriter.add_document`` does per field (terms, lengths, stored values, columns, spelling
words), with one fast pass over the words of each prose field instead of the analyzer's chain of
per-token generators.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from whoosh import formats

from . import duplicates
from .analysis import prose_terms, text_analyzer
from .article import Article
from .schema import build_schema, to_document

# One term's postings in a batch: the documents (numbered from 0 in the batch), their weights,
# and their encoded values end to end (`ends` marks where each one stops).
TermPostings = tuple[array, array, array, bytearray]
# A field's postings in a batch, flattened for a cheap trip between processes: the terms, how
# many postings each has, then all postings in term order (documents, weights, value ends) and
# the values end to end.
FieldPostings = tuple[list[bytes], array, array, array, array, bytes]
# Whoosh's stored-fields column: pickled (protocol 2), then deflated at level 3.
_STORED_LEVEL = 3


@dataclass(slots=True)
class Batch:
    """Consecutive articles of one file, ready for `BulkWriter.add_batch`."""

    ids: list[str] = field(default_factory=list)
    sketches: list[array] = field(default_factory=list)  # array("I"): a fifth of a list's memory
    stored: list[bytes] = field(default_factory=list)
    # field -> each document's length in it (0: none)
    lengths: dict[str, list[int]] = field(default_factory=dict)
    # field -> each document's column value (None: none)
    columns: dict[str, list[Any]] = field(default_factory=dict)
    postings: dict[str, FieldPostings] = field(default_factory=dict)
    # spelling field -> how many documents use each word
    spelling: dict[str, Counter[bytes]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)


def prepare_batch(articles: Iterable[Article], *, file: str = "", fingerprint: str = "") -> Batch:
    """The articles analysed against the current schema, with their near-duplicate sketches.

    The story group of each article is left to the writer: it depends on what was written before.
    """
    batch = Batch()
    by_term: dict[str, dict[bytes, TermPostings]] = {}
    for article in articles:
        signature = duplicates.sketch(article.body)
        document = to_document(article, file=file, fingerprint=fingerprint, signature=signature)
        batch.ids.append(article.id)
        batch.sketches.append(array("I", signature))
        _add_document(batch, by_term, document)
    batch.postings = {name: _flatten(terms) for name, terms in by_term.items()}
    return batch


def _flatten(terms: dict[bytes, TermPostings]) -> FieldPostings:
    counts, docs, weights, ends, blob = array("I"), array("I"), array("f"), array("I"), bytearray()
    for term_docs, term_weights, term_ends, term_blob in terms.values():
        counts.append(len(term_docs))
        docs.extend(term_docs)
        weights.extend(term_weights)
        offset = len(blob)
        ends.extend([offset + end for end in term_ends])
        blob += term_blob
    return list(terms), counts, docs, weights, ends, bytes(blob)


def _add_document(
    batch: Batch, by_term: dict[str, dict[bytes, TermPostings]], document: dict[str, Any]
) -> None:
    schema = _schema()
    prose = _prose_fields()
    number = len(batch.stored)
    stored: dict[str, Any] = {}
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
            terms = by_term.get(name)
            if terms is None:
                terms = by_term[name] = {}
            for btext, frequency, weight, vbytes in items:
                length += frequency
                append_posting(terms, btext, number, weight, vbytes)
        if fieldobj.separate_spelling():
            spelling = fieldobj.spelling_fieldname(name)
            counts = batch.spelling.get(spelling)
            if counts is None:
                counts = batch.spelling[spelling] = Counter()
            counts.update(
                w.encode("utf-8") for w in (words if words is not None else fieldobj.spellable_words(value))
            )
        if fieldobj.stored:
            stored[name] = value
        if length and fieldobj.scorable:
            _column(batch.lengths, name, number, 0).append(length)
        if fieldobj.column_type:
            _column(batch.columns, name, number, None).append(fieldobj.to_column_value(value))
    batch.stored.append(zlib.compress(pickle.dumps(stored, 2), _STORED_LEVEL))
    for values in batch.lengths.values():
        values.extend([0] * (number + 1 - len(values)))
    for values in batch.columns.values():
        values.extend([None] * (number + 1 - len(values)))


def append_posting(
    terms: dict[bytes, TermPostings], btext: bytes, docnum: int, weight: float, value: bytes
) -> None:
    """File one posting under its term."""
    entry = terms.get(btext)
    if entry is None:
        terms[btext] = (
            array("I", (docnum,)),
            array("f", (weight,)),
            array("I", (len(value),)),
            bytearray(value),
        )
    else:
        docs, weights, ends, blob = entry
        docs.append(docnum)
        weights.append(weight)
        blob += value
        ends.append(len(blob))


def _column(table: dict[str, list[Any]], name: str, number: int, missing: Any) -> list[Any]:
    """The per-document list of `name`, filled with `missing` up to document `number`."""
    values = table.get(name)
    if values is None:
        values = table[name] = []
    if len(values) < number:
        values.extend([missing] * (number - len(values)))
    return values


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
