"""Direct quotations in a plain-text article body, and who said them.

A quotation is text in double quotation marks, straight ("…") or curly (“…”), inside one paragraph
(paragraphs are separated by a blank line). A quotation whose closing mark is missing runs to the end
of its paragraph. Quoted text of one or two words is a title or a scare quote ("The Crown") unless a
speech verb is attributed to it.

The speaker comes from the attribution beside the quote, tried in this order:

1. after the closing mark: `“…,” Waxman said`, `“…,” said Ben Waxman, the spokesman`,
   `“…,” he told reporters`, `“…,” the spokesman said`, `“…,” according to Waxman`, `“…” ― Waxman`;
2. before the opening mark, in the same sentence: `Waxman said: “…”`, `Krasner, he said, was “…”`,
   `He wrote, “…”`, or a previous paragraph ending `Waxman continued:`;
3. another attributed quote in the same paragraph (`“…,” Waxman said. “…”`), else, for a paragraph
   that is nothing but the quote, the speaker of a quote in the paragraph before.

After a verb the subject is the last name of its phrase (`said former Ohio Rep. Ann Lee of …` ->
"Ann Lee"); a name set off by commas before the verb wins (`Lee's aide, Bo Ford, said` -> "Bo Ford").
A nominal the article never ties to a name ("a neighbour", "the statement") is itself the speaker:
the phrase is more use than a guessed name.

Names are capitalised word sequences (initials, hyphens, O'Brien, particles such as "de" and "van");
titles such as "Sen." or "spokesman" are dropped. A surname alone resolves to the full name the
article used for it ("Waxman" -> "Ben Waxman"). "he" and "she" resolve to a full name opening a
sentence written since the last attributed quote ("Debra Steger, a negotiator, sees … “…,” she said"),
else to the latest speaker, else to the last full name mentioned, always of the right gender: "she"
never resolves to a man's first name or a "Mr.", "he" never to a woman's. A nominal whose role was
written beside a name ("his spokesman Ben Waxman") resolves to that name.
A quote with no attribution and no attributed neighbour takes the full name opening its own sentence
("Senate leader Mitch McConnell delivered a message: “…”"), else None.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..article import Quote

__all__ = ["find_quotes"]

# ---------------------------------------------------------------------------------------- words

_SPEECH_VERBS = [
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "ask",
    "asks",
    "asked",
    "asking",
    "explain",
    "explains",
    "explained",
    "explaining",
    "note",
    "notes",
    "noted",
    "noting",
    "state",
    "states",
    "stated",
    "stating",
    "write",
    "writes",
    "wrote",
    "writing",
    "argue",
    "argues",
    "argued",
    "arguing",
    "continue",
    "continues",
    "continued",
    "continuing",
    "reply",
    "replies",
    "replied",
    "replying",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "recall",
    "recalls",
    "recalled",
    "recalling",
    "warn",
    "warns",
    "warned",
    "warning",
    "declare",
    "declares",
    "declared",
    "declaring",
    "acknowledge",
    "acknowledges",
    "acknowledged",
    "acknowledging",
    "emphasize",
    "emphasizes",
    "emphasized",
    "emphasizing",
    "emphasise",
    "emphasises",
    "emphasised",
    "emphasising",
    "tweet",
    "tweets",
    "tweeted",
    "tweeting",
    "announce",
    "announces",
    "announced",
    "announcing",
    "respond",
    "responds",
    "responded",
    "responding",
    "remark",
    "remarks",
    "remarked",
    "admit",
    "admits",
    "admitted",
    "observe",
    "observes",
    "observed",
    "conclude",
    "concludes",
    "concluded",
    "quip",
    "quips",
    "quipped",
    "joke",
    "jokes",
    "joked",
    "claim",
    "claims",
    "claimed",
    "exclaim",
    "exclaims",
    "exclaimed",
    "shout",
    "shouts",
    "shouted",
    "yell",
    "yells",
    "yelled",
    "predict",
    "predicts",
    "predicted",
    "complain",
    "complains",
    "complained",
    "boast",
    "boasts",
    "boasted",
    "concede",
    "concedes",
    "conceded",
    "confirm",
    "confirms",
    "confirmed",
    "post",
    "posts",
    "posted",
    "testify",
    "testifies",
    "testified",
    "recount",
    "recounts",
    "recounted",
    "interject",
    "interjects",
    "interjected",
    "cautions",
    "cautioned",
    "urge",
    "urges",
    "urged",
    "suggest",
    "suggests",
    "suggested",
    "mused",
    "muses",
    "chimed",
    "begins",
    "began",
    "reads",
    "writes",
    "charge",
    "charges",
    "charged",
    "answer",
    "answers",
    "answered",
    "question",
    "questions",
    "questioned",
    "press",
    "presses",
    "pressed",
    "assure",
    "assures",
    "assured",
    "opine",
    "opines",
    "opined",
    "report",
    "reports",
    "reported",
    "wonder",
    "wonders",
    "wondered",
    "counter",
    "counters",
    "countered",
    "retort",
    "retorts",
    "retorted",
    "scoff",
    "scoffs",
    "scoffed",
    "snap",
    "snaps",
    "snapped",
    "stress",
    "stresses",
    "stressed",
    "vow",
    "vows",
    "vowed",
    "plead",
    "pleads",
    "pleaded",
    "promise",
    "promises",
    "promised",
    "agree",
    "agrees",
    "agreed",
    "lament",
    "laments",
    "lamented",
    "demand",
    "demands",
    "demanded",
    "assert",
    "asserts",
    "asserted",
    "contend",
    "contends",
    "contended",
    "maintain",
    "maintains",
    "maintained",
    "mock",
    "mocks",
    "mocked",
    "reason",
    "reasons",
    "reasoned",
    "protest",
    "protests",
    "protested",
    "chide",
    "chides",
    "chided",
    "deadpan",
    "deadpans",
    "deadpanned",
    "elaborate",
    "elaborates",
    "elaborated",
    "reiterate",
    "reiterates",
    "reiterated",
    "affirm",
    "affirms",
    "affirmed",
    "proclaim",
    "proclaims",
    "proclaimed",
    "blast",
    "blasts",
    "blasted",
    "slam",
    "slams",
    "slammed",
    "sneer",
    "sneers",
    "sneered",
    "whisper",
    "whispers",
    "whispered",
    "thunder",
    "thunders",
    "thundered",
    "quote",
    "quotes",
    "quoted",
    "caution",
    "mutter",
    "mutters",
    "muttered",
    "sigh",
    "sighs",
    "sighed",
]


def _trie_pattern(words: list[str]) -> str:
    """One regex alternative per first letter, nested: Python's re tries a flat alternation word by word."""
    if "" in words and len(words) == 1:
        return ""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(ch) + _trie_pattern(rest) for ch, rest in sorted(groups.items())]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in words else body


