"""Deep pages: pages reach `MAX_DEPTH` hits deep, and a cursor (a page's `next_after`) walks on.
Walking a result set from cursor to cursor gives exactly the hits of one long page, in its order,
for every sort, with collapsing, with ties (identical articles) and undated articles."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from searcher import Article, Index
from searcher.cli import cli
from searcher.read import search as search_module
from searcher.read.search import MAX_DEPTH, read_cursor

WORDS = "harbor ferry council budget storm rail school court bridge market".split()


def articles(rng: random.Random) -> list[Article]:
    """Articles with many equal scores (repeated bodies: copies of a story, and bodies alike in
    words and length) and equal or missing dates."""
    stories = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) for _ in range(25)]
    found = []
    for n in range(90):
        body = stories[n % 25] if n % 3 else " ".join(rng.choice(WORDS) for _ in range(30))
        date = None if n % 7 == 0 else dt.date(2020, 1 + n % 3, 1 + n % 5)
        found.append(
            Article(id=f"a{rng.randrange(10**6):06d}-{n}", title=rng.choice(WORDS), body=body, date=date)
        )
    return found


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    with Index.create(tmp_path_factory.mktemp("cursor") / "index") as made:
        made.add(articles(random.Random(3)))
        yield made


def walk(index: Index, text: str, limit: int, **options) -> list[tuple[str, float, tuple[str, ...]]]:
    """Every hit, from cursor to cursor, `limit` a page."""
    seen = []
    page = index.search(text, limit=limit, **options)
    while True:
        seen += [(h.id, h.score, h.copies) for h in page]
        if page.next_after is None:
            return seen
        page = index.search(text, limit=limit, after=page.next_after, **options)
        assert page.after is not None and [h.rank for h in page] == list(range(1, len(page) + 1))


@pytest.mark.parametrize("sort", ["relevance", "date", "-date"])
@pytest.mark.parametrize("collapse", [False, True])
@pytest.mark.parametrize("text", ["harbor", "ferry OR council", "budget -storm", "rail*"])
def test_walking_from_cursor_to_cursor_is_one_long_page(
    index: Index, sort: str, collapse: bool, text: str
) -> None:
    whole = index.search(text, limit=200, sort=sort, collapse=collapse)
    every = [(h.id, h.score, h.copies) for h in whole]
    assert len(every) == (whole.stories if collapse else whole.total)
    for limit in (1, 4, 7):
        assert walk(index, text, limit, sort=sort, collapse=collapse) == every, limit
    scores = [score for _id, score, _copies in every]
    assert len(set(scores)) < len(scores)  # ties, which the cursor must step through


def test_the_cursor_gives_the_same_totals_and_facets(index: Index) -> None:
    first = index.search("harbor", limit=5, facets=["month"], collapse=True)
    after = index.search("harbor", limit=5, facets=["month"], collapse=True, after=first.next_after)
    assert (after.total, after.stories, after.facets) == (first.total, first.stories, first.facets)
    assert json.loads(json.dumps(after.to_dict()))["after"] == first.next_after


def test_pages_stop_at_the_depth_limit(index: Index) -> None:
    assert index.search("harbor", limit=10, page=MAX_DEPTH // 10).page == MAX_DEPTH // 10
    with pytest.raises(ValueError, match="walk further from a page's next_after"):
        index.search("harbor", limit=10, page=MAX_DEPTH // 10 + 1)
    with pytest.raises(ValueError, match="not a cursor"):
        index.search("harbor", after="no cursor")
    with pytest.raises(ValueError, match="no page or offset"):
        index.search("harbor", page=2, after="1.5:x")
    assert read_cursor("1.25:id:with:colons") == (1.25, "id:with:colons")


def test_the_command_walks_and_refuses_in_one_line(index: Index) -> None:
    runner = CliRunner()
    base = ["search", "harbor", "--index", str(index.path), "--limit", "3"]
    first = json.loads(runner.invoke(cli, [*base, "--json"]).stdout)
    second = runner.invoke(cli, [*base, "--after", first["next_after"]])
    assert second.exit_code == 0, second.output
    assert "after the cursor" in second.output and "Next: --after '" in second.output
    deep = runner.invoke(cli, [*base, "--page", str(MAX_DEPTH)])
    assert deep.exit_code == 2 and "10,000 hits deep" in deep.output and "Traceback" not in deep.output
    bad = runner.invoke(cli, [*base, "--after", "nonsense"])
    assert bad.exit_code == 2 and "is not a cursor" in bad.output


def test_an_export_walks_past_the_depth_limit(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web page's export reads pages as deep as they go, then cursors: every hit, in order."""
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from searcher.web import app as app_module

    monkeypatch.setattr(app_module, "EXPORT_PAGE", 4)
    monkeypatch.setattr(app_module, "MAX_DEPTH", 8)
    monkeypatch.setattr(search_module, "MAX_DEPTH", 8)
    with TestClient(app_module.create_app(Path(index.path))) as client:
        exported = client.get("/export.jsonl", params={"q": "harbor"})
    assert exported.status_code == 200, exported.text
    ids = [json.loads(line)["id"] for line in exported.text.splitlines() if line]
    monkeypatch.setattr(search_module, "MAX_DEPTH", MAX_DEPTH)
    assert ids == [h.id for h in index.search("harbor", limit=200, collapse=True)]  # the page's default
    assert len(ids) > 8
