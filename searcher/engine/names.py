"""People's names as articles write them: the variants of one name, and whether a name matches.

An article may call the same person "Lawrence S. Krasner", "Larry Krasner" and "Krasner"; a user
may ask for any of these. Standard library only: used when indexing and when searching quotes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Capitalised words that start sentences or clauses rather than names ("When Larry Krasner ...").
_NOT_NAME_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "he",
        "her",
        "his",
        "if",
        "in",
        "it",
        "its",
        "of",
        "on",
        "or",
        "she",
        "so",
        "the",
        "their",
        "then",
        "they",
        "this",
        "to",
        "when",
        "where",
        "while",
        "with",
        "after",
        "before",
        "since",
        "though",
        "although",
        "during",
        "because",
        "told",
        "said",
        "says",
        "according",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_NICKNAME = r"(?:[\"“'‘][^\"”'’\n]{1,20}[\"”'’]\s+)?"
# A capitalised word or an initial ("S."); a word ending a sentence ("DA.") is neither.
_CAPITALISED = r"(?:(?:[A-Z][\w'’-]*|[A-Z]\.)\s+)"


def name_tokens(name: str) -> list[str]:
    """Lowercased, accent-folded word tokens of a name; single-letter initials dropped."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return [t for t in _TOKEN.findall(folded) if len(t) > 1]


# The words before a surname that make up the longer forms of a name, up to the surname itself.
_LEAD = re.compile(rf"\b({_CAPITALISED}{{1,3}}){_NICKNAME}(?:{_CAPITALISED}{{0,1}})\Z")
# How far before a surname its first names may start.
_LEAD_CHARS = 120


def name_variants(name: str, body: str) -> set[str]:
    """`name` and the longer forms of it the body uses: the same surname after 1-3 capitalised
    words, with or without a nickname in quotes ("Lawrence \"Larry\" Krasner")."""
    parts = name.split()
    variants = {name}
    if len(parts) < 2 or not body:
        return variants
    surname = parts[-1]
    size = len(surname)
    at = body.find(surname)
    while at >= 0:
        end = at + size
        if (at == 0 or not _is_word_char(body[at - 1])) and (
            end == len(body) or not _is_word_char(body[end])
        ):
            _add_variants(variants, body, at, end)
        at = body.find(surname, end)
    return variants


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _add_variants(variants: set[str], body: str, at: int, end: int) -> None:
    """The longer forms of the name whose surname stands at body[at:end]."""
    start = max(0, at - _LEAD_CHARS)
    if start:  # begin the window at a word boundary
        space = body.find(" ", start, at)
        start = space + 1 if space >= 0 else at
    lead = _LEAD.search(body, start, at)
    if lead is None:
        return
    words = (lead.group(0) + body[at:end]).split()
    while words and words[0].strip(".,").lower() in _NOT_NAME_WORDS:
        words.pop(0)
    if len(words) < 2:
        return
    plain = [w for w in words if w[:1] not in "\"“'‘"]
    variants.add(" ".join(plain))
    nickname = [w.strip("\"“”'‘’") for w in words if w[:1] in "\"“'‘"]
    if nickname:
        variants.add(" ".join([*nickname, words[-1]]))


def name_matches(query: str, variants: Iterable[str]) -> bool:
    """Whether every word of `query` is in one of the variants ("krasner" and "Larry Krasner"
    both match "Larry Krasner"); case, accents and initials do not matter."""
    return words_match(name_words(query), map(name_words, variants))


def name_words(name: str) -> frozenset[str]:
    """The words of a name as matching compares them (`name_tokens`)."""
    return frozenset(name_tokens(name))


def words_match(wanted: frozenset[str], forms: Iterable[frozenset[str]]) -> bool:
    """`name_matches` on names already made words: every wanted word in one of the forms."""
    return bool(wanted) and any(wanted <= form for form in forms)
