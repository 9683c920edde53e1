"""Story groups: a new article joins the group of a near-duplicate written before it (in this run or
already indexed), else starts a group named by its own id."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from searcher import Article, Index
from searcher.engine.duplicates import sketch
from searcher.write.grouping import MAX_PER_KEY, StoryGrouper

WORDS = [f"w{n}" for n in range(400)]


def story(seed: int, words: int = 80) -> str:
    """A body of its own: no five-word run in common with another seed's."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + f"x{seed}" for _ in range(words))


def copy_of(body: str, seed: int) -> str:
    """The same story with a line of its own added at the end, as a wire copy has."""
    return body + " " + story(1000 + seed, 6)


def groups(bodies: list[tuple[str, str]]) -> dict[str, str]:
    grouper = StoryGrouper()
    return {article_id: grouper.group(article_id, sketch(body)) for article_id, body in bodies}


def test_a_first_article_is_its_own_group() -> None:
    assert StoryGrouper().group("a", sketch(story(1))) == "a"


def test_an_article_too_short_to_judge_is_always_its_own_group() -> None:
    grouper = StoryGrouper()
    assert sketch("Short note.") == []
    assert grouper.group("a", []) == "a"
    assert grouper.group("b", []) == "b"


def test_a_copy_joins_the_group_of_the_first_written() -> None:
    body = story(1)
    assert groups([("a", body), ("b", copy_of(body, 1)), ("c", story(2))]) == {"a": "a", "b": "a", "c": "c"}


def test_the_group_is_named_by_whichever_copy_came_first() -> None:
    body, copy = story(1), copy_of(story(1), 1)
    assert groups([("a", body), ("b", copy)]) == {"a": "a", "b": "a"}
    assert groups([("b", copy), ("a", body)]) == {"b": "b", "a": "b"}


def test_a_third_copy_joins_the_same_group() -> None:
    body = story(3)
    found = groups([("a", body), ("b", copy_of(body, 1)), ("c", copy_of(body, 2))])
    assert set(found.values()) == {"a"}


def test_boilerplate_shared_by_too_many_articles_is_not_looked_up() -> None:
    """Past MAX_PER_KEY articles with the same sketch, a key is no longer a way to a group."""
    body = story(4)
    grouper = StoryGrouper()
    found = [grouper.group(f"a{n}", sketch(body)) for n in range(MAX_PER_KEY + 3)]
    assert found[: MAX_PER_KEY + 1] == ["a0"] * (MAX_PER_KEY + 1)
    assert found[MAX_PER_KEY + 2] == f"a{MAX_PER_KEY + 2}"


@given(st.lists(st.integers(0, 5), min_size=1, max_size=12))
def test_grouping_is_deterministic_and_copies_share_a_group(stories: list[int]) -> None:
    """Articles telling the same story share one group, named by its first article; others differ."""
    bodies = [(f"id{n}", copy_of(story(s), n)) for n, s in enumerate(stories)]
    found = groups(bodies)
    assert found == groups(bodies)
    first = {}
    for n, s in enumerate(stories):
        first.setdefault(s, f"id{n}")
        assert found[f"id{n}"] == first[s]


# -- through the index: a copy added later joins the group already indexed ---------------------------------


def test_a_copy_added_later_joins_the_indexed_story(tmp_path: Path) -> None:
    body = story(5)
    with Index.create(tmp_path / "index") as index:
        index.add(
            [Article(id="first", title="Ferry", body=body), Article(id="other", title="Zoo", body=story(6))]
        )
        index.add([Article(id="copy", title="Ferry", body=copy_of(body, 1))])
        stats = index.stats()
        assert (stats.duplicate_groups, stats.articles_in_duplicate_groups) == (1, 2)
        collapsed = index.search("ferry", collapse=True, limit=10)
        assert collapsed.stories == 1 and len(collapsed.hits) == 1
        assert len(collapsed.hits[0].copies) == 1
