"""A real Dask cluster (a `LocalCluster` of 2 worker processes on 127.0.0.1): the index built
through it is the index built locally, even when a worker dies during the build; and 2,000 BBC
stories built on it as 4 shards, searched on its workers, answer 30 queries of every kind as one
index of the same stories does."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import bbcsample
import pytest
import test_shards
from click.testing import CliRunner

from searcher import Index
from searcher.cli import cli
from searcher.cluster import close
from searcher.shards import ShardedIndex

SHARDS = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cluster") / "corpus"
    folder.mkdir()
    for name, text in bbcsample.stories():
        (folder / name.replace("/", "_")).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)
    client._searcher_cluster = cluster
    yield client
    close(client)


def contents(index: Index) -> list[list[tuple[str, str]]]:
    """Each shard's articles (id, title), in their order in the shard."""
    shards = index.shards if isinstance(index, ShardedIndex) else [index]
    out = []
    for shard in shards:
        searcher = shard._get_searcher()
        out.append([(fields["id"], fields.get("title", "")) for fields in searcher.all_stored_fields()])
    return out


def test_an_index_parsed_on_the_cluster_is_the_local_one(corpus: Path, client, tmp_path: Path) -> None:
    with ShardedIndex.create(tmp_path / "local", SHARDS) as local:
        local.update([corpus], jobs=2)
        with ShardedIndex.create(tmp_path / "cluster", SHARDS) as remote:
            report = remote.update([corpus], cluster=client)
            assert report.added == len(local) == 300
            assert contents(remote) == contents(local)
            for text in ("economy", '"prime minister"', "film*"):
                ours, theirs = remote.search(text, limit=20), local.search(text, limit=20)
                assert [(h.id, h.score) for h in ours] == [(h.id, h.score) for h in theirs]


def test_a_worker_killed_during_the_build_changes_nothing(corpus: Path, client, tmp_path: Path) -> None:
    victim = sorted(client.scheduler_info()["workers"])[0]
    pid = client.run(os.getpid, workers=[victim])[victim]
    killed = []

    def kill_once(progress) -> None:  # SIGKILL, once the build is under way
        if not killed and progress.articles > 0:
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)

    with ShardedIndex.create(tmp_path / "calm", SHARDS) as calm:
        calm.update([corpus], cluster=client)
        with ShardedIndex.create(tmp_path / "stormy", SHARDS) as stormy:
            stormy.update([corpus], cluster=client, progress=kill_once)
            assert killed
            assert contents(stormy) == contents(calm)
    leftovers = [
        p for p in (tmp_path / "stormy").rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")
    ]
    assert leftovers == []


