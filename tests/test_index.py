"""The on-disk index: opening, incremental updates, add/get, statistics, interruptions and locks."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import shutil
import warnings
from pathlib import Path

import pytest
from conftest import CORPUS_FILES, EXPECTED, write_corpus

import searcher.engine.bulkwriter
import searcher.index
from searcher import (
    Article,
    Index,
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    Progress,
    Quote,
    SearcherError,
)

N_ARTICLES = len(EXPECTED)
N_FILES = len(CORPUS_FILES)


def ids(index: Index, query: str) -> set[str]:
    return {hit.id for hit in index.search(query, limit=100)}


def touch_later(path: Path, seconds: int = 10) -> None:
    """Move a file's modification time forward, so a change is seen whatever the clock's resolution."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


# -- opening and creating ---------------------------------------------------------------------------------


def test_open_missing(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError, match="no index at") as caught:
        Index.open(tmp_path / "nowhere")
    assert caught.value.path == str(tmp_path / "nowhere")


def test_open_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError):
        Index.open(tmp_path)


def test_create_then_open(tmp_path: Path) -> None:
    with Index.create(tmp_path / "new" / "index") as index:
        assert len(index) == 0
        assert index.search("anything").total == 0
    with Index.open(tmp_path / "new" / "index") as index:
        assert len(index) == 0


def test_create_over_an_existing_index_is_refused(tmp_path: Path) -> None:
    Index.create(tmp_path / "index").close()
    with pytest.raises(SearcherError, match="already exists"):
        Index.create(tmp_path / "index")


def test_open_or_create(tmp_path: Path, own_corpus: Path) -> None:
    with Index.open_or_create(tmp_path / "index") as index:
        assert len(index) == 0
        index.update([own_corpus], jobs=1)
    with Index.open_or_create(tmp_path / "index") as index:
        assert len(index) == N_ARTICLES


def test_corrupt_index(tmp_path: Path) -> None:
    Index.create(tmp_path / "index").close()
    for toc in (tmp_path / "index").glob("*.toc"):
        toc.write_bytes(b"this is not a table of contents")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # Whoosh leaves the damaged file open
        with pytest.raises(IndexCorruptError, match="cannot read the index"):
            Index.open(tmp_path / "index")
        with pytest.raises(IndexCorruptError):
            Index.open_or_create(tmp_path / "index")
        with pytest.raises(SearcherError, match="already exists"):
            Index.create(tmp_path / "index")
        gc.collect()


# -- updating --------------------------------------------------------------------------------------------


def test_first_update_adds_everything(tmp_path: Path, own_corpus: Path) -> None:
    with Index.create(tmp_path / "index") as index:
        report = index.update([own_corpus], jobs=1)
        assert report.added == N_ARTICLES
        assert (report.updated, report.removed) == (0, 0)
        assert report.files_seen == report.files_parsed == N_FILES
        assert report.files_unchanged == 0
        assert report.skipped == []
        assert report.total == len(index) == N_ARTICLES
        assert {hit.id for hit in index.search("*", limit=100)} == set(EXPECTED)


def test_second_update_parses_nothing(own_index: Index, own_corpus: Path) -> None:
    report = own_index.update([own_corpus], jobs=1)
    assert report.files_parsed == 0
    assert report.files_unchanged == report.files_seen == N_FILES
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert report.total == N_ARTICLES


def test_edited_file_is_updated(own_index: Index, own_corpus: Path) -> None:
    assert ids(own_index, "giraffe") == {"txt/zoo.txt"}
    file = own_corpus / "txt" / "zoo.txt"
    file.write_text(file.read_text().replace("giraffe", "okapi"))
    touch_later(file)
    report = own_index.update([own_corpus], jobs=1)
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert report.files_parsed == 1
    assert report.files_unchanged == N_FILES - 1
    assert ids(own_index, "okapi") == {"txt/zoo.txt"}
    assert ids(own_index, "giraffe") == {"txt/zoo.txt"}  # the title still says Giraffe
    assert ids(own_index, "body:giraffe") == set()
    assert len(own_index) == N_ARTICLES


