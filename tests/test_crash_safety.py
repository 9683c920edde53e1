"""An index survives what stops a write: a kill while it is created, leftovers of killed runs, a full
disk, a second writer, and the indexer's own death with workers running."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXPECTED

import searcher.index as index_module
from searcher import Index, IndexLockedError, IndexNotFoundError, SearcherError
from searcher.cli.commands import cli
from searcher.engine.bulkwriter import BulkWriter
from searcher.engine.leftovers import leftovers

N_ARTICLES = len(EXPECTED)


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")} - {"MAIN_WRITELOCK"}


def killed_at(tmp_path: Path, target: str) -> Path:
    """An index whose creation was killed (os._exit, as SIGKILL: no cleanup) when `target`
    (an attribute of searcher.index) was called."""
    folder = tmp_path / "ix"
    code = (
        "import os, searcher.index as m\n"
        f"setattr(m, {target!r}, lambda *a, **k: os._exit(137))\n"
        f"m.Index.create({str(folder)!r})\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 137, done.stderr
    return folder


@pytest.mark.parametrize("target", ["_write_version", "_create_in"])
def test_a_creation_cut_short_is_no_index_and_is_created_again(tmp_path: Path, target: str) -> None:
    folder = killed_at(tmp_path, target)
    with pytest.raises(IndexNotFoundError):
        Index.open(folder)
    result = CliRunner().invoke(cli, ["stats", "--index", str(folder)])
    assert result.exit_code == 1
    assert "no index at" in result.output and "older version" not in result.output
    with Index.open_or_create(folder) as index:
        assert len(index) == 0
    with Index.open(folder) as index:
        assert len(index) == 0


def test_an_index_left_half_created_by_an_older_version_is_created_again(tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    Index.create(folder).close()
    (folder / "searcher.json").unlink()  # the order older versions wrote in: contents first
    with pytest.raises(IndexNotFoundError):
        Index.open(folder)
    with Index.create(folder) as index:
        assert len(index) == 0
    assert json.loads((folder / "searcher.json").read_text())["schema"] == index_module.SCHEMA_VERSION


def plant_leftovers(folder: Path) -> set[str]:
    """Files as killed runs leave them: an unlisted segment, a half-written table of contents, an
    older one, the scratch folder and a half-written version file."""
    planted = {
        "MAIN_zz0rphan0000000.trm",
        "MAIN_zz0rphan0000000.pst",
        f"_MAIN_{index_module.latest_generation(folder) + 1}.toc.1733400000.5",
        "_MAIN_0.toc",
        "MAIN.tmp/abc.ctmp",
        f".searcher.json.{os.getpid()}",
    }
    for name in planted:
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(b"left over")
    return planted | {"MAIN.tmp"}


def test_a_run_that_changes_nothing_removes_what_killed_runs_left(own_index: Index, own_corpus: Path) -> None:
    clean = files_of(own_index.path)
    planted = plant_leftovers(own_index.path)
    assert set(leftovers(own_index.path, own_index._ix.storage)) == {n.split("/")[0] for n in planted}
    report = own_index.update([own_corpus], jobs=1)
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert files_of(own_index.path) == clean
    with Index.open(own_index.path) as again:
        assert len(again) == N_ARTICLES


def full_disk(path: str):
    def fail(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", path)

    return fail


def test_a_full_disk_fails_in_one_line_and_leaves_the_index_as_it_was(
    own_index: Index, own_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_of(own_index.path)
    (own_corpus / "txt" / "comet.txt").write_text("Comet Seen Over Harbor\n\nAstronomers spotted a comet.\n")
    monkeypatch.setattr(BulkWriter, "_commit_toc", full_disk(str(own_index.path / "_MAIN_9.toc")))
    for _ in range(2):  # a retry does not pile up files either
        with pytest.raises(SearcherError) as caught:
            own_index.update([own_corpus], jobs=1)
        message = str(caught.value)
        assert "\n" not in message
        assert "No space left on device" in message and str(own_index.path) in message
        assert files_of(own_index.path) == before
    with Index.open(own_index.path) as again:
        assert len(again) == N_ARTICLES
    monkeypatch.undo()
    assert own_index.update([own_corpus], jobs=1).added == 1


def test_the_cli_reports_a_full_disk_in_one_line(
    runner: CliRunner, own_index: Index, own_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (own_corpus / "txt" / "comet.txt").write_text("Comet Seen Over Harbor\n\nAstronomers spotted a comet.\n")
    monkeypatch.setattr(BulkWriter, "_commit_toc", full_disk(str(own_index.path / "_MAIN_9.toc")))
    result = runner.invoke(cli, ["index", str(own_corpus), "--index", str(own_index.path), "-j", "1", "-q"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("searcher:")]
    assert len(lines) == 1 and "No space left on device" in lines[0], result.output


def test_a_second_writer_waits_when_asked(own_index: Index, own_corpus: Path) -> None:
    (own_corpus / "txt" / "comet.txt").write_text("Comet Seen Over Harbor\n\nAstronomers spotted a comet.\n")
    lock = own_index._ix.lock("WRITELOCK")
    assert lock.acquire()
    try:
        with pytest.raises(IndexLockedError):
            own_index.update([own_corpus], jobs=1)  # by default: fail at once
        releaser = threading.Timer(0.5, lock.release)
        releaser.start()
        report = own_index.update([own_corpus], jobs=1, wait=30)
        releaser.join()
    finally:
        if releaser.is_alive():
            releaser.cancel()
            lock.release()
    assert report.added == 1


def test_the_cli_wait_option(runner: CliRunner, own_index: Index, own_corpus: Path) -> None:
    lock = own_index._ix.lock("WRITELOCK")
    assert lock.acquire()
    try:
        args = ["index", str(own_corpus), "--index", str(own_index.path), "-j", "1", "-q"]
        result = runner.invoke(cli, [*args, "--wait", "0.3"])
        assert result.exit_code == 1
        assert "locked" in result.output and "Traceback" not in result.output
    finally:
        lock.release()
    assert runner.invoke(cli, [*args, "--wait", "5"]).exit_code == 0


# -- the indexer killed with workers running ---------------------------------------------------


def write_big_jsonl(folder: Path, records: int) -> Path:
    """One JSONL file large enough to be parsed in parts by the workers."""
    folder.mkdir()
    words = "harbor council budget vote school teachers strike river flood bridge".split()
    with (folder / "news.jsonl").open("w") as out:
        for n in range(records):
            body = " ".join(words[(n + i) % len(words)] for i in range(120))
            paragraph = f'"We will rebuild the bridge {n}," said Mayor Ada Lee. {body}.'
            out.write(json.dumps({"id": f"r{n}", "title": f"Story {n} {words[n % 10]}", "body": paragraph}))
            out.write("\n")
    return folder


def descendants(pid: int) -> set[int]:
    """Every living process below `pid` (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.add(pid)
    return out


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc (Linux)")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_a_killed_indexer_and_the_index_survives(
    tmp_path: Path, how: signal.Signals
) -> None:
    corpus = write_big_jsonl(tmp_path / "corpus", 12000)
    folder = tmp_path / "ix"
    command = [
        sys.executable,
        "-m",
        "searcher",
        "index",
        str(corpus),
        "--index",
        str(folder),
        "-j",
        "2",
        "-q",
    ]
    scratch = tmp_path / "tmp"  # where the indexer's multiprocessing puts its scratch folder
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch))
    indexer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    helpers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(helpers) < 4 and time.monotonic() < deadline and indexer.poll() is None:
        helpers |= descendants(indexer.pid)  # resource tracker, fork server, two workers
        time.sleep(0.05)
    assert indexer.poll() is None, "the indexer ended before it could be killed"
    assert len(helpers) >= 3, helpers
    time.sleep(0.5)
    indexer.send_signal(how)
    _out, err = indexer.communicate(timeout=60)  # returns only when every holder of its pipes is gone
    deadline = time.monotonic() + 30
    while alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(helpers), "helper processes outlived the indexer"
    assert list(scratch.iterdir()) == [], "a scratch folder outlived the indexer"
    if how == signal.SIGTERM:
        assert indexer.returncode == 128 + signal.SIGTERM
        assert b"interrupted; the index is unchanged" in err
    with Index.open(folder) as index:
        assert len(index) == 0, "only the committed state is visible"
    with Index.open(folder) as index:
        report = index.update([corpus], jobs=2)
        assert report.total == 12000
        assert leftovers(folder, index._ix.storage) == []


def test_a_reader_opened_before_a_merge_reads_what_it_opened(own_index: Index, own_corpus: Path) -> None:
    opened = own_index._get_searcher()  # a search under way when another process commits
    docnums = list(opened.reader().all_doc_ids())
    with Index.open(own_index.path) as other:
        other.update([own_corpus], rebuild=True, jobs=1)  # every segment replaced, their files deleted
    stored = [opened.stored_fields(docnum) for docnum in docnums]
    assert all(fields.get("title") or fields.get("body") for fields in stored)
    assert len({fields["id"] for fields in stored}) == N_ARTICLES
    files = opened.reader().column_reader("file")
    assert all(files[docnum] for docnum in docnums)
