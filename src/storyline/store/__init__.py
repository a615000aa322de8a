"""Storage: one SQLAlchemy Core query layer over SQLite (default) or Postgres.

    store = open_store("storyline.db")          # or "postgresql://user@host/db"
    result = store.save(analysed)               # SaveResult("ingested" | "unchanged" | "new_version", id)
    store.list_quotes(speaker="Putin")          # Page[Quote]: .total, .limit, .offset, .items

Reads return the typed records of records.py (pydantic models; the JSON API serves them as
they are); their shapes are in docs/SCHEMA.md.
"""

from .params import InvalidQuery
from .save import SaveResult
from .store import Store, open_store

__all__ = ["InvalidQuery", "SaveResult", "Store", "open_store"]
