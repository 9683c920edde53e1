"""The fast indexing path: one-pass analysis, the in-memory segment writer, JSONL in parts."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import searcher.engine.bulkwriter
import searcher.write.ingest
from searcher import Index
from searcher.engine.analysis import (
    is_common,
    may_hold,
    prose_positions,
    prose_terms,
    prose_tokens,
    spelling_words,
    surface_words,
    text_analyzer,
    word_spans,
    word_tokens,
)
from searcher.engine.postings import CompactPositions, PackedValues
from searcher.engine.prepare import _id_fields, _name_fields, _plain_items
from searcher.engine.schema import build_schema

WORDY = st.lists(
    st.sampled_from([*"abcdefghij ABCDE éüİßÆ'’.,-/–—\n0123456789", "the ", "of ", "I ", "running ", "’s "]),
    max_size=120,
).map("".join)


def chain_terms(text: str) -> tuple[dict[str, list[tuple[int, int, int]]], set[str]]:
    """What Whoosh's analyzer chain makes of `text`, as `prose_terms` reports it."""
    analyzer = text_analyzer()
    found: dict[str, list[tuple[int, int, int]]] = {}
    for token in analyzer(text, positions=True, chars=True):
        found.setdefault(token.text, []).append((token.pos, token.startchar, token.endchar))
    return found, {token.text for token in analyzer(text, no_morph=True)}


@settings(max_examples=300)
@given(WORDY)
def test_one_pass_analysis_matches_the_analyzer_chain(text: str) -> None:
    assert prose_terms(text) == chain_terms(text)


@settings(max_examples=300)
@given(WORDY)
def test_the_quote_tokens_are_the_analyzer_chains_and_their_cheap_test_misses_none(text: str) -> None:
    chain = [
        (t.text, t.pos, t.startchar, t.endchar) for t in text_analyzer()(text, positions=True, chars=True)
    ]
    assert prose_tokens(text) == chain
    for term in {term for term, *_ in chain}:
        assert may_hold(text, frozenset([term, "zzzz"]))
    assert not may_hold(text, frozenset())


@settings(max_examples=300)
@given(WORDY)
@example("running b-E aa")  # a compound whose joined form is a common word ("be"): no position, no length
def test_the_writers_analysis_gives_the_same_positions_and_words(text: str) -> None:
    found, words = prose_terms(text)
    expected = {stem.encode("utf-8"): [p for p, _, _ in places] for stem, places in found.items()}
    # The length: the tokens that hold a position (not a compound's joined form) and are not
    # common words (function words, single characters), unless an abbreviation spells one ("U.S.").
    length = 0
    for surface in surface_words(text):
        tokens = word_tokens(surface)
        for k, (offset, word, _, _) in enumerate(tokens):
            joined = k == 1 and offset == 0
            named = len(tokens) == 1 and "." in surface
            length += not joined and (not is_common(word) or named)
    length = max(length, 1 if found else 0)
    for found, printed, found_length in (prose_positions(text), prose_positions(text, surface_words(text))):
        assert (found, found_length) == (expected, length)
        assert printed == set(surface_words(text))
        assert set(spelling_words(Counter(printed))) == words


NAMES = st.lists(
    st.sampled_from([*"abcXYZ éüİßÆ'’.,-\n09", "Ann Lee", "O'Brien ", "José ", "Dr. "]), max_size=40
).map("".join)


@settings(max_examples=300)
@given(NAMES)
def test_name_and_id_fields_are_indexed_as_whoosh_does(text: str) -> None:
    schema = build_schema()
    for name in ("byline", "speaker", "source", "id", "url", "file"):
        assert _plain_items(name, schema[name], text) == list(schema[name].index(text)), name
    assert "byline" in _name_fields() and "id" in _id_fields()


def test_one_pass_analysis_of_a_sentence() -> None:
    sentence = "The Mayor's office said the mayors were meeting."
    found, words = prose_terms(sentence)
    assert found["mayor"] == [(1, 4, 11), (5, 28, 34)]
    assert found["the"] == [(0, 0, 3), (4, 24, 27)]
    assert {"the", "mayor", "mayors"} <= words
    assert prose_positions(sentence)[2] == 5  # mayor, office, said, mayors, meeting
    assert len(CompactPositions().encode([7])) == 3


