"""Which files need parsing, and parsing them on every core.

A file's fingerprint is ``size:mtime_ns:blake2b``. A file whose size and modification time are
unchanged is not read at all; one whose stat changed but whose bytes hash the same is not parsed.
A new file's fingerprint is taken by the worker that parses it (`Task.fingerprint` is empty), on
every core, when the file is read anyway. Parsing (the CPU-heavy part) runs in worker processes;
the caller writes the index in one process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.util
import os
import select
import shutil
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from ..article import Article
from ..engine import collector
from ..errors import ParseError, SkippedFileError
from ..parse.inputfiles import open_regular

if TYPE_CHECKING:
    from ..engine.prepare import Batch

ErrorHandler = Callable[[ParseError], None]

# Below this many files, starting worker processes costs more than it saves.
MIN_FILES_FOR_WORKERS = 24
# Records per part of a large JSONL file: parts spread one file over every core and keep what a
# worker hands back small. A part also holds at least `PART_MIN_BYTES`, so that a file of many
# tiny or blank lines is not cut into thousands of parts.
PART_LINES = 500
PART_MIN_BYTES = 256 * 1024
# Small files parsed together (and handed to a worker at once: one trip to a worker and back costs
# about as much as parsing a small page). Their quotes are found in one pass (see `add_quotes`).
CHUNK_FILES = 32
# Articles handed to the workers ahead of the one being written: enough to keep them busy while
# the writer writes out a segment (10-15 s of news; about 100 MB of finished work waits then),
# few enough that it does not pile up when writing is the slower side.
AHEAD_ARTICLES = 16000


@dataclass(frozen=True, slots=True)
class Task:
    """A file to parse, the root its fallback ids are relative to, and its fingerprint.

    A large JSONL file is parsed in parts: `lines` is the part's range of line numbers (from 1,
    end excluded), `part` its place among the file's `parts`, `offset` the byte where it starts.
    """

    file: str
    root: str
    fingerprint: str
    lines: tuple[int, int] | None = None
    part: int = 0
    parts: int = 1
    offset: int = 0  # where line `lines[0]` starts in the file

    @property
    def first(self) -> bool:
        return self.part == 0

    @property
    def last(self) -> bool:
        return self.part == self.parts - 1


@dataclass(frozen=True, slots=True)
class Parsed:
    """What one file gave: its articles (or, for the index writer, the batch prepared from them),
    problems with single records, or why it gave nothing."""

    task: Task
    articles: list[Article] = field(default_factory=list)
    batch: Batch | None = None
    problems: list[ParseError] = field(default_factory=list)
    error: str | None = None
    fingerprint: str = ""  # the file's, taken before it was read (only when preparing for the index)


def stat_signature(path: str) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}"


def content_hash(path: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with open_regular(path) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fingerprint(path: str) -> str:
    return f"{stat_signature(path)}:{content_hash(path)}"


def unchanged(path: str, known: str | None) -> tuple[bool, str]:
    """Whether `path` still has the fingerprint `known`, and its current fingerprint.

    The second value is ``known`` itself when the stat matches (the file was not read).
    """
    signature = stat_signature(path)
    if known and known.rsplit(":", 1)[0] == signature:
        return True, known
    current = f"{signature}:{content_hash(path)}"
    return bool(known) and known.rsplit(":", 1)[1] == current.rsplit(":", 1)[1], current


def split_task(task: Task) -> list[Task]:
    """The task as parts of at least `PART_LINES` lines and `PART_MIN_BYTES` bytes when it is a
    large plain JSONL file; each part knows the byte offset it starts at, so no worker reads the
    lines before its own. The file is scanned in chunks: a line of any length costs no memory."""
    if not task.file.endswith(".jsonl"):
        return [task]
    try:
        with open_regular(task.file) as handle:
            head = handle.read(4096)
            if head[:2] == b"\x1f\x8b":  # gzip: parts would each decompress the whole file
                return [task]
            if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] not in (b"{", b"["):
                return [task]  # not records (binary, text): read whole, refused once
            handle.seek(0)
            starts, lines = _part_starts(handle)
    except OSError:
        return [task]
    if len(starts) <= 1:
        return [task]
    try:
        print_ = task.fingerprint or fingerprint(task.file)  # one for all parts
    except OSError:
        return [task]
    ends = [line for line, _ in starts[1:]] + [max(lines + 1, starts[-1][0] + PART_LINES)]
    return [
        Task(task.file, task.root, print_, (start, end), number, len(starts), offset)
        for number, ((start, offset), end) in enumerate(zip(starts, ends, strict=True))
    ]


def _part_starts(handle: BinaryIO) -> tuple[list[tuple[int, int]], int]:
    """(line number, byte offset) of each part's first line, and the number of the file's last
    line. A part starts at the first line start with `PART_LINES` lines and `PART_MIN_BYTES` bytes
    of the part before it behind. Newlines are counted in C a chunk at a time; only a part's last few are looked for one by
    one, so a file of a hundred million blank lines is scanned about as fast as it is read."""
    starts = [(1, 0)]
    line = 1  # the number of the line the next byte read belongs to
    offset = 0  # of the chunk in the file
    ended_line = True  # whether the last chunk ended with a newline
    while chunk := handle.read(_SCAN_BYTES):
        pos = 0
        while True:
            start_line, start_offset = starts[-1]
            smallest_end = start_offset + PART_MIN_BYTES - offset
            if smallest_end >= len(chunk):
                line += chunk.count(b"\n", pos)
                break
            if smallest_end > pos:
                line += chunk.count(b"\n", pos, smallest_end)
                pos = smallest_end
            need = start_line + PART_LINES - line  # newlines still to pass
            at_line_start = chunk[pos - 1] == 10 if pos else ended_line
            end = pos if need <= 0 and at_line_start else _after_newlines(chunk, pos, max(1, need))
            if end is None:
                line += chunk.count(b"\n", pos)
                break
            line += chunk.count(b"\n", pos, end)
            pos = end
            starts.append((line, offset + pos))
        offset += len(chunk)
        ended_line = chunk[-1] == 10
    if len(starts) > 1 and starts[-1][1] == offset:  # the last newline ends the file
        starts.pop()
    return starts, line


def _after_newlines(chunk: bytes, pos: int, count: int) -> int | None:
    """Where the line after the `count`-th newline from `pos` starts, or None past the chunk."""
    for _ in range(count):
        found = chunk.find(b"\n", pos)
        if found < 0:
            return None
        pos = found + 1
    return pos


# Bytes read at a time when a file is split into parts.
_SCAN_BYTES = 1 << 20


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def in_workers(tasks: Sequence[Task], jobs: int | None = None) -> bool:
    """Whether `parse_tasks` parses these tasks in worker processes (else in this one)."""
    return (jobs or default_jobs()) > 1 and len(tasks) >= MIN_FILES_FOR_WORKERS


def needs_workers(files: Iterable[str]) -> bool:
    """Whether parsing these files will likely run in worker processes: many files, or a JSONL
    file large enough to be parsed in parts. Stops looking as soon as it knows."""
    return any(count >= MIN_FILES_FOR_WORKERS or _large_jsonl(file) for count, file in enumerate(files, 1))


def files_under(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Every file under `paths`, lazily: a quick look before the index is even loaded."""
    for path in paths:
        if os.path.isdir(path):
            for folder, _, names in os.walk(path, followlinks=True):  # as `article_files` walks
                yield from (os.path.join(folder, name) for name in names)
        else:
            yield os.fspath(path)


