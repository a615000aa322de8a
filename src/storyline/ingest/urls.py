"""One answer to "is this a web address?" for every reader of one: command-line arguments, the
web app's address field, each hop of a fetch, the links the pages show.

The scheme is read in any case, as browsers read it: `HTTP://host/x` is a web address, never a
path. Two readers that disagreed let the web app read a server file through a folder named
`HTTP:` (the web check lowercased the scheme, the file reader did not).
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_url(text: str) -> bool:
    """An http or https URL, scheme in any case, with a host name."""
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
