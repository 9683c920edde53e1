"""What this package needs of Whoosh, checked where an index is opened.

- The Whoosh version. The writer (`bulkwriter`) and the word lists (`spelling`) read and write
  Whoosh 3 segments below its public interface, so only the version they were built against is
  accepted: another gives a one-line `SearcherError`, not undefined behaviour.
- Who wrote each segment. A segment this package wrote carries `MARK` (an attribute of the
  segment object, pickled in the table of contents, which plain Whoosh ignores). Its spelling word
  lists are term entries without postings, which Whoosh's own writer drops when it merges the
  segment, so a segment without the mark (written or merged by another Whoosh program) may lack
  the words of its articles: reading is refused until `Index.update` (`searcher index`) has merged
  it again, taking its words from the articles' stored text.
"""

from __future__ import annotations

import whoosh

from ..errors import IndexCorruptError, SearcherError

# The Whoosh (package `whoosh-reloaded`) release this package is built and tested against.
SUPPORTED_WHOOSH = (2, 7, 5)
MARK = "searcher_words"
REPAIR = (
    "another Whoosh program wrote to it, so the word lists for fuzzy words and 'did you mean' may "
    "be incomplete; run `searcher index` on it (or `Index.update`) to repair it"
)


def check_whoosh_version(version: tuple = whoosh.__version__) -> None:
    """Refuse a Whoosh release other than the one this package reads and writes segments of."""
    if tuple(version[:3]) != SUPPORTED_WHOOSH:
        found = ".".join(map(str, version))
        wanted = ".".join(map(str, SUPPORTED_WHOOSH))
        raise SearcherError(
            f"Whoosh {found} is installed but searcher needs whoosh-reloaded {wanted}: "
            f"run `pip install whoosh-reloaded=={wanted}`"
        )


def mark(segment) -> None:
    """Mark a segment as written by this package, its spelling word lists complete."""
    setattr(segment, MARK, True)


def is_marked(segment) -> bool:
    return getattr(segment, MARK, False) is True


def foreign_segments(reader) -> list:
    """The segments of an open reader that this package did not write."""
    readers = getattr(reader, "readers", None) or [reader]
    segments = [r.segment() for r in readers]  # None: an empty index's reader
    return [s for s in segments if s is not None and not is_marked(s)]


def check_segments(reader, path: str) -> None:
    """Refuse to read an index holding a segment another Whoosh writer wrote or merged."""
    if foreign_segments(reader):
        raise IndexCorruptError(path, REPAIR)
