"""A sharded index: one folder holding N ordinary indexes, searched and updated as one.

The folder holds a manifest (``shards.json``: format, shard count, routing rule, and the generation
of each shard's table of contents that makes up the index) and the shards, ``shard-000`` … Each
article lives in shard ``crc32(id) % N``, so an article always lands in the same shard. On this
machine the shards' segments are read as the segments of one index (one Whoosh reader over all of
them): every statistic BM25 counts is the whole collection's, so hits, scores, totals, facets,
copies and suggestions are those of one index over the same articles, and equal scores rank by
shard, then document. Updates parse each file once and route its articles to their shards' writers
(`ShardWriters`); near-duplicates are grouped across every shard.

The whole index commits at once, as one index does. A writer holds every shard's write lock; each
shard's writer writes its new generation beside the one the manifest names and removes nothing;
then the manifest naming the new generations replaces the old one in one rename, the commit point;
then the files only the old generations used are removed. Readers open each shard at the generation
the manifest names (`open_shard`), so a kill at any moment leaves the old state in every shard or
the new state in every shard, and what a killed writer left is removed by the next one
(`remove_leftovers`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .engine import leftovers as index_leftovers
from .engine.routing import shard_of
from .errors import IndexCorruptError, IndexLockedError, IndexNotFoundError, SearcherError
from .index import SHARD_MANIFEST, Index, _holds_index, _os_reason, is_sharded
from .reports import Skip, UpdateReport

MANIFEST = SHARD_MANIFEST
FORMAT = 2  # 2: the manifest names each shard's generation (1, read as well: each shard's newest)
ROUTING = "crc32(id) % shards"
MAX_SHARDS = 1024
RETRIES = 3  # a cluster task that fails is tried again (one lost with its worker is rerun anyway)
REOPENS = 20  # a reader that finds a generation gone reads the newer manifest again, this often
_LOCK_RETRY = 0.2
_SHARD = re.compile(r"^shard-([0-9]{3,})$")
_MANIFEST_PARTIAL = re.compile(rf"^\.{re.escape(MANIFEST)}\.[0-9]+$")  # written, not yet renamed
T = TypeVar("T")


def shard_folder(folder: Path, n: int) -> Path:
    return folder / f"shard-{n:03d}"


def open_shard(folder: Path, n: int, manifest: dict[str, Any], *, preload: bool = True) -> Index:
    """Shard `n` of the sharded index at `folder` (whose manifest is `manifest`), opened for reading
    on its own at the generation the manifest names: by `ShardedIndex.open`, and by a worker that
    searches only its own shards. Once a newer manifest has replaced `manifest` and its writer has
    cleared the older generations, this raises `IndexCorruptError`: read the manifest again."""
    return Index._open_one(shard_folder(folder, n), preload=preload, generation=manifest["generations"][n])


class ShardedIndex(Index):
    """An `Index` over the shards of one collection; everything `Index` offers works on it."""

    def __init__(self, path: str | os.PathLike[str], shards: list[Index]) -> None:
        self.shards = shards
        self._rebuilding = False  # an update with `rebuild`: it may repair a format-1 interrupted one
        super().__init__(path, _Collection(Path(path), shards))

    @classmethod
    def create(cls, path: str | os.PathLike[str], shards: int = 2) -> ShardedIndex:  # type: ignore[override]
        """An empty sharded index of `shards` shards at `path` (refusing an existing index). The
        shards are made first and the manifest last: a folder without it is no index yet, and a
        creation cut short is made again (`creation_cut_short`)."""
        folder = Path(path)
        if not 1 <= shards <= MAX_SHARDS:
            raise SearcherError(f"a sharded index has 1 to {MAX_SHARDS} shards, not {shards}")
        if is_sharded(folder) or _holds_index(folder):
            raise SearcherError(f"an index already exists at {folder}")
        try:
            for extra in _shard_folders(folder)[shards:]:  # a creation of more shards cut short
                shutil.rmtree(extra)
            generations = []
            for n in range(shards):
                with Index.open_or_create(shard_folder(folder, n)) as made:
                    generations.append(made._ix.latest_generation())
            _write_manifest(folder, _manifest(shards, generations))
        except OSError as error:
            raise SearcherError(f"cannot create an index at {folder}: {_os_reason(error)}") from None
        return cls.open(folder)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, preload: bool = True) -> ShardedIndex:
        folder = Path(path)
        return _at_manifest(folder, lambda manifest: cls(folder, _open_shards(folder, manifest, preload)))

    def __repr__(self) -> str:
        return f"ShardedIndex({str(self.path)!r}, shards={len(self.shards)}, articles={len(self)})"

    def close(self) -> None:
        super().close()  # the searcher, then `_Collection.close`: every shard

    # -- reading: one Whoosh reader over every shard's segments ------------------------------------

    def _stale(self) -> bool:
        """Whether a commit has replaced the manifest since the searcher's readers were opened."""
        return self._ix.generations() != self._ix.opened

    def _size_on_disk(self) -> int:
        return sum(shard._size_on_disk() for shard in self.shards)

    # -- writing: every shard's writer, articles routed by id -------------------------------------

    def update(self, paths, *, rebuild: bool = False, **kwargs):  # type: ignore[override]
        """`Index.update`, every file parsed once and each article written to its shard. A
        rebuild also repairs an update a format-1 manifest records as interrupted."""
        self._rebuilding = rebuild
        try:
            return super().update(paths, rebuild=rebuild, **kwargs)
        finally:
            self._rebuilding = False

    @contextmanager
    def _writing(self, wait: float) -> Iterator[ShardWriters]:
        """Every shard's writer, holding every shard's write lock, on shards read at the manifest's
        generations and cleared of what killed writers left. However the block ends, what the
        manifest on disk does not name is removed before the locks are released."""
        with _write_locks(self.shards, self.path, wait):
            manifest = read_manifest(self.path)
            self._check_writable(manifest)
            self._ix.pin(manifest["generations"])
            remove_leftovers(self.path, manifest)
            writers = ShardWriters(self.path, manifest)
            self._writing_now = True
            try:
                for shard in self.shards:
                    writers.add_writer(shard._ix)
                yield writers
            except OSError as error:
                raise SearcherError(f"cannot write the index at {self.path}: {_os_reason(error)}") from None
            finally:
                self._writing_now = False
                writers.close()
        self._ix.pin(read_manifest(self.path)["generations"])  # each shard read on its own too
        for shard in self.shards:
            shard._refresh()

    def _check_writable(self, manifest: dict[str, Any]) -> None:
        if manifest["shards"] != len(self.shards):
            raise SearcherError(f"the index at {self.path} was rebuilt by another process; open it again")
        if manifest.get("pending") and not self._rebuilding:  # only a format-1 manifest says so
            raise SearcherError(
                f"an update of the sharded index at {self.path} was interrupted between two shards' "
                "commits by an older version; run `searcher index --rebuild` on it"
            )


