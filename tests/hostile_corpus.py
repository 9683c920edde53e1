"""A folder of hostile input files beside good articles, for tests and torture runs.

`write_hostile_corpus(folder)` writes them and returns a `HostileCorpus`: the ids of the good
articles that must all be indexed, and the bad files, each of which may be reported at most once.
Importing this module writes nothing. Large cases (a 50 MB page, gzip bombs that expand to
gigabytes, a sparse 2 GB file) are written only with ``large=True``; on disk they take about 100 MB.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["HostileCorpus", "write_hostile_corpus"]

_BODY = (
    "The harbour commission met on Tuesday to discuss the ferry timetable. Residents asked for later "
    "sailings in summer, and the commission agreed to study the cost."
)


@dataclass
class HostileCorpus:
    """What was written: ids every reader must index, and the bad files by kind."""

    folder: Path
    good_ids: set[str] = field(default_factory=set)
    bad: dict[str, Path] = field(default_factory=dict)  # kind -> file (or folder, link)
    not_reported: set[str] = field(default_factory=set)  # kinds that are silently passed over

    @property
    def kinds(self) -> int:
        return len(self.bad)

    @property
    def good(self) -> int:
        """How many articles indexing the folder must give, at least."""
        return len(self.good_ids)


def _record(article_id: str, **fields: object) -> dict[str, object]:
    record: dict[str, object] = {"id": article_id, "title": f"Ferry notice {article_id}", "body": _BODY}
    record.update(fields)
    return record


def _line(record: dict[str, object]) -> str:
    return json.dumps(record, allow_nan=True)


def _page(title: str, body: str = _BODY) -> str:
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"


def write_hostile_corpus(folder: str | os.PathLike[str], *, large: bool = False) -> HostileCorpus:
    """Write good articles and at least 30 kinds of bad file into `folder` (created)."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    corpus = HostileCorpus(root)
    _good_files(corpus)
    _bad_records(corpus)
    _bad_files(corpus)
    _special_files(corpus)
    if large:
        _large_files(corpus)
    return corpus


def _good(corpus: HostileCorpus, name: str, data: bytes | str, ids: list[str]) -> Path:
    path = corpus.folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    corpus.good_ids.update(ids)
    return path


def _bad(corpus: HostileCorpus, kind: str, name: str, data: bytes | str) -> Path:
    path = corpus.folder / "bad" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    corpus.bad[kind] = path
    return path


def _good_files(corpus: HostileCorpus) -> None:
    records = [_record(f"good-{n}") for n in range(5)]
    _good(
        corpus, "good/feed.jsonl", "".join(_line(r) + "\n" for r in records), [f"good-{n}" for n in range(5)]
    )
    _good(corpus, "good/page.html", _page("Ferry timetable changes"), ["good/page.html"])
    _good(corpus, "good/story.txt", f"Ferry fares rise\n\n{_BODY}\n", ["good/story.txt"])
    _good(corpus, "good/one.json", json.dumps(_record("good-json")), ["good-json"])
    packed = gzip.compress(("".join(_line(_record(f"good-gz-{n}")) + "\n" for n in range(3))).encode())
    _good(corpus, "good/packed.jsonl.gz", packed, [f"good-gz-{n}" for n in range(3)])


