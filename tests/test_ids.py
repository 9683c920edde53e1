"""Ids as people handle them: printed whole in text output, so they can be pasted back, and typed in
part (`searcher show metro-2019`) when no other id starts the same way."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from searcher import AmbiguousIdError, Article, ArticleNotFoundError, Index, Quote
from searcher.cli.commands import cli

LONG_ID = (
    "https://www.riverton-courier.example.org/news/2018/01/16/"
    "district-attorney-ends-cash-bail-for-minor-offenses-in-riverton-county/"
)
ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, columns: int = 100) -> Result:
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": str(columns)})


def article(id_: str, body: str = "Ferry riders will pay more.", **fields) -> Article:
    return Article(id=id_, title=f"Story {id_}", body=body, **fields)


@pytest.fixture
def ids_index(tmp_path: Path) -> Iterator[Index]:
    """Ids where one is the start of another ("ferry", "ferry-2019") and several share a start."""
    with Index.create(tmp_path / "ix") as index:
        index.add(
            [
                article("ferry"),
                article("ferry-2019"),
                *(article(f"metro-{n}") for n in range(1, 6)),
                article("zoo-calf"),
            ]
        )
        yield index


# -- the library: Index.resolve_id -------------------------------------------------------------------------


def test_an_exact_id_resolves_to_itself(ids_index: Index) -> None:
    assert ids_index.resolve_id("zoo-calf") == "zoo-calf"


def test_a_unique_prefix_resolves_to_the_whole_id(ids_index: Index) -> None:
    assert ids_index.resolve_id("zoo") == "zoo-calf"
    assert ids_index.resolve_id("ferry-") == "ferry-2019"


def test_an_exact_id_wins_over_longer_ids_that_start_with_it(ids_index: Index) -> None:
    assert ids_index.resolve_id("ferry") == "ferry"


def test_an_ambiguous_prefix_names_a_few_candidates(ids_index: Index) -> None:
    with pytest.raises(AmbiguousIdError) as raised:
        ids_index.resolve_id("metro-")
    assert raised.value.candidates == ["metro-1", "metro-2", "metro-3"]
    message = str(raised.value)
    assert message == "id prefix 'metro-' is ambiguous: metro-1, metro-2, metro-3, …; give more of the id"
    with pytest.raises(AmbiguousIdError) as raised:
        ids_index.resolve_id("fe")
    assert str(raised.value).endswith(": ferry, ferry-2019; give more of the id")  # all: no "…"


@pytest.mark.parametrize("typed", ["nothing", "Zoo", "zoo-calf-2", ""])
def test_no_id_starting_with_it_is_not_found(ids_index: Index, typed: str) -> None:
    with pytest.raises(ArticleNotFoundError, match=f"no article with id {typed!r} in "):
        ids_index.resolve_id(typed)


def test_get_stays_exact(ids_index: Index) -> None:
    assert ids_index.get("zoo") is None
    found = ids_index.get("zoo-calf")
    assert found is not None and found.id == "zoo-calf"


def test_deleted_articles_are_no_candidates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("story-1", "story-2", "story-3"):
        (corpus / f"{name}.txt").write_text(f"Title {name}\n\nFerry riders will pay more.\n")
    with Index.create(tmp_path / "ix") as index:
        index.update([corpus], jobs=1)
        (corpus / "story-1.txt").unlink()
        (corpus / "story-3.txt").unlink()
        assert index.update([corpus], jobs=1).removed == 2
        # what makes this a test: the deleted ids are still in the id field's term table
        reader = index._get_searcher().reader()
        assert len(list(reader.expand_prefix("id", "story-"))) == 3
        assert index.resolve_id("story-") == "story-2.txt"
        with pytest.raises(ArticleNotFoundError):
            index.resolve_id("story-3")


# -- the command: show and similar take a prefix ------------------------------------------------------------


def test_show_takes_a_unique_prefix(index_dir: Path) -> None:
    result = run("show", "metro-2019", "--index", str(index_dir), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "metro-2019-004"


def test_show_with_an_ambiguous_prefix_lists_candidates(index_dir: Path) -> None:
    result = run("show", "metro-", "--index", str(index_dir))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "searcher: id prefix 'metro-' is ambiguous: metro-2015-001, metro-2017-002, metro-2018-003, …; "
        "give more of the id\n"
    )


def test_show_with_no_such_id_or_prefix(index_dir: Path) -> None:
    result = run("show", "metro-2020", "--index", str(index_dir))
    assert result.exit_code == 1
    assert result.stderr == f"searcher: no article with id 'metro-2020' in {index_dir}\n"


def test_similar_takes_a_unique_prefix(index_dir: Path) -> None:
    result = run("similar", "txt/dredg", "--index", str(index_dir), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == "similar:txt/dredging.txt"
    assert "txt/dredging.txt" not in [hit["id"] for hit in data["hits"]]


def test_similar_with_an_ambiguous_prefix(index_dir: Path) -> None:
    result = run("similar", "txt/", "--index", str(index_dir))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "ambiguous: txt/dredging.txt, txt/garden.txt, txt/lighthouse.txt.gz, …" in result.stderr


# -- text output: ids whole ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_id_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article with an id far longer than a line, and one with an id that fits but not beside
    its other facts."""
    folder = tmp_path_factory.mktemp("long-ids") / "ix"
    body = "The district attorney ended cash bail.\n\n“Nobody should sit in a jail cell for weeks,” Ann Lee said."
    start = body.index("Nobody")
    end = body.index(",”") + 1
    with Index.create(folder) as index:
        index.add(
            [
                Article(
                    id=LONG_ID,
                    title="New District Attorney Ends Cash Bail for Minor Offenses",
                    body=body,
                    date=dt.date(2018, 1, 16),
                    byline=["Maria Okafor", "Sam Iverson"],
                    source="Riverton Courier",
                    quotes=[Quote(body[start:end], "Ann Lee", start, end)],
                ),
                Article(
                    id="harbor-gazette-scraped-2019.jsonl#17",
                    title="Ferry fares to rise",
                    body="Ferry riders will pay more, and bail funds ask for help.",
                    date=dt.date(2019, 6, 18),
                    byline=["Priya Raman", "Tom Whitaker"],
                    source="gazette.example.com",
                ),
            ]
        )
    return folder