_VERB = r"(?i:" + _trie_pattern(sorted(set(_SPEECH_VERBS))) + r")(?![\w’'-])"
_VERB_RE = re.compile(r"(?<![\w’'-])" + _VERB + r"|\baccording to\b|\bpoints? out\b", re.IGNORECASE)
# Words that may stand between a speaker and the verb: "has said", "later told", "once said".
_AUX = (
    r"(?:(?:has|had|have|would|will|also|later|then|once|previously|recently|again|simply|[a-z]+ly)\s+){0,2}"
)

_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "sen",
        "senator",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "gov",
        "governor",
        "president",
        "pres",
        "vice",
        "mayor",
        "judge",
        "justice",
        "rev",
        "reverend",
        "father",
        "gen",
        "general",
        "col",
        "colonel",
        "lt",
        "capt",
        "captain",
        "sgt",
        "adm",
        "admiral",
        "secretary",
        "sec",
        "minister",
        "chancellor",
        "chairman",
        "chairwoman",
        "chair",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "former",
        "st",
        "hon",
        "sheriff",
        "chief",
        "attorney",
        "candidate",
        "nominee",
        "democratic",
        "republican",
        "gop",
        "prime",
        "deputy",
        "state",
        "sens",
        "reps",
        "speaker",
        "leader",
        "director",
        "commissioner",
        "ambassador",
        "officer",
        "agent",
        "detective",
        "host",
        "anchor",
        "correspondent",
        "analyst",
        "pastor",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "premier",
        "presidential",
        "campaign",
        "manager",
        "aide",
        "adviser",
        "advisor",
        "strategist",
        "coach",
        "u.s.",
        "us",
    ]
)
# Capitalised words that start sentences or name things other than speakers.
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "as",
        "at",
        "in",
        "on",
        "of",
        "for",
        "to",
        "from",
        "by",
        "with",
        "without",
        "after",
        "before",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "then",
        "what",
        "who",
        "why",
        "how",
        "where",
        "which",
        "mr",
        "mrs",
        "ms",
        "dr",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "yes",
        "not",
        "one",
        "some",
        "many",
        "most",
        "all",
        "every",
        "also",
        "still",
        "even",
        "just",
        "now",
        "today",
        "yesterday",
        "tomorrow",
        "last",
        "next",
        "meanwhile",
        "however",
        "instead",
    ]
)
_PARTICLES = r"(?:de|da|di|del|della|van|von|der|den|du|la|le|bin|al|ibn|dos|das|ter|st\.)"
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
# A capitalised name word (Ben, McConnell, O'Brien, Jean-Luc, NBC), not a possessive ("Krasner's").
_NAME_WORD = (
    rf"(?:[{_UP}](?:['’][{_UP}])?[{_LOW}]+(?:[{_UP}][{_LOW}]+)*(?:-[{_UP}]?[{_LOW}]+)*"
    rf"|[{_UP}]{{2,6}}(?![{_LOW}]))"
)
_INITIAL = rf"[{_UP}]\.(?:[{_UP}]\.)*"
_TITLE_WORD = r"(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Rev|Prof|Hon|Pres|St|Sec)\."
_NAME_TOKEN = rf"(?:{_TITLE_WORD}|{_NAME_WORD}|{_INITIAL})"
_SUFFIX = r"(?:,?\s+(?:Jr\.?|Sr\.?|II|III|IV)(?![\w]))?"
_NAME = (
    rf"(?:{_NAME_TOKEN}(?:\s+(?:{_PARTICLES}\s+){{0,2}}{_NAME_TOKEN}){{0,5}}{_SUFFIX})(?![\w’'])(?!['’]s\b)"
)
_NAME_RE = re.compile(_NAME)
_PRONOUN = r"(?:he|she|they|we|I|He|She|They|We)"
_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
# "the spokesman", "a Clinton aide", "the former governor of Texas": a determiner and 1–5 words.
_NOT_IN_NOMINAL = (
    r"(?!(?i:who|whom|that|which|but|and|or|when|if|as|because|while|where|by|to|with|for|in|on|at|from)\b)"
)
_NOMINAL = (
    rf"(?:(?i:the|a|an|another|one|his|her|their|its)\s+(?:{_NOT_IN_NOMINAL}[\w’'.-]+\s+){{0,4}}?"
    rf"{_NOT_IN_NOMINAL}[\w’'-]+)"
)
# An appositive or parenthesis between a name and its verb: "Griffin, an Obama backer, said".
_APPOSITIVE = r"(?:\s*\([^()\n]{1,60}\)|,\s[^,“”\"\n]{1,90},|\s+(?:of|from|at)\s+[^,.;“”\"\n]{1,60}?)?"
# Lower-case words that may stand before a name: "former Sen. Evan Bayh", "reporter Jackie Nespral".
_ROLE_WORDS = (
    r"(?:former|then-?|longtime|top|senior|chief|spokesman|spokeswoman|spokesperson|aide|adviser|advisor|"
    r"lawyer|attorney|manager|director|chairman|chairwoman|secretary|governor|mayor|senator|president|"
    r"ambassador|minister|strategist|founder|candidate|nominee|leader|sheriff|judge|professor|economist|"
    r"analyst|reporter|host|anchor|pollster|activist|author|writer|rival|co-founder|executive|officer|"
    r"campaign|press|deputy|communications|policy|political|presidential|GOP|Democratic|Republican)"
)
_SUBJECT = rf"(?:(?:(?:{_ROLE_WORDS}|[a-z][\w'’-]*|{_NAME_WORD}['’]s|{_NAME_TOKEN})\s+){{0,4}}?(?P<name>{_NAME})|(?P<pron>{_PRONOUN})|(?P<nom>{_NOMINAL}))"

