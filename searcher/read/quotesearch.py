"""Searching quotations: who said what, ranked quote by quote.

Whoosh finds the articles whose quotes (``quote:``) and speakers (``speaker:``) match; then each of
their stored quotations is checked against the same query tree and scored on its own with BM25,
using the index's statistics of the ``quote`` field. One index, one commit: quotes can never
disagree with the articles they come from.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import compress
from typing import Literal, NamedTuple

from whoosh import query as wq

from ..article import Quote
from ..engine import budget, whoosh_fixes
from ..engine.analysis import may_hold, prose_tokens, query_tokens
from ..engine.names import name_variants, name_words, words_match
from ..engine.schema import (
    ID,
    QUOTE,
    SOURCE,
    SPEAKER,
    URL,
    from_stored,
    stored_body,
    stored_date,
    stored_title,
)
from ..engine.scoring import length_norm, robertson_idf, saturation
from ..errors import QueryError
from .query import QueryBuilder
from .search import NEWEST_FIRST, evaluate

QuoteSort = Literal["relevance", "-date"]
QUOTE_FIELDS = (QUOTE,)
# Articles read per query: enough for every quote of a prolific speaker, bounded for a common word.
MAX_ARTICLES = 2000
# Quote search's own BM25 parameters (a quote is a sentence or two, not an article), tuned apart
# from the index's `scoring.K1` and `scoring.B`; the formula is `scoring`'s.
_K1, _B = 1.2, 0.75


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One quotation, who said it, where it was published, and the matched words in it."""

    rank: int
    text: str
    speaker: str | None
    score: float
    highlights: list[tuple[int, int]]
    article_id: str
    title: str
    date: dt.date | dt.datetime | None
    source: str | None
    url: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class QuoteResults:
    """One page of quotations. `total` counts matching quotes in the `articles` matching articles
    (at most `MAX_ARTICLES` of them are read)."""

    query: str | None
    speaker: str | None
    total: int
    articles: int
    hits: list[QuoteHit] = field(default_factory=list)
    page: int = 1
    limit: int = 20

    def __iter__(self) -> Iterator[QuoteHit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index: int) -> QuoteHit:
        return self.hits[index]


class _Token(NamedTuple):
    text: str
    pos: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Match:
    """Whether a quote satisfies a (sub)query, and which of its tokens matched.

    `neutral` marks a clause about the article rather than the quote (``date:``, ``title:``):
    it neither selects nor rejects single quotes.
    """

    ok: bool
    tokens: frozenset[int] = frozenset()
    neutral: bool = False


_NEUTRAL = _Match(True, neutral=True)


