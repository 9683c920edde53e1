"""Queries and command lines meant to break the query language: each must end in results, no
results, or a `QueryError` (exit status 0, 1 or 2), never a traceback, a hang or a minute's work.

Shared by `tests/test_hostile_queries.py` (the fixture index) and any script that times them on a
real index. Importing this module only builds lists of strings.
"""

from __future__ import annotations

# Every field of the schema, the query aliases, the internal ones and names the schema lacks.
FIELD_NAMES = (
    "title", "body", "quote", "quotes", "speaker", "speakers", "said", "byline", "author", "by",
    "source", "publisher", "site", "date", "url", "id", "file", "fingerprint", "path", "source_name",
    "byline_names", "speaker_names", "sketch", "dup_group", "date_iso", "spell_title", "spell_body",
    "nosuch", "TITLE", "_", "a_b",
)  # fmt: skip

_OPERATORS = [
    "AND", "OR", "NOT", "AND AND", "OR OR", "NOT NOT", "NOT NOT NOT", "NOT NOT NOT NOT oil",
    "AND oil", "oil AND", "OR oil", "oil OR", "oil AND OR NOT", "oil NOT", "NOT oil", "-oil",
    "--oil", "-", "+", "+-", "-+oil", "+oil", "++oil", "-oil -gas", "- - -", "oil -", "oil +",
    "oil AND NOT gas", "NOT (oil)", "-(oil)", "-()", "+()", "()", "(((", ")))", "(oil", "oil)",
    ")oil(", "((oil) OR (gas)", "(oil AND (gas OR (wheat", "(" * 40 + "oil" + ")" * 40,
    "(" * 33 + "x" + ")" * 33, "(" * 5000, ")" * 5000, "and or not", "oil AND AND gas",
    "oil OR OR gas", "NOT -oil", "-NOT oil", "oil && gas", "oil || gas", "!oil", "~", "^", "*", "?",
    "**", "*:*", "*:* -oil", "-*", "NOT *", ">a", "<z", ">=", "<=", ">", "<", "=", "!", "|", "&",
    "\\", "\\\\", "/", "//", "/oil/", "'", "''", "'oil", "`oil`", "$oil", "%", "#", "@", ";", ",",
    ":", "::", ":oil", "oil:", "a:b:c", ":::::", "{}", "[]", "[", "]", "{oil}", "<oil>",
]  # fmt: skip

_QUOTES = [
    '"', '""', '"""', '"oil', 'oil"', '"oil prices', '"oil" "', '"""oil"""', '" "', '"-"', '"*"',
    '"oil prices"~0', '"oil prices"~1000000', '"oil prices"~99999999999999999999', '"oil prices"~-1',
    '"oil prices"^0', '"oil prices"^1e308', '"a b c d e f g h i j k l m n o p"', "“oil prices”",
    "„oil“", "«oil»", "“oil", '"oil prices" OR', '"NOT oil"', '"oil AND"', "'oil prices'",
    '"' + "oil " * 500 + '"', '"the the the"', '"" OR ""',
]  # fmt: skip

_RANGES = [
    "[a TO z]", "[* TO *]", "[z TO a]", "[a TO]", "[TO z]", "{a TO z}", "[a TO z}", "title:[a TO z]",
    "date:[2017 TO 2018]", "date:[2018 TO 2017]", "date:[x TO y]", "date:[ TO ]", "date:[*]",
    "date:[2017 TO]", "date:[TO 2017]", "date:[* TO 2017]", "date:[2017 TO *]", "date:99999",
    "date:[99999 TO 100000]", "date:0", "date:-1", "date:0000-00-00", "date:2017-13", "date:2017-02-30",
    "date:>2017", "date:<2017", "date:>=", "date:<", "date:>", "date:", "date:*", "date:?", "date:\"\"",
    "date:\"last week\"", "date:\"next millennium\"", "date:today", "date:yesterday",
    "date:1e308", "date:1970", "date:0001", "date:9999-12-31", "date:[0001 TO 9999]",
    "date:[", "date:]", "date:(2017 OR 2018)", "date:(", "date:'2017'", "date:2017..2018",
    "date:99999999999999999999999", "date:-99999", "NOT date:2017", "-date:2017",
]  # fmt: skip

