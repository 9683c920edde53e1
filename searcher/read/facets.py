"""Counting a whole result set by year, month, source, byline or speaker, from columns.

Columns hold one small value per document, so counting 20,000 matches reads no stored bodies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

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


def count(
    reader, docnums: Sequence[int], names: Sequence[str], top: int = 20
) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet: years and months in time order (undated last), the others commonest first."""
    out: dict[str, list[tuple[str, int]]] = {}
    if not docnums:
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


def _periods(reader, docnums: Sequence[int]) -> list[str]:
    """Each document's day as YYYY-MM-DD, or UNDATED."""
    column = reader.column_reader(DATE, translate=False)
    days = []
    for docnum in docnums:
        when = column_datetime(column[docnum])
        # Not strftime: its %Y writes year 999 as "999", which sorts after "2001" and is no year.
        days.append(f"{when.year:04d}-{when.month:02d}-{when.day:02d}" if when else UNDATED)
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
