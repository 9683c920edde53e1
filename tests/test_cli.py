"""The `searcher` command through click's CliRunner: output, JSON contracts, errors and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CORPUS_FILES, EXPECTED
from hypothesis import given
from hypothesis import strategies as st

from searcher.cli.commands import FORMATS, cli
from searcher.read.export import to_json

ANSI = "\x1b["
REPO = Path(__file__).resolve().parents[1]
HIT_KEYS = {
    "rank",
    "id",
    "path",
    "url",
    "title",
    "date",
    "byline",
    "source",
    "score",
    "snippet",
    "highlights",
    "title_highlights",
}
RESULTS_KEYS = {"query", "total", "page", "pages", "offset", "limit", "hits", "suggestion", "next_after"}
ARTICLE_KEYS = {"id", "path", "url", "source", "title", "date", "byline", "body", "quotes", "language"}
REPORT_KEYS = {
    "added",
    "updated",
    "removed",
    "files_seen",
    "files_parsed",
    "files_unchanged",
    "skipped",
    "seconds",
    "articles",
}


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(cli, list(args), env=env)


def assert_clean_failure(result: Result, code: int) -> None:
    """Failed with `code`, a one-line message on stderr, and no traceback."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""


# -- index ------------------------------------------------------------------------------------------------


def test_index_summary(runner: CliRunner, tmp_path: Path, own_corpus: Path) -> None:
    result = run(runner, "index", str(own_corpus), "--index", str(tmp_path / "ix"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    summary = result.stdout
    assert f"{len(EXPECTED)} added, 0 updated, 0 removed, 0 skipped" in summary
    assert f"{len(CORPUS_FILES)} files ({len(CORPUS_FILES)} parsed, 0 unchanged)" in summary
    assert f"holds {len(EXPECTED)} articles" in summary
    assert result.stderr == ""
    again = run(runner, "index", str(own_corpus), "--index", str(tmp_path / "ix"))
    assert again.exit_code == 0
    assert f"0 added, 0 updated, 0 removed, 0 skipped; {len(CORPUS_FILES)} files (0 parsed," in again.stdout


def test_index_json(runner: CliRunner, tmp_path: Path, own_corpus: Path) -> None:
    result = run(runner, "index", str(own_corpus), "--index", str(tmp_path / "ix"), "--json", "-j", "1")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert report["added"] == report["articles"] == len(EXPECTED)
    assert report["files_seen"] == report["files_parsed"] == len(CORPUS_FILES)
    assert report["skipped"] == []


def test_index_warns_about_a_bad_file_and_succeeds(
    runner: CliRunner, tmp_path: Path, own_corpus: Path
) -> None:
    bad = own_corpus / "txt" / "photo.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    result = run(runner, "index", str(own_corpus), "--index", str(tmp_path / "ix"), "--json")
    assert result.exit_code == 0, result.output
    assert f"warning: skipped {bad}: binary data" in result.stderr
    assert "warning" not in result.stdout
    report = json.loads(result.stdout)
    assert report["added"] == len(EXPECTED)
    assert report["skipped"] == [{"path": str(bad), "reason": "binary data, not an article", "kind": "other"}]


def test_index_warns_about_an_unreadable_file(runner: CliRunner, tmp_path: Path, own_corpus: Path) -> None:
    link = own_corpus / "txt" / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    result = run(runner, "index", str(own_corpus), "--index", str(tmp_path / "ix"))
    assert result.exit_code == 0, result.output
    assert f"warning: skipped {link}: cannot read" in result.stderr
    assert "Traceback" not in result.output


def test_index_quiet(runner: CliRunner, tmp_path: Path, own_corpus: Path) -> None:
    result = run(runner, "index", str(own_corpus), "--index", str(tmp_path / "ix"), "--quiet")
    assert result.exit_code == 0
    assert result.stdout == ""


def test_index_missing_path_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "index", str(tmp_path / "nowhere"), "--index", str(tmp_path / "ix"))
    assert_clean_failure(result, 2)


# -- search -----------------------------------------------------------------------------------------------


def test_search_text(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "search", "giraffe", "--index", str(index_dir))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "1 article matches 'giraffe'" in out
    assert "Zoo Welcomes Newborn **Giraffe** Calf" in out
    assert "**giraffe**" in out
    assert "Priya Raman" in out
    assert "id txt/zoo.txt" in out
    assert ANSI not in out


def test_search_words_are_joined(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "search", "council", "gorge", "--index", str(index_dir))
    assert result.exit_code == 0
    assert "1 article matches 'council gorge'" in result.stdout
    assert "Suspension Bridge Closes for Cable Repairs" in result.stdout


def test_search_color(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "search", "giraffe", "--index", str(index_dir), "--color")
    assert result.exit_code == 0
    assert ANSI in result.stdout
    assert "**" not in result.stdout


def test_search_no_match_suggests(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "search", "girafe", "--index", str(index_dir))
    assert result.exit_code == 1  # nothing matched, as grep says it
    assert result.stdout == "No articles match 'girafe'.\nDid you mean: giraffe\n"
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_search_exit_status_says_whether_anything_matched(
    runner: CliRunner, index_dir: Path, fmt: str
) -> None:
    found = run(runner, "search", "giraffe", "--index", str(index_dir), "--format", fmt)
    assert found.exit_code == 0, found.output
    assert "txt/zoo.txt" in found.stdout
    missed = run(runner, "search", "girafe", "--index", str(index_dir), "--format", fmt)
    assert missed.exit_code == 1, missed.output
    assert missed.stderr == ""
    assert "Traceback" not in missed.output


def test_search_prints_all_of_its_output_before_exiting_1(runner: CliRunner, index_dir: Path) -> None:
    args = ["search", "girafe", "--index", str(index_dir)]
    data = json.loads(run(runner, *args, "--json").stdout)
    assert (data["total"], data["hits"], data["suggestion"]) == (0, [], "giraffe")
    assert run(runner, *args, "--format", "csv", "--fields", "rank,id").stdout == "rank,id\n"
    assert run(runner, *args, "--format", "jsonl").stdout == ""  # no hits, no lines


def test_a_page_past_the_last_is_no_failure(runner: CliRunner, index_dir: Path) -> None:
    # the query matched; only the page is empty
    result = run(runner, "search", "council", "--page", "9", "--index", str(index_dir))
    assert result.exit_code == 0, result.output
    assert "page 9 is past the last page" in result.stdout


def test_every_listing_exits_1_when_it_finds_nothing(runner: CliRunner, index_dir: Path) -> None:
    for args in (["quotes", "giraffe"], ["quotes", "--speaker", "nobody"], ["timeline", "girafe"]):
        result = run(runner, *args, "--index", str(index_dir))
        assert result.exit_code == 1, (args, result.output)
        assert result.stdout and result.stderr == "", args
        as_json = run(runner, *args, "--index", str(index_dir), "--json")
        assert as_json.exit_code == 1
        assert json.loads(as_json.stdout)["total"] == 0
    for args in (["quotes", "island"], ["timeline", "giraffe"]):
        assert run(runner, *args, "--index", str(index_dir)).exit_code == 0, args


def test_similar_exits_1_when_no_article_is_alike(runner: CliRunner, tmp_path: Path) -> None:
    from searcher import Article, Index

    with Index.create(tmp_path / "ix") as index:
        index.add(
            [
                Article(id="ferry", title="Ferry fares", body="Ferry riders pay more per crossing."),
                Article(id="zoo", title="Zoo giraffe", body="A newborn giraffe calf stood quickly."),
                Article(id="zoo-2", title="Zoo giraffe", body="The giraffe calf stood within hours."),
            ]
        )
    lonely = run(runner, "similar", "ferry", "--index", str(tmp_path / "ix"))
    assert lonely.exit_code == 1, lonely.output
    assert lonely.stdout == "No articles match 'similar:ferry'.\n"
    alike = run(runner, "similar", "zoo", "--index", str(tmp_path / "ix"), "--json")
    assert alike.exit_code == 0, alike.output
    assert [hit["id"] for hit in json.loads(alike.stdout)["hits"]] == ["zoo-2"]


def test_search_json_contract(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "search", "council", "--index", str(index_dir), "--json", "--limit", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == RESULTS_KEYS
    assert (data["query"], data["total"], data["page"], data["pages"], data["limit"]) == (
        "council",
        5,
        1,
        2,
        3,
    )
    assert data["suggestion"] is None
    assert len(data["hits"]) == 3
    for hit in data["hits"]:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["byline"], list)
        assert isinstance(hit["score"], float)
        assert hit["highlights"]
        for span in hit["highlights"]:
            assert isinstance(span, list) and len(span) == 2
            start, end = span
            assert hit["snippet"][start:end].lower() == "council"
        assert hit["date"] is None or re.match(r"^\d{4}-\d\d-\d\d", hit["date"])


def test_search_json_dates_and_suggestion(runner: CliRunner, index_dir: Path) -> None:
    data = json.loads(run(runner, "search", "corroded", "--index", str(index_dir), "--json").stdout)
    assert data["hits"][0]["date"] == "2017-11-09T14:05:00-05:00"
    assert data["hits"][0]["title_highlights"] == []
    data = json.loads(run(runner, "search", "girafe", "--index", str(index_dir), "--json").stdout)
    assert (data["total"], data["hits"], data["suggestion"]) == (0, [], "giraffe")


def test_search_options(runner: CliRunner, index_dir: Path) -> None:
    args = ["search", "council", "--index", str(index_dir), "--json", "--sort", "date", "-n", "2", "-p", "2"]
    data = json.loads(run(runner, *args).stdout)
    assert [h["date"][:10] for h in data["hits"]] == ["2018-08-22", "2019-05-05"]
    assert [h["rank"] for h in data["hits"]] == [3, 4]
    args = ["search", "council", "--index", str(index_dir), "--json", "--since", "2017", "--until", "2018"]
    data = json.loads(run(runner, *args).stdout)
    assert {h["id"] for h in data["hits"]} == {
        "https://riverton.example.com/news/bridge-closure",
        "metro-2018-003",
    }


def test_index_env_var(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "search", "giraffe", "--json", env={"SEARCHER_INDEX": str(index_dir)})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 1
    result = run(runner, "stats", "--json", env={"SEARCHER_INDEX": str(index_dir)})
    assert json.loads(result.stdout)["articles"] == len(EXPECTED)


# -- show, parse, stats -------------------------------------------------------------------------------------


def test_show(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "show", "txt/dredging.txt", "--index", str(index_dir))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Harbor Dredging Project Wins Federal Approval\n")
    assert "Tom Whitaker" in out
    assert "2015-03-03" in out
    assert "Harbor Gazette" in out
    assert "The city council had lobbied engineers" in out
    assert "Elena Vasquez" in out
    assert ANSI not in out


def test_show_json(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "show", "metro-2019-004", "--index", str(index_dir), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == ARTICLE_KEYS
    assert data["id"] == "metro-2019-004"
    assert data["title"] == "Ferry Service Returns to Island"
    assert data["byline"] == ["Helen Cho"]
    assert data["date"].startswith("2019-05-05")
    assert [(q["text"], q["speaker"]) for q in data["quotes"]] == [
        ("The island is open for summer again,", "Jane Roe")
    ]
    for quote in data["quotes"]:
        assert data["body"][quote["start"] : quote["end"]] == quote["text"]


def test_show_unknown_id(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "show", "no-such-id", "--index", str(index_dir))
    assert_clean_failure(result, 1)
    assert "no-such-id" in result.stderr


def test_parse_json(runner: CliRunner, corpus_dir: Path) -> None:
    result = run(runner, "parse", str(corpus_dir), "--json", "-j", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(EXPECTED)
    articles = [json.loads(line) for line in lines]
    for article in articles:
        assert set(article) == ARTICLE_KEYS
        for quote in article["quotes"]:
            assert set(quote) == {"text", "speaker", "start", "end"}
            assert article["body"][quote["start"] : quote["end"]] == quote["text"]
    assert {a["id"] for a in articles} == set(EXPECTED)
    zoo = next(a for a in articles if a["id"] == "txt/zoo.txt")
    assert (zoo["title"], zoo["date"], zoo["byline"], zoo["source"]) == (
        "Zoo Welcomes Newborn Giraffe Calf",
        "2016-07-14",
        ["Priya Raman"],
        None,
    )


def test_parse_text(runner: CliRunner, corpus_dir: Path) -> None:
    result = run(runner, "parse", str(corpus_dir / "txt" / "zoo.txt"))
    assert result.exit_code == 0
    assert "Zoo Welcomes Newborn Giraffe Calf" in result.stdout
    assert "Priya Raman" in result.stdout


def test_parse_warns_about_bad_files(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good Story\n\nWords.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00" * 100)
    result = run(runner, "parse", str(tmp_path), "--json")
    assert result.exit_code == 0
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == ["Good Story"]
    assert "warning: skipped" in result.stderr
    assert "bad.txt" in result.stderr


def test_a_lone_surrogate_in_a_record_is_replaced_not_fatal(runner: CliRunner, tmp_path: Path) -> None:
    # JSON may escape half of a surrogate pair alone; it is no character and cannot be printed.
    (tmp_path / "feed.jsonl").write_text(
        '{"title": "Odd \\ud800 bytes", "body": "Ferry text \\udc00 here."}\n'
    )
    parsed = run(runner, "parse", str(tmp_path), "--json")
    assert parsed.exit_code == 0, parsed.output
    article = json.loads(parsed.stdout)
    assert (article["title"], article["body"]) == ("Odd \ufffd bytes", "Ferry text \ufffd here.")
    index = str(tmp_path / "index")
    assert run(runner, "index", str(tmp_path), "--index", index).exit_code == 0
    found = run(runner, "search", "ferry", "--index", index)
    assert found.exit_code == 0, found.output
    assert "Odd \ufffd bytes" in found.stdout


def test_parse_nothing_readable(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00" * 100)
    result = run(runner, "parse", str(tmp_path))
    assert_clean_failure(result, 1)
    assert "no articles found" in result.stderr


def test_stats(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "stats", "--index", str(index_dir), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["articles"] == len(EXPECTED)
    assert data["files"] == len(CORPUS_FILES)
    text = run(runner, "stats", "--index", str(index_dir)).stdout
    assert f"articles  {len(EXPECTED)} from {len(CORPUS_FILES)} files" in text
    assert "Metro Wire (4)" in text


# -- errors -----------------------------------------------------------------------------------------------


def test_no_index(runner: CliRunner, tmp_path: Path) -> None:
    for args in (["search", "giraffe"], ["show", "x"], ["stats"]):
        result = run(runner, *args, "--index", str(tmp_path / "missing"))
        assert_clean_failure(result, 1)
        assert "no index at" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_bad_query(runner: CliRunner, index_dir: Path) -> None:
    for query in ("date:garbage", "(((", "s*"):
        result = run(runner, "search", query, "--index", str(index_dir))
        assert_clean_failure(result, 2)
        assert "cannot understand the query" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_bad_since_is_an_error(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "search", "council", "--since", "whenever", "--index", str(index_dir))
    assert_clean_failure(result, 2)
    assert "whenever" in result.stderr


def test_unknown_option(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "search", "giraffe", "--frobnicate", "--index", str(index_dir))
    assert_clean_failure(result, 2)
    assert "--frobnicate" in result.stderr


def test_unknown_command(runner: CliRunner) -> None:
    assert_clean_failure(run(runner, "frobnicate"), 2)


def test_search_needs_a_query(runner: CliRunner, index_dir: Path) -> None:
    assert_clean_failure(run(runner, "search", "--index", str(index_dir)), 2)


def test_help_and_version(runner: CliRunner) -> None:
    result = run(runner, "--help")
    assert result.exit_code == 0
    for name in cli.commands:
        assert name in result.stdout
    version = run(runner, "--version")
    assert version.exit_code == 0
    assert "searcher" in version.stdout


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"searcher {name}" not in readme]
    assert missing == [], f"commands not documented in README.md: {missing}"


# -- quotes -------------------------------------------------------------------------------------------------

QUOTE_KEYS = {
    "rank",
    "text",
    "speaker",
    "score",
    "highlights",
    "id",
    "title",
    "date",
    "source",
    "url",
    "start",
    "end",
}


def test_quotes_by_speaker(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "quotes", "--speaker", "jane roe", "--index", str(index_dir))
    assert result.exit_code == 0, result.output
    assert "The island is open for summer again," in result.stdout
    assert "— Jane Roe" in result.stdout
    assert "said by 'jane roe'" in result.stdout.splitlines()[0]
    assert ANSI not in result.stdout


def test_quotes_json(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "quotes", "island", "--index", str(index_dir), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"query", "speaker", "total", "articles", "quotes"} <= set(data)
    assert data["total"] == len(data["quotes"]) >= 1
    for quote in data["quotes"]:
        assert set(quote) == QUOTE_KEYS
        assert [quote["text"][a:b].lower() for a, b in quote["highlights"]] == ["island"]


def test_quotes_marks_words_when_piped(runner: CliRunner, index_dir: Path) -> None:
    result = run(runner, "quotes", "island", "--index", str(index_dir))
    assert "**island**" in result.stdout


def test_quotes_needs_words_or_a_speaker(runner: CliRunner, index_dir: Path) -> None:
    assert_clean_failure(run(runner, "quotes", "--index", str(index_dir)), 2)


def test_quotes_without_an_index(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "quotes", "island", "--index", str(tmp_path / "none"))
    assert_clean_failure(result, 1)
    assert "no index at" in result.stderr


# -- batch --------------------------------------------------------------------------------------------------


def test_batch_writes_a_trec_run(runner: CliRunner, index_dir: Path, tmp_path: Path) -> None:
    topics = tmp_path / "topics.jsonl"
    topics.write_text('{"id": "q1", "text": "council?"}\n{"id": "q2", "text": "?! --"}\n', encoding="utf-8")
    run_file = tmp_path / "out.run"
    result = run(
        runner, "batch", str(topics), "--index", str(index_dir), "--tag", "t1", "--output", str(run_file)
    )
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in run_file.read_text().splitlines()]
    assert rows and {row[0] for row in rows} == {"q1"}  # q2 has no words: no hits, no error
    assert all(row[1] == "Q0" and row[5] == "t1" for row in rows)
    assert [int(row[3]) for row in rows] == list(range(1, len(rows) + 1))
    scores = [float(row[4]) for row in rows]
    assert scores == sorted(scores, reverse=True)


def test_batch_reads_tsv_and_limits(runner: CliRunner, index_dir: Path, tmp_path: Path) -> None:
    topics = tmp_path / "topics.tsv"
    topics.write_text("7\tcouncil ferry island\n", encoding="utf-8")
    result = run(runner, "batch", str(topics), "--index", str(index_dir), "--limit", "2")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2
    assert all(line.startswith("7 Q0 ") for line in result.stdout.splitlines())


def test_batch_rejects_a_bad_topics_file(runner: CliRunner, index_dir: Path, tmp_path: Path) -> None:
    topics = tmp_path / "topics.txt"
    topics.write_text("no tab here\n", encoding="utf-8")
    result = run(runner, "batch", str(topics), "--index", str(index_dir))
    assert_clean_failure(result, 1)
    assert "topics.txt:1" in result.stderr


def test_a_one_shot_search_imports_only_what_it_uses(index_dir: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from searcher.cli import cli\n"
        f"cli.main(['search', 'council', '--index', {str(index_dir)!r}], standalone_mode=False)\n"
        "heavy = ('bs4', 'lxml', 'urllib.request', 'asyncio', 'cached_property', 'http.client', "
        "'whoosh.lang.morph_en')\n"
        "print('LOADED', sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Council" in out.stdout or "council" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "LOADED []"


def test_search_without_preloading_finds_the_same(index_dir: Path) -> None:
    from searcher.index import Index

    with Index.open(index_dir) as preloaded, Index.open(index_dir, preload=False) as on_demand:
        for query in ("council", '"ferry fares"', "bail prosecutors"):
            a, b = preloaded.search(query, limit=5), on_demand.search(query, limit=5)
            assert [(h.id, h.score, h.snippet) for h in a.hits] == [
                (h.id, h.score, h.snippet) for h in b.hits
            ]
            assert a.total == b.total


def test_main_runs_commands_with_the_garbage_collector_on(index_dir: Path) -> None:
    import subprocess
    import sys

    code = (
        "import gc, sys\n"
        "import searcher.cli.commands as c\n"
        "seen = []\n"
        "load = c._index_class\n"
        "c._index_class = lambda: (load(), seen.append(gc.isenabled()))[0]\n"
        f"sys.argv = ['searcher', 'search', 'council', '--index', {str(index_dir)!r}]\n"
        "try:\n"
        "    c.main()\n"
        "except SystemExit as end:\n"
        "    print('EXIT', end.code, seen, gc.isenabled())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "ouncil" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "EXIT 0 [True] True"


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_json_output_is_one_line_that_reads_back(data: object) -> None:
    # any text, lone surrogates included (they go out escaped rather than failing the command)
    line = to_json(data)
    assert "\n" not in line
    assert json.loads(line) == data
    line.encode("utf-8")  # printable as it is
