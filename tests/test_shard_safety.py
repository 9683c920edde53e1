"""A sharded index keeps the promises of one index, for the whole index: a writer killed at any
moment leaves every shard at the old state or every shard at the new one (never a mix), a plain
re-run completes the update, what killed writers left is removed by the next one; a second writer
is refused in one line or waits; a reader keeps reading the state it opened."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import searcher.shards as shards_module
from searcher import Index, IndexCorruptError, IndexLockedError, IndexNotFoundError, SearcherError
from searcher.cli import cli
from searcher.shards import (
    MANIFEST,
    ShardedIndex,
    leftovers,
    open_shard,
    read_manifest,
    shard_folder,
    shard_of,
)

SHARDS = 3
WORDS = "harbor council budget ferry bridge school river market museum garden station library".split()


def write_corpus(folder: Path, count: int = 12) -> None:
    """`count` one-article text files, article n about WORDS[n] (and "story", shared by all)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        word = WORDS[n % len(WORDS)]
        text = f"The {word.title()} Story {n}\n\nA story about the {word} number {n}, told in full.\n"
        (folder / f"story-{n:02d}.txt").write_text(text, encoding="utf-8")


def change_corpus(folder: Path) -> None:
    """An update's worth of changes: a file added, one changed, one removed."""
    (folder / "zanzibar.txt").write_text(
        "Zanzibar Ferries\n\nThe Zanzibar ferries sailed.\n", encoding="utf-8"
    )
    changed = folder / "story-01.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA quokka was seen.\n", encoding="utf-8")
    (folder / "story-02.txt").unlink()


def ids(folder: Path) -> frozenset[str]:
    """The ids of every article the index at `folder` opens to."""
    with Index.open(folder) as index:
        reader = index._get_searcher().reader()
        if reader.doc_count() == 0:
            return frozenset()
        column = reader.column_reader("id")
        return frozenset(column[docnum] for docnum in reader.all_doc_ids())


def words_found(folder: Path) -> tuple[int, int]:
    """How many articles say "zanzibar", and how many "quokka": both 0 before the update, 1 after."""
    with Index.open(folder) as index:
        return index.search("zanzibar").total, index.search("quokka").total


@pytest.fixture
def sharded(tmp_path: Path) -> tuple[Path, Path]:
    """A sharded index of SHARDS shards over a small corpus, and the corpus."""
    corpus, folder = tmp_path / "corpus", tmp_path / "ix"
    write_corpus(corpus)
    with ShardedIndex.create(folder, SHARDS) as index:
        index.update([corpus], jobs=1)
    return folder, corpus


