"""How postings are stored: a word's positions in one article, and a block's values side by side.

Whoosh's `Positions` format pickles each posting's list of position gaps, and its block writer
pickles a block's values as a tuple of separate byte strings (with protocol 2, each one a call to
`_codecs.encode` when read back): about twenty bytes of overhead a posting, and a Python call per
posting to read. Here the gaps are packed as unsigned 16-bit numbers (32-bit in the rare posting
with a larger gap), and a block's values travel as one byte string with their end offsets
(`PackedValues`): a block is read with a handful of C calls, whatever its size.

Positions serve phrase queries. Snippets need no stored character offsets: the few words a query
matched are found again in the stored text (`analysis.word_spans`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence

from whoosh.formats import Positions

_SHORT = "H"
_LONG = "I"


class CompactPositions(Positions):
    """`Positions`, with a posting's position gaps packed into an array instead of pickled.

    A value is a type code (``H`` or ``I``) followed by the gaps: three bytes for a word that
    occurs once, the usual case.
    """

    def encode(self, poslist: Sequence[int]) -> bytes:
        gaps = array(_SHORT)
        previous = 0
        try:
            for pos in poslist:
                gaps.append(pos - previous)
                previous = pos
        except OverflowError:
            gaps = array(_LONG, [b - a for a, b in zip((0, *poslist), poslist, strict=False)])
        return gaps.typecode.encode() + gaps.tobytes()

    def decode_positions(self, value: bytes) -> list[int]:
        positions = []
        position = 0
        for gap in array(chr(value[0]), value[1:]):
            position += gap
            positions.append(position)
        return positions

    def decode_frequency(self, value: bytes) -> int:
        return (len(value) - 1) // (2 if value[0] == ord(_SHORT) else 4)

    def decode_position_boosts(self, value: bytes) -> list[tuple[int, float]]:
        return [(pos, 1.0) for pos in self.decode_positions(value)]

    def combine(self, values: list[bytes]) -> bytes:
        return self.encode(sorted({pos for value in values for pos in self.decode_positions(value)}))


class PackedValues:
    """A block's encoded values as one byte string and the offsets where each ends: indexable
    like the tuple Whoosh's reader expects, but pickled (and unpickled) in one piece."""

    __slots__ = ("blob", "ends")

    def __init__(self, ends: bytes | array, blob: bytes) -> None:
        self.ends = ends if isinstance(ends, array) else array(chr(ends[0]), ends[1:])
        self.blob = blob

    @classmethod
    def pack(cls, values: Sequence[bytes]) -> PackedValues:
        blob = b"".join(values)
        ends = array(_SHORT if len(blob) < 0x10000 else _LONG)
        end = 0
        for value in values:
            end += len(value)
            ends.append(end)
        return cls(ends, blob)

    def __reduce__(self):
        ends = self.ends
        return (PackedValues, (ends.typecode.encode() + ends.tobytes(), self.blob))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> bytes:
        if i < 0:
            i += len(self.ends)
        return self.blob[self.ends[i - 1] if i else 0 : self.ends[i]]

    def __iter__(self) -> Iterator[bytes]:
        blob = self.blob
        start = 0
        for end in self.ends:
            yield blob[start:end]
            start = end
