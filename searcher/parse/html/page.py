"""One pass over a parsed page: every signal the fields read (metas, JSON-LD, headings, <time>,
byline and body candidates, boilerplate marks), gathered in a `PageSignals`."""

from __future__ import annotations

import html as html_lib
import json
import warnings
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning

from ..normalize import clean_inline
from .vocabulary import (
    ARTICLE_TYPES,
    BODY_CLASS,
    BYLINE_CLASS,
    BYLINE_NOT,
    CARD_LEVELS,
    HEADINGS,
    JUNK_CLASS,
    JUNK_LABEL,
    JUNK_ROLES,
    JUNK_TOKEN,
    MAX_CARD_SUMMARY,
    STRUCTURAL_TAGS,
    TEXT_HOLDERS,
    WORD,
)

# ------------------------------------------------------------------ one pass over the tree


@dataclass
class PageSignals:
    """Every signal the fields use, gathered in one walk of the tree."""

    metas: dict[str, list[str]] = field(default_factory=dict)
    canonical: str | None = None
    language: str | None = None  # as the page declares it (<html lang>)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    title: str = ""
    h1s: list[Tag] = field(default_factory=list)
    times: list[Tag] = field(default_factory=list)
    articles: list[Tag] = field(default_factory=list)
    article_bodies: list[Tag] = field(default_factory=list)
    body_classed: list[tuple[str, Tag]] = field(default_factory=list)
    paragraphs: list[Tag] = field(default_factory=list)
    text_holders: list[Tag] = field(default_factory=list)  # <div>s and cells: text without <p>
    rel_authors: list[Tag] = field(default_factory=list)
    itemprop_authors: list[Tag] = field(default_factory=list)
    byline_classed: list[Tag] = field(default_factory=list)
    headings: list[Tag] = field(default_factory=list)  # <h2>..<h6>
    dense: Tag | None = None  # the container with the most paragraph text, once the body is sought
    junk: set[int] = field(default_factory=set)  # id()s of boilerplate elements (class, role, hidden)
    body: Tag | None = None

    def meta(self, *names: str) -> str | None:
        """The first non-empty content among `names`, in the order given."""
        for name in names:
            for value in self.metas.get(name, ()):
                if value.strip():
                    return value.strip()
        return None


def collect_signals(soup: BeautifulSoup) -> PageSignals:
    page = PageSignals(body=soup.body)
    root = soup.find("html")
    if root is not None and isinstance(root.get("lang"), str):
        page.language = root["lang"]
    og_url = None
    for el in soup.find_all(True):
        name = el.name
        attrs = el.attrs
        if name == "meta":
            _add_meta(page, attrs)
            continue
        if name == "link":
            rel = _attr_list(attrs.get("rel"))
            if "canonical" in rel and attrs.get("href") and not page.canonical:
                page.canonical = _absolute_or_none(attrs["href"])
            continue
        if name == "script":
            if "ld+json" in str(attrs.get("type", "")).lower():
                page.jsonld.extend(_jsonld_objects(el.string or el.get_text()))
            continue
        if name == "title":
            if not page.title:
                page.title = clean_inline(el.get_text(" "))
            continue
        if name == "h1":
            page.h1s.append(el)
        elif name == "time":
            page.times.append(el)
        elif name == "article":
            page.articles.append(el)
        elif name == "p":
            page.paragraphs.append(el)
        elif name in TEXT_HOLDERS:
            page.text_holders.append(el)
        elif name in STRUCTURAL_TAGS:
            page.junk.add(id(el))
        elif name in HEADINGS:
            page.headings.append(el)
        if not attrs:
            continue
        itemprop = attrs.get("itemprop")
        if itemprop:
            props = str(itemprop).lower().split()
            if "articlebody" in props:
                page.article_bodies.append(el)
            if "author" in props or "creator" in props:
                page.itemprop_authors.append(el)
            if "datepublished" in props and el.get("content"):
                page.metas.setdefault("datepublished", []).append(str(el["content"]))
        if name == "a" and "author" in _attr_list(attrs.get("rel")):
            page.rel_authors.append(el)
        names = class_and_id(attrs)
        if names:
            _classify(page, el, names)
        if _is_junk_element(attrs, names):
            page.junk.add(id(el))
    _mark_teaser_cards(page)
    if not page.canonical:
        og_url = page.meta("og:url")
        page.canonical = _absolute_or_none(og_url) if og_url else None
    return page


def _mark_teaser_cards(page: PageSignals) -> None:
    """Mark teaser cards as junk: small boxes led by a linked heading ("<h2><a>Other story</a></h2>"
    and a line or two of summary) that point to other pages. Only where the page has several, as
    teasers come in lists; a lone linked heading may be the article's own subheading."""
    cards = []
    for heading in page.headings[:200]:
        card = _teaser_card(heading)
        if card is not None:
            cards.append(card)
    if len(cards) >= 2:
        page.junk.update(id(c) for c in cards)


