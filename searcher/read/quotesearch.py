"""Searching quotations: who said what, ranked quote by quote.

The index finds the articles whose quotes (``quote:``) and speakers (``speaker:``) match; then their
stored quotations, each a document of its own (`matching.SubDocuments`), are matched against the
clauses of the query a single quotation can meet, and scored with BM25 on the index's statistics of
the ``quote`` field. One index, one commit: quotes can never disagree with the articles they come
from.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal

from whoosh import query as wq

from ..article import Quote, format_date
from ..engine import budget, whoosh_fixes
from ..engine.analysis import may_hold, prose_tokens, query_tokens
from ..engine.matching import SubDocuments, Subset
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
from ..engine.scoring import robertson_idf
from ..errors import QueryError
from . import highlights
from .query import QueryBuilder
from .search import NEWEST_FIRST, evaluate

QuoteSort = Literal["relevance", "-date"]
QUOTE_FIELDS = (QUOTE,)
# Articles read per query: enough for every quote of a prolific speaker, bounded for a common word.
MAX_ARTICLES = 2000
# Quote search's own BM25 parameters (a quote is a sentence or two, not an article), tuned apart
# from the index's `scoring.K1` and `scoring.B`; the formula is `scoring`'s.
_K1, _B = 1.2, 0.75
_AVERAGE = 25.0  # tokens in a quotation, on average


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

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the command's and the web page's); `id` is the article's."""
        return {
            "rank": self.rank,
            "text": self.text,
            "speaker": self.speaker,
            "score": self.score,
            "highlights": [list(span) for span in self.highlights],
            "id": self.article_id,
            "title": self.title,
            "date": format_date(self.date),
            "source": self.source,
            "url": self.url,
            "start": self.start,
            "end": self.end,
        }


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "speaker": self.speaker,
            "total": self.total,
            "articles": self.articles,
            "page": self.page,
            "limit": self.limit,
            "quotes": [hit.to_dict() for hit in self.hits],
        }


@dataclass(frozen=True, slots=True)
class _Found:
    """A quotation of a matching article, before it is matched on its own."""

    order: int  # its article's rank
    quote: Quote
    stored: dict
    variants_of: Callable[[str], tuple[frozenset[str], ...]]


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
    needed = _needed_terms(built) if built is not None else []
    found: list[_Found] = []
    for order, docnum in enumerate(docnums):
        budget.check()
        stored = searcher.stored_fields(docnum)
        # The forms of each speaker's name in this article, worked out once per speaker.
        variants_of = functools.cache(partial(_variants, stored_body(stored)))
        for quote in from_stored(stored).quotes:
            if speaker is not None and not _said_by(quote, speaker, variants_of):
                continue
            if needed and not all(may_hold(quote.text, terms) for terms in needed):
                continue  # lacks every word of a set it needs (a cheap look, no analysis)
            found.append(_Found(order, quote, stored, variants_of))
    in_quote = _per_quote(built, partial(_speaking, found)) if built is not None else None
    if in_quote is None:  # no words, or only clauses about the article: every quotation, unscored
        scores = dict.fromkeys(range(len(found)), 0.0)
    else:
        tokens = [prose_tokens(f.quote.text) for f in found]
        texts = SubDocuments(tokens, _Idf(searcher), k1=_K1, b=_B, average=_AVERAGE)
        in_quote = texts.expanded(in_quote)
        scores = texts.evaluate(in_quote)
    ranked = (
        sorted(scores)
        if newest
        else sorted(scores, key=lambda i: (-scores[i], found[i].order, found[i].quote.start))
    )
    wanted = highlights.marks(in_quote) if in_quote is not None else highlights.Marks()
    first = (page - 1) * limit
    hits = [
        _hit(first + n + 1, scores[i], found[i], wanted) for n, i in enumerate(ranked[first : first + limit])
    ]
    return QuoteResults(text, speaker, len(scores), articles, hits, page, limit)


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
    found, total = whoosh_fixes.ranked(
        searcher,
        q,
        limit=MAX_ARTICLES,
        sortedby=NEWEST_FIRST if newest else None,
        reverse=newest,
        filter=filter_query,
    )
    return [docnum for _key, docnum in found], total


