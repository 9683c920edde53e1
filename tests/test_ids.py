"""Ids as people handle them: printed whole in text output, so that they can be pasted back."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from searcher import Article, Index, Quote
from searcher.cli import cli

LONG_ID = (
    "https://www.riverton-courier.example.org/news/2018/01/16/"
    "district-attorney-ends-cash-bail-for-minor-offenses-in-riverton-county/"
)
ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str, columns: int = 100) -> Result:
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": str(columns)})


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
