"""Direct quotations in a plain-text article body, and who said them.

A quotation is text in double quotation marks, straight ("…"), curly (“…”), German („…“, »…«) or
guillemets (« … », ‹…›), inside one paragraph (paragraphs are separated by a blank line). A quotation
whose closing mark is missing runs to the end of its paragraph. Quoted text of one or two words is a
title or a scare quote ("The Crown", called “bold”) unless a speech verb is attributed to it. A quoted
transcript is one quote per speaker's turn (“MR. LEE: … MS. KOS: …”), each named by its label.

The speaker comes from the attribution beside the quote, tried in this order:

0. a transcript label opening the quote: `“PENCE: Well, …`;
1. after the closing mark: `“…,” Waxman said`, `“…,” said Ben Waxman, the spokesman`,
   `“…,” he told reporters`, `“…,” the spokesman said`, `“…,” according to Waxman`, `“…” ― Waxman`;
2. before the opening mark, in the same sentence: `Waxman said: “…”`, `Krasner, he said, was “…”`,
   `He wrote, “…”`, `According to Waxman, “…”`; a participle or a second verb takes the sentence's
   subject (`Lee toured the pier, saying “…”`, `He smiled and joked, “…”`); a colon lead-in without a
   speech verb names its clause's subject (`Rubio fired back:`, `- Philip Bump:`); a quote opening a
   sentence takes the speaker of the sentence before it (`Bystrom agreed. “…”`);
3. the paragraph before, for a quote opening its paragraph: `Waxman continued:`, `…, Obama said.`;
   the paragraph after, for a quote ending its paragraph: `- Bernie Sanders.`;
4. another attributed quote in the same paragraph (`“…,” Waxman said. “…”`), else, for a paragraph
   that is nothing but the quote, the speaker of a quote in the paragraph before, else the person
   the paragraph before ends on ("In a video, Trump speculated that …");
5. the subject of the quote's own sentence: a full name opening it, a pronoun opening it ("He
   offered “…”"), or a surname in subject place ("In his speech, Quigley called the plan “…”"),
   also in a sentence quoting twice ("Clinton supports “…,” opposes “…”").

After a verb the subject is the last name of its phrase (`said former Ohio Rep. Ann Lee of …` ->
"Ann Lee"); before a verb it is the name, pronoun or nominal right before it, past an appositive
(`Griffin, an Obama backer, said`); a name set off by commas wins over a head without one
(`Lee's aide, Bo Ford, said` -> "Bo Ford"). Two names joined by "and" are both the speaker ("Frank
Newport and Jim Harter"). A nominal the article never ties to a name ("a neighbour", "the
statement") is itself the speaker: the phrase is more use than a guessed name.

Names are capitalised word sequences (initials, hyphens, O'Brien, particles such as "de" and "van");
titles such as "Sen." or "spokesman" are dropped, also inside ("French President François Hollande").
A surname alone resolves to the full name the article used for it ("Waxman" -> "Ben Waxman"). "he" and
"she" resolve to the speaker of a speech verb in a sentence written since the last attributed quote
("Cruz is the ablest candidate, Viguerie argues. “…,” he says", "…, noted NBC’s Dante Chinni. “…,”
he wrote"), else to a full name opening such a sentence ("Debra Steger, a negotiator, sees … “…,” she
said") unless it only qualifies a role ("Obama consultant Cornell Belcher"), else to the latest
speaker, else to the last full name mentioned, always a capitalised name of the right gender: "she" never resolves to a man's first name or a "Mr.", "he"
never to a woman's, and neither to a name with a place or organisation word in it ("Fort Pierce",
"Fox News"). A pronoun before the quote in its own sentence is first the subject of that clause
("…, Trump was talking when he told Wallace, “…”"). A nominal whose role was written beside a name
("his spokesman Ben Waxman") resolves to that name; a possessive opens one ("Ryan’s office said").

German, French and Spanish have rules of their own (their speech verbs, verb-second and inverted
word order, "so X", "selon X", "según X", subjects dropped in Spanish): see "German, French and
Spanish" below. Other languages keep their quotations but no speaker: another language's rules
would guess ("Es", "Und").

Whatever a rule picked must read as a name, a role or an organisation (`is_valid_speaker`): not a
function word of any of those languages ("Among", "Die", "Por"), a clause opener ("Afterwards"),
a fragment with a verb ("A lot of people would've"), or a place read off "The U.S. said"; a
sentence word before a name is dropped ("Though Sanders"), and a one-word speaker the article also
writes in lowercase ("Delegates") is a common word opening a sentence.

Design, for speed (this runs inside every parse, compiled by mypyc: see setup.py). Quotation marks,
paragraph breaks, sentence stops and capitalised names are found with single-character `str.find`
(a memchr; a regex character class scans non-ASCII text about ten times slower, a multi-character
`find` several times), and only the paragraphs holding marks are ever delimited. Each quote looks
only at the words beside it, from the start of its sentence, split by `str.split`, which is several
times cheaper than a regex tokenizer (and than reading characters one by one, even compiled): the
usual attributions are read on those words ("Name said", "he said", "the spokesman said" before the
opening mark; after the closing mark the plainest, `,” she said`, straight from the characters),
sentences and name runs are found on them, and only the harder cases tokenise a few words around a
verb for the token walk. Making words is still most of the cost, so what can be told first (the last
word before a mark, the first letters of a would-be verb) is. What the article says about a name
(its full form, its gender, the role written before it) is looked up once per article.
"""

from __future__ import annotations

import re
from typing import Any, Final

from ..article import Quote

__all__ = ["ATTRIBUTED_LANGUAGES", "find_quotes", "is_valid_speaker"]

# ---------------------------------------------------------------------------------------- words

# Verbs that introduce speech (matched case-insensitively).
_SPEECH_VERBS: Final = frozenset(
    """
    acknowledge acknowledged acknowledges acknowledging add added adding adds admit admits admitted affirm
    call called calling calls
    affirmed affirms agree agreed agrees announce announced announces announcing answer answered answers
    argue argued argues arguing ask asked asking asks assert asserted asserts assure assured assures began
    begins blast blasted blasts boast boasted boasts caution cautioned cautions charge charged charges chide
    chided chides chimed claim claimed claims complain complained complains concede conceded concedes
    conclude concluded concludes confirm confirmed confirms contend contended contends continue continued
    continues continuing counter countered counters deadpan deadpanned deadpans declare declared declares
    declaring demand demanded demands elaborate elaborated elaborates emphasise emphasised emphasises
    emphasising emphasize emphasized emphasizes emphasizing exclaim exclaimed exclaims explain explained
    explaining explains insist insisted insisting insists interject interjected interjects joke joked jokes
    lament lamented laments maintain maintained maintains mock mocked mocks mused muses mutter muttered
    mutters note noted notes noting observe observed observes opine opined opines plead pleaded pleads post
    posted posts predict predicted predicts press pressed presses proclaim proclaimed proclaims promise
    promised promises protest protested protests question questioned questions quip quipped quips quote
    quoted quotes reads reason reasoned reasons recall recalled recalling recalls recount recounted recounts
    reiterate reiterated reiterates remark remarked remarks replied replies reply replying report reported
    reports respond responded responding responds retort retorted retorts said say saying says scoff scoffed
    scoffs shout shouted shouts sigh sighed sighs slam slammed slams snap snapped snaps sneer sneered sneers
    state stated states stating stress stressed stresses suggest suggested suggests tell telling tells
    testified testifies testify thunder thundered thunders told tweet tweeted tweeting tweets urge urged
    urges vow vowed vows warn warned warning warns whisper whispered whispers wonder wondered wonders write
    writes writing wrote yell yelled yells
    """.split()
)

# Titles and roles dropped from the front of a name.
_TITLES: Final = frozenset(
    """
    adm admiral adviser advisor agent aide ambassador analyst anchor archbishop attorney bishop campaign
    candidate capt cardinal imam rabbi
    captain ceo chair chairman chairwoman chancellor chief coach col colonel commissioner congressman
    congresswoman correspondent dame democratic deputy detective director dr father former gen general gop
    gov governor hon host judge justice king lady leader lord lt manager mayor minister miss mr mrs ms mx
    nominee officer pastor pope premier pres president presidential prime prince princess prof professor
    queen rep representative reps republican rev reverend sec secretary sen senator sens sgt sheriff sir
    speaker spokesman spokesperson spokeswoman st state strategist u.s. us vice
    """.split()
)

# Capitalised words that start sentences or name things other than speakers.
_NOT_NAMES: Final = frozenset(
    """
    a after all also an and apr april as at aug august before but by dec december dr even every feb february
    for friday from he her here his how however i if in instead it its jan january jul july jun june just
    last many mar march may meanwhile monday most mr mrs ms my next no not nov november now oct october of
    on one or our saturday sep sept september she so some still sunday that the their then there these they
    this those thursday to today tomorrow tuesday we wednesday what when where which while who why with
    without yes yesterday yet you your
    """.split()
)

# Capitalised roles before a name ("District Attorney Denise Holloway").
_LEADING_ROLES: Final = frozenset(
    """
    acting agent ambassador assistant attorney attorney-general ceo chair chairman chairwoman chancellor
    chief city coach commissioner councillor councilman councilor councilwoman county defender deputy
    detective director district editor executive fire former general head inspector lawyer leader manager staff
    minister officer police premier prime prosecutor public secretary sergeant sheriff spokesman
    spokesperson spokeswoman state superintendent trooper union
    """.split()
)

# Common first names, so that "she" never resolves to a man and "he" never to a woman.
_FEMALE_NAMES: Final = frozenset(
    """
    abigail alexis alice amanda amber amy andrea angela ann anna anne ashley barbara barbra betsy betty
    beverly brenda brittany carly carol caroline carolyn catherine charlotte cheryl christina christine
    claire clare colleen condoleezza cynthia danielle debbie deborah debra denise diana diane dianne donna
    doris dorothy eileen elaine eleanor elizabeth ellen emily emma erin evelyn frances gina gloria grace
    hannah heather heidi helen hilary hillary holly hope irene isabella ivana jacqueline jane janet janice
    jean jeanine jeanne jenna jennifer jessica jill joan joanna joyce judith judy julie kamala karen kate
    katherine kathleen kathryn katie katrina kayla kelly kimberly kirsten kristen kristin laura lauren
    leslie linda lisa liz loretta lori lucy lynn madison margaret maria marie marilyn marsha martha mary
    maxine megan meghan megyn melissa michaela michele michelle molly monica nancy natalie nicole nikki
    olivia pamela patricia peggy penny rachel rebecca rosa rose ruth sally samantha sandra sara sarah sharon
    sheryl shirley sophia stacey stacy stephanie susan susanna suzanne tammy teresa theresa tina tracy
    valerie vanessa veronica victoria virginia wendy yolanda
    """.split()
)

#
_MALE_NAMES: Final = frozenset(
    """
    aaron adam al alan albert alexander andrew anthony arthur barack ben benjamin bernard bernie bill billy
    bob bobby brandon brian bruce bryan carl charles christopher dan daniel danny david dennis dick donald
    douglas dylan edward eric ethan eugene frank fred gabriel gary george gerald glenn greg gregory harold
    harry henry howard jack jacob james jason jeb jeff jeffrey jeremy jerry jesse jim joe john jonathan jose
    joseph joshua juan justin keith ken kenneth kevin kyle larry lawrence louis marco mark martin matthew
    michael mike mitch nathan newt nicholas noah patrick paul peter philip phillip ralph rand randy raymond
    richard rick robert roger ronald roy russell ryan samuel scott sean stephen steve steven ted thomas tim
    timothy tom tony tyler vincent walter wayne william willie zachary
    """.split()
)

_TWO_WORD_VERB_ENDS: Final = {"according": "to", "point": "out", "points": "out"}
_TWO_WORD_VERBS: Final = _TWO_WORD_VERB_ENDS | {
    w.capitalize(): rest for w, rest in _TWO_WORD_VERB_ENDS.items()
}
# Every form a verb token takes, so that one set lookup tells a verb ("said", "Said", "SAID").
_VERB_FORMS: Final = frozenset(
    {f for w in _SPEECH_VERBS for f in (w, w.capitalize(), w.upper())} | set(_TWO_WORD_VERBS)
)
_PRONOUNS: Final = frozenset({"he", "she", "they", "we", "i"})
_PRONOUN_GENDER: Final = {"he": "m", "she": "f"}
_DETERMINERS: Final = frozenset(("the", "a", "an", "another", "one", "his", "her", "their", "its"))
_PHRASE_DETERMINERS: Final = _DETERMINERS | {"some", "several", "many"}
# Words that cannot be inside a nominal subject ("the man who said" is not "the man who").
_NOT_IN_NOMINAL: Final = frozenset(
    "who whom that which but and or when if as because while where by to with for in on at from".split()
)
# Words that may stand between a speaker and the verb: "has said", "later told", "once said".
_AUX: Final = frozenset(
    "has had have would will also later then once previously recently again simply".split()
)
_MAX_AUX: Final = 2
# Abbreviations written with a period inside names: "Sen. Ann Lee", "Martin Luther King Jr."
_ABBREVIATIONS: Final = frozenset(
    "Mr Mrs Ms Dr Sen Sens Rep Reps Gov Gen Lt Col Capt Sgt Adm Rev Prof Hon Pres St Sec Jr Sr".split()
)
_SUFFIXES: Final = frozenset(("Jr", "Sr", "II", "III", "IV"))
_PARTICLES: Final = frozenset("de da di del della van von der den du la le bin al ibn dos das ter".split())
# Words in the names of places, organisations and publications, never in a person's name.
_NOT_PERSON_WORDS: Final = frozenset(
    """
    America American Americans Association Board Bureau Center Church City College Committee Council
    North South East West Northern Southern Eastern Western Show Radio Television Channel Journalism
    County Court Department Fort Foundation Government Group House Institute Journal Korea Media
    Ministry National News Office Party Post Press Republic Republicans Democrats School Senate
    State States Street Times Tribune Union United University
    San Santa Los Las New York Fox CNN NBC ABC CBS MSNBC GOP
    Island Islands Beach River Lake Bay Valley Park Airport Square Avenue Road Capitol Congress
    Sun-Times Daily Magazine Network Agency Administration Campaign Police Company Inc Corp
    """.split()
)
_ROLE_NOUNS: Final = frozenset(("recorder", "boss", "leader", "clerk", "auditor", "treasurer", "comptroller"))
# Role words whose name the article gives right after them ("his spokesman Ben Waxman").
_ROLE_WORDS: Final = frozenset(
    """
    spokesman spokeswoman spokesperson aide adviser advisor lawyer attorney manager director chairman
    chairwoman secretary governor mayor senator president ambassador minister chief strategist founder
    candidate nominee leader sheriff judge professor economist analyst
    """.split()
)
# Where the noun phrase after "said" ends: "said former Rep. Ann Lee of Ohio, who …" -> "former Rep. Ann Lee".
_PHRASE_STOPS: Final = frozenset(
    """
    of for in on at to from with during after before about who whose which that when while as and but
    because if via told adding noting saying last this earlier later
    """.split()
)
_NOMINAL_STOPS: Final = frozenset("who whose which that in on at during".split())
_BREAK_TOKENS: Final = frozenset(',;:!?()[]"“”„«»‹›—–―')  # punctuation that ends a phrase
_DASHES: Final = frozenset("-—–―")
# Languages whose speech verbs and word order the attribution rules know.
ATTRIBUTED_LANGUAGES: Final = frozenset({"en", "de", "fr", "es"})
# Double quotation marks of English ("…", “…”), German („…“, »…«), French (« … », ‹…›) and Spanish
# («…», “…”), and where a quotation may open.
_MARKS: Final = '"“”„«»‹›'
_OPEN_MARKS: Final = '"“„«»‹'
_TITLE_SMALL_WORDS: Final = frozenset("a an the and or of in on at to for with from by as vs s".split())

_SPEAKERS_KEPT: Final = 6
_SHORT_QUOTE_WORDS: Final = 2
_TITLE_MAX_WORDS: Final = 8
_TITLE_PREFIX: Final = 80  # characters that hold more than eight words in most quotes
_MAX_NAME_WORDS: Final = 4
_MAX_VERBS_TRIED: Final = 3  # "Nefzi said, adding, “…”": the subject may belong to an earlier verb
_AFTER_REACH: Final = 160  # an attribution after the closing mark fits in this many characters
_BEFORE_REACH: Final = 300
_WORDS_BEFORE_VERB: Final = 24  # words before a verb (before the mark) that may hold its subject
_VERB_REACH: Final = 20  # tokens from the closing mark to a verb after its subject (past an appositive)
_PREFIX_WORDS: Final = 4  # "the firm's lawyer Ann Lee said": words before a name
_APPOSITIVE_TOKENS: Final = 18
_SUBJECT_REACH: Final = 60  # a sentence's subject is among its first words
_HEAD_REACH: Final = 80
_PREFIX_REACH: Final = 60
_MENTION_REACH: Final = 1000
_FULL_NAME_TRIES: Final = 4  # an article gives the full name at one of a surname's first mentions
_RECENT_REACH: Final = 600

_TOKEN_RE: Final = re.compile(r"\w(?:[\w’'-]*\w)?|\S")
_WORD_RE: Final = re.compile(r"[^\W_]")


# ------------------------------------------------------------------------------------- tokens


def _tokens(body: str, lo: int, hi: int) -> list[str]:
    """Words (with inner apostrophes and hyphens) and single punctuation marks of body[lo:hi]."""
    return _word_tokens(body[lo:hi].split())


