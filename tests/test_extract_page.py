"""Bad input never raises: each kind becomes a Failure with a reason a user can act on."""

from __future__ import annotations

import hashlib

from storyline.extract import extract_article
from storyline.model import Article, Failure, Page

MB = 1024 * 1024
STORY = (
    "<p>Le café du marché a rouvert ses portes lundi après trois mois de travaux, à la grande joie "
    "des habitués qui s’y retrouvent chaque matin.</p>"
    "<p>Les nouveaux propriétaires ont gardé le comptoir en zinc et les banquettes d’origine, "
    "mais la carte propose désormais des plats végétariens préparés sur place.</p>"
)
ENGLISH_STORY = (
    "<p>The harbour bridge reopened on Monday after three months of repairs, and commuters said "
    "the new cycle lanes were a welcome change from the detours they had endured since spring.</p>"
    "<p>City engineers said the steel deck had been replaced in sections so that ferries could keep "
    "running underneath, and that the work finished a week ahead of the schedule agreed in June.</p>"
)


def _page(content: bytes, content_type: str | None = None) -> Page:
    return Page(source="test-page", content=content, content_type=content_type)


def _html(story: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Local news</title></head><body><article>{story}</article></body></html>"


def _failure_reason(content: bytes, **options) -> str:
    result = extract_article(_page(content), **options)
    assert isinstance(result, Failure), result
    assert result.stage == "extract" and result.source == "test-page"
    assert "\n" not in result.reason
    return result.reason


def test_empty_page() -> None:
    assert _failure_reason(b"").startswith("empty page")
    assert _failure_reason(b"  \n\t ").startswith("empty page")


def test_binary_pages() -> None:
    assert "PNG" in _failure_reason(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert "PDF" in _failure_reason(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert "NUL" in _failure_reason(b"<html>" + b"\x00\x01\x02" * 100)


def test_page_over_the_size_limit() -> None:
    assert _failure_reason(b"a" * int(25.3 * MB)) == "page is 25.3 MB, over the 20 MB limit"
    assert _failure_reason(b"<p>x</p>" * (MB // 5), max_bytes=MB) == "page is 1.6 MB, over the 1 MB limit"


def test_page_without_an_article() -> None:
    menu = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(20))
    assert _failure_reason(_html(f"<nav><ul>{menu}</ul></nav>").encode()) == "no article text found"


def test_truncated_html_keeps_what_it_can() -> None:
    whole = _html(ENGLISH_STORY).encode()
    cut = whole[: whole.index(b"City engineers") + 60]
    result = extract_article(_page(cut))
    assert isinstance(result, Article)
    assert result.body.startswith("The harbour bridge reopened on Monday")
    assert _failure_reason(b"<html><head><title>Local news</title></head><bo") == "no article text found"


def test_cp1252_bytes_without_a_declared_charset() -> None:
    result = extract_article(_page(_html(STORY).encode("cp1252")))
    assert isinstance(result, Article)
    assert "Le café du marché a rouvert" in result.body
    assert "s’y retrouvent" in result.body
    assert result.language == "fr"


def test_declared_charset_is_honoured() -> None:
    latin = _html(STORY.replace("’", "'"), head='<meta charset="iso-8859-1">').encode("latin-1")
    result = extract_article(_page(latin))
    assert isinstance(result, Article) and "végétariens" in result.body
    from_header = extract_article(_page(_html(STORY).encode("cp1252"), "text/html; charset=windows-1252"))
    assert isinstance(from_header, Article) and "d’origine" in from_header.body


def test_utf8_page_mislabelled_as_latin1_reads_as_utf8() -> None:
    result = extract_article(_page(_html(STORY, head='<meta charset="iso-8859-1">').encode("utf-8")))
    assert isinstance(result, Article) and "café" in result.body and "Ã" not in result.body


def test_content_hash_is_sha256_of_the_raw_bytes() -> None:
    raw = _html(ENGLISH_STORY).encode()
    result = extract_article(_page(raw))
    assert isinstance(result, Article)
    assert result.content_hash == hashlib.sha256(raw).hexdigest()
    assert result.language == "en"
    assert result.paragraph_texts()[1].startswith("City engineers said")


def test_plain_text_non_english_page() -> None:
    text = (
        "Die Stadtverwaltung hat am Dienstag beschlossen, das Busnetz auf drei neue Stadtteile "
        "auszuweiten, was nach Angaben der Behörden die Pendelzeiten für Tausende verkürzen soll."
    )
    result = extract_article(_page(text.encode("utf-8"), "text/plain"))
    assert isinstance(result, Article)
    assert result.format == "text" and result.language == "de" and result.body == text


def test_utf16_page_with_a_byte_order_mark() -> None:
    result = extract_article(_page(_html(ENGLISH_STORY).encode("utf-16")))
    assert isinstance(result, Article) and result.body.startswith("The harbour bridge reopened")


def test_zip_archive_is_refused() -> None:
    assert "ZIP" in _failure_reason(b"PK\x03\x04" + b"\x14\x00" * 50)
