#!/usr/bin/env python3
"""Can anything a user or the machine does lose an index? Kills, writers, searches, bad files, bad
queries and a full disk, each followed by checks; prints a summary and exits 1 on any loss.

1. Kills at every file event: `searcher index` of corpus/ into a new index, and an incremental
   update of it (a file added, one changed, one removed), each killed (SIGKILL and SIGTERM) at
   its 1st, 2nd, … file event (a file created, renamed or deleted in the index folder or its
   scratch folder, the version file written, the lock taken). After each kill: the index opens
   (or, for a build killed before its first commit, there is none), `stats` and a search run,
   its articles are exactly those of the last committed state, a re-run reaches the right
   articles, and no file and no process is left over.
2. Kills at random moments: --random kills of a build of the saved pages of
   ../shared/data/extraction (2 parsing processes), at a random time within one clean build.
3. Searches during updates: CLI and library searches while the pages are indexed, changed and
   rebuilt: every search succeeds and sees a committed state.
4. Two writers at once: one fails in one line ("locked"), or with --wait both succeed.
5. Hostile input and queries: the hostile corpus and query lists under tests/ (when present):
   every good article indexed, each bad file reported once, peak memory; every query (library
   search, quotes and timeline, and the command) ends without a traceback within 2 s, on
   --query-index (e.g. an index of Reuters-21578) or on corpus/.
6. A full disk: a small tmpfs (needs root; else RLIMIT_FSIZE): the update fails in one line,
   exit 1, the previous index intact, nothing left behind, and it succeeds once there is room.
7. A sharded index (--shards 3), for the whole index: parts 1, 3 and 4 again. Kills at every file
   event of a sharded build and update (in every shard's folder, and the manifest written and
   renamed); after each the index opens with every shard at the old state or every shard at the
   new one (each article's id and file fingerprint compared, so a shard at the other state shows),
   and a plain re-run (no --rebuild) reaches the new; searches during sharded updates see only
   committed states; two writers on a sharded index.

    python scripts/torture.py [--shared ../shared] [--work DIR] [--random 30] [--seed 1] [--only PART ...]
                              [--query-index DIR]

Everything runs in WORK (default: a temporary folder, removed at the end).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the hostile corpus and query lists live with the tests

import searcher  # noqa: E402
from searcher.engine.leftovers import leftovers  # noqa: E402
from searcher.index import is_sharded  # noqa: E402
from searcher.shards import leftovers as shard_leftovers  # noqa: E402
from searcher.shards import read_manifest, shard_of  # noqa: E402

PARTS = ("events", "random", "searches", "writers", "hostile", "disk", "shards")
SHARDS = 3  # the sharded index of part 7
PR_SET_CHILD_SUBREAPER = 36  # prctl option: orphaned descendants become our children, to be counted
QUERY_BUDGET = 2.0  # seconds a hostile query may take, whole command included

# A `searcher` command that counts its file events and kills itself at the TORTURE_AT-th one
# (a sharded index's manifest: one event before it is written, one after it is renamed).
CHILD = r"""
import os, signal, sys, time
from whoosh.filedb import filestore
import searcher.index as index_module
import searcher.shards as shards_module
at = int(os.environ.get("TORTURE_AT", "0"))
how = int(os.environ.get("TORTURE_SIGNAL", "9"))
count = 0
def event(function):
    def hooked(*args, **kwargs):
        global count
        count += 1
        if count == at:
            os.kill(os.getpid(), how)
            if how == signal.SIGKILL:
                time.sleep(60)
        return function(*args, **kwargs)
    return hooked
for name in ("create_file", "rename_file", "delete_file", "lock"):
    setattr(filestore.FileStorage, name, event(getattr(filestore.FileStorage, name)))
index_module._write_version = event(index_module._write_version)
def manifest_written(function):
    def hooked(*args, **kwargs):
        function(*args, **kwargs)
        event(lambda: None)()
    return hooked
shards_module._write_manifest = event(manifest_written(shards_module._write_manifest))
def report():
    if "TORTURE_EVENTS" in os.environ:
        with open(os.environ["TORTURE_EVENTS"], "w") as out:
            out.write(str(count))
