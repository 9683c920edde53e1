"""A Whoosh segment writer for prepared documents: postings kept in memory, written sorted, a block
at a time.

Whoosh's own writer analyses each field in the writing process, pushes every posting through a
pool that spills to disk with pickle past a memory limit, merges the spilled runs with a heap, and
then encodes postings one call at a time, looking up each document's field length on the way.
Here the analysis happened in the parsing workers (`prepare.py`), postings go into per-term arrays,
and each block of 128 postings is encoded with one call. The files written are Whoosh's own, so
everything that reads an index (searching, merging, older segments) works unchanged; a block is
pickled with protocol 4 and its values unpickle as one `postings.PackedValues`, which Whoosh's
reader indexes like the tuple it writes itself.
"""

from __future__ import annotations

import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from operator import sub
from pathlib import Path
from pickle import dumps
from types import MethodType

from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo, _lenfield
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.filedb.filetables import _lengths as _ENTRY_LENGTHS
from whoosh.index import TOC
from whoosh.reading import SegmentReader
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from ..article import Article
from .leftovers import remove_leftovers
from .postings import PackedValues
from .prepare import Batch, FieldPostings, TermPostings, append_posting, prepare_batch
from .schema import BODY, DUP_GROUP, TITLE
from .whoosh_contract import is_marked, mark

# Postings per block: Whoosh's default (`W3Codec(blocklimit=128)`).
BLOCK = 128
# Terms with fewer postings than this are stored inline in the term table: most terms of a segment,
# each then one entry to write and read, not a block of its own (a block costs about ten times more
# to write).
INLINE_LIMIT = 32
# Postings held in memory before the segment so far is written out (about 16 bytes each). Fewer,
# larger segments write fewer term entries in all (each segment has its own entry for a word).
FLUSH_POSTINGS = 9_000_000
# `end_segment_before` leaves a smaller segment unwritten (about 300 articles of news).
MIN_SEGMENT_POSTINGS = 100_000
# Articles still being parsed, as a share of those in the segment, when it is best written out.
TAIL_SHARE = 0.35
_LENGTHS_COLUMN = NumericColumn("B")
_TERM_INFO = W3TermInfo._struct
# Whoosh pickles blocks with protocol 2, where every byte string becomes a call to
# `_codecs.encode`; protocol 4 stores them as they are (Whoosh's reader takes any protocol).
_PROTOCOL = 4
_NO_POSTINGS = dumps(((), (), ()), _PROTOCOL)
# Articles re-analysed at a time for the word lists of a segment another writer wrote.
_REREAD_BATCH = 500


class MemoryPool:
    """Postings of one new segment, by field and term, in arrival (document) order.

    Each term keeps its document numbers, weights and the byte lengths of its encoded values in
    arrays, and the values themselves end to end in one buffer: a batch's postings join a term's
    with a few C-level slices and extends, with no Python step per posting.
    Also accepts Whoosh's ``(fieldname, text, docnum, weight, value)`` items, which is how a merge
    feeds the postings of older segments in.
    """

    def __init__(self, spelling_fields: Iterable[str]) -> None:
        self.terms: dict[str, dict[bytes, TermPostings]] = {}
        # A spelling word list needs each word once, with how often it occurs: one posting per word.
        self.spelling: dict[str, Counter[str]] = {name: Counter() for name in spelling_fields}
        self.count = 0

    def add_batch(self, postings: dict[str, FieldPostings], docnums: list[int] | None, base: int) -> None:
        """Append a batch's postings. Its documents become `base + i`, or `docnums[i]` when some
        are left out (-1)."""
        for fieldname, (names, counts, sizes, docs, weights, lengths, blob) in postings.items():
            terms = self.terms.get(fieldname)
            if terms is None:
                terms = self.terms[fieldname] = {}
            if docnums is None and base:
                docs = array("I", map(base.__add__, docs))
            values = memoryview(blob)
            start = offset = 0
            for btext, count, size in zip(names, counts, sizes, strict=True):
                stop, end = start + count, offset + size
                term_docs, term_weights, term_lengths = (
                    docs[start:stop],
                    weights[start:stop],
                    lengths[start:stop],
                )
                term_values = values[offset:end]
                start, offset = stop, end
                if docnums is not None:
                    term_docs, term_weights, term_lengths, term_values = _keep(
                        term_docs, term_weights, term_lengths, term_values, docnums
                    )
                    if not term_docs:
                        continue
                entry = terms.get(btext)
                if entry is None:
                    terms[btext] = (term_docs, term_weights, term_lengths, bytearray(term_values))
                else:
                    entry[0].extend(term_docs)
                    entry[1].extend(term_weights)
                    entry[2].extend(term_lengths)
                    entry[3].extend(term_values)
                self.count += len(term_docs)

    def add_spelling(self, fieldname: str, counts: Counter[str]) -> None:
        self.spelling[fieldname].update(counts)

    def add(self, item: tuple[str, bytes, int, float, bytes]) -> None:
        fieldname, btext, docnum, weight, value = item
        if fieldname in self.spelling:
            self.spelling[fieldname][btext.decode("utf-8")] += max(1, round(weight))
            return
        append_posting(self.terms.setdefault(fieldname, {}), btext, docnum, weight, value or b"")
        self.count += 1

    def cleanup(self) -> None:
        self.terms.clear()
        for counts in self.spelling.values():
            counts.clear()
        self.count = 0


