"""Real-shaped news pages for the quote-thread tests: one port strike reported by an agency, a
reprint of its copy, and outlets that trim, elide, alter, paraphrase or misattribute its quotes.
Plain-text page scrapes (site name, headline, date line, story), as `storyline ingest` reads them."""

from __future__ import annotations

from story_pages import pages

QUOTE = ("We will not accept any deal that leaves our members without a pay rise this year, and we "
         "will stay out until the port authority puts a real offer on the table")

AGENCY = ("AP News", "Rotterdam dockworkers strike over pay as port talks stall", "2026-04-07T08:10:00+00:00", f"""
ROTTERDAM, Netherlands (AP) — Thousands of dockworkers walked off the job at the port of Rotterdam on Tuesday after talks over pay broke down, leaving container ships waiting at anchor in the North Sea.
"{QUOTE}," union leader Pieter de Vries told reporters outside the container terminal on the Maasvlakte.
The port authority said the strike would delay the unloading of about forty ships this week and that it was ready to return to the table at any time.
"The talks could collapse by Friday," said one official close to the negotiations, who spoke on condition of anonymity because he was not authorized to discuss them.
Rotterdam is Europe's largest port, and shipping companies warned that the strike could ripple through supply chains across the continent if it lasts more than a few days.
Dockworkers last went on strike at the port in 2019, when a walkout over automation lasted six days.""")

REPRINT = ("Harbour Times", "Rotterdam dockworkers strike over pay", "2026-04-07T11:30:00+00:00", AGENCY[3].replace(
    "Thousands of dockworkers", "Several thousand dockworkers"))

TRIMMED = ("Coastline News", "Dockers shut Rotterdam port in pay row", "2026-04-07T12:00:00+00:00", """
Dockworkers at Rotterdam shut down the container terminals on Tuesday in a dispute over wages, the first strike at the port in seven years.
"We will not accept any deal that leaves our members without a pay rise this year," union leader Pieter de Vries said, standing with strikers at the gates.
Shipping lines said vessels bound for Rotterdam might be diverted to Antwerp and Hamburg.
Port authority spokesperson Anna Smit said the authority regretted the walkout.""")

ELIDED = ("Daily Ledger", "Rotterdam strike: union vows to stay out", "2026-04-07T13:00:00+00:00", """
The union behind the strike at Rotterdam's port said on Tuesday its members would not return to work without a better offer.
"We will not accept any deal ... and we will stay out until the port authority puts a real offer on the table," union leader Pieter de Vries said.
The walkout halted work at the container terminals for the first time since 2019.
Economists said a long strike would hurt Dutch exports.""")

ALTERED = ("Evening Digest", "Port of Rotterdam at a standstill as dockers walk out", "2026-04-07T14:00:00+00:00", """
The port of Rotterdam was at a standstill on Tuesday as dockworkers began an open-ended strike over pay.
"We will not accept any deal that leaves our workers without a pay rise this year," union leader Pieter de Vries said at a rally on the quay.
Ships queued outside the harbour as cranes stood idle across the container terminals.
Retailers warned of shortages if the strike went on into next week.""")

PARAPHRASE = ("North Star", "Dockers strike in Rotterdam", "2026-04-07T15:00:00+00:00", """
Dockworkers in Rotterdam went on strike on Tuesday after pay talks with the port authority failed.
Union leader Pieter de Vries said that the union would not accept a deal that left its members without a pay rise this year.
The strike is the first at Europe's largest port since 2019.
Container lines said they were rerouting ships to other ports in the region.""")

SHIFTED = ("Morning Post", "Rotterdam port strike halts shipping", "2026-04-07T16:00:00+00:00", """
Shipping at Rotterdam came to a halt on Tuesday as dockworkers struck over pay at Europe's largest port.
"We will not accept any deal that leaves our members without a pay rise this year," port authority spokesperson Anna Smit said.
Ships waited at anchor in the North Sea while the container terminals stood empty.
The union said the strike would last until a new offer was made.""")

STRIKE = [AGENCY, REPRINT, TRIMMED, ELIDED, ALTERED, PARAPHRASE, SHIFTED]


def strike_pages() -> list[tuple[str, bytes]]:
    return pages(STRIKE)


