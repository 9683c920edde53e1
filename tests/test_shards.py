"""A sharded index (`searcher index --shards N`, `ShardedIndex`) answers as one index over the same
articles: the same totals, facets, copies, suggestions, timelines and top hits with their scores.

300 real BBC stories are written as files, indexed once as one index and once as 4 shards, and 30
queries of every kind are compared, page by page: the same hits in the same order, equal scores
ranked by article id in both.
"""

from __future__ import annotations

import itertools
import json
import zlib
from pathlib import Path

import bbcsample
import pytest
from click.testing import CliRunner

from searcher import Index
from searcher.cli import cli
from searcher.read.fanout import FanOut, local_runner
from searcher.shards import MANIFEST, ShardedIndex, shard_of

SHARDS = 4
FACETS = ["year", "month", "source", "byline", "speaker"]
QUERIES = [
    "economy",
    "oil prices",
    '"prime minister"',
    "election OR vote",
    "music -chart",
    "england rugby coach",
    "internet security virus",
    "bank interest rates",
    "tax",
    "world cup",
    "film*",
    "econom*",
    "goverment~",
    "champions league",
    "title:profit",
    "quote:growth",
    "speaker:blair",
    "said",
    "mobile phone OR broadband",
    '"chief executive"',
    "shares -bank",
    "sport AND injury",
    "labour conservative",
    "iraq war",
    "microsoft",
    "dollar euro",
    "record sales",
    "court case appeal",
    "oscar nomination",
    "bbc",
]


def write_files(folder: Path, stories) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in stories:
        target = folder / name.replace("/", "_")
        target.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Index, ShardedIndex]:
    root = tmp_path_factory.mktemp("sharded")
    write_files(root / "corpus", bbcsample.stories())
    with Index.create(root / "one") as one:
        one.update([root / "corpus"], jobs=1)
    with ShardedIndex.create(root / "many", SHARDS) as many:
        many.update([root / "corpus"], jobs=1)
    single, sharded = Index.open(root / "one"), Index.open(root / "many")
    yield single, sharded
    single.close()
    sharded.close()


def page(results) -> list[tuple[str, float, tuple[str, ...]]]:
    """The page's hits in their order: id, score (to 1e-9) and the sources of its copies."""
    return [(hit.id, round(hit.score, 9), hit.copies) for hit in results.hits]


@pytest.mark.parametrize("text", QUERIES)
def test_a_sharded_index_answers_as_one_index(both, text: str) -> None:
    single, sharded = both
    for options in (
        {},
        {"facets": FACETS, "collapse": True},
        {"sort": "-date"},
        {"sort": "date", "collapse": True},
        {"page": 2, "limit": 5},
    ):
        one, many = single.search(text, **options), sharded.search(text, **options)
        assert (many.total, many.stories, many.suggestion, many.facets) == (
            one.total,
            one.stories,
            one.suggestion,
            one.facets,
        ), (text, options)
        assert page(many) == page(one), (text, options)
    assert sharded.timeline(text).to_dict() == single.timeline(text).to_dict()


OPTIONS = (
    {},
    {"facets": FACETS, "collapse": True},
    {"sort": "-date"},
    {"sort": "date", "collapse": True},
    {"page": 2, "limit": 5},
    {"page": 3, "limit": 4, "collapse": True, "facets": ["source", "month"]},
)


def same_answer(one, many, why) -> None:
    assert (many.total, many.stories, many.suggestion, many.facets) == (
        one.total,
        one.stories,
        one.suggestion,
        one.facets,
    ), why
    assert page(many) == page(one), why
    assert [(h.rank, h.snippet, h.highlights, h.title) for h in many] == [
        (h.rank, h.snippet, h.highlights, h.title) for h in one
    ], why


@pytest.mark.parametrize("text", QUERIES)
def test_shards_searched_one_by_one_answer_as_one_index(both, text: str) -> None:
    """The fan-out (`read.fanout`: each shard ranks its own top with the collection's statistics,
    the coordinator merges, the shards fetch the page) gives one index's page, here in-process."""
    single, sharded = both
    fan = FanOut(sharded, local_runner(sharded.shards))
    for options in OPTIONS:
        same_answer(
            single.search(text, **options), fan.search(sharded._request(text, **options)), (text, options)
        )
    for sort in ("relevance", "-date"):  # a cursor from one index's page, on the shards
        after = single.search(text, limit=3, sort=sort).next_after
        if after is not None:
            options = {"limit": 4, "sort": sort, "after": after, "facets": ["year"]}
            same_answer(
                single.search(text, **options), fan.search(sharded._request(text, **options)), (text, options)
            )


def test_shards_left_empty_are_searched_too(tmp_path: Path) -> None:
    """More shards than articles: the empty shards answer nothing, one by one and as one."""
    articles = bbcsample.articles(6)
    with Index.create(tmp_path / "one") as one, ShardedIndex.create(tmp_path / "many", 16) as many:
        one.add(articles)
        many.add(articles)
        assert any(len(shard) == 0 for shard in many.shards)
        fan = FanOut(many, local_runner(many.shards))
        for text in ("economy", "the OR said"):
            for options in OPTIONS:
                options = {**options, "any_words": True}
                expected = one.search(text, **options)
                same_answer(expected, many.search(text, **options), (text, options))
                same_answer(expected, fan.search(many._request(text, **options)), (text, options))


def test_equal_scores_rank_by_id_in_both(both) -> None:
    """The pages compared above hold ties, which rank by article id in both layouts: document
    numbers differ between them, so the comparison has teeth."""
    single, _sharded = both
    tied = 0
    for text in QUERIES:
        for a, b in itertools.pairwise(single.search(text, limit=20).hits):
            if round(a.score, 9) == round(b.score, 9):
                tied += 1
                assert a.id < b.id, text
    assert tied


