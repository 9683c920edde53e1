"""Saved web pages -> Article: title, date, byline, publisher and the article's body text.

The page is parsed once (BeautifulSoup, lxml tree builder) and walked once to collect every signal
the fields need (metas, JSON-LD, headings, <time>, byline and body candidates); each field then
picks from those signals in order of trust, each field in its own module: `page` (the walk and its
signals), `sources`, `titles`, `pagedates`, `authors`, `bodies`, and `vocabulary` (the words and
limits they share). This package is the only code that imports bs4, so the rest stays importable
without it.

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

from ...article import Article
from ..encoding import decode_html
from ..language import article_language
from ..normalize import join_paragraphs
from ..quotes import find_quotes
from .authors import drop_leading_byline, find_byline
from .bodies import find_body_blocks, fragment_text, with_lead, without_repeats
from .page import collect_signals, parse_soup
from .pagedates import find_date
from .sources import find_source
from .titles import find_headline, find_title

__all__ = ["fragment_text", "parse_html"]


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
    soup = parse_soup(text)
    page = collect_signals(soup)
    page_url = page.canonical or url
    source = find_source(page, page_url)
    title = find_title(page, source)
    body_blocks = with_lead(without_repeats(find_body_blocks(page, find_headline(page, title))), page, title)
    byline = find_byline(page, source, body_blocks)
    body = join_paragraphs(drop_leading_byline(body_blocks, byline))
    language = article_language(title, body, page.language)
    return Article(
        id=page_url or "",
        title=title,
        body=body,
        date=find_date(page, text, page_url, title),
        byline=byline,
        source=source,
        url=page_url,
        path=None,
        quotes=find_quotes(body, language) if with_quotes else [],
        language=language,
    )