import atexit
atexit.register(report)
from searcher.cli import main
sys.argv = ["searcher", *sys.argv[1:]]
main()
"""


@dataclass
class Tally:
    """Checks run and failures, per part."""

    checks: dict[str, int] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def check(self, part: str, ok: bool, what: str) -> bool:
        self.checks[part] = self.checks.get(part, 0) + 1
        if not ok:
            self.failures.setdefault(part, []).append(what)
            print(f"  FAIL [{part}] {what}", flush=True)
        return ok

    def note(self, part: str, text: str) -> None:
        self.notes.setdefault(part, []).append(text)
        print(f"  [{part}] {text}", flush=True)


# -- processes ----------------------------------------------------------------------------------


def become_subreaper() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def children() -> set[int]:
    """Our living child processes (orphaned descendants included, as a subreaper); reaps the dead."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
    me = os.getpid()
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == me and stat[0] != "Z":
            found.add(int(entry.name))
    return found


def no_processes_left(before: set[int], seconds: float = 20.0) -> set[int]:
    """Children beyond `before` still alive after up to `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        left = children() - before
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def sharding(shards: int | None) -> list[str]:
    """The `searcher index` option that makes the index sharded, when it is."""
    return ["--shards", str(shards)] if shards else []


def searcher_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "searcher", *args]


def run(cmd: list[str], timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)


def killed_run(
    args: list[str], at: int, how: int, events_file: Path | None = None
) -> subprocess.CompletedProcess:
    env = dict(os.environ, TORTURE_AT=str(at), TORTURE_SIGNAL=str(how))
    if events_file is not None:
        env["TORTURE_EVENTS"] = str(events_file)
    return run([sys.executable, "-c", CHILD, *args], env=env)


# -- index state --------------------------------------------------------------------------------


def ids_of(folder: Path) -> frozenset[str] | None:
    """The article ids of the index at `folder` (from its id column), None when there is none."""
    state = contents_of(folder)
    return None if state is None else frozenset(article_id for article_id, _ in state)


def contents_of(folder: Path) -> frozenset[tuple[str, str]] | None:
    """Each article's id and the size and hash of the file it came from (its fingerprint less the
    modification time), None when there is no index: a changed file's article differs between
    two states though its id does not."""
    try:
        with searcher.Index.open(folder) as index:
            reader = index._get_searcher().reader()
            if reader.doc_count() == 0:
                return frozenset()
            ids, prints = reader.column_reader("id"), reader.column_reader("fingerprint")
            return frozenset((ids[docnum], _content(prints[docnum])) for docnum in reader.all_doc_ids())
    except searcher.IndexNotFoundError:
        return None


def _content(fingerprint: str) -> str:
    """`size:mtime_ns:blake2b` -> `size:blake2b`: the same for the same bytes written again."""
    size, _, digest = fingerprint.split(":", 2) if fingerprint.count(":") >= 2 else (fingerprint, "", "")
    return f"{size}:{digest}"


def tidy(folder: Path) -> list[str]:
    """What is in the index folder that no committed state uses (besides the lock files)."""
    if not folder.exists():
        return []
    try:
        if is_sharded(folder):
            return shard_leftovers(folder, read_manifest(folder))
        with searcher.Index.open(folder) as index:
            return leftovers(folder, index._ix.storage)
    except searcher.SearcherError:
        return sorted(p.name for p in folder.iterdir() if p.name not in ("MAIN_WRITELOCK",))


def check_state(
    tally: Tally, part: str, label: str, folder: Path, allowed: list[frozenset | None], word: str
) -> None:
    state = contents_of(folder)
    tally.check(
        part, state in allowed, f"{label}: {len(state) if state else state} articles, not a committed state"
    )
    stats = run(searcher_cmd("stats", "--index", str(folder)))
    expected = {0} if state is not None else {1}
    tally.check(
        part,
        stats.returncode in expected and "Traceback" not in stats.stderr,
        f"{label}: stats {stats.returncode} {stats.stderr.strip()[:200]}",
    )
    if state is not None:
        found = run(searcher_cmd("search", word, "--index", str(folder)))
        tally.check(
            part,
            found.returncode in (0, 1) and "Traceback" not in found.stderr,
            f"{label}: search {found.returncode} {found.stderr.strip()[:200]}",
        )


def rerun_reaches(
    tally: Tally, part: str, label: str, folder: Path, args: list[str], want: frozenset
) -> None:
    again = run(searcher_cmd(*args))
    tally.check(
        part, again.returncode == 0, f"{label}: re-run exit {again.returncode} {again.stderr.strip()[:200]}"
    )
    tally.check(part, contents_of(folder) == want, f"{label}: re-run did not reach the right articles")
    left = tidy(folder)
    tally.check(part, not left, f"{label}: files left over: {left[:5]}")


# -- 1. kills at every file event ----------------------------------------------------------------


def event_kills(tally: Tally, work: Path, shards: int | None = None) -> None:
    part = "shards" if shards else "events"
    name = "sharded-events" if shards else "events"
    corpus = work / f"{name}-corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    folder = work / f"{name}-ix"
    args = ["index", str(corpus), "--index", str(folder), "-q", *sharding(shards)]
    count_file = work / f"{name}.count"
    what = f"sharded ({shards}) " if shards else ""

    # A build from nothing.
    killed_run(args, 0, signal.SIGKILL, count_file)
    built = contents_of(folder)
    assert built, "the clean build indexed nothing"
    events = int(count_file.read_text())
    tally.note(part, f"{what}build: {events} file events, {len(built)} articles")
    for how in (signal.SIGKILL, signal.SIGTERM):
        for at in range(1, events + 1):
            shutil.rmtree(folder, ignore_errors=True)
            before = children()
            killed_run(args, at, how)
            label = f"{what}build, {signal.Signals(how).name} at event {at}"
            check_state(tally, part, label, folder, [None, frozenset(), built], "council")
            rerun_reaches(tally, part, label, folder, args, built)
            left = no_processes_left(before)
            tally.check(part, not left, f"{label}: processes left: {sorted(left)}")

    # An update: a file added, one changed, one removed.
    def reset() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(corpus)
        shutil.copytree(ROOT / "corpus", corpus)
        assert run(searcher_cmd(*args)).returncode == 0
        (corpus / "added.txt").write_text(
            "Ferry Service Resumes\n\nThe harbor ferry resumed service on Monday.\n"
        )
        changed = corpus / "nbc10-philadelphia-krasner-met-progressive-prosecutors-2017-11-09.txt"
        changed.write_text(changed.read_text() + "\nAn editor's note was added.\n")
        (corpus / "wire-desk-transit-strike-2016-03-02.json").unlink()

    reset()
    killed_run(args, 0, signal.SIGKILL, count_file)
    updated = contents_of(folder)
    assert updated is not None and updated != built
    events = int(count_file.read_text())
    tally.note(part, f"{what}update: {events} file events, {len(built)} -> {len(updated)} articles")
    if shards:
        touched = sorted({shard_of(article_id, shards) for article_id, _ in built ^ updated})
        tally.check(part, len(touched) > 1, f"the update changes only shards {touched}: no mix to look for")
        tally.note(part, f"the update changes shards {touched}")
    for how in (signal.SIGKILL, signal.SIGTERM):
        for at in range(1, events + 1):
            reset()
            before = children()
            killed_run(args, at, how)
            label = f"{what}update, {signal.Signals(how).name} at event {at}"
            check_state(tally, part, label, folder, [built, updated], "ferry")
            rerun_reaches(tally, part, label, folder, args, updated)
            left = no_processes_left(before)
            tally.check(part, not left, f"{label}: processes left: {sorted(left)}")


# -- 2. kills at random moments -------------------------------------------------------------------


def pages(shared: Path, work: Path) -> Path:
    """The saved pages of the extraction data, linked into one folder."""
    folder = work / "pages"
    if not folder.exists():
        folder.mkdir()
        for page in sorted((shared / "data" / "extraction").glob("*/pages/*")):
            (folder / f"{page.parent.parent.name}-{page.name}").symlink_to(page)
    return folder


def random_kills(tally: Tally, work: Path, shared: Path, count: int, rng: random.Random) -> None:
    part = "random"
    corpus = pages(shared, work)
    folder = work / "random-ix"
    args = ["index", str(corpus), "--index", str(folder), "-q", "-j", "2"]
    started = time.monotonic()
    assert run(searcher_cmd(*args)).returncode == 0
    took = time.monotonic() - started
    full = ids_of(folder)
    tally.note(part, f"a clean build: {len(full or ())} articles in {took:.1f} s")
    for n in range(count):
        how = (signal.SIGKILL, signal.SIGTERM)[n % 2]
        shutil.rmtree(folder)
        before = children()
        child = subprocess.Popen(searcher_cmd(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        moment = rng.uniform(0.05, took)
        time.sleep(moment)
        child.send_signal(how)
        _, err = child.communicate(timeout=120)
        label = f"kill {n + 1}, {signal.Signals(how).name} at {moment:.2f} s"
        tally.check(part, b"Traceback" not in err, f"{label}: traceback {err.decode()[-300:]}")
        check_state(tally, part, label, folder, [None, frozenset(), full], "police")
        rerun_reaches(tally, part, label, folder, args, full)
        left = no_processes_left(before)
        tally.check(part, not left, f"{label}: processes left: {sorted(left)}")


# -- 3. searches during updates -------------------------------------------------------------------


def searches_during_updates(tally: Tally, work: Path, shared: Path, shards: int | None = None) -> None:
    part = "shards" if shards else "searches"
    name = "sharded-busy" if shards else "busy"
    corpus = work / f"{name}-corpus"
    shutil.copytree(pages(shared, work), corpus, symlinks=True)
    folder = work / f"{name}-ix"
    args = ["index", str(corpus), "--index", str(folder), "-q", "-j", "2", *sharding(shards)]
    half = sorted(corpus.iterdir())[::2]
    hidden = work / f"{name}-hidden"
    hidden.mkdir()
    for page in half:
        page.rename(hidden / page.name)
    assert run(searcher_cmd(*args)).returncode == 0
    counts = {len(ids_of(folder) or ())}
    stop = threading.Event()
    seen: list[int] = []
    problems: list[str] = []

    def library_searches() -> None:
        index = searcher.Index.open(folder)
        while not stop.is_set():
            try:
                index._refresh()
                seen.append(len(index))
                index.search("police OR government", limit=5)
            except Exception as error:  # a search that fails is what this part looks for
                problems.append(f"library: {type(error).__name__}: {error}")
        index.close()

    def cli_searches() -> None:
        while not stop.is_set():
            done = run(searcher_cmd("search", "police", "--index", str(folder), "--json"))
            if done.returncode not in (0, 1) or "Traceback" in done.stderr:
                problems.append(f"cli: exit {done.returncode}: {done.stderr.strip()[:200]}")
            else:
                seen.append(-1)

    threads = [threading.Thread(target=library_searches), threading.Thread(target=cli_searches)]
    for thread in threads:
        thread.start()
    try:
        for page in sorted(hidden.iterdir()):  # the other half, in three commits
            page.rename(corpus / page.name)
            if len(list(hidden.iterdir())) % 80 == 0:
                assert run(searcher_cmd(*args)).returncode == 0
                counts.add(len(ids_of(folder) or ()))
        assert run(searcher_cmd(*args)).returncode == 0
        counts.add(len(ids_of(folder) or ()))
        assert run(searcher_cmd(*args, "--rebuild")).returncode == 0
        counts.add(len(ids_of(folder) or ()))
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    library = [n for n in seen if n >= 0]
    tally.note(
        part,
        f"{len(library)} library and {seen.count(-1)} CLI searches during {len(counts)} committed states"
        + (f" of {shards} shards" if shards else ""),
    )
    tally.check(part, not problems, f"failed searches: {problems[:3]}")
    odd = sorted({n for n in library if n not in counts})
    tally.check(part, not odd, f"searches saw uncommitted counts {odd[:5]} (committed: {sorted(counts)})")


# -- 4. two writers -------------------------------------------------------------------------------


def two_writers(tally: Tally, work: Path, shared: Path, shards: int | None = None) -> None:
    part = "shards" if shards else "writers"
    corpus = pages(shared, work)
    for wait in ([], ["--wait", "120"]):
        folder = work / f"{'sharded-' if shards else ''}writers-ix{len(wait)}"
        args = ["index", str(corpus), "--index", str(folder), "-q", "-j", "1"]
        first_build = ["index", str(ROOT / "corpus"), "--index", str(folder), "-q", *sharding(shards)]
        assert run(searcher_cmd(*first_build)).returncode == 0
        first = subprocess.Popen(
            searcher_cmd(*args, *wait), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(1.0)
        second = run(searcher_cmd(*args, *wait))
        _out, err = first.communicate(timeout=600)
        label = ("two writers" if not shards else f"two writers on {shards} shards") + (
            " with --wait" if wait else ""
        )
        if wait:
            tally.check(
                part,
                first.returncode == 0 and second.returncode == 0,
                f"{label}: exits {first.returncode}, {second.returncode}: {second.stderr.strip()}",
            )
        else:
            lines = second.stderr.strip().splitlines()
            tally.check(
                part,
                first.returncode == 0,
                f"{label}: the first exited {first.returncode}: {err.strip()[:200]}",
            )
            tally.check(
                part,
                second.returncode == 1 and len(lines) == 1 and "locked" in lines[0],
                f"{label}: the second said {second.stderr.strip()[:200]!r} (exit {second.returncode})",
            )
        state = ids_of(folder)
        again = run(searcher_cmd(*args))
        tally.check(
            part,
            ids_of(folder) == state and again.returncode == 0,
            f"{label}: a third run changed the articles",
        )
        tally.check(part, not tidy(folder), f"{label}: files left over")


# -- 5. hostile input and queries ---------------------------------------------------------------------


def hostile(tally: Tally, work: Path, query_index: Path | None) -> None:
    part = "hostile"
    try:
        import hostile_corpus
    except ImportError:
        tally.note(part, "no hostile corpus generator (tests/hostile_corpus.py): input part skipped")
    else:
        hostile_input(tally, work, hostile_corpus)
    try:
        import hostile_queries
    except ImportError:
        tally.note(part, "no hostile query list (tests/hostile_queries.py): query part skipped")
    else:
        hostile_query_run(tally, work, hostile_queries, query_index)


def hostile_input(tally: Tally, work: Path, module) -> None:
    part = "hostile"
    folder = work / "hostile-corpus"
    expected = module.write_hostile_corpus(folder, large=True)
    index_dir = work / "hostile-ix"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = run(searcher_cmd("index", str(folder), "--index", str(index_dir), "--json"), timeout=1800)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    tally.check(
        part,
        done.returncode in (0,) and "Traceback" not in done.stderr,
        f"hostile corpus: exit {done.returncode}: {done.stderr.strip()[-300:]}",
    )
    warned = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    files = [line.removeprefix("warning: skipped ").split(": ", 1)[0] for line in warned]
    repeated = {f for f in files if files.count(f) > 1}
    state = ids_of(index_dir) or frozenset()
    tally.check(
        part,
        len(state) >= expected.good,
        f"hostile corpus: {len(state)} articles, {expected.good} good ones expected",
    )
    tally.check(part, not repeated, f"hostile corpus: files reported more than once: {sorted(repeated)[:5]}")
    tally.note(
        part,
        f"hostile corpus: {expected.kinds} kinds of bad file, {len(warned)} warnings, {len(state)} articles; peak RSS {max(peak, before) / 1024:.0f} MB (largest process so far)",
    )


def hostile_query_run(tally: Tally, work: Path, module, index_dir: Path | None) -> None:
    """Every hostile query through the library's search, quotes and timeline, and the command."""
    part = "hostile"
    if index_dir is None:
        index_dir = work / "hostile-q-ix"
        assert (
            run(searcher_cmd("index", str(ROOT / "corpus"), "--index", str(index_dir), "-q")).returncode == 0
        )
    queries = module.HOSTILE_QUERIES
    slowest = (0.0, "")
    with searcher.Index.open(index_dir) as index:
        calls = {
            "search": lambda q: index.search(q, limit=10),
            "quotes": lambda q: index.quotes(q),
            "timeline": lambda q: index.timeline(q),
        }
        for query in queries:
            for name, call in calls.items():
                started = time.monotonic()
                try:
                    call(query)
                except searcher.QueryError:
                    pass
                except Exception as error:  # what this part looks for
                    tally.check(
                        part, False, f"library {name}: {query[:60]!r}: {type(error).__name__}: {error}"
                    )
                took = time.monotonic() - started
                slowest = max(slowest, (took, f"{name} {query[:60]!r}"))
                tally.check(part, took <= QUERY_BUDGET, f"library {name}: {query[:60]!r} took {took:.1f} s")
    for query in queries:
        if not _passable(query):
            continue
        started = time.monotonic()
        done = run(searcher_cmd("search", "--index", str(index_dir), "--", query), timeout=60)
        took = time.monotonic() - started
        ok = done.returncode in (0, 1, 2) and "Traceback" not in done.stderr
        tally.check(part, ok, f"cli: {query[:60]!r}: exit {done.returncode}: {done.stderr.strip()[-200:]}")
        tally.check(part, took <= QUERY_BUDGET, f"cli: {query[:60]!r} took {took:.1f} s")
        slowest = max(slowest, (took, f"cli {query[:60]!r}"))
    articles = len(searcher.Index.open(index_dir))
    tally.note(
        part,
        f"{len(queries)} hostile queries on {articles} articles (library search, quotes, timeline; CLI search); "
        f"slowest {slowest[0]:.2f} s ({slowest[1]})",
    )


