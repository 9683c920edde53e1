"""Shared fixtures: a CLI runner, a small corpus written by code, and indexes built from it.

The corpus has one file per format the readers understand (.txt, a `-- header` .txt, a .txt.gz,
.html with OpenGraph and JSON-LD metadata, .jsonl, .json with an {"articles": [...]} container and a
single-object .json). Each article has its own vocabulary, so a test knows exactly what a query
matches; "council" is shared by five articles (four dated, one undated) for sorting and paging.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import gzip
import importlib.util
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from whoosh.filedb import filestore

from searcher import Index

# Property tests are judged on what they find, never on how long an example takes: a loaded machine
# (CI, pytest-xdist, a build beside the tests) must not fail one on a per-example deadline or on
# Hypothesis's "data generation is too slow" health check. A test's own @settings inherits both; one
# that names its own suppress_health_check replaces the list, so it names too_slow as well.
settings.register_profile("searcher", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("searcher")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "000_7cf2908493edfbbd.txt"


class RamStorage(filestore.RamStorage):
    """Whoosh's in-memory storage with a scratch folder of its own. Whoosh names it after the
    index (/tmp/MAIN.tmp), or by `random`, which Hypothesis seeds alike in every run: test runs at
    the same time on one machine would share it."""

    def temp_storage(self, name: str | None = None):
        return filestore.FileStorage(tempfile.mkdtemp(dir=_scratch())).create()


@functools.cache
def _scratch() -> str:
    """One folder for this run's scratch folders (Whoosh leaves some empty), removed at its end."""
    folder = tempfile.mkdtemp(prefix="searcher-tests-")
    atexit.register(shutil.rmtree, folder, True)
    return folder


@functools.cache
def quotes_source() -> ModuleType:
    """searcher/parse/quotes.py run as Python, whatever the import system prefers (the installed
    module may be compiled, and compiled code does not see a test's monkeypatching)."""
    import searcher.parse.quotes as installed

    path = Path(installed.__file__).with_name("quotes.py")
    spec = importlib.util.spec_from_file_location("searcher.parse._quotes_source", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def break_quote_finder_on(monkeypatch: pytest.MonkeyPatch, marker: str) -> None:
    """Make `add_quotes` fail with ValueError("finder bug") on a body holding `marker`, as a finder
    bug would: the pass that finds quotes for many articles must charge it to that one's file."""
    import searcher.parse

    real = searcher.parse.find_quotes

    def fragile(body: str, language: str | None = None) -> list:
        if marker in body:
            raise ValueError("finder bug")
        return real(body, language)

    monkeypatch.setattr(searcher.parse, "find_quotes", fragile)


@dataclass(frozen=True)
class Expected:
    """What the parser should find in one corpus article (`date`: the day, whatever the time)."""

    id: str
    title: str
    date: dt.date | None
    source: str | None
    byline: tuple[str, ...]


# -- the articles ------------------------------------------------------------------------------------

DREDGING_TXT = """\
Harbor Dredging Project Wins Federal Approval - Harbor Gazette

Harbor Dredging Project Wins Federal Approval

By Tom Whitaker

Published March 3, 2015

The harbor dredging plan cleared its last federal hurdle on Tuesday, letting
crews deepen the shipping channel by twelve feet before the autumn storms.

The city council had lobbied engineers for four years to widen the channel
for modern freighters.

“The channel will finally be deep enough for container ships,” Elena Vasquez said.
"""

ZOO_TXT = """\
Zoo Welcomes Newborn Giraffe Calf

By Priya Raman

Published 2016-07-14

    The zookeepers at Maplewood Zoo announced the birth of a giraffe calf,
the first born there in a decade.
    The calf stood on wobbly legs within an hour and began nursing,
according to the veterinary team.
    “She is tall, curious and already stubborn,” Omar Haddad said.
"""

ORCHARD_TXT = """\
-- Orchard Frost Threatens Apple Harvest
-- By Maria Okafor
-- 2018-04-20
-- https://valley.example.com/orchard-frost

A late frost swept through the valley orchards overnight, damaging apple blossoms
on hundreds of acres.

Growers lit smudge pots and ran wind machines to keep the blossoms warm.

“We could lose half the crop,” Walter Brandt said.
"""

GARDEN_TXT = """\
Community Garden Opens Plot Lottery

Residents can enter a lottery for one of forty raised beds in the new community garden, the
city council said on Monday.

Volunteers will teach composting and seed saving to every new gardener.
"""

LIGHTHOUSE_TXT = """\
Lighthouse Restoration Finished Ahead of Schedule - Coastal Post

Lighthouse Restoration Finished Ahead of Schedule

By Helen Cho

Published June 18, 2019

Masons finished restoring the old lighthouse and its brass lantern room three weeks early.

The lantern will shine again on the solstice, when the keeper's cottage opens to visitors.
"""

BRIDGE_HTML = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Suspension Bridge Closes for Cable Repairs | Riverton Courier</title>
<meta property="og:title" content="Suspension Bridge Closes for Cable Repairs">
<meta property="og:site_name" content="Riverton Courier">
<meta property="og:url" content="https://riverton.example.com/news/bridge-closure">
<meta property="article:published_time" content="2017-11-09T14:05:00-05:00">
<link rel="canonical" href="https://riverton.example.com/news/bridge-closure">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Suspension Bridge Closes for Cable Repairs",
 "datePublished": "2017-11-09T14:05:00-05:00",
 "author": {"@type": "Person", "name": "Jane Roe"},
 "publisher": {"@type": "Organization", "name": "Riverton Courier"}}
