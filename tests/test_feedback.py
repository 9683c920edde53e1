"""Pseudo-relevance feedback: words the best articles share widen the query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from searcher import Article, Index
from searcher.engine.scoring import weighting
from searcher.read.feedback import expand, feedback_terms, mix
from searcher.read.query import bag_of_words

ARTICLES = [
    Article(
        id="v1", title="Volcano erupts", body="The volcano erupted; lava and magma flowed. Lava, ash, magma."
    ),
    Article(
        id="v2",
        title="Volcano alert",
        body="Volcano experts watch the lava and magma rising under the crater.",
    ),
    Article(
        id="v3", title="Island evacuated", body="Lava and magma reached the crater rim; ash fell in 2021."
    ),
    Article(id="f1", title="Football final", body="The team won the football final with a late goal."),
    Article(id="f2", title="Cup match", body="A goal in the match: the team and the coach celebrated."),
    Article(id="m1", title="Markets", body="Shares fell as markets opened; the bank raised rates."),
]


@pytest.fixture
def searcher(tmp_path: Path) -> Iterator:
    with Index.create(tmp_path / "ix") as index:
        index.add(ARTICLES)
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    with ix.searcher(weighting=weighting()) as opened:
        yield opened
    ix.close()


def _ids(searcher, query: wq.Query) -> list[str]:
    return [hit["id"] for hit in searcher.search(query, limit=10)]


def test_feedback_words_are_those_the_best_articles_share(searcher) -> None:
    top = searcher.search(bag_of_words(searcher.schema, "volcano"), limit=2).top_n
    chosen = feedback_terms(searcher, top, terms=3)
    assert {word for word, _ in chosen} == {"lava", "magma", "volcano"}
    assert sum(weight for _, weight in chosen) == pytest.approx(1.0)
    assert [weight for _, weight in chosen] == sorted((weight for _, weight in chosen), reverse=True)


def test_feedback_words_leave_out_stop_words_numbers_and_short_stems(searcher) -> None:
    top = searcher.search(bag_of_words(searcher.schema, "volcano ash"), limit=3).top_n
    words = {word for word, _ in feedback_terms(searcher, top, terms=50)}
    assert "lava" in words
    assert not words & {"the", "and", "in", "2021"}
    assert all(len(word) >= 3 for word in words)


def test_expansion_finds_an_article_without_the_query_word(searcher) -> None:
    query = bag_of_words(searcher.schema, "volcano")
    assert "v3" not in _ids(searcher, query)
    widened = expand(searcher, query, docs=2, terms=5)
    ids = _ids(searcher, widened)
    assert set(ids[:2]) == {"v1", "v2"}
    assert "v3" in ids
    assert not {"f1", "f2", "m1"} & set(ids)


def test_a_query_that_finds_nothing_is_left_alone(searcher) -> None:
    query = bag_of_words(searcher.schema, "glaciers")
    assert expand(searcher, query) is query


def test_mix_shares_the_weight_between_original_and_feedback_words(searcher) -> None:
    query = bag_of_words(searcher.schema, "volcano crater")
    mixed = mix(query, [("lava", 0.75), ("magma", 0.25)], 0.6)
    boosts = {(term.fieldname, term.text): term.boost for term in mixed.leaves()}
    # Two query words share 0.6, in each field at that field's weight (title 0.5, body 1).
    assert boosts[("body", "volcano")] == pytest.approx(0.3)
    assert boosts[("title", "volcano")] == pytest.approx(0.15)
    assert boosts[("body", "lava")] == pytest.approx(0.4 * 0.75)
    assert boosts[("title", "magma")] == pytest.approx(0.5 * 0.4 * 0.25)


def test_rerank_keeps_the_matches_and_moves_shared_words_up(tmp_path) -> None:
    # Five harbour stories and one bakery story match "council vote"; the bakery one ranks first on
    # its own (shorter). Harbour and bakery words are equally common in the collection (five stories
    # each), so only the feedback counts: the best hits are mostly harbour stories.
    harbour = "harbour dredging channel ships port"
    bakery = "bakery bread ovens flour loaves"
    articles = [
        Article(id=f"h{i}", title="Council vote", body=f"The council vote on the {harbour} plan number {i}.")
        for i in range(5)
    ]
    articles += [
        Article(id=f"b{i}", title="Market day", body=f"Stalls sold {bakery} item {i}.") for i in range(4)
    ]
    articles.append(Article(id="bakery", title="Council vote", body=f"The council vote on the {bakery}."))
    with Index.create(tmp_path / "ix") as index:
        index.add(articles)
        plain = index.search("council vote", limit=10)
        expanded = index.search("council vote", limit=10, expand=True)
        assert plain.total == expanded.total == 6
        assert {h.id for h in plain} == {h.id for h in expanded}
        assert plain[0].id == "bakery"
        assert [h.id for h in expanded][-1] == "bakery"
        # The hits are reordered by the words they share, but only the typed words are marked.
        for hit in expanded:
            marked = {hit.snippet[a:b].lower() for a, b in hit.highlights}
            assert marked and marked <= {"council", "vote"}, marked


def test_similar_ranks_as_whoosh_would_without_the_article_itself(built_index: Index) -> None:
    """`Index.similar` ranks with `matching`; Whoosh's own search of the same "more like this"
    query, masking the article, gives the same articles, order and scores."""
    from searcher.engine import whoosh_fixes
    from searcher.engine.schema import ID, stored_body, stored_title
    from searcher.index import SIMILAR_TERMS
    from searcher.read import feedback

    searcher = built_index._get_searcher()
    checked = 0
    for docnum in searcher.reader().all_doc_ids():
        stored = searcher.stored_fields(docnum)
        text = " ".join(part for part in (stored_title(stored), stored_body(stored)) if part)
        query = feedback.like(searcher, text, terms=SIMILAR_TERMS)
        whoosh = whoosh_fixes.search(searcher, query, limit=3, mask={docnum})
        ours = built_index.similar(stored[ID], limit=3)
        assert [h.id for h in ours] == [h[ID] for h in whoosh]
        assert [h.score for h in ours] == pytest.approx([h.score for h in whoosh], rel=1e-9)
        checked += len(ours)
    assert checked > 0
