"""How text becomes index terms, the same for articles and for queries.

News text is not plain ASCII. A word is printed as ``Swift’s``, ``Coca-Cola``, ``COVID-19``,
``9/11``, ``U.S.`` or ``Zürich``, and a reader types it as printed or as ``Swift``, ``coca cola``,
``email``, ``US`` or ``zurich``. So a printed word (letters and digits joined by apostrophes,
hyphens, dashes, slashes or dots, `SURFACE`) becomes its tokens:

- every apostrophe form (’ ʼ ′ ‘ ') is one, and a possessive ``’s`` is split off: ``Swift’s`` is
  ``swift``; contractions stay whole (``won’t``);
- hyphenated and slashed compounds give their parts at consecutive positions, and the parts
  joined at the first part's position: ``e-mail`` is ``e``, ``mail`` and ``email``, so it is
  found as ``e-mail``, ``"e mail"`` and ``email``; a query ``Coca-Cola`` is the phrase of its parts
  or the joined word;
- dotted abbreviations lose their dots (``U.S.`` is ``us``, ``Ph.D.`` is ``phd``), dotted
  numbers stay whole (``3.5``), and other dotted words are split (``end.The``);
- letters are lowercased and their accents folded (``Zürich`` is ``zurich``).

Every word is indexed, common ones included, so that exact phrases of any words match. The
common English function words (`STOP_WORDS`) are kept as printed; every other word is stemmed
(Snowball English from PyStemmer, a C library: on the test collections it ranks better than
Whoosh's Porter, `scripts/eval_ir.py`). A field's length counts its uncommon words only, so
ranking by BM25 is what it was when common words were left out.

Each printed word is analysed once and remembered (`_ROOTS`): the index writer, the snippet
finder and Whoosh's analyzer (`NewsTokenizer`) all read the same analysis.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

from whoosh.analysis import Filter, Tokenizer
from whoosh.analysis.acore import Token
from whoosh.support.charset import accent_map

from .lookups import cached_values

APOSTROPHES = "'’ʼ′‘´＇"
HYPHENS = "-‐‑‒–−﹣－"  # the dashes printed inside words; an em dash separates words
_JOINERS = APOSTROPHES + HYPHENS + "/."
# A printed word: letters and digits, joined by apostrophes, hyphens, slashes or dots.
SURFACE = rf"\w+(?:[{re.escape(_JOINERS)}]\w+)*"
# Compound parts are split at these (after `_NORMAL`: one hyphen, one apostrophe).
_PART = re.compile(r"[^-/]+")

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
    don't down during each few for from further had hadn't has hasn't have haven't having he he'd
    he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into
    is isn't it it's its itself let's may me might more most must mustn't my myself no nor not of off
    on once only or other ought our ours ourselves out over own same shall shan't she she'd she'll
    she's should shouldn't so some such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those through to too under until up us
    very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which
    while who who's whom why why's will with won't would wouldn't you you'd you'll you're you've your
    yours yourself yourselves
    """.split()
)
# A compound of more parts than this (a slug, a list) gets no joined token.
MAX_JOINED_PARTS = 4
# Words repeat across articles: each distinct printed word is analysed once, up to this many.
_CACHE_LIMIT = 400_000


def _normal_table() -> dict[int, str]:
    """Lowercased text -> one apostrophe, one hyphen, accents folded (one character for one)."""
    table: dict[int, str] = dict(accent_map)
    table.update({ord(c): "'" for c in APOSTROPHES})
    table.update({ord(c): "-" for c in HYPHENS})
    return table


_NORMAL = _normal_table()
_SURFACE = re.compile(SURFACE)
# The terms of common words (`is_common`) met so far, as index bytes: a field's length leaves them out.
_COMMON_TERMS: set[bytes] = {word.encode("utf-8") for word in STOP_WORDS}


# -- one printed word -----------------------------------------------------------------------------