def _word_tokens(words: list[str]) -> list[str]:
    """`_TOKEN_RE.findall(" ".join(words))`, two to three times faster: a plain word ("said") or a
    plain word and one mark ("said,") is its own tokens, and only the rest goes through the regex
    (whose per-character cost is several times that of `str.split`)."""
    out: list[str] = []
    for w in words:
        if w.isalnum():  # exactly a run of \w without "_"
            out.append(w)
            continue
        head = w[:-1]
        last = w[-1]
        if head.isalnum() and not last.isalnum() and last != "_":  # (an empty head is not alnum)
            out.append(head)
            out.append(last)
        else:
            out += _TOKEN_RE.findall(w)
    return out


def _is_verb_word(word: str) -> bool:
    """Whether `word`, as `str.split` leaves it, is a speech verb, bare or with the punctuation that
    follows a verb: "said,", `said."`, and `said.”` (marks too: the cut at the next mark comes later).

    Looked up in the verb forms (a small table, which stays in the processor's cache through a parse;
    every form with every punctuation would make a table of 10,000 strings and half a megabyte).
    Most words of a text are no verb, and their first two letters and length tell most of them so
    without hashing the word (`_VERB_HEADS`).
    """
    n = len(word)
    if n < _VERB_MIN or n >= _VERB_MAX or not _VERB_HEADS[_head_key(word, n)]:
        return False
    if word in _VERB_FORMS:
        return True
    if n < 4 or not _is_verb_tail(ord(word[n - 1])):
        return False
    if word[: n - 1] in _VERB_FORMS:
        return True
    before = ord(word[n - 2])
    last = ord(word[n - 1])
    # `said."`, `said.”`, `said,“`
    pair = (last == 34 or last == 0x201D) if before == 46 else (before == 44 and last == 0x201C)
    return pair and word[: n - 2] in _VERB_FORMS


def _head_key(word: str, n: int) -> int:
    """A word's first letter (either case), second letter (any case) and length, as one number below
    53 × 27 × `_VERB_MAX`."""
    return (_letter(ord(word[0]), 26) * 27 + _letter(ord(word[1]), 0)) * _VERB_MAX + n


def _letter(code: int, capitals: int) -> int:
    """a-z as 0-25, A-Z from `capitals` on (26 tells the case, 0 ignores it), anything else after both."""
    if 97 <= code <= 122:
        return code - 97
    if 65 <= code <= 90:
        return code - 65 + capitals
    return capitals + 26


def _verb_heads() -> bytes:
    """1 at the `_head_key` of every verb word (every verb form with every punctuation it may carry)."""
    heads = bytearray(53 * 27 * _VERB_MAX)
    for form in _VERB_FORMS:
        for tail in ("", ",", ".", ":", ";", "—", '"', '."', ",“", ".”", "”", "“"):
            heads[_head_key(form + tail, len(form + tail))] = 1
    return bytes(heads)


_VERB_MIN: Final = min(len(form) for form in _VERB_FORMS)
_VERB_MAX: Final = max(len(form) for form in _VERB_FORMS) + 3  # lengths of verb words stay below
_VERB_HEADS: Final = _verb_heads()


def _is_verb_tail(code: int) -> bool:
    """, . : ; — " ” “ (as code points: compiled, no one-character string is made)."""
    if code < 128:
        return code == 44 or code == 46 or code == 58 or code == 59 or code == 34
    return code == 0x2014 or code == 0x201D or code == 0x201C


def _has_verb_word(words: list[str]) -> bool:
    """Whether any of `words` is a speech verb (`_is_verb_word`)."""
    return any(_is_verb_word(word) for word in words)


def _is_verb(toks: list[str], i: int) -> bool:
    word = toks[i]
    if word not in _VERB_FORMS:
        return False
    if word not in _TWO_WORD_VERBS:
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    return nxt == _TWO_WORD_VERBS[word]


def _upper_at(text: str, i: int) -> bool:
    """`text[i].isupper()`. Compiled, `ord(text[i])` reads the code point without making a string,
    and ASCII is told from it, while `isupper` would be a Python method call."""
    code = ord(text[i])
    return 65 <= code <= 90 if code < 128 else text[i].isupper()


def _alpha_at(text: str, i: int) -> bool:
    """`text[i].isalpha()`, ASCII told from the code point (see `_upper_at`)."""
    code = ord(text[i])
    return (97 <= code <= 122 or 65 <= code <= 90) if code < 128 else text[i].isalpha()


def _is_name_word(tok: str) -> bool:
    """A capitalised word of two letters or more that is not a possessive ("Krasner's")."""
    return len(tok) > 1 and _upper_at(tok, 0) and not _possessive(tok)


def _possessive(word: str) -> bool:
    """`word.endswith(("'s", "’s"))`, without building the tuple (compiled code would, each time)."""
    return word.endswith("'s") or word.endswith("’s")


def _is_name_or_particle(tok: str) -> bool:
    """ "de la Cruz": particles chain between name words."""
    return _is_name_word(tok) or tok in _PARTICLES


def _is_dotted(toks: list[str], i: int, hi: int) -> bool:
    """An initial or a title abbreviation followed by its period ("J." or "Sen.")."""
    if i + 1 >= hi or toks[i + 1] != ".":
        return False
    tok = toks[i]
    return (len(tok) == 1 and _upper_at(tok, 0)) or tok in _ABBREVIATIONS


def _name_end(toks: list[str], i: int, hi: int) -> int:
    """Where the run of name tokens starting at `i` ends (`i` when there is none)."""
    start = i
    while i < hi:
        tok = toks[i]
        if _is_dotted(toks, i, hi):
            i += 2
        elif _is_name_word(tok) or (
            tok in _PARTICLES and i > start and i + 1 < hi and _is_name_or_particle(toks[i + 1])
        ):
            i += 1
        else:
            break
    return i


def _name_start(toks: list[str], lo: int, e: int) -> int:
    """Where the run of name tokens ending at `e` starts (`e` when there is none)."""
    i = e
    while i > lo:
        tok = toks[i - 1]
        if tok == "." and i - 2 >= lo and _is_dotted(toks, i - 2, e):
            i -= 2
        elif _is_name_word(tok) or (
            tok in _PARTICLES and i < e and i - 2 >= lo and _is_name_or_particle(toks[i - 2])
        ):
            i -= 1
        else:
            break
    return i


def _joined(toks: list[str], s: int, e: int) -> str:
    return " ".join(toks[s:e]).replace(" .", ".")


def _clean_name(text: str) -> str | None:
    """A name without titles and sentence words ("But Sen. Ted Cruz" -> "Ted Cruz"), or None.

    Cached: the same names come back quote after quote (a dict, cheaper to ask than `lru_cache`).
    """
    if text in _CLEAN_NAMES:
        return _CLEAN_NAMES[text]
    if len(_CLEAN_NAMES) >= _CACHE_SIZE:
        _CLEAN_NAMES.clear()
    name = _cleaned_name(text)
    _CLEAN_NAMES[text] = name
    return name


_CACHE_SIZE: Final = 4096
_CLEAN_NAMES: Final[dict[str, str | None]] = {}


def _cleaned_name(text: str) -> str | None:
    words = text.split()
    for i in range(1, len(words)):
        if words[i] in ("The", "A", "An"):  # "Sidney Hicks The Oscar-winning …": a new phrase
            words = words[:i]
            break
    while len(words) > 2 and _bare(words[0]) in _PLACES:  # "Massachusetts Joshua Levy"
        words.pop(0)
    while words and (
        _bare(words[0]) in _TITLES or (_bare(words[0]) in _NOT_NAMES and not _is_first_name(words))
    ):
        words.pop(0)
    # Capitalised roles before a name ("District Attorney Denise Holloway"); a name must remain, so
    # an organisation ("State Department") keeps its words.
    while len(words) > 2 and _bare(words[0]) in _LEADING_ROLES:
        words.pop(0)
    while words and _bare(words[-1]) in _NOT_NAMES:
        words.pop()
    if len(words) > _MAX_NAME_WORDS:  # "Maricopa County Recorder Helen Purcell" -> "Helen Purcell"
        titles = [i for i, w in enumerate(words) if _bare(w) in _TITLES or _bare(w) in _ROLE_NOUNS]
        words = words[titles[-1] + 1 :] if titles and len(words) - titles[-1] - 1 >= 2 else words[-2:]
    elif len(words) > 3:  # "French President Francois Hollande", "Post Editor-in-Chief Ann Lee"
        titles = [i for i, w in enumerate(words) if i and _is_title_word(_bare(w)) and _bare(w) != "st"]
        if titles and len(words) - titles[-1] - 1 >= 2:
            words = words[titles[-1] + 1 :]
    while len(words) > 2 and _bare(words[0]) in _LEADING_ROLES:  # "(Chief) Executive John Thain"
        words.pop(0)
    if not words or _bare(words[-1]) in _ROLE_ENDS:
        return None  # a role, not a name: "RNC Chief" (of Staff …), "Pennsylvania Gov." (and …)
    return " ".join(words).rstrip(",")


# Words a name never ends with: roles and their abbreviations ("King", "Judge" may be surnames).
_ROLE_ENDS: Final = _LEADING_ROLES | {w.lower() for w in _ABBREVIATIONS - {"Jr", "Sr", "St"}}


def _is_title_word(word: str) -> bool:
    """A title or a role ("president", "editor-in-chief"), lowercase."""
    if word in _TITLES or word in _LEADING_ROLES:
        return True
    dash = word.find("-")
    return dash > 0 and (word[:dash] in _TITLES or word[:dash] in _LEADING_ROLES)


def _is_first_name(words: list[str]) -> bool:
    """ "Jan Brewer", "May Lee": a month's short form, without its period, before a name."""
    return len(words) > 1 and words[0] in ("Jan", "May", "Jun") and _upper_at(words[1], 0)


def _bare(word: str) -> str:
    return word.strip(".,").lower()


# -------------------------------------------------------------------------------- subjects

# A found attribution: ("name" | "pron" | "nom", text).
_Found = tuple[str, str]


def _subject_before(toks: list[str], lo: int, e: int) -> tuple[_Found, int] | None:
    """The subject ending at token `e` (where the verb or its auxiliaries start), and where it starts.

    Past an appositive: "Griffin, an Obama backer, said", "Mayor Ann Lee (D) said"; a name set off
    by commas speaks for a head without one ("Lee's aide, Bo Ford, said").
    """
    if e <= lo:
        return None
    last = toks[e - 1]
    if last == ")":
        k = _find_back(toks, "(", max(lo, e - _APPOSITIVE_TOKENS), e - 1)
        return _plain_subject(toks, lo, k) if k > lo else None
    if last != ",":
        return _plain_subject(toks, lo, e)
    k = _find_back(toks, ",", max(lo, e - _APPOSITIVE_TOKENS), e - 1)
    if k < 0:
        return None
    head = _plain_subject(toks, lo, k) if k > lo else None
    if head is not None and head[0][0] == "name":
        return head
    if _name_end(toks, k + 1, e - 1) == e - 1 > k + 1:
        name = _joined(toks, k + 1, e - 1)
        if _clean_name(name):
            return ("name", name), k + 1 if head is None else head[1]
    return head


def _find_back(toks: list[str], tok: str, lo: int, hi: int) -> int:
    """The last index of `tok` in toks[lo:hi] before any sentence mark, else -1."""
    for i in range(hi - 1, lo - 1, -1):
        t = toks[i]
        if t == tok:
            return i
        if (t in ".!?" and not (t == "." and _period_inside(toks, i))) or t in _MARKS:
            return -1
    return -1


def _period_inside(toks: list[str], i: int) -> bool:
    """Whether the period toks[i] ends no sentence, a comma or a bracket following it: "McConnell,
    R-Ky., said", "Claire McCaskill (D-Mo.) said"."""
    return i + 1 < len(toks) and toks[i + 1] in ",)"


def _plain_subject(toks: list[str], lo: int, e: int) -> tuple[_Found, int] | None:
    """A pronoun, name or nominal ending at `e`; "Ivo Marsh of the Port Authority" -> Ivo Marsh."""
    last = toks[e - 1]
    if last.lower() in _PRONOUNS:
        return ("pron", last), e - 1
    of = _connector_before(toks, lo, e)
    if of > lo:
        s = _name_start(toks, lo, of)
        if s < of and _clean_name(_joined(toks, s, of)):
            return ("name", _joined(toks, s, of)), s
    s = _name_start(toks, lo, e)
    if s < e:
        name = _joined(toks, s, e)
        return (("name", name), s) if _clean_name(name) else None
    for d in range(e - 1, max(lo, e - 6) - 1, -1):
        t = toks[d]
        low = t.lower()
        if low in _DETERMINERS or ((d == lo or not toks[d - 1][0].isalnum()) and _owner(t)):
            return (("nom", _joined(toks, d, e)), d) if d < e - 1 else None  # also "Ryan’s office"
        if low in _NOT_IN_NOMINAL or not t[0].isalnum():
            return None
    return None


def _connector_before(toks: list[str], lo: int, e: int) -> int:
    """Index of an "of"/"from"/"at" within the last few words before `e`, else -1."""
    for i in range(e - 1, max(lo, e - 9) - 1, -1):
        t = toks[i]
        if t in ("of", "from", "at"):
            return i
        if t in _BREAK_TOKENS or t == "." or _is_verb(toks, i):
            return -1
    return -1


def _subject_after_verb(toks: list[str], k: int, hi: int) -> _Found | None:
    """The subject written after its verb: the last name of the phrase ("said Ohio Rep. Ann Lee")."""
    if k >= hi:
        return None
    first = toks[k]
    if first.lower() in _PRONOUNS:
        return ("pron", first)
    end = _phrase_end(toks, k, hi, _PHRASE_STOPS)
    last_name = None
    i = k
    while i < end:
        j = _name_end(toks, i, end)
        if j > i:
            if _clean_name(_joined(toks, i, j)):
                last_name = (i, j)
            i = j
        else:
            i += 1
    if last_name is not None and last_name[1] == end:  # "said the firm's lawyer Ann Lee"
        return ("name", _joined(toks, last_name[0], last_name[1]))
    if first.lower() in _PHRASE_DETERMINERS:
        set_off = _set_off_name(toks, end, hi)
        if set_off is not None:
            return ("name", set_off)
        nominal_end = _phrase_end(toks, k, hi, _NOMINAL_STOPS)
        return ("nom", _joined(toks, k, nominal_end)) if nominal_end > k else None
    return ("name", _joined(toks, last_name[0], last_name[1])) if last_name is not None else None


def _phrase_end(toks: list[str], k: int, hi: int, stops: frozenset[str]) -> int:
    i = k
    while i < hi:
        t = toks[i]
        if t in _BREAK_TOKENS or t in stops or (t == "-" and i > k):
            break
        if t == "." and not (i > k and _is_dotted(toks, i - 1, hi)):
            break
        i += 1
    return i


def _set_off_name(toks: list[str], i: int, hi: int) -> str | None:
    """A name set off after a nominal: "said a spokeswoman for the hotels, Ann Lee."."""
    for j in range(i, min(hi, i + 12)):
        t = toks[j]
        if t == ",":
            e = _name_end(toks, j + 1, hi)
            if e > j + 1 and (e == hi or toks[e] in ".;"):
                return _joined(toks, j + 1, e)
            return None
        if t in ".;" or t in _MARKS:
            return None
    return None


def _found_name(found: _Found) -> _Found | None:
    """A name that cleans to nothing is no subject, unless it is a capitalised pronoun."""
    kind, text = found
    if kind == "name" and _clean_name(text) is None:
        return ("pron", text) if text.lower() in _PRONOUNS else None
    return found


# --------------------------------------------------------------------------- attribution windows


def _after(body: str, span: _Span, para_end: int) -> _Found | None:
    """The attribution right after the closing mark: `,” Lee said`, `,” said Lee`, `” ― Lee`."""
    pos = span.close_mark + 1
    if pos >= para_end:  # the quote ends its paragraph
        return None
    shape = _plain_after(body, pos)
    if shape[0] >= 0:
        end = shape[4]
        found = _plain_found(body, pos, shape)
        if found is not None:
            # Ending on a blank, the attribution runs on (`,” she said in a statement`): a new
            # sentence rather, when the quote ended one and a word follows.
            if body[end - 1] not in " \xa0" or body[span.end - 1] != ".":
                return found
            if body[end : end + 1].isalnum():
                return None  # "…homework.” He said he would go": a new sentence, not an attribution
    # The attribution ends with the first sentence or where the next quote opens: the words are
    # split up to there only, and most quotes have no verb among them.
    marks = _ENGLISH_OPENINGS if body[span.open_mark] in _ENGLISH_OPENINGS else _OPENINGS
    hi = _first_sentence_end(body, pos, _next_open_mark(body, pos, min(para_end, pos + _AFTER_REACH), marks))
    if pos >= hi:
        return None
    words = body[pos:hi].split()
    if not _has_verb_word(words) and not _starts_with_dash(body, pos, hi):
        return None
    toks = _word_tokens(words)
    n = len(toks)
    i = 0
    dash = False
    while i < n and toks[i] in ",;:—–―-":
        dash = dash or toks[i] in _DASHES
        i += 1
    if i >= n:
        return None
    if dash:
        e = _name_end(toks, i, n)
        if e > i and (e == n or toks[e] in ",."):
            return ("name", _joined(toks, i, e))
    ends_sentence = body[span.end - 1 : span.end] == "."
    j = i
    while j < n and j - i < _MAX_AUX and _is_aux(toks[j]):
        j += 1
    if j < n and _is_verb(toks, j):  # “…,” said Ann Lee / according to Ann Lee
        k = j + (2 if toks[j].lower() in ("according", "point", "points") else 1)
        found = _subject_after_verb(toks, k, n)
        return _found_name(found) if found is not None else None
    verb = _verb_after_subject(toks, i, n)
    if verb < 0:
        return None
    if ends_sentence and verb + 1 < n and toks[verb + 1][0].isalnum():
        return None  # "…homework.” He said he would go": a new sentence, not an attribution
    a = verb
    while a > i and verb - a < _MAX_AUX and _is_aux(toks[a - 1]):
        a -= 1
    got = _subject_before(toks, i, a)
    if got is None:
        return None
    found, start = got
    if found[0] != "name" and start != i:
        return None
    if found[0] == "name" and not _is_prefix(toks, i, start):
        return None
    return _found_name(found)