_PRONOUN_GENDER = {"he": "m", "she": "f"}
_SPEAKERS_KEPT = 6
# Common English first names, for "she said" not to resolve to a man and "he said" not to a woman.
_FEMALE_NAMES = frozenset(
    [
        "mary",
        "patricia",
        "jennifer",
        "linda",
        "elizabeth",
        "barbara",
        "susan",
        "jessica",
        "sarah",
        "karen",
        "nancy",
        "lisa",
        "betty",
        "margaret",
        "sandra",
        "ashley",
        "kimberly",
        "emily",
        "donna",
        "michelle",
        "dorothy",
        "carol",
        "amanda",
        "melissa",
        "deborah",
        "stephanie",
        "rebecca",
        "sharon",
        "laura",
        "cynthia",
        "kathleen",
        "amy",
        "shirley",
        "angela",
        "helen",
        "anna",
        "brenda",
        "pamela",
        "nicole",
        "emma",
        "samantha",
        "katherine",
        "christine",
        "debra",
        "rachel",
        "carolyn",
        "janet",
        "catherine",
        "maria",
        "heather",
        "diane",
        "ruth",
        "julie",
        "olivia",
        "joyce",
        "virginia",
        "victoria",
        "kelly",
        "lauren",
        "christina",
        "joan",
        "evelyn",
        "judith",
        "megan",
        "andrea",
        "cheryl",
        "hannah",
        "jacqueline",
        "martha",
        "gloria",
        "teresa",
        "ann",
        "anne",
        "sara",
        "madison",
        "frances",
        "kathryn",
        "janice",
        "jean",
        "abigail",
        "alice",
        "judy",
        "sophia",
        "grace",
        "denise",
        "amber",
        "doris",
        "marilyn",
        "danielle",
        "beverly",
        "isabella",
        "theresa",
        "diana",
        "natalie",
        "brittany",
        "charlotte",
        "marie",
        "kayla",
        "alexis",
        "lori",
        "hillary",
        "hilary",
        "condoleezza",
        "nikki",
        "carly",
        "dianne",
        "tammy",
        "kirsten",
        "kamala",
        "debbie",
        "jill",
        "sheryl",
        "valerie",
        "loretta",
        "jane",
        "katie",
        "kate",
        "meghan",
        "megan",
        "megyn",
        "maxine",
        "marsha",
        "liz",
        "betsy",
        "kristen",
        "kristin",
        "jenna",
        "jeanne",
        "jeanine",
        "erin",
        "claire",
        "clare",
        "ellen",
        "eleanor",
        "susanna",
        "suzanne",
        "rosa",
        "rose",
        "lucy",
        "caroline",
        "molly",
        "holly",
        "wendy",
        "tina",
        "tracy",
        "stacey",
        "stacy",
        "monica",
        "veronica",
        "vanessa",
        "yolanda",
        "gina",
        "joanna",
        "leslie",
        "lynn",
        "sally",
        "penny",
        "peggy",
        "barbra",
        "michele",
        "michaela",
        "ruth",
        "ivana",
        "irene",
        "elaine",
        "eileen",
        "colleen",
        "katrina",
        "heidi",
        "hope",
    ]
)
_MALE_NAMES = frozenset(
    [
        "james",
        "john",
        "robert",
        "michael",
        "william",
        "david",
        "richard",
        "joseph",
        "thomas",
        "charles",
        "christopher",
        "daniel",
        "matthew",
        "anthony",
        "mark",
        "donald",
        "steven",
        "stephen",
        "paul",
        "andrew",
        "joshua",
        "kenneth",
        "kevin",
        "brian",
        "george",
        "timothy",
        "ronald",
        "edward",
        "jason",
        "jeffrey",
        "ryan",
        "jacob",
        "gary",
        "nicholas",
        "eric",
        "jonathan",
        "larry",
        "justin",
        "scott",
        "brandon",
        "benjamin",
        "samuel",
        "gregory",
        "alexander",
        "frank",
        "patrick",
        "raymond",
        "jack",
        "dennis",
        "jerry",
        "tyler",
        "aaron",
        "jose",
        "adam",
        "nathan",
        "henry",
        "douglas",
        "zachary",
        "peter",
        "kyle",
        "ethan",
        "walter",
        "noah",
        "jeremy",
        "keith",
        "roger",
        "gerald",
        "harold",
        "sean",
        "carl",
        "arthur",
        "lawrence",
        "dylan",
        "jesse",
        "bryan",
        "billy",
        "joe",
        "bruce",
        "gabriel",
        "albert",
        "willie",
        "alan",
        "juan",
        "wayne",
        "randy",
        "roy",
        "vincent",
        "ralph",
        "eugene",
        "russell",
        "bobby",
        "philip",
        "phillip",
        "louis",
        "bernie",
        "bernard",
        "ted",
        "mike",
        "mitch",
        "marco",
        "jeb",
        "rand",
        "ben",
        "newt",
        "rick",
        "bill",
        "barack",
        "jim",
        "bob",
        "dick",
        "tom",
        "tim",
        "tony",
        "jeff",
        "greg",
        "ken",
        "steve",
        "dan",
        "danny",
        "al",
        "fred",
        "howard",
        "harry",
        "martin",
        "glenn",
    ]
)

