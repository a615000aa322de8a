"""How a file is named in a page's source, the failures table and the terminal.

Python keeps file-name bytes that are not UTF-8 as lone surrogates, which no store, Parquet
file or terminal accepts: one such name made every `batch` run fail and `ingest` lose the page.
"""

from __future__ import annotations

from pathlib import Path


def path_label(path: Path | str) -> str:
    """The path as text, with bytes that are not UTF-8 shown as �."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
