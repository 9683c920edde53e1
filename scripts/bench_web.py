#!/usr/bin/env python3
"""Time the web page: server-side milliseconds per page type (p50, p95) and start-up.

    python scripts/bench_web.py --index DIR [--rounds 3]

Starts `searcher serve` on a free port over DIR, as a user would, and requests each kind of page
over HTTP: searches (a fixed mix of words, phrases and a common word), searches narrowed by a
facet value, sorted by date, page 5, articles, speaker pages, quote searches and the JSON API.
The time reported is the server's own (its ``Server-Timing`` header: from the request to the
response's start), so the HTTP client's overhead is left out. Each request is made once as a
warm-up, then `--rounds` times. Start-up is the time from launching the command to its first
answered page, and to its "Serving" line.

Needs the web extra (pip install -e '.[web]').
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from bench_search import DEFAULT_QUERIES, p95

QUERIES = [*DEFAULT_QUERIES[1:], "greenspan", "said"]  # the searches' mix, its commonest word last


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    began = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "searcher", "serve", "--index", args.index, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()
        announced = time.perf_counter() - began
        if not line.startswith("Serving "):
            sys.exit(f"searcher serve did not start: {line}{server.stderr.read()}")
        base = line.split(" at ")[1].split()[0].rstrip("/")
        _json(base + "/api/stats")  # the port listens once announced: this waits for the server
        first_page = time.perf_counter() - began
        print(
            f"start-up: 'Serving' line after {announced:.2f} s, first page answered after {first_page:.2f} s"
        )
        run(base, args.rounds)
    finally:
        server.terminate()
        server.communicate(timeout=10)


def run(base: str, rounds: int) -> None:
    urls = kinds_of_page(base)
    print(f"\n{'page':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    everything = []
    for kind, paths in urls.items():
        times = []
        for path in paths:
            _timed(base + path)  # warm-up: the first request of a URL
            times += [_timed(base + path) for _ in range(rounds)]
        everything += times
        print(
            f"{kind:<14} {len(times):>8} {statistics.median(times):>8.1f} {p95(times):>8.1f} {max(times):>8.1f}"
        )
    print(f"{'all':<14} {len(everything):>8} {statistics.median(everything):>8.1f} {p95(everything):>8.1f}")


def kinds_of_page(base: str) -> dict[str, list[str]]:
    """The URLs of each kind of page, chosen from what the index holds."""
    first = _json(
        base
        + "/api/search?"
        + urllib.parse.urlencode({"q": QUERIES[0], "facet": ["source", "speaker"]}, doseq=True)
    )
    ids = [hit["id"] for hit in first["hits"][:8]]
    speakers = [v["value"] for v in first.get("facets", {}).get("speaker", [])[:5]]
    sources = [v["value"] for v in first.get("facets", {}).get("source", [])[:2]]
    q = urllib.parse.quote
    return {
        "search": [f"/?q={q(text)}" for text in QUERIES],
        "search+facet": [
            f"/?q={q(text)}&source={q(source)}" for text in QUERIES[:4] for source in sources[:1]
        ]
        + [f"/?q={q(QUERIES[0])}&speaker={q(name)}" for name in speakers[:3]],
        "search newest": [f"/?q={q(text)}&sort=newest" for text in QUERIES[:4]],
        "search page 5": [f"/?q={q(text)}&page=5" for text in QUERIES[:4]],
        "article": [f"/article/{q(article_id, safe='')}" for article_id in ids],
        "speaker": [f"/speaker/{q(name, safe='')}" for name in speakers],
        "quotes": [f"/quotes?q={q(text)}" for text in QUERIES[:4]],
        "api/search": [f"/api/search?q={q(text)}" for text in QUERIES],
    }


def _timed(url: str) -> float:
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        timing = response.headers["Server-Timing"]
    return float(timing.split("dur=")[1])


def _json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())


if __name__ == "__main__":
    main()
