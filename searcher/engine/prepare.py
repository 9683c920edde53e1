"""Articles as the index writer files them: a batch with every field analysed, postings gathered
by term, stored fields pickled and compressed, column values ready.

This runs in the parsing worker processes, so the one writer process only appends each batch's
per-term arrays to its own and writes what is left. It does what Whoosh's
``SegmentWriter.add_document`` does per field (terms, lengths, stored values, columns, spelling
words), with one fast pass over the words of each prose, name or identifier field instead of the
analyzer's chain of per-token generators.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate, chain, repeat
from operator import sub
from typing import Any

from whoosh import fields, formats

from ..article import Article
from . import duplicates
from .analysis import (
    name_analyzer,
    name_positions,
    prose_positions,
    spelling_words,
    surface_words,
    text_analyzer,
)
from .postings import CompactPositions
from .schema import BODY, build_schema, to_document

# One term's postings: the documents, their weights, the byte length of each one's encoded value,
# and the values end to end.
TermPostings = tuple[array, array, array, bytearray]
# A field's postings in a batch, flattened for a cheap trip between processes: the terms,
# how many postings and how many value bytes each has, then all postings in term order
# (documents numbered from 0 in the batch, weights, value lengths) and the values end to end.
FieldPostings = tuple[list[bytes], array, array, array, array, array, bytes]
_consume = deque(maxlen=0).extend  # runs an iterator to its end, keeping nothing
# Whoosh's stored-fields column: pickled, then deflated at level 3 (Whoosh's reader takes any
# pickle protocol; 4 stores short strings with a one-byte length).
_STORED_PROTOCOL = 4
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
    # spelling field -> in how many articles each word is printed (its printed forms summed)
    spelling: dict[str, Counter[str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)


def prepare_batch(articles: Iterable[Article], *, file: str = "", fingerprint: str = "") -> Batch:
    """The articles analysed against the current schema, with their near-duplicate sketches.

    The story group of each article is left to the writer: it depends on what was written before.
    """
    batch = Batch()
    by_field: dict[str, _FieldPostings] = {}
    printed: dict[str, Counter[str]] = {}  # spelling field -> in how many articles each printed word
    for article in articles:
        words = surface_words(article.body)  # the sketch's and the body's analysis's
        signature = duplicates.sketch(article.body, words)
        document = to_document(article, file=file, fingerprint=fingerprint, signature=signature)
        batch.ids.append(article.id)
        batch.sketches.append(array("I", signature))
        _add_document(batch, by_field, document, words, printed)
    batch.postings = {name: postings.flatten() for name, postings in by_field.items()}
    for name, counts in printed.items():  # once a batch: far fewer printed words than per article
        batch.spelling.setdefault(name, Counter()).update(spelling_words(counts))
    return batch


class _FieldPostings:
    """A field's postings in a batch, in document order: parallel lists that grow a document at a
    time (a few C-level extends), grouped by term once at the end."""

    __slots__ = ("docs", "terms", "values", "weights")

    def __init__(self) -> None:
        self.terms: list[bytes] = []
        self.docs = array("I")
        self.weights = array("f")
        self.values: list[bytes] = []

    def add(self, number: int, terms: list[bytes], weights: list[float], values: list[bytes]) -> None:
        self.terms += terms
        self.docs.extend(repeat(number, len(terms)))
        self.weights.extend(weights)
        self.values += values

    def flatten(self) -> FieldPostings:
        """Grouped by term (in the order first met: the writer sorts the terms of a whole
        segment), documents in order within a term."""
        where: defaultdict[bytes, list[int]] = defaultdict(list)  # term -> its postings' places
        _consume(map(list.append, map(where.__getitem__, self.terms), range(len(self.terms))))
        names = list(where)
        places = list(map(where.__getitem__, names))
        order = list(chain.from_iterable(places))
        values = list(map(self.values.__getitem__, order))
        lengths = array("I", map(len, values))
        counts = array("I", map(len, places))
        ends = list(map(list(accumulate(lengths, initial=0)).__getitem__, accumulate(counts, initial=0)))
        return (
            names,
            counts,
            array("I", map(sub, ends[1:], ends[:-1])),  # value bytes per term
            array("I", map(self.docs.__getitem__, order)),
            array("f", map(self.weights.__getitem__, order)),
            lengths,
            b"".join(values),
        )


def _add_document(
    batch: Batch,
    by_field: dict[str, _FieldPostings],
    document: dict[str, Any],
    body_words: list[str] | None,
    printed: dict[str, Counter[str]],
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
            if name in prose:
                every = body_words if name == BODY else None
                terms, weights, values, length, words = _prose_postings(fieldobj.format, value, every)
            else:
                items = _plain_items(name, fieldobj, value)
                terms = [btext for btext, _, _, _ in items]
                weights = [weight for _, _, weight, _ in items]
                values = [vbytes or b"" for _, _, _, vbytes in items]
                length = sum(frequency for _, frequency, _, _ in items)
            postings = by_field.get(name)
            if postings is None:
                postings = by_field[name] = _FieldPostings()
            postings.add(number, terms, weights, values)
        if fieldobj.separate_spelling():
            spelling = fieldobj.spelling_fieldname(name)
            if words is not None:  # printed words: turned into spelling words once a batch
                printed.setdefault(spelling, Counter()).update(words)
            else:
                batch.spelling.setdefault(spelling, Counter()).update(fieldobj.spellable_words(value))
        if fieldobj.stored:
            stored[name] = value
        if length and fieldobj.scorable:
            _column(batch.lengths, name, number, 0).append(length)
        if fieldobj.column_type:
            _column(batch.columns, name, number, None).append(fieldobj.to_column_value(value))
    batch.stored.append(zlib.compress(pickle.dumps(stored, _STORED_PROTOCOL), _STORED_LEVEL))
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
        docs, weights, lengths, blob = entry
        docs.append(docnum)
        weights.append(weight)
        lengths.append(len(value))
        blob += value


def _column(table: dict[str, list[Any]], name: str, number: int, missing: Any) -> list[Any]:
    """The per-document list of `name`, filled with `missing` up to document `number`."""
    values = table.get(name)
    if values is None:
        values = table[name] = []
    if len(values) < number:
        values.extend([missing] * (number - len(values)))
    return values


def _prose_postings(
    fmt: CompactPositions, text: str, every: list[str] | None
) -> tuple[list[bytes], list[float], list[bytes], int, set[str]]:
    """A prose field's terms, weights, encoded positions, length and printed words."""
    found, words, length = prose_positions(text, every)
    occurrences = list(found.values())
    frequencies = list(map(len, occurrences))
    boost = fmt.field_boost
    weights = frequencies if boost == 1 else [n * boost for n in frequencies]
    try:  # every posting's positions packed, in C: a type code, then the positions
        values = list(map(_SHORT_PREFIX, map(_TOBYTES, map(_SHORT_ARRAY, occurrences))))
    except OverflowError:  # a text of more than 65,535 words
        values = list(map(fmt.encode, occurrences))
    return list(found), weights, values, length, words


