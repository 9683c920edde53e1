"""Exact, faster evaluation of the queries people type most: words and phrases over title and body.

Whoosh walks its matcher tree one posting at a time, through several Python calls per posting, and
counts the matches in a second pass. Here a term's posting list is read from the file in one piece
and its blocks parsed into lists, the matching documents are found with set operations (so the
exact count comes free), and only the documents that can make the page asked for are scored. Scores
are Whoosh's own, bit for bit: the same BM25F formula on the same inputs (the byte-coded field
lengths), summed in the order of the matcher tree Whoosh would build (its size-weighted tree for AND
and OR, its halving tree inside a phrase), so ranking is unchanged.

Two things keep the work down without changing any answer:

- In an intersection the smallest part is read first; the other parts skip the posting blocks whose
  range of ids (from the block headers) holds none of its documents: those cannot match.
- For the best `n`, each block's header (largest weight, shortest length) bounds the BM25 score of
  its documents. Documents whose bounds, added over the lists that hold them, cannot beat the `n`th
  best score are never scored (`Evaluation._pruned_top`, `_Candidates`). Every document tied with
  the `n`th is still scored, and equal scores rank by article id (`ties`).

A phrase's documents are found among those holding all its words from the words' positions:
with numpy, each word's postings become one sorted array of (document << 32 | position) keys
(the packed values cut up in a few vectorised calls) and a run goes on where the previous word's
keys, moved on by one, meet the next word's (`_vector_runs`); without numpy, or for a few
candidates, document by document in Python (`_Phrase._adjacent`, `_runs`). Both find the same.

Only Term, And, Or (without coordination bonus), Phrase (adjacent words) and NullQuery are
evaluated; anything else raises `Unsupported` and the caller runs Whoosh's own search instead.

The same trees are evaluated over `SubDocuments`, short texts that are not documents of the index
(an article's quotations, each on its own), with postings made from their tokens.
"""

from __future__ import annotations

import fnmatch
import struct
import sys
import weakref
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from io import BytesIO
from itertools import accumulate, compress, islice, repeat, takewhile
from operator import add, itemgetter, mul, truediv
from pickle import load as pickle_load
from pickle import loads

from whoosh import query as wq
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher
from whoosh.matching import ListMatcher
from whoosh.matching.mcore import NullMatcherClass
from whoosh.matching.wrappers import FilterMatcher, WrappingMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util.numeric import byte_to_length

from . import budget, columntables, ties
from .columntables import numpy_module
from .postings import CompactPositions, PackedValues
from .scoring import length_norm

_LENGTHS = [byte_to_length(b) for b in range(256)]
_INT = struct.Struct("!i")  # a posting block's length, as Whoosh's structfile writes it
_FRAME = struct.Struct("<Q")  # a pickle frame's length
_FRAMED = (b"\x80\x04\x95", b"\x80\x05\x95")  # protocol 4 or 5, then a frame
_FRAME_OPCODE = 0x95
_STOP = ord(".")  # a pickle's last opcode
# Bounds are raised by this much so that rounding (a bound and a score are computed in different
# orders) never puts a document's score above its bound.
_SLACK = 1 + 1e-9
_WEIGHT_SLACK = 1 + 1e-6
# Per segment reader: its field-length bytes and BM25 length tables.
_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Unsupported(Exception):
    """The query holds a kind of clause this module does not evaluate."""


class _Node:
    """A node of the evaluation tree: `docs` (local document numbers it matches), `scores(cand)`
    for the documents of `cand` (a subset of `docs`), and `most`, how many documents it can match
    at most (known before `docs` is made)."""

    docs: set[int]
    most: int

    def scores(self, cand: set[int]) -> dict[int, float]:
        raise NotImplementedError


class _Empty(_Node):
    def __init__(self) -> None:
        self.docs = set()
        self.most = 0

    def scores(self, cand):
        return {}


class _BM25:
    """The numbers Whoosh's `BM25FScorer` scores one term of one field with."""

    __slots__ = ("B", "K1", "avgfl", "idf")

    def __init__(self, idf: float, avgfl: float, b: float, k1: float) -> None:
        self.idf, self.avgfl, self.B, self.K1 = idf, avgfl, b, k1


class _Leaf(_Node):
    """One term's postings in one segment."""

    def __init__(self, fieldname: str, text: str, matcher, segment: _Segment) -> None:
        self.fieldname = fieldname
        self.text = text
        self.segment = segment
        self.format = None
        boost = 1.0
        exclude: set[int] | None = None
        m = matcher
        if type(m) is WrappingMatcher:
            boost = m.boost
            m = m.child
        if type(m) is FilterMatcher:
            if not m._exclude:
                raise Unsupported("inclusive filter matcher")
            exclude = m._ids
            m = m.child
        self.boost = boost
        self._generic: dict[int, float] | None = None
        self._values = None
        scorer = m.scorer if type(m) is W3LeafMatcher else getattr(m, "_scorer", None)
        self.scorer = scorer
        if type(scorer) is not BM25FScorer or type(m) not in (W3LeafMatcher, ListMatcher):
            # Any other scorer or posting list: let Whoosh score each posting (exact, just slower).
            generic = {}
            while matcher.is_active():
                generic[matcher.id()] = matcher.score()
                matcher.next()
            self._generic = generic
            self.docs = set(generic)
            self.most = len(self.docs)
            self.ids = sorted(generic)
            self._starts = [0]
            self._headers = None
            return
        if type(m) is W3LeafMatcher:
            self.ids, self.weights, self._values, self._starts, self._headers = _read_blocks(m)
        else:
            self.ids = list(m._ids)
            if m._all_weights:
                self.weights = [m._all_weights] * len(self.ids)
            elif m._weights:
                self.weights = list(m._weights)
            else:
                self.weights = [1.0] * len(self.ids)
            self._values = list(m._values) if m._values is not None else None
            self._starts, self._headers = [0], None
        self.format = m.format if type(m) is W3LeafMatcher else m._format
        if exclude:
            keep = [i for i, d in enumerate(self.ids) if d not in exclude]
            self.ids = [self.ids[i] for i in keep]
            self.weights = [self.weights[i] for i in keep]
            if self._values is not None:
                self._values = [self._values[i] for i in keep]
            self._starts, self._headers = [0], None
        self.docs = set(self.ids)
        self.most = len(self.docs)

    @classmethod
    def from_postings(
        cls, fieldname: str, text: str, segment: _Segment, boost: float, scorer: _BM25, fmt, postings
    ) -> _Leaf:
        """A leaf from postings read directly (`_Segment._term`), without a Whoosh matcher."""
        leaf = cls.__new__(cls)
        leaf.fieldname, leaf.text, leaf.segment = fieldname, text, segment
        leaf.boost, leaf.scorer, leaf.format = boost, scorer, fmt
        leaf._generic = None
        leaf.ids, leaf.weights, leaf._values, leaf._starts, leaf._headers = postings
        leaf.docs = set(leaf.ids)
        leaf.most = len(leaf.docs)
        return leaf

    def scores(self, cand):
        if self._generic is not None:
            generic = self._generic
            return {d: generic[d] for d in cand}
        sc = self.scorer
        idf = sc.idf
        k1p1 = sc.K1 + 1
        norm = self.segment.norms(self.fieldname, sc.K1, sc.B, sc.avgfl)
        lengths = self.segment.length_bytes(self.fieldname)
        ids, weights = self.ids, self.weights
        if len(cand) * 4 < len(ids):
            out = {}
            for d in cand:
                tf = weights[bisect_left(ids, d)]
                # idf * scoring.saturation(tf, norm, K1) (Whoosh's bm25()), inline: a hot loop
                out[d] = idf * ((tf * k1p1) / (tf + norm[lengths[d]]))
        else:  # the same arithmetic in the same order, posting by posting in C
            if len(cand) == len(ids):  # every posting (`cand` holds only documents of this list)
                chosen, tfs = ids, weights
            else:
                keep = list(map(cand.__contains__, ids))
                chosen, tfs = list(compress(ids, keep)), list(compress(weights, keep))
            norms = map(norm.__getitem__, map(lengths.__getitem__, chosen))
            ratios = map(truediv, map(mul, tfs, repeat(k1p1)), map(add, tfs, norms))
            out = dict(zip(chosen, map(mul, repeat(idf), ratios), strict=False))
        boost = self.boost
        if boost != 1.0:
            return dict(zip(out, map(mul, out.values(), repeat(boost)), strict=True))
        return out

    def block_bounds(self, scale: float) -> list[float]:
        """For each block of postings (`_starts`), the highest score (times `scale`) one of its
        documents can get here: BM25 rises with the word's count and falls with the field's length,
        so the block's largest count and shortest length bound it."""
        ids = self.ids
        if not ids:
            return []
        if self._generic is not None:
            return [max(self._generic.values()) * scale * _SLACK]
        sc = self.scorer
        idf = sc.idf
        k1p1 = sc.K1 + 1
        norm = self.segment.norms(self.fieldname, sc.K1, sc.B, sc.avgfl)
        starts = self._starts
        ends = [*starts[1:], len(ids)]
        if self._headers is None:
            max_weights = [max(self.weights[a:b]) for a, b in zip(starts, ends, strict=True)]
            min_bytes = None
        else:
            max_weights, min_bytes = self._headers
        if min_bytes is None or not self.segment.empty_docs(self.fieldname).isdisjoint(self.docs):
            # No header, or it leaves out documents of no length: the shortest length of each
            # block, document by document.
            lengths = self.segment.length_bytes(self.fieldname)
            min_bytes = [min(map(lengths.__getitem__, ids[a:b])) for a, b in zip(starts, ends, strict=True)]
        scale = scale * self.boost * _SLACK
        # A header's largest weight is the weight as given, stored as a 32-bit float: a hair more.
        return [
            idf * ((tf * k1p1) / (tf + norm[mb])) * scale
            for w, mb in zip(max_weights, min_bytes, strict=True)
            for tf in (w * _WEIGHT_SLACK,)
        ]


