#!/usr/bin/env python3
"""Can a reader find an article by the text they see on its page? And what do costly queries cost?

1. Indexes the saved news pages in ../shared/data/extraction/*/pages (485 pages, three sources) and any
   FOLDER given into WORK/index, and parses the same files with `searcher.parse_path` (same ids).
2. For each article, samples queries from its own parsed title and body (deterministic with --seed, up
   to --per-article of each kind) and checks that the article is among the hits of
   `Index.search(query, limit=2000)` (a headline: among the first 5). Kinds:
     word        a word as printed, letters and digits only, common words included ("down", "the")
     possessive  a word printed with 's or ’s, queried bare ("Microsoft’s" -> Microsoft)
     compound    a hyphenated or slashed compound as printed (Coca-Cola, COVID-19, 9/11)
     accentless  a word with accents, queried without them (Beyoncé -> Beyonce)
     phrase      four consecutive words of one sentence in double quotes ("it and that was")
     headline    the title pasted as it is, found if in the top 5
   A QueryError is a miss; any other exception is a FAIL. Prints found/queries per kind beside the
   targets, then some misses of each kind.
3. Typos: one-edit typos of words found in at least --typo-min-articles articles; is the "did you
   mean" suggestion the word (or a word with its Snowball stem)? Beside it, a baseline that picks
   the collection's most frequent word within 1 (else 2) edits of the typo.
4. With --costly-index DIR: each query of a fixed list of expensive ones (wildcards, fuzzy words,
   stop-word phrases, long pastes, deep nesting) in a fresh process, with its search and open times,
   the whole `searcher search` command's time, and the process's peak RSS.

    python scripts/eval_findability.py [--shared ../shared] [--work DIR] [FOLDER ...] [--rebuild]
        [--seed 1] [--per-article 3] [--only KIND ...] [--typos 500] [--typo-min-articles 20]
        [--costly-index DIR] [--timeout 60] [--memory-cap 8192] [--jobs N]

WORK (default: searcher-findability in the temporary folder) keeps the index and the parsed articles
between runs; both are made again when the inputs or the library's files change (or with --rebuild).
Searches run in --jobs processes (default: one per core). All results go to WORK/findability.json.
Each costly query's process has --timeout seconds and an address space of --memory-cap MB, so that a
runaway query fails rather than exhausting the machine. For the costly queries, e.g. Reuters-21578:
    searcher index /tmp/searcher-bench/jsonl/reuters21578 --index /tmp/r21k -q
    python scripts/eval_findability.py --only costly --costly-index /tmp/r21k
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import searcher_command  # scripts/bench.py, beside this one

import searcher
from searcher.engine.spelling import osa_distance  # the package's one edit distance

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("word", "possessive", "compound", "accentless", "phrase", "headline")
PARTS = (*KINDS, "typos", "costly")
TARGETS = {"word": 0.995, "possessive": 0.995, "compound": 0.995, "accentless": 0.995, "phrase": 0.995}
TARGETS["headline"] = 0.97
TYPO_TARGET = 0.985
SEARCH_LIMIT = 2000
HEADLINE_TOP = 5
MISSES_SHOWN = 15
TYPO_MISSES_SHOWN = 20
MB = 1024  # ru_maxrss is in KiB on Linux
SLOW_MS = 1000
BIG_MB = 500
CAP_SHARE = 0.95  # a costly query's process this close to --memory-cap ran into it

# Inside a word: any of these hyphens or dashes, or a slash, joins two runs of letters/digits.
COMPOUND = re.compile(r"[^\W_]+(?:[-‐‑‒–/][^\W_]+)+")
POSSESSIVE = re.compile(r"(.+)['’][sS]")
# "it's", "that's": contractions, not possessives
CONTRACTED = {"it", "that", "he", "she", "there", "here", "what", "who", "let", "where", "how", "why", "when"}
SENTENCE_END = ".!?…"
LETTERS = re.compile(r"[^\W\d_]+")
ALPHABET = "abcdefghijklmnopqrstuvwxyz"

# -- the costly queries --------------------------------------------------------------------------

COMMON_WORDS = (
    "said year government market percent price company new would people time official week billion "
    "state country told last first million report bank month two group plan trade oil share rate "
    "economy president minister sales business deal union policy public expected"
).split()
# Written for this script: a paragraph as a reader might paste it into the search box.
PARAGRAPH = (
    "Oil prices rose sharply on Tuesday after producers in the Gulf said they would cut output for a "
    "third month, and traders in London and New York bought contracts for delivery in the spring. The "
    "benchmark crude price gained more than two dollars a barrel, its largest rise in a single day since "
    "the autumn, while gasoline and heating oil followed. Analysts said the cuts were deeper than the "
    "market had expected, although stocks held by refiners remained high and demand from factories in "
    "Asia was still weak. Officials at the ministry declined to say how long the lower quotas would last, "
    "but one delegate said the group would meet again next month to review the agreement and its effect."
)
NESTED = "(" * 60 + "oil" + ")" * 60
COSTLY = [  # (query, label shown instead of a long query)
    ("oil", "oil (a cheap query, for scale)"),
    ("s*", None),
    ("?*", None),
    ("*", None),
    ("*:*", None),
    ("st*", None),
    ("a*", None),
    ("o*l", None),
    ("*ing", None),
    ("oil~2", None),
    ("oil~9", None),
    ("reuters~5", None),
    ("prices~5", None),
    ("the~3", None),
    ("x~2 y~2 z~2", None),
    ("the", None),
    ('"to be or not to be"', None),
    ('"it is what it is"', None),
    ('"of the"', None),
    ("the OR a OR of OR to", None),
    (" OR ".join(COMMON_WORDS), f"{len(COMMON_WORDS)} common words joined by OR"),
    (PARAGRAPH, f"a pasted {len(PARAGRAPH.split())}-word paragraph"),
    (NESTED, "60 nested parentheses around oil"),
    ("oil AND (gas OR NOT price) -reuters", None),
    ("date:[2000 TO 2030] oil", None),
    ("title:oil~2", None),
    ('"oil prices"~10', None),
    ("prosecutr", None),
    ("Bidn administration", None),
]


# -- words as printed ----------------------------------------------------------------------------


def _edge(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def strip(token: str) -> str:
    """A whitespace-separated token without the punctuation, quotes and symbols around it."""
    start, end = 0, len(token)
    while start < end and _edge(token[start]):
        start += 1
    while end > start and _edge(token[end - 1]):
        end -= 1
    return token[start:end]


def ends_sentence(token: str) -> bool:
    """'said.' and 'there?”' end a sentence (so do abbreviations: a phrase never spans them)."""
    token = token.rstrip("\"'”’»›)]")
    return bool(token) and token[-1] in SENTENCE_END


def deaccent(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def bare(word: str) -> str:
    """The word without a possessive 's / ’s."""
    match = POSSESSIVE.fullmatch(word)
    return match.group(1) if match else word


