"""`searcher serve`: what it needs, where it listens, and a real server answering on a free port."""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

import pytest
import webcorpus
from click.testing import CliRunner

from searcher.cli import cli


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return webcorpus.build(tmp_path_factory.mktemp("serve") / "index")


def test_without_the_extra_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch, index_path: Path) -> None:
    for name in [m for m in sys.modules if m == "searcher.web" or m.startswith("searcher.web.")]:
        monkeypatch.delitem(sys.modules, name)
    for package in ("starlette", "uvicorn", "jinja2"):  # as if not installed, loaded parts included
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            monkeypatch.setitem(sys.modules, name, None)
        monkeypatch.setitem(sys.modules, package, None)
    result = CliRunner().invoke(cli, ["serve", "--index", str(index_path)])
    assert result.exit_code == 1
    assert (
        result.output.strip() == "Error: searcher serve needs the web extra: pip install 'news-searcher[web]'"
    )


def test_another_host_than_loopback_warns_that_there_is_no_login(
    monkeypatch: pytest.MonkeyPatch, index_path: Path
) -> None:
    import searcher.web.server as server

    calls = []
    monkeypatch.setattr(server, "serve", lambda *args, **kwargs: calls.append((args, kwargs)))
    loud = CliRunner().invoke(cli, ["serve", "--index", str(index_path), "--host", "0.0.0.0", "--port", "0"])
    assert loud.exit_code == 0 and calls
    assert "has no login" in loud.stderr
    quiet = CliRunner().invoke(cli, ["serve", "--index", str(index_path), "--port", "0"])
    assert quiet.exit_code == 0 and "warning" not in quiet.stderr
    assert calls[-1][0][1:] == ("127.0.0.1", 0)


def test_a_missing_index_is_one_line_before_anything_listens(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--index", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code != 0
    assert "no index at" in result.output and "Traceback" not in result.output


def test_a_taken_port_is_one_line(index_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--index", str(index_path), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot listen on 127.0.0.1:{port}")


@pytest.mark.slow
def test_a_real_server_answers_on_the_port_it_announces(index_path: Path) -> None:
    with webcorpus.served(index_path) as (process, line):
        assert line.startswith("Serving ") and "http://127.0.0.1:" in line
        with urllib.request.urlopen(webcorpus.announced_url(line) + "?q=bail", timeout=10) as response:
            page = response.read().decode()
        assert "reform hearing number" in page
    rest, errors = process.stopped
    assert (process.returncode, rest.strip(), errors) == (0, "Stopped.", "")  # SIGTERM stops it cleanly
