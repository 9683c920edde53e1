"""A sharded index: one folder holding N ordinary indexes, searched and updated as one.

The folder holds a manifest (``shards.json``: format, shard count, routing rule) and the shards,
``shard-000`` … Each article lives in shard ``crc32(id) % N``, so an article always lands in the
same shard. On this machine the shards' segments are read as the segments of one index (one
Whoosh reader over all of them): every statistic BM25 counts is the whole collection's, so hits,
scores, totals, facets, copies and suggestions are those of one index over the same articles, and
equal scores rank by shard, then document. Updates parse each file once and route its articles to
their shards' writers (`ShardWriters`); near-duplicates are grouped across every shard.

Each shard commits on its own. While they do, the manifest says an update is in progress; an update
that finds it so was interrupted between two shards' commits, and asks for a rebuild rather than
guess which shards hold which version of a file.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from .engine.routing import shard_of
from .errors import IndexNotFoundError, SearcherError
from .index import SHARD_MANIFEST, Index, _holds_index, _os_reason, is_sharded
from .reports import Skip, UpdateReport

MANIFEST = SHARD_MANIFEST
FORMAT = 1
ROUTING = "crc32(id) % shards"
MAX_SHARDS = 1024
RETRIES = 3  # a cluster task that fails is tried again (one lost with its worker is rerun anyway)


def shard_folder(folder: Path, n: int) -> Path:
    return folder / f"shard-{n:03d}"


def open_shard(folder: Path, n: int, manifest: dict[str, Any], *, preload: bool = True) -> Index:
    """Shard `n` of the sharded index at `folder` (whose manifest is `manifest`), opened for reading
    on its own: by `ShardedIndex.open`, and by a worker that searches only its own shards."""
    return Index._open_one(shard_folder(folder, n), preload=preload)


class ShardedIndex(Index):
    """An `Index` over the shards of one collection; everything `Index` offers works on it."""

    def __init__(self, path: str | os.PathLike[str], shards: list[Index]) -> None:
        self.shards = shards
        self._rebuilding = False  # an update with `rebuild`: it may repair an interrupted one
        super().__init__(path, _Collection(shards))

    @classmethod
    def create(cls, path: str | os.PathLike[str], shards: int = 2) -> ShardedIndex:  # type: ignore[override]
        """An empty sharded index of `shards` shards at `path` (refusing an existing index). The
        shards are made first and the manifest last: a folder without it is no index yet."""
        folder = Path(path)
        if not 1 <= shards <= MAX_SHARDS:
            raise SearcherError(f"a sharded index has 1 to {MAX_SHARDS} shards, not {shards}")
        if is_sharded(folder) or _holds_index(folder):
            raise SearcherError(f"an index already exists at {folder}")
        made = [Index.open_or_create(shard_folder(folder, n)) for n in range(shards)]
        try:
            _write_manifest(folder, {"format": FORMAT, "shards": shards, "routing": ROUTING})
        except OSError as error:
            for shard in made:
                shard.close()
            raise SearcherError(f"cannot create an index at {folder}: {_os_reason(error)}") from None
        return cls(folder, made)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, preload: bool = True) -> ShardedIndex:
        folder = Path(path)
        manifest = read_manifest(folder)
        count = manifest["shards"]
        opened: list[Index] = []
        try:
            for n in range(count):
                opened.append(open_shard(folder, n, manifest, preload=preload))
        except SearcherError:
            for shard in opened:
                shard.close()
            raise
        return cls(folder, opened)

    def __repr__(self) -> str:
        return f"ShardedIndex({str(self.path)!r}, shards={len(self.shards)}, articles={len(self)})"

    def close(self) -> None:
        super().close()  # the searcher, then `_Collection.close`: every shard

    # -- reading: one Whoosh reader over every shard's segments ------------------------------------

    def _stale(self) -> bool:
        """Whether a shard has committed since the searcher's readers were opened."""
        return self._ix.generations() != self._ix.opened

    def _size_on_disk(self) -> int:
        return sum(shard._size_on_disk() for shard in self.shards)

    # -- writing: every shard's writer, articles routed by id -------------------------------------

    def update(self, paths, *, rebuild: bool = False, **kwargs):  # type: ignore[override]
        """`Index.update`, every file parsed once and each article written to its shard. A
        rebuild also repairs an update interrupted between two shards' commits."""
        self._rebuilding = rebuild
        try:
            return super().update(paths, rebuild=rebuild, **kwargs)
        finally:
            self._rebuilding = False

    @contextmanager
    def _writing(self, wait: float) -> Iterator[ShardWriters]:
        manifest = read_manifest(self.path)
        if manifest.get("pending") and not self._rebuilding:
            raise SearcherError(
                f"an update of the sharded index at {self.path} was interrupted between two shards' "
                "commits; run `searcher index --rebuild` on it"
            )
        with ExitStack() as stack:
            writers = [stack.enter_context(shard._writing(wait)) for shard in self.shards]
            self._writing_now = True
            try:
                yield ShardWriters(writers, self.path, manifest)
            finally:
                self._writing_now = False
        for shard in self.shards:
            shard._refresh()