def _read_blocks(m: W3LeafMatcher) -> _Postings:
    """`_read_extent` for a Whoosh 3 matcher's posting list."""
    if m._byteids:
        raise Unsupported("byte ids")
    return _read_extent(m._postfile, m._startoffset, m._length, m._fixedsize)


def _read_extent(
    postfile, offset: int, extent, fixedsize: int | None, within: list[int] | None = None
) -> _Postings:
    """The postings of a Whoosh 3 posting list: ids, weights and encoded values, the index where
    each block starts, and each block's largest weight and shortest field length (the byte) from
    its header. The list is read from the file in one piece and its blocks parsed here: Whoosh's
    matcher makes several file calls a block. With `within` (sorted document numbers), a block
    whose range of ids (from its header) holds none of them is skipped, not decompressed."""
    ids: list[int] = []
    weights: list[float] = []
    values: _Values | None = None if fixedsize is not None and fixedsize >= 0 else _Values()
    starts: list[int] = []
    max_weights: list[float] = []
    min_bytes: list[int] = []
    if isinstance(extent, tuple):  # how W3TermInfo.from_bytes hands it over
        (extent,) = extent
    magic = len(WHOOSH3_HEADER_MAGIC)
    raw = postfile.get(offset, extent)
    if raw[:magic] != WHOOSH3_HEADER_MAGIC:
        raise Unsupported("posting list header")
    unpack_int = _INT.unpack_from
    unpack_frame = _FRAME.unpack_from
    decompress = zlib.decompress
    stream: BytesIO | None = None
    pos = magic
    last = False
    lowest = 0  # the lowest id the next block can hold
    at = 0
    new_block = starts.append
    new_weight = max_weights.append
    new_length = min_bytes.append
    add_ids = ids.extend
    add_weights = weights.extend
    if values is not None:
        value_starts, value_blocks = values.starts, values.blocks
    while not last:
        length = unpack_int(raw, pos)[0]
        if length < 0:
            last = True
            length = -length
        info_start = pos + 4
        pos = info_start + length
        # The block's header is a small pickle; with protocol 4 or 5 it is one frame whose
        # length is written after the opcode, so its end is known without a file object.
        if raw[info_start + 2] == _FRAME_OPCODE and raw[info_start : info_start + 3] in _FRAMED:
            data_start = info_start + 11 + unpack_frame(raw, info_start + 3)[0]
            if raw[data_start - 1] != _STOP:
                raise Unsupported("posting block header")
            info = loads(raw[info_start:data_start])
        else:
            if stream is None:
                stream = BytesIO(raw)
            stream.seek(info_start)
            info = pickle_load(stream)
            data_start = stream.tell()
        count, maxid, max_weight, compression, min_byte, _max_byte = info
        if within is not None:
            at = bisect_left(within, lowest, at)
            lowest = maxid + 1
            if at == len(within) or within[at] >= lowest:
                continue
        blob = raw[data_start:pos]
        block_ids, block_weights, block_values = loads(decompress(blob) if compression else blob)
        here = len(ids)
        new_block(here)
        new_weight(max_weight)
        new_length(min_byte)
        if values is not None:
            value_starts.append(here)
            value_blocks.append(block_values)
        add_ids(accumulate(block_ids))
        if type(block_weights) is tuple:
            add_weights(block_weights)
        elif block_weights is None:
            add_weights([1.0] * count)
        elif isinstance(block_weights, (int, float)):  # one weight for the whole block
            add_weights([block_weights] * count)
        else:
            add_weights(block_weights)
    return ids, weights, values, starts, (max_weights, min_bytes)


# ids, weights, values, block starts, and the blocks' largest weights and shortest length bytes
_Postings = tuple[list[int], list[float], "_Values | list | None", list[int], "tuple[list, list[int]] | None"]


