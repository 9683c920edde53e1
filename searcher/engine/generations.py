"""An index read at one generation of its table of contents, not its newest.

A sharded index commits all its shards as one: each shard's writer writes its new table of contents
beside the old one and removes nothing (`BulkWriter(keep_superseded=True)`), then the manifest that
names every shard's generation is replaced (the one commit point), and only then are the files that
no named generation uses removed (`leftovers.remove_leftovers` at the manifest's generation).
Readers open each shard at the generation the manifest names (`PinnedIndex`), so a newer table of
contents a writer has written but not yet named is never read.
"""

from __future__ import annotations

from whoosh.index import TOC, FileIndex

from .leftovers import INDEX_NAME


class PinnedIndex(FileIndex):
    """A Whoosh index at `generation`: its readers, searchers, counts and schema, and the starting
    point of a writer made on it (which writes `generation + 1`), are that generation's."""

    def __init__(self, storage, generation: int) -> None:
        self.storage = storage
        self._schema = None
        self.indexname = INDEX_NAME
        self.generation = generation
        self._read_toc()  # a generation that is gone fails here, not at the first search

    def pin(self, generation: int) -> None:
        """Read `generation` from now on (readers already open keep theirs)."""
        self.generation = generation

    def latest_generation(self) -> int:
        """The pinned generation: a searcher over it is up to date until the pin moves."""
        return self.generation

    def _read_toc(self, generation: int | None = None):
        return TOC.read(self.storage, self.indexname, self.generation if generation is None else generation)

    def reader(self, reuse=None, generation: int | None = None):
        """The pinned generation's reader (or `generation`'s: a reader of several shards names
        each one's, as the one manifest it read does, whatever another thread pins meanwhile),
        without Whoosh's retries: a generation whose files are gone does not come back, the
        caller reads the manifest again instead."""
        info = self._read_toc(generation)
        return self._reader(self.storage, info.schema, info.segments, info.generation, reuse=reuse)
