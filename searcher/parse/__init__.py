"""Files -> Articles. Picks the reader by suffix (or by sniffing the content) and gives every
article its stable id.

Ids: the record's own id, else the page's canonical URL, else the file's path relative to the
root being read (with ``#N`` for the N-th record of a multi-record file).
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from ..article import Article
from ..errors import ParseError
from ..reports import file_kind, with_article
from .encoding import decode_bytes, decode_html, detect_encoding, looks_binary, utf16_without_bom
from .html import parse_html
from .inputfiles import (
    CappedGunzip,
    ExpansionLimitError,
    display_path,
    file_problem,
    numbered_lines,
    open_regular,
)
from .quotes import find_quotes
from .records import parse_record, records_in
from .text import parse_text

__all__ = [
    "FILES_TOGETHER",
    "FORMATS",
    "MAX_DOCUMENT_BYTES",
    "add_quotes",
    "article_files",
    "parse_html",
    "parse_path",
    "parse_record",
    "parse_text",
    "read_file",
]

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".pdf": "pdf",  # with the documents extra (documents.py)
    ".docx": "docx",
}
_DOCUMENTS = {"pdf": b"%PDF-", "docx": b"PK\x03\x04"}  # what each one's bytes begin with
_READ_SUFFIXES = ".html, .txt, .json, .jsonl, .pdf and .docx files (gzipped or not)"
# A single article larger than this is not an article (a dump, a log, a disk image).
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
# A record file is read line by line; only a single line is held in memory, and a longer one is
# dropped as it is read.
MAX_RECORD_BYTES = 32 * 1024 * 1024
# Problems listed one by one for a record file; the rest are counted in one more.
MAX_PROBLEMS_LISTED = 20
# A record file whose first lines are this many lines that are not JSON records is not one.
MAX_LEADING_JUNK = 20
_GZIP_MAGIC = b"\x1f\x8b"

ErrorHandler = Callable[[ParseError], None]


def format_of(path: Path) -> str | None:
    """The reader for a file name, looking through a ``.gz`` suffix: ``a.html.gz`` -> "html"."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return FORMATS.get(os.path.splitext(name)[1])


def unread_kind(path: Path) -> str | None:
    """What a file is ("PDF", "image") when it is a document no reader here understands (a
    folder walk names each one it skips; one named on the command line is refused by its suffix,
    whatever its first bytes); None for the formats read and for files nobody would take for an
    article (notes, styles, scripts)."""
    return None if format_of(path) else file_kind(str(path))


def unread_problem(path: Path) -> ParseError:
    kind = unread_kind(path) or "file"
    return ParseError(display_path(str(path)), f"{with_article(kind)}; searcher reads {_READ_SUFFIXES}")


def article_files(root: Path, on_skip: ErrorHandler | None = None) -> Iterator[Path]:
    """Regular files under `root` that a reader understands, in a stable order; hidden entries
    skipped. `root` itself may be a file. Symlinks to files and folders are followed, each folder
    walked once however many links lead to it. A FIFO, device or
    socket, a symlink loop or one to nothing, or a name that is not UTF-8 is never opened: it is
    passed to `on_skip`, as is a folder that cannot be listed, and a document no reader
    understands (a spreadsheet, an image: `unread_kind`); other files (notes, styles,
    scripts) are passed over in silence."""
    if not root.is_dir():
        if _regular(root, on_skip):
            yield root
        return

    def unlistable(error: OSError) -> None:
        if on_skip is not None:
            where = display_path(str(error.filename or root))
            on_skip(ParseError(where, f"cannot list the folder: {error.strerror or error}"))

    seen: set[tuple[int, int]] = set()

    def first_visit(folder: str) -> bool:
        """Folders linked into the tree are walked too, each once: a link back up is no loop."""
        try:
            info = os.stat(folder)
        except OSError:
            return False
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return False
        seen.add(key)
        return True

    first_visit(str(root))
    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable, followlinks=True):
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and first_visit(os.path.join(dirpath, d))
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            file = Path(dirpath) / name
            if format_of(file):
                if _regular(file, on_skip):
                    yield file
            elif unread_kind(file) and on_skip is not None:
                on_skip(unread_problem(file))


