"""Pausing Python's cycle collector around work that builds large structures free of cycles.

A collection that falls due walks every container still alive. Evaluating a query, or filling
the index writer's in-memory postings, makes hundreds of thousands of tuples, lists and dicts
that no reference cycle holds; walking them again and again finds nothing to free. The pause
ends with the work, so whatever cyclic garbage it made is collected then.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (as it was before, after it)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
