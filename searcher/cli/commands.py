"""The `searcher` command: argument parsing and rendering over the library, nothing more."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from ..errors import (
    ArticleNotFoundError,
    IndexNotFoundError,
    ParseError,
    QueryError,
    SearcherError,
    SkippedFileError,
)
from ..read.export import CHOOSABLE, HIT_FIELDS, to_json
from ..reports import Progress
from . import render

DEFAULT_INDEX = "index"
DEFAULT_CORPUS = "corpus"
NOTHING_FOUND = 1  # the exit status when nothing matches, as grep's and ripgrep's


class _Group(click.Group):
    """Turns the library's errors into one-line messages and exit codes instead of tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except IndexNotFoundError as error:
            click.echo(f"searcher: {error} — run `searcher index` first", err=True)
            ctx.exit(1)
        except QueryError as error:
            click.echo(f"searcher: {error}", err=True)
            ctx.exit(2)
        except SearcherError as error:
            click.echo(f"searcher: {error}", err=True)
            ctx.exit(1)


class _QueryCommand(click.Command):
    """A command whose query words may start with "-", as the query language reads them:
    ``searcher search -marijuana police`` excludes. An argument that is none of the command's
    options (or comes after ``--``) is a query word; a mistyped long option (``--limt``) is still
    an error."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _words_last(args, _value_taking(self.get_params(ctx))))


def _value_taking(params: list[click.Parameter]) -> dict[str, bool]:
    """Each option name of a command, and whether it takes a value."""
    names: dict[str, bool] = {}
    for param in params:
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                names[name] = not (param.is_flag or param.count)
    return names


def _words_last(args: list[str], options: dict[str, bool]) -> list[str]:
    """The options (with their values), then ``--`` and the query's words, so that click takes no
    word for an option: ``-oil`` is a word, ``-n 5``, ``-n5``, ``--limit=5`` and ``--limt`` are
    options (the last an unknown one)."""
    kept: list[str] = []
    words: list[str] = []
    at = 0
    while at < len(args):
        arg = args[at]
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg
        if arg == "--":
            words.extend(args[at + 1 :])
            break
        if name in options or (arg.startswith("--") and len(arg) > 2):
            kept.append(arg)
            if options.get(name) and "=" not in arg and at + 1 < len(args):
                at += 1
                kept.append(args[at])
        elif options.get(arg[:2]) and arg[2:].isdigit():  # -n5
            kept.append(arg)
        else:
            words.append(arg)
        at += 1
    return [*kept, "--", *words] if words else kept


DIST = "news-searcher"  # the distribution's name, as pip installs it
WEB_PACKAGES = {"starlette", "uvicorn", "jinja2", "anyio", "numpy"}
index_option = click.option(
    "--index",
    "index_dir",
    default=DEFAULT_INDEX,
    show_default=True,
    envvar="SEARCHER_INDEX",
    show_envvar=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Index folder.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
color_option = click.option(
    "--color/--no-color",
    default=None,
    help="Highlight with colour (default: only on a terminal, and not when NO_COLOR is set).",
)


def _index_class():
    """`Index`, imported with Whoosh's unused heavy imports left out (see `_whoosh_import`)."""
    from ..engine._whoosh_import import load

    load()
    from ..index import Index

    _loaded()
    return Index


