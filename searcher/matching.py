"""Exact, faster evaluation of the queries people type most: words and phrases over title and body.

Whoosh walks its matcher tree one posting at a time, through several Python calls per posting, and
counts the matches in a second pass. Here a query's postings are read a block at a time into lists,
the matching documents are found with set operations (so the exact count comes free), and only
those documents are scored. Scores are Whoosh's own, bit for bit: the same BM25F formula on the same
inputs (the byte-coded field lengths), summed in the order of the matcher tree Whoosh would build
(its size-weighted tree for AND and OR, its halving tree inside a phrase), so ranking is unchanged.

Only Term, And, Or (without coordination bonus), Phrase (adjacent words) and NullQuery are
evaluated; anything else raises `Unsupported` and the caller runs Whoosh's own search instead.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from itertools import accumulate

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher
from whoosh.matching.mcore import NullMatcherClass
from whoosh.matching.wrappers import FilterMatcher, WrappingMatcher
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

_LENGTHS = [byte_to_length(b) for b in range(256)]


class Unsupported(Exception):
    """The query holds a kind of clause this module does not evaluate."""


class _Node:
    """A node of the evaluation tree: `docs` (local document numbers it matches), `scores(cand)`
    for the documents of `cand` (a subset of `docs`), and the leaves that match a document."""

    docs: set[int]

    def scores(self, cand: set[int]) -> dict[int, float]:
        raise NotImplementedError

    def matching_leaves(self, docnum: int):
        raise NotImplementedError


class _Empty(_Node):
    def __init__(self) -> None:
        self.docs = set()

    def scores(self, cand):
        return {}

    def matching_leaves(self, docnum):
        return ()


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
            self.ids = sorted(generic)
            return
        if type(m) is W3LeafMatcher:
            self.ids, self.weights, self._values = _read_blocks(m)
        else:
            self.ids = list(m._ids)
            if m._all_weights:
                self.weights = [m._all_weights] * len(self.ids)
            elif m._weights:
                self.weights = list(m._weights)
            else:
                self.weights = [1.0] * len(self.ids)
            self._values = list(m._values) if m._values is not None else None
        self.format = m.format if type(m) is W3LeafMatcher else m._format
        if exclude:
            keep = [i for i, d in enumerate(self.ids) if d not in exclude]
            self.ids = [self.ids[i] for i in keep]
            self.weights = [self.weights[i] for i in keep]
            if self._values is not None:
                self._values = [self._values[i] for i in keep]
        self.docs = set(self.ids)

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
        if len(cand) * 16 < len(ids):
            out = {}
            for d in cand:
                tf = weights[bisect_left(ids, d)]
                # Whoosh's bm25(): idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
                out[d] = idf * ((tf * k1p1) / (tf + norm[lengths[d]]))
        else:
            wmap = dict(zip(ids, weights, strict=True))
            out = {d: idf * ((tf * k1p1) / (tf + norm[lengths[d]])) for d in cand for tf in (wmap[d],)}
        boost = self.boost
        if boost != 1.0:
            return {d: s * boost for d, s in out.items()}
        return out

    def value(self, docnum: int):
        i = bisect_left(self.ids, docnum)
        if self._values is None or i >= len(self.ids) or self.ids[i] != docnum:
            return None
        return self._values[i]

    def decoded(self, docnum: int, astype: str):
        value = self.value(docnum)
        if value is None or self.format is None:
            return None
        return self.format.decoder(astype)(value)

    def matching_leaves(self, docnum):
        return (self,) if docnum in self.docs else ()


def _read_blocks(m: W3LeafMatcher) -> tuple[list[int], list[float], _Values | None]:
    """Every posting of a Whoosh 3 posting list: ids, weights and encoded values, block by block."""
    ids: list[int] = []
    weights: list[float] = []
    values: _Values | None = _Values()
    fixedsize = m._fixedsize
    if m._byteids:
        raise Unsupported("byte ids")
    while m.is_active():
        if m._data is None:
            m._read_data()
        data = m._data
        count = m._blocklength
        if values is not None:
            if fixedsize is None or fixedsize < 0:
                values.add(len(ids), data[2])
            else:
                values = None  # fixed-size values (no positions): never needed here
        ids.extend(accumulate(data[0]))
        w = data[1]
        if w is None:
            weights.extend([1.0] * count)
        elif isinstance(w, (int, float)):  # one weight for the whole block
            weights.extend([w] * count)
        else:
            weights.extend(w)
        m._next_block()
    return ids, weights, values


class _Values:
    """A posting list's encoded values, kept as the blocks hold them (a tuple, or one packed
    string per block) and cut out only for the postings asked for."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.blocks: list = []

    def add(self, start: int, block) -> None:
        self.starts.append(start)
        self.blocks.append(block)

    def __getitem__(self, i: int) -> bytes:
        b = bisect_right(self.starts, i) - 1
        return self.blocks[b][i - self.starts[b]]