@budget.searching
def run_quote_search(
    searcher,
    builder: QueryBuilder,
    text: str | None,
    *,
    speaker: str | None = None,
    limit: int = 20,
    page: int = 1,
    sort: QuoteSort | None = None,
    filter_query=None,
    now: dt.datetime | None = None,
) -> QuoteResults:
    """Quotations matching `text` (words in the quote) and/or said by `speaker`, found within the
    time budget (`budget.TIME_BUDGET`). Sorted as `newest_first` decides."""
    if sort not in (None, "relevance", "-date"):
        raise ValueError(f"sort must be 'relevance' or '-date', not {sort!r}")
    if limit < 1 or page < 1:
        raise ValueError("limit and page must be at least 1")
    text = (text or "").strip() or None
    speaker = (speaker or "").strip() or None
    if text is None and speaker is None:
        raise QueryError("", "give words to find in quotes, a speaker, or both")
    clauses = []
    built = builder.parse(text, now=now, fields=QUOTE_FIELDS, reader=searcher.reader()) if text else None
    if built is not None:
        # A NOT excludes single quotes, not whole articles: it is applied quote by quote below.
        clauses.append(_without_negations(built))
    if speaker is not None:
        words = [t.word for t in query_tokens(speaker) if not t.joined and len(t.word) > 1]
        if not words:
            raise QueryError(speaker, "a speaker's name needs at least one word of two letters or more")
        clauses.append(wq.And([wq.Term(SPEAKER, w) for w in words]))
    article_query = clauses[0] if len(clauses) == 1 else wq.And(clauses)
    newest = newest_first(text, sort)
    docnums, articles = _articles(searcher, article_query, filter_query, newest)
    scorer = _QuoteScorer(searcher)
    in_quote = _compiled(built) if built is not None else None
    needed = _needed_terms(in_quote) if in_quote is not None else None
    candidates = []
    for order, docnum in enumerate(docnums):
        budget.check()
        stored = searcher.stored_fields(docnum)
        # The forms of each speaker's name in this article, worked out once per speaker.
        variants_of = functools.cache(partial(_variants, stored_body(stored)))
        for quote in from_stored(stored).quotes:
            if speaker is not None and not _said_by(quote, speaker, variants_of):
                continue
            if needed is not None and not may_hold(quote.text, needed):
                continue  # none of the words it needs (a cheap look, no analysis)
            tokens = scorer.tokens(quote.text)
            match = _evaluate(in_quote, tokens, quote, variants_of) if in_quote is not None else _NEUTRAL
            if not match.ok:
                continue
            score = scorer.score(tokens, match.tokens) if built is not None else 0.0
            candidates.append((score, order, quote, stored, tokens, match.tokens))
    if not newest:
        candidates.sort(key=lambda c: (-c[0], c[1], c[2].start))
    first = (page - 1) * limit
    hits = [_hit(first + n + 1, *candidate) for n, candidate in enumerate(candidates[first : first + limit])]
    return QuoteResults(text, speaker, len(candidates), articles, hits, page, limit)


def newest_first(text: str | None, sort: QuoteSort | None) -> bool:
    """Whether quotes come newest first: when asked (``-date``), and always without words to rank
    them by. By default (None) quotes matching words are ranked by relevance. The one place this
    is decided, for the library and the command alike."""
    return sort == "-date" or text is None


def _articles(searcher, q: wq.Query, filter_query, newest: bool) -> tuple[list[int], int]:
    """The `MAX_ARTICLES` best (or newest) articles for `q`, as document numbers, and how many
    match in all. Ranked by `matching` where it evaluates the query, else by Whoosh's search."""
    if not newest:
        evaluation = evaluate(searcher, q, filter_query)
        if evaluation is not None:
            return [docnum for _score, docnum in evaluation.ranked(MAX_ARTICLES)], evaluation.total
    found = whoosh_fixes.search(
        searcher,
        q,
        limit=MAX_ARTICLES,
        sortedby=NEWEST_FIRST if newest else None,
        reverse=newest,
        filter=filter_query,
    )
    return [hit.docnum for hit in found], len(found)