def unique(items: list[str], key=None) -> list[str]:
    """First occurrences, in order (sets would make the sample depend on the hash seed)."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(key(item) if key else item, item)
    return list(seen.values())


# -- candidate queries of each kind ------------------------------------------------------------------


def words_of(article: dict) -> list[str]:
    return [strip(t) for t in article["body"].split()]


def word_queries(article: dict) -> list[str]:
    return unique([w for w in words_of(article) if w.isalnum()], key=str.lower)


def possessive_queries(article: dict) -> list[str]:
    found = []
    for word in words_of(article):
        stem = bare(word)
        if stem != word and stem.isalnum() and stem.lower() not in CONTRACTED:
            found.append(stem)
    return unique(found)


def compound_queries(article: dict) -> list[str]:
    return unique([w for w in words_of(article) if COMPOUND.fullmatch(w)])


def accented(word: str) -> bool:
    """Latin letters only, one at least with a diacritic: é, ü, ñ (not ½, nor Cyrillic й)."""
    if not word.isalpha() or not all("LATIN" in unicodedata.name(c, "") for c in word):
        return False
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", word))


def accentless_queries(article: dict) -> list[str]:
    return unique([deaccent(w) for w in words_of(article) if accented(w)])


def phrase_queries(article: dict) -> list[str]:
    """Every run of four words inside one sentence of one paragraph, as printed."""
    found = []
    for line in article["body"].splitlines():
        raw = line.split()
        for i in range(len(raw) - 3):
            window = raw[i : i + 4]
            words = [strip(t) for t in window]
            if any(ends_sentence(t) for t in window[:3]) or not all(words) or any('"' in w for w in words):
                continue
            found.append('"' + " ".join(words) + '"')
    return unique(found)


def headline_queries(article: dict) -> list[str]:
    return [article["title"].strip()] if article["title"].strip() else []


CANDIDATES = {
    "word": word_queries,
    "possessive": possessive_queries,
    "compound": compound_queries,
    "accentless": accentless_queries,
    "phrase": phrase_queries,
    "headline": headline_queries,
}


def sample(kind: str, article: dict, seed: int, n: int) -> list[str]:
    """Up to n queries of a kind, the same for the same seed whatever else is in the collection."""
    candidates = CANDIDATES[kind](article)
    rng = random.Random(f"{seed}/{kind}/{article['id']}")
    return rng.sample(candidates, min(n, len(candidates)))


# -- index and articles ------------------------------------------------------------------------------


def fingerprint(paths: list[Path]) -> str:
    """Names, sizes and times of every file under the paths: changes when any of them does."""
    digest = hashlib.sha1()
    for path in paths:
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def prepare(folders: list[Path], work: Path, rebuild: bool) -> tuple[Path, int, list[dict]]:
    """The index of the folders and their parsed articles, made again when the inputs or the
    library's own files changed since WORK's copies were made (an old index may be read differently)."""
    stamp = {
        "folders": [str(f) for f in folders],
        "inputs": fingerprint(folders),
        "library": fingerprint([Path(searcher.__file__).parent]),
    }
    stamp_file = work / "stamp.json"
    stale = rebuild or not stamp_file.exists() or json.loads(stamp_file.read_text()) != stamp
    cache = work / "articles.json"
    if rebuild:  # also when the index there cannot be opened at all
        shutil.rmtree(work / "index", ignore_errors=True)
    started = time.perf_counter()
    index = searcher.Index.open_or_create(work / "index", replace_outdated=True)
    with index:
        report = index.update(folders, rebuild=stale)
    log(
        f"index: {report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{len(report.skipped)} skipped ({time.perf_counter() - started:.1f} s)"
    )
    if stale or not cache.exists():
        started = time.perf_counter()
        articles = []
        for folder in folders:
            for article in searcher.parse_path(folder, on_error=lambda e: log(f"warning: {e}")):
                articles.append({"id": article.id, "title": article.title or "", "body": article.body or ""})
        cache.write_text(json.dumps(articles))
        log(f"parsed {len(articles)} articles ({time.perf_counter() - started:.1f} s)")
    else:
        articles = json.loads(cache.read_text())
    stamp_file.write_text(json.dumps(stamp))
    return work / "index", report.total, articles


# -- finding articles ----------------------------------------------------------------------------


@dataclass
class Check:
    kind: str
    query: str
    id: str
    found: bool = False
    total: int | None = None
    rank: int | None = None
    error: str | None = None  # QueryError: a miss
    fail: str | None = None  # any other exception

    def why(self) -> str:
        if self.fail:
            return f"FAIL: {self.fail}"
        if self.error:
            return f"QueryError: {self.error}"
        if self.rank is None:
            return f"not in hits (total {self.total})"
        return f"rank {self.rank}"


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def check(index: searcher.Index, kind: str, query: str, article_id: str) -> Check:
    result = Check(kind, query, article_id)
    try:
        results = index.search(query, limit=SEARCH_LIMIT)
    except searcher.QueryError as error:
        result.error = one_line(error)
        return result
    except Exception as error:  # a bug: recorded, and the run goes on
        result.fail = one_line(f"{type(error).__name__}: {error}")
        return result
    result.total = results.total
    ids = [hit.id for hit in results.hits]
    result.rank = ids.index(article_id) + 1 if article_id in ids else None
    top = HEADLINE_TOP if kind == "headline" else SEARCH_LIMIT
    result.found = result.rank is not None and result.rank <= top
    return result


def findability(
    pool: Pool, articles: list[dict], kinds: list[str], seed: int, n: int
) -> dict[str, list[Check]]:
    checks: dict[str, list[Check]] = {}
    for kind in kinds:
        started = time.perf_counter()
        tasks = [(kind, q, article["id"]) for article in articles for q in sample(kind, article, seed, n)]
        checks[kind] = pool.map(check_many, tasks)
        log(f"{kind}: {len(checks[kind])} queries ({time.perf_counter() - started:.1f} s)")
    return checks


# -- searching in worker processes ------------------------------------------------------------------

_index: searcher.Index | None = None  # a worker's own copy


def open_index(path: str) -> None:
    global _index
    _index = searcher.Index.open(path)


def check_many(tasks: list[tuple[str, str, str]]) -> list[Check]:
    assert _index is not None
    return [check(_index, *task) for task in tasks]


def suggest_many(typos: list[str]) -> list[dict]:
    assert _index is not None
    return [suggest(_index, typo) for typo in typos]


class Pool:
    """Searches spread over processes that each open the index (in order, same results as one)."""

    BATCH = 40

    def __init__(self, index_path: Path, jobs: int) -> None:
        self.path = str(index_path)
        self.executor = None
        if jobs > 1:
            context = multiprocessing.get_context("forkserver")
            self.executor = ProcessPoolExecutor(jobs, context, initializer=open_index, initargs=(self.path,))
        else:
            open_index(self.path)

    def map(self, function, items: list) -> list:
        batches = [items[i : i + self.BATCH] for i in range(0, len(items), self.BATCH)]
        run = self.executor.map(function, batches) if self.executor else map(function, batches)
        return [result for batch in run for result in batch]

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        if self.executor:
            self.executor.shutdown()


def verdict(value: float | None, target: float) -> str:
    return "n/a" if value is None else ("PASS" if value >= target else "MISS")


def shorten(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def print_findability(checks: dict[str, list[Check]], seed: int) -> dict:
    summary = {}
    print(f"{'kind':<12}{'queries':>8}{'found':>8}{'rate':>8}  {'target':<14}{'QueryError':>11}{'FAIL':>6}")
    for kind, items in checks.items():
        found = sum(c.found for c in items)
        rate = found / len(items) if items else None
        errors, fails = sum(bool(c.error) for c in items), sum(bool(c.fail) for c in items)
        target = TARGETS[kind]
        judged = f"≥ {target} {verdict(rate, target)}"
        shown = "-" if rate is None else f"{rate:.3f}"
        print(f"{kind:<12}{len(items):>8}{found:>8}{shown:>8}  {judged:<14}{errors:>11}{fails:>6}")
        summary[kind] = dict(queries=len(items), found=found, rate=rate, target=target)
        summary[kind].update(query_errors=errors, fails=fails)
    for kind, items in checks.items():
        misses = [c for c in items if not c.found]
        if not misses:
            continue
        print(f"\n{kind}: {len(misses)} misses{shown_of(misses, MISSES_SHOWN)} (query, why, article id)")
        for c in pick_misses(misses, MISSES_SHOWN, random.Random(f"{seed}/misses/{kind}")):
            print(f"  {shorten(c.query, 50):<50}  {shorten(c.why(), 60):<30}  {c.id}")
    return summary


def shown_of(misses: list, limit: int) -> str:
    return f", {limit} shown" if len(misses) > limit else ""


def pick_misses(misses: list[Check], n: int, rng: random.Random) -> list[Check]:
    """FAILs first (they are bugs), then a spread of the other misses, in the order they came."""
    fails = [c for c in misses if c.fail][:n]
    rest = [i for i, c in enumerate(misses) if not c.fail]
    chosen = sorted(rng.sample(rest, min(n - len(fails), len(rest))))
    return fails + [misses[i] for i in chosen]


# -- typos ---------------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    articles: Counter  # lowercased word -> articles containing it
    shown: dict[str, str]  # lowercased word -> its first printed form
    letter_runs: set[str]  # every run of letters, lowercased ("cola", "don"): no typo may be one


def vocabulary(articles: list[dict]) -> Vocabulary:
    """Words as printed (a token of letters only, possessive 's dropped), counted by article."""
    counts: Counter = Counter()
    shown: dict[str, str] = {}
    runs: set[str] = set()
    for article in articles:
        text = article["title"] + "\n" + article["body"]
        words = [w for w in (bare(strip(t)) for t in text.split()) if w.isalpha()]
        for word in words:
            shown.setdefault(word.lower(), word)
        counts.update({w.lower() for w in words})
        runs.update(m.lower() for m in LETTERS.findall(text))
    return Vocabulary(counts, shown, runs)


def make_typo(word: str, rng: random.Random) -> str:
    """One deletion, insertion, substitution (of a letter) or swap of two different neighbours."""
    while True:
        kind = rng.choice(("delete", "insert", "substitute", "transpose"))
        if kind == "delete":
            i = rng.randrange(len(word))
            return word[:i] + word[i + 1 :]
        if kind == "insert":
            i = rng.randrange(len(word) + 1)
            return word[:i] + rng.choice(ALPHABET) + word[i:]
        if kind == "substitute":
            i = rng.randrange(len(word))
            letter = rng.choice([c for c in ALPHABET if c != word[i].lower()])
            return word[:i] + letter + word[i + 1 :]
        i = rng.randrange(len(word) - 1)
        if word[i].lower() != word[i + 1].lower():
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def typos(vocab: Vocabulary, min_articles: int, count: int, seed: int) -> list[tuple[str, str]]:
    """(typo, word) pairs: the frequent words in a seeded order, one typo each per round."""
    frequent = sorted(w for w, n in vocab.articles.items() if n >= min_articles and len(w) >= 4)
    rng = random.Random(f"{seed}/typos")
    rng.shuffle(frequent)
    pairs: list[tuple[str, str]] = []
    made: set[str] = set()
    for attempt in range(count * 20):
        if not frequent or len(pairs) == count:
            break
        word = vocab.shown[frequent[attempt % len(frequent)]]
        typo = make_typo(word, rng)
        lowered = typo.lower()
        if lowered in vocab.articles or lowered in vocab.letter_runs or lowered in made:
            continue
        made.add(lowered)
        pairs.append((typo, word))
    return pairs


def one_edit(word: str, alphabet: str) -> set[str]:
    """Every string one OSA edit from the word."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in alphabet}
    out |= {a + c + b for a, b in splits for c in alphabet}
    out.discard(word)
    return out


class Baseline:
    """The most frequent word of the collection within 1 edit of the typo, else within 2 (ties:
    alphabetical): what a plain frequency-ranked speller would suggest."""

    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        self.alphabet = "".join(sorted({c for w in counts for c in w}))
        self.by_length: dict[int, list[str]] = {}
        for word in sorted(counts):
            self.by_length.setdefault(len(word), []).append(word)

    def suggest(self, typo: str) -> str | None:
        typo = typo.lower()
        near = [w for w in one_edit(typo, self.alphabet) if w in self.counts]
        if not near:
            lengths = range(len(typo) - 2, len(typo) + 3)
            near = [w for n in lengths for w in self.by_length.get(n, ()) if osa_distance(typo, w, 2) <= 2]
        return min(near, key=lambda w: (-self.counts[w], w)) if near else None


def run_typos(pool: Pool, articles: list[dict], min_articles: int, count: int, seed: int) -> dict:
    import Stemmer

    stem = Stemmer.Stemmer("english").stemWord
    started = time.perf_counter()
    vocab = vocabulary(articles)
    pairs = typos(vocab, min_articles, count, seed)
    baseline = Baseline(vocab.articles)

    def correct(suggestion: str | None, word: str) -> bool:
        if not suggestion:
            return False
        s, w = suggestion.strip().lower(), word.lower()
        return s == w or stem(s) == stem(w)

    items = []
    answers = pool.map(suggest_many, [typo for typo, _ in pairs])
    for (typo, word), answer in zip(pairs, answers, strict=True):
        item: dict = {"typo": typo, "word": word, **answer, "baseline": baseline.suggest(typo)}
        item["correct"] = correct(item["suggestion"], word)
        item["baseline_correct"] = correct(item["baseline"], word)
        items.append(item)
    frequent = sum(1 for w, n in vocab.articles.items() if n >= min_articles and len(w) >= 4)
    log(f"typos: {len(items)} ({time.perf_counter() - started:.1f} s)")
    return {"vocabulary": len(vocab.articles), "frequent_words": frequent, "items": items}


def suggest(index: searcher.Index, typo: str) -> dict:
    """The "did you mean" of the typo searched alone."""
    try:
        return {"suggestion": index.search(typo, limit=10).suggestion}
    except searcher.QueryError as error:
        return {"suggestion": None, "error": one_line(error)}
    except Exception as error:
        return {"suggestion": None, "fail": one_line(f"{type(error).__name__}: {error}")}


def typo_answer(item: dict) -> str:
    if "fail" in item:
        return f"FAIL: {item['fail']}"
    if "error" in item:
        return f"QueryError: {item['error']}"
    return item["suggestion"] or "(no suggestion)"


def print_typos(result: dict, min_articles: int) -> dict:
    items = result["items"]
    n = len(items)
    ours = sum(i["correct"] for i in items) / n if n else None
    base = sum(i["baseline_correct"] for i in items) / n if n else None
    words, vocabulary = result["frequent_words"], result["vocabulary"]
    print(f"\ntypos: {n} one-edit typos of {words} words in ≥ {min_articles} articles (length ≥ 4)")
    print(f"baseline vocabulary: {vocabulary} words of the articles, any count")
    print(f"{'speller':<38}{'correct':>8}{'rate':>8}")
    for name, rate in (("searcher (did you mean)", ours), ("baseline (most frequent ≤ 1-2 edits)", base)):
        shown = "-" if rate is None else f"{rate:.3f}"
        print(f"{name:<38}{round((rate or 0) * n):>8}{shown:>8}")
    beats = ours is not None and base is not None and ours >= base
    print(
        f"target: searcher ≥ {TYPO_TARGET} {verdict(ours, TYPO_TARGET)}; ≥ baseline {'PASS' if beats else 'MISS'}"
    )
    misses = [i for i in items if not i["correct"]]
    if misses:
        print(f"searcher's misses: {len(misses)}{shown_of(misses, TYPO_MISSES_SHOWN)}")
    for item in misses[:TYPO_MISSES_SHOWN]:
        said = typo_answer(item)
        print(
            f"  {item['typo']:<18} → {shorten(said, 50):<28} expected {item['word']:<16} baseline {item['baseline']}"
        )
    return {"typos": n, "searcher_rate": ours, "baseline_rate": base, "target": TYPO_TARGET}


# -- costly queries --------------------------------------------------------------------------------


def child(index_dir: str, query: str) -> None:
    """Open the index and run one search, timing each; print one JSON object."""
    _ = searcher.Index, searcher.QueryError  # imports are not the open's cost
    out: dict = {}
    started = time.perf_counter()
    try:
        index = searcher.Index.open(index_dir)
    except Exception as error:
        out["fail"] = one_line(f"{type(error).__name__}: {error}")
        print(json.dumps(out))
        return
    out["open_ms"] = (time.perf_counter() - started) * 1e3
    out["articles"] = len(index)
    started = time.perf_counter()
    try:
        out["total"] = index.search(query, limit=10).total
    except searcher.QueryError as error:
        out["error"] = one_line(error)
    except Exception as error:
        out["fail"] = one_line(f"{type(error).__name__}: {error}")
    out["search_ms"] = (time.perf_counter() - started) * 1e3
    print(json.dumps(out))


@dataclass
class Run:
    stdout: str
    stderr: str
    status: int | None  # exit status; None: killed at the timeout
    wall_ms: float
    peak_mb: float

    def problem(self) -> str | None:
        """Why the process gave no answer, if it did not."""
        if self.status is None:
            return "timeout"
        if self.status < 0:
            return f"killed by signal {-self.status}"
        if self.status != 0 or not self.stdout.strip():
            return "crash: " + (self.stderr.strip().splitlines() or [f"exit status {self.status}"])[-1]
        return None


def run_measured(cmd: list[str], timeout: float, cap_mb: int) -> Run:
    """Run a process to its end or the timeout, with its wall time and peak RSS. os.wait4 gives
    this child's own rusage; polling (not a timer) makes sure a kill never outlives the child."""
    cap = cap_mb * 2**20

    def limit() -> None:  # a runaway query fails instead of taking the machine's memory
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, preexec_fn=limit if cap_mb else None)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.001)
        wall = (time.perf_counter() - started) * 1e3
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    status = None if timed_out else proc.returncode
    return Run(stdout, stderr, status, wall, usage.ru_maxrss / MB)