# ------------------------------------------------------------------------------------- patterns

_OPEN_MARKS = '"“„'
_ALL_MARKS = '"“”„'
_SUBJECT_REACH = 60  # a sentence's subject is among its first words
_MARKS_RE = re.compile(r"[\"“”„]")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n\s*")
# After the closing mark.
_AFTER_SUBJECT_VERB = re.compile(rf"[\s,;:—–-]*{_SUBJECT}{_APPOSITIVE}\s+{_AUX}(?P<verb>{_VERB}|points? out)")
_AFTER_VERB_SUBJECT = re.compile(rf"[\s,;:—–-]*(?:{_AUX})?(?P<verb>{_VERB})\s+{_SUBJECT}")
_AFTER_ACCORDING = re.compile(rf"[\s,;:—–-]*(?i:according)\s+(?P<to>to)\s+{_SUBJECT}")
_AFTER_DASH = re.compile(rf"\s*[―—–-]{{1,2}}\s*(?P<name>{_NAME})\s*(?:,|\.?\s*$)")
# A name set off by commas right before the verb: "Lee's campaign manager, Ann Ford, said".
_AFTER_SET_OFF_NAME = re.compile(
    rf"[\s,;:—–-]*[^,.“”\"\n]{{1,60}},\s+(?P<name>{_NAME}),\s+{_AUX}(?P<verb>{_VERB})"
)
# Before the opening mark: the subject right before the last speech verb, or right after it.
_BEFORE_SUBJECT = re.compile(rf"{_SUBJECT}{_APPOSITIVE}\s+{_AUX}$")
_BEFORE_VERB_SUBJECT = re.compile(rf"^\s*{_SUBJECT}")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“A-Z])")
_SENTENCE_OR_PARAGRAPH_END = re.compile(r"[.!?][\"”’)]?\s+|\n\s*\n\s*")
_VERB_TAIL_END = re.compile(r"^\s*[.,;:!?]|^\s*$")
# Where the noun phrase after "said" ends: "said former Rep. Ann Lee of Ohio, who …" -> "former Rep. Ann Lee".
_PHRASE_END_RE = re.compile(
    r"[,;:!?()\[\]\"“”—–]|\s-\s|(?<![A-Z])(?<!Mr|Ms|Dr|Jr|Sr|St)(?<!Mrs|Sen|Rep|Gov|Gen|Col|Sgt|Adm|Rev|Sec)\.(?:\s|$)"
    r"|\s(?:of|for|in|on|at|to|from|with|during|after|before|about|who|whose|which|that|when|while|as|and|but|"
    r"because|if|via|told|adding|noting|saying|last|this|earlier|later)\b|$"
)
_NOMINAL_END_RE = re.compile(r"[,;:!?()\[\]\"“”—–]|\.(?:\s|$)|\s(?:who|whose|which|that|in|on|at|during)\b|$")
_DETERMINER_RE = re.compile(r"\s*(?i:the|a|an|another|one|his|her|their|its|some|several|many)\s")
_PRONOUN_START_RE = re.compile(rf"\s*(?P<pron>{_PRONOUN})\b")
# A name set off after a nominal: "said a spokeswoman for the hotels, Ann Lee."
_NOMINAL_APPOSITIVE_RE = re.compile(rf"[^,.;“”\"\n]{{0,60}},\s+(?P<name>{_NAME})\s*(?:[.;]|$)")
_ROLE_BEFORE_NAME = re.compile(
    rf"\b(?P<role>spokesman|spokeswoman|spokesperson|aide|adviser|advisor|lawyer|attorney|manager|"
    rf"director|chairman|chairwoman|secretary|governor|mayor|senator|president|ambassador|minister|"
    rf"chief|strategist|founder|candidate|nominee|leader|sheriff|judge|professor|economist|analyst)"
    rf"\s+(?P<name>{_NAME})"
)
# A run of name words ending right before a surname: "Ben " before "Waxman".
_NAME_PREFIX_RE = re.compile(rf"(?<![\w’'-])(?:{_NAME_TOKEN}\s+(?:{_PARTICLES}\s+){{0,2}}){{1,3}}$")
_PREFIX_REACH = 60
_BEFORE_REACH = 80  # a subject and its appositive before the verb
_MENTION_REACH = 600
_RECENT_REACH = 1500
_ROLE_NOUNS = frozenset(("recorder", "boss", "leader", "clerk", "auditor", "treasurer", "comptroller"))
_WORDS_RE = re.compile(r"\w+")
_SHORT_QUOTE_WORDS = 2
_MAX_NAME_WORDS = 4
_MAX_VERBS_TRIED = 3  # "Nefzi said, adding, “…”": the subject may belong to an earlier verb
_TITLE_MAX_WORDS = 8
_TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "from",
        "by",
        "as",
        "vs",
        "s",
    ]
)


