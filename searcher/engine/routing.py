"""Which shard an article belongs in: a stable hash of its id, the same on every machine and run."""

from __future__ import annotations

import zlib


def shard_of(article_id: str, shards: int) -> int:
    return zlib.crc32(article_id.encode("utf-8", "surrogatepass")) % shards