def costly(index_dir: Path, timeout: float, cap_mb: int) -> list[dict]:
    rows = []
    for query, label in COSTLY:
        row: dict = {"query": query, "label": label or query}
        cmd = [sys.executable, __file__, "_child", "--index", str(index_dir), "--query", query]
        run = run_measured(cmd, timeout, cap_mb)
        row.update(child_wall_ms=run.wall_ms, peak_rss_mb=run.peak_mb)
        if run.problem():
            row["outcome"] = run.problem()
        else:
            data = json.loads(run.stdout.strip().splitlines()[-1])
            row.update(data)
            row["outcome"] = outcome(data)
        if cap_mb and run.peak_mb > CAP_SHARE * cap_mb:  # its failure is likely the cap's doing
            row["outcome"] = f"at the {cap_mb} MB cap: {row['outcome']}"
        command = [*searcher_command(), "search", query, "--index", str(index_dir)]
        run = run_measured(command, timeout, cap_mb)
        row.update(command_ms=None if run.status is None else run.wall_ms, command_peak_rss_mb=run.peak_mb)
        row.update(command_status=run.status, command_stderr=run.stderr.strip()[-500:])
        rows.append(row)
        log(f"costly: {row['label'][:40]!r}: {row['outcome'][:60]}")
    return rows