@dataclass(slots=True)
class _Span:
    """A quotation found in the body, before its speaker is known."""

    start: int
    end: int
    para: int  # index of its paragraph
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, -1 when the paragraph ends first


@dataclass(frozen=True, slots=True)
class _LastSpeaker:
    """The speaker of the latest attributed quote, where that quote ends, and earlier speakers."""

    name: str | None
    end: int
    earlier: tuple[str, ...] = ()

    def then(self, name: str, end: int) -> _LastSpeaker:
        """The record after a quote by `name` ending at `end`."""
        if self.name is None or self.name == name:
            return _LastSpeaker(name, end, self.earlier)
        kept = tuple(n for n in self.earlier if n != self.name and n != name)
        return _LastSpeaker(name, end, (self.name, *kept)[:_SPEAKERS_KEPT])

    def recent(self) -> tuple[str, ...]:
        """Speakers, the latest first."""
        return self.earlier if self.name is None else (self.name, *self.earlier)


class _Names:
    """What the article says about people, looked up lazily: most articles need little of it."""

    def __init__(self, body: str) -> None:
        self._body = body
        self._full: dict[str, str] = {}
        self._roles: dict[str, str] | None = None
        self._proper: dict[str, bool] = {}
        self._titled: dict[str, str | None] = {}

    def resolve(self, name: str) -> str:
        """A lone surname becomes the first full name the article gives it ("Waxman" -> "Ben Waxman")."""
        if " " in name or not name[:1].isupper():
            return name
        if name not in self._full:
            self._full[name] = self._first_full_name(name) or name
        return self._full[name]

    def _first_full_name(self, surname: str) -> str | None:
        body = self._body
        pos = body.find(surname)
        while pos >= 0:
            after = body[pos + len(surname) : pos + len(surname) + 1]
            if not (after.isalnum() or after in "'’-"):
                m = _NAME_PREFIX_RE.search(body, max(0, pos - _PREFIX_REACH), pos)
                full = _clean_name(m.group() + surname) if m is not None else None
                if full is not None and " " in full and full.endswith(surname):
                    return full
            pos = body.find(surname, pos + 1)
        return None

    def by_role(self, role: str) -> str | None:
        """The name written after a role word ("his spokesman Ben Waxman")."""
        if self._roles is None:
            self._roles = {}
            for m in _ROLE_BEFORE_NAME.finditer(self._body):
                name = _clean_name(m["name"])
                if name:
                    self._roles.setdefault(m["role"].lower(), name)
        return self._roles.get(role)

    def person(self, text: str) -> str | None:
        """`text` as a full name (two words or more, after resolving a surname), else None.

        Used where a capitalised word may just start a sentence ("Traffic will move ...").
        """
        name = _clean_name(text)
        if name is None:
            return None
        name = self.resolve(name)
        return name if " " in name else None

    def proper_subject(self, word: str) -> str | None:
        """A one-word sentence subject that the article also writes capitalised mid-sentence ("Leahy")."""
        name = _clean_name(word)
        if name is None or " " in name or len(name) < 3:
            return None
        if name not in self._proper:
            self._proper[name] = re.search(rf"[a-z,;]\s{re.escape(name)}\b", self._body) is not None
        return self.resolve(name) if self._proper[name] else None

    def last_mention_before(self, pos: int, agrees: Callable[[str], bool]) -> str | None:
        """The last full name in the text shortly before `pos` that `agrees`."""
        best = None
        for m in _NAME_RE.finditer(self._body, max(0, pos - _MENTION_REACH), pos):
            name = self.person(m.group())
            if name is not None and agrees(name):
                best = name
        return best

    def gender(self, name: str) -> str | None:
        """ "f" or "m" from the first name or a "Mrs."/"Mr." the article uses, else None."""
        first = name.split()[0].lower()
        if first in _FEMALE_NAMES:
            return "f"
        if first in _MALE_NAMES:
            return "m"
        surname = name.split()[-1]
        if surname not in self._titled:
            m = re.search(rf"\b(Mr|Mrs|Ms|Miss)\.?\s+{re.escape(surname)}\b", self._body)
            self._titled[surname] = None if m is None else ("m" if m[1] == "Mr" else "f")
        return self._titled[surname]


