"""Saved web pages -> Article: title, date, byline, publisher and the article's body text.

The page is parsed once (BeautifulSoup, lxml tree builder) and walked once to collect every signal
the fields need (metas, JSON-LD, headings, <time>, byline and body candidates); each field then
picks from those signals in order of trust. This is the only module that imports bs4, so the rest
of the package stays importable without it.

Field rules, most trusted first:
- title: the <h1> that matches og:title / JSON-LD headline / <title>; else those with the site
  name cut off.
- date: JSON-LD datePublished, published-time metas, <time datetime>, "Published ..." text (a
  UTC value moves to the local offset another signal gives the same moment; a URL day over a
  month earlier wins; of several stated days, the one printed beside the headline), the URL,
  date text nodes after/just above the headline; modified dates only when nothing says "published", or when the URL names a later year than the publication and
  the modification falls in it (a page rewritten for that year). Future dates are rejected, and so are dates before 1990
  unless the page's structured metadata states them.
- byline: JSON-LD Person authors, itemprop=author, rel=author, byline/author classes, author
  metas, a "By ..." line; all cleaned by `clean_byline` (people only).
- body: itemprop=articleBody, else the <article> around the headline or the largest one, else
  article-body-like classes, else the container with the most paragraph text (with its sibling
  sections of the same class; if that is little text, the container with the most text written
  outside <p>s, for recipes and forums); boilerplate blocks (link lists, furniture labels, menu
  lines, photo credits, repeated copies, blocks without words, labels closing the body) are skipped. A near-empty body is led by the page's description.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning

from ..article import Article
from .bylines import clean_byline
from .dates import date_from_url, parse_date
from .encoding import decode_html
from .language import article_language
from .normalize import clean_inline, join_paragraphs, names_host, publisher_form, readable_host
from .quotes import find_quotes

__all__ = ["parse_html"]


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ------------------------------------------------------------------ vocabulary

_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Posting|Report|NewsArticle)$", re.I)
_PUBLISHED_METAS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_date",
    "published-date",
    "publication_date",
    "date_published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "dc:date",
    "date",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "citation_publication_date",
    "cxenseparse:recs:publishtime",
    "displaydate",
    "og:pubdate",
    "pub_date",
    "release_date",
)
_MODIFIED_METAS = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
)
_AUTHOR_METAS = ("author", "byl", "dc.creator", "parsely-author", "sailthru.author", "article:author")
_SITE_METAS = ("og:site_name", "application-name", "al:ios:app_name", "twitter:site")

_BODY_CLASS = re.compile(
    r"(?:article|story|entry|post|content|news|blog|main)[-_]?(?:body|content|text|inner)"
    r"|articlebody|body[-_]?(?:text|copy)|rich[-_]?text|post[-_]?entry|article__content",
    re.I,
)
_LEAD_CLASS = re.compile(
    r"(?:^|[-_\s])(?:lead|leader|intro|introduction|teaser|standfirst|abstract|summary|dek|deck|"
    r"excerpt|description|subtitle|sub-?headline)(?:$|[-_\s])",
    re.I,
)
_BYLINE_CLASS = re.compile(r"byline|author|writer|autor|reporter|contributor", re.I)
_BYLINE_NOT = re.compile(
    r"bio|avatar|image|img|photo|pic|thumb|about|desc|social|follow|more|box|card|list|related|"
    r"comment|twitter|email|contact|profile-link",
    re.I,
)
# Boilerplate class/id words, matched as a whole class name or as a dash/underscore-separated part
# of one ("social-share", "related_articles"), not inside other words ("shadow", "loaded").
_JUNK_CLASS = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|social|related|newsletter|promo|sidebar|advert\w*|ads?|adslot|"
    r"dfp|sponsor\w*|recommend\w*|recirc|more[-_]stories|most[-_]popular|trending|"
    r"outbrain|taboola|comments?|subscribe|subscription|signup|cookie\w*|consent|"
    r"popup|modal|breadcrumbs?|tag[-_]?list|read[-_]?more|caption|"
    r"toolbar|nav|navbar|navigation|menu|footer|masthead|byline|author[-_]bio|jump[-_]link|"
    r"print[-_]only|skip[-_]link|inline[-_]?related|pagination|video[-_]player|slideshow|"
    r"disclaimer|notice)(?:$|[-_\s])",
    re.I,
)
# Words that mark boilerplate only as a whole class name ("hidden", but not "field--label-hidden").
_JUNK_TOKEN = re.compile(
    r"(?:^|\s)(?:hidden|is-hidden|d-none|sr-only|visually-hidden|screen-reader-text|tags|keywords|"
    r"credit|credits|popular|banner|widget|share|social)(?:$|\s)",
    re.I,
)
# aria-label values of furniture, for screen readers ("Share this article", "Breadcrumb",
# "Related stories"), in the languages of the news we hold.
_JUNK_LABEL = re.compile(
    r"\b(?:share|sharing|teilen|partager|compartir|condividi|udostępnij|social|breadcrumbs?|brotkrümel|"
    r"navigation|navigación|menu|menü|related|relacionad\w*|ähnliche|similaires|newsletter|advertisement|anzeige|werbung|publicité|"
    r"comments?|kommentare|commentaires|comentarios|tags?|pagination)\b",
    re.I,
)
_JUNK_ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "search", "dialog", "menu"})
# Never article text.
_SKIP_TAGS = _word_set(
    """
    script style noscript figcaption figure button iframe svg select input textarea template object
    embed video audio canvas label menu dialog picture img source link meta title head h1
    """
)
# Page furniture, unless it wraps most of the page's paragraphs (some sites put all in a <form>).
_STRUCTURAL_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
_BLOCK_TAGS = _word_set(
    """
    p div section article main li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th dl dt dd br hr
    center address details summary caption tbody thead tfoot
    """
)
_TEXT_HOLDERS = frozenset({"div", "td", "li", "span"})
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_BOILERPLATE = re.compile(
    r"^(?:advertisement|anzeige|werbung|publicité|read more|read next|more:|related:|see also|also read|"
    r"read also|lesen sie auch|mehr zum thema|share (?:this|on)|follow us|sign up|subscribe|click here|"
    r"continue reading|story continues|recommended|watch:|listen to|photo:|image:|credit:|"
    r"copyright|©|all rights reserved|this article|sponsored|"
    # Ad slots and embedded posts, as other languages and platforms print them.
    r"(?:advertising|publicidad|publicidade|pubblicità|reklama)$|continua depois da publicidade|"
    r"continúa (?:después de|tras) la publicidad|la suite après (?:cette )?(?:publicité|la publicité)|"
    r"view this post on instagram|sieh dir diesen beitrag auf instagram an|a post shared by|"
    r"ein beitrag geteilt von)",
    re.I,
)
# Section labels that introduce furniture ("Weitere Artikel zum Thema", "About the author"): short
# blocks without a sentence's final punctuation.
_FURNITURE_LABEL = re.compile(
    r"^(?:weitere|mehr (?:zu|zum|von|aus|infos|artikel|news)|noch mehr|zum weiterlesen|weiterlesen|"
    r"meist gelesen|most (?:read|popular)|related|more (?:from|on|about|stories|news)|"
    r"über (?:den|die) autor|about the author|kommentar|comments?\b|derzeit (?:noch )?keine|"
    r"themen im artikel|vorschau auf|quellen|inhaltsverzeichnis|table of contents|contents$|"
    r"diesen artikel|artikel teilen|rezept drucken|print recipe|kontakt:?$|contact:?$|"
    # Teaser and navigation labels of news sites, in the languages of the news we hold.
    r"next (?:story|article|post)|previous (?:story|article|post)|up next|order reprints|today'?s paper|"
    r"you (?:may|might) (?:also )?like|recommended (?:for you|stories|articles|reading)|trending|"
    r"editors?'? picks?|don'?t miss|latest (?:news|stories|articles|videos)?$|read next|shop this story|"
    r"(?:promoted|sponsored|partner) content|post views|(?:topics|tags|schlagworte|schlagwörter)\s*:?$|"
    r"das könnte sie (?:auch )?interessieren|auch interessant|lesen sie (?:auch|mehr)|"
    r"te puede interesar|(?:artículos |notas |noticias )?relacionad[ao]s|más información|lee también|"
    r"(?:à )?lire aussi|sur le même sujet|leggi anche|potrebbe interessarti|"
    r"(?:czytaj|zobacz) (?:też|także|również)|lees ook)",
    re.I,
)
_MAX_LABEL = 80
# A body's closing labels: at most this many blocks, each shorter than this, without the punctuation
# that ends a sentence (or a quotation, or a parenthesis).
_MAX_TRAILING_LABELS = 3
_MAX_OPENING_LABELS = 2
# Readers' appeals closing an article: how many blocks from the end, how long at most.
_APPEAL_REACH = 3
_MAX_APPEAL = 300
_APPEAL = re.compile(
    r"\b(?:sign up for|subscribe to)\b.{0,60}\bnewsletters?\b|letter to the editor|"
    r"support(?:ing)? (?:our|us|independent)|follow us on|if you (?:enjoyed|liked) (?:reading )?this|"
    r"(?:abonnieren sie|bestellen sie) (?:unseren|den) newsletter|unterstützen sie (?:uns|unsere arbeit)|"
    r"(?:abonnez|inscrivez)-vous à (?:notre|la) newsletter|"
    r"suscr[ií]b(?:ete|ase) a (?:nuestro|nuestra|el|la) (?:newsletter|bolet[ií]n)",
    re.I,
)
_MAX_TRAILING_LABEL = 40
_SENTENCE_END = re.compile(r"[.!?…:;\"”“'’»«)\]]$")
# A menu line: three or more short items between " | " (or "•", "·"): "Order Reprints | Today's
# Paper | Subscribe".
_MENU_SEPARATOR = re.compile(r"\s+[|•·›»>]\s+")
_MENU_MARKS = "|•·›»>"
_MAX_MENU_ITEM_WORDS = 4
# Photo credits and captions: "Foto: ...", "(Credit: ...)", "Photograph by ...", "... © AFP"; the
# label opens the block or follows punctuation ("Roman Prymula, photo: ..."), unlike "a source: the".
_CREDIT = re.compile(
    r"©|(?:^|[(.,;|/]\s*)(?:foto|fotos|photo|photos|bild|bildquelle|quelle|credit|crédits?(?: photos?)?|"
    r"abbildung|image|source)\s*:|^\(?photograph(?:s|ed)? by\b",
    re.I,
)
_MAX_CREDIT = 200
_BY_LINE = re.compile(r"^(?:by|von|par|por)\s+\S", re.I)
# A "Published" label, then the date in the same text node or in the next ones ("Published:
# <span>...</span>").
_VISIBLE_DATE = re.compile(
    r">\s*(?:Published|Posted|First published|Veröffentlicht(?: am)?|Erschienen(?: am)?|Publiziert(?: am)?|"
    r"Erstellt am|Publié le|Publicado(?: el| em)?|Pubblicato(?: il)?|Gepubliceerd(?: op)?|Opublikowano|"
    r"Publikováno|Publicerad|Publisert)(?:\s+on)?\s*:?\s*(?:<[^<>]*>\s*){0,4}([^<>]{6,60}?)\s*<",
    re.I,
)
_MAX_VISIBLE_DATES = 3
# The date printed beside the headline: how far after it (characters of markup) it is looked for,
# and how much markup before it may label it as an update.
_NEAR_HEADLINE = 4000
_LABEL_REACH = 150
_UPDATE_LABEL = re.compile(
    r"updat|modif|aktualisiert|geändert|mis à jour|actualiz|aggiornat|bijgewerkt|zaktualizowano", re.I
)
_URL_YEAR = re.compile(r"(?<![^\W_])((?:19|20)\d\d)(?![^\W_])")
_URL_DAY_SLACK = 30  # days a stated date may pass the URL's day (drafts, time zones, late edits)
_VISIBLE_UPDATED = re.compile(
    r">\s*(?:Updated|Last updated|Aktualisiert(?: am)?|Stand)(?:\s+on)?\s*:?\s*([^<>]{6,60}?)\s*<", re.I
)
# Short text nodes, and the date shapes worth handing to `parse_date` ("02.11.2021",
# "8 January 2020, 3:51 pm", "Nov. 9, 2017", "2019/10/16"). Two simple regexes beat one clever one.
# A text node: a long one that starts with a numeric date and a dash (a dateline, "27.1.2022 -
# Bei der ...") in group 1, a short one in group 2.
_TEXT_NODE = re.compile(
    r">\s*(?:(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d\d-\d\d)\s*[-–—]\s[^<>]{20}"
    r"|([^<>\s][^<>]{3,88}?)\s*<)"
)
_H1_TAG = re.compile(r"<h1[\s>]", re.I)
_DATE_SHAPE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d\d\b|\b(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?\b"
    r"|\b\d\d?[-/]\d\d?[-/](?:19|20)\d\d\b|[^\W\d_]{3,}\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d\b"
)
_MAX_DATE_NODES = 40
_ABOVE_HEADLINE = 600  # characters of markup above the headline searched for a kicker date
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/]+\s+|\s*[|·•»]\s*|:\s+")
_WORD = re.compile(r"\w+")
# Soft hyphens split words for search; U+FFFD is what undecodable bytes and NULs became.
_INVISIBLE = re.compile("[\u00ad\ufffd]")
_MIN_BODY_CHARS = 200
_MIN_BEFORE_LOOSE_TEXT = 600  # paragraph text below this: look at text outside <p>s too
_MIN_BEFORE_DESCRIPTION = 300  # body text below this: the page's description leads it
_MIN_DESCRIPTION = 80
_CARD_LEVELS = 3  # how far above a linked heading a teaser card's box may be
_MAX_CARD_SUMMARY = 300  # characters of summary a teaser card holds besides its heading
_MIN_REPEAT = 120  # blocks at least this long are dropped when repeated
# With no trusted container, the densest one widens to an ancestor up to this many levels up that
# holds this many times its paragraph text (landing pages: text in several sibling boxes).
_WIDEN_LEVELS = 4
_WIDEN_RATIO = 1.5
_LEAD_SEARCH = 30  # paragraphs from the top of the page searched for the described standfirst
_EARLIEST = dt.date(1990, 1, 1)
# English outside the US writes the day first ("en-GB", "en-AU", "en-IN", ...).
_DAY_FIRST_ENGLISH = frozenset({"gb", "uk", "au", "nz", "ie", "in", "za", "sg", "hk", "ng", "ke", "pk"})
# Reads one date string as the page writes dates (see `_valid_date`).
_DateReader = Callable[..., dt.date | dt.datetime | None]
# Days that CMSs write when they have no date: never believed, whatever the metadata says.
_PLACEHOLDER_DAYS = frozenset({dt.date(1970, 1, 1), dt.date(1900, 1, 1), dt.date(1901, 1, 1)})


# ------------------------------------------------------------------ public entry


def parse_html(html: str | bytes, url: str | None = None, *, with_quotes: bool = True) -> Article:
    """Extract an Article from a saved page. Never raises: broken pages give empty fields.

    `with_quotes=False` leaves `quotes` empty, for a caller that finds them for many articles at
    once (`searcher.parse.add_quotes`).
    """
    try:
        return _parse(html, url, with_quotes)
    except Exception:  # a last resort: one odd page must not stop indexing a folder
        return Article(id=url or "", url=url)


def _parse(html: str | bytes, url: str | None, with_quotes: bool) -> Article:
    text = decode_html(html) if isinstance(html, bytes) else html
    soup = _soup(text)
    page = _collect(soup)
    page_url = page.canonical or url
    source = _source(page, page_url)
    title = _title(page, source)
    body_blocks = _with_lead(_without_repeats(_body_blocks(page, _headline(page, title))), page, title)
    byline = _byline(page, source, body_blocks)
    body = join_paragraphs(_drop_leading_byline(body_blocks, byline))
    language = article_language(title, body, page.language)
    return Article(
        id=page_url or "",
        title=title,
        body=body,
        date=_date(page, text, page_url, title),
        byline=byline,
        source=source,
        url=page_url,
        path=None,
        quotes=find_quotes(body, language) if with_quotes else [],
        language=language,
    )


# ------------------------------------------------------------------ one pass over the tree


@dataclass
class _Page:
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


def _collect(soup: BeautifulSoup) -> _Page:
    page = _Page(body=soup.body)
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
        elif name in _TEXT_HOLDERS:
            page.text_holders.append(el)
        elif name in _STRUCTURAL_TAGS:
            page.junk.add(id(el))
        elif name in _HEADINGS:
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
        names = _class_and_id(attrs)
        if names:
            _classify(page, el, names)
        if _is_junk_element(attrs, names):
            page.junk.add(id(el))
    _mark_teaser_cards(page)
    if not page.canonical:
        og_url = page.meta("og:url")
        page.canonical = _absolute_or_none(og_url) if og_url else None
    return page


def _mark_teaser_cards(page: _Page) -> None:
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
    for _ in range(_CARD_LEVELS):
        node = node.parent
        if node is None or node.name in ("body", "html", "[document]", "main"):
            break
        size = _text_size(node, len(text) + _MAX_CARD_SUMMARY)
        if size > len(text) + _MAX_CARD_SUMMARY:
            break
        if size > len(text) + 20:
            card = node
    return card


def _text_size(el: Tag, limit: int) -> int:
    """Characters of text in `el`, counted only until they pass `limit`."""
    size = 0
    for text in el.strings:
        size += len(text.strip())
        if size > limit:
            break
    return size


def _add_meta(page: _Page, attrs: dict[str, Any]) -> None:
    content = attrs.get("content")
    if content is None:
        return
    for key in ("property", "name", "itemprop", "http-equiv"):
        value = attrs.get(key)
        if value:
            page.metas.setdefault(str(value).strip().lower(), []).append(str(content))


def _classify(page: _Page, el: Tag, names: str) -> None:
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
        m = _BODY_CLASS.search(names)
        kind = (
            m.group(0).lower() if m else None,
            bool(_BYLINE_CLASS.search(names)) and not _BYLINE_NOT.search(names),
            _JUNK_CLASS.search(names) is not None or _JUNK_TOKEN.search(names) is not None,
        )
        if len(_KIND_CACHE) > 50_000:
            _KIND_CACHE.clear()
        _KIND_CACHE[names] = kind
    return kind


def _class_and_id(attrs: dict[str, Any]) -> str:
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


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type")
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value else []


def _is_article(obj: dict[str, Any]) -> bool:
    return any(_ARTICLE_TYPES.search(t) for t in _types(obj))


def _articles(page: _Page) -> list[dict[str, Any]]:
    """JSON-LD article objects; objects with a headline when none is typed as an article."""
    typed = [o for o in page.jsonld if _is_article(o)]
    return typed or [o for o in page.jsonld if "headline" in o or "datePublished" in o]


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str) and value.strip():
        return clean_inline(html_lib.unescape(value))
    return None


# ------------------------------------------------------------------ source


def _source(page: _Page, url: str | None = None) -> str | None:
    """The publisher's name from the page's own metadata, most trusted first (og:site_name,
    JSON-LD publisher, application-name, the <title> segment naming the host, twitter:site), in
    one form; else the host made readable. A bare lower-case word is an identifier, not a name
    ("cleveland", "checkout"): it stands only as the host it names ("cleveland.com"); the name of
    the front page ("Start", "Home") is no publisher either."""
    host = readable_host(page.canonical or url)
    title = _ld_title(page)
    for candidate in _publisher_candidates(page, host):
        name = _publisher_name(candidate, host, title)
        if name and not (" " not in name and name.islower() and "." not in name) and not _is_page_name(name):
            return name
    if host:
        return host
    declared = _publisher_name(page.meta("og:site_name") or "", host, title)
    return declared  # no address to name the site by: its own word for itself, as written


_MAX_PUBLISHER_WORDS = 10
# What a template names the front page, which some sites leave in og:site_name ("Start").
_PAGE_NAMES = frozenset(
    {
        *"home homepage start startseite accueil inicio portada forside etusivu index welcome willkommen bienvenue".split(),
        *("home page", "página principal", "pagina iniziale", "strona główna"),
    }
)


def _is_page_name(name: str) -> bool:
    return name.casefold() in _PAGE_NAMES


_PUBLISHER_TYPES = ("Organization", "NewsMediaOrganization", "Corporation", "WebSite")


def _publisher_candidates(page: _Page, host: str | None) -> Iterator[str]:
    yield from page.metas.get("og:site_name", ())
    for obj in _articles(page):
        name = _ld_text(obj.get("publisher"))
        if name:
            yield name
    yield from page.metas.get("application-name", ())
    for obj in page.jsonld:
        name = _ld_text(obj.get("name")) or ""
        if any(t in _PUBLISHER_TYPES for t in _types(obj)) and names_host(name, host):
            yield name
    segments = [s for s in _TITLE_SEPARATORS.split(page.title) if s.strip()]
    if len(segments) > 1:
        yield from (s for s in (segments[-1], segments[0]) if names_host(s, host))
    for handle in page.metas.get("twitter:site", ()):
        if "_" not in handle:
            yield handle


def _publisher_name(candidate: str, host: str | None, title: str) -> str | None:
    """`candidate` in publisher form, cut to its name when it carries a tagline or is a page
    title ("scinexx | Das Wissensmagazin", "Tickets to Movies ... | Hollywood.com"), or None."""
    name = publisher_form(html_lib.unescape(candidate))
    if not name:
        return None
    segments = [s.strip(" -–—|:·•") for s in _TITLE_SEPARATORS.split(name) if s.strip(" -–—|:·•")]
    if len(segments) > 1:
        naming = [s for s in segments if names_host(s, host)]
        name = naming[0] if naming else segments[0]
    too_long = len(name.split()) > _MAX_PUBLISHER_WORDS
    if too_long or (len(title) > 15 and _norm(title) in _norm(name)):
        return None
    return name


def _ld_title(page: _Page) -> str:
    """The article's headline as its metadata states it, to tell a page title from a site name."""
    for obj in _articles(page)[:1]:
        return _ld_text(obj.get("headline")) or ""
    return page.meta("og:title") or ""