BOATS = "alder birch cedar dogwood elm fir ginkgo hazel ironwood juniper".split()


def write_records(path: Path, count: int) -> Path:
    lines = [
        json.dumps(
            {"id": f"r{n}", "title": f"Harbor report {n}", "body": f"The ferry {BOATS[n]} sailed at dawn."}
        )
        for n in range(count)
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_large_jsonl_file_is_parsed_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searcher.write.ingest, "PART_LINES", 3)
    monkeypatch.setattr(searcher.write.ingest, "PART_MIN_BYTES", 0)
    feed = write_records(tmp_path / "corpus" / "feed.jsonl", 10)
    parts = searcher.write.ingest.split_task(searcher.write.ingest.Task(str(feed), str(feed.parent), "x"))
    assert [t.lines for t in parts] == [(1, 4), (4, 7), (7, 10), (10, 13)]
    assert (parts[0].first, parts[-1].last) == (True, True)
    # Each part starts reading at its own byte offset and gets exactly its own records.
    assert [[a.id for a in searcher.write.ingest.parse_task(t).articles] for t in parts] == [
        ["r0", "r1", "r2"],
        ["r3", "r4", "r5"],
        ["r6", "r7", "r8"],
        ["r9"],
    ]
    with Index.create(tmp_path / "index") as index:
        report = index.update([feed.parent], jobs=1)
        assert (report.added, report.files_parsed, len(index)) == (10, 1, 10)
        write_records(feed, 8)
        report = index.update([feed.parent], jobs=1)
        assert (report.updated, report.removed, len(index)) == (8, 2, 8)
        assert [hit.id for hit in index.search("ferry hazel")] == ["r7"]
        assert not index.search("ironwood")


def test_fingerprints_taken_by_the_workers_let_a_touched_file_be_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # New files are fingerprinted where they are parsed (a JSONL file in parts once, for all).
    monkeypatch.setattr(searcher.write.ingest, "PART_LINES", 3)
    monkeypatch.setattr(searcher.write.ingest, "PART_MIN_BYTES", 0)
    monkeypatch.setattr(searcher.write.ingest, "MIN_FILES_FOR_WORKERS", 2)
    corpus = tmp_path / "corpus"
    feed = write_records(corpus / "feed.jsonl", 10)
    notes = [corpus / f"note{n}.txt" for n in range(3)]
    for n, note in enumerate(notes):
        note.write_text(f"Harbor note {n}\n\nThe {BOATS[n]} ferry was late again.", encoding="utf-8")
    assert [
        t.fingerprint for t in searcher.write.ingest.split_task(searcher.write.ingest.Task(str(feed), "", ""))
    ] == [searcher.write.ingest.fingerprint(str(feed))] * 4
    with Index.create(tmp_path / "index") as index:
        report = index.update([corpus], jobs=2)
        assert (report.added, report.files_parsed) == (13, 4)
        for file in [feed, *notes]:
            stat = file.stat()
            os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        report = index.update([corpus], jobs=2)
        assert (report.files_parsed, report.files_unchanged, len(index)) == (0, 4, 13)


def test_whether_workers_are_worth_starting(tmp_path: Path) -> None:
    few = [str(tmp_path / f"{n}.txt") for n in range(3)]
    assert not searcher.write.ingest.needs_workers(few)
    assert searcher.write.ingest.needs_workers(few * searcher.write.ingest.MIN_FILES_FOR_WORKERS)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"{}\n" * (1 << 19))
    assert searcher.write.ingest.needs_workers([str(big)])
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("a")
    assert sorted(searcher.write.ingest.files_under([tmp_path])) == [
        str(big),
        str(tmp_path / "sub" / "a.txt"),
    ]


def test_prepare_workers_starts_them_only_for_many_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[int | None] = []
    monkeypatch.setattr(searcher.write.ingest, "start_workers", started.append)
    (tmp_path / "a.txt").write_text("A\n\nfew words.\n", encoding="utf-8")
    searcher.write.ingest.prepare_workers([tmp_path], 3)
    assert started == []
    for i in range(searcher.write.ingest.MIN_FILES_FOR_WORKERS):
        (tmp_path / f"{i}.txt").write_text("A\n\nfew words.\n", encoding="utf-8")
    searcher.write.ingest.prepare_workers([tmp_path], 3)
    assert started == [3]