def _bad_records(corpus: HostileCorpus) -> None:
    """JSONL files with one bad record each among good ones: the good ones must all be indexed,
    and the bad one reported once (or kept with the odd field left empty)."""
    kept_with_empty_field = {
        "nan-date": _record("nan-date", date=float("nan")),
        "infinite-date": _record("infinite-date", date=float("inf")),
        "year-zero": _record("year-zero", date="0000-01-01"),
        "year-99999": _record("year-99999", date="99999-12-31"),
        "negative-timestamp": _record("negative-timestamp", date=-(10**12)),
        "huge-timestamp": _record("huge-timestamp", date=10**40),
        "title-dict": _record("title-dict", title={"text": "not a title"}),
        "body-number": _record("body-number", body=12345, title="Numbers only"),
        "author-junk": _record("author-junk", author=[[1, 2], {"name": {"x": 1}}, 5]),
        "deep-html-body": _record("deep-html-body", body="<div>" * 20000 + _BODY + "</div>" * 20000),
    }
    for kind, record in kept_with_empty_field.items():
        before, after = f"{kind}-before", f"{kind}-after"
        text = _line(_record(before)) + "\n" + _line(record) + "\n" + _line(_record(after)) + "\n"
        path = _bad(corpus, kind, f"{kind}.jsonl", text)
        corpus.good_ids.update({before, after, str(record["id"])})
        corpus.not_reported.add(kind)
        del path
    skipped_records = {
        "nested-100000": "[" * 100_000 + "]" * 100_000,
        "huge-integer": '{"id": "huge-integer", "title": "t", "body": "b", "date": 1' + "0" * 5000 + "}",
        "record-is-number": "42",
        "record-is-string": '"just a string"',
        "record-is-number-list": "[1, 2, 3]",
        "not-json-line": "{this is not json",
        "no-text": '{"id": "no-text", "title": "", "body": ""}',
    }
    for kind, line in skipped_records.items():
        before, after = f"{kind}-before", f"{kind}-after"
        text = _line(_record(before)) + "\n" + line + "\n" + _line(_record(after)) + "\n"
        _bad(corpus, kind, f"{kind}.jsonl", text)
        corpus.good_ids.update({before, after})
    dup = (
        _line(_record("dup-id", title="First copy"))
        + "\n"
        + _line(_record("dup-id", title="Second copy"))
        + "\n"
    )
    _bad(corpus, "duplicate-id-in-file", "duplicate.jsonl", dup)
    corpus.good_ids.add("dup-id")
    blank = "\n" * 200_000 + _line(_record("after-blank-lines")) + "\n"
    _bad(corpus, "many-blank-lines", "blank-lines.jsonl", blank)
    corpus.good_ids.add("after-blank-lines")
    corpus.not_reported.add("many-blank-lines")


