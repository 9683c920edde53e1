"""What the templates show, worked out in Python: marked text as pieces, the timeline's bars, an
article's body with its quotations. Templates only loop and escape (Jinja2's autoescape), so no
article string ever reaches the page unescaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..article import Article
from .state import SearchState

Piece = tuple[str, bool]  # text, marked


def marked(text: str, spans: Sequence[Sequence[int]]) -> list[Piece]:
    """`text` cut at the highlight spans: (text, True) for what was matched."""
    pieces: list[Piece] = []
    at = 0
    for start, end in sorted((int(a), int(b)) for a, b in spans):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def web_link(url: str | None) -> str | None:
    """`url` when it is an http(s) address, else None: an article's own link must never run a
    script (``javascript:``) or reach a local file."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def speaker_path(name: str) -> str:
    return "/speaker/" + quote(name, safe="")


def article_path(article_id: str) -> str:
    return "/article/" + quote(article_id, safe="")


@dataclass(frozen=True, slots=True)
class Bar:
    period: str
    count: int
    x: float
    y: float
    width: float
    height: float
    href: str
    chosen: bool


@dataclass(frozen=True, slots=True)
class Chart:
    by: str
    bars: list[Bar]
    peak: int
    width: int
    height: int  # of the bars; the labels go below
    labels: list[tuple[float, str]]  # (x, text): where each year starts, thinned to fit


CHART_WIDTH, CHART_HEIGHT = 800, 90
MAX_MONTHS = 120  # past ten years of months, bars are years
MAX_STEP = 48  # a bar's room at most: a few periods do not stretch across the whole chart


def timeline(months: Sequence[tuple[str, int]], state: SearchState) -> Chart | None:
    """The bars of matches per month (or per year over a longer span), each a link that narrows
    the dates to its period. `months` are the month facet's counts, filled (`fill_periods`)."""
    periods = list(months)
    by = "month"
    if len(periods) > MAX_MONTHS:
        years: dict[str, int] = {}
        for month, n in periods:
            years[month[:4]] = years.get(month[:4], 0) + n
        periods, by = sorted(years.items()), "year"
    if not periods:
        return None
    peak = max(n for _, n in periods) or 1
    step = min(CHART_WIDTH / len(periods), MAX_STEP)
    gap = min(2.0, step * 0.2)
    bars = []
    for i, (period, n) in enumerate(periods):
        height = (CHART_HEIGHT - 4) * n / peak
        bars.append(
            Bar(
                period=period,
                count=n,
                x=round(i * step, 2),
                y=round(CHART_HEIGHT - height, 2),
                width=round(max(step - gap, 0.5), 2),
                height=round(height, 2),
                href=state.toggle_period(period),
                chosen=state.period_chosen(period),
            )
        )
    return Chart(by, bars, peak, CHART_WIDTH, CHART_HEIGHT, _labels(bars, by))


LABEL_WIDTH = 40  # of a year's label, in the chart's units


def _labels(bars: list[Bar], by: str) -> list[tuple[float, str]]:
    """A label at each year's first bar, as many as fit side by side."""
    starts = [(bar.x, bar.period[:4]) for bar in bars if by == "year" or bar.period.endswith("-01")]
    if bars and (not starts or starts[0][0] > bars[0].x):
        starts.insert(0, (bars[0].x, bars[0].period[:4]))
    kept: list[tuple[float, str]] = []
    for x, text in starts:
        if not kept or x - kept[-1][0] >= LABEL_WIDTH:
            kept.append((x, text))
    return kept


@dataclass(frozen=True, slots=True)
class BodyPiece:
    text: str
    quote: int | None = None  # the quotation's number in `article.quotes`, or None for plain text
    ends_quote: bool = False  # the quotation's last piece (its speaker follows it)


def body(article: Article) -> list[list[BodyPiece]]:
    """The body as paragraphs of pieces, each quotation (by its place in the body) a piece of its own."""
    text = article.body
    places = sorted(
        (q.start, q.end, n) for n, q in enumerate(article.quotes) if 0 <= q.start < q.end <= len(text)
    )
    pieces: list[BodyPiece] = []
    at = 0
    for start, end, n in places:
        if start < at:
            continue  # overlapping an earlier quotation: shown as part of it
        if start > at:
            pieces.append(BodyPiece(text[at:start], None))
        pieces.append(BodyPiece(text[start:end], n))
        at = end
    if at < len(text):
        pieces.append(BodyPiece(text[at:], None))
    paragraphs: list[list[BodyPiece]] = [[]]
    for piece in pieces:
        parts = piece.text.split("\n\n")
        for k, part in enumerate(parts):
            if k:
                paragraphs.append([])
            if part:
                last = piece.quote is not None and k == len(parts) - 1
                paragraphs[-1].append(BodyPiece(part, piece.quote, last))
    return [p for p in paragraphs if any(piece.text.strip() for piece in p)]
