"""What a hit's snippet marks: the words and phrases the reader asked for, found again in its text.

The marks come from the query as typed, not from what Whoosh matched: the words under a NOT are
not marked, the words that `--expand` adds to reorder the hits are not marked, and a phrase marks
its occurrences as a phrase, not its words wherever they stand alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq

from ..engine.analysis import text_tokens, word_spans

Places = dict[str, list[tuple[int, int, int]]]  # what is marked -> [(position, start, end)]


@dataclass(frozen=True, slots=True)
class Marks:
    """Per field: the terms to mark wherever they stand, and the phrases (terms, slop) to mark
    where they stand as phrases."""

    terms: dict[str, set[str]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = field(default_factory=dict)


def marks(query: wq.Query) -> Marks:
    """The marks of a query: its positive terms and phrases, field by field."""
    found = Marks()
    _collect(query, found)
    return found


def _collect(q: wq.Query, found: Marks) -> None:
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        _collect(q.a, found)
        return
    if isinstance(q, wq.Phrase):
        if len(q.words) == 1:
            found.terms.setdefault(q.fieldname, set()).add(q.words[0])
        elif q.words:
            found.phrases.setdefault(q.fieldname, []).append((tuple(q.words), max(1, q.slop)))
        return
    if isinstance(q, wq.Term):
        found.terms.setdefault(q.fieldname, set()).add(q.text)
        return
    for child in q.children():
        _collect(child, found)


def places(text: str, fieldname: str, wanted: Marks) -> Places:
    """Where the marks of a field stand in its text: each term's occurrences, and each phrase's
    (as one span, from its first word to its last)."""
    found: Places = {}
    terms = wanted.terms.get(fieldname)
    if terms:
        found.update(word_spans(text, terms))
    phrases = wanted.phrases.get(fieldname)
    if phrases:
        found.update(phrase_spans(text, phrases))
    return found


def phrase_spans(text: str, phrases: list[tuple[tuple[str, ...], int]]) -> Places:
    """Each phrase's occurrences in `text`: its terms in order, each within `slop` positions of
    the one before (1: side by side)."""
    wanted = {term for terms, _ in phrases for term in terms}
    at: dict[int, list[tuple[str, int, int]]] = {}
    for term, position, start, end in text_tokens(text):
        if term in wanted:
            at.setdefault(position, []).append((term, start, end))
    found: Places = {}
    for terms, slop in phrases:
        label = " ".join(terms)
        tried: dict[tuple[int, int], int | None] = {}
        for position in sorted(at):
            for term, start, _ in at[position]:
                if term != terms[0]:
                    continue
                end = _rest(at, terms, 1, position, slop, tried)
                if end is not None:
                    found.setdefault(label, []).append((position, start, end))
    return found


def _rest(at: dict, terms: tuple[str, ...], k: int, last: int, slop: int, tried: dict) -> int | None:
    """The end of the phrase's remaining terms from the `k`th on, after position `last` (None: not
    there). `tried` remembers each (k, last) worked out: a long phrase with a wide slop would
    otherwise try the same rest again from every way of reaching it."""
    if k == len(terms):
        return -1
    key = (k, last)
    if key in tried:
        return tried[key]
    found = None
    for position in range(last + 1, last + slop + 1):
        for term, _, end in at.get(position, ()):
            if term == terms[k]:
                rest = _rest(at, terms, k + 1, position, slop, tried)
                if rest is not None:
                    found = end if rest == -1 else rest
                    break
        if found is not None:
            break
    tried[key] = found
    return found
