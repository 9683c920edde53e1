"""The time one search may take: past it, the search stops with `QueryTimeoutError`.

The caps on a query's size (`query.MAX_QUERY_CHARS`, `query.MAX_CLAUSES`, `spelling.MAX_WORD_CHARS`)
keep every query shape cheap; the deadline is the backstop for what they miss. A search sets it
(`deadline`) and the loops that expand wildcards and fuzzy words, evaluate the query and read quotes
`check` it now and then, so a normal search pays a clock read every few thousand steps.

Set `TIME_BUDGET` to give every later search more or less time (``searcher.budget.TIME_BUDGET = 10``).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from ..errors import QueryTimeoutError

TIME_BUDGET = 5.0  # seconds per search
# Loops over many small steps check the clock once every this many steps.
CHECK_EVERY = 4096

_T = TypeVar("_T")
_P = ParamSpec("_P")
# (monotonic time the search must end by, the query, its budget) while a search runs.
_current: ContextVar[tuple[float, str, float] | None] = ContextVar("searcher_deadline", default=None)


@contextmanager
def deadline(query: str, seconds: float | None = None) -> Iterator[None]:
    """Within this block `check` raises once `seconds` (default `TIME_BUDGET`) have passed. A block
    inside another keeps the outer deadline: a search that runs searches shares one budget."""
    if _current.get() is not None:
        yield
        return
    budget = TIME_BUDGET if seconds is None else seconds
    token = _current.set((time.monotonic() + budget, query, budget))
    try:
        yield
    finally:
        _current.reset(token)


def searching(function: Callable[_P, _T]) -> Callable[_P, _T]:
    """`function(searcher, builder, text, …, speaker=…)` run under a deadline for the query `text`
    (or the speaker searched for)."""

    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        query = args[2] if len(args) > 2 else kwargs.get("text")
        with deadline(str(query or kwargs.get("speaker") or "")):
            return function(*args, **kwargs)

    return run


def check() -> None:
    """Raise `QueryTimeoutError` when the running search is past its deadline (no search: never)."""
    current = _current.get()
    if current is not None and time.monotonic() > current[0]:
        raise QueryTimeoutError(current[1], current[2])


def checked(items: Iterable[_T], every: int = CHECK_EVERY) -> Iterator[_T]:
    """`items`, with the deadline checked every `every` of them."""
    for n, item in enumerate(items):
        if n % every == 0:
            check()
        yield item


def past() -> bool:
    """Whether the running search is past its deadline (for work that may be skipped instead)."""
    current = _current.get()
    return current is not None and time.monotonic() > current[0]
