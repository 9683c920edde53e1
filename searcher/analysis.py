"""How text becomes index terms: words, lowercased, accents folded, stop words dropped, stemmed.

The stemmer is Snowball English from PyStemmer, a C library: on the test collections it ranks
better than Whoosh's pure-Python Porter (`scripts/eval_ir.py`) and costs less per word. The stop
list is the common English function words; it helps long, question-like queries ("What are the
effects of ...") without dropping content words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.support.charset import accent_map

# Words: letters and digits, keeping inner apostrophes and dots ("don't", "U.S.") together.
WORDS = r"\w+(?:['’.]\w+)*"

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


class SnowballStemFilter(Filter):
    """Snowball stems from PyStemmer. Picklable (Whoosh pickles the schema into the index): the C
    stemmer is made on first use in each process, not stored."""

    is_morph = True  # a stemmed field gets an unstemmed word list for spelling suggestions

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SnowballStemFilter) and other.language == self.language

    def __hash__(self) -> int:
        return hash(("snowball", self.language))

    def __call__(self, tokens):
        stem = _stemmer(self.language).stemWord
        for token in tokens:
            if not token.stopped:
                token.text = stem(token.text)
            yield token


@lru_cache(maxsize=4)
def _stemmer(language: str):
    import Stemmer  # PyStemmer; loaded when text is first analysed

    return Stemmer.Stemmer(language)


def text_analyzer():
    """Prose: words, lowercased, accents folded, stop words dropped, Snowball English stems."""
    return (
        RegexTokenizer(WORDS)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=STOP_WORDS)
        | SnowballStemFilter()
    )


# Words repeat across articles: each distinct word is stemmed once (`_ROOTS`), up to this many.
_STEM_CACHE_LIMIT = 400_000
_WORD_PATTERN = re.compile(WORDS)
_MIN_WORD = 2  # StopFilter's default minimum size: one-letter words are not indexed


def prose_terms(text: str) -> tuple[dict[str, list[tuple[int, int, int]]], set[str]]:
    """What `text_analyzer()` makes of `text`: each stem with its (position, start, end)
    occurrences, and the unstemmed words (for spelling suggestions). The reference the fast
    paths (`prose_positions`, `word_spans`) are held to; it runs the analyzer's chain."""
    found: dict[str, list[tuple[int, int, int]]] = {}
    words: set[str] = set()
    for token in text_analyzer()(text, positions=True, chars=True):
        found.setdefault(token.text, []).append((token.pos, token.startchar, token.endchar))
    for token in text_analyzer()(text, no_morph=True):
        words.add(token.text)
    return found, words


def lowered_words(text: str) -> list[str] | None:
    """The words of `text`, lowercased, before folding, stop words and stemming; None for a
    text with characters that lowercase to two (which `prose_positions` analyses the slow way)."""
    lowered = text.lower()
    return _WORD_PATTERN.findall(lowered) if len(lowered) == len(text) else None


def prose_positions(text: str, every: list[str] | None = None) -> tuple[dict[bytes, list[int]], set[str]]:
    """`prose_terms` as the index writer needs it: each stem (as index bytes) with its positions,
    and the unstemmed words. No character offsets, and one cache lookup per word: the words'
    list comes from one `findall` (or `every`, from `lowered_words(text)`), and each distinct
    word's fate (dropped, or its stem) is remembered across articles.
    """
    if every is None:
        every = lowered_words(text)
    if every is None:
        found_spans, words = prose_terms(text)
        return {stem.encode("utf-8"): [p for p, _, _ in o] for stem, o in found_spans.items()}, words
    roots = _ROOTS
    if len(roots) > _STEM_CACHE_LIMIT:
        roots.clear()
    found: dict[bytes, list[int]] = {}
    position = -1  # as StopFilter renumbers: the first word keeps its place, the rest follow on
    for place, word in enumerate(every):
        root = roots.get(word)
        if root is None:
            root = roots[word] = _root(word)
        if not root:
            continue
        position = place if position < 0 else position + 1
        places = found.get(root)
        if places is None:
            found[root] = [position]
        else:
            places.append(position)
    words = {word if word.isascii() else word.translate(accent_map) for word in set(every) if roots[word]}
    return found, words