def visible_lines(output: str) -> list[str]:
    """The lines as they look: without colour codes, and without the ** that mark words when
    there is no colour (neither counts toward the width)."""
    return [ANSI_CODE.sub("", line).replace("**", "") for line in output.splitlines()]


@pytest.mark.parametrize("color", ["--no-color", "--color"])
def test_search_prints_an_id_longer_than_the_line_whole_on_its_own_line(
    long_id_index: Path, color: str
) -> None:
    result = run("search", "bail", "--index", str(long_id_index), color, columns=60)
    assert result.exit_code == 0, result.output
    lines = visible_lines(result.stdout)
    assert f"     id {LONG_ID}" in lines
    assert "…" not in "".join(line for line in lines if "·" in line)  # no fact is cut
    assert "     2018-01-16 · Maria Okafor, Sam Iverson" in lines
    assert "     Riverton Courier" in lines
    others = [line for line in lines[1:] if LONG_ID not in line]  # the header is not wrapped
    assert max(len(line) for line in others) <= 60


def test_search_wraps_facts_before_an_id_rather_than_cutting_it(long_id_index: Path) -> None:
    result = run("search", "ferry", "--index", str(long_id_index), columns=60)
    assert result.exit_code == 0, result.output
    lines = visible_lines(result.stdout)
    facts = lines[lines.index("  1. Ferry fares to rise") + 1 :][:3]
    assert facts == [
        "     2019-06-18 · Priya Raman, Tom Whitaker",
        "     gazette.example.com",
        "     id harbor-gazette-scraped-2019.jsonl#17",
    ]
    assert max(len(line) for line in lines[1:]) <= 60


def test_an_id_that_fits_stays_beside_the_other_facts(long_id_index: Path) -> None:
    result = run("search", "ferry", "--index", str(long_id_index), columns=110)
    line = "     2019-06-18 · Priya Raman, Tom Whitaker · gazette.example.com · id harbor-gazette-scraped-2019.jsonl#17"
    assert line in result.stdout.splitlines()


def test_quotes_print_an_id_whole(long_id_index: Path) -> None:
    result = run("quotes", "jail", "--index", str(long_id_index), columns=60)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"     id {LONG_ID}" in lines
    assert any(line.startswith("     — Ann Lee · New District") for line in lines)


def test_printed_ids_can_be_pasted_back(long_id_index: Path) -> None:
    listed = run("search", "bail", "--index", str(long_id_index), columns=40).stdout
    pasted = [line.split("id ", 1)[1] for line in listed.splitlines() if line.lstrip().startswith("id ")]
    assert sorted(pasted) == sorted([LONG_ID, "harbor-gazette-scraped-2019.jsonl#17"])
    for article_id in pasted:
        shown = run("show", article_id, "--index", str(long_id_index), "--json")
        assert json.loads(shown.stdout)["id"] == article_id
