"""The Whoosh contract: what another Whoosh program can do with an index of this package.

Reading and searching with plain `whoosh.index.open_dir` works (with this package importable: the
schema names its classes). Writing with Whoosh's own writer is repaired, not trusted: the index
is refused for reading with a one-line error until `Index.update` has merged what that writer
wrote, after which it answers as an index this package wrote itself would.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_index
from whoosh.index import open_dir

from searcher import Article, Index, IndexCorruptError, SearcherError
from searcher.engine import spelling, whoosh_contract

ADDED = Article(
    "whoosh-added", title="Giraffe dredging volunteers", body="Volunteers dredged the giraffe pond at dawn."
)


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def whoosh_adds_and_merges(folder: Path, *, optimize: bool = True) -> None:
    """What another Whoosh program would do: its own writer, a document with only the fields it
    knows, a merge of every segment."""
    ix = open_dir(str(folder))
    writer = ix.writer()
    writer.add_document(id=ADDED.id, title=ADDED.title, body=ADDED.body)
    writer.commit(optimize=optimize)
    ix.close()


def word_lists(index: Index) -> dict[str, dict[str, int]]:
    reader = index._get_searcher().reader()
    return {name: spelling.prefixed(reader, name, "") for name in ("spell_title", "spell_body")}


def answers(index: Index) -> dict:
    """What the features that read word lists and columns answer."""
    stats = index.stats()
    return {
        "suggestion": index.search("girafe dredgin").suggestion,
        "fuzzy": sorted(hit.id for hit in index.search("giraffe~2", limit=50)),
        "wildcard": index.search("dredg*").total,
        "facets": index.search("giraffe OR harbor", facets=["source", "year"]).facets,
        "collapsed": [hit.id for hit in index.search("giraffe OR harbor", collapse=True, limit=50)],
        "stats": (stats.articles, stats.sources, stats.duplicate_groups),
    }


def test_plain_whoosh_opens_and_searches_an_index(index_dir: Path) -> None:
    code = f"""
import sys
from whoosh.index import open_dir
from whoosh.qparser import QueryParser
ix = open_dir({str(index_dir)!r})
with ix.searcher() as s:
    hits = s.search(QueryParser("body", ix.schema).parse("giraffe"))
    print(len(hits), sorted(h["id"] for h in hits)[0])
print(sorted(m for m in sys.modules if m.startswith("searcher.")))
"""
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    count_line, modules = result.stdout.splitlines()
    assert int(count_line.split()[0]) >= 1
    assert "searcher.engine.schema" in modules  # unpickling the schema imports the classes it names


def test_plain_whoosh_cannot_open_an_index_without_the_package(index_dir: Path) -> None:
    code = f"""
import sys
sys.modules["searcher"] = None  # as in an environment without this package
from whoosh.index import open_dir
open_dir({str(index_dir)!r})
"""
    result = run_python(code)
    assert result.returncode != 0
    assert "searcher" in result.stderr.splitlines()[-1]


def test_an_index_written_by_whoosh_is_refused_until_update_repairs_it(
    tmp_path: Path, own_corpus: Path
) -> None:
    folder = tmp_path / "index"
    with build_index(folder, own_corpus) as index:
        built = len(index)
    whoosh_adds_and_merges(folder)
    with Index.open(folder) as index:
        for read in (lambda: index.search("giraffe"), index.stats, lambda: index.get(ADDED.id)):
            with pytest.raises(IndexCorruptError, match="another Whoosh program wrote to it") as caught:
                read()
            assert "searcher index" in str(caught.value) and "\n" not in str(caught.value)
        report = index.update([own_corpus], jobs=1)
        assert report.added == report.updated == report.removed == 0
        assert len(index) == built + 1 and index.get(ADDED.id) is not None
        assert not whoosh_contract.foreign_segments(index._get_searcher().reader())


@pytest.mark.parametrize("optimize", [True, False])
def test_after_the_repair_the_index_answers_as_one_this_package_wrote(
    tmp_path: Path, own_corpus: Path, optimize: bool
) -> None:
    with build_index(tmp_path / "reference", own_corpus) as reference:
        reference.add([ADDED])
        expected_lists, expected = word_lists(reference), answers(reference)
    folder = tmp_path / "index"
    build_index(folder, own_corpus).close()
    whoosh_adds_and_merges(folder, optimize=optimize)
    with Index.open(folder) as index:
        index.update([own_corpus], jobs=1)
        assert word_lists(index) == expected_lists
        assert answers(index) == expected
    assert expected["suggestion"] == "giraffe dredging"
    assert ADDED.id in expected["fuzzy"]
    assert expected_lists["spell_body"]["dredged"] == 1


def test_a_merge_by_whoosh_loses_the_word_lists_the_repair_restores(tmp_path: Path, own_corpus: Path) -> None:
    """Why Whoosh's writer is not trusted: its merge keeps only terms with postings, and the word
    lists are term entries without postings."""
    folder = tmp_path / "index"
    build_index(folder, own_corpus).close()
    with Index.open(folder) as index:
        before = len(word_lists(index)["spell_body"])
    whoosh_adds_and_merges(folder)
    ix = open_dir(str(folder))
    with ix.searcher() as searcher:
        merged = sum(1 for _ in searcher.reader().lexicon("spell_body"))
    ix.close()
    assert merged < before / 10
    with Index.open(folder) as index:
        index.update([own_corpus], jobs=1)
        assert len(word_lists(index)["spell_body"]) > before


def test_a_document_without_this_packages_columns_reads_as_empty(tmp_path: Path, own_corpus: Path) -> None:
    """A segment without a column's file (Whoosh's writer wrote none) reads the column's default:
    Whoosh's multi-segment reader raised IndexError for it."""
    folder = tmp_path / "index"
    build_index(folder, own_corpus).close()
    whoosh_adds_and_merges(folder, optimize=False)
    ix = open_dir(str(folder))
    with ix.reader() as reader:
        assert len(reader.readers) == 2
        groups = reader.column_reader("dup_group")
        assert groups[reader.doc_count_all() - 1] == ""
    ix.close()


def test_whoosh_deleting_from_a_segment_keeps_it_readable(tmp_path: Path, own_corpus: Path) -> None:
    """A deletion by Whoosh's writer, without a merge, leaves this package's segments as they were."""
    folder = tmp_path / "index"
    with build_index(folder, own_corpus) as index:
        victim = index.search("giraffe").hits[0].id
    ix = open_dir(str(folder))
    writer = ix.writer()
    writer.delete_by_term("id", victim)
    writer.commit(merge=False)
    ix.close()
    with Index.open(folder) as index:
        assert index.get(victim) is None
        assert index.search("dredgin").suggestion == "dredging"


def test_the_installed_whoosh_is_the_supported_one() -> None:
    whoosh_contract.check_whoosh_version()


@pytest.mark.parametrize("version", [(2, 7, 4), (2, 8, 0), (3, 0, 0)])
def test_another_whoosh_version_is_refused_in_one_line(version: tuple) -> None:
    with pytest.raises(SearcherError, match=r"Whoosh [\d.]+ is installed but searcher needs") as caught:
        whoosh_contract.check_whoosh_version(version)
    assert "\n" not in str(caught.value)


def test_opening_an_index_checks_the_whoosh_version(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whoosh_contract, "SUPPORTED_WHOOSH", (9, 9, 9))
    with pytest.raises(SearcherError, match=r"needs whoosh-reloaded 9\.9\.9"):
        Index.open(index_dir)
