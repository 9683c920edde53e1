#!/usr/bin/env python3
"""Score quote extraction and attribution on ../shared/data/quotes and print the scorer's table.

`from_searcher.py texts GOLD DIR` writes each article as a .txt file, `searcher parse DIR --json`
parses them (so quotes come through `parse_text`, first line = title), `from_searcher.py quotes
--prefix polnear/` converts the output and `quote_score.py` scores it.

Then the cost of quote finding, with `find_quotes` as is and replaced by a no-op (in turns), in
this process: on the `searcher parse --json` command itself (one process, its JSON output
included); on the parse of the .txt files as that command runs it (`parse_tasks`: files read and
parsed in chunks, each chunk's quotes found in one pass); on `parse_path` over the folder, which
reads files the same way for a library caller; and on `parse_text` alone over the texts in
memory, each article's quotes found as it is parsed (no chunk to share the finder's cached code
and tables). Run from the repository root with the package installed:

    python scripts/eval_quotes.py [--shared ../shared] [--gold FILE] [--work DIR] [--repeat 9]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path("data") / "quotes" / "polnear" / "polnear_shared.jsonl.gz"


def score(gold: Path, bench: Path, work: Path, jobs: int) -> str:
    """The scorer's table for `searcher parse` run on the gold articles written as .txt files."""
    texts = work / "texts"
    parsed = work / "parsed.jsonl"
    pred = work / "pred.jsonl"
    run = [sys.executable, str(bench / "from_searcher.py")]
    subprocess.run([*run, "texts", str(gold), str(texts)], check=True, stderr=subprocess.DEVNULL)
    with open(parsed, "wb") as out:
        parse = [sys.executable, "-m", "searcher", "parse", str(texts), "--json", "--jobs", str(jobs)]
        subprocess.run(parse, stdout=out, check=True)
    with open(pred, "wb") as out:
        subprocess.run([*run, "quotes", str(parsed), "--prefix", "polnear/"], stdout=out, check=True)
    table = subprocess.run(
        [sys.executable, str(bench / "quote_score.py"), str(gold), str(pred), "--name", "searcher parse"],
        capture_output=True,
        text=True,
        check=True,
    )
    return table.stdout


def speaker_sanity(pred: Path) -> str:
    """The speaker sanity figure of `scripts/eval_speakers.py` on the predicted speakers: how many
    open with a function word (of English, German, French or Spanish) or are no role phrase."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_speakers import ANY_FUNCTION, first_word, is_role_phrase

    speakers = [
        q["speaker"]
        for line in pred.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for q in json.loads(line)["quotes"]
        if q.get("speaker")
    ]
    bad = [s for s in speakers if not is_role_phrase(s, "en") and first_word(s) in ANY_FUNCTION]
    share = len(bad) / len(speakers) if speakers else 0.0
    return f"speaker sanity: {len(bad)} of {len(speakers)} speakers ({share:.1%}) open with a function word"


def read_texts(gold: Path) -> list[str]:
    with gzip.open(gold, "rt", encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def seconds(run: Callable[[], object]) -> float:
    """CPU seconds of one `run()`."""
    started = time.process_time()
    run()
    return time.process_time() - started


def quote_cost(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, tuple[float, float]]:
    """For each run: its best seconds with find_quotes, and with a no-op in its place.

    The two alternate, `repeat` times each, so that a busy spell of a shared machine weighs on both
    rather than on whichever ran during it.
    """
    import searcher.parse as parse_module
    import searcher.parse.text as text_module

    callers = (parse_module, text_module)  # `add_quotes`, and `parse_text` when it finds them itself
    real = text_module.find_quotes
    best: dict[str, list[float]] = {name: [float("inf"), float("inf")] for name in runs}
    for run in runs.values():
        run()  # imports and first-use costs are not per article
    try:
        for _ in range(repeat):
            for name, run in runs.items():
                for variant, finder in enumerate((real, _no_quotes)):
                    for module in callers:
                        module.find_quotes = finder  # type: ignore[attr-defined]
                    best[name][variant] = min(best[name][variant], seconds(run))
    finally:
        for module in callers:
            module.find_quotes = real  # type: ignore[attr-defined]
    return {name: (with_quotes, without) for name, (with_quotes, without) in best.items()}


def _no_quotes(body: str, language: str | None = None) -> list:
    return []


def _parse_command(folder: Path) -> None:
    """`searcher parse --json -j 1 FOLDER` through click's runner (output kept in memory): the
    command as run, with its quotes written as JSON."""
    from click.testing import CliRunner

    from searcher.cli.commands import cli

    result = CliRunner().invoke(cli, ["parse", "--json", "--jobs", "1", str(folder)])
    if result.exit_code != 0:
        sys.exit(f"searcher parse failed: {result.output[-500:]}")


def _build() -> str:
    """Whether this install runs the quote finder compiled (setup.py builds it with mypyc)."""
    import searcher.parse.quotes as quotes

    where = Path(quotes.__file__)
    return "Python source (not compiled)" if where.suffix == ".py" else f"compiled by mypyc ({where.name})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    ap.add_argument("--gold", type=Path, help=f"gold quotes (default: SHARED/{GOLD})")
    ap.add_argument("--jobs", type=int, default=0, help="parsing processes (0: one per core)")
    ap.add_argument("--repeat", type=int, default=9, help="timing runs of each kind; the best counts")
    ap.add_argument("--work", type=Path, help="keep intermediate files here (default: a temporary folder)")
    args = ap.parse_args()
    gold = args.gold or args.shared / GOLD
    bench = args.shared / "bench"
    if not gold.is_file():
        sys.exit(f"missing {gold}")
    work = args.work or Path(tempfile.mkdtemp(prefix="searcher-quotes-"))
    work.mkdir(parents=True, exist_ok=True)
    print(score(gold, bench, work, args.jobs), end="")
    print(speaker_sanity(work / "pred.jsonl"))
    texts = read_texts(gold)
    files = sorted((work / "texts").glob("*.txt"))
    from searcher.parse import parse_path
    from searcher.parse.text import parse_text
    from searcher.write.ingest import Task, parse_tasks

    tasks = [Task(str(f), str(work / "texts"), "") for f in files]
    runs = {
        "`searcher parse --json -j 1` in this process, JSON written": lambda: _parse_command(work / "texts"),
        "its parse of the .txt files (parse_tasks)": lambda: list(parse_tasks(tasks, jobs=1)),
        "parse_path over the folder (the library's way)": lambda: list(parse_path(work / "texts")),
        "parse_text alone, texts in memory": lambda: [parse_text(text) for text in texts],
    }
    print()
    for name, (with_quotes, without) in quote_cost(runs, args.repeat).items():
        n = len(texts) if "parse_text" in name else len(files)
        print(
            f"{name}: {1000 * with_quotes / n:.3f} ms/article with find_quotes, {1000 * without / n:.3f}"
            f" without; quote finding adds {100 * (with_quotes / without - 1):.0f}%"
        )
    print(f"quote finder: {_build()}")
    print(f"intermediate files in {work}")


if __name__ == "__main__":
    main()