def _large_jsonl(file: str) -> bool:
    try:
        return file.endswith(".jsonl") and os.path.getsize(file) > _LARGE_JSONL_BYTES
    except OSError:
        return False


_LARGE_JSONL_BYTES = 1 << 20


def prepare_workers(paths: Iterable[str | os.PathLike[str]], jobs: int | None = None) -> None:
    """Start the workers early when parsing the files under `paths` will likely need them, so they
    import the parsers while the caller loads the index (call it before `Index.open_or_create`)."""
    if needs_workers(files_under(paths)):
        start_workers(jobs)


def start_workers(jobs: int | None = None) -> None:
    """Start the process the workers fork from, with the parsing modules imported, while the
    caller still lists the files: the workers then begin parsing at once instead of importing
    first (about 0.2 s each). Does nothing for one job; harmless if the workers are not needed."""
    if (jobs or default_jobs()) <= 1:
        return
    from multiprocessing import forkserver

    multiprocessing.get_context(_WORKER_START).set_forkserver_preload(_WORKER_MODULES)
    forkserver.ensure_running()


# How workers start: forked from a clean server process (not from the writer, which holds threads
# and open files), which imports these modules once for all of them (the main module too, which
# each worker would otherwise run again).
_WORKER_START = "forkserver"
_WORKER_MODULES = [
    "__main__",
    "searcher.write.ingest",
    "searcher.parse",
    "searcher.parse.html",
    "searcher.engine.prepare",
]


