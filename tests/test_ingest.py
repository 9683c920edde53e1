"""parse_tasks: files parsed in chunks, their quotes found in one pass per chunk, with the same
articles as reading each file alone, and a failure in any pass costing only its own file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS_FILES, break_quote_finder_on

import searcher
from searcher.errors import ParseError, SkippedFileError
from searcher.parse import add_quotes, parse_html, parse_path, parse_record, parse_text, read_file
from searcher.write.ingest import MIN_FILES_FOR_WORKERS, Parsed, Task, fingerprint, parse_task, parse_tasks

QUOTED = 'Plans\n\n“We will build it by June,” Mayor Ann Lee said.\n\n"It is {word}," said Bo Ford.\n'


def tasks_for(folder: Path) -> list[Task]:
    return [Task(str(file), str(folder), "") for file in sorted(folder.rglob("*")) if file.is_file()]


def articles_of(parsed: list[Parsed]) -> dict[str, list]:
    assert all(p.error is None for p in parsed), [p.error for p in parsed]
    return {p.task.file: p.articles for p in parsed}


def test_chunked_parse_gives_what_each_file_gives_alone(corpus_dir: Path) -> None:
    tasks = [Task(str(corpus_dir / name), str(corpus_dir), "") for name in CORPUS_FILES]
    alone = {task.file: read_file(Path(task.file), corpus_dir)[0] for task in tasks}
    assert sum(len(a.quotes) for articles in alone.values() for a in articles) >= 6
    assert articles_of(list(parse_tasks(tasks, jobs=1))) == alone


def test_workers_give_what_one_process_gives(tmp_path: Path) -> None:
    for i in range(MIN_FILES_FOR_WORKERS + 9):
        (tmp_path / f"{i:03}.txt").write_text(QUOTED.format(word=f"plan{i}"), encoding="utf-8")
    tasks = tasks_for(tmp_path)
    in_workers = articles_of(list(parse_tasks(tasks, jobs=2)))
    assert in_workers == articles_of(list(parse_tasks(tasks, jobs=1)))
    quotes = [a.quotes for articles in in_workers.values() for a in articles]
    assert all([q.speaker for q in found] == ["Ann Lee", "Bo Ford"] for found in quotes)


def test_quotes_found_later_are_the_quotes_found_in_the_parse(corpus_dir: Path) -> None:
    for name in CORPUS_FILES:
        file = corpus_dir / name
        later, _ = read_file(file, corpus_dir, with_quotes=False)
        assert all(a.quotes == [] for a in later)
        add_quotes(later)
        assert later == read_file(file, corpus_dir)[0], name


def test_parsers_leave_quotes_out_when_asked() -> None:
    text = QUOTED.format(word="done")
    html = f"<html><head><title>Plans</title></head><body><article><p>{text}</p></article></body></html>"
    record = {"title": "Plans", "body": text}
    for parse, source in ((parse_text, text), (parse_html, html), (parse_record, record)):
        full = parse(source)  # type: ignore[operator]
        bare = parse(source, with_quotes=False)  # type: ignore[operator]
        assert [q.speaker for q in full.quotes] == ["Ann Lee", "Bo Ford"], parse.__name__
        assert bare.quotes == []
        assert (bare.title, bare.body) == (full.title, full.body)


def test_a_quote_finder_failure_costs_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for word in ("one", "BOOM", "three"):
        (tmp_path / f"{word}.txt").write_text(QUOTED.format(word=word), encoding="utf-8")
    break_quote_finder_on(monkeypatch, "BOOM")
    for prepare in (False, True):
        parsed = {
            Path(p.task.file).stem: p for p in parse_tasks(tasks_for(tmp_path), jobs=1, prepare=prepare)
        }
        assert parsed["BOOM"].error == "the parser failed (ValueError: finder bug)"
        for word in ("one", "three"):
            assert parsed[word].error is None
            if prepare:
                assert parsed[word].batch is not None
            else:
                assert [q.speaker for q in parsed[word].articles[0].quotes] == ["Ann Lee", "Bo Ford"]


def test_the_index_batch_keeps_the_fingerprint_taken_before_reading(tmp_path: Path) -> None:
    file = tmp_path / "a.txt"
    file.write_text(QUOTED.format(word="kept"), encoding="utf-8")
    parsed = parse_task(Task(str(file), str(tmp_path), ""), prepare=True)
    assert parsed.error is None and parsed.batch is not None
    taken = fingerprint(str(file))
    assert parsed.batch.columns["fingerprint"] == [taken.encode()]
    given = parse_task(Task(str(file), str(tmp_path), "given"), prepare=True)
    assert given.batch is not None and given.batch.columns["fingerprint"] == [b"given"]


def test_an_unreadable_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    missing = Task(str(tmp_path / "gone.txt"), str(tmp_path), "")
    for prepare in (False, True):
        parsed = parse_task(missing, prepare=prepare)
        assert parsed.error is not None and parsed.error.startswith("cannot read")


# -- parse_paths: what `searcher parse` shows -------------------------------------------------------


def test_parse_paths_gives_what_parse_path_gives(corpus_dir: Path) -> None:
    one_file = corpus_dir / CORPUS_FILES[0]
    expected = [*parse_path(corpus_dir), *parse_path(one_file)]
    for jobs in (1, 2):
        assert list(searcher.parse_paths([corpus_dir, one_file], jobs=jobs)) == expected


def test_parse_paths_reports_skipped_files_and_bad_records(tmp_path: Path) -> None:
    for i in range(MIN_FILES_FOR_WORKERS):  # enough for the workers, whose problems come back pickled
        (tmp_path / f"{i:03}.txt").write_text(QUOTED.format(word=f"plan{i}"), encoding="utf-8")
    (tmp_path / "bad.html").write_bytes(b"\x00\x01binary")
    (tmp_path / "feed.jsonl").write_text('{"title": "Plans", "body": "Built."}\nnot json\n', encoding="utf-8")
    problems: list[ParseError] = []
    articles = list(searcher.parse_paths([tmp_path], jobs=2, on_error=problems.append))
    assert len(articles) == MIN_FILES_FOR_WORKERS + 1
    assert [(type(p), p.path, p.reason) for p in problems] == [
        (SkippedFileError, str(tmp_path / "bad.html"), "binary data, not an article"),
        (ParseError, f"{tmp_path / 'feed.jsonl'}:2", "not JSON (Expecting value)"),
    ]
    assert isinstance(problems[0], SkippedFileError) and problems[0].opened
    with pytest.raises(SkippedFileError, match=r"bad\.html"):
        list(searcher.parse_paths([tmp_path], jobs=1))


def test_parse_paths_refuses_a_missing_path_before_parsing(corpus_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no such file or folder"):
        next(searcher.parse_paths([corpus_dir, tmp_path / "gone"], on_error=lambda _: None))