def _needed_terms(q: wq.Query) -> list[frozenset[str]]:
    """Sets of terms of each of which every quote matching `q` holds at least one (none: no such
    set is known, as for a clause about the article, a NOT on its own or a pattern)."""
    kind = type(q)
    if kind is wq.Term:
        return [frozenset([q.text])] if q.fieldname == QUOTE else []
    if kind is wq.Phrase:
        return [frozenset([word]) for word in q.words] if q.fieldname == QUOTE else []
    if kind is wq.AndNot:
        return _needed_terms(q.a)
    if kind is wq.And:
        return [terms for sub in q.subqueries for terms in _needed_terms(sub)]
    if kind is wq.Or:
        found = [_needed_terms(sub) for sub in q.subqueries]
        if not found or not all(found):
            return []
        return [frozenset().union(*(sets[0] for sets in found))]  # a match meets one part's first set
    return []


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
    one form, the forms' words made once per article and speaker (a query may name many). The name
    as the quote gives it is one of its forms: when it matches, the others need not be made."""
    if quote.speaker is None:
        return False
    wanted = _name_words(speaker)
    return words_match(wanted, (_name_words(quote.speaker),)) or words_match(
        wanted, variants_of(quote.speaker)
    )


def _speaking(found: Sequence[_Found], name: str) -> frozenset[int]:
    """The quotations said by `name` (`_said_by`), by their number in `found`."""
    return frozenset(i for i, f in enumerate(found) if _said_by(f.quote, name, f.variants_of))


# A clause every quotation meets and that adds nothing to its score.
_EVERY = wq.Every(boost=0.0)


def _per_quote(q: wq.Query, speaking: Callable[[str], frozenset[int]]) -> wq.Query | None:
    """The part of `q` a single quotation can meet: words in it (``quote``) and who said it
    (``speaker``, as the `Subset` of quotations `speaking` names). Clauses about the article
    (``date:``, ``title:``) neither select nor reject a quotation: they are left out, and None
    means nothing is left."""
    if isinstance(q, (wq.And, wq.Or)):
        kept = [sub for sub in (_per_quote(sub, speaking) for sub in q.subqueries) if sub is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 and q.boost == 1.0 else type(q)(kept, boost=q.boost)
    if isinstance(q, wq.AndNot):
        kept, dropped = _per_quote(q.a, speaking), _per_quote(q.b, speaking)
        if dropped is None:
            return kept
        return wq.AndNot(_EVERY if kept is None else kept, dropped)
    if isinstance(q, wq.Not):
        dropped = _per_quote(q.query, speaking)
        return None if dropped is None else wq.AndNot(_EVERY, dropped)
    fieldname = getattr(q, "fieldname", None)
    if fieldname == SPEAKER and isinstance(q, wq.Term):
        return Subset(speaking(q.text))
    if fieldname == SPEAKER and isinstance(q, wq.Phrase):  # speaker:"Joly-Gomez", speaker:"Ann Lee"
        return Subset(speaking(" ".join(q.words)))
    if fieldname == QUOTE and isinstance(q, (wq.Term, wq.Phrase, wq.Prefix, wq.Wildcard)):
        return q
    return None


def _hit(rank: int, score: float, found: _Found, wanted: highlights.Marks) -> QuoteHit:
    quote, stored = found.quote, found.stored
    marked = highlights.places(quote.text, QUOTE, wanted)
    spans = sorted({(start, end) for places in marked.values() for _position, start, end in places})
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


class _Idf:
    """The idf of a ``quote`` word in the index (`scoring.robertson_idf`), looked up once."""

    def __init__(self, searcher) -> None:
        self.reader = searcher.reader()
        self.documents = max(1, self.reader.doc_count())
        self._idf: dict[str, float] = {}

    def __call__(self, term: str) -> float:
        if term not in self._idf:
            self._idf[term] = robertson_idf(self.documents, self.reader.doc_frequency(QUOTE, term))
        return self._idf[term]