def killed_update(folder: Path, corpus: Path, hook: str) -> None:
    """`update` of the index at `folder` in another process that dies (os._exit: no clean-up, as
    SIGKILL) where `hook` says, after patching."""
    code = (
        "import os, searcher.shards as shards\n"
        "from searcher.engine.bulkwriter import BulkWriter\n"
        f"{hook}\n"
        f"index = shards.ShardedIndex.open({str(folder)!r})\n"
        f"index.update([{str(corpus)!r}], jobs=1)\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 137, done.stderr


# The second shard's writer never commits: the first has written its new generation.
BETWEEN_SHARDS = """
real, commits = BulkWriter.commit, []
def commit(self, *args, **kwargs):
    commits.append(self)
    if len(commits) == 2:
        os._exit(137)
    return real(self, *args, **kwargs)
BulkWriter.commit = commit
"""
# The manifest is replaced, the old generations' files are not removed yet.
AFTER_THE_MANIFEST = """
real = shards._write_manifest
def write(*args, **kwargs):
    real(*args, **kwargs)
    os._exit(137)
shards._write_manifest = write
"""


def test_an_update_killed_between_two_shards_commits_opens_at_the_old_state_everywhere(
    sharded: tuple[Path, Path],
) -> None:
    folder, corpus = sharded
    old, manifest = ids(folder), read_manifest(folder)
    change_corpus(corpus)
    killed_update(folder, corpus, BETWEEN_SHARDS)
    assert read_manifest(folder) == manifest
    assert ids(folder) == old and words_found(folder) == (0, 0)
    left = leftovers(folder, manifest)
    assert any(name.startswith("shard-000/_MAIN_") for name in left), left  # shard 0's new generation
    with Index.open(folder) as index:  # a plain re-run, no rebuild
        report = index.update([corpus], jobs=1)
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert words_found(folder) == (1, 1) and len(ids(folder)) == len(old)
    assert leftovers(folder, read_manifest(folder)) == []


def test_an_update_killed_just_after_the_manifest_opens_at_the_new_state_everywhere(
    sharded: tuple[Path, Path],
) -> None:
    folder, corpus = sharded
    before = read_manifest(folder)
    change_corpus(corpus)
    killed_update(folder, corpus, AFTER_THE_MANIFEST)
    after = read_manifest(folder)
    assert after["generations"] == [g + 1 for g in before["generations"]]
    assert words_found(folder) == (1, 1)
    assert leftovers(folder, after)  # the old generations' files: the next writer's to remove
    with Index.open(folder) as index:
        report = index.update([corpus], jobs=1)
    assert report.files_parsed == 0 and words_found(folder) == (1, 1)
    assert leftovers(folder, read_manifest(folder)) == []


def test_a_reader_opening_during_a_sharded_commit_sees_the_old_state_in_every_shard(
    sharded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At the last moment before the commit point every shard's new generation is on disk; an
    index opened then reads the old one in every shard."""
    folder, corpus = sharded
    old, before = ids(folder), read_manifest(folder)["generations"]
    change_corpus(corpus)
    seen = []
    real = shards_module._write_manifest

    def look_first(where: Path, manifest: dict) -> None:
        newest = [
            shards_module.index_leftovers.latest_generation(shard_folder(folder, n)) for n in range(SHARDS)
        ]
        seen.append((newest, ids(folder), words_found(folder)))
        real(where, manifest)

    monkeypatch.setattr(shards_module, "_write_manifest", look_first)
    with Index.open(folder) as index:
        index.update([corpus], jobs=1)
    [(newest, during, found)] = seen
    assert newest == [g + 1 for g in before] == read_manifest(folder)["generations"]  # on disk already
    assert during == old and found == (0, 0)
    assert words_found(folder) == (1, 1)


def test_a_failed_sharded_commit_leaves_the_old_state_and_no_files(
    sharded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk at the manifest: every shard's new generation is removed again."""
    folder, corpus = sharded
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    old, manifest = ids(folder), read_manifest(folder)
    change_corpus(corpus)

    def full_disk(*_args, **_kwargs) -> None:
        raise OSError(28, "No space left on device", str(folder / MANIFEST))

    monkeypatch.setattr(shards_module, "_write_manifest", full_disk)
    with Index.open(folder) as index, pytest.raises(SearcherError, match="No space left on device"):
        index.update([corpus], jobs=1)
    assert read_manifest(folder) == manifest and ids(folder) == old
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == files


def test_the_next_writer_removes_what_killed_writers_left(sharded: tuple[Path, Path]) -> None:
    folder, corpus = sharded
    manifest = read_manifest(folder)
    generation = manifest["generations"][1]
    planted = {
        f"shard-001/_MAIN_{generation + 1}.toc",  # a newer generation the manifest never named
        f"shard-001/_MAIN_{generation + 1}.toc.1733400000.5",
        "shard-002/MAIN_zz0rphan0000000.seg",
        f".{MANIFEST}.999999",
    }
    for name in planted:
        (folder / name).write_bytes(b"left over")
    assert set(leftovers(folder, manifest)) == planted
    old = ids(folder)  # a reader is not misled by a newer table of contents than the manifest's
    with Index.open(folder) as index:
        assert index.update([corpus], jobs=1).files_parsed == 0
    assert leftovers(folder, read_manifest(folder)) == [] and not any((folder / n).exists() for n in planted)
    assert ids(folder) == old


def test_a_second_writer_on_a_sharded_index_is_refused_or_waits(sharded: tuple[Path, Path]) -> None:
    """Any shard's lock held (here the second's) stops the whole update: nothing is written."""
    folder, corpus = sharded
    change_corpus(corpus)
    manifest = read_manifest(folder)
    with Index.open(folder) as holder, Index.open(folder) as index:
        lock = holder.shards[1]._ix.lock("WRITELOCK")
        assert lock.acquire()
        releaser = threading.Timer(0.5, lock.release)
        try:
            with pytest.raises(IndexLockedError, match=f"index at {folder} is locked"):
                index.update([corpus], jobs=1)
            assert read_manifest(folder) == manifest
            result = CliRunner().invoke(cli, ["index", str(corpus), "--index", str(folder), "-j", "1", "-q"])
            assert result.exit_code == 1
            lines = result.output.strip().splitlines()
            assert len(lines) == 1 and "locked" in lines[0], result.output
            releaser.start()
            report = index.update([corpus], jobs=1, wait=30)  # waits for the lock's release
        finally:
            if releaser.is_alive() or releaser.finished.is_set():
                releaser.join()  # the lock is released by it
            else:
                lock.release()
    assert report.added == 1 and words_found(folder) == (1, 1)


def test_a_reader_keeps_reading_what_it_opened_and_sees_the_next_commit(sharded: tuple[Path, Path]) -> None:
    folder, corpus = sharded
    with Index.open(folder) as reader:
        opened = reader._get_searcher()  # a search under way when another process commits
        docnums = list(opened.reader().all_doc_ids())
        old = {opened.stored_fields(d)["id"] for d in docnums}
        change_corpus(corpus)
        with Index.open(folder) as writer:
            writer.update([corpus], rebuild=True, jobs=1)  # every segment replaced, old files removed
        assert {opened.stored_fields(d)["id"] for d in docnums} == old
        assert all(opened.stored_fields(d).get("body") for d in docnums)
        assert reader.search("zanzibar").total == 1  # a new search reads the new manifest
        assert len(reader) == len(old)


def test_a_sharded_creation_cut_short_is_no_index_and_is_made_again(tmp_path: Path) -> None:
    corpus, folder = tmp_path / "corpus", tmp_path / "ix"
    write_corpus(corpus)
    Index.create(shard_folder(folder, 0)).close()  # the first shard made, the process killed
    with pytest.raises(IndexNotFoundError):
        Index.open(folder)
    args = ["index", str(corpus), "--index", str(folder), "--shards", str(SHARDS), "-j", "1", "-q"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert len(ids(folder)) == 12 and read_manifest(folder)["shards"] == SHARDS


def test_a_format_1_manifest_is_read_and_the_next_commit_writes_format_2(sharded: tuple[Path, Path]) -> None:
    folder, corpus = sharded
    old = ids(folder)
    (folder / MANIFEST).write_text(
        json.dumps({"format": 1, "shards": SHARDS, "routing": shards_module.ROUTING})
    )
    assert ids(folder) == old
    change_corpus(corpus)
    with Index.open(folder) as index:
        index.update([corpus], jobs=1)
    assert read_manifest(folder)["format"] == shards_module.FORMAT == 2
    assert words_found(folder) == (1, 1)


def test_a_manifest_naming_a_generation_that_is_gone_is_refused_in_one_line(
    sharded: tuple[Path, Path],
) -> None:
    folder, _ = sharded
    manifest = read_manifest(folder)
    manifest["generations"][2] += 5
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(SearcherError, match="cannot read the index") as caught:
        Index.open(folder)
    assert "\n" not in str(caught.value)


def test_open_shard_reads_the_generation_its_manifest_names(sharded: tuple[Path, Path]) -> None:
    """A worker given a manifest reads that state of its shard; once a commit has replaced the
    manifest and cleared the old generations, the old manifest is refused and the new one read."""
    folder, corpus = sharded
    old = read_manifest(folder)
    with open_shard(folder, 1, old) as shard:
        before = len(shard)
    change_corpus(corpus)
    with Index.open(folder) as index:
        index.update([corpus], jobs=1)
    new = read_manifest(folder)
    with pytest.raises(IndexCorruptError):
        open_shard(folder, 1, old)
    with open_shard(folder, 1, new) as shard:
        assert shard._ix.latest_generation() == new["generations"][1] == old["generations"][1] + 1
        assert len(shard) == len([i for i in ids(folder) if shard_of(i, SHARDS) == 1]) >= before - 1


def test_searches_in_threads_during_commits_see_only_committed_states(sharded: tuple[Path, Path]) -> None:
    """Two threads read one open sharded index (counting, searching) while another writer commits
    article after article: every answer is one committed state's, none fails."""
    folder, corpus = sharded
    committed = {12}
    seen: list[int] = []
    problems: list[str] = []
    stop = threading.Event()

    with Index.open(folder) as reader:

        def read(ask) -> None:
            while not stop.wait(0.002):  # leaves the writer time to commit
                try:
                    seen.append(ask())
                except Exception as error:  # what this test looks for
                    problems.append(f"{type(error).__name__}: {error}")

        threads = [
            threading.Thread(target=read, args=(lambda: len(reader),)),
            threading.Thread(target=read, args=(lambda: reader.search("story", limit=1).total,)),
        ]
        for thread in threads:
            thread.start()
        try:
            with Index.open(folder) as writer:
                for n in range(4):
                    (corpus / f"extra-{n}.txt").write_text(
                        f"Extra Story {n}\n\nOne more story, number {n}.\n"
                    )
                    writer.update([corpus], jobs=1)
                    committed.add(len(writer))
        finally:
            stop.set()
            for thread in threads:
                thread.join()
    assert committed == {12, 13, 14, 15, 16}
    assert not problems, problems[:3]
    assert seen and set(seen) <= committed, sorted(set(seen) - committed)
