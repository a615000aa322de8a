"""The web app's write endpoints: POST /api/ingest (URLs, pasted text, uploads) and DELETE /api/articles/{id}.

Both need the write token when the server listens beyond 127.0.0.1. Ingest answers in the
caller's language: for htmx, a progress fragment that polls /ingest/jobs/{id} until every page
is done; for a plain form post, the whole page once all are done; otherwise JSON. Pages wait
in a bounded queue and are analysed in worker processes (ingest_jobs.py), never on the threads
that answer reads; a full queue answers 429 with Retry-After.
Only http(s) addresses are fetched: a web user can never make the server read its own files.
Writes a browser sends from another site's page are refused (no token is needed on 127.0.0.1,
so any page the user visits could otherwise post a form here).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from functools import partial
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response

from storyline.config import Settings
from storyline.ingest.fetch import fetch_page
from storyline.ingest.urls import is_web_url
from storyline.model import Failure, Page, Stage
from storyline.pipeline import submitted_page

from .api import Id, require_write_token, store_of, token_required
from .ingest_jobs import IngestJobs, QueueFull, Step
from .render import render

JOBS = IngestJobs()


def require_same_origin(request: Request) -> None:
    """Refuse a write whose Origin header (set by browsers, not by scripts) names another site."""
    origin = request.headers.get("origin")
    if origin is not None and (origin == "null" or urlsplit(origin).netloc != request.headers.get("host")):
        raise HTTPException(403, "writes from another site's page are refused")


router = APIRouter(tags=["write"])
WRITE_GUARDS = [Depends(require_same_origin), Depends(require_write_token)]


def read_url(url: str, settings: Settings) -> Page | Failure:
    if not is_web_url(url):
        return Failure(url, Stage.INGEST, "only http:// and https:// addresses can be fetched")
    return fetch_page(url, max_bytes=settings.max_page_bytes)


def pasted_source(content: bytes) -> str:
    """A stable name for pasted text: the same text twice is the same page, other texts are not."""
    return f"pasted:{hashlib.sha256(content).hexdigest()[:16]}"


def ingest_steps(urls: str, text: str, text_url: str, uploads: list[tuple[str, bytes]],
                 settings: Settings) -> list[Step]:
    """One step per submitted page: an address to fetch, pasted text, an upload's name and bytes."""
    limit = settings.max_page_bytes
    steps: list[Step] = [(url, partial(read_url, url, settings))
                         for url in (line.strip() for line in urls.splitlines()) if url]
    if text.strip():
        content = text.replace("\r\n", "\n").encode("utf-8")  # a browser sends a textarea's lines with CRLF
        source = pasted_source(content)
        steps.append((source, partial(submitted_page, source, content, limit, text_url.strip() or None)))
    for name, content in uploads:
        source = f"upload:{name}"
        steps.append((source, partial(submitted_page, source, content, limit)))
    return steps


@router.post("/api/ingest", dependencies=WRITE_GUARDS)
async def ingest(request: Request, urls: str = Form(""), text: str = Form(""), text_url: str = Form(""),
                 files: list[UploadFile] = File(default=[])):
    """Queue the pages and answer without holding a thread: reads go on while they are analysed."""
    settings: Settings = request.app.state.settings
    uploads = [(upload.filename, await upload.read(settings.max_page_bytes + 1))  # submitted_page refuses what is over
               for upload in files if upload.filename]  # an empty file input still sends one nameless part
    steps = ingest_steps(urls, text, text_url, uploads, settings)
    if len(steps) > settings.ingest_queue:
        return JSONResponse({"detail": f"{len(steps)} pages at once is more than the ingest queue holds "
                                       f"({settings.ingest_queue}); send them in smaller groups"}, status_code=413)
    try:
        job = JOBS.start(steps, store_of(request), settings)
    except QueueFull as full:
        return JSONResponse({"detail": f"The ingest queue is full ({JOBS.queued} pages waiting); "
                                       f"try again in {full.retry_after} s."},
                            status_code=429, headers={"Retry-After": str(full.retry_after)})
    error = None if steps else "Nothing to ingest: give an address, paste some text or choose a file."
    if request.headers.get("HX-Request"):
        return render("_ingest_results.html", job_id=job.id, progress=job.progress(), error=error)
    outcomes = await job.outcomes_when_done()
    if "text/html" in request.headers.get("accept", ""):
        return render("ingest.html", status_code=400 if error else 200, nav="/ingest", job_id=None,
                      progress=(outcomes, []), error=error, token_needed=token_required(request))
    if error:
        return JSONResponse({"detail": error}, status_code=400)
    return {"outcomes": [asdict(o) for o in outcomes]}


@router.get("/ingest/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def ingest_progress(request: Request, job_id: str):
    job = JOBS.get(job_id)
    if job is None:
        return render("_ingest_results.html", status_code=404, job_id=None, progress=([], []),
                      error="This ingest is no longer known (the server may have restarted); see the recent articles.")
    return render("_ingest_results.html", job_id=job.id, progress=job.progress(), error=None)


@router.delete("/api/articles/{article_id}", dependencies=WRITE_GUARDS)
def delete_article(request: Request, article_id: Id):
    if not store_of(request).delete_article(article_id):
        return JSONResponse({"detail": f"no article {article_id}"}, status_code=404)
    if request.headers.get("HX-Request"):
        return Response(status_code=200, headers={"HX-Redirect": f"/?deleted={article_id}"})  # says so there
    return {"deleted": article_id}