def _organisations(page: _Page, source: str | None) -> list[str]:
    """Names that are not people on this page: site, publisher, app name, domain."""
    names = [source or ""]
    for key in _SITE_METAS:
        names.extend(page.metas.get(key, ()))
    for obj in _articles(page):
        names.append(_ld_text(obj.get("publisher")) or "")
    if page.canonical:
        host = urlsplit(page.canonical).hostname or ""
        parts = host.removeprefix("www.").split(".")
        if parts:
            names.extend([parts[0], host.removeprefix("www.")])
    return [clean_inline(n.lstrip("@")) for n in names if n and n.strip()]


# ------------------------------------------------------------------ title


def _title(page: _Page, source: str | None) -> str:
    metas = _title_candidates(page)
    sections = _section_labels(page)
    h1s = [t for t in (_h1_text(h, metas, sections) for h in page.h1s[:10]) if t]
    sites = [s for s in _organisations(page, source) if s]
    best_h1 = _best_matching_h1(h1s, metas)
    if best_h1:
        return best_h1
    for candidate in metas:
        stripped = _without_section(_strip_site(candidate, sites, metas + h1s), sections)
        if stripped:
            return stripped
    return h1s[0] if h1s else ""


# Class and id words of an element that labels the headline rather than being part of it: the
# kicker, overline or section name printed above it.
_LABEL_CLASS = re.compile(
    r"kicker|overline|roofline|dachzeile|topline|toptitle|top-title|eyebrow|supertitle|"
    r"pretitle|pre-title|preheadline|subheading|sub-heading|label|section|category|categorie|"
    r"rubri[ck]|ressort|tag(?:line)?(?:$|[-_\s])|flag|strap",
    re.I,
)
_HIDDEN_CLASS = re.compile(r"visually-?hidden|sr-only|screen-reader|a11y|offscreen", re.I)
_MAX_KICKER_WORDS = 8
_LABEL_SEPARATORS = " :|-–—·•/»>"


