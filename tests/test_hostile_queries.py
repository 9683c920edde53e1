"""Queries meant to break the query language (`hostile_queries`): through the library each ends in
results or a `QueryError`, through the command in exit status 0, 1 or 2 with no traceback.

The guard on each call's time (`HANG_SECONDS`) is far above any query's real cost: it tells a hang
from a search, not a fast search from a slow one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL
from hostile_queries import HOSTILE_OPTIONS, HOSTILE_QUERIES

from searcher import Index, QueryError, QueryTimeoutError
from searcher.cli.commands import cli
from searcher.engine import budget
from searcher.errors import ECHOED_CHARS
from searcher.read.query import MAX_CLAUSES, MAX_QUERY_CHARS

HANG_SECONDS = 60.0
HITS_OR_NOT = {0, 1}  # found something, found nothing
EXITS = {0, 1, 2}  # ... or a query error (or a usage error)


def _failures(call: Callable[[str], object], queries: list[str]) -> list[str]:
    """The queries for which `call` raised anything but a QueryError or took hang-long."""
    failed = []
    for query in queries:
        started = time.monotonic()
        try:
            call(query)
        except QueryError:
            pass
        except Exception as error:  # the test's point: report every other one
            failed.append(f"{query[:60]!r}: {type(error).__name__}: {error}")
        if time.monotonic() - started > HANG_SECONDS:
            failed.append(f"{query[:60]!r}: over {HANG_SECONDS} s")
    return failed


@pytest.mark.slow
@pytest.mark.parametrize(
    "run",
    [
        lambda index, q: index.search(q),
        lambda index, q: index.search(q, any_words=True, facets=["year", "speaker"], collapse=True),
        lambda index, q: index.search(q, sort="-date", expand=True),
        lambda index, q: index.quotes(q),
        lambda index, q: index.timeline(q, by="year"),
        lambda index, q: index.rank(q, 5),
    ],
    ids=["search", "any-facets-collapse", "newest-expand", "quotes", "timeline", "rank"],
)
def test_the_library_raises_only_query_errors(built_index: Index, run) -> None:
    assert _failures(lambda q: run(built_index, q), HOSTILE_QUERIES) == []


def _invoke(runner: CliRunner, index_dir: Path, args: list[str]):
    """The command `args` (a command name and its arguments) on the test index."""
    started = time.monotonic()
    result = runner.invoke(cli, [args[0], "--index", str(index_dir), *args[1:]])
    assert time.monotonic() - started < HANG_SECONDS, args
    return result


def _check_exit(result, args: list[str]) -> None:
    where = repr(args)[:100]
    assert result.exit_code in EXITS, (where, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), (where, result.exception)
    assert "Traceback" not in result.output, where
    if result.exit_code == 2 and not result.stderr.startswith("Usage:"):
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("searcher: "), (where, result.stderr)


@pytest.mark.slow
def test_the_command_ends_in_results_no_results_or_one_line(runner: CliRunner, index_dir: Path) -> None:
    for query in HOSTILE_QUERIES:
        args = ["search", query]
        _check_exit(_invoke(runner, index_dir, args), args)


def test_hostile_options_end_in_results_no_results_or_one_line(runner: CliRunner, index_dir: Path) -> None:
    for args in HOSTILE_OPTIONS:
        _check_exit(_invoke(runner, index_dir, args), args)


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["search", "-council"], 0),
        (["search", "prices~5"], 1),
        (["search", "title:oil^0"], 1),
        (["search", "[a TO z]"], 0),
        (["search", "x" * 100_000], 2),
        (["quotes", "title:council^0"], 1),
    ],
)
def test_a_real_process(index_dir: Path, args: list[str], status: int) -> None:
    command = [sys.executable, "-m", "searcher", args[0], "--index", str(index_dir), *args[1:]]
    done = subprocess.run(command, capture_output=True, text=True, timeout=HANG_SECONDS)
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr
    if status == 2:
        assert done.stderr.startswith("searcher: ") and done.stderr.count("\n") == 1


def test_bytes_that_are_not_utf8_in_a_real_process(index_dir: Path) -> None:
    for command, status in (("search", 2), ("show", 1), ("similar", 1)):
        done = subprocess.run(
            [sys.executable, "-m", "searcher", command, "--index", str(index_dir), b"\xff"],
            capture_output=True,
            timeout=HANG_SECONDS,
        )
        assert done.returncode == status, done.stderr
        assert done.stderr.startswith(b"searcher: ") and b"Traceback" not in done.stderr


# -- what the command makes of words that start with "-" ----------------------------------------------


def test_a_query_may_start_with_an_excluded_word(runner: CliRunner, index_dir: Path) -> None:
    everything = runner.invoke(cli, ["search", "--index", str(index_dir), "--json", "*"])
    without = runner.invoke(cli, ["search", "--index", str(index_dir), "--json", "-council"])
    assert without.exit_code == 0, without.output
    assert json.loads(without.output)["total"] == json.loads(everything.output)["total"] - len(COUNCIL)


def test_options_still_work_around_excluded_words(runner: CliRunner, index_dir: Path) -> None:
    for args in (["-n1", "-council"], ["-council", "--limit", "1"], ["--limit=1", "--", "-council"]):
        result = runner.invoke(cli, ["search", "--index", str(index_dir), *args])
        assert result.exit_code == 0, (args, result.output)
        assert "showing 1-1" in result.output, args


def test_a_mistyped_option_is_still_a_usage_error(runner: CliRunner, index_dir: Path) -> None:
    result = runner.invoke(cli, ["search", "--index", str(index_dir), "--limt", "2", "council"])
    assert result.exit_code == 2
    assert "No such option '--limt'" in result.stderr


def test_a_word_that_starts_like_a_short_option_is_a_word(runner: CliRunner, index_dir: Path) -> None:
    # -n is --limit and -p --page, but -nuclear and -police are words
    result = runner.invoke(cli, ["search", "--index", str(index_dir), "-nuclear", "-police", "council"])
    assert result.exit_code == 0, result.output
    assert "5 articles match" in result.output


# -- caps and deadline ------------------------------------------------------------------------------------


def test_a_long_query_is_refused_before_any_work(built_index: Index) -> None:
    with pytest.raises(QueryError, match=f"at most {MAX_QUERY_CHARS:,}"):
        built_index.search("x" * (MAX_QUERY_CHARS + 1))
    with pytest.raises(QueryError, match=f"at most {MAX_CLAUSES:,}"):
        built_index.search(" ".join(f"w{n}" for n in range(MAX_CLAUSES + 1)))


def test_a_message_echoes_only_the_start_of_a_long_query(built_index: Index) -> None:
    query = " ".join(f"w{n}" for n in range(MAX_CLAUSES + 1))
    with pytest.raises(QueryError) as caught:
        built_index.search(query)
    assert caught.value.query == query
    assert query[:ECHOED_CHARS] + "…" in str(caught.value)
    assert len(str(caught.value)) < 3 * ECHOED_CHARS


def test_a_very_long_word_is_searched_as_it_is(built_index: Index) -> None:
    results = built_index.search("a" * 5000)
    assert (results.total, results.suggestion) == (0, None)
    assert built_index.search("a" * 500 + "~2").total == 0


def test_a_wildcard_or_fuzzy_word_that_fits_no_word_finds_nothing(built_index: Index) -> None:
    assert built_index.search("prices~5").total == 0
    assert built_index.search("council zzqq*").total == 0
    assert built_index.search("council OR zzqq*").total == len(COUNCIL)
    assert built_index.search("council -zzqq*").total == len(COUNCIL)
    assert built_index.search("-zzqq*").total == len(built_index)
    assert built_index.search("zzqq* council", any_words=True).total == len(COUNCIL)


def test_past_the_budget_a_search_stops_with_a_query_error(
    built_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "TIME_BUDGET", -1.0)
    for search in (lambda: built_index.search("council"), lambda: built_index.quotes("council")):
        with pytest.raises(QueryTimeoutError, match="took longer than its budget") as caught:
            search()
        assert isinstance(caught.value, QueryError)


def test_past_the_budget_the_command_says_so_in_one_line(
    runner: CliRunner, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "TIME_BUDGET", -1.0)
    result = runner.invoke(cli, ["search", "--index", str(index_dir), "council"])
    assert result.exit_code == 2
    assert result.stderr.startswith("searcher: the query 'council' took longer")
    assert result.stderr.count("\n") == 1


def test_a_suggestion_past_the_budget_is_left_out(
    built_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    import searcher.read.search

    def too_slow(*_args, **_kwargs):
        raise QueryTimeoutError("councl", 1.0)

    monkeypatch.setattr(searcher.read.search, "suggest", too_slow)
    results = built_index.search("council zoo", any_words=True)
    assert results.total > 0 and results.suggestion is None


def test_a_deadline_inside_another_keeps_the_outer_one() -> None:
    with (
        budget.deadline("outer", seconds=-1.0),
        budget.deadline("inner", seconds=100.0),
        pytest.raises(QueryTimeoutError, match="outer"),
    ):
        budget.check()
    budget.check()  # no search running: no deadline
