"""The article's own text: the container that holds it, without boilerplate, furniture and
repeated copies; and the text of HTML fragments in records."""

from __future__ import annotations

import html as html_lib
from collections.abc import Iterator
from typing import Any

from bs4 import NavigableString, Tag

from ..normalize import clean_inline
from .page import PageSignals, ld_articles, ld_text, parse_soup
from .titles import find_headline
from .vocabulary import (
    APPEAL,
    APPEAL_REACH,
    BLOCK_TAGS,
    BOILERPLATE,
    BY_LINE,
    CREDIT,
    DATE_SHAPE,
    FURNITURE_LABEL,
    HEADINGS,
    INVISIBLE,
    LEAD_CLASS,
    LEAD_SEARCH,
    MAX_APPEAL,
    MAX_CREDIT,
    MAX_LABEL,
    MAX_MENU_ITEM_WORDS,
    MAX_OPENING_LABELS,
    MAX_TRAILING_LABEL,
    MAX_TRAILING_LABELS,
    MENU_MARKS,
    MENU_SEPARATOR,
    MIN_BEFORE_DESCRIPTION,
    MIN_BEFORE_LOOSE_TEXT,
    MIN_BODY_CHARS,
    MIN_DESCRIPTION,
    MIN_REPEAT,
    SENTENCE_END,
    SKIP_TAGS,
    STRUCTURAL_TAGS,
    WIDEN_LEVELS,
    WIDEN_RATIO,
    WORD,
)

# ------------------------------------------------------------------ body


def find_body_blocks(page: PageSignals, headline: Tag | None) -> list[str]:
    """The article's text blocks, without the labels that open or close it."""
    return _without_closing_appeals(_without_edge_labels(_chosen_blocks(page, headline)))


def _without_closing_appeals(blocks: list[str]) -> list[str]:
    """Drop the appeals that close many articles ("Sign up for our newsletter", "Follow us on
    Twitter", "Submit a letter to the editor", "would you consider supporting our work?"): the
    site speaking to its readers, not the article. Only short blocks among the last few."""
    last = max(1, len(blocks) - APPEAL_REACH)
    return blocks[:last] + [b for b in blocks[last:] if len(b) >= MAX_APPEAL or not APPEAL.search(b)]


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
    if len(blocks) - end <= MAX_TRAILING_LABELS:
        blocks = blocks[:end]
    start = 0
    while start < len(blocks) - 1 and _is_opening_label(blocks[start]):
        start += 1
    return blocks[start:] if start <= MAX_OPENING_LABELS else blocks


def _is_opening_label(block: str) -> bool:
    return _is_label(block) and not BY_LINE.match(block) and not block.endswith((",", "-", "–", "—"))


def _is_label(block: str) -> bool:
    return (
        len(block) < MAX_TRAILING_LABEL
        and not isinstance(block, _ListItem)
        and not SENTENCE_END.search(block)
    )


def _chosen_blocks(page: PageSignals, headline: Tag | None) -> list[str]:
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
        if size < MIN_BODY_CHARS:
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


def _or_loose_text(page: PageSignals, blocks: list[str]) -> list[str]:
    """When the paragraphs give little text, the container densest in text written straight into
    <div>s, cells and list items (recipes, forums, <br>-separated layouts), if it gives more."""
    if _size(blocks) >= MIN_BEFORE_LOOSE_TEXT:
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


def without_repeats(blocks: list[str]) -> list[str]:
    """Each paragraph-length block once: pages repeat the article for another layout (two
    articleBody copies, an AMP or print version). Short blocks may recur in the text itself
    (table cells, an interviewer's question), so they stay."""
    seen: set[str] = set()
    out = []
    for block in blocks:
        if len(block) < MIN_REPEAT:
            out.append(block)
        elif block not in seen:
            seen.add(block)
            out.append(block)
    return out


def with_lead(blocks: list[str], page: PageSignals, title: str) -> list[str]:
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


def _described_paragraph(page: PageSignals) -> str | None:
    """A visible <p> that says what the page's description says: the standfirst, printed
    without a "lead" class (often in the page header, outside the body's container)."""
    text = page.meta("og:description", "description", "twitter:description")
    if not text:
        return None
    probe = clean_inline(INVISIBLE.sub("", html_lib.unescape(text)))[:60]
    if len(probe) < 40:
        return None
    for p in page.paragraphs[:LEAD_SEARCH]:
        if id(p) in page.junk:
            continue
        para = clean_inline(INVISIBLE.sub("", p.get_text(" ")))
        if para.startswith(probe) and len(para) <= 800:
            return para
    return None


def _with_description(blocks: list[str], page: PageSignals) -> list[str]:
    """The page's description when the body found is nearly empty: pages that build their text
    with scripts (or hide it behind a login) often state its summary only in their metadata."""
    if _size(blocks) >= MIN_BEFORE_DESCRIPTION:
        return blocks
    text = page.meta("og:description", "description", "twitter:description")
    if not text:
        for obj in ld_articles(page) + page.jsonld:
            text = ld_text(obj.get("description"))
            if text:
                break
    if not text:
        return blocks
    text = clean_inline(INVISIBLE.sub("", html_lib.unescape(text)))
    if len(text) < MIN_DESCRIPTION or any(text[:60] in b for b in blocks):
        return blocks
    return [text, *blocks]


