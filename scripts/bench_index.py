#!/usr/bin/env python3
"""Index the acceptance corpus and report counts and speed: 300 BBC articles as .txt, 300
Reuters-21578 stories as .html, 300 more as one .jsonl, plus the seed article (901 in all).

Runs the `searcher` command as a user would: a first run, an unchanged second run, a run after
editing one file and deleting another, then the query "progressive prosecutors". Also times the
first run with one parsing process, to show what the worker processes buy.

    python scripts/bench_index.py [--shared ../shared] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = 300


def sh(*args: str, capture: bool = True) -> str:
    done = subprocess.run(args, check=True, text=True, capture_output=capture)
    return done.stdout if capture else ""


def searcher(*args: str) -> tuple[dict | str, float]:
    started = time.perf_counter()
    out = sh(sys.executable, "-m", "searcher", *args)
    seconds = time.perf_counter() - started
    try:
        return json.loads(out), seconds
    except json.JSONDecodeError:
        return out, seconds


def build_corpus(shared: Path, work: Path) -> Path:
    """Convert the shared corpora once, then lay out the 901 articles under work/corpus."""
    tool = shared / "bench" / "corpora.py"
    converted = work / "converted"
    for name in ("bbc", "reuters21578"):
        if not (converted / name / "manifest.json").exists():
            sh(sys.executable, str(tool), "convert", "--out", str(converted), "--only", name)
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    sh(
        sys.executable,
        str(tool),
        "materialize",
        "--input",
        str(converted / "bbc"),
        "--n",
        str(N),
        "--out",
        str(work / "bbc"),
        "--format",
        "txt",
    )
    sh(
        sys.executable,
        str(tool),
        "materialize",
        "--input",
        str(converted / "reuters21578"),
        "--n",
        str(2 * N),
        "--out",
        str(work / "reuters"),
        "--format",
        "html,jsonl",
    )
    shutil.copytree(work / "bbc" / "txt", corpus / "bbc")
    html_files = sorted((work / "reuters" / "html").rglob("*.html"))[:N]
    for page in html_files:
        target = corpus / "reuters-html" / page.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    # The .jsonl holds the next 300 stories, so no story is in both formats.
    records = (work / "reuters" / "jsonl" / "articles-00000.jsonl").read_text(encoding="utf-8").splitlines()
    (corpus / "reuters-records.jsonl").write_text("\n".join(records[N : 2 * N]) + "\n", encoding="utf-8")
    seed = next((shared / "seed").glob("*.txt"))
    shutil.copy(seed, corpus / "seed-krasner-progressive-prosecutors.txt")
    for leftover in ("bbc", "reuters"):
        shutil.rmtree(work / leftover)
    return corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--work", type=Path, help="working folder (default: a temporary folder)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="searcher-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(args.shared, work)
    files = sum(1 for p in corpus.rglob("*") if p.is_file())
    print(f"corpus: {files} files in {corpus}")

    index = work / "index"
    rows = []
    for label, extra in (("first run, 1 process", ["--jobs", "1"]), ("first run, all cores", [])):
        shutil.rmtree(index, ignore_errors=True)
        report, seconds = searcher("index", str(corpus), "--index", str(index), "--json", *extra)
        rows.append((label, report, seconds))
    report, seconds = searcher("index", str(corpus), "--index", str(index), "--json")
    rows.append(("second run, unchanged", report, seconds))

    edited = next((corpus / "bbc").rglob("*.txt"))
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nA paragraph added by the benchmark.\n", encoding="utf-8"
    )
    deleted = sorted((corpus / "reuters-html").glob("*.html"))[0]
    deleted.unlink()
    report, seconds = searcher("index", str(corpus), "--index", str(index), "--json")
    rows.append(("after 1 edit + 1 delete", report, seconds))

    print(
        f"\n{'run':<26}{'articles':>9}{'added':>7}{'updated':>8}{'removed':>8}{'parsed':>7}{'skipped':>8}"
        f"{'seconds':>9}{'articles/s':>11}"
    )
    for label, rep, secs in rows:
        assert isinstance(rep, dict)
        rate = (rep["added"] + rep["updated"]) / secs if rep["added"] + rep["updated"] else 0
        print(
            f"{label:<26}{rep['articles']:>9}{rep['added']:>7}{rep['updated']:>8}{rep['removed']:>8}"
            f"{rep['files_parsed']:>7}{len(rep['skipped']):>8}{secs:>9.2f}{rate:>11.0f}"
        )
    first = rows[1][2]
    print(f"\nunchanged second run: {first / rows[2][2]:.1f}x faster than the first (all cores)")
    print(f"all cores vs 1 process on the first run: {rows[0][2] / first:.2f}x")

    results, seconds = searcher("search", "progressive prosecutors", "--index", str(index), "--json")
    assert isinstance(results, dict)
    top = results["hits"][0] if results["hits"] else None
    print(f"\nsearch 'progressive prosecutors': {results['total']} hits in {seconds:.2f} s (whole command)")
    if top:
        words = [top["snippet"][a:b] for a, b in top["highlights"]]
        print(f"  first: {top['title'][:90]!r} ({top['id']})")
        print(f"  highlighted in its snippet: {words}")
    stats, _ = searcher("stats", "--index", str(index), "--json")
    assert isinstance(stats, dict)
    print(f"index size: {stats['size_bytes'] / 1e6:.1f} MB for {stats['articles']} articles")


if __name__ == "__main__":
    main()
