"""Builds the quote finder ahead of time with mypyc, for speed: it runs inside every parse.

`searcher/parse/quotes.py` is plain, fully typed Python. mypyc turns it into a C extension that
finds the same quotes in about a fifth of the time; the import system prefers the extension to the
source.
Without a C compiler (or if mypyc fails), the package installs as plain Python and works the same.
After editing `quotes.py` in an editable install, rerun `pip install -e .` to rebuild it
(`tests/test_quotes_compiled.py` fails while the built module and the source disagree).
"""

import sys

from setuptools import setup

COMPILED = ["searcher/parse/quotes.py"]


def compiled_extensions() -> list:
    try:
        from mypyc.build import mypycify

        extensions = mypycify(
            ["--follow-imports=silent", "--ignore-missing-imports", *COMPILED], opt_level="3"
        )
    except (Exception, SystemExit) as error:  # mypycify exits on a type error
        print(f"warning: not compiling {', '.join(COMPILED)} ({error}); it runs as Python", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # a failed C build leaves the Python module in place
    return extensions


setup(ext_modules=compiled_extensions())
