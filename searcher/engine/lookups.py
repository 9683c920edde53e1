"""Many keys looked up in a cache at once: the hits found in C, only the misses made in Python.

Analysing a text's words and ranking them for its sketch both meet mostly words seen before; a
`map` over the cache finds those, and `list.index` jumps from one miss to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def cached_values(cache: dict[K, V], keys: list[K], make: Callable[[K], V]) -> list[V]:
    """`cache[key]` for every key, in order; a key not in the cache is made once (`make`, a value
    that is never None) and kept there."""
    found: list[V | None] = list(map(cache.get, keys))
    at = -1
    while True:
        try:
            at = found.index(None, at + 1)  # a key not met before (found in C)
        except ValueError:
            return found  # type: ignore[return-value]
        key = keys[at]
        value = cache.get(key)  # or met earlier in these keys
        if value is None:
            value = cache[key] = make(key)
        found[at] = value
