"""Query text -> Whoosh query.

Plain words search the title and the body, all required. On top of Whoosh's syntax
(``"phrases"``, ``"near words"~5``, ``field:value``, ``AND``/``OR``/``NOT``, ``-word``, ``prefix*``,
``fuzzy~``, ``word^2``) this adds
``date:`` clauses in the forms people type: ``date:2017``, ``date:2017-11``, ``date:2017-11-09``,
``date:[2017-01 TO 2017-06]``, ``date:>2017-06-01``, ``date:<=2017``, ``date:"last week"``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from whoosh import query as wq
from whoosh.qparser import AndGroup, GtLtPlugin, MultifieldParser, OrGroup, PlusMinusPlugin, syntax
from whoosh.qparser.plugins import FieldAliasPlugin, FuzzyTermPlugin, TaggingPlugin

from .errors import QueryError
from .schema import DEFAULT_FIELDS, FIELD_WEIGHTS
from .scoring import query_word_weight
from .spelling import terms_within

FIELD_ALIASES = {
    "byline": ["author", "by"],
    "speaker": ["speakers", "said"],
    "quote": ["quotes"],
    "source": ["publisher", "site"],
}
# With --any, how much an article gains for each further query word it holds (Whoosh's OrGroup factor).
ANY_WORDS_BONUS = 0.9
DATE_FORMS = '2017, 2017-11, 2017-11-09, [2017-01 TO 2017-06], >2017-06-01 or "last week"'
_PERIOD = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


class _QueryNode(syntax.SyntaxNode):
    """A piece of the query already turned into a Whoosh query by a plugin."""

    def __init__(self, built: wq.Query) -> None:
        self.built = built

    def r(self) -> str:
        return repr(self.built)

    def query(self, parser) -> wq.Query:
        return self.built


class DateClausePlugin(TaggingPlugin):
    """Reads ``date:`` clauses before Whoosh's field syntax sees them."""

    priority = -10  # taggers with lower numbers run first; FieldsPlugin's runs at 0
    expr = r"date:(?P<value>\[[^\]]*\]|\"[^\"]*\"|'[^']*'|[<>]=?[^\s)]+|[^\s)]*)"  # empty: an error

    def __init__(self, now: dt.datetime, query_text: str) -> None:
        super().__init__()
        self.now = now
        self.query_text = query_text

    def create(self, parser, match) -> _QueryNode:
        try:
            return _QueryNode(date_clause(match.group("value"), self.now))
        except ValueError as error:
            clause = match.group(0)
            where = "" if clause == self.query_text.strip() else f"in {clause}: "
            raise QueryError(self.query_text, f"{where}{error}") from None


def date_clause(value: str, now: dt.datetime) -> wq.Query:
    """A Whoosh date range for the text after ``date:``."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        parts = re.split(r"\s*\bto\b\s*", value[1:-1].strip(), maxsplit=1, flags=re.I)
        if len(parts) != 2:
            raise ValueError(f"a range needs TO between its ends, as in {DATE_FORMS}")
        return _range(parts[0], parts[1], now)
    if value[:1] in "\"'":
        value = value[1:-1]
    m = re.match(r"^([<>]=?)(.+)$", value)
    if m:
        op, rest = m.groups()
        start, end = period(rest, now)
        if op == ">":
            return wq.DateRange("date", end + dt.timedelta(microseconds=1), None)
        if op == ">=":
            return wq.DateRange("date", start, None)
        if op == "<":
            return wq.DateRange("date", None, start - dt.timedelta(microseconds=1))
        return wq.DateRange("date", None, end)
    start, end = period(value, now)
    return wq.DateRange("date", start, end)


def _range(low: str, high: str, now: dt.datetime) -> wq.Query:
    low, high = low.strip(), high.strip()
    if not low and not high:
        raise ValueError(f"an empty range; write it like {DATE_FORMS}")
    start = period(low, now)[0] if low else None
    end = period(high, now)[1] if high else None
    if start and end and start > end:
        raise ValueError("the range ends before it starts")
    return wq.DateRange("date", start, end)


def period(text: str, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The first and last moment of a year, month, day or relative period (``last week``)."""
    text = text.strip().lower()
    m = _PERIOD.match(text)
    if m:
        year, month, day = (int(g) if g else None for g in m.groups())
        try:
            if month is None:
                return dt.datetime(year, 1, 1), _end_of(dt.datetime(year, 12, 31))
            if day is None:
                last = calendar.monthrange(year, month)[1]
                return dt.datetime(year, month, 1), _end_of(dt.datetime(year, month, last))
            first = dt.datetime(year, month, day)
            return first, _end_of(first)
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
    relative = _relative_period(text, now)
    if relative:
        return relative
    try:
        moment = dt.datetime.fromisoformat(text.upper())
    except ValueError:
        raise ValueError(f"{text!r} is not a date; use forms like {DATE_FORMS}") from None
    moment = moment.replace(tzinfo=None)
    return moment, moment