# The usual attributions after a closing mark, `,” Ann Lee said.`, `,” she said,`, `,” said Ann Lee.`,
# are read straight from the characters, which spares them the token walk. `_after_fast` takes one only
# where the token walk would give the same answer (plain name words, a one-word verb), so the rules
# stay in one place. The shape is that of this pattern (`tests/test_quotes.py` holds the reader to it):
#     ,?[ \xa0]+(?:(NAME|he|she)[ \xa0]+([a-z]+)(?:[.,](?=\s|\Z)|[ \xa0])|([a-z]+)[ \xa0]+(NAME)[.,](?=\s|\Z))
# with NAME `[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}`. A regex finds the same, but a call costs more than the
# reading (after `,” he said` most quotes are still far from their next one).
# After a quote that does not end a sentence, `,” she said in a statement` is as plain.


def _plain_after(body: str, pos: int) -> tuple[int, int, int, int, int, bool]:
    """(name start, name end, verb start, verb end, end, whether the name comes first) of the plain
    attribution at `pos`, else `_NO_PLAIN` (a tuple of ints, which compiled code passes unboxed)."""
    n = len(body)
    i = pos + 1 if pos < n and body[pos] == "," else pos
    start = _blanks_end(body, i, n)
    if start == i:
        return _NO_PLAIN
    name_end = _plain_name_end(body, start, n)
    if name_end < 0:
        name_end = _pronoun_end(body, start, n)
    if name_end >= 0:  # Ann Lee said / he said
        verb = _blanks_end(body, name_end, n)
        verb_end = _lowercase_end(body, verb, n)
        if verb > name_end and verb_end > verb and verb_end < n:
            code = ord(body[verb_end])
            if (code == 46 or code == 44) and (verb_end + 1 == n or _is_space_at(body, verb_end + 1)):
                return start, name_end, verb, verb_end, verb_end + 1, True
            if code == 32 or code == 160:
                return start, name_end, verb, verb_end, verb_end + 1, True
    verb_end = _lowercase_end(body, start, n)  # said Ann Lee
    if verb_end == start:
        return _NO_PLAIN
    name = _blanks_end(body, verb_end, n)
    if name == verb_end:
        return _NO_PLAIN
    name_end = _plain_name_end(body, name, n)
    if name_end < 0 or name_end >= n:
        return _NO_PLAIN
    code = ord(body[name_end])
    if (code == 46 or code == 44) and (name_end + 1 == n or _is_space_at(body, name_end + 1)):
        return name, name_end, start, verb_end, name_end + 1, False
    return _NO_PLAIN


_NO_PLAIN: Final = (-1, -1, -1, -1, -1, False)


def _pronoun_end(body: str, i: int, n: int) -> int:
    """The end of "he" or "she" starting at `i` (as a prefix: what follows is checked later), else -1."""
    if i < n and ord(body[i]) == 115:  # s
        i += 1
    if i + 1 < n and ord(body[i]) == 104 and ord(body[i + 1]) == 101:  # he
        return i + 2
    return -1


def _blanks_end(body: str, i: int, n: int) -> int:
    """The end of the spaces and no-break spaces at `i`."""
    while i < n:
        code = ord(body[i])
        if code != 32 and code != 160:
            break
        i += 1
    return i


def _lowercase_end(body: str, i: int, n: int) -> int:
    """The end of the ASCII lowercase letters at `i`."""
    while i < n and 97 <= ord(body[i]) <= 122:
        i += 1
    return i


def _plain_name_end(body: str, i: int, n: int) -> int:
    """The end of one to three plain name words at `i` ("Ann Lee"), else -1."""
    end = _plain_word_end(body, i, n)
    if end < 0:
        return -1
    for _ in range(2):
        if end >= n or body[end] != " ":
            break
        more = _plain_word_end(body, end + 1, n)
        if more < 0:
            break
        end = more
    return end


def _plain_word_end(body: str, i: int, n: int) -> int:
    """The end of a capital and lowercase letters at `i` ("Lee"), else -1."""
    if i + 1 < n and 65 <= ord(body[i]) <= 90 and 97 <= ord(body[i + 1]) <= 122:
        return _lowercase_end(body, i + 2, n)
    return -1


def _plain_found(body: str, pos: int, shape: tuple[int, int, int, int, int, bool]) -> _Found | None:
    """`_after_fast` of a plain attribution: it depends on its words only, and the same few
    (`,” he said.`, `,” Waxman said,`) come back quote after quote, article after article (cached)."""
    name_start, name_end, verb_start, verb_end, end, name_first = shape
    text = body[pos:end]
    if text in _AFTER_FAST_FOUND:
        return _AFTER_FAST_FOUND[text]
    if len(_AFTER_FAST_FOUND) >= _CACHE_SIZE:
        _AFTER_FAST_FOUND.clear()
    found = _after_fast(body[name_start:name_end], body[verb_start:verb_end], name_first)
    _AFTER_FAST_FOUND[text] = found
    return found


_AFTER_FAST_FOUND: Final[dict[str, _Found | None]] = {}


def _after_fast(name: str, verb: str, name_first: bool) -> _Found | None:
    """The attribution of a plain name (or pronoun) and verb, or None to leave it to the token walk."""
    if verb not in _VERB_FORMS or verb in _TWO_WORD_VERBS or _is_aux(verb):
        return None
    if " " not in name and name.lower() in _PRONOUNS:
        return ("pron", name) if name_first else None
    for word in name.split(" "):
        if word in _VERB_FORMS or word in _ABBREVIATIONS or word.lower() in _PRONOUNS:
            return None
    return ("name", name) if _clean_name(name) else None


def _has_mark(text: str) -> bool:
    """Whether `text` holds a quotation mark."""
    return '"' in text or "“" in text or "”" in text or "„" in text or "«" in text or "»" in text


def _starts_with_dash(body: str, lo: int, hi: int) -> bool:
    head = body[lo : min(hi, lo + 4)]
    return "-" in head or "—" in head or "–" in head or "―" in head


def _is_aux(tok: str) -> bool:
    return tok in _AUX or (tok.endswith("ly") and tok.islower())


def _is_prefix(toks: list[str], i: int, start: int) -> bool:
    """Up to four words before a name after the quote ("the firm's lawyer Ann Lee said")."""
    if start > i and toks[start - 1] == ",":  # "Ryan's spokeswoman, AshLee Strong, said"
        start -= 1
    return start - i <= _PREFIX_WORDS and all(t[0].isalnum() or t == "." for t in toks[i:start])


def _verb_after_subject(toks: list[str], i: int, n: int) -> int:
    """Index of the first speech verb within reach that is not the first word, or -1."""
    for j in range(i + 1, min(n, i + _VERB_REACH)):
        t = toks[j]
        if t in ".!?" and not _is_dotted(toks, j - 1, n) and not (t == "." and _period_inside(toks, j)):
            return -1
        if t in _MARKS:
            return -1
        if _is_verb(toks, j) and (not _upper_at(t, 0) or _is_capital_verb(t)):
            return j  # (not "Press" in "White House Press Secretary Josh Earnest said")
    return -1


def _first_sentence_end(body: str, lo: int, hi: int) -> int:
    """Just past the first ". " in body[lo:hi] that is not "Sen. " or an initial, else hi."""
    dot = _find_stop(body, lo, hi)
    while dot >= 0:
        if not _ends_with_abbreviation(body, lo, dot):
            return dot + 1
        dot = _find_stop(body, dot + 2, hi)
    return hi


def _find_stop(body: str, lo: int, hi: int) -> int:
    """`body.find(". ", lo, hi)`, faster: periods are rare enough in text that finding each one (a
    `memchr`) and looking at the next character beats the general substring search."""
    hi = min(hi, len(body))
    if hi - lo < 2:
        return -1
    dot = body.find(".", lo, hi - 1)
    while dot >= 0 and ord(body[dot + 1]) != 32:
        dot = body.find(".", dot + 1, hi - 1)
    return dot


def _rfind_stop(body: str, lo: int, hi: int) -> int:
    """`body.rfind(". ", lo, hi)`, as `_find_stop` finds it."""
    hi = min(hi, len(body))
    if hi - lo < 2:
        return -1
    dot = body.rfind(".", lo, hi - 1)
    while dot >= 0 and ord(body[dot + 1]) != 32:
        dot = body.rfind(".", lo, dot)
    return dot


# Opening marks a next quote may start with: after “…” or "…", one of those; after „…“, «…» or
# »…«, any (only the quotes that use the rarer marks pay for looking for them).
_ENGLISH_OPENINGS: Final = '“"'
_OPENINGS: Final = '“"„«»'


def _next_open_mark(body: str, lo: int, hi: int, marks: str) -> int:
    """The first opening mark (of `marks`) in body[lo:hi], else hi: the next quote's words are not
    attribution."""
    for mark in marks:
        p = body.find(mark, lo, hi)
        if p >= 0:
            hi = p
    return hi


def _before(body: str, span: _Span, para_start: int) -> _Found | None:
    """The speaker of a speech verb earlier in the quote's sentence: `Lee said: “…”`."""
    open_mark = span.open_mark
    lo = max(para_start, open_mark - _BEFORE_REACH)
    cut = max(body.rfind("”", lo, open_mark), body.rfind('"', lo, open_mark))
    if body[open_mark] not in '“"':  # „…“ closes with “; «…» and »…« close with each other
        cut = max(
            cut,
            body.rfind("“", lo, open_mark),
            body.rfind("«", lo, open_mark),
            body.rfind("»", lo, open_mark),
        )
    if cut >= 0:
        lo = cut + 1
    # A quote that opens a sentence after "." (when a quote before it was cut off), "?" or "!" has
    # no attribution before it (see `_before_words`): the last word tells, before any split.
    last = open_mark
    while last > lo and _is_space_at(body, last - 1):
        last -= 1
    if last == lo:
        return None
    first = last - 1
    while first > lo and not _is_space_at(body, first - 1):
        first -= 1
    end = body[first:last]
    if (
        _ends_stop(end)
        and (end[-1] != "." or lo != para_start or _blank(body, lo, first))
        and _ends_sentence(end, "“")
    ):
        return None
    words = body[_sentence_word_start(body, lo, open_mark) : open_mark].split()
    return _before_words(words, lo == para_start)


def _sentence_word_start(body: str, lo: int, hi: int) -> int:
    """Where the word ending an earlier sentence of body[lo:hi] starts, else `lo`; not the sentence
    the text itself ends (a quote opening a sentence is attributed in the one before).

    Only the last sentence before a quote holds its attribution, and the word ending the sentence
    before tells `_before_words` where that starts: splitting from there spares splitting the
    sentences further back. Every ". " found here ends a sentence for `_ends_sentence` too, so the
    cut is never too late ("?" and "!" are left to the words: they are rare, and each would cost a
    search of the text).
    """
    dot = _rfind_stop(body, lo, hi)
    while dot >= 0:
        start = dot + 2
        while start < hi and _is_space_at(body, start):
            start += 1
        if (
            start < hi
            and (_upper_at(body, start) or body[start] in _OPEN_MARKS)
            and not _ends_with_abbreviation(body, lo, dot)
        ):
            while dot > lo and not _is_space_at(body, dot - 1):
                dot -= 1
            return dot
        dot = _rfind_stop(body, lo, dot)
    return lo


def _colon_subject(words: list[str]) -> _Found | None:
    """A lead-in ending in a colon, without a speech verb: "Rubio fired back:", "- Philip Bump:".

    The clause before the colon (after the last comma or dash of its sentence) names the speaker.
    """
    start = _clause_start(words)
    if not _upper_at(words[start], 0):  # "McConnell, R-Ky., delivered a message to Trump:"
        start = _last_sentence_start(words)
    clause = words[start:]
    clause[-1] = clause[-1][:-1]
    return ("subj", " ".join(clause)) if clause[-1] or len(clause) > 1 else None


def _clause_start(words: list[str]) -> int:
    """Index of the word opening the last clause: after the last comma, dash or sentence end."""
    for i in range(len(words) - 2, -1, -1):
        w = words[i]
        if w in ("-", "—", "–", "―") or w[-1] in ",;—" or (_ends_stop(w) and _ends_sentence(w, words[i + 1])):
            return i + 1
    return 0


def _before_words(words: list[str], opens: bool = True) -> _Found | None:
    """`_before_tokens` on the words of the last sentence, tokenised only around its last verbs.

    The sentence is found on the words (a word ending ". " before a capital, not "Sen." or "J."), and
    only the words from a little before the verbs to the last verb become tokens: a subject stands
    right before its verb, and tokenising is the costly part.
    """
    n = len(words)
    end = words[-1]
    if _ends_stop(end) and _ends_sentence(end, "“"):
        # The quote opens a sentence: a speaker in the sentence before it ("Lee agreed. “…”").
        if end[-1] != "." or n < 2 or not opens:  # not when a quote before it was attributed there
            return None
        return _before_words([*words[:-1], end[:-1]] if len(end) > 1 else words[:-1], opens)
    if end[-1] == ":" and not _has_verb_word(words[_clause_start(words) :]):
        return _colon_subject(words)  # "When Trump suggested …, Rubio fired back forcefully:"
    verbs: list[int] = []  # word indices of verbs, the latest first
    start = 0
    whole = opens  # whether words[start] opens the sentence
    for i in range(n - 1, -1, -1):
        w = words[i]
        if i + 1 < n and _ends_stop(w) and _ends_sentence(w, words[i + 1]):
            start = i + 1
            whole = True
            break
        if _is_verb_word(w) and _verb_here(words, i):
            verbs.append(i)
        elif verbs and verbs[-1] - i > _WORDS_BEFORE_VERB:
            start = i + 1  # far enough before the earliest verb: the subject is not further back
            whole = False
            break
    if not verbs:
        return _colon_subject(words) if words[-1][-1] == ":" else None
    # ", saying “…”" has no subject of its own: the verbs before it, else the sentence's subject.
    kept = [
        v
        for v in verbs
        if not (v > start and words[v - 1][-1] == "," and words[v].rstrip(",:;").endswith("ing"))
    ]
    found = _before_verbs(words, start, kept) if kept else None
    if found is None and whole and verbs[0] > start:
        # "Lee toured the plant, saying “…”", "He smiled and joked, “…”": the sentence's subject.
        verb = words[verbs[0]].rstrip(",:;")
        before = words[verbs[0] - 1]
        if verb.endswith("ing") or before in ("and", "but") or before[-1] == ",":
            return ("subj", " ".join(words[start : verbs[0]]))
    return found


# Verb forms that are more often nouns: "his scathing remarks", "the reports".
_NOUN_LIKE: Final = frozenset(
    "remarks claims notes reports questions quotes posts states charges promises tweets answers demands protests".split()
)


def _verb_here(words: list[str], i: int) -> bool:
    """Whether the verb form words[i] is a verb here: not "Post" inside a sentence (a name), nor
    "his remarks" (a noun)."""
    w = words[i]
    if w.startswith("call") or w.startswith("Call"):  # "calls for", "called on": no speech
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt in _CALL_PARTICLES:
            return False
    if i == 0:
        return True
    prev = words[i - 1]
    if _upper_at(w, 0):
        return _is_capital_verb(w) or prev[-1] in ".?!:"
    if prev in _NOUN_BEFORE or (prev == "of" and not w.rstrip(",.:;").endswith("ing")):
        return False  # "the reports", "his tweet", "secretary of state" (but "instead of saying")
    if w.rstrip(",.:;") in _NOUN_LIKE:
        return _upper_at(prev, 0) or prev.lower() in _PRONOUNS
    return True


_CALL_PARTICLES: Final = frozenset("for on off in up out back".split())
# Words after which a verb form is a noun.
_NOUN_BEFORE: Final = frozenset("the a an his her their its our my your this these those".split())


def _is_capital_verb(word: str) -> bool:
    """A capitalised verb that is no noun ("Said", "Joked" in a headline; not "Post" or "Press")."""
    low = word.rstrip(",.:;").lower()
    return low.endswith("ed") or low in ("said", "says", "told", "tells", "wrote", "writes")


def _before_verbs(words: list[str], start: int, verbs: list[int]) -> _Found | None:
    """The subject of the latest verb in `verbs` (word indices, the latest first) that has one."""
    verb = verbs[0]
    if words[verb] in ("according", "According") and verb + 2 < len(words) and words[verb + 1] == "to":
        toks = _word_tokens(words[verb + 2 : verb + 14])  # "According to Ann Lee of …, “"
        found = _subject_after_verb(toks, 0, len(toks))
        if found is not None:
            return _found_name(found)
    found = _subject_right_before(words, start, verbs[0])
    if found is not None:
        return found
    if verb + 1 < len(words) and words[-1][-1] == ":" and words[verb].lower() not in _LISTENER_VERBS:
        found = _name_after_verb(_word_tokens(words[verb + 1 :]))
        if found is not None:
            return found
    last = verbs[0] + 2  # "according to"
    lo = max(start, verbs[0] - _WORDS_BEFORE_VERB)
    found = _before_tokens(_word_tokens(words[lo:last]))
    if found is None and lo > start:  # the subject of an earlier verb
        found = _before_tokens(_word_tokens(words[start:last]))
    return found


