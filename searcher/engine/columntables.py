"""Whole columns of an open index as numpy arrays: every document's day, source, bylines, speakers
and story group, read once and kept with the reader.

Counting facets or folding copies over a large result set reads one column value per match, in
Python, through Whoosh's column readers (tens of milliseconds per facet for 10,000 matches). A
process that answers many searches (a web page) reads each column once instead: per segment
reader, each document's value as an integer code into a table of the segment's distinct values,
combined for the top reader (the segments' codes mapped into one table of values), so that a
result set is counted with `numpy.bincount` in a few milliseconds.

Tables are kept in `weakref.WeakKeyDictionary`s keyed on the reader (as `matching._TABLES`): a
searcher opened after a commit has new readers and so gets new tables, and tables go with the
readers they describe. numpy is optional (the `web` extra): without it `tables` returns None and
callers count the old way. Only `tables(reader)` builds; `built(reader)` never does, so a one-shot
query does not pay for reading every column of the index.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from typing import Any

from .schema import BYLINE_NAMES, DATE, DUP_GROUP, MISSING_DATE, SOURCE_NAME, SPEAKER_NAMES, column_datetime

# The text columns read, by the name `Tables.text` knows them by.
TEXT_COLUMNS = {"source": SOURCE_NAME, "byline": BYLINE_NAMES, "speaker": SPEAKER_NAMES, "group": DUP_GROUP}
_DAY = 86_400_000_000  # a date column counts microseconds from datetime.min

_SEGMENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # segment reader -> _Segment
_READERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # top reader -> Tables
_BUILDING = threading.Lock()  # one build at a time (a warm-up thread and a search may both ask)


def numpy_module():
    """numpy, or None when it is not installed."""
    try:
        import numpy
    except ImportError:
        return None
    return numpy


class Column:
    """One column over every document of a reader: `codes[docnum]` indexes `values` (distinct)."""

    __slots__ = ("codes", "values")

    def __init__(self, codes, values: list) -> None:
        self.codes = codes
        self.values = values


class Tables:
    """The columns of a reader's documents (deleted ones too: document numbers index them).

    `days` holds each document's day as a `datetime.date` (None: undated); `stamps` each one's
    date column value as stored (microseconds, `MISSING_DATE` when undated: what sorting by date
    compares), as a uint64 array; `text` the source, byline, speaker and group column values as
    Whoosh returns them (strings, "" for none). `derived` is for callers' own tables made from
    these (kept as long as these are).
    """

    def __init__(self, size: int, days: Column, text: dict[str, Column], stamps=None) -> None:
        self.size = size
        self.days = days
        self.text = text
        self.stamps = stamps
        self.derived: dict[Any, Any] = {}


def built(reader) -> Tables | None:
    """The reader's tables if they have been built, else None (never builds)."""
    try:
        return _READERS.get(reader)
    except TypeError:  # a reader that takes no weak reference
        return None


def tables(reader) -> Tables | None:
    """The reader's tables, built now if they were not (None without numpy)."""
    found = built(reader)
    if found is not None:
        return found
    np = numpy_module()
    if np is None:
        return None
    with _BUILDING:
        found = built(reader)
        if found is None:
            found = _combine(np, [(_segment(np, leaf), offset) for leaf, offset in reader.leaf_readers()])
            with contextlib.suppress(TypeError):
                _READERS[reader] = found
    return found


class _Segment:
    """One segment's columns, each as (local codes, local distinct values)."""

    def __init__(self, size: int, days, text: dict[str, tuple[Any, list]], stamps) -> None:
        self.size, self.days, self.text, self.stamps = size, days, text, stamps


def _segment(np, reader) -> _Segment:
    try:
        found = _SEGMENTS.get(reader)
    except TypeError:
        found = None
    if found is not None:
        return found
    size = reader.doc_count_all()
    raw = reader.column_reader(DATE, translate=False)
    stamps = np.fromiter(raw, dtype=np.uint64, count=size)
    missing = stamps == np.uint64(MISSING_DATE)
    days = (stamps // np.uint64(_DAY)).astype(np.int64)
    days[missing] = -1
    text = {}
    for name, field in TEXT_COLUMNS.items():
        column = reader.column_reader(field)  # translated: str, as the old counting read them
        index: dict[str, int] = {}
        setdefault = index.setdefault
        codes = np.fromiter((setdefault(v, len(index)) for v in column), dtype=np.int32, count=size)
        text[name] = (codes, list(index))
    found = _Segment(size, days, text, stamps)
    with contextlib.suppress(TypeError):
        _SEGMENTS[reader] = found
    return found


def _combine(np, segments: list[tuple[_Segment, int]]) -> Tables:
    size = max((offset + segment.size for segment, offset in segments), default=0)
    # Days: one code per distinct day number, the day worked out once per distinct day.
    all_days = np.full(size, -1, dtype=np.int64)
    stamps = np.full(size, MISSING_DATE, dtype=np.uint64)
    for segment, offset in segments:
        all_days[offset : offset + segment.size] = segment.days
        stamps[offset : offset + segment.size] = segment.stamps
    distinct, inverse = np.unique(all_days, return_inverse=True)
    day_values = [None if d < 0 else column_datetime(int(d) * _DAY).date() for d in distinct.tolist()]
    days = Column(inverse.astype(np.int32).reshape(-1), day_values)
    text = {}
    for name in TEXT_COLUMNS:
        index: dict[str, int] = {}
        setdefault = index.setdefault
        codes = np.zeros(size, dtype=np.int32)
        if any(segment.size < size for segment, _ in segments) or not segments:
            setdefault("", 0)  # documents no segment covers (none in practice) hold the default
        for segment, offset in segments:
            local_codes, local_values = segment.text[name]
            remap = np.fromiter(
                (setdefault(v, len(index)) for v in local_values), dtype=np.int32, count=len(local_values)
            )
            if len(local_codes):
                codes[offset : offset + segment.size] = remap[local_codes]
        text[name] = Column(codes, list(index))
    return Tables(size, days, text, stamps)


def score_of(evaluation, docnums) -> dict[int, float]:
    """The scores of these matching documents (index document numbers) in an `Evaluation`, as its
    `ranked` gives them."""
    wanted = sorted(docnums)
    scores: dict[int, float] = {}
    for segment, root, docs in evaluation.parts:
        offset = segment.offset
        local = {d - offset for d in wanted if offset <= d < offset + segment.reader.doc_count_all()}
        local &= docs
        if local:
            scores.update((offset + d, s) for d, s in root.scores(local).items())
    return scores


def matches(evaluation):
    """Every matching document number of an `Evaluation`, as a numpy array (in no order)."""
    np = numpy_module()
    arrays = [
        np.fromiter(docs, dtype=np.int64, count=len(docs)) + segment.offset
        for segment, _root, docs in evaluation.parts
    ]
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
