"""Pseudo-relevance feedback (RM3): the words that the best first-pass articles share join the query.

A bag-of-words query misses articles that say the same thing in other words. RM3 (Lavrenko and
Croft's relevance model, mixed back with the query as Anserini does) reads the top articles of a
first pass, weighs each of their words by how much of the article it makes up and by how well the
article scored, and searches again with the strongest of those words beside the original ones.

There are no term vectors in the index, so each feedback article's stored body is analysed again
(stems as indexed, common words left out): a few milliseconds for ten articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from whoosh import query as wq

from ..engine import whoosh_fixes
from ..engine.analysis import is_common, text_tokens
from ..engine.schema import BODY, FIELD_WEIGHTS

# Ten feedback articles as in Anserini's RM3; twenty words kept at 0.3 of the query's weight ranked
# best on all four test collections (`scripts/eval_ir.py --expand`; Anserini: 10 words at 0.5).
FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 20
ORIGINAL_WEIGHT = 0.7
# Stems shorter than this, and numbers, say little about a topic.
MIN_LENGTH = 3


def expand(
    searcher,
    query: wq.Query,
    *,
    docs: int = FEEDBACK_DOCS,
    terms: int = FEEDBACK_TERMS,
    original_weight: float = ORIGINAL_WEIGHT,
    fieldname: str = BODY,
) -> wq.Query:
    """`query` (a bag of words: an Or of Terms) run once, then widened with the `terms` strongest
    words of its best `docs` articles. The query itself when the first pass finds nothing."""
    top, _total = whoosh_fixes.ranked(searcher, query, limit=docs)
    return expand_from(
        searcher, query, top, terms=terms, original_weight=original_weight, fieldname=fieldname
    )


def rerank(
    searcher,
    query: wq.Query,
    *,
    filter_query=None,
    docs: int = FEEDBACK_DOCS,
    terms: int = FEEDBACK_TERMS,
    original_weight: float = ORIGINAL_WEIGHT,
) -> wq.Query:
    """For interactive search: the same matches as `query`, reordered by the words its best
    `docs` articles share. AndMaybe keeps the query's own semantics (every word required), where
    `expand` would turn it into an OR; the feedback words weigh against the query's words as in
    `mix`."""
    top, _total = whoosh_fixes.ranked(searcher, query, limit=docs, filter=filter_query)
    words = {leaf.text for leaf in query.leaves() if isinstance(leaf, wq.Term)}
    # Every hit already holds the query's own words: only the other shared words tell hits apart.
    chosen = [
        (word, weight) for word, weight in feedback_terms(searcher, top, terms=terms) if word not in words
    ]
    if not chosen or not words:
        return query
    scale = len(words) * (1 - original_weight) / original_weight
    fields = list(dict.fromkeys(leaf.fieldname for leaf in query.leaves() if isinstance(leaf, wq.Term)))
    extra = [
        wq.Term(name, word, boost=_field_weight(name) * weight * scale)
        for name in fields
        if name in FIELD_WEIGHTS
        for word, weight in chosen
    ]
    return wq.AndMaybe(query, wq.Or(extra)) if extra else query


def expand_from(
    searcher,
    query: wq.Query,
    top: Sequence[tuple[float, int]],
    *,
    terms: int = FEEDBACK_TERMS,
    original_weight: float = ORIGINAL_WEIGHT,
    fieldname: str = BODY,
) -> wq.Query:
    """`query` mixed with feedback words from `top`, (score, docnum) pairs of a first pass."""
    chosen = feedback_terms(searcher, top, terms=terms, fieldname=fieldname)
    if not chosen:
        return query
    return mix(query, chosen, original_weight, fieldname=fieldname)


def feedback_terms(
    searcher, top: Sequence[tuple[float, int]], *, terms: int = FEEDBACK_TERMS, fieldname: str = BODY
) -> list[tuple[str, float]]:
    """The relevance model's `terms` likeliest words with weights summing to 1, likeliest first."""
    model = relevance_model(searcher, top, fieldname)
    best = sorted(model.items(), key=lambda item: (-item[1], item[0]))[:terms]
    total = sum(weight for _, weight in best)
    return [(word, weight / total) for word, weight in best] if total > 0 else []


def relevance_model(searcher, top: Sequence[tuple[float, int]], fieldname: str = BODY) -> dict[str, float]:
    """P(word | relevant) estimated from the first pass: the sum over articles of the article's
    share of the total score times the word's share of the article's words."""
    total_score = sum(max(score, 0.0) for score, _ in top) or 1.0
    model: Counter[str] = Counter()
    for score, docnum in top:
        text = searcher.stored_fields(docnum).get(fieldname) or ""
        counts = Counter(term for term, _, _, _ in text_tokens(text) if _telling(term))
        length = sum(counts.values())
        for word, count in counts.items():
            model[word] += max(score, 0.0) / total_score * count / length
    return dict(model)


def mix(
    query: wq.Query, chosen: Sequence[tuple[str, float]], original_weight: float, *, fieldname: str = BODY
) -> wq.Query:
    """The original words at `original_weight` (shared as the query shares it) and the feedback
    words at the rest (shared by weight), each in every field the query searches, at the field's
    weight."""
    originals = [leaf for leaf in query.leaves() if isinstance(leaf, wq.Term)]
    if not originals:
        return query
    fields = list(dict.fromkeys(leaf.fieldname for leaf in originals))
    # The words' own weights (repeats count more) without the field weight, summed over one field.
    anchor = fieldname if fieldname in fields else fields[0]
    total = sum(leaf.boost for leaf in originals if leaf.fieldname == anchor) / _field_weight(anchor)
    clauses = [
        wq.Term(leaf.fieldname, leaf.text, boost=leaf.boost * original_weight / total) for leaf in originals
    ]
    clauses += [
        wq.Term(name, word, boost=_field_weight(name) * (1 - original_weight) * weight)
        for name in fields
        for word, weight in chosen
    ]
    return wq.Or(clauses)


def _field_weight(fieldname: str) -> float:
    return FIELD_WEIGHTS.get(fieldname, 1.0) or 1.0


def _telling(word: str) -> bool:
    return len(word) >= MIN_LENGTH and not is_common(word) and not word.replace(".", "").isdigit()


def like(searcher, text: str, *, terms: int, fieldname: str = BODY) -> wq.Query:
    """A query for the articles like `text`: its `terms` most telling words (Whoosh's Bo1 model, as
    its "more like this" uses), common words left out, each weighted by how telling it is."""
    from whoosh.classify import Expander

    expander = Expander(searcher.reader(), fieldname)
    expander.add(Counter(term for term, _, _, _ in text_tokens(text) if not is_common(term)).items())
    chosen = expander.expanded_terms(terms, normalize=False)
    return wq.Or([wq.Term(fieldname, word, boost=weight) for word, weight in chosen])
