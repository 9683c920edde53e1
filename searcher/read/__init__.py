"""The read path: query text in, ranked hits out.

Parsing the query language (`query`, `querytext`, `querydates`), running it (`search`), marking
hits (`highlights`), suggestions, facets, relevance feedback and quote search, all over the
engine's evaluator and scoring.
"""
