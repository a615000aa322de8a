"""A news page as first published and as the outlet later rewrote it: a new headline and
standfirst, a paragraph added at the top, one edited, one dropped, a quote trimmed, one quote
pinned on someone else and one new quote. Plain-text page scrapes, as `storyline ingest` reads them."""

from __future__ import annotations

from story_pages import page_text

NAME = "harbour-times-storm-elin.txt"
URL = "https://harbour-times.example/2026/03/02/storm-elin-porto-velho"

FIRST = ("Harbour Times", "Storm Elin floods Porto Velho harbour", "2026-03-02", """
Storm Elin pushed the Madeira River over its banks on Monday, flooding the harbour district of Porto Velho and forcing about 600 residents from their homes.
Civil defence chief Marta Quintela said the water rose by almost two metres in six hours. "We have never seen the harbour go under this fast, and we are asking everyone near the river to leave tonight," Quintela said.
Governor Rafael Antunes declared an emergency in Porto Velho and asked the army for boats.
"The warehouses along the river are lost," said dock worker Paulo Reis.
The state weather service warned that Storm Elin would bring more rain to Rondonia until Wednesday.""")

SECOND = ("Harbour Times", "Storm Elin floods Porto Velho harbour, hundreds evacuated", "2026-03-02", """
Army boats reached families stranded on warehouse roofs late on Monday, the fire service said.
Storm Elin pushed the Madeira River over its banks on Monday, flooding the harbour district of Porto Velho and forcing about 800 residents from their homes.
Civil defence chief Marta Quintela said the water rose by almost two metres in six hours. "We have never seen the harbour go under this fast," Quintela said.
Governor Rafael Antunes declared an emergency in Porto Velho and asked the army for boats.
"The warehouses along the river are lost," said Governor Rafael Antunes.
"No one will be left behind in Porto Velho," Antunes said.""")


def version(item) -> bytes:
    return page_text(*item).encode()
