"""Query text -> a tree of clauses: the query language's syntax, before any field's analysis.

The language reads pasted text as text and keeps its operators where a reader means them:

- words stand side by side (all required, or with ``--any`` all optional); ``AND``, ``OR`` and
  ``NOT`` in capitals are operators, AND binding tighter than OR;
- ``-`` and ``+`` are operators only at the start of a word (``-marijuana`` excludes, ``+bail``
  requires): ``Coca-Cola``, ``e-mail`` and ``COVID-19`` are words;
- ``"…"`` is a phrase and ``"…"~N`` its words within N positions (at most `MAX_SLOP`); curly and
  angled quotation marks are quotes too, and a quote without its closing one is text;
- ``( … )`` groups; a bracket without its partner is text;
- ``field:value``, ``field:"…"`` and ``field:( … )`` for the known field names and aliases;
  ``date:`` takes the date forms of `query.date_clause`; any other ``word:`` is text;
- ``prosecut*`` and ``wom?n`` are wildcards (a ``?`` ending a word is punctuation: ``Eve?`` is
  the word Eve), ``word~`` / ``word~2`` fuzzy, ``word^2`` a boost; ``*`` alone is every article.

Nothing here knows how a field analyses its words; `query.QueryBuilder` turns the tree into a
Whoosh query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Double quotation marks a reader may paste: straight, curly, low, angled, full-width.
QUOTES = '"“”„‟«»＂〝〞'
OPERATORS = ("AND", "OR", "NOT")
MAX_DEPTH = 32  # brackets nested deeper than this are text
MAX_SLOP = 1000  # ``"a b"~N`` beyond this is ``"a b"~1000``: far apart in any article
# `date:` clauses: a range, a quoted phrase ("last week"), a comparison, or one token.
_DATE_VALUE = re.compile(r"""\[[^\]]*\]|"[^"]*"|'[^']*'|[<>]=?[^\s)]+|[^\s)]*""")
_SUFFIX = re.compile(r"(?:~(?P<slop>\d+))?(?:\^(?P<boost>\d+(?:\.\d+)?|\.\d+))?")
_WORD_SUFFIX = re.compile(r"(?<=[^\s~^])(?:~(?P<fuzzy>\d*))?(?:\^(?P<boost>\d+(?:\.\d+)?|\.\d+))?$")
_FIELD = re.compile(r"([a-z_]+):")


@dataclass(frozen=True, slots=True)
class Word:
    """A word as typed (it may hold several printed words: ``nosuch:aa``, ``U.S.-China``).
    `start`/`end` locate it in the query text."""

    text: str
    start: int
    end: int
    field: str | None = None
    boost: float = 1.0
    fuzzy: int | None = None  # edits allowed, for ``word~N``
    wildcard: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    start: int
    end: int
    field: str | None = None
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class DateClause:
    """The text after ``date:``, and the whole clause as typed (for messages)."""

    value: str
    clause: str


@dataclass(frozen=True, slots=True)
class Everything:
    """``*`` or ``*:*``: every article."""


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class Required:
    """``+word``: required even where words are optional (``--any``)."""

    child: Node


@dataclass(frozen=True, slots=True)
class Group:
    """Clauses joined by ``and`` or ``or``, or by ``juxtaposition`` (side by side: the default
    operator)."""

    kind: str
    children: tuple[Node, ...] = field(default_factory=tuple)
    boost: float = 1.0


Node = Word | Phrase | DateClause | Everything | Not | Required | Group


def parse(text: str, fields: frozenset[str] | set[str]) -> Group:
    """The tree of `text`; `fields` are the names (and aliases) that ``name:`` may give.
    Never raises: text that is not syntax is words."""
    return _Parser(_tokens(text, fields)).query()


# -- tokens ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # word, phrase, date, every, open, close, op, not, plus, field
    text: str
    start: int
    end: int
    slop: int = 1
    boost: float = 1.0


