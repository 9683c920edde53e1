"""Running a query: hits with their fields, scores and highlighted snippets.

Snippets mark the query's own words and phrases, found again in each hit's stored text
(`highlights`). A snippet is plain text plus ``[start, end)`` spans to highlight, so every renderer
(terminal, JSON, HTML) can mark them its own way. A query that finds few articles gets a "did
you mean" (`suggestions`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from whoosh import highlight, sorting
from whoosh import query as wq

from ..article import format_date
from ..engine import budget, collector, columntables, ties, whoosh_fixes
from ..engine.matching import Evaluation, Unsupported
from ..engine.schema import (
    BODY,
    DATE,
    DUP_GROUP,
    ID,
    MISSING_DATE,
    PATH,
    SOURCE,
    SOURCE_NAME,
    TITLE,
    URL,
    stored_body,
    stored_byline,
    stored_date,
    stored_title,
)
from ..errors import QueryError, QueryTimeoutError
from . import feedback
from .facets import check_facets, tables_for
from .facets import count as facet_count
from .highlights import Marks, marks, places
from .query import QueryBuilder, bag_of_words
from .suggestions import suggest

Sort = Literal["relevance", "date", "-date"]
SORTS: tuple[str, ...] = ("relevance", "date", "-date")
SNIPPET_CHARS = 240
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text and the spans in it that matched the query."""

    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching article: its fields (no body), its score and a highlighted snippet."""

    rank: int
    id: str
    title: str
    date: dt.date | dt.datetime | None
    byline: list[str]
    source: str | None
    url: str | None
    path: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]]
    title_highlights: list[tuple[int, int]]
    # With collapse: the other copies of this story in the results, by their sources.
    copies: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the command's and the web page's): plain types, the date as ISO 8601."""
        data = {
            "rank": self.rank,
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "date": format_date(self.date),
            "byline": list(self.byline),
            "source": self.source,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
            "title_highlights": [list(span) for span in self.title_highlights],
        }
        if self.copies:
            data["copies"] = list(self.copies)
        return data