</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Suspension Bridge Closes for Cable Repairs</h1>
<p>The suspension bridge over the Riverton gorge closed on Thursday so inspectors can replace
corroded cables, sending commuters onto a long detour.</p>
<p>The city council approved the emergency repairs after a routine inspection found rusted strands.</p>
<p>“We expect delays through the winter,” Jane Roe said.</p>
</article>
<footer>Copyright Riverton Courier</footer>
</body>
</html>
"""

LIBRARY_HTML = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bookmobile Brings Library to Rural Towns</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Bookmobile Brings Library to Rural Towns",
 "datePublished": "2016-02-11",
 "author": [{"@type": "Person", "name": "Sam Iverson"}],
 "publisher": {"@type": "Organization", "name": "Lakeside Daily"},
 "mainEntityOfPage": "https://lakeside.example.com/bookmobile"}
</script>
<link rel="canonical" href="https://lakeside.example.com/bookmobile">
</head>
<body>
<article>
<h1>Bookmobile Brings Library to Rural Towns</h1>
<p>A converted bus stocked with three thousand paperbacks began visiting rural towns this week,
bringing the county library to farms far from any branch.</p>
<p>Librarians say the bookmobile will stop at each town every other Saturday.</p>
</article>
</body>
</html>
"""

FEED_RECORDS = [
    {
        "id": "metro-2015-001",
        "title": "Subway Fare Increase Approved",
        "date": "2015-09-01",
        "author": "Lena Fischer",
        "source": "Metro Wire",
        "url": "https://metro.example.com/fares",
        "body": "The transit board voted to raise subway fares by a quarter starting next month.\n\n"
        "“Riders deserve better service before paying more,” Carlos Mendez said.",
    },
    {
        "id": "metro-2017-002",
        "headline": "Transit Authority Unveils Electric Buses",
        "published": "2017-03-15",
        "authors": ["Lena Fischer", "Tom Whitaker"],
        "publisher": "Metro Wire",
        "text": "Twenty electric buses with rooftop batteries joined the fleet on Wednesday.\n\n"
        "The buses recharge overnight at a new depot on the east side.",
    },
    {
        "id": "metro-2018-003",
        "title": "Bike Lanes Expanded Downtown",
        "datePublished": "2018-08-22T09:30:00Z",
        "byline": [{"name": "Priya Raman"}],
        "source": "Metro Wire",
        "content": "Protected bike lanes now run the length of Main Street after the city council "
        "finished painting the final segment.",
    },
    {
        "id": "metro-2019-004",
        "title": "Ferry Service Returns to Island",
        "date_publish": "2019-05-05 07:00:00",
        "author": "Helen Cho",
        "source": "Metro Wire",
        "maintext": "Ferry crossings to Gull Island resumed after the city council repaired the pier.\n\n"
        "“The island is open for summer again,” Jane Roe said.",
    },
]