def _relative_period(text: str, now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    today = dt.datetime(now.year, now.month, now.day)
    if text == "today":
        return today, _end_of(today)
    if text == "yesterday":
        day = today - dt.timedelta(days=1)
        return day, _end_of(day)
    m = re.match(r"^(this|last|past)\s+(\d+\s+)?(day|week|month|year)s?$", text)
    if not m:
        return None
    which, count, unit = m.group(1), int(m.group(2) or 1), m.group(3)
    if which == "past" or m.group(2):
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * count
        return today - dt.timedelta(days=days - 1), _end_of(today)
    if unit == "day":
        start = today if which == "this" else today - dt.timedelta(days=1)
        return start, _end_of(start)
    if unit == "week":
        start = today - dt.timedelta(days=today.weekday())
        if which == "last":
            start -= dt.timedelta(days=7)
        return start, _end_of(start + dt.timedelta(days=6))
    if unit == "month":
        first = today.replace(day=1)
        if which == "last":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        last = calendar.monthrange(first.year, first.month)[1]
        return first, _end_of(first.replace(day=last))
    year = today.year if which == "this" else today.year - 1
    return dt.datetime(year, 1, 1), _end_of(dt.datetime(year, 12, 31))


def _end_of(day: dt.datetime) -> dt.datetime:
    return day.replace(hour=23, minute=59, second=59, microsecond=999999)


class QueryBuilder:
    """Parses query text against one schema. Build one per index and reuse it."""

    def __init__(self, schema) -> None:
        self.schema = schema

    def parse(
        self,
        text: str,
        *,
        now: dt.datetime | None = None,
        fields: Sequence[str] = DEFAULT_FIELDS,
        any_words: bool = False,
    ) -> wq.Query:
        """The Whoosh query for `text`, plain words searching `fields`.

        Words are all required, or with `any_words` all optional (more matches rank higher).
        Raises `QueryError` when there is nothing to search for.
        """
        if not text or not text.strip():
            raise QueryError(text or "", "the query is empty")
        if not any_words and _PLAIN.match(text) and not _OPERATOR_WORD.search(text):
            plain = self._plain_words(text, fields)
            if plain is not None:
                return plain
        group = OrGroup.factory(ANY_WORDS_BONUS) if any_words else AndGroup
        boosts = {name: FIELD_WEIGHTS.get(name, 1.0) for name in fields}
        parser = MultifieldParser(list(fields), self.schema, fieldboosts=boosts, group=group)
        parser.add_plugin(DateClausePlugin(now or dt.datetime.now(), text))
        parser.add_plugin(GtLtPlugin())
        parser.add_plugin(PlusMinusPlugin())
        parser.add_plugin(FuzzyTermPlugin())
        parser.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
        try:
            built = parser.parse(text)
            if _is_null(built) and _NEGATION.search(text):
                # Only exclusions ("-marijuana"): everything else, as "NOT marijuana" already means.
                built = parser.parse(f"*:* {text}")
        except QueryError:
            raise
        except Exception as error:  # Whoosh raises bare Exceptions for some malformed input
            raise QueryError(text, str(error) or type(error).__name__) from None
        if _is_null(built):
            raise QueryError(text, "nothing to search for (only operators, punctuation or common words)")
        _score_expansions(built)
        return built

    def _plain_words(self, text: str, fields: Sequence[str]) -> wq.Query | None:
        """What Whoosh's parser builds for words and nothing else, without running it (it costs
        more than the search): each word in any of `fields`, all words required."""
        clauses: list[wq.Query] = []
        for word in text.split():
            terms = []
            for name in fields:
                tokens = [t.text for t in self.schema[name].analyzer(word, mode="query")]
                if len(tokens) > 1:
                    return None  # the parser makes a phrase or a group of these; let it
                if tokens:
                    terms.append(wq.Term(name, tokens[0], boost=FIELD_WEIGHTS.get(name, 1.0)))
            if terms:
                clause = terms[0] if len(terms) == 1 else wq.Or(terms)
                if clause not in clauses:
                    clauses.append(clause)
        if not clauses:
            return None  # the parser says why
        return clauses[0] if len(clauses) == 1 else wq.And(clauses)


# Queries of plain words (letters and digits, spaces between), no operators: `_plain_words`.
_PLAIN = re.compile(r"^\s*[^\W_]+(?:\s+[^\W_]+)*\s*$")
_OPERATOR_WORD = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE|TO)\b")


