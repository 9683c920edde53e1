"""A small archive for the web page's tests, written by code: two papers over two years, one story
carried by both (near-duplicate copies), quotations with speakers, and one article whose every
field carries script payloads (none may ever run or reach the page unescaped)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from searcher import Article, Index, Quote

PAYLOAD_TITLE = "Bail <script>alert('title')</script> ruling <img src=x onerror=alert('img')>"
PAYLOAD_BODY = (
    "The bail ruling page said <script>alert('body')</script> and "
    "<a href=\"javascript:alert('link')\">click</a> <svg onload=alert('svg')>."
)
PAYLOAD_SPEAKER = "Mal <b onmouseover=alert('speaker')>Ware</b>"
PAYLOAD_URL = "javascript:alert('url')"

PLACES = ["harbor", "river", "valley", "mountain", "island", "forest", "desert", "meadow"]

SHARED_STORY = (
    "The harbor council voted on Tuesday to extend the ferry service through the winter months, "
    "after residents of the outer islands petitioned for a year-round crossing. The council said "
    "the extension would cost about two million dollars and be paid from the port's reserve fund. "
    "Ferry operators welcomed the decision and said crews would be hired before December."
)


def _quoted(sentences: list[tuple[str, str | None]], lead: str = "") -> tuple[str, list[Quote]]:
    """A body of quoted paragraphs ("“…,” Speaker said.") after `lead`, with the quotes' places."""
    parts, quotes = ([lead] if lead else []), []
    offset = len(lead) + 2 if lead else 0
    for text, speaker in sentences:
        line = f"“{text},” {speaker or 'someone'} said."
        quotes.append(Quote(text, speaker, offset + 1, offset + 1 + len(text)))
        parts.append(line)
        offset += len(line) + 2
    return "\n\n".join(parts), quotes


def articles() -> list[Article]:
    found = []
    months = [dt.date(2019, m, 10) for m in (1, 3, 3, 6, 11)] + [dt.date(2020, m, 5) for m in (2, 2, 7)]
    for n, day in enumerate(months):
        source = "Harbor Gazette" if n % 2 == 0 else "Valley Courier"
        body, quotes = _quoted(
            [
                (f"Cash bail punishes poverty near the {PLACES[n]}", "Denise Holloway"),
                (f"The court must weigh public safety in case {n}", "Frank DeLuca" if n % 3 else "Ana Lima"),
            ],
            lead=f"Council report {n} on bail reform and the county jail budget.",
        )
        found.append(
            Article(
                id=f"bail-{n:02d}",
                title=f"Bail reform hearing number {n}",
                body=body,
                date=day,
                byline=["Ruth Ortega"] if n % 2 == 0 else ["Sam Okafor"],
                source=source,
                url=f"https://example.org/bail/{n}",
                quotes=quotes,
            )
        )
    for n, source in enumerate(("Harbor Gazette", "Valley Courier")):
        found.append(
            Article(
                id=f"ferry-{source.split()[0].lower()}",
                title="Ferry service extended through winter",
                body=SHARED_STORY,
                date=dt.date(2020, 10, 20 + n),
                source=source,
            )
        )
    found.append(
        Article(
            id="thomson",
            title="Port budget approved",
            body="The port budget passed.",
            source="Thomson Harbor Gazette",
            date=dt.date(2020, 1, 2),
        )
    )
    payload_body, payload_quotes = _quoted(
        [("<script>alert('quote')</script> no bail", PAYLOAD_SPEAKER)], lead=PAYLOAD_BODY
    )
    found.append(
        Article(
            id="payload<script>",
            title=PAYLOAD_TITLE,
            body=payload_body,
            date=dt.date(2020, 3, 1),
            byline=["<i>Evil</i> Byline"],
            source="<b>Source</b> Daily",
            url=PAYLOAD_URL,
            quotes=payload_quotes,
        )
    )
    return found


def build(path: Path) -> Path:
    with Index.create(path) as ix:
        ix.add(articles())
    return path


@contextmanager
def served(index: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """A real `searcher serve` over `index` on a free loopback port: the process and the first line
    it printed. The port listens before that line is printed, so the address answers at once. The
    process is stopped (SIGTERM) when the block ends; its remaining output is left in
    `process.stopped` (stdout, stderr)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "searcher", "serve", "--index", str(index), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process, process.stdout.readline()
    finally:
        process.terminate()
        process.stopped = process.communicate(timeout=10)  # and closes its pipes


def announced_url(line: str) -> str:
    """The address in `searcher serve`'s first line ("Serving DIR at URL (…)")."""
    return line.split(" at ")[1].split()[0]
