"""The page size limit in one place: how a size reads, and the failure for a page over it.

Every reader (files, stdin, URLs, WARC records, uploads) and the extractor hold pages to the
same limit (config.DEFAULT_MAX_PAGE_BYTES unless STORYLINE_MAX_PAGE_BYTES says otherwise), so a
huge or hostile page is refused with the same one-line reason wherever it came in.
"""

from __future__ import annotations

from storyline.model import Failure, Stage

MB = 1024 * 1024


def human_size(n_bytes: int) -> str:
    """"97.7 kB", "25.3 MB", "20 MB": one decimal, none when it is zero."""
    value, unit = (n_bytes / MB, "MB") if n_bytes >= MB else (n_bytes / 1024, "kB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def over_limit(size: int, max_bytes: int) -> str:
    return f"page is {human_size(size)}, over the {human_size(max_bytes)} limit"


def too_large(source: str, size: int, max_bytes: int) -> Failure:
    return Failure(source, Stage.INGEST, over_limit(size, max_bytes))
