"""The package's public surface and the layering rules between its modules."""

from __future__ import annotations

import ast
import subprocess
import sys
import types
from pathlib import Path

import pytest

import searcher

PACKAGE = Path(searcher.__file__).resolve().parent
# Names a module has for its own use, not as part of the API.
PRIVATE_HELPERS = {"annotations", "import_module", "TYPE_CHECKING", "Any"}


def test_all_names_resolve() -> None:
    for name in searcher.__all__:
        assert getattr(searcher, name) is not None, name
    assert len(set(searcher.__all__)) == len(searcher.__all__)
    assert searcher.__all__ == sorted(searcher.__all__)


def test_all_matches_what_is_exported() -> None:
    for name in searcher.__all__:
        getattr(searcher, name)  # load the lazy ones
    exported = {
        name
        for name, value in vars(searcher).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in PRIVATE_HELPERS
    }
    assert exported | {"__version__"} == set(searcher.__all__)
    assert set(dir(searcher)) == set(searcher.__all__)


def test_exported_objects_are_the_modules_own() -> None:
    from searcher import article, errors, index, parse
    from searcher.read import search

    assert searcher.Index is index.Index
    assert searcher.UpdateReport is index.UpdateReport
    assert searcher.Hit is search.Hit
    assert searcher.Results is search.Results
    assert searcher.parse_path is parse.parse_path
    assert searcher.Article is article.Article
    assert searcher.QueryError is errors.QueryError
    for name in ("IndexCorruptError", "IndexLockedError", "IndexNotFoundError", "ParseError", "QueryError"):
        assert issubclass(getattr(searcher, name), searcher.SearcherError)


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        _ = searcher.nonsense


def test_version_matches_the_distribution() -> None:
    from importlib.metadata import version

    assert searcher.__version__ == version("news-searcher")


def test_import_is_cheap() -> None:
    code = (
        "import searcher, sys; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('bs4', 'lxml', 'whoosh', 'click')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- layering -------------------------------------------------------------------------------------------


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module `path` imports, anywhere in it; "." for relative imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." if node.level else (node.module or "").split(".")[0])
    return names


def modules() -> list[Path]:
    found = sorted(PACKAGE.rglob("*.py"))
    assert len(found) > 10
    return found


@pytest.mark.parametrize("name", ["article.py", "errors.py"])
def test_records_and_errors_use_only_the_standard_library(name: str) -> None:
    imports = imported_modules(PACKAGE / name)
    assert imports, name
    assert imports <= set(sys.stdlib_module_names) | {"__future__"}, imports


def test_only_the_parsers_import_bs4() -> None:
    importers = {
        p.relative_to(PACKAGE).as_posix() for p in modules() if imported_modules(p) & {"bs4", "lxml"}
    }
    assert importers, "the parsers use bs4"
    assert all(name.startswith("parse/") for name in importers), importers


def test_the_cli_does_not_import_whoosh() -> None:
    for module in (PACKAGE / "cli").glob("*.py"):
        assert "whoosh" not in imported_modules(module), module.name


def test_only_the_index_side_imports_whoosh() -> None:
    importers = {p.relative_to(PACKAGE).as_posix() for p in modules() if "whoosh" in imported_modules(p)}
    assert importers == {
        "engine/_whoosh_import.py",
        "engine/analysis.py",
        "engine/bulkwriter.py",
        "engine/generations.py",
        "engine/globalstats.py",
        "engine/leftovers.py",
        "engine/matching.py",
        "engine/postings.py",
        "engine/prepare.py",
        "engine/schema.py",
        "engine/scoring.py",
        "engine/spelling.py",
        "engine/values.py",
        "engine/whoosh_contract.py",
        "engine/whoosh_fixes.py",
        "index.py",
        "shards.py",
        "read/fanout.py",
        "read/feedback.py",
        "read/highlights.py",
        "read/query.py",
        "read/querydates.py",
        "read/quotesearch.py",
        "read/search.py",
    }


def test_whoosh_loads_without_the_modules_it_never_uses_then_they_import_for_real() -> None:
    code = """
import sys
from searcher.engine._whoosh_import import load
load()
skipped = sorted(m for m in ("urllib.request", "cached_property", "asyncio", "whoosh.lang.morph_en") if m in sys.modules)
import urllib.request
from whoosh.compat import urlretrieve
from whoosh.lang.morph_en import variations
from whoosh.query.terms import variations as terms_variations
assert urllib.request.Request and urlretrieve is not urllib.request.urlretrieve
assert "rendering" in terms_variations("render") and "rendering" in variations("render")
print(skipped)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_whoosh_reading_caches_its_property_per_reader(built_index) -> None:
    from whoosh.reading import SegmentReader

    reader = built_index._get_searcher().reader()
    segments = [r for r, _ in reader.leaf_readers()] if not isinstance(reader, SegmentReader) else [reader]
    for segment in segments:
        first = segment.deleted_docs_set
        assert isinstance(first, frozenset) and segment.deleted_docs_set is first
        assert "deleted_docs_set" in vars(segment)
