"""How a word's occurrences in one article are stored: positions and character spans, compactly.

Whoosh's `Characters` format pickles a list of (position, start, length) tuples for every posting:
about nine bytes per occurrence before compression. Here the same deltas are packed as unsigned
16-bit numbers (32-bit in the rare posting with a larger gap): six bytes an occurrence, which
compress better too, and decode with one `array` call instead of unpickling tuples. Positions
serve phrase queries; character spans serve snippets, read straight from the index.
"""

from __future__ import annotations

from array import array

from whoosh.formats import Characters
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import pack_uint

_SHORT = b"H"
_LONG = b"I"
_ONCE = pack_uint(1) + _SHORT


class CompactCharacters(Characters):
    """`Characters`, with each posting's deltas packed into an array instead of pickled."""

    def encode(self, poslist: list[tuple[int, int, int]]) -> bytes:
        if len(poslist) == 1:  # most words occur once in an article
            pos, start, stop = poslist[0]
            if pos < 0x10000 and start < 0x10000:
                return _ONCE + array("H", (pos, start, stop - start)).tobytes()
        deltas: list[int] = []
        position = end = 0
        for pos, start, stop in poslist:
            deltas += (pos - position, start - end, stop - start)
            position, end = pos, stop
        code = _SHORT if max(deltas) < 0x10000 else _LONG
        return pack_uint(len(poslist)) + code + array(code.decode(), deltas).tobytes()

    def _deltas(self, value: bytes) -> array:
        return array(chr(value[_INT_SIZE]), value[_INT_SIZE + 1 :])

    def decode_characters(self, value: bytes) -> list[tuple[int, int, int]]:
        deltas = self._deltas(value)
        found = []
        position = end = 0
        for i in range(0, len(deltas), 3):
            position += deltas[i]
            start = end + deltas[i + 1]
            end = start + deltas[i + 2]
            found.append((position, start, end))
        return found

    def decode_positions(self, value: bytes) -> list[int]:
        deltas = self._deltas(value)
        positions = []
        position = 0
        for step in deltas[::3]:
            position += step
            positions.append(position)
        return positions

    def decode_position_boosts(self, value: bytes) -> list[tuple[int, float]]:
        return [(pos, 1.0) for pos in self.decode_positions(value)]

    def decode_character_boosts(self, value: bytes) -> list[tuple[int, int, int, float]]:
        return [(pos, start, end, 1.0) for pos, start, end in self.decode_characters(value)]

    def combine(self, values: list[bytes]) -> bytes:
        merged: dict[int, tuple[int, int]] = {}
        for value in values:
            for pos, start, end in self.decode_characters(value):
                merged.setdefault(pos, (start, end))
        return self.encode([(pos, *merged[pos]) for pos in sorted(merged)])
