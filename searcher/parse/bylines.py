"""Author names from the ways pages and records write them.

A byline slot holds many things besides people: "By", dates ("Updated 3 hours ago"), job titles
("Senior Reporter"), desks ("Metro Desk", "TMZ Staff"), news agencies and the publisher itself.
`clean_byline` keeps only what looks like a person's name, because the index treats the byline as
"who wrote this" and an agency or a desk would make every wire story look like one author's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .normalize import clean_inline

__all__ = ["clean_byline", "looks_like_name"]


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Between names: punctuation, dashes and conjunctions (English, German, French, Spanish, Italian,
# Dutch), captured so each name knows what joined it to the one before. The one-letter
# conjunctions ("y", "e") only in lower case: upper case they are initials ("Regan E. Doherty",
# "Liau Y-Sing").
_SPLIT = re.compile(
    r"\s*([,;|/•·+]|\s?[-–—]\s|&|\b(?:(?i:and|und|et|en|with|mit)|y|e)\b(?![-.]))\s*",
)
_LIST_SEPARATORS = frozenset(",;|/•·+")
_LEAD = re.compile(
    r"^(?:(?:written|reported|words|text|story|reporting|compiled|interview|photos?|edited|posted|analysis|"
    r"commentary|opinion|review|column|essay|video)\s+by|(?:analyse|kommentar|ein\s+kommentar|interview)\s+von"
    r"|by|von|par|por|di|door|from|author|autor(?:in)?|auteur|autore|text|written|reporter|redakteur(?:in)?)"
    r"\b[\s:.-]*|^(?:责任编辑|責任編輯|作者)\s*[:：]\s*",
    re.I,
)
# Days and months in English, German, French, Spanish and Italian: a byline slot often ends with
# the date ("Jane Doe, Donnerstag, 12. März"), which is no name.
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"
    "freitag|samstag|sonnabend|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|"
    "martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|lunedì|martedì|mercoledì|"
    "giovedì|venerdì|sabato|domenica"
)
_MONTHS = (
    "jan|january|januar|janvier|enero|gennaio|feb|february|februar|février|febrero|febbraio|mar|march|"
    "märz|mars|marzo|apr|april|avril|abril|aprile|may|mai|mayo|maggio|jun|june|juni|juin|junio|giugno|"
    "jul|july|juli|juillet|julio|luglio|aug|august|août|agosto|sep|sept|september|septembre|"
    "septiembre|settembre|oct|october|oktober|octobre|octubre|ottobre|nov|november|novembre|"
    "noviembre|dec|december|dezember|décembre|diciembre|dicembre"
)
_DATE_WORDS = frozenset(
    (_WEEKDAYS + "|" + _MONTHS + "|today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|oggi|ieri").split(
        "|"
    )
)
# Everything after one of these is a date, a place or a note, not a name.
_TAIL = re.compile(
    r"\s*\b(?:updated|published|posted|last\s+updated|first\s+published|modified|aktualisiert|"
    r"veröffentlicht|publiziert|zuletzt|geändert|stand|erstellt|publié|mis\s+à\s+jour|publicado|"
    r"actualizado|on|am|im\s+gespräch|in\s+conversation)\b(?=\s|:|$).*$"
    rf"|\s*\b(?:{_WEEKDAYS})\b(?=\s*(?:,|\d)).*$"
    rf"|\s*\b(?:{_MONTHS})\.?\s+\d.*$|\s+\d{{1,2}}\.?\s+(?:{_MONTHS})\b.*$"
    r"|\s*\b(?:\d+\s+)?(?:min(?:ute)?s?|hours?|days?)\s+(?:read|ago)\b.*$"
    r"|\s*\bread\s+(?:more|time)\b.*$",
    re.I,
)
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|net|de|co\.uk)(?:/\S*)?\b", re.I)
_HANDLE = re.compile(r"(?:^|\s)@\w+")
_DIGIT = re.compile(r"\d")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
_TRIM = re.compile(r"^[\s\W_]+|[\s\W_]+$")
# Role words: a part containing one is a job title or a desk, not a person.
_ROLE_WORDS = _word_set(
    """
    staff staffer reporter reporters editor editors editorial correspondent correspondents writer
    writers columnist columnists contributor contributors contributing producer producers desk team
    newsroom journalist journalists photographer photojournalist chief senior associate deputy managing
    freelance intern analyst anchor host critic redaktion redakteur redakteurin autor autorin
    korrespondent korrespondentin mitarbeiter newsdesk admin administrator webmaster moderator guest
    special wire wires agencies agency services service press news media online digital
    author authors auteur auteurs autore autori autores redacción redaccion rédaction redaction
    redazione redação redacao redactie corresponsal correspondant correspondante corrispondente
    periodista journaliste giornalista reportero reportera rédacteur rédactrice redactor redactora
    """
)
# Story kinds and section labels that share the byline slot ("Emily Kaiser - Analysis"): a part
# holding one names what the piece is, not who wrote it.
_LABEL_WORDS = _word_set(
    """
    analysis analyse análisis analisi interview entrevista intervista poll factbox factfile
    explainer insight column commentary kommentar meinung opinion opinión tribune chronique
    éditorial editorial review rezension crítica critique feature reportage exclusive exklusiv
    exclusiva preview recap obituary nachruf podcast gallery sponsored advertorial
    """
)
# Legal forms: a part holding one is a company ("wegewerk GmbH", "Acme Media LLC").
_COMPANY_FORMS = _word_set(
    """
    gmbh ag kg ohg ug e.v ev mbh inc inc. llc ltd ltd. plc corp corp. co. s.a sas sarl s.l
    srl spa s.p.a bv nv oy a/s pty gbr
    """
)
# Post-nominal letters, as written (compared without dots and case-sensitively: "Anh Do" is a name,
# "DO" a degree).
_CREDENTIALS = _word_set(
    """
    PhD MD DO RN NP PA PA-C MS MSc MA BA BS BSc MBA MPH MPA MFA JD LLM LLB Esq CPA CFA CFP RD RDN LD
    LDN CDE CDCES CSCS CPT ACE NASM DVM DDS DMD PharmD PsyD EdD DrPH DPT OTR LCSW LMFT LPC FACS
    FACP FAAP FRCP MRCP MBBS BCh ChB IBCLC CNM APRN FNP MSN BSN CRNA DNP MEd
    """
)
_CREDENTIALS = _CREDENTIALS | frozenset(c.upper() for c in _CREDENTIALS)
# Places that share the slot ("Jane Doe, Massachusetts", "Olympia-Verlag, Nürnberg, Germany"):
# continents, countries and the states and provinces of the larger federations, as written in
# English, German, French and Spanish where those differ.
_PLACES = frozenset(
    """
    africa|asia|europe|europa|america|americas|amerika|north america|south america|latin america|
    middle east|oceania|australia|australien|australie|antarctica|
    usa|us|u s|united states|vereinigte staaten|états-unis|estados unidos|uk|united kingdom|
    great britain|england|scotland|wales|northern ireland|ireland|irland|canada|kanada|mexico|
    méxico|mexiko|brazil|brasil|brasilien|argentina|argentinien|chile|peru|colombia|kolumbien|
    venezuela|cuba|germany|deutschland|allemagne|alemania|austria|österreich|autriche|switzerland|
    schweiz|suisse|suiza|france|frankreich|francia|spain|spanien|espagne|españa|italy|italien|
    italie|italia|portugal|netherlands|niederlande|pays-bas|belgium|belgien|belgique|luxembourg|
    luxemburg|denmark|dänemark|norway|norwegen|sweden|schweden|finland|finnland|poland|polen|
    pologne|polonia|czech republic|tschechien|hungary|ungarn|greece|griechenland|grèce|turkey|
    türkei|turquie|russia|russland|russie|rusia|ukraine|ucrania|israel|iran|iraq|irak|syria|
    syrien|egypt|ägypten|égypte|india|indien|inde|pakistan|china|chine|japan|japon|japón|korea|
    south korea|südkorea|north korea|nordkorea|taiwan|vietnam|thailand|indonesia|indonesien|
    philippines|philippinen|malaysia|singapore|singapur|new zealand|neuseeland|nigeria|kenya|
    south africa|südafrika|morocco|marokko|maroc|
    alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|
    hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|
    michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|
    new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|
    rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|
    washington dc|washington d c|west virginia|wisconsin|wyoming|ontario|quebec|québec|
    british columbia|alberta|manitoba|saskatchewan|nova scotia|new brunswick|newfoundland|
    new south wales|queensland|tasmania|bayern|bavaria|baden-württemberg|berlin|
    brandenburg|bremen|hamburg|hessen|niedersachsen|nordrhein-westfalen|rheinland-pfalz|saarland|
    sachsen|sachsen-anhalt|schleswig-holstein|thüringen|mecklenburg-vorpommern|london|paris|
    madrid|rome|rom|roma|wien|vienna|zürich|zurich|brussels|brüssel|bruxelles|moscow|moskau|
    beijing|peking|tokyo|tokio|delhi|new delhi|mumbai|sydney|toronto|chicago|los angeles|
    san francisco|boston|miami|munich|münchen|frankfurt|köln|cologne|nürnberg
    """.split("|")
)
_PLACES = frozenset(" ".join(place.split()) for place in _PLACES)
_AGENCIES = frozenset(
    """
    ap|the associated press|associated press|reuters|thomson reuters|afp|agence france-presse|
    agence france presse|dpa|epd|kna|sid|apa|sda|ats|efe|ansa|ani|pti|ians|upi|xinhua|kyodo|yonhap|tass|
    bloomberg|bloomberg news|bbc|bbc news|cnn|cnn wire|pa|pa media|press association|ap news|dpa-afx|
    nbc news|abc news|cbs news|fox news|npr|the economist|the guardian|guardian|the new york times|
    staff|the staff|editors|the editors|unknown|anonymous|admin|redaktion|newsroom|wire|wires|
    wire services|agencies|agency|guest|guest author|guest post|sponsored|sponsored content|partner
    """.replace("\n", "").split("|")
)
_AGENCIES = frozenset(a.strip() for a in _AGENCIES if a.strip())
_MAX_TOKENS = 5
_MAX_CHARS = 60


def clean_byline(raw: str | list[str] | None, *, organisations: Iterable[str] = ()) -> list[str]:
    """Person names, in order, without duplicates (case-insensitive).

    `organisations` are extra names that are not people on this page (the site's name, its
    publisher): a byline equal to one of them, or one of them plus a role word, is dropped.
    """
    if not raw:
        return []
    items = [raw] if isinstance(raw, str) else [r for r in raw if isinstance(r, str)]
    orgs = {_key(o) for o in organisations if isinstance(o, str) and o.strip()}
    names: list[str] = []
    seen: set[str] = set()
    for item in items:
        for name in _names_in(item, orgs):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def looks_like_name(text: str, organisations: Iterable[str] = ()) -> bool:
    """True when `text` (already one candidate) could be a person's name."""
    return _accept(text, {_key(o) for o in organisations if o}) is not None