class BulkWriter(SegmentWriter):
    """A `SegmentWriter` that takes prepared batches (`add_batch`) and writes the new segment's
    postings from memory. Deleting, merging, committing and cancelling are Whoosh's."""

    def __init__(
        self, ix, *, flush_postings: int | None = None, keep_superseded: bool = False, **kwargs
    ) -> None:
        super().__init__(ix, **kwargs)
        # A shard's writer: its commit writes the new table of contents and removes nothing, for
        # the sharded index's manifest still names the generation this writer started from.
        self.keep_superseded = keep_superseded
        self._spelling = [
            fieldobj.spelling_fieldname(name)
            for name, fieldobj in self.schema.items()
            if getattr(fieldobj, "separate_spelling", lambda: False)()
        ]
        self.pool = MemoryPool(self._spelling)
        mark(self.newsegment)
        self._flush_postings = flush_postings or FLUSH_POSTINGS
        self._flushed: list = []  # segments finished by this writer before the current one

    def add_batch(self, batch: Batch, groups: list[str | None]) -> int:
        """Add the batch's documents, each with its story group; a document whose group is None
        is left out. Returns how many were added."""
        self._check_state()
        schema = self.schema
        base = self.docnum
        keep = [group is not None for group in groups]
        docnums = None
        if not all(keep):
            docnums, next_docnum = [], base
            for kept in keep:
                docnums.append(next_docnum if kept else -1)
                next_docnum += kept
        writer = self.perdocwriter
        stored = writer._colwriters["_stored"]._child  # the blobs are pickled and deflated already
        lengths = [(name, schema[name], values) for name, values in batch.lengths.items()]
        columns = [(name, schema[name].column_type, values) for name, values in batch.columns.items()]
        group_column = schema[DUP_GROUP]
        docnum = base
        for i, group in enumerate(groups):
            if group is None:
                continue
            writer.start_doc(docnum)
            for name, fieldobj, values in lengths:
                if values[i]:
                    writer.add_field(name, fieldobj, None, values[i])
            for name, column, values in columns:
                if values[i] is not None:
                    writer.add_column_value(name, column, values[i])
            writer.add_column_value(DUP_GROUP, group_column.column_type, group_column.to_column_value(group))
            _add_raw(stored, docnum, batch.stored[i])
            writer.finish_doc()
            docnum += 1
        self.pool.add_batch(batch.postings, docnums, base)
        for fieldname, counts in batch.spelling.items():
            self.pool.add_spelling(fieldname, counts)
        self.docnum = docnum
        self._added = self._added or docnum > base
        if self.pool.count >= self._flush_postings:
            self._start_next_segment()
        return docnum - base

    def add_postings_to_pool(self, reader, startdoc: int, docmap) -> None:
        """A merged segment's postings into the pool; its spelling word lists (term entries with
        no postings) word by word, with their counts, or, for a segment another writer wrote,
        from its articles' stored text."""
        spelling = self.pool.spelling
        if not is_marked(reader.segment()):
            for fieldname, found in _stored_spelling(reader).items():
                spelling[fieldname].update(found)
        else:
            for fieldname, counts in spelling.items():
                if fieldname in reader.schema:
                    for btext, info in reader.iter_field(fieldname):
                        counts[btext.decode("utf-8")] += max(1, round(info.weight()))
        postings = (item for item in reader.iter_postings() if item[0] not in spelling)
        add = self.pool.add
        for item in self._process_posts(postings, startdoc, docmap):
            add(item)

    def must_repair(self) -> bool:
        """Whether the index holds a segment another Whoosh writer wrote (see `whoosh_contract`)."""
        return not all(is_marked(segment) for segment in self.segments)

    def _merge_segments(self, mergetype, optimize, merge) -> list:
        """Whoosh's merge policy, then every segment another writer wrote that it kept is merged
        too: the new segment holds its articles with their word lists rebuilt."""
        kept = super()._merge_segments(mergetype, optimize, merge)
        for segment in [s for s in kept if not is_marked(s)]:
            reader = SegmentReader(self.storage, self.schema, segment)
            try:
                self.add_reader(reader)
            finally:
                reader.close()
            kept.remove(segment)
        return kept

    def end_segment_before(self, coming: int) -> bool:
        """Whether it is time to write out the segment so far, with about `coming` articles still
        to be added after it; if so, it is written (when it is worth a segment of its own) and a
        new one begun.

        Parsing the articles still coming overlaps with writing this segment, then they are
        written alone: the time is right when parsing them takes about as long as writing what is
        here, that is when they are about `TAIL_SHARE` of those here (parsing an article costs
        five to seven times what writing it does, and the writer gets one core of two while the
        workers run)."""
        if coming > TAIL_SHARE * (self.docnum - self.docbase):
            return False
        if self.pool.count >= MIN_SEGMENT_POSTINGS:
            self._start_next_segment()
        return True

    def _start_next_segment(self) -> None:
        """Write out the segment so far and go on in a new one, so memory stays bounded. The
        segments join the index together at commit (and vanish together if the write is
        cancelled: see `cancel`)."""
        self._flushed.append(self._finalize_segment())
        codec, storage = self.codec, self.storage
        self.newsegment = codec.new_segment(storage, self.indexname)
        self.compound = self.compound and self.newsegment.should_assemble()
        self.perdocwriter = codec.per_document_writer(storage, self.newsegment)
        self.fieldwriter = codec.field_writer(storage, self.newsegment)
        self.pool = MemoryPool(self._spelling)
        mark(self.newsegment)
        self.docnum = self.docbase = 0
        self._added = False

    def _commit_toc(self, segments) -> None:
        current = [s for s in segments if s is self.newsegment]
        older = [s for s in segments if s is not self.newsegment]
        ordered = older + self._flushed + current
        if self.keep_superseded:  # Whoosh's commit would also delete every other generation's files
            TOC(self.schema, ordered, self.generation).write(self.storage, self.indexname)
        else:
            super()._commit_toc(ordered)

    def cancel(self) -> None:
        """Drop everything this writer wrote and release the lock, however far it got.

        Whoosh's own `cancel` leaves the files of the segments it was writing, and stops at the
        first error; after a failed commit (a full disk) those files would pile up with every
        retry. Here whatever fails, the files no committed state uses are removed (while the lock
        is still held) and the lock is released."""
        try:
            if not self.is_closed:
                self._close_segment()
            if self._searcher is not None:
                self._searcher._orig_close()
                self._searcher = None
        except Exception:
            pass  # closing on a full disk may fail too; the files go just below all the same
        finally:
            committed = self.generation - 1 if self.keep_superseded else None  # as it started
            remove_leftovers(Path(self.storage.folder), self.storage, committed)
            self.is_closed = True
            if self.writelock:
                self.writelock.release()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            _write_postings(self.fieldwriter, self.schema, lengths, self.pool)
        finally:
            lengths.close()
        self.fieldwriter.close()