def _bad_files(corpus: HostileCorpus) -> None:
    """Files that give no article at all: each reported once."""
    junk = bytes(range(256)) * 64
    _bad(corpus, "empty-txt", "empty.txt", b"")
    _bad(corpus, "empty-jsonl", "empty.jsonl", b"")
    _bad(corpus, "empty-gz", "empty.jsonl.gz", b"")
    _bad(corpus, "truncated-gz", "truncated.html.gz", gzip.compress(_page("Cut short").encode() * 20)[:40])
    _bad(corpus, "not-gzip-named-gz", "fake.txt.gz", b"\x1f\x8bthis is not really gzip data at all")
    _bad(corpus, "binary-jsonl", "binary.jsonl", junk)
    _bad(corpus, "binary-txt", "binary.txt", junk)
    _bad(corpus, "binary-html", "binary.html", b"\x89PNG\r\n\x1a\n" + junk)
    _bad(corpus, "pdf-json", "report.json", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n" + junk)
    _bad(corpus, "zeros-jsonl", "zeros.jsonl", bytes(100_000))
    _bad(corpus, "text-lines-jsonl", "csv.jsonl", "".join(f"{n},ferry,notice\n" for n in range(500)))
    _bad(corpus, "deep-json", "deep.json", "[" * 100_000 + "]" * 100_000)
    _bad(corpus, "json-number", "number.json", "3.14")
    _bad(corpus, "json-list-of-numbers", "numbers.json", "[1, 2, 3]")
    _bad(corpus, "tiny-lines-jsonl", "tiny-lines.jsonl", "1\n" * 200_000)
    bomb = _gzip_bomb(128 * 1024 * 1024, b"\n")  # 128 kB on disk
    corpus.good_ids.add("before-bomb")
    _bad(
        corpus,
        "gzip-bomb-jsonl",
        "bomb.jsonl.gz",
        gzip.compress(_line(_record("before-bomb")).encode() + b"\n") + bomb,
    )
    _bad(corpus, "gzip-bomb-html", "bomb.html.gz", _gzip_bomb(64 * 1024 * 1024, b" "))
    # Readable text in charsets that are not UTF-8: indexed, not reported.
    charsets = {
        "latin-1": ("latin-1.txt", "latin-1"),
        "cp1252": ("cp1252.txt", "cp1252"),
        "shift-jis": ("shift-jis.txt", "shift_jis"),
        "utf-16-bom": ("utf-16-bom.txt", "utf-16"),
        "utf-16-le-no-bom": ("utf-16-le.txt", "utf-16-le"),
        "utf-16-be-no-bom": ("utf-16-be.txt", "utf-16-be"),
    }
    for kind, (name, codec) in charsets.items():
        title = {"latin-1": "Fähre nach Köln, Café", "shift_jis": "フェリーの時刻表が変わります"}.get(
            codec, "Fähre nach Köln – “Café” €5"
        )
        path = _bad(corpus, kind, name, f"{title}\n\n{_BODY}\n".encode(codec))
        corpus.good_ids.add(f"bad/{path.name}")
        corpus.not_reported.add(kind)
    stray = f"Stray NUL byte\n\n{_BODY}\x00 The rest of the story.\n".encode()
    corpus.good_ids.add("bad/stray-nul.txt")
    corpus.not_reported.add("stray-nul")
    _bad(corpus, "stray-nul", "stray-nul.txt", stray)
    deep = _page("Deeply nested page", "<div>" * 50_000 + _BODY + "</div>" * 50_000)
    _bad(corpus, "deep-html", "deep.html", deep)
    corpus.good_ids.add("bad/deep.html")
    corpus.not_reported.add("deep-html")


def _gzip_bomb(size: int, byte: bytes) -> bytes:
    """`size` repeated bytes gzipped as members of a megabyte each (about 1 kB each on disk):
    readers take the members one after another as one stream."""
    member = gzip.compress(byte * (1 << 20), compresslevel=9)
    return member * (size >> 20)


def _special_files(corpus: HostileCorpus) -> None:
    """Things in the folder that are not regular files, or cannot be opened."""
    bad = corpus.folder / "bad"
    loop = bad / "loop.txt"
    loop.symlink_to(loop.name)
    corpus.bad["symlink-loop"] = loop
    dangling = bad / "dangling.html"
    dangling.symlink_to("nowhere.html")
    corpus.bad["dangling-symlink"] = dangling
    fifo = bad / "fifo.jsonl"
    os.mkfifo(fifo)
    corpus.bad["fifo"] = fifo
    folder = bad / "folder.jsonl"
    folder.mkdir()
    (folder / "inside.txt").write_text(f"Inside a folder named like a file\n\n{_BODY}\n", encoding="utf-8")
    corpus.good_ids.add("bad/folder.jsonl/inside.txt")
    corpus.bad["folder-named-jsonl"] = folder
    corpus.not_reported.add("folder-named-jsonl")
    unreadable = _bad(corpus, "unreadable", "unreadable.txt", f"Locked away\n\n{_BODY}\n")
    unreadable.chmod(0)
    if os.access(unreadable, os.R_OK):  # root reads it anyway: then it is a good article
        corpus.good_ids.add("bad/unreadable.txt")
        corpus.not_reported.add("unreadable")
    name = os.fsdecode(b"bad/caf\xe9.txt")  # Latin-1 bytes: not UTF-8
    path = corpus.folder / name
    path.write_text(f"An undecodable name\n\n{_BODY}\n", encoding="utf-8")
    corpus.bad["undecodable-name"] = path


def _large_files(corpus: HostileCorpus) -> None:
    page = _page("A fifty megabyte page", "<p>" + "word " * 10_000_000 + "</p>")
    _bad(corpus, "50-mb-page", "huge.html", page)
    _bad(corpus, "gzip-bomb-4gib", "bomb-4gib.jsonl.gz", _gzip_bomb(4 * 1024**3, b"\x00"))
    _bad(corpus, "gzip-bomb-newlines-1gib", "bomb-newlines.jsonl.gz", _gzip_bomb(1024**3, b"\n"))
    sparse = corpus.folder / "bad" / "sparse.jsonl"
    with open(sparse, "wb") as handle:  # 2 GB of zeros that take no disk space
        handle.truncate(2 * 1024**3)
    corpus.bad["sparse-2gb-jsonl"] = sparse
    long_line = corpus.folder / "bad" / "long-line.jsonl"
    with open(long_line, "wb") as handle:  # one 40 MB line between good ones, then sparse zeros
        handle.write((_line(_record("before-long-line")) + "\n").encode())
        handle.write(b'{"id": "long", "body": "' + b"x" * (40 * 1024 * 1024) + b'"}\n')
        handle.write((_line(_record("after-long-line")) + "\n").encode())
    corpus.good_ids.update({"before-long-line", "after-long-line"})
    corpus.bad["line-over-record-limit"] = long_line
