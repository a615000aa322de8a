"""The web app's write endpoints: POST /api/ingest (URLs, pasted text, uploads) and DELETE /api/articles/{id}.

Both need the write token when the server listens beyond 127.0.0.1. Each answers in the
caller's language: an htmx fragment, a whole HTML page for a plain form post, or JSON.
Only http(s) addresses are fetched: a web user can never make the server read its own files.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from storyline.pipeline import IngestReport, ingest_bytes, ingest_pages

from .api import require_write_token, store_of, token_required
from .render import render

router = APIRouter()

STATUS_LABELS = {"ingested": "Ingested", "unchanged": "Already stored", "new_version": "New version", "failed": "Failed"}


@dataclass(frozen=True)
class Outcome:
    """What happened to one submitted page."""

    source: str
    status: str  # "ingested", "unchanged", "new_version" or "failed"
    article_id: int | None = None
    stage: str | None = None
    reason: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def outcome_of(source: str, report: IngestReport) -> Outcome:
    """The outcome of a one-page report."""
    if report.failed:
        failure = report.failed[0]
        return Outcome(source, "failed", stage=failure.stage, reason=failure.reason)
    status = "unchanged" if report.unchanged else "new_version" if report.new_versions else "ingested"
    return Outcome(source, status, article_id=report.article_ids[0])


def failed(source: str, stage: str, reason: str) -> Outcome:
    return Outcome(source, "failed", stage=stage, reason=reason)


def ingest_urls(lines: str, store, settings) -> list[Outcome]:
    outcomes = []
    for url in (line.strip() for line in lines.splitlines()):
        if not url:
            continue
        if not url.lower().startswith(("http://", "https://")):
            outcomes.append(failed(url, "ingest", "only http:// and https:// addresses can be fetched"))
            continue
        outcomes.append(outcome_of(url, ingest_pages([url], store, settings)))
    return outcomes


def pasted_source(content: bytes) -> str:
    """A stable name for pasted text: the same text twice is the same story, other texts are not."""
    return f"pasted:{hashlib.sha256(content).hexdigest()[:16]}"


def ingest_uploads(files: list[UploadFile], store, settings) -> list[Outcome]:
    outcomes = []
    for upload in files:
        if not upload.filename:
            continue  # an empty file input still sends one nameless part
        source = f"upload:{upload.filename}"
        content = upload.file.read(settings.max_page_bytes + 1)  # ingest_bytes refuses what is over the limit
        outcomes.append(outcome_of(source, ingest_bytes(source, content, store, settings)))
    return outcomes


@router.post("/api/ingest", dependencies=[Depends(require_write_token)])
def ingest(request: Request, urls: str = Form(""), text: str = Form(""), text_url: str = Form(""),
           files: list[UploadFile] = File(default=[])):
    store, settings = store_of(request), request.app.state.settings
    outcomes = ingest_urls(urls, store, settings)
    if text.strip():
        content = text.encode("utf-8")
        source = pasted_source(content)
        outcomes.append(outcome_of(source, ingest_bytes(source, content, store, settings, url=text_url.strip() or None)))
    outcomes += ingest_uploads(files, store, settings)
    error = None if outcomes else "Nothing to ingest: give an address, paste some text or choose a file."
    status = 400 if error else 200
    if request.headers.get("HX-Request"):
        return render(request, "_ingest_results.html", status_code=200, outcomes=outcomes, error=error)
    if "text/html" in request.headers.get("accept", ""):
        return render(request, "ingest.html", status_code=status, nav="/ingest", outcomes=outcomes, error=error,
                      token_needed=token_required(request))
    if error:
        return JSONResponse({"detail": error}, status_code=400)
    return {"outcomes": [asdict(o) for o in outcomes]}


@router.delete("/api/articles/{article_id}", dependencies=[Depends(require_write_token)])
def delete_article(request: Request, article_id: int):
    if not store_of(request).delete_article(article_id):
        return JSONResponse({"detail": f"no article {article_id}"}, status_code=404)
    if request.headers.get("HX-Request"):
        return Response(status_code=200, headers={"HX-Redirect": "/"})
    return {"deleted": article_id}