class Compound:
    """The analysis of a printed word of more than one token: each token with its position
    (counted from the word's first), its term, and where it stands in the word."""

    __slots__ = ("positions", "spans", "spared", "terms", "width", "words")

    def __init__(self, tokens: list[tuple[int, str, int, int]], named: int = 0) -> None:
        self.words = tuple(word for _, word, _, _ in tokens)  # folded, unstemmed
        # A joined form that stems as its first part does ("aa-ß": "aas" is "aa") is left out.
        kept = [
            (k, offset, word, term, start, end)
            for k, (offset, word, start, end) in enumerate(tokens)
            for term in (prose_term(word).encode("utf-8"),)
            if not (k == 1 and offset == 0 and term == prose_term(tokens[0][1]).encode("utf-8"))
        ]
        self.positions = tuple(offset for _, offset, _, _, _, _ in kept)
        self.terms = tuple(term for _, _, _, term, _, _ in kept)
        self.spans = tuple((start, end) for _, _, _, _, start, end in kept)
        self.width = max(self.positions) + 1 if self.positions else 0
        # Its common-word tokens that take nothing off a field's length: those naming something
        # (``U.S.``, ``O.R.``) count in it as any word does, and a joined form that is a common word
        # ("b-e": "be") holds no position of its own.
        joined = sum(1 for k, offset, word, *_ in kept if k == 1 and offset == 0 and is_common(word))
        self.spared = named + joined


def word_tokens(surface: str) -> list[tuple[int, str, int, int]]:
    """The tokens of one printed word (a `SURFACE` match): (position offset, folded word, start,
    end), offsets and spans relative to the word; a joined compound after its first part."""
    end = len(surface)
    if end > 2 and surface[-1] in "sS" and surface[-2] in APOSTROPHES:
        end -= 2  # a possessive: the word is what stands before it; its span still covers it
    tokens: list[tuple[int, str, int, int]] = []
    parts = 0
    for part in _PART.finditer(_lowered(surface[:end]).translate(_NORMAL)):
        parts += 1
        _part_tokens(part.group(), part.start(), tokens)
    if not tokens:
        return []
    if end < len(surface):  # the possessive belongs to the last token
        offset, word, start, _ = tokens[-1]
        tokens[-1] = (offset, word, start, len(surface))
    if parts > 1 and len(tokens) <= MAX_JOINED_PARTS and any(not w.isdigit() for _, w, _, _ in tokens):
        joined = "".join(word.replace("'", "") for _, word, _, _ in tokens)
        tokens.insert(1, (0, joined, 0, len(surface)))
    return tokens


def _lowered(text: str) -> str:
    """`text` lowercased, one character for one (``İ`` is ``i``, not ``i`` and a dot above)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower()[0] for c in text)


def _part_tokens(part: str, start: int, tokens: list[tuple[int, str, int, int]]) -> None:
    """A compound part's tokens, appended: a dotted abbreviation or number is one token, any
    other dotted part one token per piece."""
    if "." not in part:
        tokens.append((len(tokens), part, start, start + len(part)))
        return
    pieces = part.split(".")
    if pieces[-1] == "":
        pieces.pop()
    if all(p.isalpha() and len(p) <= 2 for p in pieces) or all(p.isdigit() for p in pieces):
        word = part if pieces[0].isdigit() else "".join(pieces)
        tokens.append((len(tokens), word, start, start + len(part)))
        return
    at = start
    for piece in pieces:
        if piece:
            tokens.append((len(tokens), piece, at, at + len(piece)))
        at += len(piece) + 1


def prose_term(word: str) -> str:
    """The index term of a folded word in prose: a common word as it is, any other its stem, or
    itself where the stem would be a common word ("beings" is not "be", "cans" not "can")."""
    if is_common(word):
        return word
    stem = _stemmer("english").stemWord(word)
    return word if is_common(stem) else stem


def is_common(word: str) -> bool:
    """Whether a folded word is a common one: a function word (`STOP_WORDS`) or a single
    character. Common words are indexed, but left out of a field's length and out of queries
    that hold other words."""
    return len(word) < 2 or word in STOP_WORDS


def fold(text: str) -> str:
    """Lowercased, one apostrophe and one hyphen, accents folded: a word as the word lists hold it."""
    return _lowered(text).translate(_NORMAL)


class QueryToken:
    """A token of query text: its folded word, its position among the text's tokens, where it
    stands in the text, and whether it is a compound's joined form (``email`` of ``e-mail``)."""

    __slots__ = ("end", "joined", "position", "start", "word")

    def __init__(self, word: str, position: int, start: int, end: int, joined: bool) -> None:
        self.word, self.position, self.start, self.end, self.joined = word, position, start, end, joined

    def __repr__(self) -> str:
        return f"QueryToken({self.word!r}, {self.position}, {self.start}, {self.end}, {self.joined})"