ARCHIVE_JSON = {
    "articles": [
        {
            "title": "Volcano Observatory Raises Alert Level",
            "publish_date": "2016-11-30",
            "author": "Sam Iverson",
            "source": "Summit Times",
            "url": "https://summit.example.com/volcano-alert",
            "articleBody": "Seismographs recorded a swarm of tremors beneath the volcano, and the observatory "
            "raised its alert level to orange.",
        },
        {
            "title": "Chess Prodigy Wins National Title",
            "date": "2019-01-12",
            "author": "Maria Okafor",
            "source": "Summit Times",
            "body": "A twelve-year-old chess prodigy won the national championship with a daring "
            "knight sacrifice.\n\n“I studied every opening twice,” Nadia Petrov said.",
        },
    ]
}

MARATHON_JSON = {
    "headline": "Marathon Runner Breaks Course Record",
    "datePublished": "2017-10-08",
    "byline": "By Omar Haddad",
    "publisher": {"name": "Lakeside Daily"},
    "articleBody": "An amateur runner shattered the marathon course record by four minutes in cold drizzle.",
}

# id -> what the parser should find. Ids follow the rules: record id, canonical url, relative path.
EXPECTED: dict[str, Expected] = {
    e.id: e
    for e in [
        Expected(
            "txt/dredging.txt",
            "Harbor Dredging Project Wins Federal Approval",
            dt.date(2015, 3, 3),
            "Harbor Gazette",
            ("Tom Whitaker",),
        ),
        Expected(
            "txt/zoo.txt", "Zoo Welcomes Newborn Giraffe Calf", dt.date(2016, 7, 14), None, ("Priya Raman",)
        ),
        Expected(
            "https://valley.example.com/orchard-frost",
            "Orchard Frost Threatens Apple Harvest",
            dt.date(2018, 4, 20),
            None,
            ("Maria Okafor",),
        ),
        Expected("txt/garden.txt", "Community Garden Opens Plot Lottery", None, None, ()),
        Expected(
            "txt/lighthouse.txt.gz",
            "Lighthouse Restoration Finished Ahead of Schedule",
            dt.date(2019, 6, 18),
            "Coastal Post",
            ("Helen Cho",),
        ),
        Expected(
            "https://riverton.example.com/news/bridge-closure",
            "Suspension Bridge Closes for Cable Repairs",
            dt.date(2017, 11, 9),
            "Riverton Courier",
            ("Jane Roe",),
        ),
        Expected(
            "https://lakeside.example.com/bookmobile",
            "Bookmobile Brings Library to Rural Towns",
            dt.date(2016, 2, 11),
            "Lakeside Daily",
            ("Sam Iverson",),
        ),
        Expected(
            "metro-2015-001",
            "Subway Fare Increase Approved",
            dt.date(2015, 9, 1),
            "Metro Wire",
            ("Lena Fischer",),
        ),
        Expected(
            "metro-2017-002",
            "Transit Authority Unveils Electric Buses",
            dt.date(2017, 3, 15),
            "Metro Wire",
            ("Lena Fischer", "Tom Whitaker"),
        ),
        Expected(
            "metro-2018-003",
            "Bike Lanes Expanded Downtown",
            dt.date(2018, 8, 22),
            "Metro Wire",
            ("Priya Raman",),
        ),
        Expected(
            "metro-2019-004",
            "Ferry Service Returns to Island",
            dt.date(2019, 5, 5),
            "Metro Wire",
            ("Helen Cho",),
        ),
        Expected(
            "https://summit.example.com/volcano-alert",  # a record without an id is known by its url
            "Volcano Observatory Raises Alert Level",
            dt.date(2016, 11, 30),
            "Summit Times",
            ("Sam Iverson",),
        ),
        Expected(
            "records/archive.json#2",
            "Chess Prodigy Wins National Title",
            dt.date(2019, 1, 12),
            "Summit Times",
            ("Maria Okafor",),
        ),
        Expected(
            "records/marathon.json",
            "Marathon Runner Breaks Course Record",
            dt.date(2017, 10, 8),
            "Lakeside Daily",
            ("Omar Haddad",),
        ),
    ]
}
# Files in the corpus, relative to its root.
CORPUS_FILES = (
    "txt/dredging.txt",
    "txt/zoo.txt",
    "txt/orchard.txt",
    "txt/garden.txt",
    "txt/lighthouse.txt.gz",
    "html/bridge.html",
    "html/library.html",
    "records/feed.jsonl",
    "records/archive.json",
    "records/marathon.json",
)
# The articles whose text holds "council", with their dates (None: undated).
COUNCIL = {
    "txt/dredging.txt": dt.date(2015, 3, 3),
    "https://riverton.example.com/news/bridge-closure": dt.date(2017, 11, 9),
    "metro-2018-003": dt.date(2018, 8, 22),
    "metro-2019-004": dt.date(2019, 5, 5),
    "txt/garden.txt": None,
}