class _Sum(_Node):
    """Whoosh's IntersectionMatcher (both) or UnionMatcher (either): scores add, left first."""

    def __init__(self, a: _Node, b: _Node, both: bool) -> None:
        self.a, self.b, self.both = a, b, both
        self.docs = (a.docs & b.docs) if both else (a.docs | b.docs)

    def scores(self, cand):
        a, b = self.a, self.b
        if self.both:
            sa = a.scores(cand)
            sb = b.scores(cand)
            return {d: s + sb[d] for d, s in sa.items()}
        sa = a.scores(cand & a.docs)
        sb = b.scores(cand & b.docs)
        for d, s in sb.items():
            prev = sa.get(d)
            sa[d] = s if prev is None else prev + s
        return sa

    def matching_leaves(self, docnum):
        return (*self.a.matching_leaves(docnum), *self.b.matching_leaves(docnum))


class _Boost(_Node):
    def __init__(self, child: _Node, boost: float) -> None:
        self.child, self.boost = child, boost
        self.docs = child.docs

    def scores(self, cand):
        boost = self.boost
        return {d: s * boost for d, s in self.child.scores(cand).items()}

    def matching_leaves(self, docnum):
        return self.child.matching_leaves(docnum)


class _Phrase(_Node):
    """Whoosh's Phrase with slop 1: the words at consecutive positions; scored as the sum of the
    words' scores (SpanNear2's halving tree of intersections)."""

    def __init__(self, leaves: list[_Leaf]) -> None:
        self.tree = _halving_tree(leaves)
        self.leaves = leaves
        candidates = self.tree.docs
        self.docs = {d for d in candidates if self._adjacent(d)}

    def _adjacent(self, docnum: int) -> bool:
        runs = None
        for n, leaf in enumerate(self.leaves):
            positions = leaf.decoded(docnum, "positions")
            if not positions:
                return False
            if runs is None:
                runs = set(positions)
            else:
                here = set(positions)
                runs = {p for p in runs if p + n in here}
            if not runs:
                return False
        return True

    def scores(self, cand):
        return self.tree.scores(cand)

    def matching_leaves(self, docnum):
        # As Whoosh's TermsCollector sees it: the words, when all of them are in the field (the
        # phrase's intersection stops there), adjacent or not.
        return tuple(self.leaves) if docnum in self.tree.docs else ()


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
    """One segment's searcher and its per-field length bytes."""

    def __init__(self, searcher, offset: int, context) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.context = context
        self._lengths: dict[str, bytes] = {}
        self._norms: dict[tuple, list[float]] = {}

    def length_bytes(self, fieldname: str):
        found = self._lengths.get(fieldname)
        if found is None:
            found = self._lengths[fieldname] = _length_bytes(self.reader, fieldname)
        return found

    def norms(self, fieldname: str, k1: float, b: float, avgfl: float) -> list[float]:
        """K1 * ((1 - B) + B * fl / avgfl) for each length byte, as Whoosh's bm25() computes it."""
        key = (fieldname, k1, b, avgfl)
        found = self._norms.get(key)
        if found is None:
            found = [0.0] + [k1 * ((1 - b) + b * fl / avgfl) for fl in _LENGTHS[1:]]
            self._norms[key] = found
        return found

    def build(self, q) -> _Node:
        kind = type(q)
        if kind is wq.Term:
            m = q.matcher(self.searcher, self.context)
            if isinstance(m, NullMatcherClass):
                return _Empty()
            return _Leaf(q.fieldname, q.text, m, self)
        if kind is wq.And or kind is wq.Or:
            subs = q.subqueries
            if not subs:
                return _Empty()
            if len(subs) == 1:
                return self.build(subs[0])
            if kind is wq.Or and (q.scale or q.minmatch):
                raise Unsupported("Or with coordination")
            sign = -1 if kind is wq.And else 1
            weighted = [(sign * sub.estimate_size(self.reader), self.build(sub)) for sub in subs]
            node = _weighted_tree(weighted, both=kind is wq.And)
            return _Boost(node, q.boost) if q.boost != 1.0 else node
        if kind is wq.Phrase:
            return self._phrase(q)
        if q is wq.NullQuery or kind is type(wq.NullQuery):
            return _Empty()
        raise Unsupported(kind.__name__)

    def _phrase(self, q: wq.Phrase) -> _Node:
        if q.slop != 1 or len(q.words) < 2:
            raise Unsupported("phrase slop")
        schema = self.searcher.schema
        if q.fieldname not in schema:
            return _Empty()
        field = schema[q.fieldname]
        if not field.format or not field.format.supports("positions"):
            raise Unsupported("phrase without positions")
        leaves = []
        for word in q.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return _Empty()
            if (q.fieldname, btext) not in self.reader:
                return _Empty()
            leaf = self.build(wq.Term(q.fieldname, word))
            if not isinstance(leaf, _Leaf) or leaf._generic is not None or leaf._values is None:
                raise Unsupported("phrase postings")
            leaves.append(leaf)
        node = _Phrase(leaves)
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