def _passable(argument: str) -> bool:
    """Whether a process can be given this argument: bytes for every character, no NUL, and
    within Linux's limit on one argument (128 KiB)."""
    try:
        data = os.fsencode(argument)
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return b"\x00" not in data and len(data) < 128 * 1024


# -- 6. a full disk ---------------------------------------------------------------------------------------


def full_disk(tally: Tally, work: Path, shared: Path) -> None:
    part = "disk"
    mount = work / "small-disk"
    mount.mkdir()
    mounted = run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)]).returncode == 0
    folder = mount / "ix"
    try:
        assert run(searcher_cmd("index", str(ROOT / "corpus"), "--index", str(folder), "-q")).returncode == 0
        before = ids_of(folder)
        files = sorted(p.name for p in folder.iterdir())
        big = pages(shared, work)
        limit = None if mounted else _file_size_limit(2 * 2**20)
        for attempt in (1, 2):
            done = subprocess.run(
                searcher_cmd("index", str(big), "--index", str(folder), "-q"),
                capture_output=True,
                text=True,
                preexec_fn=limit,
            )
            lines = done.stderr.strip().splitlines()
            label = f"full disk ({'tmpfs' if mounted else 'RLIMIT_FSIZE'}), attempt {attempt}"
            tally.check(
                part,
                done.returncode == 1 and len(lines) == 1 and lines[0].startswith("searcher:"),
                f"{label}: exit {done.returncode}, said {done.stderr.strip()[-300:]!r}",
            )
            tally.check(part, ids_of(folder) == before, f"{label}: the index changed")
            tally.check(
                part, sorted(p.name for p in folder.iterdir()) == files, f"{label}: files left behind"
            )
        tally.note(part, f"full disk: {lines[0] if lines else '(nothing said)'}")
        if mounted:
            run(["mount", "-o", "remount,size=200m", str(mount)])
            again = run(searcher_cmd("index", str(big), "--index", str(folder), "-q"))
            tally.check(
                part,
                again.returncode == 0 and len(ids_of(folder) or ()) > len(before or ()),
                "with room again, the update did not succeed",
            )
    finally:
        if mounted:
            run(["umount", str(mount)])


