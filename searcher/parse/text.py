"""Plain-text articles -> Article.

The shape, as saved by browsers' "save as text", reading-list exporters and corpus tools:

    Headline - Publisher            <- title line; " - Publisher" is the source when the
                                       headline is repeated below without it
    Headline                        <- optional repeat
    Dek / standfirst                <- first paragraph
    By Jane Doe and John Roe        <- optional byline line(s)
    Published Thursday, Nov. 9, 2017  <- optional date line, possibly in parentheses
        Indented or flush paragraphs, separated by blank lines, possibly hard-wrapped.

The corpus tools' header form (``-- Headline`` / ``-- By Name`` / ``-- date`` / ``-- url``) is read too.
"""

from __future__ import annotations

import re

from ..article import Article
from .bylines import clean_byline
from .dates import parse_date
from .language import article_language
from .normalize import clean_inline
from .quotes import find_quotes

_SOURCE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?:-|–|—|\|)\s+(?P<source>[^-–—|]{2,60})$")
_DATE_LINE = re.compile(
    r"^\(?\s*(?:published|updated|posted|last updated|first published|date|dateline)\b[\s:,]*(?P<date>.+?)\)?$",
    re.I,
)
_BY_LINE = re.compile(r"^\(?\s*(?:by|written by|words by|von)\s+(?P<names>[^\W\d_].{1,150}?)\)?$", re.I)
_HEADER_LINE = re.compile(r"^--\s?(.*)$")
_URL = re.compile(r"^https?://\S+$")
_MAX_META_WORDS = 14
_WRAP_WIDTH = 120  # lines longer than this were not hard-wrapped
_META_BLOCKS = 8  # byline/date lines are looked for only among the first blocks


def parse_text(text: str, *, with_quotes: bool = True) -> Article:
    """Read one plain-text article. Never raises: odd text gives an Article with fewer fields.

    `with_quotes=False` leaves `quotes` empty, for a caller that finds them for many articles at
    once (`searcher.parse.add_quotes`).
    """
    blocks = _blocks(text)
    if not blocks:
        return Article(id="")
    if _HEADER_LINE.match(blocks[0][0]) and len(blocks[0]) >= 2:
        return _parse_header_form(blocks, with_quotes)

    title_line = clean_inline(" ".join(blocks.pop(0)))
    title, source = title_line, None
    m = _SOURCE_SUFFIX.match(title_line)
    if m and blocks and clean_inline(" ".join(blocks[0])) == m.group("head"):
        title, source = m.group("head"), m.group("source").strip()
        blocks.pop(0)
    elif blocks and clean_inline(" ".join(blocks[0])) == title_line:
        blocks.pop(0)  # headline repeated as is

    date = None
    byline: list[str] = []
    paragraphs: list[str] = []
    for n, block in enumerate(blocks):
        kept: list[str] = []
        for line in block:
            found = _meta_line(line, allow_byline=n < _META_BLOCKS and not byline)
            if found is None:
                kept.append(line)
            elif found[0] == "date":
                date = date or found[1]
            else:
                byline = found[1]
        paragraphs.extend(_paragraphs(kept))
    body = "\n\n".join(paragraphs)
    language = article_language(title, body)
    return Article(
        id="",
        title=title,
        body=body,
        date=date,
        byline=byline,
        source=source,
        quotes=find_quotes(body, language) if with_quotes else [],
        language=language,
    )


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines (right-stripped, indentation kept) between blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _meta_line(line: str, *, allow_byline: bool) -> tuple[str, object] | None:
    """("date", value) or ("byline", names) when the line is metadata, not prose."""
    stripped = clean_inline(line)
    if len(stripped.split()) > _MAX_META_WORDS:
        return None
    m = _DATE_LINE.match(stripped)
    if m:
        value = parse_date(m.group("date"))
        if value is not None:
            return "date", value
    if allow_byline:
        m = _BY_LINE.match(stripped)
        # "By the way, ..." is prose: a byline line is short or does not end like a sentence.
        if m and (len(stripped.split()) <= 6 or not stripped.endswith((".", "?", "!"))):
            names = clean_byline(m.group("names"))
            if names:
                return "byline", names
    if len(stripped) <= 40 and any(ch.isdigit() for ch in stripped):
        value = parse_date(stripped)
        if value is not None and _is_only_date(stripped):
            return "date", value
    return None


def _is_only_date(line: str) -> bool:
    """A line that is a date and nothing else ("9 November 2017, 14:05"), not prose with a date."""
    return not re.search(r"[.!?]\s*$", line) and len(line.split()) <= 7


def _paragraphs(lines: list[str]) -> list[str]:
    """Split a block of lines into paragraphs.

    Long lines are unwrapped text: each line is a paragraph. Short lines are hard-wrapped text:
    they join, and a line indented deeper than the block's shallowest line starts a paragraph.
    """
    if not lines:
        return []
    if max(len(line) for line in lines) > _WRAP_WIDTH:
        chunks = [[line] for line in lines]
    else:
        margin = min(_indent(line) for line in lines)
        chunks = []
        for line in lines:
            if not chunks or _indent(line) > margin:
                chunks.append([line])
            else:
                chunks[-1].append(line)
    return [p for p in (clean_inline(" ".join(chunk)) for chunk in chunks) if p]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _parse_header_form(blocks: list[list[str]], with_quotes: bool) -> Article:
    """``-- Headline`` / ``-- By Name`` / ``-- date`` / ``-- url`` header, then the story."""
    header = blocks[0]
    fields = []
    rest: list[str] = []
    for line in header:
        m = _HEADER_LINE.match(line)
        if m and not rest:
            fields.append(clean_inline(m.group(1)))
        else:
            rest.append(line)
    title = fields[0] if fields else ""
    byline: list[str] = []
    date = None
    url = None
    for value in fields[1:]:
        if _URL.match(value):
            url = value
        elif re.match(r"(?i)^by\b", value):
            byline = clean_byline(value)
        elif value and date is None:
            date = parse_date(value)
    paragraphs = _paragraphs(rest) if rest else []
    for block in blocks[1:]:
        paragraphs.extend(_paragraphs(block))
    body = "\n\n".join(paragraphs)
    language = article_language(title, body)
    return Article(
        id=url or "",
        title=title,
        body=body,
        date=date,
        byline=byline,
        url=url,
        quotes=find_quotes(body, language) if with_quotes else [],
        language=language,
    )