def _names_in(item: str, orgs: set[str]) -> list[str]:
    text = _strip_noise(clean_inline(item))
    pieces = _SPLIT.split(text)
    parts, joins = pieces[0::2], ["", *pieces[1::2], ""]
    accepted = [_accept(part, orgs) for part in parts]
    names: list[str] = []
    previous: str | None = None  # the name accepted just before, if the part before was one
    for i, name in enumerate(accepted):
        if name and _ends_a_phrase(i, parts, joins, accepted):
            name = None
        if name and _is_appended_label(name, joins[i], previous):
            continue  # the name before it stays the one a next label follows
        if name:
            names.append(name)
        previous = name
    return names


def _ends_a_phrase(i: int, parts: list[str], joins: list[str], accepted: list[str | None]) -> bool:
    """One word joined by a conjunction to a phrase that is no name is that phrase's other half:
    "Health" in "Maggie Fox, Health and Science Editor", "Klimaschutz" in "Bundesministerium für
    Wirtschaft und Klimaschutz". Beside a name ("Jane Doe and Cher") or a lone word ("Olga und
    Redaktion") it stays."""
    if len(parts[i].split()) != 1:
        return False
    neighbours = ((i - 1, joins[i]), (i + 1, joins[i + 1]))
    return any(
        0 <= j < len(parts) and _is_conjunction(join) and accepted[j] is None and len(parts[j].split()) > 1
        for j, join in neighbours
    )