def _lead_text(page: PageSignals, title: str) -> str | None:
    headline = find_headline(page, title)
    if headline is None:
        return None
    scope = headline.parent.parent if headline.parent is not None else None
    if scope is None or scope.name in ("body", "html", "[document]"):
        return None
    for el in scope.find_all(class_=LEAD_CLASS, limit=3):
        if el is headline or in_junk(el, page.junk):
            continue
        text = clean_inline(INVISIBLE.sub("", el.get_text(" ")))
        if 40 <= len(text) <= 800 and text != title and not _is_teaser_box(el, len(text)):
            return text
    return None


def in_junk(el: Tag, junk: set[int]) -> bool:
    """True when `el` or the box right around it (a teaser card) is boilerplate by its class or
    role; a <header> is not, as the standfirst sits in the article's header."""
    return any(
        node is not None and id(node) in junk and node.name not in STRUCTURAL_TAGS for node in (el, el.parent)
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
    page: PageSignals, paragraphs: list[Tag] | None = None, measure: Any = _paragraph_size
) -> tuple[set[int], Tag | None, Tag | None]:
    """One walk up from every <p>: which junk elements wrap most of the text (so are not junk,
    e.g. a "with-sidebar" layout wrapper), which container holds the most paragraph text, and
    the ancestor of that one (at most `WIDEN_LEVELS` up) holding `WIDEN_RATIO` times its text,
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
        if any(id(el) in junk or el.name in SKIP_TAGS for el in chain):
            continue
        for el, weight in zip(chain[:2], (1.0, 0.5), strict=False):
            key = id(el)
            nodes[key] = el
            scores[key] = scores.get(key, 0.0) + size * weight
        for el in chain[: WIDEN_LEVELS + 2]:
            held[id(el)] = held.get(id(el), 0) + size
    if not scores:
        return junk, None, None
    best = nodes[max(scores, key=lambda k: scores[k])]
    wider = best
    for i, el in enumerate(_ancestors(best)):
        if i >= WIDEN_LEVELS:
            break
        if held.get(id(el), 0) >= WIDEN_RATIO * held.get(id(best), 0):
            wider = el
            break
    return junk, best, wider


def _ancestors(el: Tag) -> Iterator[Tag]:
    parent = el.parent
    while parent is not None and parent.name not in ("body", "html", "[document]"):
        yield parent
        parent = parent.parent


def _from_article_body(
    page: PageSignals, junk: set[int], headline: Tag | None
) -> tuple[list[Tag], list[str]]:
    roots = _outermost(page.article_bodies)
    return roots, _blocks_of(roots, junk)


def _from_article(page: PageSignals, junk: set[int], headline: Tag | None) -> tuple[list[Tag], list[str]]:
    """The <article> around the headline, else the one with the most text (pages list teasers
    as <article>s too, sometimes with more text than the article itself)."""
    best: tuple[list[Tag], list[str]] = ([], [])
    for el in page.articles[:30]:
        if id(el) in junk:
            continue
        blocks = _blocks(el, junk)
        if _holds([el], headline) and _size(blocks) >= MIN_BODY_CHARS:
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


def _from_body_class(page: PageSignals, junk: set[int], headline: Tag | None) -> tuple[list[Tag], list[str]]:
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
        text = clean_inline(INVISIBLE.sub("", "".join(buf)))
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
        elif isinstance(node, Tag) and node.name not in SKIP_TAGS and id(node) not in junk:
            if node.name in BLOCK_TAGS:
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
    if name in HEADINGS:
        return _FLUSH_HEADING
    return _FLUSH_ITEM if name in _ITEM_TAGS else _FLUSH


def _keep_block(text: str, link_chars: int) -> bool:
    """False for link lists, "Advertisement", "Read more ..." and similar furniture."""
    size = len(text)
    if link_chars and link_chars >= 0.6 * size:
        return False
    if not WORD.search(text):
        return False  # "×", ">", "* * *": close buttons, arrows and rules, no words
    if size < 50 and DATE_SHAPE.search(text) and len(text.split()) <= 6:
        return False  # a dateline such as "July 16, 2022" or "Updated 02.11.2021"
    if size < MAX_LABEL and FURNITURE_LABEL.match(text) and not text.endswith((".", "!", "?")):
        return False
    if _is_menu_line(text):
        return False
    if size < MAX_CREDIT and CREDIT.search(text):
        return False
    return not (size < 100 and BOILERPLATE.match(text))


def _is_menu_line(text: str) -> bool:
    """True for a line of three or more short items between separators, none of them a sentence."""
    if not any(mark in text for mark in MENU_MARKS):
        return False
    items = MENU_SEPARATOR.split(text)
    return len(items) >= 3 and all(
        item and len(item.split()) <= MAX_MENU_ITEM_WORDS and not SENTENCE_END.search(item) for item in items
    )


def fragment_text(fragment: str) -> str:
    """The paragraphs of an HTML fragment (feeds and scrapers often put markup in a body field).

    Inline markup (``<em>``, ``<a>``, ``<b>``) joins its text to its neighbours as written; block
    elements and ``<br>`` separate.
    """
    soup = parse_soup(fragment)
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