@dataclass(frozen=True, slots=True)
class Results:
    """One page of hits, the exact number of matching articles, and a spelling suggestion."""

    query: str
    total: int
    hits: list[Hit]
    page: int = 1
    limit: int = 10
    suggestion: str | None = None
    offset: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # With collapse: how many distinct stories the matching articles tell.
    stories: int | None = None
    # The cursor this page starts after (`SearchRequest.after`), its ranks counted from there.
    after: str | None = None

    @property
    def next_after(self) -> str | None:
        """The cursor of the page after this one (`SearchRequest.after`), None on a last page."""
        if len(self.hits) < self.limit:
            return None
        last = self.hits[-1]
        return cursor(last.score, last.id)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index: int) -> Hit:
        return self.hits[index]

    @property
    def pages(self) -> int:
        shown = self.stories if self.stories is not None else self.total
        return max(1, -(-shown // self.limit))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the page's hits (`Hit.to_dict`), counts, facets and the suggestion."""
        data: dict[str, Any] = {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "offset": self.offset,
            "limit": self.limit,
            "hits": [hit.to_dict() for hit in self.hits],
            "suggestion": self.suggestion,
        }
        if self.facets:
            data["facets"] = {
                name: [{"value": v, "articles": n} for v, n in counts] for name, counts in self.facets.items()
            }
        if self.stories is not None:
            data["stories"] = self.stories
        if self.after is not None:
            data["after"] = self.after
        data["next_after"] = self.next_after
        return data


class _SpanFormatter(highlight.Formatter):
    """Turns Whoosh's fragments into one `Snippet` instead of marked-up text."""

    def format(self, fragments, replace=False) -> Snippet:
        pieces: list[str] = []
        spans: list[tuple[int, int]] = []
        length = 0
        ordered = sorted(fragments, key=lambda f: f.startchar)
        for n, fragment in enumerate(ordered):
            text = fragment.text
            if n == 0:
                lead = ELLIPSIS if fragment.startchar > 0 else ""
            else:
                lead = " " if fragment.startchar <= ordered[n - 1].endchar + 1 else f" {ELLIPSIS} "
            pieces.append(lead)
            length += len(lead)
            offset = length - fragment.startchar
            for token in sorted(fragment.matches, key=lambda t: t.startchar):
                if spans and token.startchar + offset < spans[-1][1]:
                    continue
                spans.append((token.startchar + offset, token.endchar + offset))
            piece = text[fragment.startchar : fragment.endchar]
            pieces.append(piece)
            length += len(piece)
        if ordered and ordered[-1].endchar < len(ordered[-1].text.rstrip()):
            pieces.append(ELLIPSIS)
        return collapse_whitespace("".join(pieces), spans)


def collapse_whitespace(text: str, spans: Sequence[tuple[int, int]]) -> Snippet:
    """One line of text with single spaces, the spans moved to match."""
    moved = []
    for a, b in spans:
        new_a, new_b = _collapsed_index(text, a), _collapsed_index(text, b)
        if new_a < new_b:
            moved.append((new_a, new_b))
    return Snippet(" ".join(text.split()), moved)


def _collapsed_index(text: str, i: int) -> int:
    """Where position `i` of `text` lands once whitespace runs are single spaces and the ends
    trimmed: a character after a run lands after its space."""
    before = text[:i]
    length = len(" ".join(before.split()))
    if i < len(text) and length and before[-1:].isspace():
        length += 1
    return length


def _distinct_words(fragment) -> float:
    """Fragments holding more of the query's different words (a phrase, not one word twice) win."""
    return len({t.text for t in fragment.matches}) * 10 + len(fragment.matches)


def _highlighter(maxchars: int, surround: int, trim: bool) -> highlight.Highlighter:
    return highlight.Highlighter(
        fragmenter=highlight.PinpointFragmenter(maxchars=maxchars, surround=surround, autotrim=trim),
        scorer=_distinct_words,
        formatter=_SpanFormatter(),
        order=highlight.FIRST,
    )


_BODY_HIGHLIGHTER = _highlighter(maxchars=SNIPPET_CHARS // 2, surround=50, trim=True)
_TITLE_HIGHLIGHTER = _highlighter(maxchars=100_000, surround=100_000, trim=False)


def lead_snippet(body: str, chars: int = SNIPPET_CHARS) -> Snippet:
    """The start of the body, cut at a word boundary, for hits with no match in the body."""
    text = " ".join(body.split())
    if len(text) <= chars:
        return Snippet(text)
    cut = text.rfind(" ", 0, chars)
    return Snippet(text[: cut if cut > chars // 2 else chars] + ELLIPSIS)


def _undated_first(value: int) -> int:
    return -1 if value == MISSING_DATE else value


# Undated articles hold the column's default, the largest number: they come last when the oldest
# come first; for newest first they are moved below every real date, so they come last there too.
OLDEST_FIRST = sorting.FieldFacet(DATE)
NEWEST_FIRST = sorting.TranslateFacet(_undated_first, sorting.FieldFacet(DATE))
_SORT_FACETS = {"relevance": None, "date": OLDEST_FIRST, "-date": NEWEST_FIRST}
# Date order from the evaluator's matches and the warmed column tables (`_date_ranking`); False:
# always Whoosh's sorting search (the same hits, slower: for comparison).
FAST_DATE_SORT = True


# How deep pages go: the hits before a page are ranked to find it, so page 1,000 of 10 costs as
# much as one page of 10,000 (Elasticsearch's `index.max_result_window` is the same). Further on, a
# cursor walks: each page names the one after it (`Results.next_after`, `SearchRequest.after`).
MAX_DEPTH = 10_000


def cursor(score: float, article_id: str) -> str:
    """The cursor after a hit: its score (or date key, as its `score` says) and its id."""
    return f"{score!r}:{article_id}"


def read_cursor(token: str) -> tuple[float, str]:
    """(score, id) from `cursor`'s text; `ValueError` for anything else."""
    score, colon, article_id = token.partition(":")
    try:
        value = float(score)
    except ValueError:
        value = float("nan")
    if not colon or not article_id or value != value:
        raise ValueError(f"{token!r} is not a cursor (a hit's next_after: score:id)")
    return value, article_id


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """One search as asked: the query text and every option that shapes its page of results.

    Checked when made (`ValueError` for a bad sort, limit, page, offset or facet, or a page deeper
    than `MAX_DEPTH`); `facets` is kept as a tuple without repeats. `filter_query` is a Whoosh query
    the hits must also match. `after` (a cursor's (score, id)) starts the page after that hit,
    instead of at a page or offset.
    """

    text: str
    limit: int = 10
    page: int = 1
    offset: int | None = None
    sort: Sort = "relevance"
    filter_query: wq.Query | None = None
    any_words: bool = False
    facets: Sequence[str] = ()
    collapse: bool = False
    expand: bool = False
    now: dt.datetime | None = None
    after: tuple[float, str] | None = None

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")
        if self.limit < 1 or self.page < 1 or (self.offset is not None and self.offset < 0):
            raise ValueError("limit and page must be at least 1, offset at least 0")
        if self.start + self.limit > MAX_DEPTH:
            raise ValueError(
                f"pages reach {MAX_DEPTH:,} hits deep; walk further from a page's next_after (--after)"
            )
        if self.after is not None and self.start:
            raise ValueError("a page after a cursor starts there: no page or offset with it")
        object.__setattr__(self, "facets", tuple(check_facets(self.facets)))

    @property
    def start(self) -> int:
        """How many hits come before the page: `offset` when given, else the pages before `page`."""
        return self.offset if self.offset is not None else (self.page - 1) * self.limit

    @property
    def shown_page(self) -> int:
        """The page number to report: `page`, or with `offset` the page the first hit falls on."""
        return self.page if self.offset is None else self.start // self.limit + 1


def run_search(searcher, builder: QueryBuilder, request: SearchRequest) -> Results:
    """Search an open Whoosh searcher. Raises `QueryError` for a query that cannot be understood.

    `offset` (hits to skip) overrides `page`. With `collapse`, near-duplicates fold into the
    best-ranked copy and paging counts stories. `facets` count the whole result set. With
    `expand`, the words the best hits share reorder the hits (pseudo-relevance feedback).
    Past the time budget (`budget.TIME_BUDGET`) it raises `QueryTimeoutError`.
    """
    with budget.deadline(request.text):
        return _search(searcher, builder, request)


def _search(searcher, builder: QueryBuilder, request: SearchRequest) -> Results:
    """`run_search` within its deadline: the page ranked (`rank_page`), then its hits marked."""
    built = parse_request(searcher, builder, request.text, request)
    wanted = marks(built)  # the words as typed: not those `expand` adds
    if request.expand:
        built = feedback.rerank(searcher, built, filter_query=request.filter_query)
    ranking = rank_page(searcher, built, request)
    start = request.start
    hits = [
        marked_hit(start + n + 1, searcher.stored_fields(docnum), score, wanted, copies)
        for n, (score, docnum, copies) in enumerate(ranking.shown)
    ]
    return _results(
        searcher, builder, request, ranking.total, hits, ranking.everything, ranking.stories, ranking.tables
    )


@dataclass(slots=True)
class Ranking:
    """A search's page before its hits are read: `shown` holds (score, document number, sources of
    the story's other copies) for each hit of the page; `everything` the matches facets count and
    collapsing folded (document numbers, or None when neither was asked), with `tables` when the
    column tables counted them; `stories` the number of stories with `collapse`."""

    total: int
    shown: list[tuple[float, int, tuple[str, ...]]]
    everything: Any = None
    stories: int | None = None
    tables: columntables.Tables | None = None


def rank_page(searcher, built: wq.Query, request: SearchRequest) -> Ranking:
    """The page of `request` for the parsed query `built`: from `matching`'s evaluation when it
    evaluates the query (by score, or by date from warmed column tables), else from Whoosh's search."""
    if request.after is not None:
        return _ranking_after(searcher, built, request)
    if request.sort == "relevance":
        with collector.paused():  # the evaluation makes no cycles, only large containers
            evaluation = evaluate(searcher, built, request.filter_query)
            if evaluation is not None:
                ranking = _fast_ranking(searcher, request, evaluation)
                del evaluation  # its sets and lists go now, before the collector is back
                return ranking
    elif FAST_DATE_SORT:
        tables = columntables.built(searcher.reader())
        if tables is not None and tables.stamps is not None:
            with collector.paused():
                evaluation = evaluate(searcher, built, request.filter_query)
                if evaluation is not None:
                    ranking = _date_ranking(searcher, request, evaluation, tables)
                    del evaluation
                    return ranking
    return _whoosh_ranking(searcher, request, built)


def _ranking_after(searcher, built: wq.Query, request: SearchRequest) -> Ranking:
    """The page after a cursor: every match keyed (score, or date key), those at or before the
    cursor left out (with `collapse`, the whole story of each), the best `limit` of the rest. Its
    cost is one ranking of every match, however deep the cursor."""
    reader = searcher.reader()
    keyed = _every_match_keyed(searcher, built, request)
    first = request.sort == "date"  # smaller keys first; else larger
    at, after_id = request.after  # type: ignore[misc]
    ids = reader.column_reader(ID)

    def passed(item: tuple[float, int]) -> bool:
        key = item[0]
        if key != at:
            return key < at if first else key > at
        return ids[item[1]] <= after_id

    gone: list[tuple[float, int]] = []
    rest: list[tuple[float, int]] = []
    for item in keyed:
        (gone if passed(item) else rest).append(item)
    tables = tables_for(reader, len(keyed), len(request.facets), request.collapse)
    tie = ties.id_key(reader, tables)

    def rank_order(item: tuple[float, int]) -> tuple[float, int]:
        return (item[0] if first else -item[0], item[1])

    everything = [docnum for _key, docnum in keyed] if request.facets or request.collapse else None
    stories = None
    if request.collapse:
        story = _story_of(reader, tables)
        left_out = {story(docnum) for _key, docnum in gone}
        rest = sorted((item for item in rest if story(item[1]) not in left_out), key=rank_order)
        shown = _first_stories(rest, story, tie, request.limit)
        stories = len({story(docnum) for docnum in everything or ()})
        members: dict[Any, list[tuple[float, int]]] = {story(docnum): [] for _key, docnum in shown}
        for item in keyed:  # the shown stories' copies, in rank order
            if story(item[1]) in members:
                members[story(item[1])].append(item)
        for copies in members.values():
            copies.sort(key=rank_order)
        sources = reader.column_reader(SOURCE_NAME)
        picked = []
        for key, docnum in shown:
            others = ties.settle(members[story(docnum)], tie)
            picked.append((key, docnum, tuple(sources[d] or "" for _k, d in others if d != docnum)))
    else:
        top = ties.settle(ties.top_with_ties(rest, request.limit, rank_order), tie, 0, request.limit)
        picked = [(key, docnum, ()) for key, docnum in top]
    shown_page = [(float(key), docnum, copies) for key, docnum, copies in picked]
    return Ranking(len(keyed), shown_page, everything, stories, tables)


def _every_match_keyed(searcher, built: wq.Query, request: SearchRequest) -> list[tuple[float, int]]:
    """(score or date key, document number) of every match, in no order."""
    if request.sort == "relevance":
        evaluation = evaluate(searcher, built, request.filter_query)
        if evaluation is not None:
            return evaluation.scored()
    found = whoosh_fixes.search(
        searcher,
        built,
        limit=None,
        sortedby=_SORT_FACETS[request.sort],
        reverse=request.sort == "-date",
        filter=request.filter_query,
    )
    return [(float(key or 0.0), docnum) for key, docnum in found.top_n]


def _story_of(reader, tables: columntables.Tables | None) -> Callable[[int], Any]:
    """A document's story, as collapsing names it: from the tables' codes, else its group column."""
    if tables is not None:
        return story_codes(tables).__getitem__
    groups = reader.column_reader(DUP_GROUP)
    return lambda docnum: groups[docnum] or f"#{docnum}"


def _first_stories(ranked: list[tuple[float, int]], story, tie, limit: int) -> list[tuple[float, int]]:
    """The best copy of each of the first `limit` stories of `ranked` (in rank order, complete),
    equal keys by id: the ranking settled as far as it must be, doubling."""
    size = 2 * limit
    while True:
        settled = ties.settle(ranked, tie, 0, size)
        seen: set = set()
        best = []
        for item in settled:
            if story(item[1]) not in seen:
                seen.add(story(item[1]))
                best.append(item)
        if len(best) >= limit or size >= len(ranked):
            return best[:limit]
        size *= 2


def _date_ranking(
    searcher, request: SearchRequest, evaluation: Evaluation, tables: columntables.Tables
) -> Ranking:
    """`_whoosh_ranking` for a date order, from the matches of an `Evaluation` sorted on the date
    column of the tables (warmed ones: `Index.warm`), nothing scored. Whoosh's `SortingCollector`
    sorts (key, document number) pairs, reversed for newest first: the same keys here
    (`OLDEST_FIRST`, `NEWEST_FIRST`), which are also its hits' scores, equal ones by article id as
    `whoosh_fixes.ranked` orders them."""
    np = columntables.numpy_module()
    start, limit = request.start, request.limit
    matches = columntables.matches(evaluation)
    stamps = tables.stamps[matches]
    ids = ties.id_ranks(searcher.reader(), tables)[matches]  # equal dates by article id
    if request.sort == "-date":
        keys = stamps.astype(np.int64)
        keys[stamps == np.uint64(MISSING_DATE)] = -1  # `_undated_first`
        ordered = matches[np.lexsort((ids, -keys))]
    else:
        ordered = matches[np.lexsort((ids, stamps))]

    def key(docnum: int) -> float:
        stamp = int(tables.stamps[docnum])
        return float(-1 if request.sort == "-date" and stamp == MISSING_DATE else stamp)

    stories = None
    if request.collapse:
        positions, copies = collapse_ranked(tables, ordered, start, limit)
        stories = len(positions)
        picked = [(int(ordered[p]), copies.get(p, ())) for p in positions[start : start + limit]]
    else:
        picked = [(docnum, ()) for docnum in ordered[start : start + limit].tolist()]
    shown = [(key(docnum), docnum, copied) for docnum, copied in picked]
    everything = ordered if request.collapse or request.facets else None
    return Ranking(evaluation.total, shown, everything, stories, tables)


def parse_request(searcher, builder: QueryBuilder, text: str, request: SearchRequest) -> wq.Query:
    """`text` (the query or a spelling of it) parsed as `request` reads queries."""
    return builder.parse(text, now=request.now, any_words=request.any_words, reader=searcher.reader())


def _whoosh_ranking(searcher, request: SearchRequest, built: wq.Query) -> Ranking:
    """`rank_page` by Whoosh's own search: for date order and queries `matching` can't run."""
    start, limit = request.start, request.limit
    reader = searcher.reader()
    order = {"sortedby": _SORT_FACETS[request.sort], "reverse": request.sort == "-date"}
    tables = None
    if request.collapse:  # every match ranked, equal ones by id (from the tables' id ranks if they pay)
        every = whoosh_fixes.search(searcher, built, limit=None, filter=request.filter_query, **order)
        total = len(every)
        tables = tables_for(reader, total, len(request.facets), True)
        if tables is not None:
            ties.id_ranks(reader, tables)
        found = ties.settle(list(every.top_n), ties.id_key(reader, tables))
    else:
        found, total = whoosh_fixes.ranked(
            searcher, built, limit=start + limit, filter=request.filter_query, **order
        )
    everything: list[int] | None = None
    if request.collapse:  # in ranked order for collapsing
        everything = [docnum for _, docnum in found]
    elif request.facets:  # in any order for facets
        everything = _all_matches(searcher, built, request.filter_query)
    stories = None
    if everything is not None and tables is None:
        tables = tables_for(reader, len(everything), len(request.facets), request.collapse)
    if request.collapse:
        assert everything is not None
        if tables is not None:
            ranked, copies = collapse_ranked(tables, everything, start, limit)
        else:
            ranked, copies = _collapse(reader, everything)
        stories = len(ranked)
        picked = [(found[position], copies.get(position, ())) for position in ranked[start : start + limit]]
    else:
        picked = [(item, ()) for item in found[start : start + limit]]
    shown = [(float(score or 0.0), docnum, copied) for (score, docnum), copied in picked]
    return Ranking(total, shown, everything, stories, tables)


def _results(
    searcher,
    builder: QueryBuilder,
    request: SearchRequest,
    total: int,
    hits: list[Hit],
    everything,
    stories: int | None,
    tables: columntables.Tables | None = None,
) -> Results:
    """The page of hits with its facet counts (over `everything` matched: document numbers, a list
    or a numpy array) and spelling suggestion; the counts from `tables` when given."""
    counted = (
        facet_count(searcher.reader(), everything, request.facets, tables=tables)
        if request.facets and everything is not None
        else {}
    )
    return Results(
        query=request.text,
        total=total,
        hits=hits,
        page=request.shown_page,
        limit=request.limit,
        suggestion=better_spelling(searcher, builder, request, total),
        offset=request.start,
        facets=counted,
        stories=stories,
        after=None if request.after is None else cursor(*request.after),
    )


def evaluate(searcher, built, filter_query) -> Evaluation | None:
    """The query evaluated by `matching` (exact scores, set-based matching), or None when it holds
    clauses only Whoosh's own search handles."""
    try:
        allowed = None if filter_query is None else set(searcher.docs_for_query(filter_query))
        return Evaluation(searcher, built, allowed)
    except Unsupported:
        return None


def _fast_ranking(searcher, request: SearchRequest, evaluation: Evaluation) -> Ranking:
    """`rank_page` from an `Evaluation`: the same hits, scores and totals as Whoosh's search."""
    start, limit = request.start, request.limit
    total = evaluation.total
    stories = None
    everything = None
    tables = None
    if request.collapse or request.facets:
        tables = tables_for(searcher.reader(), total, len(request.facets), request.collapse)
    if tables is not None:
        everything = columntables.matches(evaluation)
    if request.collapse:
        if tables is not None:
            ranked, positions, copies, stories = _collapse_top(evaluation, tables, everything, start, limit)
        else:
            ranked = evaluation.ranked(None)
            everything = [docnum for _, docnum in ranked]
            positions, copies = _collapse(searcher.reader(), everything)
            stories = len(positions)
        shown = [(*ranked[p], copies.get(p, ())) for p in positions[start : start + limit]]
    else:
        shown = [(score, docnum, ()) for score, docnum in evaluation.ranked(start + limit)[start:]]
        if request.facets and everything is None:
            everything = evaluation.all_docs()
    return Ranking(total, shown, everything, stories, tables)


def marked_hit(rank: int, stored: dict, score: float, wanted: Marks | None, copies=()) -> Hit:
    """A hit with its snippet and title marked (`wanted` None: the start of the body, unmarked)."""
    body = stored_body(stored)
    title = stored_title(stored)
    body_snippet = title_snippet = None
    if wanted is not None:
        body_snippet = _pinpoint(_BODY_HIGHLIGHTER, body, places(body, BODY, wanted), top=2)
        title_snippet = _pinpoint(_TITLE_HIGHLIGHTER, title, places(title, TITLE, wanted), top=1)
    return _make_hit(rank, stored, score, body_snippet or lead_snippet(body), title_snippet, title, copies)


def _pinpoint(highlighter: highlight.Highlighter, text: str, chars: dict, top: int) -> Snippet | None:
    """Whoosh's `Highlighter.highlight_hit` given the matched words' (pos, startchar, endchar)
    directly instead of analysing the whole text to find them. Its fragmenter
    (`PinpointFragmenter`), scorer (`_distinct_words`), `top_fragments` and order (`FIRST`) are
    followed step by step on plain tuples; only the fragments kept become Whoosh objects."""
    if not text or not chars:
        return None
    fragmenter = highlighter.fragmenter
    charlimit = fragmenter.charlimit
    spans: list[tuple[int, int, str]] = []
    for word, occurrences in chars.items():
        for _pos, startchar, endchar in occurrences:
            if charlimit and endchar > charlimit:
                break
            spans.append((startchar, endchar, word))
    spans.sort(key=_first)
    # Of the words starting at the same character, the longest (the first of the longest).
    tokens: list[tuple[int, int, str]] = []
    for span in spans:
        if tokens and tokens[-1][0] == span[0]:
            if span[1] - span[0] > tokens[-1][1] - tokens[-1][0]:
                tokens[-1] = span
        else:
            tokens.append(span)
    maxchars, surround, autotrim = fragmenter.maxchars, fragmenter.surround, fragmenter.autotrim
    fragments: list[tuple[int, int, int, list[tuple[int, int, str]]]] = []  # score, start, end, matches
    count = len(tokens)
    textlen = len(text)
    j = -1
    for i, (left, right, _word) in enumerate(tokens):
        if j >= i:
            continue
        j = i
        if charlimit and right > charlimit:
            break
        currentlen = right - left
        while j < count - 1 and currentlen < maxchars:
            next_start, next_end, _ = tokens[j + 1]
            if next_end - right <= surround and next_end - left <= maxchars:
                j += 1
                right = next_end
                currentlen += next_end - next_start
            else:
                break
        matches = tokens[i : j + 1]
        left = left - surround if left > surround else 0
        right = right + surround if right + surround < textlen else textlen
        if autotrim:  # PinpointFragmenter._autotrim
            space = text.find(" ", left, right)
            if space > 0:
                left = space + 1
            space = text.rfind(" ", left, right)
            if space > 0:
                right = space
            left = min(left, matches[0][0])
            right = max(right, matches[-1][1])
        score = len({word for _, _, word in matches}) * 10 + len(matches)  # _distinct_words
        fragments.append((score, left, right, matches))
    # top_fragments: heapq.nlargest of (score, fragment), fragments comparing by start; at least
    # score 1; then in order of start (FIRST).
    best = sorted(fragments, key=_score_then_start, reverse=True)[:top]
    best = [fragment for fragment in best if fragment[0] >= 1]
    best.sort(key=_start)
    snippet = highlighter.formatter.format(
        [
            _Piece(text, [_Match(word, start, end) for start, end, word in matches], left, right)
            for _score, left, right, matches in best
        ]
    )
    if isinstance(snippet, Snippet) and snippet.highlights:
        return snippet
    return None


class _Piece:
    """A kept fragment, with what `_SpanFormatter` reads of Whoosh's `Fragment`."""

    __slots__ = ("endchar", "matches", "startchar", "text")

    def __init__(self, text: str, matches: list[_Match], startchar: int, endchar: int) -> None:
        self.text, self.matches, self.startchar, self.endchar = text, matches, startchar, endchar


class _Match:
    """A matched word in a fragment, with what `_SpanFormatter` reads of Whoosh's `Token`."""

    __slots__ = ("endchar", "startchar", "text")

    def __init__(self, text: str, startchar: int, endchar: int) -> None:
        self.text, self.startchar, self.endchar = text, startchar, endchar


def _first(span: tuple[int, int, str]) -> int:
    return span[0]


def _score_then_start(fragment: tuple) -> tuple[int, int]:
    return fragment[0], fragment[1]


def _start(fragment: tuple) -> int:
    return fragment[1]


def _all_matches(searcher, built, filter_query) -> list[int]:
    """Every matching document number, unscored (for facets)."""
    whole = built if filter_query is None else wq.And([built, filter_query])
    return list(budget.checked(searcher.docs_for_query(whole)))


def _collapse(reader, ranked_docnums: list[int]) -> tuple[list[int], dict[int, tuple[str, ...]]]:
    """Positions (in rank order) of the best copy of each story, and the sources of its other copies."""
    groups = reader.column_reader(DUP_GROUP)
    sources = reader.column_reader(SOURCE_NAME)
    first_of: dict[str, int] = {}
    members: dict[int, list[str]] = {}
    for position, docnum in enumerate(ranked_docnums):
        group = groups[docnum] or f"#{docnum}"
        if group not in first_of:
            first_of[group] = position
            members[position] = []
        else:
            members[first_of[group]].append(sources[docnum] or "")
    copies = {position: tuple(found) for position, found in members.items() if found}
    return list(first_of.values()), copies


def collapse_ranked(
    tables: columntables.Tables, ranked_docnums, start: int = 0, limit: int | None = None
) -> tuple[list[int], dict[int, tuple[str, ...]]]:
    """`_collapse` from the column tables: the same positions, and the same copies for the stories
    at positions `start` to `start + limit` of them (all with `limit` None)."""
    np = columntables.numpy_module()
    docs = np.asarray(ranked_docnums, dtype=np.int64)
    if not len(docs):
        return [], {}
    codes = story_codes(tables)[docs]
    _distinct, firsts = np.unique(codes, return_index=True)
    positions = np.sort(firsts).tolist()
    shown = positions[start:] if limit is None else positions[start : start + limit]
    hits = {int(codes[p]): (p, int(docs[p])) for p in shown}
    members = np.flatnonzero(np.isin(codes, np.fromiter(hits, dtype=np.int64, count=len(hits))))
    return positions, _copies(tables, docs[members].tolist(), codes[members].tolist(), hits)


def _collapse_top(evaluation, tables: columntables.Tables, matches, start: int, limit: int):
    """Collapsing without ranking every match: the stories are counted from the group table, and
    only the top of the ranking is walked (the best `n`, `n` doubling until the page is
    filled with distinct stories); the shown stories' other copies are found in the group table,
    and only they are scored, to list them in rank order. Returns the ranking walked, the
    positions in it of each story's best copy (at least up to the page's end), the shown stories'
    copies by position, and the number of stories."""
    np = columntables.numpy_module()
    story = story_codes(tables)
    codes = story[matches]
    stories = int(np.count_nonzero(np.bincount(codes))) if len(codes) else 0
    if start >= stories:  # a page past the last: nothing to rank
        return [], [], {}, stories
    wanted = min(start + limit, stories)
    # Twice the stories wanted: on 105k articles the best 40 held 25-38 stories for the queries
    # of bench_search, so one round usually fills a page of 20.
    n = 2 * wanted
    while True:
        ranked = evaluation.ranked(n)
        ranked_codes = story[np.fromiter((d for _, d in ranked), dtype=np.int64, count=len(ranked))].tolist()
        seen: set[int] = set()
        positions = []
        for position, code in enumerate(ranked_codes):
            if code not in seen:
                seen.add(code)
                positions.append(position)
        if len(positions) >= wanted or len(ranked) >= evaluation.total:
            break
        n *= 2
    shown = positions[start : start + limit]
    hits = {ranked_codes[p]: (p, ranked[p][1]) for p in shown}
    copies: dict[int, tuple[str, ...]] = {}
    if hits:
        members = np.flatnonzero(np.isin(codes, np.fromiter(hits, dtype=np.int64, count=len(hits))))
        if len(members) > len(hits):  # a shown story has other copies among the matches
            docs = matches[members].tolist()
            scores = {docnum: score for score, docnum in ranked}
            scores.update(columntables.score_of(evaluation, [d for d in docs if d not in scores]))
            tie = ties.id_key(evaluation.reader, tables)
            docs.sort(key=lambda d: (-scores[d], tie(d)))
            copies = _copies(tables, docs, story[np.array(docs, dtype=np.int64)].tolist(), hits)
    return ranked, positions, copies, stories


def _copies(
    tables: columntables.Tables, docs: list[int], codes: list[int], hits: dict[int, tuple[int, int]]
) -> dict[int, tuple[str, ...]]:
    """The sources of each shown story's other copies, by the position of its hit: `docs` (in rank
    order) are the matches of those stories, `codes` their stories, `hits` each story's (position,
    document number) shown."""
    source = tables.text["source"]
    values, of = source.values, source.codes
    found: dict[int, list[str]] = {}
    for docnum, code in zip(docs, codes, strict=True):
        position, hit = hits[code]
        if docnum != hit:
            found.setdefault(position, []).append(values[of[docnum]])
    return {position: tuple(names) for position, names in found.items()}


def story_codes(tables: columntables.Tables):
    """Each document's story as a number: its group's, or for a document with no group one of its
    own, keyed "#<document number>" as `_collapse` keys it."""
    found = tables.derived.get("stories")
    if found is None:
        np = columntables.numpy_module()
        group = tables.text["group"]
        found = group.codes.astype(np.int64)
        values = group.values
        if "" in values:
            index = {value: number for number, value in enumerate(values)}
            empty = index[""]
            for docnum in np.flatnonzero(found == empty).tolist():
                found[docnum] = index.setdefault(f"#{docnum}", len(index))
        tables.derived["stories"] = found
    return found


def better_spelling(searcher, builder: QueryBuilder, request: SearchRequest, total: int) -> str | None:
    """A corrected query, offered only when it finds more than the query as typed."""

    def count(corrected: str) -> int:
        try:
            query = parse_request(searcher, builder, corrected, request)
        except QueryError:
            return -1
        evaluation = evaluate(searcher, query, request.filter_query)
        if evaluation is not None:
            return evaluation.total
        return len(whoosh_fixes.search(searcher, query, limit=1, filter=request.filter_query))

    try:
        return suggest(searcher, builder, request.text, total, count)
    except QueryTimeoutError:  # the hits are found: they come without a suggestion
        return None


def rank_words(searcher, text: str, limit: int, *, expand: bool = False) -> list[tuple[str, float]]:
    """(id, score) of the best `limit` articles for `text` as a bag of words; ids from a column,
    so no stored article is read. With `expand`, words of the first pass's best articles join
    the query (RM3 pseudo-relevance feedback)."""
    with budget.deadline(text):
        query = bag_of_words(searcher.schema, text)
        if expand:
            query = feedback.expand(searcher, query)
        evaluation = evaluate(searcher, query, None)
        if evaluation is not None:
            top = evaluation.ranked(limit)
        else:
            top, _total = whoosh_fixes.ranked(searcher, query, limit=limit)
    ids = searcher.reader().column_reader(ID)
    return [(ids[docnum], score) for score, docnum in top]


def rank_like(searcher, query: wq.Query, limit: int, without: int) -> list[Hit]:
    """The best `limit` articles for a "more like this" query, leaving out document `without`
    (the article they are like), each with its lead as its snippet. Evaluated by `matching`
    (its pruning spares scoring most of the documents holding one of the words), else by Whoosh."""
    evaluation = evaluate(searcher, query, None)
    if evaluation is None:
        ranked, _total = whoosh_fixes.ranked(searcher, query, limit=limit, mask={without})
    else:
        ranked = [(score, d) for score, d in evaluation.ranked(limit + 1) if d != without][:limit]
    return [marked_hit(n + 1, searcher.stored_fields(d), score, None) for n, (score, d) in enumerate(ranked)]


def story_copies(searcher, docnum: int) -> list[Hit]:
    """The other articles of a document's story (its near-duplicate copies), in index order, each
    with its lead as its snippet. From the column tables when built (`Index.warm`), else by reading
    the story-group column through."""
    reader = searcher.reader()
    tables = columntables.built(reader)
    if tables is not None:
        column = tables.text["group"]
        group = column.codes[docnum]
        if not column.values[group]:
            return []
        same = (column.codes == group).nonzero()[0].tolist()
        found = [d for d in same if d != docnum and not reader.is_deleted(d)]
    else:
        groups = reader.column_reader(DUP_GROUP)
        group = groups[docnum]
        if not group:
            return []
        found = [d for d, g in enumerate(groups) if g == group and d != docnum and not reader.is_deleted(d)]
    return [marked_hit(n + 1, searcher.stored_fields(d), 0.0, None) for n, d in enumerate(found)]


def _make_hit(
    rank: int,
    stored: dict,
    score: float,
    body_snippet: Snippet,
    title_snippet: Snippet | None,
    title: str,
    copies: tuple[str, ...] = (),
) -> Hit:
    return Hit(
        rank=rank,
        id=stored[ID],
        title=title,
        date=stored_date(stored),
        byline=stored_byline(stored),
        source=stored.get(SOURCE),
        url=stored.get(URL),
        path=stored.get(PATH),
        score=score,
        snippet=body_snippet.text,
        highlights=list(body_snippet.highlights),
        title_highlights=list(title_snippet.highlights)
        if title_snippet and title_snippet.text == title
        else [],
        copies=copies,
    )
