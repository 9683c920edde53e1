"""Query text -> Whoosh query: the syntax tree (`querytext`) with each word analysed as its field
indexes it.

- Plain words search the title and the body (title scores weighted `FIELD_WEIGHTS`), all required,
  or with `any_words` all optional (more matches rank higher).
- A word that prints as several tokens is the phrase of its parts, or its joined form:
  ``Coca-Cola`` finds "Coca-Cola", "Coca Cola" and "CocaCola"; ``nosuch:aa`` finds "nosuch:aa".
- Common words (`analysis.STOP_WORDS`, single characters) are searched when the query has nothing
  else, and always inside phrases; beside other words they are left out (they would match nearly
  every article and only add noise to its score).
- Wildcards, prefixes and fuzzy words expand to the `MAX_EXPANSIONS` commonest words of the index
  that fit, need `MIN_PREFIX` letters before a wildcard, and allow at most `spelling.MAX_EDITS`
  edits: no query is unbounded. One that the index has no word for finds nothing.
- A query longer than `MAX_QUERY_CHARS` or of more than `MAX_CLAUSES` words is refused before any
  word is analysed or looked up, and one of more than `MAX_CLAUSES` terms once built (a word counts
  once per field it searches, a wildcard once per word it stands for); the search itself runs
  under a deadline (`budget`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from whoosh import query as wq

from ..engine import budget, spelling
from ..engine.analysis import fold, is_common, prose_term, query_tokens
from ..engine.schema import (
    BYLINE,
    DEFAULT_FIELDS,
    FIELD_WEIGHTS,
    LANGUAGE,
    QUOTE,
    SOURCE,
    SPEAKER,
    field_kinds,
    spelling_sources,
)
from ..engine.scoring import query_word_weight
from ..errors import QueryError
from . import querytext as qt
from .querydates import date_clause

FIELD_ALIASES = {
    BYLINE: ["author", "by"],
    SPEAKER: ["speakers", "said"],
    QUOTE: ["quotes"],
    SOURCE: ["publisher", "site"],
    LANGUAGE: ["language"],
}
MAX_EXPANSIONS = 50
MIN_PREFIX = 2
MAX_CLAUSES = 1024
MAX_QUERY_CHARS = 10_000
# A wildcard in an identifier field (``url:*example.com*``) needs this many other characters.
MIN_ID_LITERALS = 3


@dataclass(slots=True)
class _Context:
    fields: Sequence[str]
    any_words: bool
    now: dt.datetime
    reader: object
    text: str
    drop_common: bool = False
    # (where, word, word lists) -> the words a wildcard or fuzzy word stands for
    expanded: dict = field(default_factory=dict)


class QueryBuilder:
    """Parses query text against one schema. Build one per index and reuse it."""

    def __init__(self, schema) -> None:
        self.schema = schema
        self.kinds = field_kinds(schema)
        self.aliases = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
        self.names = frozenset(self.kinds) | frozenset(self.aliases)

    def parse(
        self,
        text: str,
        *,
        now: dt.datetime | None = None,
        fields: Sequence[str] = DEFAULT_FIELDS,
        any_words: bool = False,
        reader=None,
    ) -> wq.Query:
        """The Whoosh query for `text`, plain words searching `fields`. `reader` (the index's)
        expands wildcards and fuzzy words. Raises `QueryError` when there is nothing to search
        for or the query asks too much."""
        budget.check()  # "did you mean" parses corrected queries one after another
        _check_text(text)
        tree = qt.parse(text, self.names)
        _check_terms(text, sum(1 for _ in _leaves(tree)))  # before any analysis: at least a term each
        context = _Context(fields, any_words, now or dt.datetime.now(), reader, text)
        context.drop_common = self._has_uncommon_words(tree, context)
        built = self._node(tree, context)
        if built is None:
            raise QueryError(text, "nothing to search for (only operators, punctuation or unknown fields)")
        _check_terms(text, sum(1 for _ in built.leaves()))
        return built

    def words(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of the query's plain words that search prose, as typed and then
        folded (a compound's parts one by one): what "did you mean" may correct."""
        out: list[tuple[int, int, str]] = []
        for node in _leaves(qt.parse(text, self.names)):
            if isinstance(node, qt.Phrase):
                node = qt.Word(node.text, node.start + 1, node.end, node.field)
            if not isinstance(node, qt.Word) or node.wildcard or node.fuzzy is not None:
                continue
            if node.field is not None and self.kinds.get(self._field(node.field)) != "prose":
                continue
            for token in query_tokens(node.text):
                if not token.joined:
                    out.append((node.start + token.start, node.start + token.end, token.word))
        return out

    # -- the tree --------------------------------------------------------------------------------

    def _field(self, name: str) -> str:
        return self.aliases.get(name, name)

    def _has_uncommon_words(self, tree: qt.Node, context: _Context) -> bool:
        """Whether the query searches for anything but common words (outside negations)."""
        for node in _leaves(tree, positive=True):
            if isinstance(node, qt.Phrase) or (isinstance(node, qt.Word) and (node.wildcard or node.fuzzy)):
                return True
            if isinstance(node, qt.Word):
                tokens = [t for t in query_tokens(node.text) if not t.joined]
                if node.field is not None or len(tokens) > 1:
                    return True
                if any(not _droppable(t.word, node.text, context.text) for t in tokens):
                    return True
        return False

    def _node(self, node: qt.Node, context: _Context) -> wq.Query | None:
        if isinstance(node, qt.Group):
            return self._group(node, context)
        if isinstance(node, qt.Word):
            return self._fields(node, context, self._word)
        if isinstance(node, qt.Phrase):
            return self._fields(node, context, self._phrase)
        if isinstance(node, qt.DateClause):
            try:
                return date_clause(node.value, context.now)
            except ValueError as error:
                where = "" if node.clause == context.text.strip() else f"in {node.clause}: "
                raise QueryError(context.text, f"{where}{error}") from None
        if isinstance(node, qt.Everything):
            return wq.Every()
        if isinstance(node, qt.Not):
            inner = self._negated(node.child, context)
            if inner is wq.NullQuery:  # excluding what no article has leaves every article
                return wq.Every()
            return None if inner is None else wq.Not(inner)
        if isinstance(node, qt.Required):
            return self._node(node.child, context)
        raise TypeError(node)

    def _negated(self, node: qt.Node, context: _Context) -> wq.Query | None:
        """What a NOT excludes, common words and all: it is what the reader typed."""
        drop, context.drop_common = context.drop_common, False
        try:
            return self._node(node, context)
        finally:
            context.drop_common = drop

    def _group(self, node: qt.Group, context: _Context) -> wq.Query | None:
        positive: list[wq.Query] = []
        required: list[wq.Query] = []
        negative: list[wq.Query] = []
        if node.kind == "or":
            return _boosted(_any_of([self._node(child, context) for child in node.children]), node.boost)
        for child in node.children:
            if isinstance(child, qt.Not):
                negative.append(self._negated(child.child, context))
            elif isinstance(child, qt.Required):
                required.append(self._node(child.child, context))
            else:
                positive.append(self._node(child, context))
        optional = context.any_words and node.kind == "juxtaposition"
        if _nothing_in(required) or (not optional and _nothing_in(positive)):
            return wq.NullQuery  # a word no article has, where every word is required
        excluded_nothing, found_nothing = _nothing_in(negative), _nothing_in(positive)
        positive, required, negative = (_distinct(part) for part in (positive, required, negative))
        if optional:
            # BM25 adds up: an article with more of the words ranks higher
            optional = _joined(wq.Or, positive)
            needed = _joined(wq.And, required)
            built = (
                needed if optional is None else optional if needed is None else wq.AndMaybe(needed, optional)
            )
        else:
            built = _joined(wq.And, _distinct(required + positive))
        if built is None and found_nothing:
            return wq.NullQuery  # none of the optional words is in any article
        if negative:
            built = wq.AndNot(built if built is not None else wq.Every(), _joined(wq.Or, negative))
        elif built is None and excluded_nothing:
            built = wq.Every()
        return _boosted(built, node.boost)

    def _fields(self, node, context: _Context, build: Callable) -> wq.Query | None:
        """A word or phrase in its own field, or in each of the query's fields (weighted)."""
        if node.field is not None:
            name = self._field(node.field)
            return _boosted(build(node, name, 1.0, context), node.boost)
        clauses = [build(node, name, FIELD_WEIGHTS.get(name, 1.0), context) for name in context.fields]
        return _boosted(_any_of(clauses), node.boost)

    def _word(self, node: qt.Word, fieldname: str, weight: float, context: _Context) -> wq.Query | None:
        kind = self.kinds.get(fieldname)
        if kind is None:
            return None
        if node.wildcard:
            return self._wildcard(node, fieldname, kind, weight, context)
        if kind == "id":
            return wq.Term(fieldname, node.text, boost=weight)
        tokens = query_tokens(node.text)
        parts = [t for t in tokens if not t.joined]
        if not parts:
            return None
        if node.fuzzy is not None and len(parts) == 1:
            return self._fuzzy(node, parts[0].word, fieldname, kind, weight, context)
        if len(parts) == 1:
            word = parts[0].word
            if node.field is None and context.drop_common and _droppable(word, node.text, context.text):
                return None
            return wq.Term(fieldname, self._term(word, kind), boost=weight)
        phrase = wq.Phrase(fieldname, [self._term(t.word, kind) for t in parts], boost=weight)
        joined = [t for t in tokens if t.joined]
        if not joined:
            return phrase
        return wq.Or([phrase, wq.Term(fieldname, self._term(joined[0].word, kind), boost=weight)])

    def _phrase(self, node: qt.Phrase, fieldname: str, weight: float, context: _Context) -> wq.Query | None:
        kind = self.kinds.get(fieldname)
        if kind is None:
            return None
        if kind == "id":
            return wq.Term(fieldname, node.text, boost=weight)
        words = [self._term(t.word, kind) for t in query_tokens(node.text) if not t.joined]
        if not words:
            return None
        if len(words) == 1:
            return wq.Term(fieldname, words[0], boost=weight)
        return wq.Phrase(fieldname, words, slop=node.slop, boost=weight)

    @staticmethod
    def _term(word: str, kind: str) -> str:
        return prose_term(word) if kind == "prose" else word

    def _wildcard(
        self, node: qt.Word, fieldname: str, kind: str, weight: float, context: _Context
    ) -> wq.Query | None:
        pattern = node.text if kind == "id" else fold(node.text)  # as the word lists hold words
        literal = pattern[: min((i for i, c in enumerate(pattern) if c in "*?"), default=len(pattern))]
        if kind == "id":
            if sum(c not in "*?" for c in pattern) < MIN_ID_LITERALS:
                raise QueryError(
                    context.text, f"{node.text}: a wildcard needs {MIN_ID_LITERALS} other characters"
                )
        elif len(literal) < MIN_PREFIX:
            raise QueryError(context.text, f"{node.text}: a wildcard needs {MIN_PREFIX} letters before it")
        sources = self._sources(fieldname, kind)
        key = (node.text, None, tuple(sources))
        if key not in context.expanded:  # the same words for each field and each time it is asked
            reader = self._reader(context)
            words: Counter[str] = Counter()
            for source in sources:
                if pattern == literal + "*":
                    words.update(spelling.prefixed(reader, source, literal))
                else:
                    words.update(spelling.matching(reader, source, pattern, literal))
            ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))
            context.expanded[key] = [word for word, _ in ranked[:MAX_EXPANSIONS]]
        return self._expansion(fieldname, kind, context.expanded[key], weight)

    def _fuzzy(
        self, node: qt.Word, word: str, fieldname: str, kind: str, weight: float, context: _Context
    ) -> wq.Query | None:
        sources = self._sources(fieldname, kind)
        key = (node.text, node.fuzzy, tuple(sources))
        if key not in context.expanded:  # the same words for each field and each time it is asked
            reader = self._reader(context)
            edits = min(node.fuzzy or 1, fuzzy_edits(word))
            distances: dict[str, int] = {}
            counts: Counter[str] = Counter()
            for source in sources:
                for found, (distance, count) in spelling.within(reader, source, word, edits).items():
                    distances[found] = min(distance, distances.get(found, distance))
                    counts[found] += count
            ranked = sorted(distances, key=lambda w: (distances[w], -counts[w], w))
            context.expanded[key] = ranked[:MAX_EXPANSIONS]
        return self._expansion(fieldname, kind, context.expanded[key], weight)

    def _expansion(self, fieldname: str, kind: str, words: list[str], weight: float) -> wq.Query:
        """The words a wildcard or fuzzy word stands for, each scored as itself."""
        terms = list(dict.fromkeys(self._term(word, kind) for word in words))
        if not terms:
            return wq.NullQuery
        return _joined(wq.Or, [wq.Term(fieldname, term, boost=weight) for term in terms])

    def _sources(self, fieldname: str, kind: str) -> list[str]:
        """The word lists a field's wildcards and fuzzy words are looked up in."""
        if kind == "prose":
            return spelling_sources(self.schema)
        return [fieldname]

    @staticmethod
    def _reader(context: _Context):
        if context.reader is None:
            raise QueryError(context.text, "wildcards and fuzzy words need an open index")
        return context.reader