# Verbs whose object is who heard it: "told the BBC:" names no speaker.
_LISTENER_VERBS: Final = frozenset("tell tells telling told ask asks asking asked".split())


def _name_after_verb(toks: list[str]) -> _Found | None:
    """The name between a verb and the colon that opens the quote, after a few words of role:
    "Said Argus analyst Kevin Tynan:", "In other words, explained CBS moderator Nancy Cordes:" (not
    "said of Trump:")."""
    e = len(toks) - 1  # the colon
    s = _name_start(toks, 0, e)
    if s == e or s > _PREFIX_WORDS or any(t in _PHRASE_STOPS or not t[0].isalnum() for t in toks[:s]):
        return None
    name = _joined(toks, s, e)
    return ("name", name) if _clean_name(name) else None


def _speech_verb_subject(body: str, start: int, end: int) -> str | None:
    """The name right before the last speech verb of the sentence body[start:end] if it has no quote
    and names the speaker plainly, or after it when the sentence ends on it ("…, noted NBC’s Dante
    Chinni.")."""
    if body.find("“", start, end) >= 0:
        return None
    words = body[start:end].split()
    for i in range(len(words) - 1, 0, -1):
        if _is_verb_word(words[i]) and _verb_here(words, i):
            found = _subject_right_before(words, 0, i)
            if found is None and words[i - 1][-1] == "," and len(words) - i <= _MAX_NAME_WORDS + 2:
                toks = _word_tokens(words[i + 1 :])
                found = _subject_after_verb(toks, 0, len(toks))
            if found is not None and found[0] == "name":
                return _clean_name(found[1])
            return None
    return None


def _modifies_role(text: str, run: str) -> bool:
    """Whether the name `run` in `text` only qualifies a role after it ("Obama consultant Cornell
    Belcher", "Trump campaign manager …"): it is not the subject then."""
    k = text.find(run)
    if k < 0:
        return False
    after = text[k + len(run) : k + len(run) + 24].split(None, 1)
    return bool(after) and after[0] in _MODIFIED_ROLES


_MODIFIED_ROLES: Final = _ROLE_WORDS | {
    "consultant",
    "pollster",
    "campaign",
    "aide",
    "aides",
    "ally",
    "allies",
    "adviser",
    "anchor",
    "host",
    "reporter",
    "correspondent",
    "columnist",
    "editor",
    "commentator",
}


def _last_sentence_start(words: list[str]) -> int:
    """Index of the word that opens the last sentence of `words`."""
    for i in range(len(words) - 2, -1, -1):
        w = words[i]
        if _ends_stop(w) and _ends_sentence(w, words[i + 1]):
            return i + 1
    return 0


def _subject_right_before(words: list[str], start: int, verb: int) -> _Found | None:
    """The plain cases of `_before_tokens` on words: "he said", "Sen. Ann Lee has said", else None.

    None leaves the verb to the token walk (appositives, "Lee of the Port Authority said", nominals).
    """
    a = verb
    while a > start and verb - a < _MAX_AUX and _is_aux(words[a - 1]):
        a -= 1
    if a <= start or words[verb] in _TWO_WORD_VERBS:
        return None
    last = words[a - 1]
    if last.lower() in _PRONOUNS:
        return ("pron", last)
    if not last[-1].isalnum():
        return None
    if not _is_name_word(last):
        return _nominal_right_before(words, start, a)
    s = a - 1
    while s > start:
        w = words[s - 1]
        if (w[-1] == "." and (w[:-1] in _ABBREVIATIONS or (len(w) == 2 and _upper_at(w, 0)))) or (
            _is_name_word(w) and w[-1].isalnum()
        ):
            s -= 1
        else:
            break
    for w in words[max(start, s - 8) : s]:
        if w in _CONNECTORS or w in _PARTICLES:
            return None
    name = " ".join(words[s:a])
    if (
        s - 2 >= start
        and words[s - 1] == "and"
        and words[s - 2][-1].isalnum()
        and _is_name_word(words[s - 2])
    ):
        other = _subject_right_before(words, start, s - 1)  # "Frank Newport and Jim Harter said"
        if other is not None and other[0] == "name":
            return ("name", other[1] + " and " + name)
    if s > start:  # "-Craig Lee said" or "(Ann Lee said": the word after the punctuation belongs
        core = words[s - 1].lstrip(_STRIP)
        if core != words[s - 1] and core and _is_name_word(core) and core[-1].isalnum():
            name = core + " " + name
    return ("name", name) if _clean_name(name) else None


def _nominal_right_before(words: list[str], start: int, a: int) -> _Found | None:
    """ "the city's spokesman said": a determiner and a few plain words before the verb (as the
    token walk finds it), else None to leave the verb to the token walk."""
    for w in words[max(start, a - 9) : a]:
        if w in _CONNECTORS:
            return None
    for d in range(a - 1, max(start, a - 6) - 1, -1):
        w = words[d]
        if not (w[0].isalnum() and w[-1].isalnum()):
            return None
        low = w.lower()
        if low in _DETERMINERS or (d == start and _owner(w)):
            return ("nom", " ".join(words[d:a])) if d < a - 1 else None  # also "Ryan’s office said"
        if low in _NOT_IN_NOMINAL:
            return None
    return None


_CONNECTORS: Final = frozenset(("of", "from", "at"))


def _owner(word: str) -> bool:
    """A capitalised possessive opening a nominal ("Ryan’s office"), not a contraction ("It’s")."""
    return _possessive(word) and _upper_at(word, 0) and word[:-2].lower() not in _CONTRACTED


_CONTRACTED: Final = frozenset("it that there here what who he she let where how you we they i".split())


def _ends_stop(word: str) -> bool:
    """`word[-1] in ".?!)"`, by code point (compiled, no string is made)."""
    code = ord(word[len(word) - 1])
    return code == 46 or code == 63 or code == 33 or code == 41


def _ends_sentence(word: str, nxt: str) -> bool:
    """Whether `word` ends a sentence before `nxt`: ". " then a capital or a mark, not "Sen." or "J."."""
    if not (_upper_at(nxt, 0) or nxt[0] in _OPEN_MARKS):
        return False
    last = word[-1]
    if last in "?!":
        return True
    if last == ".":
        core = word[:-1]
    elif word.endswith(".)"):
        core = word[:-2]
    else:
        return False
    k = len(core)
    while k > 0 and _alpha_at(core, k - 1):
        k -= 1
    abbreviation = core[k:]
    return not ((len(abbreviation) == 1 and _upper_at(abbreviation, 0)) or abbreviation in _ABBREVIATIONS)


def _before_tokens(toks: list[str]) -> _Found | None:
    """The subject of the last speech verb (of the last three) that has one right before it."""
    n = len(toks)
    verbs = []  # the last few verbs, the latest first
    for j in range(n - 1, -1, -1):
        t = toks[j]
        if t in _VERB_FORMS and (
            t not in _TWO_WORD_VERBS or (j + 1 < n and toks[j + 1] == _TWO_WORD_VERBS[t])
        ):
            verbs.append(j)
            if len(verbs) == _MAX_VERBS_TRIED:
                break
    for verb in verbs:
        a = verb
        while a > 0 and verb - a < _MAX_AUX and _is_aux(toks[a - 1]):
            a -= 1
        got = _subject_before(toks, 0, a)
        if got is not None:
            found = _found_name(got[0])
            if found is not None:
                return found
    return None


# ------------------------------------------------------------------------------------ sentences


def _sentence_start(body: str, lo: int, pos: int) -> int:
    """Where the sentence holding `pos` starts, not before `lo`: after the last `. ` before a capital."""
    return _sentence_bounds(body, lo, pos)[0]


def _sentence_bounds(body: str, lo: int, pos: int) -> tuple[int, int]:
    """(start, end) of the last sentence start in body[lo:pos] and of the mark ending the sentence
    before it; (lo, -1) when there is none. "?", "!" and ")" are rare: one fast find spares a search."""
    hi = pos
    while True:
        end = _rfind_stop(body, lo, hi)
        if body.find("?", lo, hi) >= 0:
            end = max(end, body.rfind("? ", lo, hi))
        if body.find("!", lo, hi) >= 0:
            end = max(end, body.rfind("! ", lo, hi))
        if body.find(")", lo, hi) >= 0:
            end = max(end, body.rfind(".) ", lo, hi))
        if end < 0:
            return lo, -1
        start = end + 2 if body[end + 1] == " " else end + 3
        while start < pos and _is_space_at(body, start):
            start += 1
        # (past the body's end, "" is in any string)
        opens = start >= len(body) or _upper_at(body, start) or body[start] in _OPEN_MARKS
        if opens and not _ends_with_abbreviation(body, lo, end):
            return start, end
        hi = end


def _ends_with_abbreviation(body: str, lo: int, dot: int) -> bool:
    """Whether the period at `dot` closes "Sen." or an initial rather than a sentence."""
    if body[dot] != ".":
        return False
    word_start = dot
    while word_start > lo and _alpha_at(body, word_start - 1):
        word_start -= 1
    if dot - word_start == 1:
        return _upper_at(body, word_start)
    return body[word_start:dot] in _ABBREVIATIONS


# ------------------------------------------------------------------------------------ finding


class _Span:
    """A quotation found in the body, before its speaker is known."""

    __slots__ = ("close_mark", "end", "label", "open_mark", "para_end", "para_start", "start")

    def __init__(
        self, start: int, end: int, para_start: int, para_end: int, open_mark: int, close_mark: int
    ) -> None:
        self.label: str | None = None  # the transcript label naming its speaker ("SECRETARY CLINTON")
        self.start = start
        self.end = end
        self.para_start = para_start  # where its paragraph starts
        self.para_end = para_end  # where its paragraph ends
        self.open_mark = open_mark  # offset of the opening mark
        self.close_mark = close_mark  # offset of the closing mark, -1 when the paragraph ends first


class _Paragraphs:
    """The paragraphs of a body, text between blank lines (`\\n[ \\t]*\\n\\s*`), found around a position.

    Only the paragraphs holding quotation marks are ever needed, so each is found from its marks with
    single-character `str.find`/`str.rfind` (far faster than a multi-character search of the body).
    """

    __slots__ = ("_body",)

    def __init__(self, body: str) -> None:
        self._body = body

    def around(self, pos: int) -> tuple[int, int]:
        """(start, end) of the paragraph holding the non-space character at `pos`."""
        body = self._body
        nl = body.rfind("\n", 0, pos)
        while nl > 0:  # the last blank line before pos ends at nl
            prev = body.rfind("\n", 0, nl)
            if prev < 0:
                nl = -1
            elif prev == nl - 1 or not body[prev + 1 : nl].strip(" \t"):
                break
            else:
                nl = prev
        if nl <= 0:
            start = 0
        else:
            start = nl + 1
            while start < pos and _is_space_at(body, start):
                start += 1
        nl = body.find("\n", pos)
        while nl >= 0:  # the first blank line after pos starts at nl
            nxt = body.find("\n", nl + 1)
            if nxt < 0:
                nl = -1
            elif nxt == nl + 1 or not body[nl + 1 : nxt].strip(" \t"):
                break
            else:
                nl = nxt
        return start, len(body) if nl < 0 else nl

    def previous(self, start: int) -> tuple[int, int] | None:
        """(start, end) of the paragraph before the one starting at `start`, or None."""
        body = self._body
        end = start
        while end > 0 and _is_space_at(body, end - 1):
            end -= 1
        if end == 0 or end == start:
            return None
        return self.around(end - 1)[0], end


def _mark_positions(body: str) -> list[int]:
    """Offsets of all quotation marks, by `str.find` per mark (a regex class is far slower here)."""
    found = []
    for mark in _MARKS:
        pos = body.find(mark)
        while pos >= 0:
            found.append(pos)
            pos = body.find(mark, pos + 1)
    found.sort()
    return found


def _spans(body: str, paragraphs: _Paragraphs, marks: list[int]) -> list[_Span]:
    """Pair the marks paragraph by paragraph (a mark inside an open quote of the other kind is kept).

    Marks are told by code point: compiled, `body[pos]` of a curly mark would make a new string."""
    spans: list[_Span] = []
    m = 0
    n = len(marks)
    while m < n:
        start, end = paragraphs.around(marks[m])
        open_at = -1
        open_char = 0
        while m < n and marks[m] < end:
            pos = marks[m]
            m += 1
            char = ord(body[pos])
            if open_at < 0:
                if _opens(body, pos, end, char):
                    open_at, open_char = pos, char
                continue
            if _closes(body, pos, end, char, open_char):
                first = open_at + 1
                if first < pos and _alnum_at(body, first) and not _is_space_at(body, pos - 1):  # “Words…”
                    spans.append(_Span(first, pos, start, end, open_at, pos))
                else:
                    _add_span(body, open_at, pos, start, end, pos, spans)
                open_at = -1
            elif char == open_char and _opens_only(char):
                open_at = pos  # two openings in a row: the first was stray
        if open_at >= 0:
            _add_span(body, open_at, end, start, end, -1, spans)
    return spans


_LEFT: Final = 0x201C  # “
_RIGHT: Final = 0x201D  # ”
_STRAIGHT: Final = 0x22  # "
_LOW: Final = 0x201E  # „
_GUILLEMET_LEFT: Final = 0xAB  # «
_GUILLEMET_RIGHT: Final = 0xBB  # »
_SINGLE_LEFT: Final = 0x2039  # ‹
_SINGLE_RIGHT: Final = 0x203A  # ›


def _opens_only(char: int) -> bool:
    """“, „ and «: marks that never close in the text that uses them for opening."""
    return char in (_LEFT, _LOW, _GUILLEMET_LEFT)


def _is_guillemet(char: int) -> bool:
    return char in (_GUILLEMET_LEFT, _GUILLEMET_RIGHT)


def _is_single_guillemet(char: int) -> bool:
    return char in (_SINGLE_LEFT, _SINGLE_RIGHT)


def _opens(body: str, pos: int, end: int, char: int) -> bool:
    """Whether the mark at `pos` may open a quotation: not ”, and » or › only before a word, as in
    German »…« (in French text » closes, and "Home » News" is a breadcrumb)."""
    if char == _RIGHT:
        return False
    if char == _GUILLEMET_RIGHT or char == _SINGLE_RIGHT:  # noqa: SIM109 - compiled: no tuple
        return pos + 1 < end and not _is_space_at(body, pos + 1)
    return True


def _closes(body: str, pos: int, end: int, char: int, open_char: int) -> bool:
    """Whether the mark at `pos` closes the quotation opened by `open_char` (code points).

    Guillemets close with each other only (« … », »…«), so that “…” inside them stays inside; „
    closes with “ (German), ” or a closing straight mark."""
    if _is_guillemet(open_char):
        if char == _GUILLEMET_RIGHT and open_char == _GUILLEMET_RIGHT:  # Swedish, Finnish: »…»
            return _looks_closing(body, pos, end)
        return char == _GUILLEMET_LEFT + _GUILLEMET_RIGHT - open_char
    if _is_single_guillemet(open_char):
        return char == _SINGLE_LEFT + _SINGLE_RIGHT - open_char
    if char == _RIGHT:
        return True
    if open_char == _LOW:
        return char == _LEFT or (char == _STRAIGHT and _looks_closing(body, pos, end))
    if char == _STRAIGHT:
        # Inside “…”, a straight mark is a quote within the quote while a curly closing mark follows.
        return open_char == _STRAIGHT or (_looks_closing(body, pos, end) and body.find("”", pos, end) < 0)
    # “ used as a closing mark (“…“) by careless typing.
    return char == _LEFT and open_char == _LEFT and _looks_closing(body, pos, end)


def _looks_closing(body: str, pos: int, end: int) -> bool:
    """A mark after a non-space and before a space, punctuation or the paragraph's end closes."""
    if pos == 0 or _is_space_at(body, pos - 1):
        return False
    return pos + 1 >= end or _is_space_at(body, pos + 1) or not _alnum_at(body, pos + 1)


def _alnum_at(text: str, i: int) -> bool:
    """`text[i].isalnum()`, ASCII told from the code point (see `_upper_at`)."""
    code = ord(text[i])
    if code < 128:
        return 97 <= code <= 122 or 65 <= code <= 90 or 48 <= code <= 57
    return text[i].isalnum()


def _is_space_at(text: str, i: int) -> bool:
    """`text[i].isspace()`, ASCII told from the code point (see `_upper_at`)."""
    code = ord(text[i])
    if code < 128:
        return code == 32 or 9 <= code <= 13 or 28 <= code <= 31
    return text[i].isspace()


def _add_span(
    body: str, open_at: int, close_at: int, para_start: int, para_end: int, close_mark: int, out: list[_Span]
) -> None:
    start, end = open_at + 1, close_at
    if start < end and _alnum_at(body, start) and not _is_space_at(body, end - 1):  # the usual “Words…”
        out.append(_Span(start, end, para_start, para_end, open_at, close_mark))
        return
    while start < end and _is_space_at(body, start):
        start += 1
    while end > start and _is_space_at(body, end - 1):
        end -= 1
    if _WORD_RE.search(body, start, end):
        out.append(_Span(start, end, para_start, para_end, open_at, close_mark))


# ---------------------------------------------------------------------------------------- names


