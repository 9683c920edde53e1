#!/usr/bin/env python3
"""Our engine beside two peers (Whoosh with default settings, tantivy) on the Reuters corpora, in one table.

For each corpus and engine: build an index (ours: the `searcher index --rebuild` command a user runs, all
cores; peers: `peers.py _build`), with wall and CPU time, peak RSS of the process tree and index size;
then peers.py's 220-query mix, top 10 with snippets, through each library (p50/p95, and overlap@10 with
whoosh-naive as a check that the engines answer the same question); then a one-shot query from the shell.
Last, 5,000 Reuters articles as .html files, indexed with 1 and 2 parsing processes. The peers and their
measurements come from ../shared/bench/peers.py, so every engine is timed the same way, except that our
build is timed from outside its process (interpreter start and imports included), the peers' inside theirs.

    python scripts/bench.py [--shared ../shared] [--work DIR] [--corpora reuters-news reuters21578]
                            [--n N] [--engines searcher whoosh-naive tantivy] [--skip-html] [--keep]

Needs `pip install -e '.[bench]'` (tantivy, psutil). The corpora are converted to JSONL under
WORK/jsonl once. `--n 3000` makes a run of a few minutes; the targets apply to the full reuters-news.
Prints a markdown table and saves the raw figures to WORK/bench-results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import importlib.util
import itertools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("reuters-news", "reuters21578")
ENGINES = ("searcher", "whoosh-naive", "tantivy")
OURS = "searcher"
PEERS = ("whoosh-naive", "tantivy")  # the ratio rows
TARGET_CORPUS = "reuters-news"
HTML_ARTICLES = 5000
QUERY_REPEATS = 3
ONE_SHOT_RUNS = 5
MB = 2**20
PR_SET_CHILD_SUBREAPER = 36  # prctl option, <linux/prctl.h>


# --------------------------------------------------------------------------
# setup: peers.py, the corpora, our command
# --------------------------------------------------------------------------


def load_peers(shared: Path) -> ModuleType:
    """Import ../shared/bench/peers.py as a module, so its helpers time every engine alike."""
    path = shared / "bench" / "peers.py"
    if not path.is_file():
        raise SystemExit(f"error: {path} not found (use --shared)")
    spec = importlib.util.spec_from_file_location("peers", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def searcher_command() -> list[str]:
    """The `searcher` console script of this interpreter's environment, as a user would type it."""
    beside = Path(sys.executable).with_name("searcher")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("searcher")
    return [found] if found else [sys.executable, "-m", "searcher"]


def run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"error: {' '.join(cmd)} failed:\n{done.stderr.strip()}")


def converted(shared: Path, work: Path, corpus: str) -> Path:
    """WORK/jsonl/CORPUS, converted from the shared archives the first time (it takes minutes)."""
    folder = work / "jsonl" / corpus
    if not (folder / "manifest.json").exists():
        print(f"converting {corpus} to {folder} ...", file=sys.stderr)
        tool = shared / "bench" / "corpora.py"
        run([sys.executable, str(tool), "convert", "--out", str(work / "jsonl"), "--only", corpus])
    return folder


def record_count(folder: Path) -> int:
    return int(json.loads((folder / "manifest.json").read_text())["records"])


def first_records(peers: ModuleType, folder: Path, n: int, dest: Path) -> Path:
    """The first N records, in the order peers.py reads them, as one JSONL file for our command."""
    out = dest / "articles.jsonl"
    if out.exists():
        return dest
    dest.mkdir(parents=True, exist_ok=True)
    with open(out.with_suffix(".part"), "w", encoding="utf-8") as sink:
        sink.writelines(itertools.islice(records(peers.jsonl_files(folder)), n))
    out.with_suffix(".part").rename(out)
    return dest


def records(files: list[Path]) -> Iterator[str]:
    for file in files:
        with open(file, encoding="utf-8") as lines:
            yield from (line.rstrip("\n") + "\n" for line in lines if line.strip())


def html_pages(shared: Path, folder: Path, count: int, work: Path) -> Path:
    """COUNT articles as .html pages under WORK (written once), the input of the HTML ingest runs."""
    out = work / ("html5k" if count == HTML_ARTICLES else f"html{count}")
    pages = out / "html"
    if not (pages.is_dir() and sum(1 for _ in pages.rglob("*.html")) == count):
        shutil.rmtree(out, ignore_errors=True)
        tool = shared / "bench" / "corpora.py"
        cmd = [sys.executable, str(tool), "materialize", "--input", str(folder), "--n", str(count)]
        run([*cmd, "--out", str(out), "--format", "html"])
    return pages