class Evaluation:
    """A query evaluated on every segment: the matching documents, their scores on demand, and
    the terms that matched each one (for highlighting)."""

    def __init__(self, searcher, q, allowed: set[int] | None = None) -> None:
        context = searcher.context(needs_current=True, weighting=searcher.weighting, top_query=q)
        self.parts: list[tuple[_Segment, _Node, set[int]]] = []
        self.total = 0
        for sub, offset in searcher.leaf_searchers():
            segment = _Segment(sub, offset, context)
            root = segment.build(q)
            docs = root.docs
            if allowed is not None:
                local = {d - offset for d in allowed if offset <= d < offset + sub.doc_count_all()}
                docs = docs & local
            self.parts.append((segment, root, docs))
            self.total += len(docs)

    def all_docs(self) -> list[int]:
        return [segment.offset + d for segment, _root, docs in self.parts for d in docs]

    def ranked(self, n: int | None) -> list[tuple[float, int]]:
        """(score, docnum) of the best `n` (None: all), best first; equal scores by document number."""
        scored: list[tuple[float, int]] = []
        for segment, root, docs in self.parts:
            offset = segment.offset
            scored.extend((s, offset + d) for d, s in root.scores(docs).items())
        key = _rank_key
        if n is None or n >= len(scored):
            return sorted(scored, key=key)
        return heapq.nsmallest(n, scored, key=key)

    def matched_words(self, docnum: int, fieldname: str) -> set[str]:
        """The query words (as indexed: stems) that matched a document's field."""
        for segment, root, _docs in self.parts:
            local = docnum - segment.offset
            if 0 <= local < segment.reader.doc_count_all():
                return {leaf.text for leaf in root.matching_leaves(local) if leaf.fieldname == fieldname}
        return set()


def _rank_key(item: tuple[float, int]) -> tuple[float, int]:
    return (-item[0], item[1])