# ----------------------------------------------------------------------------------------- api


def find_quotes(body: str) -> list[Quote]:
    """Direct quotations in `body`, in body order, each with its speaker or None."""
    if not body or not isinstance(body, str):
        return []
    if not _MARKS_RE.search(body):
        return []
    paragraphs = _paragraphs(body)
    spans = [span for i, (s, e) in enumerate(paragraphs) for span in _spans_in(body, s, e, i)]
    if not spans:
        return []
    names = _Names(body)
    return _attribute(body, paragraphs, spans, names)


# ------------------------------------------------------------------------------------ finding


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines."""
    out = []
    start = 0
    for m in _BLANK_LINE_RE.finditer(body):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(body):
        out.append((start, len(body)))
    return out


def _spans_in(body: str, start: int, end: int, para: int) -> Iterator[_Span]:
    """Pair the quotation marks of one paragraph (a mark inside an open quote of the other kind is kept)."""
    open_at = -1
    open_char = ""
    for m in _MARKS_RE.finditer(body, start, end):
        pos, char = m.start(), m.group()
        if open_at < 0:
            if char in _OPEN_MARKS:
                open_at, open_char = pos, char
            continue
        if _closes(body, pos, end, char, open_char):
            span = _trimmed(body, open_at, pos, para, pos)
            if span is not None:
                yield span
            open_at = -1
        elif char == "“" and open_char == "“":
            open_at = pos  # two openings in a row: the first was stray
    if open_at >= 0:
        span = _trimmed(body, open_at, end, para, -1)
        if span is not None:
            yield span


def _closes(body: str, pos: int, end: int, char: str, open_char: str) -> bool:
    """Whether the mark at `pos` closes the quotation opened by `open_char`."""
    if char == "”":
        return True
    if char == '"':
        # Inside “…”, a straight mark is a quote within the quote while a curly closing mark follows.
        return open_char == '"' or (_looks_closing(body, pos, end) and body.find("”", pos, end) < 0)
    # “ used as a closing mark (“…“) by careless typing.
    return char == "“" and open_char == "“" and _looks_closing(body, pos, end)


def _looks_closing(body: str, pos: int, end: int) -> bool:
    """A mark after a non-space and before a space, punctuation or the paragraph's end closes."""
    before = body[pos - 1] if pos > 0 else " "
    after = body[pos + 1] if pos + 1 < end else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _trimmed(body: str, open_at: int, close_at: int, para: int, close_mark: int) -> _Span | None:
    start, end = open_at + 1, close_at
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if not _WORDS_RE.search(body, start, end):
        return None
    return _Span(start, end, para, open_at, close_mark)


# ---------------------------------------------------------------------------------------- names


def _clean_name(text: str) -> str | None:
    """A name without titles and sentence words ("But Sen. Ted Cruz" -> "Ted Cruz"), or None."""
    words = text.replace("\n", " ").split()
    while words and (_bare(words[0]) in _TITLES or _bare(words[0]) in _NOT_NAMES):
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
    if not words:
        return None
    return " ".join(words).rstrip(",")


_LEADING_ROLES = frozenset(
    [
        "district",
        "attorney",
        "prosecutor",
        "chief",
        "police",
        "fire",
        "commissioner",
        "secretary",
        "minister",
        "chancellor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "officer",
        "detective",
        "sheriff",
        "superintendent",
        "councilman",
        "councilwoman",
        "councillor",
        "councilor",
        "ambassador",
        "premier",
        "prime",
        "deputy",
        "assistant",
        "acting",
        "former",
        "state",
        "county",
        "city",
        "public",
        "defender",
        "head",
        "coach",
        "manager",
        "editor",
        "executive",
        "general",
        "attorney-general",
        "lawyer",
        "agent",
        "inspector",
        "trooper",
        "sergeant",
        "union",
        "leader",
    ]
)


def _bare(word: str) -> str:
    return word.strip(".,").lower()


# -------------------------------------------------------------------------------- attribution


def _attribute(
    body: str, paragraphs: list[tuple[int, int]], spans: list[_Span], names: _Names
) -> list[Quote]:
    """Give each span a speaker; drop short quotes without one (titles, scare quotes)."""
    own: list[tuple[str, str] | None] = [_own_attribution(body, paragraphs, span) for span in spans]
    next_own = _next_attributed_in_paragraph(spans, own)
    quotes: list[Quote] = []
    last = _LastSpeaker(None, 0)
    attributed_para = -1  # paragraph of the latest span with its own attribution
    for i, span in enumerate(spans):
        found = own[i]
        skip = _is_not_speech(body, span, found)
        if skip:
            speaker = None
        elif found is not None:
            speaker = _speaker(body, paragraphs, found, span, names, last)
        elif attributed_para == span.para:  # “…,” Waxman said. “…”
            speaker = last.name
        elif next_own[i] >= 0:  # “…” “…,” Waxman said.
            j = next_own[i]
            speaker = _speaker(body, paragraphs, own[j], spans[j], names, last)  # type: ignore[arg-type]
        else:
            speaker = _unattributed_speaker(body, paragraphs, spans, i, names, last)
        if found is not None:
            attributed_para = span.para
        if skip:
            continue
        if speaker is not None:
            last = last.then(speaker, span.end)
        quotes.append(Quote(body[span.start : span.end], speaker, span.start, span.end))
    return quotes