class _LastSpeaker:
    """The speaker of the latest attributed quote, where that quote ends, and earlier speakers."""

    __slots__ = ("earlier", "end", "name")

    def __init__(self) -> None:
        self.name: str | None = None
        self.end = 0
        self.earlier: tuple[str, ...] = ()

    def then(self, name: str, end: int) -> None:
        """Record a quote by `name` ending at `end`."""
        if self.name is not None and self.name != name:
            kept = [self.name]
            for n in self.earlier:
                if n != self.name and n != name:
                    kept.append(n)
            self.earlier = tuple(kept[:_SPEAKERS_KEPT])
        self.name = name
        self.end = end

    def recent(self) -> tuple[str, ...]:
        """Speakers, the latest first."""
        return self.earlier if self.name is None else (self.name, *self.earlier)


def _follows_name_word(body: str, pos: int) -> bool:
    """Whether a capitalised word or an initial ("J.") stands right before `pos`, after one space."""
    if pos < 3 or body[pos - 1] != " ":
        return False
    prev = pos - 3 if body[pos - 2] == "." else pos - 2
    if not _alpha_at(body, prev):
        return False
    start = body.rfind(" ", max(0, pos - 30), pos - 1) + 1
    return _upper_at(body, start) or body[start : pos - 1] in _PARTICLES


def _split_words(text: str) -> list[str]:
    """`text.split()`, with dashes as words of their own ("Post–shows" is two words, as in tokens)."""
    if "—" in text or "–" in text:
        text = text.replace("—", " — ").replace("–", " – ")
    return text.split()


def _name_runs(words: list[str]) -> list[str]:
    """Runs of name words among `words` ("Sen. Ann de la Cruz"), as `_name_end` finds them in tokens.

    Works on `str.split` words, which are far cheaper than tokens: punctuation before or after a
    word ends a run ("Lee," or "(Lee"), but a title abbreviation or an initial keeps its period.
    """
    runs: list[str] = []
    run: list[str] = []
    n = len(words)
    for i in range(n):
        w = words[i]
        if not (_alpha_at(w, 0) or w[0].isdigit()):
            if run:
                runs.append(" ".join(run))
                run = []
            k = 1
            while k < len(w) and not w[k].isalnum():
                k += 1
            w = w[k:]
            if not w:
                continue
        if not _upper_at(w, 0):
            if run and w in _PARTICLES and i + 1 < n and _is_name_or_particle(words[i + 1]):
                run.append(w)
                continue
            if run:
                runs.append(" ".join(run))
                run = []
            continue
        last = w[-1]
        if last.isalnum():
            if len(w) > 1 and not _possessive(w):
                run.append(w)
            elif run:
                runs.append(" ".join(run))
                run = []
            continue
        if last == "." and (w[:-1] in _ABBREVIATIONS or (len(w) == 2 and _upper_at(w, 0))):
            run.append(w)
            continue
        k = len(w) - 1
        while k > 0 and not w[k - 1].isalnum():
            k -= 1
        core = w[:k]
        if len(core) > 1 and not _possessive(core):
            run.append(core)
        if run:
            runs.append(" ".join(run))
            run = []
    if run:
        runs.append(" ".join(run))
    return runs


def _name_words_start(words: list[str]) -> int:
    """Where the run of name words ending `words` starts, at most four tokens back ("Sen. Ben")."""
    k = len(words)
    tokens = 0
    while k > 0:
        w = words[k - 1]
        if w[-1] == "." and (w[:-1] in _ABBREVIATIONS or (len(w) == 2 and _upper_at(w, 0))):
            tokens += 2
        elif (_is_name_word(w) and w[-1].isalnum()) or (
            w in _PARTICLES and k < len(words) and k >= 2 and _is_name_or_particle(words[k - 2])
        ):
            tokens += 1
        else:
            break
        if tokens > 4:
            break
        k -= 1
    return k


def _find_capitalised(body: str, word: str, pos: int) -> int:
    """`body.find(word, pos)` for a capitalised word, two to three times faster: a capital letter is
    rare enough in text that finding each one (a `memchr`) and comparing the word there beats the
    general substring search."""
    first = word[0]
    n = len(word)
    last = len(body) - n  # the last place the word fits
    found = body.find(first, pos)
    while 0 <= found <= last:
        k = 1
        while k < n and ord(body[found + k]) == ord(word[k]):  # (compiled: no strings made)
            k += 1
        if k == n:
            return found
        found = body.find(first, found + 1)
    return -1


def _title_end(body: str, i: int, n: int) -> int:
    """Where "rs", "r", "s" or "iss" after an "M" at i - 1 ends, else -1 (by code point: compiled,
    no strings are made)."""
    code = ord(body[i]) if i < n else 0
    if code == 114:  # r
        return i + 2 if i + 1 < n and ord(body[i + 1]) == 115 else i + 1
    if code == 115:  # s
        return i + 1
    if code == 105 and i + 2 < n and ord(body[i + 1]) == 115 and ord(body[i + 2]) == 115:  # iss
        return i + 3
    return -1


def _has_word(body: str, word: str) -> bool:
    """Whether `word` stands in `body` as a whole word (not inside another)."""
    n = len(word)
    pos = body.find(word)
    while pos >= 0:
        before = pos == 0 or not _alnum_at(body, pos - 1)
        if before and (pos + n >= len(body) or not _alnum_at(body, pos + n)):
            return True
        pos = body.find(word, pos + 1)
    return False


def _may_be_person(name: str) -> bool:
    """Not a place or an organisation ("Fort Pierce", "Fox News"): "he" and "she" are people."""
    return _NOT_PERSON_WORDS.isdisjoint(name.split())


class _Names:
    """What the article says about people, looked up lazily with `str.find` and cached per article."""

    def __init__(self, body: str) -> None:
        self._body = body
        self._full: dict[str, str] = {}
        self._roles: dict[str, str | None] = {}
        self._titled: dict[str, str] | None = None
        self._people: dict[str, bool] = {}
        self._common: dict[str, bool] = {}
        self._genders: dict[str, str | None] = {}
        self._names_in: dict[tuple[int, int], list[str]] = {}

    def resolve(self, name: str) -> str:
        """A lone surname becomes the first full name the article gives it ("Waxman" -> "Ben Waxman")."""
        if " " in name or not name or not _upper_at(name, 0):
            return name
        full = self._full.get(name)
        if full is None:
            full = self._full[name] = self._first_full_name(name) or name
        return full

    def _first_full_name(self, surname: str) -> str | None:
        body = self._body
        pos = _find_capitalised(body, surname, 0)
        for _ in range(_FULL_NAME_TRIES):
            if pos < 0:
                break
            end = pos + len(surname)
            after = body[end : end + 1]
            owner = after in "'’" and body[end + 1 : end + 3] in ("s ", "s,", "s.")  # "Donald Trump’s"
            if _follows_name_word(body, pos) and (owner or not (after.isalnum() or after in "'’-")):
                # (the last six words are all `_name_words_start` reads: fewer words to make)
                words = body[max(0, pos - _PREFIX_REACH) : pos].rsplit(None, 5)
                s = _name_words_start(words)
                if s < len(words):
                    full = _clean_name(" ".join(words[s:]) + " " + surname)
                    if full is not None and " " in full and full.endswith(surname):
                        return full
            pos = _find_capitalised(body, surname, pos + 1)
        return None

    def by_role(self, role: str) -> str | None:
        """The name the article writes after a role word ("his spokesman Ben Waxman")."""
        if role not in _ROLE_WORDS:
            return None
        if role not in self._roles:
            self._roles[role] = self._name_after(role)
        return self._roles[role]

    def _name_after(self, role: str) -> str | None:
        body = self._body
        pos = body.find(role + " ")
        while pos >= 0:
            if pos == 0 or not body[pos - 1].isalnum():
                lo = pos + len(role) + 1
                toks = _tokens(body, lo, lo + _PREFIX_REACH)
                e = _name_end(toks, 0, len(toks))
                name = _clean_name(_joined(toks, 0, e)) if e else None
                if name:
                    return name
            pos = body.find(role + " ", pos + 1)
        return None

    def person(self, text: str) -> str | None:
        """`text` as a full name (two words or more, after resolving a surname), else None.

        Used where a capitalised word may just start a sentence ("Traffic will move ...").
        """
        name = _clean_name(text)
        if name is None:
            return None
        name = self.resolve(name)
        return name if " " in name else None

    def names_in(self, lo: int, hi: int) -> list[str]:
        """The full names written in body[lo:hi], in order (cached: quotes share sentences)."""
        key = (lo, hi)
        if key not in self._names_in:
            self._names_in[key] = self._find_names(lo, hi)
        return self._names_in[key]

    def _find_names(self, lo: int, hi: int) -> list[str]:
        out: list[str] = []
        words: list[str] = []
        for word in _split_words(self._body[lo:hi]):  # "Bill Clinton's hair" mentions Bill Clinton
            if _possessive(word):
                word = word[:-2]
            if word:
                words.append(word)
        for run in _name_runs(words):
            name = self.person(run)
            if name is not None:
                out.append(name)
        return out

    def may_be_person(self, name: str) -> bool:
        """A capitalised name, not a place or an organisation (cached: pronouns try the same names)."""
        person = self._people.get(name)
        if person is None:
            person = self._people[name] = (
                _upper_at(name, 0) and _may_be_person(name) and not self.is_common(name)
            )
        return person

    def is_common(self, word: str) -> bool:
        """Whether a one-word name is a plural the article also writes in lowercase: "Debates" and
        "Delegates" opening sentences are no people, while "Waxman" is never written "waxman" (only
        plurals are looked up: they are the common words that open sentences as subjects)."""
        if not word or word[-1] != "s" or " " in word or not _upper_at(word, 0):
            return False
        common = self._common.get(word)
        if common is None:
            common = self._common[word] = _has_word(self._body, word.lower())
        return common

    def gender(self, name: str) -> str | None:
        """ "f" or "m" from the first name or a "Mrs."/"Mr." the article uses, else None (cached)."""
        if name in self._genders:
            return self._genders[name]
        gender = self._genders[name] = self._gender(name)
        return gender

    def _gender(self, name: str) -> str | None:
        words = name.split()
        first = words[0].lower()
        if first in _FEMALE_NAMES:
            return "f"
        if first in _MALE_NAMES:
            return "m"
        if self._titled is None:
            self._titled = self._title_genders()
        return self._titled.get(words[-1])

    def _title_genders(self) -> dict[str, str]:
        """Surname -> "m"/"f" from the first "Mr."/"Mrs."/"Ms."/"Miss" the article writes before it.

        Read at each "M" (`str.find` skips to them far faster than a regex search): the titles as
        `M(rs|r|s|iss)\\.? ([A-Z][\\w'’-]*)` finds them, not inside a word.
        """
        out: dict[str, str] = {}
        body = self._body
        n = len(body)
        pos = body.find("M")
        while pos >= 0:
            k = _title_end(body, pos + 1, n)
            if k < 0:
                pos = body.find("M", pos + 1)
                continue
            male = k == pos + 2 and ord(body[pos + 1]) == 114  # "Mr"
            if k < n and ord(body[k]) == 46:  # .
                k += 1
            if k + 1 >= n or ord(body[k]) != 32 or not 65 <= ord(body[k + 1]) <= 90:
                pos = body.find("M", pos + 1)
                continue
            end = k + 2
            while end < n and (body[end].isalnum() or body[end] in "_'’-"):
                end += 1
            if pos == 0 or not body[pos - 1].isalnum():
                surname = body[k + 1 : end]
                if _possessive(surname):
                    surname = surname[:-2]
                if surname not in out:
                    out[surname] = "m" if male else "f"
            pos = body.find("M", end)
        return out


# -------------------------------------------------------------------------------- attribution


def _attribute(body: str, paragraphs: _Paragraphs, spans: list[_Span], names: _Names) -> list[Quote]:
    """Give each span a speaker; drop short quotes without one (titles, scare quotes) and markup."""
    # A markup attribute value (`<tweet datetime="2016-07-23">`) is never speech: it has no
    # attribution to look for, and lends none to the quotes beside it.
    own = [None if _in_markup(body, span) else _own_attribution(body, paragraphs, span) for span in spans]
    for i, span in enumerate(spans):
        if own[i] is not None and _is_naming(body, span):
            own[i] = None
    next_own = _next_attributed_in_paragraph(spans, own)
    quotes: list[Quote] = []
    last = _LastSpeaker()
    attributed_para = -1  # paragraph (its start) of the latest span with its own attribution
    for i, span in enumerate(spans):
        found: _Found | None = own[i]
        if found is None and _is_not_speech(body, span):
            continue
        speaker = _speaker(body, paragraphs, found, span, names, last) if found is not None else None
        if found is not None and (speaker is not None or found[0] != "subj"):
            attributed_para = span.para_start
        # else a clause without a subject ("subj" that named nobody): the quote's neighbours may tell
        elif attributed_para == span.para_start:  # “…,” Waxman said. “…”
            speaker = last.name  # (`_continued` here cost PolNeAR 0.2 points of speaker accuracy)
        elif next_own[i] >= 0:  # “…” “…,” Waxman said.
            j = next_own[i]
            speaker = _speaker(body, paragraphs, own[j], spans[j], names, last)  # type: ignore[arg-type]
        else:
            speaker = _unattributed_speaker(body, paragraphs, spans, i, names, last)
        if speaker is not None and speaker != last.name:  # (the last speaker passed already)
            speaker = _sane_speaker(speaker)  # not "Among", "U. S.": a word taken for a name
            if speaker is not None and names.is_common(speaker):
                speaker = None  # "Debates", "Delegates": a common word opening a sentence
        if speaker is not None:
            last.then(speaker, span.end)
        quotes.append(_quote(body[span.start : span.end], speaker, span.start, span.end))
    return quotes


def _continued(body: str, spans: list[_Span], i: int, names: _Names, last: _LastSpeaker) -> str | None:
    """The speaker of a quote that follows an attributed one in its paragraph: the same person,
    unless the quote's own sentence names someone else before it ("Ähnlich äußerte sich Jan
    Korte: „…“", "la professeure Francisca Joly-Gomez ajoute qu'il «…»"): then that person, or
    nobody when it names several."""
    span = spans[i]
    lo = max(span.para_start, spans[i - 1].end + 1) if i > 0 else span.para_start
    start = _sentence_start(body, lo, span.open_mark)
    if span.open_mark - start < 2:
        return last.name  # the quote opens its sentence
    others: list[str] = []
    for name in names.names_in(start, span.open_mark):
        if name != last.name and name not in others:
            others.append(name)
    if not others:
        return last.name
    return others[0] if len(others) == 1 else None


def _is_naming(body: str, span: _Span) -> bool:
    """ "The council called the plan “ambitious”": a word or two after "called" is a name given to
    something, not speech (a longer quote after it is what the caller said)."""
    if span.end - span.start > _NAMING_CHARS or len(body[span.start : span.end].split()) > _SHORT_QUOTE_WORDS:
        return False
    before = body[max(span.para_start, span.open_mark - _NAMING_REACH) : span.open_mark].split()
    return any(w.startswith("call") for w in before[-_NAMING_WORDS:])


_NAMING_CHARS: Final = 40
_NAMING_REACH: Final = 80
_NAMING_WORDS: Final = 6


def _quote(text: str, speaker: str | None, start: int, end: int) -> Quote:
    """`Quote(text, speaker, start, end)` in under half the time. A frozen dataclass's `__init__`
    sets each field through `object.__setattr__`, about 0.9 µs a quote (a tenth of the finder's
    time); the slots' own setters do the same work directly."""
    quote: Quote = _NEW(Quote)
    _SET_TEXT(quote, text)
    _SET_SPEAKER(quote, speaker)
    _SET_START(quote, start)
    _SET_END(quote, end)
    return quote


_NEW: Final[Any] = object.__new__
_SET_TEXT: Final[Any] = vars(Quote)["text"].__set__
_SET_SPEAKER: Final[Any] = vars(Quote)["speaker"].__set__
_SET_START: Final[Any] = vars(Quote)["start"].__set__
_SET_END: Final[Any] = vars(Quote)["end"].__set__


def _in_markup(body: str, span: _Span) -> bool:
    """An attribute value of markup left in the text: `<tweet datetime="2016-07-23">`."""
    return span.open_mark > 0 and body[span.open_mark - 1] == "="


def _is_not_speech(body: str, span: _Span) -> bool:
    """Markup attribute values, and titles or scare quotes (a span nobody is said to say)."""
    if _in_markup(body, span):
        return True
    # Most quotes are long: their first characters show it without copying them whole.
    hi = min(span.end, span.start + _TITLE_PREFIX)
    words = body[span.start : hi].split()  # (a plain split is a compiled primitive; a limit is not)
    if len(words) > _TITLE_MAX_WORDS:
        return False
    if hi < span.end:
        words = body[span.start : span.end].split()
        if len(words) > _TITLE_MAX_WORDS:
            return False
    stripped: list[str] = []
    for w in words:
        w = w.strip(_STRIP)
        if w:
            stripped.append(w)
    if len(stripped) <= _SHORT_QUOTE_WORDS:
        return True
    return _is_title_case(stripped)


_STRIP: Final = "\"“”„«»‹›‘’'.,;:!?()[]—–-…"


def _is_title_case(words: list[str]) -> bool:
    """ "Face the Nation", "The Late Show With Stephen Colbert": capitalised but for small words."""
    return _upper_at(words[0], 0) and all(_upper_at(w, 0) or w in _TITLE_SMALL_WORDS for w in words)