# --------------------------------------------------------------------------
# measurements
# --------------------------------------------------------------------------


def adopt_orphans() -> bool:
    """Make this process the subreaper of its descendants (Linux). Our parsing workers are children of
    multiprocessing's forkserver, which outlives `searcher` and would be reaped by init: their CPU time
    would never reach RUSAGE_CHILDREN. As subreaper we reap it ourselves (`reap_orphans`)."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap_orphans(patience: float = 10.0) -> None:
    """Wait for the descendants a finished command left behind, so their CPU time is counted."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)
    log("warning: a process left by the last command is still running; its CPU time is not counted")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def index_ours(peers: ModuleType, source: Path, index: Path, timeout: float, jobs: int | None = None) -> dict:
    """`searcher index --rebuild` as a subprocess: wall from outside (process start included), CPU of the
    whole tree (rusage of reaped descendants), peak tree RSS sampled by peers.run_sampled."""
    shutil.rmtree(index, ignore_errors=True)
    cmd = [*searcher_command(), "index", "--index", str(index), "--rebuild", "--json"]
    cmd += ["-j", str(jobs)] if jobs else []
    cpu, started = children_cpu(), time.perf_counter()
    report, peak, status = peers.run_sampled([*cmd, str(source)], timeout)
    wall = time.perf_counter() - started
    reap_orphans()
    cpu = children_cpu() - cpu
    if report is None:
        return {"error": status}
    return {
        "docs": report["articles"],
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_rss_mb": peak / MB,
        "skipped": len(report.get("skipped", [])),
        "report": report,
    }


def index_peer(peers: ModuleType, engine: str, jsonl: Path, n: int, index: Path, timeout: float) -> dict:
    """peers.py's `_build` child; its wall and CPU are measured inside the process."""
    cmd = [sys.executable, peers.__file__, "_build", "--engine", engine, "--jsonl", str(jsonl)]
    data, peak, status = peers.run_sampled([*cmd, "--n", str(n), "--index", str(index)], timeout)
    if data is None:
        return {"error": status}
    return {**data, "peak_rss_mb": peak / MB}


def query(peers: ModuleType, engine: str, index: Path, queries: Path, shared: Path, timeout: float) -> dict:
    """The query mix in a fresh process: ours through this script's `_query`, a peer through peers.py's."""
    if engine == OURS:
        cmd = [sys.executable, __file__, "_query", "--shared", str(shared)]
    else:
        cmd = [sys.executable, peers.__file__, "_query", "--engine", engine]
    cmd += ["--index", str(index), "--queries", str(queries), "--repeats", str(QUERY_REPEATS)]
    data, peak, status = peers.run_sampled(cmd, timeout)
    if data is None:
        return {"error": status}
    return {**data, "peak_rss_mb": peak / MB}


def one_shot_ours(index: Path, words: str, runs: int) -> dict:
    """A fresh `searcher search WORDS --index IDX --limit 10`, like peers.cold_start does for the peers."""
    cmd = [*searcher_command(), "search", words, "--index", str(index), "--limit", "10"]
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        walls.append(time.perf_counter() - started)
        if done.returncode != 0:
            return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return {
        "median_ms": statistics.median(walls) * 1e3,
        "min_ms": min(walls) * 1e3,
        "lines": len(done.stdout.strip().splitlines()),
    }


def overlap(reference: list[list[str]], ids: list[list[str]]) -> float | None:
    """Share of whoosh-naive's top 10 that an engine also returns (mean over queries with hits), as peers.py."""
    shares = [len(set(a) & set(b)) / len(a) for a, b in zip(reference, ids, strict=True) if a]
    return statistics.fmean(shares) if shares else None


# --------------------------------------------------------------------------
# one corpus, the HTML ingest
# --------------------------------------------------------------------------


