"""The dates people type in queries: ``date:2017``, ``date:2017-11``, ``date:2017-11-09``,
``date:[2017-01 TO 2017-06]``, ``date:>2017-06-01``, ``date:<=2017``, ``date:"last week"``, and the
``since``/``until`` filters. Each becomes a Whoosh date range, by day."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from whoosh import query as wq

from ..engine.schema import DATE

DATE_FORMS = '2017, 2017-11, 2017-11-09, [2017-01 TO 2017-06], >2017-06-01 or "last week"'
_PERIOD = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


def date_clause(value: str, now: dt.datetime) -> wq.Query:
    """A Whoosh date range for the text after ``date:``."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        parts = re.split(r"\s*\bto\b\s*", value[1:-1].strip(), maxsplit=1, flags=re.I)
        if len(parts) != 2:
            raise ValueError(f"a range needs TO between its ends, as in {DATE_FORMS}")
        return _range(parts[0], parts[1], now)
    if value[:1] in "\"'":
        value = value[1:-1]
    m = re.match(r"^([<>]=?)(.+)$", value)
    if m:
        op, rest = m.groups()
        start, end = period(rest, now)
        if op == ">":
            return wq.DateRange(DATE, end + dt.timedelta(microseconds=1), None)
        if op == ">=":
            return wq.DateRange(DATE, start, None)
        if op == "<":
            return wq.DateRange(DATE, None, start - dt.timedelta(microseconds=1))
        return wq.DateRange(DATE, None, end)
    start, end = period(value, now)
    return wq.DateRange(DATE, start, end)


def _range(low: str, high: str, now: dt.datetime) -> wq.Query:
    low, high = low.strip(), high.strip()
    if not low and not high:
        raise ValueError(f"an empty range; write it like {DATE_FORMS}")
    start = period(low, now)[0] if low else None
    end = period(high, now)[1] if high else None
    if start and end and start > end:
        raise ValueError("the range ends before it starts")
    return wq.DateRange(DATE, start, end)


def period(text: str, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The first and last moment of a year, month, day or relative period (``last week``)."""
    text = text.strip().lower()
    m = _PERIOD.match(text)
    if m:
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            if month is None:
                return dt.datetime(year, 1, 1), _end_of(dt.datetime(year, 12, 31))
            if day is None:
                last = calendar.monthrange(year, month)[1]
                return dt.datetime(year, month, 1), _end_of(dt.datetime(year, month, last))
            first = dt.datetime(year, month, day)
            return first, _end_of(first)
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
    relative = _relative_period(text, now)
    if relative:
        return relative
    try:
        moment = dt.datetime.fromisoformat(text.upper())
    except ValueError:
        raise ValueError(f"{text!r} is not a date; use forms like {DATE_FORMS}") from None
    moment = moment.replace(tzinfo=None)
    return moment, moment


def _relative_period(text: str, now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    today = dt.datetime(now.year, now.month, now.day)
    if text == "today":
        return today, _end_of(today)
    if text == "yesterday":
        day = today - dt.timedelta(days=1)
        return day, _end_of(day)
    m = re.match(r"^(this|last|past)\s+(\d+\s+)?(day|week|month|year)s?$", text)
    if not m:
        return None
    which, count, unit = m.group(1), int(m.group(2) or 1), m.group(3)
    if which == "past" or m.group(2):
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * count
        return today - dt.timedelta(days=days - 1), _end_of(today)
    if unit == "day":
        start = today if which == "this" else today - dt.timedelta(days=1)
        return start, _end_of(start)
    if unit == "week":
        start = today - dt.timedelta(days=today.weekday())
        if which == "last":
            start -= dt.timedelta(days=7)
        return start, _end_of(start + dt.timedelta(days=6))
    if unit == "month":
        first = today.replace(day=1)
        if which == "last":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        last = calendar.monthrange(first.year, first.month)[1]
        return first, _end_of(first.replace(day=last))
    year = today.year if which == "this" else today.year - 1
    return dt.datetime(year, 1, 1), _end_of(dt.datetime(year, 12, 31))


def _end_of(day: dt.datetime) -> dt.datetime:
    return day.replace(hour=23, minute=59, second=59, microsecond=999999)
