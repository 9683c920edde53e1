"""Real news text: every word, phrase and headline a reader sees finds its article.

Each article holds the kind of text news is printed in (curly possessives, hyphenated and slashed
compounds, dotted abbreviations, dashes, accents, common words); each test searches for it the way
a reader would type it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searcher import Article, Index, QueryError
from searcher.engine.analysis import word_tokens

ARTICLES = [
    Article(
        id="cola",
        title="DC-Area Bars That Won’t Charge Covers on New Year’s Eve",
        body=(
            "Coca-Cola’s bottlers said on Monday that the cost-effective plan would go ahead. "
            "Taylor Swift’s tour stopped in the U.S. capital, and fans wrote in by e-mail. "
            "It is what it is, one owner said — the post-apocalyptic mood has lifted."
        ),
    ),
    Article(
        id="virus",
        title="COVID‑19 cases fall as F-35 deliveries resume",
        body=(
            "The 9/11 memorial reopened. Officials said COVID-19 cases fell and the F-35 jets, built "
            "in Zürich–Basel plants, flew again. The al-Qaeda cell was not mentioned."
        ),
    ),
    Article(
        id="plain",
        title="Cola prices rise",
        body="The price of cola rose. An email to readers said more bottles would be sold to "
        "rapidly growing shops across the United States, down the road from the capital. The survey "
        "was complete.",
    ),
    Article(
        id="quote",
        title="To be or not to be",
        body="The actor said: to be or not to be, that is the question. The crowd cheered.",
    ),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    with Index.create(tmp_path_factory.mktemp("news") / "index") as opened:
        opened.add(ARTICLES)
        yield opened


def ids(results) -> set[str]:
    return {hit.id for hit in results}


def marked(hit) -> list[str]:
    return [hit.snippet[a:b] for a, b in hit.highlights]


# -- printed words ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Swift", "swift", "Swift’s", "Swift's", "Swiftʼs", "SWIFT"])
def test_a_possessive_is_its_name(index: Index, typed: str) -> None:
    results = index.search(typed)
    assert ids(results) == {"cola"}
    assert "Swift’s" in marked(results[0])  # the word as printed, possessive and all


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Coca-Cola", {"cola"}),
        ("Coca‑Cola", {"cola"}),  # a non-breaking hyphen, as some pages print it
        ('"coca cola"', {"cola"}),
        ("cocacola", {"cola"}),
        ("coca", {"cola"}),
        ("cost-effective", {"cola"}),
        ("costeffective", {"cola"}),
        ("post-apocalyptic", {"cola"}),
        ("e-mail", {"cola", "plain"}),  # "email" too
        ("email", {"cola", "plain"}),
        ("COVID-19", {"virus"}),
        ("covid19", {"virus"}),
        ("F-35", {"virus"}),
        ("9/11", {"virus"}),
        ("al-Qaeda", {"virus"}),
        ("DC-Area", {"cola"}),
    ],
)
def test_compounds_are_found_as_printed_by_parts_and_joined(index: Index, typed: str, expected: set) -> None:
    assert ids(index.search(typed)) == expected


def test_a_compound_is_marked_whole(index: Index) -> None:
    (hit,) = index.search("Coca-Cola")
    assert "Coca-Cola’s" in marked(hit)


@pytest.mark.parametrize("typed", ["U.S.", "U.S", "US", "u.s."])
def test_dotted_abbreviations_are_their_letters(index: Index, typed: str) -> None:
    assert "cola" in ids(index.search(f"{typed} capital"))


@pytest.mark.parametrize("typed", ["zurich", "Zürich", "ZURICH", "basel", "Zurich-Basel"])
def test_accents_fold_and_dashes_join(index: Index, typed: str) -> None:
    assert ids(index.search(typed)) == {"virus"}


def test_word_tokens_of_printed_words() -> None:
    assert [w for _, w, _, _ in word_tokens("Swift’s")] == ["swift"]
    assert [w for _, w, _, _ in word_tokens("e-mail")] == ["e", "email", "mail"]
    assert [(p, w) for p, w, _, _ in word_tokens("mother-in-law")] == [
        (0, "mother"),
        (0, "motherinlaw"),
        (1, "in"),
        (2, "law"),
    ]
    assert [w for _, w, _, _ in word_tokens("U.S")] == ["us"]
    assert [w for _, w, _, _ in word_tokens("3.5")] == ["3.5"]
    assert [w for _, w, _, _ in word_tokens("end.The")] == ["end", "the"]
    assert [w for _, w, _, _ in word_tokens("won’t")] == ["won't"]
    assert [w for _, w, _, _ in word_tokens("9/11")] == ["9", "11"]  # numbers only: no joined form


# -- the query language -----------------------------------------------------------------------------


def test_a_hyphen_inside_a_word_is_no_operator(index: Index) -> None:
    assert ids(index.search("al-Qaeda")) == {"virus"}
    assert ids(index.search("cola -Qaeda")) == {"cola", "plain"}  # at a word's start it excludes
    assert ids(index.search("cola -cost-effective")) == {"plain"}


def test_plus_requires_among_optional_words(index: Index) -> None:
    assert ids(index.search("zurich cola", any_words=True)) == {"cola", "plain", "virus"}
    assert ids(index.search("zurich +bottlers", any_words=True)) == {"cola"}


@pytest.mark.parametrize(
    "typed",
    [
        "DC-Area Bars That Won’t Charge Covers on New Year’s Eve",
        "DC-Area Bars That Won't Charge Covers on New Year's Eve?",
        "“DC-Area Bars” That Won’t Charge: Covers (on New Year’s Eve",
        "Bars That Won’t Charge “Covers” on New Year’s Eve!",
        "DC-Area Bars: That Won’t Charge $ Covers % on New Year’s Eve",
        '"DC-Area Bars That Won’t Charge Covers',
    ],
)
def test_a_pasted_headline_is_a_plain_query(index: Index, typed: str) -> None:
    assert index.search(typed)[0].id == "cola"


def test_curly_quotes_make_a_phrase_and_an_unbalanced_one_is_text(index: Index) -> None:
    assert ids(index.search("“crowd cheered”")) == {"quote"}
    assert ids(index.search("“cheered crowd”")) == set()
    assert ids(index.search("“crowd cheered")) == {"quote"}  # no closing mark: words


def test_unbalanced_brackets_are_text(index: Index) -> None:
    assert ids(index.search("(crowd cheered")) == {"quote"}
    assert ids(index.search("crowd) cheered")) == {"quote"}
    assert ids(index.search("(crowd OR bottlers) cheered")) == {"quote"}


def test_a_question_mark_ending_a_word_is_punctuation(index: Index) -> None:
    assert ids(index.search("question?")) == {"quote"}
    assert ids(index.search("qu?stion")) == {"quote"}  # inside a word: a wildcard


def test_an_unknown_field_name_is_text(index: Index) -> None:
    assert ids(index.search("Actor: crowd")) == {"quote"}
    assert ids(index.search("nosuch:crowd")) == set()  # the phrase "nosuch crowd"


PIECES = [
    "Coca-Cola", "’s", "e-mail", "-", "+", "“", "”", '"', "(", ")", "[", "]", "U.S.", "9/11", "wom?n", "st*",
    "~2", "^2", "NOT", "OR", "AND", "title:", "date:", "date:2017", "—", "–", "'", "?", ":", "$", "%", " ",
    "the", "to", "cola", "swift", "\\", "*", "nosuch:",
]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_text_is_a_query_or_a_query_error(index: Index, typed: str) -> None:
    try:
        results = index.search(typed, limit=5)
    except QueryError as error:
        assert "\n" not in str(error)
        return
    assert results.total >= len(results.hits)
    for hit in results:
        assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.highlights)


# -- common words -----------------------------------------------------------------------------------


def test_a_lone_common_word_finds_articles(index: Index) -> None:
    assert ids(index.search("down")) == {"plain"}
    assert len(index.search("the", limit=10)) == 4


def test_a_phrase_of_common_words_matches_exactly(index: Index) -> None:
    assert ids(index.search('"to be or not to be"')) == {"quote"}
    assert ids(index.search('"it is what it is"')) == {"cola"}
    assert ids(index.search('"it is what it was"')) == set()
    assert ids(index.search("to be or not to be")) == {"quote"}  # only common words: all searched


def test_common_words_beside_others_are_left_out(index: Index) -> None:
    # "the" and "of" would match nearly everything and only add noise
    assert ids(index.search("the price of cola")) == ids(index.search("price cola")) == {"plain"}
    assert index.search("the price of cola")[0].score == index.search("price cola")[0].score


# -- bounded queries --------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["s*", "?*", "*ing", "c?la"])
def test_a_wildcard_needs_letters_before_it(index: Index, typed: str) -> None:
    with pytest.raises(QueryError, match="letters before it"):
        index.search(typed)


def test_wildcards_and_fuzzy_words_expand_to_index_words(index: Index) -> None:
    assert ids(index.search("bottl*")) == {"cola", "plain"}
    assert ids(index.search("zurch~")) == {"virus"}
    assert ids(index.search("bottlerz~1")) == {"cola"}  # not "bottles": two edits away
    assert ids(index.search("bottlerz~2")) == {"cola", "plain"}
    assert ids(index.search("cola~9")) == ids(index.search("cola~1"))  # at most one edit for 4 letters


def test_a_query_of_too_many_words_is_refused(index: Index) -> None:
    words = " OR ".join(f"word{n}" for n in range(1100))
    with pytest.raises(QueryError, match="at most"):
        index.search(words)


def test_deep_nesting_and_long_runs_of_operators_stay_queries(index: Index) -> None:
    assert ids(index.search("(" * 200 + "cheered" + ")" * 200)) == {"quote"}
    assert ids(index.search("NOT " * 1001 + "cheered")) == {"cola", "plain", "virus"}
    assert ids(index.search("NOT NOT cheered")) == {"quote"}


# -- marks, suggestions ---------------------------------------------------------------------------------


def test_a_phrase_marks_only_where_it_stands_as_a_phrase(index: Index) -> None:
    (hit,) = index.search('"crowd cheered" actor')
    assert marked(hit) == ["actor", "crowd cheered"]
    (hit,) = index.search('"the actor"')
    assert marked(hit) == ["The actor"]  # not the other "the"s


def test_negated_words_are_not_marked(index: Index) -> None:
    (hit,) = index.search("cola -bottlers")
    assert all(text.lower() != "bottles" for text in marked(hit))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("bottlrs", "bottlers"), ("Zurch", "Zurich"), ("chered", "cheered"), ("qeustion", "question")],
)
def test_did_you_mean(index: Index, typed: str, meant: str) -> None:
    results = index.search(typed)
    assert (results.total, results.suggestion) == (0, meant)


def test_a_query_is_corrected_where_that_finds_more(index: Index) -> None:
    assert index.search("crowd chered").suggestion == "crowd cheered"
    assert index.search("chered actr").suggestion == "cheered actor"  # two typos, both needed
    # "swiftt" would become "swift", but "cheered swift" finds nothing either: nothing is offered
    assert index.search("chered swiftt").suggestion is None


def test_a_word_no_article_has_gets_a_suggestion_even_when_its_stem_finds_some(index: Index) -> None:
    results = index.search("complet")  # stems as "complete" does: found, but misspelt
    assert results.total == 1
    assert results.suggestion == "complete"


def test_the_likeliest_typing_error_wins_over_the_commonest_word() -> None:
    from searcher.read.suggestions import _as_typed, channel

    # a dropped letter (1 way in 5 places) is far likelier than an added given one (1 in 4 x 26)
    assert channel("might", "migt") > 20 * channel("mit", "migt")
    assert channel("lead", "laed") > channel("led", "laed") and channel("lead", "laed") > channel(
        "land", "laed"
    )
    assert channel("book", "bok") == 2 / 4  # either o dropped
    assert _as_typed("wahrend", "Währeny") == "Während"
    assert _as_typed("biden", "BIDN") == "BIDEN"


def test_an_index_of_an_older_version_asks_for_a_rebuild(tmp_path: Path) -> None:
    from searcher import IndexOutdatedError

    with Index.create(tmp_path / "old") as created:
        created.add(ARTICLES[:1])
    (tmp_path / "old" / "searcher.json").write_text('{"schema": 7}\n', encoding="utf-8")
    with pytest.raises(IndexOutdatedError, match="searcher index --rebuild"):
        Index.open(tmp_path / "old")
