#!/usr/bin/env python3
"""How well `searcher.parse.language.detect_language` names an article's language, beside a trained
detector (py3langid, if installed: `pip install py3langid`), on the annotated pages' own text.

The pages in ../shared/data/extraction carry no language annotation, so the reference is py3langid
on the annotated title and body (or the must-contain snippets): agreement is reported per detected
language, with the disagreements listed, plus how often each says nothing, and the time per text.

    python scripts/eval_language.py [--shared ../shared] [--show 15]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from searcher.parse.language import detect_language

ROOT = Path(__file__).resolve().parent.parent


def texts(shared: Path) -> list[tuple[str, str]]:
    """(page id, annotated title and text) for every page with text in its annotation."""
    found = []
    for truth in sorted((shared / "data" / "extraction").glob("*/truth.jsonl")):
        for line in truth.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            body = row.get("body") or " ".join(row.get("body_with") or [])
            text = f"{row.get('title') or ''}\n{body}".strip()
            if text:
                found.append((f"{truth.parent.name}/{row['id']}", text))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", type=int, default=15, help="disagreements listed")
    args = ap.parse_args()
    pages = texts(args.shared)
    started = time.perf_counter()
    ours = [detect_language(text) for _, text in pages]
    our_ms = (time.perf_counter() - started) * 1000 / len(pages)
    try:
        import py3langid
    except ImportError:
        print(f"{len(pages)} texts; py3langid not installed, ours only: {Counter(ours).most_common()}")
        print(f"ours: {our_ms:.3f} ms per text")
        return
    started = time.perf_counter()
    reference = [py3langid.classify(text)[0] for _, text in pages]
    their_ms = (time.perf_counter() - started) * 1000 / len(pages)

    print(f"{len(pages)} annotated texts (title + body or body snippets) from the extraction pages")
    print(f"{'reference':>10} {'texts':>6} {'same':>6} {'none':>6} {'other':>6}")
    for language, count in Counter(reference).most_common():
        rows = [o for o, r in zip(ours, reference, strict=True) if r == language]
        same = sum(o == language for o in rows)
        none = sum(o is None for o in rows)
        print(f"{language:>10} {count:>6} {same:>6} {none:>6} {count - same - none:>6}")
    decided = [(o, r) for o, r in zip(ours, reference, strict=True) if o is not None]
    agree = sum(o == r for o, r in decided)
    print(
        f"\nours names a language for {len(decided)}/{len(pages)} texts; agrees with py3langid on "
        f"{agree}/{len(decided)} = {agree / max(len(decided), 1):.3f} of them; "
        f"overall agreement {sum(o == r for o, r in zip(ours, reference, strict=True)) / len(pages):.3f}"
    )
    print(f"time per text: ours {our_ms:.3f} ms, py3langid {their_ms:.3f} ms")
    shown = 0
    for (page, text), o, r in zip(pages, ours, reference, strict=True):
        if o != r and shown < args.show:
            shown += 1
            print(f"  {page}: ours {o}, py3langid {r}: {' '.join(text.split())[:90]!r}")


if __name__ == "__main__":
    main()