def _h1_text(h1: Tag, metas: list[str], sections: set[str]) -> str:
    """The <h1>'s text without what is not the headline: text hidden for screen readers
    ("Headline:") and kickers, the short labels in their own elements before the headline
    ("<span class=kicker>Climate</span> Drilling until it gets hot")."""
    parts = _visible_parts(h1)
    while len(parts) == 1 and parts[0][0] is not None:  # a wrapper: look inside it
        parts = _visible_parts(parts[0][0])
    text = clean_inline(" ".join(t for _, t in parts))
    kept = parts
    for _ in range(_MAX_KICKERS):
        if len(kept) < 2 or not _leads_with_kicker(kept, metas, sections):
            break
        kept = kept[1:]
    if kept is parts:
        return text
    return clean_inline(" ".join(t for _, t in kept)).lstrip(_LABEL_SEPARATORS) or text


_MAX_KICKERS = 2  # "<span>News</span><span>Feature</span> Headline"


def _leads_with_kicker(parts: list[tuple[Tag | None, str]], metas: list[str], sections: set[str]) -> bool:
    first, label = parts[0]
    text = clean_inline(" ".join(t for _, t in parts))
    rest = clean_inline(" ".join(t for _, t in parts[1:])).lstrip(_LABEL_SEPARATORS)
    if first is None or len(label.split()) > _MAX_KICKER_WORDS:
        return False
    if not (_is_kicker(first, label, rest, sections) or _metas_name_without(rest, text, metas)):
        return False
    return not metas or _best_matching_h1([rest], metas) is not None  # the rest is a headline