def _teaser_card(heading: Tag) -> Tag | None:
    text = heading.get_text().strip()
    if not text:
        return None
    link = heading.parent if heading.parent is not None and heading.parent.name == "a" else heading.find("a")
    if link is None or len(link.get_text().strip()) < 0.8 * len(text):
        return None
    card = None
    node = heading
    for _ in range(CARD_LEVELS):
        node = node.parent
        if node is None or node.name in ("body", "html", "[document]", "main"):
            break
        size = text_size(node, len(text) + MAX_CARD_SUMMARY)
        if size > len(text) + MAX_CARD_SUMMARY:
            break
        if size > len(text) + 20:
            card = node
    return card


def text_size(el: Tag, limit: int) -> int:
    """Characters of text in `el`, counted only until they pass `limit`."""
    size = 0
    for text in el.strings:
        size += len(text.strip())
        if size > limit:
            break
    return size


def _add_meta(page: PageSignals, attrs: dict[str, Any]) -> None:
    content = attrs.get("content")
    if content is None:
        return
    for key in ("property", "name", "itemprop", "http-equiv"):
        value = attrs.get(key)
        if value:
            page.metas.setdefault(str(value).strip().lower(), []).append(str(content))


def _classify(page: PageSignals, el: Tag, names: str) -> None:
    """Remember elements whose class or id says "article body" or "byline"."""
    if el.name in ("html", "body", "meta", "link", "script", "style"):
        return
    body_key, is_byline, _ = _class_kind(names)
    if body_key:
        page.body_classed.append((body_key, el))
    if is_byline:
        page.byline_classed.append(el)


_KIND_CACHE: dict[str, tuple[str | None, bool, bool]] = {}


def _class_kind(names: str) -> tuple[str | None, bool, bool]:
    """(article-body class matched, looks like a byline, looks like boilerplate) for a class/id
    string; cached because pages repeat the same few class strings thousands of times."""
    kind = _KIND_CACHE.get(names)
    if kind is None:
        m = BODY_CLASS.search(names)
        kind = (
            m.group(0).lower() if m else None,
            bool(BYLINE_CLASS.search(names)) and not BYLINE_NOT.search(names),
            JUNK_CLASS.search(names) is not None or JUNK_TOKEN.search(names) is not None,
        )
        if len(_KIND_CACHE) > 50_000:
            _KIND_CACHE.clear()
        _KIND_CACHE[names] = kind
    return kind


def class_and_id(attrs: dict[str, Any]) -> str:
    cls = attrs.get("class")
    names = " ".join(cls) if isinstance(cls, list) else str(cls or "")
    ident = attrs.get("id")
    return f"{names} {ident}" if ident else names


def _attr_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).lower() for v in value]
    return str(value or "").lower().split()


def _absolute_or_none(href: str) -> str | None:
    href = href.strip()
    return href if href.startswith(("http://", "https://")) else None


# ------------------------------------------------------------------ JSON-LD


def _jsonld_objects(text: str | None) -> list[dict[str, Any]]:
    """Every dict in a JSON-LD script, @graph and nested lists flattened (outer objects first)."""
    if not text:
        return []
    try:
        data = json.loads(text.strip().rstrip(";"), strict=False)
    except (ValueError, RecursionError):
        return []
    found: list[dict[str, Any]] = []
    stack: list[Any] = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            found.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                stack.append(graph)
            main = item.get("mainEntity")
            if isinstance(main, dict):
                stack.append(main)
    return found


def ld_types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def _is_article(obj: dict[str, Any]) -> bool:
    return any(ARTICLE_TYPES.search(t) for t in ld_types(obj))


def ld_articles(page: PageSignals) -> list[dict[str, Any]]:
    """JSON-LD article objects; objects with a headline when none is typed as an article."""
    typed = [o for o in page.jsonld if _is_article(o)]
    return typed or [o for o in page.jsonld if "headline" in o or "datePublished" in o]


def ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str) and value.strip():
        return clean_inline(html_lib.unescape(value))
    return None


def parse_soup(markup: str) -> BeautifulSoup:
    """The lxml tree of `markup`, without bs4's advice on stderr: a feed or an XHTML page saved as
    .html is read as HTML on purpose, and a body that looks like a URL is still a body."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, "lxml")


def _is_junk_element(attrs: dict[str, Any], names: str) -> bool:
    """Boilerplate by its attributes: hidden, a navigation-like role, or a class/id like "share"."""
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if str(attrs.get("role", "")).lower() in JUNK_ROLES:
        return True
    label = attrs.get("aria-label")
    if label and "href" not in attrs and JUNK_LABEL.search(str(label)):
        return True  # a box labelled for screen readers as furniture (a link's label names its target)
    style = attrs.get("style")
    if style and "display:none" in str(style).replace(" ", "").lower():
        return True
    return bool(names) and _class_kind(names)[2]


def norm(text: str) -> str:
    return " ".join(words_of(text))


def words_of(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def as_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