def bench_corpus(peers: ModuleType, args: argparse.Namespace, corpus: str, results: dict, save) -> None:
    """Fill results["corpora"][corpus], saving after each engine so a failed run leaves its figures."""
    folder = converted(args.shared, args.work, corpus)
    n = min(args.n, record_count(folder)) if args.n else record_count(folder)
    ours_input = (
        folder if not args.n else first_records(peers, folder, n, args.work / "input" / f"{corpus}-{n}")
    )
    queries = peers.make_queries(str(folder), n, 200, 20, 7)
    qfile = args.work / f"queries-{corpus}-{n}.json"
    qfile.write_text(json.dumps(queries))
    words = peers.pick_cold_query(str(folder), n, queries)
    result: dict = {"n": n, "one_shot_query": words, "queries": len(queries), "engines": {}}
    results["corpora"][corpus] = result
    for engine in args.engines:
        index = args.work / "idx" / f"{corpus}-{n}-{engine}"
        entry: dict = {"loadavg_before": list(os.getloadavg())}
        result["engines"][engine] = entry
        log(f"[{corpus} n={n}] {engine}: indexing")
        if engine == OURS:
            entry["build"] = index_ours(peers, ours_input, index, args.timeout)
        else:
            entry["build"] = index_peer(peers, engine, folder, n, index, args.timeout)
        if "error" not in entry["build"]:
            entry["index_mb"] = peers.dir_size(index) / MB
            log(f"[{corpus} n={n}] {engine}: {entry['build']['wall_s']:.1f} s; querying")
            entry["query"] = query(peers, engine, index, qfile, args.shared, args.timeout)
            if engine == OURS:
                entry["one_shot"] = one_shot_ours(index, words, ONE_SHOT_RUNS)
            else:
                entry["one_shot"] = peers.cold_start(engine, index, words, ONE_SHOT_RUNS)
        if not args.keep:
            shutil.rmtree(index, ignore_errors=True)
        save()
    reference = result["engines"].get("whoosh-naive", {}).get("query", {}).get("top_ids")
    for entry in result["engines"].values():
        ids = entry.get("query", {}).pop("top_ids", None)
        if reference and ids:
            entry["overlap10"] = overlap(reference, ids)


def bench_html(peers: ModuleType, args: argparse.Namespace) -> dict:
    """Parsing saved pages is the slow part of indexing them; two processes should nearly halve it."""
    folder = converted(args.shared, args.work, "reuters-news")
    count = min(args.n, HTML_ARTICLES) if args.n else HTML_ARTICLES
    pages = html_pages(args.shared, folder, count, args.work)
    index = args.work / "idx" / f"html-{count}"
    result: dict = {"articles": count}
    for jobs in (1, 2):
        log(f"[html {count}] searcher -j {jobs}")
        result[f"j{jobs}"] = index_ours(peers, pages, index, args.timeout, jobs=jobs)
    if not args.keep:
        shutil.rmtree(index, ignore_errors=True)
    if "error" not in result["j1"] and "error" not in result["j2"]:
        result["speedup"] = result["j1"]["wall_s"] / result["j2"]["wall_s"]
    return result


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------

COLUMNS = (
    "corpus",
    "engine",
    "articles",
    "index wall s",
    "CPU s",
    "articles/s",
    "peak RSS MB",
    "index MB",
    "query+snippets p50 ms",
    "p95 ms",
    "one-shot ms",
    "overlap@10",
)


def fmt(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "-"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.{digits}f}"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def times(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}×"


def figures(entry: dict) -> dict:
    """The numbers one engine row shows (None where a step failed)."""
    build, snip = entry.get("build", {}), entry.get("query", {}).get("modes", {}).get("snippet", {})
    wall = build.get("wall_s")
    return {
        "docs": build.get("docs"),
        "wall": wall,
        "cpu": build.get("cpu_s"),
        "rate": ratio(build.get("docs"), wall),
        "rss": build.get("peak_rss_mb") or None,
        "size": entry.get("index_mb"),
        "p50": snip.get("p50_ms"),
        "p95": snip.get("p95_ms"),
        "one_shot": entry.get("one_shot", {}).get("median_ms"),
        "overlap": entry.get("overlap10"),
    }


def labelled(name: str, error: str | None) -> str:
    """An engine's name, with why a step failed (shortened, and safe inside a table cell)."""
    return f"{name} ({error[:90].replace('|', '/')})" if error else name


def row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


# (figure, decimals) for the numeric columns after "articles"; RATIOS get an "ours / peer" row
NUMBERS = (("wall", 2), ("cpu", 2), ("rate", 1), ("rss", 1), ("size", 1), ("p50", 2), ("p95", 2),
           ("one_shot", 1), ("overlap", 2))  # fmt: skip
RATIOS = ("wall", "rss", "size", "p50", "p95", "one_shot")


