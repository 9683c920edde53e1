"""Filters, facets, collapsing near-duplicates, timelines, "more like this", paging and formats,
through the library and the CLI, on a corpus whose right answers are known by construction."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher import Article, Index, Quote
from searcher.cli.commands import cli

STORIES = {
    # key: (sentence words that make the story distinct)
    "flood": "river levees flood warning evacuation sandbags downtown residents shelters rainfall",
    "budget": "council budget deficit taxes libraries parks spending vote pensions audit",
    "strike": "nurses strike hospital wages staffing union picket negotiations overtime contract",
    "vaccine": "clinic vaccine doses children pharmacy appointments supply vials booster schools",
    "stadium": "stadium football team owner lease parking arena bonds tourism concerts",
}


def body_for(story: str, variant: int = 0) -> str:
    """A body of 60+ words built from the story's vocabulary; variants differ by a few words."""
    words = STORIES[story].split()
    sentences = [
        f"The {words[i]} and the {words[(i + 3) % len(words)]} were discussed again." for i in range(10)
    ]
    if variant:
        sentences[2] = f"Officials added a remark number {variant} about the {words[1]}."
        sentences.insert(0, f"WIRE DESK {variant} -")
    return " ".join(sentences)


def make(
    id_: str,
    story: str,
    day: dt.date,
    source: str,
    byline: list[str],
    variant: int = 0,
    speaker: str | None = None,
) -> Article:
    body = body_for(story, variant)
    quotes = []
    if speaker:
        quote = f"We are watching the {STORIES[story].split()[0]} closely"
        body += f"\n\n“{quote},” {speaker} said."
        start = body.index(quote)
        quotes.append(Quote(quote, speaker, start, start + len(quote)))
    title = f"{story.title()} report {id_}"
    return Article(id=id_, title=title, body=body, date=day, source=source, byline=byline, quotes=quotes)


ARTICLES = [
    make("flood-1", "flood", dt.date(2016, 3, 1), "River Times", ["Ann Lee"], speaker="Mara Quinn"),
    make("flood-2", "flood", dt.date(2016, 3, 2), "Metro Wire", ["Ann Lee"], variant=1),  # copy of flood-1
    make("flood-3", "flood", dt.date(2016, 3, 2), "Valley Post", [], variant=2),  # another copy
    make("budget-1", "budget", dt.date(2017, 6, 10), "River Times", ["Bo Chen"]),
    make("budget-2", "budget", dt.date(2017, 6, 11), "Valley Post", ["Bo Chen"], variant=1),  # copy
    make("strike-1", "strike", dt.date(2018, 1, 5), "Metro Wire", ["Cal Diaz"], speaker="Mara Quinn"),
    make("vaccine-1", "vaccine", dt.date(2018, 9, 20), "River Times", ["Ann Lee", "Cal Diaz"]),
    make("stadium-1", "stadium", dt.date(2019, 11, 30), "Valley Post", ["Dee Eng"]),
    make("stadium-undated", "stadium", None, "Metro Wire", [], variant=3),  # copy, undated
]
GROUPS = {"flood": {"flood-1", "flood-2", "flood-3"}, "budget": {"budget-1", "budget-2"}}


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("power") / "index"
    with Index.create(path) as ix:
        ix.add(ARTICLES)
    return path


@pytest.fixture(scope="module")
def index(index_path: Path) -> Iterator[Index]:
    with Index.open(index_path) as ix:
        yield ix


def ids(results) -> set[str]:
    return {hit.id for hit in results}


# -- library ------------------------------------------------------------------------------------------


def test_filters_compose_with_the_query(index: Index) -> None:
    assert ids(index.search("discussed", limit=50, source="river times")) == {
        "flood-1",
        "budget-1",
        "vaccine-1",
    }
    assert ids(index.search("discussed", limit=50, by="cal diaz")) == {"strike-1", "vaccine-1"}
    assert ids(index.search("discussed", limit=50, speaker="quinn")) == {"flood-1", "strike-1"}
    assert ids(index.search("discussed", limit=50, since="2018", until="2018-12")) == {
        "strike-1",
        "vaccine-1",
    }
    assert ids(index.search("discussed", limit=50, source="river times", since="2017")) == {
        "budget-1",
        "vaccine-1",
    }


def test_facets_count_the_whole_result_set_not_the_page(index: Index) -> None:
    results = index.search("discussed", limit=1, facets=["year", "source", "byline", "speaker", "month"])
    assert len(results) == 1
    assert results.facets["year"] == [("2016", 3), ("2017", 2), ("2018", 2), ("2019", 1), ("undated", 1)]
    assert dict(results.facets["source"]) == {"River Times": 3, "Metro Wire": 3, "Valley Post": 3}
    assert dict(results.facets["byline"]) == {"Ann Lee": 3, "Bo Chen": 2, "Cal Diaz": 2, "Dee Eng": 1}
    assert results.facets["speaker"] == [("Mara Quinn", 2)]
    assert ("2016-03", 3) in results.facets["month"]
    assert sum(n for _, n in results.facets["year"]) == results.total == len(ARTICLES)


