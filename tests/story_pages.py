"""Real-shaped news pages for the story tests: three outlets covering two events, and a page
that bridges them. Plain-text page scrapes (site name, headline, date line, story), as
`storyline ingest` reads them."""

from __future__ import annotations

FLOOD = [
    ("Harbour Times", "Storm Elin floods Porto Velho harbour, hundreds evacuated", "2026-03-02", """
Storm Elin pushed the Madeira River over its banks on Monday, flooding the harbour district of Porto Velho and forcing about 600 residents from their homes.
Civil defence chief Marta Quintela said the water rose by almost two metres in six hours. "We have never seen the harbour go under this fast," Quintela said.
Governor Rafael Antunes declared an emergency in Porto Velho and asked the army for boats to reach families on the roofs of the warehouses along the river.
The state weather service warned that Storm Elin would bring more rain to Rondonia until Wednesday."""),
    ("Coastline News", "Porto Velho under water as Storm Elin swells the Madeira River", "2026-03-02", """
The Madeira River burst its banks in Porto Velho on Monday as Storm Elin dumped heavy rain across Rondonia, and rescuers evacuated some 600 people from the harbour district.
Marta Quintela, who leads the civil defence service, told reporters that the water had climbed nearly two metres in six hours.
Governor Rafael Antunes said army boats would reach the families stranded near the warehouses. "No one will be left behind in Porto Velho," Antunes said.
Forecasters expect Storm Elin to keep raining over the region until Wednesday."""),
    ("Daily Ledger", "Army boats rescue families as Storm Elin floods Porto Velho", "2026-03-03", """
Army boats ferried families out of the flooded harbour district of Porto Velho on Tuesday, a day after Storm Elin sent the Madeira River over its banks.
About 600 residents spent the night in schools, civil defence chief Marta Quintela said, adding that the river was still rising.
Governor Rafael Antunes thanked the soldiers and said the state would pay for repairs to the warehouses and homes along the river.
Storm Elin is expected to weaken over Rondonia on Wednesday, the weather service said."""),
]

RESIGNATION = [
    ("Harbour Times", "Transport minister Helga Kessler resigns over Nordbahn rail contract", "2026-03-02", """
Transport minister Helga Kessler resigned on Monday after auditors found that the Nordbahn rail contract had been awarded without a tender.
The federal audit office said the 4.2 billion euro contract for new trains on the northern line broke procurement rules.
"I take political responsibility for the mistakes in my ministry," Kessler said at a news conference in Berlin.
Chancellor Jonas Albrecht accepted the resignation and named state secretary Udo Brandt as acting minister."""),
    ("Coastline News", "Helga Kessler quits after audit of Nordbahn train deal", "2026-03-02", """
Helga Kessler stepped down as transport minister on Monday, hours after the federal audit office said the Nordbahn train contract skipped a public tender.
The auditors found that the 4.2 billion euro deal for the northern line was signed without competing bids.
Chancellor Jonas Albrecht said he respected Kessler's decision. "She has done the right thing," Albrecht told reporters in Berlin.
State secretary Udo Brandt will run the transport ministry until a successor is named."""),
    ("Daily Ledger", "Acting minister Udo Brandt orders review of Nordbahn contract after Kessler exit", "2026-03-03", """
Acting transport minister Udo Brandt on Tuesday ordered a review of the Nordbahn rail contract, a day after Helga Kessler resigned over the deal.
Brandt said the ministry would follow every recommendation of the federal audit office on the 4.2 billion euro contract for the northern line.
"The tender rules apply to everyone," Brandt said in Berlin.
Chancellor Jonas Albrecht is expected to name a new transport minister this week."""),
]

# A fourth outlet on each event: with the bridging page, a story of nine articles, where the
# stories' second look (a split at eight articles) finds two events.
FOURTH = [
    ("Valley Courier", "Porto Velho counts flood damage after Storm Elin", "2026-03-04", """
Residents of Porto Velho began returning to the harbour district on Wednesday as the Madeira River fell after Storm Elin.
Civil defence chief Marta Quintela said mud and debris filled dozens of warehouses and homes along the river.
Governor Rafael Antunes promised emergency funds for the families who lost their homes in the flood.
The weather service said Storm Elin had moved away from Rondonia."""),
    ("Valley Courier", "Parliament questions Udo Brandt on Nordbahn contract", "2026-03-04", """
Members of parliament questioned acting transport minister Udo Brandt on Wednesday about the Nordbahn rail contract that cost Helga Kessler her job.
Brandt told the transport committee that the audit office would review every contract of the northern line.
Chancellor Jonas Albrecht's office said a new minister would be named by Friday.
The 4.2 billion euro deal had been signed without a public tender, the auditors found."""),
]


