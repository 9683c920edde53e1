"""Whoosh's own search made exact, for the queries this package does not evaluate itself
(`matching`: dates inside a query, proximity, a NOT inside a union; any query sorted by date).

Whoosh faults, gone here: three on that path, found by random query trees over small indexes
(`tests/test_whoosh_fixes.py`, `tests/test_matching.py`), and three on every path (the column
files), found by searching while another process writes (`scripts/torture.py`), by writing with
Whoosh's own writer (`tests/test_whoosh_contract.py`) and by searching shards one by one
(`tests/test_shards.py`):

- `AndNotMatcher._find_next` (an exclusion: ``oil -gas``, ``oil AND NOT gas``) reads the current
  document of its positive side without checking that the side still has one. After a skip past
  its last posting that read raises ``IndexError: tuple index out of range`` from the posting list
  (about one search in six hundred there; whoosh-community/whoosh issues #121 and #124 report the
  same family of errors). Patched on import.
- `AndNotMatcher._find_first` moves past an excluded document only when both sides start on the
  same one: when the excluded side starts earlier, the positive side's first document is kept even
  if it holds an excluded word (``omega -alpha`` found an article with both). Patched on import.
- A segment's column files (stored fields, field lengths, the columns facets read) are opened
  only when first read. A writer that commits a merge deletes the segments merged away, so a
  reader opened just before (or long before: an index kept open by a server) found them gone:
  ``TypeError: 'NoneType' object is not subscriptable`` reading stored fields. Here a segment's
  column files are all opened with the segment, as its term and posting files are: a file
  deleted later stays readable through its open handle (POSIX; Lucene relies on the same).
- Collecting the best hits, Whoosh's `TopCollector` replaces its matcher every few matches with one
  that leaves out what cannot beat the best score so far, block-quality skipping or not: it then
  miscounts the matches (four of five) and can miss the best hit (an intersection with a union
  holding a word twice gave its second best first). `search` collects without either.
- A multi-segment reader's `column_reader` (statistics, facets, collapsing, story groups) leaves
  out the segments that have no file for the column, so a document of such a segment (one added by
  Whoosh's own writer without this package's columns) is looked up in the previous segment's
  column and raises ``IndexError``. Patched on import to read the column's default there, as a
  single segment's reader does.
- A segment reader says it has no column for a field when its segment has no file for it (no
  document of the segment had a value: a shard or an index where no article is dated), and
  Whoosh's sort by that field then orders by the field's terms instead: "newest first" gave such
  articles a term's number as their key instead of the undated one. Patched on import: a field
  the schema gives a column has one in every segment, its default where the file is missing.
"""

from __future__ import annotations

import os
import pickle
import threading
from typing import Any

from whoosh import collectors, columns
from whoosh.codec import whoosh3
from whoosh.filedb.structfile import StructFile
from whoosh.matching import binary
from whoosh.reading import MultiReader, ReaderClosed, SegmentReader

from . import budget, ties


def search(searcher, q, *, limit: int | None, sortedby=None, reverse: bool = False, filter=None, mask=None):
    """`searcher.search(q, ...)` with every match counted and scored: the exact best `limit`."""
    if sortedby is not None:
        collector = collectors.SortingCollector(sortedby, limit=limit, reverse=reverse)
    elif limit is None or reverse or limit >= searcher.doc_count():
        collector = collectors.UnlimitedCollector(reverse=reverse)
    else:
        collector = collectors.TopCollector(limit, usequality=False, replace=0)
    collector = _Deadline(collector)
    if filter is not None or mask is not None:
        collector = collectors.FilterCollector(collector, filter, mask)
    searcher.search_with_collector(q, collector)
    return collector.results()


def ranked(
    searcher,
    q,
    *,
    limit: int | None,
    sortedby=None,
    reverse: bool = False,
    filter=None,
    mask=None,
    tables=None,
) -> tuple[list[tuple[Any, int]], int]:
    """`search`'s best `limit` (None: all) as (score, or sort key, and document number), equal
    ones by article id (`ties`), and how many match. Among equal scores at its limit Whoosh keeps
    the lowest document numbers, so it is asked for more until the last tie of the page is in."""
    key = ties.id_key(searcher.reader(), tables)
    size = None if limit is None else limit + 1
    while True:
        found = search(searcher, q, limit=size, sortedby=sortedby, reverse=reverse, filter=filter, mask=mask)
        items = list(found.top_n)
        if limit is None or limit == 0 or len(items) < size or items[-1][0] != items[limit - 1][0]:
            return ties.settle(items, key, 0, limit), len(found)
        size *= 2


class _Deadline(collectors.WrappingCollector):
    """Collects what its child collects, checking the search's deadline (`budget`) now and then."""

    def computes_count(self) -> bool:
        return self.child.computes_count()

    def collect_matches(self) -> None:
        collect = self.child.collect
        for sub_docnum in self.matches():
            collect(sub_docnum)

    def matches(self):
        return budget.checked(self.child.matches())