def test_near_duplicates_were_grouped_at_index_time(index: Index) -> None:
    stats = index.stats()
    assert stats.duplicate_groups == 3  # flood (3 copies), budget (2), stadium (2)
    assert stats.articles_in_duplicate_groups == 7


def test_collapse_folds_copies_into_the_best_ranked_one(index: Index) -> None:
    results = index.search("discussed", limit=50, collapse=True)
    assert results.total == len(ARTICLES)
    assert results.stories == 5
    assert len(results) == 5
    by_story = {hit.id.split("-")[0]: hit for hit in results}
    assert len(by_story["flood"].copies) == 2
    assert sorted(by_story["flood"].copies) == sorted(
        a.source for a in ARTICLES if a.id in GROUPS["flood"] and a.id != by_story["flood"].id
    )
    assert len(by_story["strike"].copies) == 0


def test_collapse_pages_count_stories(index: Index) -> None:
    first = index.search("discussed", limit=2, collapse=True)
    rest = index.search("discussed", limit=2, page=2, collapse=True)
    third = index.search("discussed", limit=2, page=3, collapse=True)
    shown = [h.id.split("-")[0] for h in [*first, *rest, *third]]
    assert sorted(shown) == sorted(STORIES)
    assert first.pages == 3


def test_any_words_ranks_by_how_many_match(index: Index) -> None:
    assert index.search("levees pensions").total == 0
    results = index.search("levees pensions stadium", any_words=True, limit=50)
    assert ids(results) >= {"flood-1", "budget-1", "stadium-1"}


def test_offset_skips_hits(index: Index) -> None:
    everything = [h.id for h in index.search("discussed", limit=50, sort="date")]
    skipped = index.search("discussed", limit=3, offset=2, sort="date")
    assert [h.id for h in skipped] == everything[2:5]
    assert [h.rank for h in skipped] == [3, 4, 5]


def test_sorting_newest_and_oldest_keep_undated_last(index: Index) -> None:
    newest = [h.date for h in index.search("discussed", limit=50, sort="-date")]
    oldest = [h.date for h in index.search("discussed", limit=50, sort="date")]
    assert newest[-1] is None and oldest[-1] is None
    assert newest[:-1] == sorted(newest[:-1], reverse=True)
    assert oldest[:-1] == sorted(oldest[:-1])


def test_timeline_counts_every_period_between_first_and_last(index: Index) -> None:
    years = index.timeline("discussed", by="year")
    assert years.periods == [("2016", 3), ("2017", 2), ("2018", 2), ("2019", 1)]
    assert years.undated == 1
    months = index.timeline("levees", by="month")
    assert months.periods == [("2016-03", 3)]
    gaps = index.timeline("budget OR strike", by="month")
    assert gaps.periods[0] == ("2017-06", 2) and gaps.periods[-1] == ("2018-01", 1)
    assert len(gaps.periods) == 8 and sum(n for _, n in gaps.periods) == 3


def test_similar_finds_the_same_story_first(index: Index) -> None:
    results = index.similar("budget-1", limit=3)
    assert results[0].id == "budget-2"
    assert "budget-1" not in ids(results)


def test_fuzzy_and_proximity(index: Index) -> None:
    assert ids(index.search("levess~", limit=50)) == GROUPS["flood"]
    # "The levees and the evacuation": three positions apart, common words counted.
    assert ids(index.search('"levees evacuation"~3', limit=50)) == GROUPS["flood"]
    assert ids(index.search('"levees evacuation"~2', limit=50)) == set()
    assert ids(index.search('"evacuation levees"~3', limit=50)) == set()


def test_suggestion_when_results_are_few(index: Index) -> None:
    assert index.search("sandbagz").suggestion == "sandbags"
    assert index.search("sandbags").suggestion is None


# -- command line -------------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_facets_and_collapse_in_text_and_json(index_path: Path) -> None:
    code, out, _ = run("search", "discussed", "--index", str(index_path), "--facet", "year", "--collapse")
    assert code == 0
    assert "5 distinct stories" in out.splitlines()[0]
    assert "near-identical copies" in out
    assert "2016 (3)" in out
    code, out, _ = run(
        "search", "discussed", "--index", str(index_path), "--facet", "source", "--collapse", "--json"
    )
    data = json.loads(out)
    assert data["stories"] == 5
    assert {f["value"]: f["articles"] for f in data["facets"]["source"]} == {
        "River Times": 3,
        "Metro Wire": 3,
        "Valley Post": 3,
    }


