"""Counting a whole result set by year, month, source, byline or speaker, from columns.

Columns hold one small value per document, so counting 20,000 matches reads no stored bodies.
Two ways, with the same answers: reading each match's value through Whoosh's column readers
(`count_columns`, pure Python), or, once a reader's columns are held as numpy arrays
(`engine.columntables`), counting codes with `numpy.bincount` (`count_tables`: a few milliseconds
even for 100,000 matches). `tables_for` decides which: tables already built are always used; they
are built for a result set large enough that building them costs less than counting without.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

from ..engine import columntables
from ..engine.schema import BYLINE_NAMES, DATE, SOURCE_NAME, SPEAKER_NAMES, column_datetime, split_names

Facet = Literal["year", "month", "source", "byline", "speaker"]
FACETS: tuple[str, ...] = ("year", "month", "source", "byline", "speaker")
UNDATED = "undated"
_COLUMNS = {"source": SOURCE_NAME, "byline": BYLINE_NAMES, "speaker": SPEAKER_NAMES}


def check_facets(names: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in FACETS]
    if unknown:
        raise ValueError(f"unknown facet {unknown[0]!r}; facets are {', '.join(FACETS)}")
    return wanted


# Building a reader's tables costs about 5 µs per document of the index (0.5-0.57 s for 105,359
# articles); without them, counting one facet costs 2.5-10 µs per match and collapsing 4-13 µs
# (measured on that index: "said", "oil", "bank rates"). Tables are built for a search when its
# matches times its facets (collapse counting as two) reach this many times the index's documents:
# then building them costs about what the search would have cost without, and later searches gain.
BUILD_FROM = 1.5


def tables_for(reader, matches: int, facets: int, collapse: bool = False) -> columntables.Tables | None:
    """The reader's column tables when built, or built now when this search pays for them; else
    None (and always without numpy)."""
    found = columntables.built(reader)
    if found is not None:
        return found
    work = matches * (facets + (2 if collapse else 0))
    if work and work >= BUILD_FROM * reader.doc_count_all():
        return columntables.tables(reader)
    return None


def count(
    reader,
    docnums: Sequence[int],
    names: Sequence[str],
    top: int = 20,
    tables: columntables.Tables | None = None,
) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet: years and months in time order (undated last), the others commonest first.
    From `tables` when given (`count_tables`), else from the columns (`count_columns`)."""
    if tables is not None:
        return count_tables(tables, docnums, names, top)
    return count_columns(reader, docnums, names, top)