def _stored_spelling(reader) -> dict[str, Counter[str]]:
    """The spelling word lists of a segment's live articles, analysed again from their stored
    title and body as `prepare_batch` analyses a new article."""
    found: dict[str, Counter[str]] = {}
    articles: list[Article] = []

    def analyse() -> None:
        for fieldname, counts in prepare_batch(articles).spelling.items():
            found.setdefault(fieldname, Counter()).update(counts)
        articles.clear()

    for _, stored in reader.iter_docs():
        title, body = stored.get(TITLE), stored.get(BODY)
        articles.append(
            Article("", title if isinstance(title, str) else "", body if isinstance(body, str) else "")
        )
        if len(articles) == _REREAD_BATCH:
            analyse()
    if articles:
        analyse()
    return found


def _add_raw(column_writer, docnum: int, value: bytes) -> None:
    """Add an already encoded value to a bytes column, skipping the column's own encoding."""
    VarBytesColumn.Writer.add(column_writer, docnum, value)


def _keep(
    docs: array, weights: array, lengths: array, blob: bytes | memoryview, docnums: list[int]
) -> TermPostings:
    """The postings of the documents kept (`docnums[d] >= 0`), renumbered."""
    kept_docs, kept_weights, kept_lengths, kept_blob = array("I"), array("f"), array("I"), bytearray()
    start = 0
    for doc, weight, length in zip(docs, weights, lengths, strict=True):
        if docnums[doc] >= 0:
            kept_docs.append(docnums[doc])
            kept_weights.append(weight)
            kept_lengths.append(length)
            kept_blob += blob[start : start + length]
        start += length
    return kept_docs, kept_weights, kept_lengths, kept_blob