def test_a_writer_that_runs_out_of_room_goes_on_in_a_new_segment(
    tmp_path: Path, corpus_dir: Path, built_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searcher.engine.bulkwriter, "FLUSH_POSTINGS", 50)
    with Index.create(tmp_path / "index") as index:
        index.update([corpus_dir], jobs=1)
        assert len(index._ix._segments()) > 2
        assert len(index) == len(built_index)
        for query in ("council", '"city council"', "harbor OR ferry", "date:2019"):
            assert {h.id for h in index.search(query, limit=50)} == {
                h.id for h in built_index.search(query, limit=50)
            }


def test_a_duplicate_in_the_middle_of_a_batch_leaves_the_others_whole(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_records(corpus / "a.jsonl", 1)
    records = [
        {"id": f"b{n}", "title": f"Dock notice {BOATS[n]}", "body": f"The {BOATS[n]} crew met at noon."}
        for n in range(4)
    ]
    records[1]["id"] = "r0"  # already in a.jsonl
    records[1]["body"] = "A unique walrus sighting."
    (corpus / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with Index.create(tmp_path / "index") as index:
        report = index.update([corpus], jobs=1)
        assert report.added == 4
        assert [s.reason for s in report.skipped] == [
            "duplicate id 'r0', already in " + str(corpus / "a.jsonl")
        ]
        assert not index.search("walrus")
        assert [hit.id for hit in index.search('"cedar crew"')] == ["b2"]
        assert [hit.id for hit in index.search("dogwood")] == ["b3"]
        assert index.get("b3").title == "Dock notice dogwood"


@given(st.lists(st.integers(0, 70_000), min_size=1, max_size=12, unique=True).map(sorted))
def test_compact_positions_give_back_what_they_stored(positions: list[int]) -> None:
    fmt = CompactPositions()
    value = fmt.encode(positions)
    assert fmt.decode_positions(value) == positions
    assert fmt.decode_frequency(value) == len(positions)


def test_compact_positions_are_smaller_than_pickled_ones() -> None:
    from whoosh.formats import Positions

    assert len(CompactPositions().encode([3, 9, 40])) < len(Positions().encode([3, 9, 40]))
    assert len(CompactPositions().encode([7])) == 3


@given(st.lists(st.binary(max_size=40), max_size=20))
def test_packed_values_index_and_pickle_like_a_tuple(values: list[bytes]) -> None:
    packed = PackedValues.pack(values)
    assert list(packed) == values
    assert [packed[i] for i in range(len(values))] == values
    assert list(pickle.loads(pickle.dumps(packed, 4))) == values


def test_word_spans_start_a_word_at_its_letters_when_a_stem_leaves_no_prefix() -> None:
    # "ie" leaves nothing of itself to look for; "'aa" is still the word "aa", from its first letter.
    assert word_spans("'aa iE", ["aa", "ie"]) == {"aa": [(0, 1, 3)], "ie": [(1, 4, 6)]}


@settings(max_examples=300)
@given(WORDY, st.data())
def test_word_spans_find_what_the_analysis_finds(text: str, data) -> None:
    found, _ = prose_terms(text)
    stems = data.draw(st.sets(st.sampled_from(sorted(found) or ["x"])))
    spans = word_spans(text, stems)
    expected = {stem: [(start, end) for _, start, end in found[stem]] for stem in stems if stem in found}
    assert {stem: [(start, end) for _, start, end in places] for stem, places in spans.items()} == expected


def test_word_spans_find_irregular_stems_and_accents() -> None:
    text = "Dying résumés, lying low; the café."
    spans = word_spans(text, ["die", "resum", "lie", "cafe"])
    assert {stem: [text[s:e] for _, s, e in places] for stem, places in spans.items()} == {
        "die": ["Dying"],
        "resum": ["résumés"],
        "lie": ["lying"],
        "cafe": ["café"],
    }


def test_quotes_are_stored_by_place_and_come_back_whole(tmp_path: Path) -> None:
    from searcher import Article, Quote

    body = "The mayor said “we will rebuild the pier” on Monday."
    start = body.index("we")
    quotes = [
        Quote("we will rebuild the pier", "Ana Ruiz", start, start + 24),
        Quote("rebuilt, as promised", None, 0, 3),  # not a stretch of the body: kept as written
    ]
    article = Article(id="pier", title="Pier plan", body=body, quotes=quotes)
    with Index.create(tmp_path / "index") as index:
        index.add([article])
        assert index.get("pier").quotes == quotes


def test_whoosh_reads_every_block_the_writer_makes(tmp_path: Path) -> None:
    """Blocks of equal word counts (here: each article says "harbor" twice) and of mixed counts,
    read through Whoosh's own matchers."""
    from searcher import Article

    articles = [
        Article(id=f"a{n}", title=f"Note {n}", body="harbor harbor " + "tide " * (n % 3) + "x" * 30)
        for n in range(300)
    ]
    with Index.create(tmp_path / "index") as index:
        index.add(articles)
        reader = index._get_searcher().reader()
        for word in (b"harbor", b"tide"):
            matcher = reader.postings("body", word)
            weights = []
            while matcher.is_active():
                weights.append(matcher.weight())
                matcher.next()
            assert weights and all(w >= 1 for w in weights)
        assert sorted(set(reader.postings("body", b"harbor").all_ids())) == list(range(300))
        assert len(index.rank("harbor tide", limit=500)) == 300


def test_worker_processes_index_the_same_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Small files travel to the workers in chunks, a large JSONL file in parts: same result as
    parsing in this process. When the last task is handed out, the segment so far is written."""
    monkeypatch.setattr(searcher.write.ingest, "PART_LINES", 4)
    monkeypatch.setattr(searcher.write.ingest, "PART_MIN_BYTES", 0)
    monkeypatch.setattr(searcher.write.ingest, "AHEAD_ARTICLES", 1)
    monkeypatch.setattr(searcher.engine.bulkwriter, "MIN_SEGMENT_POSTINGS", 1)
    monkeypatch.setattr(searcher.engine.bulkwriter, "TAIL_SHARE", 100)
    corpus = tmp_path / "corpus"
    for n in range(30):
        page = corpus / "pages" / f"p{n:02}.txt"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f"Harbor note {n}\n\nThe {BOATS[n % 10]} ferry left pier {n} at dawn.\n", encoding="utf-8"
        )
    write_records(corpus / "feed.jsonl", 10)
    found, segments = {}, {}
    for jobs in (1, 2):
        with Index.create(tmp_path / f"index{jobs}") as index:
            report = index.update([corpus], jobs=jobs)
            assert (report.added, report.files_parsed, report.skipped) == (40, 31, [])
            found[jobs] = {h.id: h.score for h in index.search("ferry", limit=100)}
            segments[jobs] = len(index._ix._segments())
    assert found[1] == found[2] and len(found[1]) == 40
    assert segments == {1: 1, 2: 2}


def test_small_segments_merge_through_the_writer(tmp_path: Path, corpus_dir: Path) -> None:
    """Repeated small updates leave small segments, which a later commit merges: their postings
    come back through the writer's pool and must stay findable."""
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    with Index.create(tmp_path / "index") as index:
        index.update([corpus], jobs=1)
        most = 0
        for n in range(6):
            (corpus / f"note{n}.txt").write_text(
                f"Ferry Note {BOATS[n]}\n\nThe {BOATS[n]} ferry timetable changed again.\n", encoding="utf-8"
            )
            index.update([corpus], jobs=1)
            most = max(most, len(index._ix._segments()))
        assert len(index._ix._segments()) < most  # a merge happened
        for n in range(6):
            assert [hit.id for hit in index.search(f"{BOATS[n]} timetable")] == [f"note{n}.txt"]
        assert index.search("ferry timetable", limit=50).total == 6
        # The merged segments' spelling word lists came along: every note's word is suggested.
        for n in range(6):
            assert index.search(BOATS[n][:-1] + "x" + BOATS[n][-1]).suggestion == BOATS[n]


def test_an_article_of_more_than_65535_words_keeps_its_positions(tmp_path: Path) -> None:
    from searcher import Article

    body = " ".join(["filler"] * 66_000 + ["harbour", "lantern"])
    with Index.create(tmp_path / "ix") as index:
        index.add([Article(id="long", title="A long one", body=body)])
        assert [hit.id for hit in index.search('"harbour lantern"')] == ["long"]
        assert not index.search('"lantern harbour"')
