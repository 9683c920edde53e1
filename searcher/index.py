"""The on-disk index: create, open, update from folders, add, get, search, statistics.

Every write goes through one Whoosh writer and becomes visible in a single commit, so an
interrupted run (Ctrl-C, kill, a crash) leaves the previous index as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.index import EmptyIndexError
from whoosh.query import And, DateRange, Term

from .article import Article
from .engine import collector, columntables, ties, whoosh_contract
from .engine.analysis import query_tokens
from .engine.leftovers import INDEX_NAME, VERSION_FILE, latest_generation, remove_leftovers
from .engine.schema import (
    BYLINE,
    BYLINE_NAMES,
    DATE,
    DUP_GROUP,
    FILE,
    FINGERPRINT,
    ID,
    LANGUAGE,
    SCHEMA_VERSION,
    SOURCE,
    SOURCE_NAME,
    SPEAKER,
    SPEAKER_NAMES,
    build_schema,
    column_datetime,
    from_stored,
    split_names,
    stored_body,
    stored_title,
)
from .engine.scoring import weighting
from .engine.values import HasValue
from .errors import (
    AmbiguousIdError,
    ArticleNotFoundError,
    IndexCorruptError,
    IndexLockedError,
    IndexNotFoundError,
    IndexOutdatedError,
    ParseError,
    QueryError,
    SearcherError,
)
from .read import feedback
from .read.facets import UNDATED, Facet, fill_periods
from .read.query import QueryBuilder, is_text
from .read.querydates import period
from .read.search import (
    Results,
    SearchRequest,
    Sort,
    rank_like,
    rank_words,
    read_cursor,
    run_search,
    story_copies,
)
from .reports import IndexStats, Progress, Skip, Timeline, UpdateReport

if TYPE_CHECKING:  # the writing and quote-search sides are imported when first used
    from .engine.bulkwriter import BulkWriter
    from .read.quotesearch import QuoteResults, QuoteSort
    from .write.ingest import Parsed, Task

DateBound = dt.date | dt.datetime | str | None
ProgressCallback = Callable[[Progress], None]
SHARD_MANIFEST = "shards.json"  # the folder holds a sharded index (`shards.ShardedIndex`)
# Words of an article that "more like this" searches with: its most telling ones.
SIMILAR_TERMS = 25
# Ids an ambiguous id prefix's error names: enough to see what to type next.
CANDIDATES_SHOWN = 3
# How long a writer retries, by default, when another process holds the write lock: fail at once.
WAIT_SECONDS = 0.0
_LOCK_RETRY = 0.2


@dataclass(slots=True)
class _FileEntry:
    fingerprint: str
    articles: int = 0


class Index:
    """A searchable collection of articles in one folder.

    >>> with Index.open_or_create("index") as index:
    ...     index.update(["corpus"])
    ...     for hit in index.search("progressive prosecutors"):
    ...         print(hit.title)
    """

    def __init__(self, path: str | os.PathLike[str], ix) -> None:
        whoosh_contract.check_whoosh_version()
        self.path = Path(path)
        self._ix = ix
        self._searcher = None
        self._writing_now = False  # a writer may read segments another writer wrote: it repairs them
        self._builder = QueryBuilder(ix.schema)
        self._warm = False  # `warm` was called: keep column tables for every new searcher
        self._opening = threading.Lock()

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, preload: bool = True) -> Index:
        """Open an existing index, single or sharded (`ShardedIndex`); `IndexNotFoundError` when
        there is none at `path`.

        `preload=False` reads the index files on demand instead of copying the term, posting and
        stored-field files into memory as the first search touches them (about 0.6 ms per MB:
        30 ms for Reuters-21578): quicker for a process that runs a few searches, a little slower
        for one that runs many or reads whole columns (`stats`).
        """
        if is_sharded(path):
            from .shards import ShardedIndex

            return ShardedIndex.open(path, preload=preload)
        return cls._open_one(Path(path), preload=preload)

    @classmethod
    def _open_one(cls, folder: Path, *, preload: bool = True, generation: int | None = None) -> Index:
        """`open` for one ordinary index folder: at its newest generation, or for a shard at the
        generation its sharded index's manifest names."""
        from whoosh.filedb.filestore import FileStorage

        from .engine.generations import PinnedIndex

        if not _holds_index(folder):
            raise IndexNotFoundError(str(folder))
        if _version(folder) != SCHEMA_VERSION:  # before unpickling a schema that may name old classes
            raise IndexOutdatedError(str(folder))
        try:
            storage = FileStorage(str(folder), supports_mmap=preload)
            ix = storage.open_index() if generation is None else PinnedIndex(storage, generation)
        except EmptyIndexError:
            raise IndexNotFoundError(str(folder)) from None
        except Exception as error:  # a damaged TOC or segment raises whatever unpickling raises
            raise IndexCorruptError(str(folder), f"{type(error).__name__}: {error}") from None
        if set(build_schema().names()) - set(ix.schema.names()):
            ix.close()
            raise IndexOutdatedError(str(folder))
        return cls(folder, ix)

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Index:
        """Create an empty index at `path`, refusing to overwrite an existing one.

        The version file is written before the table of contents, which Whoosh writes beside and
        renames into place: an index exists only once it is complete, and a creation cut short
        leaves a folder that the next one simply creates again."""
        folder = Path(path)
        if _holds_index(folder) or is_sharded(folder):
            raise SearcherError(f"an index already exists at {folder}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return cls(folder, _create_in(folder))
        except OSError as error:
            raise SearcherError(f"cannot create an index at {folder}: {_os_reason(error)}") from None

    @classmethod
    def open_or_create(cls, path: str | os.PathLike[str], *, replace_outdated: bool = False) -> Index:
        """Open the index at `path`, or create one. With `replace_outdated`, an index built by an
        older version (whose articles must all be parsed again anyway) is replaced by an empty one."""
        try:
            return cls.open(path)
        except IndexNotFoundError:
            return cls.create(path)
        except IndexOutdatedError:
            if not replace_outdated:
                raise
            folder = Path(path)
            try:
                for toc in folder.glob(f"_{INDEX_NAME}_*.toc"):  # first: no old state is left to open
                    toc.unlink()
                return cls(folder, _create_in(folder))
            except OSError as error:
                raise SearcherError(f"cannot replace the index at {path}: {_os_reason(error)}") from None

    def _size_on_disk(self) -> int:
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return self._ix.doc_count()

    def __repr__(self) -> str:
        return f"Index({str(self.path)!r}, articles={len(self)})"

    # -- writing -------------------------------------------------------------------------------

    def update(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        rebuild: bool = False,
        jobs: int | None = None,
        progress: ProgressCallback | None = None,
        wait: float = WAIT_SECONDS,
        cluster=None,
    ) -> UpdateReport:
        """Bring the index in line with the files under `paths`.

        New and changed files are parsed (in `jobs` worker processes, default: every core);
        articles whose files vanished from under these paths are removed; articles from other
        paths are left alone. With `rebuild`, everything is parsed again and the result replaces
        the whole index. `progress` is called with a `Progress` (articles so far, the share of the
        input done) as files are parsed. When another
        process is writing, waits up to `wait` seconds for it, then raises `IndexLockedError`.
        With `cluster` (a `dask.distributed.Client`, see `searcher.cluster.connect`), files are
        parsed as tasks on its workers, a few dozen files a task, instead of in local processes.
        """
        started = time.perf_counter()
        roots = _resolve_roots(paths)
        with self._writing(wait) as writer:
            self._refresh()  # what is indexed, as the last writer left it
            report = self._update(writer, roots, rebuild, jobs, progress, cluster)
        self._refresh()
        report.total = len(self)
        report.seconds = time.perf_counter() - started
        return report

    def _update(
        self,
        writer: BulkWriter,
        roots: list[Path],
        rebuild: bool,
        jobs: int | None,
        progress: ProgressCallback | None,
        cluster=None,
    ) -> UpdateReport:
        """The changes under `roots`, written and committed, or nothing when there are none."""
        from .write.ingest import (
            Task,
            in_workers,
            needs_workers,
            parse_tasks,
            split_task,
            start_workers,
            unchanged,
        )

        report = UpdateReport()
        known = {} if rebuild else self._files()
        unreadable: list[Skip] = []
        current = _walk(roots, unreadable)
        report.skipped.extend(_kept_if_known(unreadable, known))
        report.files_seen = len(current)
        submit = None
        if cluster is not None:
            from .cluster import submitter

            submit = submitter(cluster)
        elif needs_workers(f for f in current if f not in known):
            start_workers(jobs)  # they get ready while the files are checked
        tasks: list[Task] = []
        for file, root in current.items():
            entry = known.get(file)
            if entry is None:  # new: its worker takes its fingerprint
                tasks.extend(split_task(Task(file, root, "")))
                continue
            try:
                same, print_ = unchanged(file, entry.fingerprint)
            except OSError as error:  # a dangling link, no permission: one file, not the whole run
                reason = f"cannot read: {error.strerror or error}; the previously indexed version is kept"
                report.skipped.append(Skip(file, reason))
                continue
            if same:
                report.files_unchanged += 1
            else:
                tasks.extend(split_task(Task(file, root, print_)))
        listed = {s.path for s in unreadable}  # still there: their articles stay
        vanished = [f for f in known if f not in current and f not in listed and _under(f, roots)]
        if not tasks and not vanished and not rebuild and not writer.must_repair():
            return report  # nothing to commit (the writer is cancelled, which tidies the folder)
        for file in vanished:
            report.removed += known[file].articles
            writer.delete_by_term(FILE, file)
        replaced = {t.file for t in tasks if t.file in known}
        # The writer's postings are many containers and no cycles; parsing in this process
        # (HTML trees are cyclic) needs the collector.
        with collector.paused() if submit is not None or in_workers(tasks, jobs) else nullcontext():
            self._write_parsed(
                writer,
                parse_tasks(
                    tasks,
                    jobs=jobs,
                    # Written while the workers parse the last files, the segment so far leaves
                    # only their articles for the final write, which nothing else overlaps.
                    on_drained=writer.end_segment_before,
                    prepare=True,
                    submit=submit,
                ),
                known,
                replaced | set(vanished),
                rebuild,
                report,
                _Tracker(tasks, progress) if progress is not None else None,
            )
        writer.commit(mergetype=writing.CLEAR if rebuild else None)
        return report

    def _write_parsed(
        self,
        writer,
        results: Iterable[Parsed],
        known: dict[str, _FileEntry],
        replaced: set[str],
        rebuild: bool,
        report: UpdateReport,
        tracker: _Tracker | None = None,
    ) -> None:
        from .write.grouping import StoryGrouper

        used_ids: dict[str, str] = {}
        owner_of = self._owner_lookup() if not rebuild else (lambda _id: None)
        grouper = StoryGrouper(None if rebuild else self._get_searcher())
        cleared: set[str] = set()  # files whose previous articles are deleted
        written: Counter[str] = Counter()  # articles written per file, over its parts
        for parsed in results:
            task = parsed.task
            previous = known.get(task.file)
            report.files_parsed += task.first
            if parsed.error is not None:
                reason = parsed.error
                if previous is not None and task.file not in cleared:
                    reason += "; the previously indexed version is kept"
                report.skipped.append(Skip(task.file, reason))
            else:
                report.skipped.extend(Skip(task.file, str(p)) for p in parsed.problems)
                if previous is not None and task.file not in cleared:
                    writer.delete_by_term(FILE, task.file)
                    cleared.add(task.file)
                batch = parsed.batch
                assert batch is not None  # parsed with prepare=True
                groups: list[str | None] = []
                for article_id, sketch in zip(batch.ids, batch.sketches, strict=True):
                    reason = _duplicate(article_id, task.file, used_ids, owner_of, replaced)
                    if reason is not None:
                        report.skipped.append(Skip(task.file, reason))
                        groups.append(None)
                        continue
                    used_ids[article_id] = task.file
                    groups.append(grouper.group(article_id, sketch))
                written[task.file] += writer.add_batch(batch, groups)
            if tracker is not None:
                tracker.done(task, len(parsed.batch.ids) if parsed.batch is not None else 0)
            if task.last and (task.file in cleared or previous is None):
                count = written[task.file]
                if previous is None:
                    report.added += count
                else:
                    report.updated += count
                    report.removed += max(0, previous.articles - count)

    def add(self, articles: Iterable[Article], *, wait: float = WAIT_SECONDS) -> int:
        """Add or replace (by id) articles that do not come from files. Returns how many. When
        another process is writing, waits up to `wait` seconds, then raises `IndexLockedError`."""
        from .engine.prepare import prepare_batch
        from .write.grouping import StoryGrouper

        articles = list(articles)
        for article in articles:
            if not article.id:
                raise SearcherError("an article needs an id to be indexed")
        with self._writing(wait) as writer:
            self._refresh()
            grouper = StoryGrouper(self._get_searcher())
            for article in articles:
                writer.delete_by_term(ID, article.id)
            batch = prepare_batch(articles)
            groups = [grouper.group(i, sketch) for i, sketch in zip(batch.ids, batch.sketches, strict=True)]
            count = writer.add_batch(batch, groups)
            writer.commit()
        self._refresh()
        return count

    @contextmanager
    def _writing(self, wait: float) -> Iterator[BulkWriter]:
        """A writer holding the write lock, on a folder cleared of what interrupted writes left.

        A writer that has not committed when the block ends (nothing to change, an error, an
        interruption) is cancelled: its files are removed and the index stays as it was. An OS
        error (a full disk, no permission) becomes a one-line `SearcherError` naming the file."""
        from whoosh.util.filelock import try_for

        from .engine.bulkwriter import BulkWriter

        try:
            lock = self._ix.lock("WRITELOCK")
            if not try_for(lock.acquire, timeout=max(0.0, wait), delay=_LOCK_RETRY):
                raise IndexLockedError(str(self.path))
        except OSError as error:
            raise SearcherError(f"cannot write to the index at {self.path}: {_os_reason(error)}") from None
        writer = None
        try:
            remove_leftovers(self.path, self._ix.storage)
            writer = BulkWriter(self._ix, compound=False, _lk=False)
            writer.writelock = lock
            self._writing_now = True
            yield writer
        except OSError as error:
            raise SearcherError(f"cannot write the index at {self.path}: {_os_reason(error)}") from None
        finally:
            self._writing_now = False
            if writer is None:
                lock.release()
            elif not writer.is_closed:
                writer.cancel()

    def _refresh(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    # -- reading -------------------------------------------------------------------------------

    def _get_searcher(self):
        with self._opening:  # `warm`'s thread and a search may both ask first
            return self._open_searcher()

    def _stale(self) -> bool:
        """Whether another writer has committed since the searcher was opened."""
        return not self._searcher.up_to_date()

    def _open_searcher(self):
        if self._searcher is not None and self._stale():
            self._refresh()
        if self._searcher is None:
            searcher = self._ix.searcher(weighting=weighting())
            if not self._writing_now:
                try:
                    whoosh_contract.check_segments(searcher.reader(), str(self.path))
                except SearcherError:
                    searcher.close()
                    raise
            self._searcher = searcher
            if self._warm and not self._writing_now:  # a writer's searcher is closed after its commit
                self._keep_warm(searcher)
        return self._searcher

    def warm(self) -> bool:
        """Read the columns that facets, collapsing and date order use (day, source, bylines,
        speakers, story group, the ids' order) into tables kept with the open searcher, so that
        counting a whole result set takes a few milliseconds (about 0.7 s for 105,000 articles;
        needs numpy, else returns False and
        searches count as before). For a process that answers many searches (a server calls it at
        start-up, in a background thread); a one-shot search builds them only when it pays. Once
        called, each searcher opened after a commit has its tables built in a background thread."""
        self._warm = True
        return _build_tables(self._get_searcher().reader())

    def _keep_warm(self, searcher) -> None:
        """After `warm`, build a new searcher's tables in the background (searches meanwhile count
        as they would without)."""
        reader = searcher.reader()
        if columntables.built(reader) is None and columntables.numpy_module() is not None:
            threading.Thread(target=_build_quietly, args=(reader,), daemon=True).start()

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        if not is_text(article_id):
            return None
        stored = self._get_searcher().document(**{ID: article_id})
        return from_stored(stored) if stored else None

    def resolve_id(self, id_or_prefix: str) -> str:
        """The whole id of the one article whose id is `id_or_prefix` or starts with it, so that
        a long id can be typed in part. An exact id always wins. `AmbiguousIdError` (naming a few
        candidates) when several ids start with it, `ArticleNotFoundError` when none does."""
        if not is_text(id_or_prefix):
            raise ArticleNotFoundError(id_or_prefix, str(self.path))
        if id_or_prefix and self._get_searcher().document_number(**{ID: id_or_prefix}) is not None:
            return id_or_prefix
        found = self._ids_starting_with(id_or_prefix, CANDIDATES_SHOWN + 1) if id_or_prefix else []
        if not found:
            raise ArticleNotFoundError(id_or_prefix, str(self.path))
        if len(found) > 1:
            raise AmbiguousIdError(id_or_prefix, found[:CANDIDATES_SHOWN], more=len(found) > CANDIDATES_SHOWN)
        return found[0]

    def _ids_starting_with(self, prefix: str, most: int) -> list[str]:
        """Up to `most` ids starting with `prefix`, in order, from the term table rather than the
        stored documents; a deleted article's id stays in the table until its segment is merged,
        so each is checked for a live article."""
        searcher = self._get_searcher()
        field = self._ix.schema[ID]
        found: list[str] = []
        for term in searcher.reader().expand_prefix(ID, prefix):
            article_id = field.from_bytes(term)
            if searcher.document_number(**{ID: article_id}) is not None:
                found.append(article_id)
                if len(found) == most:
                    break
        return found

    def search(
        self,
        query: str,
        limit: int = 10,
        *,
        page: int = 1,
        offset: int | None = None,
        sort: Sort = "relevance",
        since: DateBound = None,
        until: DateBound = None,
        source: str | None = None,
        by: str | None = None,
        speaker: str | None = None,
        values: Mapping[str, str] | None = None,
        any_words: bool = False,
        facets: Sequence[Facet] = (),
        collapse: bool = False,
        expand: bool = False,
        now: dt.datetime | None = None,
        after: str | None = None,
    ) -> Results:
        """Search the index; see the README for the query syntax.

        All words are required, or with `any_words` all optional (more matches rank higher).
        `since`/`until` take a date, a datetime, or text such as "2017", "2017-11" or "2017-11-09"
        (inclusive, by day: `until="2017"` keeps all of 2017, a datetime stands for its day);
        `source`, `by` (byline) and `speaker` keep articles whose field holds every word given;
        `values` ({"source": "Reuters", "speaker": "Alan Greenspan"}) keeps those whose facet holds
        exactly that value, as the facet counts name it. `offset` (hits to skip) overrides `page`.
        `facets` ("year", "month", "source", "byline", "speaker") count the whole result set.
        `collapse` folds near-duplicate copies of a story into its best-ranked copy.
        `expand` reorders the hits by the words the best of them share (pseudo-relevance feedback).
        `now` anchors relative dates such as ``date:"last week"`` (default: the local time).
        Pages reach `MAX_DEPTH` (10,000) hits deep; `after` (a page's `next_after`) gives the page
        after that page's last hit, however deep, its ranks counted from there.

        >>> index.search("bail", since="2018", sort="-date", facets=["year"], collapse=True)
        """
        request = self._request(
            query,
            limit,
            page=page,
            offset=offset,
            sort=sort,
            since=since,
            until=until,
            source=source,
            by=by,
            speaker=speaker,
            values=values,
            any_words=any_words,
            facets=facets,
            collapse=collapse,
            expand=expand,
            now=now,
            after=after,
        )
        return self._run_search(request)

    def _request(
        self,
        query: str,
        limit: int = 10,
        *,
        since: DateBound = None,
        until: DateBound = None,
        source: str | None = None,
        by: str | None = None,
        speaker: str | None = None,
        values: Mapping[str, str] | None = None,
        now: dt.datetime | None = None,
        after: str | None = None,
        **options: Any,
    ) -> SearchRequest:
        """`search`'s arguments as one checked `SearchRequest`: its filters made one query, its
        cursor read; the other options (page, sort, facets, ...) as they are."""
        now = now or dt.datetime.now()
        return SearchRequest(
            query,
            limit=limit,
            filter_query=self._filter(
                since, until, now, source=source, by=by, speaker=speaker, values=values
            ),
            now=now,
            after=None if after is None else read_cursor(after),
            **options,
        )

    def _run_search(self, request: SearchRequest) -> Results:
        """One search of this index (a cluster's index fans it out to its shards' workers)."""
        return run_search(self._get_searcher(), self._builder, request)

    def rank(self, text: str, limit: int = 1000, *, expand: bool = False) -> list[tuple[str, float]]:
        """Article ids and scores for `text` read as a bag of words (any word may match, more
        matches rank higher, no query syntax): ranked retrieval as test collections run it.
        With `expand`, the words of the best first-pass articles widen the query (RM3)."""
        return rank_words(self._get_searcher(), text, limit, expand=expand)

    def rank_topics(
        self, topics: Iterable[tuple[str, str]], limit: int = 1000, *, expand: bool = False
    ) -> Iterator[tuple[str, list[tuple[str, float]]]]:
        """`rank` for each (id, text) topic in turn, as a batch run needs: a topic that is all stop
        words ranks nothing rather than stopping the run, as in any engine."""
        for qid, text in topics:
            try:
                yield qid, self.rank(text, limit, expand=expand)
            except QueryError:
                yield qid, []

    def timeline(
        self,
        query: str,
        *,
        by: Literal["month", "year"] = "month",
        since: DateBound = None,
        until: DateBound = None,
        source: str | None = None,
        values: Mapping[str, str] | None = None,
        any_words: bool = False,
        now: dt.datetime | None = None,
    ) -> Timeline:
        """How many articles match `query` in each month (or year), empty periods included."""
        if by not in ("month", "year"):
            raise ValueError(f"by must be 'month' or 'year', not {by!r}")
        results = self.search(
            query,
            1,
            since=since,
            until=until,
            source=source,
            values=values,
            any_words=any_words,
            facets=[by],
            now=now,
        )
        counts = results.facets.get(by, [])
        undated = dict(counts).get(UNDATED, 0)
        return Timeline(query, by, results.total, fill_periods(counts, by), undated)

    def similar(self, article_id: str, limit: int = 10) -> Results:
        """The articles most like one article (by its most telling words), best first.
        `article_id` is exact; `resolve_id` turns a prefix into one."""
        searcher = self._get_searcher()
        docnum = searcher.document_number(**{ID: article_id}) if is_text(article_id) else None
        if docnum is None:
            raise ArticleNotFoundError(article_id, str(self.path))
        stored = searcher.stored_fields(docnum)
        text = " ".join(part for part in (stored_title(stored), stored_body(stored)) if part)
        query = feedback.like(searcher, text, terms=SIMILAR_TERMS)
        hits = rank_like(searcher, query, limit, docnum)
        return Results(query=f"similar:{article_id}", total=len(hits), hits=hits, limit=limit)

    def copies(self, article_id: str) -> Results:
        """The other copies of an article's story (near-duplicates: the same story from another
        source or another run of the page), in index order. `article_id` is exact."""
        searcher = self._get_searcher()
        docnum = searcher.document_number(**{ID: article_id}) if is_text(article_id) else None
        if docnum is None:
            raise ArticleNotFoundError(article_id, str(self.path))
        hits = story_copies(searcher, docnum)
        return Results(query=f"copies:{article_id}", total=len(hits), hits=hits, limit=max(1, len(hits)))

    def _filter(
        self,
        since: DateBound,
        until: DateBound,
        now: dt.datetime,
        *,
        source: str | None = None,
        by: str | None = None,
        speaker: str | None = None,
        values: Mapping[str, str] | None = None,
    ):
        """One Whoosh query for every filter given, or None."""
        clauses = []
        dates = _date_filter(since, until, now)
        if dates is not None:
            clauses.append(dates)
        for fieldname, value in ((SOURCE, source), (BYLINE, by), (SPEAKER, speaker)):
            if value is None:
                continue
            words = [t.word for t in query_tokens(value) if not t.joined]
            if not words:
                raise QueryError(value, f"nothing to filter {fieldname} by")
            clauses.extend(Term(fieldname, word) for word in words)
        for facet, value in (values or {}).items():
            clauses.append(_has_value(facet, value))
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else And(clauses)

    def quotes(
        self,
        query: str | None = None,
        *,
        speaker: str | None = None,
        limit: int = 20,
        page: int = 1,
        sort: QuoteSort | None = None,
        since: DateBound = None,
        until: DateBound = None,
        now: dt.datetime | None = None,
    ) -> QuoteResults:
        """Quotations whose words match `query`, said by `speaker`, or both.

        With a query they are ranked by relevance (quote by quote); with only a speaker, or with
        ``sort="-date"``, newest first. A speaker matches however the article wrote the name:
        "Krasner", "Larry Krasner", or "Lawrence Krasner" where the article gives that form too.
        """
        from .read.quotesearch import run_quote_search

        now = now or dt.datetime.now()
        return run_quote_search(
            self._get_searcher(),
            self._builder,
            query,
            speaker=speaker,
            limit=limit,
            page=page,
            sort=sort,
            filter_query=self._filter(since, until, now),
            now=now,
        )

    def stats(self, top: int = 10) -> IndexStats:
        """Counts, date span, the commonest sources and bylines, and the size on disk."""
        reader = self._get_searcher().reader()
        size = self._size_on_disk()
        if reader.doc_count() == 0:
            return IndexStats(str(self.path), 0, None, None, [], [], 0, size)
        sources: Counter[str] = Counter()
        bylines: Counter[str] = Counter()
        files: set[str] = set()
        first = last = None
        source_col = reader.column_reader(SOURCE_NAME)
        byline_col = reader.column_reader(BYLINE_NAMES)
        file_col = reader.column_reader(FILE)
        date_col = reader.column_reader(DATE, translate=False)
        group_col = reader.column_reader(DUP_GROUP)
        groups: Counter[str] = Counter()
        for docnum in reader.all_doc_ids():
            groups[group_col[docnum] or f"#{docnum}"] += 1  # no group (another writer's): its own
            if source := source_col[docnum]:
                sources[source] += 1
            bylines.update(split_names(byline_col[docnum]))
            if file := file_col[docnum]:
                files.add(file)
            when = column_datetime(date_col[docnum])
            if when is not None:
                first = when if first is None or when < first else first
                last = when if last is None or when > last else last
        return IndexStats(
            path=str(self.path),
            articles=reader.doc_count(),
            first_date=first.date() if first else None,
            last_date=last.date() if last else None,
            sources=sources.most_common(top),
            bylines=bylines.most_common(top),
            files=len(files),
            size_bytes=size,
            duplicate_groups=sum(1 for n in groups.values() if n > 1),
            articles_in_duplicate_groups=sum(n for n in groups.values() if n > 1),
            languages=_languages(reader)[:top],
        )

    def _files(self) -> dict[str, _FileEntry]:
        """Every indexed file with its fingerprint and article count, read from columns."""
        reader = self._get_searcher().reader()
        entries: dict[str, _FileEntry] = {}
        if reader.doc_count() == 0:  # an empty index has no columns to read
            return entries
        file_col = reader.column_reader(FILE)
        print_col = reader.column_reader(FINGERPRINT)
        for docnum in reader.all_doc_ids():
            file = file_col[docnum]
            if not file:
                continue
            entry = entries.get(file)
            if entry is None:
                entry = entries[file] = _FileEntry(print_col[docnum])
            entry.articles += 1
        return entries

    def _owner_lookup(self) -> Callable[[str], str | None]:
        """A function giving the file an id is indexed from ("" for added articles), or None."""
        searcher = self._get_searcher()
        if searcher.doc_count() == 0:
            return lambda _id: None
        file_col = searcher.reader().column_reader(FILE)

        def owner(article_id: str) -> str | None:
            docnum = searcher.document_number(**{ID: article_id})
            return None if docnum is None else file_col[docnum]

        return owner


def _build_quietly(reader) -> None:
    """`columntables.tables` in a background thread: a reader closed meanwhile (a newer commit)
    needs no tables, so its failure is no one's."""
    with suppress(Exception):  # best effort: a search builds them or counts without
        _build_tables(reader)


def _build_tables(reader) -> bool:
    """The reader's column tables and its ids' ranks (for orders by date); False without numpy."""
    tables = columntables.tables(reader)
    if tables is None:
        return False
    ties.id_ranks(reader, tables)
    return True


def _languages(reader) -> list[tuple[str, int]]:
    """(code, articles) for each language in the index, commonest first (deleted articles not counted)."""
    if LANGUAGE not in reader.schema:
        return []
    counts = [
        (term.decode("utf-8"), sum(1 for _ in reader.postings(LANGUAGE, term).all_ids()))
        for term in reader.lexicon(LANGUAGE)
    ]
    return sorted((item for item in counts if item[1]), key=lambda item: (-item[1], item[0]))


def _version(folder: Path) -> int | None:
    """The schema version an index was built with (None for one built before versions were kept)."""
    try:
        return int(json.loads((folder / VERSION_FILE).read_text(encoding="utf-8"))["schema"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_version(folder: Path) -> None:
    """Write the version file whole or not at all (written beside, then renamed)."""
    partial = folder / f".{VERSION_FILE}.{os.getpid()}"
    partial.write_text(json.dumps({"schema": SCHEMA_VERSION}) + "\n", encoding="utf-8")
    os.replace(partial, folder / VERSION_FILE)


def is_sharded(folder: str | os.PathLike[str]) -> bool:
    """Whether `folder` holds a sharded index (`shards.ShardedIndex`): its manifest."""
    return (Path(folder) / SHARD_MANIFEST).is_file()


def _holds_index(folder: Path) -> bool:
    """Whether `folder` holds an index: a table of contents (not read: it may be damaged), and not
    only the first, empty one without a version file, which an older version's creation cut short
    leaves (it wrote the version file last)."""
    generation = latest_generation(folder)
    return generation > 0 or (generation == 0 and (folder / VERSION_FILE).exists())


def _create_in(folder: Path):
    """A new empty index in `folder`: the version file first, then the table of contents."""
    _write_version(folder)
    return whoosh_index.create_in(str(folder), build_schema())


def _os_reason(error: OSError) -> str:
    """An OS error as one line that names what failed and where."""
    reason = error.strerror or str(error)
    return f"{reason} ({error.filename})" if error.filename else reason


def _resolve_roots(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    roots = []
    for path in paths:
        try:
            root = Path(path).expanduser().resolve()
        except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
            raise SearcherError(f"{path}: a symlink loop") from None
        if not root.exists():
            raise SearcherError(f"{path}: no such file or folder")
        roots.append(root)
    if not roots:
        raise SearcherError("no paths to index")
    return roots


def _walk(roots: Sequence[Path], skipped: list[Skip]) -> dict[str, str]:
    """Every readable article file under the roots -> the root its ids are relative to; a file
    that is not a regular one (see `article_files`) goes to `skipped`, unopened."""
    from .parse import article_files  # parsing pulls in bs4; only writers need it

    def skip(problem: ParseError) -> None:
        skipped.append(Skip(problem.path, problem.reason))

    found: dict[str, str] = {}
    for root in roots:
        base = root if root.is_dir() else root.parent
        for file in article_files(root, skip):
            found.setdefault(str(file), str(base))
    return found


def _duplicate(
    article_id: str,
    file: str,
    used_ids: dict[str, str],
    owner_of: Callable[[str], str | None],
    replaced: set[str],
) -> str | None:
    """Why an article must not be written under `article_id`, or None. The first article with an
    id wins: one already indexed from another file (or added by hand), else the first written in
    this run, in file order and within a file in record order."""
    earlier = used_ids.get(article_id)
    if earlier is not None:
        where = "earlier in this file" if earlier == file else f"already in {earlier}"
        return f"duplicate id {article_id!r}, {where}"
    owner = owner_of(article_id)
    if owner is not None and owner != file and owner not in replaced:
        return f"duplicate id {article_id!r}, already in {owner or 'the index (added with Index.add)'}"
    return None


def _kept_if_known(skipped: list[Skip], known: dict[str, _FileEntry]) -> list[Skip]:
    kept = "; the previously indexed version is kept"
    return [Skip(s.path, s.reason + kept) if s.path in known else s for s in skipped]


def _under(file: str, roots: Sequence[Path]) -> bool:
    path = Path(file)
    return any(path == root or root in path.parents for root in roots)


class _Tracker:
    """Turns parsed tasks into `Progress`: each task weighs its share of the input's bytes (a
    part of a large file its share of the file), so the fraction done tells the time left."""

    def __init__(self, tasks: Sequence[Task], progress: ProgressCallback) -> None:
        self.progress = progress
        self.total = len(tasks)
        self.weights = {(task.file, task.part): _task_bytes(task) for task in tasks}
        self.all_bytes = sum(self.weights.values()) or 1
        self.started = time.perf_counter()
        self.files = self.articles = self.bytes = 0

    def done(self, task: Task, articles: int) -> None:
        self.bytes += self.weights.get((task.file, task.part), 0)
        self.files += 1
        self.articles += articles
        seconds = time.perf_counter() - self.started
        self.progress(Progress(self.articles, self.files, self.total, self.bytes / self.all_bytes, seconds))


def _task_bytes(task: Task) -> int:
    try:
        size = os.stat(task.file).st_size
    except OSError:
        size = 0
    return max(1, size // task.parts)


# The facets a `values` filter takes: the field its words are searched in, the column its
# exact value is read from, and whether that column holds several names.
_VALUE_FACETS = {
    "source": (SOURCE, SOURCE_NAME, False),
    "byline": (BYLINE, BYLINE_NAMES, True),
    "speaker": (SPEAKER, SPEAKER_NAMES, True),
}


def _has_value(facet: str, value: str) -> HasValue:
    """The filter keeping articles whose `facet` holds exactly `value`."""
    if facet not in _VALUE_FACETS:
        raise ValueError(f"a value filter takes {', '.join(_VALUE_FACETS)}, not {facet!r}")
    fieldname, column, many = _VALUE_FACETS[facet]
    words = [t.word for t in query_tokens(value) if not t.joined]
    if not words:
        raise QueryError(value, f"nothing to filter {facet} by")
    narrow = Term(fieldname, words[0]) if len(words) == 1 else And([Term(fieldname, w) for w in words])
    return HasValue(narrow, column, value, many=many)


def _date_filter(since: DateBound, until: DateBound, now: dt.datetime) -> DateRange | None:
    if since is None and until is None:
        return None
    start = _bound(since, now, 0)
    end = _bound(until, now, 1)
    return DateRange(DATE, start, end)


def _bound(value: DateBound, now: dt.datetime, side: int) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # dates are indexed by day (see `schema.DayDate`)
        value = value.date()
    if isinstance(value, dt.date):
        value = value.isoformat()
    try:
        return period(value, now)[side]
    except ValueError as error:
        raise QueryError(value, f"{'since' if side == 0 else 'until'}: {error}") from None