def _write_postings(fieldwriter: W3FieldWriter, schema, lengths, pool: MemoryPool) -> None:
    names = sorted(set(pool.terms) | {name for name, counts in pool.spelling.items() if counts})
    for fieldname in names:
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        postwriter = fieldwriter._postwriter
        postwriter._mini_weights = MethodType(_mini_weights, postwriter)
        postwriter._write_block = MethodType(_write_block, postwriter)
        if fieldname in pool.spelling:
            _write_spelling(fieldwriter, pool.spelling[fieldname])
        else:
            doc_lengths = _doc_lengths(lengths, fieldname)
            # Weights that are word counts are written as integers: two bytes pickled, not nine.
            counts = isinstance(fieldobj.format, formats.Positions) and fieldobj.format.field_boost == 1
            terms = pool.terms[fieldname]
            for btext in sorted(terms):
                ids, weights, value_lengths, blob = terms[btext]
                if counts:
                    weights = array("I", map(int, weights))
                _write_term(fieldwriter, btext, ids, weights, value_lengths, bytes(blob), doc_lengths)
        fieldwriter.finish_field()


def _write_spelling(fieldwriter: W3FieldWriter, counts: Counter[str]) -> None:
    """A spelling word list: each word's term entry, with how often it occurs as its weight and
    no postings (only the words and their frequencies are ever read)."""
    table = fieldwriter._tindex
    prefix = pack_ushort(fieldwriter._fieldid)
    for word in sorted(counts):  # code point order is UTF-8 byte order
        weight = float(counts[word])
        info = _TERM_INFO.pack(1, weight, 1, 0, 0, weight, 0, 0)
        _add_entry(table, prefix + word.encode("utf-8"), info + _NO_POSTINGS)


def _write_block(postings, last: bool = False) -> None:
    """`W3PostingsWriter._write_block`, pickling with `_PROTOCOL` and packing the values."""
    postfile = postings._postfile
    if not postings._blockcount:
        postfile.write(WHOOSH3_HEADER_MAGIC)
    postings._terminfo.add_block(postings)
    ids = postings._ids
    values = postings._values
    if postings._format.fixed_value_size() is not None:
        values = postings._mini_values()
    elif not isinstance(values, PackedValues):
        values = PackedValues.pack(values) if values else ()
    gaps = (ids[0], *map(sub, ids[1:], ids[:-1]))
    databytes = dumps((gaps, postings._mini_weights(), values), _PROTOCOL)
    # Packed values deflate themselves: the block stays plain, so reading ids and weights
    # inflates nothing.
    compression = 0 if isinstance(values, PackedValues) else postings._compression
    if compression:
        databytes = zlib.compress(databytes, compression)
    info = (
        len(ids),
        ids[-1],
        postings._maxweight,
        compression,
        length_to_byte(postings._minlength),
        length_to_byte(postings._maxlength),
    )
    infobytes = dumps(info, _PROTOCOL)
    length = len(infobytes) + len(databytes)
    postfile.write_int(-length if last else length)
    postfile.write(infobytes)
    postfile.write(databytes)
    postings._blockcount += 1
    postings._new_block()