def query_tokens(text: str) -> list[QueryToken]:
    """The tokens of typed text, as an article's would be: a joined form only when the text is
    one printed word (``Coca-Cola``), since a phrase of several is matched by its parts."""
    surfaces = list(_SURFACE.finditer(text))
    out: list[QueryToken] = []
    position = -1
    for match in surfaces:
        first = position + 1
        for k, (offset, word, start, end) in enumerate(word_tokens(match.group())):
            joined = k == 1 and offset == 0
            if joined and len(surfaces) > 1:
                continue
            out.append(QueryToken(word, first + offset, match.start() + start, match.start() + end, joined))
            position = max(position, first + offset)
    return out


@lru_cache(maxsize=4)
def _stemmer(language: str):
    import Stemmer  # PyStemmer; loaded when text is first analysed

    return Stemmer.Stemmer(language)


# Printed word (lowercased) -> its prose analysis: the term (bytes) of a word of one token, or its
# `Compound`. And printed word -> its folded, unstemmed words (the spelling lists'), kept only for
# the printed words whose words are not just themselves (``e-mail``, ``zürich``, ``swift’s``).
_ROOTS: dict[str, bytes | Compound] = {}
_RESPELT: dict[str, tuple[str, ...]] = {}
_NAMES: dict[str, tuple[tuple[int, str], ...]] = {}  # printed word in a name -> (offset, word)s


def _analysed(surface: str) -> bytes | Compound:
    """`_ROOTS[surface]`, analysed now (it is not there yet). A plain word (letters and digits,
    or before a possessive) is one token, its folded form; a dotted number is one token as
    printed; the rest go through `word_tokens`."""
    plain = surface
    if not plain.isalnum():
        if plain[-1] in "sS" and plain[-2] in APOSTROPHES and plain[:-2].isalnum():
            plain = plain[:-2]  # a possessive: the word before it, spanning the whole
        elif plain.replace(".", "").isdigit():  # a dotted number is one token, as printed
            return _remember(surface, prose_term(plain).encode("utf-8"), (plain,))
    if plain.isalnum():
        word = _lowered(plain).translate(_NORMAL)
        term = prose_term(word).encode("utf-8")
        if len(word) < 2:
            _COMMON_TERMS.add(term)
        return _remember(surface, term, (word,))
    tokens = word_tokens(surface)
    for _, word, _, _ in tokens:
        if len(word) < 2:
            _COMMON_TERMS.add(prose_term(word).encode("utf-8"))
    if len(tokens) == 1 and "." in surface and is_common(tokens[0][1]):
        found = Compound(tokens, named=1)  # an abbreviation that spells a common word
        return _remember(surface, found, found.words)
    if len(tokens) == 1:
        return _remember(surface, prose_term(tokens[0][1]).encode("utf-8"), (tokens[0][1],))
    found = Compound(tokens)  # none at all: a word of no tokens, taking no position
    return _remember(surface, found, found.words)


def _remember(surface: str, root: bytes | Compound, words: tuple[str, ...]) -> bytes | Compound:
    _ROOTS[surface] = root
    if words != (surface,):
        _RESPELT[surface] = words
    return root


def _bounded_cache() -> dict[str, bytes | Compound]:
    """`_ROOTS`, emptied first when it has grown past `_CACHE_LIMIT` (between texts, so a text's
    words stay while it is read)."""
    if len(_ROOTS) > _CACHE_LIMIT:
        _ROOTS.clear()
        _RESPELT.clear()
    return _ROOTS


# -- texts ----------------------------------------------------------------------------------------


