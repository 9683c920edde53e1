"""Equal scores rank by article id: one order, however the index was written.

Whoosh breaks ties by document number, and document numbers follow how an index was written: the
order its files were read in, which segments were merged (a merged segment comes last), and in a
sharded index the shard. The article id does not change with any of these, so a rebuilt, an
incrementally updated and a sharded index over the same articles rank them alike, and a page of
equal scores is the same page every time.

Ids are looked up only for the documents tied with another on the part of a ranking a page shows
(`settle`), through the id column (a few microseconds each); a process holding column tables
(`columntables`) ranks every id once instead (`id_ranks`), for orders over whole result sets.
"""

from __future__ import annotations

import contextlib
import heapq
import weakref
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .schema import ID

Item = TypeVar("Item", bound=tuple)
_COLUMNS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # reader -> its id column's lookup


def id_key(reader, tables=None) -> Callable[[int], Any]:
    """A document number's tie-break key: its place among the ids from `tables` when their ranks
    are known, else its id read from the id column (both order documents alike). The column is
    opened on the first tie only (about 5 ms over many segments), once per reader."""
    if tables is not None:
        ranks = tables.derived.get("id_rank")
        if ranks is not None:
            return ranks.__getitem__

    def key(docnum: int) -> Any:
        return _id_column(reader)(docnum)

    return key


def _id_column(reader) -> Callable[[int], Any]:
    found = None
    with contextlib.suppress(TypeError):  # a reader that takes no weak reference
        found = _COLUMNS.get(reader)
    if found is None:
        if ID not in reader.schema or not reader.has_column(ID):  # another schema: document order
            found = _itself
        else:
            found = reader.column_reader(ID).__getitem__
        with contextlib.suppress(TypeError):
            _COLUMNS[reader] = found
    return found


def _itself(docnum: int) -> int:
    return docnum


def id_ranks(reader, tables):
    """Every document's place among the reader's ids in id order, as a numpy array kept with
    `tables` (read once: about 0.2 s for 100,000 articles)."""
    found = tables.derived.get("id_rank")
    if found is None:
        from .columntables import numpy_module

        np = numpy_module()
        ids = list(reader.column_reader(ID))
        order = sorted(range(len(ids)), key=ids.__getitem__)
        found = np.empty(len(ids), dtype=np.int64)
        found[order] = np.arange(len(ids), dtype=np.int64)
        tables.derived["id_rank"] = found
    return found


def settle(
    items: Sequence[Item], key: Callable[[int], Any], start: int = 0, stop: int | None = None
) -> list[Item]:
    """`items[start:stop]` with each run of equal first values (a score, a date) ordered by the
    key of the document number each item holds second, instead of by document number.

    `items` are in ranking order (equal first values next to each other), and must hold every item
    tied with `items[stop - 1]`: the ties past the page decide which of them make it. Only the
    runs at the page's edges and within it are looked at."""
    stop = len(items) if stop is None else min(stop, len(items))
    if start >= stop:
        return []
    low = start
    while low > 0 and items[low - 1][0] == items[start][0]:
        low -= 1
    high = stop
    while high < len(items) and items[high][0] == items[stop - 1][0]:
        high += 1
    window = list(items[low:high])
    settled: list[Item] = []
    at = 0
    while at < len(window):
        end = at + 1
        while end < len(window) and window[end][0] == window[at][0]:
            end += 1
        if end - at > 1:
            settled.extend(sorted(window[at:end], key=lambda item: key(item[1])))
        else:
            settled.append(window[at])
        at = end
    return settled[start - low : stop - low]


def top_with_ties(items: Sequence[Item], n: int, rank_key: Callable[[Item], Any]) -> list[Item]:
    """The best `n` of `items` by `rank_key`, and every other item tied with the `n`th (by first
    value), in ranking order: what `settle` needs to cut a page at `n`."""
    best = heapq.nsmallest(n, items, key=rank_key)
    if len(best) < n:
        return best
    edge = best[-1][0]
    if sum(1 for item in items if item[0] == edge) == sum(1 for item in best if item[0] == edge):
        return best
    tied = sorted((item for item in items if item[0] == edge), key=rank_key)
    return [item for item in best if item[0] != edge] + tied