def _loaded() -> None:
    """Called by each command once it has imported what it needs. When `main` paused the garbage
    collector (not when `cli` runs inside another program), it starts again, and its passes skip
    the thousands of objects the imports made."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


_gc_paused = False


def _exit_if_nothing_found(found: int) -> None:
    """Ends with `NOTHING_FOUND` when a listing found nothing, after its output is printed, so a
    script can tell "no matches" from "matches" (`searcher search … && …`) as it can with grep."""
    if found == 0:
        click.get_current_context().exit(NOTHING_FOUND)


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-searcher", prog_name="searcher")
def cli() -> None:
    """Parse, index and search collections of news articles.

    \b
    searcher index corpus/              index a folder (again: only what changed)
    searcher search "progressive prosecutors"
    searcher timeline "cash bail"       matching articles per month
    searcher similar ID                 articles like this one
    searcher quotes --speaker NAME      what one person said
    searcher show ID                    one article with its quotes
    searcher parse FILE...              what the parser sees, without indexing
    searcher stats                      what the index holds
    """


@cli.command("index")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Parse everything again and replace the whole index.")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=0, help="Parsing processes (0: one per core)."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary; warnings only.")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    metavar="SECONDS",
    help="When another process is writing the index, wait up to SECONDS for it (default: fail at once).",
)
@click.option(
    "--scheduler",
    envvar="SEARCHER_SCHEDULER",
    show_envvar=True,
    metavar="ADDRESS",
    help="Parse on a Dask cluster: a scheduler's address, or 'local' for one on this machine's cores.",
)
@click.option(
    "--shards",
    type=click.IntRange(1, 1024),
    default=None,
    help="Make a new index (or rebuild one) as N shards: articles routed by a hash of their id.",
)
@json_option
def index_command(
    paths: tuple[Path, ...],
    index_dir: Path,
    rebuild: bool,
    jobs: int,
    quiet: bool,
    wait: float,
    shards: int | None,
    scheduler: str | None,
    as_json: bool,
) -> None:
    """Index article files under PATHS (default: corpus/) into the index folder.

    Only new and changed files are parsed; articles whose files are gone from PATHS are removed.
    A file that cannot be read is reported and skipped. Interrupting (Ctrl-C, SIGTERM) leaves
    the index as it was.
    """
    from ..write.ingest import prepare_workers

    roots = list(paths) or [Path(DEFAULT_CORPUS)]
    if not paths and not roots[0].exists():
        raise SearcherError(
            f"nothing to index: no {DEFAULT_CORPUS}/ folder here; name the files or folders to index"
        )
    cluster = _cluster(scheduler) if scheduler else None
    if cluster is None:
        prepare_workers(roots, jobs or None)
    Index = _index_class()
    show_progress = not quiet and not as_json and sys.stderr.isatty()
    with _closing(cluster):
        try:
            if cluster is not None and shards is not None and _builds_anew(Index, index_dir, rebuild, shards):
                from ..shards import build_on

                report = build_on(cluster, index_dir, roots, shards)
            else:
                with _index_to_update(Index, index_dir, rebuild, shards) as index:
                    report = index.update(
                        roots,
                        rebuild=rebuild,
                        jobs=jobs or None,
                        progress=_progress_line() if show_progress else None,
                        wait=wait,
                        cluster=cluster,
                    )
        except KeyboardInterrupt as interruption:
            if show_progress:
                click.echo("", err=True)
            click.echo("searcher: interrupted; the index is unchanged", err=True)
            sys.exit(128 + getattr(interruption, "signum", signal.SIGINT))
    if show_progress:
        click.echo("\r\033[K", err=True, nl=False)
    for skip in report.skipped:
        click.echo(f"warning: skipped {skip.path}: {skip.reason}", err=True)
    if as_json:
        click.echo(to_json(report.to_dict()))
    elif not quiet:
        click.echo(render.update_summary(report, index_dir))


def _cluster(scheduler: str):
    """A Dask client for `--scheduler`, or one line saying what to install."""
    try:
        from ..cluster import connect
    except ImportError:
        raise click.ClickException(
            f"--scheduler needs the cluster extra: pip install '{DIST}[cluster]'"
        ) from None
    try:
        return connect(scheduler)
    except ImportError:
        raise click.ClickException(
            f"--scheduler needs the cluster extra: pip install '{DIST}[cluster]'"
        ) from None


@contextlib.contextmanager
def _closing(cluster):
    try:
        yield
    finally:
        if cluster is not None:
            from ..cluster import close

            close(cluster)


@contextlib.contextmanager
def _bad_request():
    """A request the library refuses (a page too deep, a cursor that is none): one line, exit 2."""
    try:
        yield
    except ValueError as error:
        raise click.UsageError(str(error)) from None


def _open_to_search(Index, index_dir: Path, cluster):
    """The index at `index_dir`; with a cluster, a sharded one searched on its workers."""
    if cluster is None:
        return Index.open(index_dir, preload=False)
    from ..clusterindex import ClusterIndex

    return ClusterIndex.open_on(index_dir, cluster)


def _builds_anew(Index, index_dir: Path, rebuild: bool, shards: int) -> bool:
    """Whether `--shards` with `--scheduler` builds the whole index on the cluster: there is none
    yet, or `--rebuild` replaces it (made an empty index of `shards` shards first)."""
    from ..shards import creation_cut_short, replace_with_shards

    try:
        Index.open(index_dir).close()
    except SearcherError:
        if any(Path(index_dir).glob("*")) and not rebuild and not creation_cut_short(Path(index_dir)):
            raise
        return True
    if rebuild:
        replace_with_shards(Path(index_dir), shards).close()
    return rebuild


def _index_to_update(Index, index_dir: Path, rebuild: bool, shards: int | None):
    """The index `searcher index` writes: opened or created, or with `--shards` a new sharded one.
    `--shards` on an existing index needs `--rebuild` (its articles are all parsed again anyway)."""
    if shards is None:
        return Index.open_or_create(index_dir, replace_outdated=rebuild)
    from ..shards import ShardedIndex, creation_cut_short, replace_with_shards

    try:
        existing = Index.open(index_dir)
    except SearcherError:  # none yet, or one that cannot be opened: made anew below when rebuilding
        existing = None
        if any(Path(index_dir).glob("*")) and not rebuild and not creation_cut_short(Path(index_dir)):
            raise
    if existing is not None:
        same = isinstance(existing, ShardedIndex) and len(existing.shards) == shards
        if same:
            return existing
        existing.close()
        if not rebuild:
            raise SearcherError(
                f"{index_dir} is not an index of {shards} shards; add --rebuild to make it one"
            )
    return replace_with_shards(Path(index_dir), shards) if rebuild else ShardedIndex.create(index_dir, shards)


def _progress_line() -> Callable[[Progress], None]:
    last = [0.0]

    def show(progress: Progress) -> None:
        now = time.monotonic()
        if progress.files_done == progress.files_total or now - last[0] > 0.1:
            last[0] = now
            click.echo(f"\r\033[K{render.progress_text(progress)}", err=True, nl=False)

    return show


FORMATS = ("text", "json", "jsonl", "csv")
SORT_CHOICES = {
    "relevance": "relevance",
    "date": "date",
    "oldest": "date",
    "-date": "-date",
    "newest": "-date",
}


def _format(fmt: str | None, as_json: bool) -> str:
    return "json" if as_json and fmt in (None, "text") else (fmt or "text")


def _fields(value: str | None) -> list[str] | None:
    if not value:
        return None
    fields = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in fields if f not in CHOOSABLE]
    if unknown:
        raise click.BadParameter(
            f"unknown field {unknown[0]!r}; choose from {', '.join(HIT_FIELDS)}", param_hint="--fields"
        )
    return fields


def filter_options(command):
    """--since/--until/--source/--by/--speaker: filters that compose with any query."""
    for option in reversed(
        [
            click.option(
                "--since",
                metavar="DATE",
                help="Only articles dated on or after DATE (2017, 2017-11, 2017-11-09).",
            ),
            click.option("--until", metavar="DATE", help="Only articles dated on or before DATE."),
            click.option("--source", metavar="NAME", help="Only articles from this source (publisher)."),
            click.option(
                "--by", "byline", metavar="NAME", help="Only articles with this author in the byline."
            ),
            click.option("--speaker", metavar="NAME", help="Only articles quoting this person."),
        ]
    ):
        command = option(command)
    return command


@cli.command("search", cls=_QueryCommand)
@click.argument("query", nargs=-1, required=True)
@index_option
@click.option(
    "--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="Hits per page."
)
@click.option("--page", "-p", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), help="Hits to skip (instead of --page).")
@click.option(
    "--sort",
    type=click.Choice(list(SORT_CHOICES)),
    default="relevance",
    show_default=True,
    help="date/oldest: oldest first; -date/newest: newest first. Undated articles come last.",
)
@filter_options
@click.option(
    "--any", "any_words", is_flag=True, help="Any word may match; articles with more of them rank higher."
)
@click.option(
    "--facet",
    "facets",
    multiple=True,
    type=click.Choice(["year", "month", "source", "byline", "speaker"]),
    help="Count the whole result set by this (repeatable).",
)
@click.option("--collapse", is_flag=True, help="Fold near-identical copies of a story into one hit.")
@click.option("--expand", is_flag=True, help="Reorder hits by the words the best of them share (RM3).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output: text (default), json, jsonl, csv.")
@click.option("--fields", metavar="A,B,...", help=f"Columns for jsonl/csv: {', '.join(HIT_FIELDS)}.")
@click.option(
    "--after",
    metavar="CURSOR",
    help="The page after a hit: a page's next_after (pages reach 10,000 hits deep; cursors go on).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Search a sharded index on a Dask cluster: a scheduler's address, or 'local'.",
)
@json_option
@color_option
def search_command(
    query: tuple[str, ...],
    index_dir: Path,
    limit: int,
    page: int,
    offset: int | None,
    sort: str,
    since: str | None,
    until: str | None,
    source: str | None,
    byline: str | None,
    speaker: str | None,
    any_words: bool,
    facets: tuple[str, ...],
    collapse: bool,
    expand: bool,
    fmt: str | None,
    fields: str | None,
    after: str | None,
    scheduler: str | None,
    as_json: bool,
    color: bool | None,
) -> None:
    """Search the index. All words must match (--any: any may); see the README for the syntax.

    \b
    searcher search progressive prosecutors
    searcher search '"progressive prosecutors"' --since 2017 --facet year
    searcher search 'speaker:waxman date:2017-11'
    searcher search -marijuana police         -word leaves out the articles with it
    searcher search bail --collapse --format csv --fields rank,title,date,source
    searcher search bail --after '7.31:some-id'   the page after a hit (its next_after)

    The exit status is 1 when nothing matches, as grep's is.
    """
    Index = _index_class()

    chosen = _fields(fields)
    text = " ".join(query)
    cluster = _cluster(scheduler) if scheduler else None
    with _closing(cluster), _open_to_search(Index, index_dir, cluster) as index, _bad_request():
        results = index.search(
            text,
            limit=limit,
            page=page,
            offset=offset,
            sort=SORT_CHOICES[sort],
            since=since,
            until=until,
            source=source,
            by=byline,
            speaker=speaker,
            any_words=any_words,
            facets=facets,
            collapse=collapse,
            expand=expand,
            after=after,
        )
    output = _format(fmt, as_json)
    if output == "json":
        click.echo(to_json(results.to_dict()))
    elif output == "jsonl":
        if results.hits:
            click.echo(render.hits_jsonl(results, chosen))
    elif output == "csv":
        click.echo(render.hits_csv(results, chosen))
    else:
        click.echo(render.results_text(results, color=_use_color(color)), color=_use_color(color))
    _exit_if_nothing_found(results.total)


@cli.command("batch")
@click.argument("topics", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@index_option
@click.option(
    "--limit", "-n", type=click.IntRange(min=1), default=1000, show_default=True, help="Hits per topic."
)
@click.option("--tag", default="searcher", show_default=True, help="Run tag (last column).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Run file (default: stdout).",
)
@click.option("--expand", is_flag=True, help="Widen each topic with words of its best hits (RM3).")
def batch_command(
    topics: Path, index_dir: Path, limit: int, tag: str, output: Path | None, expand: bool
) -> None:
    """Run every topic in TOPICS as a bag of words and write a TREC run (qid Q0 docid rank score tag).

    TOPICS is JSON Lines ({"id": ..., "text": ...} per line) or TSV (id<TAB>text per line); any word
    may match and more matches rank higher, as trec_eval, Anserini and Pyserini expect.
    """
    Index = _index_class()
    from ..read.topics import read_topics

    queries = read_topics(topics)
    show_progress = sys.stderr.isatty()
    sink = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - closed below
    try:
        with Index.open(index_dir) as index:
            for done, (qid, ranked) in enumerate(index.rank_topics(queries, limit, expand=expand), 1):
                sink.write(render.trec_lines(qid, ranked, tag))
                if show_progress:
                    click.echo(f"\r\033[Ktopics {done}/{len(queries)}", err=True, nl=False)
    finally:
        if output:
            sink.close()
    if show_progress:
        click.echo("", err=True)


@cli.command("timeline", cls=_QueryCommand)
@click.argument("query", nargs=-1, required=True)
@index_option
@click.option("--by", "by", type=click.Choice(["month", "year"]), default="month", show_default=True)
@click.option("--since", metavar="DATE", help="Only articles dated on or after DATE.")
@click.option("--until", metavar="DATE", help="Only articles dated on or before DATE.")
@click.option("--source", metavar="NAME", help="Only articles from this source.")
@click.option("--any", "any_words", is_flag=True, help="Any word may match.")
@json_option
@color_option
def timeline_command(
    query: tuple[str, ...],
    index_dir: Path,
    by: str,
    since: str | None,
    until: str | None,
    source: str | None,
    any_words: bool,
    as_json: bool,
    color: bool | None,
) -> None:
    """Draw how many articles match QUERY in each month or year: when a story rose and fell.

    The exit status is 1 when nothing matches.
    """
    Index = _index_class()

    with Index.open(index_dir, preload=False) as index:
        timeline = index.timeline(
            " ".join(query), by=by, since=since, until=until, source=source, any_words=any_words
        )
    if as_json:
        click.echo(to_json(timeline.to_dict()))
    else:
        click.echo(render.timeline_text(timeline, color=_use_color(color)), color=_use_color(color))
    _exit_if_nothing_found(timeline.total)


@cli.command("similar")
@click.argument("article_id")
@index_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True)
@json_option
@color_option
def similar_command(article_id: str, index_dir: Path, limit: int, as_json: bool, color: bool | None) -> None:
    """List the articles most like the article with this id (or the one id starting with it).

    The exit status is 1 when no article is alike.
    """
    Index = _index_class()

    with Index.open(index_dir, preload=False) as index:
        results = index.similar(index.resolve_id(article_id), limit=limit)
    if as_json:
        click.echo(to_json(results.to_dict()))
    else:
        click.echo(render.results_text(results, color=_use_color(color)), color=_use_color(color))
    _exit_if_nothing_found(results.total)


@cli.command("quotes", cls=_QueryCommand)
@click.argument("query", nargs=-1)
@click.option("--speaker", "-s", metavar="NAME", help="Only quotes said by NAME (any form the article uses).")
@index_option
@click.option(
    "--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True, help="Quotes per page."
)
@click.option("--page", "-p", type=click.IntRange(min=1), default=1, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "-date"]),
    default=None,
    help="relevance (the default with a query) or -date: newest first (the default with only --speaker).",
)
@click.option("--since", metavar="DATE", help="Only quotes from articles dated on or after DATE.")
@click.option("--until", metavar="DATE", help="Only quotes from articles dated on or before DATE.")
@json_option
@color_option
def quotes_command(
    query: tuple[str, ...],
    speaker: str | None,
    index_dir: Path,
    limit: int,
    page: int,
    sort: str | None,
    since: str | None,
    until: str | None,
    as_json: bool,
    color: bool | None,
) -> None:
    """Find quotations by their words, by who said them, or both.

    \b
    searcher quotes "progressive prosecutors"
    searcher quotes --speaker Waxman          what one person said, newest first
    searcher quotes bail --speaker holloway

    The exit status is 1 when no quote is found.
    """
    Index = _index_class()

    text = " ".join(query)
    if not text.strip() and not speaker:
        raise click.UsageError("give words to find in quotes, --speaker NAME, or both")
    with Index.open(index_dir, preload=False) as index:
        results = index.quotes(
            text or None, speaker=speaker, limit=limit, page=page, sort=sort, since=since, until=until
        )
    if as_json:
        click.echo(to_json(results.to_dict()))
    else:
        click.echo(render.quote_results_text(results, color=_use_color(color)), color=_use_color(color))
    _exit_if_nothing_found(results.total)


@cli.command("show")
@click.argument("article_id")
@index_option
@json_option
@color_option
def show_command(article_id: str, index_dir: Path, as_json: bool, color: bool | None) -> None:
    """Print one article from the index, with all its fields and quotes.

    ARTICLE_ID may be the start of an id when no other id starts the same way.
    """
    Index = _index_class()

    with Index.open(index_dir, preload=False) as index:
        full_id = index.resolve_id(article_id)
        article = index.get(full_id)
    if article is None:  # removed by another process between the two reads
        raise ArticleNotFoundError(full_id, str(index_dir))
    if as_json:
        click.echo(to_json(article.to_dict()))
    else:
        click.echo(render.article_text(article, color=_use_color(color)), color=_use_color(color))


@cli.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=0, help="Parsing processes (0: one per core)."
)
@json_option
def parse_command(paths: tuple[Path, ...], jobs: int, as_json: bool) -> None:
    """Show what the parser sees in article files or folders, without indexing.

    With --json, one JSON object per article per line.
    """
    from .. import parse  # noqa: F401 - loaded before the collector starts again (see `_loaded`)
    from ..write.ingest import parse_paths

    _loaded()
    read = _ParseWarnings()
    articles = 0
    for article in parse_paths(paths, jobs=jobs or None, on_error=read.warn):
        articles += 1
        if as_json:
            click.echo(to_json(article.to_dict()))
        else:
            click.echo(render.article_summary(article) + "\n")
    if articles == 0:
        unread = f" ({read.unread} files could not be read)" if read.unread else ""
        raise SearcherError("no articles found" + unread)


class _ParseWarnings:
    """Prints each problem `parse_paths` reports as a warning, counting the files it could not read."""

    def __init__(self) -> None:
        self.unread = 0

    def warn(self, problem: ParseError) -> None:
        if isinstance(problem, SkippedFileError):
            self.unread += problem.opened
            click.echo(f"warning: skipped {problem}", err=True)
        else:
            click.echo(f"warning: {problem}", err=True)


@cli.command("stats")
@index_option
@json_option
def stats_command(index_dir: Path, as_json: bool) -> None:
    """What the index holds: articles, date span, top sources and bylines, size on disk."""
    Index = _index_class()

    with Index.open(index_dir) as index:  # reads whole columns: faster from memory
        stats = index.stats()
    if as_json:
        click.echo(to_json(stats.to_dict()))
    else:
        click.echo(render.stats_text(stats))


@cli.command("serve")
@index_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (this machine only by default).",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one)."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser once it is up.")
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Search a sharded index on a Dask cluster: a scheduler's address, or 'local'.",
)
def serve_command(index_dir: Path, host: str, port: int, open_browser: bool, scheduler: str | None) -> None:
    """A local, read-only web page over the index: search with facets and a timeline, articles
    with their quotations marked, speakers, exports and a JSON API. Needs the `web` extra."""
    try:
        from ..web.server import is_loopback, serve
    except ImportError as error:
        if error.name and error.name.split(".")[0] in WEB_PACKAGES:
            raise click.ClickException(
                f"searcher serve needs the web extra: pip install '{DIST}[web]'"
            ) from None
        raise
    _loaded()
    if not is_loopback(host):
        click.echo(
            f"warning: {host} is reachable from other machines and the page has no login: "
            "anyone who reaches it can read the whole index",
            err=True,
        )
    cluster = _cluster(scheduler) if scheduler else None
    try:
        index = _open_to_search(_index_class(), index_dir, cluster) if cluster is not None else None
        serve(
            index_dir, host, port, open_browser=open_browser, say=lambda line: click.echo(line), index=index
        )
    except (
        KeyboardInterrupt
    ):  # Ctrl-C or SIGTERM, passed on once the server has shut down: the way to stop it
        click.echo("Stopped.")
    except OSError as error:
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    finally:
        if cluster is not None:
            from ..cluster import close

            close(cluster)


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: a write in progress is cancelled and the workers stop."""

    signum = signal.SIGTERM


def _terminated(_signum: int, _frame: object) -> None:
    raise Terminated


def main() -> None:
    """Entry point. click already ends quietly on a closed pipe (`searcher search … | head`).

    A one-shot process: the garbage collector waits while the modules load (they make next to no
    cyclic garbage; each command turns it back on, see `_loaded`), and at exit everything still
    alive is frozen, so the interpreter's last collection does not walk it all (~15 ms) just
    before the process ends anyway. Exit handlers, flushing and closing still happen as usual."""
    global _gc_paused
    _gc_paused = gc.isenabled()
    gc.disable()
    signal.signal(signal.SIGTERM, _terminated)
    try:
        cli.main(prog_name="searcher")
    finally:
        gc.freeze()
