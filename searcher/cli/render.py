"""Text and JSON renderings of what the library returns. Pure functions: data in, text out."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from ..article import Article, format_date
from ..read.export import csv_lines, jsonl_lines

if TYPE_CHECKING:
    from ..read.quotesearch import QuoteResults
    from ..read.search import Results
    from ..reports import IndexStats, Progress, Timeline, UpdateReport

Mark = Callable[[str], str]


def _terminal_width() -> int:
    """`shutil.get_terminal_size((100, 24)).columns` (without importing shutil), at most 120."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 100
    return min(columns, 120)


def plain(text: str) -> str:
    return text


def bold(text: str) -> str:
    return click.style(text, bold=True, fg="yellow")


def dim(text: str) -> str:
    return click.style(text, dim=True)


def marked(text: str, spans: Sequence[tuple[int, int]], mark: Mark) -> str:
    """`text` with each span passed through `mark` (bold on a terminal, ``**`` … ``**`` otherwise)."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(mark(text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


def stars(text: str) -> str:
    return f"**{text}**"


def hits_jsonl(results: Results, fields: Sequence[str] | None) -> str:
    """One JSON object per hit per line, for jq and streaming tools."""
    return "\n".join(jsonl_lines((hit.to_dict() for hit in results.hits), fields))


def hits_csv(results: Results, fields: Sequence[str] | None) -> str:
    """A header row, then one row per hit; lists joined with "; "."""
    return "".join(csv_lines((hit.to_dict() for hit in results.hits), fields)).rstrip("\n")


def facets_text(facets: dict[str, list[tuple[str, int]]]) -> str:
    lines = []
    for name, counts in facets.items():
        values = ", ".join(f"{value} ({n})" for value, n in counts) or "-"
        lines.append(f"{name:<8} {values}")
    return "\n".join(lines)


def timeline_text(timeline: Timeline, *, color: bool, width: int | None = None) -> str:
    """A horizontal bar per period, scaled to the terminal width."""
    width = width or _terminal_width()
    noun = "article" if timeline.total == 1 else "articles"
    lines = [f"{timeline.total} {noun} match {timeline.query!r}, by {timeline.by}", ""]
    if not timeline.periods:
        lines.append("(no dated articles)")
    peak = max((n for _, n in timeline.periods), default=0)
    label = max((len(p) for p, _ in timeline.periods), default=4)
    room = max(10, width - label - 12)
    for period, n in timeline.periods:
        full, part = divmod(n * room * 8 // peak, 8) if peak else (0, 0)
        bar = "█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")
        bar = click.style(bar, fg="cyan") if color else bar
        lines.append(f"{period:<{label}} │{bar} {n}")
    if timeline.undated:
        lines.append(f"(and {timeline.undated} undated)")
    return "\n".join(lines)


def quote_results_text(results: QuoteResults, *, color: bool, width: int | None = None) -> str:
    """Quotations with the matched words marked, then who said them and where."""
    width = width or _terminal_width()
    mark = bold if color else stars
    quiet = dim if color else plain
    asked = " ".join(
        part
        for part in (
            repr(results.query) if results.query else "",
            f"said by {results.speaker!r}" if results.speaker else "",
        )
        if part
    )
    if results.total == 0:
        return f"No quotes {asked}." if results.query is None else f"No quotes match {asked}."
    noun = "quote" if results.total == 1 else "quotes"
    verb = "" if results.query is None else (" matches" if results.total == 1 else " match")
    where = "article" if results.articles == 1 else "articles"
    lines = [f"{results.total} {noun}{verb} {asked} in {results.articles} {where}", ""]
    indent = " " * 5
    for hit in results.hits:
        text = f"“{hit.text}”"
        spans = [(a + 1, b + 1) for a, b in hit.highlights]
        wrapped = _wrap_marked(text, spans, width - len(indent), indent, mark)
        lines.append(f"{hit.rank:>3}. " + wrapped[0][len(indent) :])
        lines.extend(wrapped[1:])
        facts = [f"— {hit.speaker or 'unattributed'}", shorten(hit.title or "(untitled)", width // 2)]
        facts += [format_date(hit.date)[:10] if hit.date else None, hit.source]
        lines.extend(
            indent + quiet(line) for line in _facts_lines(facts, hit.article_id, width - len(indent))
        )
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def results_text(results: Results, *, color: bool, width: int | None = None) -> str:
    """Ranked hits for a terminal: title, a line of fields, and the highlighted snippet."""
    width = width or _terminal_width()
    mark = bold if color else stars
    quiet = dim if color else plain
    if results.total == 0:
        lines = [f"No articles match {results.query!r}."]
        if results.suggestion:
            lines.append(f"Did you mean: {results.suggestion}")
        return "\n".join(lines)
    first = (results.page - 1) * results.limit + 1
    last = first + len(results.hits) - 1
    noun = "article matches" if results.total == 1 else "articles match"
    header = f"{results.total} {noun} {results.query!r}"
    if results.stories is not None:
        header += f", {results.stories} distinct {'story' if results.stories == 1 else 'stories'}"
    if results.after is not None:
        header += f" (showing {len(results.hits)} after the cursor)"
    elif results.hits:
        header += f" (showing {first}-{last}, page {results.page} of {results.pages})"
    else:
        header += f" (page {results.page} is past the last page, {results.pages})"
    lines = [header, ""]
    indent = " " * 5
    for hit in results.hits:
        title = _wrap_marked(
            hit.title or "(untitled)", hit.title_highlights, width - len(indent), indent, mark
        )
        lines.append(f"{hit.rank:>3}. " + title[0][len(indent) :])
        lines.extend(title[1:])
        facts = [format_date(hit.date)[:10] if hit.date else None, ", ".join(hit.byline) or None, hit.source]
        lines.extend(indent + quiet(line) for line in _facts_lines(facts, hit.id, width - len(indent)))
        if hit.copies:
            lines.append(indent + quiet(_copies_line(hit.copies)))
        if hit.snippet:
            lines.extend(_wrap_marked(hit.snippet, hit.highlights, width - len(indent), indent, mark))
        lines.append("")
    if results.facets:
        lines += [facets_text(results.facets), ""]
    from ..read.search import MAX_DEPTH  # loaded already by the search that made `results`

    if results.next_after and (results.after is not None or last + results.limit > MAX_DEPTH):
        lines += [quiet(f"Next: --after '{results.next_after}'"), ""]
    return "\n".join(lines).rstrip("\n")


def _copies_line(copies: Sequence[str]) -> str:
    named = Counter(source or "unknown source" for source in copies)
    where = ", ".join(f"{name} ({n})" if n > 1 else name for name, n in named.most_common())
    noun = "copy" if len(copies) == 1 else "copies"
    return f"+ {len(copies)} near-identical {noun}: {where}"


def _wrap_marked(text: str, spans, width: int, indent: str, mark: Mark) -> list[str]:
    """Wrap `text` at spaces to `width`, marking spans, so escape codes never count toward length."""
    width = max(20, width)
    lines: list[str] = []
    line: list[str] = []
    length = 0
    for word in re.finditer(r"\S+", text):
        start, end = word.span()
        local = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
        if line and length + 1 + (end - start) > width:
            lines.append(indent + " ".join(line))
            line, length = [], 0
        line.append(marked(word.group(), local, mark))
        length += (end - start) + (1 if length else 0)
    if line:
        lines.append(indent + " ".join(line))
    return lines


def article_text(article: Article, *, color: bool) -> str:
    """The whole article: fields, body, and its quotations with their speakers."""
    head = bold if color else plain
    lines = [head(article.title or "(untitled)"), ""]
    for label, value in (
        ("id", article.id),
        ("date", format_date(article.date)),
        ("byline", ", ".join(article.byline)),
        ("source", article.source),
        ("lang", article.language),
        ("url", article.url),
        ("path", article.path),
    ):
        if value:
            lines.append(f"{label:<8}{value}")
    lines.append("")
    lines.append(article.body)
    if article.quotes:
        lines += ["", f"Quotes ({len(article.quotes)}):"]
        for quote in article.quotes:
            lines.append(f"  “{quote.text}” — {quote.speaker or 'unattributed'}")
    return "\n".join(lines)


def article_summary(article: Article) -> str:
    """A few lines on what the parser saw in one article."""
    facts = [
        f"id      {article.id}",
        f"title   {article.title}",
        f"date    {format_date(article.date) or '-'}",
        f"byline  {', '.join(article.byline) or '-'}",
        f"source  {article.source or '-'}",
        f"body    {len(article.paragraphs)} paragraphs, {len(article.body.split())} words",
        f"quotes  {len(article.quotes)}",
        f"lang    {article.language or '-'}",
    ]
    if article.url:
        facts.insert(5, f"url     {article.url}")
    return "\n".join(facts)


def _facts_lines(facts: Sequence[str | None], article_id: str, width: int) -> list[str]:
    """The facts that are given and then the article's id, joined by " · " and wrapped to `width`.

    Lines break between facts, or inside a fact too long for a line, but never inside the id: it
    is there to be pasted into `searcher show`, so one longer than a line stands on its own.
    """
    lines: list[str] = []
    for fact in [f for f in facts if f]:
        _add_fact(lines, fact, width, breakable=True)
    _add_fact(lines, f"id {article_id}", width, breakable=False)
    return lines


def _add_fact(lines: list[str], fact: str, width: int, *, breakable: bool) -> None:
    """Appends `fact` to the last line when it fits there, else starts a new line with it."""
    if lines and len(lines[-1]) + len(" · ") + len(fact) <= width:
        lines[-1] += " · " + fact
    elif breakable and len(fact) > width:
        lines.extend(_wrap_marked(fact, (), width, "", plain))
    else:
        lines.append(fact)


def shorten(text: str, chars: int) -> str:
    """`text` cut at a word boundary to at most `chars` characters, with an ellipsis if cut."""
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars - 1)
    return text[: cut if cut > chars // 2 else chars - 1].rstrip(" ,;:") + "…"


def progress_text(progress: Progress) -> str:
    """The line `searcher index` keeps rewriting on a terminal: articles, pace, share done, time left."""
    parts = [
        f"parsing: {progress.articles:,} articles",
        f"{progress.rate:,.0f}/s",
        f"{progress.fraction:.0%}",
    ]
    if progress.eta is not None:
        parts.append(f"{_duration(progress.eta)} left")
    return " · ".join(parts)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    return f"{int(seconds // 3600)} h {round(seconds % 3600 / 60)} min"


def update_summary(report: UpdateReport, index_dir: object) -> str:
    """What one `searcher index` run did, in one line."""
    return (
        f"{report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{len(report.skipped)} skipped{_kinds(report)}; {report.files_seen} files "
        f"({report.files_parsed} parsed, {report.files_unchanged} unchanged) in {report.seconds:.1f} s. "
        f"{index_dir} holds {report.total} articles."
    )


def _kinds(report: UpdateReport) -> str:
    """ " (2 PDFs, 1 image, 3 other)" when a skipped file was a document of a known kind."""
    kinds = report.skipped_by_kind()
    if not kinds or kinds == [("other", len(report.skipped))]:
        return ""
    return (
        " ("
        + ", ".join(f"{n} {kind if n == 1 or kind == 'other' else kind + 's'}" for kind, n in kinds)
        + ")"
    )


def stats_text(stats: IndexStats) -> str:
    """What the index holds, one labelled line per fact, as `searcher stats` prints it."""
    span = f"{stats.first_date} … {stats.last_date}" if stats.first_date else "-"
    lines = [
        f"index     {stats.path}",
        f"articles  {stats.articles} from {stats.files} files",
        f"copies    {stats.duplicate_groups} stories with near-identical copies "
        f"({stats.articles_in_duplicate_groups} articles)",
        f"dates     {span}",
        f"size      {human_size(stats.size_bytes)}",
        "sources   " + _counted(stats.sources),
        "bylines   " + _counted(stats.bylines),
        "languages " + _counted(stats.languages),
    ]
    return "\n".join(lines)


def _counted(names: Sequence[tuple[str, int]]) -> str:
    """``name (count), ...``, or "-" for none."""
    return ", ".join(f"{name} ({count})" for name, count in names) or "-"


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} bytes"


def trec_lines(qid: str, ranked: list[tuple[str, float]], tag: str) -> str:
    """One topic's ranking as TREC run lines (qid Q0 docid rank score tag), as trec_eval reads."""
    return "".join(
        f"{qid} Q0 {docid} {rank} {score:.6f} {tag}\n" for rank, (docid, score) in enumerate(ranked, 1)
    )
