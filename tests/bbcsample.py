"""Real articles for the tests of shards: BBC stories (by default every seventh, all five sections),
parsed as plain text, each with its path in the archive as its id. Read from ../shared, never copied."""

from __future__ import annotations

import dataclasses
import functools
import tarfile

from conftest import SHARED

from searcher import Article, parse_text

BBC = SHARED / "data" / "corpora" / "bbc" / "bbc-fulltext.tar.gz"


@functools.cache
def stories(count: int = 300, step: int = 7) -> tuple[tuple[str, str], ...]:
    """(name, text) of `count` stories, every `step`th of the archive."""
    found = []
    with tarfile.open(BBC) as archive:
        for n, member in enumerate(archive):
            if (
                n % step == 0
                and member.isfile()
                and member.name.endswith(".txt")
                and "README" not in member.name
            ):
                found.append((member.name, archive.extractfile(member).read().decode("latin-1")))
            if len(found) == count:
                break
    return tuple(found)


def articles(count: int = 300) -> list[Article]:
    return [dataclasses.replace(parse_text(text), id=name) for name, text in stories(count)]
