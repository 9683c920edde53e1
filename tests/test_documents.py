"""PDF and Word files as articles (the documents extra), made by the tests themselves; and without
the extra, one clear reason per file."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searcher import Index, ParseError, parse_path
from searcher.parse.documents import read_pdf


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def make_pdf(
    lines: list[str], *, title: str | None = None, author: str | None = None, created: str | None = None
) -> bytes:
    """A one-page PDF with `lines` in its text layer (Helvetica, one line each) and an info dictionary."""
    shown = b" T* ".join(_pdf_string(line) + b" Tj" for line in lines)
    content = b"BT /F1 11 Tf 72 740 Td 14 TL " + shown + b" ET"
    info = b" ".join(
        key + b" " + _pdf_string(value)
        for key, value in ((b"/Title", title), (b"/Author", author), (b"/CreationDate", created))
        if value
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< " + info + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_docx(path: Path, paragraphs: list[str], *, title: str = "", author: str = "", created=None) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.core_properties.title = title
    document.core_properties.author = author
    if created is not None:
        document.core_properties.created = created
    document.save(str(path))
    return path


FERRY = [
    "Harbour ferry fares to rise in spring",
    "By Jane Roe",
    "The city council voted on Monday to raise the fares of the harbour ferry, which has been",
    "losing money for years.",
    '"We had no other choice," Mayor Ann Lee said after the vote.',
]


def test_a_pdf_text_layer_reads_as_an_article(tmp_path: Path) -> None:
    (tmp_path / "ferry.pdf").write_bytes(make_pdf(FERRY, created="D:20240301093000Z"))
    (article,) = parse_path(tmp_path / "ferry.pdf")
    assert article.title == "Harbour ferry fares to rise in spring"
    assert article.byline == ["Jane Roe"]
    assert "raise the fares of the harbour ferry, which has been losing money for years." in article.body
    assert article.date == dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert [(q.text, q.speaker) for q in article.quotes] == [("We had no other choice,", "Ann Lee")]
    assert article.language == "en"


def test_a_pdf_title_and_author_come_from_its_metadata_when_its_text_has_none(tmp_path: Path) -> None:
    body = FERRY[2:]
    (tmp_path / "f.pdf").write_bytes(make_pdf(body, title="Ferry fares rise", author="Jane Roe and John Doe"))
    (article,) = parse_path(tmp_path / "f.pdf")
    assert article.title == "Ferry fares rise"
    assert article.byline == ["Jane Roe", "John Doe"]
    tool_title = make_pdf(FERRY, title="Microsoft Word - ferry_final_v2.docx")
    assert read_pdf(tool_title).title == "Harbour ferry fares to rise in spring"


def test_a_pdf_without_text_is_a_scan_and_is_refused(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(make_pdf([]))
    with pytest.raises(ParseError, match="without text"):
        list(parse_path(tmp_path / "scan.pdf"))


def test_a_damaged_pdf_or_one_that_is_not_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "cut.pdf").write_bytes(make_pdf(FERRY)[:60])
    (tmp_path / "fake.pdf").write_text("Just some text, not a PDF at all.\n")
    skipped: list[ParseError] = []
    assert list(parse_path(tmp_path, on_error=skipped.append)) == []
    reasons = {Path(e.path).name: e.reason for e in skipped}
    assert reasons["fake.pdf"] == "not a PDF (its bytes are not one)"
    assert "\n" not in reasons["cut.pdf"]
    assert reasons["cut.pdf"].startswith(("a PDF that could not be read", "a PDF without text"))


@settings(max_examples=60)
@given(st.binary(max_size=400))
def test_garbage_after_a_pdf_header_never_escapes_as_anything_but_a_parse_error(
    tmp_path_factory, junk: bytes
) -> None:
    folder = tmp_path_factory.mktemp("pdf")
    (folder / "x.pdf").write_bytes(b"%PDF-1.4\n" + junk)
    try:
        list(parse_path(folder / "x.pdf"))
    except ParseError as error:
        assert "\n" not in error.reason


def test_a_word_file_reads_as_an_article(tmp_path: Path) -> None:
    make_docx(tmp_path / "ferry.docx", FERRY, author="jroe", created=dt.datetime(2024, 3, 1, 9, 30))
    (article,) = parse_path(tmp_path / "ferry.docx")
    assert article.title == "Harbour ferry fares to rise in spring"
    assert article.byline == ["Jane Roe"]  # the text's byline, not the file's owner
    assert article.date is not None and article.date.date() == dt.date(2024, 3, 1)
    assert [q.speaker for q in article.quotes] == ["Ann Lee"]


def test_a_word_file_without_a_byline_takes_its_author(tmp_path: Path) -> None:
    make_docx(tmp_path / "memo.docx", [FERRY[0], *FERRY[2:]], title="", author="Jane Roe")
    (article,) = parse_path(tmp_path / "memo.docx")
    assert article.byline == ["Jane Roe"]


def test_documents_are_indexed_and_found(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ferry.pdf").write_bytes(make_pdf(FERRY))
    make_docx(
        folder / "bridge.docx", ["Bridge opens after ten years", "The new bridge crosses the river at last."]
    )
    with Index.create(tmp_path / "ix") as index:
        report = index.update([folder])
        assert (report.added, report.skipped) == (2, [])
        assert [hit.title for hit in index.search("harbour ferry")] == [
            "Harbour ferry fares to rise in spring"
        ]
        assert [hit.title for hit in index.search("bridge river")] == ["Bridge opens after ten years"]


def test_without_the_extra_each_document_is_skipped_with_what_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # as if not installed: importing it fails
    monkeypatch.setitem(sys.modules, "docx", None)
    (tmp_path / "ferry.pdf").write_bytes(make_pdf(FERRY))
    make_docx(tmp_path / "memo.docx", FERRY)
    skipped: list[ParseError] = []
    assert list(parse_path(tmp_path, on_error=skipped.append)) == []
    assert sorted(e.reason for e in skipped) == [
        "a PDF; reading it needs `pip install 'news-searcher[documents]'`",
        "a Word file; reading it needs `pip install 'news-searcher[documents]'`",
    ]


def test_a_damaged_pdf_leaves_no_library_notes_on_the_terminal(tmp_path: Path) -> None:
    """pypdf logs what it repairs ("Ignoring wrong pointing object"); only searcher's own lines reach stderr."""
    import subprocess

    broken = make_pdf(FERRY).replace(b"0000000009 00000 n", b"0000000001 00000 n")
    (tmp_path / "repaired.pdf").write_bytes(broken)
    (tmp_path / "cut.pdf").write_bytes(make_pdf(FERRY)[:-40])
    run = subprocess.run(
        [sys.executable, "-m", "searcher", "parse", str(tmp_path), "--json"], capture_output=True, text=True
    )
    assert [json.loads(line)["title"] for line in run.stdout.splitlines()] == [
        "Harbour ferry fares to rise in spring"
    ]
    lines = run.stderr.splitlines()
    assert lines and all(line.startswith(("warning: skipped", "searcher:")) for line in lines), lines
