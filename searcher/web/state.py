"""A search page's whole state as URL parameters, so that a link reproduces it.

`SearchState.parse` checks what a browser sent (a bad number or choice is `BadRequest`, shown as
a 400 page); `SearchState.url` writes a state back as a link, with only what differs from the
defaults, so links stay short and one state has one address.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlencode

SORTS = {"relevance": "relevance", "newest": "-date", "oldest": "date"}  # the page's -> the library's
VALUE_FACETS = ("source", "byline", "speaker")
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_TEXT = 1000  # characters of a query or a filter value


class BadRequest(ValueError):
    """A parameter the page cannot use; its message is shown to the reader."""


@dataclass(frozen=True, slots=True)
class SearchState:
    q: str = ""
    page: int = 1
    sort: str = "relevance"
    since: str = ""
    until: str = ""
    source: str = ""
    byline: str = ""
    speaker: str = ""
    collapse: bool = True
    limit: int = PAGE_SIZE

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> SearchState:
        """The state a query string names; `BadRequest` for a value out of range."""
        texts = {name: text_param(params, name) for name in ("q", "since", "until", *VALUE_FACETS)}
        sort = choice_param(params, "sort", dict(zip(SORTS, SORTS, strict=True)), "relevance")
        collapse = params.get("collapse", "1")
        if collapse not in ("0", "1"):
            raise BadRequest(f"collapse must be 0 or 1, not {collapse!r}")
        return cls(
            **texts,
            page=number_param(params, "page", 1, 1, 10_000),
            sort=sort,
            collapse=collapse == "1",
            limit=number_param(params, "limit", PAGE_SIZE, 1, MAX_PAGE_SIZE),
        )

    @property
    def values(self) -> dict[str, str]:
        """The exact facet values chosen, as `Index.search(values=…)` takes them."""
        return {name: getattr(self, name) for name in VALUE_FACETS if getattr(self, name)}

    @property
    def library_sort(self) -> str:
        return SORTS[self.sort]

    def params(self, **changes: Any) -> dict[str, str]:
        """The parameters of this state with `changes`, leaving out defaults (a new filter or
        sort starts again at page 1 unless a page is given)."""
        if "page" not in changes and changes:
            changes["page"] = 1
        state = replace(self, **changes)
        out: dict[str, str] = {}
        for f in fields(state):
            value = getattr(state, f.name)
            if value == f.default:
                continue
            out[f.name] = ("1" if value else "0") if isinstance(value, bool) else str(value)
        return out

    def url(self, path: str = "/", **changes: Any) -> str:
        query = urlencode(self.params(**changes))
        return f"{path}?{query}" if query else path

    def period_chosen(self, period: str) -> bool:
        """Whether the date range is exactly this year or month (its facet value is on)."""
        return self.since == period and self.until == period

    def toggle_period(self, period: str) -> str:
        """The link that narrows the dates to `period`, or widens them again when it is chosen."""
        if self.period_chosen(period):
            return self.url(since="", until="")
        return self.url(since=period, until=period)

    def toggle_value(self, facet: str, value: str) -> str:
        """The link that keeps only `value` of `facet`, or drops that filter when it is on."""
        return self.url(**{facet: "" if getattr(self, facet) == value else value})


def text_param(params: Mapping[str, str], name: str) -> str:
    value = (params.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise BadRequest(f"{name} is longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise BadRequest(f"{name} holds a NUL character")
    return value


def number_param(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, not {value}")
    return value


def choice_param(params: Mapping[str, str], name: str, choices: Mapping[str, str], default: str) -> str:
    """What `choices` maps the parameter's value to (`default`'s when it is missing)."""
    raw = params.get(name) or default
    if raw not in choices:
        raise BadRequest(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return choices[raw]
