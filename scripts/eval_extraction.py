#!/usr/bin/env python3
"""Score the HTML parser on the annotated pages in ../shared/data/extraction and print one table.

For each source: `searcher parse pages/ --json` (timed), `from_searcher.py extract`, then
`extract_score.py`. Run from the repository root with the package installed:

    python scripts/eval_extraction.py [--shared ../shared] [--jobs 1] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("aed-news", "trafilatura-eval", "zyte-aeb")
ROWS = [
    ("title exact", ("title", "exact")),
    ("title token F1", ("title", "token_f1")),
    ("date, same day", ("date", "day_accuracy")),
    ("date coverage", ("date", "coverage")),
    ("byline F1 (strict)", ("byline", "strict", "f1")),
    ("byline F1 (loose)", ("byline", "loose", "f1")),
    ("byline empty-ok", ("byline", "empty_ok")),
    ("body bag-of-words F1", ("body", "macro", "f1")),
    ("body zyte-style F1", ("body", "zyte_style", "f1")),
    ("body snippets F1", ("snippets", "f1")),
]


def figure(scores: dict, path: tuple[str, ...]) -> float | None:
    value = scores
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def run_source(name: str, data: Path, bench: Path, work: Path, jobs: int) -> tuple[dict, float]:
    """Scores of one source and the wall-clock seconds `searcher parse` took over its pages."""
    parsed = work / f"{name}.parsed.jsonl"
    pred = work / f"{name}.pred.jsonl"
    scores = work / f"{name}.scores.json"
    started = time.perf_counter()
    with open(parsed, "wb") as out:
        subprocess.run(
            [sys.executable, "-m", "searcher", "parse", str(data / "pages"), "--json", "--jobs", str(jobs)],
            stdout=out,
            check=True,
        )
    wall = time.perf_counter() - started
    with open(pred, "wb") as out:
        subprocess.run(
            [sys.executable, str(bench / "from_searcher.py"), "extract", str(parsed)], stdout=out, check=True
        )
    subprocess.run(
        [sys.executable, str(bench / "extract_score.py"), str(data), str(pred), "--json", str(scores)],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return json.loads(scores.read_text()), wall


def cpu_seconds_one_process(pages: list[Path]) -> float:
    """CPU time to parse `pages` in this process (reading and gunzipping included)."""
    from searcher.parse import read_file

    read_file(pages[0], pages[0].parent)  # imports and first-use costs are not per page
    started = time.process_time()
    for page in pages:
        read_file(page, page.parent)
    return time.process_time() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    ap.add_argument("--jobs", type=int, default=0, help="parsing processes (0: one per core)")
    ap.add_argument("--work", type=Path, help="keep intermediate files here (default: a temporary folder)")
    args = ap.parse_args()
    bench = args.shared / "bench"
    work = args.work or Path(tempfile.mkdtemp(prefix="searcher-extraction-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in SOURCES:
        data = args.shared / "data" / "extraction" / name
        if not data.is_dir():
            sys.exit(f"missing {data}")
        results[name] = run_source(name, data, bench, work, args.jobs)
    print(f"{'figure':<24}" + "".join(f"{name:>18}" for name in SOURCES))
    for label, path in ROWS:
        cells = [figure(results[name][0], path) for name in SOURCES]
        if all(c is None for c in cells):
            continue
        print(f"{label:<24}" + "".join(f"{'-' if c is None else f'{c:.3f}':>18}" for c in cells))
    pages = {n: sorted((args.shared / "data" / "extraction" / n / "pages").iterdir()) for n in SOURCES}
    print(f"{'pages':<24}" + "".join(f"{len(pages[n]):>18}" for n in SOURCES))
    print(
        f"{'pages/s, searcher parse':<24}"
        + "".join(f"{len(pages[n]) / results[n][1]:>18.1f}" for n in SOURCES)
    )
    cpu = {n: cpu_seconds_one_process(pages[n]) for n in SOURCES}
    print(f"{'pages per CPU-second':<24}" + "".join(f"{len(pages[n]) / cpu[n]:>18.1f}" for n in SOURCES))
    everything = sum(len(p) for p in pages.values())
    print(
        f"\nall {everything} pages: {everything / sum(cpu.values()):.1f} pages per CPU-second in one process"
    )
    print(f"searcher parse used jobs={args.jobs or 'all cores'}; intermediate files in {work}")


if __name__ == "__main__":
    main()