def outcome(data: dict) -> str:
    if "fail" in data:
        return f"FAIL: {data['fail']}"
    if "error" in data:
        return f"QueryError: {data['error']}"
    return f"{data['total']} hits"


def print_costly(rows: list[dict], index_dir: Path, timeout: float, cap_mb: int) -> None:
    articles = next((r["articles"] for r in rows if "articles" in r), "?")
    print(f"\ncostly queries on {index_dir} ({articles} articles); a fresh process each, limit 10")
    cap = f", address space capped at {cap_mb} MB" if cap_mb else ""
    print(f"timeout {timeout:.0f} s{cap}; ! marks search > {SLOW_MS} ms or peak RSS > {BIG_MB} MB")
    head = f"{'query':<40} {'outcome':<52}{'search ms':>10}{'open ms':>9}{'command ms':>11}{'peak MB':>9}"
    print(head)
    for r in rows:
        search_ms, open_ms = r.get("search_ms"), r.get("open_ms")
        command = "timeout" if r["command_ms"] is None else f"{r['command_ms']:.0f}"
        slow = search_ms is None or search_ms > SLOW_MS or r["outcome"] == "timeout"
        mark = "!" if slow or r["peak_rss_mb"] > BIG_MB else ""
        cells = (
            f"{shorten(r['label'], 40):<40} {shorten(r['outcome'], 52):<52}"
            f"{'-' if search_ms is None else f'{search_ms:.0f}':>10}{'-' if open_ms is None else f'{open_ms:.0f}':>9}"
            f"{command:>11}{r['peak_rss_mb']:>9.0f} {mark}"
        )
        print(cells.rstrip())


