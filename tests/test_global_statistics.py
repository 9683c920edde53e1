"""Shards scored with the whole collection's statistics rank as one index does.

300 BBC articles (every seventh, all five sections) go into one index and, split by a stable hash of their id, into four shards (each
in the same relative order). For queries of words, phrases, OR and NOT, the shards' merged best 10
(`read.fanout`) are the single index's: the same articles, the same scores to 1e-9. Scored with
each shard's own statistics instead (the control), they are not.
"""

from __future__ import annotations

import bbcsample
import pytest

from searcher import Index
from searcher.engine.globalstats import gather
from searcher.engine.schema import ID
from searcher.read.fanout import FanOut, local_runner
from searcher.read.search import evaluate
from searcher.shards import ShardedIndex

SHARDS = 4
QUERIES = [
    "economy",
    "oil prices",
    "film award",
    "mobile phone",
    '"prime minister"',
    '"chancellor gordon brown"',
    "election OR vote",
    "music -chart",
    "england rugby coach",
    "internet security virus",
    "bank interest rates",
    "games console",
    "tax",
    "court ruling appeal",
    "world cup",
]


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Index, ShardedIndex]:
    articles = bbcsample.articles()
    root = tmp_path_factory.mktemp("shards")
    with Index.create(root / "one") as one:
        one.add(articles)
    with ShardedIndex.create(root / "many", SHARDS) as many:
        many.add(articles)
    single, sharded = Index.open(root / "one"), ShardedIndex.open(root / "many")
    yield single, sharded
    single.close()
    sharded.close()


def best(single: Index, text: str, limit: int = 10) -> list[tuple[str, float]]:
    searcher = single._get_searcher()
    evaluation = evaluate(searcher, single._builder.parse(text, reader=searcher.reader()), None)
    return [(searcher.stored_fields(d)[ID], s) for s, d in evaluation.ranked(limit)]


def merged(
    sharded: ShardedIndex, text: str, limit: int = 10, statistics: bool = True
) -> list[tuple[str, float]]:
    """The best `limit` over the shards, each searched on its own (`read.fanout`, in this process)."""
    fan = FanOut(sharded, local_runner(sharded.shards), own_statistics=not statistics)
    return [(hit.id, hit.score) for hit in fan.search(sharded._request(text, limit))]


@pytest.mark.parametrize("text", QUERIES)
def test_shards_with_global_statistics_rank_as_one_index(indexes, text: str) -> None:
    single, shards = indexes
    one, many = best(single, text), merged(shards, text)
    assert one, text
    assert [i for i, _ in many] == [i for i, _ in one]
    assert [s for _, s in many] == pytest.approx([s for _, s in one], rel=1e-9, abs=1e-9)


def test_each_shards_own_statistics_rank_differently(indexes) -> None:
    """The control: without gathering, scores (and so rankings) move."""
    single, shards = indexes
    differ = [text for text in QUERIES if merged(shards, text, statistics=False) != best(single, text)]
    assert len(differ) >= len(QUERIES) // 2, differ


def test_gathered_counts_are_the_sums_of_the_shards(indexes) -> None:
    single, shards = indexes
    readers = [shard._get_searcher().reader() for shard in shards.shards]
    whole = single._get_searcher().reader()
    term = ("body", b"econom")
    stats = gather(readers, [term])
    assert stats.documents == whole.doc_count_all() == len(single)
    assert stats.frequencies[term] == whole.doc_frequency(*term)
    assert stats.lengths["body"] == whole.field_length("body")
