"""Whitespace and character clean-up shared by every reader."""

from __future__ import annotations

import re
import unicodedata

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