def test_cli_filters(index_path: Path) -> None:
    code, out, _ = run(
        "search", "discussed", "--index", str(index_path), "--by", "bo chen", "--source", "valley", "--json"
    )
    assert code == 0
    assert [h["id"] for h in json.loads(out)["hits"]] == ["budget-2"]


def test_cli_jsonl_and_csv_with_fields(index_path: Path) -> None:
    code, out, _ = run(
        "search", "levees", "--index", str(index_path), "--format", "jsonl", "--fields", "id,date,source"
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3 and all(list(row) == ["id", "date", "source"] for row in rows)
    code, out, _ = run(
        "search", "levees", "--index", str(index_path), "--format", "csv", "--fields", "rank,title,byline"
    )
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == ["rank", "title", "byline"]
    assert len(table) == 4
    assert {row[2] for row in table[1:]} == {"Ann Lee", ""}


def test_cli_unknown_field_is_a_usage_error(index_path: Path) -> None:
    code, _, err = run("search", "levees", "--index", str(index_path), "--format", "csv", "--fields", "nope")
    assert code == 2
    assert "nope" in err


def test_cli_timeline_text_and_json(index_path: Path) -> None:
    code, out, _ = run("timeline", "discussed", "--by", "year", "--index", str(index_path))
    assert code == 0
    assert "2016 │" in out and "(and 1 undated)" in out
    code, out, _ = run("timeline", "levees", "--index", str(index_path), "--json")
    assert json.loads(out)["periods"] == [{"period": "2016-03", "articles": 3}]


def test_cli_similar(index_path: Path) -> None:
    code, out, _ = run("similar", "budget-1", "--index", str(index_path), "--json")
    assert code == 0
    assert json.loads(out)["hits"][0]["id"] == "budget-2"
    code, _, err = run("similar", "no-such-id", "--index", str(index_path))
    assert code == 1 and "no-such-id" in err


def test_cli_sort_aliases_and_offset(index_path: Path) -> None:
    _, newest, _ = run("search", "discussed", "--index", str(index_path), "--sort", "newest", "--json")
    _, minus_date, _ = run("search", "discussed", "--index", str(index_path), "--sort=-date", "--json")
    assert json.loads(newest)["hits"] == json.loads(minus_date)["hits"]
    _, offset, _ = run(
        "search", "discussed", "--index", str(index_path), "--sort", "newest", "--offset", "1", "--json"
    )
    assert json.loads(offset)["hits"][0]["id"] == json.loads(newest)["hits"][1]["id"]


def test_cli_stats_reports_duplicate_groups(index_path: Path) -> None:
    code, out, _ = run("stats", "--index", str(index_path), "--json")
    assert code == 0
    assert json.loads(out)["duplicate_groups"] == 3


def test_wildcards_score_like_the_words_they_stand_for(index: Index) -> None:
    # Constant-scored wildcards would give every match the same score whatever the word counts.
    scores = {hit.score for hit in index.search("disc*", limit=50)}
    assert len(scores) > 1


def test_url_field(tmp_path: Path) -> None:
    with Index.create(tmp_path / "ix") as ix:
        ix.add([Article(id="u1", title="Ferry", body="Ferry news.", url="https://news.example.com/ferry")])
        assert ids(ix.search("url:*example.com*")) == {"u1"}
        assert ids(ix.search('url:"https://news.example.com/ferry"')) == {"u1"}


def test_cli_any(index_path: Path) -> None:
    code, out, _ = run("search", "levees", "pensions", "--any", "--index", str(index_path), "--json")
    assert code == 0
    assert json.loads(out)["total"] == 5  # three flood copies and two budget copies


def test_text_output_fits_the_terminal(index_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["search", "discussed", "--index", str(index_path), "--color", "-n", "3"], env={"COLUMNS": "60"}
    )
    visible = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()[1:]]
    assert visible and max(len(line) for line in visible) <= 60


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    # `searcher show ID | head -1`: the reader goes away while 300 KB are still to be written,
    # far more than a pipe buffers.
    with Index.create(tmp_path / "ix") as ix:
        ix.add(
            [Article(id="long", title="Long", body="\n\n".join(["A line of text for the pipe."] * 10_000))]
        )
    process = subprocess.Popen(
        [sys.executable, "-m", "searcher", "show", "long", "--index", str(tmp_path / "ix")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    with process.stderr:
        error = process.stderr.read().decode()
    process.wait(timeout=60)
    assert error == ""  # no traceback, no "Exception ignored" at exit


@pytest.mark.parametrize(
    ("shell", "marker"), [("bash", "complete"), ("zsh", "compdef"), ("fish", "complete")]
)
def test_shell_completion_scripts(shell: str, marker: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from searcher.cli import main; main()"],
        env={**os.environ, "_SEARCHER_COMPLETE": f"{shell}_source"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert marker in done.stdout
