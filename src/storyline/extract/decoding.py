"""Bytes → text: refuse binary files, find the encoding, tell HTML from plain text.

A declared charset (HTTP header, BOM, <meta charset>) is honoured, even with a few bad bytes
(replaced): a UTF-8 page with one stray byte is still UTF-8, and a guess from byte statistics
would read all of it as some Central European code page. Then UTF-8 is tried the same way,
and charset-normalizer guesses only as a last resort because guessing is the slow path.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes


class PageRejected(Exception):
    """The page cannot become an article; the message is the user-facing reason."""


@dataclass(frozen=True)
class DecodedPage:
    text: str
    encoding: str
    is_html: bool


# Leading bytes of common binary formats a crawler or a user may hand us by mistake.
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"RIFF": "a RIFF media file",
    b"OggS": "an Ogg media file",
    b"ID3": "an MP3 file",
    b"\x00\x00\x00": "a binary media file",
}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_HEADER_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_HTML_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|main|section|span|a)\b", re.IGNORECASE
)
_SNIFF_BYTES = 4096
# Control characters other than the whitespace ones (tab, newlines, vertical tab, form feed).
_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f]")
# Text has next to no control characters; binary bytes decoded as text have many.
BINARY_CONTROL_SHARE = 0.05
_LATIN_DECLARATIONS = {"latin-1", "iso8859-1", "ascii", "cp1252"}
# A declared encoding is kept when at most this share of the non-ASCII bytes fails to decode.
BAD_BYTE_SHARE = 0.01
BAD_BYTES_ALWAYS_TOLERATED = 3


def decode_page(content: bytes, content_type: str | None = None) -> DecodedPage:
    """Decode raw page bytes, or raise PageRejected saying why they are not a page."""
    if not content.strip():
        raise PageRejected("empty page: no bytes to extract" if not content else "empty page: only whitespace")
    encoding = _bom_encoding(content)
    if encoding is None:
        _refuse_binary(content)
    text, encoding = _decode(content, encoding or _declared_charset(content, content_type))
    if _control_share(text[:_SNIFF_BYTES]) > BINARY_CONTROL_SHARE:
        raise PageRejected("binary content, not a text or HTML page")
    head = text[:_SNIFF_BYTES]
    # A server saying text/plain is believed: quoted markup in a text scrape is not HTML.
    declared_type = (content_type or "").lower()
    is_html = "html" in declared_type or ("text/plain" not in declared_type and bool(_HTML_MARKUP.search(head)))
    return DecodedPage(text, encoding, is_html)


def _bom_encoding(content: bytes) -> str | None:
    return next((name for bom, name in _BOMS if content.startswith(bom)), None)


def _refuse_binary(content: bytes) -> None:
    for signature, kind in _BINARY_SIGNATURES.items():
        if content.startswith(signature):
            raise PageRejected(f"binary content ({kind}), not a text or HTML page")
    if b"\x00" in content[:_SNIFF_BYTES]:
        raise PageRejected("binary content (NUL bytes), not a text or HTML page")


def _declared_charset(content: bytes, content_type: str | None) -> str | None:
    """The charset from the HTTP Content-Type, else from a <meta> tag near the top."""
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(content[:_SNIFF_BYTES])
    for name in (header.group(1) if header else None, meta.group(1).decode("ascii", "ignore") if meta else None):
        if name and _known_codec(name):
            # Bytes that get here hold no NUL (no BOM either), so they are not UTF-16/32 whatever
            # the label says: browsers read such a label as UTF-8 (WHATWG encoding sniffing).
            return "utf-8" if codecs.lookup(name).name.startswith(("utf-16", "utf-32")) else name
    return None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _decode(content: bytes, declared: str | None) -> tuple[str, str]:
    candidates = [declared, "utf-8"]
    if declared and codecs.lookup(declared).name in _LATIN_DECLARATIONS:
        # Browsers read Latin-1/ASCII labels as cp1252, and a page that is valid UTF-8
        # despite such a label is UTF-8: Latin-1 text almost never forms valid UTF-8.
        candidates = ["utf-8", "cp1252", declared]
    for encoding in candidates:
        if encoding:
            try:
                return content.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    for encoding in dict.fromkeys(name for name in candidates if name):
        if (text := _with_few_bad_bytes(content, encoding)) is not None:
            return text, encoding
    guess = _best_guess(content)
    if guess is None:
        raise PageRejected("binary content: no text encoding fits these bytes")
    return str(guess), guess.encoding


def _with_few_bad_bytes(content: bytes, encoding: str) -> str | None:
    """The text with its few undecodable bytes replaced, or None when there are too many, or
    when they outnumber the characters that decoded well (Latin-1 bytes are not UTF-8)."""
    text = content.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - content.count("\ufffd".encode(encoding, errors="ignore") or b"\xff\xff")
    non_ascii_bytes = len(content.translate(None, bytes(range(0x80))))
    decoded_well = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    tolerated = max(BAD_BYTES_ALWAYS_TOLERATED, BAD_BYTE_SHARE * non_ascii_bytes)
    return text if bad <= tolerated and decoded_well > bad else None


def _best_guess(content: bytes):
    """charset-normalizer's best match; among equally good ones, cp1252, as browsers do.

    Short Western text fits cp1250, cp1252 and cp1257 equally well by byte statistics, and
    the detector's own order then picks by name; cp1252 is far more common on the web."""
    matches = list(from_bytes(content))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return next((m for m in tied if "cp1252" in m.could_be_from_charset), best)


def _control_share(text: str) -> float:
    """Share of control characters other than whitespace: high for binary decoded as text."""
    if not text:
        return 0.0
    return len(_CONTROL_CHARACTER.findall(text)) / len(text)
