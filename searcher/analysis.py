"""How text becomes index terms: words, lowercased, accents folded, stop words dropped, stemmed.

The stemmer is Snowball English from PyStemmer, a C library: on the test collections it ranks
better than Whoosh's pure-Python Porter (`scripts/eval_ir.py`) and costs less per word. The stop
list is the common English function words; it helps long, question-like queries ("What are the
effects of ...") without dropping content words.
"""

from __future__ import annotations

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


def name_analyzer():
    """Names and publishers: words, lowercased, accents folded; no stemming, no stop words."""
    return RegexTokenizer(WORDS) | LowercaseFilter() | CharsetFilter(accent_map)
