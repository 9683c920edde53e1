"""PDF files (their text layer) and Word files (.docx) as articles, through pypdf and python-docx.

Both libraries are an optional extra (``pip install 'news-searcher[documents]'``): they cost
about 60 ms of imports each, paid only when such a file is read. A document's text is read as a
plain-text article is (`parse_text`): the first line is the title, "By …" and date lines are
recognised, hard-wrapped lines are joined. What the text leaves empty, the document's own
metadata fills: its title, its author as the byline, its creation date as the date.
A scanned PDF has no text layer: it is refused as having no article text (it needs OCR).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import re
import warnings

from ..article import Article
from .bylines import clean_byline
from .text import parse_text

__all__ = ["MissingLibraryError", "read_docx", "read_pdf"]

MAX_PAGES = 300  # an article is a few pages; a book-length PDF is read this far
EXTRA = "pip install 'news-searcher[documents]'"
# Titles that tools write for the file, not for the article.
_TOOL_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - .*|untitled.*|document\d*|.*\.(?:docx?|pdf|odt|rtf))$", re.I
)
_SENTENCE_END = tuple('.!?:"”’')


# The libraries' log notes on a damaged file ("Ignoring wrong pointing object", "EOF marker not
# found") stay off the terminal: a handler of their own stops Python printing them for want of one,
# while a program that configures logging still receives them.
for _library in ("pypdf", "docx"):
    logging.getLogger(_library).addHandler(logging.NullHandler())


class MissingLibraryError(ImportError):
    """The library that reads this kind of document is not installed."""


def read_pdf(data: bytes, *, with_quotes: bool = True) -> Article:
    """The article in a PDF's text layer; raises `MissingLibraryError` without pypdf and
    `ValueError` for a PDF that cannot be read (encrypted, damaged)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise MissingLibraryError("pypdf") from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf's notes on a damaged file: the reader reports one line
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("an encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
        meta = reader.metadata
    text = "\n\n".join(_pdf_paragraphs(page) for page in pages if page.strip())
    return _article(
        text,
        title=_text(meta.title) if meta else None,
        author=_text(meta.author) if meta else None,
        created=_moment(meta) if meta else None,
        with_quotes=with_quotes,
    )


def read_docx(data: bytes, *, with_quotes: bool = True) -> Article:
    """The article in a Word file; raises `MissingLibraryError` without python-docx and
    `ValueError` for a file that is not a readable .docx."""
    try:
        import docx
    except ImportError:
        raise MissingLibraryError("python-docx") from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = docx.Document(io.BytesIO(data))
    paragraphs = [" ".join(p.text.split()) for p in document.paragraphs]
    properties = document.core_properties
    return _article(
        "\n\n".join(p for p in paragraphs if p),
        title=_text(properties.title),
        author=_text(properties.author),
        created=properties.created,
        with_quotes=with_quotes,
    )


def _article(
    text: str, *, title: str | None, author: str | None, created: dt.datetime | None, with_quotes: bool
) -> Article:
    """`text` read as a plain-text article, its metadata filling the fields the text left empty."""
    if title and not _TOOL_TITLE.match(title) and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    article = parse_text(text, with_quotes=with_quotes)
    if not article.byline and author:
        article = dataclasses.replace(article, byline=clean_byline(author))
    if article.date is None and isinstance(created, dt.datetime):
        article = dataclasses.replace(article, date=created)
    return article


def _pdf_paragraphs(page: str) -> str:
    """A page's lines as paragraphs. A PDF holds lines, not paragraphs: a line that ends a
    sentence short of the page's usual width ends its paragraph, a much shorter line (a heading,
    a byline) stands alone, and a word broken by a hyphen at a line's end is joined again."""
    lines = [line.rstrip() for line in page.splitlines()]
    widths = sorted(len(line) for line in lines if line.strip())
    if not widths:
        return ""
    usual = widths[int(len(widths) * 0.8)]
    out: list[str] = []
    for line in lines:
        if not line.strip():
            out.append("")
            continue
        if out and out[-1].endswith("-") and line[:1].islower():
            out[-1] = out[-1][:-1] + line.strip()
        else:
            out.append(line)
        short = len(line) < 0.85 * usual
        if (short and line.endswith(_SENTENCE_END)) or len(
            line
        ) < 0.6 * usual:  # a paragraph's end, a heading
            out.append("")
    return "\n".join(out)


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _moment(meta) -> dt.datetime | None:
    try:
        return meta.creation_date
    except (ValueError, TypeError):  # a malformed date in the document's information
        return None