class _Collection:
    """The shards' Whoosh indexes seen as one, at the generations the manifest names: what
    `Index` reads of its Whoosh index."""

    def __init__(self, folder: Path, shards: list[Index]) -> None:
        self.folder = folder
        self.shards = shards
        self.schema = shards[0]._ix.schema
        self.opened: tuple[int, ...] | None = None  # the generations the searcher reads

    def generations(self) -> tuple[int, ...]:
        """The shards' generations the manifest names now."""
        return tuple(read_manifest(self.folder)["generations"])

    def pin(self, generations: list[int] | tuple[int, ...]) -> None:
        for shard, generation in zip(self.shards, generations, strict=True):
            shard._ix.pin(generation)

    def doc_count(self) -> int:
        return self._read(self._doc_count)[1]

    def _doc_count(self, generations: tuple[int, ...]) -> int:
        count = 0
        for reader in self._readers(generations):
            count += reader.doc_count()
            reader.close()
        return count

    def searcher(self, weighting):
        """One searcher over every segment of every shard, in shard order, at the generations one
        manifest names."""
        from whoosh.reading import MultiReader
        from whoosh.searching import Searcher

        self.opened, readers = self._read(self._readers)
        # The segments themselves, in shard order (a shard's own multi-reader only lists them;
        # closing the one made here closes them all).
        leaves = [leaf for reader in readers for leaf, _ in reader.leaf_readers() if leaf.doc_count_all()]
        if not leaves:
            return Searcher(readers[0], weighting=weighting)
        return Searcher(leaves[0] if len(leaves) == 1 else MultiReader(leaves), weighting=weighting)

    def _readers(self, generations: tuple[int, ...]) -> list:
        """Each shard's reader at its generation of `generations`."""
        readers: list = []
        try:
            for shard, generation in zip(self.shards, generations, strict=True):
                readers.append(shard._ix.reader(generation=generation))
        except BaseException:
            for reader in readers:
                reader.close()
            raise
        return readers

    def _read(self, read: Callable[[tuple[int, ...]], T]) -> tuple[tuple[int, ...], T]:
        """`read(generations)` at the generations the manifest names, and those generations; read
        again at a newer manifest's when a commit removed one meanwhile. The shards are pinned
        there too, for what reads one shard on its own."""

        def pinned(manifest: dict[str, Any]) -> tuple[tuple[int, ...], T]:
            if manifest["shards"] != len(self.shards):
                raise SearcherError(
                    f"the index at {self.folder} was rebuilt by another process; open it again"
                )
            generations = tuple(manifest["generations"])
            self.pin(generations)
            return generations, read(generations)

        return _at_manifest(self.folder, pinned)

    def close(self) -> None:
        for shard in self.shards:
            shard.close()


