"""The ranking function: common words fade, rare words count, more matched words rank higher."""

from __future__ import annotations

from pathlib import Path

from searcher import Article, Index
from searcher.engine.scoring import K3, query_word_weight


def test_a_word_in_every_article_adds_almost_nothing(tmp_path: Path) -> None:
    articles = [Article(id=f"a{i}", title=f"Report {i}", body=f"market report number {i}") for i in range(20)]
    articles.append(Article(id="rare", title="Report", body="market report about volcanoes"))
    with Index.create(tmp_path / "ix") as index:
        index.add(articles)
        ranked = index.rank("market volcanoes")
        scores = dict(ranked)
        assert ranked[0][0] == "rare"
        # "market" is in every article: its weight nearly vanishes (Whoosh's default idf keeps it >= 1).
        assert max(score for doc, score in ranked if doc != "rare") < 0.1 * scores["rare"]


def test_rank_is_a_bag_of_words_without_syntax(tmp_path: Path) -> None:
    with Index.create(tmp_path / "ix") as index:
        index.add([Article(id="x", title="What is AND?", body="Logic gates: AND, OR and NOT (in circuits).")])
        assert [doc for doc, _ in index.rank('What is "AND"? (circuits: gates)')] == ["x"]


def test_a_repeated_query_word_counts_more_with_diminishing_returns() -> None:
    weights = [query_word_weight(count) for count in range(1, 12)]
    assert weights[0] == 1.0
    assert weights == sorted(weights)
    assert all(weight < count for count, weight in enumerate(weights[1:], 2))
    assert weights[-1] < K3 + 1


def test_a_word_counts_more_in_a_short_title_than_in_a_long_one(tmp_path: Path) -> None:
    padded = "Volcano erupts as lava flows over roads near villages on the island coast"
    with Index.create(tmp_path / "ix") as index:
        index.add(
            [Article(id="short", title="Volcano", body="news"), Article(id="long", title=padded, body="news")]
        )
        assert [doc for doc, _ in index.rank("volcano")] == ["short", "long"]
