"""Topic files for batch runs: JSON Lines ({"id", "text"}) or TSV (id<TAB>text), a bad line named by
its file and line number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher.errors import SearcherError
from searcher.read.topics import read_topics


def write(tmp_path: Path, text: str, name: str = "topics.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_jsonl_topics_in_file_order(tmp_path: Path) -> None:
    path = write(tmp_path, '{"id": "q2", "text": "ferry fares"}\n{"id": "q1", "text": "bridge"}\n')
    assert read_topics(path) == [("q2", "ferry fares"), ("q1", "bridge")]


def test_jsonl_text_falls_back_to_query_then_title_then_nothing(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '{"id": "a", "query": "harbor dredging", "title": "ignored"}\n'
        '{"id": "b", "title": "zoo giraffe"}\n'
        '{"id": "c", "text": "", "query": "orchard frost"}\n'
        '{"id": "d"}\n',
    )
    assert read_topics(path) == [
        ("a", "harbor dredging"),
        ("b", "zoo giraffe"),
        ("c", "orchard frost"),
        ("d", ""),
    ]


def test_jsonl_ids_and_texts_become_strings(tmp_path: Path) -> None:
    path = write(tmp_path, '{"id": 401, "text": 2017}\n')
    assert read_topics(path) == [("401", "2017")]


def test_tsv_topics_split_at_the_first_tab_and_strip_the_id(tmp_path: Path) -> None:
    path = write(tmp_path, " q1 \tcity council\n q2\tfares\tbuses\n")
    assert read_topics(path) == [("q1", "city council"), ("q2", "fares\tbuses")]


def test_json_and_tsv_lines_mix(tmp_path: Path) -> None:
    path = write(tmp_path, 'q1\tharbor\n  {"id": "q2", "text": "zoo"}\n')
    assert read_topics(path) == [("q1", "harbor"), ("q2", "zoo")]


def test_a_byte_order_mark_crlf_and_blank_lines_are_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, '\ufeff{"id": "q1", "text": "zoo"}\r\n\r\n   \nq2\tbridge\r\n')
    assert read_topics(path) == [("q1", "zoo"), ("q2", "bridge")]


def test_unicode_topics_are_read_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, '{"id": "東京-1", "text": "Zürich café"}\nπ\tθάλασσα\n')
    assert read_topics(path) == [("東京-1", "Zürich café"), ("π", "θάλασσα")]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('{"id": "q1", "text": "zoo"}\n{"id": "q2", "text": \n', 2, "not JSON"),
        ('{"text": "no id"}\n', 1, 'a topic needs "id" and "text"'),
        ("q1\tzoo\n\njust some words\n", 3, "expected id<TAB>text or a JSON object"),
        ('["q1", "zoo"]\n', 1, "expected id<TAB>text or a JSON object"),
    ],
)
def test_a_bad_line_is_an_error_naming_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SearcherError) as caught:
        read_topics(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_a_file_without_topics_is_an_error(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SearcherError, match="no topics"):
        read_topics(path)


LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=40)
TSV_ID = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\r\n{\ufeff"), min_size=1
).map(str.strip)
TOPICS = st.lists(st.tuples(TSV_ID.filter(bool), LINE_TEXT.filter(str.strip)), min_size=1, max_size=8)


@given(TOPICS)
def test_tsv_topics_read_back_as_written(tmp_path_factory: pytest.TempPathFactory, topics) -> None:
    path = write(tmp_path_factory.mktemp("tsv"), "".join(f"{qid}\t{text}\n" for qid, text in topics))
    assert read_topics(path) == topics


@given(st.lists(st.tuples(st.text(min_size=1), st.text(min_size=1)), min_size=1, max_size=8))
def test_jsonl_topics_read_back_as_written(tmp_path_factory: pytest.TempPathFactory, topics) -> None:
    lines = "".join(json.dumps({"id": qid, "text": text}) + "\n" for qid, text in topics)
    path = write(tmp_path_factory.mktemp("jsonl"), lines)
    assert read_topics(path) == topics


def test_rank_topics_ranks_each_topic_and_survives_one_without_words(tmp_path: Path) -> None:
    from searcher import Article, Index

    with Index.create(tmp_path / "ix") as index:
        index.add(
            [
                Article(id="ferry", title="Ferry fares rise", body="The harbour ferry costs more."),
                Article(id="bridge", title="Bridge opens", body="A new bridge crosses the river."),
            ]
        )
        runs = dict(index.rank_topics([("q1", "ferry fares"), ("q2", "!!! ???"), ("q3", "river bridge")]))
    assert list(runs) == ["q1", "q2", "q3"]
    assert [docid for docid, _ in runs["q1"]] == ["ferry"]
    assert runs["q2"] == []
    assert runs["q3"][0][0] == "bridge"
