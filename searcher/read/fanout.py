"""One search over the shards of a collection, each shard searched on its own (on the worker of a
cluster that holds it), merged into the page one index over the same articles gives.

Query, then fetch (Elasticsearch's ``dfs_query_then_fetch``):

1. The coordinator parses the query once, against every shard's words, so that wildcards, fuzzy
   words and common words expand as one index expands them, and gathers the statistics BM25 counts
   for its terms (`globalstats`; kept between queries by `StatisticsCache`).
2. Each shard ranks its best ``start + limit`` hits, or with `collapse` its best stories, scoring
   with those statistics, and counts its facets (`search_shard`). Only these travel back: scores,
   ids, story groups and counts, never a result set.
3. The coordinator merges them (`merge`): by score or date, equal ones by article id, the order one
   index gives (`ties`); with `collapse`, each story's best copy over every shard. A story in the
   global top ``n`` is in the top ``n`` of the shard holding its best copy, so the shards' tops hold it.
4. The shards read and mark the page's hits, list the matching copies of its stories, and say
   which stories other shards matched that they also match (`fetch_shard`), so that the story
   count is exact: a story counts where its group is homed (the shard of the article it is named
   after), and once more only where its home shard does not match it. A shallow page without
   `collapse` is read in step 2 instead, each shard marking its whole top: one trip, not two.

Where the shards run is the caller's (`Runner`): in this process, or as tasks on a Dask cluster.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq

from ..engine import budget, columntables, whoosh_fixes
from ..engine.globalstats import Statistics, StatisticsCache, scoring_searcher
from ..engine.matching import Evaluation, Unsupported
from ..engine.routing import shard_of
from ..engine.schema import DUP_GROUP, ID, SOURCE_NAME
from ..engine.scoring import weighting
from .facets import count as facet_count
from .facets import merge_counts
from .highlights import Marks, marks
from .search import (
    NEWEST_FIRST,
    OLDEST_FIRST,
    Hit,
    Results,
    SearchRequest,
    better_spelling,
    cursor,
    marked_hit,
    parse_request,
    rank_page,
    story_codes,
)

# Without collapse, the shards read and mark their tops as they rank them when that makes at most
# this many hits for each place the shards run (a worker): each shard marks its whole top, which
# costs snippets the page never shows, and saves a second trip to the workers.
MARKED_WITH_QUERY = 40
EVERY_VALUE = 1 << 30  # a shard's facet counts are merged whole: none is cut before the sum


class Runner:
    """Runs `function(shard, payload)` where each shard lives, for (shard number, payload) pairs,
    and returns the results in the same order (`shard` is the shard's open `Index` there). After a
    call, `busiest` is the seconds the busiest place spent on its tasks, `places` how many there are."""

    busiest: float = 0.0
    places: int = 1

    def __call__(self, function: Callable[[Any, Any], Any], tasks: Sequence[tuple[int, Any]]) -> list[Any]:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class ShardSearch:
    """What a shard is asked in the query phase: the parsed query, the whole collection's
    statistics, and the search with its page moved to the top (``start + limit`` wanted)."""

    query: wq.Query
    statistics: Statistics | None
    request: SearchRequest
    shard: int
    shards: int
    marked: bool = False  # read and mark the top hits now (a shallow page without collapse)


@dataclass(slots=True)
class ShardAnswer:
    """A shard's best hits (or stories: each its best copy here) as (sort key, id, document number,
    story), best first; its matches; facet counts; with `collapse`, how many of the stories it
    matches are homed here, and the others it matches by name."""

    total: int
    top: list[tuple[float, str, int, str]]
    facets: dict[str, list[tuple[str, int]]]
    homed: int = 0
    away: list[str] = field(default_factory=list)
    hits: dict[int, Hit] = field(default_factory=dict)  # the top, read and marked when asked


@dataclass(frozen=True, slots=True)
class ShardFetch:
    """What a shard is asked in the fetch phase: its hits of the page (document number and score),
    the page's stories (their matching copies wanted) and stories other shards matched that are
    homed here (is any copy matched here?)."""

    query: wq.Query
    statistics: Statistics | None
    request: SearchRequest
    hits: tuple[tuple[int, float], ...]
    stories: tuple[str, ...] = ()
    homed: tuple[str, ...] = ()


@dataclass(slots=True)
class Fetched:
    hits: dict[int, Hit]
    copies: dict[str, list[tuple[float, str, str]]]  # story -> (sort key, id, source) matched here
    homed: int  # how many of the stories asked about are matched here


@dataclass(slots=True)
class Timings:
    """Where a fanned-out search spent its time, in milliseconds: parsing and statistics on the
    coordinator, the busiest worker in each phase (its shards' work), the merge, a spelling suggestion (counted on the
    coordinator, for a query that finds little), and the rest (`overhead`: tasks travelling)."""

    statistics: float = 0.0
    shard_search: float = 0.0
    merge: float = 0.0
    fetch: float = 0.0
    suggestion: float = 0.0
    total: float = 0.0

    @property
    def overhead(self) -> float:
        spent = self.statistics + self.shard_search + self.merge + self.fetch + self.suggestion
        return max(0.0, self.total - spent)


class FanOut:
    """Searches a sharded index shard by shard through `runner`. `coordinator` is the sharded
    index opened here (its shards' words and statistics are read from it, never their postings)."""

    def __init__(self, coordinator, runner: Runner, *, own_statistics: bool = False) -> None:
        self.coordinator = coordinator
        self.runner = runner
        self.own_statistics = own_statistics  # each shard scores with its own counts: a control
        self.cache = StatisticsCache()
        self.timings = Timings()

    def search(self, request: SearchRequest) -> Results:
        with budget.deadline(request.text):
            return self._search(request)

    def _search(self, request: SearchRequest) -> Results:
        if request.expand:
            raise ValueError("expand is not offered on a cluster: its feedback words need every hit")
        if request.after is not None and request.collapse:
            raise ValueError("a cursor with collapse is not offered on a cluster: a story spans shards")
        started = time.perf_counter()
        timings = self.timings = Timings()
        searcher = self.coordinator._get_searcher()
        builder = self.coordinator._builder
        query = parse_request(searcher, builder, request.text, request)
        statistics = None if self.own_statistics else self.cache.statistics(searcher.reader(), query)
        shards = len(self.coordinator.shards)
        top_request = dataclasses.replace(request, offset=0, page=1, limit=request.start + request.limit)
        timings.statistics = _ms(started)

        # A shallow page without collapse is read with the ranking: one trip to the workers, not two.
        marked = not request.collapse and shards * (request.start + request.limit) <= MARKED_WITH_QUERY * max(
            1, self.runner.places
        )
        asked = [(n, ShardSearch(query, statistics, top_request, n, shards, marked)) for n in range(shards)]
        answers: list[ShardAnswer] = self.runner(search_shard, asked)
        timings.shard_search = self.runner.busiest * 1000

        merging = time.perf_counter()
        page = merge(answers, request)
        away: dict[int, set[str]] = {}
        for answer in answers:
            for story in answer.away:
                away.setdefault(shard_of(story, shards), set()).add(story)
        stories = tuple(story for _key, _id, _shard, _docnum, story in page) if request.collapse else ()
        timings.merge = _ms(merging)

        fetches = []
        for n in range(shards):
            mine = tuple((docnum, key) for key, _id, shard, docnum, _story in page if shard == n)
            homed = tuple(sorted(away.get(n, ())))
            if (mine and not marked) or stories or homed:
                fetches.append((n, ShardFetch(query, statistics, request, mine, stories, homed)))
        fetched: list[Fetched] = self.runner(fetch_shard, fetches) if fetches else []
        timings.fetch = self.runner.busiest * 1000 if fetches else 0.0

        hits_of = {
            (n, docnum): hit for n, answer in enumerate(answers) for docnum, hit in answer.hits.items()
        }
        hits_of.update(
            ((n, docnum), hit)
            for (n, _task), f in zip(fetches, fetched, strict=True)
            for docnum, hit in f.hits.items()
        )
        copies = _copies(fetched, request.sort) if request.collapse else {}
        hits = []
        for rank, (_key, article_id, shard, docnum, story) in enumerate(page, start=request.start + 1):
            others = tuple(source for _k, i, source in copies.get(story, ()) if i != article_id)
            hits.append(dataclasses.replace(hits_of[(shard, docnum)], rank=rank, copies=others))
        total = sum(a.total for a in answers)
        suggesting = time.perf_counter()
        suggestion = better_spelling(searcher, builder, request, total)
        timings.suggestion = _ms(suggesting)
        story_count = None
        if request.collapse:
            unmatched_at_home = sum(len(ids) for ids in away.values()) - sum(f.homed for f in fetched)
            story_count = sum(a.homed for a in answers) + unmatched_at_home
        results = Results(
            query=request.text,
            total=total,
            hits=hits,
            page=request.shown_page,
            limit=request.limit,
            suggestion=suggestion,
            offset=request.start,
            facets=merge_counts([a.facets for a in answers], request.facets),
            stories=story_count,
            after=None if request.after is None else cursor(*request.after),
        )
        timings.total = _ms(started)
        return results


class LocalRunner(Runner):
    """Shards open in this process: each task run here, in turn."""

    def __init__(self, shards: Sequence) -> None:
        self.shards = shards

    def __call__(self, function, tasks):
        began = time.perf_counter()
        done = [function(self.shards[n], payload) for n, payload in tasks]
        self.busiest = time.perf_counter() - began
        return done


def local_runner(shards: Sequence) -> Runner:
    return LocalRunner(shards)


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000


def rank_key(sort: str) -> Callable[[tuple], tuple]:
    """The order of (sort key, id, …) items: best score first, oldest or newest first; equal
    ones by id, as one index orders them."""
    if sort == "relevance" or sort == "-date":
        return lambda item: (-item[0], item[1])
    return lambda item: (item[0], item[1])


def merge(answers: Sequence[ShardAnswer], request: SearchRequest) -> list[tuple[float, str, int, int, str]]:
    """The page: (sort key, id, shard, document number, story) of each of its hits, from the
    shards' tops; with `collapse`, each story once, by its best copy over every shard."""
    key = rank_key(request.sort)
    items = [
        (score, article_id, shard, docnum, story)
        for shard, answer in enumerate(answers)
        for score, article_id, docnum, story in answer.top
    ]
    items.sort(key=key)
    if request.collapse:
        seen: set[str] = set()
        best = []
        for item in items:
            if item[4] not in seen:
                seen.add(item[4])
                best.append(item)
        items = best
    return items[request.start : request.start + request.limit]


def _copies(fetched: Sequence[Fetched], sort: str) -> dict[str, list[tuple[float, str, str]]]:
    """Each shown story's matching copies over every shard, in rank order."""
    found: dict[str, list[tuple[float, str, str]]] = {}
    for part in fetched:
        for story, members in part.copies.items():
            found.setdefault(story, []).extend(members)
    key = rank_key(sort)
    return {story: sorted(members, key=key) for story, members in found.items()}


# -- on the shard ---------------------------------------------------------------------------------


def _shard_searcher(index, statistics: Statistics | None):
    """A searcher over the shard's open reader that scores with the whole collection's statistics."""
    reader = index._get_searcher().reader()
    return scoring_searcher(reader, weighting(), statistics)


def search_shard(index, task: ShardSearch) -> ShardAnswer:
    """The query phase on one shard (see the module's docstring)."""
    request = task.request
    searcher = _shard_searcher(index, task.statistics)
    reader = searcher.reader()
    if not reader.doc_count_all():  # an empty shard (more shards than articles)
        return ShardAnswer(0, [], {name: [] for name in request.facets})
    if request.collapse or request.facets:
        columntables.tables(reader)  # a shard's process answers many searches: its tables pay
    with budget.deadline(request.text):
        ranking = rank_page(searcher, task.query, request)
    ids = reader.column_reader(ID)
    groups = reader.column_reader(DUP_GROUP)
    top = [(score, ids[d], d, _story(groups[d], ids[d])) for score, d, _copies in ranking.shown]
    counted = (
        facet_count(reader, ranking.everything, request.facets, EVERY_VALUE, tables=ranking.tables)
        if request.facets and ranking.everything is not None
        else {}
    )
    answer = ShardAnswer(ranking.total, top, counted)
    if task.marked:
        wanted = marks(task.query)
        answer.hits = {
            d: marked_hit(0, searcher.stored_fields(d), score, wanted) for score, d, _c in ranking.shown
        }
    if request.collapse and ranking.everything is not None:
        answer.homed, answer.away = _stories_by_home(reader, ranking.everything, task.shard, task.shards)
    return answer


def _story(group: str, article_id: str) -> str:
    """A story's name: its group, or for an article in none, the article's id (its own story)."""
    return group or article_id


def _stories_by_home(reader, matches, shard: int, shards: int) -> tuple[int, list[str]]:
    """How many distinct stories among `matches` are homed in this shard, and the others' names.
    An article in no group is its own story, homed where it is (a story's home is the shard of the
    id it is named by)."""
    tables = columntables.tables(reader)
    group = tables.text["group"]
    codes = story_codes(tables)[matches]
    present = columntables.numpy_module().unique(codes).tolist()
    named = [code for code in present if code < len(group.values) and group.values[code]]
    away = sorted(name for name in (group.values[code] for code in named) if shard_of(name, shards) != shard)
    return len(present) - len(away), away


def fetch_shard(index, task: ShardFetch) -> Fetched:
    """The fetch phase on one shard (see the module's docstring)."""
    searcher = _shard_searcher(index, task.statistics)
    reader = searcher.reader()
    if not reader.doc_count_all():
        return Fetched({}, {}, 0)
    wanted: Marks = marks(task.query)
    hits = {
        docnum: marked_hit(0, searcher.stored_fields(docnum), score, wanted) for docnum, score in task.hits
    }
    copies: dict[str, list[tuple[float, str, str]]] = {}
    homed = 0
    if task.stories or task.homed:
        ids = reader.column_reader(ID)
        groups = reader.column_reader(DUP_GROUP)
        sources = reader.column_reader(SOURCE_NAME)
        stories, asked_homed = set(task.stories), set(task.homed)
        matched_homed = set()
        members = _members(reader, stories | asked_homed)
        for docnum, key in _sort_keys(searcher, task.query, task.request, members).items():
            story = _story(groups[docnum], ids[docnum])
            if story in stories:
                copies.setdefault(story, []).append((key, ids[docnum], sources[docnum] or ""))
            if story in asked_homed:
                matched_homed.add(story)
        homed = len(matched_homed)
    return Fetched(hits, copies, homed)


def _members(reader, stories: set[str]) -> list[int]:
    """The live documents of these stories in this shard: the members of each group so named, and
    an article of no group whose id it is."""
    tables = columntables.tables(reader)
    np = columntables.numpy_module()
    group = tables.text["group"]
    index = tables.derived.get("group_index")
    if index is None:
        index = tables.derived["group_index"] = {value: n for n, value in enumerate(group.values)}
    codes = [index[story] for story in stories if story in index]
    found = np.flatnonzero(np.isin(group.codes, codes)).tolist() if codes else []
    if "" in index:  # articles of no group: their story is their id
        empty = index[""]
        for story in stories:
            docnum = reader.first_id(ID, story) if reader.doc_frequency(ID, story) else None
            if docnum is not None and group.codes[docnum] == empty:
                found.append(docnum)
    return [d for d in found if not reader.is_deleted(d)]


def _sort_keys(searcher, query: wq.Query, request: SearchRequest, docnums: list[int]) -> dict[int, float]:
    """The sort key (score, or date key as a hit's score) of each of `docnums` matching the search."""
    if not docnums:
        return {}
    allowed = set(docnums)
    if request.filter_query is not None:
        allowed &= set(searcher.docs_for_query(request.filter_query))
    if not allowed:
        return {}
    if request.sort == "relevance":  # scores as `matching` sums them, where it evaluates the query
        try:
            evaluation = Evaluation(searcher, query, allowed)
        except Unsupported:
            pass
        else:
            return {docnum: score for score, docnum in evaluation.ranked(None)}
    order = None if request.sort == "relevance" else NEWEST_FIRST if request.sort == "-date" else OLDEST_FIRST
    found, _total = whoosh_fixes.ranked(
        searcher, query, limit=len(allowed), sortedby=order, reverse=request.sort == "-date", filter=allowed
    )
    return {docnum: float(key or 0.0) for key, docnum in found}