class _Values:
    """A posting list's encoded values, kept as the blocks hold them (a tuple, or one packed
    string per block) and cut out only for the postings asked for."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.blocks: list = []

    def __getitem__(self, i: int) -> bytes:
        b = bisect_right(self.starts, i) - 1
        return self.blocks[b][i - self.starts[b]]


class _Sum(_Node):
    """Whoosh's IntersectionMatcher (both) or UnionMatcher (either): scores add, left first."""

    def __init__(self, a: _Node, b: _Node, both: bool) -> None:
        self.a, self.b, self.both = a, b, both
        self._docs: set[int] | None = None
        self._flat: list[_Node] | None = None
        self.most = min(a.most, b.most) if both else a.most + b.most

    @property
    def docs(self) -> set[int]:
        """Made when first asked for: an intersection above this union may need only a few of
        them (`_within`), not the whole union of two long lists."""
        if self._docs is None:
            a, b = self.a, self.b
            if self.both:
                small, large = (a, b) if a.most <= b.most else (b, a)
                self._docs = _within(large, small.docs)
            else:  # a union of unions at once
                self._docs = set().union(*(part.docs for part in self._parts()))
        return self._docs

    def scores(self, cand):
        a, b = self.a, self.b
        if self.both:
            sa = a.scores(cand)
            sb = b.scores(cand)
            return {d: s + sb[d] for d, s in sa.items()}
        # A union of unions: one pass over its parts, left to right, into one table (a union of
        # more than two parts sums in that order, as Whoosh's own does in an order of its own).
        out: dict[int, float] = {}
        for part in self._parts():
            docs = cand & part.docs
            if not docs:
                continue
            if not out:
                out = part.scores(docs)
                continue
            found = part.scores(docs)  # added in, in C (0.0 + s is s, to the bit)
            out.update(zip(found, map(add, map(out.get, found, repeat(0.0)), found.values()), strict=False))
        return out

    def _parts(self) -> list[_Node]:
        """The nodes this union adds up: its children, and theirs where they are unions too."""
        parts = self._flat
        if parts is None:
            parts = []
            stack: list[_Node] = [self]
            while stack:
                node = stack.pop()
                if type(node) is _Sum and not node.both:
                    stack += (node.b, node.a)
                else:
                    parts.append(node)
            self._flat = parts
        return parts


def _within(node: _Node, docs: set[int]) -> set[int]:
    """`node.docs & docs`, without making a union's documents when they are not made yet."""
    if type(node) is _Sum and node._docs is None:
        if node.both:
            return _within(node.b, _within(node.a, docs))
        return _within(node.a, docs) | _within(node.b, docs)
    if type(node) is _Boost:
        return _within(node.child, docs)
    return docs & node.docs


class _Boost(_Node):
    def __init__(self, child: _Node, boost: float) -> None:
        self.child, self.boost = child, boost
        self.most = child.most

    @property
    def docs(self) -> set[int]:
        return self.child.docs

    def scores(self, cand):
        boost = self.boost
        return {d: s * boost for d, s in self.child.scores(cand).items()}


class _Every(_Node):
    """Whoosh's Every: each live document, scored with the clause's boost."""

    def __init__(self, docs: set[int], boost: float) -> None:
        self.docs, self.most, self.boost = docs, len(docs), boost

    def scores(self, cand):
        return dict.fromkeys(cand, self.boost)


class _Exclude(_Node):
    """Whoosh's AndNot: the documents of `kept` that `dropped` lacks, with `kept`'s scores."""

    def __init__(self, kept: _Node, dropped: _Node) -> None:
        self.kept, self.dropped = kept, dropped
        self.most = kept.most
        self._docs: set[int] | None = None

    @property
    def docs(self) -> set[int]:
        if self._docs is None:
            docs = self.kept.docs
            self._docs = docs - _within(self.dropped, docs)
        return self._docs

    def scores(self, cand):
        return self.kept.scores(cand)


class _Phrase(_Node):
    """Whoosh's Phrase: the words in order, each within `slop` positions of the one before (1:
    side by side); scored as the sum of the words' scores (SpanNear2's halving tree of
    intersections)."""

    def __init__(self, leaves: list[_Leaf], slop: int = 1) -> None:
        self.tree = _halving_tree(leaves)
        self.leaves = leaves
        self.slop = slop
        candidates = sorted(self.tree.docs)
        found = _vector_runs(leaves, candidates, slop) if candidates else None
        if found is None:
            found = self._adjacent(candidates) if len(leaves) == 2 else self._runs(candidates)
        self.docs = found
        self.most = len(self.docs)

    def _adjacent(self, candidates: list[int]) -> set[int]:
        """`_runs` for two words: both words' positions cut out of their blocks in one pass over
        the (sorted) candidates."""
        (first, first_values), (second, second_values) = [
            (leaf.format.decoder("positions"), _values_for(leaf, candidates)) for leaf in self.leaves
        ]
        found: set[int] = set()
        if self.slop == 1:
            for docnum, a, b in zip(candidates, first_values, second_values, strict=True):
                before = first(a)
                if not before:
                    continue
                after = second(b)
                if after and not set(after).isdisjoint([p + 1 for p in before]):
                    found.add(docnum)
            return found
        steps = range(1, self.slop + 1)
        for docnum, a, b in zip(candidates, first_values, second_values, strict=True):
            before, after = first(a), second(b)
            if before and after and not set(after).isdisjoint([p + k for p in before for k in steps]):
                found.add(docnum)
        return found

    def _runs(self, candidates: list[int]) -> set[int]:
        """The candidates where the words run on, for three words or more. Word by word, each word's positions are cut out
        of its blocks in one pass over the (sorted) candidates still running (a long phrase soon
        has none left); a run is known by where its last word stands."""
        slop = self.slop
        runs: dict[int, set[int]] = {}
        for n, leaf in enumerate(self.leaves):
            budget.check()
            decode = leaf.format.decoder("positions")
            going: dict[int, set[int]] = {}
            for docnum, value in zip(candidates, _values_for(leaf, candidates), strict=True):
                positions = decode(value)
                if not positions:
                    continue
                if n == 0:
                    going[docnum] = set(positions)
                    continue
                ends = runs[docnum]
                if slop == 1:
                    still = {p for p in positions if p - 1 in ends}
                else:
                    still = {p for p in positions if any(p - k in ends for k in range(1, slop + 1))}
                if still:
                    going[docnum] = still
            runs = going
            candidates = [docnum for docnum in candidates if docnum in going]
            if not candidates:
                break
        return set(candidates)

    def scores(self, cand):
        return self.tree.scores(cand)


# Phrases are matched with numpy (when it is installed) from this many candidates on: below, the
# arrays cost more than the few positions decoded in Python.
VECTOR_FROM = 64
_SHORT_CODE, _LONG_CODE = ord("H"), ord("I")


def _vector_runs(leaves: list[_Leaf], candidates: list[int], slop: int) -> set[int] | None:
    """`_Phrase._adjacent` and `_runs` with numpy: each word's postings for the documents still
    running become two arrays, (document, position) packed in one int64 key each, in a few
    vectorised calls; a run goes on where a key of the next word, less 1 (to `slop`), is a key
    where the run stands. None when numpy is missing, the candidates are few, or the postings
    are not `CompactPositions` values packed as bytes (the callers then decode in Python)."""
    if len(candidates) < VECTOR_FROM or sys.byteorder != "little":
        return None
    if any(type(leaf.format) is not CompactPositions for leaf in leaves):
        return None
    np = numpy_module()
    if np is None:
        return None
    docs = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
    ends = None  # the keys where each run stands (sorted)
    for n, leaf in enumerate(leaves):
        budget.check()
        keys = _position_keys(np, leaf, docs)
        if keys is None:
            return None
        if n == 0:
            ends = keys
        elif slop == 1:
            ends = _common(np, ends + 1, keys)
        else:
            ends = np.unique(np.concatenate([_common(np, ends + k, keys) for k in range(1, slop + 1)]))
        if not len(ends):
            return set()
        docs = ends >> 32
        docs = docs[np.concatenate(([True], docs[1:] != docs[:-1]))]  # sorted: the distinct ones
    return set(docs.tolist())