# Weeks later, another event: de Vries repeats his line (a thread across stories, one speaker),
# and a minister uses the same words (another speaker in another story: no link).
CONGRESS = ("Harbour Times", "Dock union re-elects Pieter de Vries at congress in Utrecht", "2026-05-20T09:00:00+00:00", """
The Dutch dockworkers' union re-elected Pieter de Vries as its chairman on Wednesday at its annual congress in Utrecht, where delegates debated automation and pensions.
"We will not accept any deal that leaves our members without a pay rise this year," Pieter de Vries told the delegates, to loud applause in the congress hall.
Delegates also voted to open a fund for members who lose their jobs to automated cranes.
The congress ends on Friday with a vote on the union's pension policy.""")

BUDGET = ("Coastline News", "Finance minister Karin Mol presents spring budget in The Hague", "2026-05-21T10:00:00+00:00", """
Finance minister Karin Mol presented the spring budget in The Hague on Thursday, cutting spending on defence procurement and raising the tax on tobacco.
"We will not accept any deal that leaves our members without a pay rise this year," Mol said, quoting a union leader in a debate on public sector wages in parliament.
Opposition parties said the budget did too little for households facing higher energy bills.
The budget will be put to a vote in parliament next month.""")


def halves() -> list[tuple[str, bytes]]:
    """Two outlets each run a different half of one long quote; a third runs it whole."""
    first = "The tide barrier at Hoek van Holland will close tonight for the first time this year"
    second = "and every ship in the channel must be at its berth by nine o'clock"
    items = [(outlet, headline, "2026-04-08T0%d:00:00+00:00" % n, f"""
The Dutch coast braced for a storm surge on Wednesday, with gale force winds over the North Sea.
"{said}," harbour master Joost Bakker said in a statement from the port's control centre.
Ferries between Hoek van Holland and Harwich were cancelled for the day.""")
             for n, (outlet, headline, said) in enumerate([
                 ("Harbour Times", "Tide barrier to close as gale hits Rotterdam", first),
                 ("Coastline News", "Ships ordered to berth as storm surge nears Rotterdam", second),
                 ("Daily Ledger", "Rotterdam closes its storm barrier", f"{first}, {second}")], start=1)]
    return pages(items)


# A short name moves between actors: "Jansen", taken for the mayor Pieter Jansen while he was
# the only Jansen, goes to an actor of its own when the swimmer Karin Jansen arrives, and a
# later article (another story) quotes "Jansen" word for word.
JANSEN_SAID = "We will not let this port close for a single day longer than it must"

MOVED = [
    ("Harbour Times", "Mayor Pieter Jansen opens the new Maashaven ferry terminal", "2026-03-10T09:00:00+00:00", """
Mayor Pieter Jansen opened the new ferry terminal at Maashaven on Tuesday, two years after work began on the south bank of the Maas.
"This terminal brings the two banks of our city together," Pieter Jansen said at the opening ceremony.
The terminal will carry about four thousand passengers a day between the city centre and the southern districts.
The city council paid 30 million euros for the building and the new quay."""),
    ("Coastline News", "Port talks resume as strike enters second week", "2026-04-14T10:00:00+00:00", f"""
Talks between the dockworkers' union and the port employers resumed on Tuesday as the strike at the container terminals entered its second week.
"{JANSEN_SAID}," Jansen told reporters outside the talks, adding that both sides had moved closer on pay.
Dozens of container ships are still waiting at anchor in the North Sea.
Shipping lines have diverted some cargo to Antwerp and Hamburg."""),
    ("Daily Ledger", "Karin Jansen wins the 200 metres butterfly at the European swimming championships", "2026-04-21T18:00:00+00:00", """
Karin Jansen won the 200 metres butterfly at the European swimming championships in Budapest on Tuesday, the first Dutch gold of the meeting.
"I knew from the last turn that nobody could catch me," Karin Jansen said after the race.
The 22-year-old from Eindhoven finished more than a second ahead of the Hungarian favourite.
The championships end on Sunday with the relays."""),
    ("North Star", "Harbour congress debates automation and pensions", "2026-05-26T09:00:00+00:00", f"""
Delegates at the harbour workers' congress in Utrecht debated automation and pensions on Tuesday, a month after the strike ended.
"{JANSEN_SAID}," Jansen said in his opening speech, recalling the weeks of the strike.
Delegates voted to open a fund for members who lose their jobs to automated cranes.
The congress ends on Friday with a vote on the pension policy."""),
]