def _own_attribution(body: str, paragraphs: _Paragraphs, span: _Span) -> _Found | None:
    """The attribution beside the quote, after it first, else before it in its sentence."""
    if span.label is not None:
        return ("name", span.label.title())
    if _opens_upper(body, span.start):  # a transcript: "“PENCE: Well, look, …"
        label = _LABEL_RE.match(body, span.start)
        if label is not None:
            return ("name", label.group(1).title())
    if span.close_mark >= 0:
        found = _after(body, span, span.para_end)
        if found is not None:
            return found
    found = _before(body, span, span.para_start)
    if found is not None:
        return found
    if span.open_mark == span.para_start:
        previous = paragraphs.previous(span.para_start)
        if previous is not None:
            prev_start, prev_end = previous  # prev_end: after its last non-space character
            end = body[prev_end - 1]
            if end == ":":  # "Waxman continued:" then the quote
                lo = _sentence_start(body, max(prev_start, prev_end - _BEFORE_REACH), prev_end)
                found = _before_tokens(_tokens(body, lo, prev_end - 1))
                if found is None:
                    found = _colon_subject(body[lo:prev_end].split())
            elif end == ".":  # "…, Obama said." then the quote
                tail = body[max(prev_start, prev_end - _BEFORE_REACH) : prev_end]
                words = tail.split()
                if _has_verb_word(words) and not _has_mark(tail):
                    found = _before_words(words)
    if found is None and span.close_mark >= 0 and _only(body, span.close_mark + 1, span.para_end, " ."):
        found = _dash_line_after(body, span.para_end)
    return found


def _opens_upper(body: str, i: int) -> bool:
    """`body[i : i + 2].isupper()`, ASCII told from the code points (see `_upper_at`)."""
    upper = False
    for k in range(i, min(i + 2, len(body))):
        code = ord(body[k])
        if code >= 128:
            return body[i : i + 2].isupper()
        if 97 <= code <= 122:
            return False
        upper = upper or 65 <= code <= 90
    return upper


# A speaker's label opening a quote of a transcript: "PENCE:", "MR. O'NEILL:", "SECRETARY CLINTON:".
_LABEL_RE: Final = re.compile(r"((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z'’-]+):\s")
# The next speaker's label inside such a quote, after a sentence's end.
_INNER_LABEL_RE: Final = re.compile(r"(?<=[.?!…\]] )((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z'’-]+):\s")


def _split_transcripts(body: str, spans: list[_Span]) -> list[_Span]:
    """A quoted transcript holding several speakers' turns ("“MR. O'NEILL: … SECRETARY CLINTON:
    …”") as one quote per turn, each without its label and with the label as its speaker."""
    for span in spans:
        if _opens_upper(body, span.start):
            break
    else:
        return spans  # (most articles: no quote opens with a capital's label)
    out: list[_Span] = []
    for span in spans:
        if not _opens_upper(body, span.start):
            out.append(span)
            continue
        label = _LABEL_RE.match(body, span.start)
        inner = _INNER_LABEL_RE.search(body, span.start, span.end) if label is not None else None
        if label is None or inner is None:
            out.append(span)
            continue
        turns: list[tuple[int, int, str]] = [(label.start(), label.end(), label.group(1))]
        while inner is not None:
            turns.append((inner.start(), inner.end(), inner.group(1)))
            inner = _INNER_LABEL_RE.search(body, inner.end(), span.end)
        for k, (_, text_start, name) in enumerate(turns):
            end = turns[k + 1][0] if k + 1 < len(turns) else span.end
            while end > text_start and _is_space_at(body, end - 1):
                end -= 1
            if end > text_start:
                last = k + 1 == len(turns)
                turn = _Span(
                    text_start,
                    end,
                    span.para_start,
                    span.para_end,
                    span.open_mark,
                    span.close_mark if last else -1,
                )
                turn.label = name
                out.append(turn)
    return out


def _dash_line_after(body: str, para_end: int) -> _Found | None:
    """A paragraph after the quote's that is only a dash and a name: "- Bernie Sanders."."""
    pos = para_end
    n = len(body)
    while pos < n and _is_space_at(body, pos):
        pos += 1
    if pos >= n or body[pos] not in _DASHES:
        return None
    end = body.find("\n", pos, pos + 60)
    line = body[pos + 1 : end if end >= 0 else pos + 60].strip().rstrip(".")
    if not line or (end < 0 and pos + 60 < n):
        return None
    words = line.split()
    if len(words) > _MAX_NAME_WORDS or not all(_is_name_word(w) or w[:-1] in _ABBREVIATIONS for w in words):
        return None
    return ("name", line)


def _speaker(
    body: str,
    paragraphs: _Paragraphs,
    found: _Found,
    span: _Span,
    names: _Names,
    last: _LastSpeaker,
) -> str | None:
    kind, text = found
    if kind == "name":
        if " and " in text:  # two speakers: each name as the article gives it
            both = [_clean_name(part) for part in text.split(" and ")]
            return " and ".join(names.resolve(n) for n in both if n) or None
        name = _clean_name(text)
        if name:
            return names.resolve(name)
    elif kind == "nom":
        by_role = names.by_role(text.split()[-1].lower())
        return by_role if by_role is not None else " ".join(text.split())
    elif kind == "subj":
        return _clause_speaker(body, paragraphs, text, span, names, last)
    return _pronoun_speaker(body, paragraphs, span, names, last, _PRONOUN_GENDER.get(text.lower()))


def _clause_speaker(
    body: str, paragraphs: _Paragraphs, text: str, span: _Span, names: _Names, last: _LastSpeaker
) -> str | None:
    """The subject of a clause: "He …" resolved as a pronoun, else its first full name, else the
    clause itself when it is nothing but a name ("Pew Research")."""
    words = _split_words(text)
    if not words:
        return None
    if words[0] in ("He", "She"):
        return _pronoun_speaker(body, paragraphs, span, names, last, _PRONOUN_GENDER[words[0].lower()])
    runs = _name_runs(words)
    for run in runs:
        name = names.person(run)
        if name is not None:
            return name
    lone = _lone_subject(words)
    if lone is not None:
        return names.resolve(lone)
    if len(runs) == 1 and runs[0] == " ".join(words):
        name = _clean_name(runs[0])
        return names.resolve(name) if name else None
    return None


def _pronoun_speaker(
    body: str,
    paragraphs: _Paragraphs,
    span: _Span,
    names: _Names,
    last: _LastSpeaker,
    gender: str | None,
) -> str | None:
    """Who "he"/"she" is: a person opening a recent sentence, else a recent speaker, else a name
    mentioned shortly before; "she" never resolves to a man's name, "he" never to a woman's."""
    own = _clause_subject_before_pronoun(body, span, names, gender)
    if own is not None:
        return own
    recent = _recent_subject(body, paragraphs, span, last.end, names, gender)
    if recent is not None:
        return recent
    for name in last.recent():
        if _agrees(name, gender, names):
            return name
    mentioned = names.names_in(max(0, span.open_mark - _MENTION_REACH), span.open_mark)
    for i in range(len(mentioned) - 1, -1, -1):
        if _agrees(mentioned[i], gender, names):
            return mentioned[i]
    return None


def _clause_subject_before_pronoun(body: str, span: _Span, names: _Names, gender: str | None) -> str | None:
    """The subject of the quote's own sentence, before the pronoun of its attribution: "…, Trump was
    talking about defence when he told Chris Wallace, “…”" (not "Krasner, he said, was “…”": a name
    set off by a comma is no subject)."""
    k = span.open_mark
    while k > span.para_start and _is_space_at(body, k - 1):
        k -= 1
    if k == span.para_start or body[k - 1] in '.?!”"':
        return None  # the quote opens its sentence or paragraph: its pronoun comes after it
    lo = _sentence_start(body, max(span.para_start, span.open_mark - _BEFORE_REACH), span.open_mark)
    if _has_mark(body[lo : span.open_mark]):
        return None
    words = _split_words(body[lo : span.open_mark])
    cut = len(words)
    for i in range(len(words)):
        if words[i] in _PRONOUN_WORDS:
            cut = i
            break
    if cut < 2:
        return None
    for i in range(cut - 1):
        w = words[i]
        if not (_is_name_word(w) and w[-1].isalnum() and words[i + 1][0].islower()):
            continue
        s = i
        while s > 0 and _is_name_word(words[s - 1]) and words[s - 1][-1].isalnum():
            s -= 1
        name = names.person(" ".join(words[s : i + 1]))
        if name is not None and _agrees(name, gender, names):
            return name
    return None


_PRONOUN_WORDS: Final = frozenset(("he", "she", "He", "She"))


def _agrees(name: str, gender: str | None, names: _Names) -> bool:
    """Whether "he"/"she" (`gender` "m"/"f", None for either) may be the person `name`."""
    if not names.may_be_person(name):
        return False
    if gender is None:
        return True
    known = names.gender(name)
    return known is None or known == gender


def _recent_subject(
    body: str,
    paragraphs: _Paragraphs,
    span: _Span,
    since: int,
    names: _Names,
    gender: str | None,
) -> str | None:
    """The name opening the latest sentence between the last attributed quote and this quote's sentence.

    "Debra Steger, a negotiator, sees a trend. “…,” she said." -> "Debra Steger". The quote's own
    sentence is left out: in "Krasner, he said, was “…”" the pronoun is not Krasner. Looks no further
    back than the paragraph before.
    """
    para_start = span.para_start
    lo = max(since, span.open_mark - _RECENT_REACH)
    own_lo = max(para_start, span.open_mark - _BEFORE_REACH)
    hi, dot = _sentence_bounds(body, own_lo, span.open_mark)  # the quote's own sentence
    if dot >= 0:
        found = _head_name(body, max(lo, para_start), hi, dot, names, gender)
        if found is not None:
            return found
    if lo >= para_start:
        return None
    previous = paragraphs.previous(para_start)
    if previous is None:
        return None
    lo = max(lo, previous[0])
    return _head_name(body, lo, previous[1], previous[1], names, gender) if lo < previous[1] else None


def _head_name(body: str, lo: int, end: int, hi: int, names: _Names, gender: str | None) -> str | None:
    """The first agreeing full name in the head of the latest sentence in body[lo:end] that has one.

    `hi` is where the search for sentence ends may look up to (the mark ending body[lo:end]).
    """
    while end > lo:
        start, dot = _sentence_bounds(body, lo, hi)
        if body[start] not in _OPEN_MARKS:
            name = _speech_verb_subject(body, start, end)  # "… candidate, Viguerie argues."
            if name is not None and _agrees(name, gender, names):
                return names.resolve(name)
            head = body[start : min(end, start + _HEAD_REACH)]
            for run in _name_runs(_split_words(head)):
                name = names.person(run)
                if name is not None and _agrees(name, gender, names) and not _modifies_role(head, run):
                    return name
        if dot < 0:
            break
        end, hi = start, dot
    return None


def _next_attributed_in_paragraph(spans: list[_Span], own: list[_Found | None]) -> list[int]:
    """For each span, the index of the next span in its paragraph with its own attribution, or -1."""
    out = [-1] * len(spans)
    nearest = -1
    for i in range(len(spans) - 1, -1, -1):
        out[i] = nearest if nearest >= 0 and spans[nearest].para_start == spans[i].para_start else -1
        if own[i] is not None:
            nearest = i
    return out


def _unattributed_speaker(
    body: str,
    paragraphs: _Paragraphs,
    spans: list[_Span],
    i: int,
    names: _Names,
    last: _LastSpeaker,
) -> str | None:
    """A quote alone in its paragraph continues the last speaker; otherwise its sentence's subject."""
    span = spans[i]
    para_start, para_end = span.para_start, span.para_end
    alone = _blank(body, para_start, span.open_mark) and _only(body, span.end, para_end, _STRIP + " ")
    if alone and i > 0 and _blank(body, spans[i - 1].para_end, para_start):  # this or the last paragraph
        return last.name
    if alone:
        previous = paragraphs.previous(para_start)
        if previous is not None:
            found = _paragraph_subject(body, previous[0], previous[1], names)
            if found is not None:
                return found
    start = _sentence_start(body, max(para_start, span.open_mark - 400), span.open_mark)
    gender = _opening_pronoun(body, start)  # "He offered “my thoughts and prayers.”"
    if gender is not None:
        return _pronoun_speaker(body, paragraphs, span, names, last, gender)
    return _sentence_subject(body, span, names, start)


def _paragraph_subject(body: str, lo: int, end: int, names: _Names) -> str | None:
    """The person opening the last sentence of the paragraph body[lo:end], which introduces the quote
    alone in the paragraph after it: "In a video Thursday, Trump speculated that …" then "“…”". A
    heading ("Future of Content Collaboration") is no sentence, and a word alone must be a surname
    the article gives in full ("Carrot nose, top-hat, scarf." names nobody)."""
    if body[end - 1] not in ".!?":
        return None
    start, _dot = _sentence_bounds(body, lo, end)
    if _has_mark(body[start:end]):
        return None
    head = body[start : min(end, start + _HEAD_REACH)]
    words = _split_words(head)
    for run in _name_runs(words):
        name = names.person(run)
        if name is not None and not _modifies_role(head, run) and _before_lowercase(head, run):
            return name  # a full name in subject place: a verb follows it
    lone = _lone_subject(words)
    return names.person(lone) if lone is not None else None


def _before_lowercase(text: str, run: str) -> bool:
    """Whether a lowercase word follows the name `run` in `text` ("Ivo Marsh spoke …")."""
    k = text.find(run)
    after = text[k + len(run) : k + len(run) + 2] if k >= 0 else ""
    return len(after) == 2 and after[0] == " " and after[1].islower()


def _blank(body: str, lo: int, hi: int) -> bool:
    """`not body[lo:hi].strip()`, read in place: the first character usually tells."""
    return all(_is_space_at(body, i) for i in range(lo, hi))


def _only(body: str, lo: int, hi: int, chars: str) -> bool:
    """`not body[lo:hi].strip(chars)`, read in place: the first characters usually tell."""
    return all(body[i] in chars for i in range(lo, hi))


def _opening_pronoun(body: str, i: int) -> str | None:
    """ "m" or "f" when "He " or "She " starts at `i`, else None (by code point: compiled, no strings
    are made)."""
    n = len(body)
    if i + 3 <= n and ord(body[i]) == 72 and ord(body[i + 1]) == 101 and ord(body[i + 2]) == 32:
        return "m"
    if i + 4 <= n and ord(body[i]) == 83 and ord(body[i + 1]) == 104:
        return "f" if ord(body[i + 2]) == 101 and ord(body[i + 3]) == 32 else None
    return None


def _sentence_subject(body: str, span: _Span, names: _Names, start: int) -> str | None:
    """The name opening the quote's own sentence (which starts at `start`): "McConnell delivered a
    message: “…”" -> McConnell."""
    if _has_mark(body[start : span.open_mark]):
        return _subject_around_marks(body, span, names, start)
    hi = min(span.open_mark, start + _SUBJECT_REACH)
    if not body[start:hi].strip():
        return None
    words = _split_words(body[start:hi])
    for run in _name_runs(words):
        if _modifies_role(body[start:hi], run):
            continue  # "Yahoo News anchor Katie Couric": the role's name is the subject
        name = names.person(run)
        if name is None:
            lone = _lone_subject(words)
            name = names.resolve(lone) if lone is not None else None
        return name
    return None


def _subject_around_marks(body: str, span: _Span, names: _Names, start: int) -> str | None:
    """The subject of a sentence quoting more than once: of the clause after the last quote ("…,"
    Santilli expressed a desire to “…”), else the name opening the sentence before its first quote
    ("Clinton supports “…,” opposes “…”")."""
    last = start
    for mark in _MARKS:
        last = max(last, body.rfind(mark, start, span.open_mark) + 1)
    clause = _split_words(body[last : span.open_mark])
    lone = _lone_subject([w for w in clause if w[0].isalnum()])
    if lone is not None:
        return names.resolve(lone)
    first = span.open_mark
    for mark in _MARKS:
        p = body.find(mark, start, first)
        if p >= 0:
            first = p
    words = _split_words(body[start : min(first, start + _SUBJECT_REACH)])
    runs = _name_runs(words)
    if runs and body.startswith(runs[0], start):  # the name opens the sentence
        name = names.person(runs[0])
        if name is not None:
            return name
    lone = _lone_subject(words)
    return names.resolve(lone) if lone is not None else None


def _lone_subject(words: list[str]) -> str | None:
    """A one-word name in subject place, before a lowercase verb: "Santilli expressed …", "In his
    interview, McCaul criticized …" (a full name is found as such; this is for a surname alone)."""
    for i in range(min(len(words) - 1, 8)):
        w = words[i]
        if not ((i == 0 or words[i - 1][-1] == ",") and words[i + 1][0].islower()):
            continue
        if _is_name_word(w) and w[-1].isalnum() and not w.endswith("ing") and w.lower() not in _NOT_LONE:
            name = _clean_name(w)
            if name is not None:
                return name
    return None


# Capitalised words that open sentences but never name a speaker.
_NOT_LONE: Final = frozenset(
    "any each both such other another only many few several most much more less every either neither".split()
)


# ------------------------------------------------------------------ German, French and Spanish
#
# Attribution in German, French and Spanish is read on the tokens beside the quote, with each
# language's speech verbs, pronouns, determiners and word order: after the closing mark the verb
# comes first (German verb-second `„…“, sagte Merkel`, `„…“, so Scholz`; French and Spanish
# inversion `« … », a déclaré le ministre`, `« … », explique-t-il`, `«…», dijo el presidente`,
# Spanish without a subject `«…», explicó.`); before the opening mark the subject stands before its
# verb (`Merkel sagte: „…“`, `Le ministre a déclaré : « … »`) or after it (`Am Montag sagte Trump:`),
# or a preposition names the source (`Selon X, « … »`, `Según X, «…»`, `Laut X „…“`). German nouns
# are all capitalised, so a capitalised run is a name only where a speaker stands; a determiner
# opens a role ("der Minister", "le ministre", "el presidente"), whose name is taken when the
# article writes it after the role ("der Chef Matthias Müller").