def _regular(file: Path, on_skip: ErrorHandler | None) -> bool:
    problem = file_problem(str(file))
    if problem is not None and on_skip is not None:
        on_skip(ParseError(display_path(str(file)), problem))
    return problem is None


def parse_path(
    path: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Article]:
    """Every article in a file, or in every readable file under a folder (recursively).

    Ids fall back to paths relative to `root` (default: the folder itself, or a file's folder).
    A file or record that cannot be read raises `ParseError`, unless `on_error` is given: then it
    is passed there and reading goes on with the next one. Files are read `FILES_TOGETHER` at a
    time and their quotes then found in one pass, which is faster (see `add_quotes`); articles,
    problems and errors still come in file order.
    """
    start = Path(path)
    if not start.exists():
        raise ParseError(str(start), "no such file or folder")
    base = Path(root) if root is not None else (start if start.is_dir() else start.parent)
    skipped: list[ParseError] = []
    for chunk in _chunks(article_files(start, skipped.append), FILES_TOGETHER):
        _report(skipped, on_error)
        # Each file's articles with their quotes, or what went wrong with it, in file order.
        read: list[tuple[list[Article], list[ParseError]] | Exception] = []
        for file in chunk:
            try:
                read.append(read_file(file, base, with_quotes=False))
            except ParseError as error:
                read.append(error)
        for i, outcome in enumerate(read):
            if not isinstance(outcome, Exception):
                try:
                    add_quotes(outcome[0])
                except Exception as error:  # a finder bug: raised in its file's turn
                    read[i] = error
        for outcome in read:
            if isinstance(outcome, ParseError) and on_error is not None:
                on_error(outcome)
                continue
            if isinstance(outcome, Exception):
                raise outcome
            articles, problems = outcome
            _report(problems, on_error)
            yield from articles
    _report(skipped, on_error)


def _report(problems: list[ParseError], on_error: ErrorHandler | None) -> None:
    """Hand each problem to `on_error` (raise the first without one), emptying the list."""
    while problems:
        problem = problems.pop(0)
        if on_error is None:
            raise problem
        on_error(problem)


# Files read together, their quotes then found in one pass (see `add_quotes`).
FILES_TOGETHER = 32


def _chunks(files: Iterator[Path], size: int) -> Iterator[list[Path]]:
    chunk: list[Path] = []
    for file in files:
        chunk.append(file)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def add_quotes(articles: list[Article]) -> None:
    """Find the quotes of articles read with `with_quotes=False`, in place, before they are handed on.

    Finding them for many articles in a row, rather than each as its article is parsed, keeps the
    quote finder's code and tables in the processor's caches: it then costs a sixth to a fifth
    less (`scripts/eval_quotes.py` times both). Raises what the finder raises, for the caller to
    charge to the article's file.
    """
    for article in articles:
        # The article is new and not yet shared: setting its frozen field spares a
        # `dataclasses.replace` (3 µs, as much as a twentieth of finding its quotes).
        object.__setattr__(article, "quotes", find_quotes(article.body, article.language))


def read_file(
    file: Path,
    root: Path,
    *,
    lines: tuple[int, int] | None = None,
    offset: int = 0,
    with_quotes: bool = True,
) -> tuple[list[Article], list[ParseError]]:
    """The articles of one file and the problems with single records in it; of a JSONL file,
    optionally only those on lines `lines` (from 1, end excluded), the first of which starts at
    byte `offset` of an uncompressed file. `with_quotes=False` leaves their quotes to `add_quotes`.

    Raises `ParseError` when the file as a whole cannot be read.
    """
    where = display_path(str(file))
    kind = format_of(file)
    if kind is None and unread_kind(file):
        raise unread_problem(file)
    relative = _relative(file, root)
    try:
        if kind == "jsonl":
            return _read_jsonl(file, relative, lines, offset, with_quotes)
        data = _read_document(file)
    except OSError as error:
        raise ParseError(where, f"cannot read: {error.strerror or error}") from None
    if kind in _DOCUMENTS:
        return _read_document_file(kind, data, file, relative, with_quotes)
    if kind is None:
        kind = _sniff(data)
    if looks_binary(data):
        raise ParseError(where, "binary data, not an article")
    if b"\x00" in data and not utf16_without_bom(data):
        data = data.replace(b"\x00", b"")  # stray NULs (see `looks_binary`)
    try:
        if kind == "json":
            return _read_json(data, where, relative, with_quotes)
        if kind == "html":
            articles = [parse_html(data, with_quotes=with_quotes)]
        else:
            articles = [parse_text(decode_bytes(data), with_quotes=with_quotes)]
    except RecursionError:
        raise ParseError(where, "nested too deeply to parse") from None
    found = [_finish(a, file, relative) for a in articles if _has_text(a)]
    if not found:
        raise ParseError(where, "no article text found")
    return found, []