def _file_size_limit(size: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


# -- main -----------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--random", type=int, default=30, help="kills at random moments")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="+", choices=PARTS)
    parser.add_argument(
        "--query-index", type=Path, help="run the hostile queries on this index (default: corpus/)"
    )
    options = parser.parse_args()
    if not become_subreaper():
        print("torture: cannot become a child subreaper (Linux only); leftover processes are not counted")
    work = options.work or Path(tempfile.mkdtemp(prefix="searcher-torture-"))
    work.mkdir(parents=True, exist_ok=True)
    parts = options.only or list(PARTS)
    rng = random.Random(options.seed)
    tally = Tally()
    started = time.monotonic()
    try:
        for part in parts:
            print(f"{part} …", flush=True)
            if part == "events":
                event_kills(tally, work)
            elif part == "random":
                random_kills(tally, work, options.shared, options.random, rng)
            elif part == "searches":
                searches_during_updates(tally, work, options.shared)
            elif part == "writers":
                two_writers(tally, work, options.shared)
            elif part == "hostile":
                hostile(tally, work, options.query_index)
            elif part == "disk":
                full_disk(tally, work, options.shared)
            elif part == "shards":
                event_kills(tally, work, SHARDS)
                two_writers(tally, work, options.shared, SHARDS)
                searches_during_updates(tally, work, options.shared, SHARDS)
    finally:
        if options.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\ntorture: {time.monotonic() - started:.0f} s")
    print(f"{'part':<10} {'checks':>7} {'failed':>7}  notes")
    for part in parts:
        notes = "; ".join(tally.notes.get(part, []))
        print(f"{part:<10} {tally.checks.get(part, 0):>7} {len(tally.failures.get(part, [])):>7}  {notes}")
    failed = sum(len(f) for f in tally.failures.values())
    print("no loss" if not failed else f"{failed} failed checks")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