def _is_conjunction(join: str) -> bool:
    mark = join.strip()
    return bool(mark) and mark not in _LIST_SEPARATORS and mark not in ("-", "–", "—")


def _is_appended_label(name: str, join: str, previous: str | None) -> bool:
    """One capitalised word after a full name, set off by a comma or a dash ("Emily Kaiser -
    Analsyis", "Chris Hayner, Massachusetts", "Jane Doe, Donnerstag"): a story kind, a place, a
    credential or a day, whatever its spelling; co-authors are full names or joined by "and"."""
    if previous is None or len(previous.split()) < 2 or len(name.split()) != 1:
        return False
    mark = join.strip()
    return (mark in _LIST_SEPARATORS or mark in ("-", "–", "—")) and name[:1].isupper()


def _words_of(text: str) -> set[str]:
    return {t.casefold().strip(".'’:") for t in text.split()}


def _strip_noise(text: str) -> str:
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    return _TAIL.sub("", _drop_lead(text.strip()))


def _accept(part: str, orgs: set[str]) -> str | None:
    """The cleaned name, or None when the part is not a person's name."""
    part = _drop_lead(_TRIM.sub("", part))
    part = _strip_trailing_org(_TRIM.sub("", _TAIL.sub("", part)), orgs)
    part = _without_credentials(part)
    if len(part) < 2 or len(part) > _MAX_CHARS or _DIGIT.search(part) or _SLUG.match(part):
        return None
    tokens = part.split()
    if len(tokens) > _MAX_TOKENS:
        return None
    key = _key(part)
    if key in _AGENCIES or key in orgs or _starts_with_org(key, orgs) or key in _PLACES:
        return None
    if key.endswith(" e v"):
        return None  # a registered association ("Deutscher Caritasverband e. V.")
    words = _words_of(part)
    if words & _ROLE_WORDS or words & _LABEL_WORDS or words <= _DATE_WORDS:
        return None
    if len(tokens) > 1 and words & _COMPANY_FORMS:
        return None
    if tokens[0].casefold() == "the":
        return None
    if len(tokens) > 1 and not any(t[:1].isupper() for t in tokens):
        return None  # a lowercase phrase, not a name
    if len(tokens) == 1 and _SITE_ACCOUNT.search(part):
        return None  # the site's own account ("admin", "jdadmin", "webmaster"), not a writer; a
        # writer's handle ("freeman1984", "zahlenzauberin") is what the page credits, and stays
    if len(tokens) > 1 and any(_is_common_word(t) for t in tokens):
        return None  # "Facebook posts stated", "Tricks für zu Hause": a phrase around a name
    if not any(ch.isalpha() for ch in part):
        return None
    return part