class Submitter(Protocol):
    """Where chunks of files are parsed other than this machine's worker processes (a cluster):
    `submit(fn, *args)` returns a future (`.result()`), and `jobs` tasks run at once."""

    jobs: int

    def __call__(self, fn: Callable, *args: Any) -> Any: ...


def parse_tasks(
    tasks: Sequence[Task],
    *,
    jobs: int | None = None,
    on_drained: Callable[[int], bool] | None = None,
    prepare: bool = False,
    submit: Submitter | None = None,
) -> Iterator[Parsed]:
    """Parse every task, in order, in worker processes when there are enough of them (or as tasks
    given to `submit`, a cluster's).

    With `prepare`, each article comes back analysed for the index (`Parsed.batch`), so the
    analysis runs in the workers too. Once the workers have been handed the last task,
    `on_drained(articles)` is called between results with about how many articles they still
    hold, until it returns True: what the caller does then overlaps with the end of their work."""
    if submit is not None:
        yield from _parse_ahead(submit, submit.jobs, tasks, on_drained, prepare)
        return
    jobs = jobs or default_jobs()
    if not in_workers(tasks, jobs):
        for chunk in _chunks(tasks, CHUNK_FILES):
            yield from _parse_chunk(chunk, prepare)
        return
    context = multiprocessing.get_context(_WORKER_START)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_worker_init,
        initargs=(os.getpid(), multiprocessing.util.get_temp_dir()),
    )
    try:
        yield from _parse_ahead(pool.submit, jobs, tasks, on_drained, prepare)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _parse_ahead(
    submit: Callable,
    jobs: int,
    tasks: Sequence[Task],
    on_drained: Callable[[int], bool] | None,
    prepare: bool,
) -> Iterator[Parsed]:
    """The chunks' results in order, the workers kept `AHEAD_ARTICLES` ahead of the caller."""
    pending: deque[tuple[Future[list[Parsed]], int]] = deque()  # with their expected articles
    ahead = 0
    queue = _chunks(tasks, CHUNK_FILES)
    exhausted = drained = False
    while True:
        # Keep the workers `AHEAD_ARTICLES` ahead, so they go on while the caller writes.
        while not exhausted and (ahead < AHEAD_ARTICLES or len(pending) < jobs):
            chunk = next(queue, None)
            if chunk is None:
                exhausted = True
                break
            expected = _expected_articles(chunk)
            pending.append((submit(_parse_chunk, chunk, prepare), expected))
            ahead += expected
        if exhausted and not drained and on_drained:
            drained = on_drained(ahead)
        if not pending:
            break
        future, expected = pending.popleft()
        ahead -= expected
        yield from future.result()


def _chunks(tasks: Sequence[Task], size: int) -> Iterator[list[Task]]:
    """Tasks as they are parsed together: a part of a large file alone, small files by `size`."""
    chunk: list[Task] = []
    for task in tasks:
        if task.lines is not None:
            if chunk:
                yield chunk
                chunk = []
            yield [task]
            continue
        chunk.append(task)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _expected_articles(chunk: list[Task]) -> int:
    """About how many articles a chunk gives: a part of a JSONL file its lines, another file one."""
    return sum(task.lines[1] - task.lines[0] if task.lines else 1 for task in chunk)


def parse_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Article]:
    """Every article in the files and folders `paths` (recursively), in file order, parsed on
    `jobs` processes (default: one per core) when there are enough files to be worth it.

    Each path's fallback ids are relative to the folder itself, or a file's folder, as with
    `parse_path`. A path that does not exist raises `ParseError` before anything is parsed. A file
    or record that cannot be read raises `ParseError`, unless `on_error` is given: then it is passed
    there and parsing goes on. A whole file left out comes as a `SkippedFileError`.
    """
    tasks = _tasks_for(paths, on_error)
    for parsed in parse_tasks(tasks, jobs=jobs):
        if parsed.error is not None:
            _report([SkippedFileError(parsed.task.file, parsed.error)], on_error)
            continue
        _report(parsed.problems, on_error)
        yield from parsed.articles