_NEGATION = re.compile(r"(?:^|[\s(])(?:-\S|NOT\s)")


def _is_null(built: wq.Query) -> bool:
    return built is wq.NullQuery or isinstance(built, type(wq.NullQuery))


def _score_expansions(built: wq.Query) -> None:
    """Wildcards and prefixes score like the words they expand to, whatever the segment sizes."""
    for leaf in built.leaves():
        if isinstance(leaf, (wq.Prefix, wq.Wildcard, wq.FuzzyTerm)):
            leaf.constantscore = False


def bag_of_words(schema, text: str, fields: Sequence[str] = DEFAULT_FIELDS) -> wq.Query:
    """Every word of `text` as an optional term in each field: ranked retrieval with no syntax
    (test collections' topics hold "?", ":" and "AND" as plain words). A repeated word counts more,
    with diminishing returns (`query_word_weight`)."""
    clauses = [
        wq.Term(name, word, boost=FIELD_WEIGHTS.get(name, 1.0) * query_word_weight(count))
        for name in fields
        for word, count in Counter(token.text for token in schema[name].analyzer(text)).items()
    ]
    if not clauses:
        raise QueryError(text, "no searchable words")
    return wq.Or(clauses)


def expand_fuzzy(built: wq.Query, reader, schema) -> wq.Query:
    """Fuzzy words (``krasnr~``) matched against the index's unstemmed words, then stemmed.

    Whoosh compares a fuzzy word with the stemmed terms ("levess" with "leve"), which misses
    plain typos; the spelling word lists hold the words as written.
    """

    def expand(q: wq.Query) -> wq.Query:
        if not isinstance(q, wq.FuzzyTerm) or q.fieldname not in schema:
            return q
        field = schema[q.fieldname]
        spelling = field.spelling_fieldname(q.fieldname) if getattr(field, "spelling", False) else None
        if not spelling or spelling not in schema:
            return q
        words = terms_within(reader, spelling, q.text.lower(), q.maxdist, q.prefixlength)
        stems = {token.text for word in words for token in field.analyzer(word)}
        if not stems:
            return wq.NullQuery
        return wq.Or([wq.Term(q.fieldname, stem, boost=q.boost) for stem in sorted(stems)])

    return built.accept(expand)


_RAW_WORD = re.compile(r"(?:(?P<field>\w+):)?(?P<word>[^\W\d_][\w'’]*)(?![\w:*?~])")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


def raw_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for the plain words of a query that search prose fields.

    Skips operators, field values of non-prose fields, and words in ``date:`` clauses.
    """
    out = []
    for m in _RAW_WORD.finditer(text):
        field = m.group("field")
        word = m.group("word")
        if word in _OPERATORS or (field and field not in DEFAULT_FIELDS):
            continue
        if m.start() > 0 and text[m.start() - 1] in ":^~":
            continue
        out.append((m.start("word"), m.end("word"), word))
    return out