def _find_next(self) -> bool | None:
    """`AndNotMatcher._find_next`, returning when either side has run out."""
    pos = self.a
    neg = self.b
    if not (pos.is_active() and neg.is_active()):
        return None
    pos_id = pos.id()
    moved = False
    if neg.id() < pos_id:
        neg.skip_to(pos_id)
    while pos.is_active() and neg.is_active() and pos_id == neg.id():
        skipped = pos.next()
        if not pos.is_active():
            break
        moved = moved or skipped
        pos_id = pos.id()
        neg.skip_to(pos_id)
    return moved


def _find_first(self) -> None:
    """`AndNotMatcher._find_first`, moving past excluded documents wherever the sides start."""
    _find_next(self)


binary.AndNotMatcher._find_next = _find_next
binary.AndNotMatcher._find_first = _find_first


_COLUMN_SUFFIX = whoosh3.W3Codec.COLUMN_EXT
_per_doc_init = whoosh3.W3PerDocReader.__init__
_has_column = whoosh3.W3PerDocReader.has_column


class _PositionalFile(StructFile):
    """A segment's column file read by several threads at once (a search, and the column tables
    built in the background): each thread has its own place in the file and every read names its
    position (`os.pread`), where Whoosh's file seeks and reads one shared file object and two
    threads read each other's bytes (``struct.error`` reading a column)."""

    def __init__(self, fileobj, name: str | None) -> None:
        super().__init__(fileobj, name=name)
        self.is_real = False  # `read_array` then reads through `read`, not the shared file object
        self._fd = fileobj.fileno()
        self._size = os.fstat(self._fd).st_size
        self._place = threading.local()

    def tell(self) -> int:
        return getattr(self._place, "at", 0)

    def seek(self, offset: int, whence: int = 0) -> int:
        base = 0 if whence == 0 else self.tell() if whence == 1 else self._size
        self._place.at = base + offset
        return self._place.at

    def read(self, length: int | None = -1) -> bytes:
        at = self.tell()
        if length is None or length < 0:
            length = self._size - at
        data = os.pread(self._fd, length, at)
        self._place.at = at + len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, limit: int = -1) -> bytes:
        line = bytearray()
        while limit < 0 or len(line) < limit:
            byte = self.read(1)
            if not byte:
                break
            line += byte
            if byte == b"\n":
                break
        return bytes(line)

    def get(self, position: int, length: int) -> bytes:
        return os.pread(self._fd, length, position)

    def read_pickle(self):
        return pickle.load(self)


_get_column_file = whoosh3.W3PerDocReader._get_column_file


def _positional_column_file(self, fieldname: str):
    """`W3PerDocReader._get_column_file`, the file read by position (`_PositionalFile`)."""
    colfile, offset, length = _get_column_file(self, fieldname)
    raw = colfile.raw_file()
    try:
        raw.fileno()
    except (AttributeError, OSError):  # a file in memory (a RAM index): left as it is
        return colfile, offset, length
    return _PositionalFile(raw, str(colfile)), offset, length


whoosh3.W3PerDocReader._get_column_file = _positional_column_file


def _open_columns(self, storage, segment) -> None:
    """`W3PerDocReader.__init__`, then every column file of the segment opened at once."""
    _per_doc_init(self, storage, segment)
    prefix = segment.segment_id() + "."
    for name in storage.list():
        if name.startswith(prefix) and name.endswith(_COLUMN_SUFFIX):
            fieldname = name[len(prefix) : -len(_COLUMN_SUFFIX)]
            try:
                self._colfiles[fieldname] = self._get_column_file(fieldname)
            except OSError:  # gone already: a newer state replaced this one while it opened
                continue


def _has_open_column(self, fieldname: str) -> bool:
    """`W3PerDocReader.has_column`, true for a column opened with the segment."""
    return fieldname in self._colfiles or _has_column(self, fieldname)


whoosh3.W3PerDocReader.__init__ = _open_columns
whoosh3.W3PerDocReader.has_column = _has_open_column


def _column_reader(self, fieldname, column=None, reverse=False, translate=True):
    """`MultiReader.column_reader` with a reader for every segment: one without the column's file
    reads the column's default value (`SegmentReader.column_reader` does that itself)."""
    readers = [
        r.column_reader(fieldname, column=column, reverse=reverse, translate=translate) for r in self.readers
    ]
    return columns.MultiColumnReader(readers, list(self.doc_offsets))


MultiReader.column_reader = _column_reader


def _segment_has_column(self, fieldname: str) -> bool:
    """`SegmentReader.has_column`, true for every field the schema gives a column: a segment
    without the column's file reads its default (`column_reader` does that already)."""
    if self.is_closed:
        raise ReaderClosed
    return bool(self.schema[fieldname].column_type)


SegmentReader.has_column = _segment_has_column