def surface_words(text: str) -> list[str]:
    """The printed words of `text`, lowercased (the index writer's and the sketch's input: a word
    and its capitalised form are one entry in the analysis cache)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowercases to two characters: one for one, the slow way
        lowered = _lowered(text)
    return _SURFACE.findall(lowered)


def prose_positions(
    text: str, every: list[str] | None = None
) -> tuple[dict[bytes, list[int]], set[str], int]:
    """A prose field as the index writer needs it: each term (as index bytes) with its positions,
    its printed words (once each; `spelling_words` turns them into the folded words of the
    spelling lists, a batch at a time), and the field's length (its uncommon words and
    abbreviations, at least one when it has any). `every` is `surface_words(text)` when the caller
    has it.

    Word by word in C where it can be: every word's analysis is looked up in one `map` (the words
    not met before are analysed then), and the words between two compounds (one term at one
    position each) are filed under their terms by `map`s too; only a compound's tokens are placed
    one by one."""
    if every is None:
        every = surface_words(text)
    analysed = cached_values(_bounded_cache(), every, _analysed)
    kinds = list(map(type, analysed))
    found: defaultdict[bytes, list[int]] = defaultdict(list)
    spared = shift = start = 0  # `shift`: positions taken beyond one a word by the compounds so far
    at = -1
    while True:
        try:
            at = kinds.index(Compound, at + 1)  # the next compound (found in C)
        except ValueError:
            break
        _file(found, analysed[start:at], start + shift)
        compound: Compound = analysed[at]  # type: ignore[assignment]
        first = at + shift
        for offset, term in zip(compound.positions, compound.terms):  # noqa: B905 - same length
            places = found[term]
            if not places or places[-1] != first + offset:
                places.append(first + offset)
        shift += compound.width - 1
        spared += compound.spared
        start = at + 1
    _file(found, analysed[start:], start + shift)
    common = sum(map(len, map(found.__getitem__, _COMMON_TERMS.intersection(found)))) - spared
    # A text of common words only still has a length: a word found in a field of no length has
    # no BM25 score.
    return found, set(every), max(len(every) + shift - common, 1 if found else 0)


def _file(found: defaultdict[bytes, list[int]], terms: list, first: int) -> None:
    """Append `first`, `first + 1`, ... to the positions of `terms` in turn (all in C)."""
    _consume(map(list.append, map(found.__getitem__, terms), range(first, first + len(terms))))


_consume = deque(maxlen=0).extend  # runs an iterator to its end, keeping nothing


def spelling_words(printed: Counter[str]) -> Counter[str]:
    """Counts of printed words (lowercased: ``the``, ``swift’s``, ``e-mail``) as counts of the
    folded, unstemmed words of the spelling lists (``the``, ``swift``, ``e``, ``email``, ``mail``):
    each printed word's count goes to each of its words. Most printed words are their own one
    word; only the others (`_RESPELT`, and any no longer in the cache) are looked at one by one."""
    out = Counter(printed)
    for surface in printed.keys() & _RESPELT.keys() | printed.keys() - _ROOTS.keys():
        count = out.pop(surface)
        words = _RESPELT.get(surface)
        if words is None:  # analysed before the cache was last emptied: worked out again
            words = tuple(word for _, word, _, _ in word_tokens(surface))
        for word in words:
            out[word] += count
    return out


def name_positions(text: str) -> dict[str, list[int]]:
    """A name field (byline, speaker, source): each folded word with its positions, unstemmed,
    common words included."""
    found: dict[str, list[int]] = {}
    position = -1
    names = _NAMES
    if len(names) > _CACHE_LIMIT:
        names.clear()
    for surface in _SURFACE.findall(text):
        tokens = names.get(surface)
        if tokens is None:
            tokens = names[surface] = tuple((offset, word) for offset, word, _, _ in word_tokens(surface))
        if not tokens:
            continue
        first = position + 1
        for offset, word in tokens:
            places = found.get(word)
            if places is None:
                found[word] = [first + offset]
            elif places[-1] != first + offset:
                places.append(first + offset)
            position = max(position, first + offset)
    return found


def text_tokens(text: str, *, stem: bool = True) -> Iterator[tuple[str, int, int, int]]:
    """Every token of `text`: (term, position, start, end), in order; terms as the index holds
    them (prose, or with `stem=False` the folded words of a name field)."""
    position = -1
    for match in _SURFACE.finditer(text):
        surface = match.group()
        base = match.start()
        root = (_ROOTS.get(surface) or _analysed(surface)) if stem else None
        if root.__class__ is bytes:
            position += 1
            yield root.decode("utf-8"), position, base, match.end()  # type: ignore[union-attr]
            continue
        first = position + 1
        for offset, word, start, end in word_tokens(surface):
            term = prose_term(word) if stem else word
            yield term, first + offset, base + start, base + end
            position = max(position, first + offset)


def prose_tokens(text: str) -> list[tuple[str, int, int, int]]:
    """What `text_analyzer()` makes of `text`, token by token: (term, position, start, end). The
    same tokens, from the analysis cache rather than the analyzer's chain (a sixth of the time)."""
    out = []
    last = None
    for token in text_tokens(text):
        if (token[0], token[1]) != last:  # a joined form stemming as its first part does: once
            out.append(token)
            last = token[0], token[1]
    return out


