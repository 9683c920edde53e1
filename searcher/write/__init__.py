"""The write path: files in, segments out.

Change detection and the parsing workers (`ingest`), grouping new articles with the stories
already indexed (`grouping`); the engine turns what they produce into postings and segments.
"""