class ShardWriters:
    """Every shard's writer behind the interface `Index.update` and `Index.add` write through:
    deletions go to every shard, each added article to its own; `commit` commits them as one."""

    def __init__(self, folder: Path, manifest: dict[str, Any]) -> None:
        self.writers: list = []
        self.folder = folder
        self.manifest = manifest

    def add_writer(self, ix) -> None:
        """A writer for the next shard (`ix` pinned at the manifest's generation; its lock held)."""
        from .engine.bulkwriter import BulkWriter

        self.writers.append(BulkWriter(ix, compound=False, _lk=False, keep_superseded=True))

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
        """Each shard's new generation written beside the old, then the manifest naming them all
        in one rename: the moment the whole index changes. A kill before it leaves the old
        generations named (the new ones are a killed writer's leftovers), after it the new."""
        for writer in self.writers:
            writer.commit(**kwargs)
        generations = [writer.generation for writer in self.writers]
        _write_manifest(self.folder, _manifest(len(self.writers), generations))

    def close(self) -> None:
        """Cancel the writers that did not commit, then remove what the manifest on disk (read
        again: a commit may have been cut just after its rename) does not name."""
        for writer in self.writers:
            if not writer.is_closed:
                writer.cancel()
        try:
            committed = read_manifest(self.folder)
        except SearcherError:
            return  # nothing is removed on a guess
        remove_leftovers(self.folder, committed)


@contextmanager
def _write_locks(shards: list[Index], folder: Path, wait: float) -> Iterator[None]:
    """Every shard's write lock, taken in shard order (so two writers never hold a part each),
    waiting up to `wait` seconds in all; `IndexLockedError` when another writer keeps one."""
    from whoosh.util.filelock import try_for

    deadline = time.monotonic() + max(0.0, wait)
    held = []
    try:
        for shard in shards:
            lock = shard._ix.lock("WRITELOCK")
            if not try_for(lock.acquire, timeout=max(0.0, deadline - time.monotonic()), delay=_LOCK_RETRY):
                raise IndexLockedError(str(folder))
            held.append(lock)
    except OSError as error:
        for lock in reversed(held):
            lock.release()
        raise SearcherError(f"cannot write to the index at {folder}: {_os_reason(error)}") from None
    except BaseException:
        for lock in reversed(held):
            lock.release()
        raise
    try:
        yield
    finally:
        for lock in reversed(held):
            lock.release()


def _open_shards(folder: Path, manifest: dict[str, Any], preload: bool) -> list[Index]:
    opened: list[Index] = []
    try:
        for n in range(manifest["shards"]):
            opened.append(open_shard(folder, n, manifest, preload=preload))
    except BaseException:
        for shard in opened:
            shard.close()
        raise
    return opened