class _Collection:
    """The shards' Whoosh indexes seen as one: what `Index` reads of its Whoosh index."""

    def __init__(self, shards: list[Index]) -> None:
        self.shards = shards
        self.schema = shards[0]._ix.schema
        self.opened: tuple[int, ...] | None = None  # the shards' generations the searcher reads

    def doc_count(self) -> int:
        return sum(shard._ix.doc_count() for shard in self.shards)

    def generations(self) -> tuple[int, ...]:
        return tuple(shard._ix.latest_generation() for shard in self.shards)

    def searcher(self, weighting):
        """One searcher over every segment of every shard, in shard order."""
        from whoosh.reading import MultiReader
        from whoosh.searching import Searcher

        self.opened = self.generations()  # before the readers: a commit meanwhile is seen next time
        readers = [shard._ix.reader() for shard in self.shards]
        # The segments themselves, in shard order (a shard's own multi-reader only lists them;
        # closing the one made here closes them all).
        leaves = [leaf for reader in readers for leaf, _ in reader.leaf_readers() if leaf.doc_count_all()]
        if not leaves:
            return Searcher(readers[0], weighting=weighting)
        return Searcher(leaves[0] if len(leaves) == 1 else MultiReader(leaves), weighting=weighting)

    def close(self) -> None:
        for shard in self.shards:
            shard.close()


class ShardWriters:
    """Every shard's writer behind the interface `Index.update` and `Index.add` write through:
    deletions go to every shard, each added article to its own."""

    def __init__(self, writers: list, folder: Path, manifest: dict[str, Any]) -> None:
        self.writers = writers
        self.folder = folder
        self.manifest = manifest

    @property
    def is_closed(self) -> bool:
        return all(writer.is_closed for writer in self.writers)

    def must_repair(self) -> bool:
        return any(writer.must_repair() for writer in self.writers)

    def delete_by_term(self, fieldname: str, text: str) -> None:
        for writer in self.writers:
            writer.delete_by_term(fieldname, text)

    def add_batch(self, batch, groups: list[str | None]) -> int:
        count = len(self.writers)
        homes = [shard_of(article_id, count) for article_id in batch.ids]
        added = 0
        for n, writer in enumerate(self.writers):
            mine = [group if home == n else None for group, home in zip(groups, homes, strict=True)]
            if any(group is not None for group in mine):
                added += writer.add_batch(batch, mine)
        return added

    def end_segment_before(self, *args, **kwargs) -> None:
        for writer in self.writers:
            writer.end_segment_before(*args, **kwargs)

    def commit(self, **kwargs) -> None:
        """Every shard's commit, the manifest marked as updating until the last is done."""
        _write_manifest(self.folder, {**self.manifest, "pending": True})
        for writer in self.writers:
            writer.commit(**kwargs)
        _write_manifest(self.folder, {k: v for k, v in self.manifest.items() if k != "pending"})

    def cancel(self) -> None:
        for writer in self.writers:
            if not writer.is_closed:
                writer.cancel()


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, checked; `IndexNotFoundError` or a one-line `SearcherError` when it is not one."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexNotFoundError(str(folder)) from None
    except (OSError, ValueError) as error:
        raise SearcherError(f"cannot read the shard manifest of {folder}: {error}") from None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or manifest.get("routing") != ROUTING
        or not isinstance(manifest.get("shards"), int)
        or not 1 <= manifest["shards"] <= MAX_SHARDS
    ):
        raise SearcherError(f"{folder / MANIFEST} is not a shard manifest this version reads")
    return manifest


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Written beside, then renamed: whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{MANIFEST}.{os.getpid()}"
    partial.write_text(json.dumps(manifest) + "\n", encoding="utf-8")
    os.replace(partial, folder / MANIFEST)


def replace_with_shards(folder: Path, shards: int) -> ShardedIndex:
    """An empty index of `shards` shards in place of the index at `folder` (single or sharded),
    for a rebuild that parses every article again anyway. The old index's tables of contents go
    first, so that no old state is left to open, then its files."""
    from .engine.leftovers import INDEX_NAME

    try:
        (folder / MANIFEST).unlink(missing_ok=True)
        for toc in folder.glob(f"_{INDEX_NAME}_*.toc"):
            toc.unlink()
        for old in folder.glob(f"{INDEX_NAME}_*"):
            old.unlink()
        for old in folder.glob("shard-[0-9][0-9][0-9]"):
            shutil.rmtree(old)
        (folder / "searcher.json").unlink(missing_ok=True)
    except OSError as error:
        raise SearcherError(f"cannot replace the index at {folder}: {_os_reason(error)}") from None
    return ShardedIndex.create(folder, shards)


