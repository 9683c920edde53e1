"""Reading input files at a bounded cost: only regular files are opened, lines are read in chunks
with a size limit applied while reading, and decompression is capped.

No input file can then hang a run (a FIFO, a device), exhaust memory (a line of gigabytes, a
gzip bomb) or crash it (a symlink loop, a file name that is not UTF-8). Standard library only: the
index writer and the parsing workers both use it before the parsers are loaded.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from typing import BinaryIO

__all__ = [
    "MAX_EXPANSION",
    "MIN_EXPANDED_CAP",
    "CappedGunzip",
    "ExpansionLimitError",
    "NotRegularFileError",
    "display_path",
    "file_problem",
    "numbered_lines",
    "open_regular",
]

# A compressed file may expand to this many times its size (text rarely exceeds 10; a gzip bomb
# reaches 1000), but always to `MIN_EXPANDED_CAP`, so small files are never cut short.
MAX_EXPANSION = 100
MIN_EXPANDED_CAP = 64 * 1024 * 1024
# Bytes read at a time: lines are cut out of chunks this large.
CHUNK_BYTES = 64 * 1024
_BLANK_LINES = re.compile(rb"[ \t\r\f\v\n]*\n")  # a run of blank lines (one class: 20 times faster)


class NotRegularFileError(OSError):
    """A path that is a FIFO, a device, a socket or a folder where a file was expected."""


class ExpansionLimitError(ValueError):
    """A compressed file expands beyond `MAX_EXPANSION` times its size."""


def display_path(path: str) -> str:
    """`path` as it can be printed and stored: bytes that are not UTF-8 shown as ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def file_problem(path: str) -> str | None:
    """Why `path` will not be read as an article file, or None for a regular file with a
    printable name. Follows symlinks; never opens the file."""
    if display_path(path) != path:
        return "the file name is not valid UTF-8; rename the file to index it"
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return _stat_problem(path, error)
    if stat.S_ISREG(mode):
        return None
    return f"not a regular file ({_kind(mode)}); not opened"


def _stat_problem(path: str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "cannot read: a symlink loop"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return "cannot read: a symlink to nothing"
    if error.errno == errno.ENOENT:
        return "cannot read: the file is gone"
    return f"cannot read: {error.strerror or error}"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a file"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """`path` opened for reading in binary, refusing anything but a regular file.

    Opened without blocking and checked after opening, so a FIFO put in a file's place between
    listing and reading raises `NotRegularFileError` instead of waiting for a writer forever.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(errno.EINVAL, f"not a regular file ({_kind(mode)})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class CappedGunzip:
    """A binary stream of a gzip file's content that raises `ExpansionLimitError` once more than
    `MAX_EXPANSION` times `compressed_size` (at least `MIN_EXPANDED_CAP`) bytes come out."""

    def __init__(self, raw: BinaryIO, compressed_size: int) -> None:
        import gzip

        self._inner = gzip.GzipFile(fileobj=raw, mode="rb")
        self._cap = max(MIN_EXPANDED_CAP, MAX_EXPANSION * compressed_size)
        self._read = 0

    def read1(self, size: int = -1) -> bytes:
        """What one step of decompression gives: a truncated file's last bytes still come out."""
        allowed = self._cap - self._read + 1
        data = self._inner.read1(allowed if size < 0 else min(size, allowed))
        self._read += len(data)
        if self._read > self._cap:
            raise ExpansionLimitError(
                f"expands more than {MAX_EXPANSION} times its size (a decompression bomb?); "
                f"stopped after {self._cap // 2**20} MiB"
            )
        return data

    def close(self) -> None:
        self._inner.close()


def numbered_lines(
    stream: BinaryIO | CappedGunzip,
    limit: int,
    first_number: int = 1,
    check_first: Callable[[bytes], None] | None = None,
) -> Iterator[tuple[int, bytes | None]]:
    """The lines of `stream` that are not blank, with their numbers (the first is `first_number`),
    without their newline. A line longer than `limit` bytes comes as None and is never held
    whole: it is dropped as it is read. Runs of blank lines are passed over in C.
    `check_first` sees the first bytes read, and may raise to refuse the stream."""
    number = first_number - 1  # lines ended so far
    pieces: list[bytes] = []  # the start of the current line, read in earlier chunks
    held = 0
    overlong = False
    while chunk := stream.read1(CHUNK_BYTES):
        if check_first is not None:
            check_first(chunk)
            check_first = None
        pos, size = 0, len(chunk)
        while pos < size:
            if not pieces and not overlong:
                blank = _BLANK_LINES.match(chunk, pos)
                if blank:
                    number += chunk.count(b"\n", pos, blank.end())
                    pos = blank.end()
                    continue
            end = chunk.find(b"\n", pos)
            if end < 0:
                if not overlong:
                    pieces.append(chunk[pos:])
                    held += size - pos
                    if held > limit:
                        pieces, held, overlong = [], 0, True
                break
            number += 1
            if overlong:
                overlong = False
                yield number, None
            else:
                line = b"".join((*pieces, chunk[pos:end])) if pieces else chunk[pos:end]
                pieces, held = [], 0
                if len(line) > limit:
                    yield number, None
                elif line.strip():
                    yield number, line
            pos = end + 1
    if overlong:
        yield number + 1, None
    elif pieces:
        line = b"".join(pieces)
        if line.strip():
            yield number + 1, line