def _visible_parts(el: Tag) -> list[tuple[Tag | None, str]]:
    """`el`'s direct children as (element, or None for text; its visible text), empty and
    hidden ones left out."""
    parts: list[tuple[Tag | None, str]] = []
    for child in el.children:
        if isinstance(child, Tag):
            if child.name in ("script", "style", "noscript", "template") or _is_hidden(child):
                continue
            text = clean_inline(_INVISIBLE.sub("", _visible_text(child)))
            if text:
                parts.append((child, text))
        elif type(child) is NavigableString:
            text = clean_inline(_INVISIBLE.sub("", str(child)))
            if text:
                parts.append((None, text))
    return parts


def _visible_text(el: Tag) -> str:
    """`el`'s text without its hidden descendants."""
    if not any(_is_hidden(d) for d in el.find_all(True)):
        return el.get_text(" ")
    return " ".join(t for _, t in _visible_parts(el))


def _is_hidden(el: Tag) -> bool:
    """Hidden from sight: the hidden attribute, display:none, or a screen-reader-only class."""
    if "hidden" in el.attrs or _HIDDEN_CLASS.search(_class_and_id(el.attrs)):
        return True
    style = el.get("style")
    return bool(style) and "display:none" in str(style).replace(" ", "").lower()


def _metas_name_without(rest: str, text: str, metas: list[str]) -> bool:
    """True when a meta title holds the headline after the leading element but not the <h1>'s
    whole text: the page's own metadata leaves the label out."""
    rest_key, text_key = _norm(rest), _norm(text)
    if len(rest_key.split()) < 3:
        return False
    keys = [_norm(m) for m in metas]
    return any(rest_key in k for k in keys) and not any(text_key in k for k in keys)


def _is_kicker(el: Tag | None, label: str, rest: str, sections: set[str]) -> bool:
    """A short label in an element of its own before the headline: classed as a kicker or
    section, naming the page's section, or set on a line of its own (a block, <small>, <br>)."""
    if el is None or len(label.split()) > _MAX_KICKER_WORDS or len(rest.split()) < 2:
        return False
    if label.endswith((".", "!", "?")) and not label.endswith("..."):
        return False
    if _norm(label) in sections:
        return True
    if any(_LABEL_CLASS.search(_class_and_id(node.attrs)) for node in [el, *el.find_all(True, limit=3)]):
        return True
    if el.name in ("div", "p", "small", "header") or el.find(["br", "div", "p"]) is not None:
        return True
    following = el.next_sibling
    while isinstance(following, NavigableString) and not following.strip():
        following = following.next_sibling
    return isinstance(following, Tag) and following.name == "br"


def _section_labels(page: _Page) -> set[str]:
    """The page's section names as it states them (article:section, JSON-LD articleSection,
    the breadcrumb trail), normalised: a title segment equal to one is a label."""
    found: list[str] = []
    for key in ("article:section", "section", "parsely-section", "og:section"):
        found.extend(page.metas.get(key, ()))
    for obj in page.jsonld:
        found.extend(_strings(obj.get("articleSection")))
        if "BreadcrumbList" in _types(obj):
            items = obj.get("itemListElement")
            trail = items[:-1] if isinstance(items, list) else []  # the last one is the page itself
            for item in trail:
                if isinstance(item, dict):
                    found.append(_ld_text(item.get("name")) or _ld_text(item.get("item")) or "")
    return {key for key in (_norm(f) for f in found) if key and len(key.split()) <= _MAX_KICKER_WORDS}


def _without_section(title: str, sections: set[str]) -> str:
    """ "Opinion | Headline", "Headline - Business": a first or last segment that is the page's
    own section name is a label, not part of the headline."""
    if not sections or not title:
        return title
    segments = [s for s in _TITLE_SEPARATORS.split(title) if s.strip()]
    if len(segments) < 2:
        return title
    kept = list(segments)
    if _norm(kept[0]) in sections:
        kept = kept[1:]
    if len(kept) > 1 and _norm(kept[-1]) in sections:
        kept = kept[:-1]
    if len(kept) == len(segments) or not kept or len(" ".join(kept).split()) < 2:
        return title
    return _rejoin(title, kept)


def _title_candidates(page: _Page) -> list[str]:
    found = [_ld_text(o.get("headline")) or _ld_text(o.get("name")) for o in _articles(page)[:3]]
    found += [page.meta("og:title"), page.meta("twitter:title"), page.title]
    out = []
    for text in found:
        if text:
            text = clean_inline(html_lib.unescape(text))
            if text and text not in out:
                out.append(text)
    return out


def _best_matching_h1(h1s: list[str], metas: list[str]) -> str | None:
    """The <h1> whose words best cover a meta title (most h1s on a page are logos or teasers)."""
    if not metas:
        return h1s[0] if len(h1s) == 1 and len(h1s[0].split()) > 2 else None
    best, best_score = None, 0.0
    for h1 in h1s:
        h1_words = _words(h1)
        if not h1_words:
            continue
        score = max(_containment(h1_words, _words(m)) for m in metas)
        if score > best_score:
            best, best_score = h1, score
    return best if best_score >= 0.6 else None


def _strip_site(title: str, sites: list[str], others: list[str]) -> str:
    """Cut " | Site", " - Site", "Site: " parts: segments naming the site or absent from other titles."""
    segments = [s for s in _TITLE_SEPARATORS.split(title) if s.strip()]
    if len(segments) < 2:
        return title
    site_keys = {_norm(s) for s in sites}
    kept = [s for s in segments if not _is_site_segment(s, site_keys)]
    if kept and len(kept) < len(segments):
        return _rejoin(title, kept)
    # No segment names the site: keep the longest, as the headline is usually the longest part.
    longest = max(segments, key=len)
    if len(longest.split()) >= 3 and not any(_norm(title) == _norm(o) for o in others if o != title):
        return longest.strip()
    return title


def _is_site_segment(segment: str, site_keys: set[str]) -> bool:
    key = _norm(segment)
    if not key:
        return True
    return any(key == s or (len(s) > 3 and (key.startswith(s) or s.startswith(key))) for s in site_keys if s)


def _rejoin(title: str, kept: list[str]) -> str:
    """The title from its first to last kept segment, keeping the original separators between."""
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(kept)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _norm(text: str) -> str:
    return " ".join(_words(text))


def _containment(a: list[str], b: list[str]) -> float:
    """Share of a's words found in b, scaled down when a is much shorter than b."""
    if not a or not b:
        return 0.0
    bset = set(b)
    hit = sum(1 for w in a if w in bset) / len(a)
    return hit * min(1.0, len(a) / max(1, len(b)) * 1.5)


# ------------------------------------------------------------------ date


