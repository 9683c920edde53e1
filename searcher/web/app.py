"""The routes of the web page and its JSON API: parameters in, one library call, a template or
JSON out. The index is opened once and shared; each request holds a lock while it reads it, as a
Whoosh searcher is not made for several threads at once."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import ArticleNotFoundError, SearcherError
from ..index import Index
from ..read.export import csv_lines, jsonl_lines, to_json
from ..read.facets import FACETS, fill_periods
from ..read.search import MAX_DEPTH
from . import pages
from .state import MAX_PAGE_SIZE, BadRequest, SearchState, choice_param, number_param, text_param

HERE = Path(__file__).parent
EXPORT_PAGE = 500  # hits read per library call while an export streams
QUOTE_SORTS = {"relevance": "relevance", "newest": "-date", "-date": "-date"}
# No inline script or style anywhere: what an article holds can never run.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Archive:
    """The open index and the lock that takes turns at it."""

    def __init__(self, path: Path, index: Index | None = None) -> None:
        self.path = path
        self.index = index if index is not None else Index.open(path)
        self.lock = threading.Lock()
        self._warming: threading.Thread | None = None

    def start(self) -> None:
        """Read the columns facets and folding count into tables while the first pages are served."""
        self._warming = threading.Thread(target=self.index.warm, name="searcher-warm", daemon=True)
        self._warming.start()

    def close(self) -> None:
        if self._warming is not None:
            self._warming.join()
        self.index.close()

    def __call__(self, read: Callable[[Index], Any]) -> Any:
        with self.lock:
            return read(self.index)


def create_app(index_path: str | os.PathLike[str], *, index: Index | None = None) -> Starlette:
    """The web page over the index at `index_path`, opened now (errors such as a missing index
    are raised here, before any server starts), or over `index` when given (opened there: a
    sharded index searched on a cluster); the page closes it when it stops."""
    archive = Archive(Path(index_path), index)
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    templates.globals.update(
        article_path=pages.article_path,
        speaker_path=pages.speaker_path,
        web_link=pages.web_link,
        marked=pages.marked,
        index_name=archive.path.name,
    )

    def page(template: str, code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(template).render(**context), status_code=code)

    def search_page(request: Request) -> Response:
        state = SearchState.parse(request.query_params)
        if not state.q:  # the count only: the full statistics read whole columns (/api/stats)
            return page("home.html", state=state, articles=archive(len))
        results = archive(lambda ix: _search(ix, state, facets=FACETS))
        months = fill_periods([c for c in results.facets.get("month", []) if c[0] != "undated"], "month")
        return page(
            "search.html",
            state=state,
            results=results,
            chart=pages.timeline(months, state),
            facets=results.facets,
        )

    def article_page(request: Request) -> Response:
        article_id = request.path_params["article_id"]
        article = archive(lambda ix: ix.get(article_id))
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        copies = archive(lambda ix: ix.copies(article_id))
        similar = archive(lambda ix: ix.similar(article_id, limit=5))
        return page(
            "article.html",
            state=SearchState(),
            article=article,
            paragraphs=pages.body(article),
            copies=copies,
            similar=similar,
        )

    def quotes_page(request: Request) -> Response:
        params = request.query_params
        q, speaker = text_param(params, "q"), text_param(params, "speaker")
        sort = choice_param(params, "sort", QUOTE_SORTS, "relevance")
        number = number_param(params, "page", 1, 1, 10_000)
        results = None
        if q or speaker:
            results = archive(
                lambda ix: ix.quotes(
                    q or None, speaker=speaker or None, sort=sort if q else "-date", page=number, limit=20
                )
            )
        return page("quotes.html", state=SearchState(), q=q, speaker=speaker, sort=sort, results=results)

    def speaker_page(request: Request) -> Response:
        name = request.path_params["name"].strip()
        if not name:
            raise BadRequest("a speaker's name is needed")
        params = request.query_params
        q = text_param(params, "q")
        number = number_param(params, "page", 1, 1, 10_000)
        results = archive(lambda ix: ix.quotes(q or None, speaker=name, sort="-date", page=number, limit=20))
        return page("speaker.html", state=SearchState(), name=name, q=q, results=results)

    def export(kind: str) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            state = SearchState.parse(request.query_params)
            if not state.q:
                raise BadRequest("an export needs a query (q)")
            first = archive(
                lambda ix: _search(ix, state, limit=EXPORT_PAGE, page=1)
            )  # errors before streaming
            rows = (hit.to_dict() for hit in _every_hit(archive, state, first))
            if kind == "csv":
                body: Iterator[str] = csv_lines(rows)
                media = "text/csv; charset=utf-8"
            else:
                body = (line + "\n" for line in jsonl_lines(rows))
                media = "application/x-ndjson; charset=utf-8"
            headers = {"Content-Disposition": f'attachment; filename="search.{kind}"'}
            return StreamingResponse(body, media_type=media, headers=headers)

        return endpoint

    def api_search(request: Request) -> Response:
        state = SearchState.parse(request.query_params)
        if not state.q:
            raise BadRequest("q is needed")
        facets = request.query_params.getlist("facet")
        return _json(archive(lambda ix: _search(ix, state, facets=facets)).to_dict())

    def api_quotes(request: Request) -> Response:
        params = request.query_params
        q, speaker = text_param(params, "q"), text_param(params, "speaker")
        sort = choice_param(params, "sort", QUOTE_SORTS, "relevance")
        found = archive(
            lambda ix: ix.quotes(
                q or None,
                speaker=speaker or None,
                sort=sort,
                page=number_param(params, "page", 1, 1, 10_000),
                limit=number_param(params, "limit", 20, 1, MAX_PAGE_SIZE),
                since=text_param(params, "since") or None,
                until=text_param(params, "until") or None,
            )
        )
        return _json(found.to_dict())

    def api_article(request: Request) -> Response:
        wanted = request.path_params["article_id"]

        def read(ix: Index):
            return ix.get(ix.resolve_id(wanted))

        article = archive(read)
        if article is None:
            raise HTTPException(404, f"no article with id {wanted!r}")
        return _json(article.to_dict())

    def api_stats(request: Request) -> Response:
        top = number_param(request.query_params, "top", 10, 1, 1000)
        return _json(archive(lambda ix: ix.stats(top=top)).to_dict())

    def api_timeline(request: Request) -> Response:
        state = SearchState.parse(request.query_params)
        if not state.q:
            raise BadRequest("q is needed")
        by = choice_param(request.query_params, "by", {"month": "month", "year": "year"}, "month")
        found = archive(
            lambda ix: ix.timeline(
                state.q, by=by, since=state.since or None, until=state.until or None, values=state.values
            )
        )
        return _json(found.to_dict())

    def failed(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 400)
        message = getattr(exc, "detail", None) or str(exc) or "bad request"
        if isinstance(exc, ArticleNotFoundError):
            status = 404
        if request.url.path.startswith("/api/"):
            return _json({"error": message}, status)
        return page("error.html", status, state=SearchState(), status=status, message=message)

    routes = [
        Route("/", search_page),
        Route("/quotes", quotes_page),
        Route("/speaker/{name:path}", speaker_page),
        Route("/article/{article_id:path}", article_page),
        Route("/export.csv", export("csv")),
        Route("/export.jsonl", export("jsonl")),
        Route("/api/search", api_search),
        Route("/api/quotes", api_quotes),
        Route("/api/articles/{article_id:path}", api_article),
        Route("/api/stats", api_stats),
        Route("/api/timeline", api_timeline),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    @asynccontextmanager
    async def lifespan(_app: Starlette):
        archive.start()
        yield
        archive.close()

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={
            HTTPException: failed,
            BadRequest: failed,
            SearcherError: failed,
            ValueError: failed,
        },
    )

    app.state.archive = archive
    return app


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every response, streamed ones and errors included, and a
    ``Server-Timing`` header: the milliseconds from the request to the response's start (what
    `scripts/bench_web.py` reports)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        began = time.perf_counter()

        async def send_secured(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                headers["Server-Timing"] = f"app;dur={(time.perf_counter() - began) * 1000:.2f}"
            await send(message)

        await self.app(scope, receive, send_secured)


def _search(
    ix: Index,
    state: SearchState,
    *,
    facets=(),
    limit: int | None = None,
    page: int | None = None,
    after: str | None = None,
):
    return ix.search(
        state.q,
        limit=limit or state.limit,
        page=1 if after else page or state.page,
        after=after,
        sort=state.library_sort,  # type: ignore[arg-type]
        since=state.since or None,
        until=state.until or None,
        values=state.values,
        facets=facets,
        collapse=state.collapse,
    )


def _every_hit(archive: Archive, state: SearchState, first) -> Iterator:
    """Every hit of a search: page after page as deep as pages go (`MAX_DEPTH`), then from each
    page's last hit on (its cursor); the lock taken for each page only."""
    results, number = first, 1
    while results.next_after:
        yield from results.hits
        number += 1
        if number * EXPORT_PAGE <= MAX_DEPTH:
            results = archive(lambda ix, n=number: _search(ix, state, limit=EXPORT_PAGE, page=n))
        else:
            after = results.next_after
            results = archive(lambda ix, a=after: _search(ix, state, limit=EXPORT_PAGE, after=a))
    yield from results.hits


def _json(data: Any, status: int = 200) -> Response:
    return Response(to_json(data), status_code=status, media_type="application/json")
