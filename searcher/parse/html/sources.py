"""The publisher's name, from the page's own metadata, in one form."""

from __future__ import annotations

import html as html_lib
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..normalize import clean_inline, names_host, publisher_form, readable_host
from .page import PageSignals, ld_articles, ld_text, ld_types, norm
from .vocabulary import SITE_METAS, TITLE_SEPARATORS

# ------------------------------------------------------------------ source


def find_source(page: PageSignals, url: str | None = None) -> str | None:
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


def _publisher_candidates(page: PageSignals, host: str | None) -> Iterator[str]:
    yield from page.metas.get("og:site_name", ())
    for obj in ld_articles(page):
        name = ld_text(obj.get("publisher"))
        if name:
            yield name
    yield from page.metas.get("application-name", ())
    for obj in page.jsonld:
        name = ld_text(obj.get("name")) or ""
        if any(t in _PUBLISHER_TYPES for t in ld_types(obj)) and names_host(name, host):
            yield name
    segments = [s for s in TITLE_SEPARATORS.split(page.title) if s.strip()]
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
    segments = [s.strip(" -–—|:·•") for s in TITLE_SEPARATORS.split(name) if s.strip(" -–—|:·•")]
    if len(segments) > 1:
        naming = [s for s in segments if names_host(s, host)]
        name = naming[0] if naming else segments[0]
    too_long = len(name.split()) > _MAX_PUBLISHER_WORDS
    if too_long or (len(title) > 15 and norm(title) in norm(name)):
        return None
    return name


def _ld_title(page: PageSignals) -> str:
    """The article's headline as its metadata states it, to tell a page title from a site name."""
    for obj in ld_articles(page)[:1]:
        return ld_text(obj.get("headline")) or ""
    return page.meta("og:title") or ""


def organisations_of(page: PageSignals, source: str | None) -> list[str]:
    """Names that are not people on this page: site, publisher, app name, domain."""
    names = [source or ""]
    for key in SITE_METAS:
        names.extend(page.metas.get(key, ()))
    for obj in ld_articles(page):
        names.append(ld_text(obj.get("publisher")) or "")
    if page.canonical:
        host = urlsplit(page.canonical).hostname or ""
        parts = host.removeprefix("www.").split(".")
        if parts:
            names.extend([parts[0], host.removeprefix("www.")])
    return [clean_inline(n.lstrip("@")) for n in names if n and n.strip()]