def _common(np, a, b):
    """The keys both sorted arrays of distinct keys hold, sorted: the two merged (a stable sort
    of two sorted runs is one merge) and the neighbours that are equal kept. (A key moved on
    from a position of 2**32 - 1 would read as the next document's position 0: no article holds
    four billion words.)"""
    if not len(a) or not len(b):
        return a[:0]
    merged = np.concatenate([a, b])
    merged.sort(kind="stable")
    later = merged[1:]
    return later[later == merged[:-1]]


def _position_keys(np, leaf: _Leaf, docs):
    """The (document << 32 | position) keys of a leaf's postings for `docs` (a sorted int64
    array), sorted; None when its values are not all packed `CompactPositions` bytes."""
    values = leaf._values
    blocks = values.blocks if isinstance(values, _Values) else [values]
    blobs = []
    lengths = []
    for block in blocks:
        if type(block) is PackedValues:
            blobs.append(block.blob)
            lengths.append(np.frombuffer(block.lengths, dtype=block.lengths.typecode))
        else:
            if not all(type(value) is bytes for value in block):
                return None
            blobs.append(b"".join(block))
            lengths.append(np.fromiter(map(len, block), dtype=np.int64, count=len(block)))
    ids = np.fromiter(leaf.ids, dtype=np.int64, count=len(leaf.ids))
    length = np.concatenate(lengths).astype(np.int64) if lengths else np.zeros(0, dtype=np.int64)
    if len(length) != len(ids) or (len(length) and length.min() < 1):
        return None
    begin = np.cumsum(length) - length
    buf = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    code = buf[begin]
    short = code == _SHORT_CODE
    every_short = bool(short.all())
    if not every_short and not (short | (code == _LONG_CODE)).all():
        return None
    at = np.searchsorted(ids, docs)
    np.minimum(at, max(len(ids) - 1, 0), out=at)
    at = at[ids[at] == docs] if len(ids) else at[:0]
    whole = int(length.sum()) == len(buf) and bool((length & 1).all())  # "H" + 2 bytes a position
    if every_short and whole and 2 * len(at) >= len(ids):
        # Most postings wanted: every position at once, the type codes cut out of the string
        # (one pass over it), then those of the documents not wanted dropped.
        counts = (length - 1) >> 1
        kept = np.ones(len(buf), dtype=bool)
        kept[begin] = False
        keys = np.repeat(ids << 32, counts)
        keys |= buf[kept].view(np.uint16)
        if len(at) < len(ids):
            wanted = np.zeros(len(ids), dtype=bool)
            wanted[at] = True
            keys = keys[np.repeat(wanted, counts)]
    else:
        begin, length, ids, short = begin[at], length[at], ids[at], short[at]
        if every_short:
            keys = _gathered(np, buf, ids, begin, length, 2)
        else:
            keys = np.concatenate(
                [
                    _gathered(np, buf, ids[short], begin[short], length[short], 2),
                    _gathered(np, buf, ids[~short], begin[~short], length[~short], 4),
                ]
            )
    if len(keys) > 1 and not (keys[1:] > keys[:-1]).all():  # positions as written: in order, once each
        keys = np.unique(keys)
    return keys


def _gathered(np, buf, ids, begin, length, width: int):
    """The keys of postings whose positions are `width`-byte numbers (little-endian), each
    posting a type code byte and its positions from `begin` on, `length` bytes in all."""
    counts = (length - 1) // width
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    first = np.cumsum(counts) - counts
    # Each position's byte offset: its posting's first position's, plus `width` per position before it.
    offset = np.repeat(begin + 1 - width * first, counts) + width * np.arange(total, dtype=np.int64)
    positions = buf[offset].astype(np.int64)
    for byte in range(1, width):
        positions |= buf[offset + byte].astype(np.int64) << (8 * byte)
    return (np.repeat(ids, counts) << 32) | positions


def _values_for(leaf: _Leaf, docs: list[int]) -> list:
    """The encoded values of a leaf's postings for `docs` (sorted, all in the leaf)."""
    ids = leaf.ids
    values = leaf._values
    out = []
    at = 0
    if isinstance(values, _Values):
        starts, blocks = values.starts, values.blocks
        block = 0
        last = len(starts) - 1
        for docnum in docs:
            at = bisect_left(ids, docnum, at)
            while block < last and starts[block + 1] <= at:
                block += 1
            out.append(blocks[block][at - starts[block]])
    else:
        for docnum in docs:
            at = bisect_left(ids, docnum, at)
            out.append(values[at])
    return out


def _halving_tree(nodes: list[_Node]) -> _Node:
    """whoosh.util.make_binary_tree with intersections."""
    if len(nodes) == 1:
        return nodes[0]
    half = len(nodes) // 2
    return _Sum(_halving_tree(nodes[:half]), _halving_tree(nodes[half:]), both=True)


def _weighted_tree(weighted: list[tuple[int, _Node]], both: bool) -> _Node:
    """whoosh.util.make_weighted_tree: repeatedly join the two lightest. Whoosh's matchers never
    compare less than one another, so equal weights keep their order (a stable sort, insertion
    after equals)."""
    items = sorted(weighted, key=lambda item: item[0])
    while len(items) > 1:
        (wa, a), (wb, b) = items[0], items[1]
        del items[:2]
        weight = wa + wb
        at = bisect_right([w for w, _ in items], weight)
        items.insert(at, (weight, _Sum(a, b, both)))
    return items[0][1]