class _AnyWord(wq.Query):
    """Any of several words in the quote: an expansion's union of ``quote`` terms, met quote
    after quote, looked up as one set."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words


def _compiled(q: wq.Query) -> wq.Query:
    """`q` with each union of plain ``quote`` terms made one `_AnyWord`."""
    if type(q) is wq.Or and all(type(sub) is wq.Term and sub.fieldname == QUOTE for sub in q.subqueries):
        return _AnyWord(frozenset(sub.text for sub in q.subqueries))
    if isinstance(q, (wq.And, wq.Or)):
        return type(q)([_compiled(sub) for sub in q.subqueries])
    if isinstance(q, wq.AndNot):
        return wq.AndNot(_compiled(q.a), _compiled(q.b))
    if isinstance(q, wq.Not):
        return wq.Not(_compiled(q.query))
    return q


def _needed_terms(q: wq.Query) -> frozenset[str] | None:
    """Terms of which every quote matching `q` holds at least one, or None when there is no such
    set (a clause about the article, a NOT on its own, a pattern)."""
    kind = type(q)
    if kind is wq.Term:
        return frozenset([q.text]) if q.fieldname == QUOTE else None
    if kind is wq.Phrase:
        return frozenset(q.words[:1]) if q.fieldname == QUOTE and q.words else None
    if kind is wq.AndNot:
        return _needed_terms(q.a)
    if kind is wq.And:
        found = [terms for terms in map(_needed_terms, q.subqueries) if terms is not None]
        return min(found, key=len) if found else None
    if kind is _AnyWord:
        return q.words
    if kind is wq.Or:
        found = list(map(_needed_terms, q.subqueries))
        return None if not found or None in found else frozenset().union(*found)
    return None


def _without_negations(q: wq.Query) -> wq.Query:
    """`q` with its NOT clauses removed; everything when nothing positive is left."""
    if isinstance(q, wq.AndNot):
        return _without_negations(q.a)
    if isinstance(q, wq.Not):
        return wq.Every()
    if isinstance(q, (wq.And, wq.Or)):
        kept = [sub for sub in (_without_negations(s) for s in q.subqueries) if not isinstance(sub, wq.Every)]
        if not kept:
            return wq.Every()
        return kept[0] if len(kept) == 1 else type(q)(kept)
    return q


def _variants(body: str, name: str) -> tuple[frozenset[str], ...]:
    """The words of each form of the name the article uses (`name_variants`), worked out once."""
    return tuple(map(name_words, name_variants(name, body)))


_name_words = functools.lru_cache(maxsize=4096)(name_words)  # a query's names, met quote after quote


def _said_by(quote: Quote, speaker: str, variants_of: Callable[[str], tuple[frozenset[str], ...]]) -> bool:
    """`names.name_matches(speaker, the forms of the quote's speaker)`: every word of `speaker` in
    one form, the forms' words made once per article and speaker (a query may name many)."""
    return quote.speaker is not None and words_match(_name_words(speaker), variants_of(quote.speaker))


def _hit(rank, score, _order, quote: Quote, stored, tokens: Sequence[_Token], matched) -> QuoteHit:
    spans = sorted({(tokens[i].start, tokens[i].end) for i in matched})
    return QuoteHit(
        rank=rank,
        text=quote.text,
        speaker=quote.speaker,
        score=round(score, 4),
        highlights=spans,
        article_id=stored[ID],
        title=stored_title(stored),
        date=stored_date(stored),
        source=stored.get(SOURCE),
        url=stored.get(URL),
        start=quote.start,
        end=quote.end,
    )


class _QuoteScorer:
    """BM25 of one quote for the query terms it matched, with the index's ``quote`` statistics."""

    def __init__(self, searcher) -> None:
        self.reader = searcher.reader()
        self.documents = max(1, self.reader.doc_count())
        self._idf: dict[str, float] = {}

    def tokens(self, text: str) -> _Tokens:
        """The quote's tokens as the ``quote`` field indexes them."""
        return _Tokens(prose_tokens(text))

    def idf(self, term: str) -> float:
        if term not in self._idf:
            self._idf[term] = robertson_idf(self.documents, self.reader.doc_frequency(QUOTE, term))
        return self._idf[term]

    def score(self, tokens: Sequence[_Token], matched: frozenset[int], average: float = 25.0) -> float:
        counts: dict[str, int] = {}
        for i in matched:
            counts[tokens[i].text] = counts.get(tokens[i].text, 0) + 1
        norm = length_norm(len(tokens), average, _K1, _B)
        return sum(self.idf(term) * saturation(tf, norm, _K1) for term, tf in counts.items())


