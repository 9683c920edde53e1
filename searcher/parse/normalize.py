"""Whitespace and character clean-up shared by every reader."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_CLASS = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# Runs of spaces that are not already one plain space (replacing each single space costs a match).
_SPACES = re.compile(rf" {_SPACE_CLASS}+|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]{_SPACE_CLASS}*")


def clean_inline(text: str) -> str:
    """One line of text: NFC, no control characters or soft hyphens, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\r", " ").replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def join_paragraphs(paragraphs: list[str]) -> str:
    """Body text: cleaned paragraphs, empty ones dropped, separated by one blank line."""
    cleaned = (clean_inline(p) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


# ------------------------------------------------------------------ publisher names

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_HOST_PREFIXES = ("www.", "www2.", "m.", "amp.", "mobile.")
# Second-level labels under which sites register (example.co.uk, example.com.br, example.gv.at).
_SECOND_LEVEL = frozenset("co com org net gov gv ac edu or ne go govt nic ltd plc".split())
_DANGLING = " \t-–—|:·•»«/\\.,;*"
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def readable_host(url: str | None) -> str | None:
    """A URL's host as a reader writes it: "https://www.newsnation.in/x" -> "newsnation.in"."""
    if not url:
        return None
    text = url.strip()
    if not _SCHEME.match(text):
        text = "http://" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return None
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
            break
    return host if "." in host and " " not in host else None


def host_label(host: str | None) -> str:
    """The name a site registered: "blogs.berkeley.edu" -> "berkeley", "bbc.co.uk" -> "bbc"."""
    labels = (host or "").casefold().split(".")
    if len(labels) < 2:
        return ""
    if len(labels) > 2 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2]


def _prefixes(text: str) -> set[str]:
    """`text` squashed to lower-case ASCII letters and digits, cut at each word end and where the
    case turns ("ZDFmediathek" -> zd, zdf, zdfmediathek; "JPost.com" -> j, jp, jpost, jpostcom),
    once with umlauts spelt out ("Natürlich" -> natuerlich) and once without (naturlich)."""
    found: set[str] = set()
    for table in (_UMLAUTS, None):
        spelt = text.translate(table) if table else text
        plain = unicodedata.normalize("NFKD", spelt).encode("ascii", "ignore").decode()
        squashed = ""
        for word in re.findall(r"[A-Za-z0-9]+", plain):
            for i in range(1, len(word)):
                before, here = word[i - 1], word[i]
                if before.isupper() != here.isupper() and before.isalpha() and here.isalpha():
                    found.add((squashed + word[:i]).lower())
            squashed += word.lower()
            found.add(squashed)
    return found


def names_host(name: str, host: str | None) -> bool:
    """True when `name`, or its first words, spell the site's registered name ("ZDFmediathek"
    on zdf.de, "JPost.com" on jpost.com, "Natürlich Jagd" on natuerlich-jagd.de; not "Newsom"
    on news.com)."""
    label = "".join(ch for ch in host_label(host) if ch.isalnum())
    return len(label) >= 2 and label in _prefixes(name)


def publisher_form(text: str | None) -> str | None:
    """A publisher's name in one form: one line, no "@" of a handle, no separator left hanging
    ("The Bottom Line -"), and a URL written as its readable host."""
    if not text:
        return None
    name = clean_inline(text)
    if _SCHEME.match(name) or name.casefold().startswith("www."):
        return readable_host(name)
    name = name.lstrip("@").strip(_DANGLING)
    return name or None