def _tokens(text: str, fields: frozenset[str] | set[str]) -> list[_Token]:
    normal = text.translate(_QUOTE_TABLE)
    quotes = _paired_quotes(normal)
    brackets = _paired_brackets(normal, quotes)
    out: list[_Token] = []
    i, n = 0, len(normal)
    while i < n:
        c = normal[i]
        if c.isspace():
            i += 1
        elif c == '"' and i in quotes:
            i = _phrase(normal, i, quotes[i], out)
        elif c in "()" and i in brackets:
            out.append(_Token("open" if c == "(" else "close", c, i, i + 1))
            i += 1
        else:
            i = _chunk(normal, i, quotes, brackets, fields, out)
    return out


_QUOTE_TABLE = {ord(c): '"' for c in QUOTES}


def _paired_quotes(text: str) -> dict[int, int]:
    """Opening quote -> its closing quote, pairing them in order; a last odd quote is text."""
    places = [i for i, c in enumerate(text) if c == '"']
    return {places[k]: places[k + 1] for k in range(0, len(places) - 1, 2)}


def _paired_brackets(text: str, quotes: dict[int, int]) -> set[int]:
    """The places of the round brackets that have a partner (outside phrases); none at all when
    they nest deeper than `MAX_DEPTH` (such text is not a query anyone writes by hand)."""
    paired: set[int] = set()
    stack: list[int] = []
    deepest = 0
    i = 0
    while i < len(text):
        if i in quotes:
            i = quotes[i] + 1
            continue
        if text[i] == "(":
            stack.append(i)
            deepest = max(deepest, len(stack))
        elif text[i] == ")" and stack:
            paired.update((stack.pop(), i))
        i += 1
    return paired if deepest <= MAX_DEPTH else set()


def _phrase(text: str, start: int, close: int, out: list[_Token]) -> int:
    suffix = _SUFFIX.match(text, close + 1)
    slop = min(int(suffix.group("slop")), MAX_SLOP) if suffix.group("slop") else 1
    boost = float(suffix.group("boost")) if suffix.group("boost") else 1.0
    out.append(_Token("phrase", text[start + 1 : close], start, suffix.end(), max(1, slop), boost))
    return suffix.end()


def _chunk(
    text: str,
    start: int,
    quotes: dict[int, int],
    brackets: set[int],
    fields: frozenset[str] | set[str],
    out: list[_Token],
) -> int:
    """A run of text up to a space, a paired bracket or a paired quote: a word, an operator, a
    sign, a field name (and what follows it), a date clause."""
    while True:
        if text.startswith("date:", start) and "date" in fields:
            value = _DATE_VALUE.match(text, start + 5)
            out.append(_Token("date", text[start : value.end()], start, value.end()))
            return value.end()
        end = start
        while end < len(text) and not text[end].isspace() and end not in quotes and end not in brackets:
            end += 1
        chunk = text[start:end]
        opens = end < len(text) and (end in quotes or (end in brackets and text[end] == "("))
        named = _FIELD.match(chunk)
        if chunk in OPERATORS or not named or named.group(1) not in fields:
            break
        if len(chunk) == named.end() and not opens:
            break
        out.append(_Token("field", named.group(1), start, start + named.end()))
        if len(chunk) == named.end():
            return start + named.end()
        start += named.end()  # ``title:oil``: the field, then what it holds
    if chunk in OPERATORS:
        out.append(_Token("op", chunk, start, end))
        return end
    if chunk[0] in "-+" and (len(chunk) > 1 or opens) and not (out and out[-1].kind in ("not", "plus")):
        out.append(_Token("not" if chunk[0] == "-" else "plus", chunk[0], start, start + 1))
        return start + 1
    if chunk in ("*", "*:*"):
        out.append(_Token("every", chunk, start, end))
        return end
    out.append(_Token("word", chunk, start, end))
    return end


# -- the tree -------------------------------------------------------------------------------------


