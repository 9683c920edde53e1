"""An article's language: read from its words, recorded, searchable with `lang:`, and deciding whose
rules name the speakers of its quotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher import Article, Index, parse_html, parse_record, parse_text
from searcher.parse.language import article_language, detect_language, normalize_language
from searcher.parse.quotes import find_quotes

SAMPLES = {
    "en": "The city council voted on Monday to raise the fares of the harbour ferry, which has been "
    "losing money for years, and the mayor said she would not stand in the way.",
    "de": "Der Stadtrat hat am Montag beschlossen, die Preise für die Hafenfähre zu erhöhen, die seit "
    "Jahren Geld verliert, und die Bürgermeisterin sagte, sie werde sich dem nicht in den Weg stellen.",
    "fr": "Le conseil municipal a voté lundi une hausse des tarifs du bac du port, qui perd de l'argent "
    "depuis des années, et la maire a dit qu'elle ne s'y opposerait pas.",
    "es": "El ayuntamiento votó el lunes subir las tarifas del ferry del puerto, que pierde dinero desde "
    "hace años, y la alcaldesa dijo que no se opondría a la medida.",
    "it": "Il consiglio comunale ha votato lunedì per aumentare le tariffe del traghetto del porto, che "
    "perde soldi da anni, e la sindaca ha detto che non si opporrà alla decisione.",
    "nl": "De gemeenteraad heeft maandag besloten de tarieven van de veerboot in de haven te verhogen, "
    "die al jaren geld verliest, en de burgemeester zei dat ze er niet tegen zal zijn.",
    "ru": "Городской совет в понедельник проголосовал за повышение тарифов на паром в порту.",
    "el": "Το δημοτικό συμβούλιο ψήφισε τη Δευτέρα την αύξηση των ναύλων του πορθμείου.",
    "ja": "市議会は月曜日、港のフェリー運賃の値上げを可決した。市長は反対しないと述べた。",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_language_of_the_news_is_told_from_a_sentence_or_two(language: str) -> None:
    assert detect_language(SAMPLES[language]) == language


def test_too_few_words_or_no_function_words_tell_nothing() -> None:
    assert detect_language("Ferry fares rise") is None
    assert detect_language("") is None
    assert detect_language("Obama Merkel Macron Sánchez Draghi Rutte Trudeau Albanese Modi") is None
    assert detect_language("12 345 678 90 -- ** ::") is None


def test_a_mix_of_two_languages_without_a_clear_winner_tells_nothing() -> None:
    mixed = "the of and to in der die und den von " * 3
    assert detect_language(mixed) is None


@given(st.text(max_size=400))
def test_any_text_gives_a_two_letter_code_or_none(text: str) -> None:
    found = detect_language(text)
    assert found is None or (len(found) == 2 and found.isascii() and found.islower())


@pytest.mark.parametrize(
    ("declared", "code"),
    [
        ("en-US", "en"),
        ("de_DE", "de"),
        (" FR ", "fr"),
        ("pt-BR", "pt"),
        ("", None),
        ("english", None),
        (3, None),
    ],
)
def test_declared_languages_become_iso_codes(declared: object, code: str | None) -> None:
    assert normalize_language(declared) == code


def test_the_words_outvote_a_template_default_and_the_declaration_fills_in_when_they_cannot_tell() -> None:
    assert article_language("", SAMPLES["de"], "en-US") == "de"
    assert article_language("Kurz", "Nur drei Wörter", "de-DE") == "de"
    assert article_language("Short", "Three words only", None) is None


def test_every_parser_records_the_language() -> None:
    page = f'<html lang="en"><head><title>Fähre</title></head><body><h1>Fähre teurer</h1><p>{SAMPLES["de"]}</p></body></html>'
    assert parse_html(page).language == "de"
    assert parse_text(f"Fähre teurer\n\n{SAMPLES['de']}\n").language == "de"
    assert parse_record({"title": "Ferry", "text": "Three words only", "language": "es-ES"}).language == "es"


def test_the_language_survives_the_json_form() -> None:
    article = Article(id="a", title="t", body=SAMPLES["fr"], language="fr")
    assert article.to_dict()["language"] == "fr"
    assert Article.from_dict(article.to_dict()) == article
    assert Article.from_dict({"id": "b"}).language is None


GERMAN_QUOTE = (
    "„Wir werden die Preise für die Fähre nicht erhöhen“, sagte die Bürgermeisterin am Montag. "
    "Der Stadtrat hat das anders gesehen, und die Opposition sprach von einem Fehler der Verwaltung."
)


def test_quotes_in_a_language_without_attribution_rules_are_found_without_a_speaker() -> None:
    quotes = find_quotes(GERMAN_QUOTE.replace("„", '"').replace("“", '"'), "pt")
    assert [q.text for q in quotes] == ["Wir werden die Preise für die Fähre nicht erhöhen"]
    assert quotes[0].speaker is None


def test_english_quotes_keep_their_speakers() -> None:
    body = '"We will not raise the ferry fares this year," Mayor Jane Smith said on Monday.'
    for language in ("en", None):
        assert [q.speaker for q in find_quotes(body, language)] == ["Jane Smith"]


def test_lang_searches_the_recorded_language(tmp_path: Path) -> None:
    with Index.create(tmp_path / "ix") as index:
        index.add(
            [
                Article(id="de-1", title="Fähre", body=SAMPLES["de"], language="de"),
                Article(id="en-1", title="Ferry", body=SAMPLES["en"], language="en"),
                Article(id="none", title="Ferry", body="Ferry fares rise"),
            ]
        )
        assert [hit.id for hit in index.search("lang:de")] == ["de-1"]
        assert [hit.id for hit in index.search("language:EN")] == ["en-1"]
        assert {hit.id for hit in index.search("ferry OR fähre -lang:de")} == {"en-1", "none"}
        assert index.get("de-1").language == "de"


def test_stats_count_the_languages_of_the_articles_still_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "de.txt").write_text(f"Fähre teurer\n\n{SAMPLES['de']}\n", encoding="utf-8")
    (folder / "fr.txt").write_text(f"Bac plus cher\n\n{SAMPLES['fr']}\n", encoding="utf-8")
    (folder / "en.txt").write_text(f"Ferry fares rise\n\n{SAMPLES['en']}\n", encoding="utf-8")
    with Index.create(tmp_path / "ix") as index:
        index.update([folder])
        assert index.stats().languages == [("de", 1), ("en", 1), ("fr", 1)]
        (folder / "fr.txt").unlink()
        (folder / "en2.txt").write_text(
            f"Ferry fares rise again\n\n{SAMPLES['en']} Again.\n", encoding="utf-8"
        )
        index.update([folder])
        stats = index.stats()
    assert stats.languages == [("en", 2), ("de", 1)]
    assert stats.to_dict()["languages"] == [{"code": "en", "articles": 2}, {"code": "de", "articles": 1}]