def _check_terms(text: str, terms: int) -> None:
    if terms > MAX_CLAUSES:
        raise QueryError(text, f"it asks for {terms:,} words; at most {MAX_CLAUSES:,} are searched at once")


def _check_text(text: str) -> None:
    """Refuse a query that is empty, too long to read or not text, before any work on it."""
    if not text or not text.strip():
        raise QueryError(text or "", "the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(text, f"it is {len(text):,} characters long; at most {MAX_QUERY_CHARS:,} are read")
    if not is_text(text):
        raise QueryError(text, "it holds bytes that are not UTF-8 text")


def is_text(value: str) -> bool:
    """Whether a string is text the index can hold: no lone surrogates (the form bytes that are not
    UTF-8 take in a command line's arguments)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def fuzzy_edits(word: str) -> int:
    """The most edits a fuzzy word may take (Elasticsearch's AUTO): none for a word of one or two
    letters, one for three to five, `spelling.MAX_EDITS` for longer words."""
    return 0 if len(word) < 3 else 1 if len(word) < 6 else spelling.MAX_EDITS


def _droppable(word: str, typed: str, text: str) -> bool:
    """Whether a lone word may be left out beside others: a common word, typed as one. Dotted
    (``U.S.``) or in capitals amid lowercase text (``WHO``, ``US``), it names something."""
    if not is_common(word) or "." in typed.strip("."):
        return False
    letters = [c for c in typed if c.isalpha()]
    return not (len(letters) > 1 and all(c.isupper() for c in letters) and not _shouted(text))


def _shouted(text: str) -> bool:
    """Whether a text is written in capitals throughout (as some headlines and test topics are)."""
    return not any(c.islower() for c in text)


def _leaves(node: qt.Node, positive: bool = False):
    """The words, phrases and other leaves of a tree (with `positive`, not those under a NOT)."""
    if isinstance(node, qt.Group):
        for child in node.children:
            yield from _leaves(child, positive)
    elif isinstance(node, qt.Not):
        if not positive:
            yield from _leaves(node.child, positive)
    elif isinstance(node, qt.Required):
        yield from _leaves(node.child, positive)
    else:
        yield node


def _distinct(queries) -> list[wq.Query]:
    """The queries that are not None or null, each once."""
    out: list[wq.Query] = []
    for q in queries:
        if q is not None and q is not wq.NullQuery and q not in out:
            out.append(q)
    return out


def _flat(clauses: list[wq.Query | None]) -> list[wq.Query]:
    """Or clauses of one word in several fields, one level deep (as Whoosh's parser builds them)."""
    out: list[wq.Query] = []
    for clause in _distinct(clauses):
        if type(clause) is wq.Or and clause.boost == 1.0 and not clause.scale:
            out.extend(clause.subqueries)
        else:
            out.append(clause)
    return out


def _any_of(clauses: list[wq.Query | None]) -> wq.Query | None:
    """The clauses joined by OR; `wq.NullQuery` (matches nothing) when each of them is that."""
    built = _joined(wq.Or, _flat(clauses))
    if built is None and _nothing_in(clauses):
        return wq.NullQuery
    return built


def _nothing_in(queries: list[wq.Query | None]) -> bool:
    """Whether one of the queries is `wq.NullQuery`: a wildcard or fuzzy word no article has."""
    return any(q is wq.NullQuery for q in queries)


def _joined(kind, queries: list[wq.Query]) -> wq.Query | None:
    if not queries:
        return None
    return queries[0] if len(queries) == 1 else kind(queries)


def _boosted(q: wq.Query | None, boost: float) -> wq.Query | None:
    if q is not None and q is not wq.NullQuery and boost != 1.0:
        q.boost = q.boost * boost
    return q


def bag_of_words(schema, text: str, fields: Sequence[str] = DEFAULT_FIELDS) -> wq.Query:
    """Every word of `text` as an optional term in each field: ranked retrieval with no syntax
    (test collections' topics hold "?", ":" and "AND" as plain words). Common words count only in
    a text of nothing else. A repeated word counts more, with diminishing returns
    (`query_word_weight`). The same caps as `QueryBuilder.parse` apply."""
    _check_text(text)
    tokens = [t for t in query_tokens(text) if not t.joined]
    if not all(_droppable(t.word, text[t.start : t.end], text) for t in tokens):
        tokens = [t for t in tokens if not _droppable(t.word, text[t.start : t.end], text)]
    counts = Counter(prose_term(t.word) for t in tokens)
    clauses = [
        wq.Term(name, term, boost=FIELD_WEIGHTS.get(name, 1.0) * query_word_weight(count))
        for name in fields
        for term, count in counts.items()
    ]
    if not clauses:
        raise QueryError(text, "no searchable words")
    _check_terms(text, len(clauses))
    return wq.Or(clauses)
