"""News-page boilerplate that survives generic extraction: promos, share bars, sign-ups, credits.

The rules are written for news pages in general, never for one site. They only ever look at
short blocks, so a real paragraph that happens to mention a newsletter is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Blocks longer than this many words are article prose, whatever words they contain.
SHORT_BLOCK_WORDS = 40
# A sentence this long after a link list is the story again, not another link.
LIST_ENTRY_WORDS = 15

# A short block that is one of these is page furniture, not article text.
_FURNITURE = re.compile(
    r"""^(?:
        (?:advertisement|advert|ad|sponsored|promoted)(?:\s*[·•|-]\s*scroll\ to\ continue)?
      | back\ to\ (?:gallery|top|home)
      | close | enlarge\ image | next | previous | view\ all(?:\ \(\d+\))?
      | (?:image|photo|picture|slide)\ \d+\ (?:of|/)\ \d+
      | scroll\ to\ continue
      | (?:story\ )?continues?\ (?:below|after\ (?:the\ )?advertisement)
      | (?:share|tweet|email|print|comments?)(?:\s+(?:this|on\ \w+))?
      | \d*\s*comments?
      | (?:tags?|temas|themen|schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|mots-cl(?:é|e)s|argomenti|tematy):?
      | filed\ under:?.*
      | (?:photo|image|video|picture)s?\s*(?:credit)?\s*:.*
      | (?:photograph|credit|source|image\ source):\s.{0,80}
      | image\ copyright\b.{0,80}
      | (?:image|media)\ caption\b.* | media\ playback\ is\ unsupported.*
      | \d+\s+shares? | buffer | pin | whatsapp | pinterest | linkedin | facebook | twitter | reddit | flipboard
      | \(?(?:photo|image|credit)s?:?\s.{0,80}(?:getty|reuters|afp|ap|shutterstock|istock)\b.*
      | (?:©|copyright\b|\(c\)).{0,120}
      | all\ rights\ reserved\.?
      | (?:thanks|thank\ you)\ for\ (?:signing\ up|subscribing|reading).*
      | there\ was\ an\ error.*
      | sorry!?
      | thank\ you!?
      | like\ this\ story\?.*
      | have\ a\ tip\?.*
      | this\ copy\ is\ for\ your\ personal.*
      | this\ article\ has\ been\ sent\ to.*
      | we\ use\ cookies.*
      | (?:listen|download|itunes|spotify|apple\ podcasts|subscribe)\s*:\s*https?://\S+
      | (?:updated|published|posted|last\ modified)\b.{0,60}
      | \(?(?:additional\ )?reporting\ by\b.*
      | source:\s.{0,60}
      | if\ you\ enjoyed\ this\ (?:article|story).*
      | tell\ us\ what\ you\ think.*
      | (?:weitere|mehr|zusatz)\ ?(?:informationen|infos)\b.{0,60}: | more\ information\b.{0,40}: | plus\ d'informations?\ ?:
      | (?:weitere|mehr)\ (?:informationen|infos)\ (?:unter|auf|bei)\ \S+ | more\ info(?:rmation)?\ (?:at|on)\ \S+
      | (?:kontakt|contact|ansprechpartner(?:in)?|pressekontakt|media\ contact)\b.{0,40}:
      | anzeige(?:\s*[-–:|].*)?
      | \d+\s*min(?:ute)?s?\.?\ read | (?:reading\ time|lesezeit|lesedauer|temps\ de\ lecture|tiempo\ de\ lectura)\b.{0,30}
      | .{0,30}\bprzeczytasz\ w\b.{0,30}
      | .*\b(?:  # one scan for the phrases that may come anywhere in the line
            (?:pdf|docx?|xlsx?|pptx?|zip)\b\W{0,3}\d+(?:[.,]\d+)?\s?[kmg]i?b\b.*
          | click\ to\ tweet | accept\ (?:all\ )?cookies.*
          | contributed\ (?:reporting\ )?to\ this\ (?:report|story|article)\.?\)?)
      | \(?(?:[^\W\d_]{2,5}/){1,3}[^\W\d_]{2,5}\)?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A short block starting like this is a call to action pointing away from the article.
_CALL_TO_ACTION = re.compile(
    r"""^(?:
        (?:read|see|watch|listen)\ (?:more|also|next|now)\b
      | (?:also\ )?read:
      | related(?:\ (?:articles?|stories|coverage|content|reading))?:?
      | more:\s
      | also\ on\ \S+
      | (?:most\ )?(?:popular|read|viewed)\ (?:in|on|stories|now)\b
      | don'?t\ miss | you\ (?:may|might)\ (?:also\ )?like | recommended(?:\ for\ you)?:?
      | (?:sign\ up|subscribe|register)\b
      | (?:get|receive)\ (?:the|our)\ .{0,40}\b(?:newsletter|inbox|app)\b
      | share\ (?:this|on|via)\b
      | download\ (?:our|the)\ .{0,30}\bapp\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Anywhere in a short block, these mark it as an invitation or a credit, not reporting.
_PROMO_ANYWHERE = re.compile(
    r"""(?:
        \bclick\ here\b
      | \bfollow\ (?:us|him|her|them|\S+\ on|@\w+)\b.{0,160}\b(?:twitter|facebook|instagram|linkedin|youtube)\b
      | \bfollow\ .{0,60}\bcoverage\b
      | \b(?:our|unser\w*|notre|nuestro|the)\ (?:free\ |daily\ |weekly\ )?newsletter\b
      | \bnewsletter\ (?:an|ab)melden | \b(?:sign(?:ing)?\ up|subscrib\w*)\b.{0,40}\bnewsletter\b
      | \b(?:email|contact|write\ to|reach)\ .{0,80}\b(?:at|on)\ \S*(?:@|twitter)
      | \b(?:photo|image|picture|foto)s?\b.{0,60}(?:©|\bcredit\b|\bcourtesy\b)
      | \b(?:please\ subscribe|already\ a\ subscriber|subscribe\ to\ (?:our|the)|sign\ up\ here)\b
      | \bdownload\ (?:the|our)\ .{0,40}\bapps?\b | \bnicht\ eingeloggt\b | \bunterstütze\ \w+
      | \b(?:our|unsere[nm]?)\ (?:advertisers|werbepartner)\b | \bletters?\ to\ the\ editor\b
      | \bim\ abo\b | \bjetzt\ abonnieren\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Words one of which every match of _PROMO_ANYWHERE holds (its non-ASCII ones left out, see _found).
_PROMO_HINTS = (
    "click", "follow", "newsletter", "@", "twitter", "credit", "courtesy", "subscri", "sign up here",
    "download", "eingeloggt", "advertisers", "werbepartner", "editor", "abo",
)

# A line naming where the story or its picture came from: "Quelle: dpa", "Titelbild: Reuters".
_CREDIT_LINE = re.compile(
    r"(?:quellen?|quellenangaben|titelbild|bildquelle|fuente|fonte|release\ date)\s?:.{0,80}$", re.IGNORECASE | re.VERBOSE
)

# A caption ends with the picture's credit: "(Image: Getty)", "Credit: EPA", "| Reuters".
_CAPTION_CREDIT = re.compile(
    r"""(?:\((?:image|photo|picture|credit)s?:?\s[^()]{1,60}\)
      | \b(?:image|photo|picture)?\s*credit:\s[^.]{1,60}
      | [|/]\s*(?:getty\ images|reuters|afp|ap|bloomberg|epa|shutterstock)\b[^.]{0,30}
      | \bgetty\ images(?:\ for\ [^.]{1,40})?\)?)\.?$""",
    re.IGNORECASE | re.VERBOSE,
)

# Text every match of _CAPTION_CREDIT holds.
_CAPTION_HINTS = ("(", "credit", "|", "/", "getty")

# A short line made mostly of numbers with a year or a clock time is a dateline or timestamp.
_DATE_PART = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b")

# "Read also" in the languages news pages come in: before a link, or heading a list of links.
_READ_ALSO = r"""(?:(?:read|see)\ also | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy)
      | você\ pode\ gostar | leia\ (?:também|mais) | veja\ também
      | lee\ (?:también|más) | (?:le|te)\ puede\ interesar | puedes\ ver | noticias\ relacionadas
      | lesen\ sie\ (?:auch|mehr) | auch\ lesen | schon\ gelesen | auch\ interessant | mehr\ zum\ thema
      | zum\ weiterlesen | weitere\ (?:artikel|beiträge|nachrichten|meldungen) | ähnliche\ artikel
      | das\ könnte\ sie\ auch\ interessieren
      | leggi\ anche | articoli\ correlati | (?:à\ )?lire\ aussi | à\ voir\ aussi | voir\ aussi | sur\ le\ même\ sujet
      | czytaj\ (?:też|także|również) | zobacz\ (?:też|także|również) | lees\ ook
      | 관련\s*기사 | 関連記事 | 相关文章)"""

# A standalone heading that introduces a list of links to other stories.
_LINK_LIST_HEADING = re.compile(
    r"""(?:related(?:\ (?:articles?|stories|posts|coverage|content|reading|news))? | see\ also
      | read\ (?:more|also|next) | up\ next | more\ (?:on\ this|from|stories|news|like\ this|in|on)\b.{0,40}
      | more\b.{0,30}\bstories | featured\ videos? | don'?t\ miss | recommended(?:\ for\ you)?
      | (?:most\ )?(?:popular|read|viewed|trending)(?:\ (?:now|stories|news|articles|today))?
      | (?:vorschau\ auf\ (?:den|die)\ )?nächste[rns]?\ (?:artikel|beitrag) | next\ (?:article|post|story) | article\ suivant
      | (?:top-\d+\ )?meist[-\ ]?(?:gelesen|diskutiert|kommentiert|geteilt)\w* | (?:also|auch|aussi)\ (?:on|auf|sur)\ \S+\.[a-z]{2,4}
      | more | top-themen\b.{0,30}
      | """ + _READ_ALSO + r""".{0,30}
    )[:.…!?]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A short block opening with "read also:" is a link to another story.
_READ_ALSO_LINK = re.compile(_READ_ALSO + r"\s*:", re.IGNORECASE | re.VERBOSE)

# Words a date or time stamp holds besides numbers ("Updated 5:12 p.m. ET, Tue Nov 26, 2019").
_STAMP_WORDS = frozenset(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept september
    oct october nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs
    thursday fri friday sat saturday sun sunday am pm a p m gmt utc bst et est edt cst cdt pst pdt cet
    cest updated published posted last modified on at
    januar februar märz mai juni juli oktober dezember montag dienstag mittwoch donnerstag freitag
    samstag sonntag uhr um aktualisiert veröffentlicht stand
    janvier février mars avril juin juillet août septembre octobre novembre décembre lundi mardi
    mercredi jeudi vendredi samedi dimanche publié mis à jour le h
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre lunes
    martes miércoles jueves viernes sábado domingo actualizado publicado de del""".split()
)
_STAMP_TOKEN = re.compile(r"[^\W\d_]+|\d+")


_NOT_LETTERS = re.compile(r"[\W_]+")
_CLOSED_SENTENCE = re.compile(r"\w[.!?…。！？]")
# Fewer words than this, even with a full stop, is a label rather than a sentence.
SENTENCE_WORDS = 4


PROMO, CREDIT = "promo", "credit"


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of a page: its text and what kind of element held it."""

    text: str
    kind: str = "p"  # trafilatura's element names: p, head, item, quote, row, ...


def word_count(text: str) -> int:
    return len(text.split())


def is_boilerplate(text: str) -> bool:
    """True for a short line that is page furniture or a call to action."""
    return boilerplate_kind(text) is not None


def boilerplate_kind(text: str) -> str | None:
    """PROMO for a line that may head a list of links (a call to action, 'Tags:', 'read also'),
    CREDIT for a date stamp or a credit, after which a list is content; None for text."""
    line = text.strip().strip("|").strip()
    if not line:
        return PROMO
    if word_count(line) > SHORT_BLOCK_WORDS:
        return None
    lowered = line.lower() if line.isascii() else None
    if (
        _FURNITURE.match(line)
        or _CALL_TO_ACTION.match(line)
        or _found(_PROMO_ANYWHERE, _PROMO_HINTS, line, lowered)
        or _READ_ALSO_LINK.match(line)
    ):
        return PROMO
    if is_timestamp(line) or _CREDIT_LINE.match(line) or _found(_CAPTION_CREDIT, _CAPTION_HINTS, line, lowered):
        return CREDIT
    return None


def _found(pattern: re.Pattern, hints: tuple[str, ...], line: str, lowered: str | None) -> bool:
    """pattern.search(line), without running the pattern on an ASCII line (`lowered`: its lower
    case) that holds none of the words every match holds: a scan of the line per alternative
    costs ten times the substring tests. Under IGNORECASE an ASCII line matches as its lower case;
    other lines always run the pattern."""
    if lowered is not None and not any(hint in lowered for hint in hints):
        return False
    return pattern.search(line) is not None


def is_timestamp(line: str) -> bool:
    """A date or 'updated' stamp: a short line of numbers with a year or a time, and besides them
    only month, weekday and stamp words ("Buchhaltung 2019" or a table row is not one)."""
    if not _DATE_PART.search(line):  # most lines: no year or time, no need to read their words
        return False
    tokens = _STAMP_TOKEN.findall(line.casefold())
    words = [token for token in tokens if not token.isdigit()]
    return len(tokens) <= 12 and all(word in _STAMP_WORDS for word in words)


def has_sentence(text: str) -> bool:
    """A run of words closed by sentence punctuation: what menus and link lists lack."""
    if not _CLOSED_SENTENCE.search(text):
        return False
    return word_count(text) >= SENTENCE_WORDS or not text.isascii()


def is_link_list_heading(text: str) -> bool:
    return bool(_LINK_LIST_HEADING.match(text.strip()))


def same_text(a: str, b: str) -> bool:
    """Equal once case, punctuation and spacing are ignored (a repeated headline)."""
    return comparable(a) == comparable(b) != ""


def is_headline(text: str, title: str) -> bool:
    """The line is the title, or the title with the site name or a kicker trimmed off it."""
    line, headline = comparable(text), comparable(title)
    return bool(line) and (line == headline or (len(line) > 20 and line in headline))


def comparable(text: str) -> str:
    """The text's letters and digits, lower-cased: the key for 'the same line'."""
    return _NOT_LETTERS.sub("", text.casefold())


def _is_comparable_to(text: str, key: str) -> bool:
    """comparable(text) == key, without reading all of a long paragraph: comparable works
    character by character, so a start of the text that does not begin the key ends it."""
    start = comparable(text[: len(key) + 1])
    if len(start) > len(key) or not key.startswith(start):
        return False
    return comparable(text) == key


def in_link_lists(blocks: list[Block]) -> list[bool]:
    """Which blocks belong to a 'related stories' list: its heading, then its short entries,
    up to the first real paragraph (lists sit inside a story as often as after it)."""
    flags, inside = [], False
    for block in blocks:
        if is_link_list_heading(block.text):
            inside = True
        elif inside and word_count(block.text) >= LIST_ENTRY_WORDS and has_sentence(block.text):
            inside = False
        flags.append(inside)
    return flags


def drop_boilerplate(blocks: list[Block], title: str | None) -> list[Block]:
    """Remove repeated headlines, furniture lines and 'related stories' link lists."""
    kept: list[Block] = []
    after_promo = False
    headline = comparable(title or "")
    for block, in_link_list in zip(blocks, in_link_lists(blocks), strict=True):
        if after_promo and block.kind == "item":
            continue  # list items right after a promo line are the promo's links
        after_promo = False
        if in_link_list or (headline and _is_comparable_to(block.text, headline)):
            continue
        if kind := boilerplate_kind(block.text):
            # a date or a credit is no promo: the list after it ("Termine 2020") is content
            after_promo = kind == PROMO
            continue
        kept.append(block)
    return kept