def test_the_command_parses_on_a_local_cluster(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "index",
            str(corpus),
            "--index",
            str(tmp_path / "ix"),
            "--shards",
            "2",
            "--scheduler",
            "local",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 300


def test_without_the_extra_the_scheduler_option_says_what_to_install(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m.split(".")[0] in ("distributed", "dask")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = CliRunner().invoke(
        cli, ["index", str(corpus), "--index", str(tmp_path / "ix"), "--scheduler", "local"]
    )
    assert result.exit_code == 1
    assert "--scheduler needs the cluster extra: pip install 'news-searcher[cluster]'" in result.output


def test_shards_built_on_the_workers_are_the_local_build(corpus: Path, client, tmp_path: Path) -> None:
    from searcher.shards import build_on

    with ShardedIndex.create(tmp_path / "local", SHARDS) as local:
        local.update([corpus], jobs=2)
        report = build_on(client, tmp_path / "remote", [corpus], SHARDS)
        assert (report.added, report.total, report.files_parsed) == (300, 300, 300)
        with Index.open(tmp_path / "remote") as remote:
            assert contents(remote) == contents(local)
            for text in ("economy", "film*"):
                ours = remote.search(text, limit=20, collapse=True, facets=["year"])
                theirs = local.search(text, limit=20, collapse=True, facets=["year"])
                assert (ours.total, ours.stories, ours.facets) == (
                    theirs.total,
                    theirs.stories,
                    theirs.facets,
                )
                assert [(h.id, h.score) for h in ours] == [(h.id, h.score) for h in theirs]
    assert sorted(p.name for p in (tmp_path / "remote").iterdir()) == [
        *(f"shard-{n:03d}" for n in range(SHARDS)),
        "shards.json",
    ]


def test_a_worker_killed_between_parsing_and_writing_changes_nothing(
    corpus: Path, client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parsed chunks live on the workers while the coordinator decides the groups: killing one
    then loses its results, which Dask parses again for the shard writers."""
    import searcher.shards as shards_module

    victim = sorted(client.scheduler_info()["workers"])[0]
    pid = client.run(os.getpid, workers=[victim])[victim]
    decide = shards_module._decide

    def kill_then_decide(*args, **kwargs):
        os.kill(pid, signal.SIGKILL)
        return decide(*args, **kwargs)

    monkeypatch.setattr(shards_module, "_decide", kill_then_decide)
    stale = tmp_path / "stormy" / ".building-0123456789ab" / "shard-000"  # a killed coordinator's
    stale.mkdir(parents=True)
    shards_module.build_on(client, tmp_path / "stormy", [corpus], SHARDS)
    monkeypatch.setattr(shards_module, "_decide", decide)
    shards_module.build_on(client, tmp_path / "calm", [corpus], SHARDS)
    with Index.open(tmp_path / "stormy") as stormy, Index.open(tmp_path / "calm") as calm:
        assert contents(stormy) == contents(calm)
    assert not [p for p in (tmp_path / "stormy").iterdir() if p.name.startswith(".building")]


BIG = 2000


@pytest.fixture(scope="module")
def big(client, tmp_path_factory: pytest.TempPathFactory):
    """2,000 stories as one index built here, and as 4 shards built and searched on the cluster."""
    from searcher.clusterindex import ClusterIndex
    from searcher.shards import build_on

    root = tmp_path_factory.mktemp("big")
    (root / "corpus").mkdir()
    for name, text in bbcsample.stories(BIG, step=1):
        (root / "corpus" / name.replace("/", "_")).write_text(text, encoding="utf-8")
    with Index.create(root / "one") as one:
        one.update([root / "corpus"], jobs=2)
    report = build_on(client, root / "many", [root / "corpus"], SHARDS)
    assert report.added == BIG
    single, sharded = Index.open(root / "one"), ClusterIndex.open_on(root / "many", client)
    yield single, sharded
    single.close()
    sharded.close()


@pytest.mark.parametrize("text", test_shards.QUERIES)
def test_shards_searched_on_the_workers_answer_as_one_index(big, text: str) -> None:
    single, sharded = big
    for options in test_shards.OPTIONS:
        test_shards.same_answer(
            single.search(text, **options), sharded.search(text, **options), (text, options)
        )
    assert sharded.timeline(text).to_dict() == single.timeline(text).to_dict()
    assert sharded.timings.shard_search > 0


def test_each_shards_own_statistics_would_rank_differently(big) -> None:
    """The control: the same fan-out, each shard scoring with its own counts, moves the pages."""
    from searcher.read.fanout import FanOut

    single, sharded = big
    own = FanOut(sharded, sharded._fanout.runner, own_statistics=True)
    differ = [
        text
        for text in test_shards.QUERIES
        if test_shards.page(own.search(sharded._request(text))) != test_shards.page(single.search(text))
    ]
    assert len(differ) >= len(test_shards.QUERIES) // 2, differ


def test_statistics_are_kept_between_searches(big) -> None:
    _single, sharded = big
    cache = sharded.statistics_cache
    sharded.search("economy growth")
    found = cache.found
    sharded.search("economy growth")
    assert cache.found == found + len({"economy", "growth"}) * 2  # each word in title and body


def test_the_command_searches_on_the_cluster(big, tmp_path: Path) -> None:
    single, sharded = big
    result = CliRunner().invoke(
        cli, ["search", "oil prices", "--index", str(sharded.path), "--scheduler", "local", "--json"]
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [h["id"] for h in found["hits"]] == [h.id for h in single.search("oil prices")]
    refused = CliRunner().invoke(
        cli, ["search", "oil", "--index", str(tmp_path / "none"), "--scheduler", "local"]
    )
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    single_index = CliRunner().invoke(
        cli, ["search", "oil", "--index", str(single.path), "--scheduler", "local"]
    )
    assert single_index.exit_code == 1
    assert "is a single index: searching on a cluster needs shards" in single_index.output


def test_a_search_outlives_a_lost_worker(big, client) -> None:
    """A worker killed between searches: its shards are opened again on another, same answers."""
    single, sharded = big
    victim = sorted(client.nthreads())[0]
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    for text in ("economy", "film*", '"prime minister"'):
        options = {"facets": ["source"], "collapse": True}
        test_shards.same_answer(single.search(text, **options), sharded.search(text, **options), text)


def test_a_cursor_on_the_cluster(big) -> None:
    """A page after a cursor, fanned out, is one index's; with collapse (a story may span shards,
    and its earlier copies be elsewhere) it is refused in one line."""
    single, sharded = big
    after = single.search("economy", limit=5).next_after
    test_shards.same_answer(
        single.search("economy", limit=5, after=after), sharded.search("economy", limit=5, after=after), after
    )
    with pytest.raises(ValueError, match="a cursor with collapse is not offered on a cluster"):
        sharded.search("economy", collapse=True, after=after)


def test_a_commit_meanwhile_is_searched_at_once(client, tmp_path: Path) -> None:
    """Another writer commits between two searches: the next one reads the new generations here
    and on the workers alike (the statistics and the shards agree), and finds the new article."""
    from searcher import Article
    from searcher.clusterindex import ClusterIndex

    with ShardedIndex.create(tmp_path / "live", SHARDS) as made:
        made.add(bbcsample.articles(60))
    with ClusterIndex.open_on(tmp_path / "live", client) as remote:
        before = remote.search("zebra OR economy", any_words=True)
        with ShardedIndex.open(tmp_path / "live") as writer:
            writer.add(
                [Article(id="zz-new", title="Zebra crossing", body="A zebra crossing for the economy.")]
            )
            expected = writer.search("zebra OR economy", any_words=True)
        after = remote.search("zebra OR economy", any_words=True)
        assert after.total == before.total + 1
        test_shards.same_answer(expected, after, "after a commit")


def test_the_web_page_searches_on_the_cluster(big) -> None:
    """The page over a sharded index searched on the workers: its API answers as one index."""
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from searcher.clusterindex import ClusterIndex
    from searcher.web import create_app

    single, sharded = big
    remote = ClusterIndex.open_on(sharded.path, sharded.client)
    with TestClient(create_app(sharded.path, index=remote)) as client:
        found = client.get("/api/search", params={"q": "oil prices", "collapse": "0"}).json()
    assert [h["id"] for h in found["hits"]] == [
        h.id for h in single.search("oil prices", limit=len(found["hits"]))
    ]
    assert found["total"] == single.search("oil prices").total