class _Segment:
    """One segment's searcher, and its per-field tables (kept with the segment's reader, so the
    queries an open index answers share them)."""

    def __init__(self, searcher, offset: int, context, scoring: dict | None = None) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.context = context
        self._infos: dict[tuple[str, str], tuple | None] = {}
        # Leaves read whole, by (field, word, boost): a word a query names many times ("oil oil
        # oil …" pasted, a phrase repeating a word) is read once.
        self._leaves: dict[tuple[str, str, float], _Leaf] = {}
        self._scoring: dict[str, tuple | bool] = scoring if scoring is not None else {}
        self._parent = searcher.get_parent()
        # Straight reads of posting lists (`_term`): Whoosh 3 files, no deleted documents.
        self._postfile = getattr(getattr(self.reader, "_terms", None), "_postfile", None)
        if self._postfile is not None and self.reader.deleted_docs_set:
            self._postfile = None
        try:
            self._tables = _TABLES.setdefault(self.reader, {})
        except TypeError:  # a reader that takes no weak reference
            self._tables = {}

    def length_bytes(self, fieldname: str) -> bytes:
        key = ("lengths", fieldname)
        found = self._tables.get(key)
        if found is None:
            found = self._tables[key] = _length_bytes(self.reader, fieldname)
        return found

    def empty_docs(self, fieldname: str) -> set[int]:
        """The documents with no length in the field: a block header's shortest length leaves
        them out."""
        key = ("empty", fieldname)
        found = self._tables.get(key)
        if found is None:
            lengths = self.length_bytes(fieldname)
            found = set()
            at = lengths.find(0)
            while at >= 0:
                found.add(at)
                at = lengths.find(0, at + 1)
            self._tables[key] = found
        return found

    def norms(self, fieldname: str, k1: float, b: float, avgfl: float) -> list[float]:
        """`scoring.length_norm` for each length byte, as Whoosh's bm25() computes it."""
        key = ("norms", fieldname, k1, b, avgfl)
        found = self._tables.get(key)
        if found is None:
            found = [0.0] + [length_norm(fl, avgfl, k1, b) for fl in _LENGTHS[1:]]
            self._tables[key] = found
        return found

    def build(self, q, within: list[int] | None = None) -> _Node:
        """The evaluation tree of `q` in this segment. With `within` (sorted document numbers),
        only the documents among them need to be right: an intersection above has already
        left out the others, so posting blocks holding none of them are not read."""
        budget.check()
        kind = type(q)
        if kind is wq.Term:
            leaf = self._term(q, within)
            if leaf is not None:
                return leaf
            m = q.matcher(self.searcher, self.context)
            if isinstance(m, NullMatcherClass):
                return _Empty()
            return _Leaf(q.fieldname, q.text, m, self)
        if kind is wq.And or kind is wq.Or:
            subs = q.subqueries
            if not subs:
                return _Empty()
            if len(subs) == 1:
                return self.build(subs[0], within)
            if kind is wq.Or and (q.scale or q.minmatch):
                raise Unsupported("Or with coordination")
            sizes = [self._size(sub) for sub in subs]
            if kind is wq.And:
                nodes = self._intersected(subs, sizes, within)
                weighted = [(-size, node) for size, node in zip(sizes, nodes, strict=True)]
            else:
                weighted = [(size, self.build(sub, within)) for size, sub in zip(sizes, subs, strict=True)]
            node = _weighted_tree(weighted, both=kind is wq.And)
            return _Boost(node, q.boost) if q.boost != 1.0 else node
        if kind is wq.Phrase:
            return self._phrase(q, within)
        if kind is wq.AndNot:
            node = self._excluded(q, within)
            return _Boost(node, q.boost) if q.boost != 1.0 else node
        if kind is wq.Every and q.fieldname in (None, "", "*"):
            return _Every(set(self.reader.all_doc_ids()), q.boost)
        if q is wq.NullQuery or kind is type(wq.NullQuery):
            return _Empty()
        raise Unsupported(kind.__name__)

    def _excluded(self, q: wq.AndNot, within: list[int] | None) -> _Node:
        """`q.a` less the documents of `q.b`; when `q.a` matches far fewer documents than `q.b`
        may, only those need looking up in `q.b`'s lists."""
        kept = self.build(q.a, within)
        if self._size(q.b) > RESTRICT_RATIO * kept.most:
            docs = kept.docs
            within = sorted(docs if within is None else docs.intersection(within))
        return _Exclude(kept, self.build(q.b, within))

    def _intersected(self, subs: list, sizes: list[int], within: list[int] | None) -> list[_Node]:
        """The nodes of an intersection's parts, the smallest first: when it is much smaller than
        the next, its documents are all the others need (`build`'s `within`)."""
        order = sorted(range(len(subs)), key=sizes.__getitem__)
        nodes: list[_Node | None] = [None] * len(subs)
        first = order[0]
        nodes[first] = self.build(subs[first], within)
        if sizes[order[1]] > RESTRICT_RATIO * sizes[first]:
            docs = nodes[first].docs
            within = sorted(docs if within is None else docs.intersection(within))
        rest = order[1:]
        for n, k in enumerate(rest, 1):
            node = nodes[k] = self.build(subs[k], within)
            if within is not None and n < len(rest):  # later parts need only what is left
                within = sorted(_within(node, set(within)))
        return nodes  # type: ignore[return-value]

    def _info(self, fieldname: str, text: str):
        """(term bytes, Whoosh term info) of a word, None when the segment lacks it; looked up
        once a query (Whoosh looks a term up again to size it, to test it and to read it)."""
        key = (fieldname, text)
        if key in self._infos:
            return self._infos[key]
        found = None
        schema = self.reader.schema
        if fieldname in schema:
            try:
                btext = schema[fieldname].to_bytes(text)
                found = (btext, self.reader.term_info(fieldname, btext))
            except (ValueError, TermNotFound):
                found = None
        self._infos[key] = found
        return found

    def _size(self, q) -> int:
        """Whoosh's `estimate_size` of a query in this segment, from `_info`."""
        kind = type(q)
        if kind is wq.Term:
            found = self._info(q.fieldname, q.text)
            return found[1].doc_frequency() if found else 0
        if kind is wq.And and q.subqueries:
            return min(self._size(sub) for sub in q.subqueries)
        if kind is wq.Or:
            return min(sum(self._size(sub) for sub in q.subqueries), self.reader.doc_count())
        if kind is wq.Phrase and q.words:
            return min(self._size(wq.Term(q.fieldname, word)) for word in q.words)
        return q.estimate_size(self.reader)

    def _term(self, q: wq.Term, within: list[int] | None = None) -> _Node | None:
        """A term's leaf read straight from the segment's files: one term lookup and one read
        of its posting list. None when it is not plainly BM25F-scored Whoosh 3 postings (then
        Whoosh's matcher is used)."""
        if q.minquality or self._postfile is None:
            return None
        key = (q.fieldname, q.text, q.boost)
        if within is None and key in self._leaves:
            return self._leaves[key]
        fieldname = q.fieldname
        scoring = self._scoring.get(fieldname)
        if scoring is None:
            scoring = self._scoring[fieldname] = self._field_scoring(fieldname)
        if scoring is False:
            return None
        avgfl, b, k1, fmt = scoring
        found = self._info(fieldname, q.text)
        if found is None:
            return _Empty()
        btext, info = found
        postfile = self._postfile
        try:
            if info.is_inlined():
                ids, weights, values = info.inlined_postings()
                postings = (list(ids), list(weights), list(values), [0], None)
            else:
                offset, extent = info.extent()
                postings = _read_extent(postfile, offset, extent, fmt.fixed_value_size(), within)
        except AttributeError:
            return None
        scorer = _BM25(self._parent.idf(fieldname, btext), avgfl, b, k1)
        leaf = _Leaf.from_postings(fieldname, q.text, self, q.boost, scorer, fmt, postings)
        if within is None:
            self._leaves[key] = leaf
        return leaf

    def _field_scoring(self, fieldname: str):
        """(average length, B, K1, format) that `_term` scores a field's words with, as Whoosh's
        BM25F scorer takes them; False when the field is not plainly BM25F-scored."""
        weighting = self.context.weighting if self.context is not None else self.searcher.weighting
        if not isinstance(weighting, BM25F) or type(weighting).scorer is not BM25F.scorer:
            return False
        schema = self.reader.schema
        if fieldname not in schema or not schema[fieldname].scorable:
            return False
        avgfl = self._parent.avg_field_length(fieldname) or 1
        return avgfl, weighting._field_B.get(fieldname, weighting.B), weighting.K1, schema[fieldname].format

    def _phrase(self, q: wq.Phrase, within: list[int] | None = None) -> _Node:
        if q.slop != 1 or len(q.words) < 2:
            raise Unsupported("phrase slop")
        schema = self.searcher.schema
        if q.fieldname not in schema:
            return _Empty()
        field = schema[q.fieldname]
        if not field.format or not field.format.supports("positions"):
            raise Unsupported("phrase without positions")
        if any(self._info(q.fieldname, word) is None for word in q.words):
            return _Empty()
        terms = [wq.Term(q.fieldname, word) for word in q.words]
        leaves = self._intersected(terms, [self._size(term) for term in terms], within)
        for leaf in leaves:
            if not isinstance(leaf, _Leaf) or leaf._generic is not None or leaf._values is None:
                raise Unsupported("phrase postings")
        node = _Phrase(leaves)  # type: ignore[arg-type]
        return _Boost(node, q.boost) if q.boost != 1.0 else node