def test_records_dropped_from_an_edited_file_are_removed(own_index: Index, own_corpus: Path) -> None:
    feed = own_corpus / "records" / "feed.jsonl"
    lines = feed.read_text().splitlines(keepends=True)
    feed.write_text("".join(lines[:2]))
    touch_later(feed)
    report = own_index.update([own_corpus], jobs=1)
    assert (report.added, report.updated, report.removed) == (0, 2, 2)
    assert own_index.get("metro-2019-004") is None
    assert own_index.get("metro-2015-001") is not None
    assert len(own_index) == N_ARTICLES - 2


def test_touched_file_is_not_parsed_again(own_index: Index, own_corpus: Path) -> None:
    touch_later(own_corpus / "txt" / "zoo.txt")
    report = own_index.update([own_corpus], jobs=1)
    assert report.files_parsed == 0
    assert report.files_unchanged == N_FILES
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert ids(own_index, "giraffe") == {"txt/zoo.txt"}


def test_deleted_file_is_removed(own_index: Index, own_corpus: Path) -> None:
    (own_corpus / "records" / "feed.jsonl").unlink()
    report = own_index.update([own_corpus], jobs=1)
    assert report.removed == 4
    assert report.files_seen == N_FILES - 1
    assert report.files_parsed == 0
    assert len(own_index) == N_ARTICLES - 4
    assert own_index.get("metro-2015-001") is None
    assert ids(own_index, "subway") == set()


def test_deleted_folder_is_removed(own_index: Index, own_corpus: Path) -> None:
    shutil.rmtree(own_corpus / "txt")
    report = own_index.update([own_corpus], jobs=1)
    assert report.removed == 5
    assert len(own_index) == N_ARTICLES - 5


def test_new_file_is_added(own_index: Index, own_corpus: Path) -> None:
    (own_corpus / "txt" / "comet.txt").write_text("Comet Seen Over Harbor\n\nAstronomers spotted a comet.\n")
    report = own_index.update([own_corpus], jobs=1)
    assert (report.added, report.updated, report.removed) == (1, 0, 0)
    assert report.files_parsed == 1
    assert ids(own_index, "comet") == {"txt/comet.txt"}


def test_other_roots_are_left_alone(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "first")
    second = tmp_path / "second"
    second.mkdir()
    (second / "comet.txt").write_text("Comet Seen Over Harbor\n\nAstronomers spotted a comet.\n")
    with Index.create(tmp_path / "index") as index:
        index.update([first], jobs=1)
        report = index.update([second], jobs=1)
        assert (report.added, report.removed) == (1, 0)
        assert len(index) == N_ARTICLES + 1
        # Gone from the first root, but only the second is updated: nothing is removed.
        (first / "txt" / "zoo.txt").unlink()
        report = index.update([second], jobs=1)
        assert (report.added, report.updated, report.removed) == (0, 0, 0)
        assert index.get("txt/zoo.txt") is not None
        # Updating the first root sees it go, and keeps the second root's article.
        report = index.update([first], jobs=1)
        assert report.removed == 1
        assert index.get("txt/zoo.txt") is None
        assert index.get("comet.txt") is not None
        assert len(index) == N_ARTICLES


def test_a_single_file_as_root(tmp_path: Path, own_corpus: Path) -> None:
    with Index.create(tmp_path / "index") as index:
        report = index.update([own_corpus / "txt" / "zoo.txt"], jobs=1)
        assert report.added == 1
        assert index.get("zoo.txt") is not None


def test_rebuild(own_index: Index, own_corpus: Path) -> None:
    own_index.add([Article(id="manual-1", title="Hand Written", body="Typed by hand.")])
    report = own_index.update([own_corpus], rebuild=True, jobs=1)
    assert report.files_parsed == N_FILES
    assert report.added == N_ARTICLES
    assert report.total == len(own_index) == N_ARTICLES
    assert own_index.get("manual-1") is None, "a rebuild replaces the whole index"
    again = own_index.update([own_corpus], jobs=1)
    assert again.files_parsed == 0


def test_bad_file_is_skipped_and_the_run_goes_on(tmp_path: Path, own_corpus: Path) -> None:
    (own_corpus / "txt" / "photo.txt").write_bytes(bytes(range(256)) * 8)
    (own_corpus / "records" / "broken.json").write_text("{not json")
    with Index.create(tmp_path / "index") as index:
        report = index.update([own_corpus], jobs=1)
        assert report.added == N_ARTICLES
        reasons = {Path(s.path).name: s.reason for s in report.skipped}
        assert set(reasons) == {"photo.txt", "broken.json"}
        assert "binary" in reasons["photo.txt"]
        assert "not JSON" in reasons["broken.json"]
        assert report.to_dict()["skipped"] == [
            {"path": s.path, "reason": s.reason, "kind": "other"} for s in report.skipped
        ]