def write_corpus(root: Path) -> Path:
    """Write the test corpus under `root` and return `root`."""
    (root / "txt").mkdir(parents=True, exist_ok=True)
    (root / "html").mkdir(exist_ok=True)
    (root / "records").mkdir(exist_ok=True)
    (root / "txt" / "dredging.txt").write_text(DREDGING_TXT, encoding="utf-8")
    (root / "txt" / "zoo.txt").write_text(ZOO_TXT, encoding="utf-8")
    (root / "txt" / "orchard.txt").write_text(ORCHARD_TXT, encoding="utf-8")
    (root / "txt" / "garden.txt").write_text(GARDEN_TXT, encoding="utf-8")
    (root / "txt" / "lighthouse.txt.gz").write_bytes(gzip.compress(LIGHTHOUSE_TXT.encode("utf-8")))
    (root / "html" / "bridge.html").write_text(BRIDGE_HTML, encoding="utf-8")
    (root / "html" / "library.html").write_text(LIBRARY_HTML, encoding="utf-8")
    (root / "records" / "feed.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in FEED_RECORDS), encoding="utf-8"
    )
    (root / "records" / "archive.json").write_text(
        json.dumps(ARCHIVE_JSON, ensure_ascii=False), encoding="utf-8"
    )
    (root / "records" / "marathon.json").write_text(json.dumps(MARATHON_JSON), encoding="utf-8")
    return root


def build_index(index_dir: Path, corpus: Path) -> Index:
    index = Index.create(index_dir)
    index.update([corpus], jobs=1)
    return index


# -- fixtures ----------------------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus, shared by the session: read it, never write to it."""
    return write_corpus(tmp_path_factory.mktemp("shared-corpus"))


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """An index of the shared corpus, shared by the session: search it, never update it."""
    folder = tmp_path_factory.mktemp("shared-index") / "index"
    build_index(folder, corpus_dir).close()
    return folder


@pytest.fixture(scope="session")
def built_index(index_dir: Path) -> Iterator[Index]:
    """The shared index, open for reading."""
    with Index.open(index_dir) as index:
        yield index


@pytest.fixture
def own_corpus(tmp_path: Path) -> Path:
    """A private copy of the corpus that a test may change."""
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def own_index(tmp_path: Path, own_corpus: Path) -> Iterator[Index]:
    """A private index of `own_corpus`, which a test may update."""
    with build_index(tmp_path / "index", own_corpus) as index:
        yield index


@pytest.fixture(scope="session")
def seed_file() -> Path:
    assert SEED.is_file(), f"the seed article is missing: {SEED} (CI keeps ../shared beside the repo)"
    return SEED


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def in_three_commits(path: Path, articles: list, replaced: list) -> Index:
    """A new index of `articles` in three segments (three commits), `replaced` (some of the first
    third) written again with the last: deleted in their own segment."""
    index = Index.create(path)
    third = len(articles) // 3
    index.add(articles[:third])
    index.add(articles[third : 2 * third])
    index.add(articles[2 * third :] + replaced)
    return index