class Subset(wq.Query):
    """These sub-documents (`SubDocuments`), matched whole and scoring nothing: a test the caller
    settles itself (who said a quotation), as a clause of the tree."""

    def __init__(self, docs: Iterable[int]) -> None:
        self.docs = frozenset(docs)


class SubDocuments:
    """Short texts evaluated as documents of their own with the same trees as an index's
    documents: the quotations of the articles a quote search found. Their postings are made
    from their tokens when a term is asked for; they are scored with BM25 on statistics the
    caller gives (the index's idf), as a few hundred sentences have none worth the name."""

    def __init__(
        self,
        tokens: Sequence[Sequence[tuple[str, int, int, int]]],
        idf: Callable[[str], float],
        *,
        k1: float,
        b: float,
        average: float,
    ) -> None:
        self.tokens = tokens
        self.idf, self.k1, self.b, self.average = idf, k1, b, average
        self._vocabulary: frozenset[str] | None = None

    def expanded(self, q: wq.Query) -> wq.Query:
        """`q` with each word pattern (``econom*``, ``infla?ion``) made the union of the words of
        these texts it matches, as an index expands one over its own words."""
        if isinstance(q, (wq.Prefix, wq.Wildcard)):
            test = _pattern_test(q)
            words = sorted(word for word in self.vocabulary() if test(word))
            if not words:
                return wq.NullQuery
            return wq.Or([wq.Term(q.fieldname, word) for word in words], boost=q.boost)
        if isinstance(q, (wq.And, wq.Or)):
            return type(q)([self.expanded(sub) for sub in q.subqueries], boost=q.boost)
        if isinstance(q, wq.AndNot):
            return wq.AndNot(self.expanded(q.a), self.expanded(q.b))
        return q

    def vocabulary(self) -> frozenset[str]:
        if self._vocabulary is None:
            self._vocabulary = frozenset(token[0] for tokens in self.tokens for token in tokens)
        return self._vocabulary

    def evaluate(self, q: wq.Query) -> dict[int, float]:
        """Each text matching `q` (Term, Phrase with any slop, And, Or, AndNot, Every, `Subset`;
        patterns `expanded` first), by its number, with its score."""
        q = self.expanded(q)
        segment = _SubSegment(self)
        segment.read({text for _field, text in q.iter_all_terms()})
        root = segment.build(q)
        return root.scores(root.docs)


def _pattern_test(q: wq.Query) -> Callable[[str], bool]:
    if isinstance(q, wq.Prefix):
        return lambda word: word.startswith(q.text)
    return lambda word: fnmatch.fnmatchcase(word, q.text)


class _Positions:
    """The format of sub-documents' postings: each value is already the list of positions."""

    @staticmethod
    def decoder(_what: str) -> Callable[[list[int]], list[int]]:
        return _same


def _same(value: list[int]) -> list[int]:
    return value


class _SubSegment(_Segment):
    """`SubDocuments` as a segment `build` can walk: postings, lengths and norms from their tokens."""

    def __init__(self, texts: SubDocuments) -> None:  # no searcher: nothing of Whoosh's is read
        self.texts = texts
        self._postings: dict[str, tuple[list[int], list[float], list[list[int]]]] = {}
        self._lengths = [len(tokens) for tokens in texts.tokens]

    def build(self, q, within: list[int] | None = None) -> _Node:
        kind = type(q)
        if kind is wq.Every:
            return _Every(set(range(len(self._lengths))), q.boost)
        if kind is Subset:
            return _Every(set(q.docs), 0.0)
        return super().build(q, within)

    def length_bytes(self, fieldname: str) -> list[int]:  # type: ignore[override]
        return self._lengths  # exact lengths: no byte to code them in

    def norms(self, fieldname: str, k1: float, b: float, avgfl: float) -> list[float]:
        return [0.0] + [length_norm(n, avgfl, k1, b) for n in range(1, max(self._lengths, default=0) + 1)]

    def _term(self, q: wq.Term, within: list[int] | None = None) -> _Node:
        ids, weights, values = self._posting_list(q.text)
        if not ids:
            return _Empty()
        texts = self.texts
        scorer = _BM25(texts.idf(q.text), texts.average, texts.b, texts.k1)
        postings = (ids, weights, values, [0], None)
        return _Leaf.from_postings(q.fieldname, q.text, self, q.boost, scorer, _Positions, postings)

    def _posting_list(self, word: str) -> tuple[list[int], list[float], list[list[int]]]:
        found = self._postings.get(word)
        if found is None:
            found = self._postings[word] = self.read([word])[word]
        return found

    def read(self, words: Iterable[str]) -> dict[str, tuple[list[int], list[float], list[list[int]]]]:
        """The posting lists of `words`, made in one pass over the texts' tokens."""
        wanted = set(words)
        found: dict[str, dict[int, list[int]]] = {word: {} for word in wanted}
        for doc, tokens in enumerate(self.texts.tokens):
            for token in tokens:
                if token[0] in wanted:
                    found[token[0]].setdefault(doc, []).append(token[1])
        lists = {}
        for word, places in found.items():
            values = list(places.values())
            lists[word] = (list(places), [float(len(v)) for v in values], values)
        self._postings.update(lists)
        return lists

    def _size(self, q) -> int:
        kind = type(q)
        if kind is wq.Term:
            return len(self._posting_list(q.text)[0])
        if kind is wq.Phrase and q.words:
            return min(len(self._posting_list(word)[0]) for word in q.words)
        if kind is wq.And and q.subqueries:
            return min(self._size(sub) for sub in q.subqueries)
        if kind is wq.Or:
            return min(sum(self._size(sub) for sub in q.subqueries), len(self._lengths))
        if kind is wq.AndNot:
            return self._size(q.a)
        if kind is Subset:
            return len(q.docs)
        if q is wq.NullQuery:
            return 0
        return len(self._lengths)

    def _phrase(self, q: wq.Phrase, within: list[int] | None = None) -> _Node:
        if not q.words:
            return _Empty()
        if len(q.words) == 1:
            return self.build(wq.Term(q.fieldname, q.words[0], boost=q.boost), within)
        terms = [wq.Term(q.fieldname, word) for word in q.words]
        leaves = self._intersected(terms, [self._size(term) for term in terms], within)
        if any(not isinstance(leaf, _Leaf) for leaf in leaves):
            return _Empty()
        node = _Phrase(leaves, max(1, q.slop))  # type: ignore[arg-type]
        return _Boost(node, q.boost) if q.boost != 1.0 else node


def _length_bytes(reader, fieldname: str):
    """The field-length byte of every document of a segment (Whoosh's `_<field>_len` column)."""
    try:
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", _lengths_column())
    except AttributeError:
        column = None
    doccount = reader.doc_count_all()
    if column is None or getattr(column, "_fixedlen", None) != 1:
        # Not a Whoosh 3 segment as expected: ask the reader, document by document.
        return bytes(_byte_of(reader.doc_field_length(d, fieldname, 0)) for d in range(doccount))
    raw = column._dbfile.get(column._basepos, column._count)
    return bytes(raw) + bytes(max(0, doccount - len(raw)))