_BOOSTS = [
    "oil^0", "title:oil^0", "oil^-1", "oil^1e308", "oil^nan", "oil^inf", "oil^", "^oil", "oil^^2",
    "oil^0.0", "oil^.5", "oil^99999999999999999999999999", "(oil gas)^0", "(oil)^1e308", "oil^2^3",
    "oil^2~1", "oil~1^2", "title:oil^0 body:oil^0", "oil^0 OR gas^0", "-oil^0",
]  # fmt: skip

_FUZZY = [f"prices~{n}" for n in (0, 1, 2, 3, 5, 9, 10, 99)] + [
    "the~3", "oil~9", "a~2", "oil~", "oil~-1", "oil~1.5", "~oil", "oil~~", "oil~~2", "oil~a",
    "prices~99999999999999999999", "title:prices~2", "speaker:holoway~2", "url:oil~2", "id:oil~2",
    "date:2017~2", "x~2", "ab~2", "abc~2", "council~2 harbor~2 zoo~2 garden~2", "-oil~2", "NOT oil~2",
    '"oil prices"~', "économie~2", "日本~2",
]  # fmt: skip

_WILDCARDS = [
    "*oil", "oil*", "o*l", "*o*", "?", "??", "???", "?oil", "oil?", "o?l", "oi*", "o*", "co*",
    "council*", "c*l", "co*l*", "co**********", "co?*?*?*?*", "*" * 100, "?" * 100, "co" + "*?" * 500,
    "title:co*", "body:*", "url:*", "url:*example*", "url:*example.com*", "id:*", "id:met*",
    "file:*", "speaker:ho*", "byline:*", "source:*", "date:20*", "quote:*", "-co*", "NOT co*",
    "co* OR ha* OR ga*", "fingerprint:*", "path:*", "sketch:*", "dup_group:*", "*:oil", "title:*:*",
]  # fmt: skip

_FIELDS = (
    [f"{name}:oil" for name in FIELD_NAMES]
    + [f"{name}:" for name in FIELD_NAMES]
    + [f"{name}:*" for name in FIELD_NAMES[:12]]
    + [f'{name}:"oil prices"' for name in FIELD_NAMES[:12]]
    + [
        "title:", "title:(", "title:()", "title:(oil", "title:title:oil", "title:(body:oil)",
        "title:-oil", "title:NOT oil", "title:(oil OR gas)^2", "url:http://x", "url:", "id:", "id:0",
        "speaker:", "speaker:-", "speaker:*a", "byline:a", "source:.", "quote:\"\"", "title:\"\"",
    ]
)  # fmt: skip

_UNICODE = [
    "\u202eoil", "שלום", "مرحبا بالعالم", "e\u0301conomie", "\u0301", "\u0301" * 50, "oil\u200bprices",
    "\u200b", "\u200d", "\ufeffoil", "\U0001f600", "oil \U0001f6e2\ufe0f prices", "\U0001f468\u200d\U0001f469",
    "\x00", "oil\x00prices", "\x00" * 100, "\ud800", "oil\udfffprices", "\x7f", "\x1b[31moil",
    "\t\n\r", "\u3000oil\u3000", "ＯＩＬ", "ǅ", "ß", "ſ", "İstanbul", "ﬁnance", "Ⅻ", "①", "²",
    "日本 経済", "中文*", "Ωμέγα~2", "ꙮ" * 10, "\u0000title:oil", "\u2028oil\u2029", "\U000e0001",
    "\udcff", "co\udcff*", "id:\udcffab*", "url:\udcff", "title:ab\udcff~1", '"oil \udcff prices"',
]  # fmt: skip