def _read_document_file(
    kind: str, data: bytes, file: Path, relative: str, with_quotes: bool
) -> tuple[list[Article], list[ParseError]]:
    """A PDF or Word file, through the documents extra's libraries."""
    from .documents import EXTRA, MissingLibraryError, read_docx, read_pdf

    where = display_path(str(file))
    name = with_article(file_kind(str(file)) or kind)
    if _DOCUMENTS[kind] not in data[:1024]:
        raise ParseError(where, f"not {name} (its bytes are not one)")
    try:
        article = (
            read_pdf(data, with_quotes=with_quotes)
            if kind == "pdf"
            else read_docx(data, with_quotes=with_quotes)
        )
    except MissingLibraryError:
        raise ParseError(where, f"{name}; reading it needs `{EXTRA}`") from None
    except RecursionError:
        raise ParseError(where, f"{name} nested too deeply to read") from None
    except Exception as error:  # a damaged or hostile file: the library's own exception
        detail = " ".join(str(error).split())[:160]  # one line, however the library words it
        raise ParseError(where, f"{name} that could not be read ({type(error).__name__}: {detail})") from None
    if not _has_text(article):
        raise ParseError(where, f"{name} without text (a scan needs OCR first)")
    return [_finish(article, file, relative)], []


def _read_document(file: Path) -> bytes:
    """The file's bytes, gunzipped when compressed, refusing anything too large to be an article."""
    with open_regular(file) as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    if data[:2] == _GZIP_MAGIC:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as inner:
                data = inner.read(MAX_DOCUMENT_BYTES + 1)
        except (OSError, EOFError, zlib.error) as error:
            raise ParseError(display_path(str(file)), f"not a readable gzip file ({error})") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ParseError(
            display_path(str(file)), f"larger than {MAX_DOCUMENT_BYTES // 2**20} MiB, not an article"
        )
    return data


