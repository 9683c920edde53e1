"""Import Whoosh without the modules it imports but never uses for reading or searching an index.

`whoosh.compat` imports `urllib.request` (and with it http.client, email, ssl: ~25 ms) for one
function, `urlretrieve`, that nothing on our path calls; `whoosh.reading` imports the
`cached_property` package, which imports asyncio (~15 ms) for variants Whoosh does not use;
`whoosh.query.terms` imports `whoosh.lang.morph_en` (~10 ms of regular expressions compiled) for
the `Variations` query, which we never build. A one-shot `searcher search` pays all three on every
run. `load()` imports those Whoosh modules while light stand-ins sit in `sys.modules` (each
stand-in's function imports the real module the first time it is called), then takes the
stand-ins out again, so any later import gets the real module. A stand-in is left out when
its real module, or the Whoosh module that imports it, is already imported.

Only the command line calls `load()`: while it runs, another thread importing `urllib.request`
would get the stand-in, which a single-threaded command can rule out and a library cannot.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _urlretrieve(*args, **kwargs):
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(word):
    from whoosh.lang.morph_en import variations

    return variations(word)


class _cached_property:
    """A property computed once per instance, then stored in its `__dict__` (as the package does)."""

    def __init__(self, func) -> None:
        self.__doc__ = getattr(func, "__doc__", None)
        self.func = func

    def __get__(self, obj, cls):
        if obj is None:
            return self
        value = obj.__dict__[self.func.__name__] = self.func(obj)
        return value


_STAND_INS = {
    # module: (the Whoosh module that imports it, the name it takes, its stand-in)
    "urllib.request": ("whoosh.compat", "urlretrieve", _urlretrieve),
    "cached_property": ("whoosh.reading", "cached_property", _cached_property),
    "whoosh.lang.morph_en": ("whoosh.query.terms", "variations", _variations),
}


def load() -> None:
    stand_ins = {}
    for name, (importer, attribute, value) in _STAND_INS.items():
        if name not in sys.modules and importer not in sys.modules:
            module = ModuleType(name)
            setattr(module, attribute, value)
            stand_ins[name] = module
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat
        import whoosh.query
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