def _date(page: _Page, text: str, url: str | None, title: str) -> dt.date | dt.datetime | None:
    # Text written for readers follows the page language's convention for 03/04/2021; values in
    # attributes and metadata are written by software, in the US order when not in ISO's.
    read_text = partial(_valid_date, day_first=_writes_day_first(page.language))
    url_day = _check_range(date_from_url(url)) if url else None
    stated = map(_valid_date, _published_candidates(page))
    printed = map(read_text, _labelled_published(text))
    published = [v for v in (*stated, *printed) if v]
    if published:
        first = _shown_by_headline(published, page, text, title, read_text) or _local_time(published)
        return _revised_for_year(_earlier_url_day(first, url_day), page, text, url)
    if url_day:
        return url_day
    for candidate in _date_nodes(text, _headline_index(page, title)):
        value = read_text(candidate)
        if value:
            return value
    for candidate in _modified_candidates(page, text):
        value = _valid_date(candidate)
        if value:
            return value
    # An old date is believed when the page's own metadata insists on it (archives, digitised wires);
    # from text or the URL it is more likely a placeholder or a misreading.
    for candidate in _declared_published(page):
        value = _valid_date(candidate, earliest=None)
        if value:
            return value
    return None


def _writes_day_first(language: str | None) -> bool:
    """True when the page's declared language writes 03/04/2021 for 3 April: all but American
    English (a bare "en" counts as American: so the English pages we hold write it)."""
    if not language:
        return False
    tag = language.strip().lower().replace("_", "-")
    if tag == "en" or tag.startswith("en-"):
        return tag[3:5] in _DAY_FIRST_ENGLISH
    return bool(tag)


def _shown_by_headline(
    published: list[dt.date | dt.datetime], page: _Page, text: str, title: str, read_text: _DateReader
) -> dt.date | dt.datetime | None:
    """The stated date that the page prints beside its headline, when the page states several:
    readers (and people citing the page) go by the printed day, and the metadata often carries an
    earlier draft or import time. Only a printed day that the page's own data also states counts,
    so a date in a teaser or a comment cannot win on its own."""
    shown = _headline_date(page, text, title, read_text)
    if shown is None:
        return None
    day = _day_of(shown)
    same = next((value for value in published if _day_of(value) == day), None)
    if same is not None:
        return same  # the stated value: it may carry the time and zone the printed date lacks
    modified = filter(None, map(_valid_date, _modified_candidates(page, text)))
    return shown if any(_day_of(value) == day for value in modified) else None


def _headline_date(
    page: _Page, text: str, title: str, read_text: _DateReader
) -> dt.date | dt.datetime | None:
    """The first date printed in the markup just after the headline, unless it is labelled as an
    update ("Last updated", "Aktualisiert", itemprop="dateModified"). None when no <h1> holds the
    title: the first <h1> may be the site's logo, followed by the date of the day."""
    if _headline(page, title) is None:
        return None
    for node, label in _nodes_after_headline(text, _headline_index(page, title)):
        if _UPDATE_LABEL.search(label) or _UPDATE_LABEL.search(node):
            continue
        value = read_text(node)
        if value is not None:
            return value
    return None


def _nodes_after_headline(text: str, headline: int) -> Iterator[tuple[str, str]]:
    """Date-shaped text nodes within `_NEAR_HEADLINE` characters of markup after the headline, each
    with the markup just before it (where its label or its element's attributes are)."""
    body = max(text.find("<body"), 0)
    h1s = [m.start() for m in _H1_TAG.finditer(text, body)]
    if not h1s:
        return
    start = h1s[min(headline, len(h1s) - 1)]
    for m in _TEXT_NODE.finditer(text, start, start + _NEAR_HEADLINE):
        node = m.group(1) or m.group(2)
        if m.group(1) or _DATE_SHAPE.search(node):
            yield node, text[max(start, m.start() - _LABEL_REACH) : m.start()]


def _day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _revised_for_year(
    value: dt.date | dt.datetime, page: _Page, text: str, url: str | None
) -> dt.date | dt.datetime:
    """The modified date when the URL names a later year than the stated publication and the
    modification falls in that year: a page rewritten for that year ("best-laptops-2023") reads as
    new then, and its first publication is history."""
    if not url:
        return value
    years = [int(y) for y in _URL_YEAR.findall(urlsplit(url).path)]
    if not years or max(years) <= value.year:
        return value
    year = max(years)
    for candidate in _modified_candidates(page, text):
        modified = _valid_date(candidate)
        if modified and modified.year == year:
            return modified
    return value


def _local_time(values: list[dt.date | dt.datetime]) -> dt.date | dt.datetime:
    """The first value, but in the page's own time zone when it is given in UTC and another value
    names the same moment with a local offset: the day readers see is the local one."""
    first = values[0]
    if not isinstance(first, dt.datetime) or first.utcoffset() != dt.timedelta(0):
        return first
    for other in values[1:]:
        if isinstance(other, dt.datetime) and other.utcoffset() and other == first:
            return other
    return first