def prose_terms(text: str) -> tuple[dict[str, list[tuple[int, int, int]]], set[str]]:
    """What `text_analyzer()` makes of `text`: each term with its (position, start, end)
    occurrences, and the folded unstemmed words (for spelling suggestions). The reference the
    fast paths (`prose_positions`, `word_spans`) are held to; it runs the analyzer's chain."""
    found: dict[str, list[tuple[int, int, int]]] = {}
    words: set[str] = set()
    for token in text_analyzer()(text, positions=True, chars=True):
        found.setdefault(token.text, []).append((token.pos, token.startchar, token.endchar))
    for token in text_analyzer()(text, no_morph=True):
        words.add(token.text)
    return found, words


def word_spans(text: str, terms: Iterable[str]) -> dict[str, list[tuple[int, int, int]]]:
    """Where the tokens with these terms stand in `text`: term -> [(position, start, end)], the
    positions counted among the printed words looked at only (for snippets).

    Rather than analyse all of a hit's text, a regex finds the word parts that may begin one of
    the terms, and only the printed words around them are analysed. A Snowball English stem less
    its last letter begins the (lowercased, accent-folded) word, less its last two for "-ie"
    ("dying" -> "die"). A term not found so (a compound's joined form, ``email`` of ``e-mail``)
    is looked for among the compounds that begin with its first letter."""
    wanted = set(terms)
    if not wanted:
        return {}
    lowered = _lowered(text)
    spans: dict[str, list[tuple[int, int, int]]] = {}
    starts: set[int] = set()
    _spans_at(_part_starts(frozenset(wanted)), text, lowered, wanted, starts, spans)
    missing = wanted.difference(spans)
    if missing:
        _spans_at(_compound_starts(frozenset(missing)), text, lowered, wanted, starts, spans)
    return spans


def may_hold(text: str, terms: frozenset[str]) -> bool:
    """False only when no token of `text` is one of `terms`: the cheap test `word_spans` starts
    with (the word parts that may begin a term, or a compound), without analysing a word."""
    if not terms:
        return False
    lowered = _lowered(text)
    return bool(_part_starts(terms).search(lowered) or _compound_starts(terms).search(lowered))


def _spans_at(
    pattern: re.Pattern[str],
    text: str,
    lowered: str,
    wanted: set[str],
    starts: set[int],
    spans: dict[str, list[tuple[int, int, int]]],
) -> None:
    """Add the wanted tokens of the printed words around `pattern`'s matches (each word once)."""
    roots = _bounded_cache()
    for match in pattern.finditer(lowered):
        start = _word_start(lowered, match.start())
        if start in starts:
            continue
        starts.add(start)
        word = _SURFACE.match(text, start)
        if word is None:
            continue
        surface = word.group()
        root = roots.get(surface) or _analysed(surface)
        place = len(starts) - 1
        if root.__class__ is bytes:
            term = root.decode("utf-8")  # type: ignore[union-attr]
            if term in wanted:
                spans.setdefault(term, []).append((place, start, word.end()))
            continue
        for term, (a, b) in zip(root.terms, root.spans):  # type: ignore[union-attr]  # noqa: B905
            found = term.decode("utf-8")
            if found in wanted:
                spans.setdefault(found, []).append((place, start + a, start + b))
    for places in spans.values():
        places.sort(key=_second)


