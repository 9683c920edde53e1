"""Building a sharded index on a cluster's workers: the steps that run as tasks, and their data.

A build is three kinds of task. `parse_for_shards` parses a chunk of files as `ingest` does and
prepares, for each file, one batch per shard of its articles (routed by id), so that no shard ever
receives another's postings. The coordinator reads only each chunk's `Outline` (ids, sketches,
problems: small) to decide, in file order, which articles are written and their story groups, as
one writer would. `shard_part` picks one shard's batches out of a chunk, and `build_shard` writes
a whole shard into a fresh folder from its parts, in chunk order: the order one writer would
write them, so the shard is the one a local build makes. These functions are plain Python: the
cluster module hands them to Dask.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from ..engine.prepare import Batch, prepare_batch
from ..engine.routing import shard_of
from .ingest import Parsed, Task, _guarded, _quoted, _read


@dataclass(slots=True)
class FilePart:
    """One file's result: why it gave nothing, or its articles' ids, shards and sketches in file
    order (with each one's place in its shard's batch), and its batches by shard."""

    task: Task
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    articles: list[tuple[str, int, int, array]] = field(default_factory=list)  # id, shard, place, sketch
    batches: dict[int, Batch] = field(default_factory=dict)


@dataclass(slots=True)
class Outline:
    """A chunk's result without its batches: what the coordinator decides from."""

    files: list[FilePart]


def parse_for_shards(tasks: list[Task], shards: int) -> list[FilePart]:
    """Parse a chunk of files (read, then quotes, as `ingest._parse_chunk`), and prepare each
    file's articles as one batch per shard."""
    parsed = [_guarded(task, _read, task, True) for task in tasks]
    parsed = [_guarded(one.task, _quoted, one) if one.error is None else one for one in parsed]
    return [_split(one, shards, shard_of) for one in parsed]


def _split(parsed: Parsed, shards: int, shard_of) -> FilePart:
    part = FilePart(parsed.task, parsed.error, [str(p) for p in parsed.problems])
    if parsed.error is not None:
        return part
    homes = [shard_of(article.id, shards) for article in parsed.articles]
    try:
        for n in sorted(set(homes)):
            mine = [a for a, home in zip(parsed.articles, homes, strict=True) if home == n]
            part.batches[n] = prepare_batch(mine, file=parsed.task.file, fingerprint=parsed.fingerprint)
    except Exception as error:  # as `ingest._guarded`: a parser bug costs one file
        return FilePart(parsed.task, f"the parser failed ({type(error).__name__}: {error})", part.problems)
    places: dict[int, int] = {}
    for article, home in zip(parsed.articles, homes, strict=True):
        place = places.get(home, 0)
        places[home] = place + 1
        part.articles.append((article.id, home, place, part.batches[home].sketches[place]))
    return part


def outline(files: list[FilePart]) -> Outline:
    """The chunk without its batches (sent to the coordinator)."""
    return Outline([FilePart(f.task, f.error, f.problems, f.articles) for f in files])


def shard_part(files: list[FilePart], shard: int) -> list[Batch | None]:
    """One shard's batch of each file of a chunk (None: the file has none for it)."""
    return [f.batches.get(shard) for f in files]