def _mini_weights(postings) -> tuple | float | None:
    """A block's weights as Whoosh's reader takes them: None when all are 1, one float when all
    are equal (the reader checks for a float), else all of them (integers pickle smaller)."""
    weights = postings._weights
    first = weights[0]
    if all(w == first for w in weights):
        return None if first == 1 else float(first)
    return tuple(weights)


def _length_range(doc_lengths: list[int] | None, ids: array) -> tuple[int | None, int]:
    """The shortest (None when no document has a length) and longest field length of `ids`."""
    if doc_lengths is None:
        return None, 0
    lengths = [doc_lengths[d] for d in ids]
    nonzero = [n for n in lengths if n]
    return (min(nonzero) if nonzero else None), max(lengths)


def _doc_lengths(lengths, fieldname: str) -> list[int] | None:
    """Every document's length in the field (as the length column rounds it), or None when the
    field has no lengths."""
    column = lengths._cached_reader(_lenfield(fieldname), _LENGTHS_COLUMN)
    if column is None:
        return None
    decode = [byte_to_length(b) for b in range(256)]
    return [decode[b] for b in column]


def _write_term(
    fieldwriter: W3FieldWriter,
    btext: bytes,
    ids: array,
    weights: array,
    lengths: array,
    blob: bytes,
    doc_lengths: list[int] | None,
) -> None:
    """Write one term's postings a block at a time, as `W3PostingsWriter.add_posting` would have
    buffered them one by one."""
    postings = fieldwriter._postwriter
    total = len(ids)
    if total < INLINE_LIMIT:
        _write_inlined(fieldwriter, btext, ids, weights, tuple(PackedValues(lengths, blob)), doc_lengths)
        return
    fieldwriter.start_term(btext)
    offset = 0
    for start in range(0, total, BLOCK):
        end = min(start + BLOCK, total)
        block_ids = ids[start:end]
        block_weights = weights[start:end]
        block_lengths = lengths[start:end]
        size = sum(block_lengths)
        postings._ids = block_ids
        postings._weights = block_weights
        postings._values = PackedValues(block_lengths, blob[offset : offset + size]) if size else []
        offset += size
        postings._maxweight = max(block_weights)
        postings._minlength, postings._maxlength = _length_range(doc_lengths, block_ids)
        if end < total:
            postings._write_block()
    fieldwriter.finish_term()


def _write_inlined(fieldwriter, btext, ids, weights, values, doc_lengths) -> None:
    """A term with very few postings keeps them in the term table: no block to compress, write
    and later seek to. (Whoosh reads inlined postings; its own writer never makes them.) The
    entry is `W3TermInfo.to_bytes()` of such a term, packed directly."""
    shortest, longest = _length_range(doc_lengths, ids)
    info = _TERM_INFO.pack(
        1,
        sum(weights),
        len(ids),
        length_to_byte(shortest) if shortest else 0,
        length_to_byte(longest),
        max(weights),
        ids[0],
        ids[-1],
    )
    postings = dumps((tuple(ids), tuple(weights), tuple(values)), _PROTOCOL)
    _add_entry(fieldwriter._tindex, pack_ushort(fieldwriter._fieldid) + btext, info + postings)


def _add_entry(table, key: bytes, value: bytes) -> None:
    """`OrderedHashWriter.add` in one write (keys arrive in order: the caller sorts them)."""
    dbfile = table.dbfile
    position = dbfile.tell()
    table.index.append(position)
    dbfile.write(_ENTRY_LENGTHS.pack(len(key), len(value)) + key + value)
    hashed = table.hashfn(key)
    table.buckets[hashed & 255].append((hashed, position))
    table.lastkey = key
