"""Stage `ingest`: where pages come from (files, folders, globs, stdin, URLs, feeds, WARC) → Page."""

from storyline.ingest.sources import read_pages

__all__ = ["read_pages"]