def _is_not_speech(body: str, span: _Span, found: tuple[str, str] | None) -> bool:
    """Markup attribute values, and titles or scare quotes that nobody is said to say."""
    if span.open_mark > 0 and body[span.open_mark - 1] == "=":
        return True  # <tweet datetime="2016-07-23">
    words = _WORDS_RE.findall(body, span.start, span.end)
    if found is None and len(words) <= _SHORT_QUOTE_WORDS:
        return True
    return found is None and len(words) <= _TITLE_MAX_WORDS and _is_title_case(words)


def _is_title_case(words: list[str]) -> bool:
    """ "Face the Nation", "The Late Show With Stephen Colbert": capitalised but for small words."""
    return words[0][:1].isupper() and all(w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words)


def _own_attribution(body: str, paragraphs: list[tuple[int, int]], span: _Span) -> tuple[str, str] | None:
    """("name"|"pron"|"nom", text) from the attribution beside the quote, or None."""
    para_start, para_end = paragraphs[span.para]
    if span.close_mark >= 0:
        found = _after(body, span, para_end)
        if found is not None:
            return found
    found = _before(body, span, para_start)
    if found is None and span.open_mark == para_start and span.para > 0:
        prev_start, prev_end = paragraphs[span.para - 1]
        if body[prev_start:prev_end].rstrip().endswith(":"):  # "Waxman continued:" then the quote
            found = _before_text(body[prev_start:prev_end].rstrip()[:-1] + " ")
    return found


def _after(body: str, span: _Span, para_end: int) -> tuple[str, str] | None:
    pos = span.close_mark + 1
    window = body[pos : min(para_end, pos + 200)]
    next_open = _first_open_mark(window)
    if next_open >= 0:
        window = window[:next_open]
    ends_sentence = body[span.end - 1 : span.end] == "."
    for pattern in (_AFTER_SET_OFF_NAME, _AFTER_SUBJECT_VERB, _AFTER_VERB_SUBJECT, _AFTER_ACCORDING):
        m = pattern.match(window)
        if m is None:
            continue
        # "…homework.” Waxman said." attributes; "…homework.” He said he would go" starts a new sentence.
        if ends_sentence and "verb" in m.groupdict() and not _VERB_TAIL_END.match(window[m.end() :]):
            continue
        if pattern is _AFTER_SET_OFF_NAME:
            if _clean_name(m["name"]) is None:
                continue  # "Ann Lee, the mayor, said": the subject comes first
            return ("name", m["name"])
        if pattern is _AFTER_SUBJECT_VERB:
            return _subject_of(m)
        lead = m.end("verb") if pattern is _AFTER_VERB_SUBJECT else m.end("to")
        return _subject_after_verb(window, lead) or _subject_of(m)
    m = _AFTER_DASH.match(window)
    if m is not None:
        return ("name", m["name"])
    return None


def _first_open_mark(text: str) -> int:
    positions = [p for p in (text.find("“"), text.find('"')) if p >= 0]
    return min(positions) if positions else -1


def _before(body: str, span: _Span, para_start: int) -> tuple[str, str] | None:
    lo = max(para_start, span.open_mark - 300)
    text = body[lo : span.open_mark]
    # Only the current sentence, and nothing before an earlier quotation's closing mark.
    cut = max(text.rfind("”"), text.rfind('"'))
    if cut >= 0:
        text = text[cut + 1 :]
    ends = list(_SENTENCE_END.finditer(text))
    if ends:
        text = text[ends[-1].end() :]
    return _before_text(text)


def _before_text(text: str) -> tuple[str, str] | None:
    """The speaker of the last speech verb in `text`: the subject before it, or the one after it."""
    verbs = list(_VERB_RE.finditer(text))
    for verb in reversed(verbs[-_MAX_VERBS_TRIED:]):
        m = _BEFORE_SUBJECT.search(text[max(0, verb.start() - _BEFORE_REACH) : verb.start()])
        if m is not None:
            found = _subject_of(m)
        elif _BEFORE_VERB_SUBJECT.match(text, verb.end()):
            found = _subject_after_verb(text, verb.end())
        else:
            found = None
        if found is not None:
            return found
    return None


def _subject_after_verb(text: str, pos: int) -> tuple[str, str] | None:
    """The subject written after its verb: the last name of the phrase ("said Ohio Rep. Ann Lee")."""
    m = _PRONOUN_START_RE.match(text, pos)
    if m is not None:
        return ("pron", m["pron"])
    end = _PHRASE_END_RE.search(text, pos).start()  # type: ignore[union-attr]  # matches at $
    phrase = text[pos:end]
    names = [m for m in _NAME_RE.finditer(phrase) if _clean_name(m.group())]
    if names and not phrase[names[-1].end() :].strip():  # "said the firm's lawyer Ann Lee"
        return ("name", names[-1].group())
    if _DETERMINER_RE.match(phrase):
        m = _NOMINAL_APPOSITIVE_RE.match(text, end)
        if m is not None:
            return ("name", m["name"])
        end = _NOMINAL_END_RE.search(text, pos).start()  # type: ignore[union-attr]  # matches at $
        return ("nom", text[pos:end].strip())
    return ("name", names[-1].group()) if names else None


