"""Rendering HTML safely: one autoescaping Jinja2 environment, its filters, and the security headers.

Article text comes from arbitrary web pages, so nothing from the store is ever marked safe
except search snippets, which are rebuilt here so only <mark> tags survive.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path, PurePath

import fastapi_offline
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from storyline.ingest.urls import is_web_url
from storyline.model import speaker_label
from storyline.threads.revisions import change_summary

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".LICENSE": "text/plain"}
# Swagger UI for /docs, as the fastapi-offline package ships it (MIT; Swagger UI is Apache-2.0)
VENDORED = Path(fastapi_offline.__file__).parent / "static"
STATIC_FILES = {p.name: p for p in [*STATIC.iterdir(), VENDORED / "swagger-ui-bundle.js", VENDORED / "swagger-ui.css"]
                if p.suffix in STATIC_TYPES}

# No inline script or style anywhere: a script injected into a page we show can never run.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def day(value: str | None) -> str | None:
    """The date part of an ISO 8601 date or datetime, for listings."""
    return value[:10] if value else None


def moment(value: str | None) -> str | None:
    """An ISO 8601 time to the minute ("2026-04-07 08:10"), or the date alone when that is all there is."""
    return value[:16].replace("T", " ") if value else None


def snippet(value: str | None) -> Markup:
    """A store search snippet (escaped text with <mark> hit markers), rebuilt so only <mark> gets through."""
    parts = re.split(r"(</?mark>)", value or "")
    return Markup("").join(Markup(p) if p in ("<mark>", "</mark>") else escape(html.unescape(p)) for p in parts)


def safe_url(value: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None: never a javascript: or data: link."""
    if not value:
        return None
    return value.strip() if is_web_url(value.strip()) else None


def source_name(source: str) -> str:
    """Where an article came from, for readers: a URL or pasted/uploaded name as it is, a file
    on the server by its name only (its folder tells readers nothing and the server's layout
    is nobody's business)."""
    if "://" in source or source.startswith(("pasted:", "upload:", "-")):
        return source
    return PurePath(source).name or source


def _asset_urls() -> dict[str, str]:
    """/static URLs that change whenever a file does, so browsers may cache them for long."""
    return {name: f"/static/{name}?v={hashlib.sha256(path.read_bytes()).hexdigest()[:10]}"
            for name, path in STATIC_FILES.items()}


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(day=day, moment=moment, snippet=snippet, source_name=source_name, change_summary=change_summary)
    env.globals.update(assets=_asset_urls(), speaker_label=speaker_label)
    return env


ENVIRONMENT = _environment()


def render(template: str, status_code: int = 200, **context) -> HTMLResponse:
    """A whole page, or the named template alone as a fragment; with the security headers."""
    body = ENVIRONMENT.get_template(template).render(**context)
    return HTMLResponse(body, status_code=status_code, headers=SECURITY_HEADERS)


def error_page(status_code: int, heading: str, message: str) -> HTMLResponse:
    return render("error.html", status_code=status_code, heading=heading, message=message, nav=None)
