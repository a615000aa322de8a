"""The pure helpers behind the pages: quote segments, the timeline geometry and the escaping rules."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import storyline.serve
from storyline.serve.highlight import SPEAKER_COLOURS, Segment, paragraph_segments, speaker_classes
from storyline.serve.render import safe_url, snippet
from storyline.serve.timeline import quote_timeline
from storyline.store.records import Quote, Span

BODY = "He said “stop the war” and “talk now”.\n\nShe agreed."


def quote(text: str, actor_id: int | None, *parts: str) -> Quote:
    spans = [Span(start=BODY.index(part), end=BODY.index(part) + len(part), text=part) for part in parts]
    return Quote(id=len(text), article_id=1, position=0, kind="direct", text=text, content=spans, cue=None,
                 speaker=None, actor_id=actor_id, speaker_name=None, article_title=None, outlet=None, published=None,
                 url=None)


def test_split_quote_is_marked_in_pieces_with_one_anchor():
    split = quote("stop the war talk now", 7, "stop the war", "talk now")
    first_paragraph_end = BODY.index("\n")
    segments = paragraph_segments(BODY, [[0, first_paragraph_end], [first_paragraph_end + 2, len(BODY)]], [split])
    assert segments[0] == [
        Segment("He said “"), Segment("stop the war", 0, anchor=True), Segment("” and “"),
        Segment("talk now", 0, anchor=False), Segment("”."),
    ]
    assert segments[1] == [Segment("She agreed.")]
    assert "".join(s.text for s in segments[0]) == BODY[:first_paragraph_end]


def test_overlapping_quotes_never_repeat_text():
    wide, narrow = quote("a", 1, "stop the war” and “talk"), quote("b", 2, "the war")
    segments = paragraph_segments(BODY, [[0, BODY.index("\n")]], [wide, narrow])[0]
    assert "".join(s.text for s in segments) == BODY[: BODY.index("\n")]


def test_speakers_get_colours_in_order_and_unresolved_get_none():
    quotes = [quote("a", 5, "stop"), quote("b", None, "talk"), quote("c", 3, "war"), quote("d", 5, "now")]
    assert speaker_classes(quotes) == {5: "speaker-0", 3: "speaker-1"}


def test_timeline_fills_empty_days_and_counts_undated():
    timeline = quote_timeline(["2025-03-13", "2025-03-13T10:00:00", "2025-03-15", None, "garbage"])
    assert timeline.unit == "day"
    counts = [(bar.label, bar.count) for bar in timeline.bars]
    assert counts == [("2025-03-11", 0), ("2025-03-12", 0), ("2025-03-13", 2), ("2025-03-14", 0),
                      ("2025-03-15", 1), ("2025-03-16", 0), ("2025-03-17", 0)]  # a short story within its week
    assert timeline.undated == 2 and timeline.peak == 2
    assert all(timeline.left <= bar.x and bar.x + bar.width <= timeline.width for bar in timeline.bars)


def test_timeline_of_a_long_story_uses_weeks_or_months():
    assert quote_timeline(["2025-01-01", "2025-06-30"]).unit == "week"
    assert quote_timeline(["2020-01-01", "2025-06-30"]).unit == "month"
    assert quote_timeline([None]) is None


def test_only_http_links_are_links():
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    for hostile in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>", "//evil.example", "http://"):
        assert safe_url(hostile) is None


def test_snippet_lets_only_mark_through():
    raw = "a &lt;script&gt;x&lt;/script&gt; <mark>hit</mark> <b>bold</b>"
    assert str(snippet(raw)) == "a &lt;script&gt;x&lt;/script&gt; <mark>hit</mark> &lt;b&gt;bold&lt;/b&gt;"


def test_every_two_speaker_colours_are_told_apart():
    """The tints of speakers 0-7 differ by at least 12 (CIE76 ΔE; about 2.3 is a just noticeable
    difference, and pale tints need much more): 0 and 5 were 11, 0 and 7 under 7."""
    css = (Path(storyline.serve.__file__).parent / "static" / "storyline.css").read_text()
    tints = dict(re.findall(r"\.speaker-(\d) mark, \.swatch\.speaker-\d \{ background: (#[0-9a-f]{6});", css))
    assert sorted(tints) == [str(i) for i in range(SPEAKER_COLOURS)]
    closest = min((delta_e(tints[a], tints[b]), a, b) for a, b in itertools.combinations(sorted(tints), 2))
    assert closest[0] >= 12, closest


def delta_e(first: str, second: str) -> float:
    return math.dist(cie_lab(first), cie_lab(second))


def cie_lab(hex_colour: str) -> tuple[float, float, float]:
    """An sRGB colour in CIE L*a*b* (D65)."""
    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))