def _earlier_url_day(value: dt.date | dt.datetime, url_day: dt.date | None) -> dt.date | dt.datetime:
    """The URL's day when it is days before the stated date: a URL is minted at first publication,
    while a later stated date is a re-publication or an update."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if url_day and (day - url_day).days > _URL_DAY_SLACK:
        return url_day
    return value


def _headline(page: _Page, title: str) -> Tag | None:
    """The <h1> holding the title: where the article is on the page."""
    if not title:
        return None
    return next((h for h in page.h1s[:10] if title in clean_inline(h.get_text(" "))), None)


def _headline_index(page: _Page, title: str) -> int:
    """Which <h1> of the page (0 = the first) is the headline."""
    headline = _headline(page, title)
    return next((i for i, h in enumerate(page.h1s) if h is headline), 0)


def _declared_published(page: _Page) -> Iterator[str]:
    """Publication dates the page states in structured data: JSON-LD and meta tags."""
    for obj in _articles(page):
        yield from _strings(obj.get("datePublished"))
    for obj in page.jsonld:
        yield from _strings(obj.get("datePublished"))
    for key in _PUBLISHED_METAS:
        yield from page.metas.get(key, ())


def _published_candidates(page: _Page) -> Iterator[str]:
    yield from _declared_published(page)
    yield from _time_candidates(page.times)


def _labelled_published(text: str) -> Iterator[str]:
    """Dates printed after a "Published" label."""
    for i, m in enumerate(_VISIBLE_DATE.finditer(text, 0, 2_000_000)):
        if i >= _MAX_VISIBLE_DATES:
            break
        yield m.group(1)


def _date_nodes(text: str, headline: int) -> Iterator[str]:
    """Short text nodes that hold a date, and long ones that start with one: first those after the
    headline (the article's dateline sits near it), then those just above it (a kicker line);
    dates further up are often the site's "today", so the top of the body comes last."""
    body = max(text.find("<body"), 0)
    h1s = [m.start() for m in _H1_TAG.finditer(text, body)]
    start = h1s[min(headline, len(h1s) - 1)] if h1s else -1
    spans = [(body, len(text))]
    if start > body:
        spans = [(start, len(text)), (max(body, start - _ABOVE_HEADLINE), start), (body, start)]
    for begin, end in spans:
        found = 0
        for m in _TEXT_NODE.finditer(text, begin, end):
            node = m.group(1) or m.group(2)
            if m.group(1) or _DATE_SHAPE.search(node):
                yield node
                found += 1
                if found >= _MAX_DATE_NODES:
                    break


def _modified_candidates(page: _Page, text: str) -> Iterator[str]:
    for obj in page.jsonld:
        yield from _strings(obj.get("dateModified"))
        yield from _strings(obj.get("dateCreated"))
    for key in _MODIFIED_METAS:
        yield from page.metas.get(key, ())
    m = _VISIBLE_UPDATED.search(text)
    if m:
        yield m.group(1)


def _time_candidates(times: list[Tag]) -> Iterator[str]:
    """<time> values, the ones marked as the publication time first."""
    marked = [t for t in times if _is_published_time(t)]
    for t in marked + [t for t in times if t not in marked]:
        value = t.get("datetime") or t.get("content")
        if value:
            yield str(value)
        else:
            yield t.get_text(" ", strip=True)


def _is_published_time(t: Tag) -> bool:
    if t.has_attr("pubdate") or "datepublished" in str(t.get("itemprop", "")).lower():
        return True
    return "publish" in _class_and_id(t.attrs).lower()


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _valid_date(
    text: str, earliest: dt.date | None = _EARLIEST, day_first: bool = False
) -> dt.date | dt.datetime | None:
    text = clean_inline(text)
    if not text or len(text) > 80:
        return None
    try:
        value = parse_date(text, day_first=day_first)
    except (ValueError, OverflowError, TypeError):
        return None
    return _check_range(value, earliest)


def _check_range(
    value: dt.date | dt.datetime | None, earliest: dt.date | None = _EARLIEST
) -> dt.date | dt.datetime | None:
    """None for dates before `earliest` or after tomorrow: those are placeholders or parse errors."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if day in _PLACEHOLDER_DAYS or (earliest and day < earliest):
        return None
    if day > dt.date.today() + dt.timedelta(days=1):
        return None
    return value


# ------------------------------------------------------------------ byline


def _byline(page: _Page, source: str | None, body_blocks: list[str]) -> list[str]:
    """The first candidate's people; a name spelling the site's address ("AUTO ZEITUNG" on
    autozeitung.de, "El Colombiano" on elcolombiano.com) is the publisher, not a writer."""
    orgs = _organisations(page, source) + _ld_organisation_authors(page)
    host = readable_host(page.canonical)
    for raw in _byline_candidates(page, body_blocks):
        names = [n for n in clean_byline(raw, organisations=orgs) if not names_host(n, host)]
        if names:
            return names
    return []


def _byline_candidates(page: _Page, body_blocks: list[str]) -> Iterator[list[str]]:
    yield _ld_person_authors(page)
    yield [_itemprop_author(el) for el in page.itemprop_authors[:6]]
    yield [el.get_text(" ") for el in page.rel_authors[:6]]
    for el in page.byline_classed[:12]:
        text = el.get_text(" ")
        if len(text) < 300:
            yield [text]
    yield [page.meta(key) or "" for key in _AUTHOR_METAS[:1]]
    yield _labelled_twitter_author(page)
    yield [b for b in body_blocks[:5] if _BY_LINE.match(b) and len(b) < 120][:1]
    yield _by_line_below_headline(page)
    yield [page.meta(key) or "" for key in _AUTHOR_METAS[1:]]


# A line under the headline that credits the writer: "von Alexander Rosenkranz", "Text: Ursula
# Eggers", "Ein Artikel von Pamela Sladky | 27.01.2022", "Posted on May 3 by Adi Tzlil".
_CREDIT_LINE = re.compile(
    r"(?:^|\s)(?:(?:written|posted|reported|text|artikel|beitrag)\s+)?(?:by|von|par|por|door)\s+(?=[^\W\d_])"
    r"|^(?:autor(?:in)?|author|auteur|autore|text|texte|texto|verfasser(?:in)?)\s*:\s*",
    re.I,
)
_BELOW_HEADLINE = 40  # elements after the headline searched for a credit line
_MAX_CREDIT_LINE = 100


def _by_line_below_headline(page: _Page) -> list[str]:
    """The first short element after the headline whose text credits a writer, from the credit
    word on; the search stops where the article text starts (a long paragraph)."""
    headline = next((h for h in page.h1s[:10] if id(h) not in page.junk), None)
    if headline is None:
        return []
    for el in headline.find_all_next(_CREDIT_TAGS, limit=_BELOW_HEADLINE):
        text = clean_inline(el.get_text(" "))
        if el.name == "p" and len(text) > 2 * _MAX_CREDIT_LINE:
            break
        if not text or len(text) > _MAX_CREDIT_LINE or _in_junk(el, page.junk) or _CREDIT.search(text):
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


def _labelled_twitter_author(page: _Page) -> list[str]:
    for n in range(1, 5):
        label = page.meta(f"twitter:label{n}")
        if label and _AUTHOR_LABEL.match(label.strip().rstrip(":")):
            return [page.meta(f"twitter:data{n}") or ""]
    return []


def _ld_authors(page: _Page) -> list[Any]:
    by_id = {o["@id"]: o for o in page.jsonld if isinstance(o.get("@id"), str)}
    authors: list[Any] = []
    for obj in _articles(page):
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


def _ld_person_authors(page: _Page) -> list[str]:
    names = []
    for item in _ld_authors(page):
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and not _is_organisation(item):
            name = _ld_text(item)
            if name:
                names.append(name)
    return names


def _ld_organisation_authors(page: _Page) -> list[str]:
    return [_ld_text(i) or "" for i in _ld_authors(page) if isinstance(i, dict) and _is_organisation(i)]


def _is_organisation(obj: dict[str, Any]) -> bool:
    """Typed as an organisation and not also as a person: SEO plugins type a site's writers
    ["Person", "Organization"]."""
    types = _types(obj)
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


def _drop_leading_byline(blocks: list[str], byline: list[str]) -> list[str]:
    """Drop a "By ..." block at the top of the body: the byline is its own field."""
    out = list(blocks)
    for i, block in enumerate(blocks[:3]):
        if _BY_LINE.match(block) and len(block) < 120:
            del out[i]
            break
    return out


# ------------------------------------------------------------------ body


def _body_blocks(page: _Page, headline: Tag | None) -> list[str]:
    """The article's text blocks, without the labels that open or close it."""
    return _without_closing_appeals(_without_edge_labels(_chosen_blocks(page, headline)))


def _without_closing_appeals(blocks: list[str]) -> list[str]:
    """Drop the appeals that close many articles ("Sign up for our newsletter", "Follow us on
    Twitter", "Submit a letter to the editor", "would you consider supporting our work?"): the
    site speaking to its readers, not the article. Only short blocks among the last few."""
    last = max(1, len(blocks) - _APPEAL_REACH)
    return blocks[:last] + [b for b in blocks[last:] if len(b) >= _MAX_APPEAL or not _APPEAL.search(b)]


def _without_edge_labels(blocks: list[str]) -> list[str]:
    """Drop short runs of label-like blocks (short, no sentence punctuation) that open or close
    the body: "Share", "Breaking News", "Key Points", a section name, a reporter's title; "Topics",
    "Latest", "Shop This Story", "Te puede interesar". Whatever the language, an article starts and
    ends with sentences, and the links such labels introduced are gone already. A longer run is
    kept: it is a list the article ends with (specifications, addresses, results). "By ..." lines
    stay for the byline, and a greeting ("Dear readers,") or dateline ("Berlin -") is no label."""
    end = len(blocks)
    while end > 1 and _is_label(blocks[end - 1]):
        end -= 1
    if len(blocks) - end <= _MAX_TRAILING_LABELS:
        blocks = blocks[:end]
    start = 0
    while start < len(blocks) - 1 and _is_opening_label(blocks[start]):
        start += 1
    return blocks[start:] if start <= _MAX_OPENING_LABELS else blocks


def _is_opening_label(block: str) -> bool:
    return _is_label(block) and not _BY_LINE.match(block) and not block.endswith((",", "-", "–", "—"))


def _is_label(block: str) -> bool:
    return (
        len(block) < _MAX_TRAILING_LABEL
        and not isinstance(block, _ListItem)
        and not _SENTENCE_END.search(block)
    )


def _chosen_blocks(page: _Page, headline: Tag | None) -> list[str]:
    """The article's text blocks from the first trusted container (articleBody, <article>,
    article-body-like class) that holds the densest paragraph cluster or at least as much text,
    or is the <article> around the headline; else that densest container itself. A teaser
    <article> or a slideshow loses this way."""
    junk, dense, wider = _unprotected_junk_and_density(page)
    page.dense = dense
    dense_blocks = _blocks_of(_with_split_siblings(dense, junk), junk) if dense is not None else []
    dense_size = _size(dense_blocks)
    for chooser in (_from_article_body, _from_article, _from_body_class):
        roots, blocks = chooser(page, junk, headline)
        size = _size(blocks)
        if size < _MIN_BODY_CHARS:
            continue
        if (
            size >= dense_size
            or _holds(roots, dense)
            or (chooser is _from_article and _holds(roots, headline))
        ):
            return blocks
    if dense_blocks:
        if wider is not None and wider is not dense:
            dense_blocks = _blocks(wider, junk)
        return _or_loose_text(page, dense_blocks)
    return _or_loose_text(page, _blocks(page.body, junk) if page.body else [])


def _or_loose_text(page: _Page, blocks: list[str]) -> list[str]:
    """When the paragraphs give little text, the container densest in text written straight into
    <div>s, cells and list items (recipes, forums, <br>-separated layouts), if it gives more."""
    if _size(blocks) >= _MIN_BEFORE_LOOSE_TEXT:
        return blocks
    junk, dense, _ = _unprotected_junk_and_density(page, page.paragraphs + page.text_holders, _own_text_size)
    if dense is None:
        return blocks
    loose = _blocks(dense, junk)
    return loose if _size(loose) > _size(blocks) else blocks


def _own_text_size(el: Tag) -> int:
    """Characters of text directly inside `el`, not in its child elements."""
    return sum(len(c.strip()) for c in el.children if type(c) is NavigableString)


def _with_split_siblings(el: Tag, junk: set[int]) -> list[Tag]:
    """`el`, or the siblings of it (or of its parent) that share its tag and first class: pages
    split one article into several sections ("detail-body first-paragraph", "second-paragraph")."""
    node: Tag | None = el
    for _ in range(2):
        if node is None or node.parent is None or node.name in ("body", "html", "[document]"):
            break
        classes = node.get("class") or []
        if classes:
            first = classes[0]
            same = [
                s
                for s in node.parent.find_all(node.name, recursive=False)
                if first in (s.get("class") or []) and id(s) not in junk
            ]
            if len(same) > 1:
                return same
        node = node.parent
    return [el]


def _holds(roots: list[Tag], el: Tag | None) -> bool:
    """True when `el` is one of `roots` or inside one of them."""
    if el is None:
        return False
    keys = {id(r) for r in roots}
    return id(el) in keys or any(id(parent) in keys for parent in el.parents)


def _without_repeats(blocks: list[str]) -> list[str]:
    """Each paragraph-length block once: pages repeat the article for another layout (two
    articleBody copies, an AMP or print version). Short blocks may recur in the text itself
    (table cells, an interviewer's question), so they stay."""
    seen: set[str] = set()
    out = []
    for block in blocks:
        if len(block) < _MIN_REPEAT:
            out.append(block)
        elif block not in seen:
            seen.add(block)
            out.append(block)
    return out


def _with_lead(blocks: list[str], page: _Page, title: str) -> list[str]:
    """Put back the standfirst: many pages print the lead paragraph ("intro", "teaser") in the
    article header next to the headline, outside the element that holds the rest of the text."""
    lead = _lead_text(page, title) if blocks else None
    if not lead:
        blocks = _with_description(blocks, page)
        lead = _described_paragraph(page) if blocks else None
        if not lead:
            return blocks
    probe = lead[:60]
    if any(probe in block for block in blocks) or probe in " ".join(blocks):
        return blocks
    return [lead, *blocks]


def _described_paragraph(page: _Page) -> str | None:
    """A visible <p> that says what the page's description says: the standfirst, printed
    without a "lead" class (often in the page header, outside the body's container)."""
    text = page.meta("og:description", "description", "twitter:description")
    if not text:
        return None
    probe = clean_inline(_INVISIBLE.sub("", html_lib.unescape(text)))[:60]
    if len(probe) < 40:
        return None
    for p in page.paragraphs[:_LEAD_SEARCH]:
        if id(p) in page.junk:
            continue
        para = clean_inline(_INVISIBLE.sub("", p.get_text(" ")))
        if para.startswith(probe) and len(para) <= 800:
            return para
    return None


def _with_description(blocks: list[str], page: _Page) -> list[str]:
    """The page's description when the body found is nearly empty: pages that build their text
    with scripts (or hide it behind a login) often state its summary only in their metadata."""
    if _size(blocks) >= _MIN_BEFORE_DESCRIPTION:
        return blocks
    text = page.meta("og:description", "description", "twitter:description")
    if not text:
        for obj in _articles(page) + page.jsonld:
            text = _ld_text(obj.get("description"))
            if text:
                break
    if not text:
        return blocks
    text = clean_inline(_INVISIBLE.sub("", html_lib.unescape(text)))
    if len(text) < _MIN_DESCRIPTION or any(text[:60] in b for b in blocks):
        return blocks
    return [text, *blocks]


def _lead_text(page: _Page, title: str) -> str | None:
    headline = _headline(page, title)
    if headline is None:
        return None
    scope = headline.parent.parent if headline.parent is not None else None
    if scope is None or scope.name in ("body", "html", "[document]"):
        return None
    for el in scope.find_all(class_=_LEAD_CLASS, limit=3):
        if el is headline or _in_junk(el, page.junk):
            continue
        text = clean_inline(_INVISIBLE.sub("", el.get_text(" ")))
        if 40 <= len(text) <= 800 and text != title and not _is_teaser_box(el, len(text)):
            return text
    return None


def _in_junk(el: Tag, junk: set[int]) -> bool:
    """True when `el` or the box right around it (a teaser card) is boilerplate by its class or
    role; a <header> is not, as the standfirst sits in the article's header."""
    return any(
        node is not None and id(node) in junk and node.name not in _STRUCTURAL_TAGS
        for node in (el, el.parent)
    )


def _is_teaser_box(el: Tag, size: int) -> bool:
    """A box of links to other pages ("teaser_container": a list of linked titles), not the
    standfirst that some pages also class as "teaser"."""
    linked = sum(len(a.get_text().strip()) for a in el.find_all("a"))
    return linked >= 0.5 * size


def _size(blocks: list[str]) -> int:
    return sum(len(b) for b in blocks)


def _paragraph_size(el: Tag) -> int:
    return len(el.get_text().strip())


def _unprotected_junk_and_density(
    page: _Page, paragraphs: list[Tag] | None = None, measure: Any = _paragraph_size
) -> tuple[set[int], Tag | None, Tag | None]:
    """One walk up from every <p>: which junk elements wrap most of the text (so are not junk,
    e.g. a "with-sidebar" layout wrapper), which container holds the most paragraph text, and
    the ancestor of that one (at most `_WIDEN_LEVELS` up) holding `_WIDEN_RATIO` times its text,
    if any (landing pages and forums spread their text over sibling boxes)."""
    chains: list[tuple[int, list[Tag]]] = []
    inside: dict[int, int] = {}
    total = 0
    for p in page.paragraphs if paragraphs is None else paragraphs:
        size = measure(p)
        if size < 25:
            continue
        chain = list(_ancestors(p))
        chains.append((size, chain))
        total += size
        for el in chain:
            key = id(el)
            if key in page.junk:
                inside[key] = inside.get(key, 0) + size
    protected = {key for key, size in inside.items() if size >= 0.5 * total}
    junk = page.junk - protected if protected else page.junk
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    held: dict[int, int] = {}
    for size, chain in chains:
        if any(id(el) in junk or el.name in _SKIP_TAGS for el in chain):
            continue
        for el, weight in zip(chain[:2], (1.0, 0.5), strict=False):
            key = id(el)
            nodes[key] = el
            scores[key] = scores.get(key, 0.0) + size * weight
        for el in chain[: _WIDEN_LEVELS + 2]:
            held[id(el)] = held.get(id(el), 0) + size
    if not scores:
        return junk, None, None
    best = nodes[max(scores, key=lambda k: scores[k])]
    wider = best
    for i, el in enumerate(_ancestors(best)):
        if i >= _WIDEN_LEVELS:
            break
        if held.get(id(el), 0) >= _WIDEN_RATIO * held.get(id(best), 0):
            wider = el
            break
    return junk, best, wider


def _ancestors(el: Tag) -> Iterator[Tag]:
    parent = el.parent
    while parent is not None and parent.name not in ("body", "html", "[document]"):
        yield parent
        parent = parent.parent


def _from_article_body(page: _Page, junk: set[int], headline: Tag | None) -> tuple[list[Tag], list[str]]:
    roots = _outermost(page.article_bodies)
    return roots, _blocks_of(roots, junk)


def _from_article(page: _Page, junk: set[int], headline: Tag | None) -> tuple[list[Tag], list[str]]:
    """The <article> around the headline, else the one with the most text (pages list teasers
    as <article>s too, sometimes with more text than the article itself)."""
    best: tuple[list[Tag], list[str]] = ([], [])
    for el in page.articles[:30]:
        if id(el) in junk:
            continue
        blocks = _blocks(el, junk)
        if _holds([el], headline) and _size(blocks) >= _MIN_BODY_CHARS:
            return [el], blocks
        if _size(blocks) > _size(best[1]):
            best = ([el], blocks)
    run = _article_run(page.dense, junk)
    if run:
        return run, _blocks_of(run, junk)
    return best


def _article_run(dense: Tag | None, junk: set[int]) -> list[Tag]:
    """The <article>s that are sections of one page ("content elements" side by side, the same
    class), when the densest text is in one of them: all of them, in order."""
    if dense is None:
        return []
    holder = (
        dense if dense.name == "article" else next((a for a in dense.parents if a.name == "article"), None)
    )
    if holder is None or holder.parent is None or id(holder) in junk:
        return []
    first = (holder.get("class") or [""])[0]
    run = [
        a
        for a in holder.parent.find_all("article", recursive=False)
        if (a.get("class") or [""])[0] == first and id(a) not in junk
    ]
    if len(run) < 2 or any(a.find("h1") is not None for a in run):
        return []  # several whole articles (an endless-scroll page), each with its headline
    return run


def _from_body_class(page: _Page, junk: set[int], headline: Tag | None) -> tuple[list[Tag], list[str]]:
    """All elements sharing the article-body-like class with the most text (some pages split
    the body into several such blocks around ads)."""
    groups: dict[str, list[Tag]] = {}
    for key, el in page.body_classed:
        if id(el) not in junk:
            groups.setdefault(key.replace("_", "-"), []).append(el)
    best: tuple[list[Tag], list[str]] = ([], [])
    for els in groups.values():
        roots = _outermost(els)
        blocks = _blocks_of(roots, junk)
        if _size(blocks) > _size(best[1]):
            best = (roots, blocks)
    return best


def _outermost(els: list[Tag]) -> list[Tag]:
    """Drop elements nested inside another element of the list."""
    chosen = {id(e) for e in els}
    out = []
    for el in els:
        if not any(id(parent) in chosen for parent in el.parents):
            out.append(el)
    return out


def _blocks_of(els: list[Tag], junk: set[int]) -> list[str]:
    blocks: list[str] = []
    for el in els:
        blocks.extend(_blocks(el, junk))
    return blocks


_FLUSH = object()
_FLUSH_HEADING = object()
_FLUSH_ITEM = object()
_LINK_END = object()
_ITEM_TAGS = frozenset({"li", "dt", "dd", "td", "th"})


class _ListItem(str):
    """A block that was a list item or a table cell: short ones are content (facts, dates), not
    labels, even at the end of the body."""

    __slots__ = ()


def _blocks(root: Tag, junk: set[int]) -> list[str]:
    """The text blocks (paragraphs, headings, list items) under `root`, boilerplate left out."""
    out: list[str] = []
    is_heading: list[bool] = []
    buf: list[str] = []
    link_chars = 0
    link_depth = 0
    stack: list[Any] = list(reversed(root.contents))

    def flush(heading: bool = False, item: bool = False) -> None:
        nonlocal link_chars
        text = clean_inline(_INVISIBLE.sub("", "".join(buf)))
        if text and _keep_block(text, link_chars):
            out.append(_ListItem(text) if item else text)
            is_heading.append(heading)
        buf.clear()
        link_chars = 0

    while stack:
        node = stack.pop()
        if node is _FLUSH:
            flush()
        elif node is _FLUSH_HEADING:
            flush(heading=True)
        elif node is _FLUSH_ITEM:
            flush(item=True)
        elif node is _LINK_END:
            link_depth -= 1
        elif isinstance(node, NavigableString):
            if type(node) is NavigableString:
                buf.append(node)
                if link_depth:
                    link_chars += len(node.strip())
        elif isinstance(node, Tag) and node.name not in _SKIP_TAGS and id(node) not in junk:
            if node.name in _BLOCK_TAGS:
                flush()
                stack.append(_block_end(node.name))
            elif node.name == "a":
                link_depth += 1
                stack.append(_LINK_END)
            stack.extend(reversed(node.contents))
    flush()
    while is_heading and is_heading[-1]:  # "More on this topic", "About the author": nothing follows
        out.pop()
        is_heading.pop()
    return out


def _block_end(name: str) -> object:
    """The marker that closes a block element: headings and list items are told apart."""
    if name in _HEADINGS:
        return _FLUSH_HEADING
    return _FLUSH_ITEM if name in _ITEM_TAGS else _FLUSH


def _is_junk_element(attrs: dict[str, Any], names: str) -> bool:
    """Boilerplate by its attributes: hidden, a navigation-like role, or a class/id like "share"."""
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if str(attrs.get("role", "")).lower() in _JUNK_ROLES:
        return True
    label = attrs.get("aria-label")
    if label and "href" not in attrs and _JUNK_LABEL.search(str(label)):
        return True  # a box labelled for screen readers as furniture (a link's label names its target)
    style = attrs.get("style")
    if style and "display:none" in str(style).replace(" ", "").lower():
        return True
    return bool(names) and _class_kind(names)[2]


def _keep_block(text: str, link_chars: int) -> bool:
    """False for link lists, "Advertisement", "Read more ..." and similar furniture."""
    size = len(text)
    if link_chars and link_chars >= 0.6 * size:
        return False
    if not _WORD.search(text):
        return False  # "×", ">", "* * *": close buttons, arrows and rules, no words
    if size < 50 and _DATE_SHAPE.search(text) and len(text.split()) <= 6:
        return False  # a dateline such as "July 16, 2022" or "Updated 02.11.2021"
    if size < _MAX_LABEL and _FURNITURE_LABEL.match(text) and not text.endswith((".", "!", "?")):
        return False
    if _is_menu_line(text):
        return False
    if size < _MAX_CREDIT and _CREDIT.search(text):
        return False
    return not (size < 100 and _BOILERPLATE.match(text))


def _is_menu_line(text: str) -> bool:
    """True for a line of three or more short items between separators, none of them a sentence."""
    if not any(mark in text for mark in _MENU_MARKS):
        return False
    items = _MENU_SEPARATOR.split(text)
    return len(items) >= 3 and all(
        item and len(item.split()) <= _MAX_MENU_ITEM_WORDS and not _SENTENCE_END.search(item)
        for item in items
    )


def _soup(markup: str) -> BeautifulSoup:
    """The lxml tree of `markup`, without bs4's advice on stderr: a feed or an XHTML page saved as
    .html is read as HTML on purpose, and a body that looks like a URL is still a body."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, "lxml")


def fragment_text(fragment: str) -> str:
    """The paragraphs of an HTML fragment (feeds and scrapers often put markup in a body field).

    Inline markup (``<em>``, ``<a>``, ``<b>``) joins its text to its neighbours as written; block
    elements and ``<br>`` separate.
    """
    soup = _soup(fragment)
    for junk in soup(["script", "style", "noscript"]):
        junk.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = soup.find_all(_FRAGMENT_BLOCKS)
    # The blocks holding no block: those that are no block's nearest block ancestor (one step up
    # for each, where asking each block for a block inside it costs a walk of its whole subtree).
    holders = {id(_block_above(b)) for b in blocks}
    leaves = [b for b in blocks if id(b) not in holders]
    texts = [clean_inline(b.get_text()) for b in leaves] if leaves else [clean_inline(soup.get_text())]
    return "\n\n".join(t for t in texts if t)


_FRAGMENT_BLOCKS = ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td"]
_FRAGMENT_BLOCK_NAMES = frozenset(_FRAGMENT_BLOCKS)


def _block_above(tag: Tag) -> Tag | None:
    parent = tag.parent
    while parent is not None and parent.name not in _FRAGMENT_BLOCK_NAMES:
        parent = parent.parent
    return parent
