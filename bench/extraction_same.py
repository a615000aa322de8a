"""Check that a change to extraction leaves every article as it was: all fields of all bench pages.

Usage: python bench/extraction_same.py --dump before.json   (on the old code)
       python bench/extraction_same.py --dump after.json --against before.json
Reads the zyte set (decoded HTML, charset given) and the multisite set (raw bytes, no hint) the
way bench/extraction.py feeds Storyline, and prints every page whose article or failure differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction import load_multisite, load_zyte, storyline_page  # noqa: E402

from storyline.extract import extract_article  # noqa: E402
from storyline.model import Article  # noqa: E402

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench"


def articles(zyte: Path, multisite: Path) -> dict[str, dict]:
    """Every field of every bench article (or its failure), by page id."""
    found = {}
    for page in [*load_zyte(zyte), *load_multisite(multisite)]:
        result = extract_article(storyline_page(page.page_id, page.document, page.url))
        fields = asdict(result) if isinstance(result, Article) else {"failure": result.reason}
        fields.pop("fetched_at", None)
        found[page.page_id] = json.loads(json.dumps(fields, default=str))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zyte", type=Path, default=SHARED / "extraction")
    parser.add_argument("--multisite", type=Path, default=SHARED / "extraction-multisite")
    parser.add_argument("--dump", type=Path, required=True, help="write this run's articles here (JSON)")
    parser.add_argument("--against", type=Path, help="an earlier dump to compare with")
    args = parser.parse_args()
    found = articles(args.zyte, args.multisite)
    args.dump.write_text(json.dumps(found, ensure_ascii=False, indent=0))
    if args.against is None:
        print(f"{len(found)} articles written to {args.dump}")
        return
    before = json.loads(args.against.read_text())
    changed = sorted(key for key in before.keys() | found.keys() if before.get(key) != found.get(key))
    for key in changed:
        old, new = before.get(key) or {}, found.get(key) or {}
        fields = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
        print(key)
        for name in fields:
            print(f"  {name}: {str(old.get(name))[:150]!r} -> {str(new.get(name))[:150]!r}")
    print(f"{len(changed)} of {len(found)} articles differ")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