def _second(place: tuple[int, int, int]) -> int:
    return place[1]


def _word_start(text: str, at: int) -> int:
    """Where the printed word (a `SURFACE` match) holding the word part at `at` begins."""
    while at > 0 and (
        _in_word(text[at - 1]) or (text[at - 1] in _JOINERS and at > 1 and _in_word(text[at - 2]))
    ):
        at -= 1
    return at


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@lru_cache(maxsize=256)
def _part_starts(terms: frozenset[str]) -> re.Pattern[str]:
    """A regex for the starts of the (lowercased) word parts that may begin one of `terms`: a
    term less its last letter, not right after a letter or digit."""
    prefixes = set()
    for term in terms:
        prefix = term[:-2] if term.endswith("ie") else term[:-1]
        prefixes.add("".join(_FOLDED_FROM.get(c, re.escape(c)) for c in prefix))
    alternatives = "|".join(sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?=\w)(?:{alternatives})")


@lru_cache(maxsize=256)
def _compound_starts(terms: frozenset[str]) -> re.Pattern[str]:
    """A regex for the (lowercased) compounds that begin with one of the terms' first letters."""
    firsts = "|".join(sorted({_FOLDED_FROM.get(t[0], re.escape(t[0])) for t in terms if t}))
    join = f"[{re.escape(_JOINERS)}]"
    return re.compile(rf"(?<![^\W_])(?:{firsts})\w*(?:{join}\w+)+")


def _folded_from() -> dict[str, str]:
    """letter -> a character class of the letter and every character that folds to it (Whoosh's
    accent map folds each character to one); the apostrophe -> every apostrophe form."""
    sources: dict[str, list[str]] = {}
    for code, folded in accent_map.items():
        sources.setdefault(folded, []).append(chr(code).lower())
    classes = {letter: "[" + re.escape(letter + "".join(found)) + "]" for letter, found in sources.items()}
    classes["'"] = "[" + re.escape(APOSTROPHES) + "]"
    return classes


_FOLDED_FROM = _folded_from()


# -- Whoosh's side --------------------------------------------------------------------------------


class NewsTokenizer(Tokenizer):
    """`word_tokens` of every printed word, as a Whoosh tokenizer (folded, unstemmed tokens)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash("news-tokenizer")

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:  # the whole value is one token (Whoosh asks this of some query terms)
            token.text = value.lower().translate(_NORMAL)
            token.boost, token.stopped = 1.0, False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        position = start_pos - 1
        for match in _SURFACE.finditer(value):
            base = start_char + match.start()
            first = position + 1
            for offset, word, start, end in word_tokens(match.group()):
                token.text = word
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = word
                if positions:
                    token.pos = first + offset
                if chars:
                    token.startchar, token.endchar = base + start, base + end
                position = max(position, first + offset)
                yield token


class SnowballStemFilter(Filter):
    """Snowball stems from PyStemmer for every word but the common ones (`prose_term`).
    Picklable (Whoosh pickles the schema into the index): the C stemmer is made on first use in
    each process, not stored."""

    is_morph = True  # a stemmed field gets an unstemmed word list for spelling suggestions

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SnowballStemFilter) and other.language == self.language

    def __hash__(self) -> int:
        return hash(("snowball", self.language))

    def __call__(self, tokens):
        stem = _stemmer(self.language).stemWord
        last = None
        for token in tokens:
            if not is_common(token.text):
                stemmed = stem(token.text)
                if not is_common(stemmed):
                    token.text = stemmed
            if token.positions:  # a joined form stemming as its first part does ("aa-ß"): once
                if (token.pos, token.text) == last:
                    continue
                last = (token.pos, token.text)
            yield token


def text_analyzer():
    """Prose: printed words' tokens, lowercased, accents folded, Snowball English stems for all
    but the common words."""
    return NewsTokenizer() | SnowballStemFilter()


def name_analyzer():
    """Names and publishers: printed words' tokens, lowercased, accents folded; no stemming."""
    return NewsTokenizer()
