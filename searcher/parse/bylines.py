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


# Between names: punctuation and conjunctions (English, German, French, Spanish, Italian, Dutch).
_SPLIT = re.compile(
    r"\s*(?:[,;|&/•·+]|\s-\s|\s–\s|\s—\s|\b(?:and|und|et|y|e|en|with|mit)\b)\s*",
    re.I,
)
_LEAD = re.compile(
    r"^(?:(?:written|reported|words|text|story|reporting|compiled|interview|photos?|edited|posted)\s+by"
    r"|by|von|par|por|di|door|from|author|autor(?:in)?|auteur|autore|text|written|reporter|redakteur(?:in)?)"
    r"\b[\s:.-]*|^(?:责任编辑|責任編輯|作者)\s*[:：]\s*",
    re.I,
)
# Everything after one of these is a date, a place or a note, not a name.
_TAIL = re.compile(
    r"\s*\b(?:updated|published|posted|last\s+updated|first\s+published|modified|aktualisiert|"
    r"veröffentlicht|publiziert|zuletzt|geändert|stand|erstellt|publié|mis\s+à\s+jour|publicado|"
    r"actualizado|on|am|im\s+gespräch|in\s+conversation)\b(?=\s|:|$).*$"
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
    """
)
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
    names = []
    for part in _SPLIT.split(text):
        name = _accept(part, orgs)
        if name:
            names.append(name)
    return names


def _strip_noise(text: str) -> str:
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    return _TAIL.sub("", _drop_lead(text.strip()))


def _accept(part: str, orgs: set[str]) -> str | None:
    """The cleaned name, or None when the part is not a person's name."""
    part = _drop_lead(_TRIM.sub("", part))
    part = _strip_trailing_org(_TRIM.sub("", _TAIL.sub("", part)), orgs)
    if len(part) < 2 or len(part) > _MAX_CHARS or _DIGIT.search(part) or _SLUG.match(part):
        return None
    tokens = part.split()
    if len(tokens) > _MAX_TOKENS:
        return None
    key = _key(part)
    if key in _AGENCIES or key in orgs or _starts_with_org(key, orgs):
        return None
    words = {t.casefold().strip(".'’") for t in tokens}
    if words & _ROLE_WORDS:
        return None
    if tokens[0].casefold() == "the":
        return None
    if len(tokens) > 1 and not any(t[:1].isupper() for t in tokens):
        return None  # a lowercase phrase, not a name
    if not any(ch.isalpha() for ch in part):
        return None
    return part


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
