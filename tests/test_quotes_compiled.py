"""The quote finder as installed (compiled by mypyc where a C compiler was at hand, see setup.py)
finds exactly what its Python source finds. It also catches a stale build: after an edit to
`quotes.py`, an editable install keeps importing the old extension until `pip install -e .`."""

from __future__ import annotations

import gzip
import json

from conftest import SEED, SHARED, quotes_source
from hypothesis import given, settings
from hypothesis import strategies as st

import searcher.parse.quotes as installed

POLNEAR = SHARED / "data" / "quotes" / "polnear" / "polnear_shared.jsonl.gz"
STALE = "the installed quote finder and searcher/parse/quotes.py disagree: rebuild with `pip install -e .`"


SOURCE = quotes_source()


def test_source_is_loaded_as_python() -> None:
    assert SOURCE.__file__.endswith("quotes.py")
    assert SOURCE.find_quotes is not installed.find_quotes


def test_real_articles_give_the_same_quotes() -> None:
    from searcher.parse.text import parse_text

    with gzip.open(POLNEAR, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    texts.append(SEED.read_text(encoding="utf-8"))
    bodies = [parse_text(text).body for text in texts]
    found = 0
    for body in bodies:
        expected = SOURCE.find_quotes(body)
        assert installed.find_quotes(body) == expected, STALE
        found += len(expected)
    assert found > len(bodies)  # the comparison saw many quotes, not empty lists


_PIECES = st.sampled_from(
    ['"', "“", "”", "„", " ", "\n\n", ",", ".", ":", "said", "he", "she", "Mr.", "Nora Fenwick", "Fenwick"]
)


@settings(max_examples=200)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map("".join))
def test_any_text_gives_the_same_quotes(body: str) -> None:
    assert installed.find_quotes(body) == SOURCE.find_quotes(body), STALE
