"""Running the web page: a socket on the address asked for, uvicorn serving the app on it."""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import webbrowser
from collections.abc import Callable
from typing import TYPE_CHECKING

import uvicorn

from .app import create_app

if TYPE_CHECKING:
    from ..index import Index

BACKLOG = 2048  # connections the kernel holds until the server takes them (uvicorn's own default)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host`."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    index_dir: str | os.PathLike[str],
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    open_browser: bool = False,
    say: Callable[[str], None] = print,
    index: Index | None = None,
) -> None:
    """Serve the page over the index until interrupted. The index is opened and the port bound
    and listening before anything is announced, so a missing index or a taken port fails at once
    (`SearcherError`, `OSError`), and a request made as soon as the address is printed waits for
    the server rather than being refused. Port 0 takes a free port; the address announced is the
    real one. `index`, when given, is the index opened already (`create_app`)."""
    app = create_app(index_dir, index=index)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        app.state.archive.close()
        raise
    sock.set_inheritable(True)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{bound}/"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    say(f"Serving {index_dir} at {url} (read-only; Ctrl-C stops)")
    if open_browser:
        threading.Thread(target=_open_when_up, args=(server, url), daemon=True).start()
    server.run(sockets=[sock])


def _open_when_up(server: uvicorn.Server, url: str) -> None:
    for _ in range(100):
        if server.started:
            webbrowser.open(url)
            return
        threading.Event().wait(0.05)
