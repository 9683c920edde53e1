"""The `searcher` command: parses arguments, calls the library, renders its results."""

from .commands import cli, main

__all__ = ["cli", "main"]
