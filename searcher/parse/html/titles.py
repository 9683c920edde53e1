"""The headline: the <h1> that the page's meta titles confirm, without kickers, section labels
or the site's name."""

from __future__ import annotations

import html as html_lib
import re

from bs4 import NavigableString, Tag

from ..normalize import clean_inline
from .page import PageSignals, as_strings, class_and_id, ld_articles, ld_text, ld_types, norm, words_of
from .sources import organisations_of
from .vocabulary import INVISIBLE, TITLE_SEPARATORS

# ------------------------------------------------------------------ title


def find_title(page: PageSignals, source: str | None) -> str:
    metas = _title_candidates(page)
    sections = _section_labels(page)
    h1s = [t for t in (_h1_text(h, metas, sections) for h in page.h1s[:10]) if t]
    sites = [s for s in organisations_of(page, source) if s]
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
            text = clean_inline(INVISIBLE.sub("", _visible_text(child)))
            if text:
                parts.append((child, text))
        elif type(child) is NavigableString:
            text = clean_inline(INVISIBLE.sub("", str(child)))
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
    if "hidden" in el.attrs or _HIDDEN_CLASS.search(class_and_id(el.attrs)):
        return True
    style = el.get("style")
    return bool(style) and "display:none" in str(style).replace(" ", "").lower()


def _metas_name_without(rest: str, text: str, metas: list[str]) -> bool:
    """True when a meta title holds the headline after the leading element but not the <h1>'s
    whole text: the page's own metadata leaves the label out."""
    rest_key, text_key = norm(rest), norm(text)
    if len(rest_key.split()) < 3:
        return False
    keys = [norm(m) for m in metas]
    return any(rest_key in k for k in keys) and not any(text_key in k for k in keys)


def _is_kicker(el: Tag | None, label: str, rest: str, sections: set[str]) -> bool:
    """A short label in an element of its own before the headline: classed as a kicker or
    section, naming the page's section, or set on a line of its own (a block, <small>, <br>)."""
    if el is None or len(label.split()) > _MAX_KICKER_WORDS or len(rest.split()) < 2:
        return False
    if label.endswith((".", "!", "?")) and not label.endswith("..."):
        return False
    if norm(label) in sections:
        return True
    if any(_LABEL_CLASS.search(class_and_id(node.attrs)) for node in [el, *el.find_all(True, limit=3)]):
        return True
    if el.name in ("div", "p", "small", "header") or el.find(["br", "div", "p"]) is not None:
        return True
    following = el.next_sibling
    while isinstance(following, NavigableString) and not following.strip():
        following = following.next_sibling
    return isinstance(following, Tag) and following.name == "br"


def _section_labels(page: PageSignals) -> set[str]:
    """The page's section names as it states them (article:section, JSON-LD articleSection,
    the breadcrumb trail), normalised: a title segment equal to one is a label."""
    found: list[str] = []
    for key in ("article:section", "section", "parsely-section", "og:section"):
        found.extend(page.metas.get(key, ()))
    for obj in page.jsonld:
        found.extend(as_strings(obj.get("articleSection")))
        if "BreadcrumbList" in ld_types(obj):
            items = obj.get("itemListElement")
            trail = items[:-1] if isinstance(items, list) else []  # the last one is the page itself
            for item in trail:
                if isinstance(item, dict):
                    found.append(ld_text(item.get("name")) or ld_text(item.get("item")) or "")
    return {key for key in (norm(f) for f in found) if key and len(key.split()) <= _MAX_KICKER_WORDS}


def _without_section(title: str, sections: set[str]) -> str:
    """ "Opinion | Headline", "Headline - Business": a first or last segment that is the page's
    own section name is a label, not part of the headline."""
    if not sections or not title:
        return title
    segments = [s for s in TITLE_SEPARATORS.split(title) if s.strip()]
    if len(segments) < 2:
        return title
    kept = list(segments)
    if norm(kept[0]) in sections:
        kept = kept[1:]
    if len(kept) > 1 and norm(kept[-1]) in sections:
        kept = kept[:-1]
    if len(kept) == len(segments) or not kept or len(" ".join(kept).split()) < 2:
        return title
    return _rejoin(title, kept)


def _title_candidates(page: PageSignals) -> list[str]:
    found = [ld_text(o.get("headline")) or ld_text(o.get("name")) for o in ld_articles(page)[:3]]
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
        h1_words = words_of(h1)
        if not h1_words:
            continue
        score = max(_containment(h1_words, words_of(m)) for m in metas)
        if score > best_score:
            best, best_score = h1, score
    return best if best_score >= 0.6 else None


def _strip_site(title: str, sites: list[str], others: list[str]) -> str:
    """Cut " | Site", " - Site", "Site: " parts: segments naming the site or absent from other titles."""
    segments = [s for s in TITLE_SEPARATORS.split(title) if s.strip()]
    if len(segments) < 2:
        return title
    site_keys = {norm(s) for s in sites}
    kept = [s for s in segments if not _is_site_segment(s, site_keys)]
    if kept and len(kept) < len(segments):
        return _rejoin(title, kept)
    # No segment names the site: keep the longest, as the headline is usually the longest part.
    longest = max(segments, key=len)
    if len(longest.split()) >= 3 and not any(norm(title) == norm(o) for o in others if o != title):
        return longest.strip()
    return title


def _is_site_segment(segment: str, site_keys: set[str]) -> bool:
    key = norm(segment)
    if not key:
        return True
    return any(key == s or (len(s) > 3 and (key.startswith(s) or s.startswith(key))) for s in site_keys if s)


def _rejoin(title: str, kept: list[str]) -> str:
    """The title from its first to last kept segment, keeping the original separators between."""
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(kept)


def _containment(a: list[str], b: list[str]) -> float:
    """Share of a's words found in b, scaled down when a is much shorter than b."""
    if not a or not b:
        return 0.0
    bset = set(b)
    hit = sum(1 for w in a if w in bset) / len(a)
    return hit * min(1.0, len(a) / max(1, len(b)) * 1.5)


def find_headline(page: PageSignals, title: str) -> Tag | None:
    """The <h1> holding the title: where the article is on the page."""
    if not title:
        return None
    return next((h for h in page.h1s[:10] if title in clean_inline(h.get_text(" "))), None)


def headline_index(page: PageSignals, title: str) -> int:
    """Which <h1> of the page (0 = the first) is the headline."""
    headline = find_headline(page, title)
    return next((i for i, h in enumerate(page.h1s) if h is headline), 0)