# Lower-case words that names hold: particles ("Ludwig van Beethoven", "Pedro Nicolaci da Costa",
# "der Michel") and generational suffixes.
_PARTICLES = _word_set(
    """
    von vom van vander der den de da das dos do del dela delos della delle dello dei degli di du des
    la las los le lo bin binti bint ibn ben abu al el ten ter zu zum zur af av op het y e jr sr
    """
)


_SITE_ACCOUNT = re.compile(r"(?i)admin|webmaster|^(?:root|wpuser|user\d*|editor|redaktion|author)$")


def _is_common_word(token: str) -> bool:
    """An all-lower-case word that is no name particle: names capitalise their other words."""
    word = token.strip(".,'’")
    return word.isalpha() and word.islower() and word not in _PARTICLES


def _without_credentials(part: str) -> str:
    """ "Jane Doe PhD", "Jane Doe MS RDN LD" -> "Jane Doe"; a part of degrees only -> ""."""
    tokens = part.split()
    while tokens and tokens[-1].replace(".", "").rstrip(",;") in _CREDENTIALS:
        tokens.pop()
    return _TRIM.sub("", " ".join(tokens)) if len(tokens) < len(part.split()) else part


def _drop_lead(text: str) -> str:
    """Drop "By"/"Von"..., but keep "Von" when it is a first name ("Von Miller")."""
    stripped = _LEAD.sub("", text)
    if stripped != text and text[:4].casefold() == "von " and len(stripped.split()) < 2:
        return text
    return stripped


def _strip_trailing_org(part: str, orgs: set[str]) -> str:
    """ "Jane Doe Associated Press" -> "Jane Doe": agencies printed after the name (the longest
    that ends it, looked up by the name's last words rather than by trying every organisation)."""
    words = _key(part).split()
    for count in range(len(words) - 1, 0, -1):
        org = " ".join(words[-count:])
        if _is_org(org, orgs) and not set(words[-count:]) <= _ROLE_WORDS:
            tokens = part.split()
            return _TRIM.sub("", " ".join(tokens[: len(tokens) - count]))
    return part


def _starts_with_org(key: str, orgs: set[str]) -> bool:
    words = key.split()
    return any(_is_org(" ".join(words[:count]), orgs) for count in range(1, len(words)))


def _is_org(key: str, orgs: set[str]) -> bool:
    return len(key) > 2 and (key in orgs or key in _AGENCIES)


_NOT_KEY = re.compile(r"[^\w\s-]")


def _key(text: str) -> str:
    return " ".join(_NOT_KEY.sub(" ", text.casefold()).split())