def _evaluate(
    q: wq.Query, tokens: _Tokens, quote: Quote, variants_of: Callable[[str], tuple[frozenset[str], ...]]
) -> _Match:
    """Does this quote satisfy the query? Clauses about other fields are neutral."""
    if isinstance(q, wq.And):
        parts = [_evaluate(sub, tokens, quote, variants_of) for sub in q.subqueries]
        return _combine(all(p.ok for p in parts), parts)
    if type(q) is _AnyWord:
        places = tokens.places_of(q.words)
        return _Match(bool(places), places)
    if isinstance(q, wq.Or):
        parts = [_evaluate(sub, tokens, quote, variants_of) for sub in q.subqueries]
        decided = [p for p in parts if not p.neutral]
        if not decided:
            return _NEUTRAL
        return _combine(any(p.ok for p in decided), [p for p in decided if p.ok])
    if isinstance(q, wq.AndNot):
        positive = _evaluate(q.a, tokens, quote, variants_of)
        negative = _evaluate(q.b, tokens, quote, variants_of)
        excluded = negative.ok and not negative.neutral
        return _Match(positive.ok and not excluded, positive.tokens, positive.neutral)
    if isinstance(q, wq.Not):
        inner = _evaluate(q.query, tokens, quote, variants_of)
        return _NEUTRAL if inner.neutral else _Match(not inner.ok)
    fieldname = getattr(q, "fieldname", None)
    if fieldname == SPEAKER and isinstance(q, wq.Term):
        return _Match(_said_by(quote, q.text, variants_of))
    if fieldname == SPEAKER and isinstance(q, wq.Phrase):  # speaker:"Joly-Gomez", speaker:"Ann Lee"
        return _Match(_said_by(quote, " ".join(q.words), variants_of))
    if fieldname != QUOTE:
        return _NEUTRAL
    if isinstance(q, wq.Phrase):
        return _phrase(q.words, q.slop, tokens)
    if isinstance(q, wq.Term):
        places = tokens.places(q.text)
        return _Match(bool(places), places)
    if isinstance(q, wq.Prefix):
        return _where(tokens, lambda t: t.startswith(q.text))
    if isinstance(q, wq.Wildcard):
        return _where(tokens, lambda t: fnmatch.fnmatchcase(t, q.text))
    return _NEUTRAL


def _combine(ok: bool, parts: Sequence[_Match]) -> _Match:
    if not ok:
        return _Match(False)
    if parts and all(p.neutral for p in parts):
        return _NEUTRAL
    return _Match(True, frozenset().union(*(p.tokens for p in parts)))


class _Tokens(Sequence[_Token]):
    """A quote's tokens as `prose_tokens` gives them, made `_Token`s only when looked at one by
    one (most never are). Where a term, or any of many (a fuzzy or wildcard expansion), stands
    is found in C."""

    __slots__ = ("_items", "texts")

    def __init__(self, items: list[tuple[str, int, int, int]]) -> None:
        self._items = items
        self.texts = [item[0] for item in items]

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):  # type: ignore[override]
        return _Token._make(self._items[i])

    def places(self, term: str) -> frozenset[int]:
        return frozenset(compress(range(len(self.texts)), map(term.__eq__, self.texts)))

    def places_of(self, terms: frozenset[str]) -> frozenset[int]:
        found = terms.intersection(self.texts)
        if not found:
            return _NOWHERE
        return frozenset(compress(range(len(self.texts)), map(found.__contains__, self.texts)))


_NOWHERE: frozenset[int] = frozenset()


def _where(tokens: _Tokens, test) -> _Match:
    hits = frozenset(i for i, text in enumerate(tokens.texts) if test(text))
    return _Match(bool(hits), hits)


def _phrase(words: Sequence[str], slop: int, tokens: Sequence[_Token]) -> _Match:
    """The words in order, each within `slop` positions of the previous one."""
    if not words:
        return _NEUTRAL
    found: set[int] = set()
    for i, token in enumerate(tokens):
        if token.text != words[0]:
            continue
        chain, last = [i], token.pos
        for word in words[1:]:
            nxt = next(
                (
                    j
                    for j in range(chain[-1] + 1, len(tokens))
                    if tokens[j].text == word and 0 < tokens[j].pos - last <= slop
                ),
                None,
            )
            if nxt is None:
                break
            chain.append(nxt)
            last = tokens[nxt].pos
        if len(chain) == len(words):
            found.update(chain)
    return _Match(bool(found), frozenset(found))
