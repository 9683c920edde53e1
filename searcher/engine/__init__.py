"""The index machinery: the only code that knows Whoosh's internals.

What an article becomes in the index (schema, analysis, name variants, postings, sketches), the
segment writer, the query evaluator and BM25 scoring, the spelling word lists, and the contract
with the installed Whoosh (version check, marked segments, leftovers). It imports nothing from
`parse`, `write`, `read` or `cli`; they reach Whoosh only through it.
"""
