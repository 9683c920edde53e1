"""Query sets for batch runs: JSON Lines ({"id", "text"} per line) or TSV (id<TAB>text)."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import SearcherError


def read_topics(path: Path) -> list[tuple[str, str]]:
    """(id, text) pairs in file order; a line that is neither form is an error naming the line."""
    topics: list[tuple[str, str]] = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            topics.append(_topic(line, f"{path}:{number}"))
    if not topics:
        raise SearcherError(f"{path}: no topics")
    return topics


def _topic(line: str, where: str) -> tuple[str, str]:
    if line.lstrip().startswith("{"):
        try:
            record = json.loads(line)
        except ValueError:
            raise SearcherError(f"{where}: not JSON") from None
        if not isinstance(record, dict) or "id" not in record:
            raise SearcherError(f'{where}: a topic needs "id" and "text"')
        text = record.get("text") or record.get("query") or record.get("title") or ""
        return str(record["id"]), str(text)
    qid, tab, text = line.rstrip("\n").partition("\t")
    if not tab:
        raise SearcherError(f"{where}: expected id<TAB>text or a JSON object")
    return qid.strip(), text