def test_a_file_that_turns_bad_keeps_its_previous_version(own_index: Index, own_corpus: Path) -> None:
    file = own_corpus / "txt" / "zoo.txt"
    file.write_bytes(b"\x00" * 500)
    touch_later(file)
    report = own_index.update([own_corpus], jobs=1)
    assert [Path(s.path).name for s in report.skipped] == ["zoo.txt"]
    assert "previously indexed version is kept" in report.skipped[0].reason
    assert ids(own_index, "giraffe") == {"txt/zoo.txt"}


def test_broken_record_is_skipped_and_the_others_indexed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feed.jsonl").write_text(
        '{"id": "a", "title": "Alpha"}\n{oops\n{"id": "c", "title": "Gamma"}\n'
    )
    with Index.create(tmp_path / "index") as index:
        report = index.update([corpus], jobs=1)
        assert report.added == 2
        assert [(Path(s.path).name, "not JSON" in s.reason) for s in report.skipped] == [("feed.jsonl", True)]
        assert {index.get("a").title, index.get("c").title} == {"Alpha", "Gamma"}


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps({"id": "same", "title": "From A", "body": "alpha"}) + "\n")
    (corpus / "b.jsonl").write_text(json.dumps({"id": "same", "title": "From B", "body": "beta"}) + "\n")
    with Index.create(tmp_path / "index") as index:
        report = index.update([corpus], jobs=1)
        assert report.added == 1
        assert len(report.skipped) == 1
        assert Path(report.skipped[0].path).name == "b.jsonl"
        assert "duplicate id 'same'" in report.skipped[0].reason
        assert index.get("same").title == "From A"
        assert len(index) == 1


def test_duplicate_of_an_already_indexed_id(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps({"id": "same", "title": "From A"}) + "\n")
    with Index.create(tmp_path / "index") as index:
        index.update([corpus], jobs=1)
        (corpus / "b.jsonl").write_text(json.dumps({"id": "same", "title": "From B"}) + "\n")
        report = index.update([corpus], jobs=1)
        assert report.added == 0
        assert [Path(s.path).name for s in report.skipped] == ["b.jsonl"]
        assert "duplicate id" in report.skipped[0].reason
        assert index.get("same").title == "From A"
        # Once the first file is gone, the id moves to the other file.
        (corpus / "a.jsonl").unlink()
        touch_later(corpus / "b.jsonl")
        (corpus / "b.jsonl").write_text(json.dumps({"id": "same", "title": "From B again"}) + "\n")
        report = index.update([corpus], jobs=1)
        assert index.get("same").title == "From B again"
        assert len(index) == 1


def test_missing_and_empty_paths(own_index: Index, tmp_path: Path) -> None:
    with pytest.raises(SearcherError, match="no such file"):
        own_index.update([tmp_path / "nowhere"])
    with pytest.raises(SearcherError, match="no paths"):
        own_index.update([])
    assert len(own_index) == N_ARTICLES


def test_progress_is_reported(tmp_path: Path, own_corpus: Path) -> None:
    calls: list[Progress] = []
    with Index.create(tmp_path / "index") as index:
        index.update([own_corpus], jobs=1, progress=calls.append)
    assert [(p.files_done, p.files_total) for p in calls] == [(n, N_FILES) for n in range(1, N_FILES + 1)]
    assert [p.articles for p in calls] == sorted(p.articles for p in calls)
    assert calls[-1].articles == N_ARTICLES
    fractions = [p.fraction for p in calls]
    assert fractions == sorted(fractions) and fractions[0] > 0 and fractions[-1] == pytest.approx(1.0)


def test_progress_of_a_large_jsonl_file_counts_its_articles_part_by_part(tmp_path: Path, monkeypatch) -> None:
    import searcher.write.ingest as ingest

    monkeypatch.setattr(ingest, "PART_LINES", 50)
    monkeypatch.setattr(ingest, "PART_MIN_BYTES", 1)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            f'{{"id": "a{n}", "title": "Story {n}", "text": "Words of story {n}."}}\n' for n in range(200)
        )
    )
    calls: list[Progress] = []
    with Index.create(tmp_path / "index") as index:
        index.update([feed], jobs=1, progress=calls.append)
    assert [p.articles for p in calls] == [50, 100, 150, 200]
    assert [p.fraction for p in calls] == pytest.approx([0.25, 0.5, 0.75, 1.0])


