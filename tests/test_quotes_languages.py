"""find_quotes in German, French and Spanish: their quotation marks, speech verbs and word order,
and the check that a speaker is a name, a role or an organisation (every language)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from searcher.parse.quotes import ATTRIBUTED_LANGUAGES, find_quotes, is_valid_speaker


def speakers(body: str, language: str | None) -> list[tuple[str, str | None]]:
    """(text, speaker) of each quote, after checking the offsets."""
    quotes = find_quotes(body, language)
    for q in quotes:
        assert body[q.start : q.end] == q.text
    return [(q.text, q.speaker) for q in quotes]


def test_german_french_and_spanish_are_attributed() -> None:
    assert {"en", "de", "fr", "es"} <= ATTRIBUTED_LANGUAGES


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("„Die Brücke wird im Mai eröffnet“, sagte Lena Vogt.", "Lena Vogt"),
        ("„Die Brücke wird im Mai eröffnet“, sagt Bürgermeisterin Lena Vogt am Montag.", "Lena Vogt"),
        ("„Die Brücke wird im Mai eröffnet“, so Vogt.", "Vogt"),
        ("„Die Brücke wird im Mai eröffnet“, betonte der Stadtsprecher.", "der Stadtsprecher"),
        ("„Die Brücke wird im Mai eröffnet“, erklärte die Sprecherin Lena Vogt.", "Lena Vogt"),
        ("Lena Vogt sagte: „Die Brücke wird im Mai eröffnet.“", "Lena Vogt"),
        ("Am Montag sagte Lena Vogt: „Die Brücke wird im Mai eröffnet.“", "Lena Vogt"),
        ("Der Stadtsprecher erklärte: »Die Brücke wird im Mai eröffnet.«", "Der Stadtsprecher"),
        ("Laut Lena Vogt „wird die Brücke im Mai eröffnet“.", "Lena Vogt"),
        ("„Die Brücke wird im Mai eröffnet“, kündigte ihre Chefin Lena Vogt an.", "Lena Vogt"),
        ("„Die Brücke wird im Mai eröffnet“, sagte Bauamtsleiterin Lena Vogt.", "Lena Vogt"),
        ("„Die Brücke wird im Mai eröffnet“, sagte Stadtrat Ole Vogt.", "Ole Vogt"),
        ("„Die Brücke wird im Mai eröffnet“, sagte Ursula von der Vogt.", "Ursula von der Vogt"),
    ],
)
def test_german_attribution(body: str, expected: str) -> None:
    [(text, speaker)] = speakers(body, "de")
    assert "Brücke" in text
    assert speaker == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("« Le pont ouvrira en mai », a déclaré Claire Morel.", "Claire Morel"),
        ("« Le pont ouvrira en mai », a dit le ministre.", "le ministre"),
        ("« Le pont ouvrira en mai », affirme la ministre Claire Morel.", "Claire Morel"),
        ("« Le pont ouvrira en mai », selon Claire Morel.", "Claire Morel"),
        ("Selon le maire, « le pont ouvrira en mai ».", "le maire"),
        ("Le ministre a déclaré : « Le pont ouvrira en mai. »", "Le ministre"),
        ("\u00abLe pont ouvrira en mai\u00bb, explique Claire Morel.", "Claire Morel"),
    ],
)
def test_french_attribution(body: str, expected: str) -> None:
    [(text, speaker)] = speakers(body, "fr")
    assert "pont" in text
    assert speaker == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("«El puente abrirá en mayo», dijo Marta Ruiz.", "Marta Ruiz"),
        ("«El puente abrirá en mayo», dijo el presidente.", "el presidente"),
        ("«El puente abrirá en mayo», afirmó la alcaldesa Marta Ruiz.", "Marta Ruiz"),
        ("“El puente abrirá en mayo”, señaló Ruiz.", "Ruiz"),
        ("Según Marta Ruiz, «el puente abrirá en mayo».", "Marta Ruiz"),
        ("El presidente dijo: «El puente abrirá en mayo».", "El presidente"),
        ("«El puente abrirá en mayo», afirmó el director de la obra, Luis Ortega.", "Luis Ortega"),
    ],
)
def test_spanish_attribution(body: str, expected: str) -> None:
    [(text, speaker)] = speakers(body, "es")
    assert "puente" in text
    assert speaker == expected


def test_german_pronoun_is_the_last_speaker() -> None:
    body = (
        "„Die Brücke wird im Mai eröffnet“, sagte Lena Vogt.\n\n"
        "Der Verkehr läuft bis dahin über die Fähre.\n\n"
        "„Niemand bleibt zurück“, sagte sie."
    )
    assert [s for _, s in speakers(body, "de")] == ["Lena Vogt", "Lena Vogt"]


def test_french_inversion_with_a_pronoun() -> None:
    body = "« Le pont ouvrira en mai », a dit Claire Morel. « Personne ne restera bloqué », ajoute-t-elle."
    assert [s for _, s in speakers(body, "fr")] == ["Claire Morel", "Claire Morel"]


def test_spanish_verb_without_a_subject_continues_the_speaker() -> None:
    body = (
        "«El puente abrirá en mayo», dijo Marta Ruiz.\n\n"
        "El tráfico pasará por el transbordador.\n\n"
        "«Nadie se quedará atrás», explicó."
    )
    assert [s for _, s in speakers(body, "es")] == ["Marta Ruiz", "Marta Ruiz"]


def test_a_surname_resolves_to_the_full_name_in_german() -> None:
    body = "Lena Vogt leitet das Bauamt seit zwei Jahren.\n\n„Die Brücke wird im Mai eröffnet“, sagte Vogt."
    assert speakers(body, "de")[0][1] == "Lena Vogt"


def test_german_sentence_openers_are_never_speakers() -> None:
    """English rules on German text named "Es", "Und", "Die": German rules name nobody here."""
    body = (
        "Es war ein langer Tag. Und dann kam die Nachricht: „Die Brücke ist gesperrt.“\n\n"
        "Die Anwohner fragten sich, „wie lange das noch dauern soll“."
    )
    assert all(s is None for _, s in speakers(body, "de"))


def test_a_preposition_before_the_verb_is_not_its_subject() -> None:
    """German verb-second: in "In der Vergangenheit sagte sie" the subject follows the verb."""
    body = "Lena Vogt leitet das Bauamt. In der Vergangenheit sagte sie: „Die Brücke hält noch lange.“"
    assert speakers(body, "de")[0][1] == "Lena Vogt"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Er sagte: „Die Brücke ist alt“, und ging.", "Die Brücke ist alt"),
        ("Er sagte: »Die Brücke ist alt«, und ging.", "Die Brücke ist alt"),
        ("Il a dit : « La passerelle est vieille », puis il est parti.", "La passerelle est vieille"),
        ("Dijo: «El puente es viejo», y se fue.", "El puente es viejo"),
        ("Elle a dit : ‹ La passerelle est vieille ›, puis elle est partie.", "La passerelle est vieille"),
        ("Dijo: «El puente “viejo” cae», y se fue.", "El puente “viejo” cae"),
    ],
)
def test_quotation_marks_of_every_language(body: str, text: str) -> None:
    for language in (None, "en", "de", "fr", "es", "it"):
        [quote] = find_quotes(body, language)
        assert quote.text == text
        assert body[quote.start : quote.end] == text


def test_swedish_guillemets_close_with_themselves() -> None:
    body = "Hon sa: »Bron öppnar i maj», och gick. Sedan kom nästa fråga."
    [quote] = find_quotes(body, "sv")
    assert quote.text == "Bron öppnar i maj"


def test_a_breadcrumb_is_no_quotation() -> None:
    assert find_quotes("Home » News » Politics\n\nThe council met on Monday.", "en") == []


@given(
    st.lists(
        st.sampled_from(["„", "“", "”", "«", "»", "‹", "›", '"', " ", "Wort", "mot", "\n\n", ","]),
        max_size=30,
    )
)
def test_offsets_are_exact_whatever_the_marks(parts: list[str]) -> None:
    body = "".join(parts)
    for language in (None, "de", "fr", "es"):
        for q in find_quotes(body, language):
            assert body[q.start : q.end] == q.text
            assert q.text.strip()


@pytest.mark.parametrize(
    "speaker",
    [
        "Es",
        "Und",
        "Die",
        "Ich",
        "Er",
        "Der",
        "Wenn",
        "Für",
        "Por",
        "El",
        "Among",
        "Example",
        "Though",
        "A lot of people would’ve",
        "U. S.",
        "U.S.",
        "Nova Scotia",
        "Afterwards",
        "Speaking Monday",
        "the",
        "You'll",
        "We’re",
        "Given",
        "Zugleich",
        "the enactment of what it",
        "the bottom it",
    ],
)
def test_words_that_are_not_speakers(speaker: str) -> None:
    assert not is_valid_speaker(speaker)


@pytest.mark.parametrize(
    "speaker",
    [
        "Angela Merkel",
        "Vogt",
        "De Blasio",
        "Al Gore",
        "Le Pen",
        "the spokesman",
        "one fan",
        "der Minister",
        "le ministre",
        "el presidente",
        "l'avocate",
        "White House",
        "Reuters",
        "Will Smith",
        "Theresa May",
        "Ursula von der Leyen",
        "O'Neill",
        "D’Souza",
        "a strategist for one of these candidates",
        "Marsh’s office",
    ],
)
def test_names_roles_and_organisations_are_speakers(speaker: str) -> None:
    assert is_valid_speaker(speaker)


def test_a_place_read_off_the_sentence_is_no_speaker() -> None:
    body = "“We will not accept this,” the U.S. said in a statement on Monday."
    assert speakers(body, "en") == [("We will not accept this,", None)]


def test_a_sentence_word_before_a_name_is_dropped() -> None:
    body = "Though Nora Fenwick said the works were late: “We will open the bridge in May.”"
    assert speakers(body, "en")[0][1] == "Nora Fenwick"


def test_a_place_or_a_new_phrase_around_a_name_is_dropped() -> None:
    body = (
        "“The pier will be ready in May,” said Massachusetts Ivo Marsh.\n\n"
        "“The ferry runs late every day,” said Mira Kos The harbour engineer."
    )
    assert [s for _, s in speakers(body, "en")] == ["Ivo Marsh", "Mira Kos"]


def test_a_date_after_a_possessive_is_no_role() -> None:
    from searcher.parse.quotes import is_valid_speaker

    assert not is_valid_speaker("his January 2021")
    assert is_valid_speaker("the 2016 nominee")
    assert is_valid_speaker("his spokesman")
    assert is_valid_speaker("die Ministerin")


def test_a_quote_its_own_sentence_introduces_is_not_the_last_speakers() -> None:
    from searcher.parse.quotes import find_quotes

    german = (
        "Die Opposition hält die Verschiebung für eine Fehlentscheidung. Grünen-Fraktionschefin Katrin "
        'Göring-Eckardt sagte den Zeitungen: "Genau in solch unklaren Situationen braucht es mehr Austausch." '
        'Ähnlich äußerte sich Linken-Fraktionsgeschäftsführer Jan Korte: "Wann, wenn nicht jetzt, muss über '
        'das Impfdebakel gesprochen werden?"'
    )
    assert [q.speaker for q in find_quotes(german, "de")] == ["Katrin Göring-Eckardt", "Jan Korte"]
    french = (
        "«Il nuit directement à l'intestin en sécrétant le cortisol», indique le naturopathe Olivier Panisset. "
        "Plus nuancée, la professeure de nutrition Francisca Joly-Gomez ajoute qu'il «aggrave effectivement "
        "les symptômes de beaucoup de maladies.»"
    )
    assert [q.speaker for q in find_quotes(french, "fr")] == ["Olivier Panisset", "Francisca Joly-Gomez"]
    continued = "„Wir schaffen das“, sagte Merkel am Montag. „Und wir werden es gemeinsam schaffen.“"
    assert [q.speaker for q in find_quotes(continued, "de")] == ["Merkel", "Merkel"]


def test_a_german_role_ends_at_its_noun() -> None:
    from searcher.parse.quotes import find_quotes

    body = (
        "„Keine Frau, kein Mann der Welt sollte sich für jemanden richten. Egal ob mehr Kurven oder nicht“, "
        "schrieb die 43-Jährige darunter."
    )
    assert [q.speaker for q in find_quotes(body, "de")] == ["die 43-Jährige"]


def test_a_heading_with_a_number_word_is_no_speaker() -> None:
    from searcher.parse.quotes import is_valid_speaker

    assert not is_valid_speaker("Heart Events Two Hearts")
    assert not is_valid_speaker("Top Ten Tips")
    assert is_valid_speaker("two officials") and is_valid_speaker("Jane Roe")