class _RecordFile:
    """What reading one record file (or a part of one) found: articles, and problems with single
    records, the first `MAX_PROBLEMS_LISTED` listed and the rest counted."""

    def __init__(self, file: Path, relative: str, with_quotes: bool) -> None:
        self.file = file
        self.where = display_path(str(file))
        self.relative = relative
        self.with_quotes = with_quotes
        self.articles: list[Article] = []
        self.problems: list[ParseError] = []
        self.unlisted: list[int] = []  # line numbers of problems not listed
        self.leading_junk = 0  # lines that are not JSON records, before the first article

    def problem(self, number: int, reason: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_LISTED:
            self.problems.append(ParseError(f"{self.where}:{number}", reason))
        else:
            self.unlisted.append(number)

    def add_line(self, number: int, line: bytes, encoding: str | None) -> None:
        """The records of one line, or why there are none."""
        try:
            document = json.loads(decode_bytes(line, encoding))
        except ValueError as error:
            self.leading_junk += not self.articles
            self.problem(number, f"not JSON ({error.args[0].split(':')[0]})")
            return
        except RecursionError:
            self.problem(number, "nested too deeply to read")
            return
        records = records_in(document)
        if not records:
            self.leading_junk += not self.articles
            self.problem(number, f"not an article record (a JSON {_json_type(document)})")
        for record in records:
            try:
                article = parse_record(record, with_quotes=self.with_quotes)
            except Exception as error:  # an odd value must cost its record, not the file
                self.problem(number, f"record could not be read ({type(error).__name__}: {error})")
                continue
            if _has_text(article):
                self.articles.append(_finish(article, self.file, f"{self.relative}#{number}"))
            else:
                self.problem(number, "record has no title or text")

    def finish(self) -> tuple[list[Article], list[ParseError]]:
        if self.unlisted:
            first, last = self.unlisted[0], self.unlisted[-1]
            self.problems.append(
                ParseError(self.where, f"{len(self.unlisted)} more bad records (lines {first}-{last})")
            )
        return self.articles, self.problems


def _read_jsonl(
    file: Path, relative: str, lines: tuple[int, int] | None, offset: int, with_quotes: bool
) -> tuple[list[Article], list[ParseError]]:
    first, end = lines or (1, None)
    found = _RecordFile(file, relative, with_quotes)
    encoding: str | None = None  # guessed once, at the first line that is not UTF-8
    with open_regular(file) as raw:
        gzipped = raw.read(2) == _GZIP_MAGIC
        raw.seek(0)
        handle = CappedGunzip(raw, os.fstat(raw.fileno()).st_size) if gzipped else raw
        start = 1
        if not gzipped and offset:
            raw.seek(offset)
            start = first
        check = partial(_check_head, where=found.where) if start == 1 else None
        try:
            for number, line in numbered_lines(handle, MAX_RECORD_BYTES, start, check):
                if number < first:
                    continue
                if end is not None and number >= end:
                    break
                if line is None:
                    found.problem(number, f"record larger than {MAX_RECORD_BYTES // 2**20} MiB")
                    continue
                if encoding is None and not _is_utf8(line):
                    encoding = detect_encoding(line)
                found.add_line(number, line, encoding)
                if start == 1 and found.leading_junk >= MAX_LEADING_JUNK:
                    raise ParseError(
                        found.where,
                        f"not JSON Lines: its first {MAX_LEADING_JUNK} lines are not article records",
                    )
        except (OSError, EOFError, zlib.error, ExpansionLimitError) as error:
            found.problems.append(ParseError(found.where, f"stopped reading: {error}"))
    articles, problems = found.finish()
    if not articles and not problems and lines is None:
        raise ParseError(found.where, "no records")
    return articles, problems


def _check_head(head: bytes, where: str) -> None:
    """Refuse a record file whose first bytes are binary data: one problem, not one a line."""
    if utf16_without_bom(head):
        raise ParseError(
            where, "UTF-16 without a byte-order mark; JSON Lines are read in UTF-8 or a byte charset"
        )
    if looks_binary(head):
        raise ParseError(where, "binary data, not JSON Lines")


def _json_type(value: object) -> str:
    return {list: "list", str: "string", bool: "boolean", type(None): "null"}.get(type(value), "number")


def _read_json(
    data: bytes, where: str, relative: str, with_quotes: bool
) -> tuple[list[Article], list[ParseError]]:
    try:
        document = json.loads(decode_bytes(data))
    except ValueError as error:
        raise ParseError(where, f"not JSON ({error.args[0].split(':')[0]})") from None
    records = records_in(document)
    if not records:
        raise ParseError(where, "no article records in this JSON")
    path = Path(where)
    several = len(records) > 1
    articles, problems = [], []
    for number, record in enumerate(records, 1):
        try:
            article = parse_record(record, with_quotes=with_quotes)
        except Exception as error:  # an odd value must cost its record, not the file
            reason = f"record could not be read ({type(error).__name__}: {error})"
            problems.append(ParseError(f"{where}#{number}", reason))
            continue
        if not _has_text(article):
            problems.append(ParseError(f"{where}#{number}", "record has no title or text"))
            continue
        articles.append(_finish(article, path, f"{relative}#{number}" if several else relative))
    return articles, problems


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _finish(article: Article, file: Path, fallback_id: str) -> Article:
    return dataclasses.replace(article, id=article.id or fallback_id, path=str(file))


def _has_text(article: Article) -> bool:
    return bool(article.title.strip() or article.body.strip())


def _relative(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.name


def _sniff(data: bytes) -> str:
    """The reader for a file whose name does not say: markup, JSON, or plain text."""
    head = decode_html(data[:2048]).lstrip().lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<head", "<body", "<article", "<meta")):
        return "html"
    if head.startswith(("{", "[")):
        return "json"
    return "text"
