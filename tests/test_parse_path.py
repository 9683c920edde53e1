"""parse_path: every format, ids, gzip, encodings, and files that cannot be read."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
from conftest import CORPUS_FILES, EXPECTED, break_quote_finder_on
from hypothesis import assume, given
from hypothesis import strategies as st

from searcher import Article, ParseError, parse_path, parse_record
from searcher.parse import FILES_TOGETHER, article_files, read_file
from searcher.parse.encoding import BINARY_SIGNATURES, decode_bytes, looks_binary, utf16_without_bom


def day(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def parse_all(path: Path, **kwargs) -> tuple[list[Article], list[ParseError]]:
    errors: list[ParseError] = []
    articles = list(parse_path(path, on_error=errors.append, **kwargs))
    return articles, errors


# -- the corpus --------------------------------------------------------------------------------------


def test_every_corpus_article_with_its_fields(corpus_dir: Path) -> None:
    articles, errors = parse_all(corpus_dir)
    assert errors == []
    found = {a.id: a for a in articles}
    assert len(found) == len(articles), "ids must be unique"
    assert set(found) == set(EXPECTED)
    for article_id, expected in EXPECTED.items():
        article = found[article_id]
        got = (article.title, day(article.date), article.source, tuple(article.byline))
        assert got == (expected.title, expected.date, expected.source, expected.byline), article_id
        assert article.body.strip(), article_id


def test_paths_are_the_files(corpus_dir: Path) -> None:
    articles, _ = parse_all(corpus_dir)
    assert {Path(a.path).relative_to(corpus_dir).as_posix() for a in articles} == set(CORPUS_FILES)
    for article in articles:
        assert Path(article.path).is_absolute()


def test_quote_offsets_point_into_the_body(corpus_dir: Path) -> None:
    articles, _ = parse_all(corpus_dir)
    quotes = [(a, q) for a in articles for q in a.quotes]
    assert len(quotes) >= 6
    for article, quote in quotes:
        assert article.body[quote.start : quote.end] == quote.text


def test_quote_speakers(corpus_dir: Path) -> None:
    articles, _ = parse_all(corpus_dir)
    speakers = {(a.id, q.speaker) for a in articles for q in a.quotes}
    assert ("txt/dredging.txt", "Elena Vasquez") in speakers
    assert ("https://riverton.example.com/news/bridge-closure", "Jane Roe") in speakers
    assert ("metro-2019-004", "Jane Roe") in speakers
    assert ("records/archive.json#2", "Nadia Petrov") in speakers


def test_html_page_fields(corpus_dir: Path) -> None:
    (article,) = parse_path(corpus_dir / "html" / "bridge.html")
    assert article.url == "https://riverton.example.com/news/bridge-closure"
    assert isinstance(article.date, dt.datetime)
    assert article.date.utcoffset() == dt.timedelta(hours=-5)
    assert article.paragraphs[0].startswith("The suspension bridge over the Riverton gorge")
    assert "Home" not in article.body
    assert "Copyright" not in article.body


# -- ids ---------------------------------------------------------------------------------------------


def test_ids_follow_the_rules(corpus_dir: Path) -> None:
    ids = {a.id for a in parse_path(corpus_dir)}
    assert "metro-2015-001" in ids  # the record's own id
    assert "https://lakeside.example.com/bookmobile" in ids  # the page's canonical URL
    assert "https://valley.example.com/orchard-frost" in ids  # the url of a `--` header
    assert "txt/zoo.txt" in ids  # the path relative to the folder read
    assert "records/marathon.json" in ids  # a one-record JSON file: its path
    assert "records/archive.json#2" in ids  # the second record of a file of several


def test_ids_are_relative_to_the_root(corpus_dir: Path) -> None:
    (article,) = parse_path(corpus_dir / "txt" / "zoo.txt")
    assert article.id == "zoo.txt"
    (article,) = parse_path(corpus_dir / "txt" / "zoo.txt", root=corpus_dir)
    assert article.id == "txt/zoo.txt"
    (article,) = parse_path(corpus_dir / "txt" / "zoo.txt", root=corpus_dir / "html")
    assert article.id == "zoo.txt"  # outside the root: the file name


def test_jsonl_records_without_id_are_numbered_by_line(tmp_path: Path) -> None:
    lines = [
        {"id": "kept-id", "title": "Alpha", "body": "First."},
        {"title": "Beta", "body": "Second."},
        {"title": "Gamma", "body": "Third."},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(x) for x in lines[:2]) + "\n\n" + json.dumps(lines[2]) + "\n")
    assert [a.id for a in parse_path(feed)] == ["kept-id", "feed.jsonl#2", "feed.jsonl#4"]


# -- containers and compression -------------------------------------------------------------------------


def test_json_list(tmp_path: Path) -> None:
    file = tmp_path / "list.json"
    file.write_text(
        json.dumps([{"title": "Alpha", "body": "First."}, {"headline": "Beta", "text": "Second."}])
    )
    assert [(a.id, a.title) for a in parse_path(file)] == [("list.json#1", "Alpha"), ("list.json#2", "Beta")]


def test_json_articles_container(tmp_path: Path) -> None:
    file = tmp_path / "dump.json"
    file.write_text(
        json.dumps({"count": 2, "articles": [{"id": "a", "title": "Alpha"}, {"id": "b", "title": "Beta"}]})
    )
    assert [(a.id, a.title) for a in parse_path(file)] == [("a", "Alpha"), ("b", "Beta")]


def test_gzipped_text_and_records(tmp_path: Path) -> None:
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(b"Gzip Story\n\nCompressed words inside.\n"))
    records = b'{"id": "g1", "title": "One", "body": "x"}\n{"id": "g2", "title": "Two", "body": "y"}\n'
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(records))
    (tmp_path / "one.json.gz").write_bytes(gzip.compress(b'{"title": "Json Gz", "body": "z"}'))
    articles, errors = parse_all(tmp_path)
    assert errors == []
    assert sorted((a.id, a.title) for a in articles) == [
        ("g1", "One"),
        ("g2", "Two"),
        ("one.json.gz", "Json Gz"),
        ("story.txt.gz", "Gzip Story"),
    ]
    story = next(a for a in articles if a.id == "story.txt.gz")
    assert story.body == "Compressed words inside."


def test_article_files_skip_hidden_and_unknown_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", ".hidden.txt", "notes.md", "c.JSONL", "d.ndjson"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "e.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.htm").write_text("x")
    names = [p.relative_to(tmp_path).as_posix() for p in article_files(tmp_path)]
    assert names == ["a.html", "b.txt", "c.JSONL", "d.ndjson", "sub/f.htm"]


# -- encodings -----------------------------------------------------------------------------------------


def test_cp1252_bytes(tmp_path: Path) -> None:
    text = "Café Owner’s Résumé Wins Prize\n\nThe café owner — a former résumé writer — won “best pastry” again.\n"
    (tmp_path / "cafe.txt").write_bytes(text.encode("cp1252"))
    (article,) = parse_path(tmp_path / "cafe.txt")
    assert article.title == "Café Owner’s Résumé Wins Prize"
    assert article.body == "The café owner — a former résumé writer — won “best pastry” again."


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        (
            "creme.txt",
            "Crème Brûlée Wins Prize\n\nThe naïve judges loved the crème brûlée.\n",
            "Crème Brûlée Wins Prize",
        ),
        ("feed.jsonl", '{"id": "x", "title": "Señor Café", "body": "Words."}\n', "Señor Café"),
    ],
)
def test_cp1252_accents_that_cp1250_reads_differently(
    tmp_path: Path, name: str, content: str, title: str
) -> None:
    (tmp_path / name).write_bytes(content.encode("cp1252"))
    (article,) = parse_path(tmp_path / name)
    assert article.title == title


def test_latin1_bytes(tmp_path: Path) -> None:
    text = "Zoo Café Reopens\n\nThe zoo's café reopened on Monday with a new menu and more tables outside.\n"
    (tmp_path / "zoo.txt").write_bytes(text.encode("latin-1"))
    (article,) = parse_path(tmp_path / "zoo.txt")
    assert article.title == "Zoo Café Reopens"
    assert "zoo's café reopened" in article.body


@pytest.mark.parametrize(
    "bom_codec", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]
)
def test_utf16_with_bom(tmp_path: Path, bom_codec: tuple[str, bytes]) -> None:
    codec, bom = bom_codec
    text = "Zürich Tram Line Opens\n\nBy Jane Roe\n\nThe new tram line in Zürich carries riders every day.\n"
    (tmp_path / "tram.txt").write_bytes(bom + text.encode(codec))
    (article,) = parse_path(tmp_path / "tram.txt")
    assert article.title == "Zürich Tram Line Opens"
    assert article.byline == ["Jane Roe"]
    assert article.body == "The new tram line in Zürich carries riders every day."


def test_utf8_bom_is_not_part_of_the_title(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + b"Tram Line Opens\n\nRiders cheered.\n")
    (article,) = parse_path(tmp_path / "bom.txt")
    assert article.title == "Tram Line Opens"


def test_jsonl_in_latin1(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_bytes(
        '{"id": "x", "title": "Café Reopens", "body": "The café reopened on Monday with a new menu."}\n'.encode(
            "latin-1"
        )
    )
    (article,) = parse_path(tmp_path / "feed.jsonl")
    assert (article.title, article.body) == ("Café Reopens", "The café reopened on Monday with a new menu.")


# -- bad input -----------------------------------------------------------------------------------------


def test_binary_file_with_a_text_suffix(tmp_path: Path) -> None:
    file = tmp_path / "photo.txt"
    file.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ParseError) as caught:
        list(parse_path(file))
    assert caught.value.path == str(file)
    assert "binary" in caught.value.reason


@given(st.binary(max_size=64) | st.lists(st.sampled_from([1, 7, 9, 10, 13, 27, 31, 32, 65, 233])).map(bytes))
def test_binary_is_told_by_its_share_of_control_bytes(data: bytes) -> None:
    head = data[:8192]
    assume(not utf16_without_bom(head) and not head.startswith(BINARY_SIGNATURES))
    control = sum(1 for b in head if b < 32 and b not in (0, 9, 10, 12, 13, 27))
    nuls = head.count(0)
    if nuls > 1 + len(head) // 1000:
        expected = True
    elif nuls:  # a stray NUL: text, when the rest has next to no control bytes
        expected = nuls == len(head) or control > (len(head) - nuls) * 0.02
    else:
        expected = control > len(head) * 0.1
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        expected = False  # UTF-16 text is full of zero bytes
    assert looks_binary(data) == expected


def test_control_bytes_without_zeros_still_mean_binary(tmp_path: Path) -> None:
    file = tmp_path / "noise.txt"
    file.write_bytes(bytes(range(1, 32)) * 40 + b"Some words")
    with pytest.raises(ParseError, match="binary"):
        list(parse_path(file))


def test_invalid_gzip(tmp_path: Path) -> None:
    file = tmp_path / "broken.txt.gz"
    file.write_bytes(b"\x1f\x8b\x08\x00" + b"this is not deflate data" * 4)
    with pytest.raises(ParseError, match="gzip"):
        list(parse_path(file))


def test_truncated_gzip_jsonl_keeps_what_was_read(tmp_path: Path) -> None:
    records = "".join(
        json.dumps({"id": f"r{n}", "title": f"Record {n}", "body": "x" * 200}) + "\n" for n in range(50)
    )
    data = gzip.compress(records.encode())
    (tmp_path / "feed.jsonl.gz").write_bytes(data[: len(data) // 2])
    articles, errors = parse_all(tmp_path)
    assert articles, "the records before the cut come through"
    assert [a.id for a in articles] == [f"r{n}" for n in range(len(articles))]
    assert len(errors) == 1
    assert "stopped reading" in errors[0].reason


@pytest.mark.parametrize(
    ("name", "reason"), [("empty.txt", "no article text"), ("empty.jsonl", "no records")]
)
def test_empty_files(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(ParseError, match=reason):
        list(parse_path(tmp_path / name))


def test_blank_text_file(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("\n   \n\t\n")
    with pytest.raises(ParseError, match="no article text"):
        list(parse_path(tmp_path / "blank.txt"))


def test_broken_json_line_costs_only_that_line(tmp_path: Path) -> None:
    file = tmp_path / "feed.jsonl"
    file.write_text(
        '{"id": "a", "title": "Alpha", "body": "one"}\n{"id": broken\n{"id": "c", "title": "Gamma", "body": "three"}\n'
    )
    errors: list[ParseError] = []
    articles = list(parse_path(file, on_error=errors.append))
    assert [a.id for a in articles] == ["a", "c"]
    assert [e.path for e in errors] == [f"{file}:2"]
    assert "not JSON" in errors[0].reason
    with pytest.raises(ParseError, match="not JSON"):  # without on_error, the problem is raised
        list(parse_path(file))


def test_record_without_text_is_a_problem(tmp_path: Path) -> None:
    file = tmp_path / "list.json"
    file.write_text(json.dumps([{"title": "", "body": ""}, {"title": "Real", "body": "x"}]))
    articles, errors = parse_all(file)
    assert [a.id for a in articles] == ["list.json#2"]
    assert [(e.path, e.reason) for e in errors] == [(f"{file}#1", "record has no title or text")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{not json", "not JSON"), ("[1, 2, 3]", "no article records"), ('"text"', "no article")],
)
def test_json_without_records(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "bad.json").write_text(content)
    with pytest.raises(ParseError, match=reason):
        list(parse_path(tmp_path / "bad.json"))


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha Story\n\nWords.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c.txt").write_text("Gamma Story\n\nWords.\n")
    articles, errors = parse_all(tmp_path)
    assert [a.title for a in articles] == ["Alpha Story", "Gamma Story"]
    assert [Path(e.path).name for e in errors] == ["b.txt"]


def story(number: int) -> str:
    return f"Story {number}\n\n“We open at {number},” Ann Lee said.\n"


def test_files_are_read_in_chunks_and_yielded_in_order_with_their_quotes(tmp_path: Path) -> None:
    count = FILES_TOGETHER * 2 + 3
    for i in range(count):
        (tmp_path / f"{i:03}.txt").write_text(story(i))
    (tmp_path / "040.txt").write_bytes(b"\x00\x01" * 100)  # a bad file inside the second chunk
    articles, errors = parse_all(tmp_path)
    assert [a.title for a in articles] == [f"Story {i}" for i in range(count) if i != 40]
    assert [Path(e.path).name for e in errors] == ["040.txt"]
    for article in articles:
        assert article.quotes == read_file(Path(article.path), tmp_path)[0][0].quotes
        assert [q.speaker for q in article.quotes] == ["Ann Lee"]


def test_without_a_handler_the_files_before_a_bad_one_still_come_first(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(story(i))
    (tmp_path / "3.txt").write_bytes(b"\x00\x01" * 100)
    articles = parse_path(tmp_path)
    assert [next(articles).title for _ in range(3)] == ["Story 0", "Story 1", "Story 2"]
    with pytest.raises(ParseError, match="binary"):
        next(articles)


def test_a_quote_finder_failure_is_raised_in_its_files_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(story(i))
    break_quote_finder_on(monkeypatch, "at 2,")
    articles = parse_path(tmp_path)
    assert [next(articles).title for _ in range(2)] == ["Story 0", "Story 1"]
    with pytest.raises(ValueError, match="finder bug"):
        next(articles)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="no such file"):
        list(parse_path(tmp_path / "nowhere"))


def test_read_file_returns_articles_and_problems(tmp_path: Path) -> None:
    file = tmp_path / "feed.jsonl"
    file.write_text('{"id": "a", "title": "Alpha"}\nnot json\n')
    articles, problems = read_file(file, tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [p.path for p in problems] == [f"{file}:2"]


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    file = tmp_path / "page"
    file.write_text(
        "<html><head><title>Sniffed Page</title></head><body><article><p>Body words.</p></article></body></html>"
    )
    articles, _ = read_file(file, tmp_path)
    assert [(a.title, a.body) for a in articles] == [("Sniffed Page", "Body words.")]


# -- the seed article --------------------------------------------------------------------------------------

SEED_TITLE = "Philadelphia's Next District Attorney Larry Krasner Met With Other Big-City Progressive Prosecutors in Recent Months"


def test_seed_article(seed_file: Path) -> None:
    (article,) = parse_path(seed_file)
    assert article.id == seed_file.name
    assert article.path == str(seed_file)
    assert article.title == SEED_TITLE
    assert article.source == "NBC 10 Philadelphia"
    assert day(article.date) == dt.date(2017, 11, 9)
    assert article.byline == []
    assert article.paragraphs[0].startswith("Krasner faces numerous challenges")
    assert "(Published" not in article.body
    assert "Published Thursday" not in article.body
    assert any(p.startswith("When Larry Krasner sprung an upset") for p in article.paragraphs)
    assert article.paragraphs[-1] == "Krasner, he said, was “doing his homework.”"
    assert all("\n" not in p for p in article.paragraphs)
    assert len(article.paragraphs) >= 15


def test_seed_quotes(seed_file: Path) -> None:
    (article,) = parse_path(seed_file)
    assert len(article.quotes) >= 3
    for quote in article.quotes:
        assert article.body[quote.start : quote.end] == quote.text
    texts = " ".join(q.text for q in article.quotes)
    assert "growing movement of progressive prosecutors" in texts
    assert "Ben Waxman" in {q.speaker for q in article.quotes} or "Waxman" in {
        q.speaker for q in article.quotes
    }


# -- documents no reader understands -----------------------------------------------------------------


def test_a_folder_walk_names_each_document_it_cannot_read_and_passes_over_the_rest(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Ferry Fares Rise\n\nThe harbour ferry will cost more.\n")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    (tmp_path / "memo.docx").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "photo.JPG").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "scan.pdf.gz").write_bytes(gzip.compress(b"%PDF-1.4"))
    (tmp_path / "notes.md").write_text("# notes")
    (tmp_path / "style.css").write_text("p {}")
    skipped: list[ParseError] = []
    articles = list(parse_path(tmp_path, on_error=skipped.append))
    assert [a.title for a in articles] == ["Ferry Fares Rise"]
    reasons = {Path(e.path).name: e.reason for e in skipped}
    assert set(reasons) == {"report.pdf", "memo.docx", "photo.JPG", "scan.pdf.gz"}
    assert (
        reasons["photo.JPG"]
        == "an image; searcher reads .html, .txt, .json, .jsonl, .pdf and .docx files (gzipped or not)"
    )
    assert reasons["report.pdf"].startswith("a PDF that could not be read")  # read, and found broken
    assert reasons["scan.pdf.gz"].startswith("a PDF that could not be read")
    assert reasons["memo.docx"].startswith("a Word file that could not be read")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "a PDF that could not be read"),
        (b"\n\n  %PDF-1.4\nBT /F1 12 Tf (Hello) Tj ET", "a PDF that could not be read"),
        (b"Plain words of a text file named as a PDF", "not a PDF"),
    ],
)
def test_a_pdf_named_on_its_own_is_read_as_a_pdf_or_refused_never_taken_for_text(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    (tmp_path / "doc.pdf").write_bytes(content)
    with pytest.raises(ParseError) as caught:
        list(parse_path(tmp_path / "doc.pdf"))
    assert caught.value.reason.startswith(reason)


def test_a_pdf_header_a_few_bytes_in_is_binary_under_any_name(tmp_path: Path) -> None:
    (tmp_path / "saved").write_bytes(b"\r\n%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    with pytest.raises(ParseError) as caught:
        list(parse_path(tmp_path / "saved"))
    assert "binary" in caught.value.reason


_WESTERN_WORDS = (
    "the owner of a café lied on his résumé and was fined by court naïve über señor façade déjà "
    "piñata coöperate élite Zürich Müller Straße año España garçon fiancée Crème brûlée"
).split()


@given(st.lists(st.sampled_from(_WESTERN_WORDS), min_size=1, max_size=40))
def test_short_western_texts_in_latin1_read_back_as_written(words: list[str]) -> None:
    text = " ".join(words)
    assert decode_bytes(text.encode("latin-1")) == text


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        ("cp1251", "Правительство объявило в понедельник о повышении тарифов на паром в порту города."),
        ("cp1253", "Το δημοτικό συμβούλιο ψήφισε τη Δευτέρα την αύξηση των ναύλων του πορθμείου στο λιμάνι."),
        (
            "cp1250",
            "Rada miasta zagłosowała w poniedziałek za podwyżką opłat za prom w porcie, powiedział rzecznik.",
        ),
    ],
)
def test_other_code_pages_are_still_told_apart(codec: str, text: str) -> None:
    assert decode_bytes(text.encode(codec)) == text


def test_a_feed_saved_as_a_page_is_read_without_bs4_warnings(tmp_path: Path) -> None:
    """pytest turns warnings into errors here: a leaked XMLParsedAsHTMLWarning fails the test."""
    (tmp_path / "feed.html").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<rss><channel><item><title>Ferry fares rise</title>'
        "<description>The harbour ferry will cost more from Monday, the council said.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    (article,) = parse_path(tmp_path / "feed.html")
    assert "harbour ferry" in article.body
    assert (
        parse_record({"title": "Link", "text": "https://example.com/a/b"}).body == "https://example.com/a/b"
    )


def test_linked_folders_are_walked_once_and_a_link_back_up_is_no_loop(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "ferry.txt").write_text("Ferry Fares Rise\n\nThe harbour ferry will cost more.\n")
    root = tmp_path / "archive"
    root.mkdir()
    (root / "bridge.txt").write_text("Bridge Opens\n\nThe new bridge crosses the river.\n")
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    (root / "again").symlink_to(elsewhere, target_is_directory=True)
    (root / "up").symlink_to(root, target_is_directory=True)
    names = [p.relative_to(root).as_posix() for p in article_files(root)]
    assert names == ["bridge.txt", "again/ferry.txt"]  # "again" is met before "linked"
    assert sorted(a.title for a in parse_path(root)) == ["Bridge Opens", "Ferry Fares Rise"]
