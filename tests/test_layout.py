"""The package layout is the architecture (ARCHITECTURE.md): each part imports only the parts
below it, so the write path and the read path meet only in `index.py`, and only `engine/` knows
how Whoosh stores things."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import searcher

PACKAGE = Path(searcher.__file__).parent

# Part -> the parts it may import. A part is a subpackage or a top-level module.
SHARED = {"article", "errors", "reports"}
ALLOWED = {
    "article": set(),
    "errors": set(),
    "reports": set(),
    "parse": SHARED,
    "engine": SHARED,
    "write": SHARED | {"parse", "engine"},
    "read": SHARED | {"engine"},
    "index": SHARED | {"parse", "engine", "write", "read", "shards", "cluster"},
    "cluster": SHARED,
    "clusterindex": SHARED | {"read", "index", "shards"},
    "shards": SHARED | {"engine", "index", "write"},
    "__init__": SHARED | {"parse", "write", "read", "index", "shards"},
    "cli": SHARED | {"parse", "engine", "write", "read", "index", "shards", "cluster", "clusterindex", "web"},
    "__main__": {"cli"},
    "web": SHARED | {"read", "index"},
}


def part_of(module: str) -> str:
    """`searcher.read.search` -> `read`; `searcher.index` -> `index`; `searcher` -> `__init__`."""
    names = module.split(".")
    return names[1] if len(names) > 1 else "__init__"


def module_name(path: Path) -> str:
    names = ["searcher", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(names[:-1] if names[-1] == "__init__" else names)


def searcher_imports(path: Path) -> set[str]:
    """Every searcher module `path` imports, anywhere in it (function-level imports too)."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rsplit(".", 1)[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "searcher")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "searcher":
                continue
            if target == "searcher" or not node.module:  # `from . import x`: x is a module
                found.update(f"{target}.{alias.name}" for alias in node.names)
            else:
                found.add(target)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_known_part() -> None:
    assert len(MODULES) > 40
    assert {part_of(module_name(path)) for path in MODULES} == set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_imports_point_down_the_layers(path: Path) -> None:
    part = part_of(module_name(path))
    wrong = {
        target
        for target in searcher_imports(path)
        if part_of(target) != part and part_of(target) not in ALLOWED[part]
    }
    assert not wrong, f"{module_name(path)} ({part}) may not import {sorted(wrong)}"


def test_the_check_sees_every_way_of_importing() -> None:
    """The rule has teeth: an engine module reaching into the read path is caught however written."""
    source = """
from ..read.search import run_search
from .. import read
from ..read import facets
import searcher.write.ingest

def later():
    from ..cli import render
"""
    imports = imports_in(source, "searcher.engine")
    assert imports == {"searcher.read.search", "searcher.read", "searcher.write.ingest", "searcher.cli"}
    assert {part_of(target) for target in imports} - ALLOWED["engine"] == {"read", "write", "cli"}
    assert "searcher.write.ingest" in searcher_imports(PACKAGE / "index.py")  # imported inside a method


def test_the_core_never_loads_the_web_pages_packages() -> None:
    """`import searcher`, a search and the command's module load neither Starlette, uvicorn, Jinja2
    nor the web package: only `searcher serve` does."""
    import subprocess
    import sys

    code = (
        "import sys, searcher, searcher.cli, searcher.index, searcher.read.search; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('starlette', 'uvicorn', 'jinja2', 'numpy', 'dask', 'distributed') "
        "or m in ('searcher.web', 'searcher.cluster')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
