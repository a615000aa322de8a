"""Stage `extract`: Page → Article (clean body, paragraphs with offsets, metadata) or Failure."""

from storyline.extract.page import extract_article

__all__ = ["extract_article"]