def test_update_in_worker_processes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(30):
        (corpus / f"story{n:02}.txt").write_text(f"Story Number {n}\n\nWord{n} appears only here.\n")
    with Index.create(tmp_path / "index") as index:
        report = index.update([corpus], jobs=2)
        assert report.added == 30
        assert ids(index, "word17") == {"story17.txt"}


# -- add, get, len ----------------------------------------------------------------------------------------


def test_add_get_len(tmp_path: Path) -> None:
    article = Article(
        id="manual-1",
        title="Hand Written Note",
        body="Typed by hand.\n\n“It took an hour,” Jane Roe said.",
        date=dt.datetime(2018, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        byline=["Jane Roe", "John Doe"],
        source="Desk Notes",
        url="https://notes.example.com/1",
        path="/somewhere/note.txt",
        quotes=[Quote("It took an hour,", "Jane Roe", 17, 34)],
    )
    with Index.create(tmp_path / "index") as index:
        assert index.add([article]) == 1
        assert len(index) == 1
        assert index.get("manual-1") == article
        assert index.get("missing") is None
        replacement = Article(id="manual-1", title="Rewritten Note", body="Again.")
        assert index.add([replacement]) == 1
        assert len(index) == 1
        assert index.get("manual-1") == replacement
        assert ids(index, "rewritten") == {"manual-1"}
        assert ids(index, "hour") == set()
    assert "Index(" in repr(Index.open(tmp_path / "index"))


def test_add_needs_an_id(tmp_path: Path) -> None:
    with Index.create(tmp_path / "index") as index:
        with pytest.raises(SearcherError, match="needs an id"):
            index.add([Article(id="ok", title="Fine"), Article(id="", title="No id")])
        assert len(index) == 0, "nothing of a failed add is kept"


def test_get_gives_back_what_was_parsed(built_index: Index, corpus_dir: Path) -> None:
    from searcher import parse_path

    for article in parse_path(corpus_dir):
        assert built_index.get(article.id) == article


def test_len(built_index: Index) -> None:
    assert len(built_index) == N_ARTICLES


# -- statistics --------------------------------------------------------------------------------------------


def test_stats(built_index: Index) -> None:
    stats = built_index.stats()
    assert stats.articles == N_ARTICLES
    assert stats.files == N_FILES
    assert stats.first_date == dt.date(2015, 3, 3)
    assert stats.last_date == dt.date(2019, 6, 18)
    assert stats.sources[0] == ("Metro Wire", 4)
    assert dict(stats.sources) == {
        "Metro Wire": 4,
        "Lakeside Daily": 2,
        "Summit Times": 2,
        "Riverton Courier": 1,
        "Harbor Gazette": 1,
        "Coastal Post": 1,
    }
    assert dict(built_index.stats(top=100).bylines) == {
        "Tom Whitaker": 2,
        "Priya Raman": 2,
        "Maria Okafor": 2,
        "Lena Fischer": 2,
        "Helen Cho": 2,
        "Sam Iverson": 2,
        "Jane Roe": 1,
        "Omar Haddad": 1,
    }
    assert len(built_index.stats(top=3).bylines) == 3
    assert stats.size_bytes > 0
    data = stats.to_dict()
    assert data["articles"] == N_ARTICLES
    assert data["first_date"] == "2015-03-03"
    assert data["sources"][0] == {"name": "Metro Wire", "articles": 4}


def test_stats_of_an_empty_index(tmp_path: Path) -> None:
    with Index.create(tmp_path / "index") as index:
        stats = index.stats()
    assert (stats.articles, stats.files, stats.first_date, stats.last_date) == (0, 0, None, None)
    assert (stats.sources, stats.bylines) == ([], [])


# -- interruptions and locks ---------------------------------------------------------------------------------


def test_interrupted_update_leaves_the_index_as_it_was(
    tmp_path: Path, own_index: Index, own_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = own_index.stats()
    (own_corpus / "txt" / "comet.txt").write_text("Comet Seen Over Harbor\n\nAstronomers spotted a comet.\n")
    (own_corpus / "records" / "feed.jsonl").unlink()
    zoo = own_corpus / "txt" / "zoo.txt"
    zoo.write_text(zoo.read_text().replace("giraffe", "okapi"))
    touch_later(zoo)

    real = searcher.engine.bulkwriter.BulkWriter.add_batch
    written: list[str] = []

    def interrupt_after_one(writer, batch, groups):
        if written:
            raise KeyboardInterrupt
        written.extend(batch.ids)
        return real(writer, batch, groups)

    monkeypatch.setattr(searcher.engine.bulkwriter.BulkWriter, "add_batch", interrupt_after_one)
    with pytest.raises(KeyboardInterrupt):
        own_index.update([own_corpus], jobs=1)
    assert written, "the interruption came after some documents were written"
    monkeypatch.undo()

    def check(index: Index) -> None:
        assert len(index) == N_ARTICLES
        after = index.stats()
        assert (after.articles, after.files, after.sources, after.bylines) == (
            before.articles,
            before.files,
            before.sources,
            before.bylines,
        )
        assert (after.first_date, after.last_date) == (before.first_date, before.last_date)
        assert ids(index, "comet") == set()
        assert ids(index, "okapi") == set()
        assert ids(index, "subway") == {"metro-2015-001"}

    check(own_index)
    with Index.open(own_index.path) as reopened:
        check(reopened)
    # The lock was released: a later update goes through and does all the work.
    report = own_index.update([own_corpus], jobs=1)
    assert (report.added, report.updated, report.removed) == (1, 1, 4)
    assert ids(own_index, "comet") == {"txt/comet.txt"}
    assert ids(own_index, "okapi") == {"txt/zoo.txt"}


def test_interrupted_add_leaves_the_index_as_it_was(
    own_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    def articles():
        yield Article(id="first", title="First Extra")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        own_index.add(articles())
    assert len(own_index) == N_ARTICLES
    assert own_index.get("first") is None
    assert own_index.add([Article(id="second", title="Second Extra")]) == 1


def test_a_held_writer_locks_the_index(own_index: Index, own_corpus: Path, tmp_path: Path) -> None:
    (own_corpus / "txt" / "comet.txt").write_text("Comet Seen Over Harbor\n\nAstronomers spotted a comet.\n")
    writer = own_index._ix.writer()
    try:
        with pytest.raises(IndexLockedError, match="locked") as caught:
            own_index.update([own_corpus], jobs=1)
        assert caught.value.path == str(own_index.path)
        with pytest.raises(IndexLockedError):
            own_index.add([Article(id="x", title="X")])
        with Index.open(own_index.path) as other, pytest.raises(IndexLockedError):
            other.update([own_corpus], jobs=1)
        assert ids(own_index, "giraffe") == {"txt/zoo.txt"}, "reading goes on while locked"
    finally:
        writer.cancel()
    assert own_index.update([own_corpus], jobs=1).added == 1


def test_a_file_cannot_take_the_id_of_an_added_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps({"id": "same", "title": "From A"}) + "\n")
    with Index.create(tmp_path / "index") as index:
        index.add([Article(id="same", title="Added By Hand")])
        report = index.update([corpus], jobs=1)
        assert report.added == 0
        assert [s.reason for s in report.skipped] == [
            "duplicate id 'same', already in the index (added with Index.add)"
        ]
        assert index.get("same").title == "Added By Hand"


def test_a_dangling_link_is_skipped(tmp_path: Path, own_corpus: Path) -> None:
    link = own_corpus / "txt" / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with Index.create(tmp_path / "index") as index:
        report = index.update([own_corpus], jobs=1)
        assert report.added == N_ARTICLES
        assert [(s.path, s.reason) for s in report.skipped] == [
            (str(link), "cannot read: a symlink to nothing")
        ]
        # A file that was indexed and then cannot be read keeps its articles.
        zoo = own_corpus / "txt" / "zoo.txt"
        zoo.rename(tmp_path / "zoo.txt")
        zoo.symlink_to(tmp_path / "elsewhere.txt")
        report = index.update([own_corpus], jobs=1)
        reasons = {s.path: s.reason for s in report.skipped}
        assert "previously indexed version is kept" in reasons[str(zoo)]
        assert reasons[str(link)] == "cannot read: a symlink to nothing"
        assert index.get("txt/zoo.txt") is not None