class _Parser:
    """Recursive descent: query := clauses; clauses := or+; or := and ("OR" and)*;
    and := unary ("AND" unary)*; unary := ("NOT" | "-" | "+") unary | primary;
    primary := "(" clauses ")" | field ":" primary | phrase | word | date | "*".
    An operator with nothing to work on is read as a word."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def query(self) -> Group:
        children = self.clauses()
        while self.peek() is not None:  # a stray closing bracket cannot stop the query
            self.take()
            children += self.clauses()
        return Group("juxtaposition", tuple(children))

    def clauses(self, fieldname: str | None = None) -> list[Node]:
        found: list[Node] = []
        while (token := self.peek()) is not None and token.kind != "close":
            clause = self.either(fieldname)
            if clause is not None:
                found.append(clause)
        return found

    def either(self, fieldname: str | None) -> Node | None:
        return self._infix("OR", "or", self.both, fieldname)

    def both(self, fieldname: str | None) -> Node | None:
        return self._infix("AND", "and", self.unary, fieldname)

    def _infix(self, op: str, kind: str, operand, fieldname: str | None) -> Node | None:
        parts = [operand(fieldname)]
        while (token := self.peek()) is not None and token.kind == "op" and token.text == op:
            following = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else None
            if following is None or following.kind == "close" or parts[-1] is None:
                break  # nothing on one side: the operator is a word (read by `primary`)
            self.take()
            parts.append(operand(fieldname))
        kept = [part for part in parts if part is not None]
        if len(kept) <= 1:
            return kept[0] if kept else None
        return Group(kind, tuple(kept))

    def unary(self, fieldname: str | None) -> Node | None:
        """A clause after any run of NOTs and signs: an even number of NOTs cancel out."""
        negated = required = False
        while (token := self.peek()) is not None and (
            token.kind in ("not", "plus") or (token.kind == "op" and token.text == "NOT")
        ):
            following = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else None
            if following is None or following.kind == "close":
                break  # nothing to work on: a word
            self.take()
            if token.kind == "plus":
                required = True
            else:
                negated = not negated
        child = self.primary(fieldname)
        if child is None:
            return None
        if negated:
            return Not(child)
        return Required(child) if required else child

    def primary(self, fieldname: str | None) -> Node | None:
        token = self.take()
        kind = token.kind
        if kind == "open":
            children = self.clauses(fieldname)
            if self.peek() is not None:
                self.take()  # its closing bracket (brackets are paired)
            boost = self._boost()
            if not children:
                return None
            if len(children) == 1 and boost == 1.0:
                return children[0]
            return Group("juxtaposition", tuple(children), boost)
        if kind == "field":
            while (following := self.peek()) is not None and following.kind == "field":
                token = self.take()  # ``title:body:oil``: the last field named holds the word
            if self.peek() is None:
                return None
            return self.unary(token.text)
        if kind == "phrase":
            return Phrase(token.text, token.start, token.end, fieldname, token.slop, token.boost)
        if kind == "date":
            return DateClause(token.text[5:], token.text)
        if kind == "every":
            return Everything()
        if kind in ("op", "not", "plus"):  # an operator with nothing to work on: a word
            return Word(token.text, token.start, token.end, fieldname)
        return _word(token, fieldname)

    def _boost(self) -> float:
        """A ``^N`` right after a closing bracket, read as the word it was lexed as."""
        token = self.peek()
        if token is not None and token.kind == "word" and re.fullmatch(r"\^\d+(?:\.\d+)?", token.text):
            self.take()
            return float(token.text[1:])
        return 1.0


def _word(token: _Token, fieldname: str | None) -> Word:
    """A word with its suffixes read: ``~N`` (fuzzy), ``^N`` (boost), wildcards."""
    text = token.text
    suffix = _WORD_SUFFIX.search(text)
    fuzzy = None
    boost = 1.0
    if suffix is not None and suffix.group():
        if suffix.group("boost"):
            boost = float(suffix.group("boost"))
        if suffix.group(0).startswith("~"):
            fuzzy = int(suffix.group("fuzzy") or 1)
        text = text[: suffix.start()]
    stripped = text.rstrip("?!.,;:")
    wildcard = "*" in stripped or "?" in stripped
    if not wildcard:
        stripped = text
    return Word(stripped, token.start, token.start + len(stripped), fieldname, boost, fuzzy, wildcard)