def name_positions(text: str) -> dict[str, list[int]] | None:
    """What `name_analyzer()` makes of `text`: each word with its positions, in one `findall`
    (None for a text with characters that lowercase to two: the analyzer's chain handles it)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    found: dict[str, list[int]] = {}
    for position, word in enumerate(_WORD_PATTERN.findall(lowered)):
        if not word.isascii():
            word = word.translate(accent_map)
        places = found.get(word)
        if places is None:
            found[word] = [position]
        else:
            places.append(position)
    return found


# Lowercased word as found -> its stem as index bytes, or b"" for a word the analysis drops.
_ROOTS: dict[str, bytes] = {}


def _root(word: str) -> bytes:
    if not word.isascii():
        word = word.translate(accent_map)
    if len(word) < _MIN_WORD or word in STOP_WORDS:
        return b""
    return _stemmer("english").stemWord(word).encode("utf-8")


def word_spans(text: str, stems: Iterable[str]) -> dict[str, list[tuple[int, int, int]]]:
    """Where the words with these stems stand in `text`, as `prose_terms` would report them:
    stem -> [(position, start, end)], positions counted among the words looked at only.

    For snippets: rather than analyse all of a hit's text, a regex finds the words that may have
    one of the stems, and only those are stemmed. A Snowball English stem less its last letter
    begins the (lowercased, accent-folded) word, less its last two for "-ie" ("dying" -> "die"),
    so the stems' beginnings find every candidate; stemming each candidate keeps the answer exact.
    """
    wanted = set(stems)
    lowered = text.lower()
    if not wanted:
        return {}
    if len(lowered) != len(text):
        found, _ = prose_terms(text)
        return {stem: found[stem] for stem in wanted if stem in found}
    roots = _ROOTS
    if len(roots) > _STEM_CACHE_LIMIT:
        roots.clear()
    wanted_roots = {stem.encode("utf-8"): stem for stem in wanted}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for place, match in enumerate(_candidates(frozenset(wanted)).finditer(lowered)):
        word = match.group()
        root = roots.get(word)
        if root is None:
            root = roots[word] = _root(word)
        stem = wanted_roots.get(root)
        if stem is not None:
            spans.setdefault(stem, []).append((place, *match.span()))
    return spans


@lru_cache(maxsize=256)
def _candidates(stems: frozenset[str]) -> re.Pattern[str]:
    """A regex for the lowercased words that may stem to one of `stems`: a word (as `WORDS`
    splits them) beginning with a stem less its last letter, at a word's start. A word starts with
    a letter or digit, also when a stem leaves no beginning ("ie"): "'aa" is the word "aa"."""
    prefixes = set()
    for stem in stems:
        prefix = stem[:-2] if stem.endswith("ie") else stem[:-1]
        prefixes.add("".join(_FOLDED_FROM.get(c, re.escape(c)) for c in prefix))
    alternatives = "|".join(sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w['’.])(?=\w)(?:{alternatives})\w*(?:['’.]\w+)*")


def _folded_from() -> dict[str, str]:
    """letter -> a character class of the letter and every character that folds to it (Whoosh's
    accent map folds each character to one)."""
    sources: dict[str, list[str]] = {}
    for code, folded in accent_map.items():
        sources.setdefault(folded, []).append(chr(code).lower())
    return {letter: "[" + re.escape(letter + "".join(found)) + "]" for letter, found in sources.items()}


_FOLDED_FROM = _folded_from()


def name_analyzer():
    """Names and publishers: words, lowercased, accents folded; no stemming, no stop words."""
    return RegexTokenizer(WORDS) | LowercaseFilter() | CharsetFilter(accent_map)
