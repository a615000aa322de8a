"""Text from pages, file names, URLs and feeds reaches the terminal as literal text.

Rich reads `[...]` in any string as markup: a URL ending in `[/b]` crashed the run, and a file
named `tiny[bold red]RED.html` printed as `tinyRED.html`. Escape sequences in a name or a
title could rewrite the terminal. So every console the CLI prints with reads no markup and
no emoji codes, and shows each control character (other than line breaks and tabs) as �,
one character for one, so that offsets into a body still fit. Styling is given as styles.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: str) -> str:
    """The text with every control character but \\n and \\t shown as �."""
    return _CONTROL.sub("\ufffd", text)


class LiteralConsole(Console):
    """A Rich console for which every string is literal text: no markup, no emoji codes, no
    control characters. Rich Text objects built by hand need `literal` themselves."""

    def __init__(self, **options) -> None:
        super().__init__(markup=False, emoji=False, **options)

    def render_str(self, text: str, **options) -> Text:
        return super().render_str(literal(text), **options)