def test_every_article_is_in_the_shard_its_id_names(both) -> None:
    single, sharded = both
    assert isinstance(sharded, ShardedIndex) and len(sharded.shards) == SHARDS
    assert len(sharded) == len(single) == sum(len(shard) for shard in sharded.shards)
    for n, shard in enumerate(sharded.shards):
        ids = {hit.id for hit in shard.search("the OR said", limit=1000, any_words=True)}
        assert ids and all(zlib.crc32(i.encode()) % SHARDS == n == shard_of(i, SHARDS) for i in ids)


def test_quotes_show_similar_and_stats_work_on_shards(both) -> None:
    single, sharded = both
    assert sharded.quotes("growth").to_dict() == single.quotes("growth").to_dict()
    some = single.search("economy").hits[0].id
    assert sharded.get(some) == single.get(some)
    assert [h.id for h in sharded.similar(some, 5)] == [h.id for h in single.similar(some, 5)]
    one, many = single.stats().to_dict(), sharded.stats().to_dict()
    for key in ("articles", "files", "sources", "bylines", "languages"):
        assert many[key] == one[key], key


def test_updates_route_changed_and_removed_articles(tmp_path: Path) -> None:
    stories = bbcsample.stories(60)
    write_files(tmp_path / "corpus", stories)
    with ShardedIndex.create(tmp_path / "many", 3) as many, Index.create(tmp_path / "one") as one:
        for ix in (many, one):
            ix.update([tmp_path / "corpus"], jobs=1)
        files = sorted((tmp_path / "corpus").iterdir())
        files[0].unlink()
        files[1].write_text(
            "Zanzibar ferry strike\n\nDockers in Zanzibar stopped the ferries today.", encoding="utf-8"
        )
        reports = [ix.update([tmp_path / "corpus"], jobs=1) for ix in (many, one)]
        assert [(r.added, r.updated, r.removed) for r in reports] == [(0, 1, 1)] * 2
        assert len(many) == len(one) == 59
        assert [h.id for h in many.search("zanzibar")] == [h.id for h in one.search("zanzibar")] != []
        assert many.update([tmp_path / "corpus"], jobs=1).files_parsed == 0


def test_an_update_cut_between_two_shards_leaves_the_old_index_and_a_rerun_completes_it(
    tmp_path: Path, monkeypatch
) -> None:
    """The first shard has committed its new generation, the second is interrupted: the manifest
    still names the old generations, so the index reads as before in every shard, and a plain
    re-run (no rebuild) writes the update whole."""
    from searcher.engine.bulkwriter import BulkWriter

    stories = bbcsample.stories(30)
    write_files(tmp_path / "corpus", stories)
    with ShardedIndex.create(tmp_path / "many", 3) as many:
        before = json.loads((tmp_path / "many" / MANIFEST).read_text())
        commits = []
        real = BulkWriter.commit

        def second_fails(self, *args, **kwargs):
            commits.append(self)
            if len(commits) == 2:
                raise KeyboardInterrupt
            return real(self, *args, **kwargs)

        monkeypatch.setattr(BulkWriter, "commit", second_fails)
        with pytest.raises(KeyboardInterrupt):
            many.update([tmp_path / "corpus"], jobs=1)
        monkeypatch.setattr(BulkWriter, "commit", real)
        assert json.loads((tmp_path / "many" / MANIFEST).read_text()) == before
        assert len(many) == 0 and many.search("the").total == 0
        with Index.open(tmp_path / "many") as reopened:
            assert len(reopened) == 0
        report = many.update([tmp_path / "corpus"], jobs=1)
        assert report.added == len(many) == 30
        assert "pending" not in json.loads((tmp_path / "many" / MANIFEST).read_text())


def test_the_command_makes_and_keeps_a_sharded_index(tmp_path: Path) -> None:
    write_files(tmp_path / "corpus", bbcsample.stories(20))
    runner = CliRunner()
    folder = str(tmp_path / "ix")
    made = runner.invoke(cli, ["index", str(tmp_path / "corpus"), "--index", folder, "--shards", "3", "-q"])
    assert made.exit_code == 0, made.output
    assert json.loads((tmp_path / "ix" / MANIFEST).read_text())["shards"] == 3
    again = runner.invoke(cli, ["index", str(tmp_path / "corpus"), "--index", folder, "--json"])
    assert json.loads(again.stdout)["files_unchanged"] == 20
    found = runner.invoke(cli, ["search", "the", "--index", folder, "--json"])
    assert json.loads(found.stdout)["total"] > 0
    wrong = runner.invoke(cli, ["index", str(tmp_path / "corpus"), "--index", folder, "--shards", "2"])
    assert wrong.exit_code != 0 and "--rebuild" in wrong.output
    redone = runner.invoke(
        cli, ["index", str(tmp_path / "corpus"), "--index", folder, "--shards", "2", "--rebuild", "-q"]
    )
    assert redone.exit_code == 0 and len(Index.open(folder).shards) == 2


def test_a_reader_sees_what_another_writer_committed(tmp_path: Path) -> None:
    from searcher import Article

    with ShardedIndex.create(tmp_path / "ix", 3) as made:
        made.add(bbcsample.articles(20))
    with Index.open(tmp_path / "ix") as reader:
        assert reader.search("zanzibar").total == 0
        with Index.open(tmp_path / "ix") as writer:
            writer.add([Article(id="z1", title="Zanzibar ferries", body="Zanzibar ferries stopped today.")])
        assert reader.search("zanzibar").total == 1 and len(reader) == 21