def _tasks_for(paths: Iterable[str | os.PathLike[str]], on_error: ErrorHandler | None) -> list[Task]:
    """A task for each article file under `paths`; the files passed over unopened are reported."""
    from ..parse import article_files

    def passed_over(problem: ParseError) -> None:
        _report([SkippedFileError(problem.path, problem.reason, opened=False)], on_error)

    tasks: list[Task] = []
    for path in map(Path, paths):
        if not path.exists():
            raise ParseError(str(path), "no such file or folder")
        base = path if path.is_dir() else path.parent
        tasks.extend(Task(str(file), str(base), "") for file in article_files(path, passed_over))
    return tasks


def _report(problems: Iterable[ParseError], on_error: ErrorHandler | None) -> None:
    """Hand each problem to `on_error`, or raise the first when there is none."""
    for problem in problems:
        if on_error is None:
            raise problem
        on_error(problem)


def parse_task(task: Task, prepare: bool = False) -> Parsed:
    """Parse one file; never raises for a bad file (the reason is in `Parsed.error`)."""
    return _parse_chunk([task], prepare)[0]


def _parse_chunk(tasks: list[Task], prepare: bool) -> list[Parsed]:
    """Parse a few files in passes: read them all, then find all their quotes, then prepare them
    all for the index. The quote finder runs faster over many articles in a row than between two
    parses (see `add_quotes`). A failure in any pass costs only its own file."""
    parsed = [_guarded(task, _read, task, prepare) for task in tasks]
    parsed = [_guarded(one.task, _quoted, one) if one.error is None else one for one in parsed]
    if prepare:
        with collector.paused():  # analysed batches are many containers and no cycles
            parsed = [_guarded(one.task, _prepared, one) if one.error is None else one for one in parsed]
    return parsed


def _read(task: Task, prepare: bool) -> Parsed:
    from ..parse import read_file

    # Taken before the file is read: if it changes meanwhile, the next update sees it changed.
    print_ = (task.fingerprint or fingerprint(task.file)) if prepare else ""
    file, root = Path(task.file), Path(task.root)
    articles, problems = read_file(file, root, lines=task.lines, offset=task.offset, with_quotes=False)
    return Parsed(task, articles, problems=problems, fingerprint=print_)


def _quoted(parsed: Parsed) -> Parsed:
    from ..parse import add_quotes

    add_quotes(parsed.articles)
    return parsed


def _prepared(parsed: Parsed) -> Parsed:
    from ..engine.prepare import prepare_batch

    batch = prepare_batch(parsed.articles, file=parsed.task.file, fingerprint=parsed.fingerprint)
    return Parsed(parsed.task, batch=batch, problems=parsed.problems, fingerprint=parsed.fingerprint)


def _guarded(task: Task, step: Callable[..., Parsed], *args: object) -> Parsed:
    """`step(*args)`, or why it failed as the file's error: one bad file never stops a run."""
    try:
        return step(*args)
    except ParseError as error:
        return Parsed(task, error=error.reason)
    except OSError as error:  # a dangling link, no permission: as `read_file` reports it
        return Parsed(task, error=f"cannot read: {error.strerror or error}")
    except RecursionError:
        return Parsed(task, error="nested too deeply to parse")
    except MemoryError:
        return Parsed(task, error="too large to parse in memory")
    except Exception as error:  # a parser bug must cost one file, not the whole run
        return Parsed(task, error=f"the parser failed ({type(error).__name__}: {error})")


def _worker_init(writer: int, scratch: str) -> None:
    # Ctrl-C goes to the whole process group: the parent decides what happens; workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with(writer, scratch)


def _end_with(writer: int, scratch: str) -> None:
    """End this worker when the process it parses for ends.

    Workers are children of the fork server, not of that process: one killed outright (SIGKILL,
    the out-of-memory killer) never shuts them down, nobody reads what they hand back, and they
    would wait for ever, holding its standard output (`searcher index … | cat` would never end).
    A thread waits for its end (a pidfd on Linux, else a poll each second) and ends the worker,
    removing the writer's multiprocessing scratch folder (the fork server's socket) that the
    writer had no chance to remove."""
    try:
        handle: int | None = os.pidfd_open(writer)
    except (AttributeError, OSError):
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])
        else:
            while _alive(writer):
                time.sleep(1.0)
        if os.path.basename(scratch).startswith("pymp-"):
            shutil.rmtree(scratch, ignore_errors=True)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-writer", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