def engine_row(corpus: str, engine: str, entry: dict) -> str:
    f = figures(entry)
    error = entry.get("build", {}).get("error") or entry.get("query", {}).get("error")
    error = error or entry.get("one_shot", {}).get("error")
    name = labelled(engine, error)
    docs = f"{f['docs']:,}" if f["docs"] is not None else "-"
    return row(corpus, name, docs, *(fmt(f[key], digits) for key, digits in NUMBERS))


def ratio_row(corpus: str, engines: dict, peer: str) -> str:
    ours, other = figures(engines[OURS]), figures(engines[peer])
    cells = (times(ratio(ours[key], other[key])) if key in RATIOS else "" for key, _ in NUMBERS)
    return row(corpus, f"ours / {peer}", "", *cells)


def html_rows(html: dict) -> list[str]:
    corpus = f"reuters-news as {html['articles']:,} .html"
    lines = []
    for jobs in (1, 2):
        build = html[f"j{jobs}"]
        f = figures({"build": build})
        name = labelled(f"searcher -j {jobs}", build.get("error"))
        docs = f"{f['docs']:,}" if f["docs"] is not None else "-"
        lines.append(
            row(corpus, name, docs, *(fmt(f[key], digits) for key, digits in NUMBERS[:4]), *[""] * 5)
        )
    lines.append(row(corpus, "speedup -j 2 vs -j 1", "", times(html.get("speedup")), *[""] * 8))
    return lines


def table(results: dict) -> str:
    lines = [row(*COLUMNS), row("---", "---", *["---:"] * (len(COLUMNS) - 2))]
    for corpus, res in results["corpora"].items():
        engines = res["engines"]
        lines += [engine_row(corpus, engine, entry) for engine, entry in engines.items()]
        lines += [ratio_row(corpus, engines, peer) for peer in PEERS if OURS in engines and peer in engines]
        startup = fmt(results["python_startup_ms"])
        lines.append(row(corpus, "`python -c pass`", *[""] * 7, "", "", startup, ""))
    if "html" in results:
        lines += html_rows(results["html"])
    return "\n".join(lines)


def check(value: float | None, limit: float, at_least: bool = False) -> str:
    if value is None:
        return "n/a"
    return "PASS" if (value >= limit if at_least else value <= limit) else "MISS"


def targets(results: dict) -> str:
    """The targets, judged on reuters-news (or, in a run without it, on the corpus that ran)."""
    corpora = results["corpora"]
    corpus = TARGET_CORPUS if TARGET_CORPUS in corpora else next(iter(corpora), None)
    engines = corpora[corpus]["engines"] if corpus else {}
    ours = figures(engines.get(OURS, {}))
    naive = figures(engines.get("whoosh-naive", {}))
    speedup = results.get("html", {}).get("speedup")
    rss_gb = ours["rss"] / 1024 if ours["rss"] else None
    items = [
        ("index wall ≤ 0.25×", ratio(ours["wall"], naive["wall"]), 0.25, False, times),
        ("index peak RSS ≤ 1.5 GB", rss_gb, 1.5, False, lambda x: f"{x:.2f} GB"),
        ("HTML ingest -j 2/-j 1 ≥ 1.7", speedup, 1.7, True, times),
        ("query p50 ≤ 0.3×", ratio(ours["p50"], naive["p50"]), 0.3, False, times),
        ("query p95 ≤ 0.3×", ratio(ours["p95"], naive["p95"]), 0.3, False, times),
        ("one-shot ≤ 0.35×", ratio(ours["one_shot"], naive["one_shot"]), 0.35, False, times),
        ("index size ≤ 1.2×", ratio(ours["size"], naive["size"]), 1.2, False, times),
    ]
    judged = [
        f"{name}: {'-' if v is None else show(v)} {check(v, limit, least)}"
        for name, v, limit, least, show in items
    ]
    where = f"{corpus}, {corpora[corpus]['n']:,} articles" if corpus else "no corpus"
    if corpus != TARGET_CORPUS or results["n_cap"]:
        where += "; the targets are set for the full reuters-news"
    return f"Targets (ours vs whoosh-naive; {where}): " + "; ".join(judged) + "."


# --------------------------------------------------------------------------
# the `_query` child: our library, as peers.child_query times the peers
# --------------------------------------------------------------------------