class _Rules:
    """One language's words for attribution."""

    __slots__ = (
        "adverbs",
        "aux",
        "determiners",
        "null_subject",
        "posts",
        "preps",
        "pronouns",
        "roles",
        "stems",
        "stops",
        "verbs",
    )

    def __init__(
        self,
        verbs: str,
        preps: str,
        posts: str,
        pronouns: dict[str, str],
        determiners: str,
        stops: str,
        roles: str,
        stems: str,
        aux: str,
        adverbs: str,
        null_subject: bool,
    ) -> None:
        self.verbs: frozenset[str] = frozenset(verbs.split())
        self.preps: frozenset[str] = frozenset(preps.split())  # "selon X": the source follows
        self.posts: frozenset[str] = frozenset(posts.split())  # "X zufolge": the source precedes
        self.pronouns: dict[str, str] = pronouns  # pronoun -> "m", "f" or "" (either, or several)
        self.determiners: frozenset[str] = frozenset(determiners.split())
        self.stops: frozenset[str] = frozenset(stops.split())  # words that end a subject phrase
        self.roles: frozenset[str] = frozenset(roles.split())  # roles and titles before a name
        self.stems: tuple[str, ...] = tuple(stems.split())  # role word endings ("Bundeskanzlerin")
        self.aux: frozenset[str] = frozenset(aux.split())  # "a déclaré", "ha dicho", "hat gesagt"
        self.adverbs: frozenset[str] = frozenset(adverbs.split())
        self.null_subject = null_subject  # Spanish drops the subject: `«…», explicó.`


_GERMAN: Final = _Rules(
    verbs="""sagte sagt sagten sagen gesagt sage erklärte erklärt erklärten betonte betont betonten
    meinte meint meinten ergänzte ergänzt fügte schrieb schreibt warnte warnt forderte fordert
    kritisierte kritisiert erzählte erzählt berichtete berichtet antwortete antwortet erläuterte
    erläutert bekräftigte bekräftigt unterstrich unterstreicht versicherte versichert fragte fragt
    sprach twitterte kommentierte kommentiert bestätigte bestätigt teilte stellte räumte mahnte mahnt
    resümierte resümiert bilanzierte zitiert zitierte versprach verspricht beklagte beklagt klagte
    klagt lobte lobt rief ruft verriet verrät schilderte schildert begründete begründet argumentierte
    argumentiert entgegnete entgegnet kündigte kündigt appellierte""",
    preps="so laut",
    posts="zufolge",
    pronouns={"er": "m", "sie": "f"},
    determiners="der die das ein eine des dem den ihre ihr seine sein",
    stops="""am im in bei auf gegenüber vor nach zu zum zur mit für über und von vom aus dem den der
    des laut dass als wie noch auch weiter zudem seinem seiner ihrem ihrer einem einer""",
    roles="""dr prof herr frau chef chefin präsident präsidentin kanzler kanzlerin minister ministerin
    sprecher sprecherin bürgermeister bürgermeisterin trainer trainerin""",
    stems="""mitglied kanzler kanzlerin minister ministerin präsident präsidentin sprecher sprecherin chef chefin
    vorsitzende vorsitzender direktor direktorin leiter leiterin meister meisterin trainer trainerin
    experte expertin sekretär sekretärin abgeordnete abgeordneter professor professorin anwalt
    anwältin führer führerin ökonom ökonomin analyst analystin forscher forscherin gründer gründerin
    beauftragte beauftragter botschafter botschafterin bischof kardinal könig königin manager managerin
    autor autorin rechtler rechtlerin politiker politikerin
    direktor sprecher""",
    aux="hat habe hatte hätte",
    adverbs="weiter zudem auch noch dann später außerdem",
    null_subject=False,
)
_FRENCH: Final = _Rules(
    verbs="""dit dire déclare déclaré affirme affirmé explique expliqué ajoute ajouté souligne souligné
    estime estimé précise précisé indique indiqué assure assuré raconte raconté confie confié poursuit
    poursuivi martèle martelé lance lancé répond répondu insiste insisté rappelle rappelé note noté
    observe observé écrit commente commenté reconnaît reconnu admet admis dénonce dénoncé regrette
    regretté prévient prévenu avertit averti conclut conclu annonce annoncé résume résumé détaille
    détaillé lâche lâché tranche tranché juge jugé développe développé exclamé déplore déploré
    témoigne témoigné tweeté disait déclarait expliquait affirmait soulignait estimait ajoutait
    racontait confiait interroge interrogé plaide plaidé s'exclame""",
    preps="selon d'après d’après",
    posts="",
    pronouns={"il": "m", "elle": "f"},
    determiners="le la les un une son sa ses leur",
    stops="à au aux dans lors devant en sur pour auprès chez avec depuis qui et de du des d'un d'une",
    roles="""m mme mlle dr pr ministre président présidente porte-parole directeur directrice secrétaire
    maire député députée sénateur sénatrice avocat avocate chef patron patronne professeur général""",
    stems="",
    aux="a avait aurait ont",
    adverbs="encore aussi ensuite enfin également",
    null_subject=False,
)
_SPANISH: Final = _Rules(
    verbs="""dijo dice decía dicho afirmó afirma afirmaba explicó explica explicaba señaló señala
    aseguró asegura añadió añade agregó agrega indicó indica comentó comenta declaró declara destacó
    destaca subrayó subraya insistió insiste advirtió advierte sostuvo sostiene apuntó apunta
    manifestó manifiesta expresó expresa recordó recuerda reconoció reconoce concluyó respondió
    responde escribió escribe preguntó pregunta opinó opina relató relata contó cuenta precisó precisa
    aseveró enfatizó remarcó puntualizó criticó denunció lamentó admitió""",
    preps="según",
    posts="",
    pronouns={"él": "m", "ella": "f"},
    determiners="el la los las un una su sus",
    stops="a al en ante durante desde con para por sobre tras y que de del",
    roles="""sr sra dr dra don doña presidente presidenta ministro ministra portavoz director directora
    secretario secretaria alcalde alcaldesa diputado diputada senador senadora abogado abogada jefe
    jefa líder gobernador gobernadora vocero vocera fiscal juez jueza""",
    stems="",
    aux="ha había habría han",
    adverbs="además luego después también finalmente",
    null_subject=True,
)
_RULES: Final = {"de": _GERMAN, "fr": _FRENCH, "es": _SPANISH}
_NAME_PARTICLES: Final = frozenset("von van de du del della di da dos la le zu ten ter".split())
_OTHER_FIRST_NAMES: Final = frozenset(
    """
    thomas michael andreas stefan christian markus frank peter klaus jürgen wolfgang hans uwe olaf
    friedrich karl heinz dieter günter horst werner helmut gerhard ursula angela annalena sabine
    petra monika susanne claudia katrin julia jean pierre françois emmanuel marine nicolas philippe
    jacques michel alain bruno gérald élisabeth marie sophie catherine isabelle nathalie sylvie pedro
    josé antonio manuel carlos javier luis miguel juan francisco pablo isabel carmen ana lucía elena
    gabriel alberto fernando jorge ricardo sergio andrés alejandro cristina beatriz pilar rosa
    oliver tobias florian sebastian lukas felix max moritz jonas niklas jan matthias ralf rolf bernd
    dirk jens sven lars kai ulrich volker axel naomi nadja kathrin karin birgit heike anja silke
    stefanie nina lena lea hanna herbert
    """.split()
)
_FIRST_NAMES: Final = _OTHER_FIRST_NAMES | _FEMALE_NAMES | _MALE_NAMES
_FEMALE_OTHER: Final = frozenset(
    "ursula angela annalena sabine petra monika susanne claudia katrin julia marine élisabeth marie "
    "sophie catherine isabelle nathalie sylvie isabel carmen ana lucía elena cristina beatriz pilar rosa".split()
)


def _attribute_other(
    body: str, paragraphs: _Paragraphs, spans: list[_Span], names: _Names, rules: _Rules
) -> list[Quote]:
    """`_attribute` with a language's own rules: each span's attribution, else that of a quote
    beside it in its paragraph, else, alone in its paragraph, the last speaker's."""
    own: list[_Found | None] = []
    for span in spans:
        own.append(None if _in_markup(body, span) else _other_attribution(body, span, rules))
    next_own = _next_attributed_in_paragraph(spans, own)
    quotes: list[Quote] = []
    last = _LastSpeaker()
    attributed_para = -1
    for i, span in enumerate(spans):
        found = own[i]
        if found is None and _is_not_speech(body, span):
            continue
        speaker: str | None = None
        if found is not None:
            speaker = _other_speaker(body, found, span, names, last, rules)
            attributed_para = span.para_start
        elif attributed_para == span.para_start:  # „…“, sagte Merkel. „…“
            speaker = _continued(body, spans, i, names, last)
            if speaker is not None and speaker != last.name:
                speaker = _without_roles(speaker, rules)  # "Fraktionschef Jan Korte: „…“"
        elif next_own[i] >= 0:
            j = next_own[i]
            speaker = _other_speaker(body, own[j], spans[j], names, last, rules)  # type: ignore[arg-type]
        elif i > 0 and _alone(body, span) and _blank(body, spans[i - 1].para_end, span.para_start):
            speaker = last.name
        if speaker is not None and not is_valid_speaker(speaker):
            speaker = None
        if speaker is not None:
            last.then(speaker, span.end)
        quotes.append(_quote(body[span.start : span.end], speaker, span.start, span.end))
    return quotes


def _alone(body: str, span: _Span) -> bool:
    """Whether the quote is all of its paragraph."""
    return _blank(body, span.para_start, span.open_mark) and _only(
        body, span.end, span.para_end, _STRIP + " "
    )


def _other_speaker(
    body: str, found: _Found, span: _Span, names: _Names, last: _LastSpeaker, rules: _Rules
) -> str | None:
    kind, text = found
    if kind == "name" or kind == "label":
        resolved = _without_roles(names.resolve(text), rules)
        if kind == "label" and " " not in resolved:
            return None  # "Fazit:", "Rede:": a label is a speaker when the article names them in full
        return resolved if is_valid_speaker(resolved) else text
    if kind == "nom":
        return _german_role_end(text) if rules is _GERMAN else text
    return _other_pronoun(body, span, names, last, text)


def _german_role_end(role: str) -> str:
    """A German role ends at its noun, which is capitalised: "die 43-Jährige darunter" -> "die
    43-Jährige" (an adverb after it belongs to the clause)."""
    words = role.split()
    while len(words) > 2 and words[-1][:1].islower():
        words.pop()
    return " ".join(words)


def _without_roles(name: str, rules: _Rules) -> str:
    """A name without the roles and titles before it ("Trainer Tobias Torgersen", "Knesset-Präsident
    Mickey Levy"); in German, a capitalised noun before a known first name ("Uhr Herbert Diess")."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and (
        _is_role(words[k], rules) or words[k] in _NAME_PARTICLES or words[k].lower() in rules.determiners
    ):
        k += 1
    if rules is _GERMAN and len(words) - k > 2 and words[k].lower() not in _FIRST_NAMES:
        k = _german_name_start(words, k)
    return " ".join(words[k:]) if k else name


def _german_name_start(words: list[str], k: int) -> int:
    """Where the name starts in a German run of three words or more that does not open with a first
    name: at a known first name ("Uhr Herbert Diess"), else at its last two words, the run's front
    being a noun ("Bundesrat Ignazio Cassis", "Backstube von Karsten Berning"), unless an initial,
    a particle or a suffix belongs to the name ("Eva M. Welskop-Deffaa", "Chris Eubank Jr")."""
    for f in range(k + 1, len(words) - 1):
        if words[f].lower() in _FIRST_NAMES:
            return f
    n = len(words)
    second = words[n - 2]
    if (
        words[n - 3].endswith(".")
        or second.endswith(".")
        or second in _NAME_PARTICLES
        or second in ("der", "den")
    ):
        return k  # "Eva M. Welskop-Deffaa", "Ursula von der Leyen"
    if words[n - 1] in _SUFFIXES or words[n - 1].rstrip(".") in _SUFFIXES:
        return k
    return n - 2


def _other_pronoun(body: str, span: _Span, names: _Names, last: _LastSpeaker, gender: str) -> str | None:
    """Who "er", "elle", "ella" (or a Spanish verb without a subject) is: the latest speaker of
    that gender, else the latest person named before the quote by a known first name."""
    for name in last.recent():
        if _other_agrees(name, gender, names):
            return name
    words = _split_words(body[max(0, span.open_mark - _MENTION_REACH) : span.open_mark])
    runs = _name_runs(words)
    for k in range(len(runs) - 1, -1, -1):
        run = runs[k].split()
        if len(run) >= 2 and run[0].lower() in _FIRST_NAMES:
            name = " ".join(run[-3:])
            if _other_agrees(name, gender, names):
                return name
    return None


def _other_agrees(name: str, gender: str, names: _Names) -> bool:
    if not names.may_be_person(name):
        return False
    if not gender:
        return True
    first = name.split()[0].lower()
    if first in _FEMALE_OTHER:
        return gender == "f"
    known = names.gender(name)
    return known is None or known == gender


def _other_attribution(body: str, span: _Span, rules: _Rules) -> _Found | None:
    """The attribution after the closing mark, else before the opening mark in its sentence."""
    if span.label is not None:
        return ("label", span.label.title())
    if span.close_mark >= 0 and span.close_mark + 1 < span.para_end:
        found = _other_after(body, span, rules)
        if found is not None:
            return found
    return _other_before(body, span, rules)


def _other_after(body: str, span: _Span, rules: _Rules) -> _Found | None:
    """`„…“, sagte Merkel`, `« … », a déclaré le ministre`, `«…», explicó.`, `„…“, so Scholz`."""
    pos = span.close_mark + 1
    hi = _first_sentence_end(
        body, pos, _next_open_mark(body, pos, min(span.para_end, pos + _AFTER_REACH), _OPENINGS)
    )
    toks = _word_tokens(body[pos:hi].split())
    n = len(toks)
    i = 0
    while i < n and toks[i] in ",;—–―-":
        i += 1
    if i == 0 or i >= n:  # the attribution follows a comma or a dash
        return None
    verb = _other_verb_at(toks, i, rules)
    if verb >= 0:
        pronoun = _hyphen_pronoun(toks[verb], rules)
        if pronoun is not None:
            return ("pron", pronoun)
        if toks[verb].lower() in rules.aux:  # "a-t-il déclaré"
            return None
        found = _other_subject_after(toks, verb + 1, n, rules)
        if found is None and rules.null_subject and (verb + 1 >= n or not toks[verb + 1][0].isalpha()):
            return ("pron", "")
        return found
    for j in range(i + 1, min(n, i + 7)):  # „…“, der Minister sagte
        if toks[j] in _BREAK_TOKENS or toks[j] == ".":
            return None
        if toks[j].lower() in rules.verbs:
            return _other_subject_before(toks, i, j, rules)
    return None


def _other_verb_at(toks: list[str], i: int, rules: _Rules) -> int:
    """The index of the speech verb opening toks[i:] (past an auxiliary: "a déclaré"), else -1."""
    low = toks[i].lower()
    if _hyphen_pronoun(toks[i], rules) is not None:
        return i
    if low in rules.aux and i + 1 < len(toks):
        return i + 1 if toks[i + 1].lower() in rules.verbs else -1
    if low in rules.verbs or low in rules.preps:
        return i
    if rules.null_subject and low.endswith("ó") and len(low) > 3 and toks[i].islower():
        return i  # a Spanish preterite: "descaseteó", "matizó"
    return -1


def _hyphen_pronoun(tok: str, rules: _Rules) -> str | None:
    """The gender of the pronoun of a French inversion, "explique-t-il", "a-t-elle", else None."""
    if "-" not in tok or rules is not _FRENCH:
        return None
    parts = tok.lower().split("-")
    if len(parts) < 2 or not (parts[0] in rules.verbs or parts[0] in rules.aux or parts[0].endswith("e")):
        return None
    last = parts[-1]
    if last in rules.pronouns:
        return rules.pronouns[last]
    return "" if last in ("ils", "elles", "on") else None


def _other_subject_after(toks: list[str], k: int, n: int, rules: _Rules) -> _Found | None:
    """The subject after its verb: a pronoun, a role ("der Minister", with the name written after
    it), or a name without its titles ("Bundeskanzlerin Angela Merkel" -> "Angela Merkel")."""
    skipped = 0
    while k < n and skipped < 2 and (toks[k].lower() in rules.adverbs or toks[k].endswith("ment")):
        k += 1
        skipped += 1
    if k >= n:
        return None
    tok = toks[k]
    low = tok.lower()
    if low in rules.pronouns:
        return ("pron", rules.pronouns[low])
    end = k
    while (
        end < n
        and end - k < 12
        and not (toks[end] in _BREAK_TOKENS or (toks[end] == "." and not _dotted_title(toks, end - 1)))
    ):
        end += 1
    if low in rules.determiners or low.startswith("l'") or low.startswith("l’"):
        name = _role_name(toks, k + 1, end, rules) or _set_off_other(toks, k + 1, n, rules)
        if name is not None:
            return ("name", name)
        stop = k + 1
        while stop < end and stop - k < 5 and toks[stop].lower() not in rules.stops:
            stop += 1
            if rules is _GERMAN and _upper_at(toks[stop - 1], 0):
                break  # "der junge Polizist": the noun ends the phrase
        return ("nom", " ".join(toks[k:stop])) if stop > k + 1 or "'" in low or "’" in low else None
    if not _upper_at(tok, 0):
        return None
    e = _other_name_end(toks, k, end, rules)
    if e < end and not (_alpha_at(toks[e], 0) and not _upper_at(toks[e], 0)) and toks[e] not in ",;":
        return None  # "erklärt Zoo- und Tierparkdirektor …": not a name alone
    return _other_name(toks, k, e, rules)


def _role_name(toks: list[str], k: int, end: int, rules: _Rules) -> str | None:
    """The name written after a role: "der Chef Matthias Müller", "le ministre, Bruno Le Maire"."""
    for i in range(k, end):
        tok = toks[i]
        if tok in _BREAK_TOKENS and tok != ",":
            return None
        if _upper_at(tok, 0):
            e = _other_name_end(toks, i, end, rules)
            if e == end or toks[e].lower() in rules.stops or toks[e].islower():
                found = _other_name(toks, i, e, rules)
                if found is not None and found[0] == "name":
                    titled = i > k and _is_role(toks[i - 1].rstrip("."), rules)
                    if " " in found[1] or titled or _is_role(tok, rules):
                        return found[1]  # "la Pr Joly-Gomez", "der Trainer Tobias Torgersen"
            if not _is_role(tok, rules):
                return None
        elif tok.lower() in rules.stops:
            return None
    return None


def _set_off_other(toks: list[str], k: int, n: int, rules: _Rules) -> str | None:
    """The name set off after a role: "el titular de la DRELM, Luis Quintanilla."."""
    for i in range(k, min(n, k + 10)):
        tok = toks[i]
        if tok == ",":
            e = _other_name_end(toks, i + 1, n, rules)
            if e - i > 2 and (e == n or toks[e] in ".;"):
                found = _other_name(toks, i + 1, e, rules)
                return found[1] if found is not None and found[0] == "name" else None
            return None
        if tok in _BREAK_TOKENS or tok == ".":
            return None
    return None


def _dotted_title(toks: list[str], i: int) -> bool:
    """ "Dr.", "M.", "J." before a period: not the sentence's end."""
    if i < 0:
        return False
    tok = toks[i]
    return (len(tok) == 1 and _upper_at(tok, 0)) or tok.lower() in _DOTTED_TITLES


