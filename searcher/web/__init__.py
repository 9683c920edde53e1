"""A local, read-only web page over an index: `searcher serve`.

Search with facets, a timeline, articles with their quotations marked, speakers, exports and a
JSON API, all from the same library the command uses. Needs the ``web`` extra (Starlette, uvicorn,
Jinja2); the rest of `searcher` never imports this package.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
