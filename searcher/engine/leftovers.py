"""What interrupted or failed writes leave in an index folder, and clearing it away.

A write that never commits (a kill, a full disk, Ctrl-C) leaves the files of the segment it was
writing, Whoosh's scratch folder (``MAIN.tmp``) and perhaps a half-written table of contents
(``_MAIN_<n>.toc.<time>``, renamed into place only when complete). None of them is part of the
index, which is whatever the newest table of contents lists, so each is safe to remove by the
process that holds the write lock: nothing else can be writing them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from whoosh.index import TOC

INDEX_NAME = "MAIN"  # Whoosh's default index name: its table of contents is _MAIN_<generation>.toc
VERSION_FILE = "searcher.json"  # the schema version the index was built with
_TOC = re.compile(rf"^_{INDEX_NAME}_([0-9]+)\.toc$")
_TOC_PARTIAL = re.compile(rf"^_{INDEX_NAME}_[0-9]+\.toc\..+$")
_SEGMENT_FILE = re.compile(rf"^({INDEX_NAME}_[0-9a-z]+)\.[A-Za-z0-9_.]+$")
_SCRATCH = f"{INDEX_NAME}.tmp"
_VERSION_PARTIAL = re.compile(rf"^\.{re.escape(VERSION_FILE)}\.[0-9]+$")  # written, not yet renamed


def latest_generation(folder: Path) -> int:
    """The generation of the newest complete table of contents, or -1 when there is none."""
    found = (_TOC.match(name) for name in _names(folder))
    return max((int(m.group(1)) for m in found if m), default=-1)


def leftovers(folder: Path, storage, generation: int | None = None) -> list[str]:
    """Names in `folder` that no committed state uses: tables of contents of other generations or
    half written, a half-written version file, segment files the committed table of contents does
    not list, and the scratch folder. The committed generation is the newest, or for a shard of a
    sharded index the one its manifest names (`generation`): newer ones are leftovers then."""
    if generation is None:
        generation = latest_generation(folder)
    if generation < 0:
        return []
    try:
        segments = TOC.read(storage, INDEX_NAME, generation).segments
    except Exception:  # an unreadable table of contents: what is live is unknown, so keep all
        return []
    live = {segment.segment_id() for segment in segments}
    found = []
    for name in _names(folder):
        toc = _TOC.match(name)
        segment = _SEGMENT_FILE.match(name)
        if (
            (toc and int(toc.group(1)) != generation)
            or _TOC_PARTIAL.match(name)
            or _VERSION_PARTIAL.match(name)
            or (segment and segment.group(1) not in live)
            or name == _SCRATCH
        ):
            found.append(name)
    return sorted(found)


def remove_leftovers(folder: Path, storage, generation: int | None = None) -> list[str]:
    """Remove `leftovers`; call only while holding the write lock. Never raises: a file that
    cannot be removed now is left for the next writer. Returns what was removed. Files go
    through the storage, as Whoosh's own clean-up does (so a test can stop a run at each)."""
    removed = []
    for name in leftovers(folder, storage, generation):
        path = folder / name
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif name.startswith("."):  # a half-written version file: not Whoosh's
                path.unlink()
            else:
                storage.delete_file(name)
        except OSError:
            continue
        removed.append(name)
    return removed


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
