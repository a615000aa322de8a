"""The outlet's name as a reader knows it: the site name a page declares, unless that is debris.

Sites declare names that name nothing: a copyright line ("Copyright 2014"), a handle
("Wday_"), an address, or one word the site's own address does not carry ("Hosted" on
hosted.ap.org, "Experience" on expapp.com). The page's host names the outlet then.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from storyline.keys import outlet_key

# Labels that sit between a site's own name and the top-level domain ("bbc.co.uk", "x.sc.gov.br").
SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "edu", "ac", "or", "ne", "go", "sc", "nic"})
_COPYRIGHT = re.compile(r"copyright|©|\(c\)|all rights reserved|\b(?:19|20)\d\d\b", re.IGNORECASE)
_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)+)/?$", re.IGNORECASE)


def outlet_name(declared: str | None, url: str | None) -> str | None:
    """The declared site name cleaned of handle marks, else the page's host without "www."."""
    host = (urlsplit(url).hostname or "") if url else ""
    host = host.removeprefix("www.")
    name = (declared or "").strip().strip("@_-|:").strip()
    address = _ADDRESS.match(name)
    if address and name.lower().startswith(("http", "www.")):  # _ADDRESS holds a dot and no space
        return address.group(1).lower()
    if not name or _COPYRIGHT.search(name) or (host and " " not in name and not _carries(name, host)):
        return host or None
    return name


def _carries(name: str, host: str) -> bool:
    """Whether a one-word name is the site's own label ("Wired" on wired.com, "BarronsOnline" on
    barrons.com, "Phys.org" on phys.org), not another word. A coined name may be a sub-site's
    ("ProFootballTalk" on profootballtalk.nbcsports.com); a plain word must be the site's
    ("Hosted" on hosted.ap.org is not). Names in other scripts cannot be compared."""
    if not name.isascii():
        return True
    labels = host.lower().split(".")[:-1]
    while len(labels) > 1 and labels[-1] in SECOND_LEVEL:
        labels.pop()
    coined = any(ch.isupper() or ch.isdigit() for ch in name[1:])
    key = outlet_key(name)
    return any(_alike(key, outlet_key(label)) for label in (labels if coined else labels[-1:]))


def _alike(key: str, label: str) -> bool:
    shared = next((i for i, (a, b) in enumerate(zip(key, label)) if a != b), min(len(key), len(label)))
    return bool(label) and (label in key or key in label or shared >= 4)