def _byte_of(length) -> int:
    from whoosh.util.numeric import length_to_byte

    return length_to_byte(length) if length else 0


def _lengths_column():
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    return LENGTHS_COLUMN


# An intersection's smallest part restricts which posting blocks the others read when the next
# smallest is at least this many times larger.
RESTRICT_RATIO = 4
# Below this many matches every one is scored; above, only those that may reach the top.
PRUNE_FROM = 500
# The first floor tried, as a share of the highest score the bounds allow, and how much lower
# each next one is.
FIRST_GUESS = 0.9
NEXT_GUESS = 0.85
MAX_ROUNDS = 12
# Groups of at most this many candidates are scored without looking at their blocks' bounds.
REFINE_FROM = 64
# Past this many posting lists, candidates are ordered by their bounds, not split into groups.
MAX_SPLIT = 16


class Evaluation:
    """A query evaluated on every segment: the matching documents, their scores on demand, and
    the terms that matched each one (for highlighting)."""

    def __init__(self, searcher, q, allowed: set[int] | None = None) -> None:
        self.reader = searcher.reader()
        context = searcher.context(needs_current=True, weighting=searcher.weighting, top_query=q)
        scoring: dict[str, tuple | bool] = {}  # per field, shared by the segments
        self.parts: list[tuple[_Segment, _Node, set[int]]] = []
        self.total = 0
        ordered = sorted(allowed) if allowed is not None else None
        for sub, offset in searcher.leaf_searchers():
            segment = _Segment(sub, offset, context, scoring)
            root = segment.build(q)
            docs = root.docs
            if ordered is not None:
                docs = _allowed_in(docs, ordered, offset, sub.doc_count_all())
            self.parts.append((segment, root, docs))
            self.total += len(docs)

    def scored(self) -> list[tuple[float, int]]:
        """(score, docnum) of every match, in no order."""
        found: list[tuple[float, int]] = []
        for segment, root, docs in self.parts:
            budget.check()
            found.extend((s, segment.offset + d) for d, s in root.scores(docs).items())
        return found

    def all_docs(self) -> list[int]:
        return [segment.offset + d for segment, _root, docs in self.parts for d in docs]

    def ranked(self, n: int | None) -> list[tuple[float, int]]:
        """(score, docnum) of the best `n` (None: all), best first; equal scores by article id
        (`ties`), so that how the index was written does not change the order."""
        key = ties.id_key(self.reader, columntables.built(self.reader))
        if n is not None and n < self.total and self.total >= PRUNE_FROM:
            pruned = self._pruned_top(n)
            if pruned is not None:
                return ties.settle(pruned, key, 0, n)
        scored: list[tuple[float, int]] = []
        for segment, root, docs in self.parts:
            budget.check()
            offset = segment.offset
            scored.extend((s, offset + d) for d, s in root.scores(docs).items())
        if n is None or n >= len(scored):
            return ties.settle(sorted(scored, key=_rank_key), key)
        return ties.settle(ties.top_with_ties(scored, n, _rank_key), key, 0, n)

    def _pruned_top(self, n: int) -> list[tuple[float, int]] | None:
        """The best `n`, scoring only the documents that can reach them (None: no bounds known).

        A document scores at most the sum of its block's bound in each list that holds it
        (`_Candidates`). Guess a floor, from the highest bounds down: score every document whose
        bound exceeds it; once `n` of the scored reach the floor, no document left unscored (all
        below it) can rank among the best `n`. Otherwise lower the floor (to the `n`th best score
        found so far, when that is close) and score the documents newly above it.
        """
        plans = []
        for _segment, root, _docs in self.parts:
            leaves = _scaled_leaves(root, 1.0)
            if leaves is None:
                return None
            plan = []
            for leaf, scale in leaves:
                bounds = leaf.block_bounds(scale)
                if bounds:
                    if min(bounds) < 0:  # the bounds assume a list adds nothing or more
                        return None
                    plan.append((leaf, bounds))
            plans.append(plan)
        top = max((sum(max(bounds) for _, bounds in plan) for plan in plans), default=0.0)
        if top <= 0:
            return None
        if any(len(plan) > MAX_SPLIT for plan in plans):
            return self._bound_ordered_top(n, plans)
        guess = top * FIRST_GUESS
        scored: list[tuple[float, int]] = []
        seen: list[set[int]] = [set() for _ in self.parts]
        candidates = [
            _Candidates(plan, docs) if plan else None
            for (_s, _r, docs), plan in zip(self.parts, plans, strict=True)
        ]
        for round_ in range(MAX_ROUNDS):
            budget.check()
            if round_ == MAX_ROUNDS - 1:
                guess = -1.0  # the last round scores whatever is left
            floor = guess - abs(guess) * 1e-9
            for (segment, root, _docs), part, done in zip(self.parts, candidates, seen, strict=True):
                if part is None:
                    continue
                fresh = part.within(floor)
                fresh -= done
                if fresh:
                    done |= fresh
                    offset = segment.offset
                    scored.extend((s, offset + d) for d, s in root.scores(fresh).items())
            if len(scored) >= n:
                best = ties.top_with_ties(scored, n, _rank_key)
                nth = best[n - 1][0]
                if nth >= guess:
                    return best  # every document scoring `nth` was above the floor: all are here
                scored = best  # the others cannot make the best `n` any more
                guess = max(nth, guess * NEXT_GUESS)
            else:
                guess *= NEXT_GUESS
        return None

    def _bound_ordered_top(
        self, n: int, plans: list[list[tuple[_Leaf, list[float]]]]
    ) -> list[tuple[float, int]]:
        """The best `n` of a query of many words, where grouping documents by the lists that hold
        them costs more than it saves: each matching document's bound (the sum of its block's
        bound in each list) is added up in one pass over the postings, and the documents are
        scored from the highest bound down until the next bound cannot beat the `n`th best score
        (bounds exceed scores, so a document at the `n`th score cannot tie with it either)."""
        bounded: list[tuple[float, int, int]] = []  # (bound, part, local document)
        for k, ((_segment, _root, docs), plan) in enumerate(zip(self.parts, plans, strict=True)):
            bound: dict[int, float] = {}
            get = bound.get
            for leaf, bounds in plan:
                ids = leaf.ids
                starts = leaf._starts
                for a, b, highest in zip(starts, [*starts[1:], len(ids)], bounds, strict=True):
                    block = ids[a:b]  # each document's bound raised by the block's, all in C
                    bound.update(zip(block, map(highest.__add__, map(get, block, repeat(0.0))), strict=False))
            bounded.extend(zip(map(bound.__getitem__, docs), repeat(k), docs))
        bounded.sort(key=_bound_key)
        best: list[tuple[float, int]] = []
        at = 0
        batch = max(4 * n, 256)
        while at < len(bounded):
            if len(best) >= n and bounded[at][0] <= best[n - 1][0]:
                break
            budget.check()
            chosen: dict[int, set[int]] = {}
            for _bound, k, d in bounded[at : at + batch]:
                chosen.setdefault(k, set()).add(d)
            at += batch
            for k, fresh in chosen.items():
                segment, root, _docs = self.parts[k]
                offset = segment.offset
                best.extend((s, offset + d) for d, s in root.scores(fresh).items())
            best = ties.top_with_ties(best, n, _rank_key)
            batch *= 2  # when the bounds prune little, fewer and larger rounds cost less
            if len(best) >= n:
                # Still to score: the documents whose bound beats the `n`th score. When they are
                # more than an eighth of what is left, one round for all of them costs least
                # (measured on 105k articles: many-word unions ~20% faster than with a quarter).
                above = takewhile(best[n - 1][0].__lt__, map(itemgetter(0), islice(bounded, at, None)))
                beating = sum(1 for _ in above)
                if beating * 8 > len(bounded) - at:
                    batch = max(batch, beating)
        return best