def build_on(client, folder: str | os.PathLike[str], paths, shards: int) -> UpdateReport:
    """A sharded index of `shards` shards at `folder` (none there yet, or an empty one), built on a
    Dask cluster (`client`): files parsed in chunks as tasks, each shard written by one task into a
    folder of its own, moved into place only once every shard is complete. The coordinator (here)
    reads only the articles' ids and sketches to decide which are written and their story groups,
    in file order as one writer would, so the index is the one a local build makes; a task lost with
    its worker is run again, from a clean folder."""
    import time
    import uuid

    from .index import _duplicate, _resolve_roots, _walk
    from .write.grouping import StoryGrouper
    from .write.ingest import CHUNK_FILES, Task, _chunks, split_task
    from .write.shardbuild import outline, parse_for_shards, shard_part

    started = time.perf_counter()
    target = Path(folder)
    if _holds_index(target):
        raise SearcherError(f"an index already exists at {target}; rebuild it with --rebuild")
    if is_sharded(target):
        with Index.open(target) as existing:
            if len(existing):
                raise SearcherError(f"an index already exists at {target}; rebuild it with --rebuild")
    report = UpdateReport()
    unreadable: list[Skip] = []
    current = _walk(_resolve_roots(paths), unreadable)
    report.skipped.extend(unreadable)
    report.files_seen = len(current)
    tasks = [part for file, root in current.items() for part in split_task(Task(file, root, ""))]
    chunks = list(_chunks(tasks, CHUNK_FILES))
    parsed = [client.submit(parse_for_shards, chunk, shards, pure=False, retries=RETRIES) for chunk in chunks]
    outlines = client.gather([client.submit(outline, future, pure=False) for future in parsed])
    groups = _decide(outlines, shards, report, _duplicate, StoryGrouper(None))
    for stale in target.glob(".building-*"):  # a build whose coordinator was killed
        shutil.rmtree(stale, ignore_errors=True)
    building = target / f".building-{uuid.uuid4().hex[:12]}"
    try:
        built = [
            client.submit(
                build_shard,
                str(building / f"shard-{n:03d}"),
                [client.submit(shard_part, future, n, pure=False) for future in parsed],
                groups[n],
                pure=False,
                retries=RETRIES,
            )
            for n in range(shards)
        ]
        report.total = sum(client.gather(built))
        for old in target.glob("shard-[0-9][0-9][0-9]"):  # an empty index's, of any count
            shutil.rmtree(old)
        for n in range(shards):
            os.replace(building / f"shard-{n:03d}", shard_folder(target, n))
        _write_manifest(target, {"format": FORMAT, "shards": shards, "routing": ROUTING})
    finally:
        shutil.rmtree(building, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _decide(
    outlines, shards: int, report: UpdateReport, duplicate, grouper
) -> list[list[list[list[str | None]]]]:
    """For each shard, chunk and file, the story group of each of its articles (None: not written),
    decided in file order; the report counts what is written and skipped."""
    groups: list[list[list[list[str | None]]]] = [[] for _ in range(shards)]
    used_ids: dict[str, str] = {}
    for chunk in outlines:
        for n in range(shards):
            groups[n].append([])
        for part in chunk.files:
            report.files_parsed += part.task.first
            counts = [0] * shards
            for _id, home, _place, _sketch in part.articles:
                counts[home] += 1
            mine = [[None] * counts[n] for n in range(shards)]
            for n in range(shards):
                groups[n][-1].append(mine[n])
            if part.error is not None:
                report.skipped.append(Skip(part.task.file, part.error))
                continue
            report.skipped.extend(Skip(part.task.file, problem) for problem in part.problems)
            for article_id, home, place, sketch in part.articles:
                reason = duplicate(article_id, part.task.file, used_ids, lambda _id: None, set())
                if reason is not None:
                    report.skipped.append(Skip(part.task.file, reason))
                    continue
                used_ids[article_id] = part.task.file
                mine[home][place] = grouper.group(article_id, sketch)
                report.added += 1
    return groups


def build_shard(folder: str, parts: list[list[Any]], groups: list[list[list[str | None]]]) -> int:
    """Write a whole shard into `folder` (made anew: a retried task starts clean) from its parts,
    chunk by chunk and file by file, each article with its story group (None: not written).
    Returns how many articles it holds."""
    target = Path(folder)
    shutil.rmtree(target, ignore_errors=True)
    written = 0
    with Index.create(target) as index, index._writing(0) as writer:
        for batches, chunk_groups in zip(parts, groups, strict=True):
            for batch, file_groups in zip(batches, chunk_groups, strict=True):
                if batch is not None and any(group is not None for group in file_groups):
                    written += writer.add_batch(batch, file_groups)
        writer.commit()
    return written