def count_columns(
    reader, docnums: Sequence[int], names: Sequence[str], top: int = 20
) -> dict[str, list[tuple[str, int]]]:
    """`count`, reading each document's values through Whoosh's column readers."""
    out: dict[str, list[tuple[str, int]]] = {}
    if not len(docnums):
        return {name: [] for name in names}
    dates = None
    for name in names:
        if name in ("year", "month"):
            if dates is None:
                dates = _periods(reader, docnums)
            counts = Counter(day[:4] if name == "year" and day != UNDATED else day[:7] for day in dates)
            undated = counts.pop(UNDATED, 0)
            out[name] = sorted(counts.items()) + ([(UNDATED, undated)] if undated else [])
        else:
            column = reader.column_reader(_COLUMNS[name])
            counts = Counter()
            for docnum in docnums:
                counts.update(set(split_names(column[docnum])))
            counts.pop("", None)
            out[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return out


def count_tables(
    tables: columntables.Tables, docnums, names: Sequence[str], top: int = 20
) -> dict[str, list[tuple[str, int]]]:
    """`count` from a reader's column tables (`docnums` a sequence or a numpy array)."""
    if not len(docnums):
        return {name: [] for name in names}
    np = columntables.numpy_module()
    docs = np.asarray(docnums, dtype=np.int64)
    out: dict[str, list[tuple[str, int]]] = {}
    day_counts = None
    for name in names:
        if name in ("year", "month"):
            if day_counts is None:
                day_counts = np.bincount(tables.days.codes[docs], minlength=len(tables.days.values))
            labels, of_day = _period_table(tables, name)
            counts = np.bincount(of_day, weights=day_counts, minlength=len(labels)).astype(np.int64).tolist()
            found = {label: n for label, n in zip(labels, counts, strict=True) if n}
            undated = found.pop(UNDATED, 0)
            out[name] = sorted(found.items()) + ([(UNDATED, undated)] if undated else [])
        else:
            column = tables.text[name]
            values, entry_value, entry_name = _name_table(tables, name)
            per_value = np.bincount(column.codes[docs], minlength=len(column.values))
            counts = np.bincount(entry_name, weights=per_value[entry_value], minlength=len(values))
            counts = counts.astype(np.int64)
            held = np.flatnonzero(counts)
            if 0 < top < len(held):  # only the names that can make the top: ties at the last kept
                least = np.partition(counts[held], len(held) - top)[len(held) - top]
                held = held[counts[held] >= least]
            pairs = [(values[i], n) for i, n in zip(held.tolist(), counts[held].tolist(), strict=True)]
            out[name] = sorted(pairs, key=lambda kv: (-kv[1], kv[0]))[:top]
    return out


def merge_counts(
    parts: Sequence[dict[str, list[tuple[str, int]]]], names: Sequence[str], top: int = 20
) -> dict[str, list[tuple[str, int]]]:
    """Counts from several parts of a collection (each whole, not cut to its top), added up and
    ordered as `count` orders them."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name in names:
        counts: Counter[str] = Counter()
        for part in parts:
            counts.update(dict(part.get(name, ())))
        if name in ("year", "month"):
            undated = counts.pop(UNDATED, 0)
            out[name] = sorted(counts.items()) + ([(UNDATED, undated)] if undated else [])
        else:
            out[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return out


def _period_table(tables: columntables.Tables, by: str) -> tuple[list[str], object]:
    """The year (or month) labels, and for each distinct day of the tables its label's number."""
    key = ("period", by)
    found = tables.derived.get(key)
    if found is None:
        np = columntables.numpy_module()
        width = 4 if by == "year" else 7
        index: dict[str, int] = {}
        of_day = [
            index.setdefault(UNDATED if day is None else _day_text(day)[:width], len(index))
            for day in tables.days.values
        ]
        found = tables.derived[key] = (list(index), np.array(of_day, dtype=np.int64))
    return found


def _name_table(tables: columntables.Tables, facet: str) -> tuple[list[str], object, object]:
    """The distinct names of a column's values, and each (value, name) pair as two arrays: value
    numbers and name numbers (a value names each of its names once, as `set(split_names(...))`)."""
    key = ("names", facet)
    found = tables.derived.get(key)
    if found is None:
        np = columntables.numpy_module()
        index: dict[str, int] = {}
        entry_value: list[int] = []
        entry_name: list[int] = []
        for number, value in enumerate(tables.text[facet].values):
            for name in set(split_names(value)):
                if name:
                    entry_value.append(number)
                    entry_name.append(index.setdefault(name, len(index)))
        found = tables.derived[key] = (
            list(index),
            np.array(entry_value, dtype=np.int64),
            np.array(entry_name, dtype=np.int64),
        )
    return found


def _day_text(when) -> str:
    # Not strftime: its %Y writes year 999 as "999", which sorts after "2001" and is no year.
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d}"


def _periods(reader, docnums: Sequence[int]) -> list[str]:
    """Each document's day as YYYY-MM-DD, or UNDATED."""
    column = reader.column_reader(DATE, translate=False)
    days = []
    for docnum in docnums:
        when = column_datetime(column[docnum])
        days.append(_day_text(when) if when else UNDATED)
    return days


def fill_periods(counts: list[tuple[str, int]], by: str) -> list[tuple[str, int]]:
    """Year or month buckets from the first to the last, with the empty ones as zeros."""
    dated = [(period, n) for period, n in counts if period != UNDATED]
    if not dated:
        return []
    have = dict(dated)
    first, last = dated[0][0], dated[-1][0]
    if by == "year":
        return [(f"{y:04d}", have.get(f"{y:04d}", 0)) for y in range(int(first), int(last) + 1)]
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append((key, have.get(key, 0)))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out