class _Candidates:
    """The documents of one segment whose score may exceed a floor, from the posting lists' bounds.

    The documents are split by which lists hold them (set operations, the lists with the highest
    bounds first; each group is kept for the next, lower floor): a group whose lists' highest
    bounds add up to at most the floor is dropped whole, and the rest of a group only if, for one
    split of the floor into shares among its lists (`_shares`), each of its documents' block
    bounds is within its list's share.
    """

    def __init__(self, plan: list[tuple[_Leaf, list[float]]], docs: set[int]) -> None:
        plan = sorted(plan, key=lambda item: max(item[1]), reverse=True)
        self.plan = plan
        self.docs = docs
        self.highest = [max(bounds) for _, bounds in plan]
        self.after = [*(sum(self.highest[i:]) for i in range(len(plan))), 0.0]  # bound of lists i..
        self._groups: dict[tuple[int, tuple[int, ...]], set[int]] = {(0, ()): docs}
        self._blocks: dict[int, tuple[list[int], list[int], tuple[list[float], list[int]]]] = {}

    def within(self, floor: float) -> set[int]:
        found: set[int] = set()
        self._split(0, 0.0, (), floor, found)
        return found

    def _split(self, i: int, reached: float, held: tuple[int, ...], floor: float, found: set[int]) -> None:
        docs = self._group(i, held)
        if not docs or reached + self.after[i] <= floor:
            return
        if i == len(self.plan):
            found |= self._refine(docs, held, floor)
            return
        if reached + self.after[i + 1] > floor:
            self._split(i + 1, reached, held, floor, found)
        self._split(i + 1, reached + self.highest[i], (*held, i), floor, found)

    def _group(self, i: int, held: tuple[int, ...]) -> set[int]:
        """The documents held by exactly the lists `held` among the first `i`."""
        key = (i, held)
        found = self._groups.get(key)
        if found is None:
            was_held = bool(held) and held[-1] == i - 1
            parent = self._group(i - 1, held[:-1] if was_held else held)
            leaf_docs = self.plan[i - 1][0].docs
            found = parent & leaf_docs if was_held else parent - leaf_docs
            self._groups[key] = found
        return found

    def _block_table(self, i: int) -> tuple[list[int], list[int], tuple[list[float], list[int]]]:
        """A list's block starts and ends, and its bounds in ascending order with the postings
        above each (for `_shares`)."""
        found = self._blocks.get(i)
        if found is None:
            leaf, bounds = self.plan[i]
            starts = leaf._starts
            ends = [*starts[1:], len(leaf.ids)]
            order = sorted(range(len(bounds)), key=bounds.__getitem__)
            ascending = [bounds[k] for k in order]
            above = [*accumulate(ends[k] - starts[k] for k in reversed(order))][::-1]
            found = self._blocks[i] = (starts, ends, (ascending, [*above, 0]))
        return found

    def _refine(self, docs: set[int], held: tuple[int, ...], floor: float) -> set[int]:
        """Those of `docs` (held by exactly the lists `held`) in a block whose bound passes its
        list's share."""
        if len(docs) <= REFINE_FROM:
            return docs
        tables = [self._block_table(i) for i in held]
        shares, cost = _shares([table[2] for table in tables], floor)
        if cost >= 2 * len(docs):
            return docs
        passing: set[int] = set()
        for i, (starts, ends, _prepared), share in zip(held, tables, shares, strict=True):
            ids = self.plan[i][0].ids
            for b, bound in enumerate(self.plan[i][1]):
                if bound > share:
                    passing.update(ids[starts[b] : ends[b]])
        return docs & passing


def _allowed_in(docs: set[int], ordered: list[int], offset: int, size: int) -> set[int]:
    """Those of a segment's `docs` (local numbers) whose global number is in `ordered` (sorted):
    all of them when `ordered` holds every document of the segment, else looked up from the
    smaller side."""
    lo, hi = bisect_left(ordered, offset), bisect_left(ordered, offset + size)
    if hi - lo == size:  # every document of the segment is allowed
        return docs
    if len(docs) <= hi - lo:
        wanted = set(ordered[lo:hi])
        return {d for d in docs if d + offset in wanted}
    return docs.intersection([d - offset for d in ordered[lo:hi]])


def _scaled_leaves(node: _Node, scale: float) -> list[tuple[_Leaf, float]] | None:
    """Every leaf under `node` with the product of the boosts above it (None when a boost is
    negative: a bound would then be no bound)."""
    if isinstance(node, _Leaf):
        return None if node.boost < 0 else [(node, scale)]
    if isinstance(node, _Sum):
        a = _scaled_leaves(node.a, scale)
        b = _scaled_leaves(node.b, scale)
        return None if a is None or b is None else a + b
    if isinstance(node, _Boost):
        return None if node.boost < 0 else _scaled_leaves(node.child, scale * node.boost)
    if isinstance(node, _Phrase):
        return _scaled_leaves(node.tree, scale)
    if isinstance(node, _Empty):
        return []
    return None


def _shares(prepared: list[tuple[list[float], list[int]]], floor: float) -> tuple[list[float], int]:
    """Split `floor` among posting lists, given each one's block bounds in ascending order and
    the postings in the blocks from each one up: a list's share is the bound its blocks must
    exceed to be scored. Tried: the lists with the lowest highest bounds get exactly their
    highest (none of their blocks is scored for itself), the others the rest in proportion to
    their highest; the split that scores fewest postings wins. Returns it and its cost."""
    highest = [ascending[-1] for ascending, _ in prepared]
    order = sorted(range(len(highest)), key=highest.__getitem__)
    best = [float("-inf")] * len(highest)  # every block passes: when the floor is below zero
    best_cost = sum(above[0] for _, above in prepared)
    spent = 0.0
    for p in range(len(order) + 1):
        left = floor - spent
        if left < 0:
            break
        shares = [0.0] * len(highest)
        for j in order[:p]:
            shares[j] = highest[j]
        rest = sum(highest[j] for j in order[p:])
        if rest <= left:  # no document can reach the floor
            return list(highest), 0
        for j in order[p:]:
            shares[j] = left * highest[j] / rest
        cost = sum(
            above[bisect_right(ascending, share)]
            for (ascending, above), share in zip(prepared, shares, strict=True)
        )
        if p == 0 or cost < best_cost:
            best, best_cost = shares, cost
        if p < len(order):
            spent += highest[order[p]]
    return best, best_cost


def _rank_key(item: tuple[float, int]) -> tuple[float, int]:
    return (-item[0], item[1])


def _bound_key(item: tuple[float, int, int]) -> float:
    return -item[0]
