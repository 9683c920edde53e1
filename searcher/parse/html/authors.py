"""The byline of a page: people only, from JSON-LD, markup and the lines under the headline."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bs4 import Tag

from ..bylines import clean_byline
from ..normalize import clean_inline, names_host, readable_host
from .bodies import in_junk
from .page import PageSignals, ld_articles, ld_text, ld_types, text_size
from .sources import organisations_of
from .vocabulary import AUTHOR_METAS, BY_LINE, CREDIT

# ------------------------------------------------------------------ byline


def find_byline(page: PageSignals, source: str | None, body_blocks: list[str]) -> list[str]:
    """The first candidate's people; a name spelling the site's address ("AUTO ZEITUNG" on
    autozeitung.de, "El Colombiano" on elcolombiano.com) is the publisher, not a writer."""
    orgs = organisations_of(page, source) + _ld_organisation_authors(page)
    host = readable_host(page.canonical)
    for raw in _byline_candidates(page, body_blocks):
        names = [n for n in clean_byline(raw, organisations=orgs) if not names_host(n, host)]
        if names:
            return names
    return []


def _byline_candidates(page: PageSignals, body_blocks: list[str]) -> Iterator[list[str]]:
    yield _ld_person_authors(page)
    yield [_itemprop_author(el) for el in page.itemprop_authors[:6]]
    yield [el.get_text(" ") for el in page.rel_authors[:6]]
    for el in page.byline_classed[:12]:
        text = el.get_text(" ")
        if len(text) < 300:
            yield [text]
    yield [page.meta(key) or "" for key in AUTHOR_METAS[:1]]
    yield _labelled_twitter_author(page)
    yield [b for b in body_blocks[:5] if BY_LINE.match(b) and len(b) < 120][:1]
    yield _by_line_below_headline(page)
    yield [page.meta(key) or "" for key in AUTHOR_METAS[1:]]


# A line under the headline that credits the writer: "von Alexander Rosenkranz", "Text: Ursula
# Eggers", "Ein Artikel von Pamela Sladky | 27.01.2022", "Posted on May 3 by Adi Tzlil".
_CREDIT_LINE = re.compile(
    r"(?:^|\s)(?:(?:written|posted|reported|text|artikel|beitrag)\s+)?(?:by|von|par|por|door)\s+(?=[^\W\d_])"
    r"|^(?:autor(?:in)?|author|auteur|autore|text|texte|texto|verfasser(?:in)?)\s*:\s*",
    re.I,
)
_BELOW_HEADLINE = 40  # elements after the headline searched for a credit line
_MAX_CREDIT_LINE = 100


def _by_line_below_headline(page: PageSignals) -> list[str]:
    """The first short element after the headline whose text credits a writer, from the credit
    word on; the search stops where the article text starts (a long paragraph)."""
    headline = next((h for h in page.h1s[:10] if id(h) not in page.junk), None)
    if headline is None:
        return []
    for el in headline.find_all_next(_CREDIT_TAGS, limit=_BELOW_HEADLINE):
        size = text_size(el, 2 * _MAX_CREDIT_LINE)  # counted, not joined: a <div> may hold the article
        if el.name == "p" and size > 2 * _MAX_CREDIT_LINE:
            break
        if size > 2 * _MAX_CREDIT_LINE:
            continue
        text = clean_inline(el.get_text(" "))
        if el.name == "p" and len(text) > 2 * _MAX_CREDIT_LINE:
            break
        if not text or len(text) > _MAX_CREDIT_LINE or in_junk(el, page.junk) or CREDIT.search(text):
            continue  # (a photo credit names the photographer: "Foto: Michael von Lingen")
        match = _CREDIT_LINE.search(text)
        if (
            match
            and text[match.end() : match.end() + 1].isupper()
            and len(text[: match.start()].split()) <= 6
        ):
            return [_LINE_END.split(text[match.end() :])[0]]
    return []


_CREDIT_TAGS = ["p", "div", "span", "li", "small", "address", "td"]
_LINE_END = re.compile(r"\s*[«»•]")  # what follows the name on a meta line: "« Previous | Next »"


# twitter:labelN / twitter:dataN pairs (written by SEO plugins on many sites): the labels that
# introduce the author, in English, German, French, Spanish, Italian, Dutch.
_AUTHOR_LABEL = re.compile(
    r"^(?:written by|author|by|verfasst von|geschrieben von|autor(?:in)?|von|écrit par|auteur|par|"
    r"escrito por|autor|por|scritto da|autore|geschreven door|auteur)$",
    re.I,
)


def _labelled_twitter_author(page: PageSignals) -> list[str]:
    for n in range(1, 5):
        label = page.meta(f"twitter:label{n}")
        if label and _AUTHOR_LABEL.match(label.strip().rstrip(":")):
            return [page.meta(f"twitter:data{n}") or ""]
    return []


def _ld_authors(page: PageSignals) -> list[Any]:
    by_id = {o["@id"]: o for o in page.jsonld if isinstance(o.get("@id"), str)}
    authors: list[Any] = []
    for obj in ld_articles(page):
        value = obj.get("author") or obj.get("creator")
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict) and set(item) == {"@id"}:
                item = by_id.get(item["@id"], item)
            if item:
                authors.append(item)
        if authors:
            break
    return authors


def _ld_person_authors(page: PageSignals) -> list[str]:
    names = []
    for item in _ld_authors(page):
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and not _is_organisation(item):
            name = ld_text(item)
            if name:
                names.append(name)
    return names


def _ld_organisation_authors(page: PageSignals) -> list[str]:
    return [ld_text(i) or "" for i in _ld_authors(page) if isinstance(i, dict) and _is_organisation(i)]


def _is_organisation(obj: dict[str, Any]) -> bool:
    """Typed as an organisation and not also as a person: SEO plugins type a site's writers
    ["Person", "Organization"]."""
    types = ld_types(obj)
    return "Person" not in types and any(
        t in ("Organization", "NewsMediaOrganization", "Corporation") for t in types
    )


def _itemprop_author(el: Tag) -> str:
    if "organization" in str(el.get("itemtype", "")).lower():
        return ""
    if el.name == "meta" or el.get("content"):
        return str(el.get("content", ""))
    name = el.find(attrs={"itemprop": "name"})
    if isinstance(name, Tag):
        return str(name.get("content") or name.get_text(" "))
    return el.get_text(" ")


def drop_leading_byline(blocks: list[str], byline: list[str]) -> list[str]:
    """Drop a "By ..." block at the top of the body: the byline is its own field."""
    out = list(blocks)
    for i, block in enumerate(blocks[:3]):
        if BY_LINE.match(block) and len(block) < 120:
            del out[i]
            break
    return out
