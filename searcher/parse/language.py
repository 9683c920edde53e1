"""Which language an article is written in, from its commonest words (or its script).

News prose is long and full of function words, and every language has its own: "the", "of", "and"
in English, "der", "die", "und" in German, "le", "les", "et" in French. Counting them in the first
few hundred words tells the languages of the news apart as well as a trained detector on text this
long (`scripts/eval_language.py` measures it), in well under a millisecond and without a model.
Text in a script of its own (Cyrillic, Greek, Arabic, CJK, ...) is named by that script's main
language. Too short a text, or no clear winner, gives None: the quote finder then finds quotations
but names no speakers, rather than reading another language with English rules.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["article_language", "detect_language", "normalize_language"]

# Each language's commonest short words, as they are written in news. A word shared by two
# languages ("de", "la", "en", "in") counts for both; the others decide.
_FUNCTION_WORDS = {
    "en": "the of and to in a is that for it on was with he as at by his from are be this have "
    "has had not but they their were which an or been who will would said its after also than",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es "
    "an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum "
    "war haben nur oder aber vor zur bis mehr durch man",
    "fr": "de la le et les des en du un une est que pour dans qui au pas par sur plus il ne se "
    "ce avec sont aux son sa elle ont mais été cette comme ou leur nous fait être ces",
    "es": "de la que el en y los del se las por un para con no una su al es lo como más pero sus "
    "le ha me sin sobre este ya entre cuando todo esta ser son dos también fue había muy",
    "it": "di che il la e in un per non una del della è le si dei con da al sono gli anche nel "
    "alla più ha come ma delle lo ci suo nella questo stato dal sua essere tra",
    "pt": "de que o a e do da em um para é com não uma os no se na por mais as dos como mas foi "
    "ao ele das tem à seu sua ou ser quando muito há nos já está também pelo pela",
    "nl": "de van het een en in is dat op te zijn voor met die niet aan er om ook als bij of door "
    "maar naar dan nog wordt heeft uit werd tot over wel zo",
    "sv": "och i att det som en på är av för med till den har de inte om ett han men var jag sig "
    "från vi så kan man när år säger hon också efter eller nu",
    "da": "og i at det er en til på af for med den de som har ikke et om der han var men fra kan "
    "sig også efter blev når skal være",
    "no": "og i det er til på som en for av at med ikke har de den et om var fra men kan han "
    "også etter skal ble når seg vil være",
    "pl": "w i na z się nie do to że jest o jak po co tak za przez od ale jego są dla był może "
    "który już tylko będzie",
    "cs": "a se na v je že s to z do o k i jako by ve pro za jsou ale po jeho který tak od jak "
    "bylo není také",
    "tr": "ve bir bu da de için ile çok daha olarak gibi ama en o kadar sonra ne var değil olan",
    "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada bisa "
    "oleh sudah saya mereka",
}
_OWNERS: dict[str, tuple[str, ...]] = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _OWNERS[_word] = (*_OWNERS.get(_word, ()), _language)

# A script used by (nearly) one language of the news, by the start of its Unicode character names.
_SCRIPTS = (
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("HANGUL", "ko"),
    ("CJK", "zh"),
    ("CYRILLIC", "ru"),
    ("GREEK", "el"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
    ("BENGALI", "bn"),
    ("TAMIL", "ta"),
    ("GEORGIAN", "ka"),
    ("ARMENIAN", "hy"),
)
# Punctuation read as spaces, so that splitting at spaces gives the words.
_PUNCTUATION = str.maketrans(dict.fromkeys(".,;:!?\"'“”‘’„‚«»‹›()[]{}<>—–-/\\|*_#…·•", " "))
_READ = 1000  # characters looked at: 150 words or so decide (as well as 3,000 on the annotated pages)
_MIN_WORDS = 8  # fewer words than this decide nothing
_MIN_SHARE = 0.12  # of the words, at least this many are the winner's function words
_MIN_LEAD = 1.3  # and the winner has this many times the runner-up's
_FIRST_LOOK = 300  # characters looked at first; a lead of `_CLEAR_LEAD` there decides at once
_CLEAR_LEAD = 2.5


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when it cannot tell."""
    sample = text[:_READ]
    script = _script_language(sample)
    if script is not None:
        return script
    if len(sample) > _FIRST_LOOK:  # most texts tell in their first sentences: a clear lead there decides
        found = _by_function_words(sample[:_FIRST_LOOK], _CLEAR_LEAD)
        if found is not None:
            return found
    return _by_function_words(sample, _MIN_LEAD)


def _by_function_words(sample: str, lead: float) -> str | None:
    """The language whose function words are the most of `sample`'s words, by `lead` times the
    runner-up's and at least `_MIN_SHARE` of them; else None."""
    words = sample.lower().translate(_PUNCTUATION).split()  # in C: the words, roughly
    if len(words) < _MIN_WORDS:
        return None
    counts: dict[str, int] = {}
    for word in words:
        owners = _OWNERS.get(word)
        if owners is not None:
            for language in owners:
                counts[language] = counts.get(language, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    hits = counts.pop(best)
    runner_up = max(counts.values(), default=0)
    if hits < _MIN_SHARE * len(words) or hits < lead * runner_up:
        return None
    return best


def _script_language(sample: str) -> str | None:
    """The language of a non-Latin script, when most letters are in it; else None. Text that
    is mostly ASCII letters (news in a Latin script) is told in one pass in C."""
    others = _NON_ASCII.findall(sample)
    if len(others) * 2 < len(sample) // 3:  # mostly ASCII: not a text in another script
        return None
    letters = len(_ASCII_LETTERS.findall(sample))
    scripts: dict[str, int] = {}
    for char in others:
        if not char.isalpha():
            continue
        letters += 1
        language = _SCRIPT_OF.get(char)
        if language is None:
            language = _SCRIPT_OF[char] = _script_of(char)
        if language:
            scripts[language] = scripts.get(language, 0) + 1
    if not scripts or letters == 0:
        return None
    if scripts.get("ja") and scripts.get("ja", 0) + scripts.get("zh", 0) >= letters / 2:
        return "ja"  # Japanese mixes kana with kanji; kana alone mark it
    language, count = max(scripts.items(), key=lambda item: item[1])
    return language if count >= letters / 2 else None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_SCRIPT_OF: dict[str, str] = {}  # a letter's script language ("" for a Latin letter), as met


def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    for prefix, language in _SCRIPTS:
        if name.startswith(prefix):
            return language
    return ""


def normalize_language(value: object) -> str | None:
    """A declared language tag (``en-US``, ``de_DE``, ``fr``) as an ISO 639-1 code; None for
    anything else (a language's name, an empty value)."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if len(code) == 2 and code.isalpha() and code.isascii() else None


def article_language(title: str, body: str, declared: object = None) -> str | None:
    """The language of an article: read from its words when they tell, else as its source declares
    it (a page's ``lang``, a record's ``language``), which templates often leave at a default."""
    text = f"{title}\n{body[:_READ]}" if title else body
    return detect_language(text) or normalize_language(declared)