def _huge() -> list[str]:
    """Inputs sized to exhaust time or memory: many words, long words, many operators."""
    distinct = " ".join(f"w{n}x" for n in range(10_000))
    return [
        distinct,
        "a" * 100_000,
        "oil " * 20_000,
        "x" * 1_000_000,
        "NOT " * 5_000 + "oil",
        "-" * 10_000 + "oil",
        " OR ".join(f"w{n}" for n in range(3_000)),
        " AND ".join(["oil"] * 3_000),
        '"' * 10_001,
        "co* " * 2_000,
        "prices~2 " * 500,
        "a" * 300 + "~2",
        "a" * 300 + "*",
        "date:" + "9" * 10_000,
        "oil^" + "9" * 10_000,
        "x" * 64 + "~2 " + "y" * 64 + "~2",
        "(" * 1000 + "oil" + ")" * 1000,
        "title:" * 2_000 + "oil",
    ]


HOSTILE_QUERIES: list[str] = [
    "",
    " ",
    "\n",
    *_OPERATORS,
    *_QUOTES,
    *_RANGES,
    *_BOOSTS,
    *_FUZZY,
    *_WILDCARDS,
    *_FIELDS,
    *_UNICODE,
    *_huge(),
]

# Command-line options around an ordinary query, each list one command's arguments after its name.
HOSTILE_OPTIONS: list[list[str]] = [
    ["search", "oil", "--since", "junk"],
    ["search", "oil", "--since", "2017", "--until", "2015"],
    ["search", "oil", "--since", "99999"],
    ["search", "oil", "--until", "0000-00-00"],
    ["search", "oil", "--since", ""],
    ["search", "oil", "--since", "-1"],
    ["search", "oil", "--since", "last week"],
    ["search", "oil", "--until", "\x00"],
    ["search", "oil", "--sort", "date", "--facet", "year", "--facet", "month", "--collapse"],
    ["search", "oil", "--sort", "-date", "--facet", "speaker", "--facet", "byline", "--expand"],
    ["search", "council", "--sort", "newest", "--facet", "source", "--collapse", "--expand", "--any"],
    ["search", "council", "--page", "999999"],
    ["search", "council", "--offset", "99999999999"],
    ["search", "council", "--limit", "100000"],
    ["search", "council", "--source", ""],
    ["search", "council", "--source", "***"],
    ["search", "council", "--by", "-"],
    ["search", "council", "--speaker", "\U0001f600"],
    ["search", "council", "--format", "csv", "--fields", "rank,title"],
    ["search", "--", "-council"],
    ["search", "-council"],
    ["search", "-council", "--limit", "2"],
    ["search", "--limit", "2", "-council", "harbor"],
    ["search", "--any", "-oil", "-gas"],
    ["search", "-"],
    ["search", "--"],
    ["search", "-x"],
    ["search", "--limt", "2", "oil"],
    ["timeline", "-council"],
    ["timeline", "council", "--since", "junk"],
    ["timeline", "council", "--by", "year", "--since", "2019", "--until", "2015"],
    ["timeline", "date:[x TO y]"],
    ["timeline", "*"],
    ["quotes", "-council"],
    ["quotes", "--speaker", ""],
    ["quotes", "--speaker", "-"],
    ["quotes", "--speaker", "a"],
    ["quotes", "--speaker", "\x00"],
    ["quotes", "--speaker", "*"],
    ["quotes", "--speaker", "x" * 100_000],
    ["quotes", "title:oil^0"],
    ["quotes", "oil", "--since", "junk"],
    ["quotes", "NOT"],
    ["quotes", "-oil"],
    ["similar", ""],
    ["similar", "-"],
    ["similar", "*"],
    ["similar", "\x00"],
    ["similar", "x" * 10_000],
    ["similar", "m"],
    ["show", ""],
    ["show", "-"],
    ["show", "*"],
    ["show", "../../etc/passwd"],
    ["show", "\ud800"],
    ["show", "m"],
    ["show", "\udcff"],
    ["similar", "\udcff"],
    ["search", "council", "--source", "ab\udcff"],
    ["search", "council", "--since", "2017\udcff"],
    ["quotes", "council", "--speaker", "ab\udcffcd"],
]