def child_query(args: argparse.Namespace) -> None:
    """Open the index, a warm-up pass (whose top-10 ids are kept), then timed passes; one JSON line."""
    peers = load_peers(args.shared)
    queries = json.loads(Path(args.queries).read_text())
    texts = [peers.qtext(q, "whoosh") for q in queries]
    started = time.perf_counter()
    from searcher import Index

    index = Index.open(args.index)
    result: dict = {"open_s": time.perf_counter() - started, "top_ids": [search(index, t) for t in texts]}
    passes = []
    for _ in range(args.repeats):
        walls, cpus = [], []
        for text in texts:
            cpu, wall = time.process_time(), time.perf_counter()
            search(index, text)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        passes.append(
            {
                "p50_ms": peers.pct(walls, 0.5) * 1e3,
                "p95_ms": peers.pct(walls, 0.95) * 1e3,
                "mean_ms": statistics.fmean(walls) * 1e3,
                "max_ms": max(walls) * 1e3,
                "cpu_p50_ms": peers.pct(cpus, 0.5) * 1e3,
            }
        )
    mode = {key: statistics.median(p[key] for p in passes) for key in passes[0]}
    kinds: dict[str, list[float]] = {}
    for q, wall in zip(queries, walls, strict=True):
        kinds.setdefault(q["kind"], []).append(wall)
    mode["by_kind_p50_ms"] = {kind: peers.pct(ws, 0.5) * 1e3 for kind, ws in kinds.items()}
    result["modes"] = {"snippet": {**mode, "passes": passes}}  # our hits always carry their snippet
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index.close()
    print(json.dumps(result))


def search(index, text: str) -> list[str]:
    """Top 10 with snippets, reading what a caller shows: each hit's title and snippet."""
    ids = []
    for hit in index.search(text, limit=10):
        _ = (hit.title, hit.snippet, hit.highlights)
        ids.append(hit.id)
    return ids


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def versions() -> dict:
    """What ran: interpreter, cores, packages, and the commit of our code (dirty: uncommitted edits)."""
    git = ["git", "-C", str(ROOT), "describe", "--always", "--dirty"]
    described = subprocess.run(git, capture_output=True, text=True).stdout.strip()
    found = {"python": platform.python_version(), "cpus": os.cpu_count(), "searcher_git": described or None}
    for name in ("news-searcher", "whoosh-reloaded", "whoosh", "tantivy", "psutil"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    return found


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    if argv is None:
        argv = sys.argv[1:]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    if argv[:1] == ["_query"]:  # the child process
        ap.add_argument("mode")
        ap.add_argument("--index", required=True)
        ap.add_argument("--queries", required=True)
        ap.add_argument("--repeats", type=int, default=QUERY_REPEATS)
        return ap.parse_args(argv)
    default_work = Path(tempfile.gettempdir()) / "searcher-bench"
    ap.add_argument(
        "--work", type=Path, default=default_work, help=f"scratch folder (default {default_work})"
    )
    ap.add_argument("--corpora", nargs="+", choices=CORPORA, default=list(CORPORA))
    ap.add_argument("--n", type=int, help="at most N articles per corpus (quick runs)")
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), help="searcher and peers.py engines")
    ap.add_argument("--skip-html", action="store_true", help="skip the HTML ingest runs")
    ap.add_argument("--keep", action="store_true", help="keep the indexes under WORK/idx")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed to each build or query run")
    args = ap.parse_args(argv)
    args.mode = "run"
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    args.shared = args.shared.resolve()
    if args.mode == "_query":
        child_query(args)
        return
    peers = load_peers(args.shared)
    unknown = set(args.engines) - {OURS, *peers.ENGINES}
    if unknown:
        raise SystemExit(f"error: unknown engine(s) {', '.join(sorted(unknown))}")
    if not adopt_orphans():
        log("warning: cannot become a subreaper; CPU time of our parsing workers may be missing")
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    # An installed package has its bytecode compiled; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would compile every module on every one-shot run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "searcher")], check=False)
    out = args.work / "bench-results.json"
    results: dict = {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "n_cap": args.n,
        "versions": versions(),
        "searcher_command": searcher_command(),
        "python_startup_ms": peers.cold_start_base(ONE_SHOT_RUNS)["median_ms"],
        "corpora": {},
    }

    def save() -> None:
        out.write_text(json.dumps(results, indent=1))

    for corpus in args.corpora:
        bench_corpus(peers, args, corpus, results, save)
        save()
    if not args.skip_html and OURS in args.engines:
        results["html"] = bench_html(peers, args)
    results["table"] = table(results)
    results["targets"] = targets(results)
    save()
    print(results["table"])
    print()
    print(results["targets"])
    log(f"\nraw results: {out}")


if __name__ == "__main__":
    main()