def _subject_of(m: re.Match[str]) -> tuple[str, str] | None:
    groups = m.groupdict()
    for kind in ("name", "pron", "nom"):
        value = groups.get(kind)
        if value:
            if kind == "name" and _clean_name(value) is None:
                return ("pron", value) if value.lower() in _PRONOUNS else None
            return (kind, value)
    return None


def _speaker(
    body: str,
    paragraphs: list[tuple[int, int]],
    found: tuple[str, str],
    span: _Span,
    names: _Names,
    last: _LastSpeaker,
) -> str | None:
    kind, text = found
    if kind == "name":
        name = _clean_name(text)
        if name:
            return names.resolve(name)
    elif kind == "nom":
        role = text.split()[-1].lower()
        by_role = names.by_role(role)
        if by_role is not None:
            return by_role
        return " ".join(text.split())
    return _pronoun_speaker(body, paragraphs, span, names, last, _PRONOUN_GENDER.get(text.lower()))


def _pronoun_speaker(
    body: str,
    paragraphs: list[tuple[int, int]],
    span: _Span,
    names: _Names,
    last: _LastSpeaker,
    gender: str | None,
) -> str | None:
    """Who "he"/"she" is: a person opening a recent sentence, else a recent speaker, else a name
    mentioned shortly before; "she" never resolves to a man's name, "he" never to a woman's."""

    def agrees(name: str) -> bool:
        return gender is None or names.gender(name) in (None, gender)

    recent = _recent_subject(body, paragraphs, span, last.end, names, agrees)
    if recent is not None:
        return recent
    for name in last.recent():
        if agrees(name):
            return name
    return names.last_mention_before(span.open_mark, agrees)


def _recent_subject(
    body: str,
    paragraphs: list[tuple[int, int]],
    span: _Span,
    since: int,
    names: _Names,
    agrees: Callable[[str], bool],
) -> str | None:
    """The name opening the latest sentence between the last attributed quote and this quote's sentence.

    "Debra Steger, a negotiator, sees a trend. “…,” she said." -> "Debra Steger". The quote's own
    sentence is left out: in "Krasner, he said, was “…”" the pronoun is not Krasner.
    """
    para_start = paragraphs[span.para][0]
    lo = max(since, paragraphs[span.para - 1][0] if span.para > 0 else 0, span.open_mark - _RECENT_REACH)
    hi = _sentence_start(body, para_start, span.open_mark)
    if hi <= lo:
        return None
    text = body[lo:hi]
    starts = [0] + [m.end() for m in _SENTENCE_OR_PARAGRAPH_END.finditer(text)]
    for start in reversed(starts):
        head = text[start : start + 80]
        if head[:1] in _OPEN_MARKS or not head.strip():
            continue
        for m in _NAME_RE.finditer(head):
            name = names.person(m.group())
            if name is not None and agrees(name):
                return name
    return None


def _sentence_start(body: str, para_start: int, pos: int) -> int:
    """Where the sentence holding `pos` starts (within its paragraph)."""
    lo = max(para_start, pos - 400)
    ends = list(_SENTENCE_END.finditer(body, lo, pos))
    return ends[-1].end() if ends else lo


def _next_attributed_in_paragraph(spans: list[_Span], own: list[tuple[str, str] | None]) -> list[int]:
    """For each span, the index of the next span in its paragraph with its own attribution, or -1."""
    out = [-1] * len(spans)
    nearest = -1
    for i in range(len(spans) - 1, -1, -1):
        out[i] = nearest if nearest >= 0 and spans[nearest].para == spans[i].para else -1
        if own[i] is not None:
            nearest = i
    return out


def _unattributed_speaker(
    body: str,
    paragraphs: list[tuple[int, int]],
    spans: list[_Span],
    i: int,
    names: _Names,
    last: _LastSpeaker,
) -> str | None:
    """A quote alone in its paragraph continues the last speaker; otherwise its sentence's subject."""
    span = spans[i]
    para_start, para_end = paragraphs[span.para]
    alone = not _WORDS_RE.search(body, para_start, span.open_mark) and not _WORDS_RE.search(
        body, span.end, para_end
    )
    if alone and i > 0 and spans[i - 1].para >= span.para - 1:
        return last.name
    return _sentence_subject(body, paragraphs, span, names)


def _sentence_subject(body: str, paragraphs: list[tuple[int, int]], span: _Span, names: _Names) -> str | None:
    """The name opening the quote's own sentence: "McConnell delivered a message: “…”" -> McConnell."""
    start = _sentence_start(body, paragraphs[span.para][0], span.open_mark)
    head = body[start : min(span.open_mark, start + _SUBJECT_REACH)]
    if not head.strip() or any(mark in head for mark in _ALL_MARKS):
        return None
    m = _NAME_RE.search(head)
    return names.person(m.group()) if m is not None else None
