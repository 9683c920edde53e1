"""How postings are stored: a word's positions in one article, and a block's values side by side.

Whoosh's `Positions` format pickles each posting's list of position gaps, and its block writer
pickles a block's values as a tuple of separate byte strings (with protocol 2, each one a call to
`_codecs.encode` when read back): about twenty bytes of overhead a posting, and a Python call per
posting to read. Here the positions are packed as unsigned 16-bit numbers (32-bit in the rare
article of more than 65,535 words): made and read by `array` in C, with no Python step per
position (gaps would deflate about 1% smaller, and cost a step each). A block's values travel as
one byte string with each one's length, a byte each as a rule (`PackedValues`): a block is read
with a handful of C calls, whatever its size. The values string is deflated on its own and the
block around it is not, so a query that needs only ids and weights (all but phrases) inflates
nothing.

Positions serve phrase queries. Snippets need no stored character offsets: the few words a query
matched are found again in the stored text (`analysis.word_spans`).
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate

from whoosh.formats import Positions

_SHORT = "H"
_LONG = "I"
# Values strings are deflated at Whoosh's level for posting blocks, from this size on.
_LEVEL = 3
_DEFLATE_FROM = 64


class CompactPositions(Positions):
    """`Positions`, with a posting's positions packed into an array instead of pickled.

    A value is a type code (``H`` or ``I``) followed by the positions: three bytes for a word
    that occurs once, the usual case.
    """

    def encode(self, poslist: Sequence[int]) -> bytes:
        try:
            return b"H" + array(_SHORT, poslist).tobytes()
        except OverflowError:
            return b"I" + array(_LONG, poslist).tobytes()

    def decode_positions(self, value: bytes) -> list[int]:
        return array(chr(value[0]), value[1:]).tolist()

    def decode_frequency(self, value: bytes) -> int:
        return (len(value) - 1) // (2 if value[0] == ord(_SHORT) else 4)

    def decode_position_boosts(self, value: bytes) -> list[tuple[int, float]]:
        return [(pos, 1.0) for pos in self.decode_positions(value)]

    def combine(self, values: list[bytes]) -> bytes:
        return self.encode(sorted({pos for value in values for pos in self.decode_positions(value)}))


class PackedValues:
    """A block's encoded values as one byte string and each one's length: indexable like the
    tuple Whoosh's reader expects, but pickled (and unpickled) in one piece.

    The string is pickled deflated (when that saves anything) and inflated on first use, so a
    block can stay uncompressed as a whole: reading its ids and weights then costs no inflating,
    and only a phrase query, which needs positions, inflates the values it reads."""

    __slots__ = ("_blob", "_deflated", "_ends", "lengths")

    def __init__(self, lengths: bytes | array, blob: bytes, deflated: bool = False) -> None:
        self.lengths = lengths if isinstance(lengths, array) else array(chr(lengths[0]), lengths[1:])
        self._blob = blob
        self._deflated = deflated
        self._ends: list[int] | None = None

    @classmethod
    def pack(cls, values: Sequence[bytes]) -> PackedValues:
        return cls(array("I", map(len, values)), b"".join(values))

    @property
    def blob(self) -> bytes:
        if self._deflated:
            self._blob = zlib.decompress(self._blob)
            self._deflated = False
        return self._blob

    def __reduce__(self):
        lengths = self.lengths
        longest = max(lengths, default=0)
        code = "B" if longest < 0x100 else _SHORT if longest < 0x10000 else _LONG
        if code != lengths.typecode:
            lengths = array(code, lengths)
        blob = self.blob
        deflated = zlib.compress(blob, _LEVEL) if len(blob) >= _DEFLATE_FROM else blob
        if len(deflated) >= len(blob):
            return (PackedValues, (code.encode() + lengths.tobytes(), blob))
        return (PackedValues, (code.encode() + lengths.tobytes(), deflated, True))

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, i: int) -> bytes:
        ends = self._ends
        if ends is None:
            ends = self._ends = list(accumulate(self.lengths, initial=0))
        if i < 0:
            i += len(self.lengths)
        return self.blob[ends[i] : ends[i + 1]]

    def __iter__(self) -> Iterator[bytes]:
        blob = self.blob
        start = 0
        for length in self.lengths:
            yield blob[start : start + length]
            start += length
