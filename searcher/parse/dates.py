"""Publication dates in the forms articles and pages write them -> `date` or `datetime`.

`parse_date` finds the first date in a string (leading words such as "Published", "Updated:",
"Veröffentlicht am", "Stand:" or "Publié le" are simply passed over) and returns:

- a `date` when only the day is known,
- a naive `datetime` when a time is given without a zone,
- an aware `datetime` when a time and a zone (offset or zone name) are given,
- None when there is no complete, valid day (Feb 30, a month without a day, a year outside
  1900–2100, nonsense). It never raises.

Accepted forms (the time part, where shown, is optional):

- ISO 8601: ``2023-12-22``, ``2023-12-22T14:05``, ``2023-12-22 14:05:00.123Z``,
  ``2023-12-22T14:05:00+01:00``, ``+0100``, ``+01``; basic form ``20231222``, ``20231222T140500Z``.
- RFC 2822: ``Fri, 22 Dec 2023 14:05:00 GMT``, ``... +0100``; asctime / Java ``Mon Oct 11 14:57:21 CEST
  2021`` (the day only).
- English prose: ``Nov. 9, 2017``, ``Thursday, Nov. 9, 2017``, ``November 9, 2017 3:45 PM EST``,
  ``9 November 2017``, ``9th Nov 2017, 10:02``, ``Mon Oct 23, 2006 6:42pm EDT``.
- Other languages, day first: German ``22. Dezember 2023, 14:05 Uhr``, French ``1er mars 2023 à 14h05``,
  Spanish/Portuguese ``3 de marzo de 2023``, Italian ``3 marzo 2023``, Dutch ``3 maart 2023``,
  Polish ``3 marca 2023``, Czech ``3. března 2023``, Scandinavian ``3 maj 2023``
  (accented and unaccented month names, common abbreviations).
- Numbers: ``2017/11/09``, ``2017.11.09``; ``09.11.2017`` and ``09.11.17`` (day first, German); ``11/09/2017`` and
  ``11-09-2017`` (US month first, unless the first number is > 12; day first with ``day_first=True``); ``11/9/17`` (two-digit year:
  00–69 -> 2000s, 70–99 -> 1900s).
- Reuters-21578: ``26-FEB-1987 15:01:01.79``.
- Unix timestamps, only when the whole string is a number of 9–10 digits (seconds) or 13 digits
  (milliseconds): an aware UTC `datetime`.

Times: ``14:05``, ``14:05:09``, fractions, ``3:45 PM``, ``3 p.m.``, ``14h05``, ``14.05 Uhr``.

Zone names map to fixed offsets (hours from UTC), case-sensitive, upper case only:
UTC/UT/GMT/Z 0, WET 0, WEST +1, BST +1 (British Summer Time), IST +5:30 (India, the commonest in
English-language news; not Irish or Israel time), CET/MEZ +1, CEST/MESZ +2, EET/OEZ +2, EEST/OESZ +3,
MSK +3, EST -5, EDT -4, CST -6, CDT -5 (US Central, not China), MST -7, MDT -6, PST -8, PDT -7,
AKST -9, AKDT -8, HST -10, JST +9, KST +9, HKT +8, SGT +8, AEST +10, AEDT +11, NZST +12, NZDT +13.
``ET``/``CT``/``MT``/``PT`` (US time without saying which) use the US daylight-saving rule for the
day. ``UTC+2``/``GMT-05:00`` give their offset.

`date_from_url` reads the day from a URL path: ``/2023/12/22/``, ``/2023-12-22/``, ``/20231222/``,
``_2023_12_22_``, ``/2023/dec/22/``; a year and month without a day give None.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["date_from_url", "parse_date"]

MIN_YEAR = 1900
MAX_YEAR = 2100
# Longer input is cut: a date line is short, and the cut bounds the work on pathological input.
_MAX_INPUT = 2000

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: (
        "january",
        "jan",
        "januar",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "januari",
        "janeiro",
        "stycznia",
        "styczeń",
        "styczen",
        "ledna",
        "leden",
    ),
    2: (
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "fév",
        "fev",
        "febrero",
        "febbraio",
        "februari",
        "fevereiro",
        "lutego",
        "luty",
        "února",
        "unora",
        "únor",
    ),
    3: (
        "march",
        "mar",
        "märz",
        "maerz",
        "mars",
        "marzo",
        "mrt",
        "maart",
        "março",
        "marco",
        "marca",
        "marzec",
        "března",
        "brezna",
        "březen",
    ),
    4: (
        "april",
        "apr",
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "kwietnia",
        "kwiecień",
        "kwiecien",
        "dubna",
        "duben",
    ),
    5: ("may", "mai", "mayo", "maggio", "mag", "mei", "maio", "maja", "maj", "května", "kvetna", "květen"),
    6: (
        "june",
        "jun",
        "juni",
        "juin",
        "junio",
        "giugno",
        "giu",
        "junho",
        "czerwca",
        "czerwiec",
        "června",
        "cervna",
        "červen",
    ),
    7: (
        "july",
        "jul",
        "juli",
        "juillet",
        "juil",
        "julio",
        "luglio",
        "lug",
        "julho",
        "lipca",
        "lipiec",
        "července",
        "cervence",
        "červenec",
    ),
    8: (
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "ago",
        "sierpnia",
        "sierpień",
        "sierpien",
        "srpna",
        "srpen",
        "augusti",
    ),
    9: (
        "september",
        "sept",
        "sep",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "września",
        "wrzesnia",
        "wrzesień",
        "září",
        "zari",
    ),
    10: (
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "października",
        "pazdziernika",
        "październik",
        "října",
        "rijna",
        "říjen",
    ),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad", "listopadu"),
    12: (
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "grudnia",
        "grudzień",
        "grudzien",
        "prosince",
        "prosinec",
        "desember",
    ),
}
_MONTHS: dict[str, int] = {name: num for num, names in _MONTH_NAMES.items() for name in names}
_MONTH_RE = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
# Month-first prose ("Nov. 9, 2017") is English: other languages' short names ("out", "set", "ago")
# are English words there.
_EN_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
_EN_MONTH_RE = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))

_ZONES: dict[str, float] = {
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "IST": 5.5,
    "CET": 1, "MEZ": 1, "CEST": 2, "MESZ": 2, "EET": 2, "OEZ": 2, "EEST": 3, "OESZ": 3, "MSK": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}  # fmt: skip
# US zones written without standard/daylight: the offset depends on the day.
_US_ZONES: dict[str, int] = {"ET": -5, "CT": -6, "MT": -7, "PT": -8}
_ZONE_RE = "|".join(sorted([*_ZONES, *_US_ZONES], key=len, reverse=True))

_I = re.IGNORECASE
_ND = r"(?<!\d)"  # not preceded by a digit
_NDA = r"(?!\d)"  # not followed by a digit
_DAY_SUFFIX = r"(?:st|nd|rd|th|er|e|º|°|ª|\.)?"

# Each pattern names its groups y, m (number), mon (name), d.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2023-12-22, 2017/11/09, 2017.11.09 (then a "T" or space time).
    re.compile(_ND + r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _NDA),
    # 20231222 (ISO basic form), alone or before "T".
    re.compile(_ND + r"(?P<y>(?:19|20|21)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?=T\d|(?!\d))"),
    # 09.11.2017, 09.11.17 (day first; not a version number such as 1.2.3.4).
    re.compile(_ND + r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})" + _NDA + r"(?!\.\d)"),
    # 11/09/2017, 11-09-2017, 11/9/17 (month first unless the first number is > 12).
    re.compile(_ND + r"(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})" + _NDA),
    # 26-FEB-1987 (Reuters), 9 November 2017, 22. Dezember 2023, 3 de marzo de 2023, 9th Nov. 2017.
    re.compile(
        _ND + r"(?P<d>\d{1,2})" + _DAY_SUFFIX + r"(?:\s*-\s*|\s+de\s+|\s*)"
        r"(?P<mon>" + _MONTH_RE + r")(?![^\W\d_])\.?(?:\s*-\s*|,?\s+(?:de\s+|del\s+)?)(?P<y>\d{4})" + _NDA,
        _I,
    ),
    # Mon Oct 11 14:57:21 CEST 2021 (C's asctime and Java's Date.toString: the year comes last).
    re.compile(
        r"(?<![^\W\d_])(?P<mon>" + _EN_MONTH_RE + r")\s+(?P<d>\d{1,2})\s+\d\d:\d\d(?::\d\d)?"
        r"(?:\s+[A-Z]{2,5})?\s+(?P<y>\d{4})" + _NDA,
        _I,
    ),
    # Nov. 9, 2017; November 9th 2017; Oct 23, 2006.
    re.compile(
        r"(?<![^\W\d_])(?P<mon>" + _EN_MONTH_RE + r")(?![^\W\d_])\.?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?"
        r"(?:\s*,\s*|\s+)(?P<y>\d{4})" + _NDA,
        _I,
    ),
)

# A time right after the date (with an optional connecting word), then an optional zone.
_TIME = re.compile(
    r"(?:T|\s*[,;|/@\-–—]?\s*(?:(?:at|um|à|a\s+las?|alle(?:\s+ore)?|om|às|ás|kl\.?|klo)\s+)?)"
    r"(?:(?<=T)(?P<bh>[01]\d|2[0-3])(?P<bmi>[0-5]\d)(?P<bs>[0-5]\d)?(?:[.,](?P<bf>\d{1,9}))?|"
    r"(?P<h>\d{1,2})(?:(?P<hsep>[:h.])(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,9}))?)?)?)"
    + _NDA
    + r"(?:\s*(?P<ap>[AaPp])\.?\s?[Mm]\b\.?)?"
    r"(?:\s*(?:Uhr|h|heures?|hrs)\b)?"
    r"(?:\s*\(?(?P<zone>(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}(?::?\d{2})?"
    + _NDA
    + r"|"
    + r"(?:"
    + _ZONE_RE
    + r")(?![^\W\d_])))?",
)
_UHR = re.compile(r"\s*Uhr\b")
_OFFSET = re.compile(r"(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")
_TIMESTAMP = re.compile(r"\s*(?P<n>\d{9,10}|\d{13})(?:\.\d+)?\s*")

_URL_DATE = re.compile(
    r"(?<![\dA-Za-z])(?P<y>(?:19|20)\d{2})(?:(?P<sep>[-_/.])(?P<m>\d{1,2}|"
    + _EN_MONTH_RE
    + r")(?P=sep)(?P<d>\d{1,2})|(?P<m8>[01]\d)(?P<d8>[0-3]\d))(?![\dA-Za-z])",
    _I,
)
_MIN_URL_YEAR = 1991  # the web's first year


def parse_date(text: str | None, *, day_first: bool = False) -> dt.date | dt.datetime | None:
    """The first date in `text` (see the module docstring for the forms), or None.

    `day_first` reads ``03/04/2021`` and ``03-04-2021`` as 3 April, as everyone but the US writes
    them (a caller that knows the page's language says so); either way a number above 12 decides."""
    if not text or not isinstance(text, str):
        return None
    try:
        return _parse(text[:_MAX_INPUT], day_first)
    except (ValueError, OverflowError):  # defensive: the regexes should rule these out
        return None


def date_from_url(url: str | None) -> dt.date | None:
    """The day a URL's path names (``/2023/12/22/``, ``-20231222-``), or None when it names none."""
    if not url or not isinstance(url, str):
        return None
    latest = dt.date.today().year + 1
    for m in _URL_DATE.finditer(url[:_MAX_INPUT]):
        month, day = (m["m"], m["d"]) if m["m"] else (m["m8"], m["d8"])
        number = int(month) if month.isdigit() else _MONTHS[month.casefold()]
        value = _day(int(m["y"]), number, int(day))
        if value is not None and _MIN_URL_YEAR <= value.year <= latest:
            return value
    return None


def _parse(text: str, day_first: bool = False) -> dt.date | dt.datetime | None:
    stamp = _TIMESTAMP.fullmatch(text)
    if stamp:
        return _from_timestamp(stamp["n"])
    for m in _first_matches(text, day_first):
        day = _day_of(m, day_first)
        if day is not None:
            return _with_time(day, text, m.end())
    return None


def _first_matches(text: str, day_first: bool = False) -> list[re.Match[str]]:
    """Date-pattern matches ordered by position (earliest first), longest first at one position."""
    found = []
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        while m is not None and _day_of(m, day_first) is None:  # a number pair that is no day: look further
            m = pattern.search(text, m.start() + 1)
        if m is not None:
            found.append(m)
    found.sort(key=lambda m: (m.start(), -(m.end() - m.start())))
    return found


def _day_of(m: re.Match[str], day_first: bool = False) -> dt.date | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if len(groups["y"]) == 2:
        year += 2000 if year < 70 else 1900
    if groups.get("a") is not None:  # as the writer's convention says, unless a number cannot be a month
        first, second = int(groups["a"]), int(groups["b"])
        if day_first:
            month, day = (first, second) if second > 12 else (second, first)
        else:
            month, day = (second, first) if first > 12 else (first, second)
    elif groups.get("mon") is not None:
        month, day = _MONTHS[groups["mon"].casefold()], int(groups["d"])
    else:
        month, day = int(groups["m"]), int(groups["d"])
    return _day(year, month, day)


def _day(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_time(day: dt.date, text: str, pos: int) -> dt.date | dt.datetime:
    """`day` with the time (and zone) written right after the date, when there is one."""
    m = _TIME.match(text, pos)
    if m is None:
        return day
    if m["bh"] is not None:  # ISO basic form: T140500
        hour, minute, second, fraction = int(m["bh"]), int(m["bmi"]), int(m["bs"] or 0), m["bf"]
    elif m["mi"] is None and m["ap"] is None:
        return day  # "9 November 2017, 10 people": a number, not a time
    elif m["hsep"] == "." and not _UHR.match(text, m.end("mi")):
        return day  # "14.05" is a time only as "14.05 Uhr"
    else:
        hour, minute, second, fraction = int(m["h"]), int(m["mi"] or 0), int(m["s"] or 0), m["f"]
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    if m["ap"]:
        if not 1 <= hour <= 12:
            return day
        hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return day
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, second, micro)
    zone = _zone(m["zone"], day) if m["zone"] else None
    return moment.replace(tzinfo=zone) if zone is not None else moment


def _zone(name: str, day: dt.date) -> dt.timezone | None:
    if name in _ZONES:
        return _fixed(_ZONES[name])
    if name in _US_ZONES:
        return _fixed(_US_ZONES[name] + (1 if _us_daylight_saving(day) else 0))
    m = _OFFSET.fullmatch(name)
    if m is None:
        return None
    minutes = int(m["h"]) * 60 + int(m["m"] or 0)
    if minutes > 14 * 60:
        return None
    return dt.timezone(dt.timedelta(minutes=-minutes if m["sign"] == "-" else minutes))


def _fixed(hours: float) -> dt.timezone:
    return dt.UTC if hours == 0 else dt.timezone(dt.timedelta(hours=hours))


def _us_daylight_saving(day: dt.date) -> bool:
    """US rule: 2nd Sunday of March to 1st Sunday of November (since 2007; April–October before)."""
    if day.year >= 2007:
        start, end = _nth_sunday(day.year, 3, 2), _nth_sunday(day.year, 11, 1)
    else:
        start, end = _nth_sunday(day.year, 4, 1), _last_sunday(day.year, 10)
    return start <= day < end


def _nth_sunday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def _last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def _from_timestamp(digits: str) -> dt.datetime | None:
    seconds = int(digits) / 1000 if len(digits) == 13 else int(digits)
    try:
        value = dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return value if MIN_YEAR <= value.year <= MAX_YEAR else None