def page_text(outlet: str, headline: str, date: str, story: str) -> str:
    paragraphs = "\n\n".join(line.strip() for line in story.strip().splitlines())
    return f"{outlet}\n\n{headline}\n\nPublished {date}\n\n{paragraphs}\n"


def pages(items) -> list[tuple[str, bytes]]:
    """(source name, page bytes) for each item, named after outlet and headline."""
    return [(f"{outlet.lower().replace(' ', '-')}-{headline[:20].lower().replace(' ', '-')}.txt",
             page_text(outlet, headline, date, story).encode()) for outlet, headline, date, story in items]


def bridging_page() -> tuple[str, bytes]:
    """One outlet's round-up that reports both events at length, taking turns from its lead on."""
    flood, resignation = (items[1][3].strip().splitlines() for items in (FLOOD, RESIGNATION))
    text = page_text("Evening Digest", "Storm Elin floods Porto Velho; Helga Kessler resigns over Nordbahn contract",
                     "2026-03-03", "\n".join(line for pair in zip(flood, resignation) for line in pair))
    return "evening-digest-roundup.txt", text.encode()



# The flood's later coverage: with FLOOD, a story of eight articles
# (the split's first checkpoint); each also says something of the shelters.
FLOOD_LATER = [
    ("Northern Post", "Madeira River stays high in flooded Porto Velho harbour", "2026-03-04", """
The Madeira River stayed over its banks in the harbour district of Porto Velho on Wednesday, two days after Storm Elin flooded it.
Civil defence chief Marta Quintela said the water was slowly dropping. Governor Rafael Antunes toured the warehouses by army boat.
Volunteers carried mattresses to the evacuees, education secretary Lucia Farias said."""),
    ("River Gazette", "Storm Elin flood: Porto Velho harbour families wait to go home", "2026-03-05", """
Families from the flooded harbour district of Porto Velho waited on Thursday for the Madeira River to fall, three days after Storm Elin.
Governor Rafael Antunes promised emergency funds, and civil defence chief Marta Quintela said army boats still patrol the warehouses.
Lessons for 9,000 pupils are suspended, education secretary Lucia Farias said."""),
    ("Harbour Times", "Madeira River falls half a metre in Porto Velho after Storm Elin", "2026-03-06", """
The Madeira River fell by half a metre in Porto Velho on Friday as Storm Elin moved away from Rondonia, civil defence chief Marta Quintela said.
Governor Rafael Antunes said the flooded harbour district would need weeks of repairs.
School kitchens are cooking for the evacuated families in the shelters, Lucia Farias said."""),
    ("Coastline News", "Flood families begin returning to Porto Velho harbour", "2026-03-07", """
The first families went home to the harbour district of Porto Velho on Saturday as the Madeira River fell after Storm Elin.
Marta Quintela of the civil defence service said mud still fills the warehouses. Governor Rafael Antunes said the state would pay for repairs.
The 14 schools used as shelters will reopen for their 9,000 pupils once cleaned, education secretary Lucia Farias said."""),
    ("Daily Ledger", "Porto Velho warehouses reopen as Madeira River recedes", "2026-03-08", """
Traders reopened the first warehouses in the harbour district of Porto Velho on Sunday as the Madeira River receded after Storm Elin.
Governor Rafael Antunes and civil defence chief Marta Quintela walked through the mud-covered streets with army engineers.
Volunteers are cleaning the classrooms and kitchens of the schools that sheltered the evacuees, Lucia Farias said."""),
]

# An early report on the flood's shelters, before the flood's story says anything about them: it
# starts a story of its own, which the grown story adopts.
FLOOD_SHELTERS = ("City Bulletin", "Classrooms become shelters, lessons suspended for 9,000 pupils", "2026-03-03", """
Education secretary Lucia Farias suspended lessons for 9,000 pupils on Tuesday and opened 14 schools as shelters for the flood's evacuees.
Volunteers carried mattresses into the classrooms and school kitchens began cooking for the families. "The schools are safe and dry," Farias said.
Lessons will resume when the families can go home, the secretary said.""")

# A flood of the same kind in another city: a sibling event that the grown story must not take in.
OTHER_FLOOD = ("Valley Courier", "Manaus fish market under water after Negro River overflows", "2026-03-03", """
Heavy rain sent the Negro River into the waterfront of Manaus on Tuesday, and firefighters moved about 300 people to a sports hall.
Mayor Paulo Serra said the water rose a metre overnight and flooded the fish market. "The market will stay closed until the river falls," Serra said.
Forecasters expect drier weather over Amazonas by Thursday.""")
