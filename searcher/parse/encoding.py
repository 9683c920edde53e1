"""Bytes in any encoding -> str, never raising.

Order of trust: a byte-order mark, then UTF-16 recognised by its zero bytes, then the charset the document declares (HTTP-equiv / meta
charset / XML declaration for pages), then strict UTF-8, then a statistical guess
(charset-normalizer), and finally cp1252, which maps every byte.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
# Pages that declare Latin-1 almost always mean its superset cp1252 (curly quotes, euro sign).
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}


def _codec(name: str) -> str | None:
    name = _ALIASES.get(name.strip().lower(), name.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes, if Python knows it."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    return _codec((m.group(1) or m.group(2)).decode("ascii", "replace"))


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode `data`, honouring a BOM or a declared charset; guess only when neither decodes it."""
    bom = _bom(data)
    if bom:
        return data[bom[1] :].decode(bom[0], errors="replace")
    wide = utf16_without_bom(data)
    if wide:
        return data.decode(wide, errors="replace")
    if declared:
        codec = _codec(declared)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass  # the declaration lies; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = detect_encoding(data)
    if guess:
        try:
            return data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def decode_html(data: bytes) -> str:
    """Decode a saved web page using the charset its markup declares."""
    return decode_bytes(data, declared_charset(data))


def detect_encoding(data: bytes) -> str | None:
    """A guess at the encoding of bytes that are not UTF-8.

    Western news text is far more often cp1252 than anything else, and statistical detectors
    guess poorly on short samples (cp1250, cp437 or cp1006 for "Café"). So cp1252 wins when it
    decodes the bytes cleanly and the detector either rates it as good as its best guess or has
    no language evidence for that guess; a long Cyrillic or Greek text still wins on coherence.
    """
    # Imported here: detection is rare (non-UTF-8 text without a declaration) and costs import time.
    from charset_normalizer import from_bytes

    sample = data[:65536]
    if _clean_cp1252(sample) and _reads_as_western(sample.decode("cp1252")):
        return "cp1252"
    matches = list(from_bytes(sample))
    best = matches[0] if matches else None
    if _clean_cp1252(sample):
        if best is None or best.coherence < _NO_LANGUAGE_EVIDENCE:
            return "cp1252"
        for match in matches:
            if (
                match.encoding == "cp1252"
                and match.chaos <= best.chaos + 0.01
                and match.coherence >= best.coherence - 0.01
            ):
                return "cp1252"
    return best.encoding if best else None


_NO_LANGUAGE_EVIDENCE = 0.1
_WORD_WITH_ACCENTS = re.compile(r"\w*[^\x00-\x7f]\w*")
# Symbols a wrong single-byte code page puts inside words (cp1257 reads "naïve" as "na’ve",
# "señor" as "se±or"); none of them belongs between two letters of a word in Western text.
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[^\w\s'’‘\-‐–.,·/&@]+(?=[^\W\d_])")


def _reads_as_western(text: str) -> bool:
    """Does cp1252 give Western text: accented letters inside mostly-ASCII words, and no symbols
    between letters? Statistical detectors, short of evidence, read "Café … résumé" as Baltic
    ("Cafķ … rķsumķ"); a Cyrillic or Greek code page read as cp1252 gives words made wholly of
    accented letters ("Ïðàâèòåëüñòâî"), and a Central European one symbols inside words."""
    words = _WORD_WITH_ACCENTS.findall(text)
    if not words or _SYMBOL_IN_WORD.search(text):
        return False
    mostly_ascii = sum(1 for w in words if sum(c.isascii() for c in w) * 2 >= len(w))
    return mostly_ascii >= 0.6 * len(words)


# Bytes cp1252 leaves undefined: their presence rules it out.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _clean_cp1252(data: bytes) -> bool:
    return not any(b in _CP1252_UNDEFINED for b in data)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (images, archives, executables).

    UTF-16 without a byte-order mark is text; so is text with a stray NUL byte or two (a
    scraper's glitch), which the reader drops."""
    head = data[:8192]
    if not head:
        return False
    if _bom(head) and head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return False
    if head.startswith(BINARY_SIGNATURES) or b"%PDF-" in head[:1024]:  # a PDF header may come late
        return True
    if utf16_without_bom(head):
        return False
    nuls = head.count(0)
    if nuls > _STRAY_NULS + len(head) // 1000:
        return True
    control = len(head.translate(None, _NOT_CONTROL)) - nuls  # the control bytes left (one pass in C)
    if nuls:  # beside a stray NUL, text has next to no control bytes; random data has one in ten
        return nuls == len(head) or control > (len(head) - nuls) * 0.02
    return control > len(head) * 0.1


# Every byte but the control characters that never appear in text (tab, newlines, form feed and
# escape do): deleting these leaves the ones that count against text.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))
# Zero bytes that text may hold by accident (one per kilobyte, and this many more); random binary
# data has four per kilobyte.
_STRAY_NULS = 1
# How common binary formats begin, caught even when their first kilobytes look like text.
BINARY_SIGNATURES = (
    b"%PDF-",
    b"\x89PNG",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"PK\x03\x04",  # zip, docx, epub
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!",
    b"\x7fELF",
    b"\xfd7zXZ",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"OggS",
    b"RIFF",
)


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for text in UTF-16 without a byte-order mark, else None.

    Text in a Latin or Cyrillic script has a zero byte in most of its characters, all on the same
    side of each pair; a sample that decodes cleanly to few control characters is taken as such."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    if zeros_odd > pairs * 0.3 and zeros_even < pairs * 0.02:
        codec = "utf-16-le"
    elif zeros_even > pairs * 0.3 and zeros_odd < pairs * 0.02:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = sample[: pairs * 2].decode(codec)
    except UnicodeDecodeError:  # a lone surrogate, or a pair cut in two at the end
        text = sample[: pairs * 2 - 2].decode(codec, errors="replace")
    control = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
    return codec if control <= len(text) * 0.02 else None