# -- main ------------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    if argv[:1] == ["_child"]:  # one costly query, in a fresh process
        ap = argparse.ArgumentParser()
        ap.add_argument("mode")
        ap.add_argument("--index", required=True)
        ap.add_argument("--query", required=True)
        return ap.parse_args(argv)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path, metavar="FOLDER", help="more article folders to index")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    default_work = Path(tempfile.gettempdir()) / "searcher-findability"
    ap.add_argument(
        "--work", type=Path, default=default_work, help=f"index, cache, results (default {default_work})"
    )
    ap.add_argument("--rebuild", action="store_true", help="index and parse again even if nothing changed")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-article", type=int, default=3, help="queries of each kind per article")
    ap.add_argument("--only", nargs="+", choices=PARTS, help="run only these kinds / parts")
    ap.add_argument("--typos", type=int, default=500, help="how many typos to try")
    ap.add_argument("--typo-min-articles", type=int, default=20, help="typos of words in at least N articles")
    ap.add_argument("--costly-index", type=Path, help="an existing index for the costly queries")
    ap.add_argument(
        "--timeout", type=float, default=60, help="seconds allowed to each costly query's process"
    )
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="searching processes")
    cap = "address-space cap in MB for those processes (0: none)"
    ap.add_argument("--memory-cap", type=int, default=8192, help=cap)
    args = ap.parse_args(argv)
    if args.only and "costly" in args.only and not args.costly_index:
        ap.error("--only costly needs --costly-index DIR")
    if args.costly_index and not args.costly_index.is_dir():
        ap.error(f"--costly-index: no folder {args.costly_index}")
    args.mode = "run"
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.mode == "_child":
        child(args.index, args.query)
        return
    parts = args.only or list(PARTS)
    kinds = [k for k in KINDS if k in parts]
    args.work.mkdir(parents=True, exist_ok=True)
    out = args.work / "findability.json"
    results: dict = {"seed": args.seed, "per_article": args.per_article}
    if kinds or "typos" in parts:
        pages = sorted((args.shared / "data" / "extraction").glob("*/pages"))
        if not pages:
            sys.exit(f"error: no pages under {args.shared / 'data' / 'extraction'} (use --shared)")
        folders = [p.resolve() for p in [*pages, *args.folders]]
        index, indexed, articles = prepare(folders, args.work.resolve(), args.rebuild)
        results["articles"] = len(articles)
        print(
            f"{len(articles)} articles parsed, {indexed} in the index; seed {args.seed}, "
            f"up to {args.per_article} queries of each kind per article, limit {SEARCH_LIMIT}\n"
        )
        with Pool(index, args.jobs) as pool:
            if kinds:
                checks = findability(pool, articles, kinds, args.seed, args.per_article)
                results["kinds"] = print_findability(checks, args.seed)
                results["checks"] = [asdict(c) for items in checks.values() for c in items]
            if "typos" in parts:
                typo_result = run_typos(pool, articles, args.typo_min_articles, args.typos, args.seed)
                results["typos"] = {**print_typos(typo_result, args.typo_min_articles), **typo_result}
    if "costly" in parts and args.costly_index:
        rows = costly(args.costly_index, args.timeout, args.memory_cap)
        print_costly(rows, args.costly_index, args.timeout, args.memory_cap)
        results["costly"] = {"index": str(args.costly_index), "rows": rows}
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    log(f"\nresults: {out}")


if __name__ == "__main__":
    main()
