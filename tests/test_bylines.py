"""clean_byline: people only, in order, without duplicates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher.parse.bylines import clean_byline, looks_like_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("BY JANE DOE", ["JANE DOE"]),
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Ann Lee, Bo Park and Cy Young", ["Ann Lee", "Bo Park", "Cy Young"]),
        ("Ann Lee & Bo Park", ["Ann Lee", "Bo Park"]),
        ("Ann Lee | Bo Park", ["Ann Lee", "Bo Park"]),
        ("Sarah Hinger; Sylvia Torres-Guillén", ["Sarah Hinger", "Sylvia Torres-Guillén"]),
        ("Von Heike Buchter und Karl Sommer", ["Heike Buchter", "Karl Sommer"]),
        ("Von Miller", ["Von Miller"]),  # a first name, not the German "by"
        ("Jane Doe, Senior Reporter", ["Jane Doe"]),
        ("By Jane Doe, CNN", ["Jane Doe"]),
        ("By Jane Doe Associated Press", ["Jane Doe"]),
        ("Jane Doe | Updated Dec. 22, 2023, 10:04 a.m. ET", ["Jane Doe"]),
        ("By Jane Doe Published 3 hours ago", ["Jane Doe"]),
        ("Jane Doe jane.doe@example.com", ["Jane Doe"]),
        ("Jane Doe https://example.com/authors/jane-doe", ["Jane Doe"]),
        ("Juan Carlos Muñoz C.", ["Juan Carlos Muñoz C"]),
        ("Mohamed El Erian", ["Mohamed El Erian"]),
    ],
)
def test_names_are_split_and_cleaned(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "The Associated Press",
        "Associated Press",
        "AP",
        "Reuters",
        "By AFP",
        "dpa",
        "BBC News",
        "CNN",
        "TMZ Staff",
        "Metro Desk",
        "Staff Writer",
        "Updated 2 hours ago",
        "22.12.2023",
        "jane-doe",
        "https://example.com/author/jane",
        "editor@example.com",
        "",
        "   ",
        "by",
    ],
)
def test_non_people_are_dropped(raw: str) -> None:
    assert clean_byline(raw) == []


def test_site_name_passed_as_organisation_is_dropped() -> None:
    assert clean_byline("Valley Courier", organisations=["Valley Courier"]) == []
    assert clean_byline("Valley Courier Staff") == []
    assert clean_byline("Ana Lima, Valley Courier", organisations=["Valley Courier"]) == ["Ana Lima"]


def test_list_input_keeps_order_and_drops_duplicates_case_insensitively() -> None:
    raw = ["Bo Park", "By Ann Lee", "BO PARK", "Reuters", "ann lee"]
    assert clean_byline(raw) == ["Bo Park", "Ann Lee"]


def test_none_and_non_strings_give_nothing() -> None:
    assert clean_byline(None) == []
    assert clean_byline([]) == []
    assert clean_byline([None, 3, "Ann Lee"]) == ["Ann Lee"]  # type: ignore[list-item]


def test_sentences_are_not_names() -> None:
    assert clean_byline("Sign up for our newsletter to get the latest news every morning") == []


def test_looks_like_name() -> None:
    assert looks_like_name("Jane Doe")
    assert not looks_like_name("Reuters")
    assert not looks_like_name("Daily Planet", organisations=["Daily Planet"])


@given(st.one_of(st.none(), st.text(max_size=80), st.lists(st.text(max_size=30), max_size=5)))
def test_any_input_gives_unique_nonempty_names(raw: str | list[str] | None) -> None:
    names = clean_byline(raw)
    assert isinstance(names, list)
    assert all(isinstance(n, str) and n == n.strip() and n for n in names)
    assert len({n.casefold() for n in names}) == len(names)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Auteur: Anna Kubišta", ["Anna Kubišta"]),
        ("责任编辑：孔德明", ["孔德明"]),  # "editor in charge:"
        ("Richard David Precht im Gespräch", ["Richard David Precht"]),
        ("Zuletzt geändert", []),  # "last changed": a label, no name
        ("Publiziert", []),
    ],
)
def test_labels_in_other_languages_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


# ------------------------------------------------------------------ people only (issue 18)
# Each rule with the name it must keep beside the word it must drop.


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kim Lowe - Analysis", ["Kim Lowe"]),  # a story kind after a dash
        ("Kim Lowe and Bo Park - Interview", ["Kim Lowe", "Bo Park"]),
        ("Kim Lowe- Analysis", ["Kim Lowe"]),
        ("Kim Lowe - Analsyis", ["Kim Lowe"]),  # misspelt: one capitalised word after a full name
        ("Kim Lowe - Bo Park", ["Kim Lowe", "Bo Park"]),  # a second full name stays
        ("Eva Roth - Kommentar", ["Eva Roth"]),
    ],
)
def test_story_kinds_after_a_name_are_not_authors(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Regan E. Doherty", ["Regan E. Doherty"]),  # an initial, not Italian "e"
        ("Liau Y-Sing and Alan Baldwin", ["Liau Y-Sing", "Alan Baldwin"]),  # not Spanish "y"
        ("Ana Ruiz y Luis Gil", ["Ana Ruiz", "Luis Gil"]),  # the conjunction still splits
        ("Marco Rossi e Luca Bianchi", ["Marco Rossi", "Luca Bianchi"]),
    ],
)
def test_one_letter_conjunctions_split_only_in_lower_case(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Dana Holt, PhD", ["Dana Holt"]),
        ("Dana Holt, MS; RDN; LD", ["Dana Holt"]),
        ("Dana Holt M.D.", ["Dana Holt"]),
        ("Anh Do", ["Anh Do"]),  # a surname that is also a degree's letters, written as a name
        ("PhD", []),
    ],
)
def test_credentials_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Chris Hayner, Massachusetts", ["Chris Hayner"]),
        ("Massachusetts", []),
        ("Verlag Nord GmbH, Deutschland", []),
        ("Jordan Brooks", ["Jordan Brooks"]),  # a place-like word inside a name stays
        ("Georgia Banks", ["Georgia Banks"]),
    ],
)
def test_places_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Donnerstag", []),
        ("Von Max Muster, Donnerstag, 12.03.2020", ["Max Muster"]),
        ("Par Léa Martin, mardi 3 mars 2020", ["Léa Martin"]),
        ("Por Ana Ruiz, 4 de mayo", ["Ana Ruiz"]),
        ("Jane Doe, March 3, 2020", ["Jane Doe"]),
        ("April Ryan", ["April Ryan"]),  # a month as a first name, no date after it
        ("Joe Friday", ["Joe Friday"]),  # a weekday as a surname, nothing after it but the end
    ],
)
def test_days_and_dates_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("About the Author", []),
        ("Über den Autor", []),
        ("Maggie Roe, Health and Science Editor", ["Maggie Roe"]),  # one role, not "Health"
        ("Maggie Roe and Sam Hill, Staff Writers", ["Maggie Roe", "Sam Hill"]),
        ("Kurt Weber und Team", ["Kurt Weber"]),
    ],
)
def test_author_labels_and_job_titles_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Acme Media LLC", []),
        ("Förderverein Musterstadt e. V.", []),
        ("Ana Inc", []),
        ("Incas Petrov", ["Incas Petrov"]),
    ],
)
def test_companies_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


def test_mononyms_joined_by_and_stay() -> None:
    assert clean_byline("Jane Doe and Cher") == ["Jane Doe", "Cher"]
    assert clean_byline("Benni") == ["Benni"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Redacción LR", []),
        ("Par la rédaction", []),
        ("Redazione Web", []),
        ("Ana Ruiz, corresponsal", ["Ana Ruiz"]),
        ("Rédaction Ouest, Léa Martin", ["Léa Martin"]),
    ],
)
def test_desks_in_other_languages_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Facebook posts stated", []),  # a phrase: lower-case words that are no name particles
        ("Tricks für zu Hause", []),
        ("Pedro Nicolaci da Costa", ["Pedro Nicolaci da Costa"]),  # particles stay
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
        ("der Michel", ["der Michel"]),
    ],
)
def test_phrases_are_not_names(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


def test_a_story_kind_before_by_is_a_lead_not_a_name() -> None:
    assert clean_byline("Analysis by Chris Cillizza") == ["Chris Cillizza"]
    assert clean_byline("Ein Kommentar von Eva Roth") == ["Eva Roth"]
    assert clean_byline("Analysis") == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bundesministerium für Wirtschaft und Klimaschutz", []),  # the word is the phrase's end
        ("Heimkino & Tricks für zu Hause", []),
        ("Olga und Redaktion", ["Olga"]),  # beside a lone role word a mononym stays
        ("Jane Doe and Cher", ["Jane Doe", "Cher"]),  # beside a name too
    ],
)
def test_one_word_joined_to_a_phrase_is_part_of_it(raw: str, expected: list[str]) -> None:
    assert clean_byline(raw) == expected


@pytest.mark.parametrize("account", ["admin", "jdadmin", "Administrator", "webmaster", "wpuser", "redaktion"])
def test_the_sites_own_account_is_not_a_writer(account: str) -> None:
    assert clean_byline(account) == []
    assert clean_byline(f"{account}, Jane Roe") == ["Jane Roe"]


def test_a_writers_handle_and_a_name_holding_the_word_stay() -> None:
    assert clean_byline("reineckefuchs") == ["reineckefuchs"]
    assert clean_byline("Sarah Admin-Jones") == ["Sarah Admin-Jones"]