def _at_manifest(folder: Path, read: Callable[[dict[str, Any]], T]) -> T:
    """`read(manifest)`, read again with the newer manifest when it fails because a commit
    replaced the manifest (and removed the generations it read) meanwhile."""
    manifest = read_manifest(folder)
    for _ in range(REOPENS):
        try:
            return read(manifest)
        except (OSError, IndexCorruptError) as error:
            newer = read_manifest(folder)
            if newer == manifest:
                if isinstance(error, IndexCorruptError):
                    raise
                raise IndexCorruptError(str(folder), f"{type(error).__name__}: {error}") from None
            manifest = newer
    return read(manifest)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, checked; `IndexNotFoundError` or a one-line `SearcherError` when it is not one.
    A format-1 manifest (no generations) is read with each shard's newest generation."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexNotFoundError(str(folder)) from None
    except (OSError, ValueError) as error:
        raise SearcherError(f"cannot read the shard manifest of {folder}: {error}") from None
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") not in (1, FORMAT)
        or manifest.get("routing") != ROUTING
        or not isinstance(manifest.get("shards"), int)
        or not 1 <= manifest["shards"] <= MAX_SHARDS
    ):
        raise SearcherError(f"{folder / MANIFEST} is not a shard manifest this version reads")
    if manifest["format"] == 1:
        count = manifest["shards"]
        manifest["generations"] = [
            index_leftovers.latest_generation(shard_folder(folder, n)) for n in range(count)
        ]
    generations = manifest.get("generations")
    if (
        not isinstance(generations, list)
        or len(generations) != manifest["shards"]
        or not all(isinstance(g, int) and g >= 0 for g in generations)
    ):
        raise SearcherError(f"{folder / MANIFEST} does not name a generation for each shard")
    return manifest


def _manifest(shards: int, generations: list[int]) -> dict[str, Any]:
    return {"format": FORMAT, "shards": shards, "routing": ROUTING, "generations": generations}


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Written beside, flushed to disk, then renamed: whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{MANIFEST}.{os.getpid()}"
    with partial.open("w", encoding="utf-8") as out:
        out.write(json.dumps(manifest) + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, folder / MANIFEST)


def leftovers(folder: Path, manifest: dict[str, Any]) -> list[str]:
    """Paths under `folder` (relative to it) that the generations `manifest` names do not use:
    each shard's other generations and unlisted segment files, half-written manifests."""
    from whoosh.filedb.filestore import FileStorage

    found = [name for name in _names(folder) if _MANIFEST_PARTIAL.match(name)]
    for n, generation in enumerate(manifest["generations"]):
        shard = shard_folder(folder, n)
        if shard.is_dir():
            names = index_leftovers.leftovers(shard, FileStorage(str(shard)), generation)
            found += [f"{shard.name}/{name}" for name in names]
    return found


def remove_leftovers(folder: Path, manifest: dict[str, Any]) -> list[str]:
    """Remove `leftovers`; call only while holding every shard's write lock. Never raises.
    Returns what was removed."""
    from whoosh.filedb.filestore import FileStorage

    removed = []
    for name in _names(folder):
        if _MANIFEST_PARTIAL.match(name):
            try:
                (folder / name).unlink()
                removed.append(name)
            except OSError:
                continue
    for n, generation in enumerate(manifest["generations"]):
        shard = shard_folder(folder, n)
        if shard.is_dir():
            names = index_leftovers.remove_leftovers(shard, FileStorage(str(shard)), generation)
            removed += [f"{shard.name}/{name}" for name in names]
    return removed


def creation_cut_short(folder: Path) -> bool:
    """Whether `folder` holds only what a sharded creation cut short leaves (shard folders,
    perhaps a half-written manifest or a cluster build's folder, no manifest): then it is made
    again."""
    names = _names(folder)
    return (
        bool(names)
        and MANIFEST not in names
        and all(_SHARD.match(n) or _MANIFEST_PARTIAL.match(n) or n.startswith(".building-") for n in names)
    )


def _shard_folders(folder: Path) -> list[Path]:
    """The `shard-NNN` folders in `folder`, in shard order."""
    found = [(int(m.group(1)), folder / name) for name in _names(folder) if (m := _SHARD.match(name))]
    return [path for _, path in sorted(found)]


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


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
        # The empty index's manifest goes first: until the new one is written the folder holds no
        # index (a creation cut short, made again by a re-run), never shards it does not name.
        (target / MANIFEST).unlink(missing_ok=True)
        for old in _shard_folders(target):  # an empty index's, of any count
            shutil.rmtree(old)
        for n in range(shards):
            os.replace(building / f"shard-{n:03d}", shard_folder(target, n))
        generations = [index_leftovers.latest_generation(shard_folder(target, n)) for n in range(shards)]
        _write_manifest(target, _manifest(shards, generations))
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