_DOTTED_TITLES: Final = frozenset(("dr", "prof", "mme", "sr", "sra", "dra"))


def _other_name_end(toks: list[str], i: int, hi: int, rules: _Rules) -> int:
    """The end of the name run at `i`: capitalised words, initials and titles with their periods,
    particles between name words ("Ursula von der Leyen")."""
    start = i
    while i < hi:
        tok = toks[i]
        if i + 1 < hi and toks[i + 1] == "." and _dotted_title(toks, i):
            i += 2
        elif (_upper_at(tok, 0) and _alpha_at(tok, len(tok) - 1) and tok.lower() not in rules.stops) or (
            i > start and _is_particle_at(toks, i) and _name_follows(toks, i + 1, hi)
        ):
            i += 1
        else:
            break
    return i


def _name_follows(toks: list[str], i: int, hi: int) -> bool:
    """A name word at `i`, or a second particle and then one ("von der Leyen")."""
    if i >= hi:
        return False
    if _upper_at(toks[i], 0):
        return True
    return i + 1 < hi and _is_particle_at(toks, i) and _upper_at(toks[i + 1], 0)


def _is_particle_at(toks: list[str], i: int) -> bool:
    """ "von", "de", "del" inside a name, and "der" or "den" after "von" ("Ursula von der Leyen")."""
    tok = toks[i]
    return tok in _NAME_PARTICLES or ((tok == "der" or tok == "den") and toks[i - 1] in ("von", "van"))


def _other_name(toks: list[str], s: int, e: int, rules: _Rules) -> _Found | None:
    """A name run without its leading titles and roles; a run of roles alone is a role."""
    words = [t for t in toks[s:e] if t != "."]
    if not words:
        return None
    k = 0
    while k < len(words) - 1 and (
        _is_role(words[k], rules) or words[k] in _NAME_PARTICLES or words[k].lower() in rules.determiners
    ):
        k += 1
    if words[0].lower() in rules.determiners:  # "Der Minister sagte", "El Presidente Gabriel Boric"
        k = 1
        while k < len(words) - 1 and _is_role(words[k], rules):
            k += 1
        if k > 1 and k < len(words):
            return ("name", " ".join(words[k:]))
        return ("nom", " ".join(words[:3]))
    if _is_role(words[k], rules):
        return ("nom", words[k])
    return ("name", " ".join(words[k:][-4:]))


def _is_role(word: str, rules: _Rules) -> bool:
    low = word.lower().rstrip(".")
    if low in rules.roles:
        return True
    if "-" in low:  # "Knesset-Präsident", "Bahn-Sprecherin"
        low = low[low.rfind("-") + 1 :]
        if low in rules.roles:
            return True
    return bool(rules.stems) and len(low) > 4 and low.endswith(rules.stems)


def _other_before(body: str, span: _Span, rules: _Rules) -> _Found | None:
    """The speaker named in the quote's sentence before its opening mark."""
    open_mark = span.open_mark
    lo = max(span.para_start, open_mark - _BEFORE_REACH)
    for mark in _MARKS:
        p = body.rfind(mark, lo, open_mark)
        if p >= 0:
            lo = p + 1
    words = body[lo:open_mark].split()
    if not words or words[-1][-1] in ".!?":
        return None
    words = words[_last_sentence_start(words) :]
    toks = _word_tokens(words)
    n = len(toks)
    v = n - 1
    while v >= 0:
        low = toks[v].lower()
        if (
            low in rules.verbs
            or low in rules.preps
            or low in rules.posts
            or _hyphen_pronoun(toks[v], rules) is not None
        ):
            break
        v -= 1
    if v < 0:
        return _label(toks)
    low = toks[v].lower()
    pronoun = _hyphen_pronoun(toks[v], rules)
    if pronoun is not None:
        return ("pron", pronoun)
    if low in rules.preps:  # "Selon le ministre, « … »"
        return _other_subject_after(toks, v + 1, n, rules)
    before = _other_subject_before(toks, 0, v, rules)
    if before is not None or low in rules.posts:
        return before
    return _other_subject_after(toks, v + 1, n, rules)  # "Am Montag sagte Trump: „…“"


def _label(toks: list[str]) -> _Found | None:
    """A speaker's label opening the sentence: "Jansen: „…“", "Ana Pérez: «…»"."""
    n = len(toks)
    if n < 2 or n > 4 or toks[-1] != ":":
        return None
    if not all(_upper_at(t, 0) and t.isalpha() for t in toks[:-1]):
        return None
    return ("label", " ".join(toks[:-1]))


def _other_subject_before(toks: list[str], lo: int, verb: int, rules: _Rules) -> _Found | None:
    """The subject right before its verb (past an auxiliary): a pronoun, a name, or a role with its
    determiner ("le ministre a déclaré", "El presidente dijo", "Der Sprecher sagte")."""
    a = verb
    while a > lo and verb - a < 2 and toks[a - 1].lower() in rules.aux:
        a -= 1
    if a <= lo:
        return None
    tok = toks[a - 1]
    low = tok.lower()
    if low in rules.pronouns:
        return ("pron", rules.pronouns[low])
    if _upper_at(tok, 0) and tok[-1].isalpha():
        s = a - 1
        while s > lo and (_is_name_token(toks[s - 1]) or toks[s - 1] in _NAME_PARTICLES):
            s -= 1
        if toks[s].lower() in rules.stops and toks[s].lower() not in rules.determiners:
            return None  # "Am Montag sagte …": the subject follows the verb
        if s > lo and toks[s - 1].lower() in rules.determiners:
            s -= 1
            return ("nom", " ".join(toks[s:a])) if _opens_clause(toks, lo, s, rules) else None
        return _other_name(toks, s, a, rules) if _opens_clause(toks, lo, s, rules) else None
    for d in range(a - 1, max(lo, a - 5) - 1, -1):
        t = toks[d].lower()
        if t in rules.determiners or t.startswith("l'") or t.startswith("l’"):
            return ("nom", " ".join(toks[d:a])) if _opens_clause(toks, lo, d, rules) else None
        if t in _BREAK_TOKENS or t in rules.stops:
            return None
    return None


def _is_name_token(tok: str) -> bool:
    return _upper_at(tok, 0) and _alpha_at(tok, len(tok) - 1)


def _opens_clause(toks: list[str], lo: int, s: int, rules: _Rules) -> bool:
    """Whether a subject starting at toks[s] opens its clause: the sentence's start, or after a
    comma or "und"/"et"/"y" (not "In der Vergangenheit sagte sie": a preposition's object)."""
    if s <= lo:
        return True
    before = toks[s - 1]
    return before in ",;:" or before.lower() in ("und", "aber", "et", "mais", "y", "pero")


# ----------------------------------------------------------------------------- speaker validity
#
# A speaker is a name, a role or an organisation. Whatever an attribution rule picked is checked
# once more: a function word of English, German, French or Spanish opening it ("Es", "Und",
# "Among", "Por"), a clause opener ("Example", "Afterwards Penny"), a verb inside it ("A lot of
# people would've"), or a place read off "The U.S. said" ("U. S.", "Nova Scotia") is no speaker,
# and the quote is better left without one. A determiner or quantifier opens a role ("the
# spokesman", "le ministre", "one fan") when words follow it and none is a verb.

_SPEAKER_FUNCTION_WORDS: Final = frozenset(
    """
    about above after again against also although among and as at because before but by could
    do does during even example for from had has have he her here hers him himself how however i
    if in instead into is it just me meanwhile might moreover must my nor not now of off on
    only or ours ourselves out over perhaps should since she so still than that then there
    therefore these they this those though through thus to too under unless until upon us was we
    were what whatever when where whether which while who whom whose why with within without
    would yet you your
    aber als also am an auch auf aus bei bis da dass dem den denn des dies diese dieser doch du laut
    zufolge según d'après
    durch einem einen einer er es für gegen hier ich ihr im ist ja jetzt kein man mit nach nicht
    noch nun nur ob oder ohne schon sein sich sie sind und uns unter vom von vor wann war warum was
    weil wenn wer wie wir wo zu zum zur über
    à au aux avec car ce cela ces cet cette chez comme dans donc elle elles en et il ils je leur
    lors mais ne ni nous on ou où par pas pour quand que qui sa sans se selon ses si son sur toi
    tous tout très tu vous y
    aunque como con cuando desde donde ella ellos entre era esa ese esta este esto ha hay le les lo
    me mi mientras muy nos o para pero por qué se si sin sobre su sus también tu ya yo
    """.split()
)
# Words that open a role or a group: "the spokesman", "one fan", "der Minister", "la ministre".
_ROLE_OPENERS: Final = frozenset(
    """
    the a an one another his her their its our some several many most both all few each every two three
    four any no der die das ein eine le la les un une l' el los las una
    """.split()
)
# Words that open clauses or sentences in news, never a speaker.
_CLAUSE_OPENERS: Final = frozenset(
    """
    afterwards afterward example instance additionally furthermore finally
    indeed later earlier today yesterday tonight tomorrow recently currently previously overall
    unfortunately fortunately ultimately initially similarly likewise nevertheless nonetheless
    otherwise besides regardless according despite following asked speaking writing thanks
    given please zugleich außerdem zudem dennoch trotzdem deshalb daher allerdings jedoch später heute gestern
    damals dabei danach inzwischen bereits ebenfalls cependant ensuite pourtant ainsi alors enfin
    además luego después hoy ayer entonces así
    """.split()
)
# Words of a sentence fragment, not of a name or a role: verbs and auxiliaries.
_FRAGMENT_WORDS: Final = frozenset(
    """
    is are was were be been being has have had would could should shall cannot can't won't
    wouldn't couldn't shouldn't isn't aren't wasn't don't doesn't didn't would've could've
    should've would’ve could’ve should’ve can’t won’t don’t doesn’t didn’t isn’t did does do
    not never nicht ist sind war waren hat haben wird werden est sont était étaient sera es fue está
    """.split()
)
# Places read off "The U.S. said": a country's or a state's name is not who spoke.
_PLACES: Final = frozenset(
    """
    us usa u.s u.s.a america uk u.k britain alabama alaska arizona arkansas california colorado
    connecticut delaware florida hawaii idaho illinois iowa kansas kentucky louisiana maine
    maryland massachusetts michigan minnesota mississippi missouri nebraska nevada ohio oklahoma
    oregon pennsylvania tennessee texas utah vermont wisconsin wyoming ontario quebec alberta
    manitoba saskatchewan yukon
    """.split()
) | {
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "nova scotia",
    "new brunswick",
    "british columbia",
    "united states",
    "united kingdom",
}
# Pronouns and relative words: a phrase holding one is a clause, not a role.
_NOT_IN_ROLES: Final = frozenset("it what which they we i you he she".split())
# Number words: in a capitalised run ("Heart Events Two Hearts", "Top Ten Tips") they mark a
# heading; no name holds one (a role phrase opened by "one" or "two" is told apart before).
_NUMBER_WORDS: Final = frozenset("two three four five six seven eight nine ten eleven twelve hundred".split())
_MONTHS: Final = frozenset(
    """january february march april may june july august september october november december
    januar februar märz juni juli oktober dezember janvier février mars avril mai juin juillet août
    septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto septiembre
    octubre noviembre diciembre""".split()
)
_NAME_OPENERS: Final = frozenset("de del della da di du des la le al van von ter ten dos bin ibn".split())


def _sane_speaker(speaker: str) -> str | None:
    """`speaker` if it is one (`is_valid_speaker`); else, when a sentence word opens a name ("Though
    Sanders", "Although Ann Lee"), the name; else None."""
    if is_valid_speaker(speaker):
        return speaker
    words = speaker.split()
    if len(words) < 2 or not all(_upper_at(w, 0) for w in words[1:]):
        return None
    first = words[0].lower()
    if first not in _SPEAKER_FUNCTION_WORDS and first not in _CLAUSE_OPENERS and not _is_participle(words[0]):
        return None
    rest = " ".join(words[1:])
    if speaker.isupper():
        return None  # "OF LIFE": a headline's words
    return rest if is_valid_speaker(rest) else None


def _is_participle(word: str) -> bool:
    """A speech verb's -ing or -ed form ("Speaking", "Stated"), not "Post" or "Press"."""
    return word in _VERB_FORMS and (word.endswith("ing") or word.endswith("ed") or word.endswith("ING"))


def is_valid_speaker(speaker: str) -> bool:
    """Whether `speaker` reads as a name, a role or an organisation (cached: speakers repeat)."""
    valid = _VALID_SPEAKERS.get(speaker)
    if valid is None:
        if len(_VALID_SPEAKERS) >= _CACHE_SIZE:
            _VALID_SPEAKERS.clear()
        valid = _VALID_SPEAKERS[speaker] = _is_valid_speaker(speaker)
    return valid


_VALID_SPEAKERS: Final[dict[str, bool]] = {}


def _is_valid_speaker(speaker: str) -> bool:
    words = speaker.split()
    if not words:
        return False
    bare = [w.strip(".,;:!?\"'“”«»()").lower() for w in words]
    head = bare[0].replace("’", "'")
    if "'" in head and head[: head.find("'")] in _CONTRACTED:
        return False  # "You'll", "We’re"
    if any(w in _FRAGMENT_WORDS for w in bare):
        return False  # "A lot of people would've"
    first = bare[0]
    if first in _ROLE_OPENERS or first.startswith("l'") or first.startswith("l’"):
        if any(w in _NOT_IN_ROLES for w in bare[1:]):
            return False  # "the enactment of what it": a clause, not a role
        if any(w in _MONTHS for w in bare[1:]):
            return False  # "his January 2021": a date, not a role ("the 2016 nominee" is one)
        return len(words) > 1 or (len(first) > 2 and first[1] in "'’")
    if len(words) > 1 and any(w in _NUMBER_WORDS for w in bare):
        return False  # "Heart Events Two Hearts": a heading's words, not a name
    if first in _NAME_OPENERS and len(words) > 1 and _upper_at(words[0], 0) and _upper_at(words[1], 0):
        return True  # "De Blasio", "Al Gore", "Van Der Beek"
    if first in _SPEAKER_FUNCTION_WORDS or first in _CLAUSE_OPENERS or not first:
        return False
    if len(words) > 1 and _is_participle(words[0]):
        return False  # "Speaking Monday", "Stated Stone": a verb opening a clause
    place = " ".join(bare).replace(". ", ".").rstrip(".")
    return place not in _PLACES and place.replace(" ", "") not in _PLACES


# ----------------------------------------------------------------------------------------- api


def find_quotes(body: str, language: str | None = None) -> list[Quote]:
    """Direct quotations in `body`, in body order, each with its speaker or None.

    `language` is the article's ISO 639-1 code (None: unknown). Speakers are named only in the
    languages whose attribution rules this module knows; elsewhere a speaker read with another
    language's rules would be a guess ("Es", "Und"), so quotations keep no speaker.
    """
    if not body or not isinstance(body, str):
        return []
    marks = _mark_positions(body)
    if not marks:
        return []
    paragraphs = _Paragraphs(body)
    spans = _spans(body, paragraphs, marks)
    if not spans:
        return []
    spans = _split_transcripts(body, spans)
    if language is not None and language not in ATTRIBUTED_LANGUAGES:
        return _unattributed(body, spans)
    rules = _RULES.get(language) if language is not None else None
    if rules is not None:
        return _attribute_other(body, paragraphs, spans, _Names(body), rules)
    return _attribute(body, paragraphs, spans, _Names(body))


def _unattributed(body: str, spans: list[_Span]) -> list[Quote]:
    """The spans that read as speech, none with a speaker."""
    return [
        _quote(body[span.start : span.end], None, span.start, span.end)
        for span in spans
        if not _in_markup(body, span) and not _is_not_speech(body, span)
    ]
