"""Hostile input: no file hangs a run, exhausts memory, or costs the good articles beside it."""

from __future__ import annotations

import io
import os
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_corpus import HostileCorpus, write_hostile_corpus
from hypothesis import given
from hypothesis import strategies as st

import searcher.index
from searcher import Index
from searcher.cli.commands import cli
from searcher.parse import read_file
from searcher.parse.inputfiles import display_path, numbered_lines


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileCorpus:
    return write_hostile_corpus(tmp_path_factory.mktemp("hostile"))


def _missing(index: Index, ids: set[str]) -> set[str]:
    """The ids of `ids` that the index has no article for."""
    return {article_id for article_id in ids if index.get(article_id) is None}


def _reports_per_file(paths: list[str], corpus: HostileCorpus) -> Counter[str]:
    """How many reports each bad file got; a report about any other file fails the test."""
    bad = {display_path(str(p)): kind for kind, p in corpus.bad.items()}
    counts: Counter[str] = Counter()
    for path in paths:
        assert path in bad, f"a report about a file that is not bad: {path}"
        counts[bad[path]] += 1
    return counts


def _check_reports(counts: Counter[str], corpus: HostileCorpus) -> None:
    assert corpus.kinds >= 30
    assert {kind for kind, n in counts.items() if n > 1} == set()
    assert set(counts) == set(corpus.bad) - corpus.not_reported


def test_the_corpus_has_thirty_kinds_of_bad_file_and_says_what_is_good(hostile: HostileCorpus) -> None:
    assert hostile.kinds >= 30
    assert {"fifo", "symlink-loop", "gzip-bomb-jsonl", "nan-date", "undecodable-name"} <= set(hostile.bad)
    assert hostile.good == len(hostile.good_ids) > 40


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_good_article_is_indexed_and_each_bad_file_reported_once(
    hostile: HostileCorpus, tmp_path: Path, jobs: int
) -> None:
    with Index.create(tmp_path / "index") as index:
        report = index.update([hostile.folder], jobs=jobs)
        assert not _missing(index, hostile.good_ids)
        _check_reports(_reports_per_file([s.path for s in report.skipped], hostile), hostile)
        assert index.get("nan-date").date is None  # the bad field left empty, the article kept
        assert index.get("dup-id").title == "First copy"  # the first record with an id wins


def test_the_command_indexes_the_corpus_and_warns_once_per_bad_file(
    hostile: HostileCorpus, tmp_path: Path
) -> None:
    result = CliRunner().invoke(cli, ["index", str(hostile.folder), "--index", str(tmp_path / "ix"), "-q"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith("warning: skipped ") for line in lines)
    warned = [
        next(p for p in map(display_path, map(str, hostile.bad.values())) if f" {p}: " in line)
        for line in lines
    ]
    _check_reports(_reports_per_file(warned, hostile), hostile)
    with Index.open(tmp_path / "ix") as index:
        assert not _missing(index, hostile.good_ids)


def test_a_file_deleted_between_listing_and_reading_costs_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_hostile_corpus(tmp_path / "corpus")
    victim = corpus.folder / "good" / "story.txt"
    walk = searcher.index._walk

    def walk_then_delete(*args, **kwargs):
        found = walk(*args, **kwargs)
        victim.unlink()
        return found

    monkeypatch.setattr(searcher.index, "_walk", walk_then_delete)
    with Index.create(tmp_path / "index") as index:
        report = index.update([corpus.folder], jobs=1)
        assert [s.reason for s in report.skipped if s.path == str(victim)] == [
            "cannot read: No such file or directory"
        ]
        assert not _missing(index, corpus.good_ids - {"good/story.txt"})


def test_a_fifo_swapped_in_after_listing_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "late.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(searcher.ParseError, match="not a regular file"):
        read_file(fifo, tmp_path)
    html = tmp_path / "late.html"
    os.mkfifo(html)
    with pytest.raises(searcher.ParseError, match="not a regular file"):
        read_file(html, tmp_path)


def test_a_record_longer_than_the_limit_is_dropped_as_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searcher.parse, "MAX_RECORD_BYTES", 2**20)
    long = '{"id": "long", "title": "' + "x" * 2**20 + '"}'
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "title": "Before"}\n' + long + '\n{"id": "b", "title": "After"}\n')
    articles, problems = read_file(feed, tmp_path)
    assert [a.id for a in articles] == ["a", "b"]
    assert [(p.path, p.reason) for p in problems] == [(f"{feed}:2", "record larger than 1 MiB")]


def test_bad_lines_past_the_first_twenty_are_counted_in_one_problem(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "title": "Good"}\n' + "{broken\n" * 30)
    articles, problems = read_file(feed, tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert len(problems) == 21
    assert problems[-1].reason == "10 more bad records (lines 22-31)"


def _lines_as_written(data: bytes, limit: int, first: int) -> list[tuple[int, bytes | None]]:
    found: list[tuple[int, bytes | None]] = []
    for number, line in enumerate(data.split(b"\n"), first):
        if len(line) > limit:
            found.append((number, None))
        elif line.strip():
            found.append((number, line))
    return found


@given(
    st.lists(
        st.sampled_from([b"\n", b"ab\n", b"{}\n", b"  \n", b"\r\n", b"xyzxyzxyzxyzxyz", b"q"]), max_size=40
    ),
    st.integers(3, 12),
    st.integers(1, 9),
)
def test_numbered_lines_reads_in_chunks_what_splitting_the_whole_reads(
    pieces: list[bytes], limit: int, chunk: int
) -> None:
    data = b"".join(pieces)
    import searcher.parse.inputfiles

    saved = searcher.parse.inputfiles.CHUNK_BYTES
    searcher.parse.inputfiles.CHUNK_BYTES = chunk
    try:
        got = list(numbered_lines(io.BufferedReader(io.BytesIO(data)), limit, 1))
    finally:
        searcher.parse.inputfiles.CHUNK_BYTES = saved
    assert got == _lines_as_written(data, limit, 1)


@pytest.mark.slow
def test_big_hostile_files_are_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    corpus = write_hostile_corpus(tmp_path / "corpus", large=True)
    with Index.create(tmp_path / "index") as index:
        report = index.update([corpus.folder], jobs=2)
        assert not _missing(index, corpus.good_ids)
        counts = _reports_per_file([s.path for s in report.skipped], corpus)
        _check_reports(counts, corpus)
        reasons = {s.path: s.reason for s in report.skipped}
        assert "larger than 32 MiB" in reasons[str(corpus.bad["50-mb-page"])]
        assert "binary data" in reasons[str(corpus.bad["gzip-bomb-4gib"])]
        assert "decompression bomb" in reasons[str(corpus.bad["gzip-bomb-newlines-1gib"])]