_SHORT_ARRAY = partial(array, "H")
_TOBYTES = array.tobytes
_SHORT_PREFIX = b"H".__add__


def _plain_items(name: str, fieldobj, value: str) -> list[tuple[bytes, int, float, bytes]]:
    """`fieldobj.index(value)`: Whoosh's (term, frequency, weight, value) items, without its
    analyzer's chain of generators for the fields that hold a name or an identifier."""
    if name in _name_fields():
        fmt = fieldobj.format
        boost = fmt.field_boost
        found = name_positions(value)
        return [(w.encode("utf-8"), len(p), len(p) * boost, fmt.encode(p)) for w, p in found.items()]
    elif name in _id_fields() and isinstance(value, str):
        return [(value.encode("utf-8"), 1, fieldobj.format.field_boost, b"")]
    return list(fieldobj.index(value))


@lru_cache(maxsize=1)
def _schema():
    return build_schema()


@lru_cache(maxsize=1)
def _name_fields() -> frozenset[str]:
    """Fields analysed exactly as `name_analyzer()` does, which `name_positions` reproduces."""
    return _analysed_with(name_analyzer())


@lru_cache(maxsize=1)
def _id_fields() -> frozenset[str]:
    """Identifier fields: the whole value is the one term (Whoosh's `ID` as it comes)."""
    reference = fields.ID()
    return frozenset(
        name
        for name, fieldobj in _schema().items()
        if type(fieldobj) is fields.ID
        and fieldobj.analyzer == reference.analyzer
        and type(fieldobj.format) is formats.Existence
    )


@lru_cache(maxsize=1)
def _prose_fields() -> frozenset[str]:
    """Fields analysed exactly as `text_analyzer()` does, which `prose_positions` reproduces."""
    return _analysed_with(text_analyzer())


def _analysed_with(analyzer) -> frozenset[str]:
    """The fields with this analyzer and packed positions."""
    return frozenset(
        name
        for name, fieldobj in _schema().items()
        if getattr(fieldobj, "analyzer", None) == analyzer and isinstance(fieldobj.format, CompactPositions)
    )
